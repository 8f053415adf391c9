package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A service's settings can live on one config object that a function
// gives back, an attribute of it being a parameter:
//
//	if get_config().MAINTENANCE_MODE:
//	    user_logged_in.disconnect(update_last_login, ...)
//
// (netbox's login view, account/views.py:113-117; get_config returns the
// Config whose __getattr__ answers the dynamic parameters, falling back to
// their declared defaults, config/__init__.py:28-70). Walked as a call of
// the service's own function, the object was nothing the spec could
// state, and so the condition under which last_login is set was left out.
// It is the deployment's config.maintenance_mode, with the default its
// declaration gives (ConfigParam(name='MAINTENANCE_MODE', default=False),
// config/parameters.py:198-204): catalog config_objects and config_params.

// configParam is a declared parameter of the config object: its default
// and where it is declared.
type configParam struct {
	def  *facts.Expr
	file *facts.File
	line int
}

// configObjectRead is config.<attr> for an attribute read of what a
// catalogued config-object function gives back, called with no argument
// (get_config().MAINTENANCE_MODE); nil for anything else, and for a
// private or non-snake attribute.
func (rc *ruleCtx) configObjectRead(e *facts.Expr, sc *scope) allium.Expr {
	b := rc.b
	c := e.X
	if len(b.lang.ConfigObjects) == 0 || c == nil || c.Kind != facts.ExprCall || len(c.Args()) > 0 || len(c.Keywords()) > 0 ||
		!catalog.MatchAny(b.lang.ConfigObjects, c.Resolved(), c.Raw()) {
		return nil
	}
	key := e.Name()
	if key == "" || key[0] == '_' {
		return nil
	}
	name := bindingName(strings.ToLower(key))
	if !isSnake(name) {
		return nil
	}
	if p := b.configParams()[key]; p != nil && p.def != nil {
		if typ, lit := literalDefault(p.def); lit != nil {
			return b.literalConfig(name, typ, lit, p.file, p.line)
		}
	}
	// Declared without a literal default (or not at all): the
	// deployment's value, typed by its name.
	return b.runtimeSetting(name, sc.file, e.Line())
}

// configParams maps each parameter name the service declares through a
// catalogued declaration call (config_params) in a module constant to its
// declaration; read once.
func (b *builder) configParams() map[string]*configParam {
	if b.declaredParams != nil {
		return b.declaredParams
	}
	b.declaredParams = map[string]*configParam{}
	cp := b.lang.ConfigParams
	if len(cp.Calls) == 0 || cp.Name == "" {
		return b.declaredParams
	}
	for _, f := range b.ix.files {
		for i := range f.Constants {
			f.Constants[i].Value.Any(func(x *facts.Expr) bool {
				if x.Kind != facts.ExprCall || !catalog.MatchAny(cp.Calls, x.Resolved(), x.Raw()) {
					return false
				}
				n := x.Keyword(cp.Name)
				if n == nil || n.Kind != facts.ExprString || n.Value() == "" {
					return false
				}
				if _, seen := b.declaredParams[n.Value()]; seen {
					return false // the first declaration of a name holds
				}
				p := &configParam{file: f, line: x.Line()}
				if cp.Default != "" {
					p.def = x.Keyword(cp.Default)
				}
				b.declaredParams[n.Value()] = p
				return false
			})
		}
	}
	return b.declaredParams
}
