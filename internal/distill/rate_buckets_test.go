package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// bucketModels keeps a rate limit in a row per key (a token bucket), with
// functions that answer it for one kind of key.
const bucketModels = `
from datetime import datetime
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), nullable=False)
    status = db.Column(db.String(16), nullable=False, default="active")

class Bucket(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    value = db.Column(db.String(80), unique=True)
    tokens = db.Column(db.Float, default=1.0)
    updated = db.Column(db.DateTime, default=datetime.utcnow)

    @staticmethod
    def authorize(value, capacity, refill_time_secs, force=False):
        obj, created = Bucket.objects.get_or_create(value=value)
        if not created:
            elapsed = (datetime.utcnow() - obj.updated).total_seconds()
            obj.tokens = min(1.0, obj.tokens + elapsed / refill_time_secs)
        obj.tokens -= 1.0 / capacity
        if obj.tokens < 0 and not force:
            return False
        obj.updated = datetime.utcnow()
        obj.save()
        return True

    @staticmethod
    def authorize_login_email(email):
        return Bucket.authorize(f"em-{email}", 10, 3600)

    @staticmethod
    def authorize_auth_ip(request):
        addr = request.META["REMOTE_ADDR"]
        return Bucket.authorize(f"ip-{addr}", 20, 3600 * 24)

    @staticmethod
    def authorize_dynamic(email, n):
        return Bucket.authorize(f"dyn-{email}", n, 60)

    @staticmethod
    def record_error():
        Bucket.authorize("error", 3, 60, force=True)

def counts(value, capacity, window):
    obj, created = Bucket.objects.get_or_create(value=value)
    obj.tokens -= 1.0 / capacity + obj.tokens / window
    obj.save()
    return True
`

// TestRateBuckets: a handler that refuses when a function keeping a
// counter row per key answers False requires the key to be under its
// limit, recent_attempts(key, window) < config.<name>_attempts, whether it
// calls the bucket itself or a function answering it for its own key (the
// client's address read from the request is ip); a bucket that never
// refuses, or a capacity that is no literal, states nothing.
func TestRateBuckets(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name, guard string
		want        []string // in the printed spec; none: no limit is stated
	}{
		{"a function answering the bucket for an email", "Bucket.authorize_login_email(email)",
			[]string{"requires: recent_attempts(email, 1.hour) < config.login_email_attempts", "login_email_attempts: Integer = 10"}},
		{"a function keyed by the client's address is per ip", "Bucket.authorize_auth_ip(request)",
			[]string{"when: Lock(ip, email)", "requires: recent_attempts(ip, 1.day) < config.auth_ip_attempts", "auth_ip_attempts: Integer = 20"}},
		{"the bucket called with a key and literals of the handler's own", "Bucket.authorize(email, 5, 60)",
			[]string{"requires: recent_attempts(email, 1.minute) < config.authorize_attempts", "authorize_attempts: Integer = 5"}},
		{"a capacity given at run time is not stated", `Bucket.authorize_dynamic(email, int(request.form["n"]))`, nil},
		{"a counter that never refuses is no limit", "counts(email, 5, 60)", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": bucketModels, "app/views.py": lockView(tc.guard, `user.status = "locked"`)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if !strings.Contains(text, "rule Lock ") {
				t.Fatalf("no rule Lock:\n%s", text)
			}
			if tc.want == nil && strings.Contains(text, "recent_attempts") {
				t.Errorf("a limit stated:\n%s", text)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q:\n%s", w, text)
				}
			}
		})
	}
}

// TestBucketModelLeftOut: the model whose rows a token bucket keeps is the
// limits' bookkeeping (the rules state recent_attempts): no rule naming it,
// it is left out with a note; a rule that creates its rows keeps it.
func TestBucketModelLeftOut(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name, effect string
		kept         bool
	}{
		{"only the limit reads it", `user.status = "locked"`, false},
		{"a rule creates its rows", `db.session.add(Bucket(value=email))`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": bucketModels, "app/views.py": lockView("Bucket.authorize_login_email(email)", tc.effect)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if !strings.Contains(text, "recent_attempts(email, 1.hour)") {
				t.Fatalf("the limit is not stated:\n%s", text)
			}
			if got := strings.Contains(text, "entity Bucket "); got != tc.kept {
				t.Errorf("entity Bucket declared: %v, want %v:\n%s", got, tc.kept, text)
			}
			noted := strings.Contains(strings.Join(out.Notes, "\n"), "model Bucket keeps the counts of the rate limits")
			if noted == tc.kept {
				t.Errorf("note of the left-out model: %v, want %v: %v", noted, !tc.kept, out.Notes)
			}
		})
	}
}

// lockView is a handler that refuses unless guard holds, then looks the
// user up by email and does effect.
func lockView(guard, effect string) string {
	return `
from flask import Flask, request, abort
from app.models import User, Bucket, counts, db
app = Flask(__name__)

@app.route("/lock", methods=["POST"])
def lock():
    email = request.form["email"]
    if not ` + guard + `:
        abort(429)
    user = User.query.filter_by(email=email).first()
    ` + effect + `
    db.session.commit()
`
}
