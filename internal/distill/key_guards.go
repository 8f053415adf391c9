package distill

import (
	"github.com/distill/distill/internal/facts"
)

// keyGuard reads a handler's refusal of any request that does not carry a
// key of the deployment's own (catalog auth.key_guards: Parse Server's
// handleLogInAs, UsersRouter.js:335: if (!req.auth.isMaster) throw): the
// handler is reached with that key only, which the spec says by providing
// its rule on the key's surface (keySurface), not by a precondition on
// something it does not model. cond is the condition the handler fails
// on; only the handler's own top-level guard counts.
func (rc *ruleCtx) keyGuard(cond *facts.Expr, sc *scope) bool {
	keys := rc.b.lang.Auth.KeyGuards
	if len(keys) == 0 || cond == nil || sc.inlined || !sc.top || cond.Kind != facts.ExprUnary || cond.Op() != "not" || cond.X == nil {
		return false
	}
	raw := cond.X.Raw()
	for _, p := range rc.b.lang.RequestParams {
		for attr, surface := range keys {
			if raw == p+"."+attr {
				rc.keySurface = surface
				return true
			}
		}
	}
	return false
}
