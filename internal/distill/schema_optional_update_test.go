package distill

import "testing"

// TestSchemaOptionalFieldsUpdate pins an update whose data is a dict of
// the parsed body's fields (next-taxonomy's PATCH /api/posts/[postId]):
// a field the zod schema declares optional is written only when given; a
// required one always.
func TestSchemaOptionalFieldsUpdate(t *testing.T) {
	files := func(title string) map[string]string {
		return map[string]string{
			"prisma/schema.prisma": `
model Post {
  id      String  @id
  title   String
  summary String?
}
`,
			"lib/db.ts": "import { PrismaClient } from '@prisma/client'\nexport const db = new PrismaClient()\n",
			"app/api/posts/[postId]/route.ts": `
import * as z from "zod"
import { db } from "@/lib/db"
const postPatchSchema = z.object({ title: ` + title + `, summary: z.string().max(200).optional() })
export async function PATCH(req: Request, context: any) {
  const body = postPatchSchema.parse(await req.json())
  await db.post.update({ where: { id: context.params.postId }, data: { title: body.title, summary: body.summary } })
  return new Response(null, { status: 200 })
}
`,
		}
	}
	tests := []struct {
		name, title   string
		want, notWant []string
	}{
		{
			name:    "both optional: each written only when given",
			title:   "z.string().min(3).optional()",
			want:    []string{"if exists title:\n            post.title = title", "if exists summary:\n            post.summary = summary"},
			notWant: []string{"requires: length(title)"},
		},
		{
			name:    "a required field is always written, its checks preconditions",
			title:   "z.string().min(3)",
			want:    []string{"requires: length(title) >= config.min_title_length", "if exists summary:"},
			notWant: []string{"if exists title:"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			wantConstruct(t, distilText(t, d, files(tt.title)), "PatchPosts", tt.want, tt.notWant)
		})
	}
}
