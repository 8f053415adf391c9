package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSettingsStores pins the settings a Strapi plugin keeps in its store
// (catalog settings_stores): the defaults bootstrap stores under a key are
// config parameters, and the object a handler reads back under that key
// is the settings object. Also a service object a locator answered, kept
// in a local (const userService = getService('user')), the first row of
// the entity service's findMany({filters}) taken by destructuring, and a
// branch that ends the request after outcomes the spec cannot state,
// which is no refusal of the rest.
func TestSettingsStores(t *testing.T) {
	files := map[string]string{
		"server/content-types/user/index.js": strings.Replace(strapiUser, "provider: { type: 'string' },",
			"provider: { type: 'string' },\n    confirmationToken: { type: 'string', private: true },", 1),
		"server/content-types/role/index.js": strapiRole,
		"server/bootstrap/index.js": strapiBootstrap(`{
      allow_register: true,
      default_role: 'authenticated',
      email_confirmation: false,
      email_reset_password: null,
    }`),
		"server/utils/index.js": strapiUtils,
		"server/services/user.js": `
module.exports = ({ strapi }) => ({
  async edit(userId, params = {}) {
    return strapi.entityService.update('plugin::users-permissions.user', userId, { data: params });
  },
  fetchAll(params) {
    return strapi.entityService.findMany('plugin::users-permissions.user', params);
  },
  async sendConfirmationEmail(user) {
    const confirmationToken = crypto.randomBytes(20).toString('hex');
    await this.edit(user.id, { confirmationToken });
  },
});
`,
		"server/controllers/auth.js": `
const { getService } = require('../utils');
module.exports = {
  async register(ctx) {
    const pluginStore = await strapi.store({ type: 'plugin', name: 'users-permissions' });
    const settings = await pluginStore.get({ key: 'advanced' });
    if (!settings.allow_register) {
      throw new ApplicationError('Register action is currently disabled');
    }
    const role = await strapi.query('plugin::users-permissions.role').findOne({ where: { name: settings.default_role } });
    if (!role) {
      throw new ApplicationError('Impossible to find the default role');
    }
    const { email } = ctx.request.body;
    const user = await strapi.query('plugin::users-permissions.user').create({ data: { email, role: role.id } });
    if (settings.email_confirmation) {
      await getService('user').sendConfirmationEmail(user);
      return ctx.send({ user });
    }
    return ctx.send({ user });
  },
  async confirm(ctx) {
    const { confirmation } = ctx.query;
    const userService = getService('user');
    const [user] = await userService.fetchAll({ filters: { confirmationToken: confirmation } });
    if (!user) {
      throw new ValidationError('Invalid token');
    }
    await userService.edit(user.id, { confirmed: true, confirmationToken: null });
    const settings = await strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' }).get();
    ctx.redirect(settings.email_reset_password || '/');
  },
  async rename(ctx) {
    const other = await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'grant' });
    if (!other.allow_register) {
      throw new ApplicationError('disabled');
    }
    await strapi.query('plugin::users-permissions.user').update({ where: { id: ctx.state.user.id }, data: { username: ctx.request.body.username } });
  },
};
`,
		"server/routes/content-api/auth.js": `
module.exports = [
  { method: 'POST', path: '/auth/register', handler: 'auth.register' },
  { method: 'GET', path: '/auth/confirm', handler: 'auth.confirm' },
  { method: 'POST', path: '/auth/rename', handler: 'auth.rename' },
];
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{
			name:      "the settings read back under a stored key are config; the defaults bootstrap stores are their values",
			construct: "Register",
			want: []string{"requires: config.allow_register", "let role = Role{name: config.default_role}", "requires: exists role",
				"User.created(email: email, role: role"},
			// The branch that sends the confirmation email (left out)
			// and answers is an outcome, not a refusal.
			notWant: []string{"requires: not config.email_confirmation"},
		},
		{
			// The first row of findMany({filters}) is found as a lookup
			// finds it; found by a token column the rule clears, it is a
			// let (spent_token_lookups.go).
			name:      "a service object kept in a local: its methods run as the locator's do; const [user] = rows is the first row",
			construct: "Confirm",
			want: []string{"when: Confirm(confirmation)", "let user = User{confirmation_token: confirmation}", "requires: exists user",
				"user.confirmed = true", "user.confirmation_token = null"},
		},
		{
			name:      "an object read under a key the service stores no defaults for is not the settings",
			construct: "Rename",
			notWant:   []string{"config.allow_register"},
		},
	})
	cfg := string(allium.Print(out.Module, allium.PrintOptions{}))
	for _, want := range []string{"    allow_register: Boolean = true\n", "    default_role: String = \"authenticated\"\n"} {
		if !strings.Contains(cfg, want) {
			t.Errorf("config lacks %q:\n%s", want, cfg)
		}
	}
	if strings.Contains(cfg, "email_reset_password") {
		t.Errorf("a setting stored as null has no default to declare:\n%s", cfg)
	}
}

// TestStoredMessageGroups pins the messages a settings store names: an
// entry of a stored settings object whose default is an object of its own
// (Strapi's email settings: reset_password: {options: {object, message}})
// names the message whose fields are read from it, reached by attributes
// (through a promise's callback) or by lodash's get(settings, 'a.b');
// an entry of another stored object with the same name stays a config
// parameter, and a path to no stored group names nothing.
func TestStoredMessageGroups(t *testing.T) {
	files := map[string]string{
		"server/content-types/user/index.js": strapiUser,
		"server/content-types/role/index.js": strapiRole,
		"server/bootstrap/index.js": `
module.exports = async ({ strapi }) => {
  const pluginStore = strapi.store({ type: 'plugin', name: 'users-permissions' });
  await pluginStore.set({ key: 'email', value: {
    reset_password: { options: { object: 'Reset password', response_email: '' } },
    email_confirmation: { options: { object: 'Account confirmation', response_email: '' } },
  } });
  await pluginStore.set({ key: 'advanced', value: { email_confirmation: false } });
};
`,
		"server/controllers/auth.js": `
const _ = require('lodash');
module.exports = {
  async forgotPassword(ctx) {
    const { email } = ctx.request.body;
    const pluginStore = await strapi.store({ type: 'plugin', name: 'users-permissions' });
    const emailSettings = await pluginStore.get({ key: 'email' });
    const user = await strapi.query('plugin::users-permissions.user').findOne({ where: { email } });
    const options = _.get(emailSettings, 'reset_password.options', {});
    await strapi.plugin('email').service('email').send({ to: user.email, replyTo: options.response_email });
  },
  async resend(ctx) {
    const { email } = ctx.request.body;
    const pluginStore = await strapi.store({ type: 'plugin', name: 'users-permissions' });
    const advanced = await pluginStore.get({ key: 'advanced' });
    if (!advanced.email_confirmation) {
      throw new ApplicationError('disabled');
    }
    const settings = await pluginStore.get({ key: 'email' }).then((stored) => stored.email_confirmation.options);
    await strapi.plugin('email').service('email').send({ to: email, subject: settings.object });
  },
  async notify(ctx) {
    const { email } = ctx.request.body;
    const pluginStore = await strapi.store({ type: 'plugin', name: 'users-permissions' });
    const emailSettings = await pluginStore.get({ key: 'email' });
    const options = _.get(emailSettings, 'welcome.options', {});
    await strapi.plugin('email').service('email').send({ to: email, replyTo: options.response_email });
  },
};
`,
		"server/routes/content-api/auth.js": `
module.exports = [
  { method: 'POST', path: '/auth/forgot-password', handler: 'auth.forgotPassword' },
  { method: 'POST', path: '/auth/resend', handler: 'auth.resend' },
  { method: 'POST', path: '/auth/notify', handler: 'auth.notify' },
];
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{
			name:      "a group reached by a lodash path names the message",
			construct: "ForgotPassword",
			want:      []string{"template: reset_password"},
		},
		{
			name:      "a group reached through a promise's callback names the message; the other object's entry of that name is config",
			construct: "Resend",
			want:      []string{"requires: config.email_confirmation", "template: email_confirmation"},
		},
		{
			name:      "a path to no stored group names nothing",
			construct: "Notify",
			notWant:   []string{"template: welcome"},
		},
	})
}
