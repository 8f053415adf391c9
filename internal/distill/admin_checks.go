package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// adminRequires states what a handler that only administrators reach (an
// admin decorator or permission class, handlerAuth) requires of the
// acting user: the user's admin field (adminField), or else the admin
// flag declared as the service's own check (adminFlag). Redash's
// @require_admin: requires current_user.is_admin.
func (rc *ruleCtx) adminRequires(sc *scope) {
	if rc.auth != authAdmin {
		return
	}
	u := rc.currentUser()
	x := rc.valueExpr(u)
	if u.kind != vEntity || x == nil {
		return
	}
	if pred := rc.b.adminPredicate(); pred != "" {
		rc.touch(u)
		rc.requires(&allium.Member{X: x, Name: pred}, sc, rc.h.fn.Line)
	}
}

// adminPredicate is what makes a user an administrator: the user
// entity's admin field, or else the admin flag; "" when neither is known.
func (b *builder) adminPredicate() string {
	e := b.entByName[b.userEntity()]
	if e == nil {
		return ""
	}
	if f := b.adminField(e); f != nil {
		f.used = true
		return f.name
	}
	return b.adminFlag(e)
}

// adminField is the first of the catalog's admin fields that the user
// entity e has as a Boolean; nil when it has none.
func (b *builder) adminField(e *entityInfo) *fieldInfo {
	for _, n := range b.lang.Auth.AdminFields {
		if f := e.field(n); f != nil && f.typ != nil && f.typ.Name == "Boolean" {
			return f
		}
	}
	return nil
}

// adminFlag is the catalog's admin flag, declared once on the user entity
// e as a derived value whose definition is the service's own check, a
// black box (is_admin: administrator(this)): the code decides who
// administers in ways the spec does not translate (permissions of
// groups, roles). "" when the catalog names no flag.
func (b *builder) adminFlag(e *entityInfo) string {
	a := b.lang.Auth
	if a.AdminFlag == "" || a.AdminCheck == "" {
		return ""
	}
	if b.derivedNamed(e.name, a.AdminFlag) != nil {
		return a.AdminFlag
	}
	if e.field(a.AdminFlag) != nil {
		return "" // a field of that name that is not a Boolean says something else
	}
	d := &allium.Derived{Meta: b.meta(e.ref.file, e.ref.class.Line), Name: a.AdminFlag,
		Value: &allium.Call{Fun: &allium.Ident{Name: a.AdminCheck}, Args: []allium.Arg{{Value: &allium.Ident{Name: "this"}}}}}
	d.Doc = []string{"the service's own check of who administers, not translated"}
	e.derive = append(e.derive, d)
	return a.AdminFlag
}

// adminCall reads a call that answers whether the signed-in user
// administers (catalog auth.admin_calls, CTFd's is_admin()) as the user's
// admin predicate: user.is_admin. nil for any other expression.
func (rc *ruleCtx) adminCall(e *facts.Expr) allium.Expr {
	if e.Kind != facts.ExprCall || e.X == nil || len(e.Args()) > 0 || len(e.Keywords()) > 0 ||
		!catalog.MatchAny(rc.b.lang.Auth.AdminCalls, e.X.Raw(), facts.LastSegment(e.X.Raw())) {
		return nil
	}
	u := rc.currentUser()
	x := rc.valueExpr(u)
	pred := rc.b.adminPredicate()
	if u.kind != vEntity || x == nil || pred == "" {
		return nil
	}
	return &allium.Member{X: x, Name: pred}
}

// adminPermissionCall reads a user's check of the permission that makes
// an administrator (catalog auth.admin_permissions: redash's
// user.has_permission("admin"), which require_admin checks too) as the
// user's admin predicate: user.is_admin. nil for any other call.
func (rc *ruleCtx) adminPermissionCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	want, ok := rc.b.lang.Auth.AdminPermissions[method]
	if !ok || recv == nil || recv.kind != vEntity || recv.expr == nil || recv.ent != rc.b.userEntity() ||
		len(e.Args()) != 1 || len(e.Keywords()) > 0 {
		return nil
	}
	lit, ok := rc.tr(&e.Args()[0], sc, out).(*allium.Lit)
	if !ok || lit.Kind != allium.LitString || lit.Text != want {
		return nil
	}
	pred := rc.b.adminPredicate()
	if pred == "" {
		return nil
	}
	rc.touch(recv)
	return exprValue(&allium.Member{X: recv.expr, Name: pred})
}
