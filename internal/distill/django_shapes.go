package distill

// Django forms and Django REST framework serializers do more than carry
// input: validating one runs its per-field and object-level validators
// (whose raises are the rule's preconditions), and saving one runs the
// shape's own save, or its create with the validated data. A view makes
// its shape through a getter and a class attribute (self.get_serializer
// and serializer_class); a model's custom manager (objects =
// UserManager()) holds methods of the service whose self.model is the
// model. The names are the catalog's (shapes).

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// djangoCall works out the calls above; nil when e is none of them.
func (rc *ruleCtx) djangoCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	sh := b.lang.Shapes
	if catalog.MatchAny(b.lang.ModelLoaders, e.Resolved(), e.Raw()) && len(e.Args()) > 0 {
		// load_model("app", "OrganizationOwner"): the model of that name.
		if last := e.Args()[len(e.Args())-1]; last.Kind == facts.ExprString {
			if ent := b.entByName[pascal(last.Value())]; ent != nil {
				return &value{kind: vModelClass, ent: ent.name}
			}
		}
	}
	if catalog.MatchAny(b.lang.RandomCalls, e.Resolved(), e.Raw()) {
		return randomKey()
	}
	if method == "" && e.X != nil && e.X.Kind == facts.ExprName {
		// OrganizationOwner = load_model(...); OrganizationOwner(...).
		if v := sc.vars[e.X.Name()]; v != nil && v.kind == vModelClass {
			if ent := b.entByName[v.ent]; ent != nil {
				return rc.construct(ent, e, sc, out)
			}
		}
	}
	if method == "" && e.X != nil && e.X.Kind == facts.ExprCall && len(e.X.Args()) == 0 && len(e.X.Keywords()) == 0 &&
		catalog.MatchAny(b.lang.UserModelRefs, e.X.Resolved(), e.X.Raw()) {
		// get_user_model()(): a new row of the user model, made as
		// User() is (django-allauth's DefaultAccountAdapter.new_user,
		// account/adapter.py:309).
		if u := b.userEntity(); u != "" && b.entByName[u] != nil {
			return rc.construct(b.entByName[u], e, sc, out)
		}
	}
	if method == "" {
		return rc.hasattrCall(e, sc, out)
	}
	if sh == nil || recv == nil {
		return nil
	}
	if n, ok := b.lang.NormaliserFor(method); ok && !n.Receiver && len(e.Args()) == 1 && len(e.Keywords()) == 0 {
		// self.normalize_email(email) in a custom manager.
		return rc.normalised(n, &e.Args()[0], sc, out)
	}
	switch recv.kind {
	case vNew:
		if catalog.Match(b.lang.UniqueChecks, method) && len(e.Args()) == 0 {
			rc.uniqueChecks(recv, sc, e.Line())
			return unknownValue
		}
		// user = self.model(...); user.set_password(p): the new row's
		// password is the hash.
		if catalog.Match(b.lang.HashCalls, method) && len(e.Args()) == 1 {
			if f := b.passwordField(recv.ent); f != nil {
				// set_password(p), or super().set_password(*args) in the
				// model's override
				if x := rc.soleArg(e, sc, out); x != nil {
					f.used = true
					recv.args = setArg(recv.args, f.name, &allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: x}}})
					return unknownValue
				}
			}
		}
	case vShape:
		return rc.shapeCall(e, method, recv, sc, out)
	case vQuery:
		if v := rc.managerCall(e, method, recv, sc, out); v != nil {
			return v
		}
		if catalog.Match(b.lang.FindOrCreateMethods, method) {
			return rc.findOrCreate(e, recv, sc, out)
		}
		if catalog.Match(b.lang.UpdateOrCreateMethods, method) {
			return rc.updateOrCreate(e, recv, sc, out)
		}
		if method == "annotate" && recv.q != nil {
			q := &query{ent: recv.q.ent, conds: slices.Clone(recv.q.conds), bad: recv.q.bad, scoped: recv.q.scoped, via: recv.q.via, action: recv.q.action}
			for k, v := range recv.q.counts {
				if q.counts == nil {
					q.counts = map[string]string{}
				}
				q.counts[k] = v
			}
			if rc.annotateCounts(q, e) {
				return &value{kind: vQuery, ent: q.ent, q: q}
			}
		}
	case vModelClass:
		if catalog.Match(b.lang.FindOrCreateMethods, method) || catalog.Match(b.lang.UpdateOrCreateMethods, method) {
			// self.get_or_create(...) in a manager method (django-allauth's
			// EmailAddressManager.add_email, account/managers.py:79): the
			// manager's own rows, all of the model's.
			rows := &value{kind: vQuery, ent: recv.ent, q: &query{ent: recv.ent}}
			if catalog.Match(b.lang.FindOrCreateMethods, method) {
				return rc.findOrCreate(e, rows, sc, out)
			}
			return rc.updateOrCreate(e, rows, sc, out)
		}
		// self.model(...) in a manager method: the model's constructor.
		if catalog.Match(sh.ManagerModel, method) {
			if ent := b.entByName[recv.ent]; ent != nil && ent.attrs[method] == nil {
				return rc.construct(ent, e, sc, out)
			}
		}
	case vPlumbing:
		// self.InputSerializer(data=...): a shape nested in the view.
		if sc.cls != nil && b.isSelf(e.X.X) {
			if shape := b.nestedShape(sc.cls, method); shape != nil {
				return &value{kind: vShape, shape: shape}
			}
		}
		// self.login_form_class(**kwargs) in a view: the form class a class
		// attribute of the view names (AccountAuthView keeps one per form).
		if sc.cls != nil && b.isSelf(e.X.X) {
			if shape := b.classAttrShape(sc.cls, method); shape != nil {
				return &value{kind: vShape, shape: shape}
			}
			if b.calledClassAttr(sc.cls, method) {
				// A class attribute holding what the walk cannot read (a
				// class from outside the service): what calling it does
				// is unread, and a handler stating nothing says so.
				b.unfollowedCall(e)
			}
		}
		// self.get_serializer(data=...) in a view: its serializer_class.
		if catalog.Match(sh.Getters, method) && sc.cls != nil && b.isSelf(e.X.X) {
			if cr := b.ix.classes[sc.cls.QualName]; cr != nil {
				if shape := rc.viewFormClass(cr); shape != nil {
					// self.get_serializer(instance, data=...): made to
					// change that row (DRF's inherited update).
					v := &value{kind: vShape, shape: shape, attrs: rc.givenInstance(shape, e, nil, sc, out)}
					if len(e.Args()) == 0 {
						// Made from the request data alone: no row to change.
						for _, a := range sh.InstanceAttrs {
							if e.Keyword(a) == nil && v.attrs[a] == nil {
								if v.attrs == nil {
									v.attrs = map[string]*value{}
								}
								v.attrs[a] = exprValue(&allium.Lit{Kind: allium.LitNull, Text: "null"})
							}
						}
					}
					return v
				}
				if v := rc.authenticatingShape(cr, sc, out, e.Line()); v != nil {
					return v
				}
			}
		}
	}
	return nil
}

