package distill

import (
	"regexp"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Settings read at run time: get_config("verify_emails"),
// org.get_setting("auth_password_login_enabled"),
// Their value is the deployment's; where the
// code shows no default the spec declares the parameter without one
// (Allium allows a mandatory config parameter), typed by its name.

var (
	boolSettingName = regexp.MustCompile(`(^|_)(enabled|disabled|required|allowed|enable|disable)$|^(is|allow|enable|disable|require|verify|activate|use|send|show|can|has)_`)
	intSettingName  = regexp.MustCompile(`(^|_)(length|count|limit|size|num|number|max|min|attempts|requests|retries)($|_)`)
)

// envDefault is the default of a setting read from the environment, with
// the cast the code gives it: parse_boolean(os.environ.get("X", "true")) is
// true, int(os.getenv("X", "5")) is 5, os.environ.get("X", "") is "".
// nil when v is no such read or its default is not a literal.
func (b *builder) envDefault(v *facts.Expr) *facts.Expr {
	if v == nil || v.Kind != facts.ExprCall {
		return nil
	}
	getter := func(c *facts.Expr) *facts.Expr {
		d, _ := b.envRead(c)
		return d
	}
	if d := getter(v); d != nil {
		if d.IsLiteral() {
			return d
		}
		return nil
	}
	if len(v.Args()) != 1 || len(v.Keywords()) != 0 {
		return nil
	}
	d := getter(&v.Args()[0])
	cast := strings.ToLower(facts.LastSegment(v.Raw()))
	if d != nil && cast == "int" && d.Kind != facts.ExprString {
		// int(os.environ.get("X", 60 * 60 * 24 * 7)): a number given as one.
		if _, ok := evalInt(d); ok {
			return d
		}
		return nil
	}
	if d == nil || d.Kind != facts.ExprString {
		return nil
	}
	if catalog.MatchAny(b.lang.EnvSetReaders, v.Resolved(), v.Raw()) {
		// set_from_string(os.environ.get("X", "a.com,b.com")): the set of
		// the default's items.
		var items []facts.Expr
		for _, part := range strings.Split(d.Value(), ",") {
			if part = strings.TrimSpace(part); part != "" {
				items = append(items, facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: part, Line: d.Line()}))
			}
		}
		if len(items) == 0 {
			return nil // no items: nothing is turned away by default, no set to state
		}
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprSet, Args: items, Line: d.Line()})
	}
	switch {
	case cast == "int":
		if _, ok := evalInt(facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: d.Value()})); ok && d.Value() != "" {
			return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: d.Value(), Line: d.Line()})
		}
	case strings.Contains(cast, "bool"):
		switch strings.ToLower(strings.TrimSpace(d.Value())) {
		case "true", "1", "yes", "on", "y", "t":
			return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: "true", Line: d.Line()})
		case "false", "0", "no", "off", "n", "f", "":
			return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: "false", Line: d.Line()})
		}
	}
	return nil
}

// envRead reports whether c reads a setting from the environment (a
// config getter given the setting's name) and returns the default it
// gives, nil when it gives none.
func (b *builder) envRead(c *facts.Expr) (*facts.Expr, bool) {
	if c == nil || c.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.ConfigGetters, c.Resolved(), c.Raw()) || len(c.Args()) == 0 || c.Args()[0].Kind != facts.ExprString {
		return nil, false
	}
	if d := c.Keyword("default"); d != nil {
		return d, true
	}
	if len(c.Args()) == 2 {
		return &c.Args()[1], true
	}
	return nil, true
}

