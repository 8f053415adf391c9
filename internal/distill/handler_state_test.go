package distill

import "testing"

// TestBranchRulesSeeHandlerState: what the route's middleware establishes
// about the request holds on every way through the handler, so a branch
// that ends the request with outcomes of its own (a rule of its own) reads
// the validated body as the handler's main rule does: its created row takes
// the DTO's fields, and the DTO's checks are its preconditions; a spread
// of a body an object schema validated gives the schema's keys.
func TestBranchRulesSeeHandlerState(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const dto = `
import { IsEmail, MinLength } from 'class-validator';
export class CreateUserDto {
  @IsEmail()
  public email: string;
  @MinLength(9)
  public password: string;
}
`
	const model = `
import { BaseEntity, Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class UserEntity extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() password: string;
  @Column() role: string;
}
`
	const middleware = `
import { plainToInstance } from 'class-transformer';
import { validateOrReject } from 'class-validator';
export const ValidationMiddleware = (type: any, skipMissingProperties = false) => {
  return (req, res, next) => {
    const dto = plainToInstance(type, req.body);
    validateOrReject(dto, { skipMissingProperties }).then(() => { req.body = dto; next(); }).catch(errors => next(errors));
  };
};
`
	const celebrateRoutes = `
import { Router } from 'express';
import { celebrate, Joi } from 'celebrate';
import User from '../../models/user';
const route = Router();
export default (app: Router) => {
  app.use('/auth', route);
  route.post('/signup',
    celebrate({ body: Joi.object({ name: Joi.string().required(), email: Joi.string().required() }) }),
    async (req, res) => {
      if (req.body.role === 'guest') {
        await User.create({ ...req.body, role: 'guest' });
        return res.status(201).json({});
      }
      await User.create({ ...req.body, role: 'user' });
      return res.status(201).json({});
    });
};
`
	tests := []struct {
		name   string
		files  map[string]string
		rule   string
		branch string
		want   []string
		// branchWant: what the branch's own rule states.
		branchWant []string
	}{
		{
			name: "an early-return branch creates its row from the validated body",
			files: map[string]string{"src/dto.ts": dto, "src/user.entity.ts": model, "src/validation.ts": middleware, "src/routes.ts": `
import { Router } from 'express';
import { CreateUserDto } from './dto';
import { UserEntity } from './user.entity';
import { ValidationMiddleware } from './validation';
const router = Router();
router.post('/users', ValidationMiddleware(CreateUserDto), async (req, res) => {
  if (req.body.role === 'guest') {
    await UserEntity.create({ ...req.body, role: 'guest' }).save();
    return res.json({});
  }
  await UserEntity.create({ ...req.body, role: 'user' }).save();
  res.json({});
});
export default router;
`},
			rule:       "Users",
			branch:     "Users2",
			want:       []string{"requires: is_valid_email(email)", "UserEntity.created(role: \"user\", email: email, password: password)"},
			branchWant: []string{"requires: is_valid_email(email)", "UserEntity.created(role: \"guest\", email: email, password: password)"},
		},
		{
			name:       "an early-return branch spreads the keys of the body's object schema",
			files:      map[string]string{"src/models/user.ts": spreadBodyModel, "src/api/routes/auth.ts": celebrateRoutes},
			rule:       "Signup",
			branch:     "Signup2",
			want:       []string{`User.created(name: name, email: email, role: "user")`},
			branchWant: []string{`User.created(name: name, email: email, role: "guest")`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			wantConstruct(t, out, tt.rule, tt.want, nil)
			wantConstruct(t, out, tt.branch, tt.branchWant, nil)
		})
	}
}
