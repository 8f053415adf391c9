package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// leafSender reports a function of the service that sends a message and
// calls no other function of the service: a catalogued sink or message
// builder, and library calls. Such a function runs also beyond the inline
// depth, since its body goes no deeper: flaskbb's send_email builds a
// flask_mail Message and sends it with mail.send (flaskbb/email.py:68-83),
// three calls below Register (auth/views.py register -> the activation
// service, auth/services/activation.py:45 -> send_activation_token,
// email.py:44-60); left out at the depth, the account activation mail
// went unsaid. A function that defines another, or calls one of the
// service, is no leaf: the depth bounds it as before.
func (b *builder) leafSender(fr *funcRef) bool {
	if fr == nil || fr.fn == nil {
		return false
	}
	l := b.lang
	sends, deeper := false, false
	visit := func(x *facts.Expr) bool {
		if x.Kind != facts.ExprCall {
			return false
		}
		switch {
		case b.ix.function(fr.file, x) != nil:
			deeper = true // the service's own, even when named as a sink
		case l.SinkFor(x.Resolved(), x.Raw()) != nil || catalog.MatchAny(l.MessageBuilders, x.Resolved(), x.Raw()):
			sends = true
		}
		return deeper
	}
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		if s.Func() != nil || s.Class() != nil {
			deeper = true
			return false
		}
		for _, x := range []*facts.Expr{s.Value, s.Cause(), s.Cond, s.Iter()} {
			x.Any(visit)
		}
		for i := range s.Items() {
			s.Items()[i].Value.Any(visit)
		}
		return !deeper
	})
	return sends && !deeper
}
