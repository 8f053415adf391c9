package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestLiteralConfigNumbering: a literal under a name another literal
// already holds becomes the next numbered parameter (_2, _3), the same
// literal again its parameter; the number does not depend on how many
// other parameters exist (mealie's api-token lifetime of 1825 days,
// routes/users/api_tokens.py:29, was access_token_expiry_83).
func TestLiteralConfigNumbering(t *testing.T) {
	b := &builder{configByKey: map[string]*configInfo{}}
	for _, other := range []string{"min_password_length", "max_attempts", "lockout"} {
		b.literalConfig(other, "Integer", &allium.Lit{Kind: allium.LitNumber, Text: "3"}, nil, 1)
	}
	days := func(n string) allium.Expr { return &allium.Lit{Kind: allium.LitNumber, Text: n} }
	tests := []struct {
		value, want string
	}{
		{"30", "access_token_expiry"},
		{"1825", "access_token_expiry_2"},
		{"30", "access_token_expiry"},
		{"7", "access_token_expiry_3"},
		{"1825", "access_token_expiry_2"},
	}
	for _, tc := range tests {
		got := b.literalConfig("access_token_expiry", "Integer", days(tc.value), nil, 1)
		if m, ok := got.(*allium.Member); !ok || m.Name != tc.want {
			t.Errorf("literal %s: got %#v, want config.%s", tc.value, got, tc.want)
		}
	}
}
