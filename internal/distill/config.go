package distill

import (
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// configInfo is a candidate config parameter; only those a rule uses are
// emitted.
type configInfo struct {
	name  string
	typ   string
	value allium.Expr
	file  *facts.File
	line  int
	used  bool
	order int
	// runtime: a setting read at run time with no default in the code;
	// declared without one.
	runtime bool
	// unit: the unit a duration's number is in (its name's suffix).
	unit string
	// enforced: a limit the framework enforces (rate_limits.go), declared
	// though no rule reads it.
	enforced bool
}

var durationSuffixes = []struct{ suffix, unit string }{
	{"_milliseconds", "ms"}, {"_ms", "ms"},
	{"_seconds", "seconds"}, {"_secs", "seconds"}, {"_sec", "seconds"},
	{"_minutes", "minutes"}, {"_mins", "minutes"}, {"_min", "minutes"},
	{"_hours", "hours"}, {"_hrs", "hours"}, {"_hour", "hours"},
	{"_days", "days"}, {"_day", "days"},
	{"_weeks", "weeks"},
}

var secretName = regexp.MustCompile(`(?i)secret|passw|credential|api_?key|private|token$|_key$|^key$|dsn|_url$|uri$`)

// collectConfig records module constants, settings-class fields and
// `app.config[...] = ...` values as candidate config parameters.
func (b *builder) collectConfig() {
	b.definedSettings = map[string]bool{}
	for _, f := range b.ix.files {
		for i := range f.Constants {
			c := &f.Constants[i]
			if strings.ToUpper(c.Name) != c.Name || c.Name == "" || c.Name[0] == '_' {
				b.settingsDefaults(f, c) // settings = {...} of an organisation's defaults
				b.settingsFixture(f, c)
				continue
			}
			b.definedSettings[c.Name] = true
			b.addConfig(f, c.Name, c.Value, c.Annotation, c.Line)
			b.settingsDefaults(f, c)
		}
		for _, s := range f.Statements {
			// app.config["X"] = value
			if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprSubscript {
				t := &s.Targets[0]
				if t.X != nil && strings.HasSuffix(t.X.Raw(), "config") && t.Y != nil && t.Y.Kind == facts.ExprString {
					b.addConfig(f, t.Y.Value(), s.Value, nil, s.Line())
				}
			}
		}
	}
	for _, cr := range b.settings {
		for i := range cr.class.Fields {
			a := &cr.class.Fields[i]
			if a.Name == "model_config" || strings.HasPrefix(a.Name, "_") {
				continue
			}
			b.addConfig(cr.file, a.Name, a.Value, a.Annotation, a.Line)
		}
		b.settingsProperties(cr)
	}
	// module.exports.Options = {name: {env, default}}: described settings.
	for _, f := range b.ix.files {
		for i := range f.Exports {
			if x := &f.Exports[i]; x.Value != nil && x.Value.Kind == facts.ExprDict && !b.testFile(f.Path) {
				b.settingsFixture(f, &facts.Assignment{Name: x.Name, Value: x.Value, Line: x.Line})
			}
		}
	}
	b.collectSettingsGroups()
	b.collectAppSettings()
	b.settingsDefaulterCalls()
	b.rateLimiterRegistrations()
	// Config classes (Flask's `class Config:`): their UPPER fields.
	for _, f := range b.ix.files {
		for i := range f.Classes {
			c := &f.Classes[i]
			if !b.configClass(c.Name) {
				continue
			}
			for j := range c.Fields {
				a := &c.Fields[j]
				if strings.ToUpper(a.Name) == a.Name {
					b.addConfig(f, a.Name, a.Value, a.Annotation, a.Line)
				}
			}
		}
	}
}

// configClass reports a class whose UPPER_CASE attributes are the
// deployment's settings: its name holds one of the catalog's
// config_class_words, and it is not one the tests run under
// (test_config_prefixes): CTFd's TestingConfig(ServerConfig) sets
// UPDATE_CHECK = False (config.py:307-315) where the service's own
// ServerConfig defaults it to True (:255), and the spec said the
// deployment's update check was off unless turned on.
func (b *builder) configClass(name string) bool {
	for _, p := range b.lang.TestConfigPrefixes {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	for _, w := range b.lang.ConfigClassWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// addConfig records one candidate under its code key (the name as
// written). The first definition of a key wins, unless it was an alias of
// another constant (`X = X` in a Config class).
//
// A test's settings (lemur's tests/conf.py: ALLOW_CERT_DELETION = True,
// where the code's default is False, certificates/views.py:1177) are the
// configuration the tests run under, not the service's: a test file
// (catalog test_files) gives no value.
func (b *builder) addConfig(f *facts.File, key string, v, ann *facts.Expr, line int) {
	if v == nil || b.configByKey[key] != nil || b.testFile(f.Path) {
		return
	}
	name := snake(key)
	if !isSnake(name) {
		return
	}
	ci := &configInfo{file: f, line: line, order: len(b.configByKey)}
	unit := ""
	for _, s := range durationSuffixes {
		if strings.HasSuffix(name, s.suffix) && len(name) > len(s.suffix) {
			unit = s.unit
			name = strings.TrimSuffix(name, s.suffix)
			break
		}
	}
	ci.name = name
	switch v.Kind {
	case facts.ExprInt, facts.ExprBinary:
		n, ok := evalInt(v)
		if !ok {
			return
		}
		if unit != "" {
			ci.typ, ci.value, ci.unit = "Duration", durationFrom(n, unit), unit
		} else {
			ci.typ, ci.value = "Integer", &allium.Lit{Kind: allium.LitNumber, Text: strconv.FormatInt(n, 10)}
		}
	case facts.ExprFloat:
		ci.typ, ci.value = "Decimal", &allium.Lit{Kind: allium.LitNumber, Text: strings.ReplaceAll(v.Value(), "_", "")}
		if _, err := strconv.ParseFloat(ci.value.(*allium.Lit).Text, 64); err != nil || strings.ContainsAny(ci.value.(*allium.Lit).Text, "eExX") {
			return
		}
	case facts.ExprBool:
		ci.typ, ci.value = "Boolean", &allium.Lit{Kind: allium.LitBool, Text: v.Value()}
	case facts.ExprCompare:
		// X = ENV_X != "false": a flag read from a setting's text
		// (route_calls.go).
		lit := b.flagDefault(v)
		if lit == nil {
			return
		}
		ci.typ, ci.value = "Boolean", lit
	case facts.ExprString:
		if secretName.MatchString(key) || strings.ContainsAny(v.Value(), "\n\"\\") || len(v.Value()) > 80 {
			return
		}
		ci.typ, ci.value = "String", &allium.Lit{Kind: allium.LitString, Text: v.Value()}
	case facts.ExprSet:
		// A set of texts (of set_from_string's default, envDefault):
		// Set<String>, its items in the order written.
		if secretName.MatchString(key) {
			return
		}
		set := &allium.SetLit{}
		for _, item := range v.Args() {
			if item.Kind != facts.ExprString || strings.ContainsAny(item.Value(), "\n\"\\") {
				return
			}
			set.Elems = append(set.Elems, &allium.Lit{Kind: allium.LitString, Text: item.Value()})
		}
		ci.typ, ci.value = "Set<String>", set
	case facts.ExprName:
		b.aliasConfig(key, v)
		return
	case facts.ExprBoolOp:
		// X = read_setting("X") or 604800: the literal is the default.
		if v.Op() == "or" && v.Y != nil && (v.Y.IsLiteral() || v.Y.Kind == facts.ExprBinary) {
			b.addConfig(f, key, v.Y, ann, line)
		}
		return
	case facts.ExprCall:
		d := b.timedelta(v)
		if d == nil {
			if def := b.envDefault(v); def != nil {
				// parse_boolean(os.environ.get("X", "true")): its default.
				b.addConfig(f, key, def, ann, line)
			} else if def := b.envDefault(b.envReader(f, v)); def != nil {
				// envbool("X", "True"), the service's reader: its default.
				b.addConfig(f, key, def, ann, line)
			} else if def := b.settingDefault(v); def != nil {
				// X = getattr(settings, "APP_X", 7): the default.
				b.addConfig(f, key, def, ann, line)
			} else if dv := v.Keyword("default"); dv != nil && dv.Kind != facts.ExprCall {
				// A setting read from the environment with a default
				// (config("X", default=30), Field(default=30)): the default.
				b.addConfig(f, key, dv, ann, line)
			}
			return
		}
		ci.typ, ci.value = "Duration", d
	default:
		return
	}
	b.configByKey[key] = ci
}

// envReader reads a call of the service's own environment reader
// (envbool("X", "True"), whose body reads os.getenv(s, default=default)
// with its first two parameters) as that read under the reader's name,
// envbool(os.getenv("X", "True")), which envDefault knows. nil for any
// other call.
func (b *builder) envReader(f *facts.File, v *facts.Expr) *facts.Expr {
	if v == nil || len(v.Args()) != 2 || v.Args()[0].Kind != facts.ExprString || !v.Args()[1].IsLiteral() || len(b.lang.ConfigGetters) == 0 {
		return nil
	}
	fr := b.ix.function(f, v)
	if fr == nil || len(fr.fn.Params) < 2 {
		return nil
	}
	key, dflt := fr.fn.Params[0].Name, fr.fn.Params[1].Name
	isParam := func(e *facts.Expr, name string) bool { return e != nil && e.Kind == facts.ExprName && e.Name() == name }
	reads := false
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		for _, e := range []*facts.Expr{s.Value, s.Cond} {
			if e == nil {
				continue
			}
			e.Any(func(c *facts.Expr) bool {
				if c.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.ConfigGetters, c.Resolved(), c.Raw()) || len(c.Args()) == 0 || !isParam(&c.Args()[0], key) {
					return false
				}
				d := c.Keyword("default")
				if d == nil && len(c.Args()) == 2 {
					d = &c.Args()[1]
				}
				reads = reads || isParam(d, dflt)
				return reads
			})
		}
		return !reads
	})
	if !reads {
		return nil
	}
	getter := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: b.lang.ConfigGetters[0], Args: v.Args(), Line: v.Line()})
	return new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, Raw: v.Raw(), Args: []facts.Expr{*getter}, Line: v.Line()}).WithResolved(v.Resolved()))
}

