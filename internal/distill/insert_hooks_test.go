package distill

import "testing"

// TestInsertHooks: a TypeORM entity's @BeforeInsert() method that sets a
// column to a hash of itself (catalog insert_hooks) stores a new row's
// value hashed, however the row is created; a row already stored and
// updated keeps the value as given, since the hook does not run then; a
// hook that hashes something else, or a method with no hook, hashes
// nothing.
func TestInsertHooks(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	entity := func(base, hook string) string {
		return `
import { BaseEntity, Entity, PrimaryGeneratedColumn, Column, BeforeInsert } from 'typeorm';
import * as argon2 from 'argon2';
@Entity()
export class UserEntity ` + base + ` {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() password: string;
  ` + hook + `
}
`
	}
	const hashes = "@BeforeInsert()\n  async hashPassword() {\n    this.password = await argon2.hash(this.password);\n  }"
	routes := func(body string) string {
		return `
import { Router } from 'express';
import { getRepository } from 'typeorm';
import { UserEntity } from './user.entity';
const router = Router();
router.post('/users', async (req, res) => {
` + body + `
});
export default router;
`
	}
	const createByAssign = `  const repo = getRepository(UserEntity);
  const user = new UserEntity();
  user.email = req.body.email;
  user.password = req.body.password;
  await repo.save(user);
  res.json({});`
	tests := []struct {
		name, base, hook, body string
		want, notWant          []string
	}{
		{
			name: "a new row's assigned column is stored hashed",
			hook: hashes, body: createByAssign,
			want: []string{"UserEntity.created(email: email, password: hash(password))"},
		},
		{
			name: "create({...}) of a new row hashes it too",
			hook: hashes,
			base: "extends BaseEntity",
			body: "  await UserEntity.create({ email: req.body.email, password: req.body.password }).save();\n  res.json({});",
			want: []string{"UserEntity.created(email: email, password: hash(password))"},
		},
		{
			name:    "an update of a stored row is not hashed: the hook runs on insert only",
			hook:    hashes,
			base:    "extends BaseEntity",
			body:    "  const found = await UserEntity.findOne({ where: { email: req.body.email } });\n  if (!found) throw new Error('missing');\n  found.password = req.body.password;\n  await found.save();\n  res.json({});",
			want:    []string{"found.password = password"},
			notWant: []string{"hash("},
		},
		{
			name:    "a method without the hook hashes nothing",
			hook:    "async hashPassword() {\n    this.password = await argon2.hash(this.password);\n  }",
			body:    createByAssign,
			want:    []string{"UserEntity.created(email: email, password: password)"},
			notWant: []string{"hash("},
		},
		{
			name:    "a hook that hashes another column leaves this one as given",
			hook:    "@BeforeInsert()\n  async stamp() {\n    this.email = this.email.toLowerCase();\n  }",
			body:    createByAssign,
			notWant: []string{"hash("},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/user.entity.ts": entity(tt.base, tt.hook), "src/routes.ts": routes(tt.body)})
			wantConstruct(t, out, "Users", tt.want, tt.notWant)
		})
	}
}
