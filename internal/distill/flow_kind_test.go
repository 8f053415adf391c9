package distill

import "testing"

// TestTokenKind: a token's kind comes from the innermost function on the
// way that names a token, else from the flow a function starts
// (initiate_password_reset) or completes (change_email_verify), else it
// is "signed"; a one-word flow names no kind.
func TestTokenKind(t *testing.T) {
	for _, tc := range []struct {
		stack []string
		want  string
	}{
		{[]string{"app.views.reset", "app.tokens.generate_reset_token"}, "reset"},
		{[]string{"app.views.initiate_password_reset"}, "password_reset"},
		{[]string{"hc.accounts.views.change_email_verify"}, "change_email"},
		{[]string{"app.views.password_reset_confirm"}, "password_reset"},
		{[]string{"app.views.email_verify"}, "signed"},
		{[]string{"app.views.login"}, "signed"},
		// A function named for the JWT it makes issues what a login
		// issues, whichever handler calls it (sign-up, profile, login).
		{[]string{"src.user.UserService.create", "src.user.UserService.buildUserRO", "src.user.UserService.generateJWT"}, "access"},
		{[]string{"server.utils.signToken"}, "signed"},
		{[]string{"server.handlers.login", "server.utils.signToken"}, "signed"},
		{[]string{"app.auth.sign_jwt"}, "access"},
	} {
		if got := tokenKind(tc.stack); got != tc.want {
			t.Errorf("tokenKind(%q) = %q, want %q", tc.stack, got, tc.want)
		}
	}
}
