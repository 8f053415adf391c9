package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A value signed with the time into the session object marks a period of
// the session (healthchecks' sudo mode):
//
//	request.session["sudo"] = TimestampSigner().sign("active")
//	...
//	if TimestampSigner().unsign(request.session["sudo"], max_age=1800) == "active":
//
// Reading it back with a maximum age and finding the value signed is the
// period still running: the session's derived value
// in_sudo_mode: sudo_started_at != null and sudo_started_at + config.sudo_duration >= now
// (names from the catalog's sessions.signed_periods). The read may sit in
// a helper of the service's that is given the key and the age
// (_session_unsign(request, "sudo", 1800)).

// sessionPeriod is one period of the session entity: the field holding
// when it began, the derived value saying it runs, and its lifetime.
type sessionPeriod struct {
	started, running string
	life             allium.Expr
}

// signedPeriodCheck is session.<running> for `read == "value"` where read
// unsigns a session value under a literal key with a literal maximum age;
// nil for any other condition.
func (rc *ruleCtx) signedPeriodCheck(e *facts.Expr, sc *scope) allium.Expr {
	b := rc.b
	ss := b.lang.Sessions
	if ss == nil || ss.SignedPeriods == nil || b.userEntity() == "" ||
		e.Kind != facts.ExprCompare || e.Op() != "==" || e.X == nil || e.Y == nil {
		return nil
	}
	read := e.X
	if read.Kind == facts.ExprString {
		read = e.Y
	} else if e.Y.Kind != facts.ExprString {
		return nil
	}
	return rc.sessionPeriodRunning(read, sc, e.Line())
}

// sessionPeriodRunning is session.<running> for read, a call that unsigns
// a session value with a timed signer (sessionUnsign), the rule then
// taking the session; nil for any other call.
func (rc *ruleCtx) sessionPeriodRunning(read *facts.Expr, sc *scope, line int) allium.Expr {
	b := rc.b
	key, age, ok := rc.sessionUnsign(read, sc)
	if !ok {
		return nil
	}
	p := b.sessionPeriodFor(key, age, sc.file, line)
	if p == nil {
		return nil
	}
	b.sessionUser = b.userEntity()
	rc.useParam("session")
	rc.sessionsUser()
	return &allium.Member{X: &allium.Ident{Name: "session"}, Name: p.running}
}

// sessionsUser makes the signed-in user the user of the rule's session
// (session.user), the rule taking the session: a user the rule has not
// stated yet (a trigger parameter no clause uses) becomes it, all its
// holders with it.
func (rc *ruleCtx) sessionsUser() {
	ent := rc.b.userEntity()
	u := &value{kind: vEntity, ent: ent, expr: &allium.Member{X: &allium.Ident{Name: "session"}, Name: "user"}}
	rc.auth = max(rc.auth, authUser)
	switch cur := rc.userVal; {
	case cur == nil:
		rc.userVal = u
	case cur.kind == vEntity && cur.ent == ent && cur.param != "" && !rc.paramSet[cur.param]:
		if _, bare := cur.expr.(*allium.Ident); bare {
			*cur = *u
		}
	}
}

// sessionUnsign reads the key and the maximum age, in seconds, of a call
// that unsigns a session value with a timed signer, directly or through
// a function of the service's whose parameters the call gives them.
func (rc *ruleCtx) sessionUnsign(call *facts.Expr, sc *scope) (string, int64, bool) {
	if call.Kind != facts.ExprCall {
		return "", 0, false
	}
	if key, age, ok := rc.b.unsignArgs(call, nil); ok {
		return key, age, true
	}
	fr := rc.b.ix.function(sc.file, call)
	if fr == nil || fr.class != nil {
		return "", 0, false
	}
	given := map[string]*facts.Expr{}
	for i, p := range fr.fn.Params {
		switch {
		case call.Keyword(p.Name) != nil:
			given[p.Name] = call.Keyword(p.Name)
		case i < len(call.Args()) && call.Args()[i].Kind != facts.ExprStarred:
			given[p.Name] = &call.Args()[i]
		}
	}
	var key string
	var age int64
	found, clash := false, false
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			x.Any(func(c *facts.Expr) bool {
				if k, a, ok := rc.b.unsignArgs(c, given); ok {
					clash = clash || found && (k != key || a != age)
					key, age, found = k, a, true
				}
				return false
			})
		}
		return true
	})
	return key, age, found && !clash // two reads that disagree: neither
}

