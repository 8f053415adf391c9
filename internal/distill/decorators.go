package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A service often guards its handlers with decorators of its own:
//
//	def verification_required(fn):
//	    @wraps(fn)
//	    @login_required
//	    def wrapper(cls, root, info, **kwargs):
//	        user = info.context.user
//	        if not user.status.verified:
//	            return cls(success=False, errors=Messages.NOT_VERIFIED)
//	        return fn(cls, root, info, **kwargs)
//	    return wrapper
//
// The wrapper's checks run before the handler, and a check that ends the
// request without calling the handler is one of its preconditions:
// requires: user.status.verified. Decorator factories
// (@permission_required(Permission.ADMIN)) are read the same way, their
// parameters bound to the arguments given.

// maxDecoratorDepth bounds decorators applied to decorators' wrappers.
const maxDecoratorDepth = 4

// decoratorGuards states the checks of the service's own decorators on fn
// as preconditions of the rule. Decorators the service does not define
// (framework ones, classmethod) are left to the catalog.
func (rc *ruleCtx) decoratorGuards(file *facts.File, fn *facts.Function, sc *scope, out *[]allium.Stmt, depth int) {
	if depth > maxDecoratorDepth || !sc.top {
		return
	}
	for i := range fn.Decorators {
		d := &fn.Decorators[i]
		dfr := rc.b.ix.function(file, d)
		if dfr == nil || slices.Contains(sc.stack, dfr.fn.QualName) {
			continue
		}
		wsc := &scope{file: dfr.file, vars: map[string]*value{}, depth: sc.depth + 1, top: true,
			stack: append(slices.Clone(sc.stack), dfr.fn.QualName), cls: sc.cls}
		deco := dfr.fn
		if d.Kind == facts.ExprCall {
			// A decorator factory: its parameters are the arguments given,
			// and the decorator is the function it returns.
			rc.bindCallParams(dfr, nil, d, sc, wsc, out)
			deco = returnedFunction(deco)
			if deco == nil {
				continue
			}
		}
		if len(deco.Params) != 1 {
			continue
		}
		wrapped := deco.Params[0].Name
		w := returnedFunction(deco)
		if w == nil || !callsName(w.Body(), wrapped) {
			continue
		}
		rc.decoratorGuards(dfr.file, w, sc, out, depth+1)
		rc.bindWrapperParams(w, sc, wsc)
		wsc.kwParam = varKeywordParam(w)
		if gate, rest := rc.wrapperChecks(w.Body(), wrapped, wsc, out); len(rest) > 0 && d.Kind != facts.ExprCall {
			// A factory's wrapper depends on the arguments each use
			// gives it: its own steps are not one rule.
			rc.b.recordWrapperRest(dfr.file, dfr.fn, w, gate, rest)
		}
		givenKeywords(fn, wsc, sc)
	}
}

// recordWrapperRest keeps, once per decorator, what its wrapper does when
// the check that hands over to the handler fails (healthchecks'
// require_sudo_mode mails a code, or takes one and starts sudo mode):
// a stimulus of its own, read as a handler whose rule requires the
// check false.
func (b *builder) recordWrapperRest(file *facts.File, deco, w *facts.Function, gate *facts.Expr, rest []facts.Stmt) {
	if b.wrapperSeen[deco.QualName] || !actsBeyondAnswering(rest) {
		return
	}
	if b.wrapperSeen == nil {
		b.wrapperSeen = map[string]bool{}
	}
	b.wrapperSeen[deco.QualName] = true
	fn := (&facts.Function{Name: deco.Name, QualName: deco.QualName, Params: w.Params,
		Line: rest[0].Line(), EndLine: w.EndLine}).WithBody(rest)
	b.wrapperRests = append(b.wrapperRests, &handler{file: file, fn: fn, name: pascal(deco.Name), gate: gate})
}

// actsBeyondAnswering reports a statement in body that may change state:
// a call made for its effect, a deletion, or a write to anything but a
// local name. A wrapper that only answers the caller when its check fails
// (graphql-auth's password_confirmation_required: an error) is no rule
// of its own.
func actsBeyondAnswering(body []facts.Stmt) bool {
	acts := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		switch s.Kind {
		case facts.StmtExpr, facts.StmtDel, facts.StmtAugAssign:
			acts = true
		case facts.StmtAssign:
			for i := range s.Targets {
				if s.Targets[i].Kind != facts.ExprName && s.Targets[i].Kind != facts.ExprTuple {
					acts = true
				}
			}
		}
		return !acts
	})
	return acts
}

