package distill

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// middlewareModels and middlewareEnv are the modules the middleware cases
// share: a Mongoose user and envalid settings.
const middlewareModels = `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({
  email: { type: String, required: true },
  verified: { type: Boolean, default: false },
  banned: { type: Boolean, default: false },
  apikey: String,
  password: String,
  lastLogin: Date,
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
			name: "a plain middleware that hands on early on the request's user, none signed in before: the checks after it hold",
			guards: `
function notBanned(req, res, next) {
  if (req.user) return next();
  if (!env.MAIL_ENABLED) return res.status(403).json({ error: 'closed' });
  next();
}
module.exports = { notBanned };
`,
			route: "guards.notBanned",
			want:  []string{"requires: config.mail_enabled"},
		},
		{
			name: "a middleware that hands on early on anything else: the checks after it hold one way only, and are left out",
			guards: `
function notBanned(req, res, next) {
  if (req.query.skip) return next();
  if (req.user.banned) return res.status(403).json({ error: 'banned' });
  next();
}
module.exports = { notBanned };
`,
			route:   "guards.notBanned",
			notWant: []string{"banned", "skip"},
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
		{
			name: "an if that hands on and an else that fails: the check",
			guards: `
function verifiedOnly(req, res, next) {
  if (req.user.verified) {
    next();
  } else {
    throw new HttpError('not verified', 400);
  }
}
module.exports = { verifiedOnly };
`,
			route: "guards.verifiedOnly",
			want:  []string{"requires: current_user.verified"},
		},
		{
			name: "a factory returning its middleware through a wrapper call",
			guards: `
const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
const mailOnly = (enabled, reason) =>
  wrap(async (req, res, next) => {
    if (!enabled) {
      throw new HttpError(reason, 403);
    }
    next();
  });
module.exports = { mailOnly };
`,
			route: "guards.mailOnly(env.MAIL_ENABLED, 'mail is off')",
			want:  []string{"requires: config.mail_enabled"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": middlewareModels,
				"src/env.js":         middlewareEnv,
				"src/guards.js":      "const HttpError = require('http-errors');\nconst env = require('./env');\n" + tt.guards,
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

// passportModule registers three Passport strategies and makes
// middleware of them the way kutt's auth.handler.js does.
const passportModule = `
const passport = require('passport');
const { Strategy: LocalStrategy } = require('passport-local');
const { Strategy: JwtStrategy } = require('passport-jwt');
const { Strategy: LocalAPIKeyStrategy } = require('passport-localapikey');
const bcrypt = require('bcryptjs');
const HttpError = require('http-errors');
const User = require('./models/user');
const env = require('./env');

passport.use(new JwtStrategy({ secretOrKey: 'x' }, async (payload, done) => {
  const user = await User.findById(payload.sub);
  if (!user) return done(null, false);
  return done(null, user, payload);
}));

if (!env.DISALLOW_REGISTRATION) {
  const localOptions = { usernameField: 'email' };
  passport.use(new LocalStrategy(localOptions, async (email, password, done) => {
    try {
      const user = await User.findOne({ email });
      if (!user) return done(null, false);
      const isMatch = await bcrypt.compare(password, user.password);
      if (!isMatch) return done(null, false);
      return done(null, user);
    } catch (err) {
      return done(err);
    }
  }));
}

passport.use(new LocalAPIKeyStrategy({ apiKeyField: 'apikey' }, async (apikey, done) => {
  const user = await User.findOne({ apikey });
  if (!user) return done(null, false);
  return done(null, user);
}));

