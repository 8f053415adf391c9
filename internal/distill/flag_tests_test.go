package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestFlagTest: a comparison of a row's field with a Boolean literal is
// required as the test of the field, so that `user.is_active = true` and
// `user.is_active` are one precondition (baserow's VerifyEmailAddress
// stated both); an input compared with a literal (accept_terms = true,
// as express-signup-verification's expected spec writes it) is kept.
func TestFlagTest(t *testing.T) {
	field := &allium.Member{X: &allium.Ident{Name: "user"}, Name: "is_active"}
	lit := func(v string) allium.Expr { return &allium.Lit{Kind: allium.LitBool, Text: v} }
	tests := []struct {
		name string
		cond allium.Expr
		want string
	}{
		{"= true", &allium.Binary{Op: allium.OpEq, X: field, Y: lit("true")}, "user.is_active"},
		{"= false", &allium.Binary{Op: allium.OpEq, X: field, Y: lit("false")}, "not user.is_active"},
		{"!= true", &allium.Binary{Op: allium.OpNe, X: field, Y: lit("true")}, "not user.is_active"},
		{"!= false", &allium.Binary{Op: allium.OpNe, X: field, Y: lit("false")}, "user.is_active"},
		{"an input", &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: "accept_terms"}, Y: lit("true")}, "accept_terms = true"},
		{"a string", &allium.Binary{Op: allium.OpEq, X: field, Y: &allium.Lit{Kind: allium.LitString, Text: "yes"}}, `user.is_active = "yes"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := allium.ExprString(flagTest(tc.cond)); got != tc.want {
				t.Errorf("flagTest = %s, want %s", got, tc.want)
			}
		})
	}
}