// gateRequires states, for a wrapper's own steps, that the check under
// which the wrapper hands over to the handler does not hold.
func (rc *ruleCtx) gateRequires(h *handler, sc *scope) {
	if h.gate == nil {
		return
	}
	rc.b.stats.GuardsSeen++
	if c := rc.wrapperCond(h.gate, sc, &rc.ensures); c != nil {
		rc.requires(negate(c), sc, h.gate.Line())
	} else {
		rc.untranslated(sc, h.gate.Line(), LeftOutGuard, "a guard")
	}
}

// returnedFunction is the nested function fn defines and returns last.
func returnedFunction(fn *facts.Function) *facts.Function {
	if len(fn.Body()) == 0 {
		return nil
	}
	last := &fn.Body()[len(fn.Body())-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprName {
		return nil
	}
	return definedIn(fn.Body(), last.Value.Name())
}

// callsName reports a call of the named function anywhere in body.
func callsName(body []facts.Stmt, name string) bool {
	found := false
	isCall := func(e *facts.Expr) bool {
		return e.Kind == facts.ExprCall && e.X != nil && e.X.Kind == facts.ExprName && e.X.Name() == name
	}
	facts.Walk(body, func(s *facts.Stmt) bool {
		for _, e := range []*facts.Expr{s.Value, s.Cond} {
			if e != nil && e.Any(isCall) {
				found = true
			}
		}
		return !found
	})
	return found
}

// bindWrapperParams gives the wrapper's parameters the values the
// handler's parameters of the same name have (request, self, cls), and
// nothing else.
func (rc *ruleCtx) bindWrapperParams(w *facts.Function, sc, wsc *scope) {
	for _, p := range w.Params {
		if v, ok := sc.vars[p.Name]; ok {
			wsc.vars[p.Name] = v
		} else {
			wsc.vars[p.Name] = unknownValue
		}
	}
}

// wrapperChecks walks a wrapper's statements up to the call of the
// wrapped handler: local bindings are kept, and an if that ends the
// request with a failure before the handler runs is a precondition (its
// negation); `if ok: return fn(...)` before a failure is one too. Any
// other statement ends the reading: what follows may not be a check.
// When the reading ends at `if ok: return fn(...)` with more after it,
// it returns ok and what follows: the wrapper's own steps.
func (rc *ruleCtx) wrapperChecks(body []facts.Stmt, wrapped string, wsc *scope, out *[]allium.Stmt) (gate *facts.Expr, rest []facts.Stmt) {
	for i := range body {
		s := &body[i]
		switch s.Kind {
		case facts.StmtAssign:
			if callsName([]facts.Stmt{*s}, wrapped) {
				return nil, nil
			}
			if key := kwargsEntry(s, wsc.kwParam); key != "" {
				// kwargs["data"] = validate_data(...): the handler's data.
				if wsc.kwGiven == nil {
					wsc.kwGiven = map[string]*value{}
				}
				wsc.kwGiven[key] = rc.eval(s.Value, wsc, out, false)
				continue
			}
			rc.stmt(s, wsc, out)
		case facts.StmtTry:
			// try: bind what the check needs; except: fail. The bindings
			// hold when the request goes on.
			for j := range s.Body {
				if s.Body[j].Kind != facts.StmtAssign || callsName(s.Body[j:j+1], wrapped) {
					return nil, nil
				}
			}
			if callsName(s.Body, wrapped) || len(s.Else()) > 0 || len(s.Finally()) > 0 {
				return nil, nil
			}
			for j := range s.Body {
				rc.stmt(&s.Body[j], wsc, out)
			}
		case facts.StmtAssert:
			// assert request.user.is_authenticated: the wrapper runs for
			// signed-in users only.
			not := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprUnary, X: s.Cond, Line: s.Line()})
			not.SetOp("not")
			if !rc.signInCheck(not, wsc) {
				return nil, nil
			}
			rc.auth = max(rc.auth, authUser)
		case facts.StmtIf:
			if conds, ok := rc.nestedFailure(s, wrapped, wsc); ok {
				// if a: if b: if c: fail both ways. not (a and b and c)
				// holds when the handler runs.
				rc.b.stats.GuardsSeen++
				switch c, never := rc.nestedCond(conds, wsc, out); {
				case c != nil:
					rc.requires(negate(c), wsc, s.Line())
				case !never:
					rc.untranslated(wsc, s.Line(), LeftOutGuard, "a guard")
				}
				continue
			}
			if len(s.Body) == 0 {
				return nil, nil
			}
			if els := s.Else(); len(els) > 0 {
				// if is_admin(): return f(*args, **kwargs) / else: fail
				// (CTFd's admins_only, utils/decorators/__init__.py:133-140,
				// and authed_only, :93-100): the handler runs only where
				// the check holds, as with the else written after the if.
				last := &s.Body[len(s.Body)-1]
				if last.Kind != facts.StmtReturn || !callsName([]facts.Stmt{*last}, wrapped) || callsName(els, wrapped) ||
					callsName(s.Body[:len(s.Body)-1], wrapped) {
					return nil, nil
				}
				if _, decided, _ := rc.reduceCond(s.Cond, wsc); decided {
					return nil, nil
				}
				if rc.signedInCall(s.Cond, wsc) {
					// if authed(): return f(...): the rule is the
					// signed-in user's (authed_only).
					rc.auth = max(rc.auth, authUser)
					return s.Cond, els
				}
				rc.b.stats.GuardsSeen++
				if c := rc.wrapperCond(s.Cond, wsc, out); c != nil {
					rc.requires(c, wsc, s.Line())
				} else {
					rc.untranslated(wsc, s.Line(), LeftOutGuard, "a guard")
				}
				return s.Cond, els
			}
			if rc.signInCheck(s.Cond, wsc) {
				// if not user.is_authenticated: fail. A login requirement:
				// the rule is the signed-in user's.
				rc.auth = max(rc.auth, authUser)
				continue
			}
			if _, decided, _ := rc.reduceCond(s.Cond, wsc); decided {
				// A check the rule's reading settles (the user is signed
				// in, the method is POST): no precondition.
				continue
			}
			last := &s.Body[len(s.Body)-1]
			switch {
			case !callsName(s.Body, wrapped) && (rc.failureEnd(last, wsc) || last.Kind == facts.StmtReturn):
				rc.b.stats.GuardsSeen++
				// if a or b: fail. Each of not a, not b holds when the
				// handler runs: those the spec can state are stated.
				ds, stated := disjuncts(s.Cond), 0
				for _, d := range ds {
					if c := rc.wrapperCond(d, wsc, out); c != nil {
						rc.requires(negate(c), wsc, s.Line())
						stated++
					}
				}
				switch {
				case stated == 0:
					rc.untranslated(wsc, s.Line(), LeftOutGuard, "a guard")
				case stated < len(ds):
					rc.untranslated(wsc, s.Line(), LeftOutGuard, "part of a guard")
				}
			case last.Kind == facts.StmtReturn && callsName([]facts.Stmt{*last}, wrapped) &&
				i+1 < len(body) && !callsName(body[i+1:], wrapped):
				// The handler runs only where the check holds, whatever
				// the wrapper does otherwise (fails, or asks for a code).
				rc.b.stats.GuardsSeen++
				if c := rc.wrapperCond(s.Cond, wsc, out); c != nil {
					rc.requires(c, wsc, s.Line())
				} else {
					rc.untranslated(wsc, s.Line(), LeftOutGuard, "a guard")
				}
				return s.Cond, body[i+1:]
			case rc.sideChecks(s, wrapped, body[i+1:], wsc):
				// if "aid" in payload: <the API key's own checks>: checks
				// of one kind of caller the spec cannot state, which
				// leave what follows a precondition of every request.
				rc.b.stats.GuardsSeen++
				rc.untranslated(wsc, s.Line(), LeftOutGuard, "a guard")
			default:
				return nil, nil
			}
		default:
			return nil, nil
		}
	}
	return nil, nil
}

