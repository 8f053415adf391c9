package distill

import (
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// signedToken is an entity the spec gets for a kind of signed token.
type signedToken struct {
	user   string // the entity of the user it names ("" when unknown)
	expiry bool   // issued with a known lifetime
	issued bool   // issued by a timed signer, its signing time known
	prov   *allium.Provenance
	// claims are the other payload entries the spec states, in order
	// (payloads.go).
	claims []tokenClaim
	// signed: made by a signer (a link mailed to the user), not a JWT
	// encoded for a session.
	signed bool
	// issues counts the creations stated; a claim given in fewer of them
	// is optional (a kind of token that carries it and one that does not).
	issues int
	// subject: the field naming the row the token is for ("user", or the
	// row's entity for a token of another row; "" read as "user").
	subject string
	// keyed: the claim that carries a key of its user's, and the user's
	// field holding it: the token holds while the two match, and the
	// user's tokens are listed on the user, all revoked by a new key
	// (token_views.go).
	keyed *[2]string
}

// signer reads the construction of a token signer (an itsdangerous
// serializer): its tokens' lifetime, in seconds, when an argument gives it.
func (rc *ruleCtx) signer(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	st := rc.b.lang.SignedTokens
	v := &value{kind: vSigner}
	if catalog.MatchAny(st.Timed, e.Resolved(), e.Raw()) {
		v.param = "timed"
	}
	if x := rc.sinkArg(e, st.ExpiryArgs, sc, out); x != nil {
		v.expr = rc.lifetime(x, sc, out)
	}
	return v
}

// readLifetime is the lifetime a module's signer (name, a constant of f)
// gives the tokens it issues where the module reads them back: max_age of
// serializer.loads(token, max_age=...) in one of f's functions, given
// directly or through a local it was assigned to, when f also issues
// tokens with it (serializer.dumps). Its tokens are then issued with that
// lifetime (expires_at) and valid until it ends, as with a lifetime given
// when the signer is made. nil when f does not both issue and read back
// with a lifetime.
func (rc *ruleCtx) readLifetime(f *facts.File, name string) allium.Expr {
	st := rc.b.lang.SignedTokens
	var age *facts.Expr
	var ageFn *facts.Function
	issues := false
	for i := range f.Functions {
		fn := &f.Functions[i]
		facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
			for _, x := range []*facts.Expr{s.Value, s.Cond} {
				x.Any(func(c *facts.Expr) bool {
					if c.Kind != facts.ExprCall || c.X == nil || c.X.X == nil || c.X.X.Raw() != name {
						return false
					}
					if catalog.Match(st.SignMethods, c.Method()) {
						issues = true
					}
					if age == nil && catalog.Match(st.VerifyMethods, c.Method()) {
						for _, k := range st.MaxAgeArgs {
							if kw := c.Keyword(k); kw != nil && kw.Kind != facts.ExprNone {
								age, ageFn = kw, fn
							}
						}
					}
					return false
				})
			}
			return true
		})
	}
	if age == nil || !issues {
		return nil
	}
	if age.Kind == facts.ExprName {
		// max_token_age = settings.INVITATION_TOKEN_MAX_AGE
		facts.Walk(ageFn.Body(), func(s *facts.Stmt) bool {
			if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Targets[0].Name() == age.Name() && s.Value != nil {
				age = s.Value
				return false
			}
			return true
		})
	}
	var scratch []allium.Stmt
	return rc.lifetime(age, &scope{file: f, vars: map[string]*value{}}, &scratch)
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
	if d := rc.b.durationString(x); d != nil {
		return d // expiresIn: "15m"
	}
	if x.Kind == facts.ExprAttr && x.X != nil && rc.b.settingRead(x) && !rc.b.settingRead(x.X) {
		// expiresIn: process.env.JWT_TIMEOUT_DURATION, no default in
		// the code: a lifetime the deployment sets, whatever its name.
		if c, ok := rc.b.runtimeSetting(strings.ToLower(x.Name()), sc.file, x.Line()).(*allium.Member); ok {
			rc.b.asSeconds(c.Name)
			return c
		}
	}
	switch v := rc.eval(x, sc, out, false); {
	case v.kind != vExpr:
	case isConfigRef(v.expr):
		rc.b.asSeconds(v.expr.(*allium.Member).Name)
		return v.expr
	default:
		if n, ok := numberValue(v.expr); ok {
			// expiresIn: 3600, or a local given 60 * 60
			// (express-typescript-starter's createToken,
			// auth.service.ts:14-16).
			return durationFrom(n, "seconds")
		}
		if d, ok := v.expr.(*allium.Duration); ok {
			return d
		}
	}
	return nil
}

