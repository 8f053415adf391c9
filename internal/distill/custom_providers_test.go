package distill

import "testing"

// TestCustomProviders pins NestJS's ports and adapters: a controller or
// use case depends on an abstract class or a token, and a module binds
// it to its implementation with a custom provider (useClass, useFactory
// returning a new instance, useExisting naming another token; the token
// a class, a string or a Symbol constant read by @Inject). Calls on the
// collaborator are the bound class's methods.
func TestCustomProviders(t *testing.T) {
	files := map[string]string{
		"src/user.entity.ts": `
import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class UserRow {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column({ default: false }) confirmed: boolean;
}
`,
		"src/ports.ts": `
export abstract class UserRepository {
  abstract create(email: string): Promise<void>;
  abstract confirm(email: string): Promise<void>;
}
export const MAILER = Symbol('Mailer');
export abstract class RegisterPort {
  abstract execute(email: string): Promise<void>;
}
`,
		"src/users.relational.ts": `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserRow } from './user.entity';
import { UserRepository } from './ports';
@Injectable()
export class UsersRelationalRepository {
  constructor(@InjectRepository(UserRow) private readonly rows: Repository<UserRow>) {}
  async create(email: string) {
    await this.rows.save(this.rows.create({ email }));
  }
  async confirm(email: string) {
    await this.rows.update({ email }, { confirmed: true });
  }
}
`,
		"src/mailer.ts": `
import { Injectable } from '@nestjs/common';
import { UserRepository } from './ports';
@Injectable()
export class ConfirmingMailer {
  constructor(private readonly users: UserRepository) {}
  async confirmed(email: string) {
    await this.users.confirm(email);
  }
}
`,
		"src/register.usecase.ts": `
import { UserRepository } from './ports';
export class RegisterUsecase {
  constructor(private readonly users: UserRepository) {}
  async execute(email: string) {
    await this.users.create(email);
  }
}
`,
		"src/users.module.ts": `
import { Module } from '@nestjs/common';
import { UserRepository, RegisterPort, MAILER } from './ports';
import { UsersRelationalRepository } from './users.relational';
import { RegisterUsecase } from './register.usecase';
import { ConfirmingMailer } from './mailer';
import { UsersController } from './users.controller';
@Module({
  controllers: [UsersController],
  providers: [
    { provide: UserRepository, useClass: UsersRelationalRepository },
    {
      provide: RegisterPort,
      useFactory: (users: UserRepository) => {
        return new RegisterUsecase(users);
      },
      inject: [UserRepository],
    },
    { provide: 'MAILER_IMPL', useClass: ConfirmingMailer },
    { provide: MAILER, useExisting: 'MAILER_IMPL' },
  ],
})
export class UsersModule {}
`,
		"src/users.controller.ts": `
import { Body, Controller, Inject, Post } from '@nestjs/common';
import { RegisterPort, MAILER } from './ports';
@Controller('users')
export class UsersController {
  constructor(
    private readonly register: RegisterPort,
    @Inject(MAILER) private readonly mailer: any,
  ) {}
  @Post('register')
  async signUp(@Body('email') email: string) {
    return this.register.execute(email);
  }
  @Post('confirm')
  async confirmEmail(@Body('email') email: string) {
    await this.mailer.confirmed(email);
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "an abstract port bound by useFactory to a use case, whose port is bound by useClass",
			construct: "SignUp",
			want:      []string{"ensures: UserRow.created(email: email, confirmed: false)"},
		},
		{
			name:      "@Inject(SYMBOL) bound by useExisting to a string token bound by useClass",
			construct: "ConfirmEmail",
			want:      []string{"confirmed = true"},
		},
	})
}

// TestPortRepositoryModels pins the repository behind a port that is
// typed by an intersection alias (type UserModel = UserSchema &
// UserEntity: the TypeORM row merged with the domain class), handed to a
// generic base repository; and a domain class made by a class factory of
// the service (extends BaseEntity<UserEntity>()), which is no ORM model
// though its factory shares the ORM base's name.
func TestPortRepositoryModels(t *testing.T) {
	files := map[string]string{
		"src/user.schema.ts": `
import { BaseEntity, Column, Entity } from 'typeorm';
@Entity({ name: 'users' })
export class UserSchema extends BaseEntity {
  @Column({ type: 'uuid', primary: true }) id!: string;
  @Column('text') email!: string;
}
`,
		"src/user.entity.ts": `
import { BaseEntity } from './utils/entity';
export class UserEntity extends BaseEntity<UserEntity>() {
  email!: string;
}
`,
		"src/repository.ts": `
import { Repository } from 'typeorm';
export class TypeORMRepository<T> {
  constructor(readonly repository: Repository<T>) {}
  async create(document: T) {
    return this.repository.save(document);
  }
  async findOne(filter: Partial<T>) {
    return this.repository.findOne({ where: filter });
  }
}
`,
		"src/user.repository.ts": `
import { Repository } from 'typeorm';
import { TypeORMRepository } from './repository';
import { UserSchema } from './user.schema';
import { UserEntity } from './user.entity';
import { IUserRepository } from './port';
export class UserRepository extends TypeORMRepository<UserModel> implements IUserRepository {
  constructor(readonly repository: Repository<UserModel>) {
    super(repository);
  }
}
export type UserModel = UserSchema & UserEntity;
`,
		"src/port.ts": `
export abstract class IUserRepository {
  abstract create(document: unknown): Promise<unknown>;
  abstract findOne(filter: unknown): Promise<unknown>;
}
`,
		"src/user.module.ts": `
import { Module } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import { IUserRepository } from './port';
import { UserRepository } from './user.repository';
import { UserSchema } from './user.schema';
import { UserController } from './user.controller';
@Module({
  controllers: [UserController],
  providers: [
    {
      provide: IUserRepository,
      useFactory: (repository) => new UserRepository(repository),
      inject: [getRepositoryToken(UserSchema)],
    },
  ],
})
export class UserModule {}
`,
		"src/user.controller.ts": `
import { Body, ConflictException, Controller, Post } from '@nestjs/common';
import { IUserRepository } from './port';
@Controller('users')
export class UserController {
  constructor(private readonly users: IUserRepository) {}
  @Post()
  async register(@Body('email') email: string) {
    const taken = await this.users.findOne({ email });
    if (taken) {
      throw new ConflictException();
    }
    await this.users.create({ email });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "an intersection alias names the row's repository; an expression-bodied factory; a filter the caller passes to {where: filter}",
			construct: "Register",
			want:      []string{"let taken = UserSchema{email}", "requires: not exists taken", "ensures: UserSchema.created(email: email)"},
		},
		{
			name:      "a domain class made by a class factory is no entity",
			construct: "UserSchema",
			notWant:   []string{"UserEntity"},
		},
	})
}

// TestSelfNamingIntersectionAlias pins that a type alias naming itself
// through an intersection (type Row = UserSchema & Row) ends: the
// repository it types is still the model's.
func TestSelfNamingIntersectionAlias(t *testing.T) {
	files := map[string]string{
		"src/user.schema.ts": `
import { Column, Entity } from 'typeorm';
@Entity()
export class UserSchema {
  @Column({ primary: true }) id!: string;
  @Column() email!: string;
}
`,
		"src/users.controller.ts": `
import { Body, Controller, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserSchema } from './user.schema';
type Row = UserSchema & Row;
type Loop = Loop & Row;
@Controller('users')
export class UsersController {
  constructor(
    @InjectRepository(UserSchema) private readonly rows: Repository<Row>,
    private readonly loops: Repository<Loop>,
  ) {}
  @Post()
  async register(@Body('email') email: string) {
    await this.rows.save({ email });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "an alias that names itself",
			construct: "Register",
			want:      []string{"ensures: UserSchema.created(email: email)"},
		},
	})
}
