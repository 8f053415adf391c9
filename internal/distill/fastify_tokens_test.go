package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestJWTKindClaim pins the type claim of a Node service's JWTs (catalog
// signed_tokens.kind_claims, typescript): when the functions that sign
// them give that claim two or more values (bwyx/f's TokenTypes.ACCESS and
// RESET_PASSWORD), every kind is one SignedToken told apart by its type,
// not an entity per function that issues one; a service that signs a
// single kind keeps naming its token after the function.
func TestJWTKindClaim(t *testing.T) {
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
	files := func(tokenService string) map[string]string {
		return forgotPasswordFiles(tokenService, "", "{ token }")
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

// TestEnvSchemaSettings pins env-schema (catalog settings_validators,
// typescript): envSchema({schema: {properties: {X: {type, default}}}})
// validates the environment against a JSON schema, each property with a
// default a setting of that default ("15m" a duration); the code reads it
// through a constant the module exports made from the validated object
// (export const env = processEnv(baseEnv); env.EXP_ACCESS). A property
// without a default is no setting.
func TestEnvSchemaSettings(t *testing.T) {
	files := forgotPasswordFiles(`
import type { JWT } from 'fastify-jwt'
import { env } from '../config/index.js'
export class TokenService {
  constructor(private jwt: JWT) {}
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId }, { expiresIn: env.EXP_RESET })
}
`, "import { env } from '../config/index.js'", "{ token, host: env.SMTP_HOST }")
	files["app/config/index.ts"] = `
import { envSchema } from 'env-schema'
const baseEnv = envSchema({
  dotenv: true,
  schema: {
    type: 'object',
    properties: {
      SMTP_HOST: { type: 'string' },
      EXP_RESET: { type: 'string', default: '5m' },
      MAX_TRIES: { type: 'number', default: 5 }
    }
  }
})
const processEnv = (env) => ({ ...env, KEYS: env.SMTP_HOST })
export const env = processEnv(baseEnv)
`
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{{
		name:      "a schema property's default is the setting read through the exported env",
		construct: "Forgot",
		want:      []string{"expires_at: now + config.exp_reset"},
	}})
	// The duration string is a Duration; a property without a default is
	// no setting.
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	if !strings.Contains(text, "exp_reset: Duration = 5.minutes") || strings.Contains(text, "smtp_host") {
		t.Errorf("want config exp_reset: Duration = 5.minutes and no smtp_host in\n%s", text)
	}
}

// forgotPasswordFiles is a Fastify service with one route, POST /forgot,
// whose handler looks the user up by email and replies with reply after
// signing a reset-password token through tokenService; imports heads the
// controller.
func forgotPasswordFiles(tokenService, imports, reply string) map[string]string {
	return map[string]string{
		"prisma/schema.prisma": `
model User {
  id    String @id
  email String @unique
}
`,
		"app/services/token.service.ts": tokenService,
		"app/controllers/auth.controller.ts": `
import type { PrismaClient } from '@prisma/client'
import type { TokenService } from '../services/token.service.js'
` + imports + `
export class AuthController {
  constructor(private user: PrismaClient['user'], private tokenService: TokenService) {}
  forgot = async (req, rep) => {
    const user = await this.user.findUnique({ where: { email: req.body.email } })
    if (!user) {
      rep.notFound('no such user')
      return
    }
    const token = this.tokenService.generateResetPasswordToken(user.id)
    rep.send(` + reply + `)
  }
}
`,
		"app/controllers/index.ts": `
import fp from 'fastify-plugin'
import { AuthController } from './auth.controller.js'
export default fp(async (f) => {
  f.decorate('controllers', { auth: new AuthController(f.prisma.user, f.services.token) })
})
`,
		"app/routes/auth/index.ts": `
const routes = async (f) => {
  const { auth } = f.controllers
  f.route({ method: 'POST', url: '/forgot', handler: auth.forgot })
}
export default routes
`,
	}
}

// TestJWTExpiryClaimThroughLocal pins an expiry claim computed into a
// local first (medusa's generateResetPasswordToken, services/user.ts:406:
// const expiry = Math.floor(Date.now() / 1000) + 60 * 15, then {exp:
// expiry}): the lifetime is the seconds added to the clock, as when the
// sum is written in the payload itself.
func TestJWTExpiryClaimThroughLocal(t *testing.T) {
	for _, tt := range []struct{ name, body string }{
		{"through a local", `
    const expiry = Math.floor(Date.now() / 1000) + 60 * 15
    const payload = { sub: userId, exp: expiry }
    return jwt.sign(payload, 'secret')`},
		{"in the payload", `
    return jwt.sign({ sub: userId, exp: Math.floor(Date.now() / 1000) + 60 * 15 }, 'secret')`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			service := `
import jwt from 'jsonwebtoken'
export class TokenService {
  generateResetPasswordToken(userId: string) {` + tt.body + `
  }
}
`
			runIdiomCases(t, forgotPasswordFiles(service, "", "{ token }"), []idiomCase{
				{
					name:      "the token lives 15 minutes",
					construct: "Forgot",
					want: []string{"ResetPasswordToken.created(", "expires_at: now + config.reset_password_token_expiry",
						"reset_password_token_expiry: Duration = 15.minutes"},
				},
			})
		})
	}
}

