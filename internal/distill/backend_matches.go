package distill

// A service's own authentication backend, the first the settings list,
// decides whom a login signs in: Django's authenticate asks the backends
// in order. Oscar's EmailBackend (auth_backends.py:42-58) collects the
// users its query finds whose password verifies and who may sign in, and
// returns one only when there is exactly one:
//
//	matching_users = User.objects.filter(email__iexact=clean_email)
//	authenticated_users = [user for user in matching_users
//	    if user.check_password(password) and self.user_can_authenticate(user)]
//	if len(authenticated_users) == 1:
//	    return authenticated_users[0]
//
// The spec says that: let matches = filter(Users, u => ...), requires:
// matches.count = 1, and the rule's outcomes for the user are stated for
// each of the matches, of which there is exactly one (Allium has no "the
// only element of a collection"). A backend of any other shape keeps the
// black box authenticate(username, password).

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// onlyMatch is a rule whose user is the one element of a collection the
// rule binds: its outcomes are iterated over that collection.
type onlyMatch struct {
	user    string // the user's name in the outcomes
	matches string // the let holding the collection
}

// matchLambdaVar names each candidate in the filter's lambda.
const matchLambdaVar = "u"

// backendOnlyMatch is the user the service's own first backend signs in
// when it reads as above: the matches are bound and required to be one,
// and the value returned names the one match. nil when the backend is
// of another shape; nothing is stated then.
func (rc *ruleCtx) backendOnlyMatch(as catalog.AuthenticatingShape, sc *scope, line int) *value {
	b := rc.b
	fr := b.firstOwnBackend()
	if fr == nil || fr.class == nil || rc.onlyMatch != nil {
		return nil
	}
	cr := b.ix.classes[fr.class.QualName]
	ent := b.entByName[b.userEntity()]
	if cr == nil || ent == nil {
		return nil
	}
	fr = b.forwardingTarget(cr, fr)
	const matches = "matches"
	user := bindingName(as.Key)
	for _, n := range []string{user, matches, matchLambdaVar} {
		if n == "" || rc.lets[n] || rc.paramSet[n] || slices.Contains(rc.params, n) {
			return nil
		}
	}
	for _, in := range as.Inputs {
		if in == matchLambdaVar {
			return nil
		}
	}

	// The backend is called as Django calls it: the request, then the
	// credentials as keywords (authenticate(request, username=...,
	// password=...)).
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: line})
	kws := make([]facts.Keyword, 0, len(as.Inputs))
	for _, in := range as.Inputs {
		name := "__credential_" + in
		sc.vars[name] = rc.paramValue(in)
		defer delete(sc.vars, name)
		kws = append(kws, facts.Keyword{Name: in, Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Line: line})})
	}
	call.SetKeywords(kws)
	if ps := fr.fn.Params; len(ps) > 1 && ps[1].Name == "request" {
		call.SetArgs([]facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "request", Line: line})})
	}
	inner := &scope{file: fr.file, vars: map[string]*value{}, depth: sc.depth + 1,
		stack: append(slices.Clone(sc.stack), fr.fn.QualName), top: true, cls: fr.class}
	// What reading the backend would state on the way is not the rule's:
	// it is dropped, whether the read succeeds or not.
	var scratch []allium.Stmt
	bodyAt := len(rc.body)
	rc.bindCallParams(fr, &value{kind: vPlumbing}, call, sc, inner, &scratch)
	for _, p := range fr.fn.Params {
		if p.Kind != facts.ParamVarKeyword {
			continue
		}
		// **kwargs holds the credentials no parameter names, by name.
		held := map[string]*value{}
		for _, in := range as.Inputs {
			if !slices.ContainsFunc(fr.fn.Params, func(q facts.Param) bool { return q.Name == in }) {
				held[in] = rc.paramValue(in)
			}
		}
		inner.vars[p.Name] = &value{kind: vReqDict, attrs: held}
	}
	w := &matchWalk{rc: rc, sc: inner, out: &scratch, ent: ent, values: map[string]*facts.Expr{}, comps: map[string]*facts.Expr{}}
	cond, found := w.stmts(fr.fn.Body())
	rc.body = rc.body[:bodyAt]
	if !found || cond == nil {
		return nil
	}
	for _, g := range w.skipped {
		// A refusal before the count the spec does not state: named.
		rc.leaveOutAt(fr.file.Path, g, LeftOutGuard, "a guard of the service's backend")
	}
	coll := &allium.Call{Fun: &allium.Ident{Name: "filter"}, Args: []allium.Arg{
		{Value: &allium.Ident{Name: plural(ent.name)}},
		{Value: &allium.Lambda{Param: matchLambdaVar, Body: cond}},
	}}
	rc.lets[matches] = true
	rc.body = append(rc.body, &allium.Let{Meta: b.meta(sc.file, line), Name: matches, Value: coll})
	rc.requires(&allium.Binary{Op: allium.OpEq, X: &allium.Member{X: &allium.Ident{Name: matches}, Name: "count"},
		Y: &allium.Lit{Kind: allium.LitNumber, Text: "1"}}, sc, line)
	rc.lets[user] = true
	rc.onlyMatch = &onlyMatch{user: user, matches: matches}
	return &value{kind: vEntity, ent: ent.name, expr: &allium.Ident{Name: user}}
}

