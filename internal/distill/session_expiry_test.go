package distill

import "testing"

// TestSessionExpiryIdioms pins the temporal rule that ends the framework's
// sessions at the expiry a rule gives them (redash: sessions made
// permanent before every request, with the lifetime the service sets).
func TestSessionExpiryIdioms(t *testing.T) {
	d := New(Options{})
	settings := `
import os
SESSION_EXPIRY_TIME = int(os.environ.get("APP_SESSION_EXPIRY_TIME", 60 * 60 * 6))
`
	hook := func(body string) string {
		return `
from datetime import timedelta
from flask import session
from app import settings
def init_app(app):
    @app.before_request
    def extend_session():
` + body
	}
	const lasting = "        session.permanent = True\n        app.permanent_session_lifetime = timedelta(seconds=settings.SESSION_EXPIRY_TIME)\n"
	const expires = `rule SessionExpires {
    when: session: Session.expires_at <= now
    ensures: not exists session
}`
	const sessionModel = `
class Session(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    expires_at = db.Column(db.DateTime)
`
	tests := []struct {
		name, models, hook, want string
	}{
		{
			name:   "sessions started with an expiry end at it",
			models: emailUserModels,
			hook:   hook(lasting),
			want:   expires,
		},
		{
			name:   "sessions without one have no rule to end them",
			models: emailUserModels,
			hook:   hook("        pass\n"),
		},
		{
			name:   "a session model of the service's own is left to its own code",
			models: emailUserModels + sessionModel,
			hook:   hook(lasting),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": tt.models, "app/settings.py": settings,
				"app/authentication.py": tt.hook, "app/views.py": loginView("login_user(user)")})
			if got := construct(out.Module, "SessionExpires"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