// TestJWTRandomIdClaim pins a payload entry that is a fresh random draw
// (bwyx/f's {jti: this.generateNonce()}, generateNonce = () =>
// cryptoRandomString(...), catalog random_calls): a String claim of the
// token, random_key(). A value the walk cannot tell stays out.
func TestJWTRandomIdClaim(t *testing.T) {
	for _, tt := range []struct {
		name, jti string
		want      []string
		notWant   []string
	}{
		{"a random draw through the service's maker", "this.generateNonce()",
			[]string{"jti: random_key()"}, nil},
		{"a random draw called in place", "cryptoRandomString({ length: 16 })",
			[]string{"jti: random_key()"}, nil},
		{"a value of unknown kind", "this.other()",
			nil, []string{"jti:"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := forgotPasswordFiles(`
import cryptoRandomString from 'crypto-random-string'
import type { JWT } from 'fastify-jwt'
export class TokenService {
  constructor(private jwt: JWT) {}
  generateNonce = () => cryptoRandomString({ length: 16, type: 'base64' })
  other = () => 'x'
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId, jti: `+tt.jti+` }, { expiresIn: '5m' })
}
`, "", "{ token }")
			runIdiomCases(t, files, []idiomCase{{
				name: tt.name, construct: "Forgot", want: tt.want, notWant: tt.notWant,
			}})
		})
	}
}

// TestParsedDurationSettings pins a setting the settings module derives
// from a validated duration (bwyx/f's config/index.ts: export const env =
// processEnv(baseEnv), processEnv returning {...env, EXP_MS_RESET:
// parseTime(env.EXP_RESET)}, parseTime returning @lukeed/ms's parse of
// its argument; catalog duration_parsers): the derived key is the same
// setting in milliseconds, so the clock plus it is now plus the setting.
// A conversion that is no duration parser gives no setting.
func TestParsedDurationSettings(t *testing.T) {
	for _, tt := range []struct {
		name, derive string
		want         []string
		notWant      []string
	}{
		{"through the service's parser", "parseTime(env.EXP_RESET)",
			[]string{"user.reset_expires = now + config.exp_reset"}, nil},
		{"through the ms package", "ms(env.EXP_RESET)",
			[]string{"user.reset_expires = now + config.exp_reset"}, nil},
		{"through another conversion", "String(env.EXP_RESET)",
			nil, []string{"config.exp_reset"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := forgotPasswordFiles(`
import type { JWT } from 'fastify-jwt'
export class TokenService {
  constructor(private jwt: JWT) {}
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId }, { expiresIn: '5m' })
}
`, "", "{ token }")
			files["prisma/schema.prisma"] = `
model User {
  id           String    @id
  email        String    @unique
  resetExpires DateTime? @map("reset_expires")
}
`
			files["app/controllers/auth.controller.ts"] = `
import type { PrismaClient } from '@prisma/client'
import { env } from '../config/index.js'
export class AuthController {
  constructor(private user: PrismaClient['user']) {}
  forgot = async (req, rep) => {
    const user = await this.user.findUnique({ where: { email: req.body.email } })
    if (!user) {
      rep.notFound('no such user')
      return
    }
    await this.user.update({ where: { id: user.id }, data: { resetExpires: new Date(Date.now() + env.EXP_MS_RESET) } })
    rep.send()
  }
}
`
			files["app/utils/time.util.ts"] = `
import { parse } from '@lukeed/ms'
export const parseTime = (timeString: string) => {
  const parsedTime = parse(timeString)
  if (!parsedTime) {
    throw new Error('Invalid time format')
  }
  return parsedTime
}
`
			files["app/config/index.ts"] = `
import { envSchema } from 'env-schema'
import ms from 'ms'
import { parseTime } from '../utils/time.util.js'
const baseEnv = envSchema({
  schema: { type: 'object', properties: { EXP_RESET: { type: 'string', default: '5m' } } }
})
const processEnv = (env) => ({ ...env, EXP_MS_RESET: ` + tt.derive + ` })
export const env = processEnv(baseEnv)
`
			d := New(Options{})
			defer d.Close()
			assertSpecText(t, string(allium.Print(distilText(t, d, files).Module, allium.PrintOptions{})), tt.want, tt.notWant)
		})
	}
}