// signInCheck reports `not u.is_authenticated` (a catalogued signed-in
// check) on the current user, however it was bound.
func (rc *ruleCtx) signInCheck(c *facts.Expr, sc *scope) bool {
	if c == nil || c.Kind != facts.ExprUnary || c.Op() != "not" || c.X == nil {
		return false
	}
	t := c.X
	name := ""
	switch {
	case t.Kind == facts.ExprAttr:
		name = t.Name()
	case t.Kind == facts.ExprCall && t.X != nil && t.X.Kind == facts.ExprAttr && len(t.Args()) == 0:
		name, t = t.X.Name(), t.X
	default:
		return false
	}
	if rc.b.lang.Auth == nil || !slices.Contains(rc.b.lang.Auth.SignedInChecks, name) || t.X == nil {
		return false
	}
	v := rc.eval(t.X, sc, nil, false)
	return v.kind == vEntity && v == rc.userVal
}

// viewDecoratorGuards states the checks of the service's own decorators a
// class-based view lists for its methods (decorators = [anonymous_required,
// registration_enabled]) as it does those of a decorated function: the
// framework wraps each method in them. A list a base of the service
// declares holds for the views that derive from it and do not declare
// their own (lemur's AuthenticatedResource: method_decorators =
// [login_required], auth/service.py:244), as Python's attribute lookup
// finds it; its names are read in the base's file.
func (rc *ruleCtx) viewDecoratorGuards(h *handler, sc *scope) {
	for _, l := range rc.b.viewDecoratorLists(h) {
		rc.decoratorGuards(l.file, &facts.Function{Name: h.fn.Name, QualName: h.fn.QualName, Decorators: l.listed}, sc, &rc.ensures, 0)
	}
}

