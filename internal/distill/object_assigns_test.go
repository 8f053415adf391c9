package distill

import "testing"

// TestObjectAssigns pins Object.assign(row, src) (catalog assign_calls) as
// the updates of the row's fields src's keys name, in the shapes of
// express-signup-verification's update (account.service.js:187-199, the
// body a Joi schema kept in a local validated: an optional key sets its
// field only when given, a key the code set on the body under a test of
// an input only when that input is given) and node-express-boilerplate's
// updateUserById given an object literal (user.service.js:63).
func TestObjectAssigns(t *testing.T) {
	files := map[string]string{
		"model.js": `
const mongoose = require('mongoose');
const schema = new mongoose.Schema({
    title: { type: String, required: true },
    firstName: { type: String },
    passwordHash: { type: String },
    verified: { type: Boolean },
    updated: Date,
});
module.exports = mongoose.model('Account', schema);
`,
		"controller.js": `
const express = require('express');
const Joi = require('joi');
const bcrypt = require('bcryptjs');
const Account = require('./model');
const router = express.Router();
router.put('/:id', updateSchema, update);
router.post('/:id/verify', verify);
router.post('/:id/rename', rename);
module.exports = router;

function validateRequest(req, next, schema) {
    const { error, value } = schema.validate(req.body, { stripUnknown: true });
    if (error) {
        next('Validation error');
    } else {
        req.body = value;
        next();
    }
}

function updateSchema(req, res, next) {
    const schemaRules = {
        title: Joi.string().required(),
        firstName: Joi.string().empty(''),
        password: Joi.string().min(6).empty(''),
    };
    const schema = Joi.object(schemaRules);
    validateRequest(req, next, schema);
}

async function update(req, res, next) {
    const params = req.body;
    const account = await Account.findById(req.params.id);
    if (!account) throw 'Account not found';
    if (params.password) {
        params.passwordHash = bcrypt.hashSync(params.password, 10);
    }
    Object.assign(account, params);
    account.updated = Date.now();
    await account.save();
    res.json({});
}

async function verify(req, res, next) {
    const account = await Account.findById(req.params.id);
    if (!account) throw 'Account not found';
    await updateAccount(account, { verified: true });
    res.json({});
}

async function updateAccount(account, updateBody) {
    Object.assign(account, updateBody);
    await account.save();
}

async function rename(req, res, next) {
    const account = await Account.findById(req.params.id);
    if (!account) throw 'Account not found';
    Object.assign(account, req.body);
    await account.save();
    res.json({});
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name: "a required key of the validated body sets its field", construct: "Update",
			want:    []string{"account.title = title"},
			notWant: []string{"if exists title"},
		},
		{
			name: "an optional key sets its field when given", construct: "Update",
			want: []string{"if exists first_name:\n            account.first_name = first_name"},
		},
		{
			name: "a key the code set from an optional input holds when the input is given", construct: "Update",
			want:    []string{"if exists password:\n            account.password_hash = hash(password)"},
			notWant: []string{"account.password =", "ensures: account.password_hash"},
		},
		{
			name: "an object literal handed to a helper sets the row's fields", construct: "Verify",
			want: []string{"account.verified = true"},
		},
	})
	out := distilText(t, New(Options{}), files)
	if got := construct(out.Module, "Rename"); got != "" {
		t.Errorf("a body no schema validated sets no field the walk can name; want no rule, got:\n%s", got)
	}
}
