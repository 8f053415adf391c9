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
	// if not user.is_superuser: if user != project.owner: <list>, as
	// healthchecks' front views inlined _get_project_for_user.
	nested := func(list ...allium.Stmt) allium.Stmt {
		inner := &allium.If{Branches: []allium.IfBranch{{Cond: &allium.Binary{Op: allium.OpNe, X: &allium.Ident{Name: "user"}, Y: &allium.Member{X: &allium.Ident{Name: "project"}, Name: "owner"}}, Body: list}}}
		return &allium.If{Branches: []allium.IfBranch{{Cond: &allium.Unary{Op: allium.OpNot, X: &allium.Member{X: &allium.Ident{Name: "user"}, Name: "is_superuser"}}, Body: []allium.Stmt{inner}}}}
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
		{"an if of unread lookups dropped", []allium.Stmt{nested(lookup("membership")), uses("other")}, nil, []string{"other.admin"}},
		{"an if of a lookup read after it kept", []allium.Stmt{nested(lookup("membership")), uses("membership")}, nil, []string{"let membership", "membership.admin"}},
		{"an if keeps its other outcomes", []allium.Stmt{nested(lookup("membership"), uses("other"))}, nil, []string{"if user != project.owner:\n        other.admin = false"}},
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