// matchWalk reads a backend's body along the path its call takes.
type matchWalk struct {
	rc  *ruleCtx
	sc  *scope
	out *[]allium.Stmt
	ent *entityInfo
	// values: the locals assigned so far, as written; comps: those
	// assigned a list comprehension.
	values, comps map[string]*facts.Expr
	// skipped: the lines of refusals passed on the way.
	skipped []int
}

// stmts walks stmts to the count test; found reports it was reached,
// with the matches' condition.
func (w *matchWalk) stmts(stmts []facts.Stmt) (cond allium.Expr, found bool) {
	for i := range stmts {
		s := &stmts[i]
		switch s.Kind {
		case facts.StmtExpr:
			if s.Value == nil || s.Value.Kind != facts.ExprString {
				return nil, false
			}
		case facts.StmtAssign:
			if len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Value == nil {
				return nil, false
			}
			name := s.Targets[0].Name()
			if s.Value.Kind == facts.ExprComprehension {
				w.comps[name] = s.Value
				continue
			}
			w.values[name] = s.Value
			w.sc.vars[name] = w.rc.eval(s.Value, w.sc, w.out, false)
		case facts.StmtIf:
			if c, ok := w.countTest(s); ok {
				return c, c != nil
			}
			if taken, ok := w.noneTest(s.Cond); ok {
				branch := s.Body
				if !taken {
					branch = s.Else()
				}
				if c, found := w.stmts(branch); found || !w.falls(branch) {
					return c, found
				}
				continue
			}
			if len(s.Else()) == 0 && refuses(s.Body) {
				w.skipped = append(w.skipped, s.Line())
				continue
			}
			return nil, false
		default:
			return nil, false
		}
	}
	return nil, false
}

// falls reports a branch that ends without returning or raising: the
// walk goes on after it.
func (w *matchWalk) falls(stmts []facts.Stmt) bool {
	if len(stmts) == 0 {
		return true
	}
	k := stmts[len(stmts)-1].Kind
	return k != facts.StmtReturn && k != facts.StmtRaise
}

// refuses reports a branch that returns None (or nothing) or raises.
func refuses(stmts []facts.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	last := &stmts[len(stmts)-1]
	return last.Kind == facts.StmtRaise || last.Kind == facts.StmtReturn && (last.Value == nil || last.Value.Kind == facts.ExprNone)
}

// noneTest decides `x is None` / `x is not None` for a parameter the call
// left at its None default (taken: the test holds) or gave a value.
func (w *matchWalk) noneTest(e *facts.Expr) (taken, ok bool) {
	if e == nil || e.Kind != facts.ExprCompare || e.X == nil || e.X.Kind != facts.ExprName || e.Y == nil || e.Y.Kind != facts.ExprNone {
		return false, false
	}
	v := w.sc.vars[e.X.Name()]
	if v == nil {
		return false, false
	}
	var isNone bool
	if l, lit := v.expr.(*allium.Lit); lit && l.Kind == allium.LitNull {
		isNone = true
	} else if v.kind != vParam {
		return false, false
	}
	switch e.Op() {
	case "is":
		return isNone, true
	case "is not":
		return !isNone, true
	}
	return false, false
}

// countTest reads `if len(c) == 1: return c[0]` for a comprehension c the
// walk holds: ok reports the shape, cond the matches' condition (nil when
// they do not translate).
func (w *matchWalk) countTest(s *facts.Stmt) (cond allium.Expr, ok bool) {
	e := s.Cond
	if e == nil || e.Kind != facts.ExprCompare || e.Op() != "==" || e.X == nil || e.Y == nil || e.Y.Kind != facts.ExprInt || e.Y.Value() != "1" {
		return nil, false
	}
	l := e.X
	if l.Kind != facts.ExprCall || l.Raw() != "len" || len(l.Args()) != 1 || l.Args()[0].Kind != facts.ExprName {
		return nil, false
	}
	name := l.Args()[0].Name()
	comp := w.comps[name]
	if comp == nil || len(s.Body) == 0 {
		return nil, false
	}
	r := &s.Body[0]
	if r.Kind != facts.StmtReturn || r.Value == nil || r.Value.Kind != facts.ExprSubscript || r.Value.X == nil ||
		r.Value.X.Kind != facts.ExprName || r.Value.X.Name() != name || r.Value.Y == nil || r.Value.Y.Kind != facts.ExprInt || r.Value.Y.Value() != "0" {
		return nil, false
	}
	return w.comprehension(comp), true
}