// decoratorList is a view class's list of decorators for its methods, and
// the file whose names it uses.
type decoratorList struct {
	file   *facts.File
	listed []facts.Expr
}

// viewDecoratorLists are the lists of decorators (catalog:
// view_decorator_fields) a class-based view has, its own or the nearest
// base's for each field.
func (b *builder) viewDecoratorLists(h *handler) []decoratorList {
	if h.class == nil {
		return nil
	}
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		cr = &classRef{file: h.file, class: h.class}
	}
	var out []decoratorList
	for _, name := range b.lang.ViewDecoratorFields {
		v, file := b.classField(cr, name)
		if v == nil || v.Kind != facts.ExprList && v.Kind != facts.ExprTuple || len(v.Args()) == 0 {
			continue
		}
		out = append(out, decoratorList{file: file, listed: v.Args()})
	}
	return out
}

// wrapperCond is the condition of a wrapper's check, or nil when the spec
// cannot state it; then reading it leaves no trace: the rule does not
// become the signed-in user's for having read the current user.
func (rc *ruleCtx) wrapperCond(e *facts.Expr, wsc *scope, out *[]allium.Stmt) allium.Expr {
	userVal, auth, nparams := rc.userVal, rc.auth, len(rc.params)
	c := rc.cond(e, wsc, out)
	if c == nil {
		rc.userVal, rc.auth = userVal, auth
		for _, p := range rc.params[nparams:] {
			delete(rc.paramSet, p)
		}
		rc.params = rc.params[:nparams]
	}
	return c
}

// disjuncts are the operands of a chain of or, or e itself.
func disjuncts(e *facts.Expr) []*facts.Expr {
	if e == nil || e.Kind != facts.ExprBoolOp || e.Op() != "or" || e.X == nil || e.Y == nil {
		return []*facts.Expr{e}
	}
	return append(disjuncts(e.X), disjuncts(e.Y)...)
}

// nestedFailure reads a chain of ifs without else, each the whole body of
// the one before, whose innermost body fails every way it goes: it ends
// the request with a failure, or is an if/else whose branches both do
// (abort(403) for JSON, a redirect otherwise). The conditions of the
// chain are returned, outermost first; a single if is not a chain.
func (rc *ruleCtx) nestedFailure(s *facts.Stmt, wrapped string, wsc *scope) ([]*facts.Expr, bool) {
	var conds []*facts.Expr
	for s.Kind == facts.StmtIf && len(s.Else()) == 0 && len(s.Body) == 1 && s.Body[0].Kind == facts.StmtIf {
		conds = append(conds, s.Cond)
		s = &s.Body[0]
	}
	if len(conds) == 0 || s.Kind != facts.StmtIf || len(s.Body) == 0 || callsName([]facts.Stmt{*s}, wrapped) {
		return nil, false
	}
	fails := func(body []facts.Stmt) bool {
		if len(body) == 0 {
			return false
		}
		last := &body[len(body)-1]
		return rc.failureEnd(last, wsc) || last.Kind == facts.StmtReturn
	}
	switch {
	case len(s.Else()) == 0 && fails(s.Body):
		return append(conds, s.Cond), true
	case len(s.Else()) > 0 && fails(s.Body) && fails(s.Else()):
		return conds, true
	}
	return nil, false
}

