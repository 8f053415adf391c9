package distill

import (
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A route registered by calling the router's decorator at module level
// rather than decorating the function:
//
//	if DISPATCH_AUTH_REGISTRATION_ENABLED:
//	    register_user = auth_router.post("/register")(register_user)
//
// The function is a handler; when the registration sits in a module-level
// if, the if's condition is a precondition of its rules (the endpoint only
// exists when it holds).

// routeRegistration is a function registered as a route at module level,
// with the condition it was registered under (nil: always).
type routeRegistration struct {
	cond *facts.Expr
	call *facts.Expr // the decorator's call: router.post("/register", ...)
}

// registeredRoutes lists, by function name, the routes a module registers
// by calling a route decorator.
func (b *builder) registeredRoutes(f *facts.File) map[string]routeRegistration {
	if b.routeCalls == nil {
		b.routeCalls = map[string]map[string]routeRegistration{}
	}
	if m, ok := b.routeCalls[f.Path]; ok {
		return m
	}
	out := map[string]routeRegistration{}
	b.routeCalls[f.Path] = out
	for i := range f.Constants {
		c := &f.Constants[i]
		name := b.routeCallTarget(c.Value)
		if name == "" {
			continue
		}
		out[name] = routeRegistration{cond: enclosingModuleIf(f, c.Line), call: c.Value.X}
	}
	for i := range f.Statements {
		s := &f.Statements[i]
		if s.Kind == facts.StmtExpr {
			if name := b.routeCallTarget(s.Value); name != "" {
				out[name] = routeRegistration{call: s.Value.X}
			}
		}
	}
	return out
}

// routeCallTarget returns fn for router.post(...)(fn), or "".
func (b *builder) routeCallTarget(e *facts.Expr) string {
	if e == nil || e.Kind != facts.ExprCall || len(e.Args()) != 1 || e.Args()[0].Kind != facts.ExprName {
		return ""
	}
	inner := e.X
	if inner == nil || inner.Kind != facts.ExprCall || inner.X == nil || !strings.Contains(inner.X.Raw(), ".") {
		return ""
	}
	if !slices.Contains(b.lang.RouteDecorators, facts.LastSegment(inner.X.Raw())) {
		return ""
	}
	return e.Args()[0].Name()
}

// enclosingModuleIf finds the module-level if whose body holds the
// assignment at line: the extractor lifts module-level assignments out of
// their if (its body is then empty), so the if is the one just above the
// line with nothing else of the module in between. nil when there is none.
func enclosingModuleIf(f *facts.File, line int) *facts.Expr {
	var best *facts.Stmt
	for i := range f.Statements {
		s := &f.Statements[i]
		if s.Kind == facts.StmtIf && len(s.Body) == 0 && len(s.Else()) == 0 && s.Line() < line && (best == nil || s.Line() > best.Line()) {
			best = s
		}
	}
	if best == nil {
		return nil
	}
	between := func(l int) bool { return l > best.Line() && l < line }
	for i := range f.Statements {
		if between(f.Statements[i].Line()) {
			return nil
		}
	}
	for i := range f.Functions {
		if between(f.Functions[i].Line) {
			return nil
		}
	}
	for i := range f.Classes {
		if between(f.Classes[i].Line) {
			return nil
		}
	}
	for i := range f.Constants {
		if between(f.Constants[i].Line) {
			return nil
		}
	}
	return best.Cond
}

// routeGuard requires the condition a handler's route is registered under.
func (rc *ruleCtx) routeGuard(h *handler, sc *scope) {
	rc.mountNote(h)
	if h.routeCond == nil {
		return
	}
	if c := rc.cond(h.routeCond, sc, &rc.ensures); c != nil && !constantExpr(c) {
		rc.requires(c, sc, h.routeCond.Line())
		return
	}
	rc.untranslated(sc, h.routeCond.Line(), LeftOutGuard, "the condition the route is registered under")
}

// inputOrGenerated reads `password or generate_password()`, a request
// input with a generated fallback (dispatch's UserRegister): the input,
// as given; the spec says nothing of the generated value. nil for any
// other or.
func (rc *ruleCtx) inputOrGenerated(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.Op() != "or" || e.X == nil || e.Y == nil || e.Y.Kind != facts.ExprCall || len(e.Y.Args()) > 0 || len(e.Y.Keywords()) > 0 {
		return nil
	}
	if x := rc.eval(e.X, sc, out, false); x.kind == vParam {
		return x
	}
	return nil
}

// flagDefault reads a flag made from a textual setting, X = ENV_X !=
// "false" (or == "true"), where ENV_X is a setting read with a default:
// the flag's default is the comparison of that default. nil otherwise.
func (b *builder) flagDefault(v *facts.Expr) allium.Expr {
	if (v.Op() != "!=" && v.Op() != "==") || v.X == nil || v.Y == nil || v.X.Kind != facts.ExprName || v.Y.Kind != facts.ExprString {
		return nil
	}
	ci := b.configByKey[v.X.Name()]
	if ci == nil {
		return nil
	}
	lit, ok := ci.value.(*allium.Lit)
	if !ok || lit.Kind != allium.LitString {
		return nil
	}
	eq := strings.EqualFold(lit.Text, v.Y.Value())
	if v.Op() == "!=" {
		eq = !eq
	}
	return &allium.Lit{Kind: allium.LitBool, Text: strconv.FormatBool(eq)}
}
