package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// foldSubclassModels folds a model that only subclasses another model of
// the service, declaring no column of its own (single-table inheritance:
// `class UserTokens(Tokens): __mapper_args__ = {"polymorphic_identity":
// "user"}`), into that model: its instances are rows of the base, so
// `UserTokens(user_id=..., value=...)` creates a Tokens with those fields.
// A subclass that declares columns stays an entity of its own.
func (b *builder) foldSubclassModels() {
	parentOf := func(e *entityInfo) *entityInfo {
		for i := range e.ref.class.Bases {
			if cr := b.ix.class(e.ref.file, &e.ref.class.Bases[i]); cr != nil && cr != e.ref {
				if p := b.entByQual[cr.qual()]; p != nil && p != e {
					return p
				}
			}
		}
		return nil
	}
	folded := map[*entityInfo]*entityInfo{}
	for _, e := range b.entList {
		if declaresAttributes(e.ref.class) || len(e.ref.class.Methods) > 0 && hasOwnBehaviour(e) {
			continue
		}
		if p := parentOf(e); p != nil {
			folded[e] = p
		}
	}
	if len(folded) == 0 {
		return
	}
	root := func(e *entityInfo) *entityInfo {
		for i := 0; i < 8; i++ {
			p, ok := folded[e]
			if !ok {
				break
			}
			e = p
		}
		return e
	}
	for e := range folded {
		r := root(e)
		b.entByQual[e.ref.qual()] = r
		b.entByName[e.name] = r
	}
	b.entList = slices.DeleteFunc(b.entList, func(e *entityInfo) bool { return folded[e] != nil })
}

// hasOwnBehaviour reports a subclass whose methods go beyond the
// constructor and representation: such a class is kept as it is.
func hasOwnBehaviour(e *entityInfo) bool {
	for _, m := range e.ref.class.Methods {
		switch m.Name {
		case "__init__", "__repr__", "__str__":
		default:
			return true
		}
	}
	return false
}

// singularName names an entity in the singular when its class is named
// after its table in the plural (`class Users(db.Model): __tablename__ =
// "users"`): the spec speaks of a User. The class name stays a name of
// the entity for references by name (relationship("Users")). Nothing
// changes when another class has the singular name, or when the name
// does not end in a plain plural s (Status, Address, Analysis).
func (b *builder) singularName(e *entityInfo) {
	one := singular(e.name)
	if one == "" || e.table != snake(e.ref.class.Name) {
		return
	}
	if b.entByName[one] != nil {
		return
	}
	for _, cr := range b.ix.classes {
		if cr != nil && cr.class.Name == one {
			return
		}
	}
	e.name = one
	b.entByName[one] = e
}

// singular is a name in the plural put in the singular (Users, FieldEntries,
// Addresses, subscriptions), or "" when it does not end in a plain plural
// s (Status, Address, Analysis) or is too short to tell.
func singular(n string) string {
	if len(n) < 4 || !strings.HasSuffix(n, "s") || strings.HasSuffix(n, "ss") || strings.HasSuffix(n, "us") || strings.HasSuffix(n, "is") {
		return ""
	}
	switch {
	case strings.HasSuffix(n, "ies"):
		return strings.TrimSuffix(n, "ies") + "y" // FieldEntries
	case strings.HasSuffix(n, "sses"), strings.HasSuffix(n, "xes"), strings.HasSuffix(n, "ches"),
		strings.HasSuffix(n, "shes"), strings.HasSuffix(n, "uses"):
		return strings.TrimSuffix(n, "es") // Addresses, Boxes, Statuses
	}
	return strings.TrimSuffix(n, "s")
}

// privateColumnName is the name a private attribute's column is given
// (`_password = mapped_column("password", String(120))`, the attribute a
// property or synonym named password stands in front of), or "".
func (b *builder) privateColumnName(a *facts.Assignment) string {
	if !strings.HasPrefix(a.Name, "_") || strings.HasPrefix(a.Name, "__") || a.Value == nil || a.Value.Kind != facts.ExprCall {
		return ""
	}
	call := a.Value
	if !catalog.MatchAny(b.lang.ColumnCalls, call.Resolved(), call.Raw()) || len(call.Args()) == 0 || call.Args()[0].Kind != facts.ExprString {
		return ""
	}
	if n := call.Args()[0].Value(); isSnake(n) && !strings.HasPrefix(n, "_") {
		return n
	}
	return ""
}

