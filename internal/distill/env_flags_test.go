package distill

import "testing"

// TestEnvFlag pins a flag the deployment turns on by setting an
// environment variable to "true" (novu's process.env.DISABLE_USER_REGISTRATION
// === 'true', user-register.usecase.ts:22): a Boolean parameter named by
// the variable, false while it is unset. Before, an upper-case variable
// read never became config and the guard was left out.
func TestEnvFlag(t *testing.T) {
	controller := func(guard string) string {
		return `
import type { PrismaClient } from '@prisma/client'
import type { TokenService } from '../services/token.service.js'
export class AuthController {
  constructor(private user: PrismaClient['user'], private tokenService: TokenService) {}
  forgot = async (req, rep) => {
    if (` + guard + `) {
      rep.forbidden('off')
      return
    }
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
	}
	tokens := `
import type { JWT } from 'fastify-jwt'
export class TokenService {
  constructor(private jwt: JWT) {}
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId }, { expiresIn: '5m' })
}
`
	cases := []struct {
		name, guard   string
		want, notWant []string
	}{
		{name: "=== 'true' turns the flag on", guard: "process.env.DISABLE_PASSWORD_RESET === 'true'",
			want: []string{"disable_password_reset: Boolean = false", "requires: not config.disable_password_reset"}},
		{name: "!== 'true' is its negation", guard: "process.env.PASSWORD_RESET_ENABLED !== 'true'",
			want: []string{"password_reset_enabled: Boolean = false", "requires: config.password_reset_enabled"}},
		{name: "another literal is no flag", guard: "process.env.RESET_MODE === 'off'",
			notWant: []string{"config.reset_mode", "Boolean = false"}},
		{name: "a request input compared with 'true' is no setting", guard: "req.body.skip === 'true'",
			notWant: []string{"config.skip", "Boolean = false"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := forgotPasswordFiles(tokens, "", "{ token }")
			files["app/controllers/auth.controller.ts"] = controller(c.guard)
			runIdiomCases(t, files, []idiomCase{{name: c.name, construct: "Forgot", want: c.want, notWant: c.notWant}})
		})
	}
}
