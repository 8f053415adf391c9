package distill

import (
	"fmt"
	"testing"
)

// TestEnumClashNames pins the let of a row whose variable is an enum
// literal of the service (apihub's const user = await User.findOne(...)
// where a role is user, user.controllers.js:322 and user.models.js:43-48):
// the variable with the entity's word after it, and when the variable is
// that word, the entity's full name or found_<word>, never the word twice.
func TestEnumClashNames(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, model, variable string
		want, notWant         []string
	}{
		{
			name: "the entity's own word", model: "User", variable: "user",
			want:    []string{"let found_user = User{email}", "requires: exists found_user", "found_user.name = name"},
			notWant: []string{"user_user"},
		},
		{
			name: "another literal", model: "User", variable: "admin",
			want: []string{"let admin_user = User{email}", "requires: exists admin_user"},
		},
		{
			name: "an entity of more words", model: "AuthUser", variable: "user",
			want:    []string{"let auth_user = AuthUser{email}", "requires: exists auth_user"},
			notWant: []string{"user_user", "found_user"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model := fmt.Sprintf(`
import mongoose, { Schema } from "mongoose";
const schema = new Schema({
  name: { type: String, required: true },
  email: { type: String, required: true },
  role: { type: String, enum: ["admin", "user"], default: "user" },
});
export const %[1]s = mongoose.model("%[1]s", schema);
`, tt.model)
			routes := fmt.Sprintf(`
import express from "express";
import { %[1]s } from "./model.js";
const router = express.Router();
router.post("/rename", async (req, res) => {
  const { name, email } = req.body;
  const %[2]s = await %[1]s.findOne({ email });
  if (!%[2]s) throw new Error("unknown");
  %[2]s.name = name;
  await %[2]s.save();
  res.json({});
});
export default router;
`, tt.model, tt.variable)
			out := distilText(t, d, map[string]string{"model.js": model, "routes.js": routes})
			wantConstruct(t, out, "Rename", tt.want, tt.notWant)
		})
	}
}
