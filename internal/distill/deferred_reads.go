package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A handler that destructures its request (`@Req() { body, user, tracing }`,
// nestjs-microservice-boilerplate's modules/login/controller.ts:32) takes
// the signed-in user out of it whether or not it uses it. Reading the
// user there would make the handler one for signed-in users (its surface
// facing the user, its visitor gone) although the login it serves uses
// only body: the user is read when, and only if, the name is.

// defersRead reports a part of a destructured value whose read waits for
// the name it is bound to: the signed-in user of the request
// (catalog auth.current_user_names, req.user).
func (rc *ruleCtx) defersRead(part *facts.Expr) bool {
	return part != nil && part.Raw() != "" && slices.Contains(rc.b.lang.Auth.CurrentUserNames, part.Raw())
}

// deferRead binds name to x, read the first time the name is.
func (sc *scope) deferRead(name string, x *facts.Expr) {
	if sc.deferred == nil {
		sc.deferred = map[string]*facts.Expr{}
	}
	sc.deferred[name] = x
	delete(sc.vars, name)
}

// deferredRead is the value of a deferred name, read now and kept as the
// name's from then on; nil when name is not deferred.
func (rc *ruleCtx) deferredRead(name string, sc *scope, out *[]allium.Stmt) *value {
	x, ok := sc.deferred[name]
	if !ok {
		return nil
	}
	delete(sc.deferred, name)
	v := rc.eval(x, sc, out, false)
	sc.vars[name] = v
	return v
}
