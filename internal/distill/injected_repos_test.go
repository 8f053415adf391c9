package distill

import "testing"

// TestInjectedRepositoryIdioms pins a repository reached the way Novu's
// use cases reach theirs: the repository class is imported from a
// package of the monorepo whose index is not among the files ('@acme/dal'),
// it hands each call on to a field typed by an interface (provided under a
// token), whose one implementer passes its model to a generic base class
// by super(User, ...), whose methods call this.MongooseModel; the use case
// is given a command built by a static factory of a base class the files
// lack (RegisterCommand.create({...})), and the base's create copies the
// object it is given with an extra entry only sometimes (data = {...data,
// expireAt}) before new this.MongooseModel(data).
func TestInjectedRepositoryIdioms(t *testing.T) {
	files := map[string]string{
		"src/repo/user.schema.ts": `
import * as mongoose from 'mongoose';
import { Schema } from 'mongoose';
const userSchema = new Schema({ email: Schema.Types.String, password: Schema.Types.String });
export const User = (mongoose.models.User as mongoose.Model<any>) || mongoose.model<any>('User', userSchema);
`,
		"src/repo/base-repository.ts": `
import { Model } from 'mongoose';
export class BaseRepository<T_DBModel, T_Entity> {
  constructor(protected MongooseModel: Model<T_DBModel>, protected entity: any) {}
  async create(data: any) {
    return this.MongooseModel.create(data);
  }
  async insert(data: any) {
    const expireAt = this.expiry(data);
    if (expireAt) {
      data = { ...data, expireAt };
    }
    const row = new this.MongooseModel(data);
    return row.save();
  }
}
`,
		"src/repo/community.user.repository.ts": `
import { BaseRepository } from './base-repository';
import { IUserRepository } from './user-repository.interface';
import { User } from './user.schema';
export class CommunityUserRepository extends BaseRepository<any, any> implements IUserRepository {
  constructor() {
    super(User, Object);
  }
}
`,
		"src/repo/user.repository.ts": `
import { Inject } from '@nestjs/common';
import { IUserRepository } from './user-repository.interface';
export class UserRepository implements IUserRepository {
  constructor(@Inject('USER_REPOSITORY') private userRepository: IUserRepository) {}
  create(data: any) {
    return this.userRepository.create(data);
  }
  insert(data: any) {
    return this.userRepository.insert(data);
  }
}
`,
		"src/auth/register.ts": `
import { Injectable } from '@nestjs/common';
import { IsEmail, IsDefined } from 'class-validator';
import { UserRepository } from '@acme/dal';
import { BaseCommand } from '@acme/shared';

export class InviteCommand extends BaseCommand {
  @IsEmail() email: string;
  @IsDefined() password: string;
}

@Injectable()
export class Invite {
  constructor(private userRepository: UserRepository) {}
  async execute(command: InviteCommand) {
    await this.userRepository.insert({ email: command.email, password: command.password });
    return true;
  }
}
`,
		"src/auth/auth.controller.ts": `
import { Body, Controller, Post } from '@nestjs/common';
import { IsEmail, IsDefined } from 'class-validator';
import { UserRepository } from '@acme/dal';
import { Invite, InviteCommand } from './register';
export class RegisterDto {
  @IsEmail() email: string;
  @IsDefined() password: string;
}
@Controller('auth')
export class AuthController {
  constructor(private userRepository: UserRepository, private invite: Invite) {}
  @Post('invite')
  async inviteUser(@Body() body: RegisterDto) {
    return await this.invite.execute(InviteCommand.create({ email: body.email, password: body.password }));
  }
  @Post('register')
  async register(@Body() body: RegisterDto) {
    await this.userRepository.create({ email: body.email });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "package import, interface-typed field, model handed to the base by super",
			construct: "Register",
			want:      []string{"ensures: User.created(email: email)"},
		},
		{
			name:      "a command made by a factory its base gives; an entry added only sometimes left out",
			construct: "InviteUser",
			want:      []string{"when: InviteUser(email, password)", "ensures: User.created(email: email, password: password)"},
			notWant:   []string{"expire"},
		},
	})
}
