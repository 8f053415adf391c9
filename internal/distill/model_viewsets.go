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
// (classHandlers), not this one; where it hands on with
// super().create(request, ...), the action above runs there
// (viewsetSuperAction), and a class writing its own update has no
// partial_update of its own (DRF's calls self.update). Only the actions
// a URL routes answer requests (viewsetRouting), and a class other
// classes of the service derive from is a base, not a routed view
// (netbox's NetBoxModelViewSet), and gets none.

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// modelViewsetHandlers are the actions c inherits from a framework model
// viewset, in the order create, update, partial update, destroy; nil for
// a class that is none.
func (b *builder) modelViewsetHandlers(f *facts.File, c *facts.Class, cr *classRef) []*handler {
	mv := b.viewsetCatalog()
	if mv == nil {
		return nil
	}
	actions := []string{}
	for _, a := range []*catalog.ViewsetAction{mv.Create, mv.Update, mv.Destroy} {
		if a != nil {
			actions = append(actions, a.Method)
		}
	}
	if mv.Update != nil && mv.Partial != "" {
		actions = slices.Insert(actions, slices.Index(actions, mv.Update.Method)+1, mv.Partial+"_"+mv.Update.Method)
	}
	// An action the class writes is that method's handler. One a base
	// of the service writes is walked for this class (its serializer,
	// hooks and queryset), unless that base is routed itself.
	inherited := map[string]*funcRef{}
	actions = slices.DeleteFunc(actions, func(m string) bool {
		if b.viewsetActionOf(cr, m) == nil {
			return true
		}
		fr := b.ix.method(cr, m)
		if fr != nil && fr.class != nil && fr.class != c && b.handsOnToFramework(fr, m) {
			inherited[m] = fr
			return false
		}
		return fr != nil
	})
	if len(actions) == 0 {
		return nil
	}
	// A class no URL routes serves nothing (a base the service's viewsets
	// derive from); one a router registers serves its actions even when
	// another derives from it (wger's NutritionPlanViewSet, registered at
	// urls.py:224, is the base of the read-only NutritionPlanInfoViewSet,
	// nutrition/api/views.py:265-319).
	routed := b.viewsetRouting(cr.class)
	if routed == nil {
		return nil
	}
	allowed := b.allowedMethods(cr)
	stem := pascal(viewStem(c.Name))
	params := []facts.Param{{Name: b.selfName()}, {Name: "request"}}
	var out []*handler
	for _, m := range actions {
		// An action answers a request only where a URL routes it.
		if !routed.all && !routed.actions[m] {
			continue
		}
		if v := mv.Verbs[m]; allowed != nil && v != "" && !allowed[v] {
			// http_method_names = ['get', 'head', 'options']: DRF
			// answers any other method 405 before the action runs.
			continue
		}
		if b.ownUpdate(cr, m) != nil {
			// DRF's partial_update calls self.update(request,
			// partial=True): the class's own update, whose handler
			// states what a PATCH does too (paperless-ngx's UserViewSet
			// refuses there what the request asks, paperless/
			// views.py:163-193); the framework's would skip its checks.
			continue
		}
		if fr := inherited[m]; fr != nil {
			// wger's WgerOwnerObjectModelViewSet.create checks the
			// request's foreign keys, then hands on to ModelViewSet's
			// (utils/viewsets.py:80-86): for WorkoutSessionViewSet that
			// is its serializer saved through its perform_create
			// (manager/api/views.py:280-284).
			out = append(out, &handler{file: fr.file, fn: fr.fn, class: c, name: pascal(m) + stem})
			continue
		}
		fn := (&facts.Function{Name: m, QualName: c.QualName + "." + m, Line: c.Line, Params: params}).WithBody(b.viewsetActionBody(cr, m, c.Line))
		out = append(out, &handler{file: f, fn: fn, class: c, name: pascal(m) + stem})
	}
	return out
}

// ownUpdate is the update the class (or a base of the service) writes
// when method is the partial update it does not, nil otherwise.
func (b *builder) ownUpdate(cr *classRef, method string) *funcRef {
	mv := b.viewsetCatalog()
	if mv == nil || mv.Update == nil || mv.Partial == "" || method != mv.Partial+"_"+mv.Update.Method {
		return nil
	}
	return b.ix.method(cr, mv.Update.Method)
}

// viewsetCatalog is the catalog's model_viewsets, nil when the language
// has none (or no shape getter and save method to write them with).
func (b *builder) viewsetCatalog() *catalog.ModelViewsets {
	sh := b.lang.Shapes
	if sh == nil || sh.ModelViewsets == nil || len(sh.Getters) == 0 || len(sh.SaveMethods) == 0 {
		return nil
	}
	return sh.ModelViewsets
}

// viewsetActionOf is the framework action named method that class cr
// derives (partial_update is the update action's), nil for none.
func (b *builder) viewsetActionOf(cr *classRef, method string) *catalog.ViewsetAction {
	mv := b.viewsetCatalog()
	if mv == nil {
		return nil
	}
	for _, a := range []*catalog.ViewsetAction{mv.Create, mv.Update, mv.Destroy} {
		if a == nil || a.Method != method && !(a == mv.Update && mv.Partial != "" && method == mv.Partial+"_"+a.Method) {
			continue
		}
		if b.matchBases(cr, a.Bases) {
			return a
		}
	}
	return nil
}

