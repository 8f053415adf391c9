package distill

import "testing"

// TestCountOfRowByIDParam: a client model's count of the rows an id
// parameter names (db.post.count, a Prisma client kept in a module) is
// read; with the signed-in author beside the id, the test that one was
// counted is that the row the id names has that author, and without, that
// it exists. A count by a field other than the id stays a lookup.
func TestCountOfRowByIDParam(t *testing.T) {
	schema := `
model User {
  id    String @id
  email String @unique
  posts Post[]
}
model Post {
  id       String @id
  title    String
  authorId String
  author   User   @relation(fields: [authorId], references: [id])
}
`
	cases := []struct {
		name, where   string
		want, notWant []string
	}{
		{"id and author", "{ id: postId, authorId: session?.user.id }",
			[]string{"requires: post.author = user", "not exists post"}, []string{"Post{"}},
		{"id alone", "{ id: postId }",
			[]string{"requires: exists post", "not exists post"}, []string{"Post{"}},
		{"title and author", "{ title: postId, authorId: session?.user.id }",
			[]string{"requires: exists Post{title: "}, []string{"post.author"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			files := map[string]string{
				"prisma/schema.prisma": schema,
				"src/lib/db.ts":        "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
				"src/app/api/posts/[postId]/route.ts": `
import { getServerSession } from 'next-auth';
import { db } from '../../../../lib/db';
export async function DELETE(req: Request, context: { params: { postId: string } }) {
  const { params } = context;
  if (!(await mayEdit(params.postId))) {
    return new Response(null, { status: 403 });
  }
  await db.post.delete({ where: { id: params.postId } });
  return new Response(null, { status: 204 });
}
async function mayEdit(postId: string) {
  const session = await getServerSession();
  const count = await db.post.count({ where: ` + c.where + ` });
  return count > 0;
}
`,
			}
			out := distilText(t, d, files)
			wantConstruct(t, out, "DeletePosts", c.want, c.notWant)
		})
	}
}
