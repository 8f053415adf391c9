package distill

import "testing"

// TestInheritedFormValidators: a WTForms form runs the validate_<field>
// methods it inherits from the service's own forms (flask-base's
// NewUserForm(InviteUserForm)), and a method of the same name on the form
// itself replaces the inherited one.
func TestInheritedFormValidators(t *testing.T) {
	d := New(Options{})
	const models = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64))
    name = db.Column(db.String(64))
`
	const view = `
from flask import Blueprint, render_template
from app.models import User, db
from app.forms import NewUserForm
bp = Blueprint("admin", __name__)
@bp.route("/new-user", methods=["GET", "POST"])
def new_user():
    form = NewUserForm()
    if form.validate_on_submit():
        db.session.add(User(email=form.email.data, name=form.name.data))
        db.session.commit()
    return render_template("new_user.html", form=form)
`
	const base = `
from flask_wtf import FlaskForm
from wtforms import StringField, ValidationError
from app.models import User
class InviteUserForm(FlaskForm):
    email = StringField("Email")
    name = StringField("Name")
    def validate_email(self, field):
        if User.query.filter_by(email=field.data).first():
            raise ValidationError("Email already registered.")
`
	tests := []struct {
		name, forms, want string
	}{
		{
			name:  "an inherited validator is a precondition",
			forms: base + "class NewUserForm(InviteUserForm):\n    pass\n",
			want: `rule NewUser {
    when: NewUser(email, name)
    requires: not exists User{email}
    ensures: User.created(email: email, name: name)
}`,
		},
		{
			name: "the form's own validator of the same name replaces it",
			forms: base + `class NewUserForm(InviteUserForm):
    def validate_email(self, field):
        if User.query.filter_by(name=field.data).first():
            raise ValidationError("Taken as a name.")
`,
			want: `rule NewUser {
    when: NewUser(email, name)
    requires: not exists User{name: email}
    ensures: User.created(email: email, name: name)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/forms.py": tt.forms, "app/views.py": view})
			if got := construct(out.Module, "NewUser"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
