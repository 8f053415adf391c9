package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// expressModels is a Mongoose model module shared by the Express idioms.
const expressModels = `
const mongoose = require('mongoose');
const { Schema } = mongoose;
const STATES = ['invited', 'active', 'locked'];
const userSchema = new Schema({
  email: { type: String, required: true },
  state: { type: String, enum: STATES, default: 'invited' },
  lockedUntil: Date,
  failedLogins: { type: Number, default: 0 },
  token: String,
});
const sessionSchema = new Schema({
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  expiresAt: { type: Date, required: true },
});
userSchema.methods.isLocked = function () {
  return this.state === 'locked' && this.lockedUntil > Date.now();
};
const Session = mongoose.model('Session', sessionSchema);
module.exports = mongoose.model('User', userSchema);
module.exports.Session = Session;
`

// TestExpressIdioms pins the Express + Mongoose shapes, one per case: each
// handler is registered the way the case says and the named construct
// must print with every wanted fragment and none of the unwanted ones.
func TestExpressIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name:      "schema fields: required, enum from a constant, default, optional, plumbing dropped; a schema method is a derived value",
			files:     map[string]string{"src/models/user.js": expressModels},
			construct: "User",
			want: []string{"email: String\n", "state: invited | active | locked\n", "locked_until: Timestamp?", "failed_logins: Integer\n",
				"is_locked: state = locked and locked_until > now"},
			notWant: []string{"token"},
		},
		{
			name: "a nested object of a schema is a path of the document: its fields flattened under its name; a field's options and a list of sub-documents are not",
			files: map[string]string{"src/models/user.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({
  email: String,
  failedLogin: { times: Number, lastFailedAttempt: Date },
  resetCount: { perMinute: { type: Number, default: 0 } },
  showTour: { type: Number, default: 0 },
  tags: [{ name: String }],
});
module.exports = mongoose.model('User', userSchema);
`},
			construct: "User",
			want:      []string{"failed_login_times: Integer?", "failed_login_last_failed_attempt: Timestamp?", "reset_count_per_minute: Integer\n", "show_tour: Integer\n"},
			notWant:   []string{"show_tour_", "tags_name", "failed_login:"},
		},
		{
			name: "named handler in a controller, destructured body, guard with res.status, create with defaults",
			files: map[string]string{
				"src/models/user.js": expressModels,
				"src/controllers/accounts.js": `
const User = require('../models/user');
exports.invite = async (req, res) => {
  const { email } = req.body;
  if (await User.findOne({ email })) {
    return res.status(409).json({ error: 'taken' });
  }
  await User.create({ email });
  res.status(201).end();
};
`,
				"src/routes.js": `
const express = require('express');
const accounts = require('./controllers/accounts');
const router = express.Router();
router.post('/invite', accounts.invite);
module.exports = router;
`,
			},
			construct: "Invite",
			want:      []string{"when: Invite(email)", "requires: not exists User{email}", "User.created(email: email, state: invited)"},
		},
		{
			name: "function written in place, auth middleware, current user, chained route",
			files: map[string]string{
				"src/models/user.js": expressModels,
				"src/routes.js": `
const express = require('express');
const requireAuth = require('./requireAuth');
const router = express.Router();
router.route('/me/lock').post(requireAuth, async (req, res) => {
  req.user.state = 'locked';
  req.user.lockedUntil = new Date(Date.now() + 15 * 60 * 1000);
  await req.user.save();
  res.status(204).end();
});
module.exports = router;
`,
			},
			construct: "MeLock",
			want:      []string{"when: MeLock(user)", "user.state = locked", "user.locked_until = now + 15.minutes"},
		},
		{
			name: "bulk delete filtered by its object, reverse relationship, exported config with env default",
			files: map[string]string{
				"src/models/user.js": expressModels,
				"src/config.js": `
module.exports = { sessionTtlHours: Number(process.env.SESSION_TTL_HOURS || 12) };
`,
				"src/routes.js": `
