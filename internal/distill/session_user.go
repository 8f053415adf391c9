package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// A rule whose trigger carries both the signed-in user and the session
// the request came with (Flask-Login's reauthentication: current_user
// checked, confirm_login() marking the session fresh) names one user
// twice: the signed-in user is the session's. The rule takes the session
// alone and reads the user through it, as a person writes it:
//
//	when: Reauth(password, session)
//	requires: verify(password, session.user.password)
//	ensures: session.fresh = true

// userThroughSession rewrites, in the rules of the handler rc walked
// (rules), the signed-in user's parameter as session.user wherever a
// rule's trigger also takes the session of the sessions the spec
// declares for that user (the catalog's session entity, whose user field
// is the signed-in user) and states something of that session. A
// handler whose rules bind the name again (a for variable, a lambda
// parameter, a let) or end the session keeps both parameters.
func (rc *ruleCtx) userThroughSession(rules []*ruleOut) {
	b := rc.b
	ss := b.lang.Sessions
	u := rc.userVal
	if ss == nil || ss.Entity == "" || b.entByName[ss.Entity] != nil ||
		u == nil || u.kind != vEntity || u.param == "" || u.param == "session" || b.sessionUser != u.ent {
		return
	}
	name := u.param
	var takes []*ruleOut
	statesSession := false
	for _, r := range rules {
		if r.rule.Trigger == nil || r.rule.Trigger.Kind != allium.TriggerExternal {
			continue
		}
		if slices.Contains(r.params, "session") && slices.Contains(r.params, name) {
			if _, rebound := nameUses(r.rule.Body, name); rebound {
				return
			}
			takes = append(takes, r)
			reads, _ := nameUses(r.rule.Body, "session")
			statesSession = statesSession || reads
			if endsSession(r.rule.Body) {
				// Signing out (closing the account): the session is
				// gone, the user is the trigger's.
				return
			}
		}
	}
	if !statesSession {
		// The session only rides along (an authentication check read
		// it): the rules state nothing of it, and the user stays the
		// trigger's.
		return
	}
	sessionUser := func() allium.Expr {
		return &allium.Member{X: &allium.Ident{Name: "session"}, Name: "user"}
	}
	step := func(e allium.Expr) (allium.Expr, bool) {
		switch x := e.(type) {
		case *allium.Ident:
			if x.Name == name {
				return sessionUser(), true
			}
		case *allium.Join:
			// User{user} names the variable in shorthand.
			for i := range x.Fields {
				if x.Fields[i].Value == nil && x.Fields[i].Name == name {
					x.Fields[i].Value = sessionUser()
				}
			}
		}
		return e, false
	}
	for _, r := range takes {
		// Statements may be shared by the rules of one handler; the
		// rewrite leaves no name to rewrite again.
		allium.WalkStmts(r.rule.Body, func(s allium.Stmt) bool {
			allium.SetStmtExprs(s, func(x allium.Expr) allium.Expr { return allium.Rewrite(x, step) })
			return true
		})
		r.rule.Trigger.Params = slices.DeleteFunc(r.rule.Trigger.Params, func(p allium.TriggerParam) bool { return p.Name == name })
		r.params = slices.DeleteFunc(r.params, func(p string) bool { return p == name })
	}
}

// nameUses reports whether a clause of list reads name, and whether a
// statement binds it anew (a let, a for variable, a lambda parameter).
func nameUses(list []allium.Stmt, name string) (reads, rebinds bool) {
	allium.WalkStmts(list, func(s allium.Stmt) bool {
		switch x := s.(type) {
		case *allium.Let:
			rebinds = rebinds || x.Name == name
		case *allium.For:
			rebinds = rebinds || x.Var == name
		}
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(e allium.Expr) bool {
				switch x := e.(type) {
				case *allium.Ident:
					reads = reads || x.Name == name
				case *allium.Lambda:
					rebinds = rebinds || x.Param == name
				}
				return true
			})
		}
		return true
	})
	return reads, rebinds
}

// endsSession reports an outcome of list that the session no longer
// exists.
func endsSession(list []allium.Stmt) bool {
	ends := false
	allium.WalkStmts(list, func(s allium.Stmt) bool {
		if x, ok := s.(*allium.ExprStmt); ok {
			if n, ok := x.X.(*allium.Unary); ok && n.Op == allium.OpNot {
				if e, ok := n.X.(*allium.Unary); ok && e.Op == allium.OpExists {
					id, isIdent := e.X.(*allium.Ident)
					ends = ends || isIdent && id.Name == "session"
				}
			}
		}
		return !ends
	})
	return ends
}
