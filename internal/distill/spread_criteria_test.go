package distill

import "testing"

// TestSpreadCriteria pins a lookup helper that takes its filter whole from
// the caller and adds to it (umami's findUser, src/queries/prisma/user.ts:14):
// findUnique({...criteria, where: {...criteria.where, ...(showDeleted ? {} :
// {deletedAt: null})}}) with `const {showDeleted = false} = options`. The
// caller's where is the filter, and the conditional spread adds its entries
// when the condition is decided by what the caller passed or the default.
func TestSpreadCriteria(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id        String    @id
  username  String    @unique
  password  String
  deletedAt DateTime? @map("deleted_at")
}
`,
		"src/queries/user.ts": `
import prisma from '@/lib/prisma';
export interface GetUserOptions {
  showDeleted?: boolean;
}
async function findUser(criteria: any, options: GetUserOptions = {}) {
  const { showDeleted = false } = options;
  return prisma.client.user.findUnique({
    ...criteria,
    where: {
      ...criteria.where,
      ...(showDeleted ? {} : { deletedAt: null }),
    },
  });
}
export async function getUserByUsername(username: string, options: GetUserOptions = {}) {
  return findUser({ where: { username } }, options);
}
`,
		"src/app/api/login/route.ts": `
import { checkPassword } from '@/lib/password';
import { getUserByUsername } from '@/queries/user';
export async function POST(request: Request) {
  const { username, password } = await request.json();
  const user = await getUserByUsername(username);
  if (!user || !checkPassword(password, user.password)) {
    return new Response(null, { status: 401 });
  }
  await prisma.client.user.update({ where: { id: user.id }, data: { password: 'x' } });
  return Response.json({});
}
`,
		"src/app/api/restore/route.ts": `
import { getUserByUsername } from '@/queries/user';
export async function POST(request: Request) {
  const { username } = await request.json();
  const user = await getUserByUsername(username, { showDeleted: true });
  if (!user) {
    return new Response(null, { status: 404 });
  }
  await prisma.client.user.update({ where: { id: user.id }, data: { deletedAt: null } });
  return Response.json({});
}
`,
	}
	tests := []idiomCase{
		{
			name:      "the default leaves soft-deleted users out",
			construct: "Login",
			want:      []string{"User{username, deleted_at: null}", "requires: exists user"},
		},
		{
			name:      "showDeleted given true finds them too",
			construct: "Restore",
			want:      []string{"User{username}", "requires: exists user"},
			notWant:   []string{"deleted_at: null}"},
		},
	}
	out := distilText(t, d, files)
	checkConstructs(t, out, tests)
}
