package distill

import "testing"

// TestExpressCallbacks pins callback-passing Express + Mongoose code (the
// catalog's continuations): a lookup whose callback receives the row, a
// save whose callback goes on, the error branch of each callback left
// out, async.waterfall's steps run in order with their results handed on
// by name, and a callback that is not where the code goes on (not last in
// its list, or without an error parameter) left as it is.
func TestExpressCallbacks(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"src/models/User.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({
  email: { type: String, required: true },
  resetExpires: Date,
  locked: Boolean,
});
module.exports = mongoose.model('User', userSchema);
`,
		"src/app.js": `
const express = require('express');
const user = require('./controllers/user');
const app = express();
app.post('/lock', user.postLock);
app.post('/forgot', user.postForgot);
app.post('/unlock', user.postUnlock);
app.get('/logout', user.logout);
app.post('/ping', user.postPing);
module.exports = app;
`,
		"src/controllers/user.js": `
const async = require('async');
const User = require('../models/User');

exports.postLock = (req, res, next) => {
  User.findOne({ email: req.body.email }, (err, user) => {
    if (err) { return next(err); }
    if (!user) { return res.redirect('/lock'); }
    user.locked = true;
    user.save((err) => {
      if (err) { return next(err); }
      res.redirect('/');
    });
  });
};

exports.postForgot = (req, res, next) => {
  async.waterfall([
    function findUser(done) {
      User.findOne({ email: req.body.email }, (err, user) => {
        if (!user) { return res.redirect('/forgot'); }
        done(err, user);
      });
    },
    function stamp(user, done) {
      user.resetExpires = Date.now();
      user.save((err) => { done(err); });
    },
  ], (err) => {
    if (err) { return next(err); }
    res.redirect('/');
  });
};

exports.logout = (req, res) => {
  req.logout();
  res.redirect('/');
};

exports.postPing = (req, res) => {
  const chat = require('./chat');
  chat.bot.logout();
  res.redirect('/');
};

exports.postUnlock = (req, res, next) => {
  User.findOne({ email: req.body.email }, (err, user) => {
    user.locked = false;
    user.save();
  });
  res.redirect('/');
};
`,
	}
	tests := []idiomCase{
		{
			name:      "the lookup's callback receives the row; the save's callback goes on; err branches left out",
			construct: "PostLock",
			want:      []string{"when: PostLock(email)", "let user = User{email}", "requires: exists user", "user.locked = true"},
			notWant:   []string{"err"},
		},
		{
			name:      "req.logout(): a method of the request the catalog names as called ends the session",
			construct: "Logout",
			want:      []string{"when: Logout(session)", "not exists session"},
		},
		{
			name:      "async.waterfall: the steps in order, the row handed on by name, the calls handing it on left out",
			construct: "PostForgot",
			want:      []string{"when: PostForgot(email)", "requires: exists user", "user.reset_expires = now"},
			notWant:   []string{"done"},
		},
	}
	out := distilText(t, d, files)
	checkConstructs(t, out, tests)
	// Another object's logout is its own business.
	if got := construct(out.Module, "PostPing"); got != "" {
		t.Errorf("chat.bot.logout() was read as signing out:\n%s", got)
	}
	// A callback followed by more code is not where the code goes on (the
	// code after it runs first): postUnlock states nothing.
	if got := construct(out.Module, "PostUnlock"); got != "" {
		t.Errorf("a callback that does not end its list was read as the code going on:\n%s", got)
	}
}

// TestExpressValidatorChains pins express-validator chains (catalog
// validation_chains) as preconditions on the input each names, a mail
// whose options object was built before the send, and a number of
// milliseconds added to Date.now() as a duration.
func TestExpressValidatorChains(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"src/models/User.js": `
const mongoose = require('mongoose');
const bcrypt = require('bcrypt');
const userSchema = new mongoose.Schema({ email: String, password: String, passwordResetToken: String, resetExpires: Date });
userSchema.pre('save', function save(next) {
  const user = this;
  if (!user.isModified('password')) { return next(); }
  bcrypt.genSalt(10, (err, salt) => {
    if (err) { return next(err); }
    bcrypt.hash(user.password, salt, (err, hash) => {
      if (err) { return next(err); }
      user.password = hash;
      next();
    });
  });
});
module.exports = mongoose.model('User', userSchema);
`,
		"src/app.js": `
const express = require('express');
const user = require('./user');
const app = express();
app.post('/signup', user.postSignup);
app.post('/forgot', user.postForgot);
app.post('/reset/:token', user.postReset);
`,
		"src/user.js": `
const nodemailer = require('nodemailer');
const { check, body, validationResult } = require('express-validator');
const User = require('./models/User');

exports.postSignup = async (req, res) => {
  await check('email', 'Email is not valid').isEmail().run(req);
  await check('password', 'Too short').isLength({ min: 8, max: 64 }).run(req);
  await check('confirmPassword', 'No match').equals(req.body.password).run(req);
  await check('name', 'Blank').isLength({ min: 1 }).run(req);
  await body('email').normalizeEmail({ gmail_remove_dots: false }).run(req);
  const errors = validationResult(req);
  if (!errors.isEmpty()) {
    return res.redirect('/signup');
  }
  await User.create({ email: req.body.email, password: req.body.password });
  res.redirect('/');
};

exports.postReset = async (req, res) => {
  const user = await User.findOne({ passwordResetToken: req.params.token })
    .where('resetExpires').gt(Date.now())
    .exec();
  if (!user) { return res.redirect('back'); }
  user.password = req.body.password;
  await user.save();
  res.redirect('/');
};

exports.postForgot = async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) { return res.redirect('/forgot'); }
  user.resetExpires = Date.now() + 3600000;
  await user.save();
  const mailOptions = { to: user.email, subject: 'Reset your password' };
  const transporter = nodemailer.createTransport({});
  await transporter.sendMail(mailOptions);
  res.redirect('/');
};
`,
	}
	tests := []idiomCase{
		{
			name:      "each check of a chain is a precondition; a sanitiser says nothing; min 1 stays a literal; the save hook hashes the password",
			construct: "PostSignup",
			want: []string{"requires: is_valid_email(email)", "requires: length(password) >= config.min_password_length",
				"requires: length(password) <= config.max_password_length", "requires: confirm_password = password",
				"requires: length(name) >= 1", "User.created(email: email, password: hash(password))"},
			notWant: []string{"normalize", "gmail"},
		},
		{
			name:      "the mail's options object built before the send; Date.now() plus milliseconds",
			construct: "PostForgot",
			want:      []string{"user.reset_expires = now + 1.hour", "Email.created(to: user.email, template: reset_your_password)"},
		},
		{
			name:      "where(path).gt(value) on a lookup (catalog path_comparisons): the row found also has path > value",
			construct: "PostReset",
			want:      []string{"requires: user.reset_expires > now", "requires: exists user", "user.password = hash(password)"},
		},
	}
	out := distilText(t, d, files)
	checkConstructs(t, out, tests)
}

// checkConstructs runs each case as a subtest against out.
func checkConstructs(t *testing.T, out *Output, cases []idiomCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, out, tt.construct, tt.want, tt.notWant)
		})
	}
}