// numberValue is the integer a translated expression of number literals
// and their + - * stands for (60 * 60 is 3600); false for any other.
func numberValue(x allium.Expr) (int64, bool) {
	switch x := x.(type) {
	case *allium.Lit:
		if x.Kind != allium.LitNumber {
			return 0, false
		}
		return evalInt(facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: x.Text}))
	case *allium.Binary:
		if x.Op != allium.OpMul && x.Op != allium.OpAdd && x.Op != allium.OpSub {
			return 0, false
		}
		a, okA := numberValue(x.X)
		b, okB := numberValue(x.Y)
		if !okA || !okB {
			return 0, false
		}
		r := new(big.Int)
		switch x.Op {
		case allium.OpMul:
			r.Mul(big.NewInt(a), big.NewInt(b))
		case allium.OpAdd:
			r.Add(big.NewInt(a), big.NewInt(b))
		default:
			r.Sub(big.NewInt(a), big.NewInt(b))
		}
		if !r.IsInt64() {
			return 0, false
		}
		return r.Int64(), true
	}
	return 0, false
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

// signPayload states a payload signed into a token by one call (Django's
// signing.dumps): a timed one carries the time it was signed (issued_at:
// now), and a payload that names its kind in a catalogued kind claim
// ({"action": TokenAction.ACTIVATION}) is a SignedToken whatever
// function issues it, the claim telling the kinds apart.
func (rc *ruleCtx) signPayload(e *facts.Expr, names []string, sc *scope, out *[]allium.Stmt) *value {
	st := rc.b.lang.SignedTokens
	payload := &e.Args()[0]
	kind := tokenKind(sc.stack)
	if rc.claimsKind(payload, sc, out) {
		kind = "signed"
	}
	var kept []keptValue
	if catalog.MatchAny(st.Timed, names...) {
		kept = append(kept, keptValue{name: "issued_at", value: &allium.Ident{Name: "now"}, typ: &allium.Type{Name: "Timestamp"}})
	}
	v := rc.issueTokenOf(kind, payload, rc.payloadExpiry(payload, sc, out), sc, out, e.Line(), kept...)
	if tok := rc.b.signedTokens[pascal(kind)+"Token"]; tok != nil {
		tok.signed = true
	}
	return v
}

// claimsKind reports a payload with an entry under one of the catalog's
// kind_claims keys.
func (rc *ruleCtx) claimsKind(payload *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	keys := rc.b.lang.SignedTokens.KindClaims
	if len(keys) == 0 {
		return false
	}
	for _, part := range rc.payloadParts(payload, sc, out) {
		if part.e.Kind != facts.ExprDict {
			continue
		}
		for _, en := range part.e.Entries() {
			if en.Key != nil && en.Key.Kind == facts.ExprString && catalog.Match(keys, en.Key.Value()) {
				return true
			}
		}
	}
	return false
}

