package distill

import (
	"slices"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRenameOwned pins that merging an id parameter into the row found by
// it renames in the rule's own clauses only: a path shares the handler's
// clauses (plane IssueCommentViewSet.partial_update, app/views/issue/
// comment.py:111-117, whose edited_at path kept project_id while the main
// rule's merge renamed its shared let to project, unbound there).
func TestRenameOwned(t *testing.T) {
	join := func() allium.Expr {
		return &allium.Join{Entity: "IssueComment", Fields: []allium.JoinField{
			{Name: "project", Value: &allium.Ident{Name: "project_id"}},
			{Name: "id", Value: &allium.Ident{Name: "pk"}},
		}}
	}
	tests := []struct {
		name  string
		stmt  func() allium.Stmt
		own   string // the renamed rule's clause
		other string // the sibling's clause, unchanged
	}{
		{
			name:  "a let",
			stmt:  func() allium.Stmt { return &allium.Let{Name: "issue_comment", Value: join()} },
			own:   "let issue_comment = IssueComment{project: project, id: pk}",
			other: "let issue_comment = IssueComment{project: project_id, id: pk}",
		},
		{
			name: "a requires",
			stmt: func() allium.Stmt {
				return &allium.Requires{Cond: &allium.Unary{Op: allium.OpExists, X: join()}}
			},
			own:   "requires: exists IssueComment{project: project, id: pk}",
			other: "requires: exists IssueComment{project: project_id, id: pk}",
		},
		{
			name: "an outcome under a condition",
			stmt: func() allium.Stmt {
				return &allium.Ensures{Body: []allium.Stmt{&allium.If{Branches: []allium.IfBranch{{
					Cond: &allium.Binary{Op: allium.OpNe, X: &allium.Ident{Name: "project_id"}, Y: &allium.Lit{Kind: allium.LitNull, Text: "null"}},
					Body: []allium.Stmt{&allium.ExprStmt{X: &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: "Note"}, Name: "created"},
						Args: []allium.Arg{{Name: "project", Value: &allium.Ident{Name: "project_id"}}}}}},
				}}}}}
			},
			own:   "Note.created(project: project)",
			other: "Note.created(project: project_id)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.stmt()
			req, _ := s.(*allium.Requires)
			main := &ruleCtx{body: []allium.Stmt{s}, paramReqs: map[*allium.Requires]string{}}
			if req != nil {
				main.paramReqs[req] = "project_id"
			}
			sibling := slices.Clone(main.body) // as path copies the handler's clauses
			renameOwned(main, "project_id", "project")
			if got := printStmts(main.body); !strings.Contains(got, tt.own) {
				t.Errorf("renamed rule: got\n%s\nwant %q", got, tt.own)
			}
			if got := printStmts(sibling); !strings.Contains(got, tt.other) {
				t.Errorf("sibling changed: got\n%s\nwant %q", got, tt.other)
			}
			if req != nil {
				if r, ok := main.body[0].(*allium.Requires); !ok || main.paramReqs[r] != "project_id" {
					t.Errorf("the copied requires lost its parameter tag")
				}
			}
		})
	}
}

func printStmts(list []allium.Stmt) string {
	r := &allium.Rule{Name: "R", Trigger: &allium.Trigger{Kind: allium.TriggerExternal, Name: "R"}, Body: list}
	return allium.PrintConstruct(r)
}
