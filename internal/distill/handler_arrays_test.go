package distill

import "testing"

// handlerArrayModel is the Mongoose model the handler-array cases share.
const handlerArrayModel = `
const mongoose = require("mongoose");
const UserSchema = new mongoose.Schema({
  name: { type: String, required: true },
  email: { type: String, required: true },
  confirmOTP: { type: String, required: false },
  confirmed: { type: Boolean, required: true, default: 0 },
});
module.exports = mongoose.model("User", UserSchema);
`

// handlerArrayMailer sends through nodemailer with the subject its caller
// gives.
const handlerArrayMailer = `
const nodemailer = require("nodemailer");
let transporter = nodemailer.createTransport({});
exports.send = function (from, to, subject, html) {
  return transporter.sendMail({ from: from, to: to, subject: subject, html: html });
};
`

// handlerArrayUtility draws digits with Math.random in a loop.
const handlerArrayUtility = `
exports.randomNumber = function (length) {
  var text = "";
  var possible = "123456789";
  for (var i = 0; i < length; i++) {
    var sup = Math.floor(Math.random() * possible.length);
    text += possible.charAt(sup);
  }
  return Number(text);
};
`

// TestHandlerArrays pins a controller exported as an array of middleware
// ending in its handler (exports.register = [body(...)..., (req, res) =>
// {...}]): the route naming the array runs its elements in order, so the
// chains before the handler are its preconditions (an isAlphanumeric
// check among them, a custom check that looks a row up and rejects), the
// rule is named after the array, validationResult guards the handler's
// branch, and a promise chain ending the handler's blocks is read as the
// awaits it stands for. An array ending in no function, or a function
// that is not last, is no handler.
func TestHandlerArrays(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	routes := `
var express = require("express");
const UserController = require("../controllers/UserController");
var router = express.Router();
router.post("/sign-up", UserController.signUp);
router.post("/confirm", UserController.confirm);
router.post("/limits", UserController.limits);
module.exports = router;
`
	tests := []struct {
		name       string
		controller string
		construct  string
		want       []string
		notWant    []string
		absent     []string // constructs that must not print
	}{
		{
			name: "chains before the handler are preconditions; a custom lookup that rejects is not exists; the helper's subject names the mail; a Math.random maker is random",
			controller: `
const UserModel = require("../models/UserModel");
const { body, validationResult } = require("express-validator");
const { sanitizeBody } = require("express-validator");
const mailer = require("../helpers/mailer");
const utility = require("../helpers/utility");
exports.signUp = [
  body("name").isLength({ min: 1 }).trim().isAlphanumeric(),
  body("email").isLength({ min: 1 }).trim().isEmail().custom((value) => {
    return UserModel.findOne({ email: value }).then((user) => {
      if (user) {
        return Promise.reject("E-mail already in use");
      }
    });
  }),
  sanitizeBody("email").escape(),
  (req, res) => {
    try {
      const errors = validationResult(req);
      if (!errors.isEmpty()) {
        return res.status(400).json(errors.array());
      } else {
        let otp = utility.randomNumber(4);
        var user = new UserModel({ name: req.body.name, email: req.body.email, confirmOTP: otp });
        mailer.send("no-reply@x.com", req.body.email, "Confirm Account", "<p>" + otp + "</p>").then(function () {
          user.save(function (err) {
            if (err) { return res.status(500).json(err); }
            return res.json({ ok: 1 });
          });
        });
      }
    } catch (err) {
      return res.status(500).json(err);
    }
  }];
`,
			construct: "SignUp",
			want: []string{"when: SignUp(name, email)", "requires: is_alphanumeric(name)", "requires: is_valid_email(email)",
				"requires: not exists user", "User.created(name: name, email: email, confirm_otp: random_key())",
				"Email.created(to: email, template: confirm_account)"},
			notWant: []string{"length(name)", "length(email)", `confirm_otp: ""`},
		},
		{
			name: "a promise chain ending the else branch of the validation guard is the handler's path",
			controller: `
const UserModel = require("../models/UserModel");
const { body, validationResult } = require("express-validator");
exports.confirm = [
  body("email").isEmail(),
  (req, res) => {
    try {
      const errors = validationResult(req);
      if (!errors.isEmpty()) {
        return res.status(400).json(errors.array());
      } else {
        UserModel.findOne({ email: req.body.email }).then(user => {
          if (user) {
            if (!user.confirmed) {
              user.confirmed = 1;
              user.save(function (err) {
                return res.json({ ok: 1 });
              });
            } else {
              return res.status(401).json({});
            }
          } else {
            return res.status(401).json({});
          }
        });
      }
    } catch (err) {
      return res.status(500).json(err);
    }
  }];
`,
			construct: "Confirm",
			want:      []string{"when: Confirm(email)", "let user = User{email}", "requires: exists user", "requires: not user.confirmed", "user.confirmed = true"},
		},
		{
			name: "an array whose last element is no function is not a handler",
			controller: `
const UserModel = require("../models/UserModel");
exports.limits = [1, 2, 3];
exports.signUp = [
  async (req, res) => { await UserModel.create({ name: req.body.name, email: req.body.email }); },
  "not a handler",
];
exports.confirm = async (req, res) => {
  await UserModel.create({ name: req.body.name, email: req.body.email });
};
`,
			construct: "Confirm",
			want:      []string{"User.created(name: name, email: email)"},
			absent:    []string{"SignUp", "Limits"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"src/models/UserModel.js":           handlerArrayModel,
				"src/helpers/mailer.js":             handlerArrayMailer,
				"src/helpers/utility.js":            handlerArrayUtility,
				"src/routes/user.js":                routes,
				"src/controllers/UserController.js": tt.controller,
			})
			wantConstruct(t, out, tt.construct, tt.want, tt.notWant)
			for _, name := range tt.absent {
				if construct(out.Module, name) != "" {
					t.Errorf("%s is a rule though its array does not end in a function", name)
				}
			}
		})
	}
}

