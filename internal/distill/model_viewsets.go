package distill

// DRF's model viewsets give the classes that derive from them their
// create, update and destroy actions (rest_framework/mixins.py):
//
//	class TagViewSet(ModelViewSet):
//	    queryset = Tag.objects.all()
//	    serializer_class = TagSerializer
//	    def perform_create(self, serializer):
//	        serializer.save(owner=self.request.user)
//
// answers POST, PUT, PATCH and DELETE though it writes none of them; a
// service written this way (paperless-ngx's documents/views.py, most of
// its API) came out with no handler at all. Each inherited action reads
// as the code DRF runs for it, written out (catalog
// shapes.model_viewsets):
//
//	def create(self, request):
//	    serializer = self.get_serializer(data=request.data)
//	    serializer.is_valid(raise_exception=True)
//	    self.perform_create(serializer)     # DRF's own: serializer.save()
//
//	def update(self, request):
//	    instance = self.get_object()        # the row the URL names
//	    serializer = self.get_serializer(instance, data=request.data)
//	    serializer.is_valid(raise_exception=True)
//	    self.perform_update(serializer)     # serializer.save()
//
//	def destroy(self, request):
//	    instance = self.get_object()
//	    self.perform_destroy(instance)      # instance.delete()
//
// and partial_update is update with partial=True. A hook the service
// writes (anywhere in the class's lineage) is called, so its walk states
// what it adds (the owner a create gives the row). An action the class
// or a base of the service writes itself is that method's handler
// (classHandlers), not this one. A class other classes of the service
// derive from is a base, not a routed view (netbox's
// NetBoxModelViewSet), and gets none.

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// modelViewsetHandlers are the actions c inherits from a framework model
// viewset, in the order create, update, partial update, destroy; nil for
// a class that is none.
func (b *builder) modelViewsetHandlers(f *facts.File, c *facts.Class, cr *classRef) []*handler {
	sh := b.lang.Shapes
	if sh == nil || sh.ModelViewsets == nil || len(sh.Getters) == 0 || len(sh.SaveMethods) == 0 {
		return nil
	}
	mv := sh.ModelViewsets
	inherits := func(a *catalog.ViewsetAction) bool {
		return a != nil && b.matchBases(cr, a.Bases) && b.ix.method(cr, a.Method) == nil
	}
	create, update, destroy := inherits(mv.Create), inherits(mv.Update), inherits(mv.Destroy)
	if !create && !update && !destroy {
		return nil
	}
	routed := b.viewsetRouting(cr.class)
	if routed == nil || b.extendedInService(cr) {
		return nil
	}
	// An action answers a request only where a URL routes it.
	serves := func(method string) bool { return routed.all || routed.actions[method] }
	sy := synth{c.Line}
	self, req, ser, inst := b.selfName(), "request", "serializer", "instance"
	stem := pascal(viewStem(c.Name))
	// serializer = self.get_serializer(<instance,> data=request.data<, partial=True>)
	// serializer.is_valid(raise_exception=True)
	// then the hook, else serializer.save()
	saved := func(instance *facts.Expr, hook string, partial bool) []facts.Stmt {
		kws := []facts.Keyword{{Name: mv.Data, Value: *sy.attr(sy.name(req), mv.Data)}}
		if partial {
			kws = append(kws, facts.Keyword{Name: mv.Partial, Value: *sy.boolean(true)})
		}
		get := sy.call(sy.attr(sy.name(self), sh.Getters[0]), kws...)
		if instance != nil {
			get.SetArgs([]facts.Expr{*instance})
		}
		valid := sy.call(sy.attr(sy.name(ser), mv.Validate), facts.Keyword{Name: "raise_exception", Value: *sy.boolean(true)})
		return []facts.Stmt{sy.assign(sy.name(ser), get), sy.expr(valid), sy.expr(b.viewsetHook(sy, cr, hook, sy.name(ser), sy.call(sy.attr(sy.name(ser), sh.SaveMethods[0]))))}
	}
	handlerOf := func(method string, params []facts.Param, body []facts.Stmt) *handler {
		fn := (&facts.Function{Name: method, QualName: c.QualName + "." + method, Line: c.Line, Params: params}).WithBody(body)
		return &handler{file: f, fn: fn, class: c, name: pascal(method) + stem}
	}
	base := []facts.Param{{Name: self}, {Name: req}}
	var out []*handler
	if create && serves(mv.Create.Method) {
		out = append(out, handlerOf(mv.Create.Method, base, saved(nil, mv.Create.Hook, false)))
	}
	// instance = self.get_object(): the row the URL names among the
	// view's queryset (a detail view's instance, evalCall), or what the
	// service's own get_object finds.
	found := sy.assign(sy.name(inst), sy.call(sy.attr(sy.name(self), mv.Object)))
	if update && serves(mv.Update.Method) {
		body := append([]facts.Stmt{found}, saved(sy.name(inst), mv.Update.Hook, false)...)
		out = append(out, handlerOf(mv.Update.Method, base, body))
	}
	if partial := mv.Partial + "_" + mv.Update.Method; update && mv.Partial != "" && serves(partial) && b.ix.method(cr, partial) == nil {
		body := append([]facts.Stmt{found}, saved(sy.name(inst), mv.Update.Hook, true)...)
		out = append(out, handlerOf(partial, base, body))
	}
	if destroy && mv.Delete != "" && serves(mv.Destroy.Method) {
		del := b.viewsetHook(sy, cr, mv.Destroy.Hook, sy.name(inst), sy.call(sy.attr(sy.name(inst), mv.Delete)))
		out = append(out, handlerOf(mv.Destroy.Method, base, []facts.Stmt{found, sy.expr(del)}))
	}
	return out
}

