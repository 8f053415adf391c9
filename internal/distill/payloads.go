package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A token's payload is often built in steps before it is signed:
//
//	to_encode = data.copy()
//	to_encode.update({"exp": expire, "token_type": "access"})
//	return jwt.encode(to_encode, SECRET_KEY)
//
// or kept in a local first (data = {"exp": exp, "email": self.email}). A
// dict value remembers the literals it was built from, each with the scope
// its entries are read in, so that the payload's user and lifetime are
// found however the dict travelled.

// dictPart is one dict literal a value was built from.
type dictPart struct {
	e  *facts.Expr // an ExprDict
	sc *scope      // where its entries are read
	// when: the condition under which an entry set after the literal
	// was set (data.password = ... under if (password)); unknown: set
	// under a condition the spec cannot state (cond_entries.go).
	when    allium.Expr
	unknown bool
	// section: the key path of the config section e is, when it is one
	// (object_defaults.go): its entries are settings of that name.
	section string
}

// dictValue is the value of a dict literal: nothing the spec states by
// itself, but its entries can be read back.
// keptDict is val, the value of src an object keeps (self.user_data =
// {"email": self.key, ...}), marked to be read by key when src is a dict
// literal, given here or handed in (super().set_user_data({...}) whose
// body keeps its parameter): another method of the object reads it back by key
// (self.user_data.get("email"), self.user_data["email"]) and finds the
// entry, and an entry set later (self.user_data["email"] = x) replaces it
// (setDictKey). A dict made any other way is left as it is.
func keptDict(val *value, src *facts.Expr) *value {
	if src == nil || val == nil || val.kind != vUnknown || len(val.parts) != 1 || val.dumped || val.parts[0].e == nil || val.parts[0].e.Kind != facts.ExprDict {
		return val
	}
	kept := *val
	kept.parts = slices.Clone(val.parts)
	kept.dumped = true
	return &kept
}

func dictValue(e *facts.Expr, sc *scope) *value {
	return &value{kind: vUnknown, parts: []dictPart{{e: e, sc: sc}}}
}

// dictMethod reads the calls on a dict value that keep it a dict: copy()
// gives a new dict with the same entries, update({...}) adds entries. It
// reports false for any other call.
func (rc *ruleCtx) dictMethod(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) (*value, bool) {
	if recv == nil || len(recv.parts) == 0 {
		return nil, false
	}
	switch method {
	case "get", "pop":
		// self.user_data.get("email") of a dict the object keeps
		// (keptDict): the entry's value when the dict has that key. pop
		// gives the same value, and so does a pop from a dict the code
		// wrote out: redash's handlers record an event as
		// record_event({"action": "favorite", "object_type": "query", ...})
		// and Event.record takes each entry out with event.pop("action")
		// to make the row (handlers/base.py:50-61, models/__init__.py:
		// 1333-1351). A key no entry gives is left unknown, not given the
		// default: the dict may have gained it where the walk did not
		// look. (get of such a dict is left as it was: a written-out
		// dict's get decides branches elsewhere, and was not needed.)
		if !recv.dumped && (method != "pop" || !literalDict(recv)) || len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprString {
			return nil, false
		}
		if v, given := rc.partValue(recv, e.Args()[0].Value(), out); given {
			return v, true
		}
		return nil, false
	case "copy", "model_dump", "dict", "model_copy":
		return &value{kind: vUnknown, parts: append([]dictPart(nil), recv.parts...)}, true
	case "update":
		for i := range e.Args() {
			if a := &e.Args()[i]; a.Kind == facts.ExprDict {
				recv.parts = append(recv.parts, dictPart{e: a, sc: sc})
			} else if v := rc.eval(a, sc, out, false); len(v.parts) > 0 {
				recv.parts = append(recv.parts, v.parts...)
			}
		}
		if len(e.Keywords()) > 0 {
			d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: e.Line()})
			for _, kw := range e.Keywords() {
				if kw.Name == "**" {
					// update(**extra): the entries of a dict value.
					if v := rc.eval(&kw.Value, sc, out, false); len(v.parts) > 0 {
						recv.parts = append(recv.parts, v.parts...)
					}
					continue
				}
				if kw.Name == "" {
					continue
				}
				d.SetEntries(append(d.Entries(), facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: kw.Name}), Value: kw.Value}))
			}
			recv.parts = append(recv.parts, dictPart{e: d, sc: sc})
		}
		return &value{kind: vPlumbing}, true
	}
	return nil, false
}

// payloadParts are the dict literals a token's payload was built from,
// each with the scope to read it in; the payload expression itself when
// it is no dict value the walk knows.
func (rc *ruleCtx) payloadParts(payload *facts.Expr, sc *scope, out *[]allium.Stmt) []dictPart {
	// An attribute of a parameter (a signing helper's input.body, given
	// {body: {...}} by its caller) is the dict the caller put there.
	if payload.Kind == facts.ExprName || payload.Kind == facts.ExprAttr || payload.Kind == facts.ExprCall && payload.Method() != "" {
		if v := rc.eval(payload, sc, out, false); len(v.parts) > 0 {
			return rc.cacheKeptParts(v.parts, out)
		}
	}
	return rc.cacheKeptParts([]dictPart{{e: payload, sc: sc}}, out)
}

