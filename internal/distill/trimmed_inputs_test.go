package distill

import "testing"

// TestTrimmedInputs pins x.strip() as the black box trim(x) (catalog
// normaliser_calls), in the shapes of CTFd's register and reset
// (CTFd/auth.py:143, 186, 251-253) and warehouse's login form
// (accounts/forms.py:81): a normaliser chain keeps every step it takes
// (lowercase(trim(email)), never lowercase(email)); the bound on a
// trimmed input is named after the input; a needle holding no white
// space is looked for in the untrimmed text; what a token keeps of a
// trimmed address is still the email.
func TestTrimmedInputs(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    email = db.Column(db.String(128), unique=True)
    password = db.Column(db.String(128))
`,
		"app/views.py": `
from flask import Blueprint, request, abort
from app.models import db, Users
from app.security import generate_password_reset_token
from app.mail import send_reset
auth = Blueprint("auth", __name__)

@auth.route("/register", methods=["POST"])
def register():
    name = request.form.get("name", "").strip()
    email_address = request.form.get("email", "").strip().lower()
    password = request.form.get("password", "").strip()
    if len(password) > 128:
        abort(400)
    if "@" in name.strip():
        abort(400)
    if Users.query.filter_by(email=email_address).first():
        abort(400)
    user = Users(name=name, email=email_address, password=password)
    db.session.add(user)
    db.session.commit()

@auth.route("/tidy", methods=["POST"])
def tidy():
    name = request.form.get("name", "").rstrip()
    user = Users.query.filter_by(name=name.strip()).first_or_404()
    user.name = name
    db.session.commit()

@auth.route("/rename", methods=["POST"])
def rename():
    email_address = request.form["email"].strip().lower()
    user = Users.query.filter_by(email=email_address.lower().strip()).first_or_404()
    name = request.form.get("name", "").lstrip(".")
    if not name:
        abort(400)
    user.email = email_address.lower().strip()
    db.session.commit()

@auth.route("/reset_password", methods=["POST"])
def reset_password():
    email_address = request.form["email"].strip()
    user = Users.query.filter_by(email=email_address).first()
    if not user:
        abort(404)
    send_reset(email_address, generate_password_reset_token(email_address))
`,
		"app/security.py": `
import os
from app.cache import cache

def generate_password_reset_token(addr, timeout=1800):
    nonce = os.urandom(32).hex()
    cache.set(f"reset_password_{nonce}", addr, timeout=timeout)
    return nonce
`,
		"app/mail.py": `
from flask_mail import Message
from app.ext import mail

def send_reset(addr, token):
    mail.send(Message("Reset", recipients=[addr], body=token))
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name: "a chain keeps the trim under the lower-casing", construct: "Register",
			want:    []string{"email: lowercase(trim(email))", "name: trim(name)", "not exists User{email: lowercase(trim(email))}"},
			notWant: []string{"lowercase(email)", "name: name"},
		},
		{
			name: "the bound on a trimmed input is named after the input", construct: "Register",
			want: []string{"length(trim(password)) <= config.max_password_length"},
		},
		{
			name: "a needle without white space is looked for in the untrimmed text", construct: "Register",
			want:    []string{`not contains(name, "@")`},
			notWant: []string{`contains(trim(`},
		},
		{
			name: "rstrip is trim_end; a trim of it trims both ends", construct: "Tidy",
			want:    []string{"User{name: trim(trim_end(name))}", "user.name = trim_end(name)"},
			notWant: []string{"user.name = name"},
		},
		{
			// plane's sanitize_email, then the model's save: lower().strip()
			// of an address stripped and lowered already.
			name: "a normaliser the chain applies already, under steps it commutes with, is not applied again", construct: "Rename",
			want:    []string{"User{email: lowercase(trim(email))}", "user.email = lowercase(trim(email))"},
			notWant: []string{"trim(lowercase(", "lowercase(lowercase("},
		},
		{
			// plane's sanitize_filename, utils/path_validator.py:43.
			name: "x.lstrip(chars) is no normaliser of its argument", construct: "Rename",
			notWant: []string{`trim_start(".")`},
		},
		{
			name: "a token keeps the trimmed address as its email", construct: "ResetPassword",
			want: []string{"email: trim(email)"},
		},
	})
}
