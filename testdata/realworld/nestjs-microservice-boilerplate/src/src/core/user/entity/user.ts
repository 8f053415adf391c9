/**
 * @see https://github.com/mikemajesty/nestjs-microservice-boilerplate-api/blob/master/guides/core/entity.md
 */
import { RoleEntity, RoleEntitySchema } from '@/core/role/entity/role'
import { BaseEntity } from '@/utils/entity'
import { Infer, InputValidator } from '@/utils/validator'

import { UserPasswordEntity, UserPasswordEntitySchema } from './user-password'

const ID = InputValidator.uuid()
const Email = InputValidator.email()
const Name = InputValidator.string()
const Password = UserPasswordEntitySchema
const Role = RoleEntitySchema
const CreatedAt = InputValidator.date().nullish()
const UpdatedAt = InputValidator.date().nullish()
const DeletedAt = InputValidator.date().nullish()

export const UserEntitySchema = InputValidator.object({
  id: ID,
  name: Name,
  email: Email,
  roles: InputValidator.array(Role.optional()),
  password: Password.optional(),
  createdAt: CreatedAt,
  updatedAt: UpdatedAt,
  deletedAt: DeletedAt
})

type User = Infer<typeof UserEntitySchema>

export class UserEntity extends BaseEntity<UserEntity>() {
  name!: User['name']

  email!: User['email']

  roles!: RoleEntity[]

  password!: UserPasswordEntity

  constructor(entity: User) {
    super(UserEntitySchema)
    this.validate(entity)
    this.ensureID()
  }
}
