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
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		return
	}
	for _, g := range mp.Getters {
		if b.ix.method(cr, g) != nil {
			return
		}
	}
	v, vf := b.classField(cr, b.permissionClassesAttr())
	var actions []string
	eachPermissionClass(v, func(e *facts.Expr) {
		var acts []string
		if catalog.MatchAny(mp.Classes, e.Raw()) {
			if a := mp.Actions[h.fn.Name]; a != "" {
				acts = []string{a}
			}
		} else if pc := b.ix.class(vf, e); pc != nil && b.matchBases(pc, mp.Bases) {
			acts = b.ownModelPermissionActions(pc, h.fn.Name)
		}
		for _, a := range acts {
			if !slices.Contains(actions, a) {
				actions = append(actions, a)
			}
		}
	})
	if len(actions) == 0 {
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
	for _, action := range actions {
		perm := &allium.Ident{Name: action + "_" + strings.ToLower(model)}
		rc.requires(&allium.Call{Fun: &allium.Ident{Name: mp.Check}, Args: []allium.Arg{{Value: x}, {Value: perm}}}, sc, h.fn.Line)
	}
}

// ownModelPermissionActions is the actions whose permissions a handler
// method (create, update...) needs under a permission class of the
// service derived from the framework's model-permission class:
// paperless-ngx's PaperlessObjectPermissions(DjangoObjectPermissions)
// with its own perms_map (documents/permissions.py:28-42), whose POST
// needs "%(app_label)s.add_%(model_name)s". None when a class of the
// service between them writes its own has_permission (netbox's
// TokenPermissions also checks the token), when the perms_map is not a
// literal the entries of which are all written that way, or when the
// HTTP methods the handler serves need different permissions.
func (b *builder) ownModelPermissionActions(pc *classRef, method string) []string {
	mp := b.lang.Auth.ModelPermissions
	for _, c := range b.ix.lineage(pc) {
		for _, o := range mp.Overrides {
			if b.ix.funcs[qual(c.qual(), o)] != nil {
				return nil
			}
		}
	}
	pm, _ := b.classField(pc, mp.PermsMap)
	if pm == nil {
		if a := mp.Actions[method]; a != "" {
			return []string{a}
		}
		return nil
	}
	if pm.Kind != facts.ExprDict || len(mp.Methods[method]) == 0 {
		return nil
	}
	var out []string
	for i, m := range mp.Methods[method] {
		var acts []string
		found := false
		for _, en := range pm.Entries() {
			if en.Key == nil || en.Key.Kind != facts.ExprString || en.Key.Value() != m {
				continue
			}
			if en.Value.Kind != facts.ExprList && en.Value.Kind != facts.ExprTuple {
				return nil
			}
			found = true
			for _, p := range en.Value.Args() {
				s := p.Value()
				if p.Kind != facts.ExprString || !strings.HasPrefix(s, mp.PermPrefix) || !strings.HasSuffix(s, mp.PermSuffix) ||
					len(s) <= len(mp.PermPrefix)+len(mp.PermSuffix) {
					return nil
				}
				acts = append(acts, s[len(mp.PermPrefix):len(s)-len(mp.PermSuffix)])
			}
		}
		if !found {
			return nil // DRF answers 405 for a method perms_map lacks
		}
		if i > 0 && !slices.Equal(acts, out) {
			return nil
		}
		out = acts
	}
	return out
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
