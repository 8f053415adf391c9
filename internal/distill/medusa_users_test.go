package distill

import "testing"

const medusaUserModels = `
import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryColumn } from "typeorm"

export enum UserRoles {
  ADMIN = "admin",
  MEMBER = "member",
}

@Entity()
export class User {
  @PrimaryColumn() id: string
  @Column({ type: "enum", enum: UserRoles, nullable: true, default: UserRoles.MEMBER }) role: UserRoles
  @Column() email: string
  @Column({ nullable: true }) first_name: string
  @Column({ nullable: true, select: false }) password_hash: string
}
`

const medusaUserRepos = `
import { User } from "./models"
import { dataSource } from "./database"

export const UserRepository = dataSource.getRepository(User)
`

const medusaUserService = `
import Scrypt from "scrypt-kdf"
import { validateEmail } from "./utils/is-email"
import { UserRepository } from "./repositories"

class UserService {
  protected readonly userRepository_: typeof UserRepository

  async hashPassword_(password: string): Promise<string> {
    const buf = await Scrypt.kdf(password, { logN: 1, r: 1, p: 1 })
    return buf.toString("base64")
  }

  async create(user: CreateUserInput, password: string): Promise<User> {
    return await this.atomicPhase_(async (manager: EntityManager) => {
      const userRepo = manager.withRepository(this.userRepository_)
      const createData = { ...user } as CreateUserInput & { password_hash: string }
      const validatedEmail = validateEmail(user.email)
      const userEntity = await userRepo.findOne({ where: { email: validatedEmail } })
      if (userEntity) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "exists")
      }
      if (password) {
        const hashedPassword = await this.hashPassword_(password)
        createData.password_hash = hashedPassword
      }
      createData.email = validatedEmail
      const created = userRepo.create(createData)
      return await userRepo.save(created)
    })
  }

  async setPassword_(userId: string, password: string): Promise<User> {
    const userRepo = this.activeManager_.withRepository(this.userRepository_)
    const user = await userRepo.findOne({ where: { id: userId } })
    const hashedPassword = await this.hashPassword_(password)
    if (!hashedPassword) {
      throw new MedusaError(MedusaError.Types.DB_ERROR, "could not hash")
    }
    user.password_hash = hashedPassword
    return await userRepo.save(user)
  }

  async update(userId: string, update: UpdateUserInput): Promise<User> {
    const userRepo = this.activeManager_.withRepository(this.userRepository_)
    const user = await userRepo.findOne({ where: { id: userId } })
    if (!user) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "no user")
    }
    const { email, ...rest } = update
    for (const [key, value] of Object.entries(rest)) {
      user[key] = value
    }
    return await userRepo.save(user)
  }

  async invite(email: string, name: string): Promise<User> {
    const userRepo = this.activeManager_.withRepository(this.userRepository_)
    const data = { email }
    const sponsor = await userRepo.findOne({ where: { first_name: name } })
    if (sponsor) {
      data.role = "admin"
    }
    data.first_name = name
    return await userRepo.save(userRepo.create(data))
  }
}

export default UserService
`

const medusaUserRoutes = `
import { IsEmail, IsOptional, IsString, ValidateNested } from "class-validator"
import { Type } from "class-transformer"
import UserService from "./user-service"
import _ from "lodash"
import jwt from "jsonwebtoken"

export class CreateUserReq {
  @IsEmail()
  email: string

  @IsOptional()
  @IsString()
  first_name?: string

  @IsString()
  password: string
}

export class NewcomerReq {
  @IsString()
  first_name: string

  @IsString()
  password: string
}

export class JoinReq {
  @IsString()
  token: string

  @ValidateNested()
  @Type(() => NewcomerReq)
  user: NewcomerReq
}

export class UpdateUserReq {
  @IsOptional()
  @IsString()
  first_name?: string

  @IsString()
  role: string

  @IsOptional()
  @IsEmail()
  email?: string
}

export const updateUser = async (req, res) => {
  const validated = await validator(UpdateUserReq, req.body)
  const userService: UserService = req.scope.resolve("userService")
  await userService.update(req.params.id, validated)
  res.sendStatus(200)
}

export class InviteReq {
  @IsEmail()
  email: string

  @IsString()
  name: string
}

export const createUser = async (req, res) => {
  const validated = await validator(CreateUserReq, req.body)
  const userService: UserService = req.scope.resolve("userService")
  const data = _.omit(validated, ["password"])
  const manager: EntityManager = req.scope.resolve("manager")
  const user = await manager.transaction(async (transactionManager) => {
    return await userService.withTransaction(transactionManager).create(data, validated.password)
  })
  res.status(200).json({ user: _.omit(user, ["password_hash"]) })
}

export const join = async (req, res) => {
  const validated = await validator(JoinReq, req.body)
  const userService: UserService = req.scope.resolve("userService")
  await userService.create({ email: validated.token, first_name: validated.user.first_name }, validated.user.password)
  res.sendStatus(200)
}

export const resetPassword = async (req, res) => {
  const validated = await validator(CreateUserReq, req.body)
  const userService: UserService = req.scope.resolve("userService")
  await userService.setPassword_(req.params.id, validated.password)
  res.sendStatus(200)
}

export const confirm = async (req, res) => {
  const verified = jwt.verify(req.body.token, "secret")
  if (!verified) {
    res.status(401).send("invalid")
    return
  }
  const userService: UserService = req.scope.resolve("userService")
  await userService.setPassword_(req.params.id, req.body.password)
  res.sendStatus(200)
}

export const invite = async (req, res) => {
  const validated = await validator(InviteReq, req.body)
  const userService: UserService = req.scope.resolve("userService")
  await userService.invite(validated.email, validated.name)
  res.sendStatus(200)
}
`

