package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A detail view's inherited finder asks the view's permission classes
// about the row it found (catalog shapes.object_querysets.permissions:
// DRF's get_object calls check_object_permissions(request, obj), which
// refuses unless every class answers has_object_permission true). wger's
// RoutineViewSet (manager/api/views.py:88-94) lists RoutinePermission,
// whose check (manager/api/permissions.py:35-46) is
//
//	if obj.user == request.user:
//	    return True
//	if obj.is_template and getattr(view, 'action', None) not in self.OWNER_ONLY_ACTIONS:
//	    return request.method in permissions.SAFE_METHODS
//	return False
//
// For a PUT, PATCH or DELETE the middle return is false whatever the
// routine, so update and destroy require routine.user = user. The check
// is read as a formula: its ifs and returns, the request's method and
// the view's action folded to constants where the handler fixes them
// (an inherited update answers PUT, catalog model_viewsets.verbs), and
// comparisons of a path of the row's foreign keys with the request's
// user (obj.day.routine.user == request.user) as conditions. A check
// that assigns, calls or tests anything else is stated only when what
// it cannot read drops out (a conjunct of a branch that is false); else
// it says nothing, as before.

// pform is a formula of a permission check: a constant, a condition the
// spec can state (a path of the row's fields compared with the request's
// user, translated only once the whole formula reads: translating names
// the user among the rule's parameters), an opaque test (path nil), or
// and/or/not of those.
type pform struct {
	op   string // "const", "atom", "and", "or", "not"
	val  bool
	path []string
	line int
	x, y *pform
}

var pTrue, pFalse = &pform{op: "const", val: true}, &pform{op: "const", val: false}

func pAnd(x, y *pform) *pform {
	switch {
	case x.op == "const" && !x.val, y.op == "const" && !y.val:
		return pFalse
	case x.op == "const":
		return y
	case y.op == "const":
		return x
	}
	return &pform{op: "and", x: x, y: y}
}

func pOr(x, y *pform) *pform {
	switch {
	case x.op == "const" && x.val, y.op == "const" && y.val:
		return pTrue
	case x.op == "const":
		return y
	case y.op == "const":
		return x
	}
	return &pform{op: "or", x: x, y: y}
}

func pNot(x *pform) *pform {
	switch x.op {
	case "const":
		if x.val {
			return pFalse
		}
		return pTrue
	case "not":
		return x.x
	}
	return &pform{op: "not", x: x}
}

// readable reports a formula with no opaque test left.
func (p *pform) readable() bool {
	switch p.op {
	case "atom":
		return p.path != nil
	case "not":
		return p.x.readable()
	case "and", "or":
		return p.x.readable() && p.y.readable()
	}
	return true
}

// expr is the formula as a condition, nil when a test does not read.
func (p *pform) expr(at *permCtx) allium.Expr {
	switch p.op {
	case "atom":
		return at.userPathCond(p.path, p.line)
	case "not":
		if x := p.x.expr(at); x != nil {
			return &allium.Unary{Op: allium.OpNot, X: x}
		}
	case "and", "or":
		x, y := p.x.expr(at), p.y.expr(at)
		if x == nil || y == nil {
			return nil
		}
		op := allium.OpAnd
		if p.op == "or" {
			op = allium.OpOr
		}
		return &allium.Binary{Op: op, X: x, Y: y}
	}
	return nil
}

// permCtx is what a permission check is read with.
type permCtx struct {
	rc             *ruleCtx
	cat            *catalog.ObjectPermissions
	pc             *classRef // the permission class
	req, view, obj string    // the check's parameters
	row            *value
	sc             *scope
	out            *[]allium.Stmt
	verb, action   string // "" when the handler does not fix them
	selfName       string
	steps          int
}

