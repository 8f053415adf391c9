package distill

import (
	"strings"
	"testing"
)

// strapiController is a Strapi controller: module.exports = { async
// action(ctx) {...} }, each action a Koa handler given ctx.
const strapiController = `
'use strict';
const { getService } = require('../utils');
const _ = require('lodash');
const crypto = require('crypto');
const { validateResetBody, validateSignupBody } = require('./validation/auth');
module.exports = {
  async confirm(ctx) {
    const { confirmation } = ctx.query;
    const user = await strapi.query('plugin::users-permissions.user').findOne({ where: { provider: confirmation } });
    if (!user) {
      return ctx.badRequest('Invalid token');
    }
    await strapi.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { confirmed: true } });
  },
  async rename(ctx) {
    const { username } = ctx.request.body;
    await strapi.query('plugin::users-permissions.user').update({ where: { id: ctx.state.user.id }, data: { username } });
  },
  async reset(ctx) {
    const { code, password } = await validateResetBody(ctx.request.body);
    const user = await strapi.query('plugin::users-permissions.user').findOne({ where: { provider: code } });
    if (!user) {
      throw new ValidationError('Incorrect code provided');
    }
    await getService('user').edit(user.id, { username: password, password });
  },
  async register(ctx) {
    const params = ctx.request.body;
    await strapi.query('plugin::users-permissions.user').create({ data: { ...params, confirmed: !settings.confirm } });
  },
  async signup(ctx) {
    const params = { ..._.pick(ctx.request.body, ['username', 'email', 'password']), provider: 'local' };
    await validateSignupBody(params);
    const { email, username } = params;
    const newUser = { ...params, email: email.toLowerCase(), username, confirmed: true };
    await getService('user').add(newUser);
  },
  async forgot(ctx) {
    const { email } = ctx.request.body;
    const user = await strapi.query('plugin::users-permissions.user').findOne({ where: { email: email.toLowerCase() } });
    if (!user || user.confirmed) {
      return ctx.send({ ok: true });
    }
    const resetToken = crypto.randomBytes(64).toString('hex');
    await strapi.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { username: resetToken } });
    await strapi.plugin('email').service('email').send({ to: user.email, subject: 'Reset' });
    ctx.send({ ok: true });
  },
  async resend(ctx) {
    const { email } = ctx.request.body;
    const user = await strapi.query('plugin::users-permissions.user').findOne({ where: { email: email.toLowerCase() } });
    if (!user) {
      return ctx.send({ email, sent: true });
    }
    if (user.confirmed) {
      throw new ApplicationError('Already confirmed');
    }
    await strapi.plugin('email').service('email').send({ to: user.email, subject: 'Confirm' });
  },
  async enlist(ctx) {
    const { email } = ctx.request.body;
    const base = { email };
    const values = { ...base };
    await strapi.query('plugin::users-permissions.user').create({ data: values });
  },
  async invite(ctx) {
    const { email } = ctx.request.body;
    await strapi.query('plugin::users-permissions.user').create({ data: { email } });
  },
  async unrouted(ctx) {
    await strapi.query('plugin::users-permissions.user').update({ where: { id: ctx.state.user.id }, data: { confirmed: false } });
  },
};
`

