package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A message built one way or another by a branch and sent after it:
//
//	if "txt" in bodies:
//	    msg = EmailMultiAlternatives(subject, bodies["txt"], from_email, to)
//	else:
//	    msg = EmailMessage(subject, bodies[html_ext], from_email, to)
//	return msg
//
// (django-allauth's DefaultAccountAdapter.render_mail, account/adapter.py:
// 213-225, sent by send_mail's msg.send(), adapter.py:235-236). The branch
// decides the body's format, not who is mailed or which mail it is: when
// both messages go to the same sink, to the same recipient read from the
// same binding, under the same template, the variable holds that message
// either way. Otherwise it holds neither (the join reads nothing).

// eitherMessage is the message k holds after a branch that built one on
// each side, when both say the same to the spec; nil otherwise.
func (rc *ruleCtx) eitherMessage(thenSc, elseSc *scope, k string) *value {
	a, b := thenSc.vars[k], elseSc.vars[k]
	if a == nil || b == nil || a.kind != vMessage || b.kind != vMessage || a.call == nil || b.call == nil {
		return nil
	}
	l := rc.b.lang
	s := l.SinkFor(a.call.Resolved(), a.call.Raw())
	if s == nil || s != l.SinkFor(b.call.Resolved(), b.call.Raw()) {
		return nil
	}
	var scratch []allium.Stmt
	ta, tb := rc.sinkArg(a.call, s.Recipient, a.built, &scratch), rc.sinkArg(b.call, s.Recipient, b.built, &scratch)
	if !sameBinding(ta, tb, a.built, b.built) {
		return nil
	}
	if rc.templateName(a.call, s.Template, a.built) != rc.templateName(b.call, s.Template, b.built) {
		return nil
	}
	if !sameHeaders(a.headers, b.headers) {
		return nil
	}
	return a
}

// sameBinding reports whether x and y are the same expression reading the
// same values in their scopes (both absent included).
func sameBinding(x, y *facts.Expr, xs, ys *scope) bool {
	if x == nil || y == nil {
		return x == nil && y == nil
	}
	if x.Raw() == "" || x.Raw() != y.Raw() {
		return false
	}
	same := true
	x.Any(func(e *facts.Expr) bool {
		if e.Kind == facts.ExprName && xs != nil && ys != nil && xs.vars[e.Name()] != ys.vars[e.Name()] {
			same = false
		}
		return !same
	})
	return same
}

// sameHeaders reports whether two messages carry the same headers, as the
// spec prints them.
func sameHeaders(x, y map[string]allium.Expr) bool {
	if len(x) != len(y) {
		return false
	}
	for _, k := range slices.Sorted(maps.Keys(x)) {
		v, ok := y[k]
		if !ok || allium.ExprString(x[k]) != allium.ExprString(v) {
			return false
		}
	}
	return true
}
