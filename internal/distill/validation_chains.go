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
	return rc.chainChecks(e.X.X, &e.Args[0], sc, out)
}

// chainChecks states the checks of the validation chain top is
// (body("password").isLength({min: 8})) as preconditions on the input of
// the request req that its start names. It reports whether top is such a
// chain.
func (rc *ruleCtx) chainChecks(top, req *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	vc := rc.b.lang.ValidationChains
	if vc == nil {
		return false
	}
	var checks []*facts.Expr
	x := top
	for x != nil && x.Kind == facts.ExprCall && x.Method() != "" && !catalog.MatchAny(vc.Starts, x.Raw, x.Resolved()) {
		checks = append(checks, x)
		x = x.X.X
	}
	if x == nil || x.Kind != facts.ExprCall || !catalog.MatchAny(vc.Starts, x.Raw, x.Resolved()) || len(x.Args) == 0 || x.Args[0].Kind != facts.ExprString {
		return false
	}
	// The input as the request's body holds it: req.body.<name>.
	input := requestBodyPart(req, x.Args[0].Value, top.Line)
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
	if name := rc.b.boundName(policyName(x, guardOp)); name != "" && v > 1 {
		// A bound worth naming (not "not blank"), as a guard's.
		bound = rc.b.literalConfig(name, "Integer", lit, f, line)
	}
	return &allium.Binary{Op: op, X: x, Y: bound}
}

// requestBodyPart is req.body.<name>, written where line is.
func requestBodyPart(req *facts.Expr, name string, line int) *facts.Expr {
	body := &facts.Expr{Kind: facts.ExprAttr, X: req, Name: "body", Raw: req.Raw + ".body", Line: line}
	return &facts.Expr{Kind: facts.ExprAttr, X: body, Name: name, Raw: body.Raw + "." + name, Line: line}
}

// middlewareValidations states the validations a route's middleware runs
// before its handler as the handler's preconditions: express-validator
// chains (router.post("/signup", body("email").isEmail(), signup), alone
// or in a list) and object-schema middlewares (celebrate({[Segments.BODY]:
// Joi.object({...})})), on the input of the handler's request parameter;
// and the JSON schemas of a route registered by a route-table call
// (Fastify's schema: {body: {...}}).
func (rc *ruleCtx) middlewareValidations(h *handler, sc *scope) {
	if len(h.middleware) == 0 && h.schema == nil || len(h.fn.Params) == 0 {
		return
	}
	p := h.fn.Params[0].Name
	if p == "" {
		return
	}
	req := new(facts.Expr{Kind: facts.ExprName, Name: p, Raw: p, Line: h.fn.Line}.WithResolved(p))
	if h.schema != nil {
		rc.jsonSchemaChecks(h.schema, req, sc)
	}
	var walk func(m *facts.Expr)
	walk = func(m *facts.Expr) {
		if m.Kind == facts.ExprList || m.Kind == facts.ExprTuple {
			for i := range m.Args {
				walk(&m.Args[i])
			}
			return
		}
		if !rc.chainChecks(m, req, sc, &rc.ensures) {
			rc.schemaMiddleware(m, req, sc)
		}
	}
	for i := range h.middleware {
		walk(&h.middleware[i])
	}
}
