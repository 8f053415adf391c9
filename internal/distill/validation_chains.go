package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// validationChain reads a statement that checks one input with a chain
// run on the request (catalog validation_chains, express-validator):
//
//	await check("password", "Too short").isLength({ min: 4 }).run(req);
//	await check("confirm", "No match").equals(req.body.password).run(req);
//
// Each check of the chain is a precondition on the input its start names
// (requires: length(password) >= config.min_password_length; requires:
// confirm = password); the handler's later `if (!errors.isEmpty())`
// refusal is the validation that holds in a rule for valid input. It
// reports whether the statement was such a chain.
func (rc *ruleCtx) validationChain(e *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	vc := rc.b.lang.ValidationChains
	if vc == nil || len(vc.Runs) == 0 || e == nil || e.Kind != facts.ExprCall || !slices.Contains(vc.Runs, e.Method()) || len(e.Args) != 1 {
		return false
	}
	var checks []*facts.Expr
	x := e.X.X
	for x != nil && x.Kind == facts.ExprCall && x.Method() != "" && !catalog.MatchAny(vc.Starts, x.Raw, x.Resolved()) {
		checks = append(checks, x)
		x = x.X.X
	}
	if x == nil || x.Kind != facts.ExprCall || !catalog.MatchAny(vc.Starts, x.Raw, x.Resolved()) || len(x.Args) == 0 || x.Args[0].Kind != facts.ExprString {
		return false
	}
	// The input as the request's body holds it: req.body.<name>.
	req := &e.Args[0]
	body := &facts.Expr{Kind: facts.ExprAttr, X: req, Name: "body", Raw: req.Raw + ".body", Line: e.Line}
	input := &facts.Expr{Kind: facts.ExprAttr, X: body, Name: x.Args[0].Value, Raw: body.Raw + "." + x.Args[0].Value, Line: e.Line}
	in := rc.tr(input, sc, out)
	if in == nil {
		return true
	}
	for i := len(checks) - 1; i >= 0; i-- {
		c := checks[i]
		for _, cond := range rc.chainCheck(vc.Checks[c.Method()], c, in, sc, out) {
			rc.b.stats.GuardsSeen++
			rc.requires(cond, sc, c.Line)
		}
	}
	return true
}

// chainCheck states one check of a validation chain on the input in.
func (rc *ruleCtx) chainCheck(kind string, c *facts.Expr, in allium.Expr, sc *scope, out *[]allium.Stmt) []allium.Expr {
	switch kind {
	case "email":
		return []allium.Expr{&allium.Call{Fun: &allium.Ident{Name: "is_valid_email"}, Args: []allium.Arg{{Value: in}}}}
	case "equals":
		if len(c.Args) == 1 {
			if y := rc.tr(&c.Args[0], sc, out); y != nil {
				return []allium.Expr{&allium.Binary{Op: allium.OpEq, X: in, Y: y}}
			}
		}
	case "length":
		length := &allium.Call{Fun: &allium.Ident{Name: "length"}, Args: []allium.Arg{{Value: in}}}
		var conds []allium.Expr
		for _, b := range []struct{ key, op string }{{"min", allium.OpGe}, {"max", allium.OpLe}} {
			if cond := rc.boundCond(length, b.op, c.Keyword(b.key), rc.h.file, c.Line); cond != nil {
				conds = append(conds, cond)
			}
		}
		return conds
	}
	return nil
}

// boundCond states x op n for a literal integer n (x >= 8 for a minimum,
// x <= 64 for a maximum), n named as a config parameter the way a guard's
// bound is (min_password_length) when it is worth naming, written at f's
// line; nil when n is no integer literal.
func (rc *ruleCtx) boundCond(x allium.Expr, op string, n *facts.Expr, f *facts.File, line int) allium.Expr {
	v, ok := litInt(n)
	if !ok {
		return nil
	}
	lit := &allium.Lit{Kind: allium.LitNumber, Text: itoa(int(v))}
	var bound allium.Expr = lit
	guardOp := allium.OpLt // the guard that refuses: length(p) < 8
	if op == allium.OpLe {
		guardOp = allium.OpGt
	}
	if name := policyName(x, guardOp); name != "" && v > 1 {
		// A bound worth naming (not "not blank"), as a guard's.
		bound = rc.b.literalConfig(name, "Integer", lit, f, line)
	}
	return &allium.Binary{Op: op, X: x, Y: bound}
}
