package distill

import "testing"

// nestEntities is a TypeORM entity module shared by the NestJS idioms.
const nestEntities = `
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, OneToOne, PrimaryGeneratedColumn } from 'typeorm';

export enum Plan { Free = 'free', Pro = 'pro' }
export type UserState = 'unverified' | 'verified' | 'closed';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column({ unique: true }) email: string;
  @Column({ type: 'enum', enum: Plan, default: Plan.Free }) plan: Plan;
  @Column({ default: 'unverified' }) state: UserState;
  @Column({ nullable: true }) closedAt: Date;
  @Column() verifyToken: string;
  @OneToMany(() => Device, (device) => device.user) devices: Device[];
  @OneToOne(() => Profile, (profile) => profile.user) profile: Profile;
}

@Entity()
export class Profile {
  @PrimaryGeneratedColumn() id: number;
  @Column({ nullable: true }) bio: string;
  @OneToOne(() => User, (user) => user.profile)
  @JoinColumn()
  user: User;
}

@Entity()
export class Device {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
  @ManyToOne(() => User, (user) => user.devices)
  @JoinColumn()
  user: User;
}
`

// nestService is an injectable service over two repositories.
const nestService = `
import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User, Device } from './entities';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Device) private readonly devices: Repository<Device>,
  ) {}

  async verify(token: string) {
    const user = await this.users.findOne({ where: { verifyToken: token } });
    if (!user) throw new NotFoundException();
    if (user.state !== 'unverified') throw new BadRequestException();
    await this.users.update(user.id, { state: 'verified' });
  }

  async close(user: User) {
    await this.users.update({ id: user.id }, { state: 'closed', closedAt: new Date() });
  }

  async forget(user: User, id: number) {
    const device = await this.devices.findOne({ where: { id, user: { id: user.id } } });
    if (!device) throw new NotFoundException();
    await this.devices.delete(device.id);
  }

  findByEmail(email: string) {
    return this.users.findOneBy({ email });
  }

  async register(email: string) {
    if (await this.findByEmail(email)) throw new ConflictException();
    return this.users.save(this.users.create({ email }));
  }

  async removeDevice(id: number) {
    await this.devices.delete(id);
  }

  async addDevice(user: User, name: string) {
    const device = this.devices.create({ name, user });
    await this.devices.save(device);
    return device;
  }
}
`

// nestController routes to the service; dto classes carry class-validator
// decorators.
const nestController = `
import { Body, Controller, Delete, Param, Post, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { IsString, MinLength } from 'class-validator';
import { UsersService } from './users.service';

export class VerifyDto {
  @IsString() token: string;
}

export class DeviceDto {
  @MinLength(3) name: string;
}

@Controller('users')
export class UsersController {
  constructor(private readonly service: UsersService) {}

  @Post('verify')
  verify(@Body() dto: VerifyDto) {
    return this.service.verify(dto.token);
  }

  @Post('close')
  @UseGuards(AuthGuard('jwt'))
  async close(@Req() req) {
    await this.service.close(req.user);
    return { closed: true };
  }

  @Delete('devices/:id')
  @UseGuards(AuthGuard('jwt'))
  forget(@Req() req, @Param('id') id: number) {
    return this.service.forget(req.user, id);
  }

  @Post('devices')
  @UseGuards(AuthGuard('jwt'))
  addDevice(@Req() req, @Body() dto: DeviceDto) {
    return this.service.addDevice(req.user, dto.name);
  }

  @Delete('devices/any/:id')
  @UseGuards(AuthGuard('jwt'))
  removeDevice(@Param('id') id: number) {
    return this.service.removeDevice(id);
  }

  @Post('register')
  register(@Body('email') email: string) {
    return this.service.register(email);
  }

  helper() {
    return this.service.close(null);
  }
}
`

