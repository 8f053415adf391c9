package distill

import "testing"

// TestFastifyIdioms pins a Fastify service laid out as bwyx/f is: routes
// registered with f.route({method, url, onRequest, handler}) inside a
// plugin (catalog route_tables), their handlers methods of a controller
// the app was decorated with (f.decorate("controllers", {...}); const
// {auth} = f.controllers), the controller's collaborators injected by
// their types, a service method taking its input as a destructured object
// (createUser({name, email})), and a Prisma lookup whose options are
// spread in ({where, ...opts}).
func TestFastifyIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id           String  @id
  email        String  @unique
  name         String
  passwordHash String
  locked       Boolean @default(false)
}
`,
		"app/services/user.service.ts": `
import { hash } from 'bcrypt'
import type { PrismaClient } from '@prisma/client'
export class UserService {
  constructor(private user: PrismaClient['user']) {}
  getUserByEmail = (email: string, opts = {}) => this.user.findUnique({ where: { email }, ...opts })
  createUser = async ({ name, email, password }: { name: string, email: string, password: string }) => {
    const passwordHash = await hash(password, 10)
    return this.user.create({ data: { name, email, passwordHash } })
  }
  lockUser = (email: string) => this.user.update({ where: { email }, data: { locked: true } })
  updateUserById = (userId: string, opts: any) => this.user.update({ where: { id: userId }, ...opts })
}
`,
		"app/controllers/auth.controller.ts": `
import type { UserService } from '../services/user.service.js'
import type { TokenService } from '../services/token.service.js'
export class AuthController {
  constructor(private userService: UserService, private tokenService: TokenService) {}
  register = async (req, rep) => {
    const { name, email, password } = req.body
    await this.userService.createUser({ name, email, password })
    rep.code(201).send()
  }
  unlock = async (req, rep) => {
    const { sub } = this.tokenService.verify(req.query.token)
    await this.userService.updateUserById(sub, { data: { locked: false }, select: { id: true } })
    rep.send()
  }
  lock = async (req, rep) => {
    const user = await this.userService.getUserByEmail(req.body.email)
    if (!user) {
      rep.notFound('no such user')
      return
    }
    await this.userService.lockUser(user.email)
  }
}
`,
		"app/services/token.service.ts": `
import type { JWT } from 'fastify-jwt'
export class TokenService {
  constructor(private jwt: JWT) {}
  verify = (token: string) => {
    const payload = this.jwt.verify(token)
    return payload
  }
}
`,
		"app/controllers/index.ts": `
import fp from 'fastify-plugin'
import { AuthController } from './auth.controller.js'
export default fp(async (f) => {
  const { user } = f.services
  f.decorate('controllers', { auth: new AuthController(user) })
})
`,
		"app/plugins/jwt.ts": `
import fp from 'fastify-plugin'
import jwt from 'fastify-jwt'
const authenticate =
  (opts = {}) =>
  async (req, rep) => {
    try {
      await req.jwtVerify({ verify: opts })
    } catch (e) {
      rep.unauthorized(e.message)
    }
    if (req.user.type !== 'access') {
      rep.unauthorized('Invalid token type')
    }
  }
export default fp(async (f) => {
  f.register(jwt, { secret: 'x' })
  f.decorate('authenticate', authenticate)
})
`,
		"app/routes/auth/index.ts": `
const routes = async (f) => {
  const { authenticate } = f
  const { auth } = f.controllers
  f.route({ method: 'POST', url: '/register', handler: auth.register })
  f.route({ method: 'POST', url: '/unlock', handler: auth.unlock })
  f.route({ method: 'POST', url: '/lock', onRequest: authenticate(), handler: auth.lock })
}
export default routes
`,
	}
	tests := []idiomCase{
		{
			name:      "a route table's handler through the decorated controller; the destructured input reaches the create",
			construct: "Register",
			want:      []string{"when: Register(", "User.created(", "name: name", "email: email", "password_hash: hash(password)"},
		},
		{
			name:      "a lookup with spread options, a reply helper that refuses (fastify-sensible), an update through the service",
			construct: "Lock",
			want:      []string{"when: Lock(", "let user = User{email}", "requires: exists user", "locked = true"},
		},
		{
			name:      "const {sub} of a decoded token is its subject; update({where: {id}, ...opts}) writes the caller's data",
			construct: "Unlock",
			want:      []string{"when: Unlock(token)", "token.user.locked = false"},
		},
		{
			name:      "the route's onRequest hook, a function the app was decorated with, is read as a middleware: its refusal is a precondition",
			construct: "Lock",
			want:      []string{`requires: token.type = "access"`},
		},
		{
			name:      "a route without the hook has none of its checks",
			construct: "Register",
			notWant:   []string{"access"},
		},
		{
			name:      "the route's onRequest hook is an auth decorator: a surface for signed-in users",
			construct: "UserApi",
			want:      []string{"Lock("},
			notWant:   []string{"Register("},
		},
	}
	out := distilText(t, d, files)
	checkConstructs(t, out, tests)
}

// TestFastifyRouteSchemas pins the JSON schemas of a route table's
// schema option (catalog route_tables.schema_key, object_schemas.json):
// Fastify validates the body by them before the handler, so the required
// properties' format and bounds are the rule's preconditions, wherever
// the schema is written (in place, a module constant, an entry of a
// module's default export); optional properties and other parts of the
// request (querystring) state none.
func TestFastifyRouteSchemas(t *testing.T) {
	files := map[string]string{
		"app/validations/auth.schema.ts": `