// TestFilterLocalsAndOneRowUpdates pins a Mongoose filter kept in a local
// (var query = {email: req.body.email}; User.findOne(query)) read as the
// object it holds, and a one-row update (findOneAndUpdate) given the
// filter of the row the rule found changing that row; updateMany with the
// same filter still changes every row it matches, and an object filled in
// entry by entry after it is built is no filter the spec states.
func TestFilterLocalsAndOneRowUpdates(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name    string
		handler string
		want    []string
		notWant []string
	}{
		{
			name: "a local filter and a one-row update of the row found",
			handler: `
  var query = { email: req.body.email };
  const user = await UserModel.findOne(query);
  if (!user) return res.status(404).end();
  await UserModel.findOneAndUpdate(query, { confirmed: 1, confirmOTP: null });
  return res.json({});`,
			want:    []string{"let user = User{email}", "requires: exists user", "user.confirmed = true", "user.confirm_otp = null"},
			notWant: []string{"for each"},
		},
		{
			name: "updateMany with the same filter changes every row it matches",
			handler: `
  var query = { email: req.body.email };
  const user = await UserModel.findOne(query);
  if (!user) return res.status(404).end();
  await UserModel.updateMany(query, { confirmed: 1 });
  return res.json({});`,
			want: []string{"let user = User{email}", "for each_user in Users where email = email:"},
		},
		{
			name: "an object filled in after it is built is no filter",
			handler: `
  var query = {};
  query.email = req.body.email;
  const user = await UserModel.findOne(query);
  if (!user) return res.status(404).end();
  user.confirmed = 1;
  await user.save();
  return res.json({});`,
			notWant: []string{"User{}", "User{email}"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, userRoute("/confirm", tt.handler))
			wantConstructOrNone(t, out, "Confirm", tt.want, tt.notWant)
		})
	}
}

// wantConstructOrNone is wantConstruct for a construct that may be absent
// when nothing is wanted of it.
func wantConstructOrNone(t *testing.T, out *Output, name string, want, notWant []string) {
	t.Helper()
	if len(want) == 0 && construct(out.Module, name) == "" {
		return
	}
	wantConstruct(t, out, name, want, notWant)
}

// TestSchemaTimestamps pins Mongoose's timestamps option: new Schema({...},
// {timestamps: true}) stores created_at (and updated_at, kept only when a
// rule uses it, as any bookkeeping stamp); the option off, or renaming the
// stamps, adds none.
func TestSchemaTimestamps(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, options string
		want, notWant []string
	}{
		{name: "on", options: "{ timestamps: true }", want: []string{"created_at: Timestamp\n"}},
		{name: "off", options: "{ timestamps: false }", notWant: []string{"created_at"}},
		{name: "renamed", options: `{ timestamps: { createdAt: "created" } }`, notWant: []string{"created_at"}},
		{name: "another option", options: "{ strict: true }", notWant: []string{"created_at"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/models/user.js": `
const mongoose = require("mongoose");
const UserSchema = new mongoose.Schema({
  email: { type: String, required: true },
}, ` + tt.options + `);
module.exports = mongoose.model("User", UserSchema);
`})
			wantConstruct(t, out, "User", append(tt.want, "email: String\n"), tt.notWant)
		})
	}
}

// TestEnvLifetimeWithoutDefault pins a token lifetime read from the
// environment with no default in the code (jwt.sign(payload, secret,
// {expiresIn: process.env.JWT_TIMEOUT_DURATION})): a Duration the
// deployment sets, declared without a default. A lifetime the request
// gives is no setting.
func TestEnvLifetimeWithoutDefault(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, expiresIn string
		want, notWant   []string
	}{
		{
			name: "no default", expiresIn: "process.env.JWT_TIMEOUT_DURATION",
			want:    []string{"expires_at: now + config.jwt_timeout_duration", "jwt_timeout_duration: Duration"},
			notWant: []string{"jwt_timeout_duration: Duration ="},
		},
		{
			name: "from the request", expiresIn: "req.body.ttl",
			want:    []string{"AccessToken.created(user: user)"},
			notWant: []string{"config.", "expires_at"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, userRoute("/login", `
  const user = await UserModel.findOne({ email: req.body.email });
  if (!user) return res.status(401).end();
  const jwtData = { expiresIn: `+tt.expiresIn+` };
  const token = jwt.sign({ _id: user._id }, process.env.JWT_SECRET, jwtData);
  return res.json({ token });`))
			wantConstruct(t, out, "Login", tt.want, tt.notWant)
		})
	}
}

// userRoute is a service of the shared User model and one route at path
// whose handler has body, with jsonwebtoken and the model in scope.
func userRoute(path, body string) map[string]string {
	return map[string]string{
		"src/models/UserModel.js": handlerArrayModel,
		"src/routes/user.js": `
const express = require("express");
const jwt = require("jsonwebtoken");
const UserModel = require("../models/UserModel");
const router = express.Router();
router.post("` + path + `", async (req, res) => {` + body + `
});
module.exports = router;
`,
	}
}
