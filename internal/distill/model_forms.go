package distill

// A model form (Django's ModelForm) saves itself without code of the
// service: form.save(), or super().save(commit=False) in the form's own
// save, creates the model its Meta names with the validated fields the
// Meta lists, or, when the form was made with an instance, gives that row
// those fields. With commit=False the new row is not saved yet: the caller
// saves it (user = super().save(commit=False); user.set_password(p);
// user.save()). The Meta's names are the catalog's (shapes.meta), the
// instance attribute too (shapes.instance_attrs).

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
	"slices"
	"strings"
)

// modelFormSave runs the inherited save of form, a model form; nil when
// the form names no model of the service.
//
// data is the validated data it writes, nil for the form's own: a
// serializer's create given its validated data hands it on to the
// framework's (super().create(validated_data)), with the keys it set.
func (rc *ruleCtx) modelFormSave(e *facts.Expr, form, data *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	if !b.matchBases(form.shape, b.lang.Shapes.ModelForms) {
		return nil
	}
	entName, fields := rc.shapeMeta(form.shape)
	ent := b.entByName[entName]
	if ent == nil {
		return nil
	}
	line := e.Line()
	if data == nil || data.kind != vReqDict || data.shape != form.shape {
		data = &value{kind: vReqDict, shape: form.shape}
	}
	dataName := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "__validated_data", Raw: "__validated_data", Line: line})
	sc.vars[dataName.Name()] = data
	defer delete(sc.vars, dataName.Name())
	// cleaned_data["email"] for each listed field the model has: what
	// the field's validator returned, if it returned what the spec can
	// state, else the input.
	var bound []string
	defer func() {
		for _, n := range bound {
			delete(sc.vars, n)
		}
	}()
	read := func(field string) facts.Expr {
		if v := rc.cleaned[form.shape.qual()+"."+field]; v != nil {
			name := "__cleaned_" + field
			sc.vars[name] = v
			bound = append(bound, name)
			return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Raw: name, Line: line})
		}
		key := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: field, Line: line})
		return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprSubscript, X: &dataName, Y: &key, Line: line})
	}
	var listed []string
	readOnly := rc.b.readOnlyFields(form.shape)
	for _, f := range fields {
		if fi := ent.attrField(f); fi != nil && strings.HasSuffix(f, "_id") && fi.fkEntity != "" {
			// A foreign key named by its column ("workspace_id"): Django
			// REST framework makes it a read-only field, which the save
			// does not write (plane's ProjectMemberPreferenceSerializer,
			// app/serializers/project.py:169, writes only preferences).
			continue
		}
		if data.popped[f] {
			// validated_data.pop("password") before the framework's
			// update: the save does not write it (paperless-ngx's
			// MailAccountSerializer.update, paperless_mail/serialisers.py:51-57).
			continue
		}
		if _, set := data.rewritten[f]; set && rc.cleaned[form.shape.qual()+"."+f] == nil {
			// validated_data["owner"] = self.user in the shape's own
			// create, perhaps under a test (paperless-ngx's
			// OwnedObjectSerializer.create gives the requester when no
			// owner was sent, documents/serialisers.py:493-508): the
			// field is not the input, and what it is the walk does not
			// carry to the save; left out.
			rc.untranslated(sc, line, LeftOutValue, "the value "+form.shape.class.Name+" sets for "+f+" before the save")
			continue
		}
		if fi := ent.attrField(f); fi != nil && !fi.drop && !fi.uneditable && !rc.dropped[form.shape.qual()+"."+f] &&
			(!readOnly[f] || rc.cleaned[form.shape.qual()+"."+f] != nil) {
			listed = append(listed, f)
		}
	}
	for _, k := range sortedKeys(data.attrs) {
		// save(project_id=project_id): the framework's create writes
		// what save was given as well (saveKeywords).
		if fi := ent.attrField(k); fi != nil && !fi.drop && !slices.Contains(listed, k) {
			listed = append(listed, k)
		}
	}
	if rc.unreadRowGiven(form) {
		// SpeakerProfileForm(instance=user.get_speaker(event)).save():
		// it changes a row the spec cannot name, and makes none. A form
		// made with no row (self.get_serializer(data=...) in DRF's
		// inherited create) makes one.
		rc.untranslated(sc, line, LeftOutValue, "the save of a form made to change a row the spec cannot name")
		return unknownValue
	}
	if row := rc.formInstance(form); row != nil {
		if row.ent != "" && row.ent != ent.name {
			// ModuleIssueSerializer (Meta.model = ModuleIssue) given an
			// Issue a viewset's get_queryset found (plane's
			// ModuleIssueViewSet, app/views/module/issue.py:84-93): its
			// save would write one model's fields on another's row.
			rc.untranslated(sc, line, LeftOutValue, "the save of a form made for one model given a row of another")
			return unknownValue
		}
		inst := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "__instance", Raw: "__instance", Line: line})
		sc.vars[inst.Name()] = row
		defer delete(sc.vars, inst.Name())
		partial := rc.partialShape(form)
		for _, f := range listed {
			target := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: &inst, Name: f, Raw: "__instance." + f, Line: line})
			value := read(f)
			if in := rc.shapeInput(data, f, sc); partial && data.attrs[f] == nil && in.kind == vParam {
				// A partial update's validated data holds only the
				// fields the request gave, and the save writes only
				// those (DRF's partial=True): plane's ApiTokenEndpoint.
				// patch (app/views/api.py:56-61) had stated every field
				// of the token set, to null when not given. Each is set
				// if given, as a dump of the set fields is (row_updates.go).
				var body []allium.Stmt
				rc.assign(&target, &value, sc, &body, line)
				rc.changedIn(&body, out) // the row is written whatever was given
				if len(body) > 0 {
					given := &allium.Unary{Op: allium.OpExists, X: rc.valueExpr(in)}
					body = []allium.Stmt{&allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: given, Body: body}}}}
				}
				*out = append(*out, body...)
				continue
			}
			rc.assign(&target, &value, sc, out, line)
		}
		return row
	}
	kws := make([]facts.Keyword, 0, len(listed))
	for _, f := range listed {
		kws = append(kws, facts.Keyword{Name: f, Value: read(f)})
	}
	call := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, Line: line})
	call.SetKeywords(kws)
	row := rc.construct(ent, &call, sc, out)
	if !savesLater(e) {
		rc.created(row, out, line)
	}
	return row
}

