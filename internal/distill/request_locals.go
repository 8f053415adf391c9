package distill

import (
	"github.com/distill/distill/internal/allium"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// requestLocal is the request's <x> for a module-level current_<x> bound
// to a proxy of the current request (current_org =
// LocalProxy(_get_current_org)): an input of the rule, like a value read
// from the request. nil for any other constant.
func (rc *ruleCtx) requestLocal(name string, v *facts.Expr) *value {
	if v.Kind != facts.ExprCall || !catalog.MatchAny(rc.b.lang.RequestLocals, v.Resolved(), v.Raw) {
		return nil
	}
	x, ok := strings.CutPrefix(name, "current_")
	if !ok || x == "" || x == "user" || !isSnake(x) {
		return nil
	}
	v2 := rc.paramValue(x)
	if v2.kind == vParam {
		v2.reqLocal = true
	}
	return v2
}

// relatedScoped is the related entity a lookup by its id also scopes by
// other fields (User.get_by_id_and_org(token.user_id, org): token.user),
// with each further condition required of it (token.user.org = org): the
// lookup finds nothing otherwise. nil for any other lookup.
func (rc *ruleCtx) relatedScoped(q *query, sc *scope, out *[]allium.Stmt, line int) *value {
	if q.via != nil || q.bad > 0 || len(q.conds) < 2 {
		return nil
	}
	var rel *allium.Member
	var rest []qcond
	for _, c := range q.conds {
		if c.field == "id" && c.op == allium.OpEq && len(c.path) == 0 {
			if m, ok := c.val.(*allium.Member); ok && rel == nil {
				rel = m
				continue
			}
			return nil
		}
		if c.op != allium.OpEq || c.val == nil || c.orNull || len(c.path) > 0 || isRowField(c.val) {
			return nil
		}
		rest = append(rest, c)
	}
	if rel == nil {
		return nil
	}
	for _, c := range rest {
		req := &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: &allium.Binary{Op: allium.OpEq, X: &allium.Member{X: rel, Name: c.field}, Y: c.val}}
		if sc.top {
			rc.body = append(rc.body, req)
		} else {
			*out = append(*out, req)
		}
	}
	return &value{kind: vEntity, ent: q.ent, expr: rel}
}
