package distill

import (
	"cmp"
	"path"
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
	b.eachCall(f, func(x *facts.Expr) {
		if x.Kind != facts.ExprCall || !slices.Contains(rt.Calls, x.Method()) {
			return
		}
		if r, ok := b.methodPathRoute(f, x); ok {
			out = append(out, r)
			return
		}
		if x.Keyword(rt.HandlerKey) == nil {
			return
		}
		path := x.Keyword(rt.PathKey)
		if path == nil || path.Kind != facts.ExprString {
			return
		}
		r := callRoute{file: f, path: path.Value(), handler: x.Keyword(rt.HandlerKey)}
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
				hooks = hook.Args()
			}
			r.auth = max(r.auth, b.middlewareAuth(hooks))
			r.middleware = append(r.middleware, hooks...)
		}
		out = append(out, r)
	})
	return out
}

// methodPathRoute reads a route-table call given the HTTP method and the
// path as its first two arguments, then its middleware and last its
// handler (Parse Server's this.route('POST', '/login', req =>
// this.handleLogIn(req))): the method one of the catalog's
// route_tables.method_args. ok is false for any other call.
func (b *builder) methodPathRoute(f *facts.File, x *facts.Expr) (callRoute, bool) {
	rt := b.lang.RouteTables
	args := x.Args()
	if len(args) < 3 || args[0].Kind != facts.ExprString || !slices.Contains(rt.MethodArgs, args[0].Value()) ||
		args[1].Kind != facts.ExprString || args[1].Value() == "" {
		return callRoute{}, false
	}
	mw := args[2 : len(args)-1]
	return callRoute{file: f, path: args[1].Value(), handler: &args[len(args)-1], auth: b.middlewareAuth(mw), middleware: mw}, true
}