export const register = {
  body: {
    type: 'object',
    required: ['name', 'email', 'age'],
    properties: {
      name: { type: 'string', minLength: 3, maxLength: 32 },
      email: { type: 'string', format: 'email' },
      backupEmail: { type: 'string', format: 'email' },
      age: { type: 'integer', minimum: 18 }
    }
  }
} as const

export const lookup = {
  querystring: {
    type: 'object',
    required: ['email'],
    properties: { email: { type: 'string', format: 'email' } }
  }
} as const

export default { register, lookup }
`,
		"app/controllers/auth.controller.ts": `
import type { PrismaClient } from '@prisma/client'
export class AuthController {
  constructor(private user: PrismaClient['user']) {}
  register = async (req, rep) => {
    const { name, email, age, backupEmail } = req.body
    await this.user.create({ data: { name, email, age, backupEmail } })
    rep.code(201).send()
  }
  rename = async (req, rep) => {
    await this.user.update({ where: { email: req.body.email }, data: { name: req.body.name } })
  }
  lookup = async (req, rep) => {
    await this.user.update({ where: { email: req.query.email }, data: { name: 'x' } })
  }
  plain = async (req, rep) => {
    await this.user.update({ where: { email: req.body.email }, data: { age: 0 } })
  }
}
`,
		"app/controllers/index.ts": `
import fp from 'fastify-plugin'
import { AuthController } from './auth.controller.js'
export default fp(async (f) => {
  f.decorate('controllers', { auth: new AuthController(f.prisma.user) })
})
`,
		"prisma/schema.prisma": `
model User {
  id           String  @id
  email        String  @unique
  name         String
  backupEmail  String?
  age          Int
}
`,
		"app/routes/auth/index.ts": `
import authSchema from '../../validations/auth.schema.js'
const renameSchema = { body: { type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' }, name: { type: 'string', maxLength: 64 } } } }
const routes = async (f) => {
  const { auth } = f.controllers
  f.route({ method: 'POST', url: '/register', schema: authSchema.register, handler: auth.register })
  f.route({ method: 'POST', url: '/rename', schema: renameSchema, handler: auth.rename })
  f.route({ method: 'POST', url: '/lookup', schema: authSchema.lookup, handler: auth.lookup })
  f.route({ method: 'POST', url: '/plain', handler: auth.plain })
}
export default routes
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "an entry of a module's default export: the required properties' format and bounds",
			construct: "Register",
			want: []string{"requires: is_valid_email(email)", "requires: length(name) >= config.min_name_length",
				"requires: length(name) <= config.max_name_length", "requires: age >= config.min_age"},
			notWant: []string{"is_valid_email(backup_email)"},
		},
		{
			name:      "a module constant of the routes' file; an optional property's bound states nothing",
			construct: "Rename",
			want:      []string{"requires: is_valid_email(email)"},
			notWant:   []string{"length(name) <="},
		},
		{
			name:      "a querystring schema is not the body's",
			construct: "Lookup",
			notWant:   []string{"is_valid_email"},
		},
		{
			name:      "a route without a schema has no preconditions from one",
			construct: "Plain",
			notWant:   []string{"is_valid_email", "requires:"},
		},
	})
}

