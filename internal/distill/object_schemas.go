package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// objectSchemaParse reads the request's input validated by an object
// schema (catalog object_schemas):
//
//	const signupSchema = z.object({ email: z.string().email(), password: z.string().min(12) });
//	const { email, password } = signupSchema.parse(req.body);
//
// The call gives the input back or throws, so its value is the input and
// each field's checks are preconditions on the input's field (requires:
// is_valid_email(email); requires: length(password) >=
// config.min_password_length). Nil when e is no such call.
func (rc *ruleCtx) objectSchemaParse(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	schemas := rc.b.lang.ObjectSchemas
	if schemas == nil || len(schemas.Builders) == 0 || len(e.Args()) != 1 || method == "" {
		return nil
	}
	built, builtIn := rc.schemaBuilt(e.X.X, sc)
	fields, builder, file, ok := rc.b.objectSchema(builtIn, built)
	safe := ok && slices.Contains(builder.SafeParses, method) && builder.ResultData != ""
	if !ok || !slices.Contains(builder.Parses, method) && !safe {
		return nil
	}
	input := rc.parseBySchema(fields, builder, file, &e.Args()[0], sc, out)
	if input == nil {
		return nil
	}
	if safe {
		// const result = schema.safeParse(body): result.data is the
		// input, valid; the request is refused on the result's failure,
		// so the checks hold as well.
		return &value{kind: vObject, attrs: map[string]*value{builder.ResultData: input}}
	}
	return input
}

// parseBySchema reads arg, the request's input, parsed by an object
// schema of these fields: each field's checks are preconditions, stated
// at the schema's lines in file, and the value is the input. nil when arg
// is no request input.
func (rc *ruleCtx) parseBySchema(fields []facts.Keyword, builder catalog.SchemaBuilder, file *facts.File, arg *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	input := rc.eval(arg, sc, out, false)
	if input.kind != vReqDict && !rc.spreadsInput(input) {
		return nil
	}
	at := *sc
	at.file = file
	for _, f := range fields {
		rc.schemaFieldChecks(f, arg, builder.Required, sc, &at, out)
	}
	return input
}

// spreadsInput reports a dict value built in code that spreads the
// request's input among its entries (Strapi's register: params =
// {..._.pick(ctx.request.body, allowedKeys), provider: 'local'}, then
// validateRegisterBody(params)): its keys not written out are inputs.
func (rc *ruleCtx) spreadsInput(v *value) bool {
	for _, part := range v.parts {
		for i := range part.e.Entries() {
			en := &part.e.Entries()[i]
			if en.Key != nil || en.Value.Kind == facts.ExprDict {
				continue
			}
			var scratch []allium.Stmt
			if rc.eval(&en.Value, part.sc, &scratch, false).kind == vReqDict {
				return true
			}
		}
	}
	return false
}

// schemaValidatorCall reads a call of a validator an object schema was
// made into (catalog object_schemas.validator_factories; Strapi's
// validateRegisterBody = validateYupSchema(registerSchema), then
// await validateRegisterBody(ctx.request.body)) as the schema's parse of
// its argument. nil for any other call.
func (rc *ruleCtx) schemaValidatorCall(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	schemas := rc.b.lang.ObjectSchemas
	if schemas == nil || len(schemas.ValidatorFactories) == 0 || len(e.Args()) != 1 || e.X == nil || e.X.Kind != facts.ExprName {
		return nil
	}
	made, madeIn := rc.b.exportedValue(sc.file, e.X)
	if made == nil || made.Kind != facts.ExprCall || len(made.Args()) != 1 ||
		!catalog.MatchAny(schemas.ValidatorFactories, made.Resolved(), made.Raw()) {
		return nil
	}
	fields, builder, file, ok := rc.b.objectSchema(madeIn, &made.Args()[0])
	if !ok {
		return nil
	}
	return rc.parseBySchema(fields, builder, file, &e.Args()[0], sc, out)
}

// exportedValue is the value a name of f stands for when it is a module
// constant or an entry another module exports as a value
// (module.exports = { validateRegisterBody: validateYupSchema(schema) }),
// with the file it is written in; nil when it is neither.
func (b *builder) exportedValue(f *facts.File, x *facts.Expr) (*facts.Expr, *facts.File) {
	return exportedValueIn(b.ix, f, x)
}

