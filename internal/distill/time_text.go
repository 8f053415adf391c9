package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A function of the service that only writes its one parameter, a time,
// as text in the database's format stores the same instant; its call
// reads as its argument (the catalog's time_text_calls name the calls it
// may be built of):
//
//	function dateToUTC(date) {
//	  const dateUTC = date instanceof Date ? date.toISOString() : new Date(date).toISOString();
//	  if (knex.isSQLite) return dateUTC.substring(0, 10) + " " + dateUTC.substring(11, 19);
//	  if (knex.isMySQL) return format(new Date(date), "yyyy-MM-dd HH:mm:ss");
//	  return dateUTC;
//	}
//
// reset_password_expires: [">", dateToUTC(new Date())] filters on
// reset_password_expires > now. Which branch runs depends on the
// deployment, not on the request, so the tests of its ifs do not matter.

// writesTimeAsText reports whether fn takes one parameter and is only
// local assignments, ifs and returns whose values build text from that
// parameter with the catalog's time_text_calls, the timestamp readers
// (new Date(date)), literals and concatenation; every return reads the
// parameter.
func (b *builder) writesTimeAsText(fn *facts.Function) bool {
	if fn == nil || len(fn.Params) != 1 || fn.Params[0].Name == "" || len(b.lang.TimeTextCalls) == 0 {
		return false
	}
	derived := map[string]bool{fn.Params[0].Name: true}
	returns := false
	var block func(list []facts.Stmt) bool
	block = func(list []facts.Stmt) bool {
		for i := range list {
			s := &list[i]
			switch s.Kind {
			case facts.StmtAssign:
				if len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Value == nil || !b.timeText(s.Value, derived) {
					return false
				}
				derived[s.Targets[0].Name()] = true
			case facts.StmtReturn:
				if s.Value == nil || !b.timeText(s.Value, derived) || !readsNames(s.Value, derived) {
					return false
				}
				returns = true
			case facts.StmtIf:
				if !block(s.Body) || !block(s.Else()) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return block(fn.Body()) && returns
}

// timeText reports whether e builds text only from the names in derived
// (the parameter and locals made of it) with time_text_calls, timestamp
// readers, literals, + and conditionals (whose tests may read anything).
func (b *builder) timeText(e *facts.Expr, derived map[string]bool) bool {
	switch e.Kind {
	case facts.ExprName:
		return derived[e.Name()]
	case facts.ExprString, facts.ExprInt:
		return true
	case facts.ExprBinary:
		return e.Op() == "+" && e.X != nil && e.Y != nil && b.timeText(e.X, derived) && b.timeText(e.Y, derived)
	case facts.ExprCond:
		return e.X != nil && e.Y != nil && b.timeText(e.X, derived) && b.timeText(e.Y, derived)
	case facts.ExprCall:
		if e.X == nil || len(e.Keywords()) > 0 {
			return false
		}
		switch {
		case e.X.Kind == facts.ExprAttr && catalog.Match(b.lang.TimeTextCalls, e.X.Name()):
			// date.toISOString(), text.substring(0, 10): the receiver
			// must be made of the parameter too.
			if e.X.X == nil || !b.timeText(e.X.X, derived) {
				return false
			}
		case e.X.Kind == facts.ExprName && (catalog.MatchAny(b.lang.TimeTextCalls, e.Resolved(), e.Raw()) || catalog.MatchAny(b.lang.TimestampReaders, e.Resolved(), e.Raw())):
		default:
			return false
		}
		for i := range e.Args() {
			if !b.timeText(&e.Args()[i], derived) {
				return false
			}
		}
		return true
	}
	return false
}

// readsNames reports whether e reads one of names.
func readsNames(e *facts.Expr, names map[string]bool) bool {
	return e.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && names[x.Name()] })
}

// timeTextCall reads a call of a function that writes a time as text
// (writesTimeAsText) as its argument, when the walk knows that argument
// as a time (now, or now plus or minus a duration); nil otherwise.
func (rc *ruleCtx) timeTextCall(fr *funcRef, call *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if call == nil || len(call.Args()) != 1 || len(call.Keywords()) > 0 || !rc.b.writesTimeAsText(fr.fn) {
		return nil
	}
	v := rc.eval(&call.Args()[0], sc, out, false)
	if v == nil || v.kind != vExpr || !clockTime(v.expr) {
		return nil
	}
	return v
}

// clockTime reports now, or now plus or minus something.
func clockTime(x allium.Expr) bool {
	if b, ok := x.(*allium.Binary); ok && (b.Op == allium.OpAdd || b.Op == allium.OpSub) {
		x = b.X
	}
	id, ok := x.(*allium.Ident)
	return ok && id.Name == "now"
}

// timeShift reads a call that moves a time by a number of a unit (the
// catalog's time_shifts: date-fns's addMinutes(new Date(), 30)) as the
// time plus that duration, now + 30.minutes, when the time is one the
// walk knows and the number a literal; nil for any other call.
func (rc *ruleCtx) timeShift(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.Kind != facts.ExprCall || len(e.Args()) != 2 || len(e.Keywords()) > 0 || len(rc.b.lang.TimeShifts) == 0 {
		return nil
	}
	unit, _ := calledEntry(rc.b.lang.TimeShifts, e)
	if unit == "" {
		return nil
	}
	op := allium.OpAdd
	if back, ok := strings.CutPrefix(unit, "-"); ok {
		op, unit = allium.OpSub, back
	}
	n, ok := litInt(&e.Args()[1])
	if !ok || n <= 0 {
		return nil
	}
	d := durationFrom(n, unit)
	t := rc.eval(&e.Args()[0], sc, out, false)
	if d == nil || t == nil || t.kind != vExpr || !clockTime(t.expr) {
		return nil
	}
	return exprValue(&allium.Binary{Op: op, X: t.expr, Y: d})
}

// timeComparison reads a catalogued comparison of two times (date-fns's
// isBefore(new Date(user.resetTokenDate), subDays(new Date(), 7))) as the
// operator between them: user.reset_token_date < now - 7.days. nil when
// e is none; unknown when a side cannot be stated (what reads it is left
// out).
func (rc *ruleCtx) timeComparison(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.Kind != facts.ExprCall || len(e.Args()) != 2 || len(e.Keywords()) > 0 || len(rc.b.lang.TimeComparisons) == 0 {
		return nil
	}
	op, _ := calledEntry(rc.b.lang.TimeComparisons, e)
	if op == "" {
		return nil
	}
	x, y := rc.tr(&e.Args()[0], sc, out), rc.tr(&e.Args()[1], sc, out)
	if x == nil || y == nil {
		return unknownValue
	}
	if b, ok := y.(*allium.Binary); ok && (b.Op == allium.OpAdd || b.Op == allium.OpSub) && mentionsNow(b.X) && !mentionsNow(b.Y) && !mentionsNow(x) {
		// a < now - 7.days is a + 7.days < now: the lifetime on the
		// stored time's side, as the spec writes an expiry.
		moved := allium.OpSub
		if b.Op == allium.OpSub {
			moved = allium.OpAdd
		}
		x, y = &allium.Binary{Op: moved, X: x, Y: rc.storedTimeLifetime(x, b.Y, sc, e.Line())}, b.X
	}
	return exprValue(&allium.Binary{Op: op, X: x, Y: y})
}

// storedTimeLifetime names a lifetime written in the code that a stored
// time is compared against (user.reset_token_date + 7.days >= now) as
// the spec names it, a parameter after the time's subject:
// config.reset_token_lifetime. Anything else is left as it is.
func (rc *ruleCtx) storedTimeLifetime(stored, life allium.Expr, sc *scope, line int) allium.Expr {
	m, ok := stored.(*allium.Member)
	if _, lit := life.(*allium.Duration); !ok || !lit {
		return life
	}
	for _, suffix := range []string{"_date", "_at"} {
		if stem, cut := strings.CutSuffix(m.Name, suffix); cut && isSnake(stem) {
			return rc.b.literalConfig(stem+"_lifetime", "Duration", life, sc.file, line)
		}
	}
	return life
}

// inSeconds reports a divisor that turns a time counted in the
// timestamp unit into seconds: 1000 when that unit is ms.
func (rc *ruleCtx) inSeconds(divisor *facts.Expr) bool {
	n, ok := evalInt(divisor)
	return ok && n == 1000 && rc.b.lang.TimestampUnit == "ms"
}

// dateSetterShift reads a catalogued setter of a time given its own
// getter's value moved (expiresOn.setHours(expiresOn.getHours() + 24),
// invite.expires_at.setDate(invite.expires_at.getDate() + 7)) on a time
// the walk knows (now, or now plus a lifetime): a local holds the later
// time from here on; a field's stated value (invite.expires_at = now) is
// restated as the later time. A lifetime written as a number becomes a
// parameter named after the field's entity (invite_lifetime). False for
// any other call, or an amount the spec cannot state.
func (rc *ruleCtx) dateSetterShift(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) bool {
	unit := rc.b.lang.DateSetters[method]
	if unit == "" || len(e.Args()) != 1 || e.X == nil || e.X.X == nil {
		return false
	}
	arg, target := &e.Args()[0], e.X.X
	if arg.Kind != facts.ExprBinary || arg.Op() != "+" && arg.Op() != "-" || arg.X == nil || arg.Y == nil || arg.X.Kind != facts.ExprCall ||
		arg.X.X == nil || arg.X.X.X == nil || arg.X.Method() != "get"+strings.TrimPrefix(method, "set") {
		return false
	}
	if from := arg.X.X.X; from.Raw() != target.Raw() && !rc.sameTime(from, recv, sc) {
		return false
	}
	d := rc.amountIn(arg.Y, unit, sc, out)
	if d == nil {
		return false
	}
	op := allium.OpAdd
	if arg.Op() == "-" {
		op = allium.OpSub
	}
	switch target.Kind {
	case facts.ExprName:
		if recv == nil || !isTimeValue(recv) {
			return false
		}
		// A lifetime written in the code stays a literal on a local,
		// which knows no field to name a parameter after: where the
		// local goes decides (a signed token's exp claim names its
		// expiry parameter; a column keeps the literal).
		sc.vars[target.Name()] = exprValue(&allium.Binary{Op: op, X: recv.expr, Y: d})
		return true
	case facts.ExprAttr:
		a := rc.lastTimeAssignment(target, sc, out)
		if a == nil {
			return false
		}
		if _, lit := d.(*allium.Duration); lit {
			ent := rc.b.entByName[rc.eval(target.X, sc, &[]allium.Stmt{}, false).ent]
			if ent == nil {
				return false
			}
			d = rc.b.literalConfig(snake(ent.name)+"_lifetime", "Duration", d, sc.file, e.Line())
		}
		a.Value = &allium.Binary{Op: op, X: a.Value, Y: d}
		rc.assigned[exprKey(a.Target)] = a.Value
		return true
	}
	return false
}

// amountIn is a number of unit as a lifetime: a literal as a duration,
// a config parameter as a Duration counted in that unit; nil for anything
// else.
func (rc *ruleCtx) amountIn(x *facts.Expr, unit string, sc *scope, out *[]allium.Stmt) allium.Expr {
	if n, ok := evalInt(x); ok {
		return durationFrom(n, unit)
	}
	v := rc.eval(x, sc, out, false)
	if v.kind != vExpr {
		return nil
	}
	if isConfigRef(v.expr) {
		rc.b.asUnit(v.expr.(*allium.Member).Name, unit)
		return v.expr
	}
	if l, ok := v.expr.(*allium.Lit); ok && l.Kind == allium.LitNumber {
		if n, ok := evalInt(facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: l.Text})); ok {
			return durationFrom(n, unit)
		}
	}
	return nil
}

