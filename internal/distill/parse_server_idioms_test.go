package distill

import "testing"

// parseRouter is a Parse Server router: routes mounted by this.route(method,
// path, handler) in mountRoutes, each handler storing rows of the
// framework's _User class through the database controller.
const parseRouter = `
import PromiseRouter from '../PromiseRouter';
import { randomString } from '../cryptoUtils';
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
  mountRoutes() {
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
			want: []string{"when: HandleResend(email)", "requires: exists User{email}", "let user = User{email}", "requires: not user.email_verified",
				"user.perishable_token = random_key()"},
			notWant: []string{`perishable_token = ""`},
		},
		{
			name:      "the stored class is an entity with the catalog's columns the code names",
			construct: "User",
			want:      []string{"failed_login_count: Integer?", "email_verified: Boolean?", "username: String"},
			// Columns the code never names, and the class it never stores.
			notWant: []string{"perishable_token_expires_at", "account_lockout_expires_at"},
		},
	})
	if s := construct(out.Module, "Session"); s != "" {
		t.Errorf("an entity Session for a class no store call names:\n%s", s)
	}
}
