package distill

import "testing"

// parseUserControllerHead opens Parse Server's UserController: the app's
// settings through its config getter (Config.get(appId)).
const parseUserControllerHead = `
import Config from '../Config';
export class UserController {
  get config() {
    return Config.get(this.appId);
  }`

// TestReceiverNamedMethod: a method two classes define is the one of the
// class its untyped receiver is named after (Parse Server's
// PublicAPIRouter.verifyEmail calls config.userController.verifyEmail,
// UserController's), and no class's when the name fits neither.
func TestReceiverNamedMethod(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"src/Controllers/UserController.js": parseUserControllerHead + `
  async verifyEmail(username) {
    await this.config.database.update('_User', { username }, { emailVerified: true });
  }
}
export default UserController;
`,
		"src/Routers/PublicRouter.js": `
import PromiseRouter from '../PromiseRouter';
import Config from '../Config';
export class PublicRouter extends PromiseRouter {
  async verifyEmail(req) {
    const username = req.body.username;
    const config = Config.get(req.params.appId);
    const userController = config.userController;
    await userController.verifyEmail(username);
    return {};
  }
  async verifyEmailThroughConfig(req) {
    const login = req.body.login;
    const config = Config.get(req.params.appId);
    await config.userController.verifyEmail(login);
    return {};
  }
  async verifyEmailElsewhere(req) {
    const username = req.body.username;
    const config = Config.get(req.params.appId);
    const mailer = config.mailer;
    await mailer.verifyEmail(username);
    return {};
  }
  mountRoutes() {
    this.route('GET', '/verify_email', req => this.verifyEmail(req));
    this.route('GET', '/verify_email_config', req => this.verifyEmailThroughConfig(req));
    this.route('GET', '/verify_email_elsewhere', req => this.verifyEmailElsewhere(req));
  }
}
export default PublicRouter;
`,
	})
	checkConstructs(t, out, []idiomCase{
		{
			name:      "a local named after the class",
			construct: "VerifyEmail",
			want:      []string{"when: VerifyEmail(username)", "user.email_verified = true"},
		},
		{
			name:      "an attribute named after the class",
			construct: "VerifyEmailThroughConfig",
			want:      []string{"when: VerifyEmailThroughConfig(login)", "user.email_verified = true"},
		},
	})
	if r := construct(out.Module, "VerifyEmailElsewhere"); r != "" {
		t.Errorf("a receiver named after neither class reached one of them:\n%s", r)
	}
}

// TestParseRestQuery: Parse Server's RestQuery({className, restWhere})
// (catalog repositories.class_stores, class_key/filter_key/runner) builds
// the query of the class's rows and query.execute() answers {results};
// a filter filled entry by entry from an object the caller handed in
// filters by the entries that object holds (where.email is never set
// from {username}); one filled under a condition is no filter the spec
// can state.
func TestParseRestQuery(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"src/Controllers/UserController.js": "var RestQuery = require('../RestQuery');\n" + parseUserControllerHead + `
  async getUserIfNeeded(user) {
    var where = {};
    if (user.username) {
      where.username = user.username;
    }
    if (user.email) {
      where.email = user.email;
    }
    var query = await RestQuery({ method: RestQuery.Method.get, config: this.config, className: '_User', restWhere: where });
    const result = await query.execute();
    if (result.results.length != 1) {
      throw undefined;
    }
    return result.results[0];
  }
  async resend(username) {
    const aUser = await this.getUserIfNeeded({ username: username });
    if (!aUser || aUser.emailVerified) {
      throw undefined;
    }
    aUser._perishable_token = 'x';
    return this.config.database.update('_User', { username: aUser.username }, aUser);
  }
  async getLockable(username) {
    var where = { username };
    if (this.config.verifyUserEmails) {
      where.email = username;
    }
    var query = await RestQuery({ method: RestQuery.Method.get, config: this.config, className: '_User', restWhere: where });
    const result = await query.execute();
    if (result.results.length != 1) {
      throw undefined;
    }
    return result.results[0];
  }
  async lock(username) {
    const aUser = await this.getLockable(username);
    if (!aUser || aUser.emailVerified) {
      throw undefined;
    }
    aUser._failed_login_count = 5;
    return this.config.database.update('_User', { username: aUser.username }, aUser);
  }
}
export default UserController;
`,
		"src/Routers/PublicRouter.js": `
import PromiseRouter from '../PromiseRouter';
export class PublicRouter extends PromiseRouter {
  async resend(req) {
    const username = req.body.username;
    await req.config.userController.resend(username);
    return {};
  }
  async lock(req) {
    const username = req.body.username;
    await req.config.userController.lock(username);
    return {};
  }
  mountRoutes() {
    this.route('POST', '/resend', req => this.resend(req));
    this.route('POST', '/lock', req => this.lock(req));
  }
}
export default PublicRouter;
`,
	})
	checkConstructs(t, out, []idiomCase{
		{
			name:      "the rows of the class the query names, by the entries the handed object holds",
			construct: "Resend",
			want:      []string{"when: Resend(username)", "User{username}", "not a_user.email_verified", "a_user.perishable_token = \"x\""},
			notWant:   []string{"email:"},
		},
	})
	t.Logf("%v", out.Notes)
	if r := construct(out.Module, "Lock"); r != "" {
		t.Errorf("a filter entry set under a condition read as always set:\n%s", r)
	}
}
