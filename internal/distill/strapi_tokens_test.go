package distill

import (
	"fmt"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// strapiBootstrap is a Strapi plugin's bootstrap that stores the advanced
// settings' defaults, value, in the plugin store (catalog settings_stores).
func strapiBootstrap(value string) string {
	return `
const initAdvancedOptions = async (pluginStore) => {
  if (!(await pluginStore.get({ key: 'advanced' }))) {
    const value = ` + value + `;
    await pluginStore.set({ key: 'advanced', value });
  }
};
module.exports = async ({ strapi }) => {
  const pluginStore = strapi.store({ type: 'plugin', name: 'users-permissions' });
  await initAdvancedOptions(pluginStore);
};
`
}

// strapiUtils is the plugin's service locator module (catalog
// service_locators: getService('user') is services/user.js's object).
const strapiUtils = `
const getService = (name) => strapi.plugin('users-permissions').service(name);
module.exports = { getService };
`

// strapiTokenFiles is a Strapi plugin whose jwt service signs with the
// options the plugin's config gives (catalog config_mounts and
// object_defaults): issue(payload, jwtOptions = {}) fills jwtOptions from
// strapi.config.get(<getterKey>) and signs _.clone(payload.toJSON ?
// payload.toJSON() : payload).
func strapiTokenFiles(getterKey, issueArg string) map[string]string {
	return map[string]string{
		"server/content-types/user/index.js": strapiUser,
		"server/content-types/role/index.js": strapiRole,
		"server/config.js": `
'use strict';
module.exports = {
  default: ({ env }) => ({
    jwtSecret: env('JWT_SECRET'),
    jwt: { expiresIn: '30d' },
  }),
  validator() {},
};
`,
		"server/services/jwt.js": `
'use strict';
const _ = require('lodash');
const jwt = require('jsonwebtoken');
module.exports = ({ strapi }) => ({
  issue(payload, jwtOptions = {}) {
    _.defaults(jwtOptions, strapi.config.get('` + getterKey + `'));
    return jwt.sign(
      _.clone(payload.toJSON ? payload.toJSON() : payload),
      strapi.config.get('plugin.users-permissions.jwtSecret'),
      jwtOptions
    );
  },
});
`,
		"server/services/user.js": `
module.exports = ({ strapi }) => ({
  async add(values) {
    return strapi.entityService.create('plugin::users-permissions.user', { data: values, populate: ['role'] });
  },
  async edit(userId, params = {}) {
    return strapi.entityService.update('plugin::users-permissions.user', userId, { data: params });
  },
  async markEmail(user) {
    await this.edit(user.id, { provider: 'email' });
  },
});
`,
		"server/bootstrap/index.js": strapiBootstrap("{ email_confirmation: false }"),
		"server/utils/index.js":     strapiUtils,
		"server/controllers/auth.js": `
'use strict';
const _ = require('lodash');
const { getService } = require('../utils');
const { sanitize } = require('@strapi/utils');
module.exports = {
  async signup(ctx) {
    const settings = await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' });
    const { email, username } = ctx.request.body;
    const user = await getService('user').add({ email: email.toLowerCase(), username, provider: 'local' });
    if (settings.email_confirmation) {
      await strapi.query('plugin::users-permissions.user').update({ where: { id: user.id }, data: { state: 'invited' } });
      return ctx.send({ ok: true });
    }
    const jwt = getService('jwt').issue(` + issueArg + `);
    return ctx.send({ jwt });
  },
  async refresh(ctx) {
    const user = await strapi.entityService.findOne('plugin::users-permissions.user', ctx.state.user.id);
    ctx.send({ jwt: getService('jwt').issue({ id: user.id }), user });
  },
  async mark(ctx) {
    const user = await strapi.query('plugin::users-permissions.user').findOne({ where: { email: ctx.request.body.email } });
    if (!user) {
      return ctx.send({ ok: true });
    }
    await getService('user').markEmail(sanitize.contentAPI.output(user, schema, { auth: ctx.state.auth }));
    ctx.send({ ok: true });
  },
  async lost(ctx) {
    const user = await strapi.plugin('other').service('finder').find(ctx.request.body.identifier);
    return ctx.send({ jwt: getService('jwt').issue({ id: user.id }) });
  },
};
`,
		"server/routes/content-api/auth.js": `
module.exports = [
  { method: 'POST', path: '/auth/signup', handler: 'auth.signup' },
  { method: 'POST', path: '/auth/refresh', handler: 'auth.refresh' },
  { method: 'POST', path: '/auth/lost', handler: 'auth.lost' },
  { method: 'POST', path: '/auth/mark', handler: 'auth.mark' },
];
`,
	}
}

// TestStrapiSignedTokens pins the token Strapi's jwt service issues: its
// lifetime is the plugin config's jwt.expiresIn (mounted at
// plugin.users-permissions, filled into the options by _.defaults), the
// setting named by its key; its user is the row the payload projects
// (_.pick(user, ['id']), or {id: user.id}) through the toJSON-when-able
// copy; the row created before the branch is named by a let that both
// paths of the joined rule share.
func TestStrapiSignedTokens(t *testing.T) {
	cases := []struct {
		name, getterKey, issueArg string
		want, notWant             []string
	}{
		{name: "the plugin's config section gives the lifetime; _.pick names the user",
			getterKey: "plugin.users-permissions.jwt", issueArg: "_.pick(user, ['id'])",
			want: []string{"jwt_expires_in: Duration = 30.days", "let user = User.created(",
				"SignedToken.created(user: user, expires_at: now + config.jwt_expires_in)", "if config.email_confirmation:", "else:"}},
		{name: "an object literal payload names the user too",
			getterKey: "plugin.users-permissions.jwt", issueArg: "{ id: user.id }",
			want: []string{"SignedToken.created(user: user, expires_at: now + config.jwt_expires_in)"}},
		{name: "a key under no catalogued mount reads no section: no lifetime",
			getterKey: "server.users-permissions.jwt", issueArg: "_.pick(user, ['id'])",
			want:    []string{"SignedToken.created(user: user)"},
			notWant: []string{"30.days", "expires_at: now"}},
		{name: "a projection by keys that are not literals names no user",
			getterKey: "plugin.users-permissions.jwt", issueArg: "_.pick(user, fields)",
			want:    []string{"SignedToken.created(expires_at: now + config.jwt_expires_in)"},
			notWant: []string{"user: user"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runIdiomCases(t, strapiTokenFiles(c.getterKey, c.issueArg),
				[]idiomCase{{name: c.name, construct: "Signup", want: c.want, notWant: c.notWant}})
		})
	}
}

// TestJoinedPathsShareANamedCreation pins that two paths of one handler
// whose first outcome is the same creation, named by a let on the path
// that reads it only, join into one rule that keeps the let.
func TestJoinedPathsShareANamedCreation(t *testing.T) {
	files := strapiTokenFiles("plugin.users-permissions.jwt", "_.pick(user, ['id'])")
	d := New(Options{})
	defer d.Close()
	text := string(allium.Print(distilText(t, d, files).Module, allium.PrintOptions{}))
	if n := strings.Count(text, "rule Signup"); n != 1 {
		t.Fatalf("want one rule Signup, got %d:\n%s", n, text)
	}
	if strings.Contains(text, "\n        User.created(") {
		t.Errorf("the joined rule states the creation unnamed:\n%s", text)
	}
}

// TestStrapiResponseTokens pins a token issued while the response is
// built (ctx.send({jwt: getService('jwt').issue(...)}), the object read
// as the call's keywords) for the row the entity service's findOne(uid,
// id) finds by its id (the signed-in user's here), and none stated for a
// row the walk could not read ({id: user.id} of a user found by code it
// does not follow): a token for no one would misstate it, so the action
// has no rule.
func TestStrapiResponseTokens(t *testing.T) {
	files := strapiTokenFiles("plugin.users-permissions.jwt", "_.pick(user, ['id'])")
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{{name: "findOne(uid, id) finds the row by its id; the response's entry issues its token",
		construct: "Refresh", want: []string{"SignedToken.created(user: current_user, expires_at: now + config.jwt_expires_in)"}}})
	if text := string(allium.Print(out.Module, allium.PrintOptions{})); strings.Contains(text, "rule Lost") {
		t.Errorf("a token for a row the walk could not read is stated:\n%s", text)
	}
}

