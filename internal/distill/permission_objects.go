package distill

import (
	"fmt"
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// A route's dependency may be an object of the service rather than a
// function: FastAPI calls the object, running its class's __call__.
// Dispatch's routes are guarded so (case/views.py:287-291):
//
//	@router.put("/{case_id}", dependencies=[Depends(PermissionsDependency([CaseEditPermission]))])
//
// where PermissionsDependency keeps the classes it is given and its
// __call__ makes each with the request (auth/permissions.py:123-128), and
// a permission class's constructor turns the request away when its check
// fails (auth/permissions.py:73-103). Such checks read the path, the
// signed-in user's role in an organisation and rows of the route's
// entity, often as "any of these classes" through a helper that swallows
// each one's refusal (any_permission, auth/permissions.py:25-32): the
// spec does not translate them. Left unread, the rule reads as open to
// anyone; so the rule says, above it, which checks guard it, and each is
// counted as a guard left out.

// objectDependency reads entry's dependency when it is an object of a
// service class with a __call__ (Depends(C(args))): it states, as the
// rule's comment, the checks its call makes. False when entry is no such
// object.
func (rc *ruleCtx) objectDependency(f *facts.File, dep *facts.Expr, sc *scope) bool {
	b := rc.b
	if dep == nil || dep.Kind != facts.ExprCall || dep.X == nil {
		return false
	}
	cr := b.ix.class(f, dep.X)
	if cr == nil || b.entByQual[cr.qual()] != nil {
		return false
	}
	call := b.ix.method(cr, "__call__")
	if call == nil {
		return false
	}
	checks := b.madeByCall(f, dep, cr, call)
	if len(checks) == 0 {
		what := fmt.Sprintf("the checks of %s (%s:%d)", dep.X.Raw(), call.file.Path, call.fn.Line)
		rc.untranslated(sc, dep.Line(), LeftOutGuard, what)
		rc.addDoc("who may call it: " + what + ", not translated")
		return true
	}
	for _, c := range checks {
		what := fmt.Sprintf("%s (%s:%d)", c.class.Name, c.file.Path, c.class.Line)
		rc.untranslated(sc, dep.Line(), LeftOutGuard, "the check of "+what)
		if attr, lits, ok := b.roleSet(c, 0); ok {
			// The check is only that one attribute (the user's role in the
			// organisation the path names) is one of some literals: say
			// which, though the attribute itself is not translated.
			rc.addDoc(fmt.Sprintf("who may call it: the service's own check %s, passed when its %s is %s; the %s is not translated", what, attr, orList(lits), attr))
			continue
		}
		rc.addDoc("who may call it: the service's own check " + what + ", not translated")
	}
	return true
}

// addDoc adds line to the comment above the rule, once.
func (rc *ruleCtx) addDoc(line string) {
	for _, d := range rc.docs {
		if d == line {
			return
		}
	}
	rc.docs = append(rc.docs, line)
}

// madeByCall is the classes of the service an object's __call__ makes
// when it only loops over a list its constructor keeps and calls each
// item (for permission_class in self.permissions_classes:
// permission_class(request=request)), the list being the literal the
// object was made with in dep (written in f). Nil when __call__ does
// anything else, or an item is no class of the service.
func (b *builder) madeByCall(f *facts.File, dep *facts.Expr, cr *classRef, call *funcRef) []*classRef {
	body := call.fn.Body()
	if len(body) != 1 || body[0].Kind != facts.StmtFor || len(body[0].Targets) != 1 || len(body[0].Body) != 1 {
		return nil
	}
	loop := &body[0]
	item := loop.Targets[0].Raw()
	it := loop.Iter()
	self := b.selfName()
	if it == nil || !strings.HasPrefix(it.Raw(), self+".") || strings.Count(it.Raw(), ".") != 1 {
		return nil
	}
	attr := strings.TrimPrefix(it.Raw(), self+".")
	s := &loop.Body[0]
	if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || s.Value.X == nil || s.Value.X.Raw() != item {
		return nil
	}
	init := b.ix.method(cr, "__init__")
	if init == nil {
		return nil
	}
	param := ""
	for _, st := range init.fn.Body() {
		if st.Kind == facts.StmtAssign && len(st.Targets) == 1 && st.Targets[0].Raw() == self+"."+attr && st.Value != nil && st.Value.Kind == facts.ExprName {
			param = st.Value.Name()
		}
	}
	if param == "" {
		return nil
	}
	_, params := b.receiverParams(init.fn.Params)
	var list *facts.Expr
	for i, p := range params {
		if p.Name != param {
			continue
		}
		if i < len(dep.Args()) {
			list = &dep.Args()[i]
		} else {
			list = dep.Keyword(param)
		}
	}
	if list == nil || list.Kind != facts.ExprList && list.Kind != facts.ExprTuple || len(list.Args()) == 0 {
		return nil
	}
	var out []*classRef
	for i := range list.Args() {
		pc := b.ix.class(f, &list.Args()[i])
		if pc == nil || b.entByQual[pc.qual()] != nil {
			return nil
		}
		out = append(out, pc)
	}
	return out
}

// roleSet reads a check class pc whose check is only that an attribute of
// the object is one of some enum literals, directly (return self.role ==
// UserRoles.owner) or as any of other such classes through a helper that
// makes each and swallows its refusal (any_permission([Owner, Manager]),
// auth/permissions.py:135-162), with a literal of its own when that fails
// (if not permission: if self.role == UserRoles.manager: return True).
// It gives the attribute and the literals' names, in order; ok false when
// the check reads anything else (a row of the route, the request).
func (b *builder) roleSet(pc *classRef, depth int) (attr string, lits []string, ok bool) {
	if depth > 8 {
		return "", nil, false
	}
	check := b.checkMethod(pc)
	if check == nil {
		return "", nil, false
	}
	self := b.selfName()
	add := func(a string, ls ...string) bool {
		if attr != "" && a != attr {
			return false
		}
		attr = a
		for _, l := range ls {
			if !slices.Contains(lits, l) {
				lits = append(lits, l)
			}
		}
		return true
	}
	// one reads x == E.lit with x self.<attr>.
	one := func(e *facts.Expr) bool {
		if e == nil || e.Kind != facts.ExprCompare || e.Op() != "==" || e.X == nil || e.Y == nil ||
			!strings.HasPrefix(e.X.Raw(), self+".") || strings.Count(e.X.Raw(), ".") != 1 || e.Y.Kind != facts.ExprAttr {
			return false
		}
		return add(strings.TrimPrefix(e.X.Raw(), self+"."), facts.LastSegment(e.Y.Raw()))
	}
	// anyOf reads a call of the swallowing helper over classes.
	anyOf := func(e *facts.Expr) bool {
		classes := b.anyOfClasses(pc.file, check.file, e)
		if classes == nil {
			return false
		}
		for _, c := range classes {
			a, ls, ok := b.roleSet(c, depth+1)
			if !ok || !add(a, ls...) {
				return false
			}
		}
		return true
	}
	locals := map[string]bool{}
	body := check.fn.Body()
	for i := range body {
		s := &body[i]
		switch {
		case s.Kind == facts.StmtReturn && s.Value != nil && s.Value.Kind == facts.ExprName && locals[s.Value.Name()] && i == len(body)-1:
		case s.Kind == facts.StmtReturn && (one(s.Value) || anyOf(s.Value)) && i == len(body)-1:
		case s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && anyOf(s.Value):
			locals[s.Targets[0].Name()] = true
		case s.Kind == facts.StmtIf && len(s.Else()) == 0 && s.Cond != nil && s.Cond.Kind == facts.ExprUnary && s.Cond.Op() == "not" &&
			s.Cond.X != nil && s.Cond.X.Kind == facts.ExprName && locals[s.Cond.X.Name()] && len(s.Body) == 1:
			// if not permission: if self.role == E.lit: return True
			in := &s.Body[0]
			if in.Kind != facts.StmtIf || len(in.Else()) != 0 || len(in.Body) != 1 || !one(in.Cond) ||
				in.Body[0].Kind != facts.StmtReturn || in.Body[0].Value == nil || !isTrueLit(in.Body[0].Value) {
				return "", nil, false
			}
		default:
			return "", nil, false
		}
	}
	return attr, lits, attr != "" && len(lits) > 0
}

// checkMethod is the method a check class's constructor asks and refuses
// the request on (if not self.has_required_permissions(request): raise),
// as pc defines or inherits it; nil when its constructor has none.
func (b *builder) checkMethod(pc *classRef) *funcRef {
	init := b.ix.method(pc, "__init__")
	if init == nil {
		return nil
	}
	self := b.selfName()
	name := ""
	facts.Walk(init.fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtIf && s.Cond != nil && s.Cond.Kind == facts.ExprUnary && s.Cond.Op() == "not" &&
			s.Cond.X != nil && s.Cond.X.Kind == facts.ExprCall && s.Cond.X.X != nil && strings.HasPrefix(s.Cond.X.X.Raw(), self+".") &&
			len(s.Body) == 1 && s.Body[0].Kind == facts.StmtRaise {
			name = strings.TrimPrefix(s.Cond.X.X.Raw(), self+".")
		}
		return name == ""
	})
	if name == "" || strings.Contains(name, ".") {
		return nil
	}
	return b.ix.method(pc, name)
}

