package distill

import "testing"

// idiomCase is one construct of a distilled service that must print with
// every wanted fragment and none of the unwanted ones.
type idiomCase struct {
	name      string
	construct string
	want      []string
	notWant   []string
}

// runIdiomCases distils files once and checks each case against it.
func runIdiomCases(t *testing.T, files map[string]string, cases []idiomCase) {
	t.Helper()
	d := New(Options{})
	defer d.Close()
	checkConstructs(t, distilText(t, d, files), cases)
}

// The idioms of real TypeScript services (issue 13) that the fixtures do
// not hold: NestJS GraphQL resolvers over an injected PrismaService, and an
// Express service layer (Medusa's) over TypeORM.

const gqlSchema = `
model User {
  id        String   @id @default(cuid())
  email     String   @unique
  password  String
  firstname String?
  tokens    VerificationToken[]
}

model VerificationToken {
  id        String   @id @default(cuid())
  userId    String
  expiresOn DateTime
  user      User     @relation(fields: [userId], references: [id])
}
`

const gqlInputs = `
import { InputType, Field } from '@nestjs/graphql';
import { MinLength } from 'class-validator';

@InputType()
export class SignupInput {
  @Field() email: string;
  @Field() @MinLength(8) password: string;
  @Field({ nullable: true }) firstname?: string;
}

@InputType()
export class RenameInput {
  @Field({ nullable: true }) firstname?: string;
}
`

const gqlServices = `
import { Injectable } from '@nestjs/common';
import { PrismaService } from 'nestjs-prisma';
import { JwtService } from '@nestjs/jwt';
import { hash } from 'bcrypt';
import * as E from 'fp-ts/Either';

@Injectable()
export class PasswordService {
  get rounds(): number {
    return 10;
  }
  hashPassword(password: string) {
    return hash(password, this.rounds);
  }
}

export function throwErr(message: string): never {
  throw new Error(message);
}

@Injectable()
export class AuthService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwtService: JwtService,
    private readonly passwords: PasswordService,
  ) {}

  async createUser(payload) {
    const hashed = await this.passwords.hashPassword(payload.password);
    const user = await this.prisma.user.create({ data: { ...payload, password: hashed } });
    return this.generateTokens({ userId: user.id });
  }

  generateTokens(payload: { userId: string }) {
    return { refreshToken: this.generateRefreshToken(payload) };
  }

  private generateRefreshToken(payload: { userId: string }) {
    return this.jwtService.sign(payload, { expiresIn: '7d' });
  }

  async issue(email: string) {
    const user = await this.prisma.user.findUnique({ where: { email } });
    if (!user) return E.left('NO_USER');
    const expiresOn = new Date();
    expiresOn.setHours(expiresOn.getHours() + 24);
    await this.prisma.verificationToken.create({ data: { user: { connect: { id: user.id } }, expiresOn } });
    return E.right(true);
  }
}
`

const gqlResolvers = `
import { Resolver, Mutation, Args } from '@nestjs/graphql';
import { createParamDecorator } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { PrismaService } from 'nestjs-prisma';
import * as E from 'fp-ts/Either';
import { AuthService, throwErr } from './auth.service';
import { SignupInput, RenameInput } from './inputs';

export const CurrentUser = createParamDecorator(
  (data: unknown, ctx) => GqlExecutionContext.create(ctx).getContext().req.user,
);

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService, private readonly prisma: PrismaService) {}

  @Mutation(() => String)
  async signup(@Args('data') data: SignupInput) {
    data.email = data.email.toLowerCase();
    return this.auth.createUser(data);
  }

  @Mutation(() => String)
  async issue(@Args('data') { email }: SignupInput) {
    const r = await this.auth.issue(email);
    if (E.isLeft(r)) throwErr(r.left);
    return true;
  }

  @Mutation(() => String)
  async rename(@CurrentUser() user, @Args('data') data: RenameInput) {
    return this.prisma.user.update({ data, where: { id: user.id } });
  }
}
`

func TestNestGraphqlIdioms(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma":      gqlSchema,
		"src/auth/inputs.ts":        gqlInputs,
		"src/auth/auth.service.ts":  gqlServices,
		"src/auth/auth.resolver.ts": gqlResolvers,
	}
	tests := []idiomCase{
		{
			name:      "a @Mutation of a @Resolver is a handler; an injected PrismaService is the client; a shape spread into created data; hash(p, this.getter); a token issued through an object literal argument, named after its camelCase issuer",
			construct: "Signup",
			want: []string{"when: Signup(", "User.created(", "password: hash(password)", "email: lowercase(email)", "firstname: firstname",
				"RefreshToken.created(user: user, expires_at: now + config.refresh_token_expiry)"},
		},
		{
			name:      "a destructured shape parameter; E.left answered by a helper and E.isLeft tested by a throwing helper is a precondition; a time moved by setHours is not now",
			construct: "Issue",
			want:      []string{"when: Issue(email)", "requires: exists", "VerificationToken.created(", "expires_on: now + 1.day"},
			notWant:   []string{"expires_on: now)"},
		},
		{
			name:      "a decorator made to return req.user is the signed-in user; a returned repository call is the outcome",
			construct: "Rename",
			want:      []string{"when: Rename(user, firstname)", "user.firstname = firstname"},
		},
	}
	runIdiomCases(t, files, tests)
}