// TestStrapiServiceThis pins `this` in a function of a service object a
// locator answered (getService('user').markEmail(u) calling
// this.edit(...)): the same object, whose edit runs; and the row
// sanitize.contentAPI.output gives back (catalog transparent_args) is
// the row it was given.
func TestStrapiServiceThis(t *testing.T) {
	runIdiomCases(t, strapiTokenFiles("plugin.users-permissions.jwt", "_.pick(user, ['id'])"), []idiomCase{{
		name: "this.edit of the located service object, on the sanitized row", construct: "Mark",
		want: []string{"let user = User{email}", `user.provider = "email"`}}})
}

// TestOrFilterKeys pins a row count refused when not zero
// (count({where}) > 0, throw) as the precondition that no such row
// exists, and a filter listing alternatives under a catalogued key
// (or_filter_keys: {$or: [...]}) as one such precondition per
// alternative, each with the filter's other conditions; an alternative
// the walk cannot read leaves the test out.
func TestOrFilterKeys(t *testing.T) {
	controller := func(filter, where string) string {
		return `
'use strict';
module.exports = {
  async join(ctx) {
    const { email, username } = ctx.request.body;
    ` + filter + `
    const n = await strapi.query('plugin::users-permissions.user').count({ where: ` + where + ` });
    if (n > 0) {
      throw new ApplicationError('taken');
    }
    await strapi.query('plugin::users-permissions.user').create({ data: { email, username } });
  },
};
`
	}
	cases := []struct {
		name, filter, where string
		want, notWant       []string
	}{
		{name: "a count refused when not zero: no such row", where: "{ email }",
			want: []string{"requires: not exists User{email}"}},
		{name: "each alternative of $or, with the other conditions",
			filter: "const f = { $or: [{ email: email.toLowerCase() }, { username }] };", where: "{ ...f, provider: 'local' }",
			want: []string{`requires: not exists User{provider: "local", email: lowercase(email)}`,
				`requires: not exists User{provider: "local", username}`}},
		{name: "an alternative the walk cannot read leaves the test out",
			filter: "const f = { $or: [{ email }, { nickname: username }] };", where: "{ ...f }",
			notWant: []string{"requires: not exists User"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := strapiTokenFiles("plugin.users-permissions.jwt", "_.pick(user, ['id'])")
			files["server/controllers/auth.js"] = controller(c.filter, c.where)
			files["server/routes/content-api/auth.js"] = `module.exports = [{ method: 'POST', path: '/auth/join', handler: 'auth.join' }];`
			runIdiomCases(t, files, []idiomCase{{name: c.name, construct: "Join", want: c.want, notWant: c.notWant}})
		})
	}
}

