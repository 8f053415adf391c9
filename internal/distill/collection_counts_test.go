package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestCollectionCounts: the length of a row's collection field is the
// collection's count, not length() of a text (nestjs-microservice-
// boilerplate's `if (!user.roles.length) throw`, user-refresh-token.ts:222,
// of roles: Set<RoleSchema>), and a test that it is not zero requires the
// count above zero, however the code writes it. A text's length keeps
// length().
func TestCollectionCounts(t *testing.T) {
	entities := `
import { Entity, Column, PrimaryColumn, ManyToMany, JoinTable, Relation } from 'typeorm';
@Entity()
export class Role {
  @PrimaryColumn() id: string;
  @Column() name: string;
}
@Entity()
export class User {
  @PrimaryColumn() id: string;
  @Column() email: string;
  @Column() name: string;
  @ManyToMany(() => Role, { eager: true }) @JoinTable() roles: Relation<Role[]>;
}
`
	tests := []struct {
		name, guard, want string
	}{
		{"a bare length", "if (!user.roles.length) { throw new NotFoundException('no role'); }", "requires: user.roles.count > 0"},
		{"a length compared with zero", "if (user.roles.length === 0) { throw new NotFoundException('no role'); }", "requires: user.roles.count > 0"},
		{"a text's length", "if (!user.name.length) { throw new NotFoundException('no name'); }", "requires: length(user.name) > 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"src/entities.ts": entities,
				"src/users.controller.ts": `
import { Controller, NotFoundException, Post, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './entities';
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
  @Post('rename')
  async rename(@Req() { body }: Request) {
    const user = await this.users.findOne({ where: { email: body.email } });
    if (!user) { throw new NotFoundException('no user'); }
    ` + tt.guard + `
    user.name = body.name;
    await this.users.save(user);
  }
}
`})
			got := construct(out.Module, "Rename")
			found := false
			for _, line := range strings.Split(got, "\n") {
				if strings.TrimSpace(line) == tt.want {
					found = true
				}
			}
			if !found {
				t.Errorf("no %q in:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
		})
	}
}

// TestNegateCount: a count is never negative, so its tests against zero
// negate to each other: not (c.count > 0) is c.count = 0 and not
// (c.count = 0) is c.count > 0.
func TestNegateCount(t *testing.T) {
	count := &allium.Member{X: &allium.Ident{Name: "roles"}, Name: "count"}
	zero := &allium.Lit{Kind: allium.LitNumber, Text: "0"}
	tests := []struct {
		in   allium.Expr
		want string
	}{
		{&allium.Binary{Op: allium.OpGt, X: count, Y: zero}, "roles.count = 0"},
		{&allium.Binary{Op: allium.OpEq, X: count, Y: zero}, "roles.count > 0"},
		{&allium.Binary{Op: allium.OpNe, X: count, Y: zero}, "roles.count = 0"},
		{&allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: "n"}, Y: zero}, "n != 0"},
	}
	for _, tt := range tests {
		if got := allium.ExprString(negate(tt.in)); got != tt.want {
			t.Errorf("negate(%s) = %s, want %s", allium.ExprString(tt.in), got, tt.want)
		}
	}
}