// forwardedMethod is the method of a class of f that a function written
// in place only hands its call on to (req => this.handleLogIn(req), or a
// body that returns that call), or nil.
func (b *builder) forwardedMethod(f *facts.File, fn *facts.Function) *funcRef {
	if fn == nil || len(fn.Body()) != 1 || fn.Body()[0].Kind != facts.StmtReturn {
		return nil
	}
	call := fn.Body()[0].Value
	if call == nil || call.Kind != facts.ExprCall || call.X == nil || call.X.Kind != facts.ExprAttr ||
		call.X.X == nil || call.X.X.Kind != facts.ExprName || call.X.X.Name() != "this" {
		return nil
	}
	var found *funcRef
	facts.EachClass(f.Classes, func(c *facts.Class) {
		for i := range c.Methods {
			if found == nil && c.Methods[i].Name == call.X.Name() {
				found = &funcRef{file: f, fn: &c.Methods[i], class: c}
			}
		}
	})
	return found
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
	for _, s := range b.destructuringsOf(f) {
		if s.Value.Kind != facts.ExprAttr {
			continue
		}
		for _, en := range s.Targets[0].Entries() {
			if en.Key != nil && en.Key.Kind == facts.ExprString && en.Value.Kind == facts.ExprName && en.Value.Name() == h.X.Name() {
				decoration, entry = s.Value.Name(), en.Key.Value()
			}
		}
	}
	if decoration == "" {
		return nil
	}
	var found *funcRef
	for _, d := range b.decorationCalls(decoration) {
		// decorate("controllers", {auth: new AuthController()}): the
		// object read as the call's keywords, or given as it is.
		entries := d.x.Keywords()
		if len(d.x.Args()) > 1 {
			entries = dictKeywords(&d.x.Args()[1])
		}
		for _, kw := range entries {
			if kw.Name == entry && kw.Value.Kind == facts.ExprCall {
				if cr := b.ix.class(d.file, &kw.Value); cr != nil {
					found = b.ix.method(cr, h.Name())
				}
			}
		}
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
	if rt == nil || len(rt.RequestDecorators) == 0 || method == "" || len(e.Args()) > 0 ||
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
		b.eachCall(f, func(x *facts.Expr) {
			if !found && x.Kind == facts.ExprCall && slices.Contains(rt.RequestDecorators, x.Method()) &&
				len(x.Args()) > 0 && x.Args()[0].Kind == facts.ExprString && x.Args()[0].Value() == method {
				found = true
			}
		})
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

// exportedRoutes lists the routes f exports as an array of route objects
// (route_tables.exported; Strapi's routes/content-api/auth.js:
// module.exports = [{method: 'POST', path: '/auth/local', handler:
// 'auth.callback'}]). A route whose handler names no function of the
// service is left out.
func (b *builder) exportedRoutes(f *facts.File) []callRoute {
	rt := b.lang.RouteTables
	if rt == nil || rt.Exported == nil || rt.Exported.PathKey == "" || rt.Exported.HandlerKey == "" {
		return nil
	}
	ex := rt.Exported
	var out []callRoute
	for _, e := range f.Exports {
		if e.Name != "default" || e.Value == nil || e.Value.Kind != facts.ExprList {
			continue
		}
		for i := range e.Value.Args() {
			route := dictKeywords(&e.Value.Args()[i])
			var path, handler *facts.Expr
			for j := range route {
				switch route[j].Name {
				case ex.PathKey:
					path = &route[j].Value
				case ex.HandlerKey:
					handler = &route[j].Value
				}
			}
			if path == nil || path.Kind != facts.ExprString || handler == nil || handler.Kind != facts.ExprString {
				continue
			}
			if fr := b.controllerAction(handler.Value()); fr != nil {
				out = append(out, callRoute{file: f, path: path.Value(), handler: handler, target: fr})
			}
		}
	}
	return out
}

// controllerAction resolves a handler named "<controller>.<action>": the
// function exported as action by the module named controller in one of
// the catalog's controller directories. nil when there is none.
func (b *builder) controllerAction(name string) *funcRef {
	controller, action, ok := strings.Cut(name, ".")
	if !ok || controller == "" || action == "" {
		return nil
	}
	for _, f := range b.modulesNamed(controller, b.lang.RouteTables.Exported.ControllerDirs) {
		for _, e := range f.Exports {
			if e.Name != action {
				continue
			}
			local := cmp.Or(e.Local, e.Name)
			for i := range f.Functions {
				if f.Functions[i].Name == local {
					return &funcRef{file: f, fn: &f.Functions[i]}
				}
			}
		}
	}
	return nil
}

// isServiceLocatorCall reports a call of a service locator given a
// service's name (getService('user')) that names a module of the service.
func (b *builder) isServiceLocatorCall(call *facts.Expr) bool {
	return len(b.locatedModules(call)) > 0
}

// locatedServiceMethod is the function method of the object a service
// locator answers (catalog service_locators: getService('user').edit is
// the edit of the object services/user.js exports, or its exported
// factory returns). nil when call is no locator's or the object has no
// such function.
func (b *builder) locatedServiceMethod(call *facts.Expr, method string) *funcRef {
	for _, f := range b.locatedModules(call) {
		if fn := exportedObjectFunction(f, method); fn != nil {
			return &funcRef{file: f, fn: fn}
		}
	}
	return nil
}

// locatedModules are the modules a service locator's call names: those
// called by its string argument in the locator's directories; none when
// call is no locator's.
func (b *builder) locatedModules(call *facts.Expr) []*facts.File {
	if call == nil || call.Kind != facts.ExprCall || len(call.Args()) != 1 || call.Args()[0].Kind != facts.ExprString {
		return nil
	}
	var out []*facts.File
	for _, loc := range b.lang.ServiceLocators {
		if catalog.MatchAny(loc.Calls, call.Resolved(), call.Raw(), facts.LastSegment(call.Raw())) {
			out = append(out, b.modulesNamed(call.Args()[0].Value(), loc.Dirs)...)
		}
	}
	return out
}

// exportedObjectFunction is the function entry name of the object f
// exports by default: the object literal itself, or the one its exported
// factory returns (module.exports = ({ strapi }) => ({ edit(id, data)
// {...} })). nil when there is none.
func exportedObjectFunction(f *facts.File, name string) *facts.Function {
	for _, ex := range f.Exports {
		if ex.Name != "default" {
			continue
		}
		obj := ex.Value
		if obj == nil || obj.Kind != facts.ExprDict {
			obj = nil
			for i := range f.Functions {
				if fn := &f.Functions[i]; fn.Name == ex.Local && len(fn.Body()) == 1 && fn.Body()[0].Kind == facts.StmtReturn {
					obj = fn.Body()[0].Value
				}
			}
		}
		if obj == nil || obj.Kind != facts.ExprDict {
			continue
		}
		for _, en := range obj.Entries() {
			if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == name && en.Value.Kind == facts.ExprFunction {
				return en.Value.Func()
			}
		}
	}
	return nil
}

// modulesNamed are the service's modules called name (their file name
// without the extension) that sit directly in a directory named one of
// dirs (controllers/auth.js, services/user.js).
func (b *builder) modulesNamed(name string, dirs []string) []*facts.File {
	var out []*facts.File
	for _, f := range b.ix.files {
		if moduleStem(f.Path) == name && slices.Contains(dirs, path.Base(path.Dir(f.Path))) {
			out = append(out, f)
		}
	}
	return out
}

// callbackRoutes lists the functions f hands a library as options it runs
// on a stimulus of its own (catalog callback_triggers: NextAuth's
// EmailProvider({sendVerificationRequest: async ({identifier, url}) =>
// {...}})): each a handler named after its key.
func (b *builder) callbackRoutes(f *facts.File) []callRoute {
	if len(b.lang.CallbackTriggers) == 0 {
		return nil
	}
	var out []callRoute
	b.eachCall(f, func(x *facts.Expr) {
		if x.Kind != facts.ExprCall {
			return
		}
		for _, ct := range b.lang.CallbackTriggers {
			if !catalog.MatchAny(ct.Calls, x.Resolved(), x.Raw()) {
				continue
			}
			for _, k := range ct.Keys {
				if fn := x.Keyword(k); fn != nil && fn.Kind == facts.ExprFunction && fn.Func() != nil {
					out = append(out, callRoute{file: f, path: k, handler: fn, callback: true})
				}
			}
		}
	})
	return out
}
