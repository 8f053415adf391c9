package distill

import (
	"strings"
	"testing"
)

// optionalOrRoutes are Medusa-shaped reset routes (api/routes/admin/users/
// reset-password.ts:105-131): the user looked up by the body's optional
// email, else by the email the token carries; and by the optional email
// with a literal in its place when it is not given.
const optionalOrRoutes = `
import { IsEmail, IsOptional, IsString } from "class-validator"
import UserService from "./user-service"
import jwt from "jsonwebtoken"

export class MaybeEmailReq {
  @IsEmail()
  @IsOptional()
  email?: string

  @IsString()
  token: string

  @IsString()
  password: string
}

export class EmailReq {
  @IsEmail()
  email: string

  @IsString()
  token: string

  @IsString()
  password: string
}

export const byEither = async (req, res) => {
  const validated = await validator(MaybeEmailReq, req.body)
  const userService: UserService = req.scope.resolve("userService")
  const decoded = jwt.decode(validated.token)
  const user = await userService.retrieveByEmail(validated.email || decoded?.email)
  await userService.setPassword_(user.id, validated.password)
  res.sendStatus(200)
}

export const byBody = async (req, res) => {
  const validated = await validator(MaybeEmailReq, req.body)
  const userService: UserService = req.scope.resolve("userService")
  const user = await userService.retrieveByEmail(validated.email || "nobody@example.com")
  await userService.setPassword_(user.id, validated.password)
  res.sendStatus(200)
}
`

// optionalOrRetrieve is Medusa's UserService.retrieveByEmail
// (services/user.ts:213-233): the user of the address lower-cased, which
// must exist.
const optionalOrRetrieve = `
  async retrieveByEmail(email: string): Promise<User> {
    const userRepo = this.activeManager_.withRepository(this.userRepository_)
    const user = await userRepo.findOne({ where: { email: email.toLowerCase() } })
    if (!user) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "no user")
    }
    return user
  }
`

const optionalOrIndex = `
import { Router } from "express"

export default (app) => {
  const route = Router()
  app.use("/users", route)
  route.post("/either", middlewares.wrap(require("./reset").byEither))
  route.post("/body", middlewares.wrap(require("./reset").byBody))
  return app
}
`

// TestOptionalInputOr pins optionalInputOr: an input the request may leave
// out, or another value the rule reads, is input ?? other (Medusa's
// validated.email || decoded?.email); one with a literal in its place
// stays the input. Without it, the user of ByEither
// was unread and the handler left out.
func TestOptionalInputOr(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"src/models.ts":       medusaUserModels,
		"src/repositories.ts": medusaUserRepos,
		"src/user-service.ts": strings.Replace(medusaUserService, "  async setPassword_(", optionalOrRetrieve+"\n  async setPassword_(", 1),
		"src/reset.ts":        optionalOrRoutes,
		"src/index.ts":        optionalOrIndex,
	}, []idiomCase{
		{
			name:      "an optional input, else the token's claim",
			construct: "ByEither",
			want:      []string{"User{email: lowercase(email ?? token.email)}", "requires: exists user", "user.password_hash = hash(password)"},
		},
		{
			// A literal default is read where it was before (the input).
			name:      "an optional input, else a literal",
			construct: "ByBody",
			want:      []string{"User{email: lowercase(email)}", "user.password_hash = hash(password)"},
			notWant:   []string{"??"},
		},
	})
}
