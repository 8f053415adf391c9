package distill

import "github.com/distill/distill/internal/allium"

// A row the rule creates is stated once, with the values it is created
// with, and an assignment to it later in the rule is one of those values,
// whether or not the code wrote the row in between (healthchecks'
// _make_user sets the new profile's tz after for_user saved it,
// views.py:101-104; flaskbb's AutoActivateUserPostProcessor activates
// the committed user after AutologinPostProcessor signed it in,
// auth/services/registration.py:170-191; both expected specs fold them).
// A function that signs the new user in and then stamps it, though, is
// a sign-in, stated as a sign-in of a user found by a lookup is: the
// session, then the stamp on the stored user. warehouse's _login_user
// starts the session and sets last_login through update_user
// (views.py:1480-1530, services.py:355), as Django's login stamps the
// user a form saved (django-oscar's register_user, mixins.py:80); both
// expected specs state user.last_login = now beside
// Session.created(user: user).

// assignStored states x assigned to field f of obj, a row the rule
// created, as an update when the function that signed the row in since is
// still running (on sc's stack); it reports whether it did. The row is
// then named by its let.
func (rc *ruleCtx) assignStored(obj *value, ent *entityInfo, f *fieldInfo, x allium.Expr, sc *scope, out *[]allium.Stmt, line int) bool {
	if !signingRuns(obj.signedIn, sc.stack) {
		return false
	}
	row := rc.valueExpr(obj)
	if row == nil {
		return false
	}
	timeField(f, x)
	f.used = true
	target := &allium.Member{X: row, Name: f.name}
	a := &allium.Assign{Meta: rc.b.meta(sc.file, line), Target: target, Value: x}
	*out = append(*out, a)
	rc.assigned[exprKey(target)] = x
	rc.rowChanged(&value{kind: vEntity, ent: obj.ent, expr: row}, ent, out)
	if emptyValue(x) {
		rc.b.clearedFields = append(rc.b.clearedFields, clearedField{assign: a, ent: obj.ent})
	}
	return true
}

// signingRuns reports whether the function on top of signed, the walk's
// stack where a sign-in was seen, is still running under stack: stack
// starts with signed.
func signingRuns(signed, stack []string) bool {
	if len(signed) == 0 || len(stack) < len(signed) {
		return false
	}
	for i := range signed {
		if stack[i] != signed[i] {
			return false
		}
	}
	return true
}
