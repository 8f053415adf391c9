package distill

// A service may mail through a function of its own whose body hands the
// message to code the walk cannot follow (polar's email/sender.py:182-209):
//
//	def enqueue_email_template(email, *, to_email_addr, subject, ...):
//	    enqueue_job("email.send", to_email_addr=to_email_addr, ...)
//
// The job's worker is not vendored, so no catalogued sink is reached; the
// function is still plainly a sender, by its name (a mail word) and by the
// parameter that takes the address (catalog opaque_senders), and it answers
// nothing. A call that
// gives that argument states the message, addressed to it. Nothing is
// guessed: a function without such a parameter, or a call that does not
// give it, states no message.
//
// The other side: a method of a service object named like a catalogued
// sender whose parameters take no address (polar's
// EmailUpdateService.send_email(email_update_record, token, base_url),
// email_update/service.py:69-94) is the service's own code, and its body,
// not the catalog's reading of the call's first argument, says whom it
// mails.

import (
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// opaqueSenderParam is the parameter of fn that takes a mail sender's
// address, with its place among the positional arguments of a call (-1
// when it can only be given by keyword); ok is false when fn is no
// sender by the catalog's opaque_senders.
func (b *builder) opaqueSenderParam(fr *funcRef) (name string, pos int, ok bool) {
	os := &b.lang.OpaqueSenders
	if fr == nil || fr.fn == nil || os.Entity == "" {
		return "", -1, false
	}
	if n := snake(fr.fn.Name); !hasWord(n, os.Words) || !hasWord(n, os.Verbs) || answersSomething(fr.fn.Body()) {
		// generate_reset_password_email(email_to, ...) builds a message
		// and hands it back: a sender's name says it sends, and it
		// answers nothing.
		return "", -1, false
	}
	pos = 0
	for i, p := range fr.fn.Params {
		if i == 0 && fr.class != nil && (p.Name == "self" || p.Name == "cls") {
			continue
		}
		positional := p.Kind == facts.ParamPositional || p.Kind == facts.ParamPositionalOnly
		if slices.Contains(os.RecipientParams, p.Name) {
			if !positional {
				return p.Name, -1, true
			}
			return p.Name, pos, true
		}
		if positional {
			pos++
		}
	}
	return "", -1, false
}

// answersSomething reports a function body, nested functions aside, that
// returns a value.
func answersSomething(body []facts.Stmt) bool {
	found := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Func() != nil || s.Class() != nil {
			return false
		}
		if s.Kind == facts.StmtReturn && s.Value != nil && s.Value.Kind != facts.ExprNone {
			found = true
		}
		return !found
	})
	return found
}

// hasWord reports one of words as a word of a snake-case name.
func hasWord(name string, words []string) bool {
	for _, w := range strings.Split(name, "_") {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// opaqueSend states the message a call e of fr sends when fr is a sender
// of the service (opaqueSenderParam) whose body stated none and the call
// gives the address. It states nothing otherwise.
func (rc *ruleCtx) opaqueSend(fr *funcRef, e *facts.Expr, sc *scope, out *[]allium.Stmt) {
	name, pos, ok := rc.b.opaqueSenderParam(fr)
	if !ok {
		return
	}
	recip := []string{name}
	if pos >= 0 {
		recip = append(recip, "#"+strconv.Itoa(pos))
	}
	if rc.sinkArg(e, recip, sc, out) == nil {
		return // the address is not given here: no recipient to state
	}
	os := &rc.b.lang.OpaqueSenders
	s := &catalog.Sink{Names: []string{fr.fn.Name}, Entity: os.Entity, Recipient: recip, Template: os.Template}
	rc.sink(s, e, nil, sc, out, e.Line())
}

// unaddressedOwnSender reports fr, a method of a service's class named
// like the catalogued sender s, as a sender of the service's own that
// takes no address: none of its parameters is one of s's recipient
// keywords, one of opaque_senders' recipient parameters, or named for an
// address or its owner (opaque_senders' address_params and
// address_suffixes: email, user, *_email). Its body then says whom it
// mails.
func (b *builder) unaddressedOwnSender(fr *funcRef, s *catalog.Sink) bool {
	if fr == nil || fr.fn == nil || s == nil || len(s.Recipient) == 0 {
		return false
	}
	os := &b.lang.OpaqueSenders
	for _, p := range fr.fn.Params {
		n := p.Name
		if n == "" || slices.Contains(s.Recipient, n) || slices.Contains(os.RecipientParams, n) || slices.Contains(os.AddressParams, n) ||
			slices.ContainsFunc(os.AddressSuffixes, func(suffix string) bool { return strings.HasSuffix(n, suffix) }) {
			return false
		}
	}
	return true
}
