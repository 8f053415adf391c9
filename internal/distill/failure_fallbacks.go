package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// failureFallback reads promise.catch(() => undefined) (catalog
// failure_fallbacks) as the promise's value: the callback answers no
// value, so the result is the value when the promise succeeded and absent
// when it failed, and what the code does with it next decides whether it
// had to be there (Medusa's reset-password-token:
// userService.retrieveByEmail(email).catch(() => undefined), then
// if (user) {...}). It answers nil for any other call, or when the
// callback does something of its own.
func (rc *ruleCtx) failureFallback(e *facts.Expr, method string, recv *value) *value {
	if recv == nil || method == "" || !catalog.Match(rc.b.lang.FailureFallbacks, method) || len(e.Args()) != 1 ||
		e.Args()[0].Kind != facts.ExprFunction || !answersNothing(e.Args()[0].Func()) {
		return nil
	}
	return recv
}

// answersNothing reports a function whose body is empty or one return of
// no value (undefined, null, None).
func answersNothing(fn *facts.Function) bool {
	if fn == nil {
		return false
	}
	switch len(fn.Body) {
	case 0:
		return true
	case 1:
		s := &fn.Body[0]
		return s.Kind == facts.StmtReturn && (s.Value == nil || s.Value.Kind == facts.ExprNone)
	}
	return false
}