// TestSameAsSchemaCheck pins a schema field whose only allowed value is a
// reference to another field (yup's oneOf([yup.ref('password')]), catalog
// object_schemas.refs) as the precondition that the two are equal; a
// oneOf of literal values says nothing of another field.
func TestSameAsSchemaCheck(t *testing.T) {
	cases := []struct {
		name, oneOf   string
		want, notWant []string
	}{
		{name: "a reference to another field: the two are equal", oneOf: "[yup.ref('password')]",
			want: []string{"requires: password = password_confirmation"}},
		{name: "literal values: no equality with another field", oneOf: "['secret']",
			notWant: []string{"password = password_confirmation"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := strapiTokenFiles("plugin.users-permissions.jwt", "_.pick(user, ['id'])")
			files["server/controllers/validation/auth.js"] = `
const { yup, validateYupSchema } = require('@strapi/utils');
const changeSchema = yup.object({
  password: yup.string().required(),
  passwordConfirmation: yup.string().required().oneOf(` + c.oneOf + `, 'Passwords do not match'),
});
module.exports = { validateChangeBody: validateYupSchema(changeSchema) };
`
			files["server/controllers/auth.js"] = `
'use strict';
const { validateChangeBody } = require('./validation/auth');
module.exports = {
  async change(ctx) {
    const { password } = await validateChangeBody(ctx.request.body);
    await strapi.query('plugin::users-permissions.user').update({ where: { id: ctx.state.user.id }, data: { username: password } });
  },
};
`
			files["server/routes/content-api/auth.js"] = `module.exports = [{ method: 'POST', path: '/auth/change', handler: 'auth.change' }];`
			runIdiomCases(t, files, []idiomCase{{name: c.name, construct: "Change", want: c.want, notWant: c.notWant}})
		})
	}
}

