package distill

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/python"
	"github.com/distill/distill/internal/syntax"
)

// TestCallSites checks that a file's listed calls are the calls visitFile
// reaches, in its order, and that those marked direct are the calls the
// walk invokedFunctions read before the list (a module function's or a
// module class's method's statements: value, condition, iterable) reaches.
func TestCallSites(t *testing.T) {
	cases := []struct{ name, src string }{
		{"module function", "def f(a=g()):\n    h(k(1))\n    if p(a):\n        for x in q():\n            r.delay(x)\n"},
		{"nested def and lambda", "def f():\n    def inner():\n        g()\n    m = map(lambda x: h(x), xs)\n    return inner()\n"},
		{"class methods and nested class", "@dec(1)\nclass C:\n    x = field(default=d())\n    def m(self):\n        self.save()\n    class Meta:\n        def n(self):\n            k()\n"},
		{"statements, raise, with, try", "setup()\ndef f():\n    with open(p()) as fh:\n        raise E(msg())\n    try:\n        a()\n    except X:\n        b()\n    finally:\n        c()\n"},
		{"class in a function", "def f():\n    class L:\n        def m(self):\n            g()\n    return L\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := syntax.NewParser(time.Minute)
			defer p.Close()
			f, err := python.New().Extract(context.Background(), p, facts.Source{Path: "m.py", Data: []byte(tc.src)})
			if err != nil {
				t.Fatal(err)
			}
			var want []*facts.Expr
			visitFile(f, func(x *facts.Expr) {
				if x.Kind == facts.ExprCall {
					want = append(want, x)
				}
			}, nil)
			var wantDirect []*facts.Expr
			walk := func(body []facts.Stmt) {
				facts.Walk(body, func(s *facts.Stmt) bool {
					for _, e := range []*facts.Expr{s.Value, s.Cond, s.Iter()} {
						e.Any(func(x *facts.Expr) bool {
							if x.Kind == facts.ExprCall {
								wantDirect = append(wantDirect, x)
							}
							return false
						})
					}
					return true
				})
			}
			for i := range f.Functions {
				walk(f.Functions[i].Body())
			}
			for i := range f.Classes {
				for j := range f.Classes[i].Methods {
					walk(f.Classes[i].Methods[j].Body())
				}
			}
			got := listCalls(f)
			if !slices.Equal(got.calls, want) {
				t.Errorf("calls: got %d %v, want %d %v", len(got.calls), raws(got.calls), len(want), raws(want))
			}
			var gotDirect []*facts.Expr
			for i, x := range got.calls {
				if got.direct[i] {
					gotDirect = append(gotDirect, x)
				}
			}
			// Sets: the order in which invokedFunctions notes them does
			// not matter.
			if !sameCalls(gotDirect, wantDirect) {
				t.Errorf("direct: got %v, want %v", raws(gotDirect), raws(wantDirect))
			}
			if len(want) == 0 {
				t.Fatal("case has no calls")
			}
		})
	}
}

// TestCallSitesSettled checks that calls are kept only once the facts are
// settled: before, a pass may still add calls (decoratedColumns,
// schemaMethods), and each asking walks the file afresh.
func TestCallSitesSettled(t *testing.T) {
	f := &facts.File{Path: "m.py", Statements: []facts.Stmt{{Kind: facts.StmtExpr, Value: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: "g"})}}}
	b := newBuilder(context.Background(), nil, nil, 1, &Stats{})
	if b.callSites(f) == b.callSites(f) || len(b.calls) != 0 {
		t.Fatal("calls kept before the facts are settled")
	}
	b.callsSettled = true
	if c := b.callSites(f); c != b.callSites(f) || len(c.calls) != 1 {
		t.Fatal("calls not kept once the facts are settled")
	}
}

func raws(list []*facts.Expr) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.Raw()
	}
	return out
}

func sameCalls(a, b []*facts.Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}
