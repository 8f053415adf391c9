package distill

import (
	"strings"
	"testing"
)

// TestListedBounds pins the Length validators a WTForms field lists
// (catalog listed_bounds): each bound is a precondition of the rule that
// validates the form, a literal one a parameter named as a guard's, one
// given by a module constant that constant's parameter; the nearest
// declaration of a field counts, mixins included.
func TestListedBounds(t *testing.T) {
	d := New(Options{})
	route := func(forms string) map[string]string {
		return map[string]string{"app/models.py": flaskModels, "app/forms.py": forms, "app/routes.py": `
from flask import Blueprint, request
from app.models import User
from app.extensions import db
from app.forms import SignupForm
bp = Blueprint("a", __name__)

@bp.post("/signup")
def signup():
    form = SignupForm(request.form)
    if form.validate():
        db.session.add(User(email=form.email.data, password_hash=form.password.data))
        db.session.commit()
`}
	}
	tests := []struct {
		name   string
		forms  string
		want   []string // clauses the rule holds
		absent []string // clauses it must not hold
	}{
		{
			name: "positional and keyword bounds; a minimum of 1 says nothing",
			forms: `
from wtforms import Form, StringField, PasswordField
from wtforms.validators import InputRequired, Length

class SignupForm(Form):
    email = StringField(validators=[InputRequired(), Length(1, 64)])
    password = PasswordField(validators=[Length(min=12, max=128)])
`,
			want: []string{
				"requires: length(email) <= config.max_email_length",
				"requires: length(password) >= config.min_password_length",
				"requires: length(password) <= config.max_password_length",
			},
			absent: []string{"length(email) >="},
		},
		{
			name: "a bound given by a module constant, on a mixin's field",
			forms: `
import wtforms

MAX_PASSWORD_SIZE = 4096

class PasswordMixin:
    password = wtforms.PasswordField(validators=[wtforms.validators.Length(max=MAX_PASSWORD_SIZE)])

class SignupForm(PasswordMixin, wtforms.Form):
    email = wtforms.StringField()
`,
			want:   []string{"requires: length(password) <= config.max_password_size"},
			absent: []string{"length(email)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, route(tt.forms))
			got := construct(out.Module, "Signup")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("rule lacks %q:\n%s", w, got)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("rule holds %q:\n%s", a, got)
				}
			}
		})
	}
}
