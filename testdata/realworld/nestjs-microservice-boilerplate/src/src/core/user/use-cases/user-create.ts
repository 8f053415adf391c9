/**
 * @see https://github.com/mikemajesty/nestjs-microservice-boilerplate-api/blob/master/guides/core/usecase.md
 */
import { RoleEnum } from '@/core/role/entity/role'
import { IRoleRepository } from '@/core/role/repository/role'
import { SendEmailInput } from '@/infra/email'
import { ILoggerAdapter } from '@/infra/logger'
import { CreatedModel } from '@/infra/repository'
import { IEventAdapter } from '@/libs/event'
import { EventNameEnum } from '@/libs/event/types'
import { ValidateSchema } from '@/utils/decorators'
import { ApiConflictException, ApiNotFoundException } from '@/utils/exception'
import { IDGeneratorUtils } from '@/utils/id-generator'
import { ApiTrancingInput } from '@/utils/request'
import { IUsecase } from '@/utils/usecase'
import { Infer, InputValidator } from '@/utils/validator'

import { UserEntity, UserEntitySchema } from '../entity/user'
import { UserPasswordEntity, UserPasswordEntitySchema } from '../entity/user-password'
import { IUserRepository } from '../repository/user'

export const UserCreateSchema = UserEntitySchema.pick({
  email: true,
  name: true
})
  .and(UserPasswordEntitySchema.pick({ password: true }))
  .and(InputValidator.object({ roles: InputValidator.array(InputValidator.enum(RoleEnum)).min(1) }))

export class UserCreateUsecase implements IUsecase {
  constructor(
    private readonly userRepository: IUserRepository,
    private readonly loggerService: ILoggerAdapter,
    private readonly event: IEventAdapter,
    private readonly roleRepository: IRoleRepository
  ) {}

  @ValidateSchema(UserCreateSchema)
  async execute(input: UserCreateInput, { tracing, user: userData }: ApiTrancingInput): Promise<UserCreateOutput> {
    const roles = await this.roleRepository.findIn({ name: input.roles })

    if (roles.length < input.roles.length) {
      throw new ApiNotFoundException('roleNotFound')
    }

    const entity = new UserEntity({ id: IDGeneratorUtils.uuid(), name: input.name, email: input.email, roles })

    const passwordEntity = new UserPasswordEntity({ id: IDGeneratorUtils.uuid(), password: input.password })

    passwordEntity.createPassword()

    entity.password = passwordEntity

    const userExists = await this.userRepository.findOne({
      email: entity.email
    })

    if (userExists) {
      throw new ApiConflictException('userExists')
    }

    const user = await this.userRepository.create(entity.toObject())

    this.loggerService.info({ message: 'user created successfully', obj: { user } })

    this.event.emit<SendEmailInput>(EventNameEnum.SEND_EMAIL, {
      email: input.email,
      subject: 'Welcome',
      template: 'welcome',
      payload: { name: input.name }
    })

    tracing.logEvent('user-created', { action: 'created', by: userData.id, entity: entity.id })

    return user
  }
}

export type UserCreateInput = Infer<typeof UserCreateSchema>
export type UserCreateOutput = CreatedModel