// issueTimedToken is issueToken for a signer whose tokens carry the time
// they were signed: a token that names no user and has no lifetime of
// its own is still one issued now (its reader gives the lifetime:
// unsign(token, max_age=3600) requires token.issued_at + ... >= now).
func (rc *ruleCtx) issueTimedToken(payload *facts.Expr, sc *scope, out *[]allium.Stmt, line int) *value {
	if v := rc.wrapIssuedToken(payload, sc, out); v != nil {
		return v
	}
	kind := tokenKind(sc.stack)
	if rc.b.entByName[pascal(kind)+"Token"] != nil || rc.payloadUser(payload, sc, out) != nil {
		return rc.issueTokenOf(kind, payload, nil, sc, out, line)
	}
	b := rc.b
	var args []allium.Arg
	holder, at := rc.storedSecretHolder(payload, sc, out)
	if holder != nil {
		kind = storedSecretKind(sc)
		args = append(args, allium.Arg{Name: "user", Value: holder.expr})
	}
	name := pascal(kind) + "Token"
	if at >= 0 {
		rc.b.recordStoredSecret(sc, (*out)[at], name)
	}
	tok := b.tokenEntity(name, sc, line)
	tok.issued, tok.signed = true, true
	tok.issues++
	if holder != nil {
		tok.user = holder.ent
	}
	args = append(args, allium.Arg{Name: "issued_at", Value: &allium.Ident{Name: "now"}})
	b.stats.EffectsSeen++
	call := &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: name}, Name: "created"}, Args: args}
	st := &allium.ExprStmt{Meta: b.meta(sc.file, line), X: call}
	if at >= 0 {
		// In the stored hash's place: what was written before keeps its
		// position (a creation made a let later is found by it).
		(*out)[at] = st
	} else {
		*out = append(*out, st)
	}
	return &value{kind: vPlumbing, issued: &issuedToken{tok: tok, call: call, user: holder}}
}

// issuedToken is a signed token created in this rule (issueTimedToken):
// a payload that carries it and is signed in turn says more about the
// same token (wrapIssuedToken).
type issuedToken struct {
	tok  *signedToken
	call *allium.Call
	user *value // whom it is for; nil when unknown
}

// wrapIssuedToken reads a signed payload that carries a token issued in
// this rule beside other entries (Healthchecks' change-e-mail link:
// sign_object({"u": username, "t": self.prepare_token(), "e": new_email}))
// as that same token carrying those entries: the link is checked with
// the secret stored for the token, so the spec has one token, not a
// second one wrapping the first. An entry that is a field of the token's
// user (its username) names whom the token is for, which the token's
// user says already. nil when no entry of the payload is such a token.
func (rc *ruleCtx) wrapIssuedToken(payload *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	var inner *value
	for _, part := range rc.payloadParts(payload, sc, out) {
		if part.e.Kind != facts.ExprDict {
			continue
		}
		for i := range part.e.Entries() {
			en := &part.e.Entries()[i]
			if en.Value.Kind != facts.ExprCall {
				continue // only a call issues a token
			}
			if v := rc.eval(&en.Value, part.sc, out, false); v.issued != nil {
				inner = v
			}
		}
	}
	if inner == nil {
		return nil
	}
	it := inner.issued
	var userText string
	if it.user != nil && it.user.expr != nil {
		userText = allium.ExprString(it.user.expr)
	}
	for _, a := range rc.tokenClaims(it.tok, payload, it.user, sc, out) {
		if m, ok := a.Value.(*allium.Member); ok && userText != "" && allium.ExprString(m.X) == userText {
			// Drop the claim from the entity too unless another creation gives it.
			it.tok.claims = slices.DeleteFunc(it.tok.claims, func(c tokenClaim) bool { return c.name == a.Name && c.given == 0 })
			continue
		}
		if slices.ContainsFunc(it.call.Args, func(x allium.Arg) bool { return x.Name == a.Name }) {
			continue
		}
		it.call.Args = append(it.call.Args, a)
		for i := range it.tok.claims {
			if it.tok.claims[i].name == a.Name {
				it.tok.claims[i].given++
			}
		}
	}
	return inner
}

// storedSecretKind names the token of a secret a method stores hashed on
// its row (Profile.prepare_token): one column holds it, so it is one
// token whichever flow issues it (issuing it again replaces it). It is
// named after the first method of the row's class, in the order written,
// that calls the storing method and names a kind (send_instant_login_link
// -> instant_login_link), else as any token (tokenKind).
func storedSecretKind(sc *scope) string {
	if sc.cls == nil || len(sc.stack) == 0 {
		return tokenKind(sc.stack)
	}
	storing := sc.stack[len(sc.stack)-1]
	if j := strings.LastIndexByte(storing, '.'); j >= 0 {
		storing = storing[j+1:]
	}
	for i := range sc.cls.Methods {
		m := &sc.cls.Methods[i]
		if m.Name == storing || !callsSelfMethod(m, storing) {
			continue
		}
		if k := tokenKind([]string{m.QualName}); k != "signed" {
			return k
		}
	}
	return tokenKind(sc.stack)
}

