package distill

import (
	"reflect"
	"slices"
	"strconv"

	"github.com/distill/distill/internal/allium"
)

// Repair (repair.go) drops the constructs the checker rejects, one at a
// time, and knows nothing of what they held up. A config parameter is
// declared because a rule reads it (assembleConfig), a message entity
// because a rule sends it, an enum because a field or a rule names it: when
// repair drops the only rule that read one, the declaration is left behind
// saying something of no behaviour in the spec (baserow's FillWorkspace,
// dropped, left workspace_user_permission_admin in the config block). The
// orphans pass runs after repair and removes each such declaration, by the
// same reasoning assemble used to declare it: it was referenced before
// repair, it is referenced by nothing now, and it is one of the kinds
// assemble declares only when referenced. What was never referenced
// before repair (a model entity no rule touches) is left as assemble made
// it.

// refsOf lists the names a construct references: identifiers, join and
// relationship targets, type names, `config.x` reads (as "config.x") and
// member names read through a dot (as ".x", so that a relationship a rule
// navigates is known to be used). skip leaves out subtrees: the construct's
// own relationships to a candidate are inverse navigation, not a use.
func refsOf(root any, out map[string]bool, skip func(any) bool) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
			return
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			if v.CanInterface() && skip != nil && skip(v.Interface()) {
				return
			}
			if v.CanInterface() {
				switch x := v.Interface().(type) {
				case *allium.Provenance:
					return
				case *allium.Ident:
					out[x.Name] = true
				case *allium.Join:
					out[x.Entity] = true
				case *allium.Member:
					out["."+x.Name] = true
					if id, ok := x.X.(*allium.Ident); ok && id.Name == "config" {
						out["config."+x.Name] = true
					}
				case *allium.Type:
					out[x.Name] = true
				case *allium.Relationship:
					out[x.Entity] = true
				case *allium.Variant:
					out[x.Base] = true
				case *allium.Default:
					out[x.Type] = true
				case *allium.SurfaceBinding:
					out[x.Type] = true
				case *allium.Actor:
					out[x.Within] = true
				}
			}
			walk(v.Elem())
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(root))
}

// configKey is the name refsOf gives a read of config parameter name.
func configKey(name string) string { return "config." + name }

// givenKey names a given binding among the candidates (its reads are
// those of its name).
func givenKey(name string) string { return "given:" + name }

// moduleRefs lists every name the module references (refsOf over all of
// it).
func moduleRefs(m *allium.Module) map[string]bool {
	out := map[string]bool{}
	refsOf(m, out, nil)
	return out
}

// refOnlyEntity reports whether assemble declares the entity only because
// something references it: a message sink, a signed token, a session, a
// dataclass or a rate-limit bucket model (build.go assemble), none of them
// a model the service stores rows of for their own sake.
func (b *builder) refOnlyEntity(name string) bool {
	e := b.entByName[name]
	if e == nil {
		return true
	}
	return e.weak || b.bucketModel(e)
}

// orphanCandidates lists the declarations of m the orphans pass may
// remove: those assemble declares only when referenced, keyed as refsOf
// names them (config parameters as "config.x").
func (b *builder) orphanCandidates(m *allium.Module) map[string]bool {
	candidate := map[string]bool{}
	for _, e := range m.Entities {
		if b.refOnlyEntity(e.Name) {
			candidate[e.Name] = true
		}
	}
	for _, en := range m.Enums {
		candidate[en.Name] = true
	}
	for _, c := range m.Config {
		if !b.enforcedConfig[c.Name] {
			candidate[configKey(c.Name)] = true
		}
	}
	for _, g := range m.Given {
		candidate[givenKey(g.Name)] = true
	}
	return candidate
}