// cacheKeptParts reads a payload that is only the key under which the
// function signing it kept a value in a token cache (umami's saveAuth,
// src/lib/auth.ts:55-66: redis.client.set(authKey, data), then
// createSecureToken({authKey}, secret())) as that value: the token is a
// reference to what the cache keeps, so what it stands for (the user,
// the claims) is read from the value kept. Other parts are left as they
// are.
func (rc *ruleCtx) cacheKeptParts(parts []dictPart, out *[]allium.Stmt) []dictPart {
	var res []dictPart
	for _, part := range parts {
		kept := rc.cacheKeptValue(part)
		if kept == nil {
			res = append(res, part)
			continue
		}
		if v := rc.eval(kept, part.sc, out, false); len(v.parts) > 0 {
			res = append(res, v.parts...)
		} else {
			res = append(res, dictPart{e: kept, sc: part.sc})
		}
	}
	return res
}

// cacheKeptValue is the value a token cache set (catalog
// token_cache_sets) keeps under the key a one-entry dict part carries
// ({authKey}), when the function the part was built in makes that set
// with the same local as its key; nil otherwise.
func (rc *ruleCtx) cacheKeptValue(part dictPart) *facts.Expr {
	sets := rc.b.lang.TokenCacheSets
	if part.e == nil || part.e.Kind != facts.ExprDict || len(part.e.Entries()) != 1 || part.sc == nil || part.sc.helper == nil || len(sets) == 0 {
		return nil
	}
	key := part.e.Entries()[0].Value
	if key.Kind != facts.ExprName {
		return nil
	}
	var kept *facts.Expr
	facts.Walk(part.sc.helper.Body(), func(s *facts.Stmt) bool {
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			x.Any(func(c *facts.Expr) bool {
				if kept == nil && c.Kind == facts.ExprCall && len(c.Args()) >= 2 && catalog.MatchAny(sets, c.Resolved(), c.Raw()) &&
					c.Args()[0].Kind == facts.ExprName && c.Args()[0].Name() == key.Name() {
					kept = &c.Args()[1]
				}
				return kept != nil
			})
		}
		return kept == nil
	})
	return kept
}

// sameInstant reads a method of a point in time that gives the same
// instant in another form (the catalog's time_methods:
// datetime.now(UTC).replace(tzinfo=None), (now + delta).timestamp()) on a
// time value the walk knows (now, or now plus a lifetime) as that time.
// A call given an argument the catalog does not list for the method
// moves the instant (replace(day=1)); e nil: the method given none.
func (rc *ruleCtx) sameInstant(e *facts.Expr, method string, recv *value) (*value, bool) {
	allowed, ok := rc.b.lang.TimeMethods[method]
	if recv == nil || recv.kind != vExpr || method == "" || !ok {
		return nil, false
	}
	if e != nil {
		for i := range e.Args() {
			if i > 0 || !slices.Contains(allowed, "#0") {
				return nil, false
			}
		}
		for _, kw := range e.Keywords() {
			if !slices.Contains(allowed, kw.Name) {
				return nil, false
			}
		}
	}
	if clockTime(recv.expr) {
		return recv, true
	}
	return nil, false
}

// lifetimeAfterNow reads an expiry written as a time (now + lifetime,
// possibly through a local) as its lifetime. A local the walk could not
// read is read by the sum it was assigned (medusa's const expiry =
// Math.floor(Date.now() / 1000) + 60 * 15, services/user.ts:406, then
// {exp: expiry}): an expiry claim counts seconds.
func (rc *ruleCtx) lifetimeAfterNow(v *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if v.Kind == facts.ExprCall && len(v.Args()) == 0 && len(v.Keywords()) == 0 && v.X != nil && v.X.Kind == facts.ExprAttr && v.X.X != nil &&
		catalog.Match(rc.b.lang.TimeTextCalls, v.X.Name()) {
		// {"expires_at": expires_at.isoformat()}: the time written as
		// text, which the reader parses back (datetime.fromisoformat), so
		// the entry holds that time (baserow's email verification token,
		// core/user/handler.py:741-747, read back at :767).
		v = v.X.X
	}
	if v.Kind == facts.ExprName {
		if local := sc.vars[v.Name()]; local != nil && local.kind == vUnknown && local.src != nil {
			v = local.src
		}
	}
	if v.Kind == facts.ExprBinary && v.Op() == "+" && v.Y != nil {
		return rc.lifetime(v.Y, sc, out)
	}
	if val := rc.eval(v, sc, out, false); val.kind == vExpr {
		if b, ok := val.expr.(*allium.Binary); ok && b.Op == allium.OpAdd {
			if id, ok := b.X.(*allium.Ident); ok && id.Name == "now" {
				return b.Y
			}
		}
	}
	return rc.lifetime(v, sc, out)
}