// exportedValueIn is exportedValue with names resolved by ix (a view of
// the index, on a worker).
func exportedValueIn(ix *index, f *facts.File, x *facts.Expr) (*facts.Expr, *facts.File) {
	if c := ix.constant(f, x); c != nil && c.as.Value != nil {
		return c.as.Value, c.file
	}
	for _, n := range ix.names(f, x) {
		i := strings.LastIndexByte(n, '.')
		if i < 0 {
			continue
		}
		module, name := n[:i], n[i+1:]
		mf := ix.modules[module]
		if mf == nil {
			continue
		}
		for i := range mf.Exports {
			if ex := &mf.Exports[i]; ex.Name == name && ex.Value != nil {
				return ex.Value, mf
			}
		}
	}
	return nil, nil
}

// schemaBuilt is the object schema call a local name holds (const schema
// = z.object({...}) in the handler, maybe handed to a helper as its
// schema parameter: parseRequest(request, schema)) and the file it was
// built in, else x itself in the scope's file: the checks are stated at
// the schema's lines, which are the handler's, not the helper's.
func (rc *ruleCtx) schemaBuilt(x *facts.Expr, sc *scope) (*facts.Expr, *facts.File) {
	if x != nil && x.Kind == facts.ExprName {
		if v := sc.vars[x.Name()]; v != nil && v.schema != nil {
			return v.schema, v.schemaFile
		}
	}
	return x, sc.file
}

// schemaValue is the value of an object schema built in place (z.object
// ({...})): it keeps the call, so that a parse of it through a local
// name or a helper's parameter finds the schema's fields. Nil when e
// builds no object schema.
func (rc *ruleCtx) schemaValue(e *facts.Expr, sc *scope) *value {
	schemas := rc.b.lang.ObjectSchemas
	if schemas == nil || len(schemas.Builders) == 0 {
		return nil
	}
	if _, _, _, ok := rc.b.objectSchema(sc.file, e); !ok {
		return nil
	}
	return &value{kind: vPlumbing, schema: e, schemaFile: sc.file}
}

// objectSchema finds the fields, the builder and the file of the object
// schema x is, written in place or held by a module constant.
func (b *builder) objectSchema(f *facts.File, x *facts.Expr) (fields []facts.Keyword, builder catalog.SchemaBuilder, file *facts.File, ok bool) {
	file = f
	if x != nil && (x.Kind == facts.ExprName || x.Kind == facts.ExprAttr) {
		if c := b.ix.constant(f, x); c != nil && c.as.Value != nil {
			x, file = c.as.Value, c.file
		}
	}
	if x == nil || x.Kind != facts.ExprCall {
		return nil, builder, nil, false
	}
	for i := 0; i < 3 && x.Method() != "keys" && b.schemaBuilderName(x) == "" && x.X != nil && x.X.X != nil && x.X.X.Kind == facts.ExprCall; i++ {
		// yup.object({...}).noUnknown(): a modifier chained on the schema
		// keeps its fields.
		x = x.X.X
	}
	made, fieldsOf := x, x
	if x.Method() == "keys" && x.X != nil && x.X.X != nil && x.X.X.Kind == facts.ExprCall {
		made = x.X.X // Joi.object().keys({...})
	}
	if name := b.schemaBuilderName(made); name != "" {
		return objectKeywordsOf(fieldsOf), b.lang.ObjectSchemas.Builders[name], file, true
	}
	return nil, builder, nil, false
}

// schemaBuilderName is the catalog's object schema builder call x is
// (z.object, yup.object), or "".
func (b *builder) schemaBuilderName(x *facts.Expr) string {
	for _, name := range slices.Sorted(maps.Keys(b.lang.ObjectSchemas.Builders)) {
		if catalog.MatchAny([]string{name}, x.Resolved(), x.Raw()) {
			return name
		}
	}
	return ""
}

// schemaMiddleware states the checks of an object-schema middleware m
// (celebrate({[Segments.BODY]: schema}), or one a function of the service
// makes of such an object: schemaCompilingFactory) on the body of the
// request req. The object may be a module's constant or export
// (validate(userValidation.createUser)); a part given as a plain object of
// field schemas ({body: {email: Joi.string().email()}}) is an object of
// the catalog's plain builder.
func (rc *ruleCtx) schemaMiddleware(m, req *facts.Expr, sc *scope) {
	schemas := rc.b.lang.ObjectSchemas
	if schemas == nil || m.Kind != facts.ExprCall ||
		!catalog.MatchAny(schemas.Middlewares, m.Resolved(), m.Raw()) && !rc.b.schemaCompilingFactory(sc.file, m) {
		return
	}
	var parts []facts.DictEntry
	file := sc.file
	if len(m.Args()) == 1 {
		if d, at := rc.b.heldValue(sc.file, &m.Args()[0]); d != nil && d.Kind == facts.ExprDict {
			parts, file = d.Entries(), at
		}
	}
	for _, kw := range m.Keywords() {
		parts = append(parts, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: kw.Name}), Value: kw.Value})
	}
	for _, part := range parts {
		if part.Key == nil {
			continue
		}
		key := part.Key.Value()
		if part.Key.Kind != facts.ExprString {
			key = facts.LastSegment(part.Key.Raw())
		}
		if !slices.Contains(schemas.BodyKeys, key) {
			continue
		}
		if fields, builder, file, ok := rc.b.objectSchema(file, &part.Value); ok {
			rc.schemaBodyChecks(fields, builder, file, req, m.Line(), sc)
			continue
		}
		plain, ok := schemas.Builders[schemas.PlainBuilder]
		if ok && part.Value.Kind == facts.ExprDict {
			if fields, isObject := objectKeywords(&part.Value); isObject {
				rc.schemaBodyChecks(fields, plain, file, req, m.Line(), sc)
			}
		}
	}
}