// frameworkGetterOverride reports a view's own shape getter (catalog
// shapes.getters) that only adds keywords and hands on to the
// framework's: paperless-ngx's PassUserMixin.get_serializer sets
// kwargs["user"] and kwargs["full_perms"] and returns
// super().get_serializer(*args, **kwargs) (documents/views.py:368-385).
// The call then makes the view's shape from what it was given, as the
// framework's getter does (djangoCall); the keywords the override adds
// are the shape's to read, and go unread.
func (rc *ruleCtx) frameworkGetterOverride(cr *classRef, fr *funcRef, method string) bool {
	sh := rc.b.lang.Shapes
	return sh != nil && catalog.Match(sh.Getters, method) && superForwarding(fr.fn, method) && rc.viewFormClass(cr) != nil
}

// superForwarding reports a method whose every return hands its own
// *args and **kwargs on to the base's method of the same name (return
// super().name(*args, **kwargs)); there is at least one.
func superForwarding(fn *facts.Function, name string) bool {
	var varArgs, varKw string
	for _, p := range fn.Params {
		switch p.Kind {
		case facts.ParamVarPositional:
			varArgs = p.Name
		case facts.ParamVarKeyword:
			varKw = p.Name
		}
	}
	if varArgs == "" || varKw == "" {
		return false
	}
	returns, ok := 0, true
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtReturn || !ok {
			return ok
		}
		returns++
		c := s.Value
		ok = calledOnSuper(c, name) &&
			len(c.Args()) == 1 && c.Args()[0].Kind == facts.ExprStarred && c.Args()[0].X != nil && c.Args()[0].X.Raw() == varArgs &&
			len(c.Keywords()) == 1 && c.Keywords()[0].Name == "**" && c.Keywords()[0].Value.Raw() == varKw
		return ok
	})
	return ok && returns > 0
}

// shapeCall: a validation call runs the shape's validators; a save runs
// the shape's save or create; another method the shape defines is code.
func (rc *ruleCtx) shapeCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	sh := b.lang.Shapes
	if recv.shape == nil {
		return nil
	}
	if catalog.Match(b.lang.ValidationCalls, method) {
		// serializer.is_valid(raise_exception=True) as a statement: the
		// same validators as `if form.is_valid():` runs.
		rc.formValidators(e, sc, out)
		return nil
	}
	// super().save(commit=False) in the form's own save: the base's
	// method, not the form's own again.
	inherited := e.X != nil && e.X.X != nil && e.X.X.Kind == facts.ExprCall && e.X.X.Raw() == "super"
	if catalog.Match(sh.SaveMethods, method) {
		if fr := b.ix.method(recv.shape, method); fr != nil && !inherited {
			return rc.inline(fr, recv, e, sc, out)
		}
		if e.Keyword("instance") != nil || len(e.Args()) > 0 {
			return nil
		}
		given := rc.saveKeywords(e, sc, out)
		if row := rc.formInstance(recv); row != nil {
			// Made with a row: DRF's save updates it, through the
			// shape's own update if it has one, and creates nothing.
			for _, u := range sh.UpdateMethods {
				if fr := b.ix.method(recv.shape, u); fr != nil {
					inst := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "__instance", Line: e.Line()})
					data := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "__validated_data", Line: e.Line()})
					sc.vars[inst.Name()] = row
					sc.vars[data.Name()] = &value{kind: vReqDict, shape: recv.shape, attrs: given}
					v := rc.inline(fr, recv, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{inst, data}, Line: e.Line()}), sc, out)
					delete(sc.vars, inst.Name())
					delete(sc.vars, data.Name())
					return rc.keepSaved(recv, v)
				}
			}
		}
		if rc.unreadRowGiven(recv) {
			// IssueCreateSerializer(issue, data=..., partial=True) of an
			// issue an annotated query found (plane's partial_update,
			// app/views/issue/base.py:622-668): DRF's save updates that
			// row, which the spec cannot name; it creates nothing.
			b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutValue, "the save of a form made to change a row the spec cannot name")
			return unknownValue
		}
		for _, c := range sh.CreateMethods {
			if fr := b.ix.method(recv.shape, c); fr != nil && rc.formInstance(recv) == nil {
				data := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "__validated_data", Line: e.Line()})
				sc.vars[data.Name()] = &value{kind: vReqDict, shape: recv.shape, attrs: given}
				v := rc.inline(fr, recv, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{data}, Line: e.Line()}), sc, out)
				delete(sc.vars, data.Name())
				return rc.keepSaved(recv, v)
			}
		}
		var data *value
		if given != nil {
			data = &value{kind: vReqDict, shape: recv.shape, attrs: given}
		}
		return rc.keepSaved(recv, rc.modelFormSave(e, recv, data, sc, out))
	}
	if inherited && catalog.Match(sh.CreateMethods, method) && len(e.Args()) == 1 && len(e.Keywords()) == 0 {
		// super().create(validated_data) in the serializer's own create:
		// the framework's, which creates the Meta model.
		return rc.modelFormSave(e, recv, rc.eval(&e.Args()[0], sc, out, false), sc, out)
	}
	if inherited && catalog.Match(sh.UpdateMethods, method) && len(e.Args()) == 2 && len(e.Keywords()) == 0 && rc.formInstance(recv) != nil {
		// super().update(instance, validated_data) in the serializer's
		// own update: the framework's, which gives the instance the
		// validated fields.
		return rc.modelFormSave(e, recv, rc.eval(&e.Args()[1], sc, out, false), sc, out)
	}
	if catalog.Match(sh.ObjectValidators, method) || rc.isFieldValidator(method) {
		return nil
	}
	if fr := b.ix.method(recv.shape, method); fr != nil && fr.class != nil && b.shapes[fr.class.QualName] != nil && !inherited {
		return rc.inline(fr, recv, e, sc, out)
	}
	return nil
}

// keepSaved makes row, what an inherited save gave back, the shape's
// instance when it is a row the walk read: Django REST framework's save
// sets self.instance to the row its create made (or its update changed),
// so serializer.instance and the key entries of serializer.data name that
// row afterwards (shapeAttr). row is returned as it was.
func (rc *ruleCtx) keepSaved(shape, row *value) *value {
	if row == nil || row.kind != vEntity && row.kind != vNew {
		return row
	}
	for _, a := range rc.b.lang.Shapes.InstanceAttrs {
		if shape.attrs == nil {
			shape.attrs = map[string]*value{}
		}
		shape.attrs[a] = row
	}
	return row
}

// saveKeywords are the values a shape's save is given by keyword
// (serializer.save(workspace_id=workspace.id, owner_id=request.user.id),
// plane app/views/workspace/quick_link.py:29): Django REST framework
// adds them to the validated data its create is handed, so they are
// what create reads under those keys (validated_data.get("workspace_id")),
// not request inputs. nil when it is given none.
func (rc *ruleCtx) saveKeywords(e *facts.Expr, sc *scope, out *[]allium.Stmt) map[string]*value {
	var given map[string]*value
	for _, kw := range e.Keywords() {
		if kw.Name == "**" || kw.Name == "" || catalog.Match(rc.b.lang.Shapes.InstanceAttrs, kw.Name) || kw.Name == "commit" {
			continue
		}
		if given == nil {
			given = map[string]*value{}
		}
		given[kw.Name] = rc.eval(&kw.Value, sc, out, false)
	}
	return given
}

func (rc *ruleCtx) isFieldValidator(method string) bool {
	for _, p := range rc.b.lang.ValidatorPrefixes {
		if len(method) > len(p) && method[:len(p)] == p {
			return true
		}
	}
	return false
}

