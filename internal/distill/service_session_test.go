package distill

import (
	"fmt"
	"strings"
	"testing"
)

// TestServiceSessionGetter pins a session getter the service defines
// itself (catalog auth session_getters: umami's checkAuth), reached
// through a request helper that returns it among other parts: its .user
// is the signed-in user, whether the helper binds it on every path or
// only on one (null on the other), and the token lookups inside it are
// no lookups of the rule. A getter the catalog does not name stays the
// service's own code, read as written.
func TestServiceSessionGetter(t *testing.T) {
	cases := []struct {
		name, getter, binding string
		want, notWant         []string
	}{
		{name: "bound on every path", getter: "checkAuth", binding: "auth = await checkAuth(request)",
			want: []string{"when: MePassword(user, password)", "ensures: user.password = password"}},
		{name: "bound when auth is not skipped", getter: "checkAuth",
			binding: "if (!options?.skipAuth) {\n    auth = await checkAuth(request)\n  }",
			want:    []string{"when: MePassword(user, password)", "ensures: user.password = password"}},
		{name: "a getter the catalog does not name", getter: "loadCaller", binding: "auth = await loadCaller(request)",
			notWant: []string{"when: MePassword(user, password)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"prisma/schema.prisma": "model User {\n  id       String @id\n  password String\n}\n",
				"lib/db.ts":            "import { PrismaClient } from '@prisma/client'\nexport const prisma = new PrismaClient()\n",
				"lib/auth.ts": fmt.Sprintf(`
import { prisma } from "@/lib/db"
export async function %s(request: Request) {
  const user = await prisma.user.findUnique({ where: { id: request.headers.get("authorization") } })
  if (!user) {
    return null
  }
  return { user }
}
`, tc.getter),
				"lib/request.ts": fmt.Sprintf(`
import { %s } from "@/lib/auth"
export async function parseRequest(request: Request, options?: { skipAuth: boolean }) {
  const body = await request.json()
  let error = null
  let auth = null
  %s
  if (!auth) {
    error = () => new Response(null, { status: 401 })
  }
  return { body, auth, error }
}
`, tc.getter, tc.binding),
				"app/api/me/password/route.ts": `
import { prisma } from "@/lib/db"
import { parseRequest } from "@/lib/request"
export async function POST(request: Request) {
  const { auth, body, error } = await parseRequest(request)
  if (error) {
    return error()
  }
  await prisma.user.update({ where: { id: auth.user.id }, data: { password: body.password } })
  return new Response(null, { status: 200 })
}
`,
			}
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, files)
			if len(tc.want) > 0 {
				wantConstruct(t, out, "MePassword", tc.want, []string{"findUnique", "authorization"})
				return
			}
			if got := construct(out.Module, "MePassword"); got != "" {
				for _, w := range tc.notWant {
					if strings.Contains(got, w) {
						t.Errorf("MePassword has %q:\n%s", w, got)
					}
				}
			}
		})
	}
}
