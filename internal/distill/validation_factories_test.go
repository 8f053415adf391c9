package distill

import "testing"

// TestValidationFactories: a route's middleware made by a factory of the
// service given a class-validator DTO, whose middleware reads the body by
// it (plainToInstance(type, req.body)), makes the handler's body of that
// shape: @IsEmail() and @MinLength(n) are preconditions on the inputs, and
// a spread of the body gives the DTO's fields to a created row. A factory
// whose middleware does not read the body by the class gives nothing.
func TestValidationFactories(t *testing.T) {
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
}
`
	const routes = `
import { Router } from 'express';
import { CreateUserDto } from './dto';
import { UserEntity } from './user.entity';
import { ValidationMiddleware } from './validation';
const router = Router();
router.post('/users', ValidationMiddleware(CreateUserDto), async (req, res) => {
  const userData = req.body;
  await UserEntity.create({ ...userData, role: 'user' }).save();
  res.json({});
});
export default router;
`
	tests := []struct {
		name       string
		middleware string
		want       []string
		notWant    []string
	}{
		{
			name: "the factory's middleware reads the body by the class: the DTO's checks and fields",
			middleware: `
import { plainToInstance } from 'class-transformer';
import { validateOrReject } from 'class-validator';
export const ValidationMiddleware = (type: any, skipMissingProperties = false) => {
  return (req, res, next) => {
    const dto = plainToInstance(type, req.body);
    validateOrReject(dto, { skipMissingProperties }).then(() => { req.body = dto; next(); }).catch(errors => next(errors));
  };
};
`,
			want: []string{"requires: is_valid_email(email)", "requires: length(password) >= config.min_password_length",
				"UserEntity.created(email: email, password: password)"},
		},
		{
			name: "a factory whose middleware reads the body by no argument gives nothing",
			middleware: `
export const ValidationMiddleware = (type: any) => {
  return (req, res, next) => {
    console.log(type.name);
    next();
  };
};
`,
			notWant: []string{"is_valid_email", "min_password_length"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/dto.ts": dto, "src/user.entity.ts": model, "src/validation.ts": tt.middleware, "src/routes.ts": routes})
			wantConstruct(t, out, "Users", tt.want, tt.notWant)
		})
	}
}
