package distill

import "testing"

// TestSpentTokenLookups pins how a lookup by a secret binds the row: a
// row found by a token column of its own that the rule clears is a let
// of the lookup (the spec states the column); a row whose rule leaves the
// column alone, and a token row found by its secret, are the trigger's
// parameter, as before.
func TestSpentTokenLookups(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from app import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
    password = db.Column(db.String(128))
    confirmed = db.Column(db.Boolean, default=False)
    reset_password_token = db.Column(db.String(64))
    confirmation_token = db.Column(db.String(64))

class LoginToken(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    token = db.Column(db.String(64))
    used = db.Column(db.Boolean, default=False)
`,
		"app/views.py": `
from flask import Blueprint, request, abort
from app import db
from app.models import User, LoginToken

bp = Blueprint("auth", __name__)

@bp.route("/reset", methods=["POST"])
def reset():
    code = request.form["code"]
    user = User.query.filter_by(reset_password_token=code).first()
    if user is None:
        abort(400)
    user.reset_password_token = None
    user.confirmed = True
    db.session.commit()

@bp.route("/confirm", methods=["POST"])
def confirm():
    token = request.form["token"]
    user = User.query.filter_by(confirmation_token=token).first()
    if user is None:
        abort(400)
    user.confirmed = True
    db.session.commit()

@bp.route("/confirm-checked", methods=["POST"])
def confirm_checked():
    token = request.form["token"]
    if len(token) != 36:
        abort(400)
    user = User.query.filter_by(confirmation_token=token).first()
    if user is None:
        abort(400)
    user.confirmed = True
    db.session.commit()

@bp.route("/login-link", methods=["POST"])
def login_link():
    token = request.form["token"]
    link = LoginToken.query.filter_by(token=token).first()
    if link is None:
        abort(400)
    link.used = True
    db.session.commit()
`,
		// taiga's recovery (users/api.py:175-193): a column named token
		// alone on the user, spent by the reset.
		"recovery/models.py": `
from django.db import models

class Account(models.Model):
    email = models.EmailField(unique=True)
    password = models.CharField(max_length=128)
    token = models.CharField(max_length=200, null=True, blank=True)

class InviteToken(models.Model):
    token = models.CharField(max_length=64)
    used = models.BooleanField(default=False)
`,
		"recovery/views.py": `
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from recovery.models import Account, InviteToken

@api_view(["POST"])
def recover(request):
    try:
        account = Account.objects.get(token=request.data["token"])
    except Account.DoesNotExist:
        raise ValidationError("Token is invalid")
    account.set_password(request.data["password"])
    account.token = None
    account.save(update_fields=["password", "token"])
    return Response(status=204)

@api_view(["POST"])
def accept_invite(request):
    try:
        invite = InviteToken.objects.get(token=request.data["token"])
    except InviteToken.DoesNotExist:
        raise ValidationError("Token is invalid")
    invite.used = True
    invite.token = ""
    invite.save()
    return Response(status=204)
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a token column the rule clears: the row is found by it",
			construct: "Reset",
			want:      []string{"when: Reset(code)", "let user = User{reset_password_token: code}", "requires: exists user", "user.reset_password_token = null"},
			notWant:   []string{"Reset(code, user)"},
		},
		{
			name:      "a token column the rule leaves alone: the caller names the row",
			construct: "Confirm",
			want:      []string{"when: Confirm(user)", "user.confirmed = true"},
			notWant:   []string{"let user"},
		},
		{
			name:      "a token column the rule leaves alone but whose token stays a parameter: the row is found by it",
			construct: "ConfirmChecked",
			want:      []string{"when: ConfirmChecked(token)", "requires: length(token) = 36", "let user = User{confirmation_token: token}", "requires: exists user", "user.confirmed = true"},
			notWant:   []string{"ConfirmChecked(token, user)"},
		},
		{
			name:      "a token row found by its secret: the caller names the token",
			construct: "LoginLink",
			want:      []string{"when: LoginLink(link)", "link.used = true"},
			notWant:   []string{"let link"},
		},
		{
			name:      "a column named token on a row that is no token, spent: the row is found by it",
			construct: "Recover",
			want:      []string{"when: Recover(password, token)", "let account = Account{token}", "requires: exists account", "account.token = null"},
			notWant:   []string{"Recover(password, account)", "Recover(account"},
		},
		{
			name:      "a column named token on a token's row is its key: the caller names the token",
			construct: "AcceptInvite",
			want:      []string{"when: AcceptInvite(invite)", "invite.used = true"},
			notWant:   []string{"let invite"},
		},
	})
}

// knexTokenTables declares a user's token columns (kutt's users table).
const knexTokenTables = `
async function up(knex) {
  await knex.schema.createTable("users", table => {
    table.increments("id").primary();
    table.string("email").unique().notNullable();
    table.string("password").notNullable();
    table.boolean("verified").notNullable().defaultTo(false);
    table.string("reset_password_token");
    table.dateTime("reset_password_expires");
    table.string("verification_token");
    table.dateTime("verification_expires");
  });
}
module.exports = { up };
`

// knexTokenUpdate is kutt's update(match, changes): the row found by the
// entries of match, none found an early return of nothing.
const knexTokenUpdate = `
const knex = require("./knex");
async function update(match, changes) {
  const query = knex("users");
  Object.entries(match).forEach(([key, value]) => {
    query.andWhere(key, ...(Array.isArray(value) ? value : [value]));
  });
  const user = await query.select("id").first();
  if (!user) return {};
  await knex("users").where("id", user.id).update({ ...changes });
  return knex("users").where("id", user.id).first();
}
module.exports = { update };
`

// TestSpentTokenLookupsFiltered pins a token-column lookup that filters
// on the row's state besides the token (kutt's new-password and verify,
// auth.handler.js:261-283, 155-168): the row is found by the token, each
// other filter a requires on it, and the helper's early return on no row
// a requires, as for a row the request names; never the trigger's row
// beside the token, which would let any token act on any user.
func TestSpentTokenLookupsFiltered(t *testing.T) {
	files := map[string]string{
		"src/migrations.js": knexTokenTables,
		"src/queries.js":    knexTokenUpdate,
		"src/routes.js": `
const queries = require("./queries");
const express = require("express");
const router = express.Router();
router.post("/new-password", async (req, res) => {
  const { reset_password_token, password } = req.body;
  const user = await queries.update(
    { reset_password_token, reset_password_expires: [">", new Date()] },
    { reset_password_token: null, reset_password_expires: null, password }
  );
  if (!user) throw new Error("Could not set the password.");
  res.send();
});
router.get("/verify/:verificationToken", async (req, res) => {
  await queries.update(
    { verification_token: req.params.verificationToken, verification_expires: [">", new Date()] },
    { verified: true, verification_token: null }
  );
  res.send();
});
module.exports = router;
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the token spent: the row found by it, the expiry required",
			construct: "NewPassword",
			want: []string{"when: NewPassword(reset_password_token, password)", "let user = User{reset_password_token}",
				"requires: user.reset_password_expires > now", "requires: exists user", "user.reset_password_token = null"},
			notWant: []string{"NewPassword(reset_password_token, password, user)", "if exists user"},
		},
		{
			name:      "a token from the path: the row found by it",
			construct: "VerifyVerificationToken",
			want:      []string{"when: VerifyVerificationToken(verification_token)", "let user = User{verification_token}", "requires: user.verification_expires > now", "user.verified = true"},
			notWant:   []string{"VerifyVerificationToken(verification_token, user)", "VerifyVerificationToken(user)"},
		},
	})
}