// anyOfClasses is the classes a call of a swallowing helper of the service
// makes (any_permission(permissions=[A, B], request=request) whose body
// loops over its list, making each item in a try whose handler passes,
// and returns True from the try), the call written in file cf; nil when e
// is no such call.
func (b *builder) anyOfClasses(_ *facts.File, cf *facts.File, e *facts.Expr) []*classRef {
	if e == nil || e.Kind != facts.ExprCall || e.X == nil {
		return nil
	}
	fr := b.ix.function(cf, e.X)
	if fr == nil || fr.class != nil {
		return nil
	}
	body := fr.fn.Body()

	if len(body) != 2 || body[0].Kind != facts.StmtFor || len(body[0].Body) != 1 || body[0].Body[0].Kind != facts.StmtTry ||
		body[1].Kind != facts.StmtReturn || body[1].Value == nil || !isFalseLit(body[1].Value) {
		return nil
	}
	try := &body[0].Body[0]
	made := &try.Body[0]
	if len(try.Body) != 2 || made.Kind != facts.StmtExpr || made.Value == nil || made.Value.Kind != facts.ExprCall || made.Value.X == nil ||
		len(body[0].Targets) != 1 || made.Value.X.Raw() != body[0].Targets[0].Raw() || try.Body[1].Kind != facts.StmtReturn || try.Body[1].Value == nil || !isTrueLit(try.Body[1].Value) {
		return nil
	}
	for _, h := range try.Handlers() {
		if len(h.Body) != 1 || h.Body[0].Kind != facts.StmtPass {
			return nil
		}
	}
	it := body[0].Iter()
	if it == nil || it.Kind != facts.ExprName || len(fr.fn.Params) == 0 {
		return nil
	}
	var list *facts.Expr
	for i, p := range fr.fn.Params {
		if p.Name != it.Name() {
			continue
		}
		if list = e.Keyword(p.Name); list == nil && i < len(e.Args()) {
			list = &e.Args()[i]
		}
	}
	if list == nil || list.Kind != facts.ExprList && list.Kind != facts.ExprTuple || len(list.Args()) == 0 {
		return nil
	}
	var out []*classRef
	for i := range list.Args() {
		c := b.ix.class(cf, &list.Args()[i])
		if c == nil {
			return nil
		}
		out = append(out, c)
	}
	return out
}

// orList writes a, b or c.
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
