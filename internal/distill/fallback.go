package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// lookupFallback reads a lookup that falls back to another when the row
// is missing:
//
//	try:
//	    user = UserModel._default_manager.get(email=email)
//	    return user
//	except ObjectDoesNotExist:
//	    status = UserStatus._default_manager.get(secondary_email=email)
//	    return status.user
//
// as one value, let user = User{email} ?? UserStatus{secondary_email: email}.user,
// which the function returns and which must exist (the fallback raises
// too). It reports false, walking nothing, for any other try.
func (rc *ruleCtx) lookupFallback(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if !sc.inlined || len(s.Handlers()) != 1 || len(s.Else()) > 0 || len(s.Finally()) > 0 {
		return false
	}
	h := &s.Handlers()[0]
	if h.Type == nil || !catalog.MatchAny(rc.b.lang.NotFoundErrors, h.Type.Resolved(), h.Type.Raw()) {
		return false
	}
	first, name := returnedLookup(s.Body)
	second, _ := returnedLookup(h.Body)
	if first == nil || second == nil || name == "" {
		return false
	}
	if rc.isCreateCall(first.call) || rc.isCreateCall(second.call) {
		// try: return Settings.objects.get() except DoesNotExist: return
		// Settings.objects.create(): a row made only when none is found,
		// not a second lookup (lookupOrCreate). Reading the calls to see
		// if they were lookups would state the creation unconditionally
		// (baserow's get_settings, core/handler.py:164-167, made every
		// rule that reads the settings create them).
		return false
	}
	a := rc.eval(first.call, sc, out, false)
	b := rc.eval(second.call, sc, out, false)
	if a.kind != vLookup || b.kind != vLookup || a.q == nil || b.q == nil {
		return false
	}
	ja, jb := rc.b.join(a.q), rc.b.join(b.q)
	if ja == nil || jb == nil || a.q.bad > 0 || b.q.bad > 0 {
		return false
	}
	ent := a.ent
	var alt allium.Expr = jb
	if second.attr != "" {
		v := rc.entityAttr(&value{kind: vEntity, ent: b.ent, expr: jb}, second.attr)
		if v.kind != vEntity || v.ent != ent {
			return false
		}
		alt = v.expr
	} else if b.ent != ent {
		return false
	}
	bn := bindingName(name)
	if bn == "" {
		return false
	}
	if rc.lets[bn] || rc.paramSet[bn] {
		bn = bn + "_" + itoa(len(rc.lets)+1)
	}
	rc.lets[bn] = true
	let := &allium.Let{Meta: rc.b.meta(sc.file, s.Line()), Name: bn, Value: &allium.Binary{Op: allium.OpCoalesce, X: ja, Y: alt}}
	if sc.top {
		rc.body = append(rc.body, let)
	} else {
		*out = append(*out, let)
	}
	v := &value{kind: vEntity, ent: ent, expr: &allium.Ident{Name: bn}}
	if sc.top {
		// The fallback raises when it finds nothing either: what follows
		// happens only for a row found.
		rc.requires(&allium.Unary{Op: allium.OpExists, X: v.expr}, sc, s.Line())
	}
	sc.setRet(v)
	sc.returned = true
	return true
}

// lookupOrCreate reads a helper that returns the row a lookup finds, or
// a row it creates when there is none:
//
//	try:
//	    return Settings.objects.all()[:1].get()
//	except Settings.DoesNotExist:
//	    return Settings.objects.create()
//
// as get_or_create reads (findOrCreate): the creation happens only when no
// row matches, `if not exists Settings{...}: Settings.created(...)`, and
// the helper gives back the lookup's row. Walked as an ordinary try, the
// handler's creation was stated unconditionally, in every rule that read
// the settings (baserow's CoreHandler.get_settings, core/handler.py:
// 156-167). When the lookup cannot be stated (no condition: any row) the
// creation is left out with a note rather than claimed of every call.
func (rc *ruleCtx) lookupOrCreate(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if !sc.inlined || len(s.Handlers()) != 1 || len(s.Else()) > 0 || len(s.Finally()) > 0 {
		return false
	}
	h := &s.Handlers()[0]
	if h.Type == nil || !catalog.MatchAny(rc.b.lang.NotFoundErrors, facts.LastSegment(h.Type.Raw()), h.Type.Resolved()) {
		return false
	}
	first, _ := returnedLookup(s.Body)
	second, _ := returnedLookup(h.Body)
	if first == nil || second == nil || first.attr != "" || second.attr != "" {
		return false
	}
	create := second.call
	if !rc.createCall(create) || create.X.Kind != facts.ExprAttr {
		return false
	}
	recv := rc.eval(create.X.X, sc, out, false)
	if recv.kind != vQuery || recv.ent == "" {
		return false
	}
	found := rc.eval(first.call, sc, out, false)
	rc.b.stats.EffectsSeen++
	var j allium.Expr
	if found.kind == vLookup && found.q != nil && found.ent == recv.ent && found.q.bad == 0 {
		j = rc.b.join(found.q)
	}
	if j == nil {
		rc.untranslated(sc, h.Line, LeftOutValue, "the creation of a "+recv.ent+" when none is found")
		if !rc.b.isSingleton(found, recv.ent) {
			found = unknownValue
		}
	} else {
		var made []allium.Stmt
		if v := rc.eval(create, sc, &made, false); v.kind == vNew || v.kind == vEntity {
			v.createdAt = nil // created inside the if below: no let can name it
		}
		if len(made) > 0 {
			*out = append(*out, &allium.If{Meta: rc.b.meta(sc.file, h.Line), Branches: []allium.IfBranch{{
				Cond: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: j}}, Body: made}}})
		}
	}
	sc.setRet(found)
	sc.returned = true
	return true
}

