package distill

import "testing"

// validatorModuleFiles is kutt's shape: the routes name express-validator
// chains kept as arrays in a module of their own (validators.signup),
// between the path and the handler, beside custom checks written as
// functions of the input and the request.
func validatorModuleFiles() map[string]string {
	return map[string]string{
		"src/models/user.model.js": knexTables,
		"src/handlers/validators.js": `
const { body } = require("express-validator");
const bcrypt = require("bcryptjs");
const knex = require("../knex");

const signup = [
  body("email").trim().isEmail().isLength({ max: 255, min: 0 }),
  body("password", "bad password").isLength({ max: 64, min: 8 }).withMessage("8 to 64 characters"),
];

const newKey = [
  body("apikey").isLength({ min: 8 }),
  body("email").isLength({ min: 1, max: 255 }).isEmail(),
  body("name").isLength({ min: 1 }),
  body("repeat_apikey").custom((repeat, { req }) => {
    return repeat === req.body.apikey;
  }),
];

const remove = [
  body("key")
    .custom(async (key, { req }) => {
      const isMatch = await bcrypt.compare(key, req.user.apikey);
      if (!isMatch) return Promise.reject();
    }),
];

const opaque = [
  body("email").custom(async (value, { req }) => {
    await audit(value);
  }),
  body("apikey").custom(async (value) => {
    const made = await knex("users").insert({ email: value });
    if (!made) return Promise.reject();
  }),
];

async function audit(value) {
  console.log(value);
}

module.exports = { signup, newKey, remove, opaque };
`,
		"src/routes/users.js": `
const { Router } = require("express");
const validators = require("../handlers/validators");
const users = require("../handlers/users");
const asyncHandler = require("../utils/asyncHandler");
const router = Router();
router.post("/signup", validators.signup, asyncHandler(users.signup));
router.post("/key", validators.newKey, asyncHandler(users.newKey));
router.post("/remove", validators.remove, asyncHandler(users.remove));
router.post("/touch", validators.opaque, asyncHandler(users.touch));
module.exports = router;
`,
		"src/handlers/users.js": `
const knex = require("../knex");
async function signup(req, res) {
  await knex("users").insert({ email: req.body.email });
  res.send();
}
async function newKey(req, res) {
  await knex("users").where("id", req.user.id).update({ apikey: req.body.apikey });
  res.send();
}
async function remove(req, res) {
  await knex("users").where("id", req.user.id).del();
  res.send();
}
async function touch(req, res) {
  await knex("users").insert({ email: req.body.email });
  res.send();
}
module.exports = { signup, newKey, remove, touch };
`,
	}
}

// TestValidatorModules: the chains a route's middleware names through a
// module constant are the handler's preconditions, a lower length bound
// of 0 states nothing (nor one of 1 beside an email check), and a custom check holds what its function returns
// or the negation of its refusing guards; one that does anything else is
// left out.
func TestValidatorModules(t *testing.T) {
	runIdiomCases(t, validatorModuleFiles(), []idiomCase{
		{
			name:      "the chains of a validators module",
			construct: "Signup",
			want: []string{"requires: length(password) >= config.min_password_length", "requires: length(password) <= config.max_password_length",
				"requires: length(email) <= config.max_email_length", "requires: is_valid_email(email)"},
			notWant: []string{"length(email) >= 0"},
		},
		{
			name:      "a custom check that returns a comparison",
			construct: "NewKey",
			want:      []string{"requires: repeat_apikey = apikey", "requires: is_valid_email(email)", "requires: length(name) >= 1"},
			notWant:   []string{"length(email) >= 1"},
		},
		{
			name:      "a custom check whose guard returns a rejection",
			construct: "Remove",
			want:      []string{"requires: verify(key, user.apikey)"},
		},
		{
			name:      "a custom check that does something else, or changes state, states nothing",
			construct: "Touch",
			want:      []string{"ensures: User.created(email: email"},
			notWant:   []string{"requires:", "email: apikey"},
		},
	})
}

// TestValidatorModuleProvenance: a check of a validators module is stated
// at its line in that module, not at the handler's file.
func TestValidatorModuleProvenance(t *testing.T) {
	wantRequiresFrom(t, validatorModuleFiles(), "Signup", "src/handlers/validators.js")
}

// TestChainBoundNames: a qualifier run into the input's name
// (currentpassword, newpassword, as kutt's changePassword chain names
// them) is left out of the bound's name as old_password's is, when what
// follows it is a field some entity declares; newsletter keeps its name.
// A chain whose minimum and maximum are one number states the exact
// length (a UUID's 36 characters), no bounds.
func TestChainBoundNames(t *testing.T) {
	files := map[string]string{
		"src/migrations.js": `
async function up(knex) {
  await knex.schema.createTable("users", table => {
    table.increments("id").primary();
    table.string("email").unique().notNullable();
    table.string("password").notNullable();
    table.string("newsletter");
    table.string("reset_token");
  });
}
module.exports = { up };
`,
		"src/routes.js": `
const { body } = require("express-validator");
const knex = require("./knex");
const express = require("express");
const router = express.Router();
const change = [
  body("currentpassword").isLength({ min: 8, max: 64 }),
  body("newpassword").isLength({ min: 8, max: 64 }),
  body("newsletter").isLength({ min: 2, max: 20 }),
  body("reset_token").isLength({ min: 36, max: 36 }),
];
router.post("/change", change, async (req, res) => {
  await knex("users").where("id", req.user.id).update({ password: req.body.newpassword, newsletter: req.body.newsletter });
  res.send();
});
module.exports = router;
`,
	}
	runIdiomCases(t, files, []idiomCase{{
		name:      "qualifiers run into the name, and one exact length",
		construct: "Change",
		want: []string{"requires: length(currentpassword) >= config.min_password_length", "requires: length(newpassword) <= config.max_password_length",
			"requires: length(newsletter) >= config.min_newsletter_length", "requires: length(reset_token) = 36"},
		notWant: []string{"min_currentpassword_length", "min_sletter_length", "reset_token_length"},
	}})
}