// heldValue is x itself, or the value a module constant or export x names
// holds (validate(register), register destructured from another module's
// exports; userValidation.createUser), followed through a few such names,
// with the file it is written in.
func (b *builder) heldValue(f *facts.File, x *facts.Expr) (*facts.Expr, *facts.File) {
	for range 4 {
		if x == nil || x.Kind != facts.ExprName && x.Kind != facts.ExprAttr {
			break
		}
		v, at := b.exportedValue(f, x)
		if v == nil {
			return nil, nil
		}
		x, f = v, at
	}
	return x, f
}

// schemaCompilingFactory reports a call of a function of the service,
// given one argument, that compiles that argument (or a value made from it,
// pick(schema, ['params', 'query', 'body'])) with one of the catalog's
// schema compilers, in its body or in the middleware it returns:
// node-express-boilerplate's validate(schema), middlewares/validate.js:
// 6-19, which refuses the request when Joi.compile(...).validate(...)
// gives an error. Its argument maps the request's parts to their schemas
// as a schema middleware's does.
func (b *builder) schemaCompilingFactory(f *facts.File, m *facts.Expr) bool {
	schemas := b.lang.ObjectSchemas
	if schemas == nil || len(schemas.Compilers) == 0 || len(m.Args()) != 1 || m.Method() != "" {
		return false
	}
	fr := b.ix.function(f, m)
	if fr == nil || len(fr.fn.Params) != 1 || fr.fn.Params[0].Name == "" {
		return false
	}
	// from: the names holding the parameter or a value made from it.
	from := map[string]bool{fr.fn.Params[0].Name: true}
	reads := func(e *facts.Expr) bool {
		return e.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && from[x.Name()] })
	}
	compiles := false
	var visit func(body []facts.Stmt, depth int)
	visit = func(body []facts.Stmt, depth int) {
		facts.Walk(body, func(s *facts.Stmt) bool {
			if s.Kind == facts.StmtAssign && s.Value != nil && reads(s.Value) {
				for _, t := range s.Targets {
					if t.Kind == facts.ExprName {
						from[t.Name()] = true
					}
				}
			}
			for _, e := range []*facts.Expr{s.Value, s.Cond} {
				e.Any(func(x *facts.Expr) bool {
					switch {
					case x.Kind == facts.ExprCall && catalog.MatchAny(schemas.Compilers, x.Resolved(), x.Raw()) && len(x.Args()) > 0 && reads(&x.Args()[0]):
						compiles = true
					case (x.Kind == facts.ExprLambda || x.Kind == facts.ExprFunction) && x.Func() != nil && depth < 2:
						visit(x.Func().Body(), depth+1)
					}
					return compiles // Any stops at a true answer
				})
			}
			return !compiles
		})
	}
	visit(fr.fn.Body(), 0)
	return compiles
}

// schemaBodyChecks states the checks of an object schema's fields, written
// in file, on the body of the request req, whose keys they are then
// (schemaKeys).
func (rc *ruleCtx) schemaBodyChecks(fields []facts.Keyword, builder catalog.SchemaBuilder, file *facts.File, req *facts.Expr, line int, sc *scope) {
	body := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: req, Name: "body", Raw: req.Raw() + ".body", Line: line})
	at := *sc
	at.file = file
	for _, f := range fields {
		rc.schemaFieldChecks(f, body, builder.Required, sc, &at, &rc.ensures)
		rc.h.schemaKeys = append(rc.h.schemaKeys, f.Name)
		if rc.b.schemaFieldRequired(&f.Value, builder.Required) {
			if rc.h.schemaRequired == nil {
				rc.h.schemaRequired = map[string]bool{}
			}
			rc.h.schemaRequired[f.Name] = true
		}
	}
}