function authenticate(type, isStrict, redirect) {
  return function auth(req, res, next) {
    if (req.user) return next();
    passport.authenticate(type, (err, user, info) => {
      if (err) return next(err);
      if (req.isHTML && redirect && (!user || user.banned)) {
        return res.redirect('/logout');
      }
      if (!user && isStrict) throw new HttpError('Unauthorized', 401);
      if (user && user.banned) throw new HttpError('banned', 403);
      if (user && isStrict && !user.verified) throw new HttpError('not verified', 400);
      if (user) req.user = user;
      return next();
    })(req, res, next);
  };
}
const local = authenticate('local', true, null);
const jwt = authenticate('jwt', true, 'page');
const apikey = authenticate('localapikey', false, null);
module.exports = { local, jwt, apikey };
`

// TestAuthStrategies: a Passport strategy run by a route's middleware
// (the catalog's auth_strategies) gives its verify function's checks and
// the callback's checks of the user it hands on; a loose one, nothing.
func TestAuthStrategies(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name    string
		route   string
		handler string
		rule    string
		want    []string
		notWant []string
	}{
		{
			name:  "local: the user found by the body's username field, its password verified; that user is the request's from then on",
			route: "asyncHandler(auth.local)",
			handler: `exports.login = async (req, res) => {
  const user = await User.findById(req.user.id);
  user.lastLogin = new Date();
  await user.save();
  res.json({ ok: true });
};`,
			rule: "Login",
			want: []string{"when: Login(email, password)", "let user = User{email}", "requires: exists user", "requires: verify(password, user.password)",
				"requires: not user.banned", "requires: user.verified"},
			notWant: []string{"current_user", "is_html", "logout"},
		},
		{
			name:    "jwt: the user the token signs in is the request's",
			route:   "asyncHandler(auth.jwt)",
			handler: middlewareHandler,
			rule:    "GenerateApiKey",
			want:    []string{"requires: exists current_user", "requires: not current_user.banned", "requires: current_user.verified"},
			notWant: []string{"payload"},
		},
		{
			name:    "a loose strategy lets the request on without a user: nothing of it is required",
			route:   "asyncHandler(auth.apikey)",
			handler: middlewareHandler,
			rule:    "GenerateApiKey",
			notWant: []string{"apikey)", "User{apikey}", "banned", "verified"},
		},
		{
			name:    "a strict strategy after one that may have signed a user in: its checks hold one way only",
			route:   "asyncHandler(auth.apikey), asyncHandler(auth.jwt)",
			handler: middlewareHandler,
			rule:    "GenerateApiKey",
			notWant: []string{"banned", "verified", "User{apikey}"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": middlewareModels,
				"src/env.js":         middlewareEnv,
				"src/auth.js":        passportModule,
				"src/handlers.js":    "const User = require('./models/user');\n" + tt.handler,
				"src/routes.js": `
const { Router } = require('express');
const asyncHandler = require('express-async-handler');
const auth = require('./auth');
const handlers = require('./handlers');
const router = Router();
router.post('/x', ` + tt.route + `, asyncHandler(handlers.` + map[string]string{"Login": "login", "GenerateApiKey": "generateApiKey"}[tt.rule] + `));
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), tt.rule, tt.want, tt.notWant)
		})
	}
}

// TestUnreadMiddlewareNoted: a factory of the service whose result is not
// one middleware (an array of them, as express-jwt setups return) is
// noted as a guard left out of the rule; a factory returning one
// middleware is read and not noted.
func TestUnreadMiddlewareNoted(t *testing.T) {
	const note = "src/routes.js:8: a route's middleware authorize (unread) left out of rule GenerateApiKey"
	tests := []struct {
		name   string
		guards string
		noted  bool
		arg    string // what the route gives the factory ('admin' when empty)
	}{
		{"a factory returning an array of middleware", `
function authorize(role) {
  return [
    (req, res, next) => next(),
    (req, res, next) => { if (req.user.role !== role) throw new HttpError(401); next(); },
  ];
}
module.exports = { authorize };
`, true, ""},
		{"a factory given a value that names no function, not a wrapper of one", `
const Role = { Admin: 'Admin' };
function authorize(role) {
  return [
    (req, res, next) => next(),
    (req, res, next) => { if (req.user.role !== role) throw new HttpError(401); next(); },
  ];
}
module.exports = { authorize, Role };
`, true, "guards.Role.Admin"},
		{"a factory returning one middleware", `
function authorize(role) {
  return function (req, res, next) {
    if (!req.user.verified) throw new HttpError(403);
    next();
  };
}
module.exports = { authorize };
`, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arg := tt.arg
			if arg == "" {
				arg = "'admin'"
			}
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"src/models/user.js": middlewareModels,
				"src/env.js":         middlewareEnv,
				"src/guards.js":      "const HttpError = require('http-errors');\n" + tt.guards,
				"src/handlers.js":    "const User = require('./models/user');\n" + middlewareHandler,
				"src/routes.js": `
const { Router } = require('express');
const asyncHandler = require('express-async-handler');
const guards = require('./guards');
const handlers = require('./handlers');
const router = Router();

router.post('/apikey', guards.authorize(` + arg + `), asyncHandler(handlers.generateApiKey));
module.exports = router;
`,
			})
			if got := slices.Contains(out.Notes, note); got != tt.noted {
				t.Errorf("noted %v, want %v: %v", got, tt.noted, out.Notes)
			}
			if got := construct(out.Module, "GenerateApiKey"); got == "" {
				t.Errorf("no rule GenerateApiKey")
			}
		})
	}
}

