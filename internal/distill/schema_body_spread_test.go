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