// TestStrapiIdioms pins a Strapi plugin's content API: routes exported as
// data (catalog route_tables.exported) whose handler string names an
// action of a controller module, the Koa context the action is given
// (catalog request_contexts: ctx.request.body, ctx.query, ctx.state.user)
// and the repository of the content type a uid names (catalog
// repositories.uid_queries).
func TestStrapiIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"server/content-types/user/index.js": strings.Replace(strapiUser, "provider: { type: 'string' },",
			"provider: { type: 'string' },\n    password: { type: 'password', private: true },", 1),
		"server/content-types/role/index.js": strapiRole,
		"server/controllers/auth.js":         strapiController,
		"server/services/user.js": `
module.exports = ({ strapi }) => ({
  async add(values) {
    return strapi.entityService.create('plugin::users-permissions.user', { data: values, populate: ['role'] });
  },
  async edit(userId, params = {}) {
    return strapi.entityService.update('plugin::users-permissions.user', userId, { data: params, populate: ['role'] });
  },
});
`,
		"server/utils/index.js": strapiUtils,
		"server/controllers/validation/auth.js": `
const { yup, validateYupSchema } = require('@strapi/utils');
const resetSchema = yup.object({ code: yup.string().required(), password: yup.string().email().required() }).noUnknown();
const signupSchema = yup.object({ email: yup.string().email().required(), username: yup.string().required(), password: yup.string().required() });
module.exports = { validateResetBody: validateYupSchema(resetSchema), validateSignupBody: validateYupSchema(signupSchema) };
`,
		"server/routes/content-api/auth.js": `
module.exports = [
  { method: 'GET', path: '/auth/confirm', handler: 'auth.confirm', config: { prefix: '' } },
  { method: 'POST', path: '/auth/rename', handler: 'auth.rename' },
  { method: 'POST', path: '/auth/reset', handler: 'auth.reset' },
  { method: 'POST', path: '/auth/register', handler: 'auth.register' },
  { method: 'POST', path: '/auth/invite', handler: 'auth.invite' },
  { method: 'POST', path: '/auth/enlist', handler: 'auth.enlist' },
  { method: 'POST', path: '/auth/signup', handler: 'auth.signup' },
  { method: 'POST', path: '/auth/forgot', handler: 'auth.forgot' },
  { method: 'POST', path: '/auth/resend', handler: 'auth.resend' },
  { method: 'POST', path: '/auth/missing', handler: 'auth.missing' },
  { method: 'POST', path: '/auth/other', handler: 'other.confirm' },
];
`,
	}
	tests := []idiomCase{
		{
			name:      "a route's handler string names the controller's action; ctx.query is its input; the uid's repository looks the user up",
			construct: "Confirm",
			want:      []string{"when: Confirm(confirmation)", "let user = User{provider: confirmation}", "requires: exists user", "user.confirmed = true"},
		},
		{
			name:      "ctx.request.body holds the inputs, ctx.state.user is the signed-in user",
			construct: "Rename",
			want:      []string{"when: Rename(", "username = username"},
		},
		{
			name:      "a validator made of a yup schema gives the body back; getService('user').edit follows into the service's factory, entityService.update(uid, id, {data}) into the uid's repository",
			construct: "Reset",
			want: []string{"when: Reset(code, password)", "let user = User{provider: code}", "requires: is_valid_email(password)", "requires: exists user", "user.username = password",
				// A field of type password is stored hashed (object_models.hashed_types).
				"user.password = hash(password)"},
		},
		{
			// Strapi's register (auth.js:343-395): the body narrowed by
			// lodash's pick (catalog key_projections) and spread into a
			// literal, validated, then spread again into the values add()
			// creates the row from.
			name:      "a literal spreading the request's input: its keys are inputs, and a creation spreading it sets the fields the rule reads",
			construct: "Signup",
			want: []string{"when: Signup(email, username, password)", "requires: is_valid_email(email)",
				"email: lowercase(email),", "username: username,", "password: hash(password),", `provider: "local",`, "confirmed: true"},
			notWant: []string{"state: invited"},
		},
		{
			// Strapi's forgotPassword (auth.js:244): an unknown address is
			// answered as a known one is, so its test is no precondition;
			// the email plugin's service sends (catalog sinks:
			// service.email.send).
			name:      "an early answer through ctx for a row found by another key makes the rest conditional; strapi.plugin('email').service('email').send is an email",
			construct: "Forgot",
			// Node's buf.toString('hex') is the random bytes as text.
			want:    []string{"if exists user and not user.confirmed:", "user.username = random_key()", "Email.created(to: user.email"},
			notWant: []string{"requires: exists user", "requires: not user.confirmed"},
		},
		{
			// Strapi's sendEmailConfirmation (auth.js:452-462): the refusal
			// after the early answer holds only where the row exists.
			name:      "a refusal after an early answer holds where the row exists",
			construct: "Resend",
			want:      []string{"requires: not exists user or not user.confirmed", "if exists user:", "Email.created(to: user.email"},
			notWant:   []string{"requires: exists user"},
		},
		{
			// A spread of a literal read whole is read whole too.
			name:      "a creation spreading a literal built in code states its entries and the defaults",
			construct: "Enlist",
			want:      []string{"User.created(email: email, confirmed: false, state: invited)"},
		},
		{
			// Values read whole: the defaults hold for what they leave out.
			name:      "a creation's defaults hold where its values are read whole",
			construct: "Invite",
			want:      []string{"User.created(email: email, confirmed: false, state: invited)"},
		},
		{
			// A spread of the body, and a default field set to a value the
			// spec cannot state: the defaults may not hold, and are not
			// stated (Strapi's register, auth.js:395 -> services/user.js:38).
			name:      "a creation whose values are read in part states no defaults",
			construct: "Register",
			want:      []string{"ensures: User.created()"},
			notWant:   []string{"confirmed: false", "state: invited"},
		},
	}
	out := distilText(t, d, files)
	checkConstructs(t, out, tests)
	// An action no route names is no handler; a route naming no action,
	// or no controller module, is no rule.
	for _, name := range []string{"Unrouted", "Missing", "Other"} {
		if construct(out.Module, name) != "" {
			t.Errorf("a rule %s, which no route resolves to:\n%s", name, construct(out.Module, name))
		}
	}
}
