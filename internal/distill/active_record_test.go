package distill

import "testing"

// TestActiveRecordModels: a TypeORM entity deriving from BaseEntity (catalog
// repositories.active_record_bases) is its own repository: its class's
// findOne({where}), create({...}).save(), update and delete read as a
// repository's; an entity without that base is not read so.
func TestActiveRecordModels(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	entity := func(base string) string {
		return `
import { BaseEntity, Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class UserEntity ` + base + ` {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() password: string;
}
`
	}
	routes := func(body string) string {
		return `
import { Router } from 'express';
import { UserEntity } from './user.entity';
const router = Router();
router.post('/users', async (req, res) => {
` + body + `
});
export default router;
`
	}
	tests := []struct {
		name    string
		base    string
		body    string
		want    []string
		notWant []string
	}{
		{
			name: "findOne({where}) is a lookup by the where's fields; create({...}).save() creates the row",
			base: "extends BaseEntity",
			body: `  const found = await UserEntity.findOne({ where: { email: req.body.email } });
  if (found) throw new Error('taken');
  await UserEntity.create({ email: req.body.email, password: req.body.password }).save();
  res.json({});`,
			want: []string{"let found = UserEntity{email}", "requires: not exists found", "UserEntity.created(email: email, password: password)"},
		},
		{
			name: "delete({id}) removes the row the id names",
			base: "extends BaseEntity",
			body: `  const found = await UserEntity.findOne({ where: { id: req.body.id } });
  if (!found) throw new Error('missing');
  await UserEntity.delete({ id: req.body.id });
  res.json({});`,
			want: []string{"not exists found"},
		},
		{
			name: "update(id, {...}) after findOne by that id changes the row found, not a second one",
			base: "extends BaseEntity",
			body: `  const found = await UserEntity.findOne({ where: { id: req.body.id } });
  if (!found) throw new Error('missing');
  await UserEntity.update(req.body.id, { password: req.body.password });
  res.json({});`,
			want:    []string{"when: Users(found, password)", "found.password = password"},
			notWant: []string{"user_entity"},
		},
		{
			name:    "an entity without the base is no repository: where is no filter of its lookups",
			base:    "",
			body:    "  const found = await UserEntity.findOne({ where: { email: req.body.email } });\n  if (found) throw new Error('taken');\n  await UserEntity.create({ email: req.body.email }).save();\n  res.json({});",
			notWant: []string{"UserEntity{email}"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/user.entity.ts": entity(tt.base), "src/routes.ts": routes(tt.body)})
			wantConstruct(t, out, "Users", tt.want, tt.notWant)
		})
	}
}