// viewsetHook is self.<hook>(arg) when the class's lineage in the service
// writes the hook, else what the framework's own hook does (def).
func (b *builder) viewsetHook(sy synth, cr *classRef, hook string, arg, def *facts.Expr) *facts.Expr {
	if hook == "" || b.ix.method(cr, hook) == nil {
		return def
	}
	call := sy.call(sy.attr(sy.name(b.selfName()), hook))
	call.SetArgs([]facts.Expr{*arg})
	return call
}

// viewsetRoute is how the service's URLs route one viewset class: all
// its actions (a router's register(prefix, Class)), or the ones an
// as_view mapping names (Class.as_view({"get": "retrieve", "patch":
// "partial_update"}), plane's app/urls/user.py:28).
type viewsetRoute struct {
	all     bool
	actions map[string]bool
}

// viewsetRouting is how the service's URLs route class c, nil when no
// URL does: a viewset that no router registers and no as_view maps
// serves no request (plane's UserEndpoint inherits create and destroy
// but routes neither). Read once for the service, over the catalog's
// class_view_entries (as_view) and model_viewsets.registers.
func (b *builder) viewsetRouting(c *facts.Class) *viewsetRoute {
	if b.memos.viewsetRoutes == nil {
		b.memos.viewsetRoutes = map[*facts.Class]*viewsetRoute{}
		for _, f := range b.ix.files {
			if !b.testFile(f.Path) {
				b.readViewsetRoutes(f)
			}
		}
	}
	return b.memos.viewsetRoutes[c]
}

func (b *builder) readViewsetRoutes(f *facts.File) {
	mv := b.lang.Shapes.ModelViewsets
	route := func(x *facts.Expr) *viewsetRoute {
		cr := b.ix.class(f, x)
		if cr == nil {
			return nil
		}
		r := b.memos.viewsetRoutes[cr.class]
		if r == nil {
			r = &viewsetRoute{actions: map[string]bool{}}
			b.memos.viewsetRoutes[cr.class] = r
		}
		return r
	}
	b.eachCall(f, func(x *facts.Expr) {
		if x.X == nil || x.X.Kind != facts.ExprAttr || x.X.X == nil {
			return
		}
		switch method := x.X.Name(); {
		case catalog.MatchAny(b.lang.ClassViewEntries, method):
			actions := x.Keyword("actions")
			if len(x.Args()) > 0 {
				actions = &x.Args()[0]
			}
			if actions == nil || actions.Kind != facts.ExprDict {
				return
			}
			r := route(x.X.X)
			if r == nil {
				return
			}
			for _, en := range actions.Entries() {
				if en.Value.Kind == facts.ExprString {
					r.actions[en.Value.Value()] = true
				}
			}
		case catalog.MatchAny(mv.Registers, method) && len(x.Args()) >= 2:
			if r := route(&x.Args()[1]); r != nil {
				r.all = true
			}
		}
	})
}

// extendedInService reports a class another class of the service derives
// from: an abstract base of views, not one a router serves.
func (b *builder) extendedInService(cr *classRef) bool {
	if b.memos.extended == nil {
		b.memos.extended = map[*facts.Class]bool{}
		for _, f := range b.ix.files {
			b.markExtended(f, f.Classes)
		}
	}
	return b.memos.extended[cr.class]
}

func (b *builder) markExtended(f *facts.File, classes []facts.Class) {
	for i := range classes {
		c := &classes[i]
		for j := range c.Bases {
			if base := b.ix.class(f, &c.Bases[j]); base != nil && base.class != c {
				b.memos.extended[base.class] = true
			}
		}
		b.markExtended(f, c.Classes)
	}
}
