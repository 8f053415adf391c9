package distill

import "testing"

// TestSessionMarksAndNamesTables: a mark the service's session getter
// sets on the user it gives back (user.isAdmin = user.role ===
// ROLES.admin) is read where a handler reads it, and a table of names
// (ROLES = {admin: 'admin', ...} as const) is no config: its entries are
// the names themselves, the states of the field compared with them.
func TestSessionMarksAndNamesTables(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String @id
  username String @unique
  role     String
}
`,
		"src/lib/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
		"src/lib/constants.ts": `
export const ROLES = {
  admin: 'admin',
  user: 'user',
  viewOnly: 'view-only',
} as const;
export const LIMITS = {
  maxUsers: 100,
};
`,
		"src/lib/auth.ts": `
import { db } from './db';
import { ROLES } from './constants';
export async function checkAuth(request: Request) {
  const userId = request.headers.get('x-user');
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) {
    return null;
  }
  user.isAdmin = user.role === ROLES.admin;
  return { user };
}
`,
		"src/app/api/users/route.ts": `
import { db } from '../../../lib/db';
import { checkAuth } from '../../../lib/auth';
export async function POST(request: Request) {
  const auth = await checkAuth(request);
  if (!auth) {
    return new Response(null, { status: 401 });
  }
  if (!auth.user.isAdmin) {
    return new Response(null, { status: 403 });
  }
  const { username } = await request.json();
  await db.user.create({ data: { username, role: 'user' } });
  return new Response(null, { status: 201 });
}
`,
	}
	out := distilText(t, d, files)
	wantConstruct(t, out, "Users", []string{"requires: user.role = admin"}, []string{"config.admin", "is_admin"})
	wantConstruct(t, out, "User", []string{"role: user | admin"}, []string{"role: String"})
}
