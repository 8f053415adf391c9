package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// isConstantsClass reports a plain class used as an enumeration:
//
//	class TokenAction(object):
//	    ACTIVATION = "activation"
//	    PASSWORD_RESET = "password_reset"
//
// no base of the service or framework beyond object, no methods, and at
// least two UPPER_CASE attributes, each a distinct lower snake_case
// string. Its members read as the enum's literals wherever the code uses
// them (TokenAction.ACTIVATION is activation). A table of the members
// the class builds for a form's choices (saleor's CustomerEvents.CHOICES
// = [(ACCOUNT_CREATED, "The account was created"), ...]) is no member.
func (b *builder) isConstantsClass(cr *classRef) bool {
	c := cr.class
	if len(c.Methods) > 0 || len(c.Classes) > 0 {
		return false
	}
	for i := range c.Bases {
		if facts.LastSegment(c.Bases[i].Raw()) != "object" {
			return false
		}
	}
	seen, members := map[string]bool{}, map[string]bool{}
	for i := range c.Fields {
		f := &c.Fields[i]
		if f.Name == "" || strings.ToUpper(f.Name) != f.Name || f.Value == nil {
			return false
		}
		if f.Value.Kind != facts.ExprString {
			if !memberTable(f.Value, func(n string) bool { return members[n] }) {
				return false
			}
			continue
		}
		v := f.Value.Value()
		if !isSnake(v) || strings.ToLower(v) != v || seen[v] {
			return false
		}
		seen[v], members[f.Name] = true, true
	}
	return len(members) >= 2
}

// memberTable reports a list or tuple each of whose elements names a
// member declared above it, alone or first in a pair with its label.
func memberTable(x *facts.Expr, isMember func(name string) bool) bool {
	if (x.Kind != facts.ExprList && x.Kind != facts.ExprTuple) || len(x.Args()) == 0 {
		return false
	}
	for _, el := range x.Args() {
		if el.Kind == facts.ExprTuple && len(el.Args()) > 0 {
			el = el.Args()[0]
		}
		if el.Kind != facts.ExprName || !isMember(el.Name()) {
			return false
		}
	}
	return true
}

// readEnumsInRules are the enums whose members rules read
// (TokenAction.ACTIVATION) and whose literals the rules still mention:
// they are declared even when no field has their type.
func (b *builder) readEnumsInRules() map[string]bool {
	out := map[string]bool{}
	if len(b.enumsRead) == 0 {
		return out
	}
	// The names a rule writes as values, not those it binds: allauth's
	// SRegField (socialaccount/providers/openid/utils.py:65-67) has a
	// member "email", which rules name only as their own email input
	// (a trigger parameter) or a field, never as that member.
	words := map[string]bool{}
	for _, r := range b.rules {
		if r == nil || r.rule == nil {
			continue
		}
		bound := map[string]bool{}
		if r.rule.Trigger != nil {
			for _, p := range r.rule.Trigger.Params {
				bound[p.Name] = true
			}
		}
		allium.WalkStmts(r.rule.Body, func(s allium.Stmt) bool {
			switch s := s.(type) {
			case *allium.Let:
				bound[s.Name] = true
			case *allium.For:
				bound[s.Var] = true
			}
			return true
		})
		inspectRules([]*allium.Rule{r.rule}, func(x allium.Expr) bool {
			if id, ok := x.(*allium.Ident); ok && !bound[id.Name] {
				words[id.Name] = true
			}
			return true
		})
	}
	// A literal a message template enum declares is that enum's.
	for _, lits := range b.sinkTemplates {
		for _, l := range lits {
			delete(words, l)
		}
	}
	for _, en := range b.enumList {
		if !b.enumsRead[en.name] {
			continue
		}
		for _, l := range en.order {
			if words[l] {
				out[en.name] = true
				break
			}
		}
	}
	return out
}