const express = require('express');
const User = require('./models/user');
const { Session } = require('./models/user');
const config = require('./config');
const router = express.Router();
router.post('/logout-all', async (req, res) => {
  const user = await User.findById(req.body.userId);
  await Session.deleteMany({ user: user._id });
  await User.updateMany({ state: 'invited' }, { $set: { state: 'locked' } });
  await Session.create({ user: user._id, expiresAt: new Date(Date.now() + config.sessionTtlHours * 3600 * 1000) });
  res.end();
});
module.exports = router;
`,
			},
			construct: "LogoutAll",
			want: []string{"for session in user.sessions:", "Session.created(user: user, expires_at: now + config.session_ttl)",
				"for each_user in Users where state = invited:", "each_user.state = locked"},
			notWant: []string{"for session in Sessions:"},
		},
		// knex (knex_idioms_test.go).
		{
			name:      "a table's columns: types, notNullable, defaults, enum values, a self reference, timestamps; the key and an unknown table's reference dropped",
			files:     map[string]string{"src/migrations.js": knexTables},
			construct: "User",
			want: []string{"email: String\n", "apikey: String?\n", "verified: Boolean\n", "status: active | locked\n",
				"reset_expires: Timestamp?\n", "invited_by: User?\n", "created_at: Timestamp\n"},
			notWant: []string{"team", " id:"},
		},
		{
			name:      "a reference to another declared table, required",
			files:     map[string]string{"src/migrations.js": knexTables},
			construct: "Session",
			want:      []string{"user: User\n", "expires_at: Timestamp\n"},
		},
		{
			name:      "knex(table).where({...}).first() is a lookup, where(col, v).update({...}) an update of the row found",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Verify",
			want:      []string{"let user = User{email}", "requires: exists user", "ensures: user.verified = true"},
		},
		{
			name:      "insert({...}) creates the row, with the columns' defaults (not the database's timestamps)",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Signup",
			want:      []string{"User.created(email: email, apikey: \"x\", status: active, verified: false)"},
			notWant:   []string{"created_at"},
		},
		{
			name:      "del() on the row found (through knex.table(\"users\")) deletes it",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Remove",
			want:      []string{"requires: exists user", "ensures: not exists user"},
		},
		{
			name:      "where(col, v) and andWhere(col, v) filter the lookup",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Expire",
			want:      []string{"let user = User{email, apikey: key}", "ensures: user.apikey = null"},
		},
		{
			name:      "insert(row, returning): the row is the first argument; an input the handler replaced is read as set",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Create",
			want:      []string{"User.created(email: email, apikey: hash(apikey)"},
		},
		{
			name: "a hash given a salt made first (bcrypt.genSalt) is the hash of the secret alone",
			files: map[string]string{"src/migrations.js": knexTables, "src/routes.js": `
const knex = require("./knex");
const bcrypt = require("bcryptjs");
const express = require("express");
const router = express.Router();
async function saltedCreate(req, res) {
  const salt = await bcrypt.genSalt(12);
  const apikey = await bcrypt.hash(req.body.apikey, salt);
  await knex("users").insert({ email: req.body.email, apikey }, "*");
  res.send();
}
router.post("/create", saltedCreate);
module.exports = router;
`},
			construct: "SaltedCreate",
			want:      []string{"User.created(email: email, apikey: hash(apikey)"},
		},
		{
			name: "a helper reads the entries of the object literal it is handed (params.email)",
			files: map[string]string{"src/migrations.js": knexTables, "src/routes.js": `
