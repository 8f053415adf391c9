package distill

import (
	"slices"
	"strings"
	"testing"
)

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

// TestHandedQueryIdioms pins the reads and writes of a base repository
// whose methods take the filter and the changes as objects their callers
// hand in (Novu's BaseRepository): findOne(query, select, options) runs
// this.MongooseModel.findOne(query, ...).read(...) and maps the document
// back with plainToInstance(this.entity, ...); findById(id, select) looks
// the id up whatever follows it; update(query, body) runs
// this.MongooseModel.updateMany(query, body, {multi: true}) with a body of
// $set and $unset; the use case normalises the address first
// (normalizeEmail), so the row is looked up by the lowercased address.
func TestHandedQueryIdioms(t *testing.T) {
	files := map[string]string{
		"src/repo/user.schema.ts": `
import * as mongoose from 'mongoose';
import { Schema } from 'mongoose';
const userSchema = new Schema({ email: Schema.Types.String, password: Schema.Types.String,
  resetToken: Schema.Types.String, resetTokenDate: Schema.Types.Date });
export const User = (mongoose.models.User as mongoose.Model<any>) || mongoose.model<any>('User', userSchema);
`,
		"src/repo/base-repository.ts": `
import { Model } from 'mongoose';
import { plainToInstance } from 'class-transformer';
export class BaseRepository<T_DBModel, T_Entity> {
  constructor(protected MongooseModel: Model<T_DBModel>, protected entity: any) {}
  async findOne(query: any, select?: any, options: { readPreference?: string; query?: any } = {}) {
    const data = await this.MongooseModel.findOne(query, select, options.query).read(options.readPreference || 'primary');
    if (!data) return null;
    return this.mapEntity(data.toObject());
  }
  async findById(id: string, select?: string) {
    const data = await this.MongooseModel.findById(id, select);
    if (!data) return null;
    return this.mapEntity(data.toObject());
  }
  async update(query: any, updateBody: any) {
    const saved = await this.MongooseModel.updateMany(query, updateBody, { multi: true });
    return { matched: saved.matchedCount };
  }
  protected mapEntity(data: any) {
    return plainToInstance(this.entity, JSON.parse(JSON.stringify(data)));
  }
}
`,
		"src/repo/user.repository.ts": `
import { BaseRepository } from './base-repository';
import { User } from './user.schema';
export class UserRepository extends BaseRepository<any, any> {
  constructor() {
    super(User, Object);
  }
  async findByEmail(email: string) {
    return this.findOne({ email });
  }
}
`,
		"src/auth/usecases.ts": `
import { Injectable, BadRequestException, UnauthorizedException } from '@nestjs/common';
import { IsEmail, IsDefined } from 'class-validator';
import { normalizeEmail } from '@acme/shared';
import { hash } from 'bcrypt';
import { BaseCommand } from '@acme/shared';
import { UserRepository } from '../repo/user.repository';

export class ResetCommand extends BaseCommand {
  @IsEmail() email: string;
  @IsDefined() password: string;
}
export class RenameCommand extends BaseCommand {
  @IsDefined() userId: string;
  @IsDefined() email: string;
}

@Injectable()
export class Reset {
  constructor(private userRepository: UserRepository) {}
  async execute(command: ResetCommand) {
    const email = normalizeEmail(command.email);
    const user = await this.userRepository.findByEmail(email);
    if (!user) throw new BadRequestException('No such user');
    await this.userRepository.update(
      { _id: user._id },
      { $set: { password: await hash(command.password, 10) }, $unset: { resetToken: 1, resetTokenDate: 1 } }
    );
  }
}

@Injectable()
export class Rename {
  constructor(private userRepository: UserRepository) {}
  async execute(command: RenameCommand) {
    const user = await this.userRepository.findById(command.userId, 'email');
    if (!user) throw new UnauthorizedException();
    await this.userRepository.update({ _id: user._id }, { $set: { email: command.email } });
  }
}
`,
		"src/auth/auth.controller.ts": `
import { Body, Controller, Post } from '@nestjs/common';
import { IsEmail, IsDefined } from 'class-validator';
import { Reset, ResetCommand, Rename, RenameCommand } from './usecases';
export class ResetDto {
  @IsEmail() email: string;
  @IsDefined() password: string;
}
export class RenameDto {
  @IsDefined() userId: string;
  @IsDefined() email: string;
}
@Controller('auth')
export class AuthController {
  constructor(private reset: Reset, private rename: Rename) {}
  @Post('reset')
  async resetPassword(@Body() body: ResetDto) {
    return await this.reset.execute(ResetCommand.create({ email: body.email, password: body.password }));
  }
  @Post('rename')
  async renameUser(@Body() body: RenameDto) {
    return await this.rename.execute(RenameCommand.create({ userId: body.userId, email: body.email }));
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a filter handed through findOne, read back by plainToInstance; $set and $unset handed to updateMany",
			construct: "ResetPassword",
			want: []string{"when: ResetPassword(email, password)", "= User{email: lowercase(email)}", "requires: exists",
				".password = hash(password)", ".reset_token = null", ".reset_token_date = null"},
			notWant: []string{"multi", "normalize", "User{email}"},
		},
		{
			name:      "findById(id, select) looks the id up",
			construct: "RenameUser",
			want:      []string{"requires: exists user", "ensures: user.email = email"},
		},
	})
}

// TestPackageConstantBounds pins a DTO's class-validator bound written as
// an entry of a constant object that a package of the same monorepo
// exports, whose index is not among the files
// (@MinLength(passwordConstraints.minLength), Novu's '@novu/shared'); a
// bound of a constant no module defines is left out.
func TestPackageConstantBounds(t *testing.T) {
	files := map[string]string{
		"packages/shared/src/consts/password.ts": `
export const passwordConstraints = {
  minLength: 10,
  maxLength: 64,
};
`,
		"src/auth/auth.controller.ts": `
import { Body, Controller, Post, Injectable } from '@nestjs/common';
import { IsDefined, MinLength, MaxLength } from 'class-validator';
import { passwordConstraints, otherConstraints } from '@acme/shared';
import * as mongoose from 'mongoose';
import { Schema } from 'mongoose';
const userSchema = new Schema({ email: Schema.Types.String, password: Schema.Types.String, nickname: Schema.Types.String });
export const User = mongoose.model('User', userSchema);
export class RegisterDto {
  @IsDefined() email: string;
  @MinLength(passwordConstraints.minLength)
  @MaxLength(passwordConstraints.maxLength)
  password: string;
  @MinLength(otherConstraints.minLength)
  nickname: string;
}
@Controller('auth')
export class AuthController {
  @Post('register')
  async register(@Body() body: RegisterDto) {
    await User.create({ email: body.email, password: body.password, nickname: body.nickname });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the bounds read from the package's constant object",
			construct: "Register",
			want: []string{"requires: length(password) >= config.min_password_length",
				"requires: length(password) <= config.max_password_length",
				"min_password_length: Integer = 10", "max_password_length: Integer = 64", "nickname: nickname"},
			notWant: []string{"length(nickname)"},
		},
	})
}