// returnedEffects walks the entity properties read in a value a handler
// returns at its top level ({"token": user.token}): a property runs
// before the response is sent, and what it issues is part of the rule.
// Other calls in a response (serialisers, to_dict) are left alone.
func (rc *ruleCtx) returnedEffects(x *facts.Expr, sc *scope, out *[]allium.Stmt) {
	if x == nil {
		return
	}
	switch x.Kind {
	case facts.ExprDict:
		for i := range x.Entries() {
			if v := &x.Entries()[i].Value; rc.runsWhenBuilt(v, sc) {
				rc.eval(v, sc, out, false) // {accessToken: jwt.sign(...)}
				continue
			}
			rc.returnedEffects(&x.Entries()[i].Value, sc, out)
		}
	case facts.ExprTuple, facts.ExprList:
		for i := range x.Args() {
			rc.returnedEffects(&x.Args()[i], sc, out)
		}
	case facts.ExprCall:
		// return this.prisma.user.update({...}): the repository call whose
		// result is the response is the handler's outcome.
		if _, stored := rc.b.storedClass(x); stored {
			// return config.database.update('_User', ...): a class store's.
			rc.eval(x, sc, out, true)
			return
		}
		if x.Method() != "" && x.X.X != nil && (x.X.X.Kind == facts.ExprAttr || x.X.X.Kind == facts.ExprName || x.X.X.Kind == facts.ExprCall) {
			var scratch []allium.Stmt
			recv := rc.eval(x.X.X, sc, &scratch, false)
			if recv.kind == vRepo || (recv.kind == vObject && recv.repo != nil && rc.b.ix.method(recv.repo, x.Method()) != nil) {
				// ... or a method of a service object the handler
				// reaches, kept on self, in a local or made in place
				// (return self.mixins.create_one(data), return
				// service.register(email), return
				// UserService(db).register(email)): it runs.
				rc.eval(x, sc, out, true)
				return
			}
		}
		if x.Method() != "" && rc.viewsetSuperAction(x, x.Method(), sc, out) != nil {
			return // return super().create(request, ...): DRF's action runs (model_viewsets.go)
		}
		// return ctx.send({jwt: issue(...)}): the response built.
		rc.runBuiltEntries(x, sc, out)
	case facts.ExprName:
		rc.responseModelReads(x, sc, out)
	case facts.ExprAttr:
		if x.X == nil || x.X.Kind != facts.ExprName {
			return
		}
		if v := rc.eval(x.X, sc, out, false); v.kind == vEntity {
			if fr := rc.b.method(v.ent, x.Name()); fr != nil && rc.isProperty(fr.fn) {
				rc.propertyAttr(v, x.Name(), sc, out)
			}
		}
	}
}

// responseModelReads reads a returned row through the response schema
// its route declares (@router.post(..., response_model=UserRegisterResponse)
// then `return user`): serialising the row reads each field of the schema
// from it, and a field that is a property of the row's model runs that
// property, as `return {"token": user.token}` would (dispatch's register
// answers the new user's token this way).
func (rc *ruleCtx) responseModelReads(x *facts.Expr, sc *scope, out *[]allium.Stmt) {
	route := rc.h.route
	if route == nil || sc.inlined {
		return
	}
	var model *facts.Expr
	for _, k := range rc.b.lang.ResponseModelKeywords {
		if model = route.Keyword(k); model != nil {
			break
		}
	}
	if model == nil {
		return
	}
	v := sc.vars[x.Name()]
	if v == nil || (v.kind != vEntity && v.kind != vNew) || v.ent == "" {
		return
	}
	schema := rc.b.ix.class(rc.h.file, model)
	if schema == nil {
		return
	}
	for _, f := range rc.b.shapeFieldsWithBases(schema) {
		if fr := rc.b.method(v.ent, f.Name); fr != nil && rc.isProperty(fr.fn) {
			rc.propertyAttr(v, f.Name, sc, out)
		}
	}
}

// propertyAttr reads obj.attr where attr is a property of the entity's
// class (a method under a catalogued property decorator): the method runs,
// and its result is the attribute's value.
func (rc *ruleCtx) propertyAttr(x *value, attr string, sc *scope, out *[]allium.Stmt) *value {
	fr := rc.b.method(x.ent, attr)
	if fr == nil || !rc.isProperty(fr.fn) {
		return unknownValue
	}
	return rc.inline(fr, x, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: fr.fn.Line}), sc, out)
}

func (rc *ruleCtx) isProperty(fn *facts.Function) bool {
	for i := range fn.Decorators {
		d := &fn.Decorators[i]
		if catalog.MatchAny(rc.b.lang.PropertyDecorators, d.Resolved(), d.Raw()) {
			return true
		}
	}
	return false
}

// encodedKind is the kind of a JWT encoded from payload: when the
// service's functions that encode JWTs name at least two kinds in a
// catalogued kind claim ({"token_type": TokenType.ACCESS} in one,
// TokenType.REFRESH in another), a payload with that claim is a
// SignedToken, as a signed payload's is (signPayload), the claim telling
// the kinds apart. When no claim tells them but the functions that encode
// them are named for two kinds or more (generateAccessToken and
// generateRefreshToken, each signing with a secret of its own), they are
// one SignedToken too, its token_type the kind the issuing function names
// (kept holds it). Else jwtKind (one kind named: an access token).
func (rc *ruleCtx) encodedKind(payload *facts.Expr, sc *scope, out *[]allium.Stmt) (kind string, kept []keptValue) {
	if rc.b.encodedKindClaims() > 1 && rc.claimsKind(payload, sc, out) {
		return "signed", nil
	}
	if k := rc.verifiedKind(sc); k != "" {
		return "signed", []keptValue{{name: "token_type", value: &allium.Ident{Name: k}, typ: tokenTypeEnum(rc.b.encoderFunctionKinds())}}
	}
	if k := rc.claimedKind(payload, sc); k != "" {
		return k, nil
	}
	if k := jwtKind(sc.stack); k != "signed" || !strings.Contains(snake(rc.name), "login") {
		return k, nil
	}
	// A JWT no function names, issued by a login's handler (umami's POST
	// /api/auth/login, its route's path naming the flow): what logins
	// issue.
	return "access", nil
}

