package distill

import (
	"slices"
	"strings"
	"unicode"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// condLookup reads an if whose two branches each look the same kind of
// instance up into the same variable, and do nothing else:
//
//	if "@" in username_or_email:
//	    user = crud_users.get(db=db, email=username_or_email)
//	else:
//	    user = crud_users.get(db=db, username=username_or_email)
//
// as one binding, let user = if cond: User{email: ...} else: User{username: ...}.
// It reports false, changing nothing, for any other if.
func (rc *ruleCtx) condLookup(s *facts.Stmt, cond allium.Expr, thenSc, elseSc *scope, thenOut, elseOut []allium.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if cond == nil || len(s.Else()) == 0 || len(thenOut) == 0 || len(elseOut) == 0 || !onlyLets(thenOut) || !onlyLets(elseOut) {
		return false
	}
	type bound struct {
		name string
		ent  string
		a, b allium.Expr
	}
	var found []bound
	used := 0
	for k, tv := range thenSc.vars {
		ev := elseSc.vars[k]
		if old, ok := sc.vars[k]; ok && (old == tv || old == ev) {
			continue
		}
		if ev == nil || tv == ev {
			continue
		}
		if tv.kind != vEntity || ev.kind != vEntity || tv.ent != ev.ent || tv.param != "" || ev.param != "" {
			return false
		}
		a, b := letValue(thenOut, tv.expr), letValue(elseOut, ev.expr)
		if a == nil || b == nil {
			return false
		}
		found = append(found, bound{name: k, ent: tv.ent, a: a, b: b})
		used += 2
	}
	if len(found) != 1 || used != len(thenOut)+len(elseOut) {
		// Each branch's lets must be exactly the one lookup.
		return false
	}
	f := found[0]
	bn := bindingName(f.name)
	if bn == "" {
		return false
	}
	if rc.paramSet[bn] {
		bn = bn + "_" + itoa(len(rc.lets)+1)
	}
	rc.lets[bn] = true
	let := &allium.Let{Meta: rc.b.meta(sc.file, s.Line()), Name: bn, Value: &allium.IfExpr{
		Branches: []allium.IfExprBranch{{Cond: cond, Then: f.a}}, Else: f.b}}
	if sc.top {
		rc.body = append(rc.body, let)
	} else {
		*out = append(*out, let)
	}
	sc.vars[f.name] = &value{kind: vEntity, ent: f.ent, expr: &allium.Ident{Name: bn}}
	return true
}

// letValue is the value of the let in list that binds the name x is.
func letValue(list []allium.Stmt, x allium.Expr) allium.Expr {
	id, ok := x.(*allium.Ident)
	if !ok {
		return nil
	}
	for _, st := range list {
		if l, ok := st.(*allium.Let); ok && l.Name == id.Name {
			return l.Value
		}
	}
	return nil
}

// bothBind reports that the two branches of an if bind k to the same
// value v (expire = now + delta on one, now + the same default on the
// other): after the if, k has that value.
func bothBind(thenSc, elseSc *scope, k string, v *value) bool {
	a, b := thenSc.vars[k], elseSc.vars[k]
	return a != nil && b != nil && (a == v || sameValue(a, v)) && (b == v || sameValue(b, v))
}

// substringTest writes `"@" in s` as contains(s, "@"): a needle no
// identifier could be (it holds punctuation or spaces) is looked for in a
// text, not in a collection of names or values. A needle without white
// space is looked for in the text a trim was given (`"@" in
// s.strip()` is contains(s, "@")): cutting white space at the ends
// cannot make or break the match.
func (b *builder) substringTest(e *facts.Expr, op string, x, y allium.Expr) allium.Expr {
	if op != allium.OpIn && op != allium.OpNotIn || e.X.Kind != facts.ExprString || e.X.Value() == "" {
		return nil
	}
	switch y.(type) {
	case *allium.SetLit, *allium.ListLit:
		return nil
	}
	for _, r := range e.X.Value() {
		if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			return nil
		}
	}
	if !strings.ContainsFunc(e.X.Value(), unicode.IsSpace) {
		y = b.withoutEndTrims(y)
	}
	c := &allium.Call{Fun: &allium.Ident{Name: "contains"}, Args: []allium.Arg{{Value: y}, {Value: x}}}
	if op == allium.OpNotIn {
		return negate(c)
	}
	return c
}

