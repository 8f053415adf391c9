package distill

import (
	"github.com/distill/distill/internal/allium"
	"slices"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// requestLocal is the request's <x> for a module-level current_<x> bound
// to a proxy of the current request (current_org =
// LocalProxy(_get_current_org)): an input of the rule, like a value read
// from the request. nil for any other constant.
func (rc *ruleCtx) requestLocal(name string, v *facts.Expr) *value {
	if v.Kind != facts.ExprCall || !catalog.MatchAny(rc.b.lang.RequestLocals, v.Resolved(), v.Raw()) {
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
//
// Only at the rule's top level: a further condition is a precondition of
// the rule, and a lookup in a branch or a loop (polar's
// `if record.target_id is None: continue` and then
// `subscription_repository.get_by_id(record.target_id)`,
// merchant_migration/service.py:650-658) is run for some requests or
// rows only, with nowhere in the rule to require it.
func (rc *ruleCtx) relatedScoped(q *query, sc *scope, line int) *value {
	if q.via != nil || q.bad > 0 || len(q.conds) < 2 || !sc.top {
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
		rc.body = append(rc.body, &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: &allium.Binary{Op: allium.OpEq, X: &allium.Member{X: rel, Name: c.field}, Y: c.val}})
	}
	return &value{kind: vEntity, ent: q.ent, expr: rel}
}

// The plumbing params of a handler's request context (Koa's ctx) and of
// the state it carries (ctx.state).
const (
	requestContext      = "request context"
	requestContextState = "request context state"
)

// contextAttr reads an attribute of a request context (catalog
// request_contexts): ctx.request is the request, ctx.params and
// ctx.query its inputs, ctx.state.user the signed-in user. Anything else
// of the context is plumbing; nil when x is no request context.
func (rc *ruleCtx) contextAttr(x *value, name string) *value {
	rq := rc.b.lang.RequestContexts
	if rq == nil {
		return nil
	}
	switch {
	case x.param == requestContext && name == rq.Request && name != "":
		return &value{kind: vPlumbing, param: "request"}
	case x.param == requestContext && slices.Contains(rq.Inputs, name):
		return &value{kind: vReqDict}
	case x.param == requestContext && name == rq.State && name != "":
		return &value{kind: vPlumbing, param: requestContextState}
	case x.param == requestContextState && name == "user":
		return rc.currentUser()
	case x.param == requestContext || x.param == requestContextState:
		return &value{kind: vPlumbing}
	}
	return nil
}
