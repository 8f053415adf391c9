package distill

import "testing"

// TestSignedInOrGuard: `if (!session?.user || test) return 403` of
// NextAuth's session makes the rule one for signed-in users and requires
// the other test's negation alone; no "exists current_user" of its own.
// An or whose first test is not of the session stays one guard.
func TestSignedInOrGuard(t *testing.T) {
	cases := []struct {
		name, cond    string
		want, notWant []string
	}{
		{"session or other user", "!session?.user || params.userId !== session?.user.id",
			[]string{"requires: user_id = current_user", "current_user.name = name"}, []string{"exists current_user"}},
		{"session alone", "!session",
			[]string{"current_user.name = name"}, []string{"exists current_user", "user_id = current_user"}},
		{"other test first", "params.userId !== session?.user.id || !session?.user",
			[]string{"current_user.name = name", "user_id = current_user"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			files := map[string]string{
				"prisma/schema.prisma": "model User {\n  id   String  @id\n  name String?\n}\n",
				"src/lib/db.ts":        "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
				"src/app/api/users/[userId]/route.ts": `
import { getServerSession } from 'next-auth';
import { db } from '../../../../lib/db';
export async function PATCH(req: Request, context: { params: { userId: string } }) {
  const { params } = context;
  const session = await getServerSession();
  if (` + c.cond + `) {
    return new Response(null, { status: 403 });
  }
  const body = await req.json();
  await db.user.update({ where: { id: session.user.id }, data: { name: body.name } });
  return new Response(null, { status: 200 });
}
`,
			}
			out := distilText(t, d, files)
			wantConstruct(t, out, "PatchUsers", c.want, c.notWant)
		})
	}
}