// objectValidators runs a shape's object-level validators once, after its
// field validators: validate(self, data) gets the validated data, clean(self)
// reads it from self.
func (rc *ruleCtx) objectValidators(form *value, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	sh := b.lang.Shapes
	if sh == nil || form.shape == nil {
		return
	}
	for _, name := range sh.ObjectValidators {
		fr := b.ix.method(form.shape, name)
		if fr == nil || fr.class == nil || b.shapes[fr.class.QualName] == nil {
			continue
		}
		call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: fr.fn.Line})
		var dv *value
		var set []string
		if len(fr.fn.Params) > 1 {
			data := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "__validated_data", Line: fr.fn.Line})
			dv = &value{kind: vReqDict, shape: form.shape, complete: rc.completeShape(form), declared: rc.givenDataKeys(form)}
			sc.vars[data.Name()] = dv
			call.SetArgs([]facts.Expr{data})
			defer delete(sc.vars, data.Name())
		} else {
			// clean(self) reads and edits the cleaned data on self
			// (self.cleaned_data, or what super().clean() returns): one
			// mapping for the validator's run, so what it sets there
			// (data["user"] = user) is what the view reads afterwards.
			dv = &value{kind: vReqDict, shape: form.shape, cleaning: true}
			set = rc.bindCleaning(form, dv)
		}
		rc.inline(fr, form, call, sc, out)
		for _, name := range set {
			delete(form.attrs, name)
		}
		if dv != nil {
			rc.validatedEdits(form, dv, out)
		}
	}
}

// bindCleaning sets each validated-input attribute (catalog input_attrs
// less raw_input_attrs) that form does not already hold to dv, and
// returns the names it set, for the caller to take off again.
func (rc *ruleCtx) bindCleaning(form, dv *value) []string {
	sh := rc.b.lang.Shapes
	var set []string
	for _, name := range sh.InputAttrs {
		if catalog.Match(sh.RawInputAttrs, name) || form.attrs[name] != nil {
			continue
		}
		if form.attrs == nil {
			form.attrs = map[string]*value{}
		}
		form.attrs[name] = dv
		set = append(set, name)
	}
	return set
}

// managerCall runs a method of the model's custom manager that the
// service defines (BaseUser.objects.create_user(...)), with self the
// model's manager; nil when the manager has no such method.
func (rc *ruleCtx) managerCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	if recv.q == nil || len(recv.q.conds) > 0 || recv.q.via != nil || e.X.X == nil || e.X.X.Kind != facts.ExprAttr ||
		!catalog.Match(b.lang.Shapes.Managers, e.X.X.Name()) {
		return nil
	}
	ent := b.entByName[recv.ent]
	if ent == nil {
		return nil
	}
	mgr := b.managerClass(ent)
	if mgr == nil {
		return nil
	}
	fr := b.ix.method(mgr, method)
	if fr == nil || slices.Contains(sc.stack, fr.fn.QualName) {
		return nil
	}
	return rc.inline(fr, &value{kind: vModelClass, ent: ent.name}, e, sc, out)
}

// managerClass is the service's manager class a model (or one of its
// abstract bases) declares under one of the catalog's manager names.
func (b *builder) managerClass(ent *entityInfo) *classRef {
	for _, name := range b.lang.Shapes.Managers {
		if cf, file := b.classField(ent.ref, name); cf != nil && cf.Kind == facts.ExprCall && cf.X != nil {
			if cr := b.ix.class(file, cf.X); cr != nil && b.entByQual[cr.qual()] == nil {
				return cr
			}
		}
	}
	return nil
}

// spreadInput binds a parameter of a helper called with the validated
// input spread as keywords (user_create(**serializer.validated_data)):
// a field of the shape is that input; with no shape known, a parameter
// without a default is, and so is one with a default that the mutation
// declares as an argument (declaredArgument). nil: the parameter keeps
// its default.
func (rc *ruleCtx) spreadInput(call *facts.Expr, p facts.Param, sc *scope, out *[]allium.Stmt) *value {
	kw := call.Keyword("**")
	if kw == nil || p.Kind == facts.ParamVarKeyword || p.Kind == facts.ParamVarPositional {
		return nil
	}
	v := rc.eval(kw, sc, out, false)
	if v.kind != vReqDict && v.kind != vShape {
		return nil
	}
	if v.shape == nil {
		if p.Default != nil && !declaredArgument(v, p) {
			return nil
		}
		return rc.paramValue(p.Name)
	}
	if !shapeHasField(v.shape, p.Name) {
		return nil
	}
	return rc.shapeInput(v, p.Name, sc)
}

// shapeInput is the input key of validated data: the parameter, with the
// constraints the shape declares on the field.
func (rc *ruleCtx) shapeInput(data *value, key string, sc *scope) *value {
	if data.declared != nil && !data.declared[key] {
		// A key the mutation does not take (mutation_arguments.go):
		// graphene hands a resolver only the arguments its class
		// declares, so data.get(key) is None (saleor's AppInstall has no
		// id, and ModelMutation.get_instance's data.get("id") makes a
		// new row, graphql/core/mutations.py:799-807).
		return &value{kind: vExpr, expr: &allium.Lit{Kind: allium.LitNull, Text: "null"}}
	}
	if v := data.attrs[key]; v != nil && data.kind == vReqDict {
		return v // given to the shape's save (saveKeywords)
	}
	if data.shape != nil && !data.rawInput && !data.cleaning {
		if c := rc.cleaned[data.shape.qual()+"."+key]; c != nil {
			// What the form's own validation put under the key
			// (clean()'s data["user"] = user): the cleaned data holds
			// that after validation, not the input.
			return c
		}
	}
	v := rc.paramValue(key)
	if v.kind == vParam && data.shape != nil {
		rc.shapeConstraints(data.shape, key, v.param, sc)
		if rc.b.booleanShapeField(data.shape, key) {
			if rc.flagInputs == nil {
				rc.flagInputs = map[string]bool{}
			}
			rc.flagInputs[v.param] = true
		}
		rc.noteFilled(data.shape, key, v.param)
		if data.complete && rc.filledColumn(data.shape, key) {
			if rc.filledInputs == nil {
				rc.filledInputs = map[string]bool{}
			}
			rc.filledInputs[v.param] = true
		}
		if ent := rc.relationField(data, key); ent != "" {
			c := *v
			c.relation = ent
			v = &c
		}
		if !data.rawInput && rc.b.loweringShapeField(data.shape, key) {
			// A field class that cleans the value to lower case.
			return exprValue(lowercased(rc.valueExpr(v)))
		}
		if !data.rawInput && !v.optional && rc.unrequiredShapeField(data.shape, key) {
			// A field the form lets the request leave out (tz =
			// forms.CharField(required=False), healthchecks'
			// SignupForm, hc/accounts/forms.py:31): its cleaned value
			// may be nothing, so a test of it, wherever the value is
			// handed (_make_user's `if tz:`, hc/accounts/views.py:100),
			// asks whether it was given, as a test of an optional
			// parameter does (optionalParam).
			c := *v
			c.optional = true
			return &c
		}
	}
	return v
}

