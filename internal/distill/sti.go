package distill

import (
	"slices"
	"strings"

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
	n := e.name
	if len(n) < 4 || !strings.HasSuffix(n, "s") || strings.HasSuffix(n, "ss") || strings.HasSuffix(n, "us") || strings.HasSuffix(n, "is") {
		return
	}
	if e.table != snake(e.ref.class.Name) {
		return
	}
	one := strings.TrimSuffix(n, "s")
	switch {
	case strings.HasSuffix(n, "ies"):
		one = strings.TrimSuffix(n, "ies") + "y" // FieldEntries
	case strings.HasSuffix(n, "sses"), strings.HasSuffix(n, "xes"), strings.HasSuffix(n, "ches"),
		strings.HasSuffix(n, "shes"), strings.HasSuffix(n, "uses"):
		one = strings.TrimSuffix(n, "es") // Addresses, Boxes, Statuses
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

// privateColumnName is the name a private attribute's column is given
// (`_password = mapped_column("password", String(120))`, the attribute a
// property or synonym named password stands in front of), or "".
func (b *builder) privateColumnName(a *facts.Assignment) string {
	if !strings.HasPrefix(a.Name, "_") || strings.HasPrefix(a.Name, "__") || a.Value == nil || a.Value.Kind != facts.ExprCall {
		return ""
	}
	call := a.Value
	if !catalog.MatchAny(b.lang.ColumnCalls, call.Resolved(), call.Raw) || len(call.Args) == 0 || call.Args[0].Kind != facts.ExprString {
		return ""
	}
	if n := call.Args[0].Value; isSnake(n) && !strings.HasPrefix(n, "_") {
		return n
	}
	return ""
}