// unsignArgs reads `Timed().unsign(<session>[key], max_age=n)`: key and n
// are literals, or names given holds a literal for.
func (b *builder) unsignArgs(c *facts.Expr, given map[string]*facts.Expr) (string, int64, bool) {
	st := b.lang.SignedTokens
	if c == nil || c.Kind != facts.ExprCall || c.X == nil || c.X.Kind != facts.ExprAttr ||
		!catalog.Match(st.VerifyMethods, c.Method()) || len(c.Args()) == 0 {
		return "", 0, false
	}
	signer := c.X.X
	if signer == nil || signer.Kind != facts.ExprCall || signer.X == nil ||
		!catalog.MatchAny(st.Timed, signer.X.Resolved(), signer.X.Raw()) {
		return "", 0, false
	}
	v := &c.Args()[0]
	if v.Kind != facts.ExprSubscript || !b.isSessionStore(v.X) {
		return "", 0, false
	}
	arg := func(x *facts.Expr) *facts.Expr {
		if x != nil && x.Kind == facts.ExprName && given[x.Name()] != nil {
			return given[x.Name()]
		}
		return x
	}
	k := arg(v.Y)
	if k == nil || k.Kind != facts.ExprString || !isSnake(k.Value()) {
		return "", 0, false
	}
	for _, name := range st.MaxAgeArgs {
		if a := arg(c.Keyword(name)); a != nil {
			if n, ok := evalInt(a); ok && n > 0 {
				return k.Value(), n, true
			}
		}
	}
	return "", 0, false
}

// sessionPeriodFor records the period a key names, lasting age seconds;
// nil when the catalog's names do not make identifiers or the key's
// period was read with another age.
func (b *builder) sessionPeriodFor(key string, age int64, f *facts.File, line int) *sessionPeriod {
	sp := b.lang.Sessions.SignedPeriods
	name := func(tmpl string) string { return strings.ReplaceAll(tmpl, "{key}", key) }
	started, running, lifetime := name(sp.Started), name(sp.Running), name(sp.Lifetime)
	if !isSnake(started) || !isSnake(running) || !isSnake(lifetime) {
		return nil
	}
	if p := b.sessionPeriods[key]; p != nil {
		return p
	}
	life := b.literalConfig(lifetime, "Duration", durationFrom(age, "seconds"), f, line)
	if life == nil {
		return nil
	}
	if b.sessionPeriods == nil {
		b.sessionPeriods = map[string]*sessionPeriod{}
	}
	p := &sessionPeriod{started: started, running: running, life: life}
	b.sessionPeriods[key] = p
	return p
}

// sessionPeriodMembers are the session entity's fields and derived values
// for its periods, in key order: a key signed or taken out only has its
// field.
func (b *builder) sessionPeriodMembers() []allium.EntityMember {
	var fields, derived []allium.EntityMember
	started := map[string]string{}
	maps.Copy(started, b.sessionStamps)
	for k, p := range b.sessionPeriods {
		started[k] = p.started
	}
	for _, k := range sortedKeys(started) {
		fields = append(fields, &allium.Field{Name: started[k], Type: &allium.Type{Name: "Timestamp", Optional: true}})
	}
	for _, k := range sortedKeys(b.sessionPeriods) {
		p := b.sessionPeriods[k]
		at := &allium.Ident{Name: p.started}
		derived = append(derived, &allium.Derived{Name: p.running, Value: &allium.Binary{Op: allium.OpAnd,
			X: &allium.Binary{Op: allium.OpNe, X: at, Y: &allium.Lit{Kind: allium.LitNull, Text: "null"}},
			Y: &allium.Binary{Op: allium.OpGe, X: &allium.Binary{Op: allium.OpAdd, X: at, Y: p.life}, Y: &allium.Ident{Name: "now"}}}})
	}
	return append(fields, derived...)
}

// A value signed with the time into the session under a key marks when it
// was signed; taking the key out clears that (healthchecks' sudo code):
//
//	request.session["sudo_code"] = TimestampSigner().sign(code)   session.sudo_code_started_at = now
//	request.session.pop("sudo_code")                              session.sudo_code_started_at = null
//
// and finding it there, unexpired, is the period of the key running:
// `if not _session_unsign(request, "sudo_code", 900)` is
// `not session.in_sudo_code_mode`. The signed value itself (a code the
// caller must repeat) is not stated.

