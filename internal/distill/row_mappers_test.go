package distill

import "testing"

// TestRowMappers pins mappers between a domain class and its persistence
// row passed through: a static that copies the fields of what it is given
// onto a new object (UserMapper.toPersistence(user), toDomain(row)) gives
// the same row, so a lookup through it is still the row looked up, and a
// row saved from it is created with the fields given.
func TestRowMappers(t *testing.T) {
	files := map[string]string{
		"src/users/user.entity.ts": `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity({ name: 'user' })
export class UserEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ unique: true }) email: string;
  @Column() password: string;
  @Column({ default: false }) confirmed: boolean;
}
`,
		"src/users/user.ts": `
export class User {
  id: number;
  email: string;
  password: string;
  confirmed: boolean;
}
`,
		"src/users/user.mapper.ts": `
import { User } from './user';
import { UserEntity } from './user.entity';
export class UserMapper {
  static toDomain(raw: UserEntity): User {
    const domain = new User();
    domain.id = raw.id;
    domain.email = raw.email;
    domain.password = raw.password;
    domain.confirmed = raw.confirmed;
    return domain;
  }
  static toPersistence(domain: User): UserEntity {
    const row = new UserEntity();
    row.id = domain.id;
    row.email = domain.email;
    row.password = domain.password;
    row.confirmed = domain.confirmed;
    return row;
  }
}
`,
		"src/users/user.repository.ts": `
import { User } from './user';
export abstract class UserRepository {
  abstract create(data: Omit<User, 'id'>): Promise<User>;
  abstract findByEmail(email: string): Promise<User | null>;
  abstract save(user: User): Promise<User>;
}
`,
		"src/users/users.relational.ts": `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserEntity } from './user.entity';
import { UserMapper } from './user.mapper';
import { User } from './user';
import { UserRepository } from './user.repository';
@Injectable()
export class UsersRelationalRepository implements UserRepository {
  constructor(@InjectRepository(UserEntity) private readonly usersRepository: Repository<UserEntity>) {}
  async create(data: User): Promise<User> {
    const row = await this.usersRepository.save(this.usersRepository.create(UserMapper.toPersistence(data)));
    return UserMapper.toDomain(row);
  }
  async findByEmail(email: string): Promise<User | null> {
    const row = await this.usersRepository.findOne({ where: { email } });
    return row ? UserMapper.toDomain(row) : null;
  }
  async save(user: User): Promise<User> {
    const row = await this.usersRepository.save(UserMapper.toPersistence(user));
    return UserMapper.toDomain(row);
  }
}
`,
		"src/users/users.module.ts": `
import { Module } from '@nestjs/common';
import { UserRepository } from './user.repository';
import { UsersRelationalRepository } from './users.relational';
import { AuthController } from './auth.controller';
@Module({
  controllers: [AuthController],
  providers: [{ provide: UserRepository, useClass: UsersRelationalRepository }],
})
export class UsersModule {}
`,
		"src/users/auth.controller.ts": `
import { Body, Controller, NotFoundException, Post, UnprocessableEntityException } from '@nestjs/common';
import { UserRepository } from './user.repository';
@Controller('auth')
export class AuthController {
  constructor(private readonly usersRepository: UserRepository) {}
  @Post('register')
  async register(@Body('email') email: string, @Body('password') password: string) {
    await this.usersRepository.create({ email, password, confirmed: false });
  }
  @Post('confirm')
  async confirmEmail(@Body('email') email: string) {
    const user = await this.usersRepository.findByEmail(email);
    if (!user) {
      throw new NotFoundException();
    }
    if (user.confirmed) {
      throw new UnprocessableEntityException();
    }
    user.confirmed = true;
    await this.usersRepository.save(user);
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a row saved from toPersistence(data) is created with the fields given",
			construct: "Register",
			want:      []string{"UserEntity.created(", "email: email", "password: password", "confirmed: false"},
		},
		{
			name:      "a row read through toDomain is the row looked up, and saved through toPersistence it is that row",
			construct: "ConfirmEmail",
			want:      []string{"requires: exists entity", "requires: not entity.confirmed", "ensures: entity.confirmed = true"},
			notWant:   []string{"created"},
		},
	})
}