// TestUniqueViolationRefusals pins a create whose unique-constraint
// failure is caught and refused (catalog unique_violations: Prisma's
// P2002, MongoDB's 11000): the rule requires no row with the unique
// values it creates. A handler that tests another code, or that answers
// the duplicate without failing, requires nothing.
func TestUniqueViolationRefusals(t *testing.T) {
	files := map[string]string{
		"app/services/account.service.ts": `
import type { PrismaClient } from '@prisma/client'
export class AccountService {
  constructor(private account: PrismaClient['account']) {}
  open = async (handle: string, label: string) => {
    try {
      return await this.account.create({ data: { handle, label } })
    } catch (e) {
      if (e.code === 'P2002') {
        throw new httpErrors.Conflict('taken')
      }
      throw e
    }
  }
  openQuiet = async (handle: string) => {
    try {
      return await this.account.create({ data: { handle, label: 'quiet' } })
    } catch (e) {
      if (e.code === 'P2002') {
        return null
      }
      throw e
    }
  }
  openTyped = async (handle: string) => {
    try {
      return await this.account.create({ data: { handle, label: 'typed' } })
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
        throw new ConflictException('taken')
      }
      throw new Error(e)
    }
  }
  openOther = async (handle: string) => {
    try {
      return await this.account.create({ data: { handle, label: 'other' } })
    } catch (e) {
      if (e.code === 'P2025') {
        throw new httpErrors.NotFound('gone')
      }
      throw e
    }
  }
}
`,
		"app/controllers/account.controller.ts": `
import type { AccountService } from '../services/account.service.js'
export class AccountController {
  constructor(private accountService: AccountService) {}
  open = async (req, rep) => { await this.accountService.open(req.body.handle, req.body.label) }
  openQuiet = async (req, rep) => { await this.accountService.openQuiet(req.body.handle) }
  openTyped = async (req, rep) => { await this.accountService.openTyped(req.body.handle) }
  openOther = async (req, rep) => { await this.accountService.openOther(req.body.handle) }
}
`,
		"app/controllers/index.ts": `
import fp from 'fastify-plugin'
import { AccountController } from './account.controller.js'
export default fp(async (f) => {
  const { account } = f.services
  f.decorate('controllers', { account: new AccountController(account) })
})
`,
		"app/routes/account/index.ts": `
const routes = async (f) => {
  const { account } = f.controllers
  f.route({ method: 'POST', url: '/open', handler: account.open })
  f.route({ method: 'POST', url: '/open-quiet', handler: account.openQuiet })
  f.route({ method: 'POST', url: '/open-typed', handler: account.openTyped })
  f.route({ method: 'POST', url: '/open-other', handler: account.openOther })
}
export default routes
`,
		"prisma/schema.prisma": `
model Account {
  id     String @id
  label  String
  handle String @unique
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "P2002 refused: no row with the unique value created; the other column is not unique",
			construct: "Open",
			want:      []string{"requires: not exists Account{handle}", "Account.created("},
			notWant:   []string{"Account{label}"},
		},
		{
			name:      "a duplicate answered without failing is no precondition",
			construct: "OpenQuiet",
			want:      []string{"Account.created("},
			notWant:   []string{"not exists Account"},
		},
		{
			name:      "the code tested beside the error's type is still the violation",
			construct: "OpenTyped",
			want:      []string{"requires: not exists Account{handle}", "Account.created("},
		},
		{
			name:      "another code refused is no unique violation",
			construct: "OpenOther",
			want:      []string{"Account.created("},
			notWant:   []string{"not exists Account"},
		},
	})
}

// TestRequestDecorations pins a method the application adds to every
// request (catalog route_tables.request_decorators:
// f.decorateRequest('getSessionId', fn)): req.getSessionId() is the
// request's input session_id, so a delete by it removes the session the
// request names. A method of the request no module decorates is not one.
func TestRequestDecorations(t *testing.T) {
	files := map[string]string{
		"app/plugins/cookie.ts": `
export function getSessionId(this) {
  return this.cookies.sid
}
export default async (f) => {
  f.decorateRequest('getSessionId', getSessionId)
}
`,
		"app/controllers/auth.controller.ts": `
import type { PrismaClient } from '@prisma/client'
export class AuthController {
  constructor(private session: PrismaClient['session']) {}
  logout = async (req, rep) => {
    const sessionId = req.getSessionId()
    await this.session.delete({ where: { id: sessionId } })
    rep.send()
  }
  forget = async (req, rep) => {
    await this.session.delete({ where: { id: req.getOtherId() } })
    rep.send()
  }
}
`,
		"app/controllers/index.ts": `
import fp from 'fastify-plugin'
import { AuthController } from './auth.controller.js'
export default fp(async (f) => {
  f.decorate('controllers', { auth: new AuthController(f.prisma.session) })
})
`,
		"app/routes/auth/index.ts": `
const routes = async (f) => {
  const { auth } = f.controllers
  f.route({ method: 'POST', url: '/logout', handler: auth.logout })
  f.route({ method: 'POST', url: '/forget', handler: auth.forget })
}
export default routes
`,
		"prisma/schema.prisma": `
model Session {
  id     String @id
  nonce  String
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the decorated getter is the request's input, named without get",
			construct: "Logout",
			want:      []string{"when: Logout(session)", "not exists session"},
		},
		{
			name:      "an undecorated method of the request is no input: no rule for its delete",
			construct: "PublicApi",
			want:      []string{"Logout(session)"},
			notWant:   []string{"Forget("},
		},
	})
}
