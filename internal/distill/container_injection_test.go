package distill

import "testing"

const typediModel = `
import mongoose from 'mongoose';

const User = new mongoose.Schema({
  name: { type: String, required: true },
  email: { type: String, unique: true },
  password: String,
});

export default mongoose.model('User', User);
`

const typediService = `
import { Service, Inject } from 'typedi';
import argon2 from 'argon2';

@Service()
export default class AuthService {
  constructor(
    @Inject('userModel') private userModel,
    @Inject('logger') private logger,
    @Inject('ghostModel') private ghostModel,
  ) {}

  public async SignUp(input) {
    const hashed = await argon2.hash(input.password);
    const userRecord = await this.userModel.create({ name: input.name, password: hashed });
    return { userRecord };
  }

  public async Rename(email, name) {
    await this.userModel.updateOne({ email }, { name });
    await this.ghostModel.deleteOne({ email });
  }
}
`

const typediRoutes = `
import { Router } from 'express';
import { Container } from 'typedi';
import AuthService from '../../services/auth';

const route = Router();

export default (app: Router) => {
  app.use('/auth', route);

  route.post('/signup', async (req, res, next) => {
    const authServiceInstance = Container.get(AuthService);
    const { userRecord } = await authServiceInstance.SignUp(req.body);
    return res.status(201).json({ userRecord });
  });

  route.post('/rename', async (req, res, next) => {
    const authServiceInstance = Container.get(AuthService);
    await authServiceInstance.Rename(req.body.email, req.body.name);
    return res.status(200).end();
  });

  route.post('/remove', async (req, res, next) => {
    const UserModel = Container.get('userModel');
    await UserModel.deleteOne({ email: req.body.email });
    return res.status(204).end();
  });
};
`

// TestContainerInjections pins typedi's container (catalog
// repositories.container_injections): Container.get(AuthService) is the
// service's instance whose @Inject('userModel') collaborator is User's
// model class, as santiq/bulletproof-nodejs's routes and AuthService
// (api/routes/auth.ts:27, services/auth.ts:14) have it, and so is
// Container.get('userModel'); a name that is no model's plus the suffix
// ('ghostModel') stays unknown.
func TestContainerInjections(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"src/models/user.ts":     typediModel,
		"src/services/auth.ts":   typediService,
		"src/api/routes/auth.ts": typediRoutes,
	}, []idiomCase{
		{
			name:      "Container.get(Class) runs the method, whose @Inject('userModel') field is User's model",
			construct: "Signup",
			want:      []string{"User.created(", "password: hash(password)"},
		},
		{
			name:      "Container.get('userModel') is User's model class",
			construct: "Remove",
			want:      []string{"not exists"},
		},
		{
			name:      "a name that is no model's plus the suffix is no model: its call states nothing",
			construct: "Rename",
			want:      []string{"name = name"},
			notWant:   []string{"not exists"},
		},
	})
}
