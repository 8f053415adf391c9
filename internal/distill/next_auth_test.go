package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestNextAuthSessions pins NextAuth's getServerSession (catalog auth
// session_getters): the session's user is the signed-in user, a handler
// that answers 403 without a session is for signed-in users (a surface of
// its own, no precondition), and a zod schema's parse gives back the body
// it was given (catalog validated_copies).
func TestNextAuthSessions(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id    String  @id
  name  String?
  notes Note[]
}

model Note {
  id       String @id
  title    String
  author   User   @relation(fields: [authorId], references: [id])
  authorId String
}
`,
		"lib/db.ts": "import { PrismaClient } from '@prisma/client'\nexport const db = new PrismaClient()\n",
		"app/api/notes/route.ts": `
import { getServerSession } from "next-auth/next"
import * as z from "zod"
import { db } from "@/lib/db"
const noteSchema = z.object({ title: z.string() })
export async function POST(req: Request) {
  const session = await getServerSession(authOptions)
  if (!session) {
    return new Response("Unauthorized", { status: 403 })
  }
  const { user } = session
  const body = noteSchema.parse(await req.json())
  await db.note.create({ data: { title: body.title, authorId: user.id } })
  return new Response(null, { status: 201 })
}
`,
		"app/api/notes/[noteId]/route.ts": `
import { db } from "@/lib/db"
export async function DELETE(req: Request, context: any) {
  const { params } = context
  await db.note.delete({ where: { id: params.noteId as string } })
  return new Response(null, { status: 204 })
}
`,
	}
	out := distilText(t, d, files)
	// An id the spec cannot name finds no row it can state: no "where id"
	// (a truth test of the id the checker would drop).
	if text := string(allium.Print(out.Module, allium.PrintOptions{})); strings.Contains(text, "where id") {
		t.Errorf("a delete by an unnamed id became a loop over a truth test:\n%s", text)
	}
	wantConstruct(t, out, "Notes", []string{"when: Notes(title, user)", "Note.created(title: title, author: user)"}, []string{"session"})
	wantConstruct(t, out, "UserApi", []string{"Notes(title, user)"}, nil)
}