// schemaMiddlewareFunction states the checks of a route middleware that is
// a function of the service building an object schema and handing it,
// with the request, to a validator that parses the request's body by it:
//
//	function registerSchema(req, res, next) {
//	    const schema = Joi.object({ email: Joi.string().email().required() });
//	    validateRequest(req, next, schema);
//	}
//	function validateRequest(req, next, schema) {
//	    const { error, value } = schema.validate(req.body, options);
//	    ...
//
// The checks hold on the body of the handler's request req; any other
// middleware is left alone.
func (rc *ruleCtx) schemaMiddlewareFunction(m *facts.Expr, file *facts.File, req *facts.Expr, sc *scope) {
	mw := rc.b.ix.function(file, m)
	if mw == nil || len(mw.fn.Params) == 0 || rc.b.lang.ObjectSchemas == nil {
		return
	}
	mwReq := mw.fn.Params[0].Name
	for i := range mw.fn.Body() {
		s := &mw.fn.Body()[i]
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Value == nil {
			continue
		}
		fields, builder, schemaFile, ok := rc.b.objectSchema(mw.file, s.Value)
		if !ok || !rc.handsSchemaToBodyParse(mw, mwReq, s.Targets[0].Name(), builder) {
			continue
		}
		if len(fields) == 0 {
			var added []string
			fields, added = rc.b.localSchemaFields(mw.fn.Body()[:i], s.Value)
			for _, k := range added {
				// schemaRules.role = ... for admins only: a key the
				// spec does not give the body, said so.
				rc.untranslated(sc, m.Line(), LeftOutCondition, "the key "+k+" added to the body's schema under a condition in "+mw.fn.Name)
			}
		}
		rc.schemaBodyChecks(fields, builder, schemaFile, req, m.Line(), sc)
		return
	}
}

// localSchemaFields are the fields of an object schema built from an
// object literal the middleware keeps in a local first:
//
//	const schemaRules = { title: Joi.string().empty(''), ... };
//	const schema = Joi.object(schemaRules).with('password', 'confirmPassword');
//
// (express-signup-verification's updateSchema, accounts.controller.js:
// 187-201): the literal's entries, bound in the statements before; nil
// when the builder is given no such local. A key added to the local
// (schemaRules.role = ... for admins only) is not among them but in
// added, so that the rule notes it: the spec says less rather than give
// every caller the key.
func (b *builder) localSchemaFields(before []facts.Stmt, schema *facts.Expr) (fields []facts.Keyword, added []string) {
	x := schema
	for i := 0; i < 3 && x != nil && b.schemaBuilderName(x) == "" && x.X != nil && x.X.X != nil && x.X.X.Kind == facts.ExprCall; i++ {
		x = x.X.X
	}
	if x == nil || b.schemaBuilderName(x) == "" || len(x.Args()) != 1 || x.Args()[0].Kind != facts.ExprName {
		return nil, nil
	}
	name := x.Args()[0].Name()
	for i := range before {
		s := &before[i]
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Targets[0].Name() != name || s.Value == nil {
			continue
		}
		fields = nil
		if kws, ok := objectKeywords(s.Value); ok {
			fields = kws
		}
	}
	if fields == nil {
		return nil, nil
	}
	facts.Walk(before, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprAttr && s.Targets[0].X != nil &&
			s.Targets[0].X.Kind == facts.ExprName && s.Targets[0].X.Name() == name && !slices.Contains(added, s.Targets[0].Name()) {
			added = append(added, s.Targets[0].Name())
		}
		return true
	})
	return fields, added
}

// handsSchemaToBodyParse reports whether mw passes its request reqName and
// the schema held by schemaName to a function of the service that parses
// that request's body by that schema (schema.validate(req.body), a parse
// of the builder's).
func (rc *ruleCtx) handsSchemaToBodyParse(mw *funcRef, reqName, schemaName string, builder catalog.SchemaBuilder) bool {
	for i := range mw.fn.Body() {
		call := mw.fn.Body()[i].Value
		if mw.fn.Body()[i].Kind != facts.StmtExpr || call == nil || call.Kind != facts.ExprCall || call.X == nil {
			continue
		}
		reqAt, schemaAt := -1, -1
		for j := range call.Args() {
			if a := &call.Args()[j]; a.Kind == facts.ExprName && a.Name() == reqName {
				reqAt = j
			} else if a.Kind == facts.ExprName && a.Name() == schemaName {
				schemaAt = j
			}
		}
		validator := rc.b.ix.function(mw.file, call.X)
		if reqAt < 0 || schemaAt < 0 || validator == nil || len(validator.fn.Params) <= max(reqAt, schemaAt) {
			continue
		}
		if validatorParsesBody(validator.fn, validator.fn.Params[reqAt].Name, validator.fn.Params[schemaAt].Name, builder) {
			return true
		}
	}
	return false
}

