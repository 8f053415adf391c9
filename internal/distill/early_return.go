package distill

import (
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
