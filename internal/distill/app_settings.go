package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// An app-settings object is the way a reusable Django app reads its
// settings: a class whose properties each return a lookup of the
// project's settings by a key with the app's default,
//
//	class AppSettings:
//	    @property
//	    def EMAIL_NOTIFICATIONS(self):
//	        return self._setting("EMAIL_NOTIFICATIONS", False)
//
// with one instance per module, reached as a module attribute: through
// the module's __getattr__ (PEP 562: `def __getattr__(name): return
// getattr(_app_settings, name)`) or as the instance itself
// (`app_settings = AppSettings("X_")`). Each property is a config
// parameter with its default, so app_settings.EMAIL_NOTIFICATIONS reads
// config.email_notifications; before, it was an unknown value and
// whatever it guarded was stated always.

// appSetting is one property of an app-settings object: where it is
// declared and the literal default its lookup gives.
type appSetting struct {
	file *facts.File
	line int
	name string
	def  *facts.Expr
}

// collectAppSettings records the properties of every module-level
// app-settings instance, under the module's dotted names when its
// __getattr__ hands out the instance's attributes, and under the
// instance's own dotted names.
func (b *builder) collectAppSettings() {
	b.appSettings = map[string]appSetting{}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		for i := range f.Constants {
			c := &f.Constants[i]
			if c.Value == nil || c.Value.Kind != facts.ExprCall || c.Value.X == nil {
				continue
			}
			cr := b.ix.class(f, c.Value.X)
			if cr == nil {
				continue
			}
			props := b.appSettingProps(cr)
			if len(props) == 0 {
				continue
			}
			delegated := moduleGetattrOf(f) == c.Name
			for _, mod := range b.ix.moduleNames[f] {
				for _, p := range props {
					b.appSettings[mod+"."+c.Name+"."+p.name] = p
					if delegated {
						b.appSettings[mod+"."+p.name] = p
					}
				}
			}
		}
	}
}

// appSettingProps lists the properties of cr (and its bases) whose body
// is `return self.m("KEY", default)` for a method m of the class and a
// literal default: a settings lookup by key with a default.
func (b *builder) appSettingProps(cr *classRef) []appSetting {
	var out []appSetting
	for _, c := range b.ix.lineage(cr) {
		for i := range c.class.Methods {
			fn := &c.class.Methods[i]
			if !isPropertyMethod(fn) || len(fn.Params) != 1 || len(fn.Body()) != 1 {
				continue
			}
			ret := fn.Body()[0]
			if ret.Kind != facts.StmtReturn || ret.Value == nil {
				continue
			}
			call := ret.Value
			if call.Kind != facts.ExprCall || call.X == nil || call.X.Kind != facts.ExprAttr || call.X.X == nil ||
				call.X.X.Kind != facts.ExprName || call.X.X.Name() != fn.Params[0].Name {
				continue
			}
			if b.ix.method(c, call.X.Name()) == nil || len(call.Args()) != 2 || call.Args()[0].Kind != facts.ExprString {
				continue
			}
			def := &call.Args()[1]
			if _, lit := literalDefault(def); lit == nil {
				continue
			}
			out = append(out, appSetting{file: c.file, line: fn.Line, name: fn.Name, def: def})
		}
	}
	return out
}

// moduleGetattrOf is the module-level name whose attributes f's
// __getattr__ hands out (`def __getattr__(name): return getattr(X,
// name)`); "" for a module without one.
func moduleGetattrOf(f *facts.File) string {
	for i := range f.Functions {
		fn := &f.Functions[i]
		if fn.Name != "__getattr__" || len(fn.Params) != 1 {
			continue
		}
		for _, s := range fn.Body() {
			if s.Kind != facts.StmtReturn || s.Value == nil {
				continue
			}
			v := s.Value
			if v.Kind == facts.ExprCall && v.X != nil && v.X.Kind == facts.ExprName && v.X.Name() == "getattr" &&
				len(v.Args()) == 2 && v.Args()[0].Kind == facts.ExprName &&
				v.Args()[1].Kind == facts.ExprName && v.Args()[1].Name() == fn.Params[0].Name {
				return v.Args()[0].Name()
			}
		}
	}
	return ""
}

// appSettingFor is the config parameter an app-settings property read
// stands for (app_settings.EMAIL_NOTIFICATIONS), nil for any other
// expression.
func (b *builder) appSettingFor(f *facts.File, e *facts.Expr) *configInfo {
	if len(b.appSettings) == 0 || e.Kind != facts.ExprAttr {
		return nil
	}
	for _, n := range b.ix.names(f, e) {
		p, ok := b.appSettings[n]
		if !ok {
			continue
		}
		name := snake(p.name)
		if !isSnake(name) {
			return nil
		}
		typ, lit := literalDefault(p.def)
		return b.literalConfigInfo(name, typ, lit, p.file, p.line)
	}
	return nil
}

// refusesAfterOutcome reports a refusal met in the handler's own body
// after the rule already stated a message sent out of the service (a
// sink's creation, as Email.created): the message went out before the
// request was refused, and a refusal cannot call it back, so the
// refusal is no precondition of the rule. (A row written before a raise
// may be rolled back with the request's transaction; a message is not.)
func (rc *ruleCtx) refusesAfterOutcome(sc *scope) bool {
	if sc.inlined || !sc.top {
		return false
	}
	sent := false
	allium.WalkStmts(rc.ensures, func(s allium.Stmt) bool {
		if x, ok := s.(*allium.ExprStmt); ok {
			if call, ok := x.X.(*allium.Call); ok {
				if m, ok := call.Fun.(*allium.Member); ok && m.Name == "created" {
					if id, ok := m.X.(*allium.Ident); ok {
						_, sink := rc.b.sinkProv[id.Name]
						sent = sent || sink
					}
				}
			}
		}
		return !sent
	})
	return sent
}
