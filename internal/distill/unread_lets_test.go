package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestDropUnreadLookupLets: a let of a lookup in ensures that no clause
// reads is left out (mealie's RegisterNewUser kept let result =
// User{email}); a let that a clause reads, or that names a creation,
// stays.
func TestDropUnreadLookupLets(t *testing.T) {
	lookup := func(name string) allium.Stmt {
		return &allium.Let{Name: name, Value: &allium.Join{Entity: "User", Fields: []allium.JoinField{{Name: "email"}}}}
	}
	created := func(name string) allium.Stmt {
		return &allium.Let{Name: name, Value: &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: "User"}, Name: "created"}}}
	}
	uses := func(name string) allium.Stmt {
		return &allium.Assign{Target: &allium.Member{X: &allium.Ident{Name: name}, Name: "admin"}, Value: &allium.Lit{Kind: allium.LitBool, Text: "false"}}
	}
	tests := []struct {
		name    string
		ensures []allium.Stmt
		body    []allium.Stmt
		want    []string
	}{
		{"unread lookup dropped", []allium.Stmt{lookup("result"), uses("other")}, nil, []string{"other.admin"}},
		{"lookup read in ensures kept", []allium.Stmt{lookup("result"), uses("result")}, nil, []string{"let result", "result.admin"}},
		{"lookup read in the body kept", []allium.Stmt{lookup("result")}, []allium.Stmt{&allium.Requires{Cond: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: "result"}}}}, []string{"let result"}},
		{"unread creation kept", []allium.Stmt{created("user")}, nil, []string{"let user = User.created"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := dropUnreadLookupLets(tc.ensures, tc.body)
			var lines []string
			for _, s := range got {
				lines = append(lines, allium.PrintConstruct(s))
			}
			text := strings.Join(lines, "\n")
			if len(got) != len(tc.want) {
				t.Fatalf("got %d statements, want %d:\n%s", len(got), len(tc.want), text)
			}
			for i, w := range tc.want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("statement %d: want %q in %q", i, w, lines[i])
				}
			}
		})
	}
}
