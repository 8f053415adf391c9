package distill

import (
	"strings"
	"testing"
)

// activeUserModel is a Mongoose user with an active flag, the model of
// the cases that activate a user.
const activeUserModel = `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, active: { type: Boolean, default: false } });
module.exports = mongoose.model('User', userSchema);
`

// TestWrappedDefinitions: a module constant bound to calls given only a
// function (const registerUser = asyncHandler(async (req, res) => ...))
// is that function, named after the constant, wherever a route names it;
// a call given the function and more is not a wrapper.
func TestWrappedDefinitions(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name     string
		handlers string // src/handlers.js: defines and exports activate
		want     []string
		noRule   bool
	}{
		{
			name: "a local wrapper, exported in one list",
			handlers: `
const asyncHandler = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
const activate = asyncHandler(async (req, res) => {
  const user = await User.findById(req.params.id);
  user.active = true;
  await user.save();
  res.json({ ok: true });
});
export { activate };
`,
			want: []string{"rule Activate", "user.active = true"},
		},
		{
			name: "two wrappers around it, exported through module.exports",
			handlers: `
const asyncHandler = require('express-async-handler');
const logged = (fn) => fn;
const activate = logged(asyncHandler(async function (req, res) {
  const user = await User.findById(req.params.id);
  user.active = true;
  await user.save();
  res.json({ ok: true });
}));
module.exports = { activate };
`,
			want: []string{"rule Activate", "user.active = true"},
		},
		{
			name: "a call given the function and an option is no wrapper",
			handlers: `
const throttle = require('lodash.throttle');
const activate = throttle(async (req, res) => {
  const user = await User.findById(req.params.id);
  user.active = true;
  await user.save();
}, 1000);
module.exports = { activate };
`,
			noRule: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": activeUserModel,
				"src/handlers.js":    "const User = require('./models/user');\n" + tt.handlers,
				"src/routes.js": `
const { Router } = require('express');
const handlers = require('./handlers');
const router = Router();
router.route('/users/:id/activate').post(handlers.activate);
module.exports = router;
`,
			}
			out := distilText(t, d, files)
			if tt.noRule {
				if got := construct(out.Module, "Activate"); got != "" {
					t.Fatalf("a rule from a function that is no wrapped definition:\n%s", got)
				}
				return
			}
			wantConstruct(t, out, "Activate", tt.want, nil)
			if got := construct(out.Module, "Activate"); !strings.Contains(got, "when: Activate(") {
				t.Errorf("Activate is not named after the constant:\n%s", got)
			}
		})
	}
}
