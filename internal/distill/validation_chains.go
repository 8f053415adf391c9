package distill

import (
	"maps"
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
	if vc == nil || len(vc.Runs) == 0 || e == nil || e.Kind != facts.ExprCall || !slices.Contains(vc.Runs, e.Method()) || len(e.Args()) != 1 {
		return false
	}
	return rc.chainChecks(e.X.X, &e.Args()[0], sc, out)
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
	for x != nil && x.Kind == facts.ExprCall && x.Method() != "" && !catalog.MatchAny(vc.Starts, x.Raw(), x.Resolved()) {
		checks = append(checks, x)
		x = x.X.X
	}
	if x == nil || x.Kind != facts.ExprCall || !catalog.MatchAny(vc.Starts, x.Raw(), x.Resolved()) || len(x.Args()) == 0 || x.Args()[0].Kind != facts.ExprString {
		return false
	}
	// The input as the request's body holds it: req.body.<name>.
	input := requestBodyPart(req, x.Args()[0].Value(), top.Line())
	in := rc.tr(input, sc, out)
	if in == nil {
		return true
	}
	ci := chainInput{expr: input, req: req, in: in}
	optional := false
	for _, c := range checks {
		// A valid address, or a value of letters and digits, is never
		// empty: isLength({min: 1}) beside isEmail() says nothing more.
		kind := vc.Checks[c.Method()]
		ci.nonEmpty = ci.nonEmpty || kind == "email" || kind == "alphanumeric"
		optional = optional || slices.Contains(vc.Optional, c.Method())
	}
	if id, ok := in.(*allium.Ident); ok && optional {
		// The request may leave the input out: what the code falls back
		// to then is behaviour (role || ROLES.USER).
		if rc.schemaOptional == nil {
			rc.schemaOptional = map[string]bool{}
		}
		rc.schemaOptional[id.Name] = true
	}
	for i := len(checks) - 1; i >= 0; i-- {
		c := checks[i]
		for _, cond := range rc.chainCheck(vc.Checks[c.Method()], c, ci, sc, out) {
			rc.b.stats.GuardsSeen++
			if optional {
				// optional(): an input not given passes every check.
				cond = absentOr(in, cond)
			}
			rc.requires(cond, sc, c.Line())
		}
	}
	return true
}

// chainInput is the input a validation chain checks.
type chainInput struct {
	expr *facts.Expr // as the code reads it: req.body.<name>
	req  *facts.Expr // the request the chain runs on
	in   allium.Expr // as the spec states it
	// nonEmpty: another check of the chain holds only for a non-empty
	// value (an email format), so a lower length bound of 1 says nothing.
	nonEmpty bool
}