// unsetSetting reads `X is None` / `X is not None` of a module constant
// read from the environment with no default (MAIL_DEFAULT_SENDER =
// os.environ.get("MAIL_DEFAULT_SENDER", None)): whether the deployment
// sets it, a Boolean parameter config.<x>_configured that is false unless
// it does. nil when side is no such constant.
func (rc *ruleCtx) unsetSetting(side *facts.Expr, sc *scope) allium.Expr {
	if side.Kind != facts.ExprName && side.Kind != facts.ExprAttr {
		return nil
	}
	c := rc.b.ix.constant(sc.file, side)
	if c == nil || c.as.Value == nil {
		return nil
	}
	d, ok := rc.b.envRead(c.as.Value)
	if !ok || d != nil && d.Kind != facts.ExprNone {
		return nil
	}
	name := snake(c.as.Name) + "_configured"
	if !isSnake(name) {
		return nil
	}
	return rc.b.literalConfig(name, "Boolean", &allium.Lit{Kind: allium.LitBool, Text: "false"}, c.file, c.as.Line)
}

// aliasConfig records key as another name of the constant a settings
// dict gives as its value ("auth_password_login_enabled":
// PASSWORD_LOGIN_ENABLED).
func (b *builder) aliasConfig(key string, v *facts.Expr) bool {
	if v == nil || v.Kind != facts.ExprName || b.configByKey[key] != nil {
		return false
	}
	if ci := b.configByKey[v.Name()]; ci != nil {
		b.configByKey[key] = ci
		return true
	}
	return false
}

// runtimeSetting is config.<key> for a setting read at run time that no
// code gives a default: a parameter without a default, typed by its name.
// nil for a key that is no plain name or names a secret.
func (b *builder) runtimeSetting(key string, f *facts.File, line int) allium.Expr {
	if ci := b.configByKey[key]; ci != nil {
		return b.useConfig(ci)
	}
	if ci := b.configByKey[strings.ToUpper(key)]; ci != nil {
		return b.useConfig(ci)
	}
	if strings.ToUpper(key) == key {
		// get_app_config("PRESET_ADMIN_NAME"): the application's
		// environment, not a setting an operator changes at run time.
		return nil
	}
	name := bindingName(strings.ToLower(key))
	if !isSnake(name) {
		return nil
	}
	typ := "String"
	for _, s := range durationSuffixes {
		if strings.HasSuffix(name, s.suffix) && len(name) > len(s.suffix) {
			typ = "Duration"
			name = strings.TrimSuffix(name, s.suffix)
			break
		}
	}
	if typ == "String" {
		switch {
		case boolSettingName.MatchString(name):
			typ = "Boolean"
		case intSettingName.MatchString(name):
			typ = "Integer"
		}
	}
	if typ == "String" && secretName.MatchString(key) {
		// A secret's value is no behaviour (a flag about passwords is).
		return nil
	}
	if ci := b.configByKey["literal:"+name]; ci != nil {
		// Read elsewhere with a default: that one.
		return b.useConfig(ci)
	}
	ck := "runtime:" + name
	ci := b.configByKey[ck]
	if ci == nil {
		ci = &configInfo{name: name, typ: typ, file: f, line: line, order: len(b.configByKey), runtime: true}
		b.configByKey[ck] = ci
	}
	return b.useConfig(ci)
}

// undefinedSetting is config.<key> for a setting read through the
// framework's settings object that no module of the service defines
// (taiga's settings.PUBLIC_REGISTER_ENABLED, auth/api.py:107, set by the
// deployment's own settings file): the deployment's value, declared
// without a default and typed by its name (runtimeSetting). nil for
// anything else: a name that is no upper-case setting name, and a setting
// the service defines, whose value made it a parameter or not (a dict of
// mailers is no String).
func (b *builder) undefinedSetting(f *facts.File, e *facts.Expr) allium.Expr {
	obj := b.lang.InstalledApps.Object
	key := e.Name()
	if obj == "" || key == "" || e.Resolved() != obj+"."+key || strings.ToUpper(key) != key || !isSnake(strings.ToLower(key)) ||
		b.definedSettings[key] {
		return nil
	}
	return b.runtimeSetting(strings.ToLower(key), f, e.Line())
}

