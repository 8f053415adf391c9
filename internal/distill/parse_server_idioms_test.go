package distill

import (
	"strings"
	"testing"
)

// parseRouter is a Parse Server router: routes mounted by this.route(method,
// path, handler) in mountRoutes, each handler storing rows of the
// framework's _User class through the database controller.
const parseRouter = `
import PromiseRouter from '../PromiseRouter';
import { randomString } from '../cryptoUtils';
import RestWrite from '../RestWrite';
export class LockRouter extends PromiseRouter {
  async handleUnlock(req) {
    const { username } = req.body;
    await req.config.database.update('_User', { username }, { _failed_login_count: 0 });
    return { response: {} };
  }
  async handleVerify(req) {
    const { username } = req.body;
    const query = { username };
    const updateFields = { emailVerified: true };
    await req.config.database.update('_User', query, updateFields);
    return { response: {} };
  }
  async handleResend(req) {
    const { email } = req.body;
    const results = await req.config.database.find('_User', { email: email });
    if (!results.length) {
      throw new Parse.Error(Parse.Error.EMAIL_NOT_FOUND, 'No user found');
    }
    const user = results[0];
    if (user.emailVerified) {
      throw new Parse.Error(Parse.Error.OTHER_CAUSE, 'already verified');
    }
    user._perishable_token = randomString(25);
    await req.config.database.update('_User', { username: user.username }, user);
    return { response: {} };
  }
  async handleLock(req) {
    const user = await this.findUser(req.config, req.body.user_id);
    user._failed_login_count = 5;
    await req.config.database.update('_User', { username: user.username }, user);
    return { response: {} };
  }
  async findUser(config, userId) {
    const results = await config.database.find('_User', { id: userId });
    if (!results.length) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'No user found');
    }
    return results[0];
  }
  async handleLogInAs(req) {
    if (!req.auth.isMaster) {
      throw new Parse.Error(Parse.Error.OPERATION_FORBIDDEN, 'master key is required');
    }
    const userId = req.body.userId || req.query.userId;
    const queryResults = await req.config.database.find('_User', { objectId: userId });
    const user = queryResults[0];
    if (!user) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'user not found');
    }
    const { sessionData, createSession } = RestWrite.createSession(req.config, {
      userId,
      createdWith: { action: 'login', authProvider: 'masterkey' },
    });
    await createSession();
    return { response: user };
  }
  async handleLogInAsSomeone(req) {
    const { sessionData, createSession } = RestWrite.createSession(req.config, {
      userId: this.someone(req).objectId,
      createdWith: { action: 'login' },
    });
    await createSession();
    return { response: {} };
  }
  mountRoutes() {
    this.route('POST', '/loginAs', req => this.handleLogInAs(req));
    this.route('POST', '/loginAsSomeone', req => this.handleLogInAsSomeone(req));
    this.route('POST', '/lock', req => this.handleLock(req));
    this.route('POST', '/resend', req => this.handleResend(req));
    this.route('POST', '/unlock', req => this.handleUnlock(req));
    this.route('POST', '/verify', req => this.handleVerify(req));
  }
}
export default LockRouter;
`

// parseCrypto is Parse Server's random string maker: characters picked
// by random bytes in a loop, after an argument check.
const parseCrypto = `
import { randomBytes } from 'crypto';
export function randomString(size) {
  if (size === 0) {
    throw new Error('Zero-length randomString is useless.');
  }
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' + '0123456789';
  let objectId = '';
  const bytes = randomBytes(size);
  for (let i = 0; i < bytes.length; ++i) {
    objectId += chars[bytes.readUInt8(i) % chars.length];
  }
  return objectId;
}
`

