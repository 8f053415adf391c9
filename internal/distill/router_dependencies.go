package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Dependencies a FastAPI router or app lists run before every route on it,
// as a route's own `dependencies=[...]` do, and so do those of the routers
// and apps it is mounted on and of the mount itself (polar's backoffice,
// backoffice/__init__.py:33-71):
//
//	app = FastAPI(dependencies=[Depends(get_admin)], ...)
//	app.include_router(feedbacks_router, prefix="/feedbacks")
//
// Every route of feedbacks_router answers only an admin; without the app's
// dependency its rules read as open to anyone.

// routerDep is one entry of a dependencies list and the file it is
// written in, where its names resolve.
type routerDep struct {
	file *facts.File
	dep  *facts.Expr
}

// routerDependencies finds, once per service, the dependencies every
// route of each router runs first, by every dotted name the router may
// stand for: its own (RouterFactories' dependencies keyword), those of the
// mounts that include it (RouterMounts' keyword) and those of what mounts
// it, in that order.
func (b *builder) routerDependencies() map[string][]routerDep {
	if b.routerDeps != nil {
		return b.routerDeps
	}
	b.routerDeps = map[string][]routerDep{}
	if len(b.lang.RouterFactories) == 0 {
		return b.routerDeps
	}
	own := map[string][]routerDep{}
	type mount struct {
		parents []string
		deps    []routerDep
	}
	mounts := map[string][]mount{}
	var names []string // every router named, in the order first met
	known := map[string]bool{}
	name := func(n string) {
		if !known[n] {
			known[n] = true
			names = append(names, n)
		}
	}
	for _, f := range b.ix.files {
		for i := range f.Constants {
			a := &f.Constants[i]
			v := a.Value
			if v == nil || v.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.RouterFactories, v.Resolved(), v.Raw()) {
				continue
			}
			n := b.ix.canonical(qual(f.Module, a.Name))
			name(n)
			own[n] = append(own[n], dependencyEntries(f, v)...)
		}
		facts.Walk(f.Statements, func(s *facts.Stmt) bool {
			c := s.Value
			if s.Kind != facts.StmtExpr || c == nil || c.Kind != facts.ExprCall || len(c.Args()) == 0 || c.X == nil || c.X.X == nil || !catalog.Match(b.lang.RouterMounts, c.Method()) {
				return true
			}
			m := mount{parents: b.ix.names(f, c.X.X), deps: dependencyEntries(f, c)}
			for _, n := range b.ix.names(f, &c.Args()[0]) {
				name(n)
				mounts[n] = append(mounts[n], m)
			}
			return true
		})
	}
	// Each router's list is made once: a service whose routers are
	// mounted on several others each (a diamond, repeated) would
	// otherwise be walked once per path.
	done := map[string][]routerDep{}
	onPath := map[string]bool{}
	var deps func(n string) []routerDep
	deps = func(n string) []routerDep {
		if d, ok := done[n]; ok {
			return d
		}
		if onPath[n] {
			return nil // a router mounted, through others, on itself
		}
		onPath[n] = true
		out := slices.Clone(own[n])
		for _, m := range mounts[n] {
			out = append(out, m.deps...)
			for _, p := range m.parents {
				out = append(out, deps(p)...)
			}
		}
		delete(onPath, n)
		done[n] = out
		return out
	}
	for _, n := range names {
		if d := deps(n); len(d) > 0 {
			b.routerDeps[n] = d
		}
	}
	return b.routerDeps
}

// routerDependenciesOf is what routerDependencies lists for the router a
// route decorator of file f registers on (router in @router.post(...)).
func (b *builder) routerDependenciesOf(f *facts.File, decorator string) []routerDep {
	i := strings.LastIndexByte(decorator, '.')
	if i <= 0 {
		return nil
	}
	return b.routerDependencies()[b.ix.canonical(qual(f.Module, decorator[:i]))]
}

// dependencyEntries are the entries of call's dependencies list, each with
// file f.
func dependencyEntries(f *facts.File, call *facts.Expr) []routerDep {
	list := call.Keyword("dependencies")
	if list == nil || list.Kind != facts.ExprList && list.Kind != facts.ExprTuple {
		return nil
	}
	out := make([]routerDep, 0, len(list.Args()))
	for i := range list.Args() {
		out = append(out, routerDep{file: f, dep: &list.Args()[i]})
	}
	return out
}
