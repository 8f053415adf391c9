package distill

import "testing"

// TestTSTrimmedInputs pins x.trim() (and trimStart/trimEnd) as the black
// boxes trim(x), trim_start(x), trim_end(x) (catalog normaliser_calls,
// typescript section), as Python's strip() is: the value stored or matched
// is the trimmed one, and a chain keeps every step it takes.
func TestTSTrimmedInputs(t *testing.T) {
	files := map[string]string{
		"model.js": `
import mongoose, { Schema } from "mongoose";
const userSchema = new Schema({
  name: { type: String, required: true },
  email: { type: String },
});
export const User = mongoose.model("User", userSchema);
`,
		"routes.js": `
import express from "express";
import { User } from "./model.js";
const router = express.Router();
router.post("/signup", async (req, res) => {
  const name = req.body.name.trim();
  const email = req.body.email.trim().toLowerCase();
  await User.create({ name, email });
  res.json({});
});
router.post("/rename", async (req, res) => {
  const user = await User.findOne({ email: req.body.email.trimEnd() });
  if (!user) throw new Error("no user");
  user.name = req.body.name.trimStart();
  await user.save();
  res.json({});
});
export default router;
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name: "a trimmed input is stored trimmed, a chain keeps the trim", construct: "Signup",
			want:    []string{"name: trim(name)", "email: lowercase(trim(email))"},
			notWant: []string{"name: name", "email: lowercase(email)"},
		},
		{
			name: "trimStart and trimEnd cut one end", construct: "Rename",
			want:    []string{"User{email: trim_end(email)}", "user.name = trim_start(name)"},
			notWant: []string{"user.name = name"},
		},
	})
}