// runtimeSettingCall is config.<key> for org.get_setting("key") and the
// other catalogued getters, read before the service's own method of that
// name is inlined (its body reads a store the spec does not model).
func (rc *ruleCtx) runtimeSettingCall(e *facts.Expr, names []string, sc *scope, out *[]allium.Stmt) *value {
	if e.Method() == "" || len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprString || !catalog.MatchAny(rc.b.lang.ConfigGetters, names...) {
		return nil
	}
	if v := rc.configSectionRead(e, sc, out); v != nil {
		return v
	}
	if x := rc.configGetter(e, sc); x != nil {
		return exprValue(x)
	}
	return nil
}

// configTruth is what testing a config parameter of a type other than
// Boolean for truth means (if get_config("registration_code"):): a String
// that is not empty, a number or a duration that is not zero. nil for anything else.
func (b *builder) configTruth(x allium.Expr) allium.Expr {
	m, ok := x.(*allium.Member)
	if !ok {
		return nil
	}
	if root, ok := m.X.(*allium.Ident); !ok || root.Name != "config" {
		return nil
	}
	for _, ci := range b.usedConfig {
		if ci.name != m.Name {
			continue
		}
		switch ci.typ {
		case "String":
			return &allium.Binary{Op: allium.OpNe, X: x, Y: &allium.Lit{Kind: allium.LitString, Text: ""}}
		case "Integer":
			return &allium.Binary{Op: allium.OpNe, X: x, Y: &allium.Lit{Kind: allium.LitNumber, Text: "0"}}
		case "Duration":
			// A duration in the unit its number is given in, when known.
			if ci.unit != "" {
				return &allium.Binary{Op: allium.OpNe, X: x, Y: durationFrom(0, ci.unit)}
			}
		}
		return nil
	}
	return nil
}

// envFlag reads a flag the deployment turns on by setting an environment
// variable to "true" (novu's process.env.DISABLE_USER_REGISTRATION ===
// 'true', user-register.usecase.ts:22): a Boolean parameter named by the
// variable, false while it is unset; `!== 'true'` is its negation. Only a
// variable read as an attribute of a catalogued getter (process.env.X)
// counts: its name is the setting's whatever its case, where a getter
// called with an upper-case key reads the application's environment
// (runtimeSetting). nil for any other comparison.
func (rc *ruleCtx) envFlag(e *facts.Expr, sc *scope) allium.Expr {
	if e.Op() != "==" && e.Op() != "!=" && e.Op() != "===" && e.Op() != "!==" {
		return nil
	}
	side, lit := e.X, e.Y
	if side.Kind == facts.ExprString {
		side, lit = lit, side
	}
	if lit.Kind != facts.ExprString || lit.Value() != "true" {
		return nil
	}
	flag := rc.envVariableFlag(side, sc)
	if flag != nil && strings.HasPrefix(e.Op(), "!") {
		return negate(flag)
	}
	return flag
}

// envVariableFlag is the Boolean parameter, false while unset, that a
// deployment turns on through the environment variable x reads
// (process.env.CLOUD_MODE: cloud_mode): compared with 'true' (envFlag), or
// made a Boolean by double negation, as `!!process.env.CLOUD_MODE` does
// (umami's deleteUser, user.ts:104): any value the deployment sets turns
// it on. A plain truth test (if (!process.env.GITHUB_OAUTH_CLIENT_ID)) is
// not read so: it tests that a value the code uses is given, not a flag.
// nil when x is no variable read as an attribute of a catalogued getter.
func (rc *ruleCtx) envVariableFlag(x *facts.Expr, sc *scope) allium.Expr {
	if x == nil || x.Kind != facts.ExprAttr || x.X == nil || !catalog.MatchAny(rc.b.lang.ConfigGetters, x.X.Resolved(), x.X.Raw()) {
		return nil
	}
	name := bindingName(strings.ToLower(x.Name()))
	if !isSnake(name) {
		return nil
	}
	return rc.b.literalConfig(name, "Boolean", &allium.Lit{Kind: allium.LitBool, Text: "false"}, sc.file, x.Line())
}