// createCall reports a call of a create method (Model.objects.create(...)),
// not one that may find the row instead (get_or_create): read before the
// call is walked, since walking it states the creation.
func (rc *ruleCtx) createCall(call *facts.Expr) bool {
	m := call.Method()
	return m != "" && call.X != nil && catalog.Match(rc.b.lang.CreateMethods, m) && !catalog.Match(rc.b.lang.FindOrCreateMethods, m)
}

// lookupStep is a lookup a block returns: the call, and the attribute of
// its result that is returned (status.user), if any.
type lookupStep struct {
	call *facts.Expr
	attr string
}

// returnedLookup reads `x = <call>; return x` or `x = <call>; return
// x.attr` or `return <call>`: the call, what is returned of it, and the
// variable's name (the function's, for a direct return).
func returnedLookup(body []facts.Stmt) (*lookupStep, string) {
	switch len(body) {
	case 1:
		r := &body[0]
		if r.Kind == facts.StmtReturn && r.Value != nil && r.Value.Kind == facts.ExprCall {
			return &lookupStep{call: r.Value}, "found"
		}
	case 2:
		as, r := &body[0], &body[1]
		if as.Kind != facts.StmtAssign || len(as.Targets) != 1 || as.Targets[0].Kind != facts.ExprName || as.Value == nil ||
			as.Value.Kind != facts.ExprCall || r.Kind != facts.StmtReturn || r.Value == nil {
			return nil, ""
		}
		name := as.Targets[0].Name()
		switch {
		case r.Value.Kind == facts.ExprName && r.Value.Name() == name:
			return &lookupStep{call: as.Value}, name
		case r.Value.Kind == facts.ExprAttr && r.Value.X != nil && r.Value.X.Kind == facts.ExprName && r.Value.X.Name() == name:
			return &lookupStep{call: as.Value, attr: r.Value.Name()}, r.Value.Name()
		}
	}
	return nil, ""
}

// absencePredicate reads a function that tests that rows are absent by
// trying to fetch each:
//
//	def email_is_free(cls, email):
//	    try:
//	        UserModel._default_manager.get(email=email)
//	        return False
//	    except Exception:
//	        pass
//	    try:
//	        UserStatus._default_manager.get(secondary_email=email)
//	        return False
//	    except Exception:
//	        pass
//	    return True
//
// as not exists User{email} and not exists UserStatus{secondary_email: email}.
// It returns nil for any other function.
func (rc *ruleCtx) absencePredicate(fr *funcRef, self *value, call *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	body := fr.fn.Body()
	if len(body) < 2 {
		return nil
	}
	last := &body[len(body)-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprBool || last.Value.Value() != "true" {
		return nil
	}
	var lookups []*facts.Expr
	for i := range body[:len(body)-1] {
		s := &body[i]
		if s.Kind != facts.StmtTry || len(s.Handlers()) != 1 || len(s.Else()) > 0 || len(s.Finally()) > 0 || len(s.Body) != 2 {
			return nil
		}
		for _, st := range s.Handlers()[0].Body {
			if st.Kind != facts.StmtPass {
				return nil
			}
		}
		get, ret := &s.Body[0], &s.Body[1]
		if ret.Kind != facts.StmtReturn || ret.Value == nil || ret.Value.Kind != facts.ExprBool || ret.Value.Value() != "false" {
			return nil
		}
		var x *facts.Expr
		switch {
		case get.Kind == facts.StmtExpr:
			x = get.Value
		case get.Kind == facts.StmtAssign && len(get.Targets) == 1:
			x = get.Value
		}
		if x == nil || x.Kind != facts.ExprCall {
			return nil
		}
		lookups = append(lookups, x)
	}
	if len(lookups) == 0 || slices.Contains(sc.stack, fr.fn.QualName) {
		return nil
	}
	inner := &scope{file: fr.file, vars: map[string]*value{}, depth: sc.depth + 1, stack: append(slices.Clone(sc.stack), fr.fn.QualName),
		inlined: true, top: sc.top, unstated: sc.unstated, cls: fr.class}
	rc.bindCallParams(fr, self, call, sc, inner, out)
	var all allium.Expr
	for _, x := range lookups {
		v := rc.eval(x, inner, out, false)
		if v.kind != vLookup || v.q == nil || v.q.bad > 0 {
			return nil
		}
		j := rc.b.join(v.q)
		if j == nil {
			return nil
		}
		absent := &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: j}}
		if all == nil {
			all = absent
		} else {
			all = &allium.Binary{Op: allium.OpAnd, X: all, Y: absent}
		}
	}
	return exprValue(all)
}
