package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A factory that hands out an instance of a class the deployment names in
// its settings: the class is loaded by its dotted path and made at once,
//
//	def get_adapter(request=None) -> DefaultAccountAdapter:
//	    return import_attribute(app_settings.ADAPTER)(request)
//
// The loaded class cannot be read from the code (it is whatever the
// setting names), but the factory's return annotation states the type of
// what it returns: a class of the service, the default that a setting may
// replace with a subclass. The returned call is read as that class made
// with the call's own arguments, so the methods the callers run on it are
// the class's code (django-allauth's account/adapter.py:1039-1040 and the
// five other adapters of the package are made so). Only the value the
// function returns is read so, and only when the annotation names a class
// of the service that is not a model: a model's row is never made by
// loading a class.

// configuredInstance is the instance a factory's returned `load(...)(args)`
// makes, e that call; nil when e is no such call.
func (rc *ruleCtx) configuredInstance(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	if sc.helper == nil || sc.helper.Returns == nil || e.X == nil || e.X.Kind != facts.ExprCall {
		return nil
	}
	if !returnedBy(sc.helper, e) {
		return nil
	}
	cr := b.ix.class(sc.file, sc.helper.Returns)
	if cr == nil || b.entByQual[cr.qual()] != nil || !b.hasMethods(cr) {
		return nil
	}
	return rc.newObject(cr, e, sc, out)
}

// returnedBy reports whether e is the value one of fn's own return
// statements gives (not a nested function's).
func returnedBy(fn *facts.Function, e *facts.Expr) bool {
	found := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if found || s.Kind == facts.StmtFunction {
			return false
		}
		if s.Kind == facts.StmtReturn && s.Value == e {
			found = true
		}
		return true
	})
	return found
}