// liveRefs lists the names m references in a way that keeps a candidate
// declared: a declaration's own body does not keep it, nor does a
// relationship to it that nothing navigates (the inverse side of a link
// the candidate holds, build.go tokenRelationship).
func liveRefs(m *allium.Module, candidate map[string]bool) map[string]bool {
	isInverse := func(x any) bool {
		rel, ok := x.(*allium.Relationship)
		return ok && candidate[rel.Entity]
	}
	refs := map[string]bool{}
	refsOf(m, refs, func(x any) bool {
		switch d := x.(type) {
		case *allium.Entity:
			if !candidate[d.Name] {
				return false
			}
			own := map[string]bool{}
			refsOf(d.Members, own, isInverse)
			delete(own, d.Name)
			for k := range own {
				refs[k] = true
			}
			return true
		case *allium.Enum:
			return true
		case *allium.ConfigParam:
			// A default that reads another parameter keeps it.
			if d.Default != nil {
				refsOf(d.Default, refs, nil)
			}
			return true
		case *allium.Relationship:
			return candidate[d.Entity]
		}
		return false
	})
	for _, e := range m.Entities {
		for _, mem := range e.Members {
			if rel, ok := mem.(*allium.Relationship); ok && candidate[rel.Entity] && relRead(m, e, rel) {
				refs[rel.Entity] = true
			}
		}
	}
	// A given binding is read by its name (settings.allow_reset_password).
	for _, g := range m.Given {
		if refs[g.Name] {
			refs[givenKey(g.Name)] = true
		}
	}
	return refs
}

// orphanRefs is what the orphans pass reads of the module before repair:
// the names that kept a candidate declared then.
func (b *builder) orphanRefs(m *allium.Module) map[string]bool {
	return liveRefs(m, b.orphanCandidates(m))
}

// pruneOrphans removes, after repair, the declarations only the dropped
// constructs referenced (before is orphanRefs of the module before
// repair). It repeats until nothing more goes: a message entity that goes
// frees its template enum.
func (b *builder) pruneOrphans(m *allium.Module, before map[string]bool) {
	// Each round removes at least one declaration.
	for range len(m.Entities) + len(m.Enums) + len(m.Config) + len(m.Given) + 1 {
		if !b.pruneOrphansOnce(m, before) {
			return
		}
	}
}

func (b *builder) pruneOrphansOnce(m *allium.Module, before map[string]bool) bool {
	candidate := b.orphanCandidates(m)
	for k := range candidate {
		if !before[k] {
			delete(candidate, k)
		}
	}
	if len(candidate) == 0 {
		return false
	}
	refs := liveRefs(m, candidate)
	gone := map[string]bool{}
	for k := range candidate {
		if !refs[k] {
			gone[k] = true
		}
	}
	if len(gone) == 0 {
		return false
	}
	note := func(kind, name string, prov *allium.Provenance) {
		where := ""
		if prov != nil && prov.File != "" {
			where = prov.File + ":" + strconv.Itoa(prov.Line) + ": "
		}
		b.note("%s%s %s left out: only constructs the checker dropped used it", where, kind, name)
	}
	m.Given = slices.DeleteFunc(m.Given, func(g *allium.GivenBinding) bool {
		if gone[givenKey(g.Name)] {
			note("given", g.Name, g.Prov)
			return true
		}
		return false
	})
	m.Config = slices.DeleteFunc(m.Config, func(c *allium.ConfigParam) bool {
		if gone[configKey(c.Name)] {
			note("config", c.Name, c.Prov)
			return true
		}
		return false
	})
	m.Enums = slices.DeleteFunc(m.Enums, func(en *allium.Enum) bool {
		if gone[en.Name] {
			note("enum", en.Name, en.Prov)
			return true
		}
		return false
	})
	m.Entities = slices.DeleteFunc(m.Entities, func(e *allium.Entity) bool {
		if gone[e.Name] {
			note("entity", e.Name, e.Prov)
			return true
		}
		return false
	})
	for _, e := range m.Entities {
		e.Members = slices.DeleteFunc(e.Members, func(mem allium.EntityMember) bool {
			rel, ok := mem.(*allium.Relationship)
			return ok && gone[rel.Entity]
		})
	}
	return true
}

// relRead reports whether anything but the relationship itself reads its
// name: a member of its entity (a projection over it) or a navigation
// through a dot anywhere in the module.
func relRead(m *allium.Module, owner *allium.Entity, rel *allium.Relationship) bool {
	refs := map[string]bool{}
	refsOf(m, refs, func(x any) bool { return x == rel })
	if refs["."+rel.Name] {
		return true
	}
	own := map[string]bool{}
	refsOf(owner.Members, own, func(x any) bool { return x == rel })
	return own[rel.Name]
}
