package distill

import "github.com/distill/distill/internal/allium"

// A session the framework keeps (the catalog's sessions.entity, declared
// by distill rather than by a model of the service) that a rule starts
// with an expiry (expires_at: now + config.session_expiry) ends when that
// time comes: the framework answers no user for it afterwards (an expired
// cookie, Flask's permanent_session_lifetime, Django's expire_date). The
// spec states it as a temporal rule, so that expires_at is not a field
// nothing reads:
//
//	rule SessionExpires {
//	    when: session: Session.expires_at <= now
//	    ensures: not exists session
//	}
//
// A session model of the service's own says how it ends in its own code.

// sessionExpiryRule is the temporal rule that ends the framework's
// sessions at their expiry, or nil when no rule gives one an expiry.
func (b *builder) sessionExpiryRule() *ruleOut {
	ss := b.lang.Sessions
	if ss == nil || !b.sessionExpiry || b.sessionUser == "" || b.entByName[ss.Entity] != nil {
		return nil
	}
	name := ss.Entity + "Expires"
	if b.ruleName[name] > 0 {
		return nil // the service has a rule of that name; its own wins
	}
	b.ruleName[name] = 1
	binding := snake(ss.Entity)
	self := &allium.Ident{Name: binding}
	r := &allium.Rule{Name: name,
		Trigger: &allium.Trigger{Kind: allium.TriggerTemporal, Binding: binding,
			Cond: &allium.Binary{Op: allium.OpLe, X: &allium.Member{X: &allium.Ident{Name: ss.Entity}, Name: "expires_at"}, Y: &allium.Ident{Name: "now"}}},
		Body: []allium.Stmt{&allium.Ensures{Body: []allium.Stmt{
			&allium.ExprStmt{X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: self}}}}}}}
	return &ruleOut{rule: r}
}