const knex = require("./knex");
const bcrypt = require("bcryptjs");
const express = require("express");
const router = express.Router();
async function add(params) {
  const data = { email: params.email, apikey: params.apikey };
  await knex("users").insert(data);
}
async function register(req, res) {
  const apikey = await bcrypt.hash(req.body.apikey, 10);
  await add({ email: req.body.email, apikey });
  res.send();
}
router.post("/register", register);
module.exports = router;
`},
			construct: "Register",
			want:      []string{"User.created(email: email, apikey: hash(apikey)"},
		},
		{
			name:      "a helper filters its query in place, once per entry of the object literal it is handed (Object.entries(match).forEach)",
			files:     map[string]string{"src/migrations.js": knexTables, "src/queries.js": knexFindHelper, "src/routes.js": knexFindRoutes},
			construct: "Verify",
			want:      []string{"let user = User{email, apikey: key}", "requires: exists user", "ensures: user.verified = true"},
		},
		{
			name:      "an update's changes spread from the object literal a caller hands in ({...changes, status}), read where the caller wrote them",
			files:     map[string]string{"src/migrations.js": knexTables, "src/queries.js": knexFindHelper, "src/routes.js": knexFindRoutes},
			construct: "Confirm",
			want:      []string{"let user = User{email}", "requires: exists user", "user.verified = true", "user.status = active"},
		},
		{
			name:      "the row of the signed-in user's own id is that user, not an input id standing for another",
			files:     map[string]string{"src/migrations.js": knexTables, "src/queries.js": knexFindHelper, "src/routes.js": knexFindRoutes},
			construct: "Rekey",
			want:      []string{"Rekey(current_user)", "current_user.apikey = \"k\""},
			notWant:   []string{"User{", "Rekey(user)"},
		},
	}
	tests = append(tests, struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		name: "thrown error and a bare return after res.status are guards; a module constant read from the environment",
		files: map[string]string{
			"src/models/user.js": expressModels,
			"src/routes.js": `
const express = require('express');
const bcrypt = require('bcrypt');
const requireAuth = require('./requireAuth');
const ApiError = require('./ApiError');
const MIN_LENGTH = Number(process.env.MIN_PASSWORD_LENGTH || 12);
const router = express.Router();
async function changePassword(req, res) {
  const { password } = req.body;
  if (password.length < MIN_LENGTH) {
    throw new ApiError(400, 'too short');
  }
  if (req.user.state === 'locked') {
    res.status(423).json({ error: 'locked' });
    return;
  }
  req.user.token = await bcrypt.hash(password, 10);
  req.user.lockedUntil = null;
  await req.user.save();
  res.end();
}
router.post('/password', requireAuth, changePassword);
module.exports = router;
`,
		},
		construct: "ChangePassword",
		want: []string{"when: ChangePassword(password, user)", "requires: length(password) >= config.min_length",
			"requires: user.state != locked", "user.locked_until = null"},
	})
	tests = append(tests, struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		name: "app.post, new Model(...) then save(), next(createError(...)) as a guard",
		files: map[string]string{
			"src/models/user.js": expressModels,
			"src/app.js": `
const express = require('express');
const createError = require('http-errors');
const User = require('./models/user');
const app = express();
app.post('/signup', async (req, res, next) => {
  if (await User.findOne({ email: req.body.email })) {
    return next(createError(409, 'taken'));
  }
  const user = new User({ email: req.body.email, state: 'active' });
  await user.save();
  res.status(201).json(user);
});
module.exports = app;
`,
		},
		construct: "Signup",
		notWant:   []string{"for "},
		want:      []string{"when: Signup(email)", "requires: not exists User{email}", "User.created(email: email, state: active)"},
	}, struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		name: "jwt.sign with a literal duration string",
		files: map[string]string{
			"src/models/user.js": expressModels,
			"src/auth.js": `
const router = require('express').Router();
const jwt = require('jsonwebtoken');
const User = require('./models/user');
router.post('/token', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) return res.sendStatus(401);
  const token = jwt.sign({ sub: user._id }, process.env.SECRET, { expiresIn: '15m' });
  res.json({ token });
});
module.exports = router;
`,
		},
		construct: "Token",
		want:      []string{"AccessToken.created(user: user, expires_at: now + config.access_token_expiry)", "access_token_expiry: Duration = 15.minutes"},
	}, struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		// Found by h-ts15: the token was stated only when the handler
		// kept it in a local first.
		name: "a token a helper of the service issues, given straight to res.json",
		files: map[string]string{
			"src/models/user.js": expressModels,
			"src/auth.js": `