// unrequiredShapeField reports a field key that the shape declares one
// the request may leave out (catalog shapes.optional_options).
func (rc *ruleCtx) unrequiredShapeField(shape *classRef, key string) bool {
	sh := rc.b.lang.Shapes
	if sh == nil || len(sh.OptionalOptions) == 0 {
		return false
	}
	f, _ := rc.b.classAssignment(shape, key, func(a *facts.Assignment) bool {
		return a.Value != nil && a.Value.Kind == facts.ExprCall
	})
	return f != nil && optionalOption(f.Value, sh.OptionalOptions)
}

// noteFilled records param, the input a shape's field named key gives,
// as one that tests true when the field is of a never-empty type.
func (rc *ruleCtx) noteFilled(shape *classRef, key, param string) {
	if !rc.b.filledShapeField(shape, key) {
		return
	}
	if rc.filledInputs == nil {
		rc.filledInputs = map[string]bool{}
	}
	rc.filledInputs[param] = true
}

// filledShapeField reports a field the shape (or a base) declares
// required, of a type the catalog lists as never empty once validated
// (email: EmailStr): a request the shape accepts always gives it a value
// that tests true.
func (b *builder) filledShapeField(shape *classRef, name string) bool {
	a, _ := b.classAssignment(shape, name, func(f *facts.Assignment) bool { return f.Annotation != nil })
	if a == nil || !catalog.MatchAny(b.lang.NonEmptyInputTypes, a.Annotation.Resolved(), a.Annotation.Raw()) {
		return false
	}
	// A default (None, or any other) makes the field optional: only one
	// with no default, or a Field(...) giving none, must be given.
	if a.Value != nil && (a.Value.Kind != facts.ExprCall || a.Value.Keyword("default") != nil ||
		a.Value.Keyword("default_factory") != nil || len(a.Value.Args()) > 0 && a.Value.Args()[0].Kind != facts.ExprEllipsis) {
		return false
	}
	return true
}

// booleanShapeField reports a field the shape (or a base) declares with
// a Boolean field class (email_verified = serializers.BooleanField(...)):
// a flag, whose test is a condition, not a check that it was given.
func (b *builder) booleanShapeField(shape *classRef, name string) bool {
	f, _ := b.classAssignment(shape, name, func(*facts.Assignment) bool { return true })
	if f == nil {
		return false
	}
	if v := f.Value; v != nil && v.Kind == facts.ExprCall && v.X != nil && b.lang.TypeOf(v.X.Raw()) == "Boolean" {
		return true // a form's BooleanField()
	}
	// admin: bool = False of a pydantic model or a dataclass: typed by
	// its annotation.
	return f.Annotation != nil && b.lang.TypeOf(f.Annotation.Raw()) == "Boolean"
}

func shapeHasField(shape *classRef, name string) bool {
	for _, f := range shape.class.Fields {
		if f.Name == name {
			return true
		}
	}
	return false
}

// nestedShape is the request shape named name nested in the class cls or
// one of its bases.
func (b *builder) nestedShape(cls *facts.Class, name string) *classRef {
	var found *classRef
	b.classAndBases(b.ix.classes[cls.QualName], func(c *classRef) bool {
		for i := range c.class.Classes {
			if n := &c.class.Classes[i]; n.Name == name && b.shapes[n.QualName] != nil {
				found = b.shapes[n.QualName]
				return true
			}
		}
		return false
	})
	return found
}

// classAndBases visits cr, then its bases breadth first (nearest first,
// each once, at most 16), until visit reports it is done.
func (b *builder) classAndBases(cr *classRef, visit func(c *classRef) bool) {
	seen := map[*facts.Class]bool{}
	for queue := []*classRef{cr}; len(queue) > 0 && len(seen) < 16; queue = queue[1:] {
		c := queue[0]
		if c == nil || seen[c.class] {
			continue
		}
		seen[c.class] = true
		if visit(c) {
			return
		}
		for i := range c.class.Bases {
			queue = append(queue, b.ix.class(c.file, &c.class.Bases[i]))
		}
	}
}

// representation is serializer.data of a shape holding a row (given, or
// the one its save made): that row's representation, whose key entries
// (data["id"], data["pk"]) are the row's key, its other entries the input
// they were validated from. nil for any other attribute, or a shape
// holding no row the walk read, whose data is its validated input.
func (rc *ruleCtx) representation(x *value, name string) *value {
	sh := rc.b.lang.Shapes
	if sh == nil || !catalog.Match(sh.RepresentationAttrs, name) {
		return nil
	}
	row := rc.formInstance(x)
	if row == nil {
		return nil
	}
	keys := map[string]*value{}
	for _, k := range rc.b.lang.IDAttrs {
		keys[k] = row
	}
	return &value{kind: vReqDict, shape: x.shape, attrs: keys}
}

// contextParam marks the value of a shape's context mapping.
const contextParam = "__shape_context"

// shapeAttr reads a shape's attributes that are no input: its context
// (self.context, what the view passed it). nil: an input field.
func (rc *ruleCtx) shapeAttr(x *value, name string, sc *scope) *value {
	sh := rc.b.lang.Shapes
	if v := x.attrs[name]; v != nil {
		return v
	}
	switch {
	case sh == nil:
		return nil
	case catalog.Match(sh.InputAttrs, name):
		return &value{kind: vReqDict, shape: x.shape, rawInput: catalog.Match(sh.RawInputAttrs, name)}
	case catalog.Match(sh.Context, name):
		return &value{kind: vPlumbing, param: contextParam}
	case catalog.Match(sh.StateAttrs, name) || catalog.Match(sh.InstanceAttrs, name) || rc.b.shapeConstant(x.shape, name):
		// The row a shape was made to change is held in attrs when the
		// walk read it; unheld, it is no input either (plane's
		// CycleCreateSerializer.validate reads self.instance).
		return unknownValue
	case sh.Meta != nil && name == sh.Meta.Class:
		// self.Meta.model: the model the shape is made for.
		if ent, _ := rc.shapeMeta(x.shape); ent != "" {
			return &value{kind: vObject, attrs: map[string]*value{sh.Meta.Model: {kind: vModelClass, ent: ent}}}
		}
	}
	return nil
}

// shapeConstant reports a class attribute of a shape set to a plain
// literal with no type declared (pretalx's LoginInfoForm:
// email_change_requested = False): a flag of the object, which its
// methods set, not a field the request fills. A pydantic field with a
// default declares its type (remember: bool = False), and stays a field.
func (b *builder) shapeConstant(cr *classRef, name string) bool {
	if cr == nil {
		return false
	}
	f, _ := b.classAssignment(cr, name, func(f *facts.Assignment) bool { return f.Value != nil })
	if f == nil || f.Annotation != nil || len(f.Decorators) > 0 || !b.declaresFieldsByCalls(cr) {
		return false
	}
	switch f.Value.Kind {
	case facts.ExprBool, facts.ExprNone, facts.ExprInt, facts.ExprFloat, facts.ExprString:
		return true
	}
	return false
}

// declaresFieldsByCalls reports a shape whose fields are class
// attributes built by calls with no type declared (a Django form's email
// = forms.EmailField()), on it or a base: there a literal attribute is
// no field. A pydantic model's unannotated name = None is one.
func (b *builder) declaresFieldsByCalls(cr *classRef) bool {
	for _, c := range b.ix.lineage(cr) {
		for i := range c.class.Fields {
			if f := &c.class.Fields[i]; f.Annotation == nil && f.Value != nil && f.Value.Kind == facts.ExprCall {
				return true
			}
		}
	}
	return false
}

