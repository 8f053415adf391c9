package distill

import "testing"

// TestDomainObjectAttrs pins a read of a domain object made from an
// object literal (nestjs-microservice-boilerplate's new UserEntity({...,
// email: input.email}), user-create.ts:45, then findOne({email:
// entity.email}), :53): the entry it was made with, as a repository given
// the object stores it.
func TestDomainObjectAttrs(t *testing.T) {
	files := map[string]string{
		"src/user.schema.ts": `
import { Column, Entity } from 'typeorm';
@Entity()
export class UserSchema {
  @Column({ primary: true }) id!: string;
  @Column() email!: string;
  @Column() name!: string;
}
`,
		"src/user.entity.ts": `
export class UserEntity {
  email!: string;
  name!: string;
  constructor(entity: { email: string; name: string }) {
    Object.assign(this, entity);
  }
}
`,
		"src/users.controller.ts": `
import { Body, ConflictException, Controller, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserSchema } from './user.schema';
import { UserEntity } from './user.entity';
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(UserSchema) private readonly rows: Repository<UserSchema>) {}
  @Post()
  async register(@Body('email') email: string, @Body('name') name: string) {
    const entity = new UserEntity({ email, name });
    const taken = await this.rows.findOne({ where: { email: entity.email } });
    if (taken) {
      throw new ConflictException();
    }
    await this.rows.save({ email, name });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a domain object's attribute is the entry it was made with",
			construct: "Register",
			want:      []string{"let taken = UserSchema{email}", "requires: not exists taken"},
		},
	})
}
