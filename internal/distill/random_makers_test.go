package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRandomMakerIdioms pins functions of the service that only draw from
// a random source and return the result (redash's generate_token): their
// call is random_key().
func TestRandomMakerIdioms(t *testing.T) {
	d := New(Options{})
	models := func(helper string) string {
		return `
import random
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
` + helper + `
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    api_key = db.Column(db.String(40))
    def regenerate_api_key(self):
        self.api_key = generate_token(40)
`
	}
	const view = `
from flask import Flask, request, redirect
from app.models import User, db
app = Flask(__name__)
@app.route("/api_key", methods=["POST"])
def api_key():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return redirect("/api_key")
    user.regenerate_api_key()
    db.session.commit()
    return redirect("/")
`
	tests := []struct {
		name, helper string
		want         string // the rule's outcome; "" when it has none
	}{
		{
			name: "characters drawn by random.SystemRandom and joined",
			helper: `
def generate_token(length):
    """A token of length characters."""
    chars = "abcdefghijklmnopqrstuvwxyz0123456789"
    rand = random.SystemRandom()
    return "".join(rand.choice(chars) for x in range(length))
`,
			want: "ensures: user.api_key = random_key()",
		},
		{
			name: "a value the walk follows keeps what it is",
			helper: `
def generate_token(length):
    rand = random.SystemRandom()
    return email_of(rand)
def email_of(r):
    return "support@example.com"
`,
			want: `ensures: user.api_key = "support@example.com"`,
		},
		{
			name: "a function that also changes something outside is no mere draw",
			helper: `
issued = []
def generate_token(length):
    rand = random.SystemRandom()
    token = "".join(rand.choice("abc") for x in range(length))
    issued.append(token)
    return token
`,
		},
		{
			name: "one that joins its parameter to the draw makes no random key",
			helper: `
import secrets
def generate_token(length):
    return str(length).zfill(3) + "-" + secrets.token_hex(4)
`,
		},
		{
			name: "a parameter that only sizes the draws joined to a constant stays a draw",
			helper: `
import secrets
def generate_token(length):
    return "tok-" + secrets.token_hex(length)
`,
			want: "ensures: user.api_key = random_key()",
		},
		{
			name: "one that draws nothing returns no random value",
			helper: `
def generate_token(length):
    chars = "abc"
    return "".join(chars[x % 3] for x in range(length))
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models(tt.helper), "app/views.py": view})
			got := construct(out.Module, "ApiKey")
			if tt.want == "" {
				if strings.Contains(got, "random_key") {
					t.Errorf("got a random value:\n%s", got)
				}
				return
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant it to hold: %s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestRandomMakerReturningObject pins a model method that draws a token
// and returns it with other values in an object (apihub's
// generateTemporaryToken: {unHashedToken, hashedToken, tokenExpiry}): it
// is no random value as a whole, and each part the caller takes is what
// the method built it from; an expiry counted from the clock by a
// constant of the service in its unit (milliseconds) is a Duration
// parameter.
func TestRandomMakerReturningObject(t *testing.T) {
	d := New(Options{})
	model := func(expiry string) string {
		return `
import crypto from "crypto";
import mongoose, { Schema } from "mongoose";
export const TEMPORARY_TOKEN_EXPIRY = 20 * 60 * 1000;
const userSchema = new Schema({
  email: { type: String, required: true },
  forgotPasswordToken: { type: String },
  forgotPasswordExpiry: { type: Date },
});
userSchema.methods.generateTemporaryToken = function () {
  const unHashedToken = crypto.randomBytes(20).toString("hex");
  const hashedToken = crypto.createHash("sha256").update(unHashedToken).digest("hex");
  const tokenExpiry = ` + expiry + `;
  return { unHashedToken, hashedToken, tokenExpiry };
};
export const User = mongoose.model("User", userSchema);
`
	}
	const routes = `
import express from "express";
import { User } from "./model.js";
const router = express.Router();
router.post("/forgot", async (req, res) => {
  const { email } = req.body;
  const user = await User.findOne({ email });
  if (!user) throw new Error("no such user");
  const { hashedToken, tokenExpiry } = user.generateTemporaryToken();
  user.forgotPasswordToken = hashedToken;
  user.forgotPasswordExpiry = tokenExpiry;
  await user.save();
  res.json({});
});
export default router;
`
	tests := []struct {
		name, expiry string
		want         []string
		config       string // the config parameter declared; "" for none
	}{
		{
			name:   "a literal lifetime",
			expiry: "Date.now() + 20 * 60 * 1000",
			want:   []string{"user.forgot_password_token = hash(random_key())", "user.forgot_password_expiry = now + 20.minutes"},
		},
		{
			name:   "a constant's lifetime in milliseconds",
			expiry: "Date.now() + TEMPORARY_TOKEN_EXPIRY",
			want:   []string{"user.forgot_password_token = hash(random_key())", "user.forgot_password_expiry = now + config.temporary_token_expiry"},
			config: "temporary_token_expiry: Duration = 20.minutes",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"model.js": model(tt.expiry), "routes.js": routes})
			got := construct(out.Module, "Forgot")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got:\n%s\nwant it to hold: %s\nnotes: %v", got, w, out.Notes)
				}
			}
			if spec := string(allium.Print(out.Module, allium.PrintOptions{})); tt.config != "" && !strings.Contains(spec, tt.config) {
				t.Errorf("spec:\n%s\nwant it to declare %s", spec, tt.config)
			}
		})
	}
}