const medusaModels = `
import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryColumn } from "typeorm"

export abstract class BaseEntity {
  @PrimaryColumn() id: string
  @CreateDateColumn() created_at: Date
}

export abstract class SoftDeletableEntity extends BaseEntity {
  @DeleteDateColumn() deleted_at: Date | null
}

@Entity()
export class Invite extends SoftDeletableEntity {
  @Column() user_email: string
  @Column({ default: false }) accepted: boolean
  @CreateDateColumn() expires_at: Date
}

@Entity()
export class Member extends SoftDeletableEntity {
  @Column() email: string
}
`

const medusaRepos = `
import { Invite, Member } from "./models"
import { dataSource } from "./database"

export const InviteRepository = dataSource.getRepository(Invite)
export const MemberRepository = dataSource.getRepository(Member)
`

const medusaService = `
import { IsEmail } from "class-validator"
import { InviteRepository, MemberRepository } from "./repositories"

class InviteService {
  protected readonly memberRepository_: typeof MemberRepository

  async resend(id) {
    const inviteRepo = this.activeManager_.withRepository(InviteRepository)
    const invite = await inviteRepo.findOne({ where: { id } })
    if (!invite) {
      throw new Error("no invite")
    }
    invite.expires_at = new Date()
    invite.expires_at.setDate(invite.expires_at.getDate() + 7)
    invite.accepted = false
    await inviteRepo.save(invite)
  }

  async remove(id) {
    return await this.atomicPhase_(async (manager) => {
      const inviteRepo = manager.withRepository(InviteRepository)
      const invite = await inviteRepo.findOne({ where: { id } })
      if (!invite) {
        return
      }
      await inviteRepo.delete({ id: invite.id })
    })
  }

  async leave(memberId) {
    const repo = this.activeManager_.withRepository(this.memberRepository_)
    const member = await repo.findOne({ where: { id: memberId } })
    await repo.softRemove(member)
  }
}

export default InviteService
`

const medusaRoutes = `
import { IsEmail } from "class-validator"
import InviteService from "./invite-service"

export class PostInviteReq {
  @IsEmail()
  email: string
}

export const resend = async (req, res) => {
  const validated = await validator(PostInviteReq, req.body)
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await manager.transaction(async (tm) => {
    return await inviteService.withTransaction(tm).resend(validated.email)
  })
  res.sendStatus(200)
}
`

const medusaIndex = `
import { Router } from "express"

export default (app) => {
  const route = Router()
  app.use("/invites", route)
  route.post("/:id/resend", middlewares.wrap(require("./routes").resend))
  route.delete("/:id", middlewares.wrap(require("./remove-invite").default))
  route.post("/leave/:id", middlewares.wrap(require("./leave").default))
  return app
}
`

const medusaRemove = `
import InviteService from "./invite-service"

export default async (req, res) => {
  const { id } = req.params
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await inviteService.remove(id)
  res.sendStatus(200)
}
`

const medusaLeave = `
import InviteService from "./invite-service"

export default async (req, res) => {
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await inviteService.leave(req.params.id)
  res.sendStatus(200)
}
`

func TestExpressServiceLayerIdioms(t *testing.T) {
	files := map[string]string{
		"src/models.ts":         medusaModels,
		"src/repositories.ts":   medusaRepos,
		"src/invite-service.ts": medusaService,
		"src/routes.ts":         medusaRoutes,
		"src/index.ts":          medusaIndex,
		"src/remove-invite.ts":  medusaRemove,
		"src/leave.ts":          medusaLeave,
	}
	tests := []idiomCase{
		{
			name:      "the columns of abstract bases are inherited; an abstract class is no entity",
			construct: "Invite",
			want:      []string{"user_email: String", "deleted_at: Timestamp?", "created_at: Timestamp"},
		},
		{
			name:      "a route mounted in a module function; wrap(require(m).name); validator(Shape, req.body); a typed container lookup; a transaction callback; withTransaction and withRepository; a time moved by setDate by its own getter's value plus days (date_setters)",
			construct: "Resend",
			want:      []string{"requires: exists invite", "invite.accepted = false", "invite.expires_at = now + config.invite_lifetime"},
		},
		{
			name:      "an anonymous default export is named after its module; delete is a hard delete though the entity can be soft-deleted",
			construct: "RemoveInvite",
			want:      []string{"not exists invite"},
			notWant:   []string{"deleted_at"},
		},
		{
			name:      "typeof Repository names the module's repository; softRemove stamps the deletion time",
			construct: "Leave",
			want:      []string{"member.deleted_at = now"},
			notWant:   []string{"= true"},
		},
	}
	runIdiomCases(t, files, tests)
}
