package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// surfaces declares who can trigger the external rules: a public surface
// for unauthenticated handlers, one for signed-in users, and one for
// administrators behind an actor.
//
// An admin decorator known by its catalogued name (admin_required,
// require_admin) puts the rule on the administrators' surface: who may
// call it, the distill guide's actor for role-based access. The rule
// refuses anyone else, so a requires would be faithful too, but only with
// a condition the spec can state: a check distill reads and translates
// becomes one (a dependency that tests a flag: requires
// token.user.is_superuser). flask-base's admin_required tests
// current_user.can(Permission.ADMINISTER), a bitmask over the role's
// permissions, and redash's require_admin a reduce over the permissions of
// the user's groups; neither is a field or a derived value of the user,
// so the spec would have to invent an is_admin: not stated.
func (b *builder) surfaces(m *allium.Module) {
	type group struct {
		name, facing, typ string
		items             []allium.SurfaceEntry
		prov              *allium.Provenance
	}
	user := b.userEntity()
	// The language reference's advice for a public surface: face the
	// entity any instance of which can interact (`facing visitor: User`);
	// only a service with no user entity gets a Visitor of its own.
	visitor := user
	if visitor == "" {
		visitor = "Visitor"
	}
	groups := []*group{
		{name: "PublicApi", facing: "visitor", typ: visitor},
		{name: "UserApi", facing: "user", typ: user},
		{name: "AdminApi", facing: "admin", typ: "Admin"},
	}
	// A deployment key's holders (key_guards.go) reach the rules that
	// require it through a surface of their own.
	keyGroups := map[string]*group{}
	var keyOrder []*group
	seen := map[string]bool{}
	for _, r := range b.rules {
		if !r.external || r.rule.Trigger == nil || seen[r.rule.Trigger.Name] {
			continue
		}
		if h := r; h.rule.Trigger.Kind != allium.TriggerExternal {
			continue
		}
		seen[r.rule.Trigger.Name] = true
		if r.job {
			continue
		}
		level := r.auth
		if user == "" {
			level = authNone
		}
		if level == authAdmin && !b.adminActor(m, user) {
			level = authUser
		}
		g := groups[level]
		call := &allium.Call{Fun: &allium.Ident{Name: r.rule.Trigger.Name}}
		for _, p := range r.rule.Trigger.Params {
			call.Args = append(call.Args, allium.Arg{Value: &allium.Ident{Name: p.Name}})
		}
		if r.keySurface == "" && level != authAdmin && len(r.subjectTypes) > 0 {
			// An auth subject that is a customer or a member, never a
			// user (subject_types.go): each entity it may be reaches
			// the rule through a surface facing it, and no visitor does.
			for _, t := range r.subjectTypes {
				sg := keyGroups[" "+t]
				if sg == nil {
					sg = &group{name: t + "Api", facing: snake(t), typ: t}
					keyGroups[" "+t] = sg
					keyOrder = append(keyOrder, sg)
				}
				sg.items = append(sg.items, &allium.SurfaceItem{Meta: allium.Meta{Prov: r.rule.Prov}, X: call})
				if sg.prov == nil {
					sg.prov = r.rule.Prov
				}
			}
			continue
		}
		if r.keySurface != "" {
			g = keyGroups[r.keySurface]
			if g == nil {
				g = &group{name: r.keySurface, facing: "visitor", typ: visitor}
				keyGroups[r.keySurface] = g
				keyOrder = append(keyOrder, g)
			}
		}
		g.items = append(g.items, &allium.SurfaceItem{Meta: allium.Meta{Prov: r.rule.Prov}, X: call})
		if g.prov == nil {
			g.prov = r.rule.Prov
		}
	}
	for _, g := range append(groups, keyOrder...) {
		if len(g.items) == 0 {
			continue
		}
		if g.typ == "Visitor" && b.entByName["Visitor"] == nil && !hasExternal(m, "Visitor") {
			m.Externals = append(m.Externals, &allium.Entity{Name: "Visitor", External: true,
				Meta: allium.Meta{Prov: g.prov, Doc: []string{"Anyone calling the service without signing in."}}})
		}
		m.Surfaces = append(m.Surfaces, &allium.Surface{Meta: allium.Meta{Prov: g.prov}, Name: g.name,
			Facing: &allium.SurfaceBinding{Name: g.facing, Type: g.typ}, Provides: g.items})
	}
}

func hasExternal(m *allium.Module, name string) bool {
	for _, e := range m.Externals {
		if e.Name == name {
			return true
		}
	}
	return false
}

// adminActor declares `actor Admin` when the user entity has a field that
// says who administers (the catalog's admin_fields: is_staff, is_admin,
// is_superuser) or the derived admin flag a rule required; false when
// nothing in the model says it.
func (b *builder) adminActor(m *allium.Module, user string) bool {
	for _, a := range m.Actors {
		if a.Name == "Admin" {
			return true
		}
	}
	e := b.entByName[user]
	if e == nil {
		return false
	}
	var cond allium.Expr
	var line int
	if f := b.adminField(e); f != nil {
		cond = &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: f.name}, Y: &allium.Lit{Kind: allium.LitBool, Text: "true"}}
		f.used = true
		line = f.line
		b.ensureField(m, e, f)
	} else if d := b.derivedNamed(e.name, b.lang.Auth.AdminFlag); d != nil && b.lang.Auth.AdminFlag != "" {
		// The service's own check, which a rule requires (admin_checks.go).
		cond = &allium.Ident{Name: d.Name}
		line = e.ref.class.Line
	}
	if cond == nil {
		return false
	}
	m.Actors = append(m.Actors, &allium.Actor{Meta: b.meta(e.ref.file, line), Name: "Admin",
		IdentifiedBy: &allium.Where{X: &allium.Ident{Name: user}, Cond: cond}})
	return true
}

// ensureField adds a field dropped as plumbing once something uses it.
func (b *builder) ensureField(m *allium.Module, e *entityInfo, f *fieldInfo) {
	for _, ent := range m.Entities {
		if ent.Name != e.name {
			continue
		}
		for _, mem := range ent.Members {
			if fd, ok := mem.(*allium.Field); ok && fd.Name == f.name {
				return
			}
		}
		idx := 0
		for i, mem := range ent.Members {
			if _, ok := mem.(*allium.Field); ok {
				idx = i + 1
			}
		}
		ent.Members = slices.Insert(ent.Members, idx, allium.EntityMember(&allium.Field{Meta: b.meta(e.ref.file, f.line), Name: f.name, Type: f.typ}))
	}
}
