package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A row built before an if and created after it takes the field values of
// the branch that ran. Under a condition the spec states, a Boolean field
// the branches leave differently is that condition:
//
//	user = User(...)                 # activated defaults to False
//	if not config["ACTIVATE_ACCOUNT"]:
//	    user.activated = True
//	db.session.add(user)
//
// creates the user with activated: not config.activate_account. A field
// only one branch gives a value (the other leaves it without one) is
// stated as given; any other field the branches set differently keeps the
// value it had before the if, with a note, as under a condition the spec
// cannot state (keepPendingRows).

// branchRows lists the rows built before an if, created or not, whose
// fields a branch may set, with the values they have before it. A row
// created before the if shares its values with its creation, which states
// the values it ends with.
func branchRows(vars map[string]*value) []pendingRow {
	var out []pendingRow
	for _, name := range sortedKeys(vars) {
		v := vars[name]
		// A local that holds the row found or the row made (either_rows.go):
		// a branch's write reaches the row made too (plane's
		// sync_user_data(user), authentication/adapter/base.py:345-346).
		for _, r := range append([]*value{v}, v.either...) {
			if r.kind == vNew && !slices.ContainsFunc(out, func(p pendingRow) bool { return p.v == r }) {
				out = append(out, pendingRow{r, slices.Clone(r.args)})
			}
		}
	}
	return out
}

// setArgs gives v the field values args; a row already created has its
// creation restated with them.
func setArgs(v *value, args []allium.Arg) {
	for _, a := range args {
		v.args = setArg(v.args, a.Name, a.Value)
	}
	for i := 0; i < len(v.args); i++ {
		if !slices.ContainsFunc(args, func(a allium.Arg) bool { return a.Name == v.args[i].Name }) {
			v.args = slices.Delete(v.args, i, i+1)
			i--
		}
	}
	v.restate()
}

// branchArgs takes the field values the then branch gave each row, and
// restores the values they had before the if, for the else branch.
func branchArgs(rows []pendingRow) [][]allium.Arg {
	out := make([][]allium.Arg, len(rows))
	for i, p := range rows {
		out[i] = slices.Clone(p.v.args)
		setArgs(p.v, p.args)
	}
	return out
}

// mergeBranchRows gives each row the field values that hold after an if
// under cond: thenArgs those the then branch gave, the row's args now
// those the else branch gave.
func (rc *ruleCtx) mergeBranchRows(rows []pendingRow, thenArgs [][]allium.Arg, cond allium.Expr, sc *scope, line int) {
	for i, p := range rows {
		t, e := thenArgs[i], slices.Clone(p.v.args)
		if sameArgs(t, e) {
			continue
		}
		var merged []allium.Arg
		lost := false
		// A condition on the new row itself (if mystery(user): ...) cannot
		// choose its field in the creation that binds it: E009.
		selfTest := condReadsRow(cond, p.v, sc)
		for _, n := range argNames(t, e) {
			tv, ev := rc.fieldAfter(p.v, t, n), rc.fieldAfter(p.v, e, n)
			var v allium.Expr
			switch {
			case tv != nil && ev != nil && exprKey(tv) == exprKey(ev):
				v = tv
			case tv != nil && ev != nil:
				if !selfTest {
					v = chooseBool(cond, tv, ev)
				}
				if v == nil && !selfTest {
					// Two values of another kind: the one the branch
					// that ran gave (`if password: set_password(p)
					// else: self.password = None` is password: (if
					// exists password: hash(password) else: null)).
					v = &allium.IfExpr{Branches: []allium.IfExprBranch{{Cond: cond, Then: tv}}, Else: ev}
				}
			case tv != nil && rc.inputPresenceTest(cond) && !rc.unreadDefault(p.v, n):
				// Set by one branch only, with no value otherwise:
				// stated as set (`if password is not None:
				// user.set_password(password)` of a required input).
				// A column with a default the spec does not state
				// holds it otherwise (healthchecks' `if tz: profile.tz
				// = tz` of Profile.tz, default "UTC", hc/accounts/
				// views.py:100-102): tz: tz would state the input's
				// absence where the code keeps "UTC"; left out below.
				v = tv
			case tv != nil:
				// Set by one branch only under any other condition
				// (`if sync_enabled(user): user.avatar = ""`): whether
				// the row gets it hangs on the condition; left out.
			default:
				v = ev
			}
			if v == nil {
				v = argValue(p.args, n)
				lost = true
			}
			if v != nil {
				merged = append(merged, allium.Arg{Name: n, Value: v})
			}
		}
		setArgs(p.v, merged)
		if lost {
			rc.untranslated(sc, line, LeftOutCondition, "a field of a new "+p.v.ent+" set under a condition")
		}
	}
}

