package distill

import "testing"

// TestRouteNamedUsers pins what a file route whose segment holds a user's
// id does to the rule: the signed-in user is current_user, the id stands
// for the user it names in every clause (those written before the change
// by id too), a Boolean deployment flag made by !!process.env.X is a
// config parameter, and a helper's early return on it followed by the
// rest reads as one if with an else.
func TestRouteNamedUsers(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id        String    @id
  username  String    @unique
  deletedAt DateTime?
}
`,
		"src/lib/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
		"src/queries/user.ts": `
import { db } from '../lib/db';
export async function deleteUser(userId: string) {
  const cloudMode = !!process.env.CLOUD_MODE;
  if (cloudMode) {
    return db.user.update({ where: { id: userId }, data: { deletedAt: new Date() } });
  }
  return db.user.delete({ where: { id: userId } });
}
`,
		"src/app/api/users/[userId]/route.ts": `
import { getServerSession } from 'next-auth';
import { deleteUser } from '../../../../queries/user';
export async function DELETE(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  const session = await getServerSession();
  if (!session) {
    return new Response(null, { status: 403 });
  }
  const { userId } = await params;
  if (userId === session.user.id) {
    return new Response(null, { status: 400 });
  }
  await deleteUser(userId);
  return new Response(null, { status: 204 });
}
`,
		"src/app/api/users/[userId]/promote/route.ts": `
import { getServerSession } from 'next-auth';
import { db } from '../../../../../lib/db';
export async function POST(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  const session = await getServerSession();
  if (!session) {
    return new Response(null, { status: 403 });
  }
  const { userId } = await params;
  const user = await db.user.findUnique({ where: { id: userId, deletedAt: null } });
  if (!user) {
    return new Response(null, { status: 404 });
  }
  await db.user.update({ where: { id: userId }, data: { username: 'promoted' } });
  return new Response(null, { status: 204 });
}
`,
		"src/app/api/me/route.ts": `
import { getServerSession } from 'next-auth';
import { db } from '../../../lib/db';
export async function DELETE(request: Request) {
  const session = await getServerSession();
  if (!session) {
    return new Response(null, { status: 403 });
  }
  await db.user.delete({ where: { id: session.user.id } });
  return new Response(null, { status: 204 });
}
`,
	}
	tests := []struct {
		name      string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name:      "a [userId] segment: the signed-in user is current_user, user_id is the user it names",
			construct: "DeleteUsers",
			want: []string{"when: DeleteUsers(current_user, user)", "requires: user != current_user",
				"if config.cloud_mode:\n            user.deleted_at = now\n        else:\n            not exists user",
				"cloud_mode: Boolean = false"}, // !!process.env.CLOUD_MODE, false while unset
			notWant: []string{"user_id", "if not config.cloud_mode"},
		},
		{
			name:      "the lookup of the row the id names with a fixed value of another field: the row, which must hold it",
			construct: "UsersPromote",
			want:      []string{"when: UsersPromote(user)", "requires: user.deleted_at = null", "requires: exists user", `user.username = "promoted"`},
			notWant:   []string{"let ", "user_id"},
		},
		{
			name:      "no segment: the signed-in user keeps its name",
			construct: "DeleteMe",
			want:      []string{"when: DeleteMe(user)", "not exists user"},
			notWant:   []string{"current_user"},
		},
	}
	out := distilText(t, d, files)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, out, tt.construct, tt.want, tt.notWant)
		})
	}
}