// shapeContextItem reads an entry of a shape's context: the request the
// view passed (self.context["request"]), or an instance of the entity the
// key names (self.context["user"]: the user the view found for the
// request, an input of the rule); nil otherwise.
func (rc *ruleCtx) shapeContextItem(ctx *value, key string) *value {
	sh := rc.b.lang.Shapes
	if sh == nil || ctx.param != contextParam {
		return nil
	}
	if len(ctx.parts) > 0 {
		// Made with context={...}: the entry the view wrote there, read
		// where the view built the dict; a key it did not write is no
		// entry the spec can name (self.context[k] would raise).
		var scratch []allium.Stmt
		v, _ := rc.partValue(ctx, key, &scratch)
		return v
	}
	if catalog.Match(sh.ContextRequest, key) {
		return &value{kind: vPlumbing, param: "request"}
	}
	if v := rc.ctxItems[key]; v != nil {
		return v
	}
	ent := rc.b.entByName[pascal(key)]
	n := bindingName(key)
	if ent == nil || n == "" {
		return nil
	}
	if rc.userVal != nil && rc.userVal.param == n || rc.paramSet[n] {
		// The signed-in user is another binding: this one is the
		// instance the request is about.
		n = "target_" + n
	}
	rc.lets[n] = true // a signed-in user read later is named apart
	v := &value{kind: vEntity, ent: ent.name, expr: &allium.Ident{Name: n}, param: n}
	if rc.ctxItems == nil {
		rc.ctxItems = map[string]*value{}
	}
	rc.ctxItems[key] = v
	return v
}

// givenContext is self.context of a shape the view made with a dict
// literal for its context (IssueCreateSerializer(data=request.data,
// context={"project_id": project_id, ...}), plane's create,
// app/views/issue/base.py:396-403): the context mapping whose entries
// are that literal's, so the validators' self.context["project_id"] and
// self.context.get("project_id") are the view's project_id. nil when the
// shape was not made with a literal there.
func (rc *ruleCtx) givenContext(x *value, name string) *value {
	sh := rc.b.lang.Shapes
	if sh == nil || !catalog.Match(sh.Context, name) {
		return nil
	}
	for _, part := range x.parts {
		if part.e == nil {
			continue
		}
		for i := range part.e.Entries() {
			en := &part.e.Entries()[i]
			if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == name && en.Value.Kind == facts.ExprDict && literalKeys(&en.Value) {
				return &value{kind: vPlumbing, param: contextParam, parts: []dictPart{{e: &en.Value, sc: part.sc}}}
			}
		}
	}
	return nil
}

// givenDataKeys are the keys of the data a shape was made with when the
// code gave it a dict literal of its own (plane's public intake edit:
// issue_data = {"name": ..., "description_html": ...,
// "description_json": ...}, IssueCreateSerializer(issue, data=issue_data,
// ...), space/views/intake.py:202-213): its validators find no other
// field in the validated data (shapeInput answers null for one). nil
// when the data is not such a literal.
func (rc *ruleCtx) givenDataKeys(form *value) map[string]bool {
	sh := rc.b.lang.Shapes
	if sh == nil || sh.CreateViews == nil || sh.CreateViews.Data == "" || form == nil {
		return nil
	}
	for _, part := range form.parts {
		if part.e == nil || part.e.Kind != facts.ExprDict {
			continue
		}
		for i := range part.e.Entries() {
			en := &part.e.Entries()[i]
			if en.Key == nil || en.Key.Kind != facts.ExprString || en.Key.Value() != sh.CreateViews.Data {
				continue
			}
			var scratch []allium.Stmt
			d := rc.eval(&en.Value, part.sc, &scratch, false)
			if d.kind != vUnknown || len(d.parts) != 1 || d.parts[0].e == nil || d.parts[0].e.Kind != facts.ExprDict || d.dumped || d.handed || d.keywords {
				return nil
			}
			lit := d.parts[0].e
			if !literalKeys(lit) || len(lit.Entries()) == 0 {
				return nil
			}
			keys := map[string]bool{}
			for j := range lit.Entries() {
				keys[lit.Entries()[j].Key.Value()] = true
			}
			return keys
		}
	}
	return nil
}

// literalKeys reports a dict literal whose every key is a string literal
// (no spread, no computed key): a key it lacks is one it does not have.
func literalKeys(d *facts.Expr) bool {
	for i := range d.Entries() {
		if k := d.Entries()[i].Key; k == nil || k.Kind != facts.ExprString {
			return false
		}
	}
	return true
}

// contextGet is self.context.get(key[, default]) of a context the view
// gave as a dict literal (givenContext): the entry's value when the
// literal has the key, else the default (None when none is given; plane's
// IssueCreateSerializer.validate reads self.context.get(
// "allow_triage_state", False), app/serializers/issue.py:124, which the
// create view's context does not set). nil for any other call.
func (rc *ruleCtx) contextGet(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	if recv == nil || recv.kind != vPlumbing || recv.param != contextParam || len(recv.parts) == 0 || method != "get" {
		return nil
	}
	args := e.Args()
	if len(args) == 0 || len(args) > 2 || args[0].Kind != facts.ExprString || len(e.Keywords()) > 0 {
		return unknownValue
	}
	if v, given := rc.partValue(recv, args[0].Value(), out); given {
		return v
	}
	if len(args) == 2 {
		return rc.eval(&args[1], sc, out, false)
	}
	return exprValue(&allium.Lit{Kind: allium.LitNull, Text: "null"})
}

// spreadKeywords are the keywords of a call, with validated input spread
// into it (authenticate(request, **serializer.validated_data)) written out
// as one keyword per field of its shape.
func (rc *ruleCtx) spreadKeywords(e *facts.Expr, sc *scope, out *[]allium.Stmt) []facts.Keyword {
	return rc.spreadKeywordList(e.Keywords(), e.Line(), sc, out)
}

// spreadKeywordList writes out a spread of validated input among kws (a
// call's keywords, at line) as one keyword per field of its shape; kws
// as they are when they spread nothing of the kind. A lookup's criteria
// are read the same way: filter(**serializer.validated_data) filters by
// each field the serializer declares (dj-rest-auth's
// ResendEmailVerificationView, registration/views.py:139).
func (rc *ruleCtx) spreadKeywordList(kws []facts.Keyword, line int, sc *scope, out *[]allium.Stmt) []facts.Keyword {
	var kw *facts.Expr
	given := map[string]bool{}
	for i := range kws {
		if kws[i].Name == "**" {
			if kw != nil {
				return kws // two spreads: which wins a key is not read
			}
			kw = &kws[i].Value
		} else {
			given[kws[i].Name] = true
		}
	}
	if kw == nil {
		return kws
	}
	v := rc.eval(kw, sc, out, false)
	if (v.kind != vReqDict && v.kind != vShape) || v.shape == nil || v.variants != nil {
		return kws
	}
	var spread []facts.Keyword
	for _, k := range kws {
		if k.Name != "**" {
			spread = append(spread, k)
		}
	}
	for _, f := range v.shape.class.Fields {
		if f.Value == nil || f.Value.Kind != facts.ExprCall || given[f.Name] {
			continue
		}
		name := "__spread_" + f.Name
		sc.vars[name] = rc.shapeInput(v, f.Name, sc)
		spread = append(spread, facts.Keyword{Name: f.Name, Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Line: line})})
	}
	return spread
}

