package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// stateValue reports a value that names no other instance or input: a
// literal, now, a duration or config value, or arithmetic on them. A
// filter on such a value tests the instance's own state (expires_at >
// now, used = false); one on an input or another instance relates it to
// them (owner = user) and is left to the lookup.
func stateValue(x allium.Expr) bool {
	switch v := x.(type) {
	case *allium.Lit, *allium.Duration:
		return true
	case *allium.Ident:
		return v.Name == "now"
	case *allium.Member:
		return isConfigRef(v)
	case *allium.Binary:
		return (v.Op == allium.OpAdd || v.Op == allium.OpSub) && stateValue(v.X) && stateValue(v.Y)
	}
	return false
}

// enumState reports a literal of a status enum (purpose = verify_email):
// a state of the instance too.
func (b *builder) enumState(x allium.Expr) bool {
	id, ok := x.(*allium.Ident)
	return ok && b.isEnumLiteral(id.Name)
}

// secretLookupFiltered reads a lookup by a secret the spec does not model
// (a token hash, an id) that also filters on the instance's own state:
//
//	select(EmailVerification).where(
//	    EmailVerification.token_hash == token_hash,
//	    EmailVerification.expires_at > utc_now(),
//	)
//
// as the instance named by the caller (a trigger parameter, as a lookup by
// the secret alone is) that must meet the other conditions:
// requires: email_update_record.expires_at > now. It returns nil for any
// other lookup.
func (rc *ruleCtx) secretLookupFiltered(name string, q *query, sc *scope, line int) *value {
	if q == nil || q.via != nil || q.bad > 0 || len(q.conds) < 2 {
		return nil
	}
	var secrets, other []qcond
	for _, c := range q.conds {
		switch {
		case secretField(c.field) && c.op == allium.OpEq && isHashCall(c.val):
			// User{reset_token: hash(token)}: the row keeps its lookup, as
			// bindLookup's does (the secret stored hashed is behaviour).
			return nil
		case secretField(c.field) && c.op == allium.OpEq && c.field != "id" && c.field != "pk" && rc.storedField(c.val, sc):
			// VoucherCode.objects.get(code=checkout.voucher_code,
			// is_active=True) (saleor's get_voucher_for_checkout,
			// checkout/utils.py:549-554): the code a row of the rule
			// keeps, not a secret the request presents; the row found
			// is no input, and its filter no precondition (a missing
			// code is answered with None there).
			return nil
		case secretField(c.field) && c.op == allium.OpEq && c.field != "id" && c.field != "pk":
			secrets = append(secrets, c)
		case c.member != nil:
			// Project.objects.get(code=code, member__user=user): the
			// row named must be the user's (member_rows.go).
			other = append(other, c)
		case c.val != nil && !c.many && !secretField(c.field) && (stateValue(c.val) || rc.b.enumState(c.val) || rc.isCurrentUser(c.val)):
			other = append(other, c)
		default:
			return nil
		}
	}
	if len(secrets) == 0 || len(other) == 0 {
		return nil
	}
	bn := bindingName(name)
	if bn == "" {
		return nil
	}
	v := &value{kind: vEntity, ent: q.ent, expr: &allium.Ident{Name: bn}, param: bn}
	for _, c := range other {
		var cond allium.Expr = &allium.Binary{Op: c.op, X: &allium.Member{X: v.expr, Name: c.field}, Y: c.val}
		if c.member != nil {
			cond = c.member.exists(v.expr, c)
		} else if l, ok := c.val.(*allium.Lit); ok && l.Kind == allium.LitBool && c.op == allium.OpEq {
			cond = &allium.Member{X: v.expr, Name: c.field}
			if l.Text == "false" {
				cond = negate(cond)
			}
		}
		rc.b.stats.GuardsSeen++
		before := len(rc.body)
		rc.requires(cond, sc, line)
		for _, s := range rc.body[before:] {
			if r, ok := s.(*allium.Requires); ok {
				if rc.filterReqs == nil {
					rc.filterReqs = map[string]string{}
				}
				rc.filterReqs[exprKey(r.Cond)] = bn
			}
		}
	}
	if len(secrets) == 1 {
		rc.noteTokenColumnLookup(bn, rc.b.entByName[q.ent], q, secrets[0], sc, line)
	}
	return v
}

// isCurrentUser reports the signed-in user's expression: a lookup by a
// secret among the current user's rows (Credential.objects.get(code=code,
// user=request.user)) names the row, which must be the user's.
func (rc *ruleCtx) isCurrentUser(x allium.Expr) bool {
	u := rc.userVal
	return u != nil && u.kind == vEntity && u.expr != nil && exprKey(u.expr) == exprKey(x)
}

