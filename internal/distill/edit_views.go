package distill

import (
	"strings"

	"github.com/distill/distill/internal/facts"
)

// editViewHandler is the inherited POST of a framework editing view given
// a model and its fields, and no POST handling of its own (catalog
// shapes.edit_views; Django's generic views):
//
//	class UserUpdateView(LoginRequiredMixin, UpdateView):
//	    model = User
//	    fields = ["name"]
//	    def get_object(self, queryset=None):
//	        return self.request.user
//
// Django builds a model form of those fields from request.POST and saves
// it: written out, that is
//
//	obj = self.get_object()             # else User.objects.get(pk=pk)
//	obj.name = request.POST["name"]
//	obj.save()
//
// a new row's fields for a create view, obj.delete() for a delete view.
// Without a get_object of its own the object is the row the URL's pk
// names in the view's get_queryset() or queryset, else among all rows.
// nil for any other class, a fields list the code does not spell out
// ("__all__", a form_class instead), or a model declared in another file
// than the class (its name would resolve against the wrong imports).
func (b *builder) editViewHandler(f *facts.File, c *facts.Class, cr *classRef) *handler {
	sh := b.lang.Shapes
	if sh == nil || sh.EditViews == nil {
		return nil
	}
	ev := sh.EditViews
	verb := ""
	switch {
	case b.matchBases(cr, ev.Create):
		verb = "Create"
	case b.matchBases(cr, ev.Update):
		verb = "Update"
	case b.matchBases(cr, ev.Delete):
		verb = "Delete"
	default:
		return nil
	}
	for _, own := range ev.Own {
		if b.ix.method(cr, own) != nil {
			return nil
		}
	}
	model, mf := b.classField(cr, ev.Model)
	if model == nil || mf != f || model.Kind != facts.ExprName && model.Kind != facts.ExprAttr {
		return nil
	}
	var fields []string
	if verb != "Delete" {
		if fx, _ := b.classField(cr, ev.Fields); fx != nil {
			fields = literalNames(fx)
		}
		if len(fields) == 0 {
			return nil
		}
	}
	sy := synth{c.Line}
	self, req, obj := b.selfName(), "request", snake(facts.LastSegment(model.Raw()))
	params := []facts.Param{{Name: self}, {Name: req}}
	data := sy.attr(sy.name(req), ev.Data)
	var body []facts.Stmt
	switch {
	case verb == "Create":
		kws := make([]facts.Keyword, len(fields))
		for i, n := range fields {
			kws[i] = facts.Keyword{Name: n, Value: *sy.item(data, n)}
		}
		body = append(body, sy.assign(sy.name(obj), sy.call(model, kws...)))
	case b.ix.method(cr, ev.Object) != nil:
		body = append(body, sy.assign(sy.name(obj), sy.call(sy.attr(sy.name(self), ev.Object))))
	case b.ix.method(cr, ev.QuerysetMethod) != nil:
		// get_queryset of its own (UserAddress objects of the signed-in
		// user): the row of that queryset the URL's pk names.
		params = append(params, facts.Param{Name: "pk"})
		rows := sy.call(sy.attr(sy.name(self), ev.QuerysetMethod))
		body = append(body, sy.assign(sy.name(obj), sy.call(sy.attr(rows, "get"), facts.Keyword{Name: "pk", Value: *sy.name("pk")})))
	case len(sh.Managers) > 0:
		// No get_object of its own: the row the URL's pk names, of the
		// queryset the view declares (queryset = ...), else of them all.
		if qs, qf := b.classField(cr, ev.Queryset); qs != nil {
			if qf != f {
				return nil
			}
			params = append(params, facts.Param{Name: "pk"})
			body = append(body, sy.assign(sy.name(obj), sy.call(sy.attr(qs, "get"), facts.Keyword{Name: "pk", Value: *sy.name("pk")})))
			break
		}
		params = append(params, facts.Param{Name: "pk"})
		get := sy.call(sy.attr(sy.attr(model, sh.Managers[0]), "get"), facts.Keyword{Name: "pk", Value: *sy.name("pk")})
		body = append(body, sy.assign(sy.name(obj), get))
	default:
		return nil
	}
	switch verb {
	case "Update":
		for _, n := range fields {
			body = append(body, sy.assign(sy.attr(sy.name(obj), n), sy.item(data, n)))
		}
		fallthrough
	case "Create":
		body = append(body, sy.expr(sy.call(sy.attr(sy.name(obj), "save"))))
	case "Delete":
		body = append(body, sy.expr(sy.call(sy.attr(sy.name(obj), "delete"))))
	}
	fn := (&facts.Function{Name: "post", QualName: c.QualName + ".post", Line: c.Line, Params: params}).WithBody(body)
	// UserUpdateView's POST updates the user: UpdateUser.
	stem := strings.TrimSuffix(viewStem(c.Name), verb)
	if stem == "" {
		stem = facts.LastSegment(model.Raw())
	}
	return &handler{file: f, fn: fn, class: c, name: verb + pascal(stem)}
}
