package distill

import "testing"

// TestGeneratedModelTypes pins two Prisma idioms of NestJS services
// (hoppscotch): a handler's parameter typed with a model the Prisma client
// generates (import { User } from '@prisma/client', here through an alias
// type AuthUser = User and the generator's own output path) is a row of
// that model, whatever param decorator hands it over; and a where on the
// model's own key, whatever its name (uid), is the row that key names.
func TestGeneratedModelTypes(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  uid     String  @id @default(cuid())
  email   String? @unique
  isAdmin Boolean @default(false)
}
`,
		"src/types/AuthUser.ts": `
import { User } from 'src/generated/prisma/client';
export type AuthUser = User;
`,
		"src/types/Profile.ts": `
import { User } from 'src/models/user';
export type Profile = User;
`,
		"src/user/user.service.ts": `
import { Injectable } from '@nestjs/common';
import { PrismaService } from 'src/prisma/prisma.service';
@Injectable()
export class UserService {
  constructor(private readonly prisma: PrismaService) {}
  async makeAdmin(userUID: string) {
    return this.prisma.user.update({ where: { uid: userUID }, data: { isAdmin: true } });
  }
}
`,
		"src/user/user.controller.ts": `
import { Controller, Post, UseGuards } from '@nestjs/common';
import { UserService } from './user.service';
import { JwtAuthGuard } from 'src/auth/guards/jwt-auth.guard';
import { GqlUser } from 'src/decorators/gql-user.decorator';
import { AuthUser } from 'src/types/AuthUser';
import { Profile } from 'src/types/Profile';
@Controller('user')
export class UserController {
  constructor(private readonly users: UserService) {}
  @Post('promote')
  @UseGuards(JwtAuthGuard)
  async promote(@GqlUser() user: AuthUser) {
    await this.users.makeAdmin(user.uid);
  }
  @Post('elevate')
  @UseGuards(JwtAuthGuard)
  async elevate(@GqlUser() profile: Profile) {
    await this.users.makeAdmin(profile.uid);
  }
}
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{{
		name:      "a type alias of the generated client's User is a User; where: {uid} is that row",
		construct: "Promote",
		want:      []string{"when: Promote(user)", "user.is_admin = true"},
	}})
	// A User type of a module of the service's own (not among the files)
	// is no model the schema generates: the row the update changes is
	// unknown, so no rule states it.
	if got := construct(out.Module, "Elevate"); got != "" {
		t.Errorf("Elevate states a change to a row it cannot name:\n%s", got)
	}
}
