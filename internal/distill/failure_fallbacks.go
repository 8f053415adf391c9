package distill

import (
	"github.com/distill/distill/internal/allium"
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
	if recv == nil || !rc.isFailureFallback(e, method) {
		return nil
	}
	return recv
}

// isFailureFallback reports promise.catch(() => undefined) (catalog
// failure_fallbacks): a failure of the promise is no failure of the
// request.
func (rc *ruleCtx) isFailureFallback(e *facts.Expr, method string) bool {
	return method != "" && catalog.Match(rc.b.lang.FailureFallbacks, method) && len(e.Args()) == 1 &&
		e.Args()[0].Kind == facts.ExprFunction && answersNothing(e.Args()[0].Func())
}

// dropCaughtRequires removes the preconditions the rule gained from
// rc.body[from:] on: the checks of a promise whose failure a fallback
// catches (retrieveByEmail's if (!user) throw, user.ts:222, under
// .catch(() => undefined)) do not stop the request, which goes on with
// no value; lets and the rest stay.
func (rc *ruleCtx) dropCaughtRequires(from int) {
	if from < 0 || from > len(rc.body) {
		return
	}
	kept := rc.body[:from]
	for _, s := range rc.body[from:] {
		if _, ok := s.(*allium.Requires); ok {
			continue
		}
		kept = append(kept, s)
	}
	rc.body = kept
}

// answersNothing reports a function whose body is empty or one return of
// no value (undefined, null, None).
func answersNothing(fn *facts.Function) bool {
	if fn == nil {
		return false
	}
	switch len(fn.Body()) {
	case 0:
		return true
	case 1:
		s := &fn.Body()[0]
		return s.Kind == facts.StmtReturn && (s.Value == nil || s.Value.Kind == facts.ExprNone)
	}
	return false
}
