package distill

import "testing"

// TestStatusLiteralsStayWithTheirEntity: two entities with a status field
// of the same name each take only the literals seen on their own field (a
// receiver or a query naming them, their own declaration), never those of
// the other; a names-table entry that is no state (team-owner) says nothing.
func TestStatusLiteralsStayWithTheirEntity(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		// want: entity -> the line its status field must read as.
		want map[string]string
	}{
		{
			name: "prisma roles table shared by users and team members",
			files: map[string]string{
				"prisma/schema.prisma": `
model User {
  id       String @id
  username String @unique
  role     String
}
model TeamUser {
  id     String @id
  userId String
  role   String
}
`,
				"src/lib/db.ts":        "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
				"src/lib/constants.ts": "export const ROLES = { admin: 'admin', user: 'user', teamOwner: 'team-owner' } as const;\n",
				"src/lib/auth.ts": `
import { ROLES } from './constants';
export function isAdmin(user: any) {
  return user.role === ROLES.admin;
}
`,
				"src/lib/teams.ts": `
import { prisma } from './db';
import { ROLES } from './constants';
export async function owner(teamId: string) {
  return prisma.teamUser.findFirst({ where: { teamId, role: ROLES.teamOwner } });
}
`,
			},
			want: map[string]string{"User": "role: admin | user", "TeamUser": "role: String"},
		},
		{
			name: "sqlalchemy defaults and comparisons by model class",
			files: map[string]string{
				"app/models.py": `
from app.db import db

class Challenges(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    state = db.Column(db.String(80), default="visible")

class Solutions(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    state = db.Column(db.String(80), default="hidden")

def publish(solution_id):
    s = Solutions.query.filter_by(id=solution_id).first()
    if s.state == "hidden":
        return None
    return Solutions.query.filter_by(state="solved").all()
`,
				"app/db.py": "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
			},
			want: map[string]string{"Challenges": "state: String?", "Solutions": "state: hidden | solved?"},
		},
		{
			name: "a local holding a row names its entity",
			files: map[string]string{
				"app/models.py": `
from app.db import db

class TeamMember(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    role = db.Column(db.String(16), default="member")

class Invitation(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    role = db.Column(db.String(16), default="member")

def revoke(team_id, user_id):
    inviter = TeamMember.query.filter_by(team_id=team_id, user_id=user_id).first()
    if inviter.role != "admin":
        return None
    return Invitation.query.filter_by(team_id=team_id).all()
`,
				"app/db.py": "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
			},
			want: map[string]string{"TeamMember": "role: member | admin?", "Invitation": "role: String?"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, tc.files)
			for ent, line := range tc.want {
				wantConstruct(t, out, ent, []string{line}, nil)
			}
		})
	}
}