// evalInt evaluates integer literals and their + - * products
// (60 * 60 * 1000).
func evalInt(e *facts.Expr) (int64, bool) {
	switch e.Kind {
	case facts.ExprInt:
		return litInt(e)
	case facts.ExprBinary:
		x, ok1 := evalInt(e.X)
		y, ok2 := evalInt(e.Y)
		if !ok1 || !ok2 {
			return 0, false
		}
		r := new(big.Int)
		switch e.Op() {
		case "*":
			r.Mul(big.NewInt(x), big.NewInt(y))
		case "+":
			r.Add(big.NewInt(x), big.NewInt(y))
		case "-":
			r.Sub(big.NewInt(x), big.NewInt(y))
		default:
			return 0, false
		}
		if !r.IsInt64() {
			return 0, false
		}
		return r.Int64(), true
	}
	return 0, false
}

// durationFrom writes n units as the largest whole unit: 3600 seconds is
// 1.hour, 90 minutes stays 90.minutes.
func durationFrom(n int64, unit string) allium.Expr {
	secs := map[string]int64{"ms": 0, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}
	var total int64
	if unit == "ms" {
		if n%1000 != 0 || n == 0 {
			return nil
		}
		total = n / 1000
	} else {
		total = n * secs[unit]
	}
	for _, u := range []struct {
		name string
		s    int64
	}{{"week", 604800}, {"day", 86400}, {"hour", 3600}, {"minute", 60}, {"second", 1}} {
		if total != 0 && total%u.s == 0 && (u.name != "week" || unit == "weeks") {
			v := total / u.s
			name := u.name
			if v != 1 {
				name += "s"
			}
			return &allium.Duration{Value: strconv.FormatInt(v, 10), Unit: name}
		}
	}
	if total == 0 {
		return &allium.Duration{Value: "0", Unit: unitPlural(unit)}
	}
	return nil
}

