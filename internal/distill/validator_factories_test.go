package distill

import "testing"

// TestValidatorFactories: a route's middleware that calls a function of
// the service returning express-validator chains (userLoginValidator())
// states their checks as a list held in a constant would; a chain made
// optional() checks only an input that is given.
func TestValidatorFactories(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name      string
		validator string // src/validators.js's loginValidator
		want      []string
		notWant   []string
	}{
		{
			name:      "a required email",
			validator: `const loginValidator = () => { return [body("email").isEmail(), body("password").notEmpty()]; };`,
			want:      []string{"requires: is_valid_email(email)"},
			notWant:   []string{"not exists email"},
		},
		{
			name:      "an optional email",
			validator: `const loginValidator = () => { return [body("email").optional().isEmail().withMessage("Email is invalid")]; };`,
			want:      []string{"requires: not exists email or is_valid_email(email)"},
		},
		{
			name:      "a factory that does more than return the list is not read",
			validator: `const loginValidator = () => { const chains = [body("email").isEmail()]; return chains; };`,
			notWant:   []string{"is_valid_email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, lastLogin: Date });
module.exports = mongoose.model('User', userSchema);
`,
				"src/validators.js": "const { body } = require('express-validator');\n" + tt.validator + "\nmodule.exports = { loginValidator };\n",
				"src/handlers.js": `
const User = require('./models/user');
exports.login = async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) {
    throw new ApiError(404, 'User does not exist');
  }
  user.lastLogin = new Date();
  await user.save();
  res.json({ ok: true });
};
`,
				"src/routes.js": `
const { Router } = require('express');
const { loginValidator } = require('./validators');
const handlers = require('./handlers');
const router = Router();
router.route('/login').post(loginValidator(), handlers.login);
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), "Login", tt.want, tt.notWant)
		})
	}
}
