package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// signedToken is an entity the spec gets for a kind of signed token.
type signedToken struct {
	user   string // the entity of the user it names ("" when unknown)
	expiry bool   // issued with a known lifetime
	prov   *allium.Provenance
	// claims are the other payload entries the spec states, in order
	// (payloads.go).
	claims []tokenClaim
	// signed: made by a signer (a link mailed to the user), not a JWT
	// encoded for a session.
	signed bool
}

// signer reads the construction of a token signer (an itsdangerous
// serializer): its tokens' lifetime, in seconds, when an argument gives it.
func (rc *ruleCtx) signer(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	st := rc.b.lang.SignedTokens
	v := &value{kind: vSigner}
	if x := rc.sinkArg(e, st.ExpiryArgs, sc, out); x != nil {
		v.expr = rc.lifetime(x, sc, out)
	}
	return v
}

// lifetime reads a number of seconds (a literal, a parameter left at its
// default, a configuration value) as a duration.
func (rc *ruleCtx) lifetime(x *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if n, ok := evalInt(x); ok {
		return durationFrom(n, "seconds")
	}
	if d := rc.b.timedelta(x); d != nil {
		return d
	}
	switch v := rc.eval(x, sc, out, false); {
	case v.kind != vExpr:
	case isConfigRef(v.expr):
		return v.expr
	default:
		if l, ok := v.expr.(*allium.Lit); ok && l.Kind == allium.LitNumber {
			if n, ok := evalInt(&facts.Expr{Kind: facts.ExprInt, Value: l.Text}); ok {
				return durationFrom(n, "seconds")
			}
		}
		if d, ok := v.expr.(*allium.Duration); ok {
			return d
		}
	}
	return nil
}

func isConfigRef(x allium.Expr) bool {
	m, ok := x.(*allium.Member)
	if !ok {
		return false
	}
	id, ok := m.X.(*allium.Ident)
	return ok && id.Name == "config"
}

// issueToken states a signed token issued for the user the payload names:
// <Kind>Token.created(user: u, expires_at: now + config.<kind>_token_expiry).
// payload is the signed value (a dict or an id), expiry its lifetime.
func (rc *ruleCtx) issueToken(payload *facts.Expr, expiry allium.Expr, sc *scope, out *[]allium.Stmt, line int) *value {
	kind := tokenKind(sc.stack)
	v := rc.issueTokenOf(kind, payload, expiry, sc, out, line)
	if tok := rc.b.signedTokens[pascal(kind)+"Token"]; tok != nil {
		tok.signed = true
	}
	return v
}

// issueTokenOf is issueToken for a token of the given kind.
func (rc *ruleCtx) issueTokenOf(kind string, payload *facts.Expr, expiry allium.Expr, sc *scope, out *[]allium.Stmt, line int) *value {
	b := rc.b
	name := pascal(kind) + "Token"
	if e := b.entByName[name]; e != nil {
		return &value{kind: vPlumbing} // the service stores this token itself
	}
	user := rc.payloadUser(payload, sc, out)
	if user == nil && expiry == nil {
		// A token naming no known user and living no known time says
		// nothing the spec can use.
		rc.untranslated(sc, line, LeftOutValue, "a signed token (no user or lifetime found)")
		return &value{kind: vPlumbing}
	}
	var args []allium.Arg
	tok := b.signedTokens[name]
	if tok == nil {
		tok = &signedToken{prov: &allium.Provenance{File: sc.file.Path, Line: line}}
		b.signedTokens[name] = tok
	}
	if user != nil {
		args = append(args, allium.Arg{Name: "user", Value: rc.valueExpr(user)})
		rc.touch(user)
		tok.user = user.ent
	}
	if expiry != nil {
		if !isConfigRef(expiry) {
			expiry = b.literalConfig(kind+"_token_expiry", "Duration", expiry, sc.file, line)
		}
		args = append(args, allium.Arg{Name: "expires_at", Value: &allium.Binary{Op: allium.OpAdd, X: &allium.Ident{Name: "now"}, Y: expiry}})
		tok.expiry = true
	}
	args = append(args, rc.tokenClaims(tok, payload, user, sc, out)...)
	b.stats.EffectsSeen++
	*out = append(*out, &allium.ExprStmt{Meta: b.meta(sc.file, line), X: &allium.Call{
		Fun: &allium.Member{X: &allium.Ident{Name: name}, Name: "created"}, Args: args}})
	return &value{kind: vPlumbing}
}

