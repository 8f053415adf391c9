package distill

import "testing"

// classRouteModel is a Mongoose model the class-based route cases write to.
const classRouteModel = `
import { model, Schema } from 'mongoose';
const userSchema = new Schema({ email: { type: String, required: true }, password: { type: String, required: true } });
export const UserModel = model('User', userSchema);
`

// classRouteController is a controller whose handlers are arrow functions
// held by class properties, calling a service class it holds.
const classRouteController = `
import { Container } from 'typedi';
import { AuthService } from '@services/auth.service';
export class AuthController {
  public auth = Container.get(AuthService);
  public signUp = async (req, res, next) => {
    const user = await this.auth.signup(req.body.email);
    res.status(201).json({ data: user });
  };
}
`

// classRouteService is the service class the controller calls.
const classRouteService = `
import { Service } from 'typedi';
import { UserModel } from '@models/users.model';
@Service()
export class AuthService {
  public async signup(email: string) {
    return UserModel.create({ email });
  }
}
`

// TestClassRoutes: routes registered in a class's method on the router it
// holds (class-based Express routers) name handlers through the instance's
// fields: this.auth.signUp is the signUp of the controller the field auth
// is given (new AuthController(), or a container's Container.get(X)); a
// template path's ${this.path} is the class's string field; "@dir/..."
// specifiers are the service's modules (tsconfig paths).
func TestClassRoutes(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name      string
		route     string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name: "a route of a class's method names the controller's method held by a field given new X()",
			route: `
import { Router } from 'express';
import { AuthController } from '@controllers/auth.controller';
export class AuthRoute {
  public router = Router();
  public auth = new AuthController();
  constructor() { this.initializeRoutes(); }
  private initializeRoutes() {
    this.router.post('/signup', this.auth.signUp);
  }
}
`,
			construct: "SignUp",
			want:      []string{"when: SignUp(email)", "User.created(email: email)"},
		},
		{
			name: "a template path with ${this.path} is the class's path field",
			route: `
import { Router } from 'express';
import { AuthController } from '@controllers/auth.controller';
export class AuthRoute {
  public path = '/auth';
  public router = Router();
  public auth = new AuthController();
  private initializeRoutes() {
    this.router.post(` + "`${this.path}/signup`" + `, this.auth.signUp);
  }
}
`,
			construct: "SignUp",
			want:      []string{"User.created(email: email)"},
		},
		{
			name: "a template path whose substitution is no string field of the class registers nothing",
			route: `
import { Router } from 'express';
import { AuthController } from '@controllers/auth.controller';
const prefix = '/auth';
export class AuthRoute {
  public router = Router();
  public auth = new AuthController();
  private initializeRoutes() {
    this.router.post(` + "`${prefix}/signup`" + `, this.auth.signUp);
  }
}
`,
			construct: "",
		},
		{
			name: "a field given something else than an instance of a class of the service names no handler",
			route: `
import { Router } from 'express';
import { makeController } from 'some-package';
export class AuthRoute {
  public router = Router();
  public auth = makeController();
  private initializeRoutes() {
    this.router.post('/signup', this.auth.signUp);
  }
}
`,
			construct: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"src/models/users.model.ts":          classRouteModel,
				"src/controllers/auth.controller.ts": classRouteController,
				"src/services/auth.service.ts":       classRouteService,
				"src/routes/auth.route.ts":           tt.route,
			})
			if tt.construct == "" {
				if len(out.Module.Rules) != 0 {
					t.Fatalf("want no rule, got %d: %s", len(out.Module.Rules), construct(out.Module, out.Module.Rules[0].Name))
				}
				return
			}
			wantConstruct(t, out, tt.construct, tt.want, tt.notWant)
		})
	}
}