// nestedCond is the conjunction of a chain's conditions the spec can
// state, those the rule's reading settles true left out, each conjunct
// once (is_verified() inlined under `if get_config("verify_emails")`
// tests the setting again). never reports a chain one of whose
// conditions is settled false: it never fails. nil, and never false,
// when a condition cannot be stated.
func (rc *ruleCtx) nestedCond(conds []*facts.Expr, wsc *scope, out *[]allium.Stmt) (c allium.Expr, never bool) {
	var all []allium.Expr
	seen := map[string]bool{}
	for _, e := range conds {
		if rc.signedInCall(e, wsc) {
			// if authed(): the check is on signed-in users, and the
			// rule is theirs.
			rc.auth = max(rc.auth, authUser)
			continue
		}
		if _, decided, truth := rc.reduceCond(e, wsc); decided {
			if !truth {
				return nil, true
			}
			continue
		}
		x := rc.wrapperCond(e, wsc, out)
		if x == nil {
			return nil, false
		}
		for _, part := range andTerms(x) {
			if k := exprKey(part); !seen[k] {
				seen[k] = true
				all = append(all, part)
			}
		}
	}
	for _, part := range all {
		if c == nil {
			c = part
		} else {
			c = &allium.Binary{Op: allium.OpAnd, X: c, Y: part}
		}
	}
	return c, false
}

// signedInCall reports a catalogued signed-in check called without
// arguments (authed(), current_user.authed(), user.is_authenticated) on
// the current user or on no object the spec knows (a module of helpers).
func (rc *ruleCtx) signedInCall(e *facts.Expr, sc *scope) bool {
	not := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprUnary, X: e, Line: e.Line()})
	not.SetOp("not")
	if rc.signInCheck(not, sc) {
		return true
	}
	if e.Kind != facts.ExprCall || len(e.Args()) > 0 || e.X == nil || rc.b.lang.Auth == nil {
		return false
	}
	switch f := e.X; {
	case f.Kind == facts.ExprName:
		return slices.Contains(rc.b.lang.Auth.SignedInChecks, f.Name())
	case f.Kind == facts.ExprAttr && f.X != nil:
		var discard []allium.Stmt // reading the receiver states nothing
		return slices.Contains(rc.b.lang.Auth.SignedInChecks, f.Name()) && rc.eval(f.X, sc, &discard, false).kind != vEntity
	}
	return false
}

// sideChecks reports an if of a wrapper, before it calls the wrapped
// handler, that does nothing but check more and end the request when a
// check fails: lemur's login_required (auth/service.py:150-160) checks an
// API key's token (`if "aid" in payload:` then not revoked, not expired)
// before it finds the user every token names and requires them active
// (:162-165). Its locals are read nowhere after it (rest), and what it
// writes otherwise is an attribute of a global of the request (g.x), not
// a row the wrapper holds; the checks after it hold on every request the
// handler sees, so reading goes on past it.
func (rc *ruleCtx) sideChecks(s *facts.Stmt, wrapped string, rest []facts.Stmt, wsc *scope) bool {
	if s.Kind != facts.StmtIf || len(s.Else()) > 0 || len(s.Body) == 0 || callsName([]facts.Stmt{*s}, wrapped) {
		return false
	}
	readAfter := func(name string) bool {
		found := false
		facts.Walk(rest, func(st *facts.Stmt) bool {
			exprs := []*facts.Expr{st.Value, st.Cond}
			for j := range st.Targets {
				exprs = append(exprs, &st.Targets[j])
			}
			for _, e := range exprs {
				if e != nil && e.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == name }) {
					found = true
				}
			}
			return !found
		})
		return found
	}
	var okBody func(body []facts.Stmt) bool
	okBody = func(body []facts.Stmt) bool {
		for i := range body {
			st := &body[i]
			switch st.Kind {
			case facts.StmtIf:
				if len(st.Else()) > 0 || len(st.Body) == 0 {
					return false
				}
				end := &st.Body[len(st.Body)-1]
				if rc.failureEnd(end, wsc) || end.Kind == facts.StmtReturn {
					if !okBody(st.Body[:len(st.Body)-1]) {
						return false
					}
					continue
				}
				if !okBody(st.Body) {
					return false
				}
			case facts.StmtAssign:
				for j := range st.Targets {
					t := &st.Targets[j]
					switch {
					case t.Kind == facts.ExprName && !readAfter(t.Name()):
					case t.Kind == facts.ExprAttr && t.X != nil && t.X.Kind == facts.ExprName && wsc.vars[t.X.Name()] == nil &&
						rc.b.ix.constant(wsc.file, t.X) == nil:
					default:
						return false
					}
				}
			default:
				return false
			}
		}
		return true
	}
	return okBody(s.Body)
}