// TestParseServerIdioms pins Parse Server's class stores (catalog
// repositories.class_stores and class_columns): a class named by a string
// is the entity of that name less its leading "_", with the framework's
// columns the code names, and a database.update of it is an update of the
// rows its filter finds.
func TestParseServerIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/Routers/LockRouter.js": parseRouter, "src/cryptoUtils.js": parseCrypto})
	checkConstructs(t, out, []idiomCase{
		{
			name:      "an update's filter and changes given as object literals",
			construct: "HandleUnlock",
			want:      []string{"when: HandleUnlock(username)", "for user in Users where username = username:", "user.failed_login_count = 0"},
		},
		{
			name:      "an update's filter and changes held in locals",
			construct: "HandleVerify",
			want:      []string{"when: HandleVerify(username)", "for user in Users where username = username:", "user.email_verified = true"},
		},
		{
			// rows.length is their number, rows[0] the row found; the row
			// written back whole is a save of the changes made to it; a
			// string built from random bytes in a loop is random.
			name:      "the rows a find gives, the first of them, and the row written back",
			construct: "HandleResend",
			want: []string{"when: HandleResend(email)", "let user = User{email}\n    requires: exists user", "requires: not user.email_verified",
				"user.perishable_token = random_key()"},
			notWant: []string{`perishable_token = ""`},
		},
		{
			// medusa's retrieve: the rows found by the request's id, tested
			// in the helper, are the row the trigger names.
			name:      "the rows a helper finds by an input id, tested for none, then the first of them",
			construct: "HandleLock",
			want:      []string{"when: HandleLock(user)", "requires: exists user", "user.failed_login_count = 5"},
			notWant:   []string{"user_id"},
		},
		{
			// objectId is the id; an input sent in the body or the query
			// is one input; RestWrite.createSession (catalog
			// class_creates) adds a session of the user with a fresh token.
			name:      "a session the framework creates for a user found by id",
			construct: "HandleLogInAs",
			want: []string{"when: HandleLogInAs(user)", "requires: exists user", `created_with: "login"`, "user: user",
				"session_token: random_key()"},
		},
		{
			// catalog auth.key_guards: the master key's holders reach it.
			name:      "a handler refusing requests without the master key is provided on the key's surface",
			construct: "MasterKey",
			want:      []string{"surface MasterKey {", "facing visitor: User", "HandleLogInAs(user)"},
		},
		{
			name:      "and not on the public one",
			construct: "PublicApi",
			want:      []string{"HandleUnlock(username)"},
			notWant:   []string{"HandleLogInAs"},
		},
		{
			name:      "the stored class is an entity with the catalog's columns the code names",
			construct: "User",
			want:      []string{"failed_login_count: Integer?", "email_verified: Boolean?", "username: String"},
			// Columns the code never names, and the class it never stores.
			notWant: []string{"perishable_token_expires_at", "account_lockout_expires_at"},
		},
	})
	if r := construct(out.Module, "HandleLogInAsSomeone"); r != "" {
		t.Errorf("a session created for a user the spec cannot name:\n%s", r)
	}
}

// parseDefinitions is Parse Server's Options/Definitions.js: each option
// described by an object with its environment variable and its default;
// a group of options described by another exported object it names.
const parseDefinitions = `
var parsers = require('./parsers');
module.exports.ParseServerOptions = {
  verifyUserEmails: {
    env: 'PARSE_SERVER_VERIFY_USER_EMAILS',
    help: 'Verify emails',
    action: parsers.booleanParser,
    default: false,
  },
  emailVerifyTokenValidityDuration: {
    env: 'PARSE_SERVER_EMAIL_VERIFY_TOKEN_VALIDITY_DURATION',
    help: 'The validity duration in seconds. No default: the token never expires',
    action: parsers.numberParser('emailVerifyTokenValidityDuration'),
  },
  passwordPolicy: {
    env: 'PARSE_SERVER_PASSWORD_POLICY',
    help: 'The password policy',
    action: parsers.objectParser,
    type: 'PasswordPolicyOptions',
  },
};
module.exports.PasswordPolicyOptions = {
  resetTokenReuseIfValid: {
    env: 'PARSE_SERVER_PASSWORD_POLICY_RESET_TOKEN_REUSE_IF_VALID',
    help: 'Reuse',
    action: parsers.booleanParser,
    default: false,
  },
};
`