// unreadDefault reports a field n of the row v's entity whose column
// declares a default the spec does not state (fieldAfter finds none).
func (rc *ruleCtx) unreadDefault(v *value, n string) bool {
	e := rc.b.entByName[v.ent]
	if e == nil {
		return false
	}
	f := e.field(n)
	return f != nil && f.declaresDefault && f.dflt == nil
}

// fieldAfter is the value of field n of a row in args, else its column
// default, else nil.
func (rc *ruleCtx) fieldAfter(v *value, args []allium.Arg, n string) allium.Expr {
	if x := argValue(args, n); x != nil {
		return x
	}
	if e := rc.b.entByName[v.ent]; e != nil {
		if f := e.field(n); f != nil && f.dflt != nil {
			return f.dflt
		}
	}
	return nil
}

func argValue(args []allium.Arg, n string) allium.Expr {
	for _, a := range args {
		if a.Name == n {
			return a.Value
		}
	}
	return nil
}

// argNames are the field names of a then those of b it lacks, in order.
func argNames(a, b []allium.Arg) []string {
	var out []string
	for _, l := range [][]allium.Arg{a, b} {
		for _, x := range l {
			if !slices.Contains(out, x.Name) {
				out = append(out, x.Name)
			}
		}
	}
	return out
}

// chooseBool is the Boolean that is t when cond holds and e otherwise,
// when one of them is a literal true or false (else nil):
// cond ? true : false is cond; cond ? false : e is not cond and e, which
// is e when e already says not cond.
func chooseBool(cond, t, e allium.Expr) allium.Expr {
	tb, tok := boolLit(t)
	eb, eok := boolLit(e)
	and := func(x, y allium.Expr) allium.Expr {
		if exprKey(x) == exprKey(y) {
			return x
		}
		return &allium.Binary{Op: allium.OpAnd, X: x, Y: y}
	}
	or := func(x, y allium.Expr) allium.Expr {
		if exprKey(x) == exprKey(y) {
			return x
		}
		return &allium.Binary{Op: allium.OpOr, X: x, Y: y}
	}
	switch {
	case tok && eok && tb && !eb:
		return cond
	case tok && eok && !tb && eb:
		return negate(cond)
	case tok && tb:
		return or(cond, e)
	case tok:
		return and(negate(cond), e)
	case eok && eb:
		return or(negate(cond), t)
	case eok:
		return and(cond, t)
	}
	return nil
}

func boolLit(x allium.Expr) (bool, bool) {
	l, ok := x.(*allium.Lit)
	if !ok || l.Kind != allium.LitBool {
		return false, false
	}
	return l.Text == "true", true
}

// inputPresenceCond is a test of a request input's presence (`if
// password:`, `if not name:`) written as the condition it is (exists
// password, not exists name), or nil for any other test and for a flag
// input, whose test reads its value.
func (rc *ruleCtx) inputPresenceCond(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	negated := false
	for e != nil && e.Kind == facts.ExprUnary && e.Op() == "not" {
		negated, e = !negated, e.X
	}
	if e == nil || e.Kind != facts.ExprName && e.Kind != facts.ExprAttr {
		return nil
	}
	v := rc.eval(e, sc, out, false)
	if v.kind != vParam || rc.flagInputs[v.param] {
		return nil
	}
	x := rc.valueExpr(v)
	if x == nil {
		return nil
	}
	c := allium.Expr(&allium.Unary{Op: allium.OpExists, X: x})
	if negated {
		c = negate(c)
	}
	return c
}

// rowsChanged reports whether a branch gave any of the rows built before
// the if a field value it did not have.
func rowsChanged(rows []pendingRow) bool {
	return slices.ContainsFunc(rows, func(p pendingRow) bool { return !sameArgs(p.args, p.v.args) })
}

