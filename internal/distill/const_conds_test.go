package distill

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/allium"
)

// TestFoldConstConds: the boolean literals a condition carries where the
// walk read back a value the rule settled itself (baserow's log_in_user
// tests `not user.profile.email_verified`, api/user/serializers.py:287-291,
// after verify_email_address set it, core/user/handler.py:784) are
// settled: a requires that always holds goes, an outcome that never
// happens goes, a branch that always runs stands for its if.
func TestFoldConstConds(t *testing.T) {
	lit := func(v bool) allium.Expr { return boolExpr(v) }
	bin := func(op string, x, y allium.Expr) allium.Expr { return &allium.Binary{Op: op, X: x, Y: y} }
	not := func(x allium.Expr) allium.Expr { return &allium.Unary{Op: allium.OpNot, X: x} }
	set := rassign("user", "active", rtrue(), 5)
	ens := func(s ...allium.Stmt) allium.Stmt { return &allium.Ensures{Body: s} }
	iff := func(c allium.Expr, els []allium.Stmt, s ...allium.Stmt) allium.Stmt {
		return &allium.If{Branches: []allium.IfBranch{{Cond: c, Body: s}}, Else: els}
	}
	req := func(c allium.Expr) allium.Stmt { return &allium.Requires{Cond: c} }
	a, b := rmem("user", "active"), rmem("user", "is_staff")
	for _, tc := range []struct {
		name     string
		in, want []allium.Stmt
	}{
		{"a requires that always holds goes",
			[]allium.Stmt{req(bin(allium.OpOr, bin(allium.OpOr, a, not(lit(false))), b)), ens(set)},
			[]allium.Stmt{ens(set)}},
		{"a neutral literal leaves the rest",
			[]allium.Stmt{req(bin(allium.OpAnd, a, not(lit(false)))), ens(set)},
			[]allium.Stmt{req(a), ens(set)}},
		{"an outcome that never happens goes",
			[]allium.Stmt{req(a), ens(set, iff(bin(allium.OpAnd, b, lit(false)), nil, set))},
			[]allium.Stmt{req(a), ens(set)}},
		{"an if that never runs leaves its else",
			[]allium.Stmt{ens(iff(lit(false), []allium.Stmt{set}, rassign("user", "is_staff", rtrue(), 6)))},
			[]allium.Stmt{ens(set)}},
		{"a branch that always runs stands for the if",
			[]allium.Stmt{ens(iff(bin(allium.OpOr, b, lit(true)), nil, set))},
			[]allium.Stmt{ens(set)}},
		{"no literal, no change",
			[]allium.Stmt{req(bin(allium.OpOr, a, b)), ens(iff(a, nil, set))},
			[]allium.Stmt{req(bin(allium.OpOr, a, b)), ens(iff(a, nil, set))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			print := func(body []allium.Stmt) string {
				return string(allium.Print(&allium.Module{Version: 3, Rules: []*allium.Rule{rule("R", 1, body...)}}, allium.PrintOptions{}))
			}
			if diff := cmp.Diff(print(tc.want), print(foldConstConds(tc.in))); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
