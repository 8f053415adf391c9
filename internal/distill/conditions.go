package distill

// Conditions: how the walk reads an if. A rule stands for the
// state-changing request with valid input, so some conditions are decided
// by that reading (the HTTP method, form validation, the session's state,
// a parameter left at its default); others say which path of a handler a
// branch is (an ending branch, a submitted action), and a few are idioms
// of validation (collected error lists, form field validators).

import (
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// stateChanging are the HTTP methods a rule stands for.
var stateChanging = map[string]bool{"POST": true, "PUT": true, "PATCH": true, "DELETE": true}

// formValidators runs, once per form, the field validators that a
// validation call in cond runs (WTForms validate_<field>(self, field),
// Django clean_<field>(self)): their raises are preconditions of the rule,
// as if the handler had checked them itself.
func (rc *ruleCtx) formValidators(cond *facts.Expr, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	cond.Any(func(e *facts.Expr) bool {
		m := e.Method()
		if e.Kind != facts.ExprCall || m == "" || !catalog.Match(b.lang.ValidationCalls, m) {
			return false
		}
		form := rc.eval(e.X.X, sc, out, false)
		if form.pwForm != nil {
			rc.passwordFormChecks(form.pwForm, sc, e.Line()) // pwvalidators.go
			return false
		}
		if form.kind != vShape || form.shape == nil || rc.lets["validated:"+form.shape.qual()] {
			return false
		}
		rc.lets["validated:"+form.shape.qual()] = true
		// The form's own validate_<field> methods and those it inherits
		// (NewUserForm(InviteUserForm)), the nearest of each name.
		defined := map[string]bool{}
		for _, cr := range b.ix.lineage(form.shape) {
			for _, fn := range cr.class.Methods {
				if !defined[fn.Name] {
					defined[fn.Name] = true
					rc.fieldValidator(cr, fn, form, sc, out)
				}
			}
		}
		rc.listedFieldValidators(form, sc, out)
		rc.listedBounds(form)
		rc.listedChecks(form)
		rc.objectValidators(form, sc, out)
		rc.authenticatingFormValidation(form, sc, out, e.Line())
		rc.requiredChecks(form)
		return false
	})
}

// eachListedValidator calls fn with each validator a form's fields list
// (validators=[...]), the nearest declaration of each field, mixins
// included: cr is the class that declares the field a.
func (rc *ruleCtx) eachListedValidator(form *value, fn func(cr *classRef, a *facts.Assignment, v *facts.Expr)) {
	declared := map[string]bool{}
	for _, cr := range rc.b.ix.lineage(form.shape) {
		for i := range cr.class.Fields {
			a := &cr.class.Fields[i]
			if declared[a.Name] || a.Value == nil || a.Value.Kind != facts.ExprCall {
				continue
			}
			declared[a.Name] = true
			list := a.Value.Keyword("validators")
			if list == nil || list.Kind != facts.ExprList && list.Kind != facts.ExprTuple {
				continue
			}
			for j := range list.Args() {
				fn(cr, a, &list.Args()[j])
			}
		}
	}
}

// listedFieldValidators walks the functions of the service a form's
// fields list among their validators (WTForms: username =
// StringField(validators=[InputRequired(), _check_for_existing_username]),
// each called with the form and the field): their raises are
// preconditions as validate_<field>'s are. Validators of a library, or
// objects called through __call__, are not the service's functions and
// are left to the catalog.
func (rc *ruleCtx) listedFieldValidators(form *value, sc *scope, out *[]allium.Stmt) {
	rc.eachListedValidator(form, func(cr *classRef, a *facts.Assignment, v *facts.Expr) {
		fr := rc.b.ix.function(cr.file, v)
		if fr == nil || fr.class != nil || len(fr.fn.Params) != 2 {
			return
		}
		// fn(form, field): the form is the shape, field.data the input.
		formName, fieldName := "__form_"+a.Name, "__field_"+a.Name
		call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: a.Line, Args: []facts.Expr{
			facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: formName, Line: a.Line}),
			facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: fieldName, Line: a.Line}),
		}})
		sc.vars[formName], sc.vars[fieldName] = form, rc.paramValue(a.Name)
		rc.inline(fr, nil, call, sc, out)
		delete(sc.vars, formName)
		delete(sc.vars, fieldName)
	})
}

// listedBounds states the bounds of a library's validators that a form's
// fields list (WTForms: username = StringField(validators=
// [Length(max=50)])): validation rejects the request unless each holds
// (catalog listed_bounds).
func (rc *ruleCtx) listedBounds(form *value) {
	l := rc.b.lang
	if len(l.ListedBounds) == 0 {
		return
	}
	rc.eachListedValidator(form, func(cr *classRef, a *facts.Assignment, v *facts.Expr) {
		if v.Kind != facts.ExprCall || v.X == nil {
			return
		}
		names := []string{v.Resolved(), v.X.Resolved(), v.X.Raw()}
		for _, lb := range l.ListedBounds {
			if !catalog.MatchAny(lb.Names, names...) {
				continue
			}
			var kws []facts.Keyword
			for k, kw := range lb.Args {
				if x := callArg(v, k); x != nil {
					kws = append(kws, facts.Keyword{Name: kw, Value: *x})
				}
			}
			// The args map has no order: state the bounds in one.
			slices.SortFunc(kws, func(x, y facts.Keyword) int { return strings.Compare(x.Name, y.Name) })
			param := rc.paramValue(a.Name)
			if param.kind == vParam && len(kws) > 0 {
				rc.useParam(param.param)
				rc.boundRequires(cr, a.Line, param.param, kws, false)
			}
			return
		}
	})
}