// TestHashedSecretLookup pins a row found by the SHA-256 of the token the
// request presents (Novu's findUserByToken: createHash('sha256').update(
// token).digest('hex'), catalog hash_chains): the lookup stays a let over
// hash(token), the token the trigger's parameter; a row found by the
// token itself is still the parameter.
func TestHashedSecretLookup(t *testing.T) {
	files := map[string]string{
		"src/app.ts": `
import { createHash } from 'crypto';
import * as mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { Body, Controller, Post, BadRequestException } from '@nestjs/common';
import { IsDefined } from 'class-validator';
const userSchema = new Schema({ email: Schema.Types.String, password: Schema.Types.String,
  resetToken: Schema.Types.String, verifyToken: Schema.Types.String, verified: Schema.Types.Boolean });
export const User = mongoose.model('User', userSchema);
export class ResetDto {
  @IsDefined() token: string;
  @IsDefined() password: string;
}
function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex');
}
@Controller('auth')
export class AuthController {
  @Post('reset')
  async reset(@Body() body: ResetDto) {
    const user = await User.findOne({ resetToken: hashToken(body.token) });
    if (!user) throw new BadRequestException('Bad token');
    await User.updateMany({ _id: user._id }, { $set: { password: body.password }, $unset: { resetToken: 1 } });
  }
  @Post('verify')
  async verify(@Body() body: ResetDto) {
    const user = await User.findOne({ verifyToken: body.token });
    if (!user) throw new BadRequestException('Bad token');
    await User.updateMany({ _id: user._id }, { $set: { verified: true } });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "found by the token's hash: a let over hash(token)",
			construct: "Reset",
			want: []string{"when: Reset(token, password)", "let user = User{reset_token: hash(token)}", "requires: exists user",
				"user.password = password", "user.reset_token = null"},
		},
		{
			name:      "found by the token itself: the entity is the parameter",
			construct: "Verify",
			want:      []string{"when: Verify(user)", "user.verified = true"},
			notWant:   []string{"let user"},
		},
	})
}

// TestUpdateKeysNotFields pins an update document one of whose operators
// has keys that are not field names ('profile.nickname'): the fields it
// sets beside them are stated, the rest is noted as left out; a document
// that changes no declared field at all states nothing, its filter
// included, and is noted once.
func TestUpdateKeysNotFields(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/app.ts": `
import * as mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { Body, Controller, Post } from '@nestjs/common';
import { IsDefined } from 'class-validator';
const userSchema = new Schema({ email: Schema.Types.String, verified: Schema.Types.Boolean });
export const User = mongoose.model('User', userSchema);
export class VerifyDto {
  @IsDefined() email: string;
}
@Controller('auth')
export class AuthController {
  @Post('verify')
  async verify(@Body() body: VerifyDto) {
    await User.updateMany({ email: body.email }, { $set: { verified: true }, $inc: { 'stats.visits': 1 }, $unset: { 'profile.nickname': 1 } });
  }
  @Post('touch')
  async touch(@Body() body: VerifyDto) {
    await User.updateMany({ email: body.email }, { $unset: { 'profile.nickname': 1 } });
  }
}
`})
	if got := construct(out.Module, "Verify"); !strings.Contains(got, ".verified = true") {
		t.Errorf("Verify lacks the verified change:\n%s", got)
	}
	if got := construct(out.Module, "Touch"); got != "" {
		t.Errorf("Touch states what it cannot:\n%s", got)
	}
	for _, note := range []string{
		"src/app.ts:15: a part of an update whose keys are not field names left out of rule Verify",
		"src/app.ts:19: a bulk update left out of handler touch (src/app.ts:18)", // no rule Touch is printed
	} {
		if !slices.Contains(out.Notes, note) {
			t.Errorf("notes lack %q: %v", note, out.Notes)
		}
	}
}

// TestUpdateDocumentPaths pins the updates of a nested path of a Mongoose
// document: a dotted key ('failedLogin.times') sets the field declared
// under that path, an object given for the path sets each of its fields,
// unsetting the path clears each of them, and a read through the path
// (user.failedLogin.times) is that field.
func TestUpdateDocumentPaths(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/app.ts": `
import * as mongoose from 'mongoose';
import { Schema } from 'mongoose';
import { Body, Controller, Post } from '@nestjs/common';
import { IsDefined } from 'class-validator';
const userSchema = new Schema({ email: Schema.Types.String,
  failedLogin: { times: Schema.Types.Number, lastFailedAttempt: Schema.Types.Date } });
export const User = mongoose.model('User', userSchema);
export class EmailDto {
  @IsDefined() email: string;
}
@Controller('auth')
export class AuthController {
  @Post('fail')
  async fail(@Body() body: EmailDto) {
    const user = await User.findOne({ email: body.email });
    await User.updateMany({ _id: user._id }, { $set: { failedLogin: { times: user.failedLogin.times + 1, lastFailedAttempt: new Date() } } });
  }
  @Post('clear')
  async clear(@Body() body: EmailDto) {
    const user = await User.findOne({ email: body.email });
    await User.updateMany({ _id: user._id }, { $set: { 'failedLogin.times': 0 } });
  }
  @Post('forget')
  async forget(@Body() body: EmailDto) {
    const user = await User.findOne({ email: body.email });
    await User.updateMany({ _id: user._id }, { $unset: { failedLogin: '' } });
  }
}
`})
	for _, tc := range []struct {
		construct string
		want      []string
	}{
		{"Fail", []string{"user.failed_login_times = user.failed_login_times + 1", "user.failed_login_last_failed_attempt = now"}},
		{"Clear", []string{"user.failed_login_times = 0"}},
		{"Forget", []string{"user.failed_login_times = null", "user.failed_login_last_failed_attempt = null"}},
	} {
		got := construct(out.Module, tc.construct)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", tc.construct, w, got)
			}
		}
	}
}
