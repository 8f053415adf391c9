package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A request's signed-in user that is the payload of the token it carries
// (fastify-jwt: an onRequest hook calls req.jwtVerify(), and req.user is
// then {sub, jti, type, iat, exp}, bwyx/f's plugins/jwt.ts:13, :55-63) is
// that token, not the user: the rule takes the token as its input, reads
// its claims as the token's fields (req.user.jti is token.jti) and its
// subject as the user the token names (getUserById(req.user.sub) is
// token.user, who may since have gone: requires exists token.user).

// verifiesRequestTokens reports whether the service calls one of the
// catalog's request verifiers (signed_tokens.request_verifiers); found
// once.
func (b *builder) verifiesRequestTokens() bool {
	if b.requestTokens != nil {
		return *b.requestTokens
	}
	found := false
	if st := b.lang.SignedTokens; st != nil && len(st.RequestVerifiers) > 0 {
		for _, f := range b.ix.files {
			b.eachCall(f, func(x *facts.Expr) {
				found = found || x.Kind == facts.ExprCall && catalog.Match(st.RequestVerifiers, x.Method())
			})
			if found {
				break
			}
		}
	}
	b.requestTokens = &found
	return found
}

// requestToken is the token the request carries, as the rule's input
// token: a value whose attributes are its claims (claim).
func (rc *ruleCtx) requestToken() *value {
	rc.useParam(requestTokenParam)
	return &value{kind: vParam, param: requestTokenParam, claimsOf: &allium.Ident{Name: requestTokenParam}}
}

// requestTokenParam names the trigger's parameter for the token a request
// carries.
const requestTokenParam = "token"