// callsSelfMethod reports a call self.<name>(...) anywhere in fn.
func callsSelfMethod(fn *facts.Function, name string) bool {
	found := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			x.Any(func(c *facts.Expr) bool {
				if c.Kind == facts.ExprCall && c.X != nil && c.X.Kind == facts.ExprAttr && c.X.Name() == name &&
					c.X.X != nil && c.X.X.Kind == facts.ExprName && c.X.X.Name() == "self" {
					found = true
				}
				return found
			})
		}
		return !found
	})
	return found
}

// storedSecretHolder reads a token whose payload is a fresh random secret
// that the method signing it stored hashed on its own row
// (self.token = make_password(token); return signer.sign(token)): the
// token is that row's, and the stored hash is the token's bookkeeping,
// not an outcome of its own: at is where its assignment was written, for
// the token's creation to take its place. The holder is the row's user
// (the row itself when it is a user). nil and -1 for any other token.
// storedHashAt is the index of the last assignment in out of a stored hash
// (storedHash) to a field of row, or -1.
func storedHashAt(out []allium.Stmt, row allium.Expr, storedHash func(string, allium.Expr) bool) int {
	if row == nil {
		return -1
	}
	rowText := allium.ExprString(row)
	for i := len(out) - 1; i >= 0; i-- {
		a, ok := out[i].(*allium.Assign)
		if !ok {
			continue
		}
		m, ok := a.Target.(*allium.Member)
		if ok && allium.ExprString(m.X) == rowText && storedHash(m.Name, a.Value) {
			return i
		}
	}
	return -1
}

func (rc *ruleCtx) storedSecretHolder(payload *facts.Expr, sc *scope, out *[]allium.Stmt) (holder *value, at int) {
	self, b := sc.self, rc.b
	if self == nil {
		self = sc.vars["self"]
	}
	if self == nil || self.kind != vEntity && self.kind != vNew || b.userEntity() == "" {
		return nil, -1
	}
	if pv := rc.eval(payload, sc, out, false); pv.kind != vExpr || !isRandomKey(pv.expr) {
		return nil, -1
	}
	storedHash := func(name string, x allium.Expr) bool {
		h, ok := x.(*allium.Call)
		if !ok || !plumbingField(name) || len(h.Args) != 1 || !isRandomKey(h.Args[0].Value) {
			return false
		}
		id, ok := h.Fun.(*allium.Ident)
		return ok && id.Name == "hash"
	}
	if self.kind == vNew {
		// A row made in this request (Profile(user=new_user)) holds the
		// hash among its creation's values, where the token's creation
		// takes its place as it takes an assignment's: the token is its
		// user's.
		if u := rc.newRowUser(self); u != nil {
			if self.letName != "" {
				// Signed in since, the hash may have gone to an update of
				// the row, which named it by its let (written_rows.go):
				// the token's creation takes that assignment's place.
				if i := storedHashAt(*out, &allium.Ident{Name: self.letName}, storedHash); i >= 0 {
					return u, i
				}
			}
			self.args = slices.DeleteFunc(self.args, func(a allium.Arg) bool { return storedHash(a.Name, a.Value) })
			self.restate()
			return u, -1
		}
		return nil, -1
	}
	if self.expr == nil {
		return nil, -1
	}
	switch ent := b.entByName[self.ent]; {
	case self.ent == b.userEntity():
		holder = self
	case ent != nil && ent.field("user") != nil && ent.field("user").fkEntity == b.userEntity():
		holder = &value{kind: vEntity, ent: b.userEntity(), expr: &allium.Member{X: self.expr, Name: "user"}}
		if m, ok := self.expr.(*allium.Member); ok && b.singleRels[b.userEntity()+"."+m.Name] {
			// user.profile.user is the user.
			holder.expr = m.X
		}
	default:
		return nil, -1
	}
	if i := storedHashAt(*out, self.expr, storedHash); i >= 0 {
		return holder, i
	}
	return nil, -1
}

