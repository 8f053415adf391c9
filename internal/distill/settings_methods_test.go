package distill

import "testing"

// parseConfigClass is Parse Server's Config: the settings object
// Config.get(appId) gives, whose methods compute times from its options
// (Config.js:642-656), and one method of another class of the same name's
// shape that no settings call makes.
const parseConfigClass = `
export class Config {
  static get(applicationId) {
    const config = new Config();
    config.applicationId = applicationId;
    return config;
  }
  generateEmailVerifyTokenExpiresAt() {
    if (!this.verifyUserEmails || !this.emailVerifyTokenValidityDuration) {
      return undefined;
    }
    var now = new Date();
    return new Date(now.getTime() + this.emailVerifyTokenValidityDuration * 1000);
  }
}
export default Config;
`

// TestSettingsObjectMethods pins the methods of the settings object's
// class (settings_methods.go): this.config (a getter returning
// Config.get(this.appId)) and req.config are instances of Config, and a
// method called on them runs with this the settings object, so that its
// option read in seconds and multiplied into milliseconds is the option
// itself added to now; Parse._encode (catalog transparent_calls) is the
// date it encodes. Without either, the value assigned is left out with a
// note (parse-server's UserController.js:55-58).
func TestSettingsObjectMethods(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"src/Options/Definitions.js": parseDefinitions,
		"src/Config.js":              parseConfigClass,
		"src/Controllers/UserController.js": `
import Config from '../Config';
import Parse from 'parse/node';
export class UserController {
  get config() {
    return Config.get(this.appId);
  }
  async regen(user) {
    user.emailVerified = false;
    if (this.config.emailVerifyTokenValidityDuration) {
      user._email_verify_token_expires_at = Parse._encode(
        this.config.generateEmailVerifyTokenExpiresAt()
      );
    }
    return this.config.database.update('_User', { username: user.username }, user);
  }
}
export default UserController;
`,
		"src/Routers/ExpiryRouter.js": `
import PromiseRouter from '../PromiseRouter';
import Parse from 'parse/node';
export class ExpiryRouter extends PromiseRouter {
  async handleRegen(req) {
    const results = await req.config.database.find('_User', { email: req.body.email });
    const user = results[0];
    if (!user) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'no user');
    }
    await req.config.userController.regen(user);
    return { response: {} };
  }
  async handleStamp(req) {
    const results = await req.config.database.find('_User', { email: req.body.email });
    const user = results[0];
    if (!user) {
      throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'no user');
    }
    const expires = Parse._encode(req.config.generateEmailVerifyTokenExpiresAt());
    await req.config.database.update('_User', { email: user.email }, { _email_verify_token_expires_at: expires });
    return { response: {} };
  }
  mountRoutes() {
    this.route('POST', '/regen', req => this.handleRegen(req));
    this.route('POST', '/stamp', req => this.handleStamp(req));
  }
}
`,
	}, []idiomCase{
		{
			name:      "a method of the settings object through a controller's config getter",
			construct: "HandleRegen",
			want: []string{"if config.email_verify_token_validity_duration != 0.seconds:",
				"user.email_verify_token_expires_at = now + config.email_verify_token_validity_duration"},
			notWant: []string{"* 1000", "_encode"},
		},
		{
			name:      "a method of req.config, the same settings object",
			construct: "HandleStamp",
			want:      []string{"email_verify_token_expires_at = now + config.email_verify_token_validity_duration"},
			notWant:   []string{"* 1000", "_encode"},
		},
	})
}
