package distill

import "testing"

const spreadBodyModel = `
import mongoose from 'mongoose';
const User = new mongoose.Schema({ name: String, email: String, password: String, role: String });
export default mongoose.model('User', User);
`

const spreadBodyRoutes = `
import { Router } from 'express';
import { celebrate, Joi } from 'celebrate';
import User from '../../models/user';

const route = Router();

export default (app: Router) => {
  app.use('/auth', route);

  route.post('/signup',
    celebrate({ body: Joi.object({ name: Joi.string().required(), email: Joi.string().required(), password: Joi.string().required() }) }),
    async (req, res) => {
      const input = req.body;
      const user = await User.create({ ...input, password: await argon2.hash(input.password) });
      return res.status(201).json({ user });
    });

  route.post('/invite', async (req, res) => {
    const input = req.body;
    const user = await User.create({ ...input, role: 'guest' });
    return res.status(201).json({ user });
  });
};
`

// TestSchemaBodySpread pins a spread of the request's body into a
// created row when a route middleware validated the body by an object
// schema (celebrate's Joi.object refuses undeclared keys): each schema
// key the model has is set from the body, a key given after the spread
// wins (santiq/bulletproof-nodejs's SignUp, services/auth.ts:44-48); with
// no schema the body's keys are unknown and none is stated.
func TestSchemaBodySpread(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"src/models/user.ts":     spreadBodyModel,
		"src/api/routes/auth.ts": spreadBodyRoutes,
	}, []idiomCase{
		{
			name:      "the schema's keys the model has, the password given after the spread",
			construct: "Signup",
			want:      []string{"User.created(name: name, email: email, password: hash(password))"},
		},
		{
			name:      "no schema: only the keys written out",
			construct: "Invite",
			want:      []string{`User.created(role: "guest")`},
			notWant:   []string{"name: name", "email: email"},
		},
	})
}

// validateRequestModule is a validator of the service that parses the
// request's body by the object schema it is handed (Joi's validate).
const validateRequestModule = `
module.exports = validateRequest;
function validateRequest(req, next, schema) {
    const { error, value } = schema.validate(req.body, { stripUnknown: true });
    if (error) {
        next('Validation error');
    } else {
        req.body = value;
        next();
    }
}
`

// TestSchemaFunctionBodySpread: a route middleware that is a function of
// the service handing an object schema to a validator of the request's
// body gives the body the schema's keys, as celebrate's middleware does:
// a spread of the body sets each of them the model has. A middleware whose
// schema reaches no validator of the body gives none.
func TestSchemaFunctionBodySpread(t *testing.T) {
	routes := func(hand string) string {
		return `
const express = require('express');
const router = express.Router();
const Joi = require('joi');
const User = require('../models/user');
const validateRequest = require('../helpers/validate-request');
router.post('/signup', signupSchema, signup);
function signupSchema(req, res, next) {
    const schema = Joi.object({ name: Joi.string().required(), email: Joi.string().required() });
    ` + hand + `
}
async function signup(req, res) {
    await User.create({ ...req.body, role: 'user' });
    res.json({});
}
module.exports = router;
`
	}
	tests := []struct {
		name    string
		hand    string
		want    []string
		notWant []string
	}{
		{
			name: "the schema handed to the body's validator: its keys",
			hand: "validateRequest(req, next, schema);",
			want: []string{`User.created(name: name, email: email, role: "user")`},
		},
		{
			name:    "the schema handed to nothing: no keys",
			hand:    "next();",
			want:    []string{`User.created(role: "user")`},
			notWant: []string{"name: name"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{"models/user.js": spreadBodyModel, "helpers/validate-request.js": validateRequestModule,
				"users/users.controller.js": routes(tt.hand)})
			wantConstruct(t, out, "Signup", tt.want, tt.notWant)
		})
	}
}

// TestSchemaBodyConstructor: a document built from the request's body
// itself (new db.Account(params), params the body a schema validated:
// cornflourblue's register, account.service.js:87) takes the schema's
// keys the model has, as a spread of the body does; with no schema the
// body's keys are unknown and none is stated.
func TestSchemaBodyConstructor(t *testing.T) {
	routes := func(middleware string) string {
		return `
const express = require('express');
const router = express.Router();
const Joi = require('joi');
const User = require('../models/user');
const validateRequest = require('../helpers/validate-request');
router.post('/signup', ` + middleware + `signup);
function signupSchema(req, res, next) {
    const schema = Joi.object({ name: Joi.string().required(), email: Joi.string().required(), password: Joi.string().required() });
    validateRequest(req, next, schema);
}
async function signup(req, res) {
    const user = new User(req.body);
    user.role = 'user';
    await user.save();
    res.json({});
}
module.exports = router;
`
	}
	tests := []struct {
		name       string
		middleware string
		want       []string
		notWant    []string
	}{
		{
			name:       "the body a schema validated: its keys the model has",
			middleware: "signupSchema, ",
			want:       []string{"name: name", "email: email", "password: password", `role: "user"`},
		},
		{
			name:    "no schema: only what the code sets",
			want:    []string{`User.created(role: "user")`},
			notWant: []string{"name: name", "email: email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{"models/user.js": spreadBodyModel, "helpers/validate-request.js": validateRequestModule,
				"users/users.controller.js": routes(tt.middleware)})
			wantConstruct(t, out, "Signup", tt.want, tt.notWant)
		})
	}
}
