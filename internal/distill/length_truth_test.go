package distill

import "testing"

// A test of a length's truth (nestjs-microservice-boilerplate's
// user-refresh-token.ts:40, `if (!user.roles.length) throw`) requires the
// length above zero: a bare length(user.roles) is a number, no condition.
func TestLengthTruth(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id    String   @id @default(cuid())
  email String   @unique
  name  String
  
}
`,
		"src/lib/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
		"src/app/api/rename/route.ts": `
import { db } from '../../../lib/db';
export async function POST(request: Request) {
  const body = await request.json();
  const user = await db.user.findUnique({ where: { email: body.email } });
  if (!user) throw new Error('unknown');
  if (!user.name.length) throw new Error("unnamed");
  await db.user.update({ where: { email: body.email }, data: { name: body.name } });
  return Response.json({ ok: true });
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the length of a row's text is tested above zero",
			construct: "Rename",
			want:      []string{"requires: length(user.name) > 0"},
			notWant:   []string{"requires: length(user.name)\n"},
		},
	})
}
