package distill

import "testing"

// TestRecipientTypes pins the type of a message's recipient: the entity
// of the row every sender hands over where an address is expected
// (bulletproof's SendWelcomeEmail(userRecord), services/auth.ts:56), String
// when a sender gives an address, or when one gives a row and another an
// address.
func TestRecipientTypes(t *testing.T) {
	d := New(Options{})
	const model = `
import mongoose, { Schema } from "mongoose";
const userSchema = new Schema({
  name: { type: String, required: true },
  email: { type: String, required: true },
});
export const User = mongoose.model("User", userSchema);
`
	const mailer = `
import nodemailer from "nodemailer";
const transporter = nodemailer.createTransport({});
export async function sendWelcome(email) {
  return transporter.sendMail({ to: [email], subject: "Welcome", text: "hi" });
}
`
	routes := func(signup, other string) string {
		return `
import express from "express";
import { User } from "./model.js";
import { sendWelcome } from "./mailer.js";
const router = express.Router();
router.post("/signup", async (req, res) => {
  const { name, email } = req.body;
  const user = await User.create({ name, email });
` + signup + `
  res.json({});
});
router.post("/welcome-again", async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) throw new Error("unknown");
` + other + `
  res.json({});
});
export default router;
`
	}
	tests := []struct {
		name, signup, other string
		want, notWant       []string
	}{
		{
			name:    "every sender hands over the row",
			signup:  `  await sendWelcome(user);`,
			other:   `  await sendWelcome(user);`,
			want:    []string{"to: User"},
			notWant: []string{"to: String"},
		},
		{
			name:    "senders give the address",
			signup:  `  await sendWelcome(user.email);`,
			other:   `  await sendWelcome(req.body.email);`,
			want:    []string{"to: String"},
			notWant: []string{"to: User"},
		},
		{
			name:    "a row and an address",
			signup:  `  await sendWelcome(user);`,
			other:   `  await sendWelcome(user.email);`,
			want:    []string{"to: String"},
			notWant: []string{"to: User"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"model.js": model, "mailer.js": mailer, "routes.js": routes(tt.signup, tt.other)})
			wantConstruct(t, out, "Email", tt.want, tt.notWant)
		})
	}
}
