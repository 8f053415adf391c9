package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A helper the rule inlines may leave early without doing anything
// (healthchecks' Project.invite):
//
//	def invite(self, user, role):
//	    if Member.objects.filter(user=user, project=self).exists():
//	        return False
//	    if self.owner_id == user.id:
//	        return False
//	    m = Member.objects.create(user=user, project=self, role=role)
//
// Its return leaves the helper, not the request, so the if is no guard of
// the rule; what follows it happens only when the test fails. Read as
// `if test: return False  else: <the rest>`, so that the rest's outcomes
// are stated under the negated test instead of always.

//
// Only the refusal idiom is read so: a body that is nothing but a return
// of no value, None or False, before a rest that creates a row
// (Member.objects.create). A helper that checks its input and then sets
// fields (confirm(token): if data["confirm"] != self.id: return False)
// keeps its reading as the token checks the rule already requires.

// earlyReturn is the if at list[i] with the rest of list as its else,
// when list is an inlined helper's body and that if is such a refusal;
// nil otherwise.
func (rc *ruleCtx) earlyReturn(list []facts.Stmt, i int, sc *scope) *facts.Stmt {
	s := &list[i]
	if !sc.inlined || s.Kind != facts.StmtIf || len(s.Else()) > 0 || len(s.Body) != 1 || s.Body[0].Kind != facts.StmtReturn {
		return nil
	}
	if r := s.Body[0].Value; r != nil && r.Kind != facts.ExprNone && !(r.Kind == facts.ExprBool && r.Value() == "false") {
		return nil
	}
	if !rc.createsRow(list[i+1:]) {
		return nil
	}
	joined := *s
	joined.SetElse(list[i+1:])
	return &joined
}

// createsRow reports a statement of list, at its top level or after
// further refusals, that creates a row through a create method.
func (rc *ruleCtx) createsRow(list []facts.Stmt) bool {
	for i := range list {
		s := &list[i]
		if s.Kind == facts.StmtIf {
			if len(s.Else()) == 0 && len(s.Body) == 1 && s.Body[0].Kind == facts.StmtReturn {
				continue
			}
			return false
		}
		v := s.Value
		if v == nil || v.Kind != facts.ExprCall || (s.Kind != facts.StmtAssign && s.Kind != facts.StmtExpr) {
			continue
		}
		if m := v.Method(); m != "" && catalog.Match(rc.b.lang.CreateMethods, m) {
			return true
		}
	}
	return false
}

// A handler may answer early, and answer the same, when the row the
// request names by a key other than its id is missing (Strapi's
// forgotPassword, controllers/auth.js:244):
//
//	const user = await ...findOne({ where: { email: email.toLowerCase() } });
//	if (!user || user.blocked) {
//	  return ctx.send({ ok: true });
//	}
//	<token stored, email sent>
//
// The answer is no refusal: an unknown address is not told apart from a
// known one. So the test is no precondition; what follows happens only
// when it fails, read as `if (!(test)) { <the rest> }`.

// answeredAlike is the if at list[i] rewritten so when it is such an
// early answer in a handler's own body, given through the request
// context; nil otherwise.
func (rc *ruleCtx) answeredAlike(list []facts.Stmt, i int, sc *scope) *facts.Stmt {
	s := &list[i]
	if !sc.top || sc.inlined || s.Kind != facts.StmtIf || len(s.Else()) > 0 || len(s.Body) != 1 || s.Body[0].Kind != facts.StmtReturn || i+1 >= len(list) {
		return nil
	}
	if !rc.contextAnswer(s.Body[0].Value) || rc.failureEnd(&s.Body[0], sc) {
		return nil
	}
	var scratch []allium.Stmt
	if !rc.missingOtherKeyRow(rc.cond(s.Cond, sc, &scratch)) {
		return nil
	}
	if rc.answeredAlikeAt == nil {
		rc.answeredAlikeAt = map[int]bool{}
	}
	rc.answeredAlikeAt[s.Line()] = true
	rest := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Line: s.Line()})
	rest.Cond = new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprUnary, X: s.Cond, Line: s.Cond.Line()}).WithOp("not"))
	rest.Body = list[i+1:]
	return &rest
}

// contextAnswer reports an answer written through the handler's request
// context (catalog request_contexts: Koa's ctx.send({ok: true})), not a
// page or redirect a framework renders.
func (rc *ruleCtx) contextAnswer(r *facts.Expr) bool {
	rcx := rc.b.lang.RequestContexts
	if rcx == nil || r == nil || r.Kind != facts.ExprCall || r.Method() == "" || r.X.X == nil || r.X.X.Kind != facts.ExprName {
		return false
	}
	return slices.Contains(rcx.Params, r.X.X.Name()) && catalog.Match(rc.b.lang.PlumbingCalls, r.Method())
}

// missingOtherKeyRow reports a test that a row found by a key other than
// the request's id is missing (not exists user), alone or as the first
// of alternatives (not exists user or user.blocked).
func (rc *ruleCtx) missingOtherKeyRow(cond allium.Expr) bool {
	for {
		b, ok := cond.(*allium.Binary)
		if !ok || b.Op != allium.OpOr {
			break
		}
		cond = b.X
	}
	u, ok := cond.(*allium.Unary)
	return ok && u.Op == allium.OpNot && rc.foundByOtherKey(u.X)
}
