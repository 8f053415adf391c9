package distill

import "testing"

// TestRouteSegmentKeys pins the App Router's route context (catalog
// file_routes segment_keys): the handler's second parameter holds the
// values of the path's dynamic segments under params, read directly
// ({params}: ..., then await params) or through a zod schema's parse of
// the whole context (next-taxonomy's app/api/posts/[postId]/route.ts:20);
// and that a change to the row a path id names is left out when the
// row's name is the acting user's (umami's DELETE /api/users/[userId]).
func TestRouteSegmentKeys(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String @id
  username String @unique
}
model Post {
  id    String @id
  title String
}
`,
		"app/api/posts/[postId]/route.ts": `
import * as z from "zod"
import { db } from "@/lib/db"
const routeContextSchema = z.object({
  params: z.object({
    postId: z.string(),
  }),
})
export async function DELETE(req: Request, context: z.infer<typeof routeContextSchema>) {
  const { params } = routeContextSchema.parse(context)
  await db.post.delete({ where: { id: params.postId as string } })
  return new Response(null, { status: 204 })
}
`,
		"app/api/titles/[postId]/route.ts": `
import { db } from "@/lib/db"
export async function POST(request: Request, { params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  const { title } = await request.json();
  await db.post.update({ where: { id: postId }, data: { title } });
  return Response.json({});
}
`,
		"app/api/users/[userId]/route.ts": `
import { getServerSession } from "next-auth"
import { db } from "@/lib/db"
export async function DELETE(req: Request, { params }: { params: Promise<{ userId: string }> }) {
  const session = await getServerSession()
  if (!session?.user) {
    return new Response(null, { status: 403 })
  }
  const { userId } = await params;
  await db.user.delete({ where: { id: userId } })
  return new Response(null, { status: 204 })
}
`,
	}
	tests := []idiomCase{
		{
			name:      "a zod parse of the context: params.postId names the post",
			construct: "DeletePosts",
			want:      []string{"when: DeletePosts(post)", "not exists post"},
		},
		{
			name:      "{params} destructured and awaited",
			construct: "Titles",
			want:      []string{"post.title = title"},
			notWant:   []string{"post_id.title"},
		},
	}
	// The row [userId] names is the user; the signed-in one, were it
	// read, would be current_user (routeNamesUser), so the delete of the
	// row by that id is stated.
	tests = append(tests, idiomCase{
		name:      "a [userId] segment names the user deleted, not the signed-in one",
		construct: "DeleteUsers",
		want:      []string{"when: DeleteUsers(user)", "not exists user"},
		notWant:   []string{"user_id"},
	})
	out := distilText(t, d, files)
	checkConstructs(t, out, tests)
}
