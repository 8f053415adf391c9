package distill

import (
	"strings"
	"testing"
)

// TestUniqueKeys pins a delete whose filter pins each column of a key the
// model declares unique over several columns (healthchecks' Member,
// UniqueConstraint(fields=["user", "project"]), hc/accounts/models.py:612-617,
// deleted by Member.objects.filter(project=project, user=u).delete(),
// views.py:328): one row goes, stated as a keyed lookup. A key the filter
// does not pin whole, a partial constraint, or a model declaring none keep
// the loop over the rows.
func TestUniqueKeys(t *testing.T) {
	d := New(Options{})
	models := func(meta, tableArgs string) string {
		return `
from django.db import models
from django.contrib.auth.models import User


class Project(models.Model):
    code = models.CharField(max_length=36, unique=True)
    name = models.CharField(max_length=100)


class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, models.CASCADE)
    role = models.CharField(max_length=1)
` + tableArgs + meta
	}
	views := func(filter string) string {
		return `
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from app.models import Member, Project


@login_required
def leave(request, code):
    project = Project.objects.get(code=code)
    Member.objects.filter(` + filter + `).delete()
    return HttpResponse()
`
	}
	const constraint = `
    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], name="member_no_duplicates")
        ]
`
	const keyed = "ensures: not exists Member{project, user}"
	tests := []struct {
		name, meta, tableArgs, filter string
		want                          string
	}{
		{name: "a UniqueConstraint pinned whole", meta: constraint, filter: "project=project, user=request.user", want: keyed},
		{name: "unique_together as one tuple", meta: `
    class Meta:
        unique_together = ("user", "project")
`, filter: "project=project, user=request.user", want: keyed},
		{name: "unique_together as a list of tuples", meta: `
    class Meta:
        unique_together = [("project", "role"), ("user", "project")]
`, filter: "project=project, user=request.user", want: keyed},
		{name: "a key and one more equality", meta: constraint, filter: `project=project, user=request.user, role="m"`,
			want: `ensures: not exists Member{project, user, role: "m"}`},
		{name: "a key not pinned whole", meta: constraint, filter: `project=project, role="m"`, want: "for member in"},
		{name: "a partial constraint", meta: `
    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "project"], condition=models.Q(role="m"), name="one_manager")
        ]
`, filter: "project=project, user=request.user", want: "for member in"},
		{name: "no constraint", filter: "project=project, user=request.user", want: "for member in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models(tt.meta, tt.tableArgs),
				"app/views.py":  views(tt.filter),
				"app/urls.py":   djangoRoute("leave/<str:code>/", "leave"),
			})
			got := construct(out.Module, "Leave")
			if !strings.Contains(got, tt.want) {
				t.Errorf("want %q in:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
			if tt.want != keyed && strings.Contains(got, keyed) {
				t.Errorf("%q in:\n%s", keyed, got)
			}
		})
	}
}

// TestSQLAlchemyUniqueKeys pins SQLAlchemy's table-level constraint
// (CTFd's Solves, __table_args__ = (db.UniqueConstraint("challenge_id",
// "user_id"), {}), CTFd/models/__init__.py:936): a delete pinning both
// columns is of one row; a partial index (postgresql_where=) pins none.
func TestSQLAlchemyUniqueKeys(t *testing.T) {
	d := New(Options{})
	models := func(args string) string {
		return `
from sqlalchemy import Column, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)

class Challenge(Base):
    __tablename__ = "challenges"
    id = Column(Integer, primary_key=True)
    name = Column(String)

class Solve(Base):
    __tablename__ = "solves"
    __table_args__ = (` + args + `, {})
    id = Column(Integer, primary_key=True)
    challenge_id = Column(Integer, ForeignKey("challenges.id"))
    challenge = relationship(Challenge)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship(User)
`
	}
	const views = `
from fastapi import APIRouter
from .models import Challenge, Solve, User
router = APIRouter()

@router.delete("/solves")
def unsolve(challenge_id: int, user_id: int, session=None):
    challenge = session.query(Challenge).filter_by(id=challenge_id).first()
    user = session.query(User).filter_by(id=user_id).first()
    session.query(Solve).filter_by(challenge=challenge, user=user).delete()
`
	const keyed = "not exists Solve{challenge, user}"
	tests := []struct {
		name, args string
		keyed      bool
	}{
		{"a constraint over both columns", `UniqueConstraint("challenge_id", "user_id", name="uq")`, true},
		{"a partial one", `UniqueConstraint("challenge_id", "user_id", postgresql_where="1 = 1")`, false},
		{"a constraint over other columns", `UniqueConstraint("challenge_id", "id")`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models(tt.args), "app/views.py": views})
			got := construct(out.Module, "Unsolve")
			if strings.Contains(got, keyed) != tt.keyed {
				t.Errorf("%q stated: %v, want %v:\n%s\nnotes: %v", keyed, !tt.keyed, tt.keyed, got, out.Notes)
			}
		})
	}
}

