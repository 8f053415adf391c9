package distill

import (
	"path"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Routes registered by a module-level call that names the handler, not by
// a decorator (Express):
//
//	router.post("/login", rateLimit, auth.login)
//	router.post("/account/disable", requireAuth, async (req, res) => { ... })
//	router.route("/reset-password").post(auth.resetPassword)
//
// The call's method is a route method of the catalog (route_decorators);
// its arguments after the path are functions, the last the handler (a
// function of the service, or a function written in place) and the others
// middleware: an auth decorator of the catalog among them makes the route
// one for signed-in users (or administrators). The path is the call's
// first string argument, or that of the route call it is chained on. The
// calls are read at module level and at the top of the module's functions
// (a function that mounts its routes on the app it is given); a handler
// wrapped in a call given only it (middlewares.wrap(h)) is h.

// callRoute is one route registered by a call.
type callRoute struct {
	file    *facts.File
	path    string
	handler *facts.Expr
	auth    authLevel
	// middleware: the calls between the path and the handler
	// (requireAuth, body("email").isEmail(), celebrate({...})).
	middleware []facts.Expr
	// schema: the JSON schemas the route validates the request by
	// (route_tables' schema_key), nil for none.
	schema *routeSchema
	// target: the handler already resolved, when the route names it
	// by a string (Strapi's 'auth.callback'); nil otherwise.
	target *funcRef
	// passing: handler is a middleware of the route, not its last
	// function: it counts only as a function of the service that hands
	// the request on (calls its next parameter).
	passing bool
	// callback: handler is an option a library runs (callbackRoutes).
	callback bool
	// listed, listedFile, listedName: the route names an array of
	// middleware ending in its handler (handlerArray); handler is its
	// last element.
	listed     []facts.Expr
	listedFile *facts.File
	listedName string
	// holder: the class whose method registers the route (classRoutes),
	// whose instance `this` is in the handler's name and the path; nil
	// for a registration outside a class.
	holder *classRef
}

// routeSchema is the schema option of a route and the file it is
// written in (where its names resolve).
type routeSchema struct {
	file *facts.File
	x    *facts.Expr
}

// callRoutes lists the routes the service's modules register by calls,
// in file then line order.
func (b *builder) callRoutes() []callRoute {
	var out []callRoute
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		for i := range f.Statements {
			if s := &f.Statements[i]; s.Kind == facts.StmtExpr {
				out = b.routeCallChain(f, s.Value, nil, out)
			}
		}
		out = append(out, b.tableRoutes(f)...)
		out = append(out, b.callbackRoutes(f)...)
		out = append(out, b.exportedRoutes(f)...)
		out = append(out, b.classRoutes(f)...)
		for i := range f.Functions {
			// export default (app) => { const route = Router(); route.post(...) }:
			// a module's function that mounts its routes.
			for j := range f.Functions[i].Body() {
				if s := &f.Functions[i].Body()[j]; s.Kind == facts.StmtExpr {
					out = b.routeCallChain(f, s.Value, nil, out)
				}
			}
		}
	}
	return out
}

// routeCallChain reads a route call and the route calls it is chained on
// (router.route(p).get(a).post(b)); holder is the class whose method makes
// the call (classRoutes), nil for none.
func (b *builder) routeCallChain(f *facts.File, call *facts.Expr, holder *classRef, out []callRoute) []callRoute {
	if call == nil || call.Kind != facts.ExprCall || call.X == nil || call.X.Kind != facts.ExprAttr ||
		!slices.Contains(b.lang.RouteDecorators, call.X.Name()) {
		return out
	}
	out = b.routeCallChain(f, call.X.X, holder, out)
	args := call.Args()
	path := ""
	if len(args) > 0 && args[0].Kind == facts.ExprString {
		path, args = args[0].Value(), args[1:]
	} else if p := b.templatePath(args, holder); p != "" {
		// `${this.path}/:id` in a class's method (class_routes.go).
		path, args = p, args[1:]
	} else {
		path = chainedPath(call.X.X)
	}
	if len(args) == 0 || path == "" {
		return out
	}
	handler := unwrapHandler(&args[len(args)-1])
	r := callRoute{file: f, path: path, handler: handler, auth: b.middlewareAuth(args[:len(args)-1]), middleware: args[:len(args)-1], holder: holder}
	if steps, file, name := b.handlerArray(f, handler); len(steps) > 0 {
		r.handler, r.listed, r.listedFile, r.listedName = &steps[len(steps)-1], steps[:len(steps)-1], file, name
		r.auth = max(r.auth, b.middlewareAuth(r.listed))
	}
	out = append(out, r)
	for i := range len(args) - 1 {
		// router.get("/verify/:token", asyncHandler(auth.verify), ...,
		// renders.verify): a middleware of the service that changes
		// state before the page renders is a handler of the route too
		// (callRouteHandlers keeps those that hand the request on).
		if mw := unwrapHandler(&args[i]); mw.Kind == facts.ExprName || mw.Kind == facts.ExprAttr {
			out = append(out, callRoute{file: f, path: path, handler: mw, auth: b.middlewareAuth(args[:i]), middleware: args[:i], passing: true, holder: holder})
		}
	}
	return out
}

