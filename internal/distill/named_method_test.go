package distill

import "testing"

// TestReceiverNamedMethod: a method two classes define is the one of the
// class its untyped receiver is named after (Parse Server's
// PublicAPIRouter.verifyEmail calls config.userController.verifyEmail,
// UserController's), and no class's when the name fits neither.
func TestReceiverNamedMethod(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"src/Controllers/UserController.js": `
import Config from '../Config';
export class UserController {
  get config() {
    return Config.get(this.appId);
  }
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
