package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestDropRestatedLookups: a lookup required to exist both as written and
// by the name it is bound to is required once, by name; a lookup whose
// binding is not required to exist keeps its requires.
func TestDropRestatedLookups(t *testing.T) {
	byEmail := func() allium.Expr { return &allium.Join{Entity: "User", Fields: []allium.JoinField{{Name: "email"}}} }
	byName := func() allium.Expr { return &allium.Join{Entity: "User", Fields: []allium.JoinField{{Name: "name"}}} }
	exists := func(x allium.Expr) allium.Stmt {
		return &allium.Requires{Cond: &allium.Unary{Op: allium.OpExists, X: x}}
	}
	user := &allium.Ident{Name: "user"}
	tests := []struct {
		name string
		body []allium.Stmt
		want []string
	}{
		{
			name: "the form's check and the view's, of one lookup",
			body: []allium.Stmt{exists(byEmail()), &allium.Let{Name: "user", Value: byEmail()}, exists(user)},
			want: []string{"let user = User{email}", "requires: exists user"},
		},
		{
			name: "the rows tested before one is taken: the binding named where they were tested",
			body: []allium.Stmt{exists(byEmail()), &allium.Let{Name: "user", Value: byEmail()}},
			want: []string{"let user = User{email}", "requires: exists user"},
		},
		{
			name: "the rows tested before one is taken, another requires between",
			body: []allium.Stmt{exists(byEmail()), exists(byName()), &allium.Let{Name: "user", Value: byEmail()}},
			want: []string{"let user = User{email}", "requires: exists user", "requires: exists User{name}"},
		},
		{
			name: "the binding comes before the test of the rows: left as it is",
			body: []allium.Stmt{&allium.Let{Name: "user", Value: byEmail()}, exists(byEmail())},
			want: []string{"let user = User{email}", "requires: exists User{email}"},
		},
		{
			name: "another lookup than the one bound",
			body: []allium.Stmt{exists(byName()), &allium.Let{Name: "user", Value: byEmail()}, exists(user)},
			want: []string{"requires: exists User{name}", "let user = User{email}", "requires: exists user"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range dropRestatedLookups(tt.body) {
				got = append(got, strings.TrimSpace(allium.PrintConstruct(s)))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
