package distill

import "testing"

// TestDomainObjectsAndEvents pins the ports-and-adapters idioms of
// nestjs-microservice-boilerplate: a domain object made from an object
// literal and handed to a repository's create is a new row with the
// literal's fields, and one made from a row the rule found is that row
// stored again (domain_objects.go); an event the service emits and one of
// its own methods listens to (@OnEvent) is that method run on the payload
// (event_listeners.go), here a mailer whose message options come from a
// local function (const options = () => {...}) called inside a hand-made
// promise, sendMail given a Node callback after the options, and whose
// template is the file it reads and compiles (template_files.go).
func TestDomainObjectsAndEvents(t *testing.T) {
	files := map[string]string{
		"src/user.schema.ts": `
import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class UserSchema extends BaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') email!: string;
}
`,
		"src/user.entity.ts": `
import { BaseEntity } from '@/utils/entity';
export class UserEntity extends BaseEntity<UserEntity>() {
  name!: string;
  email!: string;
  constructor(entity: { name: string; email: string }) {
    super(UserEntitySchema);
    this.validate(entity);
  }
}
`,
		"src/events.ts": `
export enum EventNameEnum {
  SEND_EMAIL = 'send-email',
  AUDIT = 'audit',
}
`,
		"src/email.service.ts": `
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import fs from 'fs';
import handlebars from 'handlebars';
import path from 'path';
import { Transporter } from 'nodemailer';
import { EventNameEnum } from './events';

@Injectable()
export class EmailService {
  constructor(private readonly transporter: Transporter) {}

  async send(input: SendEmailInput) {
    const source = fs.readFileSync(path.join(__dirname, ` + "`/templates/${input.template}.handlebars`" + `), 'utf8');
    const compiledTemplate = handlebars.compile(source);
    const options = () => {
      return { to: input.email, subject: input.subject, html: compiledTemplate(input.payload) };
    };
    return new Promise((res, rej) => {
      this.transporter.sendMail(options(), (error, info) => {
        if (error) {
          return rej(error);
        }
        return res(info);
      });
    });
  }

  @OnEvent(EventNameEnum.SEND_EMAIL)
  async handleSendEmailEvent(payload: SendEmailInput) {
    await this.send(payload);
  }
}

export type SendEmailInput = { email: string; subject: string; template: string; payload: object };
`,
		"src/users.controller.ts": `
import { Body, Controller, NotFoundException, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IEventAdapter } from './event.adapter';
import { EventNameEnum } from './events';
import { UserEntity } from './user.entity';
import { UserSchema } from './user.schema';

@Controller('users')
export class UsersController {
  constructor(
    @InjectRepository(UserSchema) private readonly users: Repository<UserSchema>,
    private readonly event: IEventAdapter,
  ) {}

  private async store(document: UserSchema) {
    const row = this.users.create(document);
    await row.save();
  }

  @Post('register')
  async register(@Body('name') name: string, @Body('email') email: string) {
    const entity = new UserEntity({ name: name, email: email });
    await this.store(entity.toObject());
    this.event.emit<SendEmailInput>(EventNameEnum.SEND_EMAIL, {
      email: email,
      subject: 'Hello there',
      template: 'welcome',
      payload: { name: name },
    });
  }

  @Post('touch')
  async touch(@Body('email') email: string) {
    const user = await this.users.findOne({ where: { email } });
    if (!user) {
      throw new NotFoundException('user not found');
    }
    const entity = new UserEntity(user);
    await this.store(entity.toObject());
    this.event.emit<SendEmailInput>(EventNameEnum.SEND_EMAIL, {
      email: entity.email,
      subject: 'Your account',
      template: 'account-touched',
      payload: {},
    });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a domain object of an object literal, created; the emitted mail sent by the service's listener",
			construct: "Register",
			want: []string{
				"UserSchema.created(name: name, email: email)",
				"Email.created(to: email, template: welcome)",
			},
			notWant: []string{"template: hello_there", "Event.created", "template: handle_send_email_event"},
		},
		{
			name:      "a domain object of a row found, stored again: no row created; its attributes the row's",
			construct: "Touch",
			want:      []string{"Email.created(to: user.email, template: account_touched)"},
			notWant:   []string{"UserSchema.created("},
		},
	})
}
