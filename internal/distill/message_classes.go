package distill

import (
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A message class of the service's own, derived from a catalogued
// message builder (baserow's ResetPasswordEmail(BaseEmailMessage), whose
// BaseEmailMessage derives from Django's EmailMultiAlternatives,
// core/user/emails.py:7 and core/emails.py:18), is built by calling it:
//
//	email = ResetPasswordEmail(user, reset_url, to=[user.email])
//	email.send()
//
// The message is the builder's, so the call is read as the builder's
// call: the keywords the subclass passes on to its base (**kwargs) are
// the builder's keywords, and `to` addresses the mail. Before, the send
// matched a sink by its receiver's name alone and the mail had no `to`.

// messageCall reads a call of cr as a call of the message builder it
// derives from: a call named as that builder, with the call's keywords;
// its positional arguments too when no class of the service in the
// lineage defines a constructor (the builder's own parameters), none
// when one does (the subclass's parameters are its own: ResetPasswordEmail's
// user is no recipient). nil when cr derives from no message builder.
func (rc *ruleCtx) messageCall(cr *classRef, e *facts.Expr) *facts.Expr {
	l := rc.b.lang
	if len(l.MessageBuilders) == 0 {
		return nil
	}
	var builder *facts.Expr
	ownInit := false
	for _, c := range rc.b.ix.lineage(cr) {
		for _, ctor := range l.ConstructorNames {
			if rc.b.ix.method(c, ctor) != nil {
				ownInit = true
			}
		}
		for i := range c.class.Bases {
			base := &c.class.Bases[i]
			if builder == nil && rc.b.ix.class(c.file, base) == nil && catalog.MatchAny(l.MessageBuilders, base.Resolved(), base.Raw()) {
				builder = base
			}
		}
	}
	if builder == nil {
		return nil
	}
	var args []facts.Expr
	if !ownInit {
		args = slices.Clone(e.Args())
	}
	call := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: builder, Raw: builder.Raw(), Line: e.Line(), Args: args}).WithResolved(builder.Resolved())
	call.SetKeywords(slices.Clone(e.Keywords()))
	return &call
}