// authenticateActive states the flags an authenticate call requires of
// the user it finds (is_active), where the user entity has them.
func (rc *ruleCtx) authenticateActive(found *value, sc *scope, line int) {
	ent := rc.b.entByName[found.ent]
	if ent == nil {
		return
	}
	for _, name := range rc.b.lang.AuthenticateActive {
		f := ent.attrs[name]
		if f == nil || f.drop || f.typ == nil || f.typ.Name != "Boolean" {
			continue
		}
		f.used = true
		rc.requires(&allium.Member{X: found.expr, Name: f.name}, sc, line)
	}
}

// sessionStamps states the user's timestamps a sign-in call sets to now
// (Django's login: user.last_login = now), where the user entity has them.
func (rc *ruleCtx) sessionStamps(names []string, u *value, sc *scope, out *[]allium.Stmt, line int) {
	ss := rc.b.lang.Sessions
	ent := rc.b.entByName[u.ent]
	if ss == nil || ent == nil {
		return
	}
	for call, fields := range ss.StartStamps {
		if !catalog.MatchAny([]string{call}, names...) {
			continue
		}
		for _, name := range fields {
			f := ent.attrs[name]
			if f == nil || f.drop {
				continue
			}
			meta := rc.b.meta(sc.file, line)
			var stamp allium.Stmt = &allium.Assign{Meta: meta, Target: &allium.Member{X: rc.valueExpr(u), Name: f.name}, Value: &allium.Ident{Name: "now"}}
			off, always := rc.stampReceiverOff(name, sc, line)
			switch {
			case always:
				continue // its receiver taken off the signal: never set
			case off != nil:
				c := rc.tr(off, sc, out)
				if c == nil {
					rc.untranslated(sc, line, LeftOutValue, "the condition under which "+f.name+" is set on sign-in")
					continue
				}
				stamp = &allium.If{Meta: meta, Branches: []allium.IfBranch{{Cond: negate(c), Body: []allium.Stmt{stamp}}}}
			}
			f.used = true
			*out = append(*out, stamp)
		}
	}
}

// hasattrCall reads hasattr(x, "rel") on a relationship of x's entity as
// `exists x.rel`: a one-to-one the instance may lack (Django raises
// RelatedObjectDoesNotExist, so hasattr is False); nil for other calls.
func (rc *ruleCtx) hasattrCall(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	obj, attr, ok := rc.b.attrHasCall(e)
	if !ok {
		return nil
	}
	x := rc.eval(obj, sc, out, false)
	if x.kind != vEntity || x.expr == nil {
		return nil
	}
	ent := rc.b.entByName[x.ent]
	if ent == nil {
		return nil
	}
	name := attr.Value()
	if f := ent.attrs[name]; f != nil && !f.drop && f.fkEntity != "" && f.typ != nil && f.typ.Optional {
		f.used = true
		rc.touch(x)
		return exprValue(&allium.Unary{Op: allium.OpExists, X: &allium.Member{X: x.expr, Name: f.name}})
	}
	if f := ent.attrs[name]; f != nil && !f.drop && f.typ != nil && !f.typ.Optional {
		// A field every row has (wger's check_fk_ownership tests
		// hasattr(owner, 'user') of a routine, utils/viewsets.py:62,
		// whose user is required, manager/models/routine.py:79): true.
		return exprValue(&allium.Lit{Kind: allium.LitBool, Text: "true"})
	}
	if rel := rc.b.reverseOne(ent, name); rel != "" {
		rc.touch(x)
		return exprValue(&allium.Unary{Op: allium.OpExists, X: &allium.Member{X: x.expr, Name: rel}})
	}
	return nil
}

// reverseOne is the name of ent's one-to-one reverse relationship called
// name; "" when ent has none.
func (b *builder) reverseOne(ent *entityInfo, name string) string {
	for _, r := range ent.rels {
		if r.Name == snake(name) && b.singleRels[ent.name+"."+r.Name] {
			return r.Name
		}
	}
	return ""
}

// findOrCreate reads Model.objects.get_or_create(k=v, defaults={...}): a
// row with the lookup's fields and the defaults is created when none
// matches. A lookup the spec cannot state leaves the creation out: an
// unconditional creation would misstate the code.
func (rc *ruleCtx) findOrCreate(e *facts.Expr, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	ent := b.entByName[recv.ent]
	if ent == nil || recv.q == nil {
		return nil
	}
	lookup, dicts, bad := splitFindOrCreate(e, "defaults")
	var values []facts.Keyword
	if d := dicts["defaults"]; d != nil {
		for _, en := range d.Entries() {
			if en.Key != nil && en.Key.Kind == facts.ExprString {
				values = append(values, facts.Keyword{Name: en.Key.Value(), Value: en.Value})
			}
		}
	}
	// owner.tokens.get_or_create(...): the owner is a key of the lookup,
	// and the row made is its.
	q, owner, j := rc.findOrCreateLookup(e, recv, lookup, bad, "the creation of a "+ent.name+" when none matches a lookup", sc, out)
	if j == nil {
		return &value{kind: vPlumbing}
	}
	var body []allium.Stmt
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()})
	call.SetKeywords(append(slices.Clone(lookup), values...))
	v := rc.construct(ent, call, sc, &body)
	if owner != nil {
		v.args = setArg(v.args, owner.Name, owner.Value)
	}
	rc.created(v, &body, e.Line())
	if rc.keyedByCreated(q) {
		// get_or_create(user=instance) in the rule of the instance's
		// creation: no row can name a row just created, so it creates.
		*out = append(*out, body...)
		return v
	}
	v.createdAt = nil // created inside the if below: no let can name it
	*out = append(*out, &allium.If{Meta: b.meta(sc.file, e.Line()), Branches: []allium.IfBranch{{
		Cond: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: j}}, Body: body}}})
	// token, created = ...: created is whether none matched.
	return unpackedOrCreated(&value{kind: vLookup, ent: q.ent, q: q}, j)
}

// keyedByCreated reports a lookup with a condition that its row refers
// to the instance whose creation triggers the rule.
func (rc *ruleCtx) keyedByCreated(q *query) bool {
	t := rc.trigger
	if t == nil || t.Kind != allium.TriggerCreated || t.Binding == "" {
		return false
	}
	for _, c := range q.conds {
		if id, ok := c.val.(*allium.Ident); ok && id.Name == t.Binding && c.op == allium.OpEq && len(c.path) == 0 {
			return true
		}
	}
	return false
}

// keepShapeAttr records what a shape's method keeps on it (self.user =
// ...): read back later, it is that value, not an input of the request.
func (rc *ruleCtx) keepShapeAttr(obj *value, name string, v *facts.Expr, sc *scope, out *[]allium.Stmt) {
	val := rc.eval(v, sc, out, false)
	if val.kind == vLookup {
		if !sc.top {
			// A let bound below the rule's top level could not be read
			// where the form's attribute is.
			val = unknownValue
		} else {
			// Named apart from the signed-in user the rule may also read
			// (request.user is another binding).
			bn := name
			if bn == "user" || bn == "current_user" {
				bn = "authenticated_user"
			}
			val = rc.bindLookup(bn, val, sc, out, v.Line())
		}
	}
	if obj.attrs == nil {
		obj.attrs = map[string]*value{}
	}
	obj.attrs[name] = val
}