// claimedKind is the kind of JWT a catalogued kind claim of its payload
// names when the encoding function is handed the kind by its caller
// (generateToken(userId, expires, type) signing {sub, exp, type}, called
// with tokenTypes.REFRESH: hagopj13's node-express-boilerplate,
// src/services/token.service.js:17-25,68-73): the value the caller gave,
// a string or a name the spec spells (refresh, reset_password). Without
// it two tokens a pair-issuing function (generateAuthTokens) signs
// through one helper were both named after the pair. "" when no such
// claim holds such a value.
func (rc *ruleCtx) claimedKind(payload *facts.Expr, sc *scope) string {
	keys := rc.b.lang.SignedTokens.KindClaims
	if len(keys) == 0 || payload == nil {
		return ""
	}
	// What reading the claim would state is not this question's: a
	// scratch list takes it.
	var scratch []allium.Stmt
	for _, part := range rc.payloadParts(payload, sc, &scratch) {
		if part.e.Kind != facts.ExprDict {
			continue
		}
		for i, en := range part.e.Entries() {
			if en.Key == nil || en.Key.Kind != facts.ExprString || !catalog.Match(keys, en.Key.Value()) {
				continue
			}
			if en.Value.Kind != facts.ExprName {
				// A kind written in the payload itself ('refresh',
				// TokenType.ACCESS) is what encodedKindClaims counts and
				// the issuing function's name may overrule; only a name
				// the helper was handed (its parameter type) is the
				// caller's word on the kind.
				continue
			}
			v := rc.eval(&part.e.Entries()[i].Value, part.sc, &scratch, false)
			if v == nil || v.kind != vExpr {
				continue
			}
			var text string
			switch x := v.expr.(type) {
			case *allium.Lit:
				if x.Kind == allium.LitString {
					text = x.Text
				}
			case *allium.Ident:
				text = x.Name
			}
			if k := kindSpelling(text); k != "" {
				return k
			}
		}
	}
	return ""
}

// kindSpelling is the kind of token a claim's value names, in the spec's
// spelling (resetPassword: reset_password; verify_email_token:
// verify_email); "" for a value that names none.
func kindSpelling(text string) string {
	k := strings.TrimSuffix(snake(text), "_token")
	if k == "" || k == "token" || !isSnake(k) {
		return ""
	}
	return k
}

// tokenTypeEnum is the inline enum of the kinds of JWT a service's
// encoding functions name: access | refresh.
func tokenTypeEnum(kinds []string) *allium.Type {
	t := &allium.Type{}
	for _, k := range kinds {
		t.Enum = append(t.Enum, allium.EnumValue{Name: k})
	}
	return t
}

// verifiedKind is the kind of JWT the function on the stack issues or
// reads back when the service's encoding functions are named for several
// kinds (encoderFunctionKinds) and no kind claim tells them apart: the
// kind that function names (refreshToken decodes a refresh token, with
// the refresh secret); "" otherwise.
func (rc *ruleCtx) verifiedKind(sc *scope) string {
	if rc.b.encodedKindClaims() > 0 {
		// A claim names the kind (even one kind for every function, as
		// fastapi_idioms_test's revocable tokens do): the payload says.
		return ""
	}
	kinds := rc.b.encoderFunctionKinds()
	if k := tokenKind(sc.stack); len(kinds) > 1 && slices.Contains(kinds, k) {
		return k
	}
	return ""
}

// kindLifetime names a lifetime written in the code of a token whose
// kind a claim tells (encodedKind) after the function issuing it, as the
// lifetime of a token of that function's kind is named
// (refresh_token_expiry, not one signed_token_expiry per kind).
func (rc *ruleCtx) kindLifetime(kind string, life allium.Expr, sc *scope, line int) allium.Expr {
	if kind != "signed" || life == nil || isConfigRef(life) {
		return life
	}
	return rc.b.literalConfig(jwtKind(sc.stack)+"_token_expiry", "Duration", life, sc.file, line)
}

// encodedKindClaims counts the distinct values the service's functions
// that encode a JWT give a kind claim in a dict literal; counted once.
func (b *builder) encodedKindClaims() int {
	if b.kindClaims >= 0 {
		return b.kindClaims
	}
	values := map[string]bool{}
	keys := b.lang.SignedTokens.KindClaims
	b.eachEncoder(func(fn *facts.Function) {
		facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
			for _, x := range []*facts.Expr{s.Value, s.Cond} {
				x.Any(func(c *facts.Expr) bool {
					if c.Kind == facts.ExprDict {
						for _, en := range c.Entries() {
							if en.Key != nil && en.Key.Kind == facts.ExprString && catalog.Match(keys, en.Key.Value()) {
								values[en.Value.Raw()] = true
							}
						}
					}
					return false
				})
			}
			return true
		})
	})
	b.kindClaims = len(values)
	return b.kindClaims
}

// encoderFunctionKinds lists, sorted, the kinds of token (tokenKind) the
// names of the service's functions that encode a JWT give; counted once.
func (b *builder) encoderFunctionKinds() []string {
	if b.encoderKinds != nil {
		return *b.encoderKinds
	}
	var kinds []string
	b.eachEncoder(func(fn *facts.Function) {
		if k := tokenKind([]string{fn.Name}); k != "signed" && !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	})
	slices.Sort(kinds)
	b.encoderKinds = &kinds
	return kinds
}

// eachEncoder calls visit with each function or method of the service
// that calls a JWT encoder.
func (b *builder) eachEncoder(visit func(fn *facts.Function)) {
	scan := func(fn *facts.Function) {
		if b.encodesToken(fn) {
			visit(fn)
		}
	}
	for _, f := range b.ix.files {
		for i := range f.Functions {
			scan(&f.Functions[i])
		}
		for i := range f.Classes {
			for j := range f.Classes[i].Methods {
				scan(&f.Classes[i].Methods[j])
			}
		}
	}
}

