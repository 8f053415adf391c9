package distill

import "testing"

// TestPresentedSecrets pins how a row found by a token the request
// presents reads when the token is handed to a helper first (hagopj13
// node-express-boilerplate: the logout controller passes
// req.body.refreshToken to authService.logout, auth.controller.js:19,
// which finds the token's row by it, auth.service.js:28): the row stands
// for the input, as it does when the handler looks it up itself, and the
// string it was found by is no second input beside it. A token a clause
// reads stays.
func TestPresentedSecrets(t *testing.T) {
	model := `
const mongoose = require('mongoose');
const tokenSchema = new mongoose.Schema({
  token: { type: String, required: true },
  blacklisted: { type: Boolean, default: false },
});
module.exports = mongoose.model('Token', tokenSchema);
`
	// The body's schema names refreshToken an input before the handler
	// runs (auth.route.js:11, auth.validation.js:19-23).
	routes := `
const express = require('express');
const Joi = require('joi');
const validate = require('./validate');
const auth = require('./auth');
const router = express.Router();
const logoutSchema = { body: Joi.object().keys({ refreshToken: Joi.string().required() }) };
router.post('/logout', validate(logoutSchema), auth.logout);
module.exports = router;
`
	validate := `
const Joi = require('joi');
const pick = require('./pick');
const validate = (schema) => (req, res, next) => {
  const validSchema = pick(schema, ['params', 'query', 'body']);
  const object = pick(req, Object.keys(validSchema));
  const { value, error } = Joi.compile(validSchema).validate(object);
  if (error) {
    return next(new Error(error.message));
  }
  Object.assign(req, value);
  return next();
};
module.exports = validate;
`
	service := `
const Token = require('./token');
const logout = async (refreshToken) => {
  const found = await Token.findOne({ token: refreshToken, blacklisted: false });
  if (!found) {
    throw new Error('not found');
  }
  await found.deleteOne();
};
module.exports = { logout };
`
	tests := []struct {
		name, handler, want string
	}{
		{"handed to a helper", `
const service = require('./service');
exports.logout = async (req, res) => {
  await service.logout(req.body.refreshToken);
  res.status(204).end();
};
`, `rule Logout {
    when: Logout(found)
    requires: not found.blacklisted
    requires: exists found
    ensures: not exists found
}`},
		{"looked up in the handler", `
const Token = require('./token');
exports.logout = async (req, res) => {
  const found = await Token.findOne({ token: req.body.refreshToken, blacklisted: false });
  if (!found) {
    return res.status(404).end();
  }
  await found.deleteOne();
  res.status(204).end();
};
`, `rule Logout {
    when: Logout(found)
    requires: not found.blacklisted
    requires: exists found
    ensures: not exists found
}`},
		{"read by a clause too", `
const service = require('./service');
exports.logout = async (req, res) => {
  const { refreshToken } = req.body;
  if (refreshToken.length !== 40) {
    return res.status(400).end();
  }
  await service.logout(refreshToken);
  res.status(204).end();
};
`, `rule Logout {
    when: Logout(refresh_token, found)
    requires: length(refresh_token) = 40
    requires: not found.blacklisted
    requires: exists found
    ensures: not exists found
}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"src/token.js":    model,
				"src/service.js":  service,
				"src/auth.js":     tt.handler,
				"src/routes.js":   routes,
				"src/validate.js": validate,
			})
			if got := construct(out.Module, "Logout"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