// listedChecks states the checks other than bounds of a library's
// validators that a form's fields list (catalog listed_checks): WTForms'
// password_confirm = PasswordField(validators=[EqualTo("new_password")])
// requires password_confirm = new_password; a predicate validator
// (PasswordStrengthValidator()) requires is_strong(new_password).
// Validation rejects the request unless each holds.
func (rc *ruleCtx) listedChecks(form *value) {
	l := rc.b.lang
	if len(l.ListedChecks) == 0 {
		return
	}
	rc.eachListedValidator(form, func(cr *classRef, a *facts.Assignment, v *facts.Expr) {
		if v.Kind != facts.ExprCall || v.X == nil {
			return
		}
		names := []string{v.Resolved(), v.X.Resolved(), v.X.Raw()}
		for _, lc := range l.ListedChecks {
			if !catalog.MatchAny(lc.Names, names...) {
				continue
			}
			param := rc.paramValue(a.Name)
			if param.kind != vParam {
				return
			}
			var cond allium.Expr
			switch {
			case lc.EqualTo != "":
				// The other field is named by a string literal; a name
				// given any other way is not read.
				other := callArg(v, lc.EqualTo)
				if other == nil || other.Kind != facts.ExprString {
					return
				}
				op := rc.paramValue(other.Value())
				if op.kind != vParam || op.param == param.param {
					return
				}
				// The field itself first: the trigger lists an input
				// before its confirmation.
				rc.useParam(param.param)
				rc.useParam(op.param)
				cond = &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: param.param}, Y: &allium.Ident{Name: op.param}}
			case lc.Predicate != "":
				cond = &allium.Call{Fun: &allium.Ident{Name: lc.Predicate}, Args: []allium.Arg{{Value: &allium.Ident{Name: param.param}}}}
			default:
				return
			}
			rc.useParam(param.param)
			rc.b.stats.GuardsSeen++
			req := &allium.Requires{Meta: rc.b.meta(cr.file, a.Line), Cond: cond}
			rc.body = append(rc.body, req)
			rc.keepWhileParam(req, param.param)
			return
		}
	})
}

// fieldValidator walks fn, a method of the form's class cr, when it is a
// validator of one field (validate_email(self, field)).
func (rc *ruleCtx) fieldValidator(cr *classRef, fn facts.Function, form *value, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	field := ""
	for _, p := range b.lang.ValidatorPrefixes {
		if f, ok := strings.CutPrefix(fn.Name, p); ok && f != "" {
			field = f
		}
	}
	if field == "" || len(fn.Params) == 0 || !rc.shapeMayHaveField(form.shape, field) {
		return
	}
	fr := &funcRef{file: cr.file, fn: &fn, class: cr.class}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: fn.Line})
	if len(fn.Params) > 1 {
		// validate_email(self, field): field.data is the input.
		call.SetArgs([]facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "__field_" + field, Line: fn.Line})})
		sc.vars["__field_"+field] = rc.paramValue(field)
	}
	got := rc.inline(fr, form, call, sc, out)
	delete(sc.vars, "__field_"+field)
	if got != nil && got.kind == vExpr && form.shape != nil {
		// The cleaned value, when the validator returns one the spec
		// can state; a validator that returns nothing changes nothing.
		if rc.cleaned == nil {
			rc.cleaned = map[string]*value{}
		}
		rc.cleaned[form.shape.qual()+"."+field] = got
	}
}

// shapeMayHaveField says whether field may be a field of a form or
// serializer, whose validate_<field> the framework runs: false only for a
// shape whose Meta names a model when neither the Meta's fields, the
// model's nor the shape's declared ones include it. paperless-ngx's
// OwnedObjectSerializer.validate_unique_together(validated_data)
// (documents/serialisers.py:475) is a helper its own create calls, not
// the validator of a field unique_together, which no serializer has.
func (rc *ruleCtx) shapeMayHaveField(shape *classRef, field string) bool {
	if shape == nil {
		return true
	}
	ent, fields := rc.shapeMeta(shape)
	if ent == "" || slices.Contains(fields, field) {
		return true
	}
	if e := rc.b.entByName[ent]; e == nil || e.attrField(field) != nil {
		// A field of the model the Meta's list may leave out of what
		// the save writes (plane's ProjectSerializer, fields = "__all__",
		// validates identifier: app/serializers/project.py:58).
		return true
	}
	for _, c := range rc.b.ix.lineage(shape) {
		for i := range c.class.Fields {
			if c.class.Fields[i].Name == field {
				return true
			}
		}
	}
	return false
}

// validatable reports whether the receiver of a validation call is input
// to validate (a form, a serializer, something unknown), not an entity
// whose own method happens to share the name (token.is_valid()).
func (rc *ruleCtx) validatable(recv *facts.Expr, sc *scope) bool {
	if recv == nil {
		return false
	}
	if recv.Kind == facts.ExprName {
		if v := sc.vars[recv.Name()]; v != nil {
			switch v.kind {
			case vEntity, vNew, vLookup, vQuery, vExpr:
				return false
			}
		}
	}
	return true
}

