package distill

import "github.com/distill/distill/internal/facts"

// After a sign-in call that sets the request's user (Django's
// login(request, user), Flask-Login's login_user(user)), the request's
// signed-in user is the user just signed in:
//
//	if form.is_valid():
//	    auth_login(request, form.get_user())
//	    if not hasattr(request.user, "config"):   # the user signed in
//	        UserConfig(user=request.user).save()
//
// (netbox's LoginView.post, account/views.py:106-128). Read as the
// trigger's signed-in user, the rule named a second user, current_user,
// whom nobody had signed in. The sign-in holds for the rest of the block
// it is made in and of the function it is made in, and for what they
// call; a branch or loop body that signed in forgets it when it ends (the
// else branch, or what follows the if, may run without it), so the spec
// never names the signed-in user where the code may not have signed one
// in.

// keepSignedIn restores the user signed in before a block, at its end.
func (rc *ruleCtx) keepSignedIn(before *value) { rc.signedInAs = before }

// functionBody reports whether list is the whole body of the function
// walked in sc (the handler, or the helper inlined there), not a block
// inside it.
func functionBody(list []facts.Stmt, sc *scope, h *handler) bool {
	if len(list) == 0 {
		return true
	}
	var fn *facts.Function
	switch {
	case sc.helper != nil:
		fn = sc.helper
	case h != nil:
		fn = h.fn
	}
	return fn != nil && len(fn.Body()) > 0 && &fn.Body()[0] == &list[0]
}