// encodesToken reports a function whose own body calls a JWT encoder.
func (b *builder) encodesToken(fn *facts.Function) bool {
	// Asked on every assignment of a call's result (issuesToken): each
	// function's body is read once.
	if encodes, ok := b.memos.tokenEncoders[fn]; ok {
		return encodes
	}
	if b.memos.tokenEncoders == nil {
		b.memos.tokenEncoders = map[*facts.Function]bool{}
	}
	b.memos.tokenEncoders[fn] = b.bodyEncodesToken(fn)
	return b.memos.tokenEncoders[fn]
}

// bodyEncodesToken reports a call of a token encoder in fn's own body.
func (b *builder) bodyEncodesToken(fn *facts.Function) bool {
	encodes := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			x.Any(func(c *facts.Expr) bool {
				encodes = encodes || (c.Kind == facts.ExprCall && b.isTokenEncoder(c.Resolved(), c.Raw()))
				return encodes
			})
		}
		return !encodes
	})
	return encodes
}

// jwtKind names a JWT's kind as tokenKind does; a JWT that no function
// names is an access token when it is issued on the way of a sign-in (a
// login handler, a model's bare token property), and a plain signed token
// otherwise: a forgot-password flow's JWT is no access token.
func jwtKind(stack []string) string {
	if k := tokenKind(stack); k != "signed" {
		return k
	}
	for _, fn := range stack {
		if j := strings.LastIndexByte(fn, '.'); j >= 0 {
			fn = fn[j+1:]
		}
		if fn == "token" || strings.Contains(fn, "login") || strings.Contains(fn, "auth") {
			return "access"
		}
	}
	return "signed"
}

// notFound reports a False returned beside an instance (def
// authenticate(...) -> User | Literal[False]): like None, it says the
// instance was not found, and the function still stands for its lookup.
// Beside a row the function makes (fastapi-react's sign_up_new_user,
// core/auth.py:66: False when the address is taken, else the row
// crud.create_user made) it says no row was made: the function stands
// for that row, and its refusals are what a caller testing the result
// for absence requires (absent_results.go).
func notFound(v, other *value) bool {
	if v.kind != vExpr || other.kind != vEntity && other.kind != vLookup && other.kind != vNew {
		return false
	}
	l, ok := v.expr.(*allium.Lit)
	return ok && l.Kind == allium.LitBool && l.Text == "false"
}

// tokenClaim is a field a signed token's payload gives it.
type tokenClaim struct {
	name  string
	typ   *allium.Type
	given int // the token's creations that state it (issueTokenOf)
}

// tokenClaims states the entries of a token's payload other than its
// subject and expiry as fields of the token: {"token_type":
// TokenType.ACCESS} is token_type: access, {"email": self.email} is
// email: user.email, {"iat": now} is issued_at: now. An entry whose
// value or type the walk cannot tell is left out. The token entity
// declares each field the first time it is seen.
func (rc *ruleCtx) tokenClaims(tok *signedToken, payload *facts.Expr, user *value, sc *scope, out *[]allium.Stmt) []allium.Arg {
	st := rc.b.lang.SignedTokens
	if payload == nil || st == nil {
		return nil
	}
	var args []allium.Arg
	seen := map[string]bool{"user": true, "expires_at": true}
	for _, part := range rc.payloadParts(payload, sc, out) {
		if part.e.Kind != facts.ExprDict || part.unknown || part.when != nil {
			// An entry set under a condition (data.websiteId = ... in
			// one branch of several) is no claim of every token.
			continue
		}
		for i := range part.e.Entries() {
			en := &part.e.Entries()[i]
			if en.Key == nil || en.Key.Kind != facts.ExprString {
				continue
			}
			key := en.Key.Value()
			if catalog.Match(st.ExpiryKeys, key) {
				continue
			}
			if catalog.Match(st.SubjectKeys, key) {
				// {"sub": email} where the token names no user row: the
				// subject holds that field of the user, which a decode
				// reads back as token.email (token_subjects.go); it is a
				// claim of the token, as fastapi-full-stack's reset token
				// carries the address (utils.py:104-114).
				if arg, ok := rc.subjectFieldClaim(tok, &en.Value, user, part.sc, out); ok && !seen[arg.Name] {
					seen[arg.Name] = true
					args = append(args, arg)
				}
				continue
			}
			name := snake(key)
			if f, ok := st.ClaimFields[key]; ok {
				name = f
			} else if len(key) == 1 && en.Value.Kind == facts.ExprName {
				// A key cut to one letter says less than the variable it
				// carries: {"e": new_email} is new_email.
				name = snake(en.Value.Name())
			}
			if !isSnake(name) || seen[name] {
				continue
			}
			x, typ := rc.claimValue(&en.Value, user, part.sc, out)
			if x == nil || typ == nil {
				continue
			}
			if m, ok := x.(*allium.Member); ok && tok.subject != "" && tok.subject != "user" && user != nil &&
				allium.ExprString(m.X) == allium.ExprString(rc.valueExpr(user)) {
				// {shareId: share.id, shareType: share.shareType}: a
				// token of a row carries the row, whose fields it names.
				continue
			}
			seen[name] = true
			args = append(args, allium.Arg{Name: name, Value: x})
			if !slices.ContainsFunc(tok.claims, func(c tokenClaim) bool { return c.name == name }) {
				tok.claims = append(tok.claims, tokenClaim{name: name, typ: typ})
			}
		}
	}
	return args
}

