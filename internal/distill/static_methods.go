package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// staticMethod is the service's static method a call names through its
// class when the method only returns a value computed from its arguments
// (CryptoUtils.createHash(input), nestjs-microservice-boilerplate's
// utils/crypto.ts:7-9, called from core/user/entity/user-password.ts:35):
// that value, as any helper's return is read. nil when e names no class of
// the service, or the method is no static one (an instance method needs
// its instance), or its body does more than return (a static check such
// as Parse Server's Config.validateEmailConfiguration, whose guards are
// the service's configuration, not the request's).
func (rc *ruleCtx) staticMethod(e *facts.Expr, sc *scope) *funcRef {
	if e.X == nil || e.X.Kind != facts.ExprAttr || e.X.X == nil {
		return nil
	}
	cr := rc.b.ix.class(sc.file, e.X.X)
	if cr == nil {
		return nil
	}
	fr := rc.b.ix.method(cr, e.X.Name())
	if fr == nil || fr.fn == nil || !slices.ContainsFunc(fr.fn.Decorators, func(d facts.Expr) bool { return d.Raw() == "staticmethod" }) {
		return nil
	}
	if len(fr.fn.Body()) != 1 || fr.fn.Body()[0].Kind != facts.StmtReturn {
		return nil
	}
	return fr
}