// unwrapHandler is the function a route argument names through wrappers
// given only it (middlewares.wrap(handler), asyncHandler(async (req, res)
// => ...)).
func unwrapHandler(handler *facts.Expr) *facts.Expr {
	for i := 0; i < maxWrappers && handler.Kind == facts.ExprCall && len(handler.Args()) == 1 && len(handler.Keywords()) == 0 &&
		(handler.Args()[0].Kind == facts.ExprName || handler.Args()[0].Kind == facts.ExprAttr || handler.Args()[0].Kind == facts.ExprFunction); i++ {
		handler = &handler.Args()[0]
	}
	return handler
}

// handlerArray reads a route's handler that names an array of
// middleware ending in a function written in place, as a controller
// module exports it:
//
//	exports.register = [
//		body("email").isEmail().custom(...),
//		sanitizeBody("email").escape(),
//		(req, res) => { ... },
//	];
//
// Express runs the elements of such an array in order, as if each were
// given to the route call. It returns the elements, the file they are
// written in and the name the array is exported under; nil when handler
// names no such array.
func (b *builder) handlerArray(f *facts.File, handler *facts.Expr) ([]facts.Expr, *facts.File, string) {
	if handler.Kind != facts.ExprName && handler.Kind != facts.ExprAttr {
		return nil, nil, ""
	}
	v, vf := b.exportedValue(f, handler)
	if v == nil || v.Kind != facts.ExprList || len(v.Args()) == 0 {
		return nil, nil, ""
	}
	steps := v.Args()
	if last := unwrapHandler(&steps[len(steps)-1]); last.Kind != facts.ExprFunction || last.Func() == nil {
		return nil, nil, ""
	}
	return steps, vf, handler.Name()
}

// middlewareStep is one middleware that runs before a handler, with the
// file its names resolve in.
type middlewareStep struct {
	x    *facts.Expr
	file *facts.File
}

// middlewareSteps lists what runs before h in order: the middleware its
// route call gives, then that listed before it in the array it ends.
func (h *handler) middlewareSteps() []middlewareStep {
	file := h.middlewareFile
	if file == nil {
		file = h.file
	}
	out := make([]middlewareStep, 0, len(h.middleware)+len(h.listed))
	for i := range h.middleware {
		out = append(out, middlewareStep{x: &h.middleware[i], file: file})
	}
	for i := range h.listed {
		out = append(out, middlewareStep{x: &h.listed[i], file: h.listedFile})
	}
	return out
}

// chainedPath is the path of the route call e is, or is chained on.
func chainedPath(e *facts.Expr) string {
	for e != nil && e.Kind == facts.ExprCall {
		if len(e.Args()) > 0 && e.Args()[0].Kind == facts.ExprString {
			return e.Args()[0].Value()
		}
		if e.X == nil || e.X.Kind != facts.ExprAttr {
			return ""
		}
		e = e.X.X
	}
	return ""
}