// TestNestIdioms pins the NestJS + TypeORM shapes, one per case: the named
// construct must print with every wanted fragment and none of the
// unwanted ones.
func TestNestIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"src/users/entities.ts":         nestEntities,
		"src/users/users.service.ts":    nestService,
		"src/users/users.controller.ts": nestController,
	}
	tests := []struct {
		name      string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name:      "@Entity columns: an enum, a literal union through a type alias, nullable, a secret left out, the one-to-many side, the one-to-one side without @JoinColumn",
			construct: "User",
			want: []string{"email: String\n", "plan: Plan\n", "state: unverified | verified | closed\n", "closed_at: Timestamp?",
				"devices: Device with user = this", "profile: Profile with user = this"},
			notWant: []string{"verify_token", "id:", "profile: Profile\n"},
		},
		{
			name:      "of a @OneToOne, the side @JoinColumn marks holds the key; the other is a reverse relationship",
			construct: "Profile",
			want:      []string{"user: User\n", "bio: String?"},
		},
		{
			name:      "@ManyToOne with a lazy model reference holds the key",
			construct: "Device",
			want:      []string{"user: User\n", "name: String"},
		},
		{
			name:      "a TypeScript enum is an enum",
			construct: "Plan",
			want:      []string{"enum Plan { free | pro }"},
		},
		{
			name:      "a returned service method, findOne({where}) by a secret, thrown exceptions as requires, update(id, values)",
			construct: "Verify",
			want: []string{"when: Verify(user)", "requires: exists user", "requires: user.state = unverified",
				"ensures: user.state = verified"},
		},
		{
			name:      "an awaited service method under AuthGuard, update with a filter object",
			construct: "Close",
			want:      []string{"when: Close(user)", "user.state = closed", "user.closed_at = now"},
		},
		{
			name:      "delete(id) of the row found removes it",
			construct: "Forget",
			want:      []string{"requires: exists device", "not exists device"},
			notWant:   []string{"for "},
		},
		{
			name:      "delete(id) with an input id removes the row it names, a parameter",
			construct: "RemoveDevice",
			want:      []string{"when: RemoveDevice(device)", "ensures: not exists device"},
			notWant:   []string{"exists id"},
		},
		{
			name:      "create(values) then save(instance) is one creation; a DTO bound is a config parameter",
			construct: "AddDevice",
			want:      []string{"when: AddDevice(name, user)", "Device.created(name: name, user: user)", "length(name) >= config."},
			notWant:   []string{"Device.created(name: name, user: user)\n        Device.created"},
		},
		{
			name:      "a named body field is a parameter; the service's own lookup method; a returned save of a built row is its creation",
			construct: "Register",
			want:      []string{"when: Register(email)", "not exists", "User{email}", "User.created(email: email, state: unverified)"},
		},
		{
			name:      "guarded routes face a signed-in user",
			construct: "UserApi",
			want:      []string{"Close(user)", "Forget(", "AddDevice("},
			notWant:   []string{"Verify(", "Helper"},
		},
	}
	out := distilText(t, d, files)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, out, tt.construct, tt.want, tt.notWant)
		})
	}
}

// TestBoundQualifiers pins the naming of bounds on inputs of one kind told
// apart by a qualifier (catalog bound_qualifiers): the old and the new
// password's @MinLength(8) are one min_password_length; a bound of another
// value on a qualified input keeps a name of its own, and an input that is
// only a qualifier's word is not cut.
func TestBoundQualifiers(t *testing.T) {
	files := map[string]string{
		"src/users/users.controller.ts": `
import { Body, Controller, Post } from '@nestjs/common';
import { MinLength, MaxLength } from 'class-validator';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

export class ChangePasswordDto {
  @MinLength(8) oldPassword: string;
  @MinLength(8) newPassword: string;
}

export class RenameDto {
  @MaxLength(40) newName: string;
  @MaxLength(12) current: string;
}

@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Post('password')
  async changePassword(@Body() dto: ChangePasswordDto) {
    await this.users.update({ password: dto.oldPassword }, { password: dto.newPassword });
  }

  @Post('rename')
  async rename(@Body() dto: RenameDto) {
    await this.users.update({ name: dto.current }, { name: dto.newName });
  }
}
`,
		"src/users/user.entity.ts": `
import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() password: string;
  @Column() name: string;
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "old_ and new_ qualify one kind: one bound",
			construct: "ChangePassword",
			want:      []string{"length(old_password) >= config.min_password_length", "length(new_password) >= config.min_password_length"},
			notWant:   []string{"min_old_password_length", "min_new_password_length"},
		},
		{
			name:      "a qualified name's bound drops the qualifier; a bare qualifier word keeps its name",
			construct: "Rename",
			want:      []string{"length(new_name) <= config.max_name_length", "length(current) <= config.max_current_length"},
		},
	})
}

// TestQueryBuilders pins a repository call given its options object in a
// local (catalog repositories.query_builders): findOne(buildQuery({email},
// config)) finds User{email} as findOne({where: {email}}) does, and so
// does a {where} object kept in a local; a local object without a filter
// is left as it was.
func TestQueryBuilders(t *testing.T) {
	files := map[string]string{
		"src/users/users.controller.ts": `
import { Body, Controller, Post, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { buildQuery } from '../utils';
import { User } from './user.entity';

@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Post('lock')
  async lock(@Body('email') email: string) {
    const query = buildQuery({ email }, { select: ['id'] });
    const user = await this.users.findOne(query);
    if (!user) {
      throw new NotFoundException('no such user');
    }
    await this.users.update(user.id, { locked: true });
  }

  @Post('unlock')
  async unlock(@Body('name') name: string) {
    const query = { where: { name } };
    const user = await this.users.findOne(query);
    if (!user) {
      throw new NotFoundException('no such user');
    }
    await this.users.update(user.id, { locked: false });
  }
}
`,
		"src/users/user.entity.ts": `
import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() name: string;
  @Column() locked: boolean;
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "buildQuery's selector is the lookup's filter",
			construct: "Lock",
			want:      []string{"User{email}", "requires: exists", "locked = true"},
		},
		{
			name:      "a {where} object kept in a local is the lookup's options",
			construct: "Unlock",
			want:      []string{"User{name}", "requires: exists", "locked = false"},
		},
	})
}