// viewsetActionBody is the code DRF runs for the action named method of
// class cr's viewset, written out (see the file comment); nil when cr
// derives no such action.
func (b *builder) viewsetActionBody(cr *classRef, method string, line int) []facts.Stmt {
	a := b.viewsetActionOf(cr, method)
	if a == nil {
		return nil
	}
	mv, sh := b.viewsetCatalog(), b.lang.Shapes
	sy := synth{line}
	self, req, ser, inst := b.selfName(), "request", "serializer", "instance"
	// serializer = self.get_serializer(<instance,> data=request.data<, partial=True>)
	// serializer.is_valid(raise_exception=True)
	// then the hook, else serializer.save()
	saved := func(instance *facts.Expr, partial bool) []facts.Stmt {
		kws := []facts.Keyword{{Name: mv.Data, Value: *sy.attr(sy.name(req), mv.Data)}}
		if partial {
			kws = append(kws, facts.Keyword{Name: mv.Partial, Value: *sy.boolean(true)})
		}
		get := sy.call(sy.attr(sy.name(self), sh.Getters[0]), kws...)
		if instance != nil {
			get.SetArgs([]facts.Expr{*instance})
		}
		valid := sy.call(sy.attr(sy.name(ser), mv.Validate), facts.Keyword{Name: "raise_exception", Value: *sy.boolean(true)})
		return []facts.Stmt{sy.assign(sy.name(ser), get), sy.expr(valid), sy.expr(b.viewsetHook(sy, cr, a.Hook, sy.name(ser), sy.call(sy.attr(sy.name(ser), sh.SaveMethods[0]))))}
	}
	if a == mv.Create {
		return saved(nil, false)
	}

	// instance = self.get_object(): the row the URL names among the
	// view's queryset (a detail view's instance, evalCall), or what the
	// service's own get_object finds.
	found := sy.assign(sy.name(inst), sy.call(sy.attr(sy.name(self), mv.Object)))
	if a == mv.Update {
		return append([]facts.Stmt{found}, saved(sy.name(inst), method != a.Method)...)
	}
	if mv.Delete == "" {
		return nil
	}
	del := b.viewsetHook(sy, cr, a.Hook, sy.name(inst), sy.call(sy.attr(sy.name(inst), mv.Delete)))
	return []facts.Stmt{found, sy.expr(del)}
}

// viewsetSuperAction reads super().create(request, *args, **kwargs) in a
// viewset's own action as the framework's action, written out as for an
// inherited one (viewsetActionBody): paperless-ngx's UserViewSet.create
// refuses a non-superuser who asks for superuser status, then hands on to
// ModelViewSet's create (paperless/views.py:144-161), which makes the user.
// The call's first argument is the request the action reads. nil when
// the call is no such hand-over: a base of the service that writes the
// method is walked as code (classSuperCall, the method lookup).
func (rc *ruleCtx) viewsetSuperAction(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	x := e.X.X
	if !bareSuper(x) ||
		rc.h == nil || rc.h.class == nil || sc.cls != rc.h.class {
		return nil
	}
	b := rc.b
	cr := b.ix.classes[sc.cls.QualName]
	if cr == nil {
		return nil
	}
	// super() of a method a base of the class writes (the handler of
	// an action the class inherits from it) looks past that base.
	lin := b.ix.lineage(cr)
	from := 1
	for i, c := range lin {
		if fr := b.ix.funcs[qual(c.qual(), method)]; fr != nil && fr.fn == rc.h.fn {
			from = i + 1
		}
	}
	for _, c := range lin[min(from, len(lin)):] {
		if b.ix.funcs[qual(c.qual(), method)] != nil {
			return nil
		}
	}
	body := b.viewsetActionBody(cr, method, e.Line())
	if body == nil {
		return nil
	}
	asc := *sc
	asc.vars = cloneVars(sc.vars)
	if args := e.Args(); len(args) > 0 && args[0].Kind != facts.ExprStarred {
		asc.vars["request"] = rc.eval(&args[0], sc, out, false)
	}
	rc.stmts(body, &asc, out)
	return unknownValue
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

// allowedMethods are the HTTP methods the view's class attribute
// (catalog model_viewsets.method_names, DRF's http_method_names) lets
// through, in lower case; nil when the class sets none or sets it to
// anything but a list of literals. wger's NutritionPlanInfoViewSet
// (nutrition/api/views.py:312-319) inherits a model viewset but allows
// only get, head and options: it creates, updates and destroys nothing.
func (b *builder) allowedMethods(cr *classRef) map[string]bool {
	mv := b.viewsetCatalog()
	if mv == nil || mv.MethodNames == "" {
		return nil
	}
	x, _ := b.classField(cr, mv.MethodNames)
	if x == nil || x.Kind != facts.ExprList && x.Kind != facts.ExprTuple {
		return nil
	}
	out := map[string]bool{}
	for _, el := range x.Args() {
		if el.Kind != facts.ExprString {
			return nil
		}
		out[strings.ToLower(el.Value())] = true
	}
	return out
}

// handsOnToFramework reports a viewset action a base of the service
// writes that hands the request on to the framework's action of the same
// name (return super().create(request, *args, **kwargs)): walked for a
// class that derives from it, it is that class's action.
func (b *builder) handsOnToFramework(fr *funcRef, method string) bool {
	found := false
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		if calledOnSuper(s.Value, method) {
			found = true
		}
		return !found
	})
	return found
}