// callRouteHandlers are the handlers of the routes registered by calls
// that known lists do not hold yet: a function of the service is named
// after itself, a function written in place after the route's path.
func (b *builder) callRouteHandlers(known []*handler) []*handler {
	seen := handledFunctions(known)
	var out []*handler
	for _, r := range b.callRoutes() {
		var h *handler
		var fr *funcRef
		switch {
		case r.target != nil:
			fr = r.target
		case r.handler.Kind == facts.ExprFunction && r.handler.Func() != nil:
			// req => this.handleLogIn(req): the method it hands on to.
			if fr = b.forwardedMethod(r.file, r.handler.Func()); fr != nil {
				break
			}
			h = &handler{file: r.file, fn: r.handler.Func(), name: pascal(strings.NewReplacer("/", "_", "-", "_", ":", "").Replace(r.path))}
			if r.listedFile != nil {
				// The last of an exported array: named after the array.
				h.file, h.name = r.listedFile, pascal(r.listedName)
			}
			if h.fn.Name == "" {
				// Anonymous: named after its route where the walk reads
				// the function's name (the call stack, a token's kind).
				h.fn.QualName = qual(r.file.Module, snake(h.name))
			}
		case r.handler.Kind == facts.ExprName || r.handler.Kind == facts.ExprAttr:
			if fr = b.ix.function(r.file, r.handler); fr == nil {
				fr = b.decoratedHandler(r.file, r.handler)
			}
			if fr == nil {
				// this.auth.signUp: a method of the controller a field of
				// the registering class holds (class_routes.go).
				fr = b.instanceMethod(r.holder, r.handler)
			}
		}
		if fr != nil {
			h = &handler{file: fr.file, fn: fr.fn, class: fr.class, name: pascal(strings.TrimLeft(fr.fn.Name, "_"))}
			if fr.fn.Name == "default" && fr.class == nil {
				// require("./create-invite").default: an anonymous
				// default export is named after its module.
				h.name = pascal(strings.NewReplacer("-", "_", ".", "_").Replace(moduleStem(fr.file.Path)))
			}
		}
		if h == nil || seen[h.fn] || h.name == "" || r.passing && !handsOn(h.fn) {
			continue
		}
		seen[h.fn] = true
		h.auth, h.middleware, h.middlewareFile, h.schema = r.auth, r.middleware, r.file, r.schema
		h.listed, h.listedFile = r.listed, r.listedFile
		h.callback = r.callback
		out = append(out, h)
	}
	return out
}

// moduleStem is a module file's name without its extension, or its
// directory's name for an index file.
func moduleStem(p string) string {
	stem := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if stem == "index" {
		stem = path.Base(path.Dir(p))
	}
	return stem
}

// destructure assigns an object pattern (`const {email, password: pw} =
// req.body`): each target is the value's attribute of its key. A value
// that is a plain dotted chain is read once per key; any other is
// evaluated once for its effects and its parts are not followed, but for
// the request's input (await req.json()), whose keys are its inputs.
func (rc *ruleCtx) destructure(t, v *facts.Expr, sc *scope, out *[]allium.Stmt, line int) {
	if v.Raw() == "" || (v.Kind != facts.ExprName && v.Kind != facts.ExprAttr) {
		r := rc.eval(v, sc, out, true)
		if given := rc.validatedCopyOf(v); given != nil && r.kind != vReqDict && r.claimsOf == nil && len(r.parts) == 0 {
			// const {params} = routeContextSchema.parse(context): the
			// parts of the value given, checked (next-taxonomy's
			// app/api/posts/[postId]/route.ts:20).
			rc.destructure(t, given, sc, out, line)
			return
		}
		for i := range t.Entries() {
			en := &t.Entries()[i]
			target, _ := defaulted(&en.Value)
			if en.Key == nil || en.Key.Kind != facts.ExprString || target.Kind != facts.ExprName {
				continue
			}
			switch {
			case r.kind == vReqDict:
				// const {token, password} = await req.json(): the inputs.
				sc.vars[target.Name()] = rc.shapeInput(r, en.Key.Value(), sc)
			case r.claimsOf != nil:
				// const {sub} = verifyJwt(token): the decoded token's claims.
				sc.vars[target.Name()] = rc.claim(r, en.Key.Value())
			case len(r.parts) > 0:
				// const {body, error} = await parseRequest(req, schema): the
				// entries of the object the helper returned.
				if part, given := rc.partValue(r, en.Key.Value(), out); given {
					sc.vars[target.Name()] = part
				}
			}
		}
		return
	}
	for i := range t.Entries() {
		en := &t.Entries()[i]
		if en.Key == nil && en.Value.Kind == facts.ExprName {
			rc.restOfInput(t, v, &en.Value, sc, out)
			continue
		}
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			continue
		}
		part := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, Name: en.Key.Value(), X: v, Raw: v.Raw() + "." + en.Key.Value(), Line: en.Key.Line()})
		if v.Resolved() != "" {
			part.SetResolved(v.Resolved() + "." + en.Key.Value())
		}
		target, def := defaulted(&en.Value)
		if def != nil && v.Kind == facts.ExprName && lacksKey(sc.vars[v.Name()], en.Key.Value()) {
			// const {showDeleted = false} = options, with options an
			// object literal (the caller's, or the parameter's default
			// {}) that does not give it: the default.
			rc.assign(target, def, sc, out, line)
			continue
		}
		if def == nil && target.Kind == facts.ExprName && rc.defersRead(part) {
			// @Req() { body, user }: the user is read when the name is.
			sc.deferRead(target.Name(), part)
			continue
		}
		if def != nil {
			// {password = ''}: the part, or the default when it is absent.
			withDefault := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBoolOp, X: part, Y: def, Line: part.Line()}).WithOp("or")
			part = &withDefault
		}
		rc.assign(target, part, sc, out, line)
	}
}

