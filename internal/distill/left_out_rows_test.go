package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestLeftOutRowIsNoParameter pins that a local whose lookup was left out
// never becomes a parameter of the trigger: medusa's ResetPassword
// (api/routes/admin/users/reset-password.ts:113-138) finds user by an
// address the walk cannot read (validated.email || decoded?.email,
// services/user.ts:213-230), then setPassword_ looks it up again by
// user.id (user.ts:376-392). That second lookup is by the key of a row
// the walk never found, not by an input: reading it as the row the
// caller names made `user` a free parameter (when: ResetPassword(token,
// password, user)) and stated the write on it. A lookup the walk can read
// keeps its rule.
func TestLeftOutRowIsNoParameter(t *testing.T) {
	const schema = `
model User {
  id       String @id
  email    String @unique
  password String
}
`
	const helpers = `
import prisma from '@/lib/prisma';
import bcrypt from 'bcryptjs';
export async function findByEmail(email: string) {
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user) throw new Error("not found");
  return user;
}
export async function setPassword(userId: string, password: string) {
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user) throw new Error("not found");
  await prisma.user.update({ where: { id: user.id }, data: { password: await bcrypt.hash(password, 10) } });
}
`
	route := func(address, write string) string {
		return `
import prisma from '@/lib/prisma';
import bcrypt from 'bcryptjs';
import { external } from 'somewhere';
import { findByEmail, setPassword } from '@/lib/users';
export async function POST(request: Request) {
  const { email, token, password } = await request.json();
  const decoded = external.decode(token);
  let user: User;
  try {
    user = await findByEmail(` + address + `);
  } catch (err) {
    throw new Error("invalid");
  }
  ` + write + `
}
`
	}
	tests := []struct {
		name, address, write string
		want, notWant        []string
	}{
		{"an unread lookup, then a helper's lookup by its id", "email || decoded?.email", "await setPassword(user.id, password);",
			[]string{"the lookup of user left out"}, []string{"Reset(user", "Reset(password, user", "user.password = hash(password)"}},
		{"an unread lookup, then an update by its id", "email || decoded?.email",
			"await prisma.user.update({ where: { id: user.id }, data: { password: await bcrypt.hash(password, 10) } });",
			[]string{"the lookup of user left out"}, []string{"Reset(user", "Reset(password, user", "user.password = hash(password)"}},
		{"a lookup the walk reads keeps its rule", "email", "await setPassword(user.id, password);",
			[]string{"let user = User{email: lowercase(email)}", "ensures: user.password = hash(password)"}, []string{"Reset(user", "Reset(email, password, user"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"prisma/schema.prisma":       schema,
				"src/lib/users.ts":           helpers,
				"src/app/api/reset/route.ts": route(tt.address, tt.write),
			})
			got := string(allium.Print(out.Module, allium.PrintOptions{})) + strings.Join(out.Notes, "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("want %q in:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("do not want %q in:\n%s", w, got)
				}
			}
		})
	}
}
