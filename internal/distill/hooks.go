package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Plugin hooks: the code calls a hook through its plugin manager's relay
// (self.plugin_manager.hook.flaskbb_authenticate(identifier=i, secret=s))
// and the plugin system runs the implementations of that hook: module
// functions of the hook's name marked by a decorator that a marker
// factory made (impl = HookimplMarker("flaskbb"); @impl(trylast=True)).
// The catalog's hooks section names the relay attribute and the marker
// factories; the service's own implementations are what runs.

// hookCall runs the implementations of the hook e calls through a relay;
// nil when e is no such call or the service implements no such hook. Its
// value is the one implementation's return value (pluggy's first result
// for a hook implemented once), unknown when several answer.
func (rc *ruleCtx) hookCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	if method == "" || !rc.b.isHookCall(e) {
		return nil
	}
	impls := rc.b.hookImpls()[method]
	if len(impls) == 0 {
		return nil
	}
	// The relay adds no depth: calling the hook is calling its
	// implementations.
	relay := *sc
	relay.depth = max(0, sc.depth-1)
	var ret *value
	for _, fr := range impls {
		ret = rc.inline(fr, nil, e, &relay, out)
	}
	if len(impls) > 1 {
		return unknownValue
	}
	return ret
}

// isHookCall reports a call through a hook relay: pm.hook.<name>(...).
func (b *builder) isHookCall(e *facts.Expr) bool {
	h := b.lang.Hooks
	return h != nil && e.Kind == facts.ExprCall && e.X != nil && e.X.Kind == facts.ExprAttr && e.X.X != nil && e.X.X.Kind == facts.ExprAttr && catalog.Match(h.Relays, e.X.X.Name())
}

// hookImpls maps each hook name to the service's implementations of it,
// in file and source order; found once.
func (b *builder) hookImpls() map[string][]*funcRef {
	if b.hooks != nil {
		return b.hooks
	}
	b.hooks = map[string][]*funcRef{}
	h := b.lang.Hooks
	if h == nil || len(h.ImplMarkers) == 0 {
		return b.hooks
	}
	for _, f := range b.ix.files {
		for i := range f.Functions {
			fn := &f.Functions[i]
			if b.hookMarked(f, fn) {
				b.hooks[fn.Name] = append(b.hooks[fn.Name], &funcRef{file: f, fn: fn})
			}
		}
	}
	return b.hooks
}

// decoratorFactoryCall is the call a decorator's module constant was made
// by, used bare (@impl) or called (@impl(tryfirst=True)): impl =
// HookimplMarker("flaskbb"), CurrentUser = createParamDecorator(...); nil
// when the decorator is no such constant.
func (b *builder) decoratorFactoryCall(f *facts.File, d *facts.Expr) *facts.Expr {
	if d.Kind == facts.ExprCall && d.X != nil {
		d = d.X
	}
	c := b.ix.constant(f, d)
	if c == nil || c.as.Value == nil || c.as.Value.Kind != facts.ExprCall {
		return nil
	}
	return c.as.Value
}

// hookMarked reports a function decorated by a hook implementation
// marker: a module name assigned a marker factory's call, used bare
// (@impl) or called with options (@impl(tryfirst=True)).
func (b *builder) hookMarked(f *facts.File, fn *facts.Function) bool {
	for i := range fn.Decorators {
		if v := b.decoratorFactoryCall(f, &fn.Decorators[i]); v != nil && catalog.MatchAny(b.lang.Hooks.ImplMarkers, v.Resolved(), v.Raw()) {
			return true
		}
	}
	return false
}

// A caller that fails when a call answers nothing
//
//	user = self.plugin_manager.hook.flaskbb_authenticate(identifier=i, secret=s)
//	if user is None:
//	    raise StopAuthentication(...)
//
// makes every way the callee answers None a failure of the request: its
// `return None`, its bare return and its end. The callee is walked with
// those turned into raises, so what it checks before answering becomes
// the rule's preconditions; a call it returns (return Provider().check(...))
// answers for it and is read the same way.

