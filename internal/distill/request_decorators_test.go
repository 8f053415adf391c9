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
