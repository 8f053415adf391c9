package distill

// Framework create views (DRF's CreateAPIView and ListCreateAPIView)
// answer a POST the service's subclass inherits: the view makes its
// serializer from the request data, validates it and saves it, and the
// serializer's own create (or save) is where the service's behaviour is:
//
//	class UsersListCreateView(ListCreateAPIView):
//	    serializer_class = UserSerializer
//
// reads as if the view had written
//
//	def post(self, request):
//	    serializer = self.get_serializer(data=request.data)
//	    serializer.is_valid(raise_exception=True)
//	    serializer.save()
//
// so the serializer's validators are the rule's preconditions and its
// create the rule's outcomes. The catalog (shapes.create_views) names the
// views and the methods (post, create, perform_create) a view that keeps
// its own POST writes.

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// createViewHandler is the POST a view class inherits from a framework
// create view; nil when the class is none or writes its own.
func (b *builder) createViewHandler(f *facts.File, c *facts.Class, cr *classRef) *handler {
	sh := b.lang.Shapes
	if sh == nil || sh.CreateViews == nil || len(sh.Getters) == 0 || len(sh.SaveMethods) == 0 || !b.matchBases(cr, sh.CreateViews.Bases) {
		return nil
	}
	cv := sh.CreateViews
	for _, own := range cv.Own {
		if b.ix.method(cr, own) != nil {
			return nil
		}
	}
	line := c.Line
	self, req, ser := b.selfName(), "request", "serializer"
	sy := synth{line}
	// serializer = self.get_serializer(data=request.data)
	get := sy.call(sy.attr(sy.name(self), sh.Getters[0]), facts.Keyword{Name: cv.Data, Value: *sy.attr(sy.name(req), cv.Data)})
	// serializer.is_valid(raise_exception=True)
	valid := sy.call(sy.attr(sy.name(ser), cv.Validate),
		facts.Keyword{Name: "raise_exception", Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: "true", Line: line})})
	// serializer.save()
	save := sy.call(sy.attr(sy.name(ser), sh.SaveMethods[0]))
	fn := (&facts.Function{Name: "post", QualName: c.QualName + ".post", Line: line,
		Params: []facts.Param{{Name: self}, {Name: req}}}).
		WithBody([]facts.Stmt{sy.assign(sy.name(ser), get), sy.expr(valid), sy.expr(save)})
	// UsersListCreateView's POST creates: CreateUsers.
	stem := viewStem(c.Name)
	for _, suf := range []string{"ListCreate", "Create"} {
		if t := strings.TrimSuffix(stem, suf); t != stem && t != "" {
			stem = t
			break
		}
	}
	return &handler{file: f, fn: fn, class: c, name: "Create" + pascal(stem)}
}

// shapeMeta reads a model shape's inner Meta class (catalog: shapes.meta):
// the entity its model attribute names, and the names its fields
// attribute lists; "" and nil when the shape has none.
func (rc *ruleCtx) shapeMeta(shape *classRef) (ent string, fields []string) {
	sh := rc.b.lang.Shapes
	if sh == nil || sh.Meta == nil || shape == nil {
		return "", nil
	}
	rc.b.classAndBases(shape, func(c *classRef) bool {
		for i := range c.class.Classes {
			if meta := &c.class.Classes[i]; meta.Name == sh.Meta.Class {
				ent, fields = rc.readMeta(c.file, meta)
				if ent != "" {
					return true
				}
			}
		}
		return false
	})
	if ent == "" {
		return "", nil
	}
	return ent, fields
}

// readMeta reads one Meta class: the entity its model attribute names and
// the names its fields attribute lists.
func (rc *ruleCtx) readMeta(file *facts.File, meta *facts.Class) (ent string, fields []string) {
	sh := rc.b.lang.Shapes
	for j := range meta.Fields {
		f := &meta.Fields[j]
		switch {
		case f.Value == nil:
		case f.Name == sh.Meta.Model:
			var scratch []allium.Stmt
			if v := rc.eval(f.Value, &scope{file: file, vars: map[string]*value{}}, &scratch, false); v.kind == vModelClass {
				ent = v.ent
			}
		case f.Name == sh.Meta.Fields:
			fields = literalNames(f.Value)
			if fields == nil {
				fields = rc.b.filteredNames(file, f.Value)
			}
		}
	}
	return ent, fields
}

// filteredNames reads fields = existing_user_fields(["first_name", ...]):
// a function of the service taking one list and returning a comprehension,
// a filtered copy of it (oscar keeps the names the user model has). The
// names listed; what the model lacks its readers leave out. nil for any
// other value.
func (b *builder) filteredNames(file *facts.File, v *facts.Expr) []string {
	if v == nil || v.Kind != facts.ExprCall || v.X == nil || len(v.Args()) != 1 || len(v.Keywords()) != 0 {
		return nil
	}
	fr := b.ix.function(file, v.X)
	if fr == nil || fr.class != nil || len(fr.fn.Params) != 1 || len(fr.fn.Body()) == 0 {
		return nil
	}
	last := &fr.fn.Body()[len(fr.fn.Body())-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprComprehension {
		return nil
	}
	return literalNames(&v.Args()[0])
}