// sessionCheck decides a test of the current user's session state
// (current_user.is_authenticated, .is_anonymous, .authed()): in a handler
// that requires signing in the user is signed in, elsewhere the rule is
// the anonymous caller's (a signed-in caller is only redirected).
func (rc *ruleCtx) sessionCheck(e *facts.Expr, name string) (truth, ok bool) {
	if e == nil || e.Kind != facts.ExprAttr || e.X == nil || name == "" {
		return false, false
	}
	a := rc.b.lang.Auth
	if !slices.Contains(a.CurrentUserNames, e.X.Raw()) {
		return false, false
	}
	signedIn := rc.auth > authNone
	switch {
	case slices.Contains(a.SignedInChecks, name):
		return signedIn, true
	case slices.Contains(a.AnonymousChecks, name):
		return !signedIn, true
	}
	return false, false
}

// inputPresence reports whether a condition only tests that a request
// input is present (`if email:`, `if not data.get("email"):`); positive
// is false under a not.
func (rc *ruleCtx) inputPresence(e *facts.Expr, sc *scope, out *[]allium.Stmt) (positive, ok bool) {
	if e == nil {
		return false, false
	}
	if e.Kind == facts.ExprUnary && e.Op() == "not" {
		p, ok := rc.inputPresence(e.X, sc, out)
		return !p, ok
	}
	switch e.Kind {
	case facts.ExprName, facts.ExprAttr, facts.ExprSubscript:
	case facts.ExprCall:
		if e.Method() != "get" {
			return false, false
		}
	default:
		return false, false
	}
	v := rc.eval(e, sc, out, false)
	if v.kind == vParam && rc.flagInputs[v.param] {
		return true, false // a flag's value, not its presence
	}
	return true, v.kind == vParam || v.kind == vReqDict || rc.lowercasedInput(v) || rc.storedInput(e, v, sc, out)
}

// storedInput reports a column of a row the rule created, read back
// (e) where it holds a request input as given (if instance.email: after
// Model(**validated_data)): testing it tests that the input was given.
// A Boolean column holds a flag, whose test is a condition.
func (rc *ruleCtx) storedInput(e *facts.Expr, v *value, sc *scope, out *[]allium.Stmt) bool {
	id, isIdent := v.expr.(*allium.Ident)
	if v.kind != vExpr || !isIdent || !rc.paramSet[id.Name] || rc.flagInputs[id.Name] || e.Kind != facts.ExprAttr || e.X == nil {
		return false
	}
	row := rc.eval(e.X, sc, out, false)
	ent := rc.b.entByName[row.ent]
	if row.kind != vNew || ent == nil {
		return false
	}
	f := ent.field(e.Name())
	return f != nil && f.typ != nil && f.typ.Name != "Boolean"
}

// lowercasedInput reports a request input read in lower case or trimmed
// (email = form["email"].strip().lower()): it is there when the input is,
// so testing it is input validation as testing the input is.
func (rc *ruleCtx) lowercasedInput(v *value) bool {
	if v.kind != vExpr {
		return false
	}
	if _, isCall := v.expr.(*allium.Call); !isCall {
		return false
	}
	id, isIdent := rc.b.withoutNormalisers(v.expr).(*allium.Ident)
	return isIdent && rc.paramSet[id.Name]
}