// subjectFieldClaim is the claim a subject entry makes when it holds a
// field of the user other than its id (subjectHolder) and the token names
// no user row: that field, typed as the user's, declared on the token.
func (rc *ruleCtx) subjectFieldClaim(tok *signedToken, v *facts.Expr, user *value, sc *scope, out *[]allium.Stmt) (allium.Arg, bool) {
	if user != nil {
		return allium.Arg{}, false
	}
	name := rc.b.subjectHolder(v)
	ent := rc.b.entByName[rc.b.userEntity()]
	if name == "" || name == "user" || ent == nil {
		return allium.Arg{}, false
	}
	f := ent.attrField(name)
	x := rc.tr(v, sc, out)
	if f == nil || f.typ == nil || x == nil {
		return allium.Arg{}, false
	}
	if !slices.ContainsFunc(tok.claims, func(c tokenClaim) bool { return c.name == name }) {
		tok.claims = append(tok.claims, tokenClaim{name: name, typ: f.typ})
	}
	return allium.Arg{Name: name, Value: x}, true
}

// claimValue translates a payload entry and tells its type: an enum
// member, a field of an entity, the clock. The user the token names is
// its subject, not a claim: an entry that is the user is left out.
func (rc *ruleCtx) claimValue(x *facts.Expr, user *value, sc *scope, out *[]allium.Stmt) (allium.Expr, *allium.Type) {
	b := rc.b
	switch x.Kind {
	case facts.ExprAttr:
		if x.X == nil {
			return nil, nil
		}
		owner := rc.eval(x.X, sc, out, false)
		switch owner.kind {
		case vEnumClass:
			if lit, ok := owner.enum.members[x.Name()]; ok {
				return &allium.Ident{Name: lit}, &allium.Type{Name: owner.enum.name}
			}
		case vEntity, vNew:
			// user.email, or the email a user created here was given.
			ent := b.entByName[owner.ent]
			if ent == nil {
				return nil, nil
			}
			f := ent.attrs[x.Name()]
			if f == nil || f.drop || f.typ == nil || f.fkEntity != "" {
				return nil, nil
			}
			v := rc.eval(x, sc, out, false)
			if v.kind != vExpr {
				if id, ok := rc.valueExpr(owner).(*allium.Ident); ok && v.kind == vUnknown {
					// userRecord.role of a row created without a role
					// (bulletproof's generateToken, services/auth.ts:118-123):
					// what the row holds, its default.
					return &allium.Member{X: id, Name: f.name}, f.typ
				}
				return nil, nil
			}
			return v.expr, f.typ
		}
		return nil, nil
	}
	v := rc.eval(x, sc, out, false)
	if v.kind == vEntity || user != nil && v == user {
		return nil, nil
	}
	if typ := rc.subjectFieldType(v, user); typ != nil {
		// {userId: id, role} after const {id, role} = user: the
		// subject's own field, read through a local.
		return v.expr, typ
	}
	if v.kind == vExpr {
		if id, ok := v.expr.(*allium.Ident); ok && id.Name == "now" {
			return v.expr, &allium.Type{Name: "Timestamp"}
		}
		if _, ok := v.expr.(*allium.Ident); ok && v.enum != nil {
			// An enum member passed down to the function that signs it.
			return v.expr, &allium.Type{Name: v.enum.name}
		}
		if isRandomKey(v.expr) {
			// {jti: nonce} with nonce a fresh random draw: the token's
			// identifier, a string (fastify-f's access token carries its
			// session's nonce).
			return v.expr, &allium.Type{Name: "String"}
		}
	}
	if v.kind == vParam && !v.reqLocal || rc.lowercasedInput(v) {
		// {"new_email": new_email}: an input the request sent as text,
		// as given or lower-cased (a form field that cleans it so).
		return rc.valueExpr(v), &allium.Type{Name: "String"}
	}
	return nil, nil
}

// subjectFieldType is the type of the field of the token's subject that v
// reads (user.role), or nil when v reads no plain field of it (a key to
// another row, a dropped column, anything else).
func (rc *ruleCtx) subjectFieldType(v, user *value) *allium.Type {
	if user == nil || v.kind != vExpr || user.kind != vEntity {
		return nil
	}
	m, ok := v.expr.(*allium.Member)
	if !ok || allium.ExprString(m.X) != allium.ExprString(rc.valueExpr(user)) {
		return nil
	}
	ent := rc.b.entByName[user.ent]
	if ent == nil {
		return nil
	}
	f := ent.attrs[m.Name]
	if f == nil || f.drop || f.typ == nil || f.fkEntity != "" {
		return nil
	}
	return f.typ
}

// timeCast reads a numeric conversion of a time the walk knows
// (int(time.time()), int(time.time() + lifetime)) as that time: the spec
// does not tell a timestamp from its number of seconds.
func (rc *ruleCtx) timeCast(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) (*value, bool) {
	if len(e.Args()) == 0 && len(e.Keywords()) == 0 && method == "" && catalog.MatchAny(rc.b.lang.TimestampReaders, e.Resolved(), e.Raw()) {
		// new Date(): a reader given no time reads the clock.
		return exprValue(&allium.Ident{Name: "now"}), true
	}
	if len(e.Args()) == 1 && catalog.MatchAny(rc.b.lang.TimestampReaders, e.Resolved(), e.Raw()) {
		// datetime.fromtimestamp(exp): the time the number stands for.
		if v := rc.clockOffset(&e.Args()[0], sc, out); v != nil {
			return v, true
		}
		if arg := &e.Args()[0]; arg.Kind == facts.ExprBinary && arg.Op() == "*" && rc.inSeconds(arg.Y) {
			// new Date(subscription.current_period_end * 1000): the time
			// a number of seconds stands for, which the spec writes as
			// that number (it does not tell the two apart).
			if x := rc.tr(arg.X, sc, out); x != nil {
				return exprValue(x), true
			}
		}
		if v := rc.eval(&e.Args()[0], sc, out, false); v.kind == vExpr {
			return v, true
		}
		return nil, false
	}
	if method != "" || len(e.Args()) != 1 || len(e.Keywords()) != 0 || !catalog.MatchAny(rc.b.lang.TimeCasts, e.Resolved(), e.Raw()) {
		return nil, false
	}
	// int(time.time()), parseInt(t.toFixed(0)): the same instant as a
	// number.
	if v := rc.eval(&e.Args()[0], sc, out, false); v.kind == vExpr && clockTime(v.expr) {
		return v, true
	}
	return nil, false
}

