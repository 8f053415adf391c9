package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestFirstOfAlternativeLookups pins Mongo's findOne({$or: [{username},
// {email}]}) with a value of its own in each alternative (freeapi's
// register and login, user.controllers.js:42, :110): the row is the first
// alternative's, else the second's, User{username} ?? User{email}; a test
// that there is none is the two preconditions it is, and the helper that
// finds that row again by its own id (findById(user._id)) reads the same
// row, not an input. Alternatives the walk cannot read leave the lookup
// out, as before.
func TestFirstOfAlternativeLookups(t *testing.T) {
	const model = `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, username: String, refreshToken: String, loginCount: Number });
module.exports = mongoose.model('User', userSchema);
`
	for _, tt := range []struct {
		name, handler string
		want, notWant []string
	}{
		{"none may exist", `
exports.register = async (req, res) => {
  const { email, username } = req.body;
  const existed = await User.findOne({ $or: [{ username }, { email }] });
  if (existed) return res.status(409).end();
  await User.create({ email, username });
  res.status(201).end();
};`,
			[]string{"requires: not exists User{username}\n", "requires: not exists User{email}\n", "User.created(email: email, username: username)"},
			[]string{"not exists existed"}},
		{"the row found, read again by its id", `
const touch = async (userId) => {
  const user = await User.findById(userId);
  user.loginCount = 1;
  await user.save();
};
exports.register = async (req, res) => {
  const { email, username } = req.body;
  const user = await User.findOne({ $or: [{ username }, { email }] });
  if (!user) return res.status(404).end();
  await touch(user._id);
  res.status(200).end();
};`,
			[]string{"when: Register(username, email)\n", "let user = User{username} ?? User{email}", "requires: exists user", "user.login_count = 1"},
			nil},
		{"an alternative the walk cannot read", `
exports.register = async (req, res) => {
  const { email, username } = req.body;
  const user = await User.findOne({ $or: [{ username }, lookupOf(email)] });
  if (!user) return res.status(404).end();
  user.loginCount = 1;
  await user.save();
  res.status(200).end();
};`,
			nil, []string{"??"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js":          model,
				"src/controllers/accounts.js": "const User = require('../models/user');\n" + tt.handler,
				"src/routes.js": `
const express = require('express');
const accounts = require('./controllers/accounts');
const router = express.Router();
router.post('/register', accounts.register);
module.exports = router;
`,
			}
			d := New(Options{})
			defer d.Close()
			assertSpecText(t, string(allium.Print(distilText(t, d, files).Module, allium.PrintOptions{})), tt.want, tt.notWant)
		})
	}
}
