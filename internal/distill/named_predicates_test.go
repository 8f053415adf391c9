package distill

import (
	"maps"
	"testing"
)

// TestNamedPredicate pins a permission helper answering by cases that the
// spec cannot state (umami's canUpdateEntity({user}: Auth, entityId): a
// lookup of a row no model declares, a role check through a table): the
// guard requires the question itself, can_update_entity(user, entity_id),
// its destructured {user} read from the caller's auth as auth.user. A
// helper whose cases can be stated answers by them instead, and one whose
// argument holds nothing the spec can name states nothing.
func TestNamedPredicate(t *testing.T) {
	cases := []struct {
		name, helper, call string
		want, notWant      []string
	}{
		{name: "cases the spec cannot state: the question", call: "canUpdateEntity(auth, body.entityId)",
			helper: `
export async function canUpdateEntity({ user }: Auth, entityId: string) {
  if (!user) {
    return false
  }
  if (user.isAdmin) {
    return true
  }
  const entity = await getEntity(entityId)
  if (!entity) {
    return false
  }
  return hasPermission(entity.role, "update")
}
`,
			want: []string{"requires: can_update_entity(user, entity_id)"},
		},
		{name: "cases the spec can state: the answer", call: "canUpdateEntity(auth, body.entityId)",
			helper: `
export async function canUpdateEntity({ user }: Auth, entityId: string) {
  if (!user) {
    return false
  }
  if (user.active) {
    return true
  }
  return user.id === entityId
}
`,
			want:    []string{"requires: user.active or user = entity_id"},
			notWant: []string{"can_update_entity"}},
		{name: "an argument the walk does not know: nothing", call: "canUpdateEntity(someGlobal(), body.entityId)",
			helper: `
export async function canUpdateEntity({ user }: Auth, entityId: string) {
  if (!user) {
    return false
  }
  const entity = await getEntity(entityId)
  if (!entity) {
    return false
  }
  return hasPermission(entity.role, "update")
}
`,
			notWant: []string{"can_update_entity"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"prisma/schema.prisma":  "model User {\n  id     String @id\n  name   String\n  active Boolean\n}\nmodel Share {\n  id       String @id\n  entityId String\n  name     String\n}\n",
				"permissions/entity.ts": tc.helper,
				"app/api/grant/route.ts": `
import { prisma } from "@/lib/db"
import { parseRequest } from "@/lib/request"
import { canUpdateEntity } from "@/permissions/entity"
export async function POST(request: Request) {
  const { auth, body, error } = await parseRequest(request)
  if (error) {
    return error()
  }
  if (!(await ` + tc.call + `)) {
    return new Response(null, { status: 401 })
  }
  await prisma.share.create({ data: { entityId: body.entityId, name: body.name } })
  return new Response(null, { status: 200 })
}
`,
			}
			maps.Copy(files, signedInRequestFiles())
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, files)
			wantConstruct(t, out, "Grant", tc.want, tc.notWant)
		})
	}
}
