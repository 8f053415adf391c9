package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestOwnSenders: a method of the instance's own class named like a
// catalogued sender (this.sendEmail(user, token)) is read through its
// body, not as the catalog's sendEmail(to, template): its arguments are
// no recipient and template. A message is not named after a use case's
// entry method (execute): that names what runs, not what is sent.
func TestOwnSenders(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const entity = `
import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class UserEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
}
`
	service := func(send string) string {
		return `
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import * as nodemailer from 'nodemailer';
import { UserEntity } from './user.entity';
const transporter = nodemailer.createTransport({});
@Injectable()
export class ResetService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}
  async execute(email: string) {
    const user = await this.users.findOne({ where: { email } });
    if (!user) throw new Error('missing');
    this.sendEmail(user, 'secret');
  }
  private sendEmail(user: UserEntity, token: string) {
` + send + `
  }
}
`
	}
	const controller = `
import { Post, Body, Controller } from '@nestjs/common';
import { ResetService } from './reset.service';
@Controller('reset')
export class ResetController {
  constructor(private readonly reset: ResetService) {}
  @Post()
  async request(@Body('email') email: string) {
    return await this.reset.execute(email);
  }
}
`
	tests := []struct {
		name, send    string
		want, notWant []string
	}{
		{
			name:    "the own method's mail is stated from its body",
			send:    "    transporter.sendMail({ to: user.email, subject: 'Reset', template: 'reset_password' });",
			want:    []string{"Email.created(to: user.email, template: reset_password)"},
			notWant: []string{"to: user,", "template: execute", "template: secret"},
		},
		{
			name:    "a message named by no template is not named after the use case's execute",
			send:    "    transporter.sendMail({ to: user.email, text: token });",
			want:    []string{"Email.created(to: user.email)"},
			notWant: []string{"template: execute"},
		},
		{
			name:    "an own method that sends nothing the spec reads states no mail",
			send:    "    console.log(user.email, token);",
			notWant: []string{"Email.created", "template: execute"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/user.entity.ts": entity, "src/reset.service.ts": service(tt.send), "src/reset.controller.ts": controller})
			if tt.want == nil {
				// No rule: nothing the spec reads is sent.
				text := string(allium.Print(out.Module, allium.PrintOptions{}))
				for _, w := range tt.notWant {
					if strings.Contains(text, w) {
						t.Errorf("spec has %q:\n%s", w, text)
					}
				}
				return
			}
			wantConstruct(t, out, "Request", tt.want, tt.notWant)
		})
	}
}
