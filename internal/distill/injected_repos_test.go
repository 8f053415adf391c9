package distill

import "testing"

// TestInjectedRepositoryIdioms pins a repository reached the way Novu's
// use cases reach theirs: the repository class is imported from a
// package of the monorepo whose index is not among the files ('@acme/dal'),
// it hands each call on to a field typed by an interface (provided under a
// token), whose one implementer passes its model to a generic base class
// by super(User, ...), whose methods call this.MongooseModel.
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
}
`,
		"src/auth/auth.controller.ts": `
import { Body, Controller, Post } from '@nestjs/common';
import { UserRepository } from '@acme/dal';
@Controller('auth')
export class AuthController {
  constructor(private userRepository: UserRepository) {}
  @Post('register')
  async register(@Body() body: { email: string; password: string }) {
    await this.userRepository.create({ email: body.email, password: body.password });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "package import, interface-typed field, model handed to the base by super",
			construct: "Register",
			want:      []string{"ensures: User.created("},
		},
	})
}