// partialOrGuard states what it can of a failing guard `if a or b: fail`
// whose whole condition could not be translated: each alternative fails
// the request on its own, so each one translated is a precondition (not
// a) and the others are left out. It reports whether any was stated.
func (rc *ruleCtx) partialOrGuard(c *facts.Expr, sc *scope, out *[]allium.Stmt, line int) bool {
	if c == nil || c.Kind != facts.ExprBoolOp || c.Op() != "or" {
		return false
	}
	var parts []*facts.Expr
	var flat func(e *facts.Expr)
	flat = func(e *facts.Expr) {
		if e.Kind == facts.ExprBoolOp && e.Op() == "or" && e.X != nil && e.Y != nil {
			flat(e.X)
			flat(e.Y)
			return
		}
		parts = append(parts, e)
	}
	flat(c)
	var stated []allium.Expr
	missing := 0
	for _, p := range parts {
		if x := rc.cond(p, sc, out); x != nil && !constantExpr(x) {
			stated = append(stated, x)
		} else {
			missing++
		}
	}
	if len(stated) == 0 {
		return false
	}
	for _, x := range stated {
		rc.requires(negate(x), sc, line)
	}
	if missing > 0 {
		rc.untranslated(sc, line, LeftOutGuard, "a part of a guard")
	}
	return true
}

// condOwnedLookup reads an if whose branches find the same instance by
// its id, one of them narrowing the lookup by more fields, and do
// nothing else:
//
//	if is_admin():
//	    token = Tokens.query.filter_by(id=token_id).first_or_404()
//	else:
//	    token = Tokens.query.filter_by(id=token_id, user_id=user.id).first_or_404()
//
// as the instance the trigger names (token) and the precondition that the
// narrowing fields hold unless cond does: requires user.is_admin or
// token.user = user. It reports false, changing nothing, for any other if.
func (rc *ruleCtx) condOwnedLookup(s *facts.Stmt, cond allium.Expr, thenSc, elseSc *scope, thenOut, elseOut []allium.Stmt, sc *scope) bool {
	if cond == nil || len(s.Else()) == 0 || !sc.top || len(thenOut)+len(elseOut) != 1 || !onlyLets(thenOut) || !onlyLets(elseOut) {
		return false
	}
	whole, narrowed, whole1 := thenSc, elseSc, true
	if len(thenOut) == 1 {
		whole, narrowed, whole1 = elseSc, thenSc, false
	}
	lets := elseOut
	if !whole1 {
		lets = thenOut
	}
	var name string
	var inst *value
	var join *allium.Join
	for k, nv := range narrowed.vars {
		if old, ok := sc.vars[k]; ok && old == nv {
			continue
		}
		if nv.kind == vEntity && nv.param != "" {
			continue // an input bound on the way (the signed-in user)
		}
		wv := whole.vars[k]
		if inst != nil || wv == nil || wv.kind != vEntity || wv.param == "" || nv.kind != vEntity || nv.ent != wv.ent || nv.param != "" {
			return false
		}
		j, ok := letValue(lets, nv.expr).(*allium.Join)
		if !ok || j.Entity != wv.ent {
			return false
		}
		name, inst, join = k, wv, j
	}
	for k, wv := range whole.vars {
		if old, ok := sc.vars[k]; (!ok || old != wv) && k != name && !(wv.kind == vEntity && wv.param != "") {
			return false
		}
	}
	if inst == nil {
		return false
	}
	ent := rc.b.entByName[inst.ent]
	if ent == nil {
		return false
	}
	var conds []allium.Expr
	var idParam string
	for _, f := range join.Fields {
		val := f.Value
		if val == nil {
			val = &allium.Ident{Name: f.Name}
		}
		if slices.Contains(rc.b.lang.IDAttrs, f.Name) || f.Name == ent.pk {
			id, ok := val.(*allium.Ident)
			if !ok || idParam != "" {
				return false
			}
			idParam = id.Name
			continue
		}
		conds = append(conds, &allium.Binary{Op: allium.OpEq, X: &allium.Member{X: inst.expr, Name: f.Name}, Y: val})
	}
	if idParam == "" || len(conds) == 0 {
		return false
	}
	if idParam != inst.param && rc.paramSet[idParam] {
		// The id the instance was found by: the trigger names the instance.
		delete(rc.paramSet, idParam)
		rc.params = slices.DeleteFunc(rc.params, func(x string) bool { return x == idParam })
	}
	narrowing := conds[0]
	for _, c := range conds[1:] {
		narrowing = &allium.Binary{Op: allium.OpAnd, X: narrowing, Y: c}
	}
	if !whole1 {
		cond = negate(cond)
	}
	rc.touch(inst)
	rc.requires(&allium.Binary{Op: allium.OpOr, X: cond, Y: narrowing}, sc, s.Line())
	for k, v := range narrowed.vars {
		if old, ok := sc.vars[k]; (!ok || old != v) && k != name {
			sc.vars[k] = v
		}
	}
	sc.vars[name] = inst
	return true
}
