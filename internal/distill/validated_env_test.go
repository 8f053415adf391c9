package distill

import "testing"

// TestValidatedEnvSettings: settings an envalid spec object defaults
// (cleanEnv(process.env, spec), exported as the module) are config when
// the code reads them through the module; an entry without a default is
// no config, and a value of the spec object that is no validator call is
// not read.
func TestValidatedEnvSettings(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	handler := func(cond string) string {
		return `
const express = require('express');
const mongoose = require('mongoose');
const env = require('./env');
const User = mongoose.model('User', new mongoose.Schema({ email: String, active: Boolean }));
const router = express.Router();
router.post('/activate', async (req, res) => {
  if (` + cond + `) {
    throw new Error('not allowed');
  }
  const user = await User.findOne({ email: req.body.email });
  user.active = true;
  await user.save();
  res.end();
});
module.exports = router;
`
	}
	envFile := func(spec string) string {
		return `
const { cleanEnv, num, str, bool } = require('envalid');
const spec = {
  PORT: num({ default: 3000 }),
  ` + spec + `
  JWT_SECRET: str({ devDefault: 'securekey' }),
};
const env = cleanEnv(process.env, spec);
module.exports = env;
`
	}
	tests := []struct {
		name          string
		env, cond     string
		want, notWant []string
	}{
		{
			name: "a flag defaulted false, negated in the guard",
			env:  "ACTIVATION_ENABLED: bool({ default: false }),",
			cond: "!env.ACTIVATION_ENABLED",
			want: []string{"requires: config.activation_enabled", "activation_enabled: Boolean = false"},
		},
		{
			name: "a number defaulted, compared",
			env:  "MAX_USERS: num({ default: 100 }),",
			cond: "env.MAX_USERS < 1",
			want: []string{"requires: config.max_users >= 1", "max_users: Integer = 100"},
		},
		{
			name:    "no default: a setting of unknown value is left out",
			env:     "ACTIVATION_ENABLED: bool({ devDefault: true }),",
			cond:    "!env.ACTIVATION_ENABLED",
			notWant: []string{"config.activation_enabled", "port"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/env.js": envFile(tt.env), "src/routes.js": handler(tt.cond)})
			wantConstruct(t, out, "Activate", tt.want, append(tt.notWant, "jwt_secret"))
		})
	}
}