// TestOneValueAlternativesLookup pins a lookup of one row whose $or lists
// one value in several fields (Strapi's callback: the local user whose
// email, lower-cased, or username is the identifier) as the row found by
// that value in any of them, the other equalities given by name; a
// branch taken when an input equals a literal reads the input as that
// literal. Alternatives on different values, or of two fields each, are
// the first alternative's row, else the next's (firstAlternativeRow); an
// alternative the walk cannot read leaves the lookup out.
func TestOneValueAlternativesLookup(t *testing.T) {
	controller := func(where string) string {
		return `
'use strict';
module.exports = {
  async callback(ctx) {
    const provider = ctx.params.provider || 'local';
    const { identifier, password, nickname } = ctx.request.body;
    if (provider === 'local') {
      const user = await strapi.query('plugin::users-permissions.user').findOne({ where: ` + where + ` });
      if (!user) {
        throw new ValidationError('Invalid identifier or password');
      }
      return ctx.send({ jwt: getService('jwt').issue({ id: user.id }) });
    }
    throw new ApplicationError('This provider is disabled');
  },
};
`
	}
	cases := []struct {
		name, where string
		want        []string
	}{
		{name: "one value in either field, the branch's literal for the input",
			where: "{ provider, $or: [{ email: identifier.toLowerCase() }, { username: identifier }] }",
			want: []string{`let user = user_by_email_or_username(identifier, provider: "local")`, "requires: exists user",
				"SignedToken.created(user: user"}},
		{name: "without other conditions",
			where: "{ $or: [{ username: identifier }, { email: identifier }] }",
			want:  []string{"let user = user_by_username_or_email(identifier)"}},
		{name: "two values are the first alternative's row, else the next's",
			where: "{ provider, $or: [{ email: identifier }, { username: nickname }] }",
			want:  []string{`let user = User{provider: "local", email: identifier} ?? User{provider: "local", username: nickname}`}},
		{name: "so is an alternative of two fields",
			where: "{ $or: [{ email: identifier, provider }, { username: identifier }] }",
			want:  []string{`let user = User{email: identifier, provider: "local"} ?? User{username: identifier}`}},
		{name: "an alternative the walk cannot read is no such lookup",
			where: "{ $or: [{ email: identifier }, pick(identifier)] }"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := strapiTokenFiles("plugin.users-permissions.jwt", "_.pick(user, ['id'])")
			files["server/utils/index.js"] = strapiUtils
			files["server/controllers/auth.js"] = controller(c.where)
			files["server/routes/content-api/auth.js"] = `module.exports = [{ method: 'POST', path: '/auth/local', handler: 'auth.callback' }];`
			if c.want != nil {
				runIdiomCases(t, files, []idiomCase{{name: c.name, construct: "Callback", want: c.want}})
				return
			}
			// Without its lookup the handler states nothing: no rule, and
			// the lookup is noted as left out.
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, files)
			if got := construct(out.Module, "Callback"); got != "" {
				t.Errorf("rule Callback distilled:\n%s", got)
			}
			if !strings.Contains(fmt.Sprint(out.Notes), "the lookup of user left out") {
				t.Errorf("no note of the lookup left out: %v", out.Notes)
			}
		})
	}
}
