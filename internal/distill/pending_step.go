package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A sign-in in two steps parks the half-signed-in user in the session and
// sends the caller on to the second step (healthchecks' _check_2fa):
//
//	if have_keys or profile.totp:
//	    request.session["2fa_user"] = [user.id, user.email, int(time.time())]
//	    return redirect(path)
//	auth_login(request, user)
//
// The branch ends the request, but it turns nobody away: the request
// succeeded and the flow goes on elsewhere. Read as a guard it would
// require the user to have no second factor, which is false. It is read
// as the if it stands for: what follows happens only when the condition
// does not hold (`if not (...): Session.created(user)`), and what the
// branch itself states, only when it does.
//
// Only this idiom is read so: at the rule's top level, a branch that ends
// without failing and stores in a session object (the catalog's session
// stores) a collection that holds the id of a user, which is what
// parking a user looks like; a flag (`session["bad_link"] = True`) before a
// redirect is the usual turning away.

// pendingStep walks list[i] and the rest of list when list[i] is such an
// if; it reports whether it did and whether the walk ended the request.
func (rc *ruleCtx) pendingStep(list []facts.Stmt, i int, sc *scope, out *[]allium.Stmt) (ends, ok bool) {
	s := &list[i]
	if !sc.top || sc.inlined || s.Kind != facts.StmtIf || len(s.Else()) > 0 || len(s.Body) == 0 || s.Cond == nil {
		return false, false
	}
	last := &s.Body[len(s.Body)-1]
	if last.Kind != facts.StmtReturn || rc.failureEnd(last, sc) || !rc.parksUser(s.Body, sc) {
		return false, false
	}
	before := len(*out)
	cond := rc.cond(s.Cond, sc, out)
	if cond == nil || constantExpr(cond) {
		*out = (*out)[:before]
		return false, false
	}
	var thenOut, restOut []allium.Stmt
	thenSc, restSc := *sc, *sc
	thenSc.top, restSc.top = false, false
	thenSc.under, restSc.under = andUnder(sc.under, cond), andUnder(sc.under, negate(cond))
	thenSc.vars, restSc.vars = cloneVars(sc.vars), cloneVars(sc.vars)
	rc.stmts(s.Body, &thenSc, &thenOut)
	restEnds := rc.stmts(list[i+1:], &restSc, &restOut)
	if onlyLets(thenOut) && onlyLets(restOut) {
		return restEnds, true
	}
	ifs := &allium.If{Meta: rc.b.meta(sc.file, s.Line()), Branches: []allium.IfBranch{{Cond: cond, Body: thenOut}}}
	if onlyLets(thenOut) {
		ifs.Branches[0] = allium.IfBranch{Cond: negate(cond), Body: restOut}
	} else if len(restOut) > 0 {
		ifs.Else = restOut
	}
	*out = append(*out, ifs)
	return restEnds, true
}

// parksUser reports a statement of body, at its top level, that stores in
// a session object a list, tuple or dict holding the id of a user.
func (rc *ruleCtx) parksUser(body []facts.Stmt, sc *scope) bool {
	user := rc.b.userEntity()
	if user == "" {
		return false
	}
	for j := range body {
		st := &body[j]
		if st.Kind != facts.StmtAssign || st.Value == nil || len(st.Targets) != 1 {
			continue
		}
		t, v := &st.Targets[0], st.Value
		if t.Kind != facts.ExprSubscript || !rc.isSessionStore(t.X) {
			continue
		}
		if v.Kind != facts.ExprList && v.Kind != facts.ExprTuple && v.Kind != facts.ExprDict {
			continue
		}
		if v.Any(func(e *facts.Expr) bool {
			if e.Kind != facts.ExprAttr || (e.Name() != "id" && e.Name() != "pk") || e.X == nil || e.X.Kind != facts.ExprName {
				return false
			}
			u := sc.vars[e.X.Name()]
			return u != nil && (u.kind == vEntity || u.kind == vNew) && u.ent == user
		}) {
			return true
		}
	}
	return false
}
