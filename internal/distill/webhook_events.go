package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A webhook handler receives an event a sender signed (Stripe's
// stripe.webhooks.constructEvent(body, signature, secret) verifies it and
// gives it back) and does one thing per kind of event: `if (event.type
// === "checkout.session.completed") {...}` or a switch on event.type. The
// kinds are separate behaviours that share a trigger, so each branch on a
// kind is a rule of its own requiring event_type = "<kind>" (dispatchKind,
// eventBranch). The event's data are the request's inputs: a field read
// through the wrappers the catalog lists (event.data.object.metadata) is
// an input named after the field (metadata.userId is user_id), and so is
// a field of an object the handler fetches from the sender by an event
// field (stripe.subscriptions.retrieve(session.subscription)), named
// after the resource (subscription.id is subscription_id). Catalog:
// webhook_events.

// eventTypeParam names the trigger's parameter that holds the event's
// kind.
const eventTypeParam = "event_type"

// webhookEventCall is the value of a call that verifies a posted event, or
// that fetches from the sender an object an event field names; nil for
// any other call.
func (rc *ruleCtx) webhookEventCall(e *facts.Expr, names []string, method string, sc *scope, out *[]allium.Stmt) *value {
	we := rc.b.lang.WebhookEvents
	if catalog.MatchAny(we.Verifiers, names...) {
		return &value{kind: vEvent, param: "event"}
	}
	if method == "" || !slices.Contains(we.Fetches, method) || len(e.Args()) != 1 {
		return nil
	}
	resource := e.X.X // stripe.subscriptions of stripe.subscriptions.retrieve
	if resource == nil || resource.Kind != facts.ExprAttr {
		return nil
	}
	name := bindingName(singular(resource.Name()))
	if name == "" || rc.eval(&e.Args()[0], sc, out, false).kind != vEvent {
		return nil
	}
	return &value{kind: vEvent, param: name}
}

// eventField is a field of an event or of one of its objects: the kind,
// the same event's data through a wrapper, the object's id (named after
// the object), or a field of its own, itself an object of the event's
// until it is read as a value (eventInput).
func (rc *ruleCtx) eventField(x *value, name string) *value {
	we := rc.b.lang.WebhookEvents
	switch {
	case x.param == "event" && slices.Contains(we.TypeFields, name):
		return &value{kind: vParam, param: eventTypeParam}
	case slices.Contains(we.PayloadFields, name):
		return x
	case slices.Contains(rc.b.lang.IDAttrs, name):
		return rc.paramValue(x.param + "_id")
	}
	n := bindingName(name)
	if n == "" {
		return unknownValue
	}
	return &value{kind: vEvent, param: n}
}

// eventInput is an event's field read as a value: the input of its name.
// The event itself is not one.
func (rc *ruleCtx) eventInput(v *value) allium.Expr {
	if v.param == "event" {
		return nil
	}
	rc.useParam(v.param)
	return &allium.Ident{Name: v.param}
}

// dispatchKind is the kind of event cond tests for (event.type ===
// "checkout.session.completed", either way round), or "".
func (rc *ruleCtx) dispatchKind(cond *facts.Expr, sc *scope, out *[]allium.Stmt) string {
	if cond == nil || cond.Kind != facts.ExprCompare || cond.Op() != "==" || cond.X == nil || cond.Y == nil {
		return ""
	}
	field, lit := cond.X, cond.Y
	if field.Kind == facts.ExprString {
		field, lit = lit, field
	}
	if lit.Kind != facts.ExprString || lit.Value() == "" || field.Kind != facts.ExprAttr || field.X == nil ||
		!slices.Contains(rc.b.lang.WebhookEvents.TypeFields, field.Name()) {
		return "" // (any other comparison is not evaluated twice)
	}
	if v := rc.eval(field, sc, out, false); v.kind != vParam || v.param != eventTypeParam {
		return ""
	}
	return lit.Value()
}

// eventBranch walks the branch of one kind of event as a rule of its own,
// named after the handler and the kind (WebhooksStripeCheckoutSession
// Completed), with the trigger's event_type required to be that kind.
func (rc *ruleCtx) eventBranch(line int, kind string, body []facts.Stmt, sc *scope, prefix []allium.Stmt) {
	before := len(rc.paths)
	rc.useParam(eventTypeParam)
	cond := &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: eventTypeParam}, Y: &allium.Lit{Kind: allium.LitString, Text: kind}}
	rc.path(line, cond, body, sc, prefix, true, false)
	for _, p := range rc.paths[before:] {
		p.kindSuffix = pascal(kind)
	}
}
