package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// modelPermissionRequires states what a model-permission class (catalog:
// auth.model_permissions; DRF's DjangoModelPermissions) asks of the
// acting user of a class-based view's handler: the permission for the
// handler's action on the view's model,
//
//	class UsersListCreateView(ListCreateAPIView):
//	    permission_classes = (IsAuthenticated, DjangoModelPermissions)
//
// gives its POST `requires: has_permission(user, add_user)`. Nothing is
// stated when the view picks its classes at run time (get_permissions),
// when the handler's method has no action, or when the view's model is
// not known.
func (rc *ruleCtx) modelPermissionRequires(sc *scope) {
	b, h := rc.b, rc.h
	mp := b.lang.Auth.ModelPermissions
	if mp == nil || mp.Check == "" || mp.Enum == "" || h.class == nil {
		return
	}
	action := mp.Actions[h.fn.Name]
	cr := b.ix.classes[h.class.QualName]
	if action == "" || cr == nil {
		return
	}
	for _, g := range mp.Getters {
		if b.ix.method(cr, g) != nil {
			return
		}
	}
	v, _ := b.classField(cr, "permission_classes")
	found := false
	eachPermissionClass(v, func(e *facts.Expr) {
		found = found || catalog.MatchAny(mp.Classes, e.Raw())
	})
	if !found {
		return
	}
	model := ""
	for _, c := range b.ix.lineage(cr) {
		if model = b.viewModel(c.file, c.class); model != "" {
			break
		}
	}
	u := rc.currentUser()
	x := rc.valueExpr(u)
	if model == "" || u.kind != vEntity || x == nil {
		return
	}
	rc.touch(u)
	perm := &allium.Ident{Name: action + "_" + strings.ToLower(model)}
	rc.requires(&allium.Call{Fun: &allium.Ident{Name: mp.Check}, Args: []allium.Arg{{Value: x}, {Value: perm}}}, sc, h.fn.Line)
}

// permissionEnum declares the permissions the service's rules require
// (has_permission(user, add_user)) as the literals of the catalog's
// permission enum; nil when no rule requires one.
func (b *builder) permissionEnum() *allium.Enum {
	mp := b.lang.Auth.ModelPermissions
	if mp == nil || mp.Check == "" || mp.Enum == "" {
		return nil
	}
	var ae *allium.Enum
	for _, r := range b.rules {
		for _, s := range r.rule.Body {
			req, ok := s.(*allium.Requires)
			if !ok {
				continue
			}
			allium.Inspect(req.Cond, func(e allium.Expr) bool {
				c, ok := e.(*allium.Call)
				if !ok || len(c.Args) != 2 {
					return true
				}
				if f, named := c.Fun.(*allium.Ident); !named || f.Name != mp.Check {
					return true
				}
				p, ok := c.Args[1].Value.(*allium.Ident)
				if !ok || b.metaPermLits[p.Name] {
					// A mutation's Meta's permission is a literal of the
					// service's own enum, declared as that (meta_permissions.go).
					return true
				}
				if ae == nil {
					ae = &allium.Enum{Meta: allium.Meta{Prov: req.Prov}, Name: mp.Enum}
				}
				if !slices.ContainsFunc(ae.Values, func(v allium.EnumValue) bool { return v.Name == p.Name }) {
					ae.Values = append(ae.Values, allium.EnumValue{Name: p.Name})
				}
				return true
			})
		}
	}
	return ae
}
