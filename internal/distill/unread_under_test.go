package distill

import (
	"strings"
	"testing"
)

// TestGuardUnderUnreadCondition: a guard inside a block whose condition
// the spec cannot read (an entry of an object filled under conditions) is
// left out with a note, not dropped unseen; under a condition it can read,
// the guard is stated under it and no such note is written.
func TestGuardUnderUnreadCondition(t *testing.T) {
	const note = "a guard under a condition the spec could not read left out of"
	route := func(cond string) map[string]string {
		return map[string]string{
			"prisma/schema.prisma": `
model User {
  id       String @id
  username String @unique
  password String
}
`,
			"src/lib/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
			"src/app/api/users/[userId]/route.ts": `
import { db } from '../../../../lib/db';
export async function POST(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  const { username, password } = await request.json();
  const { userId } = await params;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) {
    return Response.json({}, { status: 404 });
  }
  const data: any = {};
  if (username && process.env.ALLOW_RENAME === 'true') {
    data.username = username;
  }
  if (` + cond + `) {
    const user = await db.user.findUnique({ where: { username } });
    if (user) {
      return Response.json({}, { status: 400 });
    }
  }
  data.password = password;
  await db.user.update({ where: { id: userId }, data });
  return Response.json({ ok: true });
}
`,
		}
	}
	cases := []struct {
		name, cond string
		wantNote   bool
	}{
		{"an entry of a conditionally filled object", "data.username && user.username !== data.username", true},
		{"a condition on the request's row", "user.username !== 'root'", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, route(tc.cond))
			found := false
			for _, n := range out.Notes {
				found = found || strings.Contains(n, note)
			}
			if found != tc.wantNote {
				t.Errorf("note %q: found %v, want %v; notes: %v", note, found, tc.wantNote, out.Notes)
			}
		})
	}
}
