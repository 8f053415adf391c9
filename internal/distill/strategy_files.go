package distill

// A service's own authentication strategy signs the request's user in
// after checking it (Strapi's strategies/users-permissions.js):
//
//	const user = await getService('user').fetchAuthenticatedUser(id);
//	if (!user) return { error: 'Invalid credentials' };
//	if (advancedSettings.email_confirmation && !user.confirmed) return { error: 'Invalid credentials' };
//	if (user.blocked) return { error: 'Invalid credentials' };
//	ctx.state.user = user;
//
// A handler that reads the signed-in user (ctx.state.user) then reads one
// that passed those tests: it requires their opposites of it
// (not config.email_confirmation or user.confirmed, not user.blocked).
// That the user exists is not among them: a request without a token is
// let through with no user.

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// strategyRequires states, once per rule, what the catalog's strategy files
// (auth.strategy_files) refuse of the user they sign in, of user, the handler's
// signed-in user.
func (rc *ruleCtx) strategyRequires(user *value, sc *scope) {
	st, rq := rc.b.lang.Auth.StrategyFiles, rc.b.lang.RequestContexts
	if st == nil || rq == nil || rc.strategyStated || user == nil || user.kind != vEntity || user.expr == nil {
		return
	}
	rc.strategyStated = true
	for _, ff := range rc.b.strategyFileFunctions() {
		rc.strategyChecks(ff.file, ff.fn, user, sc)
	}
}

// strategyChecks states the tests fn makes of the user it signs in
// before it does: the ifs without an else that end fn (return or throw),
// run before the signing statement in its block or a block around it,
// whose condition reads that user. The other locals such a condition
// reads are evaluated from their assignments on that way (the settings
// read back from the plugin store); a test the walk cannot read is left
// out.
func (rc *ruleCtx) strategyChecks(f *facts.File, fn *facts.Function, user *value, sc *scope) {
	before, name := rc.signingWay(fn.Body(), 0)
	if name == "" {
		return
	}
	at := &scope{file: f, vars: map[string]*value{name: user}, top: sc.top, stack: append(slices.Clone(sc.stack), fn.QualName)}
	var discard []allium.Stmt
	for _, s := range before {
		if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Value != nil && s.Targets[0].Name() != name {
			if testsName(before, s.Targets[0].Name()) {
				at.vars[s.Targets[0].Name()] = rc.eval(s.Value, at, &discard, false)
			}
			continue
		}
		if s.Kind != facts.StmtIf || s.Cond == nil || len(s.Else()) > 0 || len(s.Body) == 0 || !mentionsExpr(s.Cond, name) {
			continue
		}
		if last := s.Body[len(s.Body)-1].Kind; last != facts.StmtReturn && last != facts.StmtRaise {
			continue
		}
		c := rc.cond(s.Cond, at, &discard)
		if c == nil {
			continue
		}
		if x, ok := negate(c).(*allium.Unary); ok && x.Op == allium.OpExists && exprKey(x.X) == exprKey(user.expr) {
			// if (!user) return: a token naming no user. A request
			// without a token has no user either, which the handler
			// tests itself if it must.
			continue
		}
		rc.requires(negate(c), at, s.Line())
	}
}

// signingWay finds the statement of body (or of a block in it: an if's
// body, a try's) that sets the request context's state user to a local
// (ctx.state.user = user): the statements run before it on the way, in
// order, and that local's name; "" when there is none.
func (rc *ruleCtx) signingWay(body []facts.Stmt, depth int) ([]*facts.Stmt, string) {
	if depth > 4 {
		return nil, ""
	}
	for i := range body {
		s := &body[i]
		if name := rc.signsUserIn(s); name != "" {
			return stmtPtrs(body[:i]), name
		}
		if s.Kind != facts.StmtIf && s.Kind != facts.StmtTry {
			continue
		}
		if inner, name := rc.signingWay(s.Body, depth+1); name != "" {
			return append(stmtPtrs(body[:i]), inner...), name
		}
	}
	return nil, ""
}

// signsUserIn is the local s sets the request context's state user to
// (ctx.state.user = user), or "".
func (rc *ruleCtx) signsUserIn(s *facts.Stmt) string {
	rq := rc.b.lang.RequestContexts
	if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil || s.Value.Kind != facts.ExprName {
		return ""
	}
	t := &s.Targets[0]
	if t.Kind != facts.ExprAttr || t.Name() != "user" || t.X == nil || t.X.Kind != facts.ExprAttr || t.X.Name() != rq.State ||
		t.X.X == nil || t.X.X.Kind != facts.ExprName || !slices.Contains(rq.Params, t.X.X.Name()) {
		return ""
	}
	return s.Value.Name()
}

func stmtPtrs(list []facts.Stmt) []*facts.Stmt {
	out := make([]*facts.Stmt, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}

// testsName reports a test among list (an if's condition) reading the
// local name.
func testsName(list []*facts.Stmt, name string) bool {
	return slices.ContainsFunc(list, func(s *facts.Stmt) bool { return s.Kind == facts.StmtIf && s.Cond != nil && mentionsExpr(s.Cond, name) })
}
