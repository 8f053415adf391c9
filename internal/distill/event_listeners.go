package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Events a service both emits and listens to. An emit on a bus is a sink
// of no recipient (an Event), but when a method of the service listens to
// that event (catalog event_listeners: NestJS's @OnEvent(NAME)), the
// emit runs that method on its payload: nestjs-microservice-boilerplate's
// use cases emit EventNameEnum.SEND_EMAIL with {email, template, ...}
// (core/user/use-cases/user-create.ts:65-70) and EmailService's
// handleSendEmailEvent (infra/email/service.ts:50-54) mails it, so the
// message is the mail, addressed and named by the payload.

// eventListeners indexes, once per service, the methods that listen to an
// event by the name their listener decorator gives it, as written
// (EventNameEnum.SEND_EMAIL) or as a string literal ('user.created').
func (b *builder) eventListeners() map[string][]*funcRef {
	if b.listeners != nil {
		return b.listeners
	}
	b.listeners = map[string][]*funcRef{}
	if len(b.lang.EventListeners) == 0 {
		return b.listeners
	}
	for _, key := range sortedKeys(b.ix.classes) {
		cr := b.ix.classes[key]
		for i := range cr.class.Methods {
			fn := &cr.class.Methods[i]
			for j := range fn.Decorators {
				d := &fn.Decorators[j]
				if d.Kind != facts.ExprCall || len(d.Args()) == 0 || !catalog.MatchAny(b.lang.EventListeners, d.Resolved(), d.Raw()) {
					continue
				}
				if name := eventName(&d.Args()[0]); name != "" {
					b.listeners[name] = append(b.listeners[name], &funcRef{file: cr.file, fn: fn, class: cr.class})
				}
			}
		}
	}
	return b.listeners
}

// eventName is how an event's name is written at an emit or a listener:
// a string's text, or a constant's dotted name; "" for anything else.
func eventName(e *facts.Expr) string {
	switch e.Kind {
	case facts.ExprString:
		return "'" + e.Value()
	case facts.ExprName, facts.ExprAttr:
		return e.Raw()
	}
	return ""
}

// emitListened runs the one method of the service that listens to the
// event an emit names (its first argument), given the payload that
// follows; nil when no method, or more than one, listens to it.
func (rc *ruleCtx) emitListened(s *catalog.Sink, e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if s == nil || len(s.Recipient) > 0 || len(e.Args()) == 0 {
		return nil
	}
	name := eventName(&e.Args()[0])
	if name == "" {
		return nil
	}
	fns := rc.b.eventListeners()[name]
	if len(fns) != 1 {
		return nil
	}
	fr := fns[0]
	cr := rc.b.ix.classes[fr.class.QualName]
	if cr == nil {
		return nil
	}
	// The payload is one object, handed to the listener's parameter
	// whole: the walker gives an object literal as keywords, which would
	// otherwise bind by name (a payload key meeting a parameter named
	// payload).
	args := slices.Clone(e.Args()[1:])
	if len(e.Keywords()) > 0 {
		if slices.ContainsFunc(e.Keywords(), func(kw facts.Keyword) bool { return kw.Name == "**" }) {
			return nil // {...data}: entries the walk cannot hand on
		}
		args = append(args, keywordDict(e.Keywords(), e.Line()))
	}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: args, Line: e.Line()})
	self := &value{kind: vObject, repo: cr, attrs: map[string]*value{}}
	rc.inline(fr, self, call, sc, out)
	return &value{kind: vPlumbing}
}
