package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// cacheTokenMark marks the value read back from a token cache: what was
// kept for the token, stated through the field a lookup matches it with.
const cacheTokenMark = "cachedtoken"

// cachedToken handles a token kept in a cache under a key made from the
// token the request carries (CTFd's cache.get(f"reset_password_{nonce}")
// and cache.delete(...)): reading it holds only while it is there, so the
// rule requires the token to be valid, and what it gives back is what was
// kept for it; deleting it spends the token (not exists token). It
// returns nil when e is no such call.
func (rc *ruleCtx) cachedToken(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	l := rc.b.lang
	if catalog.MatchAny(l.TokenCacheSets, e.Resolved(), e.Raw()) {
		return rc.cachedTokenIssue(e, sc, out)
	}
	get := catalog.MatchAny(l.TokenCacheGets, e.Resolved(), e.Raw())
	del := catalog.MatchAny(l.TokenCacheDeletes, e.Resolved(), e.Raw())
	if (!get && !del) || len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprFString {
		return nil
	}
	param := ""
	for _, n := range fstringNames(e.Args()[0].Text()) {
		if v := sc.vars[n]; v != nil && v.kind == vParam {
			param = v.param
			break
		}
	}
	if param == "" {
		return nil
	}
	rc.useParam(param)
	if rc.h.tokenParams == nil {
		rc.h.tokenParams = map[string]bool{}
	}
	rc.h.tokenParams[param] = true
	tok := &allium.Ident{Name: param}
	if del {
		rc.b.stats.EffectsSeen++
		*out = append(*out, &allium.ExprStmt{Meta: rc.b.meta(sc.file, e.Line()),
			X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: tok}}})
		return &value{kind: vPlumbing}
	}
	if sc.top {
		rc.b.stats.GuardsSeen++
		rc.requires(&allium.Member{X: tok, Name: "is_valid"}, sc, e.Line())
	}
	// Plumbing to any test of it (`if addr is None: raise` is the
	// validity already required); a lookup reads it (cachedTokenValue).
	return &value{kind: vPlumbing, expr: tok, param: cacheTokenMark}
}

// cachedTokenValue is the token whose cached value x reads, or nil.
func (rc *ruleCtx) cachedTokenValue(x *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if x.Kind != facts.ExprName {
		return nil
	}
	if v := sc.vars[x.Name()]; v != nil && v.param == cacheTokenMark && v.expr != nil {
		return v.expr
	}
	return nil
}

// fstringNames lists the plain names interpolated in an f-string's source
// (f"reset_password_{nonce}" -> nonce).
func fstringNames(src string) []string {
	var names []string
	for {
		i := strings.IndexByte(src, '{')
		if i < 0 {
			return names
		}
		j := strings.IndexByte(src[i:], '}')
		if j < 0 {
			return names
		}
		n := strings.TrimSpace(src[i+1 : i+j])
		if isSnake(n) || (n != "" && strings.IndexFunc(n, func(r rune) bool {
			return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) < 0) {
			names = append(names, n)
		}
		src = src[i+j+1:]
	}
}

// tokenParamName is what the spec calls the parameter a handler uses as
// the key of a cached token, whatever the route named it (CTFd's
// /reset_password/<data>).
const tokenParamName = "token"

// nameTokenParams renames, in every rule of handler h, the parameter h
// uses as a cached token's key to tokenParamName, unless a rule already
// has that name for something else or h keys tokens by several.
func nameTokenParams(h *handler, rules []*ruleOut) {
	if len(h.tokenParams) != 1 {
		return
	}
	var from string
	for p := range h.tokenParams {
		from = p
	}
	if from == tokenParamName {
		return
	}
	for _, ro := range rules {
		if slices.Contains(ro.params, tokenParamName) || ruleNames(ro.rule)[tokenParamName] {
			return
		}
	}
	for _, ro := range rules {
		for i, p := range ro.params {
			if p == from {
				ro.params[i] = tokenParamName
			}
		}
		if ro.rule.Trigger.Kind == allium.TriggerExternal {
			for i := range ro.rule.Trigger.Params {
				if ro.rule.Trigger.Params[i].Name == from {
					ro.rule.Trigger.Params[i].Name = tokenParamName
				}
			}
		}
		allium.WalkStmts(ro.rule.Body, func(s allium.Stmt) bool {
			for _, x := range allium.StmtExprs(s) {
				allium.Inspect(x, func(e allium.Expr) bool {
					if id, ok := e.(*allium.Ident); ok && id.Name == from {
						id.Name = tokenParamName
					}
					return true
				})
			}
			return true
		})
	}
}

// ruleNames lists the names a rule binds or reads: its lets, loop
// variables and identifiers.
func ruleNames(r *allium.Rule) map[string]bool {
	names := map[string]bool{}
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		switch s := s.(type) {
		case *allium.Let:
			names[s.Name] = true
		case *allium.For:
			names[s.Var] = true
		}
		for _, x := range allium.StmtExprs(s) {
			allium.Inspect(x, func(e allium.Expr) bool {
				if id, ok := e.(*allium.Ident); ok {
					names[id.Name] = true
				}
				return true
			})
		}
		return true
	})
	return names
}

// keptValue is a value a token carries, named after what it is.
type keptValue struct {
	name  string
	value allium.Expr
	typ   *allium.Type
}

// cachedTokenIssue handles cache.set(f"reset_password_{nonce}", addr,
// timeout=1800) in a function that issues a token
// (generate_password_reset_token): the spec states the token created,
// expiring after the timeout and carrying what was kept when that is a
// field of the user (email). It returns nil, for the call to be read as
// plumbing, when no issuing function names the token or no timeout is
// known.
func (rc *ruleCtx) cachedTokenIssue(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	kind := tokenKind(sc.stack)
	if len(e.Args()) < 2 || e.Args()[0].Kind != facts.ExprFString || kind == "signed" {
		return nil
	}
	x := rc.sinkArg(e, b.lang.TokenCacheTimeouts, sc, out)
	if x == nil {
		return nil
	}
	expiry := rc.lifetime(x, sc, out)
	if expiry == nil {
		return nil
	}
	var kept []keptValue
	if v := rc.tr(&e.Args()[1], sc, out); v != nil {
		name := ""
		// The address kept in lower case, or trimmed, is still the email.
		switch n := b.withoutNormalisers(v).(type) {
		case *allium.Ident:
			name = n.Name
		case *allium.Member:
			name = n.Name
		}
		if ent := b.entByName[b.userEntity()]; ent != nil && ent.attrs[name] != nil && ent.attrs[name].typ != nil && ent.attrs[name].fkEntity == "" {
			kept = append(kept, keptValue{name: name, value: v, typ: ent.attrs[name].typ})
		}
	}
	return rc.issueTokenOf(kind, nil, expiry, sc, out, e.Line(), kept...)
}

// calls reports a call of the spec's function name (lowercase(x)).
func calls(c *allium.Call, name string) bool {
	id, ok := c.Fun.(*allium.Ident)
	return ok && id.Name == name
}