func unitPlural(u string) string {
	if u == "ms" {
		return "seconds"
	}
	return u
}

// timedelta translates timedelta(hours=1, minutes=30) with literal values.
func (b *builder) timedelta(v *facts.Expr) allium.Expr {
	if v.Kind != facts.ExprCall || facts.LastSegment(v.Raw()) != "timedelta" && facts.LastSegment(v.Resolved()) != "timedelta" {
		return nil
	}
	var total int64
	units := map[string]int64{"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}
	order := []string{"days", "seconds"}
	for i := range v.Args() {
		n, ok := evalInt(&v.Args()[i])
		if !ok || i >= len(order) {
			return nil
		}
		total += n * units[order[i]]
	}
	for _, kw := range v.Keywords() {
		n, ok := evalInt(&kw.Value)
		if !ok || units[kw.Name] == 0 {
			return nil
		}
		total += n * units[kw.Name]
	}
	return durationFrom(total, "seconds")
}

// useConfig marks a candidate used and returns `config.name`.
func (b *builder) useConfig(ci *configInfo) allium.Expr {
	if !ci.used {
		ci.used = true
		b.usedConfig = append(b.usedConfig, ci)
	}
	return &allium.Member{X: &allium.Ident{Name: "config"}, Name: ci.name}
}

// settleDurationComparisons gives a whole number compared with a config
// parameter the parameter's unit (durationSides) in every rule, once all
// are built: a setting tested for truth before it is read as a number of
// days (if not USER_PASSWORD_EXPIRATION: return, then
// timedelta(days=USER_PASSWORD_EXPIRATION)) was compared as a number,
// config.user_password_expiration != 0, and is a Duration after all.
func (b *builder) settleDurationComparisons() {
	settle := func(e allium.Expr) bool {
		if bin, ok := e.(*allium.Binary); ok && slices.Contains([]string{allium.OpEq, allium.OpNe, allium.OpLt, allium.OpLe, allium.OpGt, allium.OpGe}, bin.Op) {
			bin.X, bin.Y = b.durationSides(bin.Y, bin.X), b.durationSides(bin.X, bin.Y)
		}
		return true
	}
	for _, r := range b.rules {
		if t := r.rule.Trigger; t != nil && t.Cond != nil {
			allium.Inspect(t.Cond, settle)
		}
		allium.WalkStmts(r.rule.Body, func(s allium.Stmt) bool {
			for _, e := range allium.StmtExprs(s) {
				allium.Inspect(e, settle)
			}
			return true
		})
	}
}

// durationSides gives a whole-number literal compared with a duration
// parameter the parameter's unit: USER_EXPIRATION_WARNING_DAYS <= 0 is
// config.user_expiration_warning <= 0.days, as a Duration is never
// compared with a bare number. other is returned unchanged otherwise.
func (b *builder) durationSides(cfg, other allium.Expr) allium.Expr {
	m, ok := cfg.(*allium.Member)
	lit, isLit := other.(*allium.Lit)
	if !ok || !isLit || lit.Kind != allium.LitNumber {
		return other
	}
	if id, isID := m.X.(*allium.Ident); !isID || id.Name != "config" {
		return other
	}
	n, err := strconv.ParseInt(lit.Text, 10, 64)
	if err != nil {
		return other
	}
	for _, ci := range b.usedConfig {
		if ci.name == m.Name && ci.typ == "Duration" && ci.unit != "" {
			if d := durationFrom(n, ci.unit); d != nil {
				return d
			}
		}
	}
	return other
}

// asSeconds retypes the Integer parameter name, read as a number of
// seconds (a token's max_age), as the Duration it is:
// INVITATION_TOKEN_MAX_AGE = 60 * 60 * 24 * 7 -> 7.days; a setting the
// deployment gives with no default is a Duration, whatever its name.
func (b *builder) asSeconds(name string) { b.asUnit(name, "seconds") }

// asUnit is asSeconds for a number that counts another unit (ms, minutes,
// hours, days): the unit a setter of a time counts in.
func (b *builder) asUnit(name, unit string) {
	for _, ci := range b.usedConfig {
		if ci.name == name && ci.runtime && ci.value == nil && (ci.typ == "Integer" || ci.typ == "String") {
			// expiresIn: configService.get('INFRA.ACCESS_TOKEN_VALIDITY'):
			// a lifetime the deployment sets.
			ci.typ = "Duration"
			continue
		}
		if ci.name != name || ci.typ != "Integer" {
			continue
		}
		if l, ok := ci.value.(*allium.Lit); ok {
			if n, err := strconv.ParseInt(l.Text, 10, 64); err == nil {
				ci.typ, ci.value = "Duration", durationFrom(n, unit)
			}
		}
	}
}

// literalConfig makes a config parameter for a literal in a guard
// (`len(password) < 12` -> min_password_length).
func (b *builder) literalConfig(name, typ string, value allium.Expr, f *facts.File, line int) allium.Expr {
	return b.useConfig(b.literalConfigInfo(name, typ, value, f, line))
}

// literalConfigInfo is literalConfig's parameter, not yet marked used.
func (b *builder) literalConfigInfo(name, typ string, value allium.Expr, f *facts.File, line int) *configInfo {
	// The same name with another value is another parameter, numbered
	// from 2 in the order the walk meets them (access_token_expiry_2),
	// not by how many parameters came before, which any other change
	// of the spec would renumber.
	base := name
	for n := 2; ; n++ {
		key := "literal:" + name
		ci := b.configByKey[key]
		if ci == nil {
			ci = &configInfo{name: name, typ: typ, value: value, file: f, line: line, order: len(b.configByKey)}
			b.configByKey[key] = ci
			return ci
		}
		if sameLit(ci.value, value) {
			return ci
		}
		name = base + "_" + strconv.Itoa(n)
	}
}

func sameLit(a, b allium.Expr) bool {
	return allium.PrintConstruct(&allium.ExprStmt{X: a}) == allium.PrintConstruct(&allium.ExprStmt{X: b})
}

// literalDefault is the config type and value of a setting's literal
// default (an integer, a string or a Boolean); nil for any other value.
func literalDefault(def *facts.Expr) (typ string, lit allium.Expr) {
	switch def.Kind {
	case facts.ExprInt:
		return "Integer", &allium.Lit{Kind: allium.LitNumber, Text: def.Value()}
	case facts.ExprString:
		return "String", &allium.Lit{Kind: allium.LitString, Text: def.Value()}
	case facts.ExprBool:
		return "Boolean", &allium.Lit{Kind: allium.LitBool, Text: def.Value()}
	}
	return "", nil
}

// path is the file the parameter was read in; "" for one no file of the
// service declares (a framework's default, noted where it was routed),
// which then sorts first instead of taking the run down.
func (ci *configInfo) path() string {
	if ci.file == nil {
		return ""
	}
	return ci.file.Path
}