// clockOffset reads a number of the timestamp unit added to or taken
// from the clock as a duration: new Date(Date.now() + 15 * 60 * 1000) is
// now + 15.minutes. nil for any other argument.
func (rc *ruleCtx) clockOffset(arg *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	unit := rc.b.lang.TimestampUnit
	if unit == "" || arg.Kind != facts.ExprBinary || (arg.Op() != "+" && arg.Op() != "-") {
		return nil
	}
	if _, ok := evalInt(arg.Y); !ok && arg.Y.Kind != facts.ExprName && arg.Y.Kind != facts.ExprAttr {
		return nil
	}
	if x := rc.eval(arg.X, sc, out, false); x.kind != vExpr || !isNow(x.expr) {
		return nil
	}
	// A literal, or a constant of the service that counts the lifetime
	// in the clock's unit (Date.now() + USER_TEMPORARY_TOKEN_EXPIRY, 20 *
	// 60 * 1000): a Duration parameter.
	d := rc.amountIn(arg.Y, unit, sc, out)
	if d == nil {
		return nil
	}
	return exprValue(&allium.Binary{Op: arg.Op(), X: &allium.Ident{Name: "now"}, Y: d})
}

func isNow(x allium.Expr) bool {
	id, ok := x.(*allium.Ident)
	return ok && id.Name == "now"
}

// keywordParts are the keyword arguments of a call that builds a
// dict-like value (a pydantic payload model), read as a dict literal.
func keywordParts(e *facts.Expr, sc *scope) []dictPart {
	return keywordPartsBut(e, sc, nil)
}

// extraKeywordParts are the keyword arguments of call that none of the
// named params takes, as the dict a **kwargs parameter holds; nil when
// there are none.
func extraKeywordParts(call *facts.Expr, params []facts.Param, sc *scope) []dictPart {
	return keywordPartsBut(call, sc, params)
}

// keywordPartsBut is keywordParts without the keywords params name.
func keywordPartsBut(e *facts.Expr, sc *scope, params []facts.Param) []dictPart {
	var kws []facts.Keyword
	for _, kw := range e.Keywords() {
		if kw.Name != "" && kw.Name != "**" && !slices.ContainsFunc(params, func(p facts.Param) bool { return p.Name == kw.Name }) {
			kws = append(kws, kw)
		}
	}
	if len(kws) == 0 {
		return nil
	}
	d := keywordDict(kws, e.Line())
	return []dictPart{{e: &d, sc: sc}}
}

// timeField types a number field that holds a time (exp: int set to
// int(time.time() + lifetime)) as the Timestamp it stands for.
func timeField(f *fieldInfo, x allium.Expr) {
	if f.typ == nil || f.typ.Name != "Integer" {
		return
	}
	t := x
	if b, ok := t.(*allium.Binary); ok && (b.Op == allium.OpAdd || b.Op == allium.OpSub) {
		t = b.X
	}
	if id, ok := t.(*allium.Ident); ok && id.Name == "now" {
		f.typ = &allium.Type{Name: "Timestamp"}
	}
}

// repoCreateArgs reads the values a repository create writes
// (crud.create(db, object=TokenBlacklistCreate(token=t, expires_at=e)), a
// dict, a schema built with keywords) as the creation's arguments: each
// entry that is a field the spec keeps. opaque reports values it could
// not read whole (an object handed in from elsewhere, a spread, a field
// with a default set to a value the spec cannot state: Strapi's
// entityService.create(uid, {data: {...params, confirmed:
// !settings.email_confirmation}})): the columns' defaults may not hold.
func (rc *ruleCtx) repoCreateArgs(values []facts.Keyword, ent *entityInfo, sc *scope, out *[]allium.Stmt) (args []allium.Arg, opaque bool) {
	for i := range values {
		v := rc.eval(&values[i].Value, sc, out, false)
		if len(v.parts) == 0 {
			opaque = true
		}
		for _, part := range v.parts {
			args, opaque = rc.createEntryArgs(part, ent, args, opaque, 0, out)
		}
	}
	return args, opaque
}