// chainCheck states one check of a validation chain on its input.
func (rc *ruleCtx) chainCheck(kind string, c *facts.Expr, ci chainInput, sc *scope, out *[]allium.Stmt) []allium.Expr {
	in := ci.in
	switch kind {
	case "custom":
		return rc.customCheck(c, ci.expr, ci.req, sc, out)
	case "email":
		return []allium.Expr{&allium.Call{Fun: &allium.Ident{Name: "is_valid_email"}, Args: []allium.Arg{{Value: in}}}}
	case "alphanumeric":
		return []allium.Expr{&allium.Call{Fun: &allium.Ident{Name: "is_alphanumeric"}, Args: []allium.Arg{{Value: in}}}}
	case "equals":
		if len(c.Args()) == 1 {
			if y := rc.tr(&c.Args()[0], sc, out); y != nil {
				return []allium.Expr{&allium.Binary{Op: allium.OpEq, X: in, Y: y}}
			}
		}
	case "length":
		length := &allium.Call{Fun: &allium.Ident{Name: "length"}, Args: []allium.Arg{{Value: in}}}
		if lo, ok := litInt(c.Keyword("min")); ok && lo > 0 {
			if hi, ok := litInt(c.Keyword("max")); ok && hi == lo {
				// isLength({min: 36, max: 36}): the input's format (a
				// UUID), one exact length rather than two limits.
				return []allium.Expr{&allium.Binary{Op: allium.OpEq, X: length, Y: &allium.Lit{Kind: allium.LitNumber, Text: itoa(int(lo))}}}
			}
		}
		var conds []allium.Expr
		for _, b := range []struct{ key, op string }{{"min", allium.OpGe}, {"max", allium.OpLe}} {
			if v, ok := litInt(c.Keyword(b.key)); ok && b.op == allium.OpGe && (v == 0 || v == 1 && ci.nonEmpty) {
				continue // isLength({min: 0, max: 255}): no lower bound
			}
			if cond := rc.boundCond(length, b.op, c.Keyword(b.key), sc.file, c.Line()); cond != nil {
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
	if name := rc.b.boundName(rc.b.policyName(x, guardOp)); name != "" && v > 1 {
		// A bound worth naming (not "not blank"), as a guard's.
		bound = rc.b.literalConfig(name, "Integer", lit, f, line)
	}
	return &allium.Binary{Op: op, X: x, Y: bound}
}

// customCheck states a check of a validation chain written as a function
// (express-validator's body("password").custom(async (password, {req}) =>
// {...})): it is given the input and, in its second parameter, the
// request, and the input is refused when it throws, returns a rejection
// (catalog validation_chains.rejections: Promise.reject()) or a falsy
// value. A function that only returns a value holds that value; one whose
// guards refuse holds each guard's negation, the locals before them read
// as a handler's are. A function that does anything else states nothing:
// its check is left out with a note.
func (rc *ruleCtx) customCheck(c, input, req *facts.Expr, sc *scope, out *[]allium.Stmt) []allium.Expr {
	if len(c.Args()) != 1 || c.Args()[0].Kind != facts.ExprFunction || c.Args()[0].Func() == nil {
		return nil
	}
	fn := c.Args()[0].Func()
	at := *sc
	at.vars = maps.Clone(sc.vars)
	if len(fn.Params) > 0 && fn.Params[0].Name != "" {
		at.vars[fn.Params[0].Name] = rc.eval(input, sc, out, false)
	}
	reqName := rc.requestName(fn)
	if reqName != "" {
		// ({ req }): the request the chain runs on.
		at.vars[reqName] = rc.eval(req, sc, out, false)
	}
	var conds []allium.Expr
	for i := range fn.Body() {
		s := &fn.Body()[i]
		switch {
		case s.Kind == facts.StmtReturn && s.Value == nil:
		case s.Kind == facts.StmtReturn && !rc.isRejection(s.Value):
			// (repeat, {req}) => repeat === req.body.new_password
			cond := rc.cond(s.Value, &at, out)
			if cond == nil {
				return rc.customLeftOut(c, sc)
			}
			conds = append(conds, cond)
		case s.Kind == facts.StmtAssign:
			// const isMatch = await bcrypt.compare(password, req.user.password);
			// a check that changes state is no precondition.
			var effects []allium.Stmt
			if rc.stmt(s, &at, &effects); len(effects) > 0 {
				return rc.customLeftOut(c, sc)
			}
		case s.Kind == facts.StmtIf && len(s.Else()) == 0 && rc.refuses(s.Body):
			cond := rc.cond(s.Cond, &at, out)
			if cond == nil {
				return rc.customLeftOut(c, sc)
			}
			conds = append(conds, negate(cond))
		case s.Kind == facts.StmtIf && len(s.Else()) == 0 && requestWrites(s.Body, reqName):
			// if (user) req.user = user: what the check hands on to the
			// handler, no condition of its own.
		default:
			return rc.customLeftOut(c, sc)
		}
	}
	return conds
}

// customLeftOut notes a custom check the spec cannot state.
func (rc *ruleCtx) customLeftOut(c *facts.Expr, sc *scope) []allium.Expr {
	rc.untranslated(sc, c.Line(), LeftOutGuard, "a custom check")
	return nil
}

// refuses reports whether body is one statement that refuses the input of
// a custom check: a throw, or a return of a rejection.
func (rc *ruleCtx) refuses(body []facts.Stmt) bool {
	if len(body) != 1 {
		return false
	}
	s := &body[0]
	return s.Kind == facts.StmtRaise || s.Kind == facts.StmtReturn && s.Value != nil && rc.isRejection(s.Value)
}

// isRejection reports a call of the catalog's rejections (Promise.reject()).
func (rc *ruleCtx) isRejection(e *facts.Expr) bool {
	vc := rc.b.lang.ValidationChains
	return vc != nil && e.Kind == facts.ExprCall && catalog.MatchAny(vc.Rejections, e.Raw(), e.Resolved())
}

// requestName is the name a custom check's function gives the request it
// is handed ({ req }, the catalog's request_key), "" for none.
func (rc *ruleCtx) requestName(fn *facts.Function) string {
	key := rc.b.lang.ValidationChains.RequestKey
	if key == "" || len(fn.Params) < 2 || fn.Params[1].Pattern == nil {
		return ""
	}
	for _, en := range fn.Params[1].Pattern.Entries() {
		if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == key && en.Value.Kind == facts.ExprName {
			return en.Value.Name()
		}
	}
	return ""
}

// requestWrites reports whether body only sets attributes of the request
// named req (req.user = user).
func requestWrites(body []facts.Stmt, req string) bool {
	if req == "" || len(body) == 0 {
		return false
	}
	for i := range body {
		s := &body[i]
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprAttr ||
			s.Targets[0].X == nil || s.Targets[0].X.Kind != facts.ExprName || s.Targets[0].X.Name() != req {
			return false
		}
	}
	return true
}

// requestBodyPart is req.body.<name>, written where line is.
func requestBodyPart(req *facts.Expr, name string, line int) *facts.Expr {
	body := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: req, Name: "body", Raw: req.Raw() + ".body", Line: line})
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: body, Name: name, Raw: body.Raw() + "." + name, Line: line})
}

