package distill

import "testing"

// TestJWTKindClaim pins the type claim of a Node service's JWTs (catalog
// signed_tokens.kind_claims, typescript): when the functions that sign
// them give that claim two or more values (bwyx/f's TokenTypes.ACCESS and
// RESET_PASSWORD), every kind is one SignedToken told apart by its type,
// not an entity per function that issues one; a service that signs a
// single kind keeps naming its token after the function.
func TestJWTKindClaim(t *testing.T) {
	schema := `
model User {
  id    String @id
  email String @unique
}
`
	tokens := `
import type { JWT } from 'fastify-jwt'
export enum TokenTypes { ACCESS = 'access', RESET_PASSWORD = 'reset_password' }
export class TokenService {
  constructor(private jwt: JWT) {}
  generateAccessToken = (userId: string) => this.jwt.sign({ sub: userId, type: TokenTypes.ACCESS }, { expiresIn: '15m' })
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId, type: TokenTypes.RESET_PASSWORD }, { expiresIn: '5m' })
}
`
	single := `
import type { JWT } from 'fastify-jwt'
export enum TokenTypes { ACCESS = 'access', RESET_PASSWORD = 'reset_password' }
export class TokenService {
  constructor(private jwt: JWT) {}
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId, type: TokenTypes.RESET_PASSWORD }, { expiresIn: '5m' })
}
`
	controller := `
import type { PrismaClient } from '@prisma/client'
import type { TokenService } from '../services/token.service.js'
export class AuthController {
  constructor(private user: PrismaClient['user'], private tokenService: TokenService) {}
  forgot = async (req, rep) => {
    const user = await this.user.findUnique({ where: { email: req.body.email } })
    if (!user) {
      rep.notFound('no such user')
      return
    }
    const token = this.tokenService.generateResetPasswordToken(user.id)
    rep.send({ token })
  }
}
`
	plugin := `
import fp from 'fastify-plugin'
import { AuthController } from './auth.controller.js'
export default fp(async (f) => {
  f.decorate('controllers', { auth: new AuthController(f.prisma.user, f.services.token) })
})
`
	routes := `
const routes = async (f) => {
  const { auth } = f.controllers
  f.route({ method: 'POST', url: '/forgot', handler: auth.forgot })
}
export default routes
`
	files := func(tokenService string) map[string]string {
		return map[string]string{
			"prisma/schema.prisma":               schema,
			"app/services/token.service.ts":      tokenService,
			"app/controllers/auth.controller.ts": controller,
			"app/controllers/index.ts":           plugin,
			"app/routes/auth/index.ts":           routes,
		}
	}
	t.Run("two kinds", func(t *testing.T) {
		runIdiomCases(t, files(tokens), []idiomCase{{
			name:      "the type claim tells the kinds apart",
			construct: "Forgot",
			want:      []string{"SignedToken.created(", "type: reset_password"},
			notWant:   []string{"ResetPasswordToken"},
		}})
	})
	t.Run("one kind", func(t *testing.T) {
		runIdiomCases(t, files(single), []idiomCase{{
			name:      "a single kind is named after the function",
			construct: "Forgot",
			want:      []string{"ResetPasswordToken.created("},
		}})
	})
}
