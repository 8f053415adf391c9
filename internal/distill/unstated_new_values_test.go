package distill

import (
	"strings"
	"testing"
)

// TestUnstatedNewValues pins a note for a field of a new row set to a
// value the spec cannot state (after express-signup-verification's
// register, account.service.js:90-91: account.role = isFirstAccount ?
// Role.Admin : Role.User, here on a count by a filter the walk cannot
// read; the count of all accounts the code has is stated, TestCountMethods):
// the creation leaves the field out, and says so rather than drop it
// silently.
func TestUnstatedNewValues(t *testing.T) {
	files := map[string]string{
		"model.js": `
const mongoose = require('mongoose');
const schema = new mongoose.Schema({
    email: { type: String, required: true },
    role: { type: String },
    nickname: { type: String },
});
module.exports = mongoose.model('Account', schema);
`,
		"controller.js": `
const express = require('express');
const Account = require('./model');
const router = express.Router();
router.post('/register', register);
module.exports = router;

async function register(req, res, next) {
    const account = new Account({ email: req.body.email });
    const isFirstAccount = (await Account.countDocuments(req.query.filter)) === 0;
    account.role = isFirstAccount ? 'Admin' : 'User';
    account.nickname = req.body.nickname;
    await account.save();
    res.json({});
}
`,
	}
	tests := []struct {
		name     string
		wantNote string
		want     string
	}{
		{name: "an unstated value is noted", wantNote: "controller.js:11: the value assigned to a new Account.role left out of rule Register"},
		{name: "a stated value is still stated", want: "nickname: nickname"},
	}
	out := distilText(t, New(Options{}), files)
	got := construct(out.Module, "Register")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.wantNote != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tt.wantNote) {
				t.Errorf("no note %q in %v", tt.wantNote, out.Notes)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("no %q in:\n%s", tt.want, got)
			}
		})
	}
}
