package distill

import (
	"strings"
	"testing"
)

// promiseRouter reaches its store through promise chains: each .then's
// callback runs on the result of the step before it, as the lines after
// an await would.
const promiseRouter = `
import PromiseRouter from '../PromiseRouter';
import rest from '../rest';
export class TokenRouter extends PromiseRouter {
  findByToken(config, username, token) {
    return config.database
      .find('_User', { username: username, _perishable_token: token }, { limit: 1 })
      .then(results => {
        if (results.length != 1) {
          throw 'invalid token';
        }
        return results[0];
      });
  }
  handleClear(req) {
    const { username, token } = req.body;
    return this.findByToken(req.config, username, token)
      .then(user => {
        return req.config.database.update('_User', { username: user.username }, { _perishable_token: null });
      })
      .then(() => ({ response: {} }))
      .catch(err => {
        throw err;
      });
  }
  handleLock(req) {
    const { email } = req.body;
    return req.config.database.find('_User', { email }).then(rows => {
      if (!rows.length) {
        throw new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, 'none');
      }
      return req.config.database.update('_User', { email }, { _failed_login_count: 5 });
    });
  }
  handleEarly(req) {
    const { email } = req.body;
    return req.config.database.find('_User', { email })
      .then(rows => {
        if (rows.length) {
          return rows[0];
        }
        return null;
      })
      .then(user => req.config.database.update('_User', { email }, { emailVerified: true }));
  }
  handleReset(req) {
    const { username, password, token: rawToken } = req.body;
    const token = rawToken && typeof rawToken !== 'string' ? rawToken.toString() : rawToken;
    return this.findByToken(req.config, username, token)
      .then(user => rest.update(req.config, {}, '_User', { objectId: user.objectId }, { password: password }))
      .then(() => ({ response: {} }), () => ({ response: { error: true } }));
  }
  async handleLogOut(req) {
    if (req.info && req.info.sessionToken) {
      const records = await rest.find(req.config, {}, '_Session', { sessionToken: req.info.sessionToken }, undefined, req.info.context);
      if (records.results && records.results.length) {
        await rest.del(req.config, {}, '_Session', records.results[0].objectId, req.info.context);
      }
    }
    return { response: {} };
  }
  mountRoutes() {
    this.route('POST', '/logout', req => this.handleLogOut(req));
    this.route('POST', '/reset', req => this.handleReset(req));
    this.route('POST', '/clear', req => this.handleClear(req));
    this.route('POST', '/lock', req => this.handleLock(req));
    this.route('POST', '/early', req => this.handleEarly(req));
  }
}
`

// TestPromiseChains pins promise chains read as the awaits they stand
// for: each callback's parameter bound to the step before it, the last
// step's returns the function's, a failure handler left out, and a chain
// whose middle step returns on one path only left as it is.
func TestPromiseChains(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/Routers/TokenRouter.js": promiseRouter})
	checkConstructs(t, out, []idiomCase{
		{
			// rows.length != 1 of a lookup by the user's name and token is
			// no such user.
			name:      "a helper's chain gives the row, the handler's chain writes it",
			construct: "HandleClear",
			want:      []string{"when: HandleClear(username, token)", "let user = User{username, perishable_token: token}\n    requires: exists user"},
		},
		{
			name:      "a returned chain's one step",
			construct: "HandleLock",
			want:      []string{"requires: exists User{email}", "user.failed_login_count = 5"},
		},
		{
			// The token normalised to a string on one branch is the token;
			// objectId is the row's id; the class store's write path
			// hashes the password (catalog class_hashed).
			name:      "a row found through a helper's chain, written by id",
			construct: "HandleReset",
			want:      []string{"let user = User{username, perishable_token: token}\n    requires: exists user", ".password = hash(password)"},
		},
		{
			// rest.find answers {results}; rows && rows.length says they
			// are some once; rows[0].objectId is the row found.
			name:      "the rows under the key a store answers them, deleted by the id of the first",
			construct: "HandleLogOut",
			want:      []string{"when: HandleLogOut(session_token)", "requires: exists Session{session_token}", "not exists Session{session_token}"},
			notWant:   []string{" and exists"},
		},
	})
	if r := construct(out.Module, "HandleEarly"); strings.Contains(r, "email_verified") {
		t.Errorf("a step returning on one path only read as straight-line code:\n%s", r)
	}
}
