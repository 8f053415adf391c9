package distill

import "testing"

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
	}
	out := distilText(t, d, files)
	wantConstruct(t, out, "Notes", []string{"when: Notes(title, user)", "Note.created(title: title, author: user)"}, []string{"session"})
	wantConstruct(t, out, "UserApi", []string{"Notes(title, user)"}, nil)
}