// TestUniqueKeyCreatedRow pins a lookup by a key unique over several
// columns right after the rule created a row with those values: it reads
// that row back (the change is of the row created), not a row that existed
// before the rule. Without the key the lookup stays a lookup.
func TestUniqueKeyCreatedRow(t *testing.T) {
	d := New(Options{})
	models := func(meta string) string {
		return `
from django.db import models
from django.contrib.auth.models import User


class Project(models.Model):
    code = models.CharField(max_length=36, unique=True)


class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE)
    project = models.ForeignKey(Project, models.CASCADE)
    role = models.CharField(max_length=1)
` + meta
	}
	const views = `
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from app.models import Member, Project


@login_required
def join(request, code):
    project = Project.objects.get(code=code)
    Member.objects.create(user=request.user, project=project, role="w")
    member = Member.objects.get(user=request.user, project=project)
    member.role = "m"
    member.save()
    return HttpResponse()
`
	tests := []struct {
		name, meta string
		want, not  string // not: what the rule must not state
	}{
		{"a unique key reads the created row", `
    class Meta:
        unique_together = ("user", "project")
`, `Member.created(user: user, project: project, role: `, "role: w"},
		{"no key: a lookup", "", "let member = Member{user, project}", "@@"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models(tt.meta),
				"app/views.py":  views,
				"app/urls.py":   djangoRoute("join/<str:code>/", "join"),
			})
			got := construct(out.Module, "Join")
			if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
				t.Errorf("want %q and no %q in:\n%s\nnotes: %v", tt.want, tt.not, got, out.Notes)
			}
		})
	}
}

// TestPrismaUniqueKeys pins Prisma's block attribute @@unique([teamId,
// userId]) (hoppscotch's TeamMember, prisma/schema.prisma:27): a
// deleteMany pinning both fields removes one row, stated as a keyed
// lookup; without the attribute, or pinning one field, it stays a loop.
func TestPrismaUniqueKeys(t *testing.T) {
	schema := func(attr string) string {
		return `
model User {
  id       String @id
  username String @unique
  teams    TeamUser[]
}
model Team {
  id    String @id
  name  String
  users TeamUser[]
}
model TeamUser {
  id     String @id
  teamId String
  userId String
  role   String
  team   Team @relation(fields: [teamId], references: [id])
  user   User @relation(fields: [userId], references: [id])
` + attr + `
}
`
	}
	route := func(where string) string {
		return `
import prisma from '@/lib/prisma';
import { json } from '@/lib/response';
export async function DELETE(_request: Request, { params }: { params: Promise<{ teamId: string; userId: string }> }) {
  const { teamId, userId } = await params;
  await prisma.client.teamUser.deleteMany({ where: ` + where + ` });
  return json({ ok: true });
}
`
	}
	const keyed = "ensures: not exists TeamUser{team: team_id, user: user_id}"
	tests := []struct {
		name, attr, where string
		keyed             bool
	}{
		{"@@unique pinned whole", "  @@unique([teamId, userId])", "{ teamId, userId }", true},
		{"@@unique(fields: [...])", `  @@unique(fields: [teamId, userId], name: "member")`, "{ teamId, userId }", true},
		{"an index is no key", "  @@index([teamId, userId])", "{ teamId, userId }", false},
		{"one field of the key", "  @@unique([teamId, userId])", "{ teamId }", false},
	}
	d := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"prisma/schema.prisma":                               schema(tt.attr),
				"src/app/api/teams/[teamId]/users/[userId]/route.ts": route(tt.where),
			})
			got := construct(out.Module, "DeleteTeamsUsers")
			if strings.Contains(got, keyed) != tt.keyed || got == "" {
				t.Errorf("%q stated: %v, want %v:\n%s\nnotes: %v", keyed, !tt.keyed, tt.keyed, got, out.Notes)
			}
		})
	}
}

// TestTypeORMUniqueKeys pins TypeORM's class decorator @Unique([...]),
// with or without the constraint's name first: a delete pinning every
// column of it removes one row.
func TestTypeORMUniqueKeys(t *testing.T) {
	entity := func(deco string) string {
		return `
import { Entity, PrimaryGeneratedColumn, Column, Unique } from 'typeorm';

@Entity()
` + deco + `
export class Member {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  teamId: string;

  @Column()
  userId: string;
}
`
	}
	const controller = `
import { Controller, Delete, Param } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Member } from './member.entity';

@Controller('members')
export class MembersController {
  constructor(@InjectRepository(Member) private readonly members: Repository<Member>) {}

  @Delete(':teamId/:userId')
  async remove(@Param('teamId') teamId: string, @Param('userId') userId: string) {
    await this.members.delete({ teamId, userId });
  }
}
`
	const keyed = "ensures: not exists Member{team_id, user_id}"
	tests := []struct {
		name, deco string
		keyed      bool
	}{
		{"@Unique over both columns", "@Unique(['teamId', 'userId'])", true},
		{"@Unique named first", "@Unique('UQ_member', ['teamId', 'userId'])", true},
		{"@Unique over one of them", "@Unique(['teamId'])", false},
		{"no constraint", "", false},
	}
	d := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/member.entity.ts": entity(tt.deco), "src/members.controller.ts": controller})
			got := construct(out.Module, "Remove")
			if strings.Contains(got, keyed) != tt.keyed || got == "" {
				t.Errorf("%q stated: %v, want %v:\n%s\nnotes: %v", keyed, !tt.keyed, tt.keyed, got, out.Notes)
			}
		})
	}
}