// lastTimeAssignment is the outcome stated last for the field t names
// when it sets a time reckoned from now (invite.expires_at = now); nil
// when the last one sets anything else, or there is none.
func (rc *ruleCtx) lastTimeAssignment(t *facts.Expr, sc *scope, out *[]allium.Stmt) *allium.Assign {
	var scratch []allium.Stmt
	obj := rc.tr(t.X, sc, &scratch)
	if obj == nil {
		return nil
	}
	want := allium.ExprString(obj)
	for i := len(*out) - 1; i >= 0; i-- {
		if a, ok := (*out)[i].(*allium.Assign); ok {
			if m, ok := a.Target.(*allium.Member); ok && m.Name == snake(t.Name()) && allium.ExprString(m.X) == want {
				if isTimeValue(exprValue(a.Value)) {
					return a
				}
				return nil
			}
		}
	}
	return nil
}

// sameTime reports whether from, the time a setter's argument reads its
// part of (today in exp.setDate(today.getDate() + 60)), holds the time
// recv, the setter's receiver, holds (exp = new Date(today)): both now.
func (rc *ruleCtx) sameTime(from *facts.Expr, recv *value, sc *scope) bool {
	if recv == nil || recv.kind != vExpr || from.Kind != facts.ExprName {
		return false
	}
	v := rc.eval(from, sc, &[]allium.Stmt{}, false)
	return v.kind == vExpr && v.expr != nil && recv.expr != nil && allium.ExprString(v.expr) == allium.ExprString(recv.expr)
}
