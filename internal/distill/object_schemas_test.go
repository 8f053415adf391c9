package distill

import "testing"

// TestObjectSchemaIdioms pins request validation by object schemas: a
// schema applied to the request's body by a call that gives it back or
// throws makes the body's fields the trigger's parameters and each
// field's checks preconditions on them; a field its chain marks optional
// has its checks only when given (x = null or ...), one optional by its
// builder's default has none, and a call that answers a result object
// (Joi's validate) is not read as the input.
func TestObjectSchemaIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	model := `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: { type: String, required: true }, passwordHash: { type: String, required: true }, age: Number });
module.exports = mongoose.model('User', userSchema);
`
	tests := []struct {
		name      string
		routes    string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name: "zod: a module schema parsed from req.body; email, min length, an optional field's checks hold when it is given",
			routes: `
const { z } = require('zod');
const signup = z.object({ email: z.string().email(), password: z.string().min(12).max(72), age: z.number().min(18).optional() });
router.post('/signup', async (req, res) => {
  const { email, password, age } = signup.parse(req.body);
  await User.create({ email, age, passwordHash: await bcrypt.hash(password, 10) });
  res.status(201).end();
});
`,
			construct: "Signup",
			want: []string{"when: Signup(email, password, age)", "requires: is_valid_email(email)",
				"requires: length(password) >= config.min_password_length", "requires: length(password) <= config.max_password_length",
				"min_password_length: Integer = 12", "requires: not exists age or age >= config.min_age"},
			notWant: []string{"requires: age >="},
		},
		{
			name: "zod: nullish and optional text fields, the chain's modifier before or after its checks; an optional field without checks states nothing",
			routes: `
const { z } = require('zod');
const rename = z.object({ name: z.string().max(40).nullish(), bio: z.string().optional().max(200), tag: z.string().optional() });
router.post('/rename', async (req, res) => {
  const { name, bio, tag } = rename.parse(req.body);
  await User.create({ email: name, passwordHash: bio + tag });
  res.status(201).end();
});
`,
			construct: "Rename",
			want: []string{"requires: not exists name or length(name) <= config.max_name_length",
				"requires: not exists bio or length(bio) <= config.max_bio_length"},
			notWant: []string{"requires: length(", "not exists tag"},
		},
		{
			// Joi leaves a key marked neither way optional and checks it
			// when given, as an explicit .optional() does.
			name: "Joi: an explicit .optional() field's checks hold when given, and so do a field's optional by default",
			routes: `
const Joi = require('joi');
router.post('/profile', async (req, res) => {
  const body = await Joi.object({ email: Joi.string().email().optional(), password: Joi.string().min(10) }).validateAsync(req.body);
  await User.create({ email: body.email, passwordHash: await bcrypt.hash(body.password, 10) });
  res.status(201).end();
});
`,
			construct: "Profile",
			want: []string{"requires: not exists email or is_valid_email(email)",
				"requires: not exists password or length(password) >= config.min_password_length"},
			notWant: []string{"requires: length(password)"},
		},
		{
			name: "Joi: validateAsync of a schema written in place; a field optional by default is checked when given; a number's min bounds its value",
			routes: `
const Joi = require('joi');
router.post('/register', async (req, res) => {
  const body = await Joi.object({ email: Joi.string().email().required(), age: Joi.number().min(18).required(), password: Joi.string().min(10) }).validateAsync(req.body);
  await User.create({ email: body.email, age: body.age, passwordHash: await bcrypt.hash(body.password, 10) });
  res.status(201).end();
});
`,
			construct: "Register",
			want: []string{"requires: is_valid_email(email)", "requires: age >= config.min_age", "min_age: Integer = 18", "User.created(email: email, age: age, password_hash: hash(password))",
				"requires: not exists password or length(password) >= config.min_password_length"},
			notWant: []string{"requires: length(password)"},
		},
		{
			name: "Joi's validate answers {error, value}, not the input: no preconditions from it",
			routes: `
const Joi = require('joi');
const schema = Joi.object({ email: Joi.string().email().required() });
router.post('/invite', async (req, res) => {
  schema.validate(req.body);
  await User.create({ email: req.body.email, passwordHash: 'x' });
  res.status(201).end();
});
`,
			construct: "Invite",
			notWant:   []string{"is_valid_email"},
			want:      []string{"when: Invite(email)"},
		},
		{
			name: "celebrate middleware with a computed BODY key and Joi.object().keys(); a field optional by default is checked when given",
			routes: `
const { celebrate, Joi, Segments } = require('celebrate');
router.post('/join', celebrate({ [Segments.BODY]: Joi.object().keys({ email: Joi.string().email().required(), password: Joi.string().min(8).required(), name: Joi.string().max(50) }) }), async (req, res) => {
  await User.create({ email: req.body.email, passwordHash: await bcrypt.hash(req.body.password, 10) });
  res.status(201).end();
});
`,
			construct: "Join",
			want: []string{"when: Join(email, password, name)", "requires: is_valid_email(email)", "requires: length(password) >= config.min_password_length",
				"requires: not exists name or length(name) <= config.max_name_length"},
			notWant: []string{"requires: length(name)"},
		},
		{
			name: "express-validator chains as route middleware, one alone and two in a list",
			routes: `
const { body } = require('express-validator');
router.post('/signup', body('email').isEmail(), [body('password').isLength({ min: 8 }), body('confirm').equals('yes')], async (req, res) => {
  await User.create({ email: req.body.email, passwordHash: await bcrypt.hash(req.body.password, 10) });
  res.status(201).end();
});
`,
			construct: "Signup",
			want: []string{"requires: is_valid_email(email)", "requires: length(password) >= config.min_password_length",
				`requires: confirm = "yes"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"src/user.js": model, "src/routes.js": `
const express = require('express');
const bcrypt = require('bcrypt');
const User = require('./user');
const router = express.Router();
` + tt.routes + "\nmodule.exports = router;\n"}
			wantConstruct(t, distilText(t, d, files), tt.construct, tt.want, tt.notWant)
		})
	}
}
