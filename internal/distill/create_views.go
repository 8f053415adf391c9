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
	"slices"
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
	// A Meta naming no model of its own (class Meta(ParentForm.Meta):
	// exclude = ("name", "label"), netbox's dcim/forms/object_create.py:
	// 84-86) takes the model and fields from the Meta it extends, less
	// the ones it excludes.
	var inherited []string
	rc.b.classAndBases(shape, func(c *classRef) bool {
		for i := range c.class.Classes {
			if meta := &c.class.Classes[i]; meta.Name == sh.Meta.Class {
				ent, fields = rc.readMeta(c.file, meta, shape)
				if ent != "" {
					return true
				}
				if names, ok := metaExclude(meta, sh.Meta.Exclude); ok && inherited == nil {
					inherited = append([]string{}, names...)
				}
			}
		}
		return false
	})
	if ent == "" {
		return "", nil
	}
	if len(inherited) > 0 {
		fields = slices.DeleteFunc(slices.Clone(fields), func(n string) bool { return slices.Contains(inherited, n) })
	}
	return ent, fields
}

// metaExclude reads the exclude attribute (named attr) of one Meta class.
func metaExclude(meta *facts.Class, attr string) ([]string, bool) {
	if attr == "" {
		return nil, false
	}
	for j := range meta.Fields {
		if f := &meta.Fields[j]; f.Name == attr && f.Value != nil {
			return excludedNames(f.Value)
		}
	}
	return nil, false
}

// readMeta reads one Meta class of shape: the entity its model attribute
// names and the names its fields attribute lists. When that attribute is
// the catalog's word for every field (shapes.meta.all, DRF's "__all__")
// they are the model's that the shape may write (writableFields). A Meta
// that names the fields it leaves out instead (shapes.meta.exclude, DRF's
// and Django's exclude = [...]; plane's IssueSerializer,
// api/serializers/issue.py:70-73) writes those same fields but the ones
// it names; with a fields list as well (a Django ModelForm allows both)
// the list loses them.
func (rc *ruleCtx) readMeta(file *facts.File, meta *facts.Class, shape *classRef) (ent string, fields []string) {
	sh := rc.b.lang.Shapes
	all := false
	var exclude []string
	hasExclude := false
	defer func() {
		if ent == "" {
			return
		}
		if all || hasExclude && fields == nil {
			e := rc.b.entByName[ent]
			if e == nil {
				return
			}
			fields = rc.writableFields(e, shape)
		}
		if len(exclude) > 0 {
			fields = slices.DeleteFunc(slices.Clone(fields), func(n string) bool { return slices.Contains(exclude, n) })
		}
		if e := rc.b.entByName[ent]; e != nil && !all && len(fields) > 0 {
			// A field the model's save sets itself, perhaps under a test,
			// is not the input's when the save overrides it (wger's
			// AbstractChangeConfig.save makes the first iteration's
			// operation "r" and a replacing rule's step "na",
			// manager/models/abstract_config.py:142-155): left out, as a
			// list of every field leaves it out (writableFields).
			saved := rc.b.assignedOnSave(e)
			fields = slices.DeleteFunc(slices.Clone(fields), func(n string) bool {
				f := e.attrField(n)
				return f != nil && saved[f.name]
			})
		}
	}()
	for j := range meta.Fields {
		f := &meta.Fields[j]
		switch {
		case f.Value == nil:
		case f.Name == sh.Meta.Model:
			var scratch []allium.Stmt
			if v := rc.eval(f.Value, &scope{file: file, vars: map[string]*value{}}, &scratch, false); v.kind == vModelClass {
				ent = v.ent
			}
		case f.Name == sh.Meta.Fields && sh.Meta.All != "" && f.Value.Kind == facts.ExprString && f.Value.Value() == sh.Meta.All:
			all = true
		case f.Name == sh.Meta.Fields:
			fields = literalNames(f.Value)
			if fields == nil {
				fields = rc.b.filteredNames(file, f.Value)
			}
			if fields == nil {
				fields, _ = rc.b.constantNames(file, f.Value, 0)
			}
		case sh.Meta.Exclude != "" && f.Name == sh.Meta.Exclude:
			exclude, hasExclude = excludedNames(f.Value)
		}
	}
	return ent, fields
}

