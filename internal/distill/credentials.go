package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// isCredentialScheme reports a dependency that is a module instance of a
// catalogued credential scheme (oauth2_scheme = OAuth2PasswordBearer(...)).
func (b *builder) isCredentialScheme(f *facts.File, fn *facts.Expr) bool {
	if fn == nil || len(b.lang.CredentialSchemes) == 0 {
		return false
	}
	c := b.ix.constant(f, fn)
	if c == nil || c.as.Value == nil || c.as.Value.Kind != facts.ExprCall {
		return false
	}
	v := c.as.Value
	return catalog.MatchAny(b.lang.CredentialSchemes, v.Resolved(), v.Raw())
}