// TestJWTExpiryClaimAsSecondsOfATime pins an expiry claim written as a
// time shifted by date-fns, counted in seconds and formatted (kutt's
// signToken, utils/utils.js:44: exp: parseInt((addDays(new Date(),
// 7).getTime() / 1000).toFixed(0))): getTime() and toFixed(0) are the
// same instant in another form (catalog time_methods), / 1000 the same
// time in seconds, parseInt a time cast; the token lives 7 days. A time
// divided by anything else is no time the spec can state.
func TestJWTExpiryClaimAsSecondsOfATime(t *testing.T) {
	for _, tt := range []struct {
		name, exp string
		want      bool
	}{
		{"parsed, formatted seconds of a shifted time", "parseInt((addDays(new Date(), 7).getTime() / 1000).toFixed(0))", true},
		{"the seconds of a shifted time", "addDays(new Date(), 7).getTime() / 1000", true},
		{"divided by another number", "parseInt((addDays(new Date(), 7).getTime() / 60).toFixed(0))", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			service := `
import jwt from 'jsonwebtoken'
import { addDays } from 'date-fns'
export class TokenService {
  generateResetPasswordToken(userId: string) {
    return jwt.sign({ sub: userId, exp: ` + tt.exp + ` }, 'secret')
  }
}
`
			c := idiomCase{name: tt.name, construct: "Forgot"}
			life := []string{"expires_at: now + config.reset_password_token_expiry", "reset_password_token_expiry: Duration = 7.days"}
			if tt.want {
				c.want = life
			} else {
				c.notWant = life[:1]
			}
			runIdiomCases(t, forgotPasswordFiles(service, "", "{ token }"), []idiomCase{c})
		})
	}
}

// TestCamelCaseSenderNamesMessage pins a message named after the
// TypeScript function that sends it (bwyx/f's MailService
// sendResetPasswordEmail, whose subject is a local the walk does not
// read): in snake case, as a Python sender's name is, send_ left out, and
// so is the word naming the message's own entity (Node has no template
// convention it would follow); a function not named send... keeps it. An
// event addressed to no one is not named after the method that publishes
// it: that names the action, not the event.
func TestCamelCaseSenderNamesMessage(t *testing.T) {
	for _, tt := range []struct {
		name, send    string
		want, notWant []string
	}{
		{"an email", "await sendResetPasswordEmail(user.email, token)",
			[]string{"rule Forgot", "Email.created(to: user.email, template: reset_password)"}, []string{"reset_password_email"}},
		{"an email its sender does not send by name", "await resetPasswordEmail(user.email, token)",
			[]string{"rule Forgot", "Email.created(to: user.email, template: reset_password_email)"}, nil},
		{"an event", "await publishResetRequested(user.email)",
			[]string{"rule Forgot"}, []string{"Event.created"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := forgotPasswordFiles(`
import type { JWT } from 'fastify-jwt'
export class TokenService {
  constructor(private jwt: JWT) {}
  generateResetPasswordToken = (userId: string) => this.jwt.sign({ sub: userId }, { expiresIn: '5m' })
}
`, "", "{}")
			files["app/services/mail.service.ts"] = `
import { createTransport } from 'nodemailer'
const transporter = createTransport({})
export async function sendResetPasswordEmail(to: string, token: string) {
  const subject = 'Reset your password'
  return transporter.sendMail({ to, subject, text: token })
}
export async function resetPasswordEmail(to: string, token: string) {
  const subject = 'Reset your password'
  return transporter.sendMail({ to, subject, text: token })
}
export async function publishResetRequested(email: string) {
  return pubsub.publish(` + "`reset/${email}`" + `, { email })
}
`
			files["app/controllers/auth.controller.ts"] = strings.Replace(files["app/controllers/auth.controller.ts"],
				"    rep.send({})", "    "+tt.send+"\n    rep.send({})", 1)
			files["app/controllers/auth.controller.ts"] = "import { sendResetPasswordEmail, resetPasswordEmail, publishResetRequested } from '../services/mail.service.js'\n" +
				files["app/controllers/auth.controller.ts"]
			d := New(Options{})
			defer d.Close()
			assertSpecText(t, string(allium.Print(distilText(t, d, files).Module, allium.PrintOptions{})), tt.want, tt.notWant)
		})
	}
}
