package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A user model that writes its own session identity method (the catalog's
// sessions.identity_methods, Flask-Login's get_id) from its own fields
// binds every session to the values those fields had when it began:
// redash's get_id is the id and an md5 of email and password_hash, and its
// loader answers no user for a session whose identity no longer matches.
// Assigning one of those fields therefore ends the user's sessions:
//
//	user.hash_password(password)   ->   let old_sessions = user.sessions
//	login_user(user)                    ensures:
//	                                        user.password_hash = hash(password)
//	                                        for s in old_sessions: not exists s
//	                                        Session.created(user: user, ...)
//
// The sessions are bound by a rule-level let, which reads the state before
// the rule: a loop over user.sessions inside ensures would read the state
// after it, where the session the rule starts afterwards (login_user) is
// one of them too, and the spec would say that session both begins and
// ends.

// identityChanged states that the sessions of the user obj end when the
// rule assigned field, which the user's session identity reads.
func (rc *ruleCtx) identityChanged(obj *value, ent *entityInfo, field string, sc *scope, out *[]allium.Stmt, line int) {
	b := rc.b
	ss := b.lang.Sessions
	if ss == nil || ss.Entity == "" || obj.expr == nil || ent.name != b.userEntity() {
		return
	}
	if b.entByName[ss.Entity] != nil || (b.sessionUser != "" && b.sessionUser != ent.name) {
		return // a session model of the service's own, or sessions of another entity
	}
	if !b.identityReads(ent).reads[field] {
		return
	}
	key := exprKey(obj.expr)
	done := rc.identityEnded[key]
	if done != nil && done.always {
		return
	}
	meta := b.meta(sc.file, line)
	if done == nil {
		done = &identityEnd{}
		if rc.identityEnded == nil {
			rc.identityEnded = map[string]*identityEnd{}
		}
		rc.identityEnded[key] = done
		b.sessionUser = ent.name
		done.sessions = &allium.Member{X: obj.expr, Name: b.sessionsRel(ent, ss.Entity, b.identityReads(ent).meta)}
		if rc.boundBeforeEnsures(obj.expr) {
			name := "old_sessions"
			for n := 2; rc.lets[name] || rc.paramSet[name]; n++ {
				name = "old_sessions_" + itoa(n)
			}
			rc.lets[name] = true
			rc.body = append(rc.body, &allium.Let{Meta: meta, Name: name, Value: done.sessions})
			done.sessions = &allium.Ident{Name: name}
		}
	}
	var end allium.Stmt = &allium.For{Meta: meta, Var: "s", Coll: done.sessions,
		Body: []allium.Stmt{&allium.ExprStmt{Meta: meta,
			X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: "s"}}}}}}
	changed := rc.identityValueChanged(obj, field, meta)
	if changed == nil {
		done.always = true
		// An end stated under a condition before (a new email, then a
		// new password): the sessions now end whatever it was.
		if i := slices.Index(*out, allium.Stmt(done.under)); done.under != nil && i >= 0 {
			(*out)[i] = end
			return
		}
	} else {
		if done.under != nil {
			// Another field that may change: the sessions end when either does.
			done.under.Branches[0].Cond = &allium.Binary{Op: allium.OpOr, X: done.under.Branches[0].Cond, Y: changed}
			return
		}
		done.under = &allium.If{Meta: meta, Branches: []allium.IfBranch{{Cond: changed, Body: []allium.Stmt{end}}}}
		end = done.under
	}
	*out = append(*out, end)
}

// identityEnd is how a rule ended a user's sessions: the sessions (the
// rule-level let of them), and whether always or under the condition of
// the statement under.
type identityEnd struct {
	sessions allium.Expr
	always   bool
	under    *allium.If
}

