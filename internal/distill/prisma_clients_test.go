package distill

import "testing"

// TestPrismaClientsAndAliases pins how an App Router service reaches its
// helpers and its Prisma client: an import through a path alias ("@/lib/
// users", catalog path_aliases) is the service's module under its source
// root; a Prisma model's repository is reached through whatever object
// holds the client (prisma.client.user, catalog client_models); and an
// object literal passed to a helper whose parameter takes it whole
// (updateUser(id, {password})) is that parameter, read where it was
// written.
func TestPrismaClientsAndAliases(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String  @id
  username String  @unique
  password String
  banned   Boolean @default(false)
}
`,
		"src/lib/users.ts": `
import prisma from '@/lib/prisma';
export async function getUserByUsername(username: string) {
  return prisma.client.user.findUnique({ where: { username } });
}
export async function updateUser(username: string, data: any) {
  return prisma.client.user.updateMany({ where: { username }, data });
}
`,
		"src/app/api/password/route.ts": `
import { hashPassword } from '@/lib/password';
import { getUserByUsername, updateUser } from '@/lib/users';
export async function POST(request: Request) {
  const { username, newPassword } = await request.json();
  const user = await getUserByUsername(username);
  if (!user) {
    return new Response(null, { status: 404 });
  }
  await updateUser(username, { password: hashPassword(newPassword) });
  return Response.json({});
}
`,
		"src/app/api/ban/route.ts": `
import { updateUser } from '~/lib/users';
export async function POST(request: Request) {
  const { username } = await request.json();
  await updateUser(username, { banned: true });
  return Response.json({});
}
`,
	}
	tests := []idiomCase{
		{
			name:      "@/ helpers: a lookup through prisma.client.user, an update whose data is the caller's object",
			construct: "Password",
			want:      []string{"when: Password(", "exists", "password = hash(new_password)"},
		},
		{
			name:      "~/ helpers: the object's entries are the values written",
			construct: "Ban",
			want:      []string{"when: Ban(username)", "banned = true"},
		},
	}
	out := distilText(t, d, files)
	checkConstructs(t, out, tests)
}