// TestStrategyVerifyWithoutParameters: a strategy registered with a verify
// function of no parameters (it reads `arguments`) is not read, and the
// build does not fail on it.
func TestStrategyVerifyWithoutParameters(t *testing.T) {
	module := strings.Replace(passportModule, "async (apikey, done) => {", "async function () {", 1)
	if module == passportModule {
		t.Fatal("the fixture no longer holds the apikey strategy's verify function")
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"src/models/user.js": middlewareModels,
		"src/env.js":         middlewareEnv,
		"src/auth.js":        module,
		"src/handlers.js":    "const User = require('./models/user');\n" + middlewareHandler,
		"src/routes.js": `
const { Router } = require('express');
const asyncHandler = require('express-async-handler');
const auth = require('./auth');
const handlers = require('./handlers');
const router = Router();
router.post('/x', asyncHandler(auth.apikey), asyncHandler(handlers.generateApiKey));
module.exports = router;
`,
	})
	if got := construct(out.Module, "GenerateApiKey"); got == "" {
		t.Errorf("no rule GenerateApiKey")
	}
}

// TestRolledBackStrategyLeavesNothing: a loose strategy's reading is an
// attempt the rule does not keep (it lets the request on without a user),
// so it leaves no guard counted and no note behind: the distillation is
// counted and noted as that of the route without it. A strict strategy's
// reading is kept, and counted.
func TestRolledBackStrategyLeavesNothing(t *testing.T) {
	distilRoute := func(t *testing.T, middleware string) *Output {
		t.Helper()
		d := New(Options{})
		defer d.Close()
		return distilText(t, d, map[string]string{
			"src/models/user.js": middlewareModels,
			"src/env.js":         middlewareEnv,
			"src/auth.js":        passportModule,
			"src/handlers.js":    "const User = require('./models/user');\n" + middlewareHandler,
			"src/routes.js": `
const { Router } = require('express');
const asyncHandler = require('express-async-handler');
const auth = require('./auth');
const handlers = require('./handlers');
const router = Router();
router.post('/x', ` + middleware + `asyncHandler(handlers.generateApiKey));
module.exports = router;
`,
		})
	}
	bare := distilRoute(t, "")
	tests := []struct {
		name       string
		middleware string
		kept       bool
	}{
		{"a loose strategy, rolled back", "asyncHandler(auth.apikey), ", false},
		{"a strict strategy, kept", "asyncHandler(auth.jwt), ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilRoute(t, tt.middleware)
			sameCounts := out.Stats.GuardsSeen == bare.Stats.GuardsSeen && maps.Equal(out.Stats.LeftOut, bare.Stats.LeftOut)
			sameNotes := slices.Equal(out.Notes, bare.Notes)
			if !tt.kept && (!sameCounts || !sameNotes) {
				t.Errorf("the rolled-back reading left something behind: guards %d, left out %v, notes %v; without it: %d, %v, %v",
					out.Stats.GuardsSeen, out.Stats.LeftOut, out.Notes, bare.Stats.GuardsSeen, bare.Stats.LeftOut, bare.Notes)
			}
			if tt.kept && out.Stats.GuardsSeen <= bare.Stats.GuardsSeen {
				t.Errorf("the kept reading counted no guard: %d, without it %d", out.Stats.GuardsSeen, bare.Stats.GuardsSeen)
			}
		})
	}
}