// identityValueChanged is the condition under which assigning field of
// obj changes the session identity, or nil when it always does. A value
// computed by a call (hash(password): salted, never the old hash) always
// differs; a plain value (an email the caller gives) may be the one the
// field holds, and then the identity and the sessions stay: redash's
// UserEmail ends them only when the address changes. The comparison reads
// the field before the rule, so it is bound before the ensures, under the
// code's own name when the code kept it in a local
// (email_address_changed), else under <field>_changed
// (pinPreStateConditions binds it).
func (rc *ruleCtx) identityValueChanged(obj *value, field string, meta allium.Meta) allium.Expr {
	current := &allium.Member{X: obj.expr, Name: field}
	x := rc.assigned[exprKey(current)]
	if x == nil {
		return nil
	}
	if _, call := x.(*allium.Call); call {
		return nil
	}
	for _, cmp := range []*allium.Binary{{Op: allium.OpNe, X: x, Y: current}, {Op: allium.OpNe, X: current, Y: x}} {
		if _, ok := rc.localComparisons[exprKey(cmp)]; ok {
			return cmp
		}
	}
	if !rc.boundBeforeEnsures(x) {
		return nil
	}
	cmp := &allium.Binary{Op: allium.OpNe, X: x, Y: current}
	rc.rememberComparison(cmp, field+"_changed", meta)
	return cmp
}

// boundBeforeEnsures reports whether x is read from a name the rule binds
// before its ensures: a parameter, the trigger's binding or a rule-level
// let. A name an ensures block binds (a lookup inside a branch) cannot be
// read by a rule-level let.
func (rc *ruleCtx) boundBeforeEnsures(x allium.Expr) bool {
	id := memberRoot(x)
	if id == nil {
		return false
	}
	if rc.paramSet[id.Name] || (rc.trigger != nil && rc.trigger.Binding == id.Name) {
		return true
	}
	for _, s := range rc.body {
		if l, ok := s.(*allium.Let); ok && l.Name == id.Name {
			return true
		}
	}
	return false
}

// sessionsRel is the name of ent's relationship to its sessions (the
// session entity the catalog names, with user = this), declared on ent,
// where meta says, when it has none.
func (b *builder) sessionsRel(ent *entityInfo, session string, meta allium.Meta) string {
	for _, r := range ent.rels {
		if w, ok := r.With.(*allium.Binary); ok && r.Entity == session && w.Op == allium.OpEq {
			if id, ok := w.X.(*allium.Ident); ok && id.Name == "user" {
				return r.Name
			}
		}
	}
	name := snake(plural(session))
	ent.rels = append(ent.rels, &allium.Relationship{Meta: meta, Name: name, Entity: session,
		With: &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: "user"}, Y: &allium.Ident{Name: "this"}}})
	return name
}

// sessionIdentity is what a user model's session identity method reads:
// its fields by spec name, and where the method is.
type sessionIdentity struct {
	reads map[string]bool
	meta  allium.Meta
}

// identityReads is the set of ent's fields that its session identity
// method reads from self; empty when the model has none of its own.
func (b *builder) identityReads(ent *entityInfo) *sessionIdentity {
	if got := b.identityFields[ent.name]; got != nil {
		return got
	}
	if b.identityFields == nil {
		b.identityFields = map[string]*sessionIdentity{}
	}
	reads := map[string]bool{}
	id := &sessionIdentity{reads: reads}
	b.identityFields[ent.name] = id
	if b.lang.Sessions == nil {
		return id
	}
	for _, m := range b.lang.Sessions.IdentityMethods {
		fr := b.method(ent.name, m)
		if fr == nil || fr.fn == nil {
			continue
		}
		id.meta = b.meta(fr.file, fr.fn.Line)
		self := "self"
		if len(fr.fn.Params) > 0 {
			self = fr.fn.Params[0].Name
		}
		facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
			for _, x := range []*facts.Expr{s.Value, s.Cond} {
				x.Any(func(e *facts.Expr) bool {
					if e.Kind == facts.ExprAttr && e.X != nil && e.X.Kind == facts.ExprName && e.X.Name() == self {
						if f := ent.attrField(e.Name()); f != nil && !f.drop && f.fkEntity == "" {
							reads[f.name] = true
						}
					}
					return false
				})
			}
			return true
		})
	}
	return id
}

// memberRoot is the name a path of members starts from (user of
// user.profile.email, or x itself when it is a name); nil when the path
// starts from anything else.
func memberRoot(x allium.Expr) *allium.Ident {
	for {
		m, ok := x.(*allium.Member)
		if !ok {
			break
		}
		x = m.X
	}
	id, _ := x.(*allium.Ident)
	return id
}
