package distill

import "testing"

// TestAuthStrategyChecks pins what a handler reading the signed-in user
// (ctx.state.user) requires of it where the service's auth strategy
// (catalog auth.strategy_files) signs it in only after its tests: their
// opposites, reading the settings the strategy read back from the plugin
// store as config; a test not of the user, the user's presence, and tests
// after the user is signed in are none of them.
func TestAuthStrategyChecks(t *testing.T) {
	strategy := func(checks string) string {
		return `
'use strict';
const getAdvancedSettings = () => {
  return strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' });
};
const authenticate = async (ctx) => {
  const token = await getService('jwt').getToken(ctx);
  if (token) {
    const { id } = token;
    if (id === undefined) {
      return { authenticated: false };
    }
    const user = await getService('user').fetchAuthenticatedUser(id);
    const advancedSettings = await getAdvancedSettings();
` + checks + `
    if (user.provider === 'none') {
      return { error: 'after' };
    }
    return { authenticated: true, credentials: user };
  }
  return { authenticated: false };
};
module.exports = { name: 'users-permissions', authenticate };
`
	}
	const controller = `
'use strict';
const { getService } = require('../utils');
module.exports = {
  async changePassword(ctx) {
    if (!ctx.state.user) {
      throw new ApplicationError('You must be authenticated');
    }
    const { password } = ctx.request.body;
    const user = await strapi.entityService.findOne('plugin::users-permissions.user', ctx.state.user.id);
    await getService('user').edit(user.id, { provider: password });
  },
};
`
	cases := []struct {
		name, checks  string
		want, notWant []string
	}{
		{name: "the tests before signing in, the settings as config",
			checks: `    if (!user) {
      return { error: 'Invalid credentials' };
    }
    if (advancedSettings.email_confirmation && !user.confirmed) {
      return { error: 'Invalid credentials' };
    }
    if (user.state === 'invited') {
      return { error: 'Invalid credentials' };
    }
    ctx.state.user = user;`,
			want:    []string{"requires: not config.email_confirmation or current_user.confirmed", "requires: current_user.state != invited", "requires: exists current_user"},
			notWant: []string{"undefined", "none", "token"}},
		{name: "a strategy that never signs the user in states nothing",
			checks: `    if (user.state === 'invited') {
      return { error: 'Invalid credentials' };
    }`,
			want:    []string{"requires: exists current_user"},
			notWant: []string{"invited"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := strapiTokenFiles("plugin.users-permissions.jwt", "_.pick(user, ['id'])")
			files["server/bootstrap/index.js"] = strapiBootstrap(`{ email_confirmation: false }`)
			files["server/strategies/users-permissions.js"] = strategy(c.checks)
			files["server/controllers/auth.js"] = controller
			files["server/routes/content-api/auth.js"] = `module.exports = [{ method: 'POST', path: '/auth/change-password', handler: 'auth.changePassword' }];`
			runIdiomCases(t, files, []idiomCase{{name: c.name, construct: "ChangePassword", want: c.want, notWant: c.notWant}})
		})
	}
}