// staticTruth decides a condition whose value is known while walking: a
// test of a name bound to None or a boolean literal (a helper's parameter
// left at its default), and not of one; a helper that only reads settings.
func (rc *ruleCtx) staticTruth(e *facts.Expr, sc *scope) (truth, ok bool) {
	if e == nil {
		return false, false
	}
	literal := func(x *facts.Expr) (allium.Expr, bool) {
		switch x.Kind {
		case facts.ExprNone:
			return &allium.Lit{Kind: allium.LitNull, Text: "null"}, true
		case facts.ExprName:
			if v := sc.vars[x.Name()]; v != nil && v.kind == vExpr {
				if l, isLit := v.expr.(*allium.Lit); isLit && (l.Kind == allium.LitNull || l.Kind == allium.LitBool) {
					return l, true
				}
			}
		case facts.ExprAttr:
			// self.is_signup of an object of the service whose
			// constructor kept the flag its caller passed
			// (EmailProvider(..., is_signup=False)): the flag as kept.
			if x.X == nil || x.X.Kind != facts.ExprName {
				break
			}
			if obj := sc.vars[x.X.Name()]; obj != nil && obj.kind == vObject && obj.repo != nil {
				if v := obj.attrs[x.Name()]; v != nil && v.kind == vExpr {
					if l, isLit := v.expr.(*allium.Lit); isLit && (l.Kind == allium.LitNull || l.Kind == allium.LitBool) {
						return l, true
					}
				}
			}
		}
		return nil, false
	}
	if t, ok := rc.settingsHelperTruth(sc.file, e); ok {
		// if using_refresh_tokens(): a helper that reads only settings.
		return t, true
	}
	if t, ok := rc.storedTruth(e, sc); ok {
		return t, true // if self._state.adding: (new_row_tests.go)
	}
	if classNotContainer(e, sc) {
		return false, true // isinstance(input_class, dict) of a class (class_models.go)
	}
	switch e.Kind {
	case facts.ExprUnary:
		if e.Op() == "not" {
			if t, ok := rc.staticTruth(e.X, sc); ok {
				return !t, true
			}
		}
	case facts.ExprAttr:
		if l, ok := literal(e); ok {
			return l.(*allium.Lit).Text == "true", true
		}
	case facts.ExprName:
		if l, ok := literal(e); ok {
			return l.(*allium.Lit).Text == "true", true
		}
		if v := sc.vars[e.Name()]; v != nil && v.kind == vExpr && v.param == "nonempty" {
			// A parameter given a list written with elements
			// (process_mail_accounts.apply_async(kwargs={"account_ids":
			// [account.pk]}), paperless_mail/views.py:160-163): never
			// empty, so `X if account_ids else Y` takes X (tasks.py:16-20).
			return true, true
		}
		if v := sc.vars[e.Name()]; v != nil && v.kind == vExpr && v.enum != nil {
			// A parameter given an enum member (AuthProvider.EMAIL):
			// a constant, and a member is never empty.
			return true, true
		}
		if v := sc.vars[e.Name()]; v != nil && v.kind == vNew && v.ent != "" && len(v.failWhen) == 0 {
			// A row the rule made, tested for truth: an instance is
			// never empty (mealie's `if new_token_in_db: return
			// new_token_in_db` after creating it, routes/users/
			// api_tokens.py:38-41, read as requires: not new_document).
			// A helper's result that is None when its checks fail
			// (failWhen) is read by absentResultGuards instead.
			return true, true
		}
		if v := sc.vars[e.Name()]; v != nil && v.kind == vExpr && v.claimsOf != nil && helperParam(sc, e.Name()) {
			if m, isMember := v.expr.(*allium.Member); isMember && m.Name == "user" {
				// An inlined helper's optional parameter, given a signed
				// token's subject read back (user_id = signer.loads(token),
				// verifyTokenCall): the test says which way the helper
				// was called, and the read raises on a bad token, so the
				// id it gives is never empty (baserow's
				// get_active_user(user_id=...) tests `if user_id:` before
				// filtering by it, core/user/handler.py:110-111). A test of
				// the payload where it was read back is left to the
				// claim-presence reading (requires: exists token.user).
				return true, true
			}
		}
		if v := sc.vars[e.Name()]; v != nil && v.kind == vEntity && v.signedSubject && helperParam(sc, e.Name()) {
			// The same, given the subject claim of a signed payload read
			// back whole (token_data = signer.loads(token);
			// get_active_user(user_id=token_data["user_id"]), baserow's
			// verify_email_address, core/user/handler.py:765-773): the
			// signature covers the payload, so the claim is there.
			return true, true
		}
		if v := sc.vars[e.Name()]; v != nil && v.kind == vNodeType && v.ent != "" {
			// A node type, its name or its lookup method: never empty.
			return true, true
		}
	case facts.ExprCall:
		if t, ok := rc.nodeTypeIsName(e, sc); ok {
			return t, true // isinstance(object_type, str) (graphql_nodes.go)
		}
		return rc.shapeHasAttr(e, sc)
	case facts.ExprCompare:
		if e.X == nil || e.Y == nil {
			return false, false
		}
		if t, ok := rc.literalKeyIn(e, sc); ok {
			return t, true
		}
		if t, ok := neverNoneTest(e, sc); ok {
			return t, true // if qs is None: qs = Model.objects.all() (built_queries.go)
		}
		x, okx := literal(e.X)
		y, oky := literal(e.Y)
		if !okx || !oky {
			return false, false
		}
		same := x.(*allium.Lit).Text == y.(*allium.Lit).Text
		switch e.Op() {
		case "is", "==":
			return same, true
		case "is not", "!=":
			return !same, true
		}
	}
	return false, false
}

// requestMethod says whether x is the request's method: request.method,
// or the method of a handler's request parameter (req.method).
func (rc *ruleCtx) requestMethod(x *facts.Expr, sc *scope) bool {
	if strings.HasSuffix(x.Raw(), "request.method") {
		return true
	}
	if x.Kind != facts.ExprAttr || x.Name() != "method" || x.X == nil || x.X.Kind != facts.ExprName {
		return false
	}
	v := sc.vars[x.X.Name()]
	return v != nil && v.kind == vPlumbing && v.param == "request"
}

