package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A module that names the user model by a constant, User =
// get_user_model() (baserow's core/user/handler.py:75), makes a new user
// by calling that constant: User(first_name=name, email=email, ...)
// (force_create_user, handler.py:155). Its lookups (User.objects...) were
// read through the constant; the call was not, so the new row was an
// unknown value, and its save() and everything done with it (the
// profile's user) went unsaid.

// userModelAlias is the user entity a call constructs when its callee is
// such a module constant (not shadowed by a local), nil otherwise.
func (rc *ruleCtx) userModelAlias(e *facts.Expr, method string, sc *scope) *entityInfo {
	b := rc.b
	if method != "" || e.X == nil || e.X.Kind != facts.ExprName || sc.vars[e.X.Name()] != nil {
		return nil
	}
	if b.constructedClass(sc.file, e) != nil {
		return nil // a class of the service by that name
	}
	c := b.ix.constant(sc.file, e.X)
	if c == nil || c.as.Value == nil || c.as.Value.Kind != facts.ExprCall || len(c.as.Value.Args()) != 0 ||
		!catalog.MatchAny(b.lang.UserModelRefs, c.as.Value.Raw()) {
		return nil
	}
	u := b.userEntity()
	if u == "" {
		return nil
	}
	return b.entByName[u]
}
