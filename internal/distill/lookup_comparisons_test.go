package distill

import (
	"slices"
	"testing"
)

// TestLookupComparisons: a lookup whose filter compares a field of the row
// (expiry: {$gt: Date.now()}) besides its keys is the row the keys find,
// which must pass the comparison; a key that is a secret stored hashed
// keeps the lookup (User{token: hash(t)}), not a parameter standing for
// the row.
func TestLookupComparisons(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name    string
		lookup  string // the handler's lookup of user
		want    []string
		notWant []string
	}{
		{
			name:   "a hashed token and an expiry after now",
			lookup: `const user = await User.findOne({ resetToken: crypto.createHash('sha256').update(req.params.token).digest('hex'), resetExpiry: { $gt: Date.now() } });`,
			want: []string{
				"let user = User{reset_token: hash(token)}",
				"requires: user.reset_expiry > now",
				"requires: exists user",
				"user.password = hash(password)",
			},
			notWant: []string{"when: ResetPassword(token, user"},
		},
		{
			name:   "a plain key and an expiry not before now",
			lookup: `const user = await User.findOne({ email: req.body.email, resetExpiry: { $gte: Date.now() } });`,
			want: []string{
				"let user = User{email}",
				"requires: user.reset_expiry >= now",
			},
		},
		{
			name:    "keys alone: no comparison",
			lookup:  `const user = await User.findOne({ email: req.body.email });`,
			want:    []string{"let user = User{email}"},
			notWant: []string{"reset_expiry >"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({
  email: { type: String, required: true },
  password: { type: String, required: true },
  resetToken: String,
  resetExpiry: Date,
});
module.exports = mongoose.model('User', userSchema);
`,
				"src/handlers.js": `
const crypto = require('crypto');
const bcrypt = require('bcryptjs');
const User = require('./models/user');
exports.resetPassword = async (req, res) => {
  ` + tt.lookup + `
  if (!user) {
    throw new ApiError(400, 'invalid');
  }
  user.password = await bcrypt.hash(req.body.password, 10);
  await user.save();
  res.json({ ok: true });
};
`,
				"src/routes.js": `
const { Router } = require('express');
const handlers = require('./handlers');
const router = Router();
router.post('/reset-password/:token', handlers.resetPassword);
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), "ResetPassword", tt.want, tt.notWant)
		})
	}
}

// TestCreatedRowByID: a lookup by the id of the row the rule created
// (User.findById(user._id) after User.create) is that row, which exists:
// the code's check that it was found is no precondition and no parameter.
func TestCreatedRowByID(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name    string
		lookup  string
		want    []string
		notWant []string
	}{
		{
			name:    "the created row read again",
			lookup:  `const createdUser = await User.findById(user._id).select('-password');`,
			want:    []string{"User.created(email: email"},
			notWant: []string{"created_user"},
		},
		{
			name:   "another row by an id the request gives",
			lookup: `const createdUser = await User.findById(req.body.inviterId);`,
			want:   []string{"requires: exists created_user"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: { type: String, required: true } });
module.exports = mongoose.model('User', userSchema);
`,
				"src/handlers.js": `
const User = require('./models/user');
exports.register = async (req, res) => {
  const user = await User.create({ email: req.body.email });
  ` + tt.lookup + `
  if (!createdUser) {
    throw new ApiError(500, 'Something went wrong');
  }
  res.status(201).json({ user: createdUser });
};
`,
				"src/routes.js": `
const { Router } = require('express');
const handlers = require('./handlers');
const router = Router();
router.post('/register', handlers.register);
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), "Register", tt.want, tt.notWant)
		})
	}
}

// TestIDUpdate: findByIdAndUpdate(id, changes[, options]) changes the row
// whose id it is given (catalog id_update_methods), options or not.
func TestIDUpdate(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	for _, call := range []string{
		`User.findByIdAndUpdate(req.user._id, { $set: { refreshToken: '' } }, { new: true })`,
		`User.findByIdAndUpdate(req.user._id, { refreshToken: '' })`,
	} {
		t.Run(call, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, refreshToken: String });
module.exports = mongoose.model('User', userSchema);
`,
				"src/handlers.js": `
const User = require('./models/user');
exports.logout = async (req, res) => {
  await ` + call + `;
  res.json({ ok: true });
};
`,
				"src/routes.js": `
const { Router } = require('express');
const handlers = require('./handlers');
const router = Router();
router.post('/users/:id/logout', handlers.logout);
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), "Logout", []string{`user.refresh_token = ""`}, nil)
		})
	}
}

// TestUnrequiredComparison: a row the code goes on without (if (user)
// {...}) makes its lookup's comparison no precondition; it is noted as
// left out.
func TestUnrequiredComparison(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"src/models/user.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, verified: Boolean, verifyExpiry: Date });
module.exports = mongoose.model('User', userSchema);
`,
		"src/handlers.js": `
const User = require('./models/user');
exports.verify = async (req, res) => {
  const user = await User.findOne({ email: req.body.email, verifyExpiry: { $gt: Date.now() } });
  if (user) {
    user.verified = true;
    await user.save();
  }
  res.json({ ok: true });
};
`,
		"src/routes.js": `
const { Router } = require('express');
const handlers = require('./handlers');
const router = Router();
router.post('/verify', handlers.verify);
module.exports = router;
`,
	}
	out := distilText(t, d, files)
	wantConstruct(t, out, "Verify", []string{"user.verified = true"}, []string{"verify_expiry >"})
	if note := "src/handlers.js:4: a comparison in the lookup of user left out of rule Verify"; !slices.Contains(out.Notes, note) {
		t.Errorf("notes lack %q: %v", note, out.Notes)
	}
}