// restOfInput binds the rest element of a destructuring of a request
// schema or the request's input (Medusa's const {email, password_hash,
// metadata, ...rest} = update) to that input without the keys taken
// before it, as an omission of them would give.
func (rc *ruleCtx) restOfInput(t, v, rest *facts.Expr, sc *scope, out *[]allium.Stmt) {
	in := rc.eval(v, sc, out, false)
	if in.kind != vShape && in.kind != vReqDict {
		return
	}
	var taken []string
	for _, en := range t.Entries() {
		if en.Key != nil && en.Key.Kind == facts.ExprString {
			taken = append(taken, en.Key.Value())
		}
	}
	sc.vars[rest.Name()] = withoutKeys(in, taken)
}

// validatedCopyOf is the argument a catalogued validated copy gives back
// (zod's schema.parse(context)) when it is a plain dotted chain, else nil.
func (rc *ruleCtx) validatedCopyOf(e *facts.Expr) *facts.Expr {
	if e.Kind != facts.ExprCall || len(e.Args()) != 1 || len(e.Keywords()) > 0 || !catalog.Match(rc.b.lang.ValidatedCopies, e.Method()) {
		return nil
	}
	if a := &e.Args()[0]; a.Raw() != "" && (a.Kind == facts.ExprName || a.Kind == facts.ExprAttr) {
		return a
	}
	return nil
}

// lacksKey reports whether v is an object literal known whole (no
// spread among its entries) that has no entry for key.
func lacksKey(v *value, key string) bool {
	if v == nil || len(v.parts) != 1 || v.parts[0].e.Kind != facts.ExprDict {
		return false
	}
	for _, en := range v.parts[0].e.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString || en.Key.Value() == key {
			return false
		}
	}
	return true
}

// defaulted splits a destructuring target with a default value ({x = 1})
// into the target and the default; any other target has no default.
func defaulted(t *facts.Expr) (target, def *facts.Expr) {
	if t.Kind == facts.ExprDefault && t.X != nil {
		return t.X, t.Y
	}
	return t, nil
}

// handsOn reports an Express middleware that changes something and hands
// the request on: a function of (req, res, next) that awaits some work,
// calls next and never answers the request itself (no throw, no method of
// res called): kutt's verify(req, res, next) updates the user its token
// names, then next() renders the page. A guard (an auth check answering
// 401, a redirect, a validation that throws) is no rule of its own.
func handsOn(fn *facts.Function) bool {
	if fn == nil || len(fn.Params) != 3 || fn.Params[1].Name == "" || fn.Params[2].Name == "" {
		return false
	}
	res, next := fn.Params[1].Name, fn.Params[2].Name
	calls, awaits, answers := false, false, false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtRaise {
			answers = true
		}
		for _, e := range []*facts.Expr{s.Value, s.Cond} {
			e.Any(func(x *facts.Expr) bool {
				switch {
				case x.Await():
					awaits = true
				case x.Kind != facts.ExprCall || x.X == nil:
				case x.X.Kind == facts.ExprName && x.X.Name() == next:
					calls = true
				case x.X.Kind == facts.ExprAttr && x.X.X != nil && x.X.X.Kind == facts.ExprName && x.X.X.Name() == res:
					answers = true // res.redirect(...), res.status(401)
				}
				return false
			})
		}
		return true
	})
	return calls && awaits && !answers
}