// inputsPresent extends inputPresence to a conjunction of presence tests
// (`if username and password:` in a form's clean).
func (rc *ruleCtx) inputsPresent(e *facts.Expr, sc *scope, out *[]allium.Stmt) (positive, ok bool) {
	if e != nil && e.Kind == facts.ExprBoolOp && e.Op() == "and" && e.X != nil && e.Y != nil {
		px, okx := rc.inputsPresent(e.X, sc, out)
		py, oky := rc.inputsPresent(e.Y, sc, out)
		return px && py, okx && oky
	}
	return rc.inputPresence(e, sc, out)
}

// authenticatingShape is the default shape of a framework view that
// authenticates the request's credentials (catalog: shapes.authenticating):
// the user found by them, bound at the rule's top level, must exist (the
// shape refuses a failure), and its validated data holds it under the
// catalogued key. nil when cr inherits no such view.
func (rc *ruleCtx) authenticatingShape(cr *classRef, sc *scope, out *[]allium.Stmt, line int) *value {
	for _, base := range sortedKeys(rc.b.lang.Shapes.Authenticating) {
		as := rc.b.lang.Shapes.Authenticating[base]
		if !rc.b.matchBases(cr, []string{base}) {
			continue
		}
		u := rc.authenticateInputs(as, sc, out, line)
		if u == nil {
			return nil
		}
		data := &value{kind: vReqDict, attrs: map[string]*value{as.Key: u}}
		return &value{kind: vShape, attrs: map[string]*value{"validated_data": data}}
	}
	return nil
}

// authenticatingFormValidation runs the validation a framework form
// inherits that authenticates its inputs (catalog:
// shapes.authenticating_forms; Django's AuthenticationForm.clean): the
// user found must exist and be active (confirm_login_allowed), and the
// form's getter (get_user) returns it from then on.
func (rc *ruleCtx) authenticatingFormValidation(form *value, sc *scope, out *[]allium.Stmt, line int) {
	for _, base := range sortedKeys(rc.b.lang.Shapes.AuthenticatingForms) {
		as := rc.b.lang.Shapes.AuthenticatingForms[base]
		if as.Getter == "" || !rc.b.matchBases(form.shape, []string{base}) {
			continue
		}
		u := rc.authenticateInputs(as, sc, out, line)
		if u == nil {
			return
		}
		if rc.onlyMatch == nil {
			// The one match of a backend is active already (its
			// filter says so) and is named only in the outcomes.
			rc.authenticateActive(u, sc, line)
		}
		if form.attrs == nil {
			form.attrs = map[string]*value{}
		}
		form.attrs[authenticatedGetterKey(as.Getter)] = u
		return
	}
}

// frameworkAuthForm is a framework form that authenticates its inputs
// (catalog: shapes.authenticating_forms) made directly, not through a
// subclass of the service's (form = AuthenticationForm(request,
// data=request.POST), as Django's own LoginView and many services do):
// a shape whose class stands for the framework's, deriving from it, so
// that its validation and its getter read as a subclass's do. nil for any
// other call.
func (rc *ruleCtx) frameworkAuthForm(e *facts.Expr, names []string, sc *scope) *value {
	// Asked of every call the walk evaluates: a lookup by name, in the
	// names' own order, rather than a sorted walk of the catalog.
	if rc.b.lang.Shapes == nil {
		return nil // a catalog that describes no shapes
	}
	forms := rc.b.lang.Shapes.AuthenticatingForms
	for _, base := range names {
		if _, ok := forms[base]; !ok || base == "" {
			continue
		}
		self := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: base, Raw: base, Line: e.Line()}).WithResolved(base)
		cls := &facts.Class{Name: facts.LastSegment(base), QualName: base, Bases: []facts.Expr{self}, Line: e.Line(), EndLine: e.Line()}
		return &value{kind: vShape, shape: &classRef{file: sc.file, class: cls}}
	}
	return nil
}

// authenticatedGetterKey is where a form keeps the user its getter
// returns: a key no Python attribute can be, so no field shadows it.
func authenticatedGetterKey(getter string) string { return getter + "()" }

// authenticatedFormUser is the user a validated authenticating form's
// getter returns (form.get_user()); nil for any other call.
func authenticatedFormUser(recv *value, method string, e *facts.Expr) *value {
	if recv == nil || recv.kind != vShape || len(e.Args()) > 0 || len(e.Keywords()) > 0 {
		return nil
	}
	return recv.attrs[authenticatedGetterKey(method)]
}

// authenticateInputs is the user the catalog's authenticate call finds
// with the inputs as (its key names the binding), bound at the rule's
// top level and required to exist (the framework refuses a failure).
// nil where the spec cannot state it.
func (rc *ruleCtx) authenticateInputs(as catalog.AuthenticatingShape, sc *scope, out *[]allium.Stmt, line int) *value {
	b := rc.b
	if !sc.top || len(b.lang.AuthenticateCalls) == 0 || as.Key == "" {
		return nil
	}
	fn := facts.LastSegment(b.lang.AuthenticateCalls[0])
	if b.ownAuthBackends() {
		// The service's own backends decide whom the credentials
		// name: the spec states whom the first signs in where it reads
		// its code (backend_matches.go), else the user they
		// authenticate, not a lookup it cannot read.
		if u := rc.backendOnlyMatch(as, sc, line); u != nil {
			return u
		}
		return rc.authenticatedUser(fn, as, sc, line)
	}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: fn, Line: line})
	call.X = facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: call.Raw(), Raw: call.Raw(), Line: line})
	kws := make([]facts.Keyword, 0, len(as.Inputs))
	for _, in := range as.Inputs {
		name := "__credential_" + in
		sc.vars[name] = rc.paramValue(in)
		kws = append(kws, facts.Keyword{Name: in, Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Line: line})})
	}
	call.SetKeywords(kws)
	found := rc.eval(call, sc, out, false)
	for _, in := range as.Inputs {
		delete(sc.vars, "__credential_"+in)
	}
	if found.kind != vLookup {
		return nil
	}
	u := rc.bindLookup(as.Key, found, sc, out, line)
	if u.kind != vEntity {
		return nil
	}
	rc.requires(&allium.Unary{Op: allium.OpExists, X: u.expr}, sc, line)
	return u
}

// ownAuthBackends reports authentication backends the service configures
// that are classes of its own.
func (b *builder) ownAuthBackends() bool {
	for _, name := range b.authBackends() {
		if b.ix.classes[b.ix.canonical(name)] != nil {
			return true
		}
	}
	return false
}

// firstOwnBackend is the authenticate method of the first backend the
// settings list when that backend is a class of the service (Django asks
// it first); nil otherwise.
func (b *builder) firstOwnBackend() *funcRef {
	names := b.authBackends()
	if len(names) == 0 {
		return nil
	}
	cr := b.ix.classes[b.ix.canonical(names[0])]
	if cr == nil {
		return nil
	}
	return b.ix.method(cr, "authenticate")
}