// condReadsRow reports whether cond names row by a local of sc bound to it.
func condReadsRow(cond allium.Expr, row *value, sc *scope) bool {
	names := map[string]bool{}
	for n, v := range sc.vars {
		if v == row {
			names[n] = true
		}
	}
	found := false
	allium.Inspect(cond, func(x allium.Expr) bool {
		if id, ok := x.(*allium.Ident); ok && names[id.Name] {
			found = true
		}
		return !found
	})
	return found
}

// branchFlag is the value of a flag both branches of an if set, one of
// them to a literal Boolean (healthchecks' project view,
// hc/accounts/views.py:366-373: `if user.is_superuser or is_owner: rw =
// True else: membership = get_object_or_404(...); rw = membership.is_rw`):
// after the if the flag holds cond or the else branch's value, which a
// later `if not rw: return HttpResponseForbidden()` tests. A row the
// branch looked up (a let of its own, gone after the if) is written as
// its lookup, and the flag holds only when the row exists: a missing row
// ended the request or left the field unreadable. Nil when the condition
// is unread, a branch leaves k unbound, either value is not an expression
// or reads a binding of its branch the flag cannot carry.
func branchFlag(cond allium.Expr, thenSc, elseSc *scope, thenOut, elseOut []allium.Stmt, k string) *value {
	a, b := thenSc.vars[k], elseSc.vars[k]
	if cond == nil || a == nil || b == nil || a.kind != vExpr || b.kind != vExpr {
		return nil
	}
	t, tok := flagOutOfBranch(a.expr, thenOut)
	e, eok := flagOutOfBranch(b.expr, elseOut)
	if !tok || !eok {
		return nil
	}
	x := chooseBool(cond, t, e)
	if x == nil {
		return nil
	}
	return &value{kind: vExpr, expr: x}
}

// flagOutOfBranch writes x, a value a branch computed, without the lets
// the branch bound (out): each let's name reads as its value, and a row
// looked up (a join) must exist for the value to hold (exists M{...} and
// M{...}.is_rw). ok is false when a let's value is anything else.
func flagOutOfBranch(x allium.Expr, out []allium.Stmt) (allium.Expr, bool) {
	lets := map[string]allium.Expr{}
	for _, st := range out {
		if l, ok := st.(*allium.Let); ok {
			lets[l.Name] = l.Value
		}
	}
	if len(lets) == 0 {
		return x, true
	}
	var rows []allium.Expr
	seen := map[string]bool{}
	ok := true
	var subst func(allium.Expr) allium.Expr
	subst = func(e allium.Expr) allium.Expr {
		switch e := e.(type) {
		case *allium.Ident:
			v, bound := lets[e.Name]
			if !bound {
				return e
			}
			if _, join := v.(*allium.Join); !join {
				ok = false
				return e
			}
			if !seen[e.Name] {
				seen[e.Name] = true
				rows = append(rows, v)
			}
			return v
		case *allium.Member:
			return &allium.Member{ExprPos: e.ExprPos, X: subst(e.X), Name: e.Name, Optional: e.Optional}
		case *allium.Unary:
			return &allium.Unary{ExprPos: e.ExprPos, Op: e.Op, X: subst(e.X)}
		case *allium.Binary:
			return &allium.Binary{ExprPos: e.ExprPos, Op: e.Op, X: subst(e.X), Y: subst(e.Y)}
		case *allium.Lit:
			return e
		}
		// Any other shape: only if it reads no let of the branch.
		allium.Inspect(e, func(n allium.Expr) bool {
			if id, isID := n.(*allium.Ident); isID && lets[id.Name] != nil {
				ok = false
			}
			return ok
		})
		return e
	}
	y := subst(x)
	if !ok {
		return nil, false
	}
	for i := len(rows) - 1; i >= 0; i-- {
		y = &allium.Binary{Op: allium.OpAnd, X: &allium.Unary{Op: allium.OpExists, X: rows[i]}, Y: y}
	}
	return y, true
}

// inputPresenceTest reports a condition that only tests that request
// inputs were given (exists password, password != null, and of them).
func (rc *ruleCtx) inputPresenceTest(cond allium.Expr) bool {
	var x allium.Expr
	switch c := cond.(type) {
	case *allium.Binary:
		if c.Op == allium.OpAnd {
			return rc.inputPresenceTest(c.X) && rc.inputPresenceTest(c.Y)
		}
		x = c.X
	case *allium.Unary:
		x = c.X
	}
	id, ok := x.(*allium.Ident)
	return ok && isPresence(cond) && rc.paramSet[id.Name]
}
