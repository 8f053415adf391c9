package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A plumbing field (a nonce, a secret, a *_token column: plumbingField)
// is how, not what: a creation that sets one says nothing the spec
// keeps, and the field goes. But when some rule states the field anyway
// (fastify-f's refresh rotates session.nonce, services/session.service.ts:69),
// the entity declares it, and a creation that leaves it out says less
// than the code: the session a login opens carries its nonce from the
// start (session.service.ts:21). So the value a creation gives such a
// field, when it is a name the walk has bound, is held while the rules
// are walked, and restored once every rule is known, on the creations of
// the fields the spec states. A value that is more than a bound name (a
// helper's call) is not read: reading it could state outcomes. A call of
// a catalogued random source (random_calls: kutt's verification_token:
// randomUUID(), queries/user.queries.js:45) has none: it is random_key().

// heldArg is the value one creation gave a plumbing field.
type heldArg struct {
	field *fieldInfo
	value allium.Expr
}

// heldCreation is a creation stated with plumbing values held back.
type heldCreation struct {
	call *allium.Call
	args []heldArg
}

// holdHidden keeps the value x gives the plumbing field f of the new row
// v, when x is a name bound in sc or a draw from a random source.
func (rc *ruleCtx) holdHidden(v *value, f *fieldInfo, x *facts.Expr, sc *scope) {
	if f == nil || f.drop {
		return
	}
	if x.Kind == facts.ExprCall && x.X != nil && catalog.MatchAny(rc.b.lang.RandomCalls, x.Resolved(), x.X.Raw()) {
		v.held = append(v.held, heldArg{field: f, value: randomKey().expr})
		return
	}
	if x.Kind != facts.ExprName || sc.vars[x.Name()] == nil {
		return
	}
	var scratch []allium.Stmt
	if e := rc.tr(x, sc, &scratch); e != nil && len(scratch) == 0 {
		v.held = append(v.held, heldArg{field: f, value: e})
	}
}

// holdPlumbing keeps the plumbing values held back from call.
func (b *builder) holdPlumbing(call *allium.Call, held []heldArg) {
	if len(held) > 0 {
		b.heldPlumbing = append(b.heldPlumbing, heldCreation{call: call, args: held})
	}
}

// restorePlumbing gives back to each creation the held values of the
// fields some rule stated.
func (b *builder) restorePlumbing() {
	for _, h := range b.heldPlumbing {
		for _, a := range h.args {
			if a.field.used && !a.field.drop {
				h.call.Args = setArg(h.call.Args, a.field.name, a.value)
			}
		}
	}
}
