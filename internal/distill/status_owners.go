package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// A status literal belongs to the field of one entity. Literals are also
// pooled by attribute name (statusLits), which is all a field needs while
// no other entity has a status field of that name; once two do (User.role
// and TeamUser.role), each takes only the literals seen on its own field:
// those its declaration lists, and those compared with or assigned to the
// attribute of a receiver that names it (user.role, teamUser.create({role})).

// ownStatusLit records lit as one of the states field fi declares, and
// pools it under the field's attribute.
func (b *builder) ownStatusLit(fi *fieldInfo, lit string) {
	if !slices.Contains(b.statusLits[fi.attr], lit) {
		b.statusLits[fi.attr] = append(b.statusLits[fi.attr], lit)
	}
	if !slices.Contains(b.statusOwned[fi], lit) {
		b.statusOwned[fi] = append(b.statusOwned[fi], lit)
	}
}

// entityBySpelling is the entity a code name spells (teamUser, team_user
// and TeamUser all spell TeamUser; so does its model class's name), or nil.
func (b *builder) entityBySpelling(name string) *entityInfo {
	if name == "" {
		return nil
	}
	if b.entSpellings == nil {
		b.entSpellings = map[string]*entityInfo{}
		for _, e := range b.entList {
			if !e.isBase {
				b.entSpellings[spelling(e.name)] = e
			}
		}
		// The model class's own name (Challenges for Challenge) where no
		// entity is spelt so.
		for _, e := range b.entList {
			if k := spelling(e.ref.class.Name); !e.isBase && b.entSpellings[k] == nil {
				b.entSpellings[k] = e
			}
		}
	}
	return b.entSpellings[spelling(name)]
}

// receiverEntity is the entity a receiver expression names: the last name
// of its chain that spells an entity (request.user -> User, client.teamUser
// .create -> TeamUser), self's when self is an entity's class, or a local's
// that holds a row of one (inviter = TeamMember.query...first()).
func (b *builder) receiverEntity(e *facts.Expr, self *entityInfo, locals map[string]*entityInfo) *entityInfo {
	for depth := 0; e != nil && depth < 8; depth++ {
		switch e.Kind {
		case facts.ExprName:
			if (e.Name() == "self" || e.Name() == "this") && self != nil {
				return self
			}
			if ent, ok := locals[e.Name()]; ok {
				return ent // nil when the local holds rows of two entities
			}
			return b.entityBySpelling(e.Name())
		case facts.ExprAttr:
			if ent := b.entityBySpelling(e.Name()); ent != nil {
				return ent
			}
		case facts.ExprCall:
			if ent := b.entityBySpelling(e.Method()); ent != nil {
				return ent
			}
		default:
			return nil
		}
		e = e.X
	}
	return nil
}

// sharedStatusAttr reports whether more than one entity has a status
// field read from attr, so that a literal pooled under attr cannot be
// told to be of any one of them.
func (b *builder) sharedStatusAttr(attr string) bool {
	n := 0
	for _, e := range b.entList {
		if e.isBase {
			continue
		}
		if f := e.attrs[attr]; f != nil && f.isStatus && !f.drop {
			n++
		}
	}
	return n > 1
}

// statusLitsOf is the states of status field f.
func (b *builder) statusLitsOf(f *fieldInfo) []string {
	if f.choices != nil {
		return f.choices
	}
	if b.sharedStatusAttr(f.attr) {
		return b.statusOwned[f]
	}
	return b.statusLits[f.attr]
}

// tableEntryIsState reports whether the entry of a names table under key
// holds a value that can be stated as a state (admin; not team-owner).
func tableEntryIsState(table []facts.DictEntry, key string) bool {
	for i := range table {
		if k := table[i].Key; k != nil && k.Value() == key {
			return isSnake(table[i].Value.Value())
		}
	}
	return false
}

// rowLocals adds to outer the locals body assigns a row of an entity to
// (inviter = TeamMember.query.filter_by(...).first(); const teamOwner =
// await prisma.teamUser.findFirst(...)), for receiverEntity. A local
// assigned rows of two entities maps to nil: it names neither.
func (b *builder) rowLocals(body []facts.Stmt, self *entityInfo, outer map[string]*entityInfo) map[string]*entityInfo {
	// Most bodies assign no row to a local: outer is then returned as
	// it is, and copied only before the first local is added (callers
	// only read the map).
	locals, copied := outer, false
	set := func(name string, ent *entityInfo) {
		if !copied {
			locals = make(map[string]*entityInfo, len(outer)+1)
			for k, v := range outer {
				locals[k] = v
			}
			copied = true
		}
		locals[name] = ent
	}
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtAssign || s.Value == nil {
			return true
		}
		for i := range s.Targets {
			t := &s.Targets[i]
			if t.Kind != facts.ExprName || t.Name() == "self" || t.Name() == "this" {
				continue
			}
			ent := b.receiverEntity(s.Value, self, outer)
			if ent == nil {
				continue
			}
			if prev, seen := locals[t.Name()]; seen && prev != ent {
				set(t.Name(), nil)
				continue
			}
			set(t.Name(), ent)
		}
		return true
	})
	return locals
}