// markNoneFails records the hook call an assignment makes when the
// statement after it fails the request on the assigned name being None or
// falsy. Only hook calls: a service's own verify_token(...) answering None
// is a token check the token readers state already (token.is_valid).
func (rc *ruleCtx) markNoneFails(s *facts.Stmt, rest []facts.Stmt) {
	if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Value == nil || s.Value.Kind != facts.ExprCall || len(rest) == 0 || !rc.b.isHookCall(s.Value) {
		return
	}
	g := &rest[0]
	if g.Kind != facts.StmtIf || len(g.Else()) > 0 || len(g.Body) == 0 || g.Body[len(g.Body)-1].Kind != facts.StmtRaise || !absenceOf(g.Cond, s.Targets[0].Name()) {
		return
	}
	if rc.noneFails == nil {
		rc.noneFails = map[*facts.Expr]*facts.Expr{}
	}
	rc.noneFails[s.Value] = g.Body[len(g.Body)-1].Value
}

// absenceOf reports a test that name holds nothing: `name is None`,
// `name == None`, `not name`.
func absenceOf(c *facts.Expr, name string) bool {
	switch {
	case c == nil:
		return false
	case c.Kind == facts.ExprUnary && c.Op() == "not":
		return c.X != nil && c.X.Kind == facts.ExprName && c.X.Name() == name
	case c.Kind == facts.ExprCompare && (c.Op() == "is" || c.Op() == "==") && c.Y != nil && c.Y.Kind == facts.ExprNone:
		return c.X != nil && c.X.Kind == facts.ExprName && c.X.Name() == name
	}
	return false
}

// noneFailing is fr with every way it answers None turned into a raise
// of exc (what the caller raises then; nil: a bare raise),
// and the calls it returns marked to be read the same way.
func (rc *ruleCtx) noneFailing(fr *funcRef, exc *facts.Expr) *funcRef {
	body := noneFails(fr.fn.Body(), exc)
	if n := len(body); n == 0 || body[n-1].Kind != facts.StmtReturn && body[n-1].Kind != facts.StmtRaise {
		body = append(body, facts.NewStmt(facts.StmtSpec{Kind: facts.StmtRaise, Value: exc, Line: fr.fn.EndLine}))
	}
	body = successLast(body)
	var mark func([]facts.Stmt)
	mark = func(list []facts.Stmt) {
		for i := range list {
			s := &list[i]
			if s.Kind == facts.StmtReturn && s.Value != nil && s.Value.Kind == facts.ExprCall {
				rc.noneFails[s.Value] = exc
			}
			mark(s.Body)
			mark(s.Else())
		}
	}
	mark(body)
	fn := *fr.fn
	fn.SetBody(body)
	return &funcRef{file: fr.file, fn: &fn, class: fr.class}
}

// successLast rewrites `if c: <ends in return>` followed by statements
// that fail (end in a raise) as `if not c: <those statements>` followed by
// the branch: the same paths, written as the guards the walker reads as
// preconditions (if check_password_hash(...): return user / raise becomes
// if not check_password_hash(...): raise / return user).
func successLast(list []facts.Stmt) []facts.Stmt {
	for i := range list {
		s := list[i]
		if s.Kind != facts.StmtIf || len(s.Else()) > 0 || s.Cond == nil {
			continue
		}
		branch := successLast(s.Body)
		rest := successLast(list[i+1:])
		if !endsIn(branch, facts.StmtReturn) || !endsIn(rest, facts.StmtRaise) {
			continue
		}
		guard := s
		guard.Cond = new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprUnary, X: s.Cond, Line: s.Cond.Line()}).WithOp("not"))
		guard.Body = rest
		out := append(slices.Clone(list[:i]), guard)
		return append(out, branch...)
	}
	return list
}

func endsIn(list []facts.Stmt, kind facts.StmtKind) bool {
	return len(list) > 0 && list[len(list)-1].Kind == kind
}
