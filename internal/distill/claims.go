package distill

import (
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A token read back yields its payload, and the code goes on with what
// the payload says:
//
//	payload = signing.loads(token, max_age=exp)
//	if payload.pop("action") != action: raise TokenScopeError
//	user = UserModel._default_manager.get(**payload)
//
// The token is a request input; the spec reads its claims as fields of it
// (token.action), the user the payload names as token.user, and a
// lifetime given when it is read as token.issued_at + lifetime >= now.

// verifyTokenCall reads a token back (call is the decoder's call, nil
// when unknown): it holds only while the token is valid, so when the
// token is a request input the rule requires it (token.is_valid, or
// token.issued_at + lifetime >= now for a lifetime the reader gives,
// token.expires_at > now for one it gives but the spec cannot read). The
// value is the token's payload.
func (rc *ruleCtx) verifyTokenCall(call, arg *facts.Expr, sc *scope, out *[]allium.Stmt, line int) *value {
	v := rc.eval(arg, sc, out, false)
	if v.kind != vParam || !sc.top {
		return unknownValue
	}
	rc.useParam(v.param)
	rc.b.stats.GuardsSeen++
	rc.presented(v.param)
	tok := &allium.Ident{Name: v.param}
	if st := rc.b.lang.SignedTokens; call != nil && st != nil && catalog.MatchAny(st.UnverifiedDecoders, call.Resolved(), call.Raw()) {
		// jwt.decode(token): the claims read unchecked hold of a token
		// that may not be valid; nothing is required of it here (a
		// verify that follows requires it, where it is).
		return &value{kind: vExpr, expr: &allium.Member{X: tok, Name: "user"}, claimsOf: tok, subjectField: rc.b.decodedSubject(call, sc.stack)}
	}
	var life allium.Expr
	aged := false // read back with a maximum age, known or not
	if st := rc.b.lang.SignedTokens; call != nil && st != nil {
		for _, name := range st.MaxAgeArgs {
			if kw := call.Keyword(name); kw != nil && kw.Kind != facts.ExprNone {
				life, aged = rc.lifetime(kw, sc, out), true
			}
		}
	}
	switch {
	case life == nil && aged:
		// A maximum age the spec cannot read (max_age=self.max_age of a
		// signer the service's container builds): the token still
		// expires, at a time the deployment sets.
		rc.requires(&allium.Binary{Op: allium.OpGt, X: &allium.Member{X: tok, Name: "expires_at"}, Y: &allium.Ident{Name: "now"}}, sc, line)
	case life != nil:
		if !isConfigRef(life) {
			// A lifetime written in the code is a parameter, named as
			// the one a token of this kind is issued with.
			life = rc.b.literalConfig(tokenKind(sc.stack)+"_token_expiry", "Duration", life, sc.file, line)
		}
		if rc.shorterLifeRequired(tok, life) {
			// The token read back again, with a longer maximum age
			// (healthchecks' change-e-mail link: unsign_object(...,
			// max_age=900), then the token it carries unsigned with
			// max_age=3600, hc/accounts/views.py:633, models.py:132):
			// what the first read requires already says it.
			break
		}
		rc.requires(&allium.Binary{Op: allium.OpGe,
			X: &allium.Binary{Op: allium.OpAdd, X: &allium.Member{X: tok, Name: "issued_at"}, Y: life},
			Y: &allium.Ident{Name: "now"}}, sc, line)
	default:
		rc.requires(&allium.Member{X: tok, Name: "is_valid"}, sc, line)
	}
	if k := rc.verifiedKind(sc); k != "" {
		// Read back where a kind of token is expected (refreshToken
		// verifying with the refresh secret): a token of another kind
		// does not pass.
		rc.requires(&allium.Binary{Op: allium.OpEq, X: &allium.Member{X: tok, Name: "token_type"}, Y: &allium.Ident{Name: k}}, sc, line)
	}
	// The payload's claims are read through claimsOf; the value itself,
	// looked up as a user's id (User.query.get(loads(token))), is the user
	// the token was signed for: token.user.
	return &value{kind: vExpr, expr: &allium.Member{X: tok, Name: "user"}, claimsOf: tok, subjectField: rc.b.decodedSubject(call, sc.stack)}
}

// claim is the value of one entry of a decoded payload: the user for a
// subject key, expires_at for an expiry key, the claim's field otherwise.
func (rc *ruleCtx) claim(payload *value, key string) *value {
	st := rc.b.lang.SignedTokens
	name := snake(key)
	if v := rc.rowClaim(payload, key); v != nil {
		return v
	}
	if m := rc.rowFieldClaim(payload, key); m != nil {
		return exprValue(m)
	}
	signed, known := rc.b.signedPayloadKey(key)
	if id, ok := payload.claimsOf.(*allium.Ident); ok && known && signed.token {
		// The entry that carried a token the service signed beside the
		// others is that token (wrapIssuedToken): the token read back.
		return &value{kind: vParam, param: id.Name}
	}
	switch {
	case st == nil || !isSnake(name):
		return unknownValue
	case catalog.Match(st.ExpiryKeys, key):
		name = "expires_at"
	case catalog.Match(st.SubjectKeys, key) && payload.subjectField != "":
		// The token decoded carries a field of the user as its subject
		// (fastapi-full-stack's reset token signs {"sub": email},
		// utils.py:104-114): that field, not the user.
		name = payload.subjectField
	case catalog.Match(st.SubjectKeys, key):
		if u := rc.b.userEntity(); u != "" {
			return &value{kind: vEntity, ent: u, expr: &allium.Member{X: payload.claimsOf, Name: "user"}, signedSubject: true}
		}
		if len(rc.b.passwordEntities()) < 2 {
			return unknownValue // no accounts a token could be signed for
		}
		// No one entity is known as the users' (nestjs-microservice-
		// boilerplate's UserSchema, one of two with a password field):
		// the claim still names the user the token was signed for, and a
		// lookup by it as an id finds that row, token.user
		// (user-refresh-token.ts:214-216, reset-password-confirm.ts:42).
		name = "user"
	default:
		if f, ok := st.ClaimFields[key]; ok {
			name = f
		} else if known && signed.name != "" {
			// {"e": new_email} where the service signs it: new_email,
			// as the token's creation states it (signed_keys.go).
			name = signed.name
		}
	}
	m := &allium.Member{X: payload.claimsOf, Name: name}
	if rc.claims == nil {
		rc.claims = map[string]bool{}
	}
	rc.claims[exprKey(m)] = true
	return exprValue(m)
}

// rowFieldClaim reads a payload entry keyed "<entity>.<attribute>"
// beside the row's own "<entity>.id" (warehouse's password reset token
// signs {"user.id": ..., "user.last_login": ..., "user.password_date": ...},
// email/__init__.py:240-248) as what that column held when the token was
// signed: a field of the token (token.last_login), not the row's field
// now (token.user.last_login), which the code compares it with
// (accounts/views.py:902-908). nil for any other key.
func (rc *ruleCtx) rowFieldClaim(payload *value, key string) *allium.Member {
	stem, attr, ok := strings.Cut(key, ".")
	if !ok || !isSnake(stem) || !isSnake(attr) || slices.Contains(rc.b.lang.IDAttrs, attr) {
		return nil
	}
	e := rc.b.entityBySpelling(stem)
	if e == nil {
		return nil
	}
	f := e.attrField(attr)
	if f == nil || f.drop {
		return nil
	}
	m := &allium.Member{X: payload.claimsOf, Name: f.name}
	if rc.claims == nil {
		rc.claims = map[string]bool{}
	}
	rc.claims[exprKey(m)] = true
	return m
}

// claimedUser reads a lookup of the user model by the id a claim holds
// (User.query.get(data.get("reset")), flasky's reset_password) as the user
// the token names, token.user, as claim does for a subject key: the claim
// holds that user's id whatever its key. nil for any other lookup.
func (rc *ruleCtx) claimedUser(id *value, q *query) *value {
	m, ok := id.expr.(*allium.Member)
	if id.kind != vExpr || !ok || !rc.claims[exprKey(m)] || q.via != nil || len(q.conds) > 0 || q.ent != rc.b.userEntity() {
		return nil
	}
	return &value{kind: vEntity, ent: q.ent, expr: &allium.Member{X: m.X, Name: "user"}}
}

// claimsCall reads payload.get("k") and payload.pop("k") as the claim k,
// and a lookup of the user model by the whole payload
// (UserModel.objects.get(**payload)) as the user the token names.
func (rc *ruleCtx) claimsCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) (*value, bool) {
	if recv == nil {
		return nil, false
	}
	if recv.claimsOf != nil && (method == "get" || method == "pop") && len(e.Args()) > 0 && e.Args()[0].Kind == facts.ExprString {
		return rc.claim(recv, e.Args()[0].Value()), true
	}
	if recv.kind != vQuery || recv.q == nil || len(recv.q.conds) > 0 || recv.q.via != nil || !catalog.Match(rc.b.lang.LookupMethods, method) {
		return nil, false
	}
	spread := e.Keyword("**")
	if spread == nil || len(e.Keywords()) != 1 || len(e.Args()) != 0 {
		return nil, false
	}
	p := rc.eval(spread, sc, out, false)
	if p.claimsOf == nil || recv.ent != rc.b.userEntity() {
		return nil, false
	}
	return &value{kind: vEntity, ent: recv.ent, expr: &allium.Member{X: p.claimsOf, Name: "user"}}, true
}

