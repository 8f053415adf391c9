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
	// literal: the default is a literal, so the property is a config
	// parameter; a mapping or a list default ({} of form classes by id)
	// is a setting all the same, but no parameter.
	literal bool
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
// is `return self.m("KEY", default)` for a method m of the class: a
// settings lookup by key with a default (literal or not).
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
			_, lit := literalDefault(def)
			out = append(out, appSetting{file: c.file, line: fn.Line, name: fn.Name, def: def, literal: lit != nil})
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
		if !p.literal {
			return nil
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

// isAppSetting reports that e reads a property of an app-settings object
// (app_settings.FORMS), whatever its default.
func (b *builder) isAppSetting(f *facts.File, e *facts.Expr) bool {
	if len(b.appSettings) == 0 || e.Kind != facts.ExprAttr {
		return false
	}
	for _, n := range b.ix.names(f, e) {
		if _, ok := b.appSettings[n]; ok {
			return true
		}
	}
	return false
}

// A reusable app lets the deployment replace a class by naming another in
// a settings mapping, and takes its own class when the mapping names none:
//
//	def get_form_class(forms, form_id, default_form):
//	    form_class = forms.get(form_id, default_form)
//	    if isinstance(form_class, str):
//	        form_class = import_attribute(form_class)
//	    return form_class
//
// called as get_form_class(app_settings.FORMS, "user_token",
// UserTokenForm) (django-allauth's utils.py:200-204, account/views.py:
// 623-625). The setting's default is an empty mapping, so the class used
// is the default one unless the deployment names another, as a factory
// whose annotation names the class it makes is read
// (configured_instances.go): mapping.get(key, Class) of a settings mapping
// is that class. The isinstance(..., str) test of a class is then false
// (classNotContainer), and the class the helper returns is made by the
// caller. Before, the class was unknown and the form it made, with what
// its validation kept, was lost.

// settingsClassGet is the class value of settings_mapping.get(key,
// Class), where the mapping is a setting (an app-settings property, or
// what a parameter was given of one) and Class a request-shape class
// handed on as a value; nil for any other call.
func (rc *ruleCtx) settingsClassGet(e *facts.Expr, method string, sc *scope) *value {
	if method != "get" || len(e.Args()) != 2 || e.X == nil || e.X.Kind != facts.ExprAttr || e.X.X == nil {
		return nil
	}
	def := &e.Args()[1]
	var dv *value
	if def.Kind == facts.ExprName {
		dv = sc.vars[def.Name()]
	}
	if dv == nil || dv.classDefault == nil {
		if dv = rc.b.shapeClassArg(sc.file, def); dv == nil {
			return nil
		}
	}
	recv := e.X.X
	if rc.b.isAppSetting(sc.file, recv) {
		return dv
	}
	if recv.Kind == facts.ExprName {
		if v := sc.vars[recv.Name()]; v != nil && v.setting {
			return dv
		}
	}
	return nil
}
