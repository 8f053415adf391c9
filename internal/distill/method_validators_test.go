package distill

import "testing"

// TestMethodSchemaValidators: a decorator of a use case's method that
// parses its input by an object schema before the body runs (catalog
// object_schemas.method_validators; nestjs-microservice-boilerplate's
// @ValidateSchema(ResetPasswordSendEmailSchema) on execute) makes the
// schema's checks preconditions of the rule that hands it the request's
// input; a decorator not in the catalog says nothing. The schema may be
// made of others' fields (UserEntitySchema.pick({email: true}).and(...)),
// a field's chain held by a module constant (const Email = z.email()),
// and a list's bounds count its items.
func TestMethodSchemaValidators(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const model = `
import { BaseEntity, Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class UserEntity extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() password: string;
}
`
	const userSchema = `
import { z } from 'zod';
const Email = z.email();
const Password = z.string().min(5).max(200);
export const UserSchema = z.object({ id: z.uuid(), email: Email, password: Password });
`
	usecase := func(decorator, schema string) string {
		return `
import { z } from 'zod';
import { UserEntity } from './user.entity';
import { UserSchema } from './user.schema';
import { ` + decorator + ` } from './decorators';
export const SignupSchema = ` + schema + `;
export class SignupUsecase {
  @` + decorator + `(SignupSchema)
  async execute(input: any) {
    await UserEntity.create({ email: input.email, password: input.password }).save();
  }
}
`
	}
	routes := func(arg string) string {
		if arg == "" {
			arg = "req.body"
		}
		return `
import { Router } from 'express';
import { SignupUsecase } from './usecase';
const router = Router();
router.post('/signup', async (req, res) => {
  const body = req.body;
  await new SignupUsecase().execute(` + arg + `);
  res.json({});
});
export default router;
`
	}
	const inPlace = `z.object({ email: z.string().email(), password: z.string().min(5).max(200) })`
	bounds := []string{"requires: length(password) >= config.min_password_length", "requires: length(password) <= config.max_password_length"}
	for _, tc := range []struct {
		name, decorator, schema string
		// arg: what the route hands execute, the body when empty.
		arg           string
		want, notWant []string
	}{
		{
			name:      "a catalog method validator's schema checks are preconditions",
			decorator: "ValidateSchema", schema: inPlace,
			want: append([]string{"requires: is_valid_email(email)"}, bounds...),
		},
		{
			name:      "another decorator checks nothing",
			decorator: "LogCall", schema: inPlace,
			notWant: []string{"is_valid_email", "min_password_length"},
		},
		{
			name:      "a pick keeps the picked fields' checks, held by constants, and no other's",
			decorator: "ValidateSchema", schema: `UserSchema.pick({ email: true })`,
			want:    []string{"requires: is_valid_email(email)"},
			notWant: []string{"min_password_length"},
		},
		{
			name:      "a join has the checks of both schemas; a list's bound counts its items",
			decorator: "ValidateSchema", schema: `UserSchema.pick({ password: true }).and(z.object({ roles: z.array(z.string()).min(1) }))`,
			want:    append([]string{"requires: roles.count >= 1"}, bounds...),
			notWant: []string{"is_valid_email", "requires: roles >= 1"},
		},
		{
			name:      "an object spreading the body beside a key of its own is parsed through the spread",
			decorator: "ValidateSchema", schema: `z.object({ invite: z.string().email(), password: z.string().min(5).max(200) })`,
			arg:     "{ invite: 'friend', ...body }",
			want:    bounds,
			notWant: []string{"is_valid_email"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/user.entity.ts": model, "src/user.schema.ts": userSchema,
				"src/usecase.ts": usecase(tc.decorator, tc.schema), "src/routes.ts": routes(tc.arg)})
			wantConstruct(t, out, "Signup", append([]string{"UserEntity.created("}, tc.want...), tc.notWant)
		})
	}
}