const router = require('express').Router();
const jwt = require('jsonwebtoken');
const User = require('./models/user');
function createToken(user) {
  return jwt.sign({ sub: user._id }, process.env.SECRET, { expiresIn: '15m' });
}
function publicFields(user) {
  return { email: user.email };
}
router.post('/token', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) return res.sendStatus(401);
  res.json(createToken(user));
});
router.post('/whoami', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) return res.sendStatus(401);
  res.json(publicFields(user));
});
module.exports = router;
`,
		},
		construct: "Token",
		want:      []string{"AccessToken.created(user: user, expires_at: now + config.access_token_expiry)"},
	}, struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		name: "ES-exported config object, `x || ''` read as x, a destructured default",
		files: map[string]string{
			"src/models/user.js": expressModels,
			"src/config.ts": `
export const config = { maxFailedLogins: 5, lockMinutes: Number(process.env.LOCK_MINUTES || 15) };
`,
			"src/routes.ts": `
import { Router } from 'express';
import bcrypt from 'bcrypt';
import { config } from './config';
import User from './models/user';
export const router = Router();
router.post('/login', async (req, res) => {
  const { password = '' } = req.body;
  const user = await User.findOne({ email: req.body.email || '' });
  if (!user) return res.status(401).end();
  if (!(await bcrypt.compare(password || '', user.token))) {
    user.failedLogins += 1;
    if (user.failedLogins >= config.maxFailedLogins) {
      user.lockedUntil = new Date(Date.now() + config.lockMinutes * 60 * 1000);
    }
    await user.save();
    return res.status(401).end();
  }
  return res.json({ ok: true });
});
`,
		},
		construct: "LoginRejected",
		want: []string{"when: LoginRejected(email, password)", "let user = User{email}", "requires: not verify(password, user.token)",
			"if user.failed_logins + 1 >= config.max_failed_logins:", "user.locked_until = now + config.lock",
			"max_failed_logins: Integer = 5", "lock: Duration = 15.minutes"},
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, distilText(t, d, tt.files), tt.construct, tt.want, tt.notWant)
		})
	}
}

// wantConstruct checks that the named construct of out, followed by the
// config block, prints with every wanted fragment and none of the
// unwanted ones.
func wantConstruct(t *testing.T, out *Output, name string, want, notWant []string) {
	t.Helper()
	got := construct(out.Module, name)
	if got == "" {
		t.Fatalf("no %s in\n%s\nnotes: %v", name, allium.Print(out.Module, allium.PrintOptions{}), out.Notes)
	}
	for _, c := range out.Module.Config {
		got += "\n" + allium.PrintConstruct(c)
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", name, w, got)
		}
	}
	for _, w := range notWant {
		if strings.Contains(got, w) {
			t.Errorf("%s has %q:\n%s", name, w, got)
		}
	}
}

// TestTestFilesReadForNothing: a model declared in a test, a mock or a
// migration of either language is no entity (the catalog's test_files).
func TestTestFilesReadForNothing(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	model := "const mongoose = require('mongoose');\nmodule.exports = mongoose.model('Ghost', new mongoose.Schema({ name: String }));\n"
	tests := []struct {
		path   string
		entity bool
	}{
		{"src/models/ghost.js", true},
		{"src/models/ghost.test.js", false},
		{"src/models/ghost.spec.ts", false},
		{"src/__tests__/ghost.js", false},
		{"src/__mocks__/ghost.js", false},
		{"test/ghost.js", false},
		{"src/latest/ghost.js", true},
		{"app/static/js/ghost.js", false},
		{"public/ghost.min.js", false},
	}
	for _, tt := range tests {
		out := distilText(t, d, map[string]string{tt.path: model})
		if got := construct(out.Module, "Ghost") != ""; got != tt.entity {
			t.Errorf("%s: entity Ghost %v, want %v", tt.path, got, tt.entity)
		}
	}
}