// storedField reports x, a field of a row the rule holds (a row its
// trigger names or one it found): a value kept in the store.
func (rc *ruleCtx) storedField(x allium.Expr, sc *scope) bool {
	if _, ok := x.(*allium.Member); !ok {
		return false
	}
	id := memberRoot(x)
	if id == nil {
		return false
	}
	for _, v := range sc.vars {
		if v != nil && v.kind == vEntity && rc.b.entByName[v.ent] != nil {
			if e, isIdent := v.expr.(*allium.Ident); isIdent && e.Name == id.Name {
				return true
			}
		}
	}
	return false
}

// dropFilterReqsOfTestedRows takes out of the rule the preconditions a
// lookup by a presented secret made of its row's state (filterReqs) when
// the rule does not name the row (neither an input nor a let), or when
// the code tests whether the row was found and goes on either way (the
// rule's outcomes test it, or an if on it ends the request in neither
// branch: polar's upsert_from_stripe_charge makes the payment when none is
// found, payment/service.py:133-141), and the rule does not require the
// row: the filter is no precondition of the request. polar's
// NotificationRecipientService.create looks the device's token up among
// the rows not deleted and makes a new row when there is none
// (notification_recipient/service.py:37-54); `requires:
// existing.deleted_at = null` refused that request.
func (rc *ruleCtx) dropFilterReqsOfTestedRows(body []allium.Stmt) []allium.Stmt {
	if len(rc.filterReqs) == 0 {
		return body
	}
	tested := map[string]bool{}
	allium.WalkStmts(rc.ensures, func(s allium.Stmt) bool {
		if i, ok := s.(*allium.If); ok {
			for _, br := range i.Branches {
				allium.Inspect(br.Cond, func(e allium.Expr) bool {
					if u, ok := e.(*allium.Unary); ok && u.Op == allium.OpExists {
						if id, ok := u.X.(*allium.Ident); ok {
							tested[id.Name] = true
						}
					}
					return true
				})
			}
		}
		return true
	})
	for name := range rc.goesOnWithout {
		tested[name] = true
	}
	for _, s := range body {
		if r, ok := s.(*allium.Requires); ok {
			if u, ok := r.Cond.(*allium.Unary); ok && u.Op == allium.OpExists {
				if id, ok := u.X.(*allium.Ident); ok {
					delete(tested, id.Name) // the rule requires the row: the filter holds
				}
			}
		}
	}
	unbound := map[string]bool{}
	for _, name := range rc.filterReqs {
		if !rc.paramSet[name] && !rc.lets[name] {
			unbound[name] = true
			// The row is no input of the rule any more and no let binds
			// it (its lookup was in a branch whose outcomes were left
			// out: polar's chargeback alert creates a dispute for the
			// payment only when none is found, dispute/service.py:
			// 417-436): its filter reads a name the rule does not have.
			tested[name] = true
		}
	}
	return slices.DeleteFunc(body, func(s allium.Stmt) bool {
		r, ok := s.(*allium.Requires)
		if !ok || !tested[rc.filterReqs[exprKey(r.Cond)]] {
			return false
		}
		name := rc.filterReqs[exprKey(r.Cond)]
		why := ", where the code goes on when none is found"
		if unbound[name] {
			why = ", a row the rule does not name"
		}
		rc.leaveOutAt(r.Prov.File, r.Prov.Line, LeftOutGuard, "a condition the lookup of "+name+" filters on"+why)
		return true
	})
}

// noteGoesOnWithout records the local an if tests for a row (`if x is
// None:`, `if x:`, `if not x:`) when neither branch ends the request.
// Only a row a lookup by a presented secret bound is of interest
// (dropFilterReqsOfTestedRows): for any other the branches are not read.
func (rc *ruleCtx) noteGoesOnWithout(s *facts.Stmt, sc *scope) {
	if len(rc.filterReqs) == 0 {
		return
	}
	c := s.Cond
	if c != nil && c.Kind == facts.ExprUnary && c.Op() == "not" {
		c = c.X
	}
	name := ""
	if n, _, ok := noneTest(c); ok {
		name = n
	} else if c != nil && c.Kind == facts.ExprName {
		name = c.Name()
	}
	if name == "" || !slices.Contains(slices.Collect(maps.Values(rc.filterReqs)), name) || rc.endsRequest(s.Body, sc) || rc.endsRequest(s.Else(), sc) {
		return
	}
	if rc.goesOnWithout == nil {
		rc.goesOnWithout = map[string]bool{}
	}
	rc.goesOnWithout[name] = true
}
