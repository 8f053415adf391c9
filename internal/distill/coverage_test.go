package distill

import (
	"strings"
	"testing"
)

// TestCoverageOfMergedHandlers pins the coverage line's count of
// state-writing handlers with a rule when two methods of one controller
// do the same thing (hoppscotch's SSO callbacks, auth.controller.ts:
// 117-180): the rule kept states what the dropped one did, so both
// handlers count as having a rule.
func TestCoverageOfMergedHandlers(t *testing.T) {
	files := map[string]string{
		"src/users/users.controller.ts": `
import { Controller, Post, Body } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { IsString } from 'class-validator';
import { User } from './user.entity';

export class CallbackDto {
  @IsString() name: string;
  @IsString() other: string;
}

@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Post('google/callback')
  async googleCallback(@Body() dto: CallbackDto) {
    await this.users.update({ name: dto.name }, { active: true });
  }

  @Post('github/callback')
  async githubCallback(@Body() dto: CallbackDto) {
    await this.users.update({ name: dto.name }, { active: true });
  }

  @Post('rename')
  async rename(@Body() dto: CallbackDto) {
    await this.users.update({ name: dto.name }, { name: dto.other });
  }
}
`,
		"src/users/user.entity.ts": `
import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
  @Column() active: boolean;
}
`,
	}
	tests := []struct {
		name        string
		handlers    int
		withRule    int
		rules       int
		mergedNotes int
	}{
		{name: "three state-writing handlers, two of them alike: two rules, every handler covered", handlers: 3, withRule: 3, rules: 2, mergedNotes: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, files)
			notes := 0
			for _, n := range out.Notes {
				if strings.Contains(n, "does what") && strings.Contains(n, "no rule of its own") {
					notes++
				}
			}
			if out.Stats.StateHandlers != tt.handlers || out.Stats.StateHandlersRuled != tt.withRule || len(out.Module.Rules) != tt.rules || notes != tt.mergedNotes {
				t.Errorf("state-writing %d, %d with a rule, %d rules, %d merge notes; want %d, %d, %d, %d",
					out.Stats.StateHandlers, out.Stats.StateHandlersRuled, len(out.Module.Rules), notes, tt.handlers, tt.withRule, tt.rules, tt.mergedNotes)
			}
		})
	}
}