// formInstance is the row a form was made to change (its instance
// attribute set to a row); nil for a form that makes a new one.
func (rc *ruleCtx) formInstance(form *value) *value {
	for _, a := range rc.b.lang.Shapes.InstanceAttrs {
		if v := form.attrs[a]; v != nil && (v.kind == vEntity || v.kind == vNew) {
			return v
		}
	}
	return nil
}

// unreadRowGiven reports a form made to change a row (its instance
// attribute set) the walk could not read. An instance of None
// (self.instance of a serializer made without one, openwisp-users'
// create views, or DRF's inherited create) is no row.
func (rc *ruleCtx) unreadRowGiven(form *value) bool {
	for _, a := range rc.b.lang.Shapes.InstanceAttrs {
		v, ok := form.attrs[a]
		if !ok || v == nil || v.kind == vEntity || v.kind == vNew {
			continue
		}
		if l, lit := v.expr.(*allium.Lit); lit && l.Kind == allium.LitNull {
			continue
		}
		return true
	}
	return false
}

// givenInstance adds to attrs the row a model form is made to change when
// its constructor is given it by keyword (SpeakerProfileForm(instance=
// speaker, data=request.POST), pretalx cfp/views/user.py:102): the form's
// save then changes that row instead of making one. attrs as they were
// for any other shape, or when no instance is given.
func (rc *ruleCtx) givenInstance(cr *classRef, e *facts.Expr, attrs map[string]*value, sc *scope, out *[]allium.Stmt) map[string]*value {
	if !rc.b.matchBases(cr, rc.b.lang.Shapes.ModelForms) {
		return attrs
	}
	for _, a := range rc.b.lang.Shapes.InstanceAttrs {
		kw := e.Keyword(a)
		if kw == nil && len(e.Args()) > 0 && e.Args()[0].Kind != facts.ExprStarred && rc.b.matchBases(cr, rc.b.lang.Shapes.InstanceFirst) {
			kw = &e.Args()[0] // Serializer(instance, data=...)
		}
		if kw == nil || attrs[a] != nil {
			continue
		}
		if kw.Kind == facts.ExprNone {
			continue // instance=None: a new row, as with none given
		}
		if attrs == nil {
			attrs = map[string]*value{}
		}
		attrs[a] = rc.eval(kw, sc, out, false)
	}
	return attrs
}

// savesLater reports a save called with commit=False: the row it makes is
// saved by the caller, if at all.
func savesLater(e *facts.Expr) bool {
	c := e.Keyword("commit")
	return c != nil && c.Kind == facts.ExprBool && c.Value() == "false"
}