// objectPermissions states, for row (found by the view's inherited
// get_object), what each of the view's own permission classes' object
// check requires of it.
func (rc *ruleCtx) objectPermissions(row *value, cr *classRef, sc *scope, out *[]allium.Stmt, line int) {
	b := rc.b
	op := b.lang.Shapes.ObjectQuerysets.Permissions
	if op == nil || op.Classes == "" || op.Check == "" {
		return
	}
	if op.Getter != "" && b.ix.method(cr, op.Getter) != nil {
		return // the view picks its classes itself
	}
	v, vf := b.classField(cr, op.Classes)
	if v == nil || vf == nil || (v.Kind != facts.ExprList && v.Kind != facts.ExprTuple) {
		return
	}
	verb, action := "", ""
	if rc.h != nil && rc.h.fn != nil {
		if mv := b.viewsetCatalog(); mv != nil {
			if vb := mv.Verbs[rc.h.fn.Name]; vb != "" && b.viewsetActionOf(cr, rc.h.fn.Name) != nil {
				verb, action = strings.ToUpper(vb), rc.h.fn.Name
			}
		}
	}
	for i := range v.Args() {
		e := &v.Args()[i]
		if e.Kind != facts.ExprName && e.Kind != facts.ExprAttr {
			continue // A | B: a composed class
		}
		pc := b.ix.class(vf, e)
		if pc == nil {
			continue // the framework's: not read
		}
		fr := b.ix.method(pc, op.Check)
		if fr == nil || len(fr.fn.Params) != 4 {
			continue
		}
		ps := fr.fn.Params
		pcx := &permCtx{rc: rc, cat: op, pc: pc, req: ps[1].Name, view: ps[2].Name, obj: ps[3].Name, selfName: ps[0].Name,
			row: row, sc: sc, out: out, verb: verb, action: action}
		f := pcx.body(fr.fn.Body())
		if f == nil || f.op == "const" || !f.readable() {
			continue // unread, or no condition on the row
		}
		if c := f.expr(pcx); c != nil {
			rc.requireRow(c, sc, out, line)
		}
	}
}

// requireRow adds the precondition c where a row finder's conditions go.
func (rc *ruleCtx) requireRow(c allium.Expr, sc *scope, out *[]allium.Stmt, line int) {
	req := &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: c}
	if sc.top {
		for _, s := range rc.body {
			if r, ok := s.(*allium.Requires); ok && allium.ExprString(r.Cond) == allium.ExprString(c) {
				return // the queryset said it already
			}
		}
		rc.body = append(rc.body, req)
	} else {
		*out = append(*out, req)
	}
}

// body is the formula under which stmts return a true value; nil when a
// statement is not read. Falling off the end returns None.
func (p *permCtx) body(stmts []facts.Stmt) *pform {
	if p.steps++; p.steps > 64 {
		return nil
	}
	for i := range stmts {
		s := &stmts[i]
		switch s.Kind {
		case facts.StmtExpr:
			if s.Value != nil && s.Value.Kind == facts.ExprString {
				continue // a docstring
			}
			return nil
		case facts.StmtReturn:
			if s.Value == nil {
				return pFalse
			}
			return p.cond(s.Value)
		case facts.StmtIf:
			c := p.cond(s.Cond)
			rest := stmts[i+1:]
			then := p.body(append(slices.Clone(s.Body), rest...))
			els := p.body(append(slices.Clone(s.Else()), rest...))
			if then == nil || els == nil {
				return nil
			}
			return pOr(pAnd(c, then), pAnd(pNot(c), els))
		default:
			return nil
		}
	}
	return pFalse
}

var pOpaque = &pform{op: "atom"}

// cond is the formula of the test e.
func (p *permCtx) cond(e *facts.Expr) *pform {
	if e == nil {
		return pOpaque
	}
	switch e.Kind {
	case facts.ExprBool:
		if e.Value() == "true" {
			return pTrue
		}
		return pFalse
	case facts.ExprNone:
		return pFalse
	case facts.ExprBoolOp:
		x, y := p.cond(e.X), p.cond(e.Y)
		if e.Op() == "and" {
			return pAnd(x, y)
		}
		return pOr(x, y)
	case facts.ExprUnary:
		if e.Op() == "not" {
			return pNot(p.cond(e.X))
		}
	case facts.ExprCompare:
		return p.compare(e)
	}
	return pOpaque
}

// compare reads request.method in SAFE_METHODS, view.action in (...),
// and obj.<fk path> == request.user.
func (p *permCtx) compare(e *facts.Expr) *pform {
	op := e.Op()
	switch op {
	case "in", "not in":
		var got string
		switch {
		case p.isRequestMethod(e.X):
			got = p.verb
		case p.isViewAction(e.X):
			got = p.action
		default:
			return pOpaque
		}
		set, ok := p.stringSet(e.Y)
		if got == "" || !ok {
			return pOpaque
		}
		in := slices.Contains(set, got)
		if op == "not in" {
			in = !in
		}
		if in {
			return pTrue
		}
		return pFalse
	case "==", "!=", "is", "is not":
		eq := op == "==" || op == "is"
		f := p.equality(e.X, e.Y)
		if f == pOpaque {
			f = p.equality(e.Y, e.X)
		}
		if f == pOpaque || eq {
			return f
		}
		return pNot(f)
	}
	return pOpaque
}

