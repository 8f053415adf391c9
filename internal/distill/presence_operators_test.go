package distill

import "testing"

// TestPresenceOperators pins Mongo's {field: {$exists: true}} in a filter
// (catalog presence_operators) as the condition that the field is set
// (!= null) and {$exists: false} as that it is not (= null), as
// parse-server filters users by them (AccountLockout.js:31,
// UserController.js:246); a presence test of a value other than a
// literal Boolean, or of a field the spec does not keep, leaves the
// lookup out rather than match more rows than the code does.
func TestPresenceOperators(t *testing.T) {
	d := New(Options{})
	model := `
import mongoose, { Schema } from "mongoose";
const userSchema = new Schema({
  name: { type: String, required: true },
  email: { type: String, unique: true },
  nickname: { type: String },
});
export const User = mongoose.model("User", userSchema);
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{
			name: "$exists: true is != null",
			body: `  await User.updateMany({ nickname: { $exists: true } }, { name });`,
			want: []string{"for user in Users where nickname != null:", "user.name = name"},
		},
		{
			name: "$exists: false is = null",
			body: `  const user = await User.findOne({ email, nickname: { $exists: false } });
  if (!user) throw new Error("unknown");
  user.name = name;
  await user.save();`,
			want:    []string{"let user = User{email, nickname: null}"},
			notWant: []string{"nickname != null"},
		},
		{
			name: "a presence test of a value not a literal is not read",
			body: `  const user = await User.findOne({ email, nickname: { $exists: flag } });
  if (!user) throw new Error("unknown");
  user.name = name;
  await user.save();`,
			notWant: []string{"nickname", "let user = User{email}"},
		},
		{
			name: "a presence test of a field the model does not declare is not read",
			body: `  const user = await User.findOne({ email, avatar: { $exists: true } });
  if (!user) throw new Error("unknown");
  user.name = name;
  await user.save();`,
			notWant: []string{"avatar", "let user = User{email}"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"model.js": model, "routes.js": renameRoute(tt.body)})
			wantConstructOrNone(t, out, "Rename", tt.want, tt.notWant)
		})
	}
}

// TestAlternativesCollection pins the rows of a bulk change whose filter
// lists alternatives (Mongo's $or, as parse-server's
// setPasswordResetToken, UserController.js:246): the collection is
// filtered by the query's own conditions and any alternative's, each an
// and of its own; an alternative the walk cannot read leaves the change
// out.
func TestAlternativesCollection(t *testing.T) {
	d := New(Options{})
	model := `
import mongoose, { Schema } from "mongoose";
const userSchema = new Schema({
  name: { type: String, required: true },
  email: { type: String },
  nickname: { type: String },
  active: { type: Boolean },
});
export const User = mongoose.model("User", userSchema);
`
	tests := []struct {
		name, body    string
		want, notWant []string
	}{
		{
			name: "any alternative, each an and of its conditions",
			body: `  await User.updateMany({ $or: [{ email }, { nickname: email, email: { $exists: false } }] }, { name });`,
			want: []string{"for user in Users where email = email or nickname = email and email = null:", "user.name = name"},
		},
		{
			name: "the query's own conditions with the alternatives",
			body: `  await User.updateMany({ active: true, $or: [{ email }, { nickname: email }] }, { name });`,
			want: []string{"for user in Users where active and (email = email or nickname = email):"},
		},
		{
			name:    "an alternative the walk cannot read leaves the change out",
			body:    `  await User.updateMany({ $or: [{ email }, { avatar: email }] }, { name });`,
			notWant: []string{"for user in"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"model.js": model, "routes.js": renameRoute(tt.body)})
			wantConstructOrNone(t, out, "Rename", tt.want, tt.notWant)
		})
	}
}

// renameRoute is an Express route renaming users, with body the code of
// its handler between the read of the request and the answer.
func renameRoute(body string) string {
	return `
import express from "express";
import { User } from "./model.js";
const router = express.Router();
router.post("/rename", async (req, res) => {
  const { name, email, flag } = req.body;
` + body + `
  res.json({});
});
export default router;
`
}