// TestParseServerOptions pins Parse Server's options (catalog
// settings_fixture, request_settings, settings_calls): described one by
// one in exported objects, read through req.config and through
// Config.get(appId) in a controller's getter.
func TestParseServerOptions(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"src/Options/Definitions.js": parseDefinitions,
		"src/Controllers/UserController.js": `
import Config from '../Config';
export class UserController {
  get config() {
    return Config.get(this.appId);
  }
  async regen(user) {
    if (this.config.verifyUserEmails) {
      user.emailVerified = false;
    }
    if (this.config.emailVerifyTokenValidityDuration) {
      user.emailVerified = true;
    }
    return this.config.database.update('_User', { username: user.username }, user);
  }
}
export default UserController;
`,
		"src/Routers/OptionsRouter.js": `
import PromiseRouter from '../PromiseRouter';
export class OptionsRouter extends PromiseRouter {
  async handleReset(req) {
    const { email } = req.body;
    if (!req.config.verifyUserEmails) {
      throw new Parse.Error(Parse.Error.OTHER_CAUSE, 'off');
    }
    if (!req.config.passwordPolicy.resetTokenReuseIfValid) {
      await req.config.database.update('_User', { email }, { emailVerified: true });
    }
    return { response: {} };
  }
  async handleRegen(req) {
    const results = await req.config.database.find('_User', { email: req.body.email });
    const user = results[0];
    if (!user) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'no user');
    }
    await req.config.userController.regen(user);
    return { response: {} };
  }
  mountRoutes() {
    this.route('POST', '/reset', req => this.handleReset(req));
    this.route('POST', '/regen', req => this.handleRegen(req));
  }
}
`,
	})
	checkConstructs(t, out, []idiomCase{
		{
			name:      "req.config's options, a group's through it",
			construct: "HandleReset",
			want:      []string{"requires: config.verify_user_emails", "config.reset_token_reuse_if_valid"},
		},
		{
			// A number option with no default is undefined when unset,
			// which its truthiness test reads as 0.
			name:      "Config.get(appId) gives the options",
			construct: "HandleRegen",
			want: []string{"if config.verify_user_emails:", "email_verified = false",
				"if config.email_verify_token_validity_duration != 0.seconds:", "email_verified = true"},
		},
		{
			name:      "a number option without a default is 0, a Duration in the unit its help names",
			construct: "email_verify_token_validity_duration",
			want:      []string{"email_verify_token_validity_duration: Duration = 0.seconds"},
		},
		{
			name:      "a described option with its default",
			construct: "verify_user_emails",
			want:      []string{"verify_user_emails: Boolean = false"},
		},
		{
			name:      "a group's option with its default",
			construct: "reset_token_reuse_if_valid",
			want:      []string{"reset_token_reuse_if_valid: Boolean = false"},
		},
	})
	for _, name := range []string{"password_policy"} {
		if c := construct(out.Module, name); c != "" {
			t.Errorf("a config parameter for a group: %s", c)
		}
	}
}

// withResetExpiry adds to Parse Server's option definitions the password
// policy's reset token validity, a number option with no default.
func withResetExpiry(defs string) string {
	return strings.Replace(defs, "module.exports.PasswordPolicyOptions = {", `module.exports.PasswordPolicyOptions = {
  resetTokenValidityDuration: {
    env: 'PARSE_SERVER_PASSWORD_POLICY_RESET_TOKEN_VALIDITY_DURATION',
    help: 'The validity duration in seconds.',
    action: parsers.numberParser('resetTokenValidityDuration'),
  },`, 1)
}