// equality is the formula of x == y.
func (p *permCtx) equality(x, y *facts.Expr) *pform {
	var got string
	switch {
	case p.isRequestMethod(x):
		got = p.verb
	case p.isViewAction(x):
		got = p.action
	}
	if y.Kind == facts.ExprString && (p.isRequestMethod(x) || p.isViewAction(x)) {
		if got == "" {
			return pOpaque
		}
		if got == y.Value() {
			return pTrue
		}
		return pFalse
	}
	// obj.a.b == request.user: row.a.b = user.
	if !p.isRequestUser(y) {
		return pOpaque
	}
	var path []string
	for x != nil && x.Kind == facts.ExprAttr {
		path = append([]string{x.Name()}, path...)
		x = x.X
	}
	if x == nil || x.Kind != facts.ExprName || x.Name() != p.obj || len(path) == 0 {
		return pOpaque
	}
	if ent := p.rc.b.entByName[p.row.ent]; ent == nil || !p.pathReads(ent, path) {
		return pOpaque
	}
	return &pform{op: "atom", path: path, line: y.Line()}
}

// pathReads reports a path of fields of ent, through foreign keys of the
// spec, ending at a foreign key (to the user).
func (p *permCtx) pathReads(ent *entityInfo, path []string) bool {
	b := p.rc.b
	for _, n := range path {
		f := ent.attrs[n]
		if f == nil || f.drop || f.fkEntity == "" || b.entByName[f.fkEntity] == nil {
			return false
		}
		ent = b.entByName[f.fkEntity]
	}
	return true
}

// userPathCond is row.<path> = the signed-in user, as the view reads
// it (self.request.user); nil when it does not translate.
func (p *permCtx) userPathCond(path []string, line int) allium.Expr {
	ent := p.rc.b.entByName[p.row.ent]
	if ent == nil {
		return nil
	}
	sy := synth{line}
	user := sy.attr(sy.attr(sy.name(p.rc.b.selfName()), "request"), "user")
	return p.rc.lookupPathCond(p.row.expr, ent, facts.Keyword{Name: strings.Join(path, "__"), Value: *user}, p.sc, p.out)
}

func (p *permCtx) isRequestMethod(x *facts.Expr) bool {
	return x != nil && x.Kind == facts.ExprAttr && x.Name() == p.cat.MethodAttr && x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == p.req
}

func (p *permCtx) isRequestUser(x *facts.Expr) bool {
	return x != nil && x.Kind == facts.ExprAttr && x.Name() == "user" && x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == p.req
}

// isViewAction: view.action, or getattr(view, "action", default).
func (p *permCtx) isViewAction(x *facts.Expr) bool {
	if x == nil || p.cat.Action == "" {
		return false
	}
	if x.Kind == facts.ExprAttr {
		return x.Name() == p.cat.Action && x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == p.view
	}
	if x.Kind == facts.ExprCall && x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == "getattr" {
		a := x.Args()
		return len(a) >= 2 && a[0].Kind == facts.ExprName && a[0].Name() == p.view && a[1].Kind == facts.ExprString && a[1].Value() == p.cat.Action
	}
	return false
}

// stringSet is the strings a literal collection holds (a list, tuple or
// set, frozenset({...}) of one), the framework's safe methods for its
// SAFE_METHODS, or a class constant of the permission class holding one.
func (p *permCtx) stringSet(e *facts.Expr) ([]string, bool) {
	if e == nil {
		return nil, false
	}
	switch e.Kind {
	case facts.ExprName, facts.ExprAttr:
		if slices.Contains(p.cat.SafeNames, e.Name()) {
			return p.cat.SafeMethods, true
		}
		if e.Kind == facts.ExprAttr && e.X != nil && e.X.Kind == facts.ExprName && e.X.Name() == p.selfName {
			if v, _ := p.rc.b.classField(p.pc, e.Name()); v != nil && v != e {
				return p.stringSet(v)
			}
		}
	case facts.ExprCall:
		if e.X != nil && e.X.Kind == facts.ExprName && (e.X.Name() == "frozenset" || e.X.Name() == "set" || e.X.Name() == "tuple") && len(e.Args()) == 1 {
			return p.stringSet(&e.Args()[0])
		}
	case facts.ExprList, facts.ExprTuple, facts.ExprSet:
		var out []string
		for _, a := range e.Args() {
			if a.Kind != facts.ExprString {
				return nil, false
			}
			out = append(out, a.Value())
		}
		return out, true
	}
	return nil, false
}

// permissionClassesAttr is the class attribute a view lists its permission
// classes in (catalog shapes.object_querysets.permissions.classes: DRF's
// permission_classes); "" for a language with none.
func (b *builder) permissionClassesAttr() string {
	if b.lang.Shapes == nil {
		return ""
	}
	if oq := b.lang.Shapes.ObjectQuerysets; oq != nil && oq.Permissions != nil {
		return oq.Permissions.Classes
	}
	return ""
}
