package distill

import "testing"

// TestCreatedRowClaims pins the claims a token signs from a row the rule
// has just created (bulletproof's generateToken(userRecord) after
// userModel.create, services/auth.ts:44-52, :118-123): a field the
// creation gave reads as the value given, one it left to the model (role,
// default 'user') as the new row's field, not left out.
func TestCreatedRowClaims(t *testing.T) {
	d := New(Options{})
	const model = `
import mongoose, { Schema } from "mongoose";
const schema = new Schema({
  name: { type: String, required: true },
  email: { type: String, required: true },
  role: { type: String, default: "member" },
});
export const User = mongoose.model("User", schema);
`
	tests := []struct {
		name, claims  string
		want, notWant []string
	}{
		{
			name:   "a field the creation left to the model",
			claims: `{ id: user._id, role: user.role }`,
			want:   []string{"role: user.role"},
		},
		{
			name:   "a field the creation gave",
			claims: `{ id: user._id, name: user.name }`,
			want:   []string{"name: name"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := `
import express from "express";
import jwt from "jsonwebtoken";
import { User } from "./model.js";
const router = express.Router();
router.post("/signup", async (req, res) => {
  const { name, email } = req.body;
  const user = await User.create({ name, email });
  const token = jwt.sign(` + tt.claims + `, "key", { expiresIn: "1h" });
  res.json({ token });
});
export default router;
`
			out := distilText(t, d, map[string]string{"model.js": model, "routes.js": routes})
			wantConstruct(t, out, "Signup", tt.want, tt.notWant)
		})
	}
}
