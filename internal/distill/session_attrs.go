package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A session getter of the service may mark the user it gives back with
// a value of its own making (umami's checkAuth, lib/auth.ts:293-295):
//
//	if (user) {
//	  user.isAdmin = user.role === ROLES.admin;
//	}
//
// so that a handler's auth.user.isAdmin, or a permission helper's
// user?.isAdmin, is the user's role compared with admin. The walk takes
// the session from the getter without following it (catalog
// session_getters); sessionAttrs remembers what it assigns so.

// sessionAttr is one attribute a session getter assigns on a local: the
// local's name and the value, read in the getter's file.
type sessionAttr struct {
	local string
	value *facts.Expr
	file  *facts.File
}

// noteSessionAttrs records the attributes the session getter fr assigns
// on one of its locals, each assigned once only; an attribute assigned
// twice has no single value and is left unread.
func (b *builder) noteSessionAttrs(fr *funcRef) {
	if b.sessionAttrsRead[fr.fn] {
		return
	}
	if b.sessionAttrsRead == nil {
		b.sessionAttrsRead = map[*facts.Function]bool{}
		b.sessionAttrs = map[string]*sessionAttr{}
	}
	b.sessionAttrsRead[fr.fn] = true
	seen := map[string]int{}
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
			return true
		}
		t := &s.Targets[0]
		if t.Kind == facts.ExprAttr && t.X != nil && t.X.Kind == facts.ExprName {
			seen[t.Name()]++
			b.sessionAttrs[t.Name()] = &sessionAttr{local: t.X.Name(), value: s.Value, file: fr.file}
		}
		return true
	})
	for name, n := range seen {
		if n > 1 {
			delete(b.sessionAttrs, name)
		}
	}
}

// sessionAttrValue reads attribute name of x, a user the entity does not
// declare it for, as the session getter computes it with x for its local;
// nil when no getter assigns it or x is no user.
func (rc *ruleCtx) sessionAttrValue(x *value, name string, sc *scope, out *[]allium.Stmt) *value {
	sa := rc.b.sessionAttrs[name]
	if sa == nil || x.kind != vEntity || x.ent != rc.b.userEntity() {
		return nil
	}
	inner := &scope{file: sa.file, vars: map[string]*value{sa.local: x}, depth: sc.depth + 1, stack: sc.stack}
	v := rc.eval(sa.value, inner, out, false)
	if v.kind != vExpr || v.expr == nil {
		return nil
	}
	return v
}