// newRowUser is the user a row made in this request belongs to: the row
// itself when it is a user, else the user it was made with; nil when
// neither.
func (rc *ruleCtx) newRowUser(row *value) *value {
	b := rc.b
	if row.ent == b.userEntity() {
		if ref := rc.newRef(row); ref != nil {
			return &value{kind: vEntity, ent: row.ent, expr: ref}
		}
		return nil
	}
	ent := b.entByName[row.ent]
	if ent == nil || ent.field("user") == nil || ent.field("user").fkEntity != b.userEntity() {
		return nil
	}
	for _, a := range row.args {
		if a.Name == ent.field("user").name && a.Value != nil {
			return &value{kind: vEntity, ent: b.userEntity(), expr: a.Value}
		}
	}
	return nil
}

// issueTokenOf is issueToken for a token of the given kind.
// kept are values the token carries that no payload entry names (what a
// cache keeps for it).
func (rc *ruleCtx) issueTokenOf(kind string, payload *facts.Expr, expiry allium.Expr, sc *scope, out *[]allium.Stmt, line int, kept ...keptValue) *value {
	b := rc.b
	name := pascal(kind) + "Token"
	if e := b.entByName[name]; e != nil {
		return &value{kind: vPlumbing} // the service stores this token itself
	}
	user := rc.payloadUser(payload, sc, out)
	subject := "user"
	if u := b.userEntity(); user != nil && u != "" && user.ent != u {
		// A token of a row other than a user names that row by its
		// entity: baserow's public view token ({"slug_id": view.slug},
		// contrib/database/views/handler.py:3485-3497) is no user's.
		subject = snake(user.ent)
		if kind == "signed" && len(kept) == 0 {
			// {shareId: share.id, ...} signed where no function names
			// the kind (umami's share/[slug]/route.ts:48): a token of
			// that row, named after it.
			kind = snake(user.ent)
			name = pascal(kind) + "Token"
			if e := b.entByName[name]; e != nil {
				return &value{kind: vPlumbing}
			}
		}
	}
	if user == nil && rc.payloadSubjectUnread(payload, sc, out) {
		// {id: user.id} of a user the walk could not find: the token is
		// some row's, and one stated for no one would misstate it.
		rc.untranslated(sc, line, LeftOutValue, "a signed token for a row the spec could not read")
		return &value{kind: vPlumbing}
	}
	if user == nil && expiry == nil {
		// A token naming no known user and living no known time says
		// nothing the spec can use.
		rc.untranslated(sc, line, LeftOutValue, "a signed token (no user or lifetime found)")
		return &value{kind: vPlumbing}
	}
	var args []allium.Arg
	tok := b.tokenEntity(name, sc, line)
	if user != nil {
		args = append(args, allium.Arg{Name: subject, Value: rc.valueExpr(user)})
		rc.touch(user)
		tok.user, tok.subject = user.ent, subject
	}
	if expiry != nil {
		if !isConfigRef(expiry) {
			expiry = b.literalConfig(kind+"_token_expiry", "Duration", expiry, sc.file, line)
		}
		args = append(args, allium.Arg{Name: "expires_at", Value: &allium.Binary{Op: allium.OpAdd, X: &allium.Ident{Name: "now"}, Y: expiry}})
		tok.expiry = true
	}
	args = append(args, rc.tokenClaims(tok, payload, user, sc, out)...)
	for _, k := range kept {
		if slices.ContainsFunc(args, func(a allium.Arg) bool { return a.Name == k.name }) {
			continue // the payload states it ({"iat": now})
		}
		args = append(args, allium.Arg{Name: k.name, Value: k.value})
		if !slices.ContainsFunc(tok.claims, func(c tokenClaim) bool { return c.name == k.name }) {
			tok.claims = append(tok.claims, tokenClaim{name: k.name, typ: k.typ})
		}
	}
	tok.issues++
	for i := range tok.claims {
		if slices.ContainsFunc(args, func(a allium.Arg) bool { return a.Name == tok.claims[i].name }) {
			tok.claims[i].given++
		}
	}
	b.stats.EffectsSeen++
	*out = append(*out, &allium.ExprStmt{Meta: b.meta(sc.file, line), X: &allium.Call{
		Fun: &allium.Member{X: &allium.Ident{Name: name}, Name: "created"}, Args: args}})
	return &value{kind: vPlumbing}
}