// payloadUser finds the user entity a token's payload names: the entity
// itself, its id, or a dict entry holding either.
func (rc *ruleCtx) payloadUser(payload *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if payload == nil {
		return nil
	}
	var found *value
	for _, part := range rc.payloadParts(payload, sc, out) {
		psc := part.sc
		part.e.Any(func(x *facts.Expr) bool {
			switch x.Kind {
			case facts.ExprName, facts.ExprAttr:
				target := x
				if x.Kind == facts.ExprAttr && (x.Name == "id" || x.Name == "pk" || x.Name == "email") {
					target = x.X
				}
				if v := rc.eval(target, psc, out, false); v.kind == vEntity || v.kind == vNew {
					found = v
					return true
				} else if v.kind == vExpr && v.param == "fkid" && v.ent != "" {
					found = &value{kind: vEntity, ent: v.ent, expr: v.expr}
					return true
				}
			}
			return false
		})
		if found != nil {
			break
		}
	}
	if found != nil && found.kind == vNew {
		// A user created in this rule: its creation becomes a let.
		rc.created(found, out, found.line)
		x := rc.newRef(found)
		if x == nil {
			return nil
		}
		return &value{kind: vEntity, ent: found.ent, expr: x}
	}
	return found
}

// tokenKind names a kind of token after the innermost function that
// issues it: generate_confirmation_token -> confirmation,
// get_reset_password_token -> reset_password; "signed" when none says.
func tokenKind(stack []string) string {
	for i := len(stack) - 1; i >= 0; i-- {
		fn := stack[i]
		if j := strings.LastIndexByte(fn, '.'); j >= 0 {
			fn = fn[j+1:]
		}
		if !strings.Contains(fn, "token") {
			continue
		}
		k := fn
		for _, p := range []string{"generate_", "create_", "make_", "get_", "issue_", "new_", "encode_", "_"} {
			k = strings.TrimPrefix(k, p)
		}
		k = strings.TrimSuffix(strings.TrimSuffix(k, "_token"), "token")
		k = strings.Trim(k, "_")
		if k == "jwt" || k == "auth" {
			k = "access" // create_jwt_token, get_auth_token: what logins issue
		}
		if k != "" && isSnake(k) {
			return k
		}
	}
	if k := flowKind(stack); k != "" {
		return k
	}
	return "signed"
}

// isTokenEncoder reports a call that encodes a payload into a token.
func (b *builder) isTokenEncoder(names ...string) bool {
	st := b.lang.SignedTokens
	return st != nil && catalog.MatchAny(st.Encoders, names...)
}

// payloadExpiry reads a JWT payload's expiry entry ({"exp": now +
// timedelta(...)}) as the token's lifetime; the payload may be a dict or
// a variable holding one that was filled in before (to_encode.update).
func (rc *ruleCtx) payloadExpiry(payload *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	st := rc.b.lang.SignedTokens
	var life allium.Expr
	for _, part := range rc.payloadParts(payload, sc, out) {
		psc := part.sc
		part.e.Any(func(x *facts.Expr) bool {
			if x.Kind != facts.ExprDict {
				return false
			}
			for _, en := range x.Entries {
				if en.Key == nil || en.Key.Kind != facts.ExprString || !catalog.Match(st.ExpiryKeys, en.Key.Value) {
					continue
				}
				v := en.Value
				if life = rc.lifetimeAfterNow(&v, psc, out); life != nil {
					return true
				}
			}
			return false
		})
		if life != nil {
			break
		}
	}
	return life
}

// verifyToken reads a signed token back: it holds only while the token is
// valid, so when the token is a request input the rule requires
// token.is_valid (what its token entity derives). The payload it yields
// is not followed.
func (rc *ruleCtx) verifyToken(arg *facts.Expr, sc *scope, out *[]allium.Stmt, line int) *value {
	return rc.verifyTokenCall(nil, arg, sc, out, line)
}