// middlewareValidations states the validations a route's middleware runs
// before its handler as the handler's preconditions: express-validator
// chains (router.post("/signup", body("email").isEmail(), signup), alone
// or in a list) and object-schema middlewares (celebrate({[Segments.BODY]:
// Joi.object({...})})), on the input of the handler's request parameter;
// and the JSON schemas of a route registered by a route-table call
// (Fastify's schema: {body: {...}}).
func (rc *ruleCtx) middlewareValidations(h *handler, sc *scope) {
	steps := h.middlewareSteps()
	if len(steps) == 0 && h.schema == nil || len(h.fn.Params) == 0 {
		return
	}
	p := h.fn.Params[0].Name
	if p == "" {
		return
	}
	req := new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: p, Raw: p, Line: h.fn.Line}).WithResolved(p))
	if h.schema != nil {
		rc.jsonSchemaChecks(h.schema, req, sc)
	}
	var walk func(m *facts.Expr, file *facts.File, depth int)
	walk = func(m *facts.Expr, file *facts.File, depth int) {
		switch m.Kind {
		case facts.ExprList, facts.ExprTuple:
			for i := range m.Args() {
				walk(&m.Args()[i], file, depth)
			}
			return
		case facts.ExprName, facts.ExprAttr:
			// validators.signup: a module constant holding the chains
			// (express-validator's arrays of body(...) checks, kept in
			// a module of their own), read where it is written.
			if c := rc.b.ix.constant(file, m); c != nil && c.as.Value != nil && depth < maxMiddlewareDepth {
				walk(c.as.Value, c.file, depth+1)
				return
			}
			rc.schemaMiddlewareFunction(m, file, req, sc)
			return
		case facts.ExprCall:
			// userRegisterValidator(): a function of the service that
			// returns the list of chains, read where it is written.
			if list, at := rc.b.validatorFactoryList(file, m); list != nil && depth < maxMiddlewareDepth {
				walk(list, at, depth+1)
				return
			}
		}
		at := *sc
		at.file = file // the checks are stated at the lines of this file
		if !rc.chainChecks(m, req, &at, &rc.ensures) {
			rc.schemaMiddleware(m, req, &at)
		}
	}
	for _, m := range steps {
		walk(m.x, m.file, 0)
	}
}

// validatorFactoryList is the list a route's middleware call returns
// when it calls, without arguments, a function of the service that only
// returns a list literal (express-validator's userRegisterValidator = ()
// => [body("email").isEmail(), ...]), and the file it is written in; nil
// for any other call.
func (b *builder) validatorFactoryList(f *facts.File, call *facts.Expr) (*facts.Expr, *facts.File) {
	if call.Kind != facts.ExprCall || call.X == nil || len(call.Args()) > 0 || len(call.Keywords()) > 0 {
		return nil, nil
	}
	fr := b.ix.function(f, call.X)
	if fr == nil || fr.class != nil || len(fr.fn.Body()) != 1 {
		return nil, nil
	}
	if ret := &fr.fn.Body()[0]; ret.Kind == facts.StmtReturn && ret.Value != nil && ret.Value.Kind == facts.ExprList {
		return ret.Value, fr.file
	}
	return nil, nil
}

// maxMiddlewareDepth bounds how many constants naming constants a
// route's middleware is followed through (a list of lists of chains).
const maxMiddlewareDepth = 3
