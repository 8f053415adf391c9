package distill

import (
	"strings"
	"testing"
)

// TestListedAndNamedChecks pins the checks a WTForms form states besides
// bounds (catalog listed_checks: EqualTo is an equality of two inputs, a
// predicate validator a named predicate of its input), the calls of
// services the spec does not describe read as named predicates (catalog
// named_checks: answered, or raised on failure), and the request's
// remote_addr read as the client's address (request_values).
func TestListedAndNamedChecks(t *testing.T) {
	d := New(Options{})
	route := func(forms string) map[string]string {
		return map[string]string{"app/models.py": flaskModels, "app/forms.py": forms, "app/routes.py": `
from flask import Blueprint, request, abort
from app.models import User
from app.extensions import db
from app.forms import SignupForm
bp = Blueprint("a", __name__)

@bp.post("/signup")
def signup():
    if request.banned.by_ip(request.remote_addr):
        abort(403)
    form = SignupForm(request.form, request=request)
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
			name: "EqualTo by position; a strength validator on a mixin's field",
			forms: `
from wtforms import Form, StringField, PasswordField
from wtforms.validators import InputRequired, EqualTo
from app import forms

class PasswordMixin:
    password = PasswordField(validators=[InputRequired(), forms.PasswordStrengthValidator(user_input_fields=["email"])])

class SignupForm(PasswordMixin, Form):
    email = StringField(validators=[InputRequired()])
    password_confirm = PasswordField(validators=[EqualTo("password", message="no match")])
`,
			want: []string{
				"requires: password_confirm = password",
				"requires: is_strong(password)",
				"when: Signup(",
			},
		},
		{
			// flask-base's forms: the field names its confirmation.
			name: "an input comes before the confirmation it names",
			forms: `
from wtforms import Form, StringField, PasswordField
from wtforms.validators import InputRequired, EqualTo

class SignupForm(Form):
    email = StringField(validators=[InputRequired()])
    password = PasswordField(validators=[InputRequired(), EqualTo("password2", message="no match")])
    password2 = PasswordField(validators=[InputRequired()])
`,
			want: []string{
				"requires: password = password2",
				"password, password2",
			},
		},
		{
			name: "an EqualTo naming its field by a variable is not read",
			forms: `
from wtforms import Form, StringField, PasswordField
from wtforms.validators import EqualTo

OTHER = "password"

class SignupForm(Form):
    email = StringField()
    password = PasswordField()
    password_confirm = PasswordField(validators=[EqualTo(OTHER)])
`,
			absent: []string{"password_confirm ="},
		},
		{
			name: "a breach check answered, a captcha check raised, a ban by the client's address",
			forms: `
import wtforms

class CaptchaError(Exception):
    pass

class SignupForm(wtforms.Form):
    email = wtforms.StringField()
    password = wtforms.PasswordField()
    g_recaptcha_response = wtforms.StringField()

    def __init__(self, *args, request, breach_service, captcha_service, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self._breach_service = breach_service
        self.captcha_service = captcha_service

    def validate_password(self, field):
        if self._breach_service.check_password(field.data, tags=["x"]):
            raise wtforms.validators.ValidationError("breached")

    def validate_g_recaptcha_response(self, field):
        try:
            self.captcha_service.verify_response(field.data)
        except CaptchaError:
            raise wtforms.validators.ValidationError("Captcha error.")
`,
			want: []string{
				"requires: not is_banned(ip_address)",
				"requires: not is_breached(password)",
				"requires: captcha_valid(g_recaptcha_response)",
			},
			absent: []string{"verify(password"},
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