// comprehension is the condition of [x for x in q if c...] over the
// candidate u: the query's filter, then each condition.
func (w *matchWalk) comprehension(comp *facts.Expr) allium.Expr {
	args := comp.Args()
	if len(args) < 3 || args[0].Kind != facts.ExprName || args[1].Kind != facts.ExprName || args[0].Name() != args[1].Name() {
		return nil
	}
	q := &args[2]
	if q.Kind == facts.ExprName && w.values[q.Name()] != nil {
		q = w.values[q.Name()]
	}
	conds := w.filterConds(q)
	if conds == nil {
		return nil
	}
	loopVar := args[1].Name()
	u := &allium.Ident{Name: matchLambdaVar}
	saved, had := w.sc.vars[loopVar]
	w.sc.vars[loopVar] = &value{kind: vEntity, ent: w.ent.name, expr: u}
	defer func() {
		if had {
			w.sc.vars[loopVar] = saved
		} else {
			delete(w.sc.vars, loopVar)
		}
	}()
	for i := 3; i < len(args); i++ {
		for _, c := range conjuncts(&args[i]) {
			x := w.candidateCond(c, loopVar, u)
			if x == nil {
				return nil
			}
			conds = append(conds, x...)
		}
	}
	out := conds[0]
	for _, c := range conds[1:] {
		out = &allium.Binary{Op: allium.OpAnd, X: out, Y: c}
	}
	return out
}

// filterConds are the conditions on u of a query of the user entity
// filtered by keywords (User.objects.filter(email__iexact=x)): field =
// value, or lower(field) = lower(value) for a case-insensitive operator.
// nil when the query is of another shape.
func (w *matchWalk) filterConds(q *facts.Expr) []allium.Expr {
	rc := w.rc
	if q.Kind != facts.ExprCall || q.Method() != "filter" || len(q.Args()) != 0 || len(q.Keywords()) == 0 {
		return nil
	}
	recv := rc.eval(q.X.X, w.sc, w.out, false)
	if recv.kind != vQuery || recv.ent != w.ent.name || recv.q != nil && len(recv.q.conds) > 0 {
		return nil
	}
	l := rc.b.lang
	var out []allium.Expr
	for i := range q.Keywords() {
		kw := &q.Keywords()[i]
		field, op, _ := strings.Cut(kw.Name, "__")
		f := w.ent.attrs[field]
		if f == nil || f.drop || strings.Contains(op, "__") {
			return nil
		}
		val := rc.tr(&kw.Value, w.sc, w.out)
		if val == nil {
			return nil
		}
		m := &allium.Member{X: &allium.Ident{Name: matchLambdaVar}, Name: f.name}
		switch {
		case catalog.Match(l.CaseInsensitiveOperators, op):
			lower := func(x allium.Expr) allium.Expr {
				return &allium.Call{Fun: &allium.Ident{Name: "lower"}, Args: []allium.Arg{{Value: x}}}
			}
			out = append(out, &allium.Binary{Op: allium.OpEq, X: lower(m), Y: lower(val)})
		case op == "" || l.FilterOperators[op] == "=":
			out = append(out, &allium.Binary{Op: allium.OpEq, X: m, Y: val})
		default:
			return nil
		}
		f.used = true
	}
	return out
}

// candidateCond translates one condition of the comprehension on its
// loop variable: the backend's own may-sign-in test (self.
// user_can_authenticate(user)) is the catalog's active flags; anything
// else as the walk reads it. nil when it does not translate.
func (w *matchWalk) candidateCond(c *facts.Expr, loopVar string, u allium.Expr) []allium.Expr {
	rc := w.rc
	l := rc.b.lang
	if c.Kind == facts.ExprCall && c.Method() != "" && rc.b.isSelf(c.X.X) && catalog.Match(l.AuthenticateActiveChecks, c.Method()) {
		if len(c.Args()) != 1 || c.Args()[0].Kind != facts.ExprName || c.Args()[0].Name() != loopVar {
			return nil
		}
		var out []allium.Expr
		for _, name := range l.AuthenticateActive {
			f := w.ent.attrs[name]
			if f == nil || f.drop || f.typ == nil || f.typ.Name != "Boolean" {
				continue
			}
			f.used = true
			out = append(out, &allium.Member{X: u, Name: f.name})
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	x := rc.cond(c, w.sc, w.out)
	if x == nil || !mentionsIdent(x, matchLambdaVar) {
		// A condition that is not about the candidate is no filter of
		// it the spec can state here.
		return nil
	}
	return []allium.Expr{x}
}

// mentionsIdent reports an expression that reads name.
func mentionsIdent(x allium.Expr, name string) bool {
	found := false
	allium.Inspect(x, func(e allium.Expr) bool {
		if id, ok := e.(*allium.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// dropOnlyMatchReads leaves out the preconditions that read the one
// match by name: it is named only in the outcomes, for each of the
// matches, and a clause outside them could not read it.
func (rc *ruleCtx) dropOnlyMatchReads(body []allium.Stmt) []allium.Stmt {
	om := rc.onlyMatch
	if om == nil {
		return body
	}
	kept := body[:0:0]
	for _, s := range body {
		if req, ok := s.(*allium.Requires); ok && mentionsIdent(req.Cond, om.user) {
			path, line := rc.h.file.Path, rc.h.fn.Line
			if p := req.Prov; p != nil {
				path, line = p.File, p.Line
			}
			rc.leaveOutAt(path, line, LeftOutGuard, "a guard on the one match")
			continue
		}
		kept = append(kept, s)
	}
	return kept
}
