package distill

import (
	"strings"
	"testing"
)

// TestUnissuedTokens pins that a signed token entity is declared only when
// a kept rule issues it: a handler whose token is issued in a branch the
// spec cannot state gets no rule (umami's login, src/app/api/auth/login/
// route.ts:36), and its token would otherwise be declared for nothing.
func TestUnissuedTokens(t *testing.T) {
	schema := `
model User {
  id       String @id
  username String @unique
}
`
	tests := []struct {
		name      string
		route     string
		wantToken bool
	}{
		{
			name: "issued by a kept rule: declared",
			route: `
import jwt from 'jsonwebtoken';
export async function POST(request: Request) {
  const { username } = await request.json();
  const user = await prisma.user.findUnique({ where: { username } });
  if (!user) {
    return new Response(null, { status: 401 });
  }
  const token = jwt.sign({ userId: user.id }, 'secret', { expiresIn: '1h' });
  return Response.json({ token });
}
`,
			wantToken: true,
		},
		{
			name: "issued only under a condition the spec cannot state: no rule, no entity",
			route: `
import jwt from 'jsonwebtoken';
import cache from '@/lib/cache';
export async function POST(request: Request) {
  const { username } = await request.json();
  const user = await prisma.user.findUnique({ where: { username } });
  if (!user) {
    return new Response(null, { status: 401 });
  }
  let token: string;
  if (cache.enabled) {
    token = await cache.keep(user.id);
  } else {
    token = jwt.sign({ userId: user.id }, 'secret', { expiresIn: '1h' });
  }
  return Response.json({ token });
}
`,
			wantToken: false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{"prisma/schema.prisma": schema, "src/app/api/login/route.ts": tt.route})
			var tokens []string
			for _, e := range out.Module.Entities {
				if strings.HasSuffix(e.Name, "Token") {
					tokens = append(tokens, e.Name)
				}
			}
			if got := len(tokens) > 0; got != tt.wantToken {
				t.Errorf("token entities %v, want some: %v\nnotes: %v", tokens, tt.wantToken, out.Notes)
			}
			for _, e := range out.Module.Entities {
				for _, mem := range e.Members {
					if !tt.wantToken && strings.Contains(memberName(mem), "token") {
						t.Errorf("%s keeps %s with no token declared", e.Name, memberName(mem))
					}
				}
			}
		})
	}
}
