package distill

import "testing"

const factoryUserModel = `
const mongoose = require('mongoose');
const userSchema = mongoose.Schema({
  name: { type: String },
  email: { type: String, unique: true, lowercase: true },
  role: { type: String, default: 'user' },
});
const User = mongoose.model('User', userSchema);
module.exports = User;
`

// factoryValidations are the schemas by part of the request, kept in a
// module of their own (node-express-boilerplate's validations/
// user.validation.js and express-rest-boilerplate's auth.validation.js):
// as Joi objects, or as plain objects of field schemas.
const factoryValidations = `
const Joi = require('joi');
const createUser = {
  body: Joi.object().keys({
    email: Joi.string().required().email(),
    name: Joi.string().required(),
  }),
};
const updateUser = {
  body: Joi.object().keys({
    email: Joi.string().email(),
    name: Joi.string(),
  }).min(1),
};
module.exports = {
  createUser,
  updateUser,
  register: {
    body: {
      email: Joi.string().email().required(),
      name: Joi.string().max(128),
    },
  },
};
`

// TestSchemaMiddlewareFactories pins the request schemas a route's
// middleware is made from by a call: a function of the service that
// compiles the object of schemas by part it is given (node-express-
// boilerplate's validate(schema), middlewares/validate.js:6-19:
// Joi.compile(pick(schema, [...])).validate(...), refused on error), and
// express-validation's validate, given plain objects of field schemas
// (express-rest-boilerplate's routes/v1/auth.route.js:44). The body then
// has the schema's keys: a copy of it onto a row sets each (Object.assign,
// services/user.service.js:63), and a key Joi leaves optional (marked
// neither way: Joi's default) is set, and checked, only when given. A
// lodash omit of one named key takes it out (auth.controller.js:33). A
// factory that compiles nothing gives no keys.
func TestSchemaMiddlewareFactories(t *testing.T) {
	validate := func(compiles bool) string {
		check := "Joi.compile(validSchema).prefs({ abortEarly: false }).validate(object)"
		if !compiles {
			check = "{ value: object, error: null }"
		}
		return `
const Joi = require('joi');
const pick = require('../utils/pick');
const validate = (schema) => (req, res, next) => {
  const validSchema = pick(schema, ['params', 'query', 'body']);
  const object = pick(req, Object.keys(validSchema));
  const { value, error } = ` + check + `;
  if (error) {
    return next(new Error('invalid'));
  }
  Object.assign(req, value);
  return next();
};
module.exports = validate;
`
	}
	const routes = `
const express = require('express');
const validate = require('../middlewares/validate');
const expressValidation = require('express-validation');
const { omit } = require('lodash');
const userValidation = require('../validations/user.validation');
const { register } = require('../validations/user.validation');
const User = require('../models/user.model');
const router = express.Router();
router.post('/users', validate(userValidation.createUser), createUser);
router.patch('/users/:userId', validate(userValidation.updateUser), updateUser);
router.post('/register', expressValidation(register), registerUser);
async function createUser(req, res) {
  const user = await User.create(req.body);
  res.status(201).send(user);
}
async function updateUser(req, res) {
  const user = await User.findById(req.params.userId);
  if (!user) {
    throw new Error('not found');
  }
  Object.assign(user, req.body);
  await user.save();
  res.send(user);
}
async function registerUser(req, res) {
  const userData = omit(req.body, 'name');
  const user = await new User(userData).save();
  res.status(201).json(user);
}
module.exports = router;
`
	tests := []struct {
		name     string
		compiles bool
		cases    []idiomCase
	}{
		{"a factory that compiles its schemas", true, []idiomCase{
			{name: "the required keys, checked", construct: "CreateUser",
				want: []string{"when: CreateUser(email, name)", "requires: is_valid_email(email)", "User.created(email: lowercase(email), name: name)"}},
			{name: "the optional keys, checked and set when given", construct: "UpdateUser",
				want: []string{"requires: not exists email or is_valid_email(email)", "if exists email:\n            user.email = lowercase(email)",
					"if exists name:\n            user.name = name"}},
			{name: "express-validation's plain object, less the omitted key", construct: "RegisterUser",
				want:    []string{"requires: is_valid_email(email)", "User.created(email: lowercase(email)"},
				notWant: []string{"name: name"}},
		}},
		{"a factory that compiles nothing", false, []idiomCase{
			{name: "no keys", construct: "CreateUser",
				notWant: []string{"email: lowercase(email)", "is_valid_email"}},
			{name: "express-validation still reads its schema", construct: "RegisterUser",
				want: []string{"requires: is_valid_email(email)"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runIdiomCases(t, map[string]string{
				"src/models/user.model.js":           factoryUserModel,
				"src/validations/user.validation.js": factoryValidations,
				"src/middlewares/validate.js":        validate(tt.compiles),
				"src/routes/user.route.js":           routes,
			}, tt.cases)
		})
	}
}

// TestExportedNamesTable pins an entry of another module's exported names
// table (module.exports = {Admin: 'Admin', User: 'User'}, express-signup-
// verification's _helpers/role.js) read as the name it spells: the
// owner-or-admin guard of accounts.controller.js:210 is a precondition,
// not a guard left out. A module whose entries are not all names gives
// nothing.
func TestExportedNamesTable(t *testing.T) {
	const model = `
const mongoose = require('mongoose');
const schema = new mongoose.Schema({ email: String, role: String });
module.exports = mongoose.model('Account', schema);
`
	routes := `
const express = require('express');
const Account = require('../models/account');
const Role = require('../helpers/role');
const router = express.Router();
router.post('/accounts', create);
async function create(req, res) {
  if (req.body.role === Role.Admin) {
    return res.status(403).json({ message: 'Forbidden' });
  }
  await Account.create({ email: req.body.email, role: Role.User });
  res.json({});
}
module.exports = router;
`
	for _, tt := range []struct {
		name, roles string
		cases       []idiomCase
	}{
		{"a names table", "module.exports = { Admin: 'Admin', User: 'User' };", []idiomCase{
			{name: "the names compared and stored", construct: "Create",
				// The role path takes the table's names as its states
				// (name_tables_test.go): the value stored is the state
				// user; the input compared is no field, its string kept.
				want: []string{`requires: role != "Admin"`, `Account.created(email: email, role: user)`}},
		}},
		{"settings, not names", "module.exports = { Admin: 'root', User: 'member' };", []idiomCase{
			{name: "nothing read as a name", construct: "Create",
				notWant: []string{`"Admin"`, `"User"`}},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			runIdiomCases(t, map[string]string{
				"src/models/account.js": model,
				"src/helpers/role.js":   tt.roles,
				"src/routes/account.js": routes,
			}, tt.cases)
		})
	}
}

// TestCountMethods pins Mongoose's Model.countDocuments(filter), a count
// method of the catalog, as the number of rows its filter matches:
// express-signup-verification's first account is an admin
// (account.service.js:90-91, isFirstAccount = (await
// db.Account.countDocuments({})) === 0; role = isFirstAccount ? Role.Admin
// : Role.User), stated as a conditional value over all the entity's rows;
// a filter the walk cannot read leaves the value a note.
func TestCountMethods(t *testing.T) {
	const model = `
const mongoose = require('mongoose');
const schema = new mongoose.Schema({ email: String, role: String });
module.exports = mongoose.model('Account', schema);
`
	routes := func(filter string) string {
		return `
const express = require('express');
const Account = require('../models/account');
const Role = require('../helpers/role');
const router = express.Router();
router.post('/accounts', register);
async function register(req, res) {
  const account = new Account({ email: req.body.email });
  const isFirstAccount = (await Account.countDocuments(` + filter + `)) === 0;
  account.role = isFirstAccount ? Role.Admin : Role.User;
  await account.save();
  res.json({});
}
module.exports = router;
`
	}
	for _, tt := range []struct {
		name, filter string
		cases        []idiomCase
	}{
		{"no filter: the entity's rows", "{}", []idiomCase{
			{name: "the first row's value", construct: "Register",
				want: []string{`role: (if Accounts.count = 0: "Admin" else: "User")`}},
		}},
		{"a filter the walk cannot read", "req.query.filter", []idiomCase{
			{name: "no value", construct: "Register", notWant: []string{"role:", "Accounts"}},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			runIdiomCases(t, map[string]string{
				"src/models/account.js": model,
				"src/helpers/role.js":   "module.exports = { Admin: 'Admin', User: 'User' };",
				"src/routes/account.js": routes(tt.filter),
			}, tt.cases)
		})
	}
}
