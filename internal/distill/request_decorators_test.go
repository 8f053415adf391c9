package distill

import "testing"

// TestRequestDecorators pins a handler parameter the framework fills with
// the request object (NestJS's @Req()), destructured whatever its name:
// its body's entries are the rule's inputs, as req.body's are.
func TestRequestDecorators(t *testing.T) {
	files := map[string]string{
		"src/user.entity.ts": `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Account {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() name: string;
}
`,
		"src/accounts.controller.ts": `
import { Controller, Post, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Account } from './user.entity';
@Controller('accounts')
export class AccountsController {
  constructor(@InjectRepository(Account) private readonly accounts: Repository<Account>) {}
  @Post()
  async open(@Req() { body }: ApiRequest) {
    await this.accounts.save({ email: body.email, name: body.name });
  }
  @Post('named')
  async openNamed(@Req() incoming: ApiRequest) {
    await this.accounts.save({ email: incoming.body.email });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "@Req() destructured: body's entries are inputs",
			construct: "Open",
			want:      []string{"when: Open(email, name)", "ensures: Account.created(email: email, name: name)"},
		},
		{
			name:      "@Req() under another name",
			construct: "OpenNamed",
			want:      []string{"when: OpenNamed(email)", "ensures: Account.created(email: email)"},
		},
	})
}

// TestDeferredRequestUser pins that a destructured request's user is read
// only when the handler uses the name (deferred_reads.go):
// nestjs-microservice-boilerplate's login takes `@Req() { body, user,
// tracing }` and hands user to a use case that never reads it
// (modules/login/controller.ts:32, user-login.ts:27); the login is for
// visitors, not signed-in users.
func TestDeferredRequestUser(t *testing.T) {
	files := map[string]string{
		"src/user.entity.ts": `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() password: string;
}
@Entity()
export class Note {
  @PrimaryGeneratedColumn() id: number;
  @Column() text: string;
  @Column() ownerId: number;
}
`,
		"src/notes.controller.ts": `
import { Controller, Post, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Note } from './user.entity';
@Controller('notes')
export class NotesController {
  constructor(@InjectRepository(Note) private readonly notes: Repository<Note>) {}
  @Post('open')
  async open(@Req() { body, user }: ApiRequest) {
    await this.write(body, { user });
  }
  @Post('mine')
  async mine(@Req() { body, user }: ApiRequest) {
    await this.notes.save({ text: body.text, ownerId: user.id });
  }
  private async write(input: any, { }: any) {
    await this.notes.save({ text: input.text });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "user taken out of the request but unused: a visitor's rule",
			construct: "PublicApi",
			want:      []string{"facing visitor: User", "Open(text)"},
			notWant:   []string{"Mine("},
		},
		{
			name:      "user taken out and used: a signed-in user's rule",
			construct: "Mine",
			want:      []string{"owner_id: user)"},
		},
	})
}

// TestWholeBodyParam pins that @Body() with no key is the request body
// whatever its type says: an inline object type (`body: { name: string }`)
// is no request shape of the service, and body.name is still the input
// name (rules.go wholeBodyParam).
func TestWholeBodyParam(t *testing.T) {
	files := map[string]string{
		"src/teams.controller.ts": `
import { Body, Controller, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Column, Entity, PrimaryGeneratedColumn, Repository } from 'typeorm';
@Entity()
export class Team {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
}
@Controller('teams')
export class TeamsController {
  constructor(@InjectRepository(Team) private readonly teams: Repository<Team>) {}
  @Post()
  async add(@Body() body: { name: string }) {
    await this.teams.save({ name: body.name });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "@Body() with an inline type: the body's entries are inputs",
			construct: "Add",
			want:      []string{"when: Add(name)", "ensures: Team.created(name: name)"},
		},
	})
}
