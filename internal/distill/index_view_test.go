package distill

import (
	"testing"

	"github.com/distill/distill/internal/facts"
)

// TestIndexViews: a view of the index (the index a worker of a parallel
// pass resolves names with) answers as the index does, writes nothing of
// the index's while in use, and once absorbed leaves the index as if the
// index had been asked itself. The package member pkg.User is the one
// class User of pkg's modules (pkg has no __init__ among the files) until
// the build defines a second one, pkg.b.User; packageMember's answer is
// kept from when it was first asked, so the index that asked before that
// definition (itself, or through a view it absorbed) answers pkg.a.User
// after it, and one never asked answers nil (ambiguous).
func TestIndexViews(t *testing.T) {
	cases := []struct {
		name string
		ask  func(ix *index, app *facts.File, e *facts.Expr) *classRef
		// want: whether pkg.a.User is the answer after the definition.
		want bool
	}{
		{"never asked", func(*index, *facts.File, *facts.Expr) *classRef { return nil }, false},
		{"asked of the index", func(ix *index, app *facts.File, e *facts.Expr) *classRef { return ix.class(app, e) }, true},
		{"asked of an absorbed view", func(ix *index, app *facts.File, e *facts.Expr) *classRef {
			v := ix.view()
			cr := v.class(app, e)
			if len(ix.classMemo) != 0 || len(ix.namesMemo) != 0 || len(ix.canonMemo) != 0 {
				t.Errorf("the view wrote the index's memos")
			}
			ix.absorb(v)
			return cr
		}, true},
		{"asked of a view not absorbed", func(ix *index, app *facts.File, e *facts.Expr) *classRef { return ix.view().class(app, e) }, false},
		{"asked of a view of an index that asked", func(ix *index, app *facts.File, e *facts.Expr) *classRef {
			ix.class(app, e)
			return ix.view().class(app, e)
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := &facts.File{Path: "pkg/a.py", Module: "pkg.a", Classes: []facts.Class{{Name: "User", QualName: "pkg.a.User"}}}
			b := &facts.File{Path: "pkg/b.py", Module: "pkg.b"}
			app := &facts.File{Path: "app.py", Module: "app"}
			ix := newIndex([]*facts.File{a, b, app})
			e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, Name: "User", Raw: "pkg.User"}).WithResolved("pkg.User")
			if cr := tc.ask(ix, app, &e); tc.name != "never asked" && (cr == nil || cr.class != &a.Classes[0]) {
				t.Fatalf("pkg.User before the definition = %v, want pkg.a.User", cr)
			}
			ix.setClass("pkg.b.User", &classRef{file: b, class: &facts.Class{Name: "User", QualName: "pkg.b.User"}})
			got := ix.class(app, &e)
			if tc.want && (got == nil || got.class != &a.Classes[0]) || !tc.want && got != nil {
				t.Errorf("pkg.User after the definition = %v, want pkg.a.User: %v", got, tc.want)
			}
		})
	}
}

// TestIndexScansForgetDefinitions: soleClassNamed and implementersOf
// answer from what one scan of the classes found, and a class the build
// defines after they were asked changes what they answer next.
func TestIndexScansForgetDefinitions(t *testing.T) {
	port := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "Port", Raw: "Port"})
	a := &facts.File{Path: "a.ts", Module: "a", Classes: []facts.Class{
		{Name: "Port", QualName: "a.Port", Kind: facts.ClassInterface},
		{Name: "User", QualName: "a.User", Kind: facts.ClassPlain},
		{Name: "Repo", QualName: "a.Repo", Kind: facts.ClassPlain, Keywords: []facts.Keyword{{Name: "implements", Value: port}}},
	}}
	cases := []struct {
		name          string
		ask           func(ix *index) int // how many classes answer
		before, after int
		define        *facts.Class
	}{
		{"sole class named", func(ix *index) int {
			if ix.soleClassNamed("User") != nil {
				return 1
			}
			return 0
		}, 1, 0, &facts.Class{Name: "User", QualName: "b.User", Kind: facts.ClassPlain}},
		{"implementers", func(ix *index) int { return len(ix.implementersOf(a, &port, nil, nil)) }, 1, 2,
			&facts.Class{Name: "Repo2", QualName: "b.Repo2", Kind: facts.ClassPlain, Keywords: []facts.Keyword{{Name: "implements", Value: port}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ix := newIndex([]*facts.File{a})
			for range 2 { // the second answer is the memo's
				if got := tc.ask(ix); got != tc.before {
					t.Fatalf("before the definition: %d, want %d", got, tc.before)
				}
			}
			ix.setClass(tc.define.QualName, &classRef{file: a, class: tc.define})
			if got := tc.ask(ix); got != tc.after {
				t.Errorf("after the definition: %d, want %d", got, tc.after)
			}
		})
	}
}