// reduceCond reduces the parts of a condition whose truth a rule fixes. A
// rule stands for the state-changing request with valid input, so in it
// `request.method == "POST"` and `form.is_valid()` hold and
// `request.method == "GET"` does not. It returns the condition without
// those parts and, when they decide the whole condition, its truth.
func (rc *ruleCtx) reduceCond(e *facts.Expr, sc *scope) (rest *facts.Expr, decided, truth bool) {
	if e == nil {
		return nil, false, false
	}
	switch e.Kind {
	case facts.ExprName:
		if v := sc.vars[e.Name()]; v != nil && v.perms != nil && v.perms.unread == "" {
			// the permissions a mutation's Meta lists: some, or none
			// (meta_permissions.go).
			return nil, true, len(v.perms.lits)+len(v.perms.filters) > 0
		}
		// A local bound to a literal: a signal's created, a flag the
		// caller passed as invite=True (`if invite or user.pending:`).
		if t, ok := rc.staticTruth(e, sc); ok {
			return nil, true, t
		}
		if rc.givenDict(e, sc) {
			return nil, true, true // the input holding a given key (key_splits.go)
		}
	case facts.ExprCall:
		if m := e.Method(); m != "" && len(e.Args()) == 0 && catalog.Match(rc.b.lang.ValidationCalls, m) && rc.validatable(e.X.X, sc) {
			return nil, true, true
		}
		if t, ok := rc.sessionCheck(e.X, e.Method()); ok && len(e.Args()) == 0 {
			return nil, true, t
		}
	case facts.ExprAttr:
		if t, ok := rc.sessionCheck(e, e.Name()); ok {
			return nil, true, t
		}
		if t, ok := rc.classFlag(e, sc); ok {
			return nil, true, t
		}
	case facts.ExprCompare:
		if t, ok := rc.givenKey(e, sc); ok {
			return nil, true, t // key_splits.go
		}
		if t, ok := rc.staticCompare(e, sc); ok {
			return nil, true, t
		}
		if e.X == nil || e.Y == nil || !rc.requestMethod(e.X, sc) {
			return e, false, false
		}
		var methods []string
		switch e.Y.Kind {
		case facts.ExprString:
			methods = []string{e.Y.Value()}
		case facts.ExprTuple, facts.ExprList, facts.ExprSet:
			for _, a := range e.Y.Args() {
				if a.Kind != facts.ExprString {
					return e, false, false
				}
				methods = append(methods, a.Value())
			}
		default:
			return e, false, false
		}
		writes := slices.ContainsFunc(methods, func(m string) bool { return stateChanging[strings.ToUpper(m)] })
		if rc.h != nil && rc.h.method != "" {
			writes = slices.ContainsFunc(methods, func(m string) bool { return strings.EqualFold(m, rc.h.method) })
		}
		if rc.asRead {
			writes = slices.ContainsFunc(methods, func(m string) bool { return strings.EqualFold(m, "GET") })
		}
		switch e.Op() {
		case "==", "in":
			return nil, true, writes
		case "!=", "not in":
			return nil, true, !writes
		}
	case facts.ExprUnary:
		if e.Op() == "not" {
			if r, d, t := rc.reduceCond(e.X, sc); d {
				return nil, true, !t
			} else if r != e.X {
				n := *e
				n.X = r
				return &n, false, false
			}
		}
	case facts.ExprBoolOp:
		x, dx, tx := rc.reduceCond(e.X, sc)
		y, dy, ty := rc.reduceCond(e.Y, sc)
		// and: a false part decides it false; a true part drops out.
		// or: the other way round.
		and := e.Op() == "and"
		switch {
		case (dx && tx != and) || (dy && ty != and):
			return nil, true, !and
		case dx && dy:
			return nil, true, and
		case dx:
			return y, false, false
		case dy:
			return x, false, false
		case x != e.X || y != e.Y:
			n := *e
			n.X, n.Y = x, y
			return &n, false, false
		}
	}
	return e, false, false
}

// classFlag reads self.<name> in a method of the handler's class or of a
// class of its lineage, where the nearest class declaring name sets it to
// True or False and no method of the lineage (nor the walk so far) sets
// self.<name>: a flag the view's class fixes. django-allauth's RESTView
// validates its input only `if self.handle_json_input and request.method
// != "GET"` (headless/internal/restkit/views.py:27), handle_json_input =
// True on the class (:16) and set nowhere else: for a POST handler the
// test holds, so the input's validators are the handler's preconditions
// (ChangePasswordInput.clean_current_password, headless/account/
// inputs.py:180-185), not a branch the spec cannot state.
func (rc *ruleCtx) classFlag(e *facts.Expr, sc *scope) (truth, ok bool) {
	b := rc.b
	if e.X == nil || !b.isSelf(e.X) || rc.h == nil || rc.h.class == nil || sc.cls == nil {
		return false, false
	}
	if self := sc.vars[e.X.Name()]; self != nil && self.attrs[e.Name()] != nil {
		return false, false // set on self by the walk
	}
	view := b.ix.classes[rc.h.class.QualName]
	if view == nil {
		return false, false
	}
	lineage := b.ix.lineage(view)
	if !slices.ContainsFunc(lineage, func(c *classRef) bool { return c.class == sc.cls }) {
		return false, false
	}
	f, _ := b.classAssignment(view, e.Name(), func(f *facts.Assignment) bool { return f.Value != nil })
	if f == nil || f.Value.Kind != facts.ExprBool {
		return false, false
	}
	for _, c := range lineage {
		for i := range c.class.Methods {
			if setsSelfAttr(c.class.Methods[i].Body(), b.selfName(), e.Name()) {
				return false, false
			}
		}
	}
	return f.Value.Value() == "true", true
}

