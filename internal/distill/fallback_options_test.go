package distill

import "testing"

// TestSignFallbackOptions: an encoder whose options argument falls back
// to an object literal (jwt.sign(input.body, secret, input.options ||
// {expiresIn: ...}), nestjs-microservice-boilerplate's TokenService.sign,
// libs/token/service.ts:28-33) signs with the fallback's lifetime when
// the caller's object, built in code, gives no options; when it gives
// them, or may (a spread of an object from elsewhere), the fallback is
// not the lifetime.
func TestSignFallbackOptions(t *testing.T) {
	const model = `
import mongoose from 'mongoose';
const User = new mongoose.Schema({ email: String, password: String });
export default mongoose.model('User', User);
`
	routes := func(signed string) string {
		return `
import { Router } from 'express';
import jwt from 'jsonwebtoken';
import User from '../models/user';
const router = Router();
function sign(input) {
  return jwt.sign(input.body, 'secret', input.options || { expiresIn: '1h' });
}
router.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) { return res.status(404).json({}); }
  const token = sign(` + signed + `);
  res.json({ token });
});
export default router;
`
	}
	tests := []struct {
		name, signed string
		want         []string
		notWant      []string
	}{
		{
			name:   "no options given: the fallback's lifetime",
			signed: "{ body: { id: user.id } }",
			want:   []string{"expires_at: now + config.", "= 1.hour"},
		},
		{
			name:    "options given: not the fallback's",
			signed:  "{ body: { id: user.id }, options: { expiresIn: '2h' } }",
			notWant: []string{"1.hour"},
		},
		{
			name:    "an object from elsewhere spread in: it may carry options",
			signed:  "{ ...req.body, body: { id: user.id } }",
			notWant: []string{"1.hour"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{"src/models/user.ts": model, "src/routes/auth.ts": routes(tt.signed)})
			wantConstructOrNone(t, out, "Login", tt.want, tt.notWant)
		})
	}
}
