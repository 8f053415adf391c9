package distill

import (
	"slices"
	"strconv"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A middleware may sign the request in by a strategy registered by name
// (Passport, the catalog's auth_strategies):
//
//	passport.use(new LocalStrategy({usernameField: "email"}, async (email, password, done) => {
//	  const user = await query.user.find({ email });
//	  if (!user) return done(null, false);
//	  ...
//	  return done(null, user);
//	}));
//	passport.authenticate("local", (err, user, info) => {
//	  if (!user) throw new CustomError("Login credentials are wrong.", 401);
//	  ...
//	})(req, res, next);
//
// The strategy's verify function is read as a middleware whose next is
// its done: done(null, false) and done(err) fail, done(null, user) hands
// the user on. The callback is then read on, the user it is given being
// the one handed on (a strategy that reads a token hands on the request's
// signed-in user) and its error none: the request the route is for.

// registeredStrategy is a strategy registered by a call of the service.
type registeredStrategy struct {
	file     *facts.File
	strategy *catalog.AuthStrategy
	verify   *facts.Function
	// options: the object the strategy was given before its verify
	// function, nil for none known.
	options *facts.Expr
}

// strategyCall reads e when it is a catalogued strategy call given a
// callback and the request (passport.authenticate(name, cb)(req, res,
// next)): the verify function of the strategy registered under name, then
// the callback. It reports whether e is such a call.
func (rc *ruleCtx) strategyCall(mr *middlewareRead, e *facts.Expr, next string) bool {
	as := rc.b.lang.AuthStrategies
	if as == nil || e == nil || e.Kind != facts.ExprCall || e.X == nil || e.X.Kind != facts.ExprCall {
		return false
	}
	auth := e.X
	if !catalog.MatchAny(as.Authenticate, auth.Resolved(), auth.Raw()) || len(auth.Args()) < 2 {
		return false
	}
	cbArg := &auth.Args()[len(auth.Args())-1]
	cb := cbArg.Func()
	if cbArg.Kind != facts.ExprFunction || cb == nil || len(cb.Params) < 2 {
		return false
	}
	quoted, ok := literalText(&auth.Args()[0], mr.sc)
	name, err := strconv.Unquote(quoted)
	if !ok || err != nil {
		return false
	}
	reg := rc.b.authStrategy(name)
	if reg == nil || slices.Contains(mr.sc.stack, reg.verify.QualName) {
		return false
	}
	mr.signsIn = true
	req := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: mr.fn.Params[0].Name, Raw: mr.fn.Params[0].Name, Line: auth.Line()})
	before := rc.snapshot()
	var user *value
	if reg.strategy.SignedIn {
		signedIn := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, Name: "user", X: req, Raw: req.Raw() + ".user", Line: auth.Line()})
		user = rc.eval(signedIn, mr.sc, nil, false)
	} else if user = rc.strategyVerify(mr, reg, req); user == nil {
		rc.restore(before) // the strategy hands on no user the spec can name
		return true
	}
	mr.sc.vars[cb.Params[0].Name] = &value{kind: vExpr, expr: &allium.Lit{Kind: allium.LitNull, Text: "null"}}
	mr.sc.vars[cb.Params[1].Name] = user
	for _, p := range cb.Params[2:] {
		mr.sc.vars[p.Name] = unknownValue
	}
	rc.middlewareChecks(mr, cb.Body(), next)
	if !mr.known[user] {
		// The callback lets the request on without a user (a loose
		// strategy): what it and the strategy check of one holds only
		// when one signs in.
		rc.restore(before)
		return true
	}
	if !reg.strategy.SignedIn && rc.userVal == nil {
		// The user the strategy hands on is the request's signed-in one
		// from here on (req.user).
		rc.userVal = user
	}
	return true
}

