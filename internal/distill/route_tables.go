package distill

import (
	"slices"
	"strings"
	"unicode"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Routes registered as data (the catalog's route_tables), inside the
// functions that set an application up (Fastify's plugins):
//
//	const { auth } = f.controllers
//	f.route({ method: 'POST', url: '/logout', onRequest: authenticate(), handler: auth.logout })
//
// where the application was decorated elsewhere with the object that
// holds the handler:
//
//	f.decorate('controllers', { auth: new AuthController(user, session) })
//
// The route's handler is then AuthController's logout, run on an
// instance whose collaborators are injected as a controller's are.

// tableRoutes lists the routes f registers by route-table calls.
func (b *builder) tableRoutes(f *facts.File) []callRoute {
	rt := b.lang.RouteTables
	if rt == nil || len(rt.Calls) == 0 || rt.HandlerKey == "" {
		return nil
	}
	var out []callRoute
	visitFile(f, func(x *facts.Expr) {
		if x.Kind != facts.ExprCall || !slices.Contains(rt.Calls, x.Method()) || x.Keyword(rt.HandlerKey) == nil {
			return
		}
		path := x.Keyword(rt.PathKey)
		if path == nil || path.Kind != facts.ExprString {
			return
		}
		r := callRoute{file: f, path: path.Value, handler: x.Keyword(rt.HandlerKey)}
		if s := x.Keyword(rt.SchemaKey); rt.SchemaKey != "" && s != nil {
			r.schema = &routeSchema{file: f, x: s}
		}
		for _, k := range rt.HookKeys {
			hook := x.Keyword(k)
			if hook == nil {
				continue
			}
			hooks := []facts.Expr{*hook}
			if hook.Kind == facts.ExprList {
				hooks = hook.Args
			}
			r.auth = max(r.auth, b.middlewareAuth(hooks))
		}
		out = append(out, r)
	}, nil)
	return out
}

// decoratedHandler resolves a route's handler written as obj.method where
// obj was taken from an object the application was decorated with: the
// method of the class that object's entry constructs. nil when it is not
// one.
func (b *builder) decoratedHandler(f *facts.File, h *facts.Expr) *funcRef {
	rt := b.lang.RouteTables
	if rt == nil || len(rt.Decorators) == 0 || h.Kind != facts.ExprAttr || h.X == nil || h.X.Kind != facts.ExprName {
		return nil
	}
	// const { auth } = f.controllers: auth is the entry auth of the
	// decoration "controllers".
	var decoration, entry string
	visitFile(f, nil, func(fn *facts.Function) {
		facts.Walk(fn.Body, func(s *facts.Stmt) bool {
			if s.Kind != facts.StmtAssign || s.Value == nil || s.Value.Kind != facts.ExprAttr || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprDict {
				return true
			}
			for _, en := range s.Targets[0].Entries() {
				if en.Key != nil && en.Key.Kind == facts.ExprString && en.Value.Kind == facts.ExprName && en.Value.Name == h.X.Name {
					decoration, entry = s.Value.Name, en.Key.Value
				}
			}
			return true
		})
	})
	if decoration == "" {
		return nil
	}
	for _, df := range b.ix.files {
		var found *funcRef
		visitFile(df, func(x *facts.Expr) {
			if found != nil || x.Kind != facts.ExprCall || !slices.Contains(rt.Decorators, x.Method()) ||
				len(x.Args) == 0 || x.Args[0].Kind != facts.ExprString || x.Args[0].Value != decoration {
				return
			}
			// decorate("controllers", {auth: new AuthController()}): the
			// object read as the call's keywords, or given as it is.
			entries := x.Keywords()
			if len(x.Args) > 1 {
				entries = dictKeywords(&x.Args[1])
			}
			for _, kw := range entries {
				if kw.Name == entry && kw.Value.Kind == facts.ExprCall {
					if cr := b.ix.class(df, &kw.Value); cr != nil {
						found = b.ix.method(cr, h.Name)
					}
				}
			}
		}, nil)
		if found != nil {
			return found
		}
	}
	return nil
}

// requestDecoration reads req.getSessionId(), a method the application
// added to every request (route_tables.request_decorators), as the
// request's input named after it (session_id). nil when the call is no
// such method's.
func (rc *ruleCtx) requestDecoration(method string, recv *value, e *facts.Expr) *value {
	rt := rc.b.lang.RouteTables
	if rt == nil || len(rt.RequestDecorators) == 0 || method == "" || len(e.Args) > 0 ||
		recv == nil || recv.kind != vPlumbing || recv.param != "request" || !rc.b.requestDecorated(method) {
		return nil
	}
	name := method
	for _, p := range rt.GetterPrefixes {
		if rest, ok := strings.CutPrefix(method, p); ok && rest != "" && unicode.IsUpper(rune(rest[0])) {
			name = rest
			break
		}
	}
	return rc.paramValue(name)
}

// requestDecorated reports a method some module of the service adds to
// every request by a request_decorators call.
func (b *builder) requestDecorated(method string) bool {
	rt := b.lang.RouteTables
	found := false
	for _, f := range b.ix.files {
		visitFile(f, func(x *facts.Expr) {
			if !found && x.Kind == facts.ExprCall && slices.Contains(rt.RequestDecorators, x.Method()) &&
				len(x.Args) > 0 && x.Args[0].Kind == facts.ExprString && x.Args[0].Value == method {
				found = true
			}
		}, nil)
		if found {
			return true
		}
	}
	return false
}

// middlewareAuth is the access a route's middleware or hooks demand: an
// auth decorator of the catalog among them, called or not.
func (b *builder) middlewareAuth(list []facts.Expr) authLevel {
	a := b.lang.Auth
	level := authNone
	for i := range list {
		name, _ := decoratorName(&list[i])
		switch {
		case catalog.MatchAny(a.AdminDecorators, name):
			level = max(level, authAdmin)
		case catalog.MatchAny(a.Decorators, name):
			level = max(level, authUser)
		}
	}
	return level
}