// parseLockout is Parse Server's AccountLockout: a class the controllers
// make with new, given the user and the options, whose methods read both
// off this; a switch (accountLockout tested on its own) and a group only
// read through (passwordPolicy).
const parseLockout = `
export class AccountLockout {
  constructor(user, config) {
    this._user = user;
    this._config = config;
  }
  isOn() {
    if (!this._config.accountLockout) {
      return false;
    }
    return true;
  }
  unlockAccount() {
    if (!this._config.accountLockout || !this._config.accountLockout.unlockOnPasswordReset) {
      return Promise.resolve();
    }
    return this._config.database.update(
      '_User',
      { username: this._user.username },
      { _failed_login_count: { __op: 'Delete' }, _account_lockout_expires_at: { __op: 'Delete' } }
    );
  }
  expire() {
    if (this._config.passwordPolicy && this._config.passwordPolicy.resetTokenValidityDuration) {
      return this._config.database.update('_User', { email: this._user.email }, { _perishable_token: { __op: 'Delete' } });
    }
  }
}
export default AccountLockout;
`

// TestParseServerLockoutObject pins a service object made with new (the
// TypeScript constructor keeps what it is given), Parse Server's {__op:
// 'Delete'} (catalog update_field_ops), an update by a unique column of a
// known row (repositories.class_unique), and the groups of options: a
// switch is a Boolean parameter, a group only read through is left out of
// the conjunction that guards the read.
func TestParseServerLockoutObject(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	defs := strings.Replace(parseDefinitions, "module.exports.ParseServerOptions = {", `module.exports.ParseServerOptions = {
  accountLockout: {
    env: 'PARSE_SERVER_ACCOUNT_LOCKOUT',
    help: 'The account lockout policy.',
    action: parsers.objectParser,
    type: 'AccountLockoutOptions',
  },`, 1) + `
module.exports.AccountLockoutOptions = {
  unlockOnPasswordReset: {
    env: 'PARSE_SERVER_ACCOUNT_LOCKOUT_UNLOCK_ON_PASSWORD_RESET',
    help: 'Unlock on reset',
    action: parsers.booleanParser,
    default: false,
  },
};
`
	defs = withResetExpiry(defs)
	out := distilText(t, d, map[string]string{
		"src/Options/Definitions.js": defs,
		"src/AccountLockout.js":      parseLockout,
		"src/Routers/ResetRouter.js": `
import PromiseRouter from '../PromiseRouter';
import AccountLockout from '../AccountLockout';
export class ResetRouter extends PromiseRouter {
  async handleUnlock(req) {
    const results = await req.config.database.find('_User', { username: req.body.username });
    const user = results[0];
    if (!user) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'no user');
    }
    await req.config.database.update('_User', { username: user.username }, { emailVerified: true });
    const policy = new AccountLockout(user, req.config);
    await policy.unlockAccount();
    return { response: {} };
  }
  async handleExpire(req) {
    const results = await req.config.database.find('_User', { email: req.body.email });
    const user = results[0];
    if (!user) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'no user');
    }
    await req.config.database.update('_User', { email: user.email }, { emailVerified: true });
    await new AccountLockout(user, req.config).expire();
    return { response: {} };
  }
  mountRoutes() {
    this.route('POST', '/unlock', req => this.handleUnlock(req));
    this.route('POST', '/expire', req => this.handleExpire(req));
  }
}
`,
	})
	checkConstructs(t, out, []idiomCase{
		{
			// accountLockout is tested on its own (isOn): a switch.
			name:      "an object made with new, a switch group, a cleared column, the row by its unique username",
			construct: "HandleUnlock",
			want: []string{"user.email_verified = true", "if config.account_lockout and config.unlock_on_password_reset:",
				"user.failed_login_count = null", "user.account_lockout_expires_at = null"},
			notWant: []string{"for ", "__op"},
		},
		{
			// passwordPolicy is only ever read through.
			name:      "a group only read through is left out of the guard of its option's read",
			construct: "HandleExpire",
			want:      []string{"if config.reset_token_validity_duration != 0.seconds:", "user.perishable_token = null"},
			notWant:   []string{"password_policy"},
		},
		{
			name:      "the switch is a Boolean parameter, false unless set",
			construct: "account_lockout",
			want:      []string{"account_lockout: Boolean = false"},
		},
	})
}

