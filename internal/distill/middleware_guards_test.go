package distill

import "testing"

// middlewareModels and middlewareEnv are the modules the middleware cases
// share: a Mongoose user and envalid settings.
const middlewareModels = `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({
  email: { type: String, required: true },
  verified: { type: Boolean, default: false },
  banned: { type: Boolean, default: false },
  apikey: String,
});
module.exports = mongoose.model('User', userSchema);
`

const middlewareEnv = `
const { cleanEnv, bool } = require('envalid');
const spec = {
  DISALLOW_REGISTRATION: bool({ default: true }),
  MAIL_ENABLED: bool({ default: false }),
};
const env = cleanEnv(process.env, spec);
module.exports = env;
`

// middlewareHandler is the handler every case registers last.
const middlewareHandler = `
const crypto = require('crypto');
exports.generateApiKey = async (req, res) => {
  const user = await User.findById(req.user.id);
  user.apikey = crypto.randomBytes(20).toString('hex');
  await user.save();
  res.json({ ok: true });
};
`

// TestMiddlewareGuards: a route's middleware of the service is read as if
// called at the handler's start; its failures before next() are the
// rule's preconditions, and nothing else of it is.
func TestMiddlewareGuards(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name    string
		guards  string // the middleware module, src/guards.js
		route   string // the middleware listed before the handler
		want    []string
		notWant []string
	}{
		{
			name: "a factory called in the registration: its loop over the list it is given checks each element",
			guards: `
function featureAccess(features, redirect) {
  return function (req, res, next) {
    for (let i = 0; i < features.length; ++i) {
      if (!features[i]) {
        if (redirect) {
          return res.redirect('/');
        } else {
          throw new HttpError('Request is not allowed.', 400);
        }
      }
    }
    next();
  };
}
module.exports = { featureAccess };
`,
			route: "guards.featureAccess([!env.DISALLOW_REGISTRATION, env.MAIL_ENABLED])",
			want:  []string{"requires: not config.disallow_registration", "requires: config.mail_enabled", "disallow_registration: Boolean = true"},
		},
		{
			name: "a loop over the elements themselves reads the same",
			guards: `
const featureAccess = (features) => (req, res, next) => {
  for (const feature of features) {
    if (!feature) throw new HttpError('Request is not allowed.', 400);
  }
  next();
};
module.exports = { featureAccess };
`,
			route: "guards.featureAccess([env.MAIL_ENABLED])",
			want:  []string{"requires: config.mail_enabled"},
		},
		{
			name: "a factory's result kept in a constant: the arguments settle its checks; a branch only for pages is no check",
			guards: `
function authenticate(type, isStrict, redirect) {
  return function auth(req, res, next) {
    if (type === 'oidc' && req.query.error) {
      return next(new HttpError('OIDC failed', 401));
    }
    if (req.isHTML && redirect && req.user.banned) {
      return res.redirect('/logout');
    }
    if (req.user.banned) {
      throw new HttpError('banned', 403);
    }
    if (isStrict && !req.user.verified) {
      throw new HttpError('not verified', 400);
    }
    next();
  };
}
const strict = authenticate('jwt', true, 'page');
const loose = authenticate('jwt', false, null);
module.exports = { strict, loose };
`,
			route:   "asyncHandler(guards.strict)",
			want:    []string{"requires: not current_user.banned", "requires: current_user.verified"},
			notWant: []string{"oidc", "is_html", "error"},
		},
		{
			name: "the same factory made loose: the check it settles false is left out",
			guards: `
function authenticate(type, isStrict) {
  return function auth(req, res, next) {
    if (isStrict && !req.user.verified) {
      throw new HttpError('not verified', 400);
    }
    next();
  };
}
const loose = authenticate('jwt', false);
module.exports = { loose };
`,
			route:   "guards.loose",
			notWant: []string{"verified"},
		},
		{
			name: "a plain middleware that hands on early, then checks: the check holds, the early way is no precondition",
			guards: `
function notBanned(req, res, next) {
  if (req.query.skip) return next();
  if (req.user.banned) return res.status(403).json({ error: 'banned' });
  next();
}
module.exports = { notBanned };
`,
			route:   "guards.notBanned",
			want:    []string{"requires: not current_user.banned"},
			notWant: []string{"skip"},
		},
		{
			name: "a middleware that hands on only where a check holds and fails otherwise: the check",
			guards: `
function verifiedOnly(req, res, next) {
  if (req.user.verified) return next();
  throw new HttpError('not verified', 400);
}
module.exports = { verifiedOnly };
`,
			route: "guards.verifiedOnly",
			want:  []string{"requires: current_user.verified"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": middlewareModels,
				"src/env.js":         middlewareEnv,
				"src/guards.js":      "const HttpError = require('http-errors');\n" + tt.guards,
				"src/handlers.js":    "const User = require('./models/user');\n" + middlewareHandler,
				"src/routes.js": `
const { Router } = require('express');
const asyncHandler = require('express-async-handler');
const guards = require('./guards');
const handlers = require('./handlers');
const env = require('./env');
const router = Router();
router.post('/apikey', ` + tt.route + `, asyncHandler(handlers.generateApiKey));
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), "GenerateApiKey", tt.want, tt.notWant)
		})
	}
}
