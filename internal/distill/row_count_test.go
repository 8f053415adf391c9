package distill

import "testing"

// rowCountModels is the model the row-count cases query.
const rowCountModels = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80))
    email = db.Column(db.String(120))
`

// rowCountView is a registration view whose uniqueness check is check,
// a statement run before the user is created.
func rowCountView(check string) map[string]string {
	return map[string]string{"app/models.py": rowCountModels, "app/views.py": `
from flask import Flask, request, abort
from sqlalchemy import func
from app.models import User, db
from app.utils import get_config
app = Flask(__name__)
@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    email = request.form["email"]
` + check + `
    db.session.add(User(username=username, email=email))
    db.session.commit()
    return "ok"
`}
}

// TestRowCounts pins the number of rows a query matches, compared with
// zero, as whether such a row exists (flaskbb's uniqueness validators).
func TestRowCounts(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "a select of func.count over an injected model, lowercased column, count != 0 refused",
			files: map[string]string{"app/models.py": rowCountModels, "app/validators.py": `
from sqlalchemy import func
from app.models import db
class UsernameUniquenessValidator:
    def __init__(self, users):
        self.users = users
    def validate(self, username):
        count = db.session.execute(
            db.select(func.count(self.users.id)).filter(
                func.lower(self.users.username) == username
            )
        ).scalar_one()
        if count != 0:
            raise ValidationError("username", "already registered")
`, "app/views.py": `
from flask import Flask, request
from app.models import User, db
from app.validators import UsernameUniquenessValidator
app = Flask(__name__)
@app.route("/register", methods=["POST"])
def register():
    username = request.form["username"]
    UsernameUniquenessValidator(User).validate(username)
    db.session.add(User(username=username))
    db.session.commit()
    return "ok"
`},
			want: `rule Register {
    when: Register(username)
    requires: not exists User{username}
    ensures: User.created(username: username)
}`,
		},
		{
			name: "query.count() > 0 refused",
			files: rowCountView(`    if User.query.filter_by(email=email).count() > 0:
        abort(409)`),
			want: `rule Register {
    when: Register(email, username)
    requires: not exists User{email}
    ensures: User.created(username: username, email: email)
}`,
		},
		{
			name: "a count of at least one, read from session.scalar, refused",
			files: rowCountView(`    n = db.session.scalar(db.select(func.count(User.id)).where(User.username == username))
    if n >= 1:
        abort(409)`),
			want: `rule Register {
    when: Register(username, email)
    requires: not exists User{username}
    ensures: User.created(username: username, email: email)
}`,
		},
		{
			name: "no row counted (count == 0) refused: such a row must exist",
			files: rowCountView(`    if User.query.filter_by(email=email).count() == 0:
        abort(404)`),
			want: `rule Register {
    when: Register(email, username)
    requires: exists User{email}
    ensures: User.created(username: username, email: email)
}`,
		},
		{
			name: "a count whose filter the spec cannot state says nothing",
			files: rowCountView(`    if User.query.filter(User.id != request.args["id"], User.email == email).count() != 0:
        abort(409)`),
			want: `rule Register {
    when: Register(email, username)
    ensures: User.created(username: username, email: email)
}`,
		},
		{
			name: "a count compared with another number says nothing",
			files: rowCountView(`    if User.query.filter_by(email=email).count() > 3:
        abort(409)`),
			want: `rule Register {
    when: Register(email, username)
    ensures: User.created(username: username, email: email)
}`,
		},
		{
			name: "a count bounded by a setting, zero meaning no bound (CTFd's num_users)",
			files: rowCountView(`    limit = int(get_config("num_users", default=0))
    taken = User.query.filter_by(email=email).count()
    if limit and taken >= limit:
        abort(403)`),
			want: `rule Register {
    when: Register(email, username)
    requires: config.num_users = 0 or (Users where email = email).count < config.num_users
    ensures: User.created(username: username, email: email)
}`,
		},
		{
			name: "a count on the right of the comparison, bounded by an input",
			files: rowCountView(`    if int(request.form["seats"]) <= User.query.filter_by(username=username).count():
        abort(409)`),
			want: `rule Register {
    when: Register(username, seats, email)
    requires: seats > (Users where username = username).count
    ensures: User.created(username: username, email: email)
}`,
		},
		{
			name: "a count compared with a local bound to a number literal says nothing",
			files: rowCountView(`    most = 3
    if User.query.filter_by(email=email).count() > most:
        abort(409)`),
			want: `rule Register {
    when: Register(email, username)
    ensures: User.created(username: username, email: email)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, "Register"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
