package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// truthFold reads a catalogued fold of conditions written out as a list,
// tuple or set (any([self.is_superuser, self.is_support]), all((a, b)))
// as those conditions joined by the fold's operator: is_superuser or
// is_support. nil when e is no such call or one of its conditions cannot
// be read, so that the call is read as it was.
func (rc *ruleCtx) truthFold(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if e.Kind != facts.ExprCall || len(e.Args()) != 1 || len(e.Keywords()) != 0 {
		return nil
	}
	op, ok := rc.b.lang.TruthFolds[e.Raw()]
	if !ok || op != allium.OpOr && op != allium.OpAnd {
		return nil
	}
	list := &e.Args()[0]
	switch list.Kind {
	case facts.ExprList, facts.ExprTuple, facts.ExprSet:
	default:
		return nil
	}
	if len(list.Args()) == 0 {
		return nil
	}
	// Each condition is read aside: none is stated when one cannot be.
	var aside []allium.Stmt
	var joined allium.Expr
	for i := range list.Args() {
		c := rc.cond(&list.Args()[i], sc, &aside)
		if c == nil {
			return nil
		}
		if joined == nil {
			joined = c
		} else {
			joined = &allium.Binary{Op: op, X: joined, Y: c}
		}
	}
	*out = append(*out, aside...)
	return joined
}
