package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// secretKind is the kind of token the secret a JWT encoder call e is
// signed with names (catalog signed_tokens.secret_kinds): jwt.sign(p,
// JWT_REFRESH_SECRET) signs a refresh token. A service whose one signing
// helper serves every kind tells them apart only so
// (nestjs-microservice-boilerplate's TokenService.sign(input) signs with
// input.secret ?? JWT_SECRET_KEY, given secret: refreshSecret for the
// refresh token, libs/token/service.ts:28-33, user-login.ts:55-58). ""
// when the secret names none, or no one kind.
func (rc *ruleCtx) secretKind(e *facts.Expr, sc *scope) string {
	st := rc.b.lang.SignedTokens
	if st == nil || len(st.SecretKinds) == 0 || len(e.Args()) < 2 {
		return ""
	}
	secret := &e.Args()[1]
	if secret.Kind == facts.ExprDict {
		// jwtService.sign(payload, {secret, expiresIn})
		secret = nil
		for _, key := range st.SecretOptions {
			if en := dictEntry(&e.Args()[1], key); en != nil {
				secret = en
				break
			}
		}
		if secret == nil {
			return ""
		}
	}
	name, _ := rc.secretName(secret, sc, 0)
	if k := kindOfSecretName(name, st.SecretKinds); k != "" {
		return k
	}
	return rc.defaultSecretKind(secret, sc)
}

// defaultSecretKind is the kind of a token signed with a helper's default
// secret (input.secret ?? JWT_SECRET_KEY, the caller giving none) when
// the function calling the helper also calls it with secrets naming
// every kind but one: that one is the default's. The caller signs a pair
// with one helper, and the pair is its kinds
// (nestjs-microservice-boilerplate's login and refresh both sign the
// access token with the default and the refresh token with secret:
// refreshSecret, user-login.ts:47-58, user-refresh-token.ts:44-55; a
// reset-password mail's lone token, reset-password-send-email.ts:47,
// stays a signed token). "" otherwise.
func (rc *ruleCtx) defaultSecretKind(secret *facts.Expr, sc *scope) string {
	st := rc.b.lang.SignedTokens
	if secret == nil || secret.Kind != facts.ExprBoolOp || secret.Op() != "or" || secret.X == nil ||
		secret.X.Kind != facts.ExprAttr || secret.X.X == nil || secret.X.X.Kind != facts.ExprName {
		return ""
	}
	if sc == nil || sc.helper == nil || sc.caller == nil {
		return ""
	}
	caller := sc.caller.helper
	if caller == nil {
		caller = sc.caller.carriedOn // return useCase.execute(...): a tail call
	}
	if caller == nil && sc.caller.top && !sc.caller.inlined && rc.h != nil {
		caller = rc.h.fn // the handler signs the pair itself
	}
	if caller == nil {
		return ""
	}
	key := secret.X.Name() // the option the caller gives the secret under
	named := map[string]bool{}
	facts.Walk(caller.Body(), func(s *facts.Stmt) bool {
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			x.Any(func(c *facts.Expr) bool {
				if c.Kind != facts.ExprCall || c.Method() != sc.helper.Name {
					return false
				}
				var given []*facts.Expr
				for i := range c.Args() {
					given = append(given, dictEntry(&c.Args()[i], key))
				}
				for _, kw := range c.Keywords() {
					if kw.Name == key { // an object literal written in place
						given = append(given, &kw.Value)
					}
				}
				for _, en := range given {
					if en == nil {
						continue
					}
					if k := kindOfSecretName(facts.LastSegment(en.Raw()), st.SecretKinds); k != "" {
						named[k] = true
					}
				}
				return false
			})
		}
		return true
	})
	if len(named) == 0 {
		return ""
	}
	left := ""
	for _, k := range st.SecretKinds {
		if named[k] {
			continue
		}
		if left != "" {
			return "" // several kinds left: the default names none of them
		}
		left = k
	}
	return left
}

// secretName is the name the secret x reads (the last segment of a name
// or attribute), through a parameter's member that its caller gave in a
// dict (input.secret given {secret: this.refreshSecret}) and the first
// given side of x ?? y. given is false when x reads a member the caller's
// dict did not give, so that the other side of ?? is the secret.
func (rc *ruleCtx) secretName(x *facts.Expr, sc *scope, depth int) (name string, given bool) {
	if x == nil || depth > 4 {
		return "", true
	}
	switch x.Kind {
	case facts.ExprBoolOp:
		if x.Op() != "or" || x.X == nil || x.Y == nil {
			return "", true
		}
		if n, ok := rc.secretName(x.X, sc, depth+1); ok {
			return n, true
		}
		return rc.secretName(x.Y, sc, depth+1)
	case facts.ExprAttr:
		if x.X != nil && x.X.Kind == facts.ExprName && sc != nil {
			if v := sc.vars[x.X.Name()]; v != nil && len(v.parts) > 0 {
				for _, part := range v.parts {
					if part.e == nil || part.e.Kind != facts.ExprDict {
						return "", true // built some other way: read no further
					}
					if en := dictEntry(part.e, x.Name()); en != nil {
						return rc.secretName(en, part.sc, depth+1)
					}
				}
				return "", false
			}
		}
		return x.Name(), true
	case facts.ExprName:
		return x.Name(), true
	}
	return "", true
}

// kindOfSecretName is the one kind among kinds that the words of a
// secret's name hold (JWT_REFRESH_SECRET_KEY and refreshSecret: refresh),
// "" when none or several do.
func kindOfSecretName(name string, kinds []string) string {
	if name == "" {
		return ""
	}
	found := ""
	for _, w := range strings.Split(snake(name), "_") {
		if slices.Contains(kinds, strings.ToLower(w)) {
			if found != "" && found != strings.ToLower(w) {
				return ""
			}
			found = strings.ToLower(w)
		}
	}
	return found
}