// writableFields are the fields of e (model attribute names) that a
// shape listing every field may write: the surrogate key, the fields
// shape makes read-only, the uneditable ones (auto_now_add), the
// many-to-many sets (DRF makes one with a through model read-only; plane's
// Issue.assignees, db/models/issue.py:149) and the ones the model's save
// sets itself are left out, so a spread of the validated data
// (Issue.objects.create(**validated_data)) reads no more than the
// framework would write.
func (rc *ruleCtx) writableFields(e *entityInfo, shape *classRef) []string {
	var fields []string
	saved := rc.b.assignedOnSave(e)
	readOnly := rc.b.readOnlyFields(shape)
	for _, f := range e.fields {
		if f.drop || f.uneditable || f.attr == "" || slices.Contains(rc.b.lang.IDAttrs, f.attr) || saved[f.name] ||
			readOnly[f.attr] || readOnly[f.name] || f.typ != nil && f.typ.Name == "Set" {
			continue
		}
		fields = append(fields, f.attr)
	}
	return fields
}

// excludedNames reads a Meta's exclude value: ok only for a list or
// tuple written out whole in strings, since a name the walk could not
// read would leave a field in that the shape never writes; any other
// value leaves the Meta's fields unread, saying less.
func excludedNames(e *facts.Expr) (names []string, ok bool) {
	if e == nil || e.Kind != facts.ExprList && e.Kind != facts.ExprTuple {
		return nil, false
	}
	for _, a := range e.Args() {
		if a.Kind != facts.ExprString {
			return nil, false
		}
		names = append(names, a.Value())
	}
	return names, true
}

// assignedOnSave are the fields of e (spec names) that the model's save
// methods (catalog shapes.save_methods), each of its service lineage's,
// assign on the row: plane's
// BaseModel.save sets created_by and updated_by to the signed-in user
// (db/models/base.py:20-40), whatever a serializer listing every field
// was given for them, so "__all__" does not read them from the request.
func (b *builder) assignedOnSave(e *entityInfo) map[string]bool {
	set := map[string]bool{}
	if e.ref == nil || e.ref.class == nil || b.lang.Shapes == nil {
		return set
	}
	for _, c := range b.ix.lineage(e.ref) {
		for _, name := range b.lang.Shapes.SaveMethods {
			fr := b.ix.funcs[qual(c.qual(), name)]
			if fr == nil || fr.fn == nil {
				continue
			}
			facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
				if s.Kind != facts.StmtAssign {
					return true
				}
				for i := range s.Targets {
					t := &s.Targets[i]
					if t.Kind != facts.ExprAttr || t.X == nil || !b.isSelf(t.X) {
						continue
					}
					if f := e.attrField(t.Name()); f != nil {
						set[f.name] = true
					} else if f := e.attrField(strings.TrimSuffix(t.Name(), "_id")); f != nil {
						set[f.name] = true // self.created_by_id = ...
					}
				}
				return true
			})
		}
	}
	return set
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

// constantNames reads a Meta's fields given as module constants, written
// out whole in strings or added together (wger's fields =
// BASE_CONFIG_FIELDS, which is BASE_CONFIG_FILTER_FIELDS +
// ('requirements',), manager/api/consts.py:1-11, for WeightConfigSerializer
// and the other config serializers, manager/api/serializers.py:110-117):
// the shape writes those fields. ok false for anything else, when the
// fields stay unread.
func (b *builder) constantNames(file *facts.File, e *facts.Expr, depth int) (names []string, ok bool) {
	if e == nil || depth > 8 {
		return nil, false
	}
	switch e.Kind {
	case facts.ExprList, facts.ExprTuple:
		for _, a := range e.Args() {
			if a.Kind != facts.ExprString {
				return nil, false
			}
			names = append(names, a.Value())
		}
		return names, true
	case facts.ExprName, facts.ExprAttr:
		c := b.ix.constant(file, e)
		if c == nil || c.as == nil || c.as.Value == nil {
			return nil, false
		}
		return b.constantNames(c.file, c.as.Value, depth+1)
	case facts.ExprBinary:
		if e.Op() != "+" {
			return nil, false
		}
		x, okx := b.constantNames(file, e.X, depth+1)
		y, oky := b.constantNames(file, e.Y, depth+1)
		if !okx || !oky {
			return nil, false
		}
		return append(x, y...), true
	}
	return nil, false
}