// TestParseServerTokenChecks pins what Parse Server's token checks need:
// a stored date compared while the store leaves it out when unset
// (repositories.class_absent_undefined: undefined, never earlier than
// now), its encoded form read back (encoded_value_attrs: x.iso), a
// controller's getters read through this, an option given as a boolean or
// a function (typeof x === 'function' of a Boolean parameter is false), a
// success flag's helper switched off by an option, and an early return on
// the row's state that is no absence (the if stays an if).
func TestParseServerTokenChecks(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	defs := withResetExpiry(parseDefinitions)
	out := distilText(t, d, map[string]string{
		"src/Options/Definitions.js": defs,
		"src/cryptoUtils.js":         parseCrypto,
		"src/Controllers/UserController.js": `
import Config from '../Config';
import { randomString } from '../cryptoUtils';
export class UserController {
  get config() {
    return Config.get(this.appId);
  }
  get shouldVerifyEmails() {
    return (this.config || this.options).verifyUserEmails;
  }
  async setToken(user) {
    const shouldSendEmail =
      this.shouldVerifyEmails === true ||
      (typeof this.shouldVerifyEmails === 'function' && (await Promise.resolve(this.shouldVerifyEmails(user))) === true);
    if (!shouldSendEmail) {
      return false;
    }
    user._email_verify_token = randomString(25);
    return true;
  }
  async regen(user) {
    if (user._email_verify_token && new Date() < new Date(user._email_verify_token_expires_at)) {
      return Promise.resolve(true);
    }
    const shouldSend = await this.setToken(user);
    if (!shouldSend) {
      return;
    }
    return this.config.database.update('_User', { username: user.username }, user);
  }
}
export default UserController;
`,
		"src/Routers/TokenRouter.js": `
import PromiseRouter from '../PromiseRouter';
export class TokenRouter extends PromiseRouter {
  async handleReset(req) {
    const { username, token } = req.body;
    const results = await req.config.database.find('_User', { username, _perishable_token: token });
    if (results.length != 1) {
      throw 'Failed';
    }
    if (req.config.passwordPolicy && req.config.passwordPolicy.resetTokenValidityDuration) {
      let expiresDate = results[0]._perishable_token_expires_at;
      if (expiresDate && expiresDate.__type == 'Date') {
        expiresDate = new Date(expiresDate.iso);
      }
      if (expiresDate < new Date()) {
        throw 'The password reset link has expired';
      }
    }
    await req.config.database.update('_User', { username }, { emailVerified: true });
    return { response: {} };
  }
  async handleRegen(req) {
    const results = await req.config.database.find('_User', { email: req.body.email });
    const user = results[0];
    if (!user) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'no user');
    }
    await req.config.userController.regen(user);
    return { response: {} };
  }
  mountRoutes() {
    this.route('POST', '/reset', req => this.handleReset(req));
    this.route('POST', '/regen', req => this.handleRegen(req));
  }
}
`,
	})
	checkConstructs(t, out, []idiomCase{
		{
			name:      "an expiry the store leaves out when unset, read back from its encoded form",
			construct: "HandleReset",
			want: []string{"config.reset_token_validity_duration = 0.seconds",
				"or (not exists User{username, perishable_token: token}.perishable_token_expires_at or User{username, perishable_token: token}.perishable_token_expires_at >= now)"},
		},
		{
			name:      "a getter's option, a boolean and not a function, switching a success flag's helper off",
			construct: "HandleRegen",
			want: []string{"requires: exists user",
				"if user.email_verify_token = null or (not exists user.email_verify_token_expires_at or now >= user.email_verify_token_expires_at):",
				"if config.verify_user_emails:", "user.email_verify_token = random_key()"},
			// the early return while the token is valid is no failure
			notWant: []string{"requires: user.email_verify_token = null", "requires: config.verify_user_emails"},
		},
	})
}
