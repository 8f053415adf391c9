package distill

import "testing"

// TestDecoratedTables pins that a model decorator naming the table
// (TypeORM's @Entity('users') or @Entity({name: 'users'}), catalog
// model_table_options) makes its class the service's users whatever the
// class is called (nestjs-microservice-boilerplate's UserSchema,
// infra/database/postgres/schemas/user.ts:22-36): the signed-in caller of
// a rule is one of them.
func TestDecoratedTables(t *testing.T) {
	controller := `
import { Controller, Post, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Note } from './schemas';
@Controller('notes')
export class NotesController {
  constructor(@InjectRepository(Note) private readonly notes: Repository<Note>) {}
  @Post()
  async add(@Req() req: ApiRequest) {
    await this.notes.save({ text: req.body.text, ownerId: req.user.id });
  }
}
`
	for _, tt := range []struct{ name, decorator string }{
		{"text argument", "@Entity('users')"},
		{"options object", "@Entity({ name: 'users' })"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/schemas.ts": `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
` + tt.decorator + `
export class Member {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
}
@Entity()
export class Note {
  @PrimaryGeneratedColumn() id: number;
  @Column() text: string;
  @Column() ownerId: number;
}
`,
				"src/notes.controller.ts": controller,
			}
			runIdiomCases(t, files, []idiomCase{{
				name:      "the users table's class is the signed-in caller's",
				construct: "UserApi",
				want:      []string{"facing user: Member"},
			}})
		})
	}
}
