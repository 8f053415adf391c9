package distill

import (
	"testing"
)

// TestCascadedDeletes pins a foreign key that cascades (Prisma's
// onDelete: Cascade, catalog cascade_deletes): deleting the row it refers
// to deletes the rows that hold it, stated through the relationship the
// deleted row's entity declares. Without the option (or with another
// one) only the row goes.
func TestCascadedDeletes(t *testing.T) {
	for _, tt := range []struct {
		name, option string
		want, no     []string
	}{
		{"cascade", ", onDelete: Cascade", []string{"not exists user", "for s in user.sessions:"}, nil},
		{"no option", "", []string{"not exists user"}, []string{"for s in"}},
		{"another option", ", onDelete: Restrict", []string{"not exists user"}, []string{"for s in"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := sessionFiles(tt.option, `
import type { PrismaClient } from '@prisma/client'
export class AuthController {
  constructor(private user: PrismaClient['user']) {}
  forgot = async (req, rep) => {
    await this.user.delete({ where: { id: req.params.userId } })
    rep.send()
  }
}
`)
			runIdiomCases(t, files, []idiomCase{{name: tt.name, construct: "Forgot", want: tt.want, notWant: tt.no}})
		})
	}
}