// validatorParsesBody reports whether fn parses reqName's body by the
// schema schemaName: a parse that throws, or one whose result's error
// (builder.ResultError, bound by `const { error } = ...`) fn tests.
func validatorParsesBody(fn *facts.Function, reqName, schemaName string, builder catalog.SchemaBuilder) bool {
	errorBound := false
	parses := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		v := s.Value
		if v == nil || v.Kind != facts.ExprCall || v.X == nil || v.X.Kind != facts.ExprAttr || v.X.X == nil || v.X.X.Kind != facts.ExprName || v.X.X.Name() != schemaName || len(v.Args()) == 0 {
			return true
		}
		if arg := &v.Args()[0]; arg.Kind != facts.ExprAttr || arg.Name() != "body" || arg.X == nil || arg.X.Kind != facts.ExprName || arg.X.Name() != reqName {
			return true
		}
		switch {
		case slices.Contains(builder.Parses, v.Method()):
			parses = true
		case slices.Contains(builder.ErrorParses, v.Method()) && builder.ResultError != "" && s.Kind == facts.StmtAssign && len(s.Targets) == 1:
			for _, en := range s.Targets[0].Entries() {
				if en.Value.Kind == facts.ExprName && en.Value.Name() == builder.ResultError {
					errorBound = true
				}
			}
		}
		return true
	})
	if parses || !errorBound {
		return parses
	}
	tested := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtIf && s.Cond != nil && s.Cond.Kind == facts.ExprName && s.Cond.Name() == builder.ResultError {
			tested = true
		}
		return true
	})
	return tested
}

// objectKeywordsOf is the object literal a call was given, as keywords:
// keyword_objects already read it so, or its one dict argument.
func objectKeywordsOf(call *facts.Expr) []facts.Keyword {
	if kws := call.Keywords(); len(kws) > 0 {
		return kws
	}
	if len(call.Args()) == 1 {
		if kws, ok := objectKeywords(&call.Args()[0]); ok {
			return kws
		}
	}
	return nil
}

// schemaFieldChecks states the checks of one field's chain
// (z.string().min(12).email()) as preconditions on the input's field of
// that name (read in sc, stated at the schema's lines in at). A field
// optional by the chain (.optional()) or by its builder's default (a Joi
// key marked neither way: Joi lets the request leave it out, and checks
// it when given) has them hold when it is given (not exists x or ...).
func (rc *ruleCtx) schemaFieldChecks(f facts.Keyword, input *facts.Expr, required bool, sc, at *scope, out *[]allium.Stmt) {
	schemas := rc.b.lang.ObjectSchemas
	var checks []*facts.Expr
	root := &f.Value
	optional := false
	if root.Kind == facts.ExprName {
		// email: Email, a module constant holding the field's chain
		// (const Email = z.string().email()): its checks, at its lines.
		if c := rc.b.ix.constant(at.file, root); c != nil && c.as.Value != nil && c.as.Value.Kind == facts.ExprCall {
			held := *at
			held.file = c.file
			root, at = c.as.Value, &held
		}
	}
	if root.Kind == facts.ExprCall && root.X != nil && root.X.Kind == facts.ExprAttr && root.X.X != nil && root.X.X.Kind != facts.ExprCall && slices.Contains(schemas.Optional, root.Method()) {
		// role: userRoleParam.optional(), a schema of another module
		// made optional: the field may be left out.
		if rc.schemaOptional == nil {
			rc.schemaOptional = map[string]bool{}
		}
		rc.schemaOptional[f.Name] = true
	}
	for root.Kind == facts.ExprCall && root.X != nil && root.X.Kind == facts.ExprAttr && root.X.X != nil && root.X.X.Kind == facts.ExprCall {
		switch m := root.Method(); {
		case slices.Contains(schemas.Optional, m):
			if rc.schemaOptional == nil {
				rc.schemaOptional = map[string]bool{}
			}
			rc.schemaOptional[f.Name] = true
			optional = true
		case slices.Contains(schemas.Required, m):
			required = true
		default:
			checks = append(checks, root)
		}
		root = root.X.X
	}
	if root.Kind == facts.ExprCall && root.X != nil && root.X.Kind == facts.ExprAttr && root.X.X != nil && root.X.X.Kind != facts.ExprCall && schemas.Checks[root.Method()] == "email" {
		// z.email(): a builder of text that is itself the address check.
		checks = append(checks, root)
	}
	if !required && !optional && root.Kind == facts.ExprCall {
		// Optional by the builder's default (updateUser's email:
		// Joi.string().email() of node-express-boilerplate's
		// validations/user.validation.js:33-38): as if marked so.
		if rc.schemaOptional == nil {
			rc.schemaOptional = map[string]bool{}
		}
		rc.schemaOptional[f.Name] = true
		optional = true
	}
	if optional {
		// Its checks hold when it is given (schemaCheck); one with no
		// check the catalog reads says nothing of it.
		required = slices.ContainsFunc(checks, func(c *facts.Expr) bool { return schemas.Checks[c.Method()] != "" })
	}
	if !required || root.Kind != facts.ExprCall {
		return
	}
	part := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: input, Name: f.Name, Raw: input.Raw() + "." + f.Name, Line: f.Value.Line()})
	in := rc.tr(part, sc, out)
	if in == nil {
		return
	}
	text := catalog.MatchAny(schemas.Strings, facts.LastSegment(root.Raw()))
	measured := in
	if text {
		measured = &allium.Call{Fun: &allium.Ident{Name: "length"}, Args: []allium.Arg{{Value: in}}}
	} else if catalog.MatchAny(schemas.Arrays, root.Method()) {
		measured = &allium.Member{X: in, Name: "count"}
	}
	for i := len(checks) - 1; i >= 0; i-- {
		c := checks[i]
		if kind := schemas.Checks[c.Method()]; kind == "one_of" {
			rc.sameAsCheck(in, input, firstArg(c), optional, sc, at, c.Line(), out)
			continue
		}
		rc.schemaCheck(schemas.Checks[c.Method()], in, measured, text, optional, firstArg(c), at, c.Line())
	}
}

