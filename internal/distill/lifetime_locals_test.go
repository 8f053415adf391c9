package distill

import "testing"

// TestLifetimeLocals pins a JWT lifetime given through a local of number
// literals (express-typescript-starter's createToken: const expiresIn =
// 60 * 60; sign(data, key, { expiresIn }), auth.service.ts:14-16): the
// product is a number of seconds, a duration in config as a literal is.
func TestLifetimeLocals(t *testing.T) {
	d := New(Options{})
	const model = `
import mongoose, { Schema } from "mongoose";
const schema = new Schema({ email: { type: String, required: true } });
export const User = mongoose.model("User", schema);
`
	tests := []struct {
		name, local string
		want        []string
		notWant     []string
	}{
		{name: "a literal", local: "3600", want: []string{"access_token_expiry: Duration = 1.hour", "expires_at: now + config.access_token_expiry"}},
		{name: "a product", local: "60 * 60", want: []string{"access_token_expiry: Duration = 1.hour", "expires_at: now + config.access_token_expiry"}},
		{name: "a sum of products", local: "2 * 60 * 60 + 30 * 60", want: []string{"access_token_expiry: Duration = 150.minutes"}},
		{name: "a product with a name is not a number", local: "60 * minutes", notWant: []string{"Duration = "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := `
import express from "express";
import { sign } from "jsonwebtoken";
import { User } from "./model.js";
const minutes = Number(process.argv[2]);
const router = express.Router();
const createToken = (user) => {
  const expiresIn: number = ` + tt.local + `;
  return { expiresIn, token: sign({ id: user.id }, "key", { expiresIn }) };
};
router.post("/login", async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) throw new Error("unknown");
  const tokenData = createToken(user);
  res.json(tokenData);
});
export default router;
`
			out := distilText(t, d, map[string]string{"model.js": model, "routes.ts": routes})
			wantConstruct(t, out, "Login", tt.want, tt.notWant)
		})
	}
}
