package distill

import (
	"slices"
	"strconv"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A route registered by a call lists, before its handler, middleware of
// the service: functions of (req, res, next) that hand the request on by
// calling next and end it otherwise (Express):
//
//	router.post("/login",
//	  auth.featureAccess([!env.DISALLOW_LOGIN_FORM]),
//	  asyncHandler(auth.local),
//	  asyncHandler(auth.login))
//
// Each is read as if it were called at the handler's start, as a helper
// called there would be: a check that ends the request with a failure
// before next is called is a precondition of the handler's rule. A
// middleware made by a factory (featureAccess(features) returns the
// function) is read with the factory's parameters bound to the arguments
// given, where the factory is called: in the route's registration, or
// where its result is kept (const local = authenticate("local", ...)). A
// branch that answers without a failure (a redirect for pages) is no
// check and is passed over, and so is one that hands the request on
// early (if (req.user) return next()): the checks after it are those of
// the request the route is for.

// middlewareRead is one middleware of the service ready to be read: its
// function and the scope it runs in (the factory's, when a factory made
// it), and the factory's call and the scope its arguments are read in.
type middlewareRead struct {
	fn      *facts.Function
	sc      *scope
	factory *funcRef
	call    *facts.Expr
	caller  *scope
	// known: the values the checks read so far hold to exist (a guard
	// `if (!user) throw` was stated), left out of the later conditions
	// that test them again (user && user.banned).
	known map[*value]bool
	// verify: the function is a strategy's verify function, whose next is
	// its done (auth_strategies.go); handed is the user it hands on.
	verify bool
	handed *value
	// signedBefore: a middleware read before this one may have signed a
	// user in (read a strategy); signsIn: this one may.
	signedBefore, signsIn bool
}

// middlewareGuards states the checks of the route's middleware of the
// service as preconditions of h's rule.
func (rc *ruleCtx) middlewareGuards(h *handler, sc *scope) {
	steps := h.middlewareSteps()
	if len(steps) == 0 || len(h.fn.Params) == 0 || !sc.top {
		return
	}
	signed := false
	for _, m := range steps {
		mr := rc.middlewareFunction(rc.b.unwrapMiddleware(m.x, m.file), m.file, sc)
		if mr == nil {
			continue
		}
		mr.signedBefore = signed
		// The middleware's request and response are the handler's.
		for j, p := range mr.fn.Params[:2] {
			mr.sc.vars[p.Name] = unknownValue
			if j < len(h.fn.Params) {
				if v, ok := sc.vars[h.fn.Params[j].Name]; ok {
					mr.sc.vars[p.Name] = v
				}
			}
		}
		next := "" // a hook hands on by returning
		if len(mr.fn.Params) == 3 {
			next = mr.fn.Params[2].Name
			mr.sc.vars[next] = unknownValue
		}
		mr.known = map[*value]bool{}
		rc.middlewareChecks(mr, mr.fn.Body(), next)
		signed = signed || mr.signsIn
	}
}

// unwrapMiddleware is the function a route's middleware wraps
// (asyncHandler(verifyJWT) runs verifyJWT), or m itself when what the call
// is given names no function: authorize(Role.Admin) is a factory given a
// value, whose result is the middleware.
func (b *builder) unwrapMiddleware(m *facts.Expr, file *facts.File) *facts.Expr {
	x := unwrapHandler(m)
	if x == m || x.Kind == facts.ExprFunction || b.ix.function(file, x) != nil || b.ix.constant(file, x) != nil {
		return x
	}
	return m
}

// middlewareFunction resolves a route's middleware m, written in file, to
// a function of the service with the shape of a middleware; nil for any
// other (a validation chain, a framework's middleware).
func (rc *ruleCtx) middlewareFunction(m *facts.Expr, file *facts.File, sc *scope) *middlewareRead {
	call, callFile := m, file
	if m.Kind == facts.ExprName || m.Kind == facts.ExprAttr {
		if fr := rc.b.ix.function(file, m); fr != nil {
			if !isMiddleware(fr.fn) || slices.Contains(sc.stack, fr.fn.QualName) {
				return nil
			}
			return &middlewareRead{fn: fr.fn, sc: &scope{file: fr.file, vars: map[string]*value{}, depth: sc.depth + 1, top: true,
				stack: append(slices.Clone(sc.stack), fr.fn.QualName)}}
		}
		// const local = authenticate("local", ...): the factory's call is
		// where the constant is written.
		c := rc.b.ix.constant(file, m)
		if c == nil || c.as.Value == nil {
			return nil
		}
		call, callFile = c.as.Value, c.file
	}
	if call.Kind != facts.ExprCall || call.X == nil {
		return nil
	}
	fr := rc.b.ix.function(callFile, call)
	if fr == nil {
		fr = rc.b.decoratedFunction(callFile, call.X)
	}
	if fr == nil || fr.class != nil || slices.Contains(sc.stack, fr.fn.QualName) {
		return nil
	}
	if list, _ := rc.b.validatorFactoryList(callFile, call); list != nil {
		return nil // its chains are read by middlewareValidations
	}
	mw := returnedClosure(fr.fn)
	if mw == nil || !isMiddleware(mw) {
		// A factory of the service whose result is not one middleware
		// (authorize(Role.Admin) returning [jwt(...), async (req, res,
		// next) => {...}]): its checks are unread, and the rule says so
		// rather than passing for all it requires.
		rc.untranslated(&scope{file: callFile}, call.Line(), LeftOutGuard, "a route's middleware "+facts.LastSegment(call.X.Raw())+" (unread)")
		return nil
	}
	caller := &scope{file: callFile, vars: map[string]*value{}, depth: sc.depth, stack: sc.stack}
	inner := &scope{file: fr.file, vars: map[string]*value{}, depth: sc.depth + 1, top: true, stack: append(slices.Clone(sc.stack), fr.fn.QualName)}
	var scratch []allium.Stmt // the arguments are read for their values only
	rc.bindCallParams(fr, nil, call, caller, inner, &scratch)
	return &middlewareRead{fn: mw, sc: inner, factory: fr, call: call, caller: caller}
}

// isMiddleware reports a function of (req, res, next), or of (req,
// reply): a hook that hands on by returning (Fastify's async hooks).
func isMiddleware(fn *facts.Function) bool {
	return (len(fn.Params) == 3 && fn.Params[2].Name != "" || len(fn.Params) == 2) && fn.Params[0].Name != "" && fn.Params[1].Name != ""
}

// returnedClosure is the function fn returns last: written in place
// (return function (req, res, next) {...}) or defined in its body and
// returned by name.
func returnedClosure(fn *facts.Function) *facts.Function {
	if n := len(fn.Body()); n > 0 {
		// return asyncHandler(async (req, res, next) => {...}): the
		// function the wrapper is given.
		if last := &fn.Body()[n-1]; last.Kind == facts.StmtReturn && last.Value != nil {
			if v := unwrapHandler(last.Value); v.Kind == facts.ExprFunction {
				return v.Func()
			}
		}
	}
	return returnedFunction(fn)
}

// middlewareChecks reads body, a middleware's statements (or a part of
// them), up to where it hands the request on or ends it; it reports
// whether the reading ended there.
func (rc *ruleCtx) middlewareChecks(mr *middlewareRead, body []facts.Stmt, next string) bool {
	for i := range body {
		s := &body[i]
		switch s.Kind {
		case facts.StmtAssign:
			if callsName(body[i:i+1], next) {
				return true
			}
			if namesOnly(s.Targets) {
				rc.stmt(s, mr.sc, &rc.ensures)
			}
			rc.requestUserSet(mr, s)
			// req.viewTemplate = ...: what the middleware leaves for the
			// handler is no outcome of the rule.
		case facts.StmtExpr:
			if rc.strategyCall(mr, s.Value, next) || callsName(body[i:i+1], next) {
				mr.handOn(rc, s)
				return true
			}
		case facts.StmtReturn:
			mr.handOn(rc, s)
			return true
		case facts.StmtTry:
			// try { checks } catch { fail }: the checks of the request
			// that goes on.
			if rc.middlewareChecks(mr, s.Body, next) {
				return true
			}
		case facts.StmtIf:
			if rc.middlewareIf(mr, s, body[i+1:], next) {
				return true
			}
		case facts.StmtWhile, facts.StmtFor:
			if !rc.middlewareLoop(mr, s, next) {
				return true
			}
		default:
			// return, throw, or a statement the reading does not follow.
			return true
		}
	}
	return false
}

// namesOnly reports assignment targets that are all local names.
func namesOnly(targets []facts.Expr) bool {
	for i := range targets {
		if targets[i].Kind != facts.ExprName {
			return false
		}
	}
	return len(targets) > 0
}

// middlewareIf reads an if of a middleware; rest is what follows it. It
// reports whether the reading ends there.
func (rc *ruleCtx) middlewareIf(mr *middlewareRead, s *facts.Stmt, rest []facts.Stmt, next string) bool {
	cond, decided, truth := rc.reduceCond(s.Cond, mr.sc)
	if !decided {
		truth, decided = rc.literalTruth(s.Cond, mr.sc)
	}
	if !decided {
		cond = mr.withoutKnown(cond)
	}
	if decided {
		// A check the factory's arguments settle (isStrict, redirect):
		// only the branch taken is read.
		if truth {
			return rc.middlewareChecks(mr, s.Body, next)
		}
		return rc.middlewareChecks(mr, s.Else(), next)
	}
	switch {
	case rc.middlewareFails(mr, s.Body, next):
		rc.b.stats.GuardsSeen++
		ds, stated := disjuncts(cond), 0
		for _, d := range ds {
			if c := rc.wrapperCond(d, mr.sc, &rc.ensures); c != nil {
				rc.requires(negate(c), mr.sc, s.Line())
				mr.holds(d)
				stated++
			}
		}
		if stated < len(ds) {
			rc.untranslated(mr.sc, s.Line(), LeftOutGuard, "a guard of a route's middleware")
		}
		return rc.middlewareChecks(mr, s.Else(), next)
	case mr.handsOnAt(s.Body, next) && (len(s.Else()) == 0 && rc.middlewareFails(mr, rest, next) && !callsName(rest, next) ||
		len(s.Else()) > 0 && rc.middlewareFails(mr, s.Else(), next)):
		// if (result.isEmpty()) return next(); throw ..., or if
		// (roles.includes(req.user.role)) next(); else throw ...: the
		// request goes on only where the check holds.
		rc.b.stats.GuardsSeen++
		if c := rc.wrapperCond(cond, mr.sc, &rc.ensures); c != nil {
			rc.requires(c, mr.sc, s.Line())
		} else {
			rc.untranslated(mr.sc, s.Line(), LeftOutGuard, "a guard of a route's middleware")
		}
		return true
	}
	if mr.handsOnAt(s.Body, next) {
		// if (req.user) return next(): a user signed in by a middleware
		// before skips the checks after. With none before that may
		// have, they are the request's; else they hold on one way only,
		// and the reading ends.
		return mr.signedBefore || !rc.requestUserTest(s.Cond, mr)
	}
	// A branch that answers some requests without a failure (a redirect
	// for pages): no check of the request the route is for.
	return false
}

// requestUserSet reads req.user = user, a middleware handing the handler
// the row it found (verifyJWT: the user the token's id claim names, which
// must exist): that row is the handler's signed-in user, so the rule
// names one user where the middleware's checks and the handler's reads
// of req.user meet. A handler that has its signed-in user already keeps
// it.
func (rc *ruleCtx) requestUserSet(mr *middlewareRead, s *facts.Stmt) {
	if rc.userVal != nil || len(s.Targets) != 1 || s.Value == nil || s.Value.Kind != facts.ExprName || !rc.requestUserTest(&s.Targets[0], mr) {
		return
	}
	v := mr.sc.vars[s.Value.Name()]
	signedInName := rc.currentUserName()
	if v == nil || v.kind != vEntity || v.param == "" || v.ent != rc.b.userEntity() || v.param != signedInName && rc.paramSet[signedInName] {
		return
	}
	// Named as the handler's req.user is, apart from the rows the handler
	// looks up (const user = await User.findById(userId)).
	renameParam(rc, v.param, signedInName)
	v.param, v.expr = signedInName, &allium.Ident{Name: signedInName}
	rc.userVal = v
	if rc.auth == authNone {
		rc.auth = authUser
	}
}

// requestUserTest reports a test of the request's signed-in user
// (req.user), the catalog's current user names.
func (rc *ruleCtx) requestUserTest(c *facts.Expr, mr *middlewareRead) bool {
	return c != nil && c.Kind == facts.ExprAttr && c.X != nil && c.X.Kind == facts.ExprName && c.X.Name() == mr.fn.Params[0].Name &&
		rc.b.lang.Auth != nil && catalog.Match(rc.b.lang.Auth.CurrentUserNames, c.Raw())
}

// handsOnAt reports a body that ends by handing the request on: calling
// next with no argument, or a verify function's done with a user.
func (mr *middlewareRead) handsOnAt(body []facts.Stmt, next string) bool {
	if len(body) == 0 {
		return false
	}
	args, ok := nextCall(&body[len(body)-1], next)
	if mr.verify {
		return ok && len(args) >= 2 && !args[1].IsFalsyLiteral()
	}
	return ok && len(args) == 0
}

// nextCall is the arguments of the call of next a statement makes or
// returns, and whether it makes one.
func nextCall(s *facts.Stmt, next string) ([]facts.Expr, bool) {
	if s.Kind != facts.StmtReturn && s.Kind != facts.StmtExpr {
		return nil, false
	}
	v := s.Value
	if v == nil || v.Kind != facts.ExprCall || v.X == nil || v.X.Kind != facts.ExprName || v.X.Name() != next {
		return nil, false
	}
	return v.Args(), true
}

// handOn keeps, for a verify function, the user s hands on (done(null,
// user)).
func (mr *middlewareRead) handOn(rc *ruleCtx, s *facts.Stmt) {
	if !mr.verify || !mr.handsOnAt([]facts.Stmt{*s}, mr.fn.Params[len(mr.fn.Params)-1].Name) {
		return
	}
	mr.handed = rc.eval(&s.Value.Args()[1], mr.sc, nil, false)
}

// holds records what a stated guard `if (d) fail` leaves known: with d
// `!x`, x exists.
func (mr *middlewareRead) holds(d *facts.Expr) {
	if d != nil && d.Kind == facts.ExprUnary && d.Op() == "not" && d.X != nil && d.X.Kind == facts.ExprName {
		if v := mr.sc.vars[d.X.Name()]; v != nil && !unreadValue(v) {
			mr.known[v] = true
		}
	}
}

// withoutKnown is e without the operands of its and-chain that only test
// a value known to exist (user && user.banned, with user required).
func (mr *middlewareRead) withoutKnown(e *facts.Expr) *facts.Expr {
	if e == nil || e.Kind != facts.ExprBoolOp || e.Op() != "and" {
		return e
	}
	known := func(x *facts.Expr) bool {
		return x != nil && x.Kind == facts.ExprName && mr.known[mr.sc.vars[x.Name()]]
	}
	x, y := mr.withoutKnown(e.X), mr.withoutKnown(e.Y)
	switch {
	case known(x):
		return y
	case known(y):
		return x
	case x == e.X && y == e.Y:
		return e
	}
	c := *e
	c.X, c.Y = x, y
	return &c
}

// middlewareFails reports a body that ends the request with a failure
// every way it goes (throws, answers a 4xx, or calls next with an
// error), the branches the factory's arguments settle read alone.
func (rc *ruleCtx) middlewareFails(mr *middlewareRead, body []facts.Stmt, next string) bool {
	if len(body) == 0 || mr.handsOnAt(body, next) {
		return false
	}
	last := &body[len(body)-1]
	if _, ok := nextCall(last, next); ok && mr.verify {
		return true // done(err), done(null, false)
	}
	if last.Kind == facts.StmtIf {
		_, decided, truth := rc.reduceCond(last.Cond, mr.sc)
		if !decided {
			truth, decided = rc.literalTruth(last.Cond, mr.sc)
		}
		switch {
		case decided && truth:
			return rc.middlewareFails(mr, last.Body, next)
		case decided:
			return rc.middlewareFails(mr, last.Else(), next)
		}
		return rc.middlewareFails(mr, last.Body, next) && rc.middlewareFails(mr, last.Else(), next)
	}
	return rc.failureEnd(last, mr.sc)
}

// literalTruth settles a comparison of two values the reading knows as
// literals (type === "oidc", with type the factory's argument "local"),
// and and/or/not over such comparisons.
func (rc *ruleCtx) literalTruth(e *facts.Expr, sc *scope) (truth, ok bool) {
	if e == nil {
		return false, false
	}
	switch e.Kind {
	case facts.ExprUnary:
		if e.Op() == "not" {
			t, ok := rc.literalTruth(e.X, sc)
			return !t, ok
		}
	case facts.ExprBoolOp:
		x, okx := rc.literalTruth(e.X, sc)
		y, oky := rc.literalTruth(e.Y, sc)
		switch e.Op() {
		case "and":
			if okx && !x || oky && !y {
				return false, true
			}
			return true, okx && oky
		case "or":
			if okx && x || oky && y {
				return true, true
			}
			return false, okx && oky
		}
	case facts.ExprCompare:
		x, okx := literalText(e.X, sc)
		y, oky := literalText(e.Y, sc)
		if !okx || !oky {
			return false, false
		}
		switch e.Op() {
		case "==", "===", "is":
			return x == y, true
		case "!=", "!==", "is not":
			return x != y, true
		}
	case facts.ExprName:
		if t, ok := rc.staticTruth(e, sc); ok {
			return t, true
		}
	}
	return false, false
}

// literalText is the text of a literal, written or bound to a name.
func literalText(e *facts.Expr, sc *scope) (string, bool) {
	if e == nil {
		return "", false
	}
	switch e.Kind {
	case facts.ExprString:
		return strconv.Quote(e.Value()), true
	case facts.ExprNone:
		return "null", true
	case facts.ExprName:
		if v := sc.vars[e.Name()]; v != nil && v.kind == vExpr {
			if l, isLit := v.expr.(*allium.Lit); isLit {
				if l.Kind == allium.LitString {
					return strconv.Quote(l.Text), true
				}
				return l.Text, true
			}
		}
	}
	return "", false
}

// middlewareLoop reads a loop of a middleware over the elements of a list
// its factory was given (for (let i = 0; i < features.length; ++i) if
// (!features[i]) throw ...): its checks, once per element. It reports
// whether the reading goes on after it.
func (rc *ruleCtx) middlewareLoop(mr *middlewareRead, s *facts.Stmt, next string) bool {
	var list, index, elem string
	switch {
	case s.Kind == facts.StmtFor && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName &&
		s.Iter() != nil && s.Iter().Kind == facts.ExprName:
		list, elem = s.Iter().Name(), s.Targets[0].Name()
	case s.Kind == facts.StmtWhile && s.Cond != nil && s.Cond.Kind == facts.ExprCompare && s.Cond.Op() == "<" &&
		s.Cond.X != nil && s.Cond.X.Kind == facts.ExprName && s.Cond.Y != nil && s.Cond.Y.Kind == facts.ExprAttr &&
		s.Cond.Y.Name() == "length" && s.Cond.Y.X != nil && s.Cond.Y.X.Kind == facts.ExprName:
		list, index = s.Cond.Y.X.Name(), s.Cond.X.Name()
		elem = list + "[" + index + "]"
	default:
		return false
	}
	items := rc.factoryListArg(mr, list)
	if items == nil {
		return false
	}
	for k := range items {
		mr.sc.vars[elem] = rc.eval(&items[k], mr.caller, nil, false)
		for j := range s.Body {
			b := &s.Body[j]
			switch {
			case b.Kind == facts.StmtIf:
				at := *b
				if index != "" {
					at.Cond = elementNamed(b.Cond, list, index, elem)
				}
				if rc.middlewareIf(mr, &at, nil, next) {
					delete(mr.sc.vars, elem)
					return false
				}
			case index != "" && j == len(s.Body)-1 && b.Kind != facts.StmtIf && !callsName(s.Body[j:j+1], next):
				// ++i: the loop's step.
			default:
				delete(mr.sc.vars, elem)
				return false
			}
		}
	}
	delete(mr.sc.vars, elem)
	return true
}

// factoryListArg is the list written in place that the middleware's
// factory was given for its parameter name; nil when it was given none.
func (rc *ruleCtx) factoryListArg(mr *middlewareRead, name string) []facts.Expr {
	if mr.factory == nil || mr.call == nil {
		return nil
	}
	for i, p := range mr.factory.fn.Params {
		if p.Name == name && i < len(mr.call.Args()) && mr.call.Args()[i].Kind == facts.ExprList {
			return mr.call.Args()[i].Args()
		}
	}
	return nil
}

// elementNamed is e with list[index] read as the name elem (the element
// the loop is at), the rest shared.
func elementNamed(e *facts.Expr, list, index, elem string) *facts.Expr {
	if e == nil {
		return nil
	}
	if e.Kind == facts.ExprSubscript && e.X != nil && e.X.Kind == facts.ExprName && e.X.Name() == list &&
		e.Y != nil && e.Y.Kind == facts.ExprName && e.Y.Name() == index {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: elem, Raw: elem, Line: e.Line()})
	}
	x, y := elementNamed(e.X, list, index, elem), elementNamed(e.Y, list, index, elem)
	if x == e.X && y == e.Y {
		return e
	}
	c := *e
	c.X, c.Y = x, y
	return &c
}

// decoratedFunction resolves a name taken from the application (const {
// authenticate } = f) to the function of the service the application was
// decorated with under that name (f.decorate('authenticate',
// authenticate), route_tables.decorators); nil when it is none.
func (b *builder) decoratedFunction(f *facts.File, e *facts.Expr) *funcRef {
	rt := b.lang.RouteTables
	if rt == nil || len(rt.Decorators) == 0 || e == nil || e.Kind != facts.ExprName || !b.takenFromApp(f, e.Name()) {
		return nil
	}
	for _, d := range b.decorationCalls(e.Name()) {
		if len(d.x.Args()) != 2 {
			continue
		}
		if found := b.ix.function(d.file, &d.x.Args()[1]); found != nil {
			return found
		}
	}
	return nil
}

// takenFromApp reports name destructured from an object in one of f's
// functions (const { authenticate } = f): a decoration of the application
// the function is given.
func (b *builder) takenFromApp(f *facts.File, name string) bool {
	for _, s := range b.destructuringsOf(f) {
		if s.Value.Kind != facts.ExprName {
			continue
		}
		for _, en := range s.Targets[0].Entries() {
			if en.Value.Kind == facts.ExprName && en.Value.Name() == name {
				return true
			}
		}
	}
	return false
}
