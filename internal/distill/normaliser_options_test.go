package distill

import "testing"

// TestNormaliserOptions: a normaliser given an options object after the
// value (validator's normalizeEmail(email, {gmail_remove_dots: false}),
// sahat hackathon-starter's controllers/user.js:257) still lowercases the
// whole address when every option only chooses how a provider's aliases
// fold (catalog normaliser_calls options); an option that changes the
// lowercasing (all_lowercase), or options not written out, leave the
// value unknown, and what reads it is left out.
func TestNormaliserOptions(t *testing.T) {
	const model = `
import mongoose from 'mongoose';
const User = new mongoose.Schema({ email: String, name: String });
export default mongoose.model('User', User);
`
	routes := func(call string) string {
		return `
import { Router } from 'express';
import validator from 'validator';
import User from '../models/user';
const router = Router();
router.post('/signup', async (req, res) => {
  req.body.email = ` + call + `;
  const existing = await User.findOne({ email: { $eq: req.body.email } });
  if (existing) { return res.redirect('/login'); }
  const user = new User({ email: req.body.email, name: req.body.name });
  await user.save();
  res.json({});
});
export default router;
`
	}
	tests := []struct {
		name, call string
		want       []string
		notWant    []string
	}{
		{
			name: "no options",
			call: "validator.normalizeEmail(req.body.email)",
			want: []string{"let existing = User{email: lowercase(email)}", "requires: not exists existing", "email: lowercase(email), name: name"},
		},
		{
			name: "options that only fold a provider's aliases",
			call: "validator.normalizeEmail(req.body.email, { gmail_remove_dots: false })",
			want: []string{"let existing = User{email: lowercase(email)}", "requires: not exists existing", "email: lowercase(email), name: name"},
		},
		{
			name:    "an option that changes the lowercasing",
			call:    "validator.normalizeEmail(req.body.email, { all_lowercase: false })",
			want:    []string{"name: name"},
			notWant: []string{"lowercase(email)", "User{email"},
		},
		{
			name:    "options not written out",
			call:    "validator.normalizeEmail(req.body.email, { ...emailOptions })",
			want:    []string{"name: name"},
			notWant: []string{"lowercase(email)", "User{email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{"src/models/user.ts": model, "src/routes/auth.ts": routes(tt.call)})
			wantConstruct(t, out, "Signup", tt.want, tt.notWant)
		})
	}
}
