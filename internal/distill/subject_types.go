package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// nonUserSubject reads the types an auth-subject parameter names
// (AuthSubject[Customer | Member], through Annotated and module aliases
// as subjectParam does) and returns the entities among them when none is
// the user entity: the caller is then a customer or a member, never a
// signed-in user. Polar's customer portal takes AuthSubject[Customer |
// Member] (customer_portal/auth.py:46-70, used by customer_portal/
// endpoints/order.py:153 and customer_email_update.py:46); reading its
// subject as the user put those rules on the users' surface with a `user`
// the code never has. nil when the parameter names no types, names the
// user entity, or names no entity (AuthSubject[Subject] of a type
// variable): the subject may be a user.
func (b *builder) nonUserSubject(f *facts.File, p *facts.Param) []string {
	user := b.userEntity()
	an := p.Annotation
	if user == "" || an == nil {
		return nil
	}
	if an.Kind == facts.ExprName || an.Kind == facts.ExprAttr {
		if c := b.ix.constant(f, an); c != nil && c.as != nil && c.as.Value != nil {
			an = c.as.Value
			if c.file != nil {
				f = c.file
			}
		}
	}
	if an.Kind == facts.ExprSubscript && an.X != nil && facts.LastSegment(an.X.Raw()) == "Annotated" && an.Y != nil {
		an = an.Y
		if an.Kind == facts.ExprTuple && len(an.Args()) > 0 {
			an = &an.Args()[0]
		}
	}
	if an.Kind != facts.ExprSubscript || an.X == nil || an.Y == nil {
		return nil
	}
	var parts []*facts.Expr
	var split func(e *facts.Expr)
	split = func(e *facts.Expr) {
		switch {
		case e == nil:
		case e.Kind == facts.ExprBinary && e.Op() == "|":
			split(e.X)
			split(e.Y)
		case e.Kind == facts.ExprTuple:
			for i := range e.Args() {
				split(&e.Args()[i])
			}
		case e.Kind == facts.ExprSubscript && e.X != nil && facts.LastSegment(e.X.Raw()) == "Union":
			split(e.Y)
		default:
			parts = append(parts, e)
		}
	}
	split(an.Y)
	var ents []string
	for _, t := range parts {
		name := ""
		if cr := b.ix.class(f, t); cr != nil {
			if e := b.entByQual[cr.qual()]; e != nil {
				name = e.name
			}
		}
		if name == "" && b.entByName[facts.LastSegment(t.Raw())] != nil {
			name = facts.LastSegment(t.Raw())
		}
		if name == user || facts.LastSegment(t.Raw()) == user {
			return nil
		}
		if name != "" && !slices.Contains(ents, name) {
			ents = append(ents, name)
		}
	}
	return ents
}
