package distill

import (
	"strings"
	"testing"
)

// TestFormSuperValidators pins a form validator's super() call running
// the validator the next class of the form's lineage defines (warehouse's
// LoginForm.validate_password calling PasswordMixin's), and a user
// service's check_password(userid, password) read as verify(password,
// user.password) (catalog named_checks with user and field).
func TestFormSuperValidators(t *testing.T) {
	d := New(Options{})
	files := map[string]string{"app/models.py": flaskModels, "app/forms.py": `
import wtforms
from app.models import User

class UserService:
    def find_userid(self, email):
        return User.query.filter_by(email=email).first()

class PasswordMixin:
    password = wtforms.PasswordField()

    def validate_password(self, field):
        userid = self.user_service.find_userid(self.email.data)
        if userid is not None:
            if not self.user_service.check_password(userid, field.data):
                raise wtforms.validators.ValidationError("wrong password")

class LoginForm(PasswordMixin, wtforms.Form):
    email = wtforms.StringField()

    def __init__(self, *args, user_service, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_service = user_service

    def validate_password(self, field):
        super().validate_password(field)
        if field.data == "secret":
            raise wtforms.validators.ValidationError("too common")
`, "app/routes.py": `
from flask import Blueprint, request
from app.models import User
from app.extensions import db
from app.forms import LoginForm, UserService
bp = Blueprint("a", __name__)

@bp.post("/login")
def login():
    form = LoginForm(request.form, user_service=UserService())
    if form.validate():
        user = User.query.filter_by(email=form.email.data).first()
        user.status = "active"
        db.session.commit()
`}
	out := distilText(t, d, files)
	got := construct(out.Module, "Login")
	for _, w := range []string{"requires: not exists userid or verify(password, userid.password)", `requires: password != "secret"`} {
		if !strings.Contains(got, w) {
			t.Errorf("rule Login lacks %q:\n%s", w, got)
		}
	}
}