// sameAsCheck states a one_of check whose only allowed value is a
// reference to another field of the input (yup's
// passwordConfirmation: ...oneOf([yup.ref('password')])) as the
// precondition that the two are equal; a list of other values says
// nothing here.
func (rc *ruleCtx) sameAsCheck(in allium.Expr, input, list *facts.Expr, optional bool, sc, at *scope, line int, out *[]allium.Stmt) {
	if list == nil || list.Kind != facts.ExprList || len(list.Args()) != 1 {
		return
	}
	ref := &list.Args()[0]
	if ref.Kind != facts.ExprCall || len(ref.Args()) != 1 || ref.Args()[0].Kind != facts.ExprString ||
		!catalog.MatchAny(rc.b.lang.ObjectSchemas.Refs, ref.Resolved(), ref.Raw()) {
		return
	}
	name := ref.Args()[0].Value()
	other := rc.tr(facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: input, Name: name, Raw: input.Raw() + "." + name, Line: ref.Line()}), sc, out)
	if other == nil {
		return
	}
	var cond allium.Expr = &allium.Binary{Op: allium.OpEq, X: other, Y: in}
	if optional {
		cond = absentOr(in, cond)
	}
	rc.b.stats.GuardsSeen++
	rc.requires(cond, at, line)
}

// schemaCheck states one check of a schema's field as a precondition on
// the input in (measured is its length when the field is text): kind is
// the catalog's email, min, max or length, n its argument; written at
// at's file, line.
func (rc *ruleCtx) schemaCheck(kind string, in, measured allium.Expr, text, optional bool, n *facts.Expr, at *scope, line int) {
	var cond allium.Expr
	switch kind {
	case "email":
		cond = &allium.Call{Fun: &allium.Ident{Name: "is_valid_email"}, Args: []allium.Arg{{Value: in}}}
	case "min":
		cond = rc.boundCond(measured, allium.OpGe, n, at.file, line)
	case "max":
		cond = rc.boundCond(measured, allium.OpLe, n, at.file, line)
	case "length":
		if text && n != nil && n.Kind == facts.ExprInt {
			cond = &allium.Binary{Op: allium.OpEq, X: measured, Y: &allium.Lit{Kind: allium.LitNumber, Text: n.Value()}}
		}
	}
	if cond == nil {
		return
	}
	if optional {
		// z.string().min(3).optional(): left out, or long enough.
		cond = absentOr(in, cond)
	}
	rc.b.stats.GuardsSeen++
	rc.requires(cond, at, line)
}

