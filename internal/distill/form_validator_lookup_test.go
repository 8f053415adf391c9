package distill

import (
	"strings"
	"testing"
)

// TestFormValidatorLookups: a WTForms validate_<field>(self, field) that
// looks the value up and raises when a row is found is a precondition of
// the rule whose handler validates the form, stated with the lookup it
// needs, whether the lookup stands alone or sits under a condition of its
// own (microblog's EditProfileForm: only a changed username is looked up);
// the form's constructor argument is what the handler passes it (the
// signed-in user's name), never a trigger parameter.
func TestFormValidatorLookups(t *testing.T) {
	d := New(Options{})
	const models = `
import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin
from app import db
class User(UserMixin, db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    username: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(120), unique=True)
    about_me: so.Mapped[str] = so.mapped_column(sa.String(140))
`
	const view = `
from flask import Blueprint, render_template, redirect
from flask_login import current_user, login_required
from app import db
from app.forms import EditProfileForm
from app.models import User
bp = Blueprint("main", __name__)
@bp.route("/edit_profile", methods=["GET", "POST"])
@login_required
def edit_profile():
    form = EditProfileForm(current_user.username)
    if form.validate_on_submit():
        current_user.username = form.username.data
        current_user.about_me = form.about_me.data
        db.session.commit()
        return redirect("/")
    return render_template("edit_profile.html", form=form)
`
	const head = `
import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import ValidationError, DataRequired
from app import db
from app.models import User
class EditProfileForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired()])
    about_me = TextAreaField("About me")
    def __init__(self, original_username, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.original_username = original_username
`
	// Only a changed name is looked up, however the code writes it.
	const changedNameFree = `rule EditProfile {
    when: EditProfile(user, username, about_me)
    requires: username = user.username or not exists User{username}
    ensures:
        user.username = username
        user.about_me = about_me
}`
	tests := []struct {
		name, validator, want string
	}{
		{
			name: "a lookup the raise tests",
			validator: `    def validate_username(self, username):
        user = db.session.scalar(sa.select(User).where(User.username == username.data))
        if user is not None:
            raise ValidationError("Please use a different username.")
`,
			want: `rule EditProfile {
    when: EditProfile(user, username, about_me)
    let user_2 = User{username}
    requires: not exists user_2
    ensures:
        user.username = username
        user.about_me = about_me
}`,
		},
		{
			name: "the lookup under a condition of its own",
			validator: `    def validate_username(self, username):
        if username.data != self.original_username:
            user = db.session.scalar(sa.select(User).where(User.username == username.data))
            if user is not None:
                raise ValidationError("Please use a different username.")
`,
			want: changedNameFree,
		},
		{
			name: "the condition tested with the lookup inline",
			validator: `    def validate_username(self, username):
        if username.data != self.original_username and User.query.filter_by(username=username.data).first():
            raise ValidationError("Please use a different username.")
`,
			want: changedNameFree,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/forms.py": head + tt.validator, "app/routes.py": view})
			if got := construct(out.Module, "EditProfile"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			for _, n := range out.Notes {
				if strings.Contains(n, "E009") {
					t.Errorf("a clause was dropped for an unbound name: %s", n)
				}
			}
		})
	}
}
