package distill

// A decorator factory can make a function of the service a sender
// (warehouse's email/__init__.py:142-231):
//
//	@_email("verify-email", allow_unverified=True)
//	def send_email_verification_email(request, user_and_email):
//	    ...
//	    return {"token": token, ...}
//
// The decorator's wrapper runs the body for the template's context, builds
// the message from the template the decorator names and hands it to the
// recipient the caller gave. The body alone says nothing of a message, so
// the catalog (sender_decorators) says which decorators do this, which
// of their arguments is the template and which of the function's is the
// recipient: a call states the body's effects, then the message.

import (
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// senderDecorator finds the catalogued sender decorator on fn, with the
// decorator's call (its arguments name the template).
func (b *builder) senderDecorator(fn *facts.Function) (*catalog.SenderDecorator, *facts.Expr) {
	if len(b.lang.SenderDecorators) == 0 || fn == nil {
		return nil, nil
	}
	for i := range fn.Decorators {
		name, call := decoratorName(&fn.Decorators[i])
		if call == nil || call.X == nil {
			continue // the factory is called with the template's name
		}
		if s := b.lang.SenderDecoratorFor(name, call.X.Resolved()); s != nil {
			return s, call
		}
	}
	return nil, nil
}

// decoratedSend walks a call e of fr, a function a sender decorator
// wraps: the body's effects, then the message the wrapper sends. It
// returns nil when fr is no such function.
func (rc *ruleCtx) decoratedSend(fr *funcRef, e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	s, dec := rc.b.senderDecorator(fr.fn)
	if s == nil {
		return nil
	}
	v := rc.inline(fr, nil, e, sc, out)
	tmpl := senderTemplate(s, dec)
	if tmpl == "" {
		rc.untranslated(sc, e.Line(), LeftOutValue, "the message "+fr.fn.Name+" sends (its template is not named)")
		return v
	}
	if s.AnyAddress != "" && !keywordTrue(dec, s.AnyAddress) {
		// Only to an address the wrapper finds deliverable (warehouse:
		// a verified one, email/__init__.py:103-106), a state of the
		// recipient's addresses the spec does not read.
		rc.untranslated(sc, e.Line(), LeftOutValue, "the message "+fr.fn.Name+" sends (only to an address it finds deliverable)")
		return v
	}
	to := rc.senderRecipient(s, e, sc, out)
	if to == nil {
		rc.untranslated(sc, e.Line(), LeftOutValue, "the message "+fr.fn.Name+" sends (its recipient is not read)")
		return v
	}
	b := rc.b
	if _, ok := b.sinkProv[s.Entity]; !ok {
		b.sinkProv[s.Entity] = &allium.Provenance{File: sc.file.Path, Line: e.Line()}
	}
	b.sinkAddressed[s.Entity] = true
	if !slices.Contains(b.sinkTemplates[s.Entity], tmpl) {
		b.sinkTemplates[s.Entity] = append(b.sinkTemplates[s.Entity], tmpl)
	}
	b.stats.EffectsSeen++
	b.sinksMade++
	*out = append(*out, &allium.ExprStmt{Meta: b.meta(sc.file, e.Line()),
		X: &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: s.Entity}, Name: "created"}, Args: []allium.Arg{
			{Name: "to", Value: to},
			{Name: "template", Value: &allium.Ident{Name: tmpl}},
		}}})
	return v
}

// senderTemplate is the template the decorator's call names, in snake
// case ("password-reset": password_reset), or "".
func senderTemplate(s *catalog.SenderDecorator, dec *facts.Expr) string {
	x := callArg(dec, s.Template)
	if x == nil || x.Kind != facts.ExprString {
		return ""
	}
	if t := snake(x.Value()); t != "" && isSnake(t) && len(t) <= 40 {
		return t
	}
	return ""
}

// senderRecipient is the address the call's recipient argument stands
// for: the address field of the row given, or of the pair's address row;
// nil when the argument is no row the spec knows.
func (rc *ruleCtx) senderRecipient(s *catalog.SenderDecorator, e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	x := callArg(e, s.Recipient)
	if x == nil {
		return nil
	}
	if x.Kind == facts.ExprTuple {
		elems := x.Args()
		if s.PairAddress < 0 || s.PairAddress >= len(elems) {
			return nil
		}
		return rc.rowAddress(rc.eval(&elems[s.PairAddress], sc, out, false), s.AddressField, true)
	}
	return rc.rowAddress(rc.eval(x, sc, out, false), s.AddressField, false)
}

// rowAddress is the address field of row v, or nil when v is no row or
// its entity has no such field. An address row (asCreated) the rule
// created is the address it was created with (Email(email=email):
// email); a user's address is the user's field (user.email), however the
// user was made.
func (rc *ruleCtx) rowAddress(v *value, field string, asCreated bool) allium.Expr {
	if v == nil || (v.kind != vNew && v.kind != vEntity) {
		return nil
	}
	if v.kind == vNew && asCreated {
		if a := argValue(v.args, field); a != nil {
			return a
		}
	}
	ent := rc.b.entByName[v.ent]
	if ent == nil || ent.field(field) == nil {
		return nil
	}
	row := rc.valueExpr(v)
	if row == nil {
		return nil
	}
	m := &allium.Member{X: row, Name: field}
	if now, ok := rc.assigned[exprKey(m)]; ok && rc.changedElsewhere(v, exprKey(m), now) {
		return nil // the address before the change (separate_fetches.go)
	}
	return m
}

// callArg is the argument of call at a position ("#1") or keyword.
func callArg(call *facts.Expr, at string) *facts.Expr {
	if call == nil {
		return nil
	}
	if n, ok := strings.CutPrefix(at, "#"); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 || i >= len(call.Args()) {
			return nil
		}
		return &call.Args()[i]
	}
	return call.Keyword(at)
}

// keywordTrue reports whether call passes keyword name as True (a literal
// true).
func keywordTrue(call *facts.Expr, name string) bool {
	kw := call.Keyword(name)
	return kw != nil && kw.Kind == facts.ExprBool && kw.Value() == "true"
}