// tokenEntity is the entity of the signed tokens of that name, declared
// where the first of them is issued.
func (b *builder) tokenEntity(name string, sc *scope, line int) *signedToken {
	tok := b.signedTokens[name]
	if tok == nil {
		tok = &signedToken{prov: &allium.Provenance{File: sc.file.Path, Line: line}}
		b.signedTokens[name] = tok
	}
	return tok
}

// payloadSubjectUnread reports a payload entry under a subject key
// (catalog signed_tokens.subject_keys: {id: user.id}) whose value the
// walk cannot read: a row's id, of a row it lost.
func (rc *ruleCtx) payloadSubjectUnread(payload *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	if payload == nil {
		return false
	}
	keys := rc.b.lang.SignedTokens.SubjectKeys
	for _, part := range rc.payloadParts(payload, sc, out) {
		if part.e.Kind != facts.ExprDict {
			continue
		}
		for _, en := range part.e.Entries() {
			// Only attributes of a local (user.id, result.user.id):
			// reading them again calls nothing.
			if en.Key == nil || en.Key.Kind != facts.ExprString || !catalog.Match(keys, en.Key.Value()) || en.Value.Kind != facts.ExprAttr ||
				!namePath(en.Value.X) {
				continue
			}
			var scratch []allium.Stmt
			if rc.eval(en.Value.X, part.sc, &scratch, false).kind == vUnknown {
				return true
			}
		}
	}
	return false
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
				if x.Kind == facts.ExprAttr && (x.Name() == "id" || x.Name() == "pk" || x.Name() == "email") {
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
// get_reset_password_token -> reset_password (generateRefreshToken ->
// refresh); "signed" when none says.
func tokenKind(stack []string) string {
	for i := len(stack) - 1; i >= 0; i-- {
		fn := stack[i]
		if j := strings.LastIndexByte(fn, '.'); j >= 0 {
			fn = fn[j+1:]
		}
		fn = snake(fn) // generateRefreshToken reads as generate_refresh_token
		if !strings.Contains(fn, "token") && !strings.Contains(fn, "jwt") {
			// (generateJWT names its token as create_jwt_token does.)
			continue
		}
		k := fn
		for _, p := range []string{"generate_", "create_", "make_", "get_", "issue_", "new_", "encode_", "prepare_", "sign_", "_"} {
			k = strings.TrimPrefix(k, p)
		}
		// generateAuthTokens issues a pair: its kind is auth, as one
		// token's would be.
		k = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(k, "_tokens"), "_token"), "token")
		k = strings.Trim(k, "_")
		if k == "jwt" || k == "auth" {
			k = "access" // create_jwt_token, get_auth_token: what logins issue
		}
		if k == "secure" {
			// createSecureToken (umami's src/lib/jwt.ts:17): how the token
			// is protected, not what it is for; an outer function may say.
			continue
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

// identityPayload is the payload a call of one of the catalog's identity
// encoders signs, {identity: <the identity given>}, or nil when e is no
// such call or names no identity: the identity is the token's subject
// (subject_keys), as a JWT payload's sub is.
func (b *builder) identityPayload(names []string, e *facts.Expr) *facts.Expr {
	encoders := b.lang.SignedTokens.IdentityEncoders
	if len(encoders) == 0 || len(e.Args()) == 0 && len(e.Keywords()) == 0 {
		return nil
	}
	if b.identityEncoders == nil {
		b.identityEncoders = slices.Sorted(maps.Keys(encoders)) // once per service
	}
	for _, fn := range b.identityEncoders {
		if !catalog.MatchAny([]string{fn}, names...) {
			continue
		}
		id := e.Keyword(encoders[fn])
		if id == nil && len(e.Args()) > 0 {
			id = &e.Args()[0]
		}
		if id == nil {
			return nil
		}
		key := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: encoders[fn], Raw: encoders[fn], Line: e.Line()})
		payload := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: e.Line()})
		payload.SetEntries([]facts.DictEntry{{Key: &key, Value: *id}})
		return payload
	}
	return nil
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
	return rc.payloadLifetime(payload, sc, out)
}