// jsonSchemaChecks states the checks of a route's JSON schemas
// (Fastify's schema: {body: {type: 'object', required: ['email'],
// properties: {email: {type: 'string', format: 'email'}}}}), which the
// framework validates the request by before the handler, as
// preconditions on the body of the request req: only the required
// properties' (an optional one's hold only when it is given), stated at
// the schema's lines. The schemas may be written in place or held by
// module constants, directly or as an entry of an exported object
// (authSchema.register).
func (rc *ruleCtx) jsonSchemaChecks(schema *routeSchema, req *facts.Expr, sc *scope) {
	schemas := rc.b.lang.ObjectSchemas
	if schemas == nil || schemas.JSON == nil {
		return
	}
	js := schemas.JSON
	parts, file := rc.b.schemaObject(schema.file, schema.x, 0)
	for _, part := range dictKeywords(parts) {
		if !slices.Contains(schemas.BodyKeys, part.Name) {
			continue
		}
		body, bodyFile := rc.b.schemaObject(file, &part.Value, 0)
		var required map[string]bool
		var props []facts.Keyword
		for _, kw := range dictKeywords(body) {
			switch {
			case kw.Name == js.Required && kw.Value.Kind == facts.ExprList:
				required = map[string]bool{}
				for _, r := range kw.Value.Args() {
					if r.Kind == facts.ExprString {
						required[r.Value()] = true
					}
				}
			case kw.Name == js.Properties:
				props = dictKeywords(&kw.Value)
			}
		}
		at := *sc
		at.file = bodyFile
		for _, prop := range props {
			if required[prop.Name] {
				rc.jsonFieldChecks(prop, req, sc, &at)
			}
		}
	}
}

// jsonFieldChecks states the checks of one property of a JSON schema
// (email: {type: 'string', format: 'email', maxLength: 254}) on the
// request body's field of that name.
func (rc *ruleCtx) jsonFieldChecks(prop facts.Keyword, req *facts.Expr, sc, at *scope) {
	js := rc.b.lang.ObjectSchemas.JSON
	kws := dictKeywords(&prop.Value)
	text := false
	var checks []facts.Keyword
	for _, kw := range kws {
		switch {
		case kw.Name == js.Type && kw.Value.Kind == facts.ExprString:
			text = slices.Contains(js.Strings, kw.Value.Value())
		case kw.Name == js.FormatKey && kw.Value.Kind == facts.ExprString:
			if kind := js.Formats[kw.Value.Value()]; kind != "" {
				checks = append(checks, facts.Keyword{Name: kind, Value: kw.Value})
			}
		case js.Checks[kw.Name] != "":
			checks = append(checks, facts.Keyword{Name: js.Checks[kw.Name], Value: kw.Value})
		}
	}
	if len(checks) == 0 {
		return // a field without checks is no precondition
	}
	in := rc.tr(requestBodyPart(req, prop.Name, prop.Value.Line()), sc, &rc.ensures)
	if in == nil {
		return
	}
	measured := in
	if text {
		measured = &allium.Call{Fun: &allium.Ident{Name: "length"}, Args: []allium.Arg{{Value: in}}}
	}
	for _, c := range checks {
		rc.schemaCheck(c.Name, in, measured, text, false, &c.Value, at, c.Value.Line())
	}
}

// schemaObject is the object literal x is, written in place or held by a
// module constant, directly or as an entry of a constant's object
// (authSchema.register, where authSchema is a module's default export
// {register, login}), with the file it is written in; nil when it is
// none.
func (b *builder) schemaObject(f *facts.File, x *facts.Expr, depth int) (*facts.Expr, *facts.File) {
	if x == nil || depth > 4 {
		return nil, nil
	}
	switch x.Kind {
	case facts.ExprDict:
		return x, f
	case facts.ExprName, facts.ExprAttr:
		if c := b.ix.constant(f, x); c != nil && c.as.Value != nil {
			return b.schemaObject(c.file, c.as.Value, depth+1)
		}
		if x.Kind != facts.ExprAttr {
			return nil, nil
		}
		obj, file := b.schemaObject(f, x.X, depth+1)
		for _, kw := range dictKeywords(obj) {
			if kw.Name == x.Name() {
				return b.schemaObject(file, &kw.Value, depth+1)
			}
		}
	}
	return nil, nil
}

func firstArg(c *facts.Expr) *facts.Expr {
	if len(c.Args()) == 0 {
		return nil
	}
	return &c.Args()[0]
}

// shapeFactory reads Shape.create({email: body.email}) (catalog
// shape_factories), a static method the service does not define on a
// request shape class, as Shape(email=body.email): the shape holding
// those values. Nil for any other call.
func (rc *ruleCtx) shapeFactory(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	if method == "" || !catalog.Match(rc.b.lang.ShapeFactories, method) || len(e.Keywords()) == 0 || len(e.Args()) > 0 {
		return nil
	}
	cr := rc.b.ix.class(sc.file, e.X.X)
	if cr == nil || rc.b.shapes[cr.qual()] == nil || rc.b.ix.method(cr, method) != nil {
		return nil
	}
	return &value{kind: vShape, shape: cr, parts: append(rc.spreadParts(e, sc, out), keywordParts(e, sc)...)}
}