// createEntryArgs adds the fields of ent one object literal of a
// creation's values sets, in the order written (a later entry wins). A
// spread of another object literal built in code ({...params, role})
// gives that literal's entries; a spread of the request's input
// ({..._.pick(ctx.request.body, keys)}) gives each field named by an
// input the rule reads, and may set any other field (opaque); any other
// spread may set any field.
func (rc *ruleCtx) createEntryArgs(part dictPart, ent *entityInfo, args []allium.Arg, opaque bool, depth int, out *[]allium.Stmt) ([]allium.Arg, bool) {
	for j := range part.e.Entries() {
		en := &part.e.Entries()[j]
		if en.Key == nil {
			if depth >= maxSpreadDepth || en.Value.Kind == facts.ExprDict {
				opaque = true // {...params}: entries unread
				continue
			}
			var scratch []allium.Stmt
			spread := rc.eval(&en.Value, part.sc, &scratch, false)
			switch {
			case len(spread.parts) > 0:
				// Read entry by entry: opaque only where they are.
				for _, p := range spread.parts {
					args, opaque = rc.createEntryArgs(p, ent, args, opaque, depth+1, out)
				}
			case spread.kind == vReqDict:
				opaque = true // the input may carry any other key
				for _, name := range rc.params {
					if f := ent.attrs[name]; f != nil && !f.drop && !f.plumbing {
						args = rc.createArg(args, ent, f, rc.valueExpr(rc.shapeInput(spread, name, part.sc)))
					}
				}
			default:
				opaque = true // {...params}: entries unread
			}
			continue
		}
		if en.Key.Kind != facts.ExprString {
			continue
		}
		f := ent.attrs[en.Key.Value()]
		if f == nil || f.drop {
			continue
		}
		x := rc.tr(&en.Value, part.sc, out)
		if x == nil {
			opaque = opaque || f.dflt != nil || f.dfltFn != nil // set, to a value the spec cannot state
			continue
		}
		if f.plumbing && f.fkEntity == "" && !rc.verifiedToken(x) {
			// Tokens and secrets are how, not what; but a row that
			// records a token the request presents (a revocation
			// list) is about that token.
			continue
		}
		args = rc.createArg(args, ent, f, x)
	}
	return args, opaque
}

// lowercased is x as a store that lower-cases it keeps it:
// lowercase(x), x itself when it is lower-cased already.
func lowercased(x allium.Expr) allium.Expr {
	if c, ok := x.(*allium.Call); ok && calls(c, "lowercase") {
		return x
	}
	return &allium.Call{Fun: &allium.Ident{Name: "lowercase"}, Args: []allium.Arg{{Value: x}}}
}

// maxSpreadDepth bounds how deep createEntryArgs follows spreads of
// spreads (an object literal that spreads itself through a loop).
const maxSpreadDepth = 4

// createArg sets field f of a creation of ent to x, as the column stores
// it (storedForm: hashed by a hook, lower-cased by the store).
func (rc *ruleCtx) createArg(args []allium.Arg, ent *entityInfo, f *fieldInfo, x allium.Expr) []allium.Arg {
	if x == nil {
		return args
	}
	x = rc.b.storedForm(ent, f.attr, x, true)
	timeField(f, x)
	f.used = true
	return setArg(args, f.name, rc.b.enumValue(f, x))
}

// partValue is the value a dict-like value built in code holds under key
// (the last entry given wins); given is false when it holds none. A
// spread entry ({...pick(ctx.request.body, keys), provider: 'local'})
// gives the key when it spreads the request's input (the key is an
// input) or another dict value built in code that holds it; a spread the
// walk cannot read is passed over, as it was before spreads were read.
func (rc *ruleCtx) partValue(x *value, key string, out *[]allium.Stmt) (v *value, given bool) {
	return rc.partValueWithin(x, key, 0, out)
}

// partValueWithin is partValue following spreads of spreads depth deep
// at most (maxSpreadDepth).
func (rc *ruleCtx) partValueWithin(x *value, key string, depth int, out *[]allium.Stmt) (v *value, given bool) {
	type candidate struct {
		e      *facts.Expr
		sc     *scope
		spread bool
	}
	var cands []candidate
	for _, part := range x.parts {
		for i := range part.e.Entries() {
			en := &part.e.Entries()[i]
			switch {
			case en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == key:
				cands = append(cands, candidate{e: &en.Value, sc: part.sc})
			case en.Key == nil && en.Value.Kind != facts.ExprDict:
				cands = append(cands, candidate{e: &en.Value, sc: part.sc, spread: true})
			}
		}
	}
	for i := len(cands) - 1; i >= 0; i-- {
		c := cands[i]
		if !c.spread {
			return rc.eval(c.e, c.sc, out, false), true
		}
		var scratch []allium.Stmt
		spread := rc.eval(c.e, c.sc, &scratch, false)
		switch {
		case spread.kind == vReqDict:
			return rc.shapeInput(spread, key, c.sc), true
		case len(spread.parts) > 0 && spread != x && depth < maxSpreadDepth:
			if v, given := rc.partValueWithin(spread, key, depth+1, out); given {
				return v, true
			}
		}
	}
	return unknownValue, false
}

// recastRow reads an object literal that copies a row and re-reads some of
// its fields ({...dbInvitation, inviteeRole: TeamAccessRole[dbInvitation.
// inviteeRole]}, a helper casting a database row to the API's model) as
// that row: every entry after the spread is a field of the row's entity
// whose value is worked out from that same field of the same row, so each
// field still holds the row's value, in another type. It returns nil for
// any other literal, before evaluating any entry but the spread.
func (rc *ruleCtx) recastRow(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	entries := e.Entries()
	if len(entries) == 0 || entries[0].Key != nil || entries[0].Value.Kind != facts.ExprName {
		return nil
	}
	source := entries[0].Value.Name()
	for _, en := range entries[1:] {
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			return nil
		}
		field := en.Key.Value()
		readsSameField := en.Value.Any(func(x *facts.Expr) bool {
			return x.Kind == facts.ExprAttr && x.Name() == field && x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == source
		})
		if !readsSameField {
			return nil
		}
	}
	row := rc.eval(&entries[0].Value, sc, out, false)
	if row.kind != vEntity {
		return nil
	}
	ent := rc.b.entByName[row.ent]
	if ent == nil {
		return nil
	}
	for _, en := range entries[1:] {
		if f := ent.attrs[en.Key.Value()]; f == nil || f.drop {
			return nil
		}
	}
	return row
}
