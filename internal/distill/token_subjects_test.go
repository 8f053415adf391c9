package distill

import "testing"

// TestTokenSubjectThroughRowAndSignedIn pins two ways a signed token's
// subject reaches the payload in fastify-f (controllers/auth.controller.ts:94-125):
// the user of a row a helper updated by id and answered (prisma's
// update({where: {id}, data}) gives back that row: updatedSession.userId
// is session.user), and the subject claim of the verified JWT read off
// req.user (const { sub } = req.user: the signed-in user's id). A user
// entity with a field of the claim's name reads that field; an update of
// rows by anything but their id answers no row.
func TestTokenSubjectThroughRowAndSignedIn(t *testing.T) {
	schema := func(userExtra string) string {
		return `
model User {
  id         String    @id
  email      String    @unique
  verifiedAt DateTime?
` + userExtra + `
  sessions   Session[]
}
model Session {
  id      String   @id
  nonce   String
  expires DateTime
  userId  String
  user    User     @relation(fields: [userId], references: [id])
}
`
	}
	files := func(userExtra, refreshWhere string) map[string]string {
		return map[string]string{
			"prisma/schema.prisma": schema(userExtra),
			"app/services/token.service.ts": `
import type { JWT } from 'fastify-jwt'
export class TokenService {
  constructor(private jwt: JWT) {}
  generateAccessToken = ({ userId }: { userId: string }) => this.jwt.sign({ sub: userId }, { expiresIn: '15m' })
  generateVerifyEmailToken = (userId: string) => this.jwt.sign({ sub: userId }, { expiresIn: '1h' })
}
`,
			"app/services/session.service.ts": `
import type { PrismaClient } from '@prisma/client'
export class SessionService {
  constructor(private session: PrismaClient['session']) {}
  refreshSession = async ({ sessionId, nonce }: { sessionId: string, nonce: string }) =>
    this.session.` + refreshWhere + `
}
`,
			"app/controllers/auth.controller.ts": `
import type { PrismaClient } from '@prisma/client'
import type { TokenService } from '../services/token.service.js'
import type { SessionService } from '../services/session.service.js'
export class AuthController {
  constructor(private user: PrismaClient['user'], private tokenService: TokenService, private sessionService: SessionService) {}
  refreshTokens = async (req, rep) => {
    const updated = await this.sessionService.refreshSession({ sessionId: req.body.sessionId, nonce: req.body.nonce })
    const accessToken = this.tokenService.generateAccessToken({ userId: updated.userId })
    rep.send({ accessToken })
  }
  sendVerificationEmail = async (req, rep) => {
    const { sub } = req.user
    const user = await this.user.findUnique({ where: { id: sub } })
    if (!user) {
      rep.notFound('no such user')
      return
    }
    const token = this.tokenService.generateVerifyEmailToken(sub)
    rep.send({ token })
  }
}
`,
			"app/controllers/index.ts": `
import fp from 'fastify-plugin'
import { AuthController } from './auth.controller.js'
export default fp(async (f) => {
  f.decorate('controllers', { auth: new AuthController(f.prisma.user, f.services.token, f.services.session) })
})
`,
			"app/routes/auth/index.ts": `
const routes = async (f) => {
  const { auth } = f.controllers
  f.route({ method: 'POST', url: '/refresh', handler: auth.refreshTokens })
  f.route({ method: 'POST', url: '/verify-email', onRequest: [f.authenticate], handler: auth.sendVerificationEmail })
}
export default routes
`,
		}
	}
	byID := "update({ where: { id: sessionId }, data: { nonce } })"
	byNonce := "updateMany({ where: { nonce }, data: { nonce: sessionId } })"
	for _, tt := range []struct {
		name, userExtra, refreshWhere string
		cases                         []idiomCase
	}{
		{"update by id and the subject claim", "", byID, []idiomCase{
			{name: "the row updated by id answers its user", construct: "RefreshTokens",
				want: []string{"user: session.user", "token_type: access"}},
			{name: "req.user's sub is the signed-in user", construct: "SendVerificationEmail",
				want: []string{"user: current_user", "token_type: verify_email"}},
		}},
		{"an update of rows by another field answers none", "", byNonce, []idiomCase{
			{name: "no user of an update by nonce", construct: "RefreshTokens",
				notWant: []string{"user: "}},
		}},
		{"a user field of the claim's name is that field", "  sub String", byID, []idiomCase{
			{name: "req.user.sub is the user's own sub", construct: "SendVerificationEmail",
				notWant: []string{"user: current_user"}},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			runIdiomCases(t, files(tt.userExtra, tt.refreshWhere), tt.cases)
		})
	}
	// A hook that verifies the request's JWT with fastify-jwt's
	// req.jwtVerify() (catalog signed_tokens.request_verifiers) leaves
	// its payload as req.user: the rule's input is that token, its
	// subject the user it names, who may be gone (request_tokens.go).
	t.Run("the request's user is a verified token's payload", func(t *testing.T) {
		fs := files("", byID)
		fs["app/plugins/jwt.ts"] = `
import fp from 'fastify-plugin'
const authenticate = async (req, rep) => {
  await req.jwtVerify()
}
export default fp(async (f) => {
  f.decorate('authenticate', authenticate)
})
`
		runIdiomCases(t, fs, []idiomCase{{
			name: "req.user is the token; its sub is token.user", construct: "SendVerificationEmail",
			want:    []string{"when: SendVerificationEmail(token)", "requires: token.user != null", "user: token.user"},
			notWant: []string{"current_user"},
		}})
	})
}

// TestRejectionByRowID pins a failing guard's own rule (rejection) that
// deletes the row the handler found by an input id, by that id
// (fastify-f's stale nonce: session.delete({where: {id: sessionId}}),
// services/session.service.ts:58): the id stands for the row there too,
// so the rule removes the row, and the trigger does not take the id
// beside it.
func TestRejectionByRowID(t *testing.T) {
	files := sessionFiles("", `
import httpErrors from 'http-errors'
import type { PrismaClient } from '@prisma/client'
export class AuthController {
  constructor(private user: PrismaClient['user'], private session: PrismaClient['session']) {}
  forgot = async (req, rep) => {
    const sessionId = req.body.sessionId
    const session = await this.session.findUnique({ where: { id: sessionId } })
    if (!session) {
      throw new httpErrors.Unauthorized('logged out')
    }
    if (session.nonce !== req.body.nonce) {
      await this.session.delete({ where: { id: sessionId } })
      throw new httpErrors.Unauthorized('stale')
    }
    await this.session.update({ where: { id: sessionId }, data: { nonce: 'next' } })
    rep.send()
  }
}
`)
	runIdiomCases(t, files, []idiomCase{{
		name: "the stale branch removes the row", construct: "ForgotRejected",
		want:    []string{"when: Forgot(session, nonce)", "requires: session.nonce != nonce", "ensures: not exists session"},
		notWant: []string{"session_id"},
	}})
}
