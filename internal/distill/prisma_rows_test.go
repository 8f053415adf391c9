package distill

import "testing"

// TestPrismaRowsThroughHelpers pins how a NestJS service over Prisma
// (hoppscotch's team invitations and magic links) hands rows around: a
// helper answers O.some(this.cast(row)), where cast copies the row and
// re-reads a field ({...row, inviteeRole: Role[row.inviteeRole]}), and
// the caller reads invitation.value.teamID; a create links a relation by
// a nested connect ({team: {connect: {id: teamID}}}); and a where names
// a unique key over two fields by a key of its own ({teamID_userUid:
// {teamID, userUid}}), for a lookup or for deleting the row found; a
// helper that answers null when its lookup found nothing, tested for a
// result (if (member) return E.left(...)), requires that nothing.
func TestPrismaRowsThroughHelpers(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model Team {
  id      String       @id @default(cuid())
  name    String
  members TeamMember[]
  invites TeamInvitation[]
}
model TeamMember {
  id      String @id @default(uuid())
  role    String
  userUid String
  teamID  String
  team    Team   @relation(fields: [teamID], references: [id])
  @@unique([teamID, userUid])
}
model TeamInvitation {
  id           String @id @default(cuid())
  teamID       String
  inviteeEmail String
  inviteeRole  String
  team         Team   @relation(fields: [teamID], references: [id])
}
model Ticket {
  id       String @id @default(cuid())
  device   String
  token    String @unique
  value    String
  @@unique([device, token], name: "device_tokens")
}
`,
		"src/team/team.service.ts": `
import { Injectable } from '@nestjs/common';
import { PrismaService } from 'src/prisma/prisma.service';
@Injectable()
export class TeamService {
  constructor(private readonly prisma: PrismaService) {}
  async getTeamMember(teamID: string, userUid: string) {
    const teamMember = await this.prisma.teamMember.findUnique({
      where: { teamID_userUid: { teamID, userUid } },
    });
    return teamMember;
  }
  async getMembership(teamID: string, userUid: string) {
    try {
      const teamMember = await this.prisma.teamMember.findUnique({
        where: { teamID_userUid: { teamID, userUid } },
      });
      if (!teamMember) return null;
      return <Membership>{ membershipID: teamMember.id, userUid: userUid, role: teamMember.role };
    } catch (e) {
      return null;
    }
  }
  async getActiveMembership(teamID: string, userUid: string) {
    const teamMember = await this.prisma.teamMember.findUnique({
      where: { teamID_userUid: { teamID, userUid } },
    });
    if (!teamMember) return null;
    if (teamMember.role === 'viewer') return null;
    return <Membership>{ membershipID: teamMember.id, role: teamMember.role };
  }
  async addMemberToTeam(teamID: string, uid: string, role: string) {
    return await this.prisma.teamMember.create({
      data: { userUid: uid, team: { connect: { id: teamID } }, role: role },
    });
  }
}
`,
		"src/inv/inv.service.ts": `
import { Injectable } from '@nestjs/common';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { PrismaService } from 'src/prisma/prisma.service';
import { TeamService } from 'src/team/team.service';
@Injectable()
export class InvService {
  constructor(private readonly prisma: PrismaService, private readonly teamService: TeamService) {}
  private cast(db: any) {
    return { ...db, inviteeRole: Role[db.inviteeRole] };
  }
  private copy(db: any) {
    return { ...db, inviteeRole: 'owner' };
  }
  async getInvitation(inviteID: string) {
    try {
      const dbInvitation = await this.prisma.teamInvitation.findUniqueOrThrow({ where: { id: inviteID } });
      return O.some(this.cast(dbInvitation));
    } catch (e) {
      return O.none;
    }
  }
  async getCopy(inviteID: string) {
    try {
      const dbInvitation = await this.prisma.teamInvitation.findUniqueOrThrow({ where: { id: inviteID } });
      return O.some(this.copy(dbInvitation));
    } catch (e) {
      return O.none;
    }
  }
  async acceptInvitation(inviteID: string, uid: string) {
    const invitation = await this.getInvitation(inviteID);
    if (O.isNone(invitation)) return E.left('no_invite');
    const member = await this.teamService.getTeamMember(invitation.value.teamID, uid);
    if (!member) return E.left('not_member');
    await this.teamService.addMemberToTeam(invitation.value.teamID, uid, invitation.value.inviteeRole);
    return E.right(true);
  }
  async joinTeam(teamID: string, uid: string) {
    const member = await this.teamService.getMembership(teamID, uid);
    if (member) return E.left('already_member');
    await this.teamService.addMemberToTeam(teamID, uid, 'viewer');
    return E.right(true);
  }
  async promote(teamID: string, uid: string) {
    const member = await this.teamService.getActiveMembership(teamID, uid);
    if (member) return E.left('already_active');
    await this.teamService.addMemberToTeam(teamID, uid, 'editor');
    return E.right(true);
  }
  async copyInvitation(inviteID: string, uid: string) {
    const invitation = await this.getCopy(inviteID);
    if (O.isNone(invitation)) return E.left('no_invite');
    await this.teamService.addMemberToTeam(invitation.value.teamID, uid, invitation.value.inviteeRole);
    return E.right(true);
  }
  async spend(device: string, token: string) {
    const ticket = await this.prisma.ticket.findUnique({ where: { device_tokens: { device, token } } });
    if (!ticket) return E.left('no_ticket');
    await this.prisma.ticket.delete({ where: { device_tokens: { device: ticket.device, token: ticket.token } } });
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
  async acceptTeamInvitation(@Args('inviteID') inviteID: string, @Args('uid') uid: string) {
    const done = await this.invs.acceptInvitation(inviteID, uid);
    if (E.isLeft(done)) throwErr(done.left);
    return true;
  }
  @Mutation(() => Boolean)
  async copyTeamInvitation(@Args('inviteID') inviteID: string, @Args('uid') uid: string) {
    const done = await this.invs.copyInvitation(inviteID, uid);
    if (E.isLeft(done)) throwErr(done.left);
    return true;
  }
  @Mutation(() => Boolean)
  async joinTeam(@Args('teamID') teamID: string, @Args('uid') uid: string) {
    const done = await this.invs.joinTeam(teamID, uid);
    if (E.isLeft(done)) throwErr(done.left);
    return true;
  }
  @Mutation(() => Boolean)
  async promoteMember(@Args('teamID') teamID: string, @Args('uid') uid: string) {
    const done = await this.invs.promote(teamID, uid);
    if (E.isLeft(done)) throwErr(done.left);
    return true;
  }
  @Mutation(() => Boolean)
  async spendTicket(@Args('device') device: string, @Args('token') token: string) {
    const done = await this.invs.spend(device, token);
    if (E.isLeft(done)) throwErr(done.left);
    return true;
  }
}
`,
		"src/utils.ts": `
export function throwErr(errMessage: string): never {
  throw new Error(errMessage);
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "invitation.value of O.some of a recast row is the row; a nested connect by id is that row; a compound key is its fields",
			construct: "AcceptTeamInvitation",
			want: []string{
				"requires: exists invitation",
				"TeamMember{team: invitation.team, user_uid: uid}",
				"TeamMember.created(user_uid: uid, team: invitation.team, role: invitation.invitee_role)",
			},
		},
		{
			name:      "a copy that sets a field to another value is not the row",
			construct: "CopyTeamInvitation",
			want:      []string{"TeamMember.created(user_uid: uid)"},
			notWant:   []string{"invitation.invitee_role"},
		},
		{
			name:      "a helper's result tested for presence: the one check it answered null on holds",
			construct: "JoinTeam",
			want:      []string{"requires: not exists team_member"},
		},
		{
			name:      "a helper with two checks answers null when either fails: its presence is no single precondition",
			construct: "PromoteMember",
			notWant:   []string{"requires: not exists team_member", "requires: exists team_member"},
		},
		{
			name:      "a delete by the row's own compound key deletes that row",
			construct: "SpendTicket",
			want:      []string{"let ticket = Ticket{device, token}", "requires: exists ticket", "ensures: not exists ticket"},
			notWant:   []string{"for "},
		},
	})
}