// optionLifetime is the lifetime an encoder's option gives its token
// (jwt.sign(payload, secret, {expiresIn: "1h"})): a keyword named in the
// catalog's expiry_args, or an entry of that name of an options object
// held in a local after the payload (jwt.sign(payload, secret,
// jwtOptions), the object filled from the config's defaults).
func (rc *ruleCtx) optionLifetime(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	names := slices.DeleteFunc(slices.Clone(rc.b.lang.SignedTokens.ExpiryArgs), func(n string) bool { return strings.HasPrefix(n, "#") })
	for _, name := range names {
		if kw := e.Keyword(name); kw != nil {
			return rc.lifetime(kw, sc, out)
		}
	}
	args := e.Args()
	for i := 1; i < len(args); i++ {
		if opts := rc.fallbackOptions(&args[i], sc, out); opts != nil {
			// jwt.sign(body, secret, input.options || {expiresIn: X})
			// called with no options: the fallback's lifetime.
			for _, name := range names {
				if entry := dictEntry(opts, name); entry != nil {
					return rc.lifetime(entry, sc, out)
				}
			}
			continue
		}
		if args[i].Kind != facts.ExprName {
			continue
		}
		for _, part := range rc.eval(&args[i], sc, out, false).parts {
			for _, name := range names {
				if entry := dictEntry(part.e, name); entry != nil && part.section != "" {
					return rc.sectionLifetime(part, name, entry, out)
				} else if entry != nil {
					return rc.lifetime(entry, part.sc, out)
				}
			}
		}
	}
	return nil
}

// fallbackOptions is the object literal an encoder's options argument
// falls back to (input.options || {expiresIn: ...}, or ??) when the
// option read first is one the caller's object, built in code, does not
// give: nestjs-microservice-boilerplate's TokenService.sign(input) is
// called as sign({body, secret}) and signs with the default lifetime
// (libs/token/service.ts:31-33). Nil when the argument is no such
// fallback, or when the caller gives the option or may give it (a
// spread, an object from elsewhere).
func (rc *ruleCtx) fallbackOptions(arg *facts.Expr, sc *scope, out *[]allium.Stmt) *facts.Expr {
	if arg.Kind != facts.ExprBoolOp || arg.Op() != "or" || arg.X == nil || arg.Y == nil || arg.Y.Kind != facts.ExprDict {
		return nil
	}
	read := arg.X
	if read.Kind != facts.ExprAttr || read.X == nil {
		return nil
	}
	var scratch []allium.Stmt
	holder := rc.eval(read.X, sc, &scratch, false)
	if len(holder.parts) == 0 {
		return nil // not an object the code built: the option may be there
	}
	for _, part := range holder.parts {
		for _, en := range part.e.Entries() {
			if en.Key == nil {
				return nil // {...opts}: may carry the option
			}
		}
	}
	if _, given := rc.partValue(holder, read.Name(), &scratch); given {
		return nil
	}
	return arg.Y
}

// payloadLifetime is payloadExpiry's reading of the payload.
func (rc *ruleCtx) payloadLifetime(payload *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	st := rc.b.lang.SignedTokens
	var life allium.Expr
	for _, part := range rc.payloadParts(payload, sc, out) {
		psc := part.sc
		part.e.Any(func(x *facts.Expr) bool {
			if x.Kind != facts.ExprDict {
				return false
			}
			for _, en := range x.Entries() {
				if en.Key == nil || en.Key.Kind != facts.ExprString || !catalog.Match(st.ExpiryKeys, en.Key.Value()) {
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
