package distill

import "testing"

// TestVerifiedTokenInputs pins how nestjs-microservice-boilerplate's
// reset confirmation and refresh read (reset-password controller.ts:36-40,
// reset-password-confirm.ts:40-46, user-refresh-token.ts:205-220,
// libs/token/service.ts:38-46):
//   - the controller hands the use case one object literal written in
//     place, {token: params.token, ...body}: it is the use case's one
//     parameter, read entry by entry and through its spread, not
//     parameters filled by name from the spread;
//   - the token service's verify answers from the error-first callback
//     of jwt.verify inside a Promise it builds: the payload decoded;
//   - the payload's subject claim (id) is the id of the user the token was
//     signed for, token.user, even where no entity is known as the users'
//     (two tables keep a password here), and `if (!user)` of it requires
//     that user to exist.
//
// Each case varies one of these; every one reads as the same rule.
func TestVerifiedTokenInputs(t *testing.T) {
	entities := `
import { Entity, Column, PrimaryColumn } from 'typeorm';
@Entity({ name: 'accounts' })
export class AccountSchema {
  @PrimaryColumn() id: string;
  @Column() email: string;
  @Column() name: string;
  @Column() password: string;
}
@Entity({ name: 'old_passwords' })
export class OldPasswordSchema {
  @PrimaryColumn() id: string;
  @Column() password: string;
}
`
	promised := `
import jwt from 'jsonwebtoken';
export class TokenService {
  async verify(input: { token: string }) {
    return new Promise((res, rej) => {
      jwt.verify(input.token, process.env.SECRET, (error, decoded) => {
        if (error) rej(new Error(error.message));
        res(decoded);
      });
    });
  }
}
`
	direct := `
import jwt from 'jsonwebtoken';
export class TokenService {
  async verify(input: { token: string }) {
    return jwt.verify(input.token, process.env.SECRET);
  }
}
`
	useCase := `
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountSchema } from './entities';
import { TokenService } from './token.service';
@Injectable()
export class RenameUsecase {
  constructor(
    @InjectRepository(AccountSchema) private readonly accounts: Repository<AccountSchema>,
    private readonly tokens: TokenService,
  ) {}
  async execute(input: { token: string; name: string }) {
    const decoded = await this.tokens.verify({ token: input.token });
    const account = await this.accounts.findOne({ where: { id: decoded.id } });
    if (!account) {
      throw new NotFoundException('account not found');
    }
    account.name = input.name;
    await this.accounts.save(account);
  }
}
`
	controller := func(arg string) string {
		return `
import { Controller, Put, Req } from '@nestjs/common';
import { RenameUsecase } from './rename.usecase';
@Controller('accounts')
export class AccountsController {
  constructor(private readonly rename: RenameUsecase) {}
  @Put(':token')
  async renameAccount(@Req() { params, body }: Request) {
    return this.rename.execute(` + arg + `);
  }
}
`
	}
	want := `rule RenameAccount {
    when: RenameAccount(token, name)
    requires: token.is_valid
    requires: exists token.user
    ensures: token.user.name = name
}`
	tests := []struct {
		name, tokens, arg string
	}{
		{"spread input, verify in a promise", promised, "{ token: params.token, ...body }"},
		{"spread input, verify direct", direct, "{ token: params.token, ...body }"},
		{"spread input cast, verify in a promise", promised, "{ token: params.token, ...body } as { token: string; name: string }"},
		{"entries only, verify in a promise", promised, "{ token: params.token, name: body.name }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"src/entities.ts":            entities,
				"src/token.service.ts":       tt.tokens,
				"src/rename.usecase.ts":      useCase,
				"src/accounts.controller.ts": controller(tt.arg),
			})
			if got := construct(out.Module, "RenameAccount"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
			}
		})
	}
}
