package distill

import (
	"testing"

	"github.com/distill/distill/internal/facts"
)

// TestModelsThroughAnObjectOfModules: a helper module exporting an object
// whose members are required modules (`module.exports = {User:
// require("models/user.model")}`, `export * as Token from`) stands for
// those modules member by member, and a bare specifier with a directory
// that names a file of the service (rootpath, NODE_PATH) is that file.
// The document's nested paths are read through such models too: an
// object assigned to a path, a path unset, a lookup keyed by dotted paths.
func TestModelsThroughAnObjectOfModules(t *testing.T) {
	files := map[string]string{
		"models/user.model.js": `
const mongoose = require('mongoose');
const schema = new mongoose.Schema({
    email: { type: String, unique: true, required: true },
    verificationToken: String,
    verified: Date,
    passwordHash: String,
    resetToken: { token: String, expires: Date }
});
module.exports = mongoose.model('User', schema);
`,
		"models/token.model.js": `
const mongoose = require('mongoose');
const schema = new mongoose.Schema({ token: String, revoked: Date, revokedByIp: String });
schema.virtual('isActive').get(function () {
    return !this.revoked;
});
module.exports = mongoose.model('Token', schema);
`,
		// Reached from the root (rootpath): require('helpers/db').
		"helpers/db.js": `
const mongoose = require('mongoose');
module.exports = {
    User: require('models/user.model'),
    isValidId
};
function isValidId(id) { return mongoose.Types.ObjectId.isValid(id); }
`,
		// Reached relatively, the member exported one at a time.
		"helpers/tokens.js": `
exports.Token = require('../models/token.model');
`,
		"users/users.service.js": `
const db = require('helpers/db');
const tokens = require('../helpers/tokens');
const crypto = require('crypto');
const bcrypt = require('bcryptjs');
module.exports = { verifyEmail, revoke, delete: _delete, forgotPassword, resetPassword };
async function forgotPassword({ email }) {
    const user = await db.User.findOne({ email });
    if (!user) return;
    user.resetToken = { token: crypto.randomBytes(40).toString('hex'), expires: new Date(Date.now() + 60*60*1000) };
    await user.save();
}
async function resetPassword({ token, password }) {
    const user = await db.User.findOne({ 'resetToken.token': token, 'resetToken.expires': { $gt: Date.now() } });
    if (!user) throw 'Invalid token';
    user.passwordHash = bcrypt.hashSync(password, 10);
    user.resetToken = undefined;
    await user.save();
}
async function _delete(id) {
    const user = await db.User.findById(id);
    if (!user) throw 'User not found';
    await user.remove();
}
async function verifyEmail({ token }) {
    const user = await db.User.findOne({ verificationToken: token });
    if (!user) throw 'Verification failed';
    user.verified = Date.now();
    user.verificationToken = undefined;
    await user.save();
}
async function revoke({ token, ipAddress }) {
    const found = await tokens.Token.findOne({ token });
    if (!found || !found.isActive) throw 'Invalid token';
    found.revoked = Date.now();
    found.revokedByIp = ipAddress;
    await found.save();
}
`,
		"helpers/validate-request.js": validateRequestModule,
		"users/users.controller.js": `
const express = require('express');
const router = express.Router();
const userService = require('./users.service');
const Joi = require('joi');
const validateRequest = require('helpers/validate-request');
router.post('/verify-email', verifyEmail);
router.post('/revoke', revoke);
router.delete('/:id', _delete);
router.post('/forgot-password', forgotPasswordSchema, forgotPassword);
function forgotPasswordSchema(req, res, next) {
    const schema = Joi.object({ email: Joi.string().email().required() });
    validateRequest(req, next, schema);
}


router.post('/reset-password', resetPassword);

function forgotPassword(req, res, next) {
    userService.forgotPassword(req.body).then(() => res.json({})).catch(next);
}
function resetPassword(req, res, next) {
    userService.resetPassword(req.body).then(() => res.json({})).catch(next);
}
module.exports = router;
function _delete(req, res, next) {
    userService.delete(req.params.id).then(() => res.json({})).catch(next);
}
function verifyEmail(req, res, next) {
    userService.verifyEmail(req.body).then(() => res.json({})).catch(next);
}
function revoke(req, res, next) {
    // From the body or the cookie: one token, presented either way.
    const token = req.body.token || req.cookies.refreshToken;
    userService.revoke({ token, ipAddress: req.ip }).then(() => res.json({})).catch(next);
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "an object assigned to a nested path sets each field declared under it; a schema middleware hands its Joi schema to a validator of the body",
			construct: "ForgotPassword",
			want:      []string{"requires: is_valid_email(email)", "user.reset_token_token = random_key()", "user.reset_token_expires = now + 1.hour"},
		},
		{
			name:      "a lookup by dotted nested paths, one compared with now; the path unset clears its fields",
			construct: "ResetPassword",
			want: []string{"let user = User{reset_token_token: token}", "requires: user.reset_token_expires > now", "requires: exists user",
				"user.reset_token_token = null", "user.reset_token_expires = null"},
		},
		{
			name:      "userService.delete: the object's delete entry is the module's _delete",
			construct: "Delete",
			want:      []string{"requires: exists user", "not exists user"},
		},
		{
			name:      "db.User through a root specifier and an object of requires",
			construct: "VerifyEmail",
			want:      []string{"let user = User{verification_token: token}", "requires: exists user", "user.verified = now", "user.verification_token = null"},
		},
		{
			name:      "tokens.Token through exports.Token = require(relative); the token given in the body or a cookie (a || b) is one input; req.ip is the input ip_address; a virtual is a derived value",
			construct: "Revoke",
			want:      []string{"requires: exists found", "requires: found.is_active", "found.revoked = now", "found.revoked_by_ip = ip_address"},
		},
	})
}

// TestRootSpecifiers pins which bare specifiers are read as paths of the
// service: only one with a directory that names a module it has, or an
// "@" before a directory or module it has (tsconfig's paths).
func TestRootSpecifiers(t *testing.T) {
	known := serviceModulePaths([]*facts.File{
		{Module: "src.helpers.db"},
		{Module: "src.accounts.account.model"},
		{Module: "config"},
	})
	tests := []struct {
		spec, want string
	}{
		{"helpers/db", "helpers.db"},                         // a tail of src.helpers.db
		{"accounts/account.model", "accounts.account.model"}, // the file's own dot kept
		{"src/helpers/db", "src.helpers.db"},                 // the full path
		{"config", "config"},                                 // one word: as likely a package
		{"lodash/fp", "lodash/fp"},                           // no such file
		{"@scope/helpers/db", "@scope/helpers/db"},           // a scoped package
		{"@helpers/db", "helpers.db"},                        // tsconfig paths: "@helpers/*": ["helpers/*"]
		{"@config", "config"},                                // "@config": ["config"]; never a package
		{"@prisma/client", "@prisma/client"},                 // a scoped package, no such file
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			name := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "db"})
			name.SetResolved(tt.spec + ".User")
			f := &facts.File{
				Module:     "src.users.service",
				Imports:    []facts.Import{{Module: tt.spec, Bound: "db", Target: tt.spec}},
				Statements: []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr})},
			}
			f.Statements[0].Value = &name
			rootSpecifiers(f, known)
			if got := f.Imports[0].Target; got != tt.want {
				t.Errorf("import target = %q, want %q", got, tt.want)
			}
			if got, want := f.Statements[0].Value.Resolved(), tt.want+".User"; got != want {
				t.Errorf("resolved = %q, want %q", got, want)
			}
		})
	}
}

// TestExportsNamesTable: a module exporting only strings that spell their
// names is a table of names (roles), no settings; one with any other
// value is not.
func TestExportsNamesTable(t *testing.T) {
	str := func(v string) *facts.Expr {
		e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: v})
		return &e
	}
	tests := []struct {
		name    string
		exports []facts.Export
		want    bool
	}{
		{"roles", []facts.Export{{Name: "Admin", Value: str("Admin")}, {Name: "User", Value: str("User")}}, true},
		{"snake values", []facts.Export{{Name: "viewOnly", Value: str("view-only")}}, true},
		{"a setting among them", []facts.Export{{Name: "Admin", Value: str("Admin")}, {Name: "jwtExpiresIn", Value: str("15m")}}, false},
		{"a function", []facts.Export{{Name: "Admin", Value: str("Admin")}, {Name: "login", Local: "login"}}, false},
		{"nothing exported", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exportsNamesTable(&facts.File{Exports: tt.exports}); got != tt.want {
				t.Errorf("exportsNamesTable = %v, want %v", got, tt.want)
			}
		})
	}
}