// authenticatedUser binds the user the service's backends authenticate
// with the inputs (let user = authenticate(username, password)), which
// must exist.
func (rc *ruleCtx) authenticatedUser(fn string, as catalog.AuthenticatingShape, sc *scope, line int) *value {
	bn := bindingName(as.Key)
	if bn == "" || rc.lets[bn] || rc.paramSet[bn] {
		return nil
	}
	call := &allium.Call{Fun: &allium.Ident{Name: fn}}
	for _, in := range as.Inputs {
		p := rc.paramValue(in)
		if p.kind != vParam {
			return nil
		}
		rc.useParam(p.param)
		call.Args = append(call.Args, allium.Arg{Value: &allium.Ident{Name: p.param}})
	}
	rc.lets[bn] = true
	rc.body = append(rc.body, &allium.Let{Meta: rc.b.meta(sc.file, line), Name: bn, Value: call})
	if fr := rc.b.firstOwnBackend(); fr != nil {
		// The backend's own lookup is what the black box stands for: the
		// note says it was not read rather than leave it unsaid.
		rc.leaveOutAt(fr.file.Path, fr.fn.Line, LeftOutLookup, "the lookup of the service's backend "+backendName(fr.fn.QualName))
	}
	u := &value{kind: vEntity, ent: rc.b.userEntity(), expr: &allium.Ident{Name: bn}}
	rc.requires(&allium.Unary{Op: allium.OpExists, X: u.expr}, sc, line)
	return u
}

// nestedShapeField is the value of a shape's field declared with another
// request shape as its type (Medusa's accept-invite: user:
// AdminPostInvitesInviteAcceptUserReq, validated nested): an object of
// the request whose own fields are the inputs. nil for any other field.
func (b *builder) nestedShapeField(x *value, name string) *value {
	if x.shape == nil {
		return nil
	}
	f, file := b.classAssignment(x.shape, name, func(f *facts.Assignment) bool { return f.Annotation != nil })
	if f == nil || f.Annotation.Kind != facts.ExprName {
		return nil
	}
	cr := b.ix.class(file, f.Annotation)
	if cr == nil || b.shapes[cr.class.QualName] == nil {
		return nil
	}
	return &value{kind: vShape, shape: b.shapes[cr.class.QualName], nestedOf: x.shape, nestedAs: name}
}

// classAttrShape is the request shape (a form class of the service) that
// a class-level attribute of cls or of its bases names, so that calling
// the attribute on self makes that shape (login_form_class =
// EmailAuthenticationForm; self.login_form_class(...)). nil when the
// attribute names no shape, or names a method.
func (b *builder) classAttrShape(cls *facts.Class, name string) *classRef {
	cr := b.ix.classes[cls.QualName]
	if cr == nil || b.ix.method(cr, name) != nil {
		return nil
	}
	v, file := b.classField(cr, name)
	if v == nil || v.Kind != facts.ExprName && v.Kind != facts.ExprAttr {
		return nil
	}
	shape := b.ix.class(file, v)
	if shape == nil {
		return nil
	}
	return b.shapes[shape.qual()]
}

// calledClassAttr reports a class-level attribute of cls or of its bases,
// not a method, named name: calling it on self calls what it holds.
func (b *builder) calledClassAttr(cls *facts.Class, name string) bool {
	cr := b.ix.classes[cls.QualName]
	if cr == nil || b.ix.method(cr, name) != nil {
		return false
	}
	v, _ := b.classField(cr, name)
	return v != nil
}

// backendName is a backend method's class and name (EmailBackend.authenticate),
// without the module path its qualified name starts with.
func backendName(qual string) string {
	parts := strings.Split(qual, ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}

// filledOr is cond, the condition side translated to, or true when it
// translated to nothing and side is a required input that never tests
// false (filledInputs).
func (rc *ruleCtx) filledOr(cond allium.Expr, side *facts.Expr, sc *scope) allium.Expr {
	if cond != nil || len(rc.filledInputs) == 0 || side == nil || side.Kind != facts.ExprAttr && side.Kind != facts.ExprName && !dataRead(side) {
		return cond
	}
	var scratch []allium.Stmt // evaluated before: nothing new to state
	if v := rc.eval(side, sc, &scratch, false); v.kind == vParam && !v.optional && rc.filledInputs[v.param] {
		return &allium.Lit{Kind: allium.LitBool, Text: "true"}
	}
	return cond
}

// stampReceiverOff reads whether the function signing the user in took
// the receiver that sets the stamp field (catalog stamp_receivers) off
// its signal before the sign-in call at line: netbox's login view runs
// user_logged_in.disconnect(update_last_login) when maintenance mode is
// on (account/views.py:113-117), so last_login is set only when it is
// off. It gives the condition of the if whose body takes the receiver
// off, or always when the function does so on the sign-in's own path;
// nil and false when it does neither.
func (rc *ruleCtx) stampReceiverOff(field string, sc *scope, line int) (cond *facts.Expr, always bool) {
	ss := rc.b.lang.Sessions
	receivers := ss.StampReceivers[field]
	if len(receivers) == 0 || len(ss.ReceiverDisconnects) == 0 {
		return nil, false
	}
	fn := sc.helper
	if fn == nil && rc.h != nil {
		fn = rc.h.fn
	}
	if fn == nil {
		return nil, false
	}
	takesOff := func(s *facts.Stmt) bool {
		c := s.Value
		if s.Kind != facts.StmtExpr || c == nil || c.Kind != facts.ExprCall || !catalog.Match(ss.ReceiverDisconnects, c.Method()) || len(c.Args()) == 0 {
			return false
		}
		r := &c.Args()[0]
		return catalog.MatchAny(receivers, r.Resolved(), r.Raw())
	}
	holds := func(list []facts.Stmt) bool { // the sign-in is in list
		found := false
		facts.Walk(list, func(s *facts.Stmt) bool {
			found = found || s.Line() == line
			return !found
		})
		return found
	}
	// visit reads the statements of one list on the sign-in's path.
	var visit func(list []facts.Stmt) bool
	visit = func(list []facts.Stmt) bool {
		for i := range list {
			s := &list[i]
			if s.Line() >= line && !holds(list[i:i+1]) {
				return false // past the sign-in
			}
			switch {
			case takesOff(s):
				always = true
				return true
			case s.Kind == facts.StmtIf && !holds(list[i:i+1]):
				for j := range s.Body {
					if takesOff(&s.Body[j]) {
						cond = s.Cond
					}
				}
			case holds(list[i : i+1]):
				if s.Kind == facts.StmtIf {
					if holds(s.Body) {
						return visit(s.Body)
					}
					return visit(s.Else())
				}
				return visit(s.Body)
			}
		}
		return false
	}
	visit(fn.Body())
	if always {
		return nil, true
	}
	return cond, false
}

// takesStampReceiverOff reports a call that takes a receiver setting a
// sign-in stamp off its signal (catalog stamp_receivers and
// receiver_disconnects): user_logged_in.disconnect(update_last_login).
func (b *builder) takesStampReceiverOff(c *facts.Expr) bool {
	ss := b.lang.Sessions
	if ss == nil || c.Kind != facts.ExprCall || len(c.Args()) == 0 || !catalog.Match(ss.ReceiverDisconnects, c.Method()) {
		return false
	}
	r := &c.Args()[0]
	for _, receivers := range ss.StampReceivers {
		if catalog.MatchAny(receivers, r.Resolved(), r.Raw()) {
			return true
		}
	}
	return false
}
