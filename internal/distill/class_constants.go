package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// classConstString reads the string a class keeps as a constant, named
// through the class:
//
//	class InviteService { static Events = { CREATED: "invite.created" } }
//	... emit(InviteService.Events.CREATED, ...)
//
// (Medusa's services name their events so), or Kind.RESET for a class
// attribute RESET = "reset". It answers "" for any other expression.
func (b *builder) classConstString(f *facts.File, x *facts.Expr) string {
	if x == nil || x.Kind != facts.ExprAttr || x.X == nil {
		return ""
	}
	if cr := b.ix.class(f, x.X); cr != nil {
		if v, _ := b.classField(cr, x.Name()); v != nil && v.Kind == facts.ExprString {
			return v.Value()
		}
		return ""
	}
	table := x.X
	if table.Kind != facts.ExprAttr || table.X == nil {
		return ""
	}
	cr := b.ix.class(f, table.X)
	if cr == nil {
		return ""
	}
	v, _ := b.classField(cr, table.Name())
	if v == nil || v.Kind != facts.ExprDict {
		return ""
	}
	for _, en := range v.Entries() {
		if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == x.Name() && en.Value.Kind == facts.ExprString {
			return en.Value.Value()
		}
	}
	return ""
}

// throughTransparentName names a method called on what a transparent
// call gives back (catalog transparent_calls) by the receiver it wraps:
// this.eventBus_.withTransaction(manager).emit(...), Medusa's service
// bound to a transaction, is this.eventBus_.emit(...), and matches the
// catalog's entries as that call would. "" when e is no such call.
func (rc *ruleCtx) throughTransparentName(e *facts.Expr, method string) string {
	if e.Raw() != "" || method == "" || e.X == nil {
		return ""
	}
	recv := e.X.X
	wrapped := false
	for recv != nil && recv.Kind == facts.ExprCall && recv.Method() != "" && slices.Contains(rc.b.lang.TransparentCalls, recv.Method()) {
		recv, wrapped = recv.X.X, true
	}
	if !wrapped || recv == nil || recv.Raw() == "" {
		return ""
	}
	return recv.Raw() + "." + method
}

// locatedName names a method called on an object a chain of lookups by
// name gives back, each a call of one literal that is a plain name:
// strapi.plugin('email').service('email').send(...), the Strapi email
// plugin's service, is strapi.plugin.email.service.email.send, so that
// the catalog can name the service's methods (service.email.send) as it
// names a module's. "" when e is no such call.
func locatedName(e *facts.Expr, method string) string {
	if e.Raw() != "" || method == "" || e.X == nil {
		return ""
	}
	var parts []string
	recv := e.X.X
	for recv != nil && recv.Kind == facts.ExprCall && recv.Method() != "" && len(recv.Args()) == 1 && len(recv.Keywords()) == 0 &&
		recv.Args()[0].Kind == facts.ExprString && isIdentifier(recv.Args()[0].Value()) {
		parts = append(parts, recv.Args()[0].Value(), recv.Method())
		recv = recv.X.X
	}
	if len(parts) == 0 || recv == nil || recv.Raw() == "" || recv.Kind != facts.ExprName && recv.Kind != facts.ExprAttr {
		return ""
	}
	slices.Reverse(parts)
	return recv.Raw() + "." + strings.Join(parts, ".") + "." + method
}
