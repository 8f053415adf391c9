package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// nestedRouteHandlers are the route handlers a module-level function
// defines in its own body: a router factory that makes a router, declares
// its routes on it and returns it (fastapi-users' get_register_router:
//
//	def get_register_router(get_user_manager):
//	    router = APIRouter()
//	    @router.post("/register")
//	    async def register(...): ...
//	    return router
//
// ), or an application factory that declares routes on the app it makes.
// Only definitions at the top level of the function's body count: one
// under an if is registered only on a condition of the factory's
// arguments, which the rule could not state. A function that is itself a
// handler is not read as a factory.
func (b *builder) nestedRouteHandlers(known []*handler) []*handler {
	seen := handledFunctions(known)
	var out []*handler
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		for i := range f.Functions {
			factory := &f.Functions[i]
			if seen[factory] {
				continue
			}
			locals := assignedNames(factory.Body())
			for j := range factory.Body() {
				s := &factory.Body()[j]
				fn := s.Func()
				if s.Kind != facts.StmtFunction || fn == nil || len(fn.Decorators) == 0 || seen[fn] {
					continue
				}
				if !b.routeDecorated(fn) {
					// Only a route decorator makes one: a module-level
					// registration of a name (app.route("/x")(f))
					// is of the module's function of that name.
					continue
				}
				h := b.functionHandler(f, fn, false)
				if h == nil || h.job {
					// A job the factory schedules is not read here: only
					// the decorators that declare routes.
					continue
				}
				// The router is the factory's own when it binds the
				// name: a module router of the same name, and the
				// condition it is mounted under, are another's.
				if h.route != nil && h.route.X != nil {
					if obj, _, ok := strings.Cut(h.route.X.Raw(), "."); ok && locals[obj] {
						h.mount = nil
					}
				}
				seen[fn] = true
				out = append(out, h)
			}
		}
	}
	return out
}

// routeDecorated reports whether a decorator of fn declares a route, as
// functionHandler reads one (router.post(...), app.route(...)).
func (b *builder) routeDecorated(fn *facts.Function) bool {
	for i := range fn.Decorators {
		name, _ := decoratorName(&fn.Decorators[i])
		last := facts.LastSegment(name)
		if slices.Contains(b.lang.RouteDecorators, last) && (strings.Contains(name, ".") || last == "api_view") {
			return true
		}
	}
	return false
}

// assignedNames are the plain names the statements assign at their top
// level.
func assignedNames(body []facts.Stmt) map[string]bool {
	out := map[string]bool{}
	for i := range body {
		if body[i].Kind != facts.StmtAssign {
			continue
		}
		for _, t := range body[i].Targets {
			if t.Kind == facts.ExprName {
				out[t.Name()] = true
			}
		}
	}
	return out
}
