package distill

import "testing"

// TestConditionalEntries: an object literal filled entry by entry before
// an update writes each entry under the condition it was set under: an
// optional input given (zod's .optional(), also of a schema kept in
// another module), a conjunction with it; an entry set unconditionally is
// written as it is, and a field set by none is not written.
func TestConditionalEntries(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String  @id
  username String  @unique
  password String
  role     String
  bio      String?
  promoted Boolean @default(false)
}
`,
		"src/lib/db.ts":     "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
		"src/lib/schema.ts": "import { z } from 'zod';\nexport const roleParam = z.enum(['admin', 'user']);\n",
		"src/app/api/users/[userId]/route.ts": `
import { z } from 'zod';
import { hash } from 'bcryptjs';
import { db } from '../../../../lib/db';
import { roleParam } from '../../../../lib/schema';
export async function POST(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  const schema = z.object({
    password: z.string().min(8).optional(),
    role: roleParam.optional(),
    bio: z.string().optional(),
    promote: z.boolean(),
  });
  const body = schema.parse(await request.json());
  const { password, role, bio, promote } = body;
  const { userId } = await params;
  const data: any = {};
  if (password) {
    data.password = hash(password, 10);
  }
  if (role && process.env.ALLOW_ROLES === 'true') {
    data.role = role;
  }
  data.promoted = true;
  await db.user.update({ where: { id: userId }, data });
  return Response.json({ ok: true });
}
`,
	}
	out := distilText(t, d, files)
	wantConstruct(t, out, "Users", []string{
		"if exists password:\n            user.password = hash(password",
		"if exists role and config.allow_roles:\n            user.role = role",
		"user.promoted = true",
	}, []string{"if exists bio"})
}
