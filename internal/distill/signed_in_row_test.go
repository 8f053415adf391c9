package distill

import (
	"maps"
	"testing"
)

// TestSignedInRowFiltered pins a lookup of the signed-in user's own row
// with filters besides its id (umami's getUser(auth.user.id), whose
// findUser adds deletedAt: null): the row is the signed-in user, each
// filter on a column a precondition on that user; a filter on an input
// is no such lookup and keeps its let.
func TestSignedInRowFiltered(t *testing.T) {
	cases := []struct {
		name, where   string
		want, notWant []string
	}{
		{name: "the id and a soft-delete filter", where: "{ id: auth.user.id, deletedAt: null }",
			want:    []string{"requires: current_user.deleted_at = null", "requires: verify(current, current_user.password)"},
			notWant: []string{"let "}},
		{name: "the id and a literal flag", where: "{ id: auth.user.id, active: true }",
			want:    []string{"requires: current_user.active\n", "requires: verify(current, current_user.password)"},
			notWant: []string{"let "}},
		{name: "the id alone", where: "{ id: auth.user.id }",
			want:    []string{"requires: verify(current, current_user.password)"},
			notWant: []string{"let ", "deleted_at"}},
		{name: "a filter on an input: another row", where: "{ id: auth.user.id, name: body.name }",
			want:    []string{"let user = User{id: current_user, name}", "requires: verify(current, user.password)"},
			notWant: []string{"current_user.password)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"prisma/schema.prisma": "model User {\n  id        String @id\n  name      String\n  password  String\n  active    Boolean\n  deletedAt DateTime?\n}\n",
				"app/api/me/password/route.ts": `
import { prisma } from "@/lib/db"
import { parseRequest } from "@/lib/request"
import bcrypt from "bcryptjs"
export async function POST(request: Request) {
  const { auth, body, error } = await parseRequest(request)
  if (error) {
    return error()
  }
  const user = await prisma.user.findFirst({ where: ` + tc.where + ` })
  if (!bcrypt.compareSync(body.current, user.password)) {
    return new Response(null, { status: 400 })
  }
  await prisma.user.update({ where: { id: auth.user.id }, data: { password: bcrypt.hashSync(body.next, 10) } })
  return new Response(null, { status: 200 })
}
`,
			}
			maps.Copy(files, signedInRequestFiles())
			d := New(Options{})
			defer d.Close()
			wantConstruct(t, distilText(t, d, files), "MePassword", tc.want, tc.notWant)
		})
	}
}

// signedInRequestFiles are umami's request plumbing in small: a Prisma
// client, checkAuth answering {user} for the bearer's row or null, and
// parseRequest handing back {body, auth, error}, error set when no one is
// signed in.
func signedInRequestFiles() map[string]string {
	return map[string]string{
		"lib/db.ts": "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n",
		"lib/auth.ts": `
import { prisma } from "@/lib/db"
export async function checkAuth(request: Request) {
  const user = await prisma.user.findUnique({ where: { id: request.headers.get("authorization") } })
  if (!user) {
    return null
  }
  return { user }
}
`,
		"lib/request.ts": `
import { checkAuth } from "@/lib/auth"
export async function parseRequest(request: Request) {
  const body = await request.json()
  let error = null
  const auth = await checkAuth(request)
  if (!auth) {
    error = () => new Response(null, { status: 401 })
  }
  return { body, auth, error }
}
`,
	}
}
