package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestPlumbingStatedElsewhere pins the value a creation gives a plumbing
// field (a session's nonce): left out while no rule states the field,
// given back to the creation when another rule does (bwyx/f's refresh
// rotates the nonce its login set). A value that is no bound name (a
// helper's call) stays out either way, but for a draw of a random source,
// which has no outcome to state.
func TestPlumbingStatedElsewhere(t *testing.T) {
	const refresh = `
  refresh = async (req, rep) => {
    await this.session.update({ where: { id: req.body.sessionId }, data: { nonce: randomUUID() } })
    rep.send()
  }
`
	for _, tt := range []struct {
		name, value, other string
		want, notWant      string
	}{
		{"stated by another rule", "nonce", refresh, "Session.created(user: user, nonce: random_key())", ""},
		{"stated by no rule", "nonce", "", "Session.created(user: user)", "nonce"},
		{"a random source's call (catalog random_calls)", "randomUUID()", refresh, "Session.created(user: user, nonce: random_key())", ""},
		{"a helper's call, not a bound name", "makeNonce(user)", refresh, "Session.created(user: user)", "Session.created(user: user, nonce"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := sessionFiles("", `
import { randomUUID } from 'crypto'
import { makeNonce } from './nonce'
import type { PrismaClient } from '@prisma/client'
export class AuthController {
  constructor(private user: PrismaClient['user'], private session: PrismaClient['session']) {}
  forgot = async (req, rep) => {
    const user = await this.user.findUnique({ where: { email: req.body.email } })
    if (!user) {
      rep.notFound('no such user')
      return
    }
    const nonce = randomUUID()
    await this.session.create({ data: { userId: user.id, nonce: `+tt.value+` } })
    rep.send()
  }
`+tt.other+`
}
`)
			d := New(Options{})
			defer d.Close()
			text := string(allium.Print(distilText(t, d, files).Module, allium.PrintOptions{}))
			forgot := text[strings.Index(text, "rule Forgot"):]
			forgot = forgot[:strings.Index(forgot, "\n}")]
			if !strings.Contains(forgot, tt.want) {
				t.Errorf("want %q in\n%s", tt.want, text)
			}
			if tt.notWant != "" && strings.Contains(forgot, tt.notWant) {
				t.Errorf("want no %q in\n%s", tt.notWant, text)
			}
		})
	}
}

// TestInputBooleanDefault pins an input given a Boolean default in a
// creation (kutt's queries/user.queries.js:229: banned: params.banned ??
// false): the input or else false. Another default keeps its former
// reading: x || true, which the walk cannot tell from x ?? true, is no
// input or else true.
func TestInputBooleanDefault(t *testing.T) {
	for _, tt := range []struct {
		name, value, want string
	}{
		{"nullish default", "req.body.verified ?? false", "verified: verified ?? false"},
		{"or false", "req.body.verified || false", "verified: verified ?? false"},
		{"or true: always true, not stated so", "req.body.verified || true", "User.created(email: email)"},
		{"a string default", "req.body.verified || ''", "verified: verified)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := forgotPasswordFiles("", "", "{}")
			delete(files, "app/services/token.service.ts")
			files["prisma/schema.prisma"] = `
model User {
  id       String  @id
  email    String  @unique
  verified Boolean
}
`
			files["app/controllers/auth.controller.ts"] = `
import type { PrismaClient } from '@prisma/client'
export class AuthController {
  constructor(private user: PrismaClient['user']) {}
  forgot = async (req, rep) => {
    await this.user.create({ data: { email: req.body.email, verified: ` + tt.value + ` } })
    rep.send()
  }
}
`
			runIdiomCases(t, files, []idiomCase{{name: tt.name, construct: "Forgot", want: []string{tt.want}}})
		})
	}
}

// sessionFiles is forgotPasswordFiles without its token service, over a
// Prisma schema of users and their sessions (a Session's key to its
// user given keyOption after its references, a nonce beside it), with
// controller as app/controllers/auth.controller.ts: an AuthController
// given the user and session repositories, routes POST /forgot to its
// forgot and POST /refresh to its refresh.
func sessionFiles(keyOption, controller string) map[string]string {
	files := forgotPasswordFiles("", "", "{}")
	delete(files, "app/services/token.service.ts")
	files["prisma/schema.prisma"] = `
model User {
  id       String    @id
  email    String    @unique
  sessions Session[]
}
model Session {
  id     String @id
  user   User   @relation(fields: [userId], references: [id]` + keyOption + `)
  userId String
  nonce  String
}
`
	files["app/controllers/auth.controller.ts"] = controller
	files["app/controllers/index.ts"] = `
import fp from 'fastify-plugin'
import { AuthController } from './auth.controller.js'
export default fp(async (f) => {
  f.decorate('controllers', { auth: new AuthController(f.prisma.user, f.prisma.session) })
})
`
	files["app/routes/auth/index.ts"] = `
const routes = async (f) => {
  const { auth } = f.controllers
  f.route({ method: 'POST', url: '/forgot', handler: auth.forgot })
  f.route({ method: 'POST', url: '/refresh', handler: auth.refresh })
}
export default routes
`
	return files
}
