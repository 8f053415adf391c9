package distill

import (
	"strings"
	"testing"
)

// TestDeclaredUniqueFields pins a field its Mongoose schema declares
// unique (bulletproof's email: {unique: true}): a creation that gives it a
// value requires no row holds that value, once, and only where the row is
// created whatever the request.
func TestDeclaredUniqueFields(t *testing.T) {
	d := New(Options{})
	model := func(emailOpts string) string {
		return `
import mongoose, { Schema } from "mongoose";
const userSchema = new Schema({
  name: { type: String, required: true },
  email: { type: String, ` + emailOpts + ` },
});
export const User = mongoose.model("User", userSchema);
`
	}
	routes := func(body string) string {
		return `
import express from "express";
import { User } from "./model.js";
const router = express.Router();
router.post("/signup", async (req, res) => {
  const { name, email } = req.body;
` + body + `
  res.json({});
});
export default router;
`
	}
	const absent = "requires: not exists User{email}"
	tests := []struct {
		name, emailOpts, body string
		want                  int // how many times the rule states absent
	}{
		{name: "a unique field", emailOpts: "unique: true", body: `  await User.create({ name, email });`, want: 1},
		{name: "a field not declared unique", emailOpts: "index: true", body: `  await User.create({ name, email });`},
		{
			name:      "the code refuses a taken address first",
			emailOpts: "unique: true",
			body: `  const existing = await User.findOne({ email });
  if (existing) throw new Error("taken");
  await User.create({ name, email });`,
		},
		{
			name:      "a row created only on one branch",
			emailOpts: "unique: true",
			body: `  if (name === "admin") {
    await User.create({ name, email });
  }`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"model.js": model(tt.emailOpts), "routes.js": routes(tt.body)})
			got := construct(out.Module, "Signup")
			if n := strings.Count(got, absent); n != tt.want {
				t.Errorf("got %d of %q, want %d:\n%s", n, absent, tt.want, got)
			}
			if !strings.Contains(got, "User.created(") {
				t.Errorf("no creation stated:\n%s", got)
			}
		})
	}
}

// TestLowercasedFields pins a field its Mongoose schema stores lower-cased
// (bulletproof's email: {lowercase: true, unique: true}): a creation holds
// lowercase(email), the unique index compares the lower-cased value, and
// the code's own check of the address as given (Mongoose lower-cases a
// query's filter by the same setter) is that check, not a second one.
func TestLowercasedFields(t *testing.T) {
	d := New(Options{})
	model := `
import mongoose, { Schema } from "mongoose";
const userSchema = new Schema({
  name: { type: String, required: true },
  email: { type: String, lowercase: true, unique: true },
});
export const User = mongoose.model("User", userSchema);
`
	routes := func(body string) string {
		return `
import express from "express";
import { User } from "./model.js";
const router = express.Router();
router.post("/signup", async (req, res) => {
  const { name, email } = req.body;
` + body + `
  res.json({});
});
export default router;
`
	}
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{
			name:    "the stored and the compared value are lower-cased",
			body:    `  await User.create({ name, email });`,
			want:    []string{"requires: not exists User{email: lowercase(email)}", "User.created(name: name, email: lowercase(email))"},
			notWant: []string{"email: email"},
		},
		{
			name: "the code's own check stands for the index's",
			body: `  const existing = await User.findOne({ email });
  if (existing) throw new Error("taken");
  await User.create({ name, email });`,
			want:    []string{"let existing = User{email: lowercase(email)}", "User.created(name: name, email: lowercase(email))"},
			notWant: []string{"requires: not exists User{"},
		},
		{
			// Mongoose runs the field's setter on the filter too
			// (bulletproof's SignIn, services/auth.ts:77).
			name: "a lookup by the field compares the lower-cased value",
			body: `  const user = await User.findOne({ email });
  if (!user) throw new Error("unknown");
  user.name = name;
  await user.save();`,
			want:    []string{"let user = User{email: lowercase(email)}", "requires: exists user"},
			notWant: []string{"User{email}"},
		},
		{
			name: "only the lower-cased field of alternatives",
			body: `  const user = await User.findOne({ $or: [{ name }, { email }] });
  if (!user) throw new Error("unknown");
  user.name = name;
  await user.save();`,
			want:    []string{"let user = User{name} ?? User{email: lowercase(email)}"},
			notWant: []string{"User{email}", "lowercase(name)"},
		},
		{
			name: "a text literal is compared in lower case",
			body: `  const admin = await User.findOne({ email: "Admin@Example.com" });
  if (!admin) throw new Error("no admin");
  admin.name = name;
  await admin.save();`,
			want:    []string{`User{email: "admin@example.com"}`},
			notWant: []string{"Admin@Example.com", `lowercase("`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"model.js": model, "routes.js": routes(tt.body)})
			wantConstruct(t, out, "Signup", tt.want, tt.notWant)
		})
	}
}
