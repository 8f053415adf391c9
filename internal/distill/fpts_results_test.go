package distill

import "testing"

// TestFpTsFailureResults pins how a NestJS service that answers fp-ts
// results instead of throwing (hoppscotch) states its checks: a helper
// that looks a row up in a try whose catch answers O.none fails when no
// row matched; a caller that answers E.left on O.isNone of it fails
// whenever it did; and the resolver that throws on E.isLeft requires the
// row to exist. A caller that goes on past the absent result requires
// nothing. A helper that tests a text against a pattern with an @
// (validateEmail: new RegExp(/...@.../).test(email)) checks an address.
func TestFpTsFailureResults(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model Team {
  id   String @id @default(cuid())
  name String
}
model TeamInvitation {
  id           String @id @default(cuid())
  inviteeEmail String
  teamID       String
  team         Team   @relation(fields: [teamID], references: [id])
}
`,
		"src/inv/inv.service.ts": `
import { Injectable } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { PrismaService } from 'src/prisma/prisma.service';
import { validateEmail } from 'src/utils';
@Injectable()
export class InvService {
  constructor(private readonly prisma: PrismaService) {}
  private cast(db: any) {
    return { ...db, inviteeRole: db.inviteeRole };
  }
  async getInvitation(inviteID: string) {
    try {
      const dbInvitation = await this.prisma.teamInvitation.findUniqueOrThrow({ where: { id: inviteID } });
      return O.some(this.cast(dbInvitation));
    } catch (e) {
      return O.none;
    }
  }
  async createInvitation(teamID: string, inviteeEmail: string) {
    if (!validateEmail(inviteeEmail)) return E.left('invalid_email');
    const team = await this.prisma.team.findUnique({ where: { id: teamID } });
    if (!team) return E.left('invalid_team');
    await this.prisma.teamInvitation.create({ data: { teamID: team.id, inviteeEmail } });
    return E.right(true);
  }
  async invite(inviteeEmail: string) {
    if (!validateEmail(inviteeEmail)) return E.left('invalid_email');
    const sent = await this.prisma.teamInvitation.create({ data: { inviteeEmail } });
    return E.right(<Receipt>{ at: stamp(sent) });
  }
  async touchInvitation(inviteID: string) {
    const invitation = await this.getInvitation(inviteID);
    await this.prisma.teamInvitation.delete({ where: { id: inviteID } });
    return E.right(true);
  }
  async revokeInvitation(inviteID: string) {
    const invitation = await this.getInvitation(inviteID);
    if (O.isNone(invitation)) return E.left('no_invite');
    await this.prisma.teamInvitation.delete({ where: { id: inviteID } });
    return E.right(true);
  }
}
`,
		"src/inv/inv.resolver.ts": `
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import * as E from 'fp-ts/Either';
import { InvService } from './inv.service';
import { throwErr } from 'src/utils';
@Resolver()
export class InvResolver {
  constructor(private readonly invs: InvService) {}
  @Mutation(() => Boolean)
  async revokeTeamInvitation(@Args({ name: 'inviteID' }) inviteID: string): Promise<true> {
    const isRevoked = await this.invs.revokeInvitation(inviteID);
    if (E.isLeft(isRevoked)) throwErr(isRevoked.left);
    return true;
  }
  @Mutation(() => Boolean)
  async createTeamInvitation(@Args('teamID') teamID: string, @Args('inviteeEmail') inviteeEmail: string): Promise<true> {
    const created = await this.invs.createInvitation(teamID, inviteeEmail);
    if (E.isLeft(created)) throwErr(created.left);
    return true;
  }
  @Mutation(() => Boolean)
  async inviteByEmail(@Args('inviteeEmail') inviteeEmail: string) {
    const receipt = await this.invs.invite(inviteeEmail);
    if (E.isLeft(receipt)) throwErr(receipt.left);
    return receipt.right;
  }
  @Mutation(() => Boolean)
  async touchTeamInvitation(@Args({ name: 'inviteID' }) inviteID: string): Promise<true> {
    const touched = await this.invs.touchInvitation(inviteID);
    if (E.isLeft(touched)) throwErr(touched.left);
    return true;
  }
}
`,
		"src/utils.ts": `
export function throwErr(errMessage: string): never {
  throw new Error(errMessage);
}
export const validateEmail = (email: string) => {
  return new RegExp(/^[^@\\s]+@[^@\\s]+$/).test(email);
};
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the row the helper's try found is required through O.isNone and E.isLeft",
			construct: "RevokeTeamInvitation",
			want:      []string{"requires: exists invite_id", "ensures: not exists invite_id"},
		},
		{
			name:      "a RegExp test against an address pattern is is_valid_email; a failure returned first is no result that ends the checks",
			construct: "CreateTeamInvitation",
			want:      []string{"requires: is_valid_email(invitee_email)", "requires: exists team"},
		},
		{
			name:      "E.isLeft of a success whose value the walk cannot read still reads the helper's checks",
			construct: "InviteByEmail",
			want:      []string{"requires: is_valid_email(invitee_email)"},
		},
		{
			name:      "no caller refuses on the absent result: nothing is required",
			construct: "TouchTeamInvitation",
			want:      []string{"ensures: not exists invite_id"},
			notWant:   []string{"requires"},
		},
	})
}
