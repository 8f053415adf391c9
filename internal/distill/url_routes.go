package distill

import (
	"regexp"
	"slices"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// URL routes. A Django function view takes its URL arguments from the
// patterns that route to it (urlpatterns: path("accounts/check_token/
// <str:username>/<str:token>/", views.check_token)); a parameter none of
// its routes passes is never given by a request and holds its default.
// healthchecks' check_token(request, username, token, new_email=None)
// (hc/accounts/views.py:254-279, routed at hc/accounts/urls.py:20-24)
// changes the address only when called by change_email_verify with the
// address from a signed link; read as an input of its own, the login
// link's rule said a request could name a new address. The catalog's
// url_route_calls are the routing calls.

// routeArgs are the URL arguments the routes to one view pass; unread
// when some route to it was not read (its pattern is not a literal, or
// the list is extended elsewhere), and then nothing is known.
type routeArgs struct {
	names  map[string]bool
	unread bool
	// routed: a routing call names the function as its view.
	routed bool
}

// urlRouted reports a module-level function that a URL conf's routing
// call names as its view (wger's path('delete', user.delete),
// core/urls.py:72): Django runs it for a request, wherever it is
// written (core/views/user.py is no views module of its own name).
func (b *builder) urlRouted(f *facts.File, fn *facts.Function) bool {
	r := b.viewRoutes()[f.Path+":"+fn.Name]
	return r != nil && r.routed && len(fn.Params) > 0 && !strings.HasPrefix(fn.Name, "_")
}

var (
	pathCapture  = regexp.MustCompile(`<(?:[A-Za-z_][A-Za-z0-9_]*:)?([A-Za-z_][A-Za-z0-9_]*)>`)
	regexCapture = regexp.MustCompile(`\(\?P<([A-Za-z_][A-Za-z0-9_]*)>`)
)

// viewRoutes reads every module's urlpatterns once: for each view
// function routed there, keyed by funcKey, the arguments its routes pass.
func (b *builder) viewRoutes() map[string]*routeArgs {
	if b.routes != nil {
		return b.routes
	}
	b.routes = map[string]*routeArgs{}
	if len(b.lang.URLRouteCalls) == 0 || len(b.lang.URLPatternLists) == 0 {
		return b.routes
	}
	for _, f := range b.ix.files {
		// urlpatterns, and the lists of the module its routes include
		// (wger's path('user/', include((patterns_user, 'user'),
		// namespace='user')), core/urls.py:199): Django routes theirs the
		// same way.
		lists := slices.Clone(b.lang.URLPatternLists)
		for n := 0; n < len(lists) && n < 64; n++ {
			name := lists[n]
			extended := false
			for i := range f.Statements {
				if mentionsName(&f.Statements[i], name) {
					extended = true // urlpatterns += [...]: routes not read
				}
			}
			for i := range f.Constants {
				c := &f.Constants[i]
				if c.Name != name || c.Value == nil || (!slices.Contains(b.lang.URLPatternLists, name) && c.Value.Kind != facts.ExprList && c.Value.Kind != facts.ExprTuple) {
					continue
				}
				for _, el := range c.Value.Args() {
					b.readRoute(f, &el, extended)
					if l := b.includedList(&el); l != "" && !slices.Contains(lists, l) {
						lists = append(lists, l)
					}
				}
			}
		}
	}
	return b.routes
}

// includedList is the name of the module's list a route element hands
// on to (path("user/", include(patterns_user)) or include((patterns_user,
// "user"), namespace="user")); "" for any other element.
func (b *builder) includedList(el *facts.Expr) string {
	if el.Kind != facts.ExprCall || el.X == nil || len(b.lang.URLIncludeCalls) == 0 {
		return ""
	}
	args := el.Args()
	if !catalog.MatchAny(b.lang.URLRouteCalls, el.X.Resolved(), el.X.Raw()) || len(args) < 2 {
		return ""
	}
	inc := &args[1]
	if inc.Kind != facts.ExprCall || inc.X == nil || !catalog.MatchAny(b.lang.URLIncludeCalls, inc.X.Resolved(), inc.X.Raw()) || len(inc.Args()) == 0 {
		return ""
	}
	l := &inc.Args()[0]
	if l.Kind == facts.ExprTuple && len(l.Args()) > 0 {
		l = &l.Args()[0]
	}
	if l.Kind != facts.ExprName {
		return ""
	}
	return l.Name()
}

// readRoute records the view one element of urlpatterns routes to. An
// element that is no routing call marks every function it names unread.
func (b *builder) readRoute(f *facts.File, el *facts.Expr, unread bool) {
	if el.Kind != facts.ExprCall || el.X == nil {
		return
	}
	args := el.Args()
	if !catalog.MatchAny(b.lang.URLRouteCalls, el.X.Resolved(), el.X.Raw()) || len(args) < 2 {
		for i := range args {
			if fr := b.ix.function(f, &args[i]); fr != nil {
				b.route(fr).unread = true
			}
		}
		return
	}
	fr := b.ix.function(f, &args[1])
	if fr == nil {
		return // a class view, an include: no function's parameters
	}
	r := b.route(fr)
	r.routed = true
	if unread || args[0].Kind != facts.ExprString {
		r.unread = true
		return
	}
	pattern := args[0].Value()
	for _, m := range pathCapture.FindAllStringSubmatch(pattern, -1) {
		r.names[m[1]] = true
	}
	for _, m := range regexCapture.FindAllStringSubmatch(pattern, -1) {
		r.names[m[1]] = true
	}
	extra := el.Keyword("kwargs")
	if len(args) > 2 {
		extra = &args[2]
	}
	if extra == nil {
		return
	}
	if extra.Kind != facts.ExprDict {
		r.unread = true
		return
	}
	for _, en := range extra.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			r.unread = true
			return
		}
		r.names[en.Key.Value()] = true
	}
}

func (b *builder) route(fr *funcRef) *routeArgs {
	key := fr.file.Path + ":" + fr.fn.Name
	if b.routes[key] == nil {
		b.routes[key] = &routeArgs{names: map[string]bool{}}
	}
	return b.routes[key]
}

// unroutedDefault reports a parameter of the handler, a function view,
// that has a default and that no route to the view passes: a request
// never gives it, so it holds its default.
func (b *builder) unroutedDefault(h *handler, p *facts.Param) bool {
	if h.class != nil || p.Default == nil || p.Name == "" {
		return false
	}
	switch p.Default.Kind {
	case facts.ExprNone, facts.ExprBool, facts.ExprString, facts.ExprInt, facts.ExprFloat:
	default:
		return false // a default the walk would have to compute
	}
	r := b.viewRoutes()[h.file.Path+":"+h.fn.Name]
	return r != nil && !r.unread && !r.names[p.Name]
}

// mentionsName reports a module statement that reads or writes the name
// (urlpatterns += [...], urlpatterns.append(...)), by its source text.
func mentionsName(s *facts.Stmt, name string) bool {
	exprs := slices.Clone(s.Targets)
	if s.Value != nil {
		exprs = append(exprs, *s.Value)
	}
	for i := range exprs {
		if strings.Contains(exprs[i].Raw(), name) {
			return true
		}
	}
	return false
}
