package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A guard nested in a top-level if is a precondition that holds only when
// the if's condition does:
//
//	if user.id == current_user.id:
//	    if not user.verify_password(current_password):
//	        raise HTTPException(400)
//
// requires: user != current_user or verify(current_password, user.password)
//
// The branches of a top-level if carry its condition (scope.under), and a
// guard in them that ends the request with nothing else to say becomes
// `requires: not <conditions> or <guard>`. Loop bodies carry none: a guard
// there is about one item.

// branchUnder is what the then branch (or, with elseBranch, the else
// branch) of the if s with condition cond is under, or nil when it is
// under nothing the spec can state. When the other branch ends the
// request, the if is a guard the spec states already, so the branch is
// under no more than the if itself (`if a: abort  elif not b: abort` is
// requires: not a, requires: b).
func (rc *ruleCtx) branchUnder(s *facts.Stmt, sc *scope, cond allium.Expr, elseBranch bool) allium.Expr {
	if !sc.top && sc.under == nil {
		return nil
	}
	other := s.Else
	if elseBranch {
		other = s.Body
	}
	if len(other) > 0 && (rc.endsRequest(other, sc) || rc.failureEnd(&other[len(other)-1], sc)) {
		if sc.under != nil {
			return sc.under
		}
		return alwaysTrue
	}
	if cond == nil {
		return nil
	}
	c := cond
	if elseBranch {
		c = negate(cond)
	}
	if sc.under != nil && sc.under != alwaysTrue {
		return &allium.Binary{Op: allium.OpAnd, X: sc.under, Y: c}
	}
	return c
}

// alwaysTrue marks a branch whose condition the spec already requires.
var alwaysTrue allium.Expr = &allium.Lit{Kind: allium.LitBool, Text: "true"}

// nestedGuard states guard as a precondition under the branch's
// conditions.
func (rc *ruleCtx) nestedGuard(guard allium.Expr, sc *scope, line int) {
	if sc.under == alwaysTrue {
		rc.requires(guard, sc, line)
		return
	}
	rc.requires(&allium.Binary{Op: allium.OpOr, X: negate(sc.under), Y: guard}, sc, line)
}