const medusaUserIndex = `
import { Router } from "express"

export default (app) => {
  const route = Router()
  app.use("/users", route)
  route.post("/", middlewares.wrap(require("./create-user").createUser))
  route.post("/join", middlewares.wrap(require("./create-user").join))
  route.post("/:id/password", middlewares.wrap(require("./create-user").resetPassword))
  route.post("/:id", middlewares.wrap(require("./create-user").updateUser))
  route.post("/confirm", middlewares.wrap(require("./create-user").confirm))
  route.post("/invite", middlewares.wrap(require("./create-user").invite))
  return app
}
`

func medusaUserFiles() map[string]string {
	return map[string]string{
		"src/models.ts":       medusaUserModels,
		"src/repositories.ts": medusaUserRepos,
		"src/user-service.ts": medusaUserService,
		"src/create-user.ts":  medusaUserRoutes,
		"src/index.ts":        medusaUserIndex,
	}
}

// TestMedusaUserCreation pins how Medusa's user service builds the row it
// creates (services/user.ts:249-286): an object spread from the caller's
// input, entries set on it one by one, handed to TypeORM's create; the
// route's input is the validated shape without its password (lodash's
// omit), or a literal whose values come from a nested shape; and how its
// update copies a schema's fields onto the row (services/user.ts:301-323).
func TestMedusaUserCreation(t *testing.T) {
	runIdiomCases(t, medusaUserFiles(), []idiomCase{
		{
			name: "{...user} of a shape omitted its password, entries set on the object after; validateEmail gives back the address it checks; " +
				"scrypt-kdf's kdf hashes",
			construct: "CreateUser",
			want: []string{"when: CreateUser(email, password, first_name)", "requires: is_valid_email(email)", "requires: not exists user_entity",
				"User.created(first_name: first_name, password_hash: hash(password), email: email)"},
			notWant: []string{"password: password"},
		},
		{
			name:      "{...user} of a literal the caller built from a nested shape's fields (user: NewcomerReq); the later email entry decides it",
			construct: "Join",
			want:      []string{"when: Join(token, password, first_name)", "User.created(first_name: first_name, password_hash: hash(password), email: token)"},
		},
		{
			name:      "a test that hashing gave a value is no precondition",
			construct: "ResetPassword",
			want:      []string{"user.password_hash = hash(password)"},
			notWant:   []string{"requires: hash("},
		},
		{
			name:      "a test of a verified token's payload: the token names a user",
			construct: "Confirm",
			want:      []string{"requires: exists token.user"},
			notWant:   []string{"requires: token.user"},
		},
		{
			name: "a loop over the entries of a schema's rest (const {email, ...rest} = update) sets each field but those taken out; " +
				"an optional one when given",
			construct: "UpdateUser",
			want:      []string{"if exists first_name:\n            user.first_name = first_name", "user.role = role"},
			notWant:   []string{"user.email", "if exists role"},
		},
		{
			name:      "an entry set in a branch is left out of the object; one set where it was built is in",
			construct: "Invite",
			want:      []string{"User.created(email: email, first_name: name)"},
			notWant:   []string{"role: admin"},
		},
	})
}