// strategyVerify reads the verify function of a strategy given the
// request's inputs its catalog entry names; it answers the user the
// function hands on, nil when it hands on none the reading could follow.
func (rc *ruleCtx) strategyVerify(mr *middlewareRead, reg *registeredStrategy, req *facts.Expr) *value {
	fn := reg.verify
	vsc := &scope{file: reg.file, vars: map[string]*value{}, depth: mr.sc.depth + 1, top: true,
		stack: append(slices.Clone(mr.sc.stack), fn.QualName)}
	for k, p := range fn.Params {
		vsc.vars[p.Name] = unknownValue
		if k < len(reg.strategy.Inputs) && k < len(fn.Params)-1 {
			in := reg.strategy.Inputs[k]
			key := in.Default
			if o := dictEntry(reg.options, in.Option); o != nil && o.Kind == facts.ExprString {
				key = o.Value()
			}
			vsc.vars[p.Name] = rc.eval(requestBodyPart(req, key, fn.Line), mr.sc, nil, false)
		}
	}
	vr := &middlewareRead{fn: fn, sc: vsc, known: map[*value]bool{}, verify: true}
	rc.middlewareChecks(vr, fn.Body(), fn.Params[len(fn.Params)-1].Name)
	return vr.handed
}

// authStrategy is the strategy the service registers under name, nil when
// it registers none (or one the catalog does not know). Every route's
// middleware asks, so each name's search of the modules is done once.
func (b *builder) authStrategy(name string) *registeredStrategy {
	if b.lang.AuthStrategies == nil || len(b.lang.AuthStrategies.Strategies) == 0 {
		return nil
	}
	if r, ok := b.strategies[name]; ok {
		return r
	}
	var found *registeredStrategy
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		if found = b.strategyIn(f, f.Statements, name); found != nil {
			break
		}
	}
	if b.strategies == nil {
		b.strategies = map[string]*registeredStrategy{}
	}
	b.strategies[name] = found
	return found
}

// strategyIn finds the registration of the strategy named name among a
// module's statements, those of its top-level ifs included (a strategy
// registered only when a setting allows it).
func (b *builder) strategyIn(f *facts.File, list []facts.Stmt, name string) *registeredStrategy {
	as := b.lang.AuthStrategies
	for i := range list {
		s := &list[i]
		if s.Kind == facts.StmtIf {
			if r := b.strategyIn(f, s.Body, name); r != nil {
				return r
			}
			if r := b.strategyIn(f, s.Else(), name); r != nil {
				return r
			}
			continue
		}
		if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || !catalog.MatchAny(as.Register, s.Value.Resolved(), s.Value.Raw()) {
			continue
		}
		args := s.Value.Args()
		given := ""
		if len(args) == 2 && args[0].Kind == facts.ExprString {
			given, args = args[0].Value(), args[1:]
		}
		if len(args) != 1 || args[0].Kind != facts.ExprCall {
			continue
		}
		st := strategyClass(as, &args[0])
		if st == nil || (given == "" && st.Name != name) || (given != "" && given != name) {
			continue
		}
		sargs := args[0].Args()
		if len(sargs) == 0 || sargs[len(sargs)-1].Kind != facts.ExprFunction || sargs[len(sargs)-1].Func() == nil ||
			len(sargs[len(sargs)-1].Func().Params) == 0 {
			continue // a verify function hands its answer to its last parameter, done
		}
		reg := &registeredStrategy{file: f, strategy: st, verify: sargs[len(sargs)-1].Func()}
		if len(sargs) > 1 {
			reg.options = b.optionsObject(f, list[:i], &sargs[0])
		}
		return reg
	}
	return nil
}

// strategyClass is the catalog's strategy whose class call makes, or nil.
func strategyClass(as *catalog.AuthStrategies, call *facts.Expr) *catalog.AuthStrategy {
	for i := range as.Strategies {
		if catalog.MatchAny(as.Strategies[i].Classes, call.Resolved(), call.Raw()) {
			return &as.Strategies[i]
		}
	}
	return nil
}

// optionsObject is the object literal e is: written in place, assigned to
// its name among the statements before (const localOptions = {...}), or
// a module constant; nil otherwise.
func (b *builder) optionsObject(f *facts.File, before []facts.Stmt, e *facts.Expr) *facts.Expr {
	if e.Kind == facts.ExprDict {
		return e
	}
	if e.Kind != facts.ExprName {
		return nil
	}
	for i := len(before) - 1; i >= 0; i-- {
		s := &before[i]
		if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Targets[0].Name() == e.Name() {
			if s.Value != nil && s.Value.Kind == facts.ExprDict {
				return s.Value
			}
			return nil
		}
	}
	if c := b.ix.constant(f, e); c != nil && c.as.Value != nil && c.as.Value.Kind == facts.ExprDict {
		return c.as.Value
	}
	return nil
}
