package distill

import "testing"

// TestAbstractPortsAndHelperInputs pins three shapes of
// nestjs-microservice-boilerplate's login (user-login.ts, libs/token,
// infra/repository/postgres/repository.ts):
//   - a collaborator typed by an abstract class that declares only
//     abstract members (ITokenAdapter), which no module among the files
//     binds: its one implementer (TokenService implements ITokenAdapter)
//     is what a call reaches, as for an interface;
//   - a JWT helper signing a member of its input (jwt.sign(input.body)),
//     given {body: {id: user.id}} by its caller: the payload is that dict;
//   - one signing helper for every kind, told apart by the secret it is
//     given (input.secret ?? JWT_SECRET_KEY, given refreshSecret for the
//     refresh token): the secret's name names the kind;
//   - a generic repository's findOneWithRelation, which sets
//     options.relations under a condition before findOne(options): which
//     related rows load says nothing of which row is found.
func TestAbstractPortsAndHelperInputs(t *testing.T) {
	files := map[string]string{
		"src/user.entity.ts": `
import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() name: string;
  @Column() password: string;
}
`,
		"src/token.port.ts": `
export abstract class ITokenPort {
  abstract signAccount(account: unknown): string;
  abstract sign(input: { body: unknown }): string;
}
`,
		"src/token.service.ts": `
import jwt from 'jsonwebtoken';
import { Injectable } from '@nestjs/common';
import { ITokenPort } from './token.port';
@Injectable()
export class JwtTokenService implements ITokenPort {
  signAccount(account: { id: number }) {
    const token = jwt.sign({ id: account.id }, 'secret', { expiresIn: '1h' });
    return { token };
  }
  sign(input: { body: unknown; secret?: string }) {
    const token = jwt.sign(input.body as object, input.secret ?? process.env.JWT_SECRET_KEY, { expiresIn: '1h' });
    return { token };
  }
}
`,
		"src/account.repository.ts": `
import { Repository } from 'typeorm';
import { User } from './user.entity';
export class AccountRepository {
  constructor(private readonly repository: Repository<User>) {}
  async findOneWithRelation(filter: object, joins?: object) {
    const options = { where: filter };
    if (joins) {
      options.relations = joins;
    }
    return this.repository.findOne(options);
  }
}
`,
		"src/accounts.controller.ts": `
import { Body, Controller, NotFoundException, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';
import { ITokenPort } from './token.port';
import { AccountRepository } from './account.repository';
@Controller('accounts')
export class AccountsController {
  constructor(
    @InjectRepository(User) private readonly rows: Repository<User>,
    private readonly accounts: AccountRepository,
    private readonly tokens: ITokenPort,
  ) {}
  @Post('issue')
  async issue(@Body('name') name: string) {
    const account = await this.rows.findOne({ where: { name } });
    if (!account) throw new NotFoundException();
    return this.tokens.signAccount(account);
  }
  @Post('issue-body')
  async issueBody(@Body('id') id: number) {
    const account = await this.rows.findOne({ where: { id } });
    if (!account) throw new NotFoundException();
    const { token } = this.tokens.sign({ body: { id: account.id } });
    return token;
  }
  @Post('login')
  async login(@Body('name') name: string, @Body('email') email: string) {
    const account = await this.rows.findOne({ where: { name, email } });
    if (!account) throw new NotFoundException();
    const { token } = this.tokens.sign({ body: { id: account.id } });
    const { token: refreshToken } = this.tokens.sign({ body: { id: account.id }, secret: process.env.JWT_REFRESH_SECRET_KEY });
    return { token, refreshToken };
  }
  @Post('lookup')
  async lookup(@Body('email') email: string) {
    const account = await this.accounts.findOneWithRelation({ email }, { roles: true });
    if (!account) throw new NotFoundException();
    return this.tokens.signAccount(account);
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "an abstract port no module binds reaches its one implementer",
			construct: "Issue",
			want:      []string{"let account = User{name}", "ensures: SignedToken.created(user: account, expires_at: now + config.signed_token_expiry)"},
		},
		{
			name:      "a helper signs a member of its input: the dict its caller gave there",
			construct: "IssueBody",
			want:      []string{"ensures: SignedToken.created(user: account, expires_at: now + config.signed_token_expiry)"},
		},
		{
			name:      "a query's options given relations under a condition still find by their where",
			construct: "Lookup",
			want:      []string{"when: Lookup(email)", "let account = User{email}", "requires: exists account"},
		},
		{
			// One helper signs both, told apart only by the secret: one
			// entity whose token_type says which (secret_kinds.go); the
			// default secret's token is the kind the other secrets leave.
			name:      "a token signed with a secret that names its kind is of that kind; the default secret's is the kind left",
			construct: "Login",
			want:      []string{"token_type: access\n", "token_type: refresh\n"},
			notWant:   []string{"AccessToken.created", "RefreshToken.created"},
		},
	})
}

// TestKindOfSecretName pins the kind a signing secret's name names.
func TestKindOfSecretName(t *testing.T) {
	kinds := []string{"access", "refresh"}
	for _, tt := range []struct{ name, want string }{
		{"JWT_REFRESH_SECRET_KEY", "refresh"},
		{"refreshSecret", "refresh"},
		{"ACCESS_TOKEN_SECRET", "access"},
		{"JWT_SECRET_KEY", ""},
		{"APP_SECRET", ""},
		{"ACCESS_OR_REFRESH_SECRET", ""},
		{"", ""},
	} {
		if got := kindOfSecretName(tt.name, kinds); got != tt.want {
			t.Errorf("kindOfSecretName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