// verifiedToken reports an input the rule reads as a signed token (it
// requires the token valid): x is that input.
func (rc *ruleCtx) verifiedToken(x allium.Expr) bool {
	id, ok := x.(*allium.Ident)
	if !ok || !rc.paramSet[id.Name] {
		return false
	}
	for _, st := range rc.body {
		r, ok := st.(*allium.Requires)
		if !ok {
			continue
		}
		found := false
		allium.Inspect(r.Cond, func(e allium.Expr) bool {
			if m, ok := e.(*allium.Member); ok && (m.Name == "is_valid" || m.Name == "issued_at") {
				if mid, ok := m.X.(*allium.Ident); ok && mid.Name == id.Name {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// subjectClaimTest reads a claim compared with a user's id
// (data.get("confirm") != self.id) as a test of the user the token was
// signed for: token.user != user. The claim's name says what the token is
// for; what it holds is the user. nil when e is no such comparison.
func (rc *ruleCtx) subjectClaimTest(e *facts.Expr, op string, sc *scope, out *[]allium.Stmt) allium.Expr {
	if op != allium.OpEq && op != allium.OpNe {
		return nil
	}
	u := rc.b.userEntity()
	for _, sides := range [][2]*facts.Expr{{e.X, e.Y}, {e.Y, e.X}} {
		c, other := sides[0], sides[1]
		if u == "" || c.Kind != facts.ExprCall || c.X == nil || c.X.Kind != facts.ExprAttr || len(c.Args()) == 0 || c.Args()[0].Kind != facts.ExprString {
			continue
		}
		if m := c.Method(); m != "get" && m != "pop" {
			continue
		}
		if other.Kind != facts.ExprAttr || !slices.Contains(rc.b.lang.IDAttrs, other.Name()) {
			continue
		}
		payload := rc.eval(c.X.X, sc, out, false)
		if payload.claimsOf == nil {
			continue
		}
		if st := rc.b.lang.SignedTokens; st != nil && catalog.Match(st.ExpiryKeys, c.Args()[0].Value()) {
			continue
		}
		owner := rc.eval(other.X, sc, out, false)
		if owner.kind != vEntity || owner.ent != u {
			continue
		}
		return &allium.Binary{Op: op, X: &allium.Member{X: payload.claimsOf, Name: "user"}, Y: rc.valueExpr(owner)}
	}
	return nil
}

// rowClaim reads a payload entry keyed "<entity>.id" (warehouse's
// {"email.id": email.id}, {"user.id": str(user.id)}) as the row of that
// entity the token was signed for: token.user for the user model's,
// token.<entity> for another's (token.email). nil for any other key.
func (rc *ruleCtx) rowClaim(payload *value, key string) *value {
	stem, ok := strings.CutSuffix(key, ".id")
	if !ok || !isSnake(stem) {
		return nil
	}
	e := rc.b.entityBySpelling(stem)
	if e == nil {
		return nil
	}
	field := snake(e.name)
	if e.name == rc.b.userEntity() {
		field = "user"
	}
	return &value{kind: vEntity, ent: e.name, expr: &allium.Member{X: payload.claimsOf, Name: field}}
}

// shorterLifeRequired reports a precondition of the rule so far that tok
// was issued within a lifetime no longer than life (tok.issued_at +
// config.a >= now, a's default at most life's): both lifetimes are
// durations the service writes, so the one implies the other.
func (rc *ruleCtx) shorterLifeRequired(tok, life allium.Expr) bool {
	limit, ok := rc.b.configSeconds(life)
	if !ok {
		return false
	}
	issued := exprKey(&allium.Member{X: tok, Name: "issued_at"})
	for _, s := range rc.body {
		r, ok := s.(*allium.Requires)
		if !ok {
			continue
		}
		ge, ok := r.Cond.(*allium.Binary)
		if !ok || ge.Op != allium.OpGe || !isIdent(ge.Y, "now") {
			continue
		}
		add, ok := ge.X.(*allium.Binary)
		if !ok || add.Op != allium.OpAdd || exprKey(add.X) != issued {
			continue
		}
		if n, ok := rc.b.configSeconds(add.Y); ok && n <= limit {
			return true
		}
	}
	return false
}

// configSeconds is the default, in seconds, of the Duration config
// parameter x names (config.x) when the service writes it as a literal
// duration; false otherwise.
func (b *builder) configSeconds(x allium.Expr) (int64, bool) {
	m, ok := x.(*allium.Member)
	if !ok || !isConfigRef(m) {
		return 0, false
	}
	for _, ci := range b.configByKey {
		if ci.name != m.Name || ci.typ != "Duration" {
			continue
		}
		d, ok := ci.value.(*allium.Duration)
		if !ok {
			return 0, false
		}
		return durationSeconds(d)
	}
	return 0, false
}

// durationSeconds is a literal duration in seconds (1.hour is 3600).
func durationSeconds(d *allium.Duration) (int64, bool) {
	n, err := strconv.ParseInt(d.Value, 10, 64)
	if err != nil {
		return 0, false
	}
	unit := strings.TrimSuffix(d.Unit, "s")
	secs := map[string]int64{"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}[unit]
	if secs == 0 {
		return 0, false
	}
	return n * secs, true
}

// payloadRow is the row a lookup by a decoded payload as its key names.
// The payload stands for the user the token was signed for (token.user);
// a row of another entity found by it is the one of that entity the
// token was signed for: allauth's EmailConfirmationHMAC signs the e-mail
// address's pk (signing.dumps(obj=self.email_address.pk), account/
// models.py:208) and finds the address by what signing.loads gives back
// (EmailAddress.objects.get(pk=pk, verified=False), :214-215), which is
// key.email_address, no user. val otherwise.
func (rc *ruleCtx) payloadRow(v *value, ent string, val allium.Expr) allium.Expr {
	m, ok := val.(*allium.Member)
	if v == nil || v.claimsOf == nil || !ok || m.Name != "user" || exprKey(m.X) != exprKey(v.claimsOf) {
		return val
	}
	if ent == "" || ent == rc.b.userEntity() {
		return val
	}
	name := snake(ent)
	if !isSnake(name) {
		return val
	}
	return &allium.Member{X: m.X, Name: name}
}