// setsSelfAttr reports a statement of body (nested ones included) that
// assigns <self>.<name>.
func setsSelfAttr(body []facts.Stmt, self, name string) bool {
	found := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign || s.Kind == facts.StmtAugAssign {
			for i := range s.Targets {
				t := &s.Targets[i]
				if t.Kind == facts.ExprAttr && t.Name() == name && t.X != nil && t.X.Raw() == self {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// errorCollection handles the validation idiom that collects failures in
// a list: `if cond: errors.append(msg)` is a precondition not cond, and
// `if errors: return failure` (or len(errors) > 0) is the failure path,
// already stated by those preconditions. done reports that s was one of
// them; ends whether the request ends there.
func (rc *ruleCtx) errorCollection(s *facts.Stmt, sc *scope, out *[]allium.Stmt) (done, ends bool) {
	isErrors := func(e *facts.Expr) bool {
		if e == nil {
			return false
		}
		if e.Kind == facts.ExprCall && slices.Contains(rc.b.lang.LengthCalls, e.Raw()) && len(e.Args()) == 1 {
			e = &e.Args()[0]
		}
		v, ok := sc.vars[e.Name()]
		return e.Kind == facts.ExprName && ok && v.kind == vErrors
	}
	// if errors: / if len(errors) > 0: / if len(errors) == 0:
	c := s.Cond
	negated := false
	if c != nil && c.Kind == facts.ExprUnary && c.Op() == "not" {
		c, negated = c.X, true
	}
	failing := false
	switch {
	case isErrors(c):
		failing = !negated
	case c != nil && c.Kind == facts.ExprCompare && isErrors(c.X) && c.Y != nil && c.Y.Kind == facts.ExprInt && c.Y.Value() == "0":
		switch c.Op() {
		case ">", "!=":
			failing = !negated
		case "==", "<=":
			failing = negated
		default:
			return false, false
		}
	default:
		// if cond: errors.append(...), or nested ifs that end in one
		// (if code_required: if code != expected: errors.append(...)).
		conds := errorsOnlyIf(s, isErrors)
		if conds == nil {
			return false, false
		}
		rc.b.stats.GuardsSeen++
		var req allium.Expr
		for _, c := range conds {
			cond := rc.cond(c, sc, out)
			if cond == nil {
				req = nil
				break
			}
			if req == nil {
				req = negate(cond)
			} else {
				req = &allium.Binary{Op: allium.OpOr, X: req, Y: negate(cond)}
			}
		}
		if req != nil {
			rc.requires(req, sc, s.Line())
		} else {
			rc.untranslated(sc, s.Line(), LeftOutGuard, "a guard")
		}
		return true, false
	}
	// The failure path is stated by the collected preconditions; the walk
	// goes on with the other way.
	if failing {
		return true, rc.stmts(s.Else(), sc, out)
	}
	return true, rc.stmts(s.Body, sc, out)
}

// actionKey recognises a test for a submitted form key ("create_key" in
// request.POST), alone or joined by and with other conditions, which it
// returns as rest.
func (rc *ruleCtx) actionKey(e *facts.Expr, sc *scope, out *[]allium.Stmt) (key string, rest *facts.Expr) {
	if e == nil {
		return "", nil
	}
	switch e.Kind {
	case facts.ExprCompare:
		if e.Op() == "in" && e.X != nil && e.X.Kind == facts.ExprString && e.Y != nil && isSnake(e.X.Value()) {
			if v := rc.eval(e.Y, sc, out, false); v.kind == vReqDict {
				return e.X.Value(), nil
			}
		}
		if e.Op() == "==" && e.X != nil && e.Y != nil {
			// request.POST.get("action") == "login": the value of the
			// field that names the pressed button is the action.
			field, lit := e.X, e.Y
			if field.Kind == facts.ExprString {
				field, lit = lit, field
			}
			if lit.Kind == facts.ExprString && isSnake(lit.Value()) && rc.actionField(field, sc, out) {
				return lit.Value(), nil
			}
		}
	case facts.ExprBoolOp:
		if e.Op() != "and" {
			return "", nil
		}
		if k, r := rc.actionKey(e.X, sc, out); k != "" && r == nil {
			return k, e.Y
		}
		if k, r := rc.actionKey(e.Y, sc, out); k != "" && r == nil {
			return k, e.X
		}
	}
	return "", nil
}

// actionField reports a read of a submitted field the catalog names as
// the one that says which button was pressed (action_fields):
// request.POST["action"] or request.POST.get("action").
func (rc *ruleCtx) actionField(e *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	var dict, key *facts.Expr
	switch {
	case e.Kind == facts.ExprSubscript:
		dict, key = e.X, e.Y
	case e.Kind == facts.ExprCall && e.Method() == "get" && len(e.Args()) > 0:
		dict, key = e.X.X, &e.Args()[0]
	}
	if dict == nil || key == nil || key.Kind != facts.ExprString || !slices.Contains(rc.b.lang.ActionFields, key.Value()) {
		return false
	}
	return rc.eval(dict, sc, out, false).kind == vReqDict
}

// action walks the branch of one submitted action as a rule of its own,
// named after the handler and the action (ProjectCreateKey; the handler
// alone when its name ends with the action's), with the
// preconditions the handler established before it.
func (rc *ruleCtx) action(line int, key string, cond allium.Expr, body []facts.Stmt, sc *scope, prefix []allium.Stmt) {
	before := len(rc.paths)
	rc.path(line, cond, body, sc, prefix, true, false)
	name := rc.name + pascal(key)
	switch {
	case strings.HasSuffix(rc.name, pascal(key)):
		// remove_credential's "remove_credential" button: the handler's
		// name says it already (RemoveCredential, not twice).
		name = rc.name
	case sameObject(rc.name, pascal(key)):
		// remove_totp's "disable_totp" button: both name one object, and
		// the button says what is done to it (DisableTotp, not
		// RemoveTotpDisableTotp).
		name = pascal(key)
	}
	for _, p := range rc.paths[before:] {
		// What the button's branch left out was left out of its rule,
		// not of the handler's (healthchecks' project view: the guard
		// under invite_team_member, hc/accounts/views.py:424, is
		// ProjectInviteTeamMember's).
		p.moveNotes(name)
		p.name = name
		p.ownTrigger = true
	}
}

// sameObject reports two names of more than one word that end in the same
// word (RemoveTotp, DisableTotp): two verbs of one object.
func sameObject(a, b string) bool {
	wa, wb := strings.Split(snake(a), "_"), strings.Split(snake(b), "_")
	return len(wa) > 1 && len(wb) > 1 && wa[len(wa)-1] == wb[len(wb)-1]
}

// constantExpr reports an expression that names nothing: only literals.
func constantExpr(x allium.Expr) bool {
	constant := true
	allium.Inspect(x, func(e allium.Expr) bool {
		switch e := e.(type) {
		case *allium.Ident:
			if e.Name != "true" && e.Name != "false" && e.Name != "null" {
				constant = false
			}
		case *allium.Member, *allium.Join:
			constant = false
		case *allium.Call:
			// now-free black-box calls still name their arguments.
			if len(e.Args) > 0 {
				constant = false
			}
		}
		return constant
	})
	return constant
}

// onlyLets reports whether a list of outcomes holds nothing but bindings.
func onlyLets(list []allium.Stmt) bool {
	for _, s := range list {
		if _, ok := s.(*allium.Let); !ok {
			return false
		}
	}
	return true
}

// endsRequest reports whether a statement list always ends the request:
// its last statement returns or raises, or is an if all of whose ways end
// (a way the rule's reading of the condition rules out does not count:
// `if request.method == "POST": ... return` ends a POST). It is read from
// the syntax, before the walk, to decide whether a branch is a path of
// its own.
func (rc *ruleCtx) endsRequest(list []facts.Stmt, sc *scope) bool {
	if len(list) == 0 {
		return false
	}
	last := &list[len(list)-1]
	switch last.Kind {
	case facts.StmtReturn, facts.StmtRaise:
		return true
	case facts.StmtIf:
		if _, decided, truth := rc.reduceCond(last.Cond, sc); decided {
			if truth {
				return rc.endsRequest(last.Body, sc)
			}
			return rc.endsRequest(last.Else(), sc)
		}
		return len(last.Else()) > 0 && rc.endsRequest(last.Body, sc) && rc.endsRequest(last.Else(), sc)
	case facts.StmtWith, facts.StmtTry:
		return rc.endsRequest(last.Body, sc)
	}
	return false
}

// failureEnd reports whether a statement ends the request with a failure:
// it raises or aborts, or returns a response that carries an error status
// (a 4xx/5xx number, an HTTP_4xx constant) or an errors payload.
func (rc *ruleCtx) failureEnd(last *facts.Stmt, sc *scope) bool {
	switch last.Kind {
	case facts.StmtRaise:
		return true
	case facts.StmtExpr:
		return last.Value != nil && rc.isAbort(last.Value, sc)
	case facts.StmtReturn:
		return last.Value.Any(func(e *facts.Expr) bool {
			switch e.Kind {
			case facts.ExprInt:
				n, err := strconv.Atoi(e.Value())
				return err == nil && n >= 400 && n < 600
			case facts.ExprCall:
				return rc.isAbort(e, sc) || e.Keyword("errors") != nil || e.Keyword("error") != nil
			}
			return strings.Contains(e.Raw(), "HTTP_4") || strings.Contains(e.Raw(), "HTTP_5")
		})
	}
	return false
}

// readPath walks the body of an if that ends the request only for a GET
// (`if data and request.method == "GET": <confirm> return ...`) as a
// path of its own: a link opened from an email changes state on a GET
// (CTFd confirms an address so). A body that changes nothing is no path.
func (rc *ruleCtx) readPath(s *facts.Stmt, sc *scope, out *[]allium.Stmt) {
	if !sc.top || sc.inlined || rc.asRead || !s.Cond.Any(isMethodTest) || !rc.endsRequest(s.Body, sc) {
		return
	}
	rc.asRead = true
	rest, decided, truth := rc.reduceCond(s.Cond, sc)
	rc.asRead = false
	if decided && !truth {
		return
	}
	var cond allium.Expr
	if !decided && rest != nil {
		if cond = rc.cond(rest, sc, out); cond != nil && constantExpr(cond) {
			cond = nil
		}
	}
	rc.path(s.Line(), cond, s.Body, sc, *out, false, false)
}

// isMethodTest reports a comparison of the request's method.
func isMethodTest(e *facts.Expr) bool {
	return e.Kind == facts.ExprCompare && e.X != nil && strings.HasSuffix(e.X.Raw(), "request.method")
}

// failureBranch reports a branch that ends the request with a refusal:
// its last statement fails (failureEnd), or it answers with an error it
// built without raising (reportsError).
func (rc *ruleCtx) failureBranch(body []facts.Stmt, sc *scope) bool {
	if len(body) == 0 {
		return false
	}
	return rc.failureEnd(&body[len(body)-1], sc) || rc.reportsError(body, sc)
}

// reportsError reports a branch that builds an exception of the service,
// does not raise it, and ends with a return whose answer is made from it:
// `exc = AuthenticationException(error_code=..., error_message=...);
// params = exc.get_error_dict(); url = ...(params=params); return
// HttpResponseRedirect(url)` refuses the request as a raise would, the
// error travelling in the redirect's query rather than in a 4xx status.
// The exception must be used after it is built, so that a branch that
// merely logs one is not taken for a refusal.
func (rc *ruleCtx) reportsError(body []facts.Stmt, sc *scope) bool {
	n := len(body)
	if n < 2 || body[n-1].Kind != facts.StmtReturn || len(rc.b.lang.ExceptionBases) == 0 {
		return false
	}
	for i := 0; i < n-1; i++ {
		s := &body[i]
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Value == nil || s.Value.Kind != facts.ExprCall || s.Value.X == nil {
			continue
		}
		if !rc.isExceptionClass(s.Value.X, sc) {
			continue
		}
		name := s.Targets[0].Name()
		for j := i + 1; j < n; j++ {
			if stmtUsesName(&body[j], name) {
				return true
			}
		}
	}
	return false
}

// isExceptionClass reports a callee that is a class of the service
// deriving from one of the language's root exception classes.
func (rc *ruleCtx) isExceptionClass(callee *facts.Expr, sc *scope) bool {
	cr := rc.b.ix.class(sc.file, callee)
	if cr == nil {
		return false
	}
	for _, c := range rc.b.ix.lineage(cr) {
		for i := range c.class.Bases {
			base := &c.class.Bases[i]
			if catalog.MatchAny(rc.b.lang.ExceptionBases, base.Resolved(), base.Raw()) {
				return true
			}
		}
	}
	return false
}

// stmtUsesName reports a statement whose value (or target expression)
// reads the local name.
func stmtUsesName(s *facts.Stmt, name string) bool {
	uses := func(e *facts.Expr) bool {
		return e != nil && e.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == name })
	}
	return uses(s.Value)
}

// testedLeaves calls fn on each operand a truth test reads, under not
// and and: `email`, `data.get("email")` of `not email and data.get(...)`.
func testedLeaves(e *facts.Expr, fn func(*facts.Expr)) {
	switch {
	case e == nil:
	case e.Kind == facts.ExprUnary && e.Op() == "not":
		testedLeaves(e.X, fn)
	case e.Kind == facts.ExprBoolOp && e.Op() == "and":
		testedLeaves(e.X, fn)
		testedLeaves(e.Y, fn)
	default:
		fn(e)
	}
}

// testedInputKeys are the names of the inputs a truth test reads: `email`,
// `data.email`, `data["email"]`, `data.get("email")`.
func testedInputKeys(cond *facts.Expr) []string {
	var keys []string
	testedLeaves(cond, func(e *facts.Expr) {
		switch {
		case e.Kind == facts.ExprName, e.Kind == facts.ExprAttr:
			keys = append(keys, e.Name())
		case e.Kind == facts.ExprSubscript && e.Y != nil && e.Y.Kind == facts.ExprString:
			keys = append(keys, e.Y.Value())
		case e.Kind == facts.ExprCall && e.Method() == "get" && len(e.Args()) > 0 && e.Args()[0].Kind == facts.ExprString:
			keys = append(keys, e.Args()[0].Value())
		}
	})
	return keys
}

// readsTestedInput reports a body that reads an input its if tests for
// truth (`if email: user.email = email`, `if data.get("name"):
// row.name = data["name"]`): the test guards the use of the value, input
// validation. A body that reads none of them (`if send_welcome:
// send_welcome_email(user)`) tests a flag's value: a condition of the
// rule, not the request's shape.
func readsTestedInput(cond *facts.Expr, body []facts.Stmt) bool {
	keys := testedInputKeys(cond)
	if len(keys) == 0 {
		return true // nothing to tell by: as before, input validation
	}
	return stmtsAny(body, func(x *facts.Expr) bool {
		switch x.Kind {
		case facts.ExprName, facts.ExprAttr:
			return slices.Contains(keys, x.Name())
		case facts.ExprString:
			return slices.Contains(keys, x.Value())
		}
		return false
	})
}

// markFlagInputs records the request inputs a truth test reads as flags:
// their value, not their presence, is what the test decides.
func (rc *ruleCtx) markFlagInputs(e *facts.Expr, sc *scope, out *[]allium.Stmt) {
	testedLeaves(e, func(leaf *facts.Expr) {
		if v := rc.eval(leaf, sc, out, false); v.kind == vParam {
			if rc.flagInputs == nil {
				rc.flagInputs = map[string]bool{}
			}
			rc.flagInputs[v.param] = true
		}
	})
}

// helperParam reports whether name is a parameter of the helper inlined
// in sc.
func helperParam(sc *scope, name string) bool {
	if sc.helper == nil {
		return false
	}
	for _, p := range sc.helper.Params {
		if p.Name == name {
			return true
		}
	}
	return false
}
