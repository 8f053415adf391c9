package distill

import "github.com/distill/distill/internal/facts"

// synth writes the code a framework runs for a view that declares no
// handler of its own (a create view's inherited POST), as facts the walk
// reads like the service's own code, every node at one line: the line
// of the class that inherits it.
type synth struct{ line int }

func (s synth) name(n string) *facts.Expr {
	return new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Raw: n, Line: s.line}).WithResolved(n))
}

func (s synth) attr(x *facts.Expr, n string) *facts.Expr {
	raw := x.Raw() + "." + n
	return new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: x, Name: n, Raw: raw, Line: s.line}).WithResolved(raw))
}

func (s synth) call(fn *facts.Expr, kws ...facts.Keyword) *facts.Expr {
	e := new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: fn, Raw: fn.Raw(), Line: s.line}).WithResolved(fn.Raw()))
	if len(kws) > 0 {
		e.SetKeywords(kws)
	}
	return e
}

func (s synth) str(v string) *facts.Expr {
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: v, Line: s.line})
}

// boolean is the literal True or False.
func (s synth) boolean(v bool) *facts.Expr {
	lit := "false"
	if v {
		lit = "true"
	}
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: lit, Line: s.line})
}

// item is x["key"].
func (s synth) item(x *facts.Expr, key string) *facts.Expr {
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprSubscript, X: x, Y: s.str(key), Raw: x.Raw() + `["` + key + `"]`, Line: s.line})
}

func (s synth) assign(target, value *facts.Expr) facts.Stmt {
	return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{*target}, Value: value, Line: s.line})
}

func (s synth) expr(value *facts.Expr) facts.Stmt {
	return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr, Value: value, Line: s.line})
}