// absentOr is cond unless x is absent: not exists x or cond (the check of
// an optional input, which a request leaving it out passes; a filter that
// also lets a null field through).
func absentOr(x, cond allium.Expr) allium.Expr {
	return &allium.Binary{Op: allium.OpOr, X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: x}}, Y: cond}
}

// methodSchemaChecks states the checks of the object schema a decorator of
// fr parses its first argument by (catalog object_schemas.
// method_validators; a NestJS use case's @ValidateSchema(Schema) on
// execute(input)), when call hands it the request's input: the body runs
// only on input the schema accepts.
func (rc *ruleCtx) methodSchemaChecks(fr *funcRef, call *facts.Expr, sc *scope, out *[]allium.Stmt) {
	schemas := rc.b.lang.ObjectSchemas
	if schemas == nil || len(schemas.MethodValidators) == 0 || call == nil || call.Kind != facts.ExprCall {
		return
	}
	input, given := methodInput(call)
	if input == nil {
		return
	}
	for i := range fr.fn.Decorators {
		name, dc := decoratorName(&fr.fn.Decorators[i])
		if dc == nil || len(dc.Args()) != 1 || !catalog.MatchAny(schemas.MethodValidators, dc.X.Resolved(), name) {
			continue
		}
		for _, part := range rc.b.schemaParts(fr.file, &dc.Args()[0], 0) {
			var fields []facts.Keyword
			for _, fl := range part.fields {
				if !given[fl.Name] {
					fields = append(fields, fl)
				}
			}
			rc.parseBySchema(fields, part.builder, part.file, input, sc, out)
		}
		return
	}
}

// methodInput is the argument a method validator parses: the call's first
// positional argument, or, for an object literal read as keywords
// ({token: params.token, ...body}), the object it spreads, with the keys
// written out beside it (given), whose values are not the spread's. Nil
// when there is neither.
func methodInput(call *facts.Expr) (input *facts.Expr, given map[string]bool) {
	if len(call.Args()) > 0 {
		return &call.Args()[0], nil
	}
	given = map[string]bool{}
	for i := range call.Keywords() {
		kw := &call.Keywords()[i]
		if kw.Name == "**" {
			if input != nil {
				return nil, nil // two spreads: which gives a key is unknown
			}
			input = &kw.Value
			continue
		}
		given[kw.Name] = true
	}
	return input, given
}

// schemaPart is some fields of an object schema, built in file.
type schemaPart struct {
	fields  []facts.Keyword
	builder catalog.SchemaBuilder
	file    *facts.File
}

// schemaParts finds the fields of the object schema x is, in f, where it
// may be made of others (catalog object_schemas.picks and joins):
// UserEntitySchema.pick({email: true}) is the email field of
// UserEntitySchema, in the file that builds it; A.and(B) is A's fields
// and B's. Each part keeps its own file, whose lines state its checks.
// Nil when x is no object schema.
func (b *builder) schemaParts(f *facts.File, x *facts.Expr, depth int) []schemaPart {
	schemas := b.lang.ObjectSchemas
	if x == nil || depth > 4 {
		return nil
	}
	if x.Kind == facts.ExprName || x.Kind == facts.ExprAttr {
		if c := b.ix.constant(f, x); c != nil && c.as.Value != nil {
			x, f = c.as.Value, c.file
		}
	}
	if x.Kind == facts.ExprCall && x.X != nil && x.X.Kind == facts.ExprAttr && x.X.X != nil {
		switch m := x.Method(); {
		case slices.Contains(schemas.Joins, m) && len(x.Args()) == 1:
			left := b.schemaParts(f, x.X.X, depth+1)
			right := b.schemaParts(f, &x.Args()[0], depth+1)
			if left == nil || right == nil {
				return nil // a part the walk cannot read: no checks of a part
			}
			return append(left, right...)
		case slices.Contains(schemas.Picks, m):
			keys := objectKeywordsOf(x)
			if len(keys) == 0 {
				return nil
			}
			picked := map[string]bool{}
			for _, k := range keys {
				picked[k.Name] = true
			}
			var parts []schemaPart
			for _, part := range b.schemaParts(f, x.X.X, depth+1) {
				var kept []facts.Keyword
				for _, fl := range part.fields {
					if picked[fl.Name] {
						kept = append(kept, fl)
					}
				}
				part.fields = kept
				parts = append(parts, part)
			}
			return parts
		}
	}
	if fields, builder, file, ok := b.objectSchema(f, x); ok {
		return []schemaPart{{fields: fields, builder: builder, file: file}}
	}
	return nil
}