// polymorphicIdentities reads single-table inheritance (the catalog's
// inheritance): the discriminator column of the entity whose class names
// it, and the value the rows of each class derived from that class carry
// there. The column becomes an inline enum of every such value when there
// are two or more (Users' "user" and Admins' "admin": type: user | admin),
// a subclass that stays an entity of its own included, since its rows
// carry its value in the same column; constructing a class gives its
// value (identityArg).
func (b *builder) polymorphicIdentities() {
	inh := b.lang.Inheritance
	if inh.MapperAttr == "" || inh.DiscriminatorKey == "" || inh.IdentityKey == "" {
		return
	}
	values := map[*entityInfo][]string{}
	var order []*entityInfo
	for _, q := range slices.Sorted(maps.Keys(b.ix.classes)) {
		cr := b.ix.classes[q]
		if cr == nil || b.entByQual[q] == nil {
			continue
		}
		id := entryValue(classDict(cr.class, inh.MapperAttr), inh.IdentityKey)
		if id == nil || id.Kind != facts.ExprString || !isSnake(id.Value()) {
			continue
		}
		root := b.discriminatorOwner(cr)
		if root == nil {
			continue
		}
		if b.stiIdentity == nil {
			b.stiIdentity = map[string]string{}
		}
		b.stiIdentity[q] = id.Value()
		if _, seen := values[root]; !seen {
			order = append(order, root)
		}
		if !slices.Contains(values[root], id.Value()) {
			values[root] = append(values[root], id.Value())
		}
	}
	for _, e := range order {
		f, vals := e.discriminator, values[e]
		// One value would read as a type name; two make a state, as
		// for status columns (finishFieldTypes).
		if f.drop || f.typ == nil || f.typ.Name != "String" || len(vals) < 2 {
			continue
		}
		enum := make([]allium.EnumValue, 0, len(vals))
		for _, v := range vals {
			enum = append(enum, allium.EnumValue{Name: v})
		}
		f.typ = &allium.Type{Enum: enum, Optional: f.typ.Optional}
		// The identities are the values the column takes: literals
		// compared with other columns of the same name (Brackets.type
		// == "users") are no values of this one (finishFieldTypes).
		f.isStatus = false
	}
}

// discriminatorOwner is the entity of the nearest class in cr's lineage
// whose mapping names the discriminator column, with that column set as
// its discriminator, or nil.
func (b *builder) discriminatorOwner(cr *classRef) *entityInfo {
	inh := b.lang.Inheritance
	for _, c := range b.ix.lineage(cr) {
		on := entryValue(classDict(c.class, inh.MapperAttr), inh.DiscriminatorKey)
		if on == nil {
			continue
		}
		e := b.entByQual[c.qual()]
		if e == nil {
			return nil
		}
		if e.discriminator == nil {
			e.discriminator = e.attrs[discriminatorAttr(on)]
		}
		if e.discriminator == nil {
			return nil
		}
		return e
	}
	return nil
}

// identityArg gives a row made through class cr the value its class
// carries in the entity's discriminator column, unless the construction
// gives that column itself (Users(type="admin")).
func (rc *ruleCtx) identityArg(cr *classRef, v *value) {
	ent := rc.b.entByName[v.ent]
	id, ok := rc.b.stiIdentity[cr.qual()]
	if ent == nil || ent.discriminator == nil || ent.discriminator.drop || !ok {
		return
	}
	f := ent.discriminator
	if slices.ContainsFunc(v.args, func(a allium.Arg) bool { return a.Name == f.name }) {
		return
	}
	v.args = append(v.args, allium.Arg{Name: f.name, Value: rc.b.enumValue(f, &allium.Lit{Kind: allium.LitString, Text: id})})
}

// classDict returns the dict a class body assigns to attr, or nil.
func classDict(c *facts.Class, attr string) *facts.Expr {
	for i := range c.Fields {
		if f := &c.Fields[i]; f.Name == attr && f.Value != nil && f.Value.Kind == facts.ExprDict {
			return f.Value
		}
	}
	return nil
}

// discriminatorAttr is the attribute a discriminator names: the column
// itself (polymorphic_on: type) or its name ("type").
func discriminatorAttr(on *facts.Expr) string {
	switch on.Kind {
	case facts.ExprName, facts.ExprAttr:
		return on.Name()
	case facts.ExprString:
		return on.Value()
	}
	return ""
}
