package distill

import (
	"github.com/distill/distill/internal/facts"
)

// Where a local of an inlined helper got its value decides what an early
// return on a condition the spec cannot read means (helperReturned).
// saleor's mark_checkout_deliveries_as_stale_if_needed (graphql/checkout/
// mutations/utils.py:63-68) returns [] when is_shipping_required(lines)
// is false, lines the helper's parameter: the checkout is marked stale
// only for some requests, so what follows is left out rather than stated
// always. CTFd's sendmail (CTFd/utils/email/__init__.py:28-34) returns
// when EmailProvider is None, EmailProvider = PROVIDERS.get(provider) and
// provider = get_mail_provider(): settings alone, no request differs on
// it, and the spec describes a configured service (the old reading).

// readsRequestDerived reports a condition naming a local of the inlined
// helper whose value comes, directly or through the helper's own
// assignments, from one of its parameters or from a row or input the
// walk bound, rather than from settings, module globals and calls handed
// none of those.
func readsRequestDerived(cond *facts.Expr, sc *scope) bool {
	if cond == nil || sc.helper == nil {
		return false
	}
	seen := map[string]bool{}
	return namesRequestDerived(cond, sc, seen)
}

// namesRequestDerived reports an expression naming a request-derived
// local; seen holds the locals already followed (x = f(x) loops).
func namesRequestDerived(e *facts.Expr, sc *scope, seen map[string]bool) bool {
	return e.Any(func(x *facts.Expr) bool {
		if x.Kind != facts.ExprName {
			return false
		}
		return localRequestDerived(x.Name(), sc, seen)
	})
}

// localRequestDerived reports a local of the helper whose value comes
// from the request: its bound value is a row or an input, or it is a
// parameter the caller handed something other than settings or
// plumbing, or the helper assigned it from such a local.
func localRequestDerived(name string, sc *scope, seen map[string]bool) bool {
	if seen[name] {
		return false
	}
	seen[name] = true
	v := sc.vars[name]
	if v != nil {
		switch v.kind {
		case vEntity, vLookup, vNew, vParam, vReqDict, vShape, vQuery, vCount:
			return true
		case vExpr:
			if readsNamedField(v.expr) {
				return true
			}
			if settingsOnly(v.expr) {
				return false
			}
		case vUnknown:
		default:
			// settings, plumbing, classes, service objects, signers:
			// the service's own parts, the same for every request.
			return false
		}
	}
	if isParamOf(sc.helper, name) {
		return v == nil || v.kind == vUnknown || v.kind == vExpr
	}
	derived := false
	facts.Walk(sc.helper.Body(), func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtAssign || s.Value == nil || !assignsName(s.Targets, name) {
			return true
		}
		derived = namesRequestDerived(s.Value, sc, seen)
		return !derived
	})
	return derived
}

// isParamOf reports a parameter of fn named name.
func isParamOf(fn *facts.Function, name string) bool {
	for _, p := range fn.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}

// assignsName reports targets that bind name (x = ..., x, y = ...).
func assignsName(targets []facts.Expr, name string) bool {
	for i := range targets {
		if targets[i].Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == name }) {
			return true
		}
	}
	return false
}