// timedSign reads `Timed().sign(...)`: a value signed with the time.
func (b *builder) timedSign(v *facts.Expr) bool {
	st := b.lang.SignedTokens
	if v == nil || v.Kind != facts.ExprCall || v.X == nil || v.X.Kind != facts.ExprAttr || !catalog.Match(st.SignMethods, v.Method()) {
		return false
	}
	signer := v.X.X
	return signer != nil && signer.Kind == facts.ExprCall && signer.X != nil && catalog.MatchAny(st.Timed, signer.X.Resolved(), signer.X.Raw())
}

// sessionStampWrite states `session[key] = Timed().sign(x)` as
// session.<key>_started_at = now; it reports whether the statement was
// such a write.
func (rc *ruleCtx) sessionStampWrite(t, v *facts.Expr, sc *scope, out *[]allium.Stmt, line int) bool {
	if t.Kind != facts.ExprSubscript || !rc.isSessionStore(t.X) || !rc.b.timedSign(v) || t.Y == nil || t.Y.Kind != facts.ExprString {
		return false
	}
	return rc.sessionStamp(t.Y.Value(), &allium.Ident{Name: "now"}, sc, out, line)
}

// sessionStampPop states `session.pop(key)` (a catalogued store removal)
// of a key the service signs with the time as session.<key>_started_at =
// null; it reports whether the call was one.
func (rc *ruleCtx) sessionStampPop(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) bool {
	ss := rc.b.lang.Sessions
	if ss == nil || !slices.Contains(ss.StoreRemovals, method) || e.X == nil || !rc.isSessionStore(e.X.X) ||
		len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprString || !rc.b.stampedKey(e.Args()[0].Value()) {
		return false
	}
	return rc.sessionStamp(e.Args()[0].Value(), &allium.Lit{Kind: allium.LitNull, Text: "null"}, sc, out, e.Line())
}

// sessionStamp states session.<key>_started_at = value.
func (rc *ruleCtx) sessionStamp(key string, value allium.Expr, sc *scope, out *[]allium.Stmt, line int) bool {
	b := rc.b
	sp := b.lang.Sessions.SignedPeriods
	if sp == nil || b.userEntity() == "" || !isSnake(key) {
		return false
	}
	started := strings.ReplaceAll(sp.Started, "{key}", key)
	if !isSnake(started) {
		return false
	}
	if b.sessionStamps == nil {
		b.sessionStamps = map[string]string{}
	}
	b.sessionStamps[key] = started
	b.sessionUser = b.userEntity()
	b.stats.EffectsSeen++
	rc.useParam("session")
	rc.sessionsUser()
	*out = append(*out, &allium.Assign{Meta: b.meta(sc.file, line),
		Target: &allium.Member{X: &allium.Ident{Name: "session"}, Name: started}, Value: value})
	return true
}

// stampedKey reports a key the service signs with the time into a session
// object somewhere (sessionStampWrite's statements).
func (b *builder) stampedKey(key string) bool {
	if b.stampedKeys == nil {
		b.stampedKeys = map[string]bool{}
		for _, f := range b.ix.files {
			var visit func(body []facts.Stmt)
			visit = func(body []facts.Stmt) {
				facts.Walk(body, func(s *facts.Stmt) bool {
					if fn := s.Func(); s.Kind == facts.StmtFunction && fn != nil {
						visit(fn.Body()) // a decorator's wrapper
					}
					if s.Kind == facts.StmtAssign && len(s.Targets) == 1 {
						t := &s.Targets[0]
						if t.Kind == facts.ExprSubscript && b.isSessionStore(t.X) && t.Y != nil && t.Y.Kind == facts.ExprString && b.timedSign(s.Value) {
							b.stampedKeys[t.Y.Value()] = true
						}
					}
					return true
				})
			}
			for i := range f.Functions {
				visit(f.Functions[i].Body())
			}
			for i := range f.Classes {
				for j := range f.Classes[i].Methods {
					visit(f.Classes[i].Methods[j].Body())
				}
			}
		}
	}
	return b.stampedKeys[key]
}

// signedPresence is session.<running> for a bare read of a value signed
// with the time (`if not _session_unsign(request, "sudo_code", 900)`):
// the value is there and has not expired. nil for any other expression.
func (rc *ruleCtx) signedPresence(e *facts.Expr, sc *scope) allium.Expr {
	b := rc.b
	if b.lang.Sessions == nil || b.lang.Sessions.SignedPeriods == nil || b.userEntity() == "" || e.Kind != facts.ExprCall {
		return nil
	}
	return rc.sessionPeriodRunning(e, sc, e.Line())
}
