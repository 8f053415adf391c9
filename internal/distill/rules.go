package distill

import (
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// handler is an entry point: an HTTP handler, a job or a command.
type handler struct {
	file  *facts.File
	fn    *facts.Function
	class *facts.Class // the view or command class of a method
	name  string       // trigger name
	job   bool
	auth  authLevel
	// mutation: a GraphQL mutation's resolver; fn may belong to a base
	// (mixin) of class.
	mutation bool
	// created: a receiver of the model signal sent when an instance of
	// this entity is created (Django's post_save with created).
	created string
	// routeCond: the module-level condition its route is registered
	// under (route_calls.go).
	routeCond *facts.Expr
	// mount: the module-level condition its router is mounted under
	// (router_mounts.go), nil when it is always mounted.
	mount *routerMount
	// routerDeps: the dependencies its router and the routers and apps
	// that mount it list (router_dependencies.go).
	routerDeps []routerDep
	// route: the call of the route decorator (router.post("/x",
	// response_model=M)), when it is one; nil otherwise.
	route *facts.Expr
	// tokenParams: parameters the handler uses as the key of a token
	// kept in a cache (flask_cachetokens.go).
	tokenParams map[string]bool
	// pwView: the POST a framework password-change view gives the class
	// (pwviews.go); fn has no body.
	pwView *catalog.PasswordView
	// tokenView: the framework token view whose POST the class runs
	// (token_views.go); fn has no body when the class inherits it.
	tokenView *catalog.TokenView
	// resetView: the framework reset confirmation view whose POST the
	// class inherits or the URL conf routes (reset_views.go); fn has no
	// body.
	resetView *catalog.ResetView
	// resetForm: the reset view's form, a class of the service writing a
	// method the catalog reads in place of the framework's (read_own:
	// Oscar's PasswordResetForm.save), walked for what the view does.
	resetForm *classRef
	// resetShape: the framework reset view whose shape the class's own
	// POST (fn, walked) makes and saves (reset_views.go ownResetPost).
	resetShape *catalog.ResetView
	// userRoute: the library route (fastapi-users' register) a mounted
	// router of the service holds (user_routers.go); fn has no body.
	userRoute *libraryRoute
	// middleware: what runs before the handler of a route registered by a
	// call (route_registrations.go); its validations are preconditions.
	middleware []facts.Expr
	// segmentKeys: the keys of a file route's context parameter that
	// hold its path's values (catalog file_routes segment_keys).
	segmentKeys []string
	// callback: a function a library runs on a stimulus of its own
	// (catalog callback_triggers): its first parameter holds the inputs.
	callback bool
	// segments: the names of a file route's dynamic segments
	// (users/[userId]/route.ts: userId).
	segments []string
	// middlewareFile: the file the route's middleware is written in,
	// where its names resolve (routes/auth.js naming validators.signup).
	middlewareFile *facts.File
	// listed: the middleware listed before the handler in the array the
	// route names as its handler (exports.register = [body("email")...,
	// (req, res) => {...}]), written in listedFile.
	listed     []facts.Expr
	listedFile *facts.File
	// schema: the JSON schemas the route registered by a route-table
	// call validates the request by (object_schemas.go).
	schema *routeSchema
	// method: the state-changing HTTP method the rule stands for, when a
	// handler answers several (a Next.js route's PUT and DELETE branches);
	// empty for any.
	method string
	// gate: for the steps a decorator's wrapper takes when it does not
	// hand over to the handler it wraps (decorators.go), the check under
	// which it would; the rule requires it false.
	gate *facts.Expr
	// bodyShape and schemaKeys are what the route's middleware
	// establishes of the request's body before the handler runs, so they
	// hold for every rule of the handler (its main rule, and those of the
	// branches that end the request): found once, when the handler's walk
	// starts (handlerRules), and read by every rule context through h.
	//
	// bodyShape: the request shape the route's middleware validates the
	// body by (validation_factories.go), nil for none.
	bodyShape *classRef
	// schemaKeys: the keys of the object schema a route middleware
	// validates the request's body by (celebrate's Joi.object): the body
	// a handler spreads holds no others (schemaBodyKeywords).
	schemaKeys []string
	// schemaRequired: the schemaKeys the schema requires; the others the
	// request may leave out (an update from the body sets them only when
	// given, object_assigns.go).
	schemaRequired map[string]bool
}

// findHandlers lists the service's entry points in file then line order.
func (b *builder) findHandlers() []*handler {
	var out []*handler
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		viewModule := slices.Contains(b.lang.ViewModules, facts.LastSegment(f.Module))
		for i := range f.Functions {
			fn := &f.Functions[i]
			if h := b.functionHandler(f, fn, viewModule); h != nil {
				out = append(out, h)
			}
		}
		for i := range f.Classes {
			c := &f.Classes[i]
			cr := b.ix.classes[c.QualName]
			if cr == nil {
				continue
			}
			if b.matchBases(cr, b.lang.CommandBases) {
				for j := range c.Methods {
					if c.Methods[j].Name == "handle" {
						out = append(out, &handler{file: f, fn: &c.Methods[j], class: c, job: true,
							name: commandName(f, c)})
					}
				}
				continue
			}
			if hs := b.knownViewHandlers(f, c, cr); len(hs) > 0 {
				out = append(out, hs...)
				continue
			}
			switch {
			case b.matchBases(cr, b.lang.ViewBases) || b.hasViewsetAction(c):
				out = append(out, b.classHandlers(f, c)...)
			case decoratedBy(c.Decorators, b.lang.ControllerDecorators):
				for j := range c.Methods {
					if m := &c.Methods[j]; decoratedBy(m.Decorators, b.lang.RouteDecorators) {
						out = append(out, &handler{file: f, fn: m, class: c, name: pascal(m.Name)})
					}
				}
			case b.matchBases(cr, b.lang.MutationBases):
				if h := b.mutationHandler(cr); h != nil {
					out = append(out, h)
				}
			default:
				// A method a scheduler runs (NestJS's @Cron, @Interval).
				for j := range c.Methods {
					if m := &c.Methods[j]; decoratedBy(m.Decorators, b.lang.TaskDecorators) {
						out = append(out, &handler{file: f, fn: m, class: c, job: true, name: pascal(strings.TrimLeft(m.Name, "_"))})
					}
				}
			}
		}
	}
	out = append(out, b.routedResetViewHandlers()...)
	out = append(out, b.nestedRouteHandlers(out)...)
	out = append(out, b.userRouterHandlers()...)
	out = append(out, b.callRouteHandlers(out)...)
	out = append(out, b.fileRouteHandlers(out)...)
	out = append(out, b.scheduledHandlers(out)...)
	return append(out, b.signalHandlers()...)
}

// hasViewsetAction reports a class with a method that a viewset action
// decorator routes (@list_route(methods=["POST"]) in taiga's UsersViewSet,
// whose ModelCrudViewSet is the service's own copy of DRF's).
func (b *builder) hasViewsetAction(c *facts.Class) bool {
	for i := range c.Methods {
		for j := range c.Methods[i].Decorators {
			if n, _ := decoratorName(&c.Methods[i].Decorators[j]); slices.Contains(b.lang.ViewsetActions, facts.LastSegment(n)) {
				return true
			}
		}
	}
	return false
}

// knownViewHandlers are the handlers of a class view whose base the
// catalog knows the behaviour of: a password change, a token view, a
// create view (with the class's own method handlers beside it); none for
// another class. Each is built once: the builders read the class's bases
// and methods.
func (b *builder) knownViewHandlers(f *facts.File, c *facts.Class, cr *classRef) []*handler {
	if h := b.passwordViewHandler(f, c, cr); h != nil {
		return []*handler{h}
	}
	if h := b.tokenViewHandler(f, c, cr); h != nil {
		return []*handler{h}
	}
	if h := b.resetViewHandler(f, c, cr); h != nil {
		return []*handler{h}
	}
	if h := b.sessionEndViewHandler(f, c, cr); h != nil {
		return []*handler{h}
	}
	if h := b.loginViewHandler(f, c, cr); h != nil {
		return []*handler{h}
	}
	if h := b.createViewHandler(f, c, cr); h != nil {
		return append([]*handler{h}, b.classHandlers(f, c)...)
	}
	if hs := b.modelViewsetHandlers(f, c, cr); len(hs) > 0 {
		return append(hs, b.classHandlers(f, c)...)
	}
	if h := b.editViewHandler(f, c, cr); h != nil {
		return append([]*handler{h}, b.classHandlers(f, c)...)
	}
	return nil
}

// testFile reports whether a file is a test, a fixture or a migration
// (the catalog's test_files: its name matches one of the name patterns,
// or a directory above it is one of the directories): read for nothing.
func (b *builder) testFile(p string) bool {
	if t, ok := b.testFiles[p]; ok {
		return t
	}
	return b.lang.Ignores(p)
}

func decoratorName(d *facts.Expr) (name string, call *facts.Expr) {
	if d.Kind == facts.ExprCall && d.X != nil {
		return d.X.Raw(), d
	}
	return d.Raw(), nil
}

// scheduledNames lists functions registered with a scheduler at module
// level (the catalog's schedule_calls): scheduler.add_job(fn, ...),
// schedule.every().do(fn).
func (b *builder) scheduledNames(f *facts.File) map[string]bool {
	out := map[string]bool{}
	for i := range f.Statements {
		if a := b.scheduledFunction(&f.Statements[i]); a != nil && a.Kind == facts.ExprName {
			out[a.Name()] = true
		}
	}
	return out
}

// scheduledFunction is the function argument of a module-level statement
// that registers it with a scheduler (schedule_calls), or nil.
func (b *builder) scheduledFunction(s *facts.Stmt) *facts.Expr {
	if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall {
		return nil
	}
	return catalogedArg(b.lang.ScheduleCalls, s.Value)
}

// catalogedArg is the argument of call that table (catalogued callee ->
// its position, negative from the end) names for its callee, or nil when
// call is not catalogued there or has no such argument.
func catalogedArg(table map[string]int, call *facts.Expr) *facts.Expr {
	for _, k := range slices.Sorted(maps.Keys(table)) {
		if !catalog.MatchAny([]string{k}, call.Resolved(), call.Raw()) {
			continue
		}
		i := table[k]
		if i < 0 {
			i += len(call.Args())
		}
		if i >= 0 && i < len(call.Args()) {
			return &call.Args()[i]
		}
	}
	return nil
}

// handledFunctions is the set of functions the handlers run, for the
// later passes of findHandlers to skip what an earlier one found.
func handledFunctions(known []*handler) map[*facts.Function]bool {
	seen := make(map[*facts.Function]bool, len(known))
	for _, h := range known {
		seen[h.fn] = true
	}
	return seen
}

// scheduledHandlers are the jobs a scheduler runs that are not functions
// of their own file: a function written in place (cron.schedule('0 3 * *
// *', async () => {...})), named after its file, or one imported from
// another module.
func (b *builder) scheduledHandlers(known []*handler) []*handler {
	seen := handledFunctions(known)
	var out []*handler
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		for i := range f.Statements {
			a := b.scheduledFunction(&f.Statements[i])
			if a == nil {
				continue
			}
			h := &handler{file: f, job: true}
			switch {
			case a.Kind == facts.ExprFunction && a.Func() != nil:
				h.fn = a.Func()
				h.name = pascal(strings.TrimLeft(h.fn.Name, "_"))
				if h.fn.Name == "" {
					stem := strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path))
					h.name = pascal(snake(stem))
					h.fn.QualName = qual(f.Module, snake(stem))
				}
			case a.Kind == facts.ExprName || a.Kind == facts.ExprAttr:
				if fr := b.ix.function(f, a); fr != nil {
					h.file, h.fn, h.class, h.name = fr.file, fr.fn, fr.class, pascal(strings.TrimLeft(fr.fn.Name, "_"))
				}
			}
			if h.fn != nil && h.name != "" && !seen[h.fn] {
				seen[h.fn] = true
				out = append(out, h)
			}
		}
	}
	return out
}

func (b *builder) functionHandler(f *facts.File, fn *facts.Function, viewModule bool) *handler {
	h := &handler{file: f, fn: fn, name: pascal(strings.TrimLeft(fn.Name, "_"))}
	isRoute := false
	if b.scheduled[f.Path] == nil {
		b.scheduled[f.Path] = b.scheduledNames(f)
	}
	if b.scheduled[f.Path][fn.Name] {
		h.job = true
	}
	for i := range fn.Decorators {
		d := &fn.Decorators[i]
		name, call := decoratorName(d)
		last := facts.LastSegment(name)
		switch {
		case catalog.MatchAny(b.lang.TaskDecorators, name, last) && (call != nil || strings.Contains(name, ".") || last == name):
			if strings.Contains(name, ".") || slices.Contains(b.lang.TaskDecorators, last) {
				if !slices.Contains(b.lang.RouteDecorators, last) || last == "task" {
					h.job = true
				}
			}
		case slices.Contains(b.lang.RouteDecorators, last) && (strings.Contains(name, ".") || last == "api_view"):
			isRoute, h.route = true, call
			h.mount = b.mountOf(f, name)
			h.routerDeps = b.routerDependenciesOf(f, name)
		}
	}
	if reg, ok := b.registeredRoutes(f)[fn.Name]; ok && !isRoute && !h.job {
		isRoute, h.routeCond, h.route = true, reg.cond, reg.call
	}
	if !isRoute && !h.job && viewModule && len(fn.Params) > 0 && fn.Params[0].Name == "request" && !strings.HasPrefix(fn.Name, "_") {
		isRoute = true
	}
	if !isRoute && !h.job && b.urlRouted(f, fn) {
		isRoute = true
	}
	if !isRoute && !h.job {
		return nil
	}
	return h
}

// mutationHandler is a GraphQL mutation class's resolver: the first
// catalogued mutation method found on the class or its bases (mixins that
// hold the behaviour, as graphql_auth's do). The rule is named after the
// mutation class.
func (b *builder) mutationHandler(cr *classRef) *handler {
	if b.abstractMutation(cr) {
		return nil
	}
	for _, m := range b.lang.MutationMethods {
		if fr := b.ix.method(cr, m); fr != nil {
			name := strings.TrimSuffix(cr.class.Name, "Mutation")
			if name == "" {
				name = cr.class.Name
			}
			return &handler{file: fr.file, fn: fr.fn, class: cr.class, name: pascal(name), mutation: true}
		}
	}
	return nil
}

// abstractMutation reports a mutation class whose own inner Meta sets the
// catalog's abstract option true (graphql_nodes.abstract): graphene keeps
// it out of the schema, a base for the mutations that derive from it.
func (b *builder) abstractMutation(cr *classRef) bool {
	gn := b.lang.GraphQLNodes
	if gn == nil || gn.Abstract == "" || gn.Meta == nil {
		return false
	}
	for i := range cr.class.Classes {
		meta := &cr.class.Classes[i]
		if meta.Name != gn.Meta.Class {
			continue
		}
		for j := range meta.Fields {
			if f := &meta.Fields[j]; f.Name == gn.Abstract && f.Value != nil && f.Value.Kind == facts.ExprBool && f.Value.Value() == "true" {
				return true
			}
		}
	}
	return false
}

// viewDispatch walks the view's dispatch methods (catalog: view_dispatch)
// before the handler, at the handler's top level: a guard there that
// answers the request itself is a precondition of the handler. The
// hand-over, return super().dispatch(...), is where the handler runs, and
// past it the next dispatch of the view's lineage, a base class's of the
// service, runs in turn (inherited_dispatch.go).
func (rc *ruleCtx) viewDispatch(h *handler, sc *scope) {
	if h.class == nil || h.job || h.mutation {
		return
	}
	for _, step := range rc.dispatchChain(h) {
		m := step.fr
		// dispatch(self, request, *args, **kwargs): its own request and
		// the URL's keywords (kwargs.get("token"): an input of the
		// request), bound apart from the handler's names; what it keeps
		// on self is kept on the handler's self, which both share.
		dsc := *sc
		dsc.vars = cloneVars(sc.vars)
		if m.file != nil {
			dsc.file = m.file
		}
		for i, p := range m.fn.Params {
			switch {
			case i == 0:
			case p.Kind == facts.ParamVarKeyword:
				dsc.vars[p.Name] = &value{kind: vReqDict}
			case p.Kind == facts.ParamVarPositional:
				dsc.vars[p.Name] = &value{kind: vPlumbing}
			case slices.Contains(rc.b.lang.RequestParams, p.Name):
				dsc.vars[p.Name] = &value{kind: vPlumbing, param: "request"}
			}
		}
		rc.stmts(step.prelude, &dsc, &rc.ensures)
	}
}

// viewStem is a view class's name without its kind (PasswordChangeView:
// PasswordChange).
func viewStem(name string) string {
	for _, suf := range []string{"APIView", "ViewSet", "View", "Resource", "Endpoint"} {
		if s := strings.TrimSuffix(name, suf); s != name && s != "" {
			return s
		}
	}
	return name
}

func (b *builder) classHandlers(f *facts.File, c *facts.Class) []*handler {
	stem := viewStem(c.Name)
	var methods []*facts.Function
	for i := range c.Methods {
		m := &c.Methods[i]
		isAction := false
		for j := range m.Decorators {
			n, _ := decoratorName(&m.Decorators[j])
			if slices.Contains(b.lang.ViewsetActions, facts.LastSegment(n)) {
				isAction = true
			}
		}
		if isAction || slices.Contains(b.lang.ViewMethods, m.Name) || b.formHandler(m) {
			methods = append(methods, m)
		}
	}
	var out []*handler
	for _, m := range methods {
		name := pascal(stem)
		// A view's POST is the behaviour the view is named for, and so is
		// a form view's form_valid, where its POST ends; its other
		// methods say which they are (GetProfile, DeleteProfile).
		if (len(methods) > 1 && m.Name != "post" && !b.formHandler(m)) || strings.HasSuffix(c.Name, "ViewSet") {
			name = pascal(m.Name) + pascal(stem)
		}
		out = append(out, &handler{file: f, fn: m, class: c, name: name})
	}
	return out
}

// ruleCtx accumulates one rule while a handler is walked.
type ruleCtx struct {
	// docs: the lines of the comment above the rule (permission_objects.go).
	docs []string
	// filterReqs: the preconditions lookups by a presented secret made of
	// their rows' state, by condition (exprKey), each with its row's
	// binding (secretlookup.go).
	filterReqs map[string]string
	// goesOnWithout: the locals an if tests for a row, neither of whose
	// branches ends the request (secretlookup.go).
	goesOnWithout map[string]bool
	// singletonsRead: the one rows of models the handler read, by given
	// binding name (singleton_rows.go).
	singletonsRead map[string]string
	// importing counts the module-level objects being made (moduleInstance):
	// what their making checks is no precondition of the request.
	importing int
	b         *builder
	h         *handler
	// resetWalk: set while a reset form's own save is walked in place of
	// the framework's (reset_views.go ownResetSave).
	resetWalk *resetWalk
	// resetShapeSaved: a reset view's own POST has saved its framework
	// shape, stated once (ownResetPost).
	resetShapeSaved bool
	// viewForm: the form a form view's handler was given (django_forms.go).
	viewForm *viewForm
	// signedInAs: the user a sign-in call that sets the request's user
	// (catalog sessions.set_current_user) signed in, in the block being
	// walked; from there on the signed-in user is that user, not the
	// trigger's (signed_in_as.go).
	signedInAs *value
	// keysGiven: in a walk of one change of an endpoint that serves
	// several (key_splits.go), the keys the request's input holds; it
	// holds no other. forked: the handler was walked so, once per change,
	// and has no rule of its own.
	keysGiven map[string]bool
	// keysMayLack: keysGiven are the keys the request may hold, not
	// those it holds (a schema's fields handed to a view as keywords):
	// a loop over them states each key's outcome when it is given.
	keysMayLack bool
	forked      bool
	// onlyMatch: the user the rule signs in is the one element of a
	// collection it binds (backend_matches.go); finish states the
	// outcomes for each element.
	onlyMatch *onlyMatch
	// localComparisons: comparisons the code assigned to locals, by
	// their text (pre_state.go).
	localComparisons map[string]localComparison
	// preReads: field reads the code kept in a local before the rule
	// changes the field (old_email = user.email), by the expression the
	// local holds, which outcomes that read the local share (pre_state.go).
	preReads map[allium.Expr]localComparison
	// rebound: a not-found handler the walk just read that rebinds the
	// row looked up (rebound_rows.go); the statements after its try are
	// walked once for each row.
	rebound *reboundRow
	// inputSets are the request's inputs the handler replaced
	// (req.body.password = hash(req.body.password)): read after, an
	// input is the value set.
	inputSets map[string]*value
	// inputSetIn: the scope each of inputSets was set in, whose condition
	// a copy of the body onto a row holds the key under (object_assigns.go).
	inputSetIn map[string]*scope
	// flagInputs are the parameters that are Boolean inputs of a shape
	// (booleanShapeField): testing one is a condition.
	flagInputs map[string]bool
	// filledInputs are the parameters a shape declares required of a
	// type that is never empty once validated (catalog
	// nonempty_input_types: EmailStr): true as a condition.
	filledInputs map[string]bool
	// leftOut counts the code left out of the rule (untranslated).
	leftOut int
	// leftOutNotes are the notes untranslated wrote, each without the
	// rule's name at its end, so that finish can name the rule as
	// numbered (CreateUser2) when another rule had the name first.
	leftOutNotes []string
	// helperExits are the ifs that state what an inlined helper does
	// after leaving early on the other branch (restUnderCond).
	helperExits map[*allium.If]bool
	// answeredAlikeAt holds the lines of the handler's ifs read from an
	// early answer that does not tell a missing row apart
	// (answeredAlike): their condition stays an outcome's, never a
	// precondition.
	answeredAlikeAt map[int]bool
	// constants holds the module constants being evaluated, so that one
	// defined through itself (X = (X,), a mangled import) ends the
	// evaluation instead of recursing without end.
	constants map[*facts.Expr]bool
	// noneFails holds the calls whose None answer fails the request
	// (hooks.go), with the exception the caller then raises.
	noneFails map[*facts.Expr]*facts.Expr
	// raisedFails: calls of helpers whose failure answer (None, False,
	// E.left) the statement after the call turns into the request's
	// failure (unread_fail_checks.go).
	raisedFails map[*facts.Expr]bool
	// answeredCalls: calls whose result the handler returns or drops.
	answeredCalls map[*facts.Expr]bool
	// ignoredCalls: calls whose result nothing reads (ignored_answers.go).
	ignoredCalls map[*facts.Expr]bool
	// flags holds the calls of helpers that answered a success flag
	// (success_flags.go).
	flags    map[*facts.Expr]*value
	name     string
	params   []string
	paramSet map[string]bool
	// presence holds the guards left out that only test that an input
	// was given, by input (presented.go).
	presence map[string]presenceGuard
	body     []allium.Stmt // lets and requires
	ensures  []allium.Stmt
	lets     map[string]bool
	// clashLets: lets of lookups whose variable's name was taken (by an
	// input, another let or an enum literal) and got a suffix; a caller
	// that keeps the row under a free name of its own renames them
	// (renameClashLet).
	clashLets map[string]bool
	// cleaned holds, per form class and field ("pkg.Form.email"), what
	// the field's own validator returned (Django's clean_email returns
	// normalise_email(email)): the value the form's save writes.
	cleaned map[string]*value
	// dropped: the fields, per form class ("pkg.Form.password"), that its
	// object validator took out of the validated data (data.pop(...)),
	// which a default save then does not write (validated_edits.go).
	dropped map[string]bool
	// helperBindings: lets and entity parameters of rows that an inlined
	// helper found, which a caller may name (renameHelperBinding).
	helperBindings map[string]bool
	// presentedSecrets: inputs read before a lookup that found, by them, a
	// row standing for its input (notePresentedSecrets).
	presentedSecrets map[string]bool
	assigned         map[string]allium.Expr
	// fieldsWritten: the entity fields (User.email) the rule's outcomes
	// assign a row so far, by any name of the row (superseded).
	fieldsWritten map[string]bool
	// unreadWrites: fields of rows given a value the walk could not
	// read, by assigned's key; a later read of one is unknown, not the
	// value before (unread_writes.go).
	unreadWrites map[string]bool
	// assignedVia: the object each assignment of assigned was made
	// through, by the same key (separate_fetches.go).
	assignedVia map[string]*value
	// changedRows are the stored rows assigned to and not yet written,
	// by their expression (update_stamps.go).
	changedRows map[string]changedRow
	// identityEnded: the users whose sessions the rule already ended by
	// changing their session identity, by the user's expression.
	identityEnded map[string]*identityEnd
	extra         []*ruleOut
	// paths are the handler's branches that end the request with
	// outcomes of their own, finished after the main rule (so that it
	// keeps the handler's name); line is where a path starts.
	paths    []*ruleCtx
	pathKeys map[string]bool // bodies of the paths finished, to drop repeats
	// asRead: reduceCond reads the request as a GET (readPath).
	asRead bool
	// ownTrigger: a path that is an action of its own (one button of a
	// form), not another outcome of the handler's stimulus.
	ownTrigger bool
	// unstatedCond, on a path whose branch condition the spec cannot
	// state, notes that condition left out of the handler's rule.
	unstatedCond func(note string)
	// presencePath: the branch (a path) is taken when the request gives
	// an input its statements read, or its other way turns the request
	// away (splitPaths): what a request that passes does. Set on the
	// handler's context while that path is walked.
	presencePath bool
	// kindSuffix: a path that is one kind of a webhook's events names its
	// rule with the kind after the handler's name, and keeps the
	// handler's trigger (webhook_events.go).
	kindSuffix string
	line       int
	auth       authLevel
	keySurface string // key_guards.go
	// subjectTypes: the entities an auth subject that is no user may be
	// (subject_types.go).
	subjectTypes []string
	userVal      *value
	// urlRows: the names of the rows the URL names that a view's
	// get_object gave (evalCall): the signed-in user is none of them.
	urlRows map[string]bool
	// quietUser: userVal when a mutation's permission check named it
	// without making the rule one for signed-in users (an app may ask
	// instead; meta_permissions.go): the first reading of the user
	// proper does.
	quietUser *value
	// comparedRows holds, by the name of a row a lookup found, the
	// comparisons its filter made besides its keys (splitComparisons):
	// stated when the rule requires the row (the request fails without
	// it), noted as left out otherwise. It is the rule's, not the
	// handler's: a branch's rule that requires the row does not make
	// the main rule require it.
	comparedRows map[string]*comparedRow
	// branchJoins: the lookups a branch of a top-level if bound to a let
	// of its own (the let sits in the branch's outcomes, not the rule's
	// body), by let name: a precondition the branch states is one of the
	// whole rule, and reads the lookup itself (nested_guards.go).
	branchJoins map[string]allium.Expr
	// branchRequired: lookups that end the request when no row matches,
	// run under a branch's conditions (branchRequirements).
	branchRequired []branchRequired
	// strategyStated: the auth strategies' checks of the signed-in
	// user are stated already (strategy_files.go). The rule's too: a
	// branch that reads the user first states them in its own rule, and
	// the main rule must still state them.
	strategyStated bool
	credUser       *value // the user a verified credential names (userDependency)
	// subjectLookups collects, while a current-user dependency runs, its
	// lookups of a user by the token's subject (userDependency).
	subjectLookups *[]*query
	trigger        *allium.Trigger // temporal rules
	cache          map[evalKey]*value
	// unrolled: loops walked once per element of a literal list; a
	// return in one is a check of the helper, not what the loop finds
	// (answersInLoop).
	unrolled map[*facts.Stmt]bool
	// unrolling counts the unrolled loops the walk is in (unrollJumpingLoop).
	unrolling int
	deps      map[string]*value // dependency results by function
	// subject: what the request's auth subject holds (subjectValue), made
	// once so that every dependency that takes it sees its session too.
	subject  *value
	ctxItems map[string]*value // entities a shape's context holds, by key
	// paramReqs are preconditions on one input, dropped if the input is
	// not a parameter in the end.
	paramReqs map[*allium.Requires]string
	// tokenColumnLookups: rows found by a token column they declare,
	// bound as parameters until the rule shows it spends the token
	// (spent_token_lookups.go).
	tokenColumnLookups []tokenColumnLookup
	// claims: the entries read from payloads the rule verified
	// (claims.go), by exprKey; the signature vouches for them.
	claims map[string]bool
	// schemaOptional: the request's input fields an object schema that
	// parsed it declares optional (zod's .optional()), by name; an update
	// writes them only when given (givenOnly).
	schemaOptional map[string]bool
	// callingLoops counts the loops passed over without a note whose body
	// calls something (its effects, if any, unknown).
	callingLoops int
	// idParams: an input id (user_id) and the entity parameter a lookup
	// by it became (user), merged when the rule is finished, with the
	// entity of that lookup: one map, so a branch's copy keeps both.
	idParams map[string]idParam
	// unreadKeyRows: the input id (project_id) of a row the rule found by
	// a key it could not read and took as the row the request names
	// (project), merged into that row at finish when the rule has both.
	// Unlike idParams, later lookups by the id are not read as the row.
	unreadKeyRows map[string]string
	// keyParams: plain handler inputs that may only name a row by a
	// unique field (key_params.go).
	keyParams map[string]bool
	// made holds the rows the rule has created so far (created_rows.go).
	made []*value
	// raises tags the preconditions of guards that raise with what they
	// raise (except_rules.go).
	raises map[*allium.Requires]raiseTag
	// foundOnly: rows required unless something after their try has
	// outcomes (foundOnlyRequires).
	foundOnly []foundOnlyRow
}

// scope is one function activation: the handler or an inlined helper.
type scope struct {
	// kwParam, kwGiven: in a decorator's wrapper, its **kwargs parameter
	// and the entries the wrapper gives it before handing it on to the
	// handler (decorator_kwargs.go).
	kwParam string
	kwGiven map[string]*value
	file    *facts.File
	vars    map[string]*value
	self    *value
	depth   int
	stack   []string
	ret     *value
	// retMixed: the function returns values that differ (true on one
	// path, false on another); its result is then not known.
	retMixed bool
	inlined  bool
	top      bool // statements here are at the rule's top level
	cls      *facts.Class
	returned bool
	// failWhen: the conditions under which this helper answered None
	// (absent_results.go).
	failWhen *[]allium.Expr
	// failChain: the else of an if that answers None (an elif chain of
	// checks).
	failChain bool
	// helper: the function inlined here, whose returns and parameters
	// say whether a bare return in it is an early end
	// (earlyEndOnAbsentRow).
	helper *facts.Function
	// carriedOn: the function a handler's tail call carries on in
	// (return check_token(request, ...)), whose parameters vars binds to
	// the call's arguments, as helper's are.
	carriedOn *facts.Function
	// defaulted: the helper's parameters its caller left to their
	// defaults (a token generator defaulting to the framework's:
	// reset_views.go defaultedTokenMaker).
	defaulted map[string]bool
	// outAt, outStart: where a helper's outcomes begin; lateFail: a
	// check of it refused after one (success_flags.go).
	outAt    *[]allium.Stmt
	outStart int
	lateFail bool
	// under: the conditions of the top-level ifs whose branch this is
	// (nested_guards.go); nil at the top level and in loop bodies.
	under allium.Expr
	// unstated: statements here run in a branch of an if whose
	// condition under does not state (a branch of an inlined helper's
	// if, or of one whose test the walk could not read); inlined calls
	// made here carry it.
	unstated bool
	// restUnder: set by an if of an inlined helper one of whose branches
	// returned, the condition the rest of the helper runs under
	// (helperReturned); stmts states the rest's outcomes under it.
	restUnder allium.Expr
	// unreadFails: how many of the helper's checks answering None the
	// walk could not read (unread_fail_checks.go); shared, like failWhen,
	// by every branch of one inlined helper.
	unreadFails *int
	// answered: the helper's failure answer (None, False) becomes the
	// request's answer, not its failure: the handler returns or drops the
	// helper's result, or a helper so called calls it
	// (unread_fail_checks.go).
	answered bool
	// ignored: nothing reads what this inlined helper answers (its call
	// is a statement of its own, or a helper so called returns it):
	// what it does after refusing holds only when it did not refuse
	// (ignored_answers.go).
	ignored bool
	// deferred: names a destructured request parameter binds to the
	// signed-in user (@Req() { body, user }), read only when the name is
	// (deferred_reads.go): taking the user out of the request is no
	// sign-in until something uses it.
	deferred map[string]*facts.Expr
	// caller: the scope of the function that called the helper inlined
	// here (secret_kinds.go reads the caller's other calls of it).
	caller *scope
	// entryUnder: an inlined helper's under when it was entered; what
	// under adds to it are the helper's own conditions (nestedFalseReturn).
	entryUnder allium.Expr
}

// setRet records a value the function returns. A None beside a value
// keeps the value: a lookup helper that returns None when it finds nothing
// still stands for its lookup. Two different values (True on one path,
// False on another) make the result unknown.
func (sc *scope) setRet(v *value) {
	switch {
	case v == nil:
	case sc.ret == nil || isNone(sc.ret) || notFound(sc.ret, v):
		sc.ret = v
	case sc.ret != v && mergeTuples(sc.ret, v) != nil:
		// return check, True under one condition, return check,
		// membership.is_rw under another (tuple_returns.go).
		sc.ret = mergeTuples(sc.ret, v)
	case sc.ret == v || sameValue(sc.ret, v) || isNone(v) || notFound(v, sc.ret):
	case sc.ret.kind == vPlumbing && v.kind == vEntity:
		// if (cached) return JSON.parse(cached), then the row looked up
		// (kutt's find, queries/user.queries.js:11-36): the copy a cache
		// keeps of the row stands for the row.
		sc.ret = v
	case sc.ret.kind == vEntity && v.kind == vPlumbing:
	case sc.ret.kind == vShape && v.kind == vShape:
		// form() returns one form or another (LoginRecaptchaForm or
		// LoginForm): either holds the request's input, read by field.
	default:
		sc.retMixed = true
	}
}

// isNone reports a returned None.
func isNone(v *value) bool {
	if v.kind != vExpr {
		return false
	}
	l, ok := v.expr.(*allium.Lit)
	return ok && l.Kind == allium.LitNull
}

func sameValue(a, b *value) bool {
	return a.kind == b.kind && a.kind == vExpr && exprKey(a.expr) == exprKey(b.expr)
}

// isEnumLiteral reports whether name is an enum literal somewhere in the
// service, so that a binding of that name would be ambiguous.
func (b *builder) isEnumLiteral(name string) bool {
	for _, lits := range b.statusLits {
		if slices.Contains(lits, name) {
			return true
		}
	}
	for _, en := range b.enumList {
		if slices.Contains(en.order, name) {
			return true
		}
	}
	return false
}

// dropParamsFrom forgets the parameters first used from index at on:
// those of branches whose outcomes were all left out (plane's
// `if not user.is_active: user_activation_email.delay(..., user.id)`,
// adapter/base.py:229, whose task looks a user up by an id the walk
// could not follow). A rule's trigger names only what its lines read; a
// parameter read again later is used again there.
func (rc *ruleCtx) dropParamsFrom(at int) {
	if at < 0 || at >= len(rc.params) {
		return
	}
	for _, p := range rc.params[at:] {
		delete(rc.paramSet, p)
	}
	rc.params = rc.params[:at]
}

// forgetParam removes one parameter the rule read for nothing.
func (rc *ruleCtx) forgetParam(name string) {
	delete(rc.paramSet, name)
	rc.params = slices.DeleteFunc(rc.params, func(p string) bool { return p == name })
}

func (rc *ruleCtx) useParam(name string) {
	if !rc.paramSet[name] {
		rc.paramSet[name] = true
		rc.params = append(rc.params, name)
	}
}

// periodicDecorators mark a job the scheduler runs by itself, whoever else
// calls it.
var periodicDecorators = []string{"periodic_task", "scheduled_job", "cron", "repeat_every"}

// invokedFunctions lists the functions of the service that its code calls
// or queues (f(...), f.delay(...), queue.enqueue(f, ...)): a task that
// runs only when called is part of its callers' rules, not one of its own.
func (b *builder) invokedFunctions() map[string]bool {
	// Each file's calls are resolved on the workers, into a list of its
	// own (callSites only reads once the calls are listed).
	files := b.ix.files
	lists := make([]*fileCalls, len(files))
	for i, f := range files {
		lists[i] = b.callSites(f)
	}
	found := make([][]string, len(files))
	b.runParallel(len(files), func(i int, ix *index) {
		f := files[i]
		note := func(e *facts.Expr) {
			if fr := ix.function(f, e); fr != nil {
				found[i] = append(found[i], fr.fn.QualName)
			}
		}
		cs := lists[i]
		for i, x := range cs.calls {
			if !cs.direct[i] {
				continue
			}
			switch m := x.Method(); {
			case m == "delay" || m == "apply_async" || m == "s" || m == "si":
				note(x.X.X)
			case (m == "enqueue" || m == "add_task" || m == "enqueue_call") && len(x.Args()) > 0:
				note(&x.Args()[0])
			case m == "":
				note(x)
			}
		}
	})
	called := map[string]bool{}
	for _, names := range found {
		for _, n := range names {
			called[n] = true
		}
	}
	return called
}

// hasDecorator reports whether fn has a decorator whose last segment is
// one of names.
func hasDecorator(fn *facts.Function, names []string) bool {
	for i := range fn.Decorators {
		n, _ := decoratorName(&fn.Decorators[i])
		if slices.Contains(names, facts.LastSegment(n)) {
			return true
		}
	}
	return false
}

// beatScheduled lists the tasks a Celery beat schedule names
// (CELERY_BEAT_SCHEDULE = {"x": {"task": "app.tasks.expire", ...}}, or
// app.conf.beat_schedule = {...}): they run on the schedule whoever else
// calls them.
func (b *builder) beatScheduled() map[string]bool {
	out := map[string]bool{}
	read := func(d *facts.Expr) {
		if d == nil || d.Kind != facts.ExprDict {
			return
		}
		for _, en := range d.Entries() {
			if en.Value.Kind != facts.ExprDict {
				continue
			}
			for _, kv := range en.Value.Entries() {
				if kv.Key != nil && kv.Key.Kind == facts.ExprString && kv.Key.Value() == "task" && kv.Value.Kind == facts.ExprString {
					name := b.ix.canonical(kv.Value.Value())
					if fr := b.ix.funcs[name]; fr != nil {
						out[fr.fn.QualName] = true
					} else if fr := packageMember(b.ix, name, b.ix.funcs, nil, nil, func(fr *funcRef) *facts.File { return fr.file }); fr != nil {
						out[fr.fn.QualName] = true
					}
				}
			}
		}
	}
	for _, f := range b.ix.files {
		for i := range f.Constants {
			if c := &f.Constants[i]; strings.Contains(strings.ToUpper(c.Name), "BEAT_SCHEDULE") {
				read(c.Value)
			}
		}
		for i := range f.Statements {
			st := &f.Statements[i]
			if st.Kind == facts.StmtAssign && len(st.Targets) == 1 && st.Targets[0].Kind == facts.ExprAttr && st.Targets[0].Name() == "beat_schedule" {
				read(st.Value)
			}
		}
	}
	return out
}

func (b *builder) buildRules() {
	// Which functions the service calls matters only for a job that is
	// not a class's: finding out walks every function body and resolves
	// every call, so it is done once, at the first such job, and not at
	// all for a service without one.
	var called, beat map[string]bool
	calledTask := func(h *handler) bool {
		if called == nil {
			called, beat = b.invokedFunctions(), b.beatScheduled()
		}
		return called[h.fn.QualName] && !beat[h.fn.QualName]
	}
	handlers := slices.DeleteFunc(b.findHandlers(), func(h *handler) bool {
		if h.job && h.class == nil && calledTask(h) && !b.scheduled[h.file.Path][h.fn.Name] && !hasDecorator(h.fn, periodicDecorators) {
			b.note("%s:%d: task %s runs when the service calls it; its outcomes are in its callers' rules", h.file.Path, h.fn.Line, h.fn.Name)
			return true
		}
		if h.job && h.class == nil && forwardsOnly(h.fn) {
			// def send_async_email(*args, **kwargs): send_email(*args, **kwargs)
			b.note("%s:%d: task %s only passes on the arguments it is given; what it does depends on its callers, none of which is here", h.file.Path, h.fn.Line, h.fn.Name)
			return true
		}
		return false
	})
	b.stats.Handlers = len(handlers)
	// The one rule of each class-based view method so far, by what it
	// states apart from its name.
	viewRules := map[string]*ruleOut{}
	// The steps of the service's decorators that run instead of the
	// handlers they wrap are found while reading those handlers, and
	// are read after them.
	for i := 0; i < len(handlers)+len(b.wrapperRests); i++ {
		if b.ctx.Err() != nil {
			return
		}
		var h *handler
		if i < len(handlers) {
			h = handlers[i]
		} else {
			h = b.wrapperRests[i-len(handlers)]
		}
		effects, rules := b.stats.EffectsSeen, len(b.rules)
		forked := b.handlerRules(h)
		if b.stats.EffectsSeen > effects {
			b.stateHandler(b.rules[rules:])
		}
		if len(b.rules) > rules && b.rules[rules].rule.Trigger.Kind == allium.TriggerExternal {
			stimulus, named := b.rules[rules].rule.Trigger.Name, b.rules[rules]
			if forked {
				// A limit counts every request of the handler, whichever
				// change it asks for (key_splits.go).
				stimulus, named = h.name, nil
			}
			b.rateLimits(h, stimulus, named)
		}
		if h.class != nil && len(b.rules) == rules+1 {
			b.sameViewBehaviour(viewRules, h, rules)
		}
	}
	if len(b.rules) > 0 {
		b.settingsLimits() // limit_settings.go
	}
	b.nameCollisionsByClass() // rule_class_names.go
	b.settleDurationComparisons()
	b.settleBoundNames() // bound_names.go
}

// sameViewBehaviour keeps one rule for the methods of a view that do the
// same thing (a logout view answering GET and POST alike): the POST's,
// which names the behaviour, else the first. The rule at index i is the
// one h just gave.
func (b *builder) sameViewBehaviour(seen map[string]*ruleOut, h *handler, i int) {
	r := b.rules[i]
	if r.rule.Trigger == nil || r.rule.Trigger.Kind != allium.TriggerExternal {
		return
	}
	c, t := *r.rule, *r.rule.Trigger
	c.Name, t.Name, c.Trigger = "", "", &t
	key := h.class.QualName + "\x00" + allium.PrintConstruct(&c)
	prev := seen[key]
	if prev == nil {
		seen[key] = r
		return
	}
	if h.fn.Name == "post" {
		if j := slices.Index(b.rules, prev); j >= 0 {
			b.note("%s:%d: the view's other method does what %s does; one rule, %s", h.file.Path, h.fn.Line, h.fn.Name, r.rule.Name)
			b.rules = slices.Delete(b.rules, j, j+1)
			b.ruleStandsFor(prev.rule, r.rule)
			seen[key] = r
			return
		}
	}
	b.note("%s:%d: handler %s does what %s states; no rule of its own", h.file.Path, h.fn.Line, h.fn.Name, prev.rule.Name)
	b.rules = b.rules[:i]
	b.ruleStandsFor(r.rule, prev.rule)
}

// ruleStandsFor records that the rule kept states what a dropped one
// did: the state-writing handler whose rule was dropped has its behaviour
// in the spec (the coverage line counts it as having a rule).
func (b *builder) ruleStandsFor(dropped, kept *allium.Rule) {
	for _, rules := range b.stateRules {
		for i, r := range rules {
			if r == dropped {
				rules[i] = kept
			}
		}
	}
}

func (b *builder) newRuleCtx(h *handler, name string) *ruleCtx {
	return &ruleCtx{b: b, h: h, name: name, paramSet: map[string]bool{}, lets: map[string]bool{}, assigned: map[string]allium.Expr{},
		cache: map[evalKey]*value{}}
}

// handlerRules gives the rules of h; it reports whether it walked h once
// per change the request's keys ask for (key_splits.go).
func (b *builder) handlerRules(h *handler) (forked bool) {
	effectsBefore, rulesBefore := b.stats.EffectsSeen, len(b.rules)
	b.unfollowed = nil
	outerReads := b.parentReads
	b.parentReads = nil
	defer func() {
		// What a handler with a rule read of a parent row is used;
		// what one with none read is not (a read-only view).
		if len(b.rules) > rulesBefore {
			for _, f := range b.parentReads {
				f.used = true
			}
		}
		b.parentReads = outerReads
	}()
	rc := b.newRuleCtx(h, h.name)
	sc := &scope{file: h.file, vars: map[string]*value{}, top: true, stack: []string{h.fn.QualName}, cls: h.class}
	rc.auth = b.handlerAuth(h)
	rc.adminRequires(sc)
	rc.modelPermissionRequires(sc)
	rc.activeUserRequires(sc)
	b.routeDependencies(rc, sc, h) // FastAPI resolves them first
	b.bindHandlerParams(rc, sc, h)
	rc.bindInjected(h, sc)
	rc.bindValidForm(h, sc)
	rc.bindSignal(h, sc)
	rc.decoratorGuards(h.file, h.fn, sc, &rc.ensures, 0)
	rc.viewDecoratorGuards(h, sc)
	rc.routeGuard(h, sc)
	h.bodyShape = rc.validatedBodyShape(h)
	rc.middlewareValidations(h, sc)
	rc.middlewareGuards(h, sc)
	rc.viewDispatch(h, sc)
	rc.rebindFormKwargs(h, sc)
	rc.viewThrottles(h, sc)
	if h.pwView != nil {
		rc.passwordViewRule(h.pwView, sc)
		rc.activeUserRequires(sc) // the view acts for the signed-in user
	}
	if h.tokenView != nil {
		rc.tokenViewRule(h.tokenView, sc)
	}
	if h.resetView != nil {
		rc.resetViewRule(h.resetView, sc)
	}
	if h.userRoute != nil {
		rc.userRouteRule(h.userRoute, sc)
	}
	rc.gateRequires(h, sc)
	rc.stmts(h.fn.Body(), sc, &rc.ensures)
	rc.unrequiredComparisons()
	rc.foundOnlyRequires()
	// An if whose branches only bind rows nothing reads states nothing:
	// without it a handler may have no outcome, and no rule.
	rc.ensures = dropUnreadBranchLets(rc.ensures, rc.body, rc.helperExits)
	var main *ruleOut
	if len(rc.ensures) > 0 && !rc.forked {
		// A handler whose outcomes the code all writes over with values
		// the spec cannot state (dropSuperseded, in finish) is left with
		// none, and has no rule.
		if main = rc.finish(h.fn.Line); len(rc.ensures) > 0 {
			b.rules = append(b.rules, main)
		} else {
			main = nil
		}
	}
	rc.finishPaths(rc)
	// Every path of the handler answers one stimulus: the same trigger,
	// with the parameters any path reads, so that their arity agrees.
	// The handler's own reading counts only when it is a rule: with no
	// main rule, what the rest of the handler read was read by constructs
	// left out (pretalx ProfileView.post, cfp/views/user.py:136-153: the
	// login form's validators read old_password, password and
	// password_repeat, auth.py:118-135/177-197, and stated nothing), and
	// the paths already carry what was read before they forked.
	// The handler's order of parameters is kept.
	var trigName string
	params := slices.Clone(rc.params)
	if main != nil {
		trigName = main.rule.Trigger.Name
	} else {
		params = slices.DeleteFunc(params, func(p string) bool { return !rc.pathReads(p) })
	}
	for _, x := range rc.extra {
		if x.shareParams == nil {
			continue
		}
		if trigName == "" {
			trigName = x.rule.Trigger.Name
		}
		for _, p := range x.params {
			if !slices.Contains(params, p) {
				params = append(params, p)
			}
		}
	}
	shared := func(r *ruleOut) {
		r.rule.Trigger.Name = trigName
		r.rule.Trigger.Params = nil
		for _, p := range params {
			r.rule.Trigger.Params = append(r.rule.Trigger.Params, allium.TriggerParam{Name: p})
		}
		r.params = slices.Clone(params)
	}
	if main != nil && main.external {
		shared(main)
	}
	for _, x := range rc.extra {
		if x.shareParams != nil {
			shared(x)
		}
		b.rules = append(b.rules, x)
	}
	rc.userThroughSession(b.rules[rulesBefore:])
	rc.dropUnreadRequestApp(b.rules[rulesBefore:])
	for _, r := range b.rules[rulesBefore:] {
		r.singletons = rc.singletonsRead
	}
	nameTokenParams(h, b.rules[rulesBefore:])
	if main == nil && len(rc.extra) == 0 && !h.job {
		fn := h.label()
		if b.stats.EffectsSeen > effectsBefore {
			b.note("%s:%d: handler %s changes state in ways the spec could not state (see the notes on its lines); no rule", h.file.Path, h.fn.Line, fn)
		} else if len(b.unfollowed) > 0 {
			b.note("%s:%d: handler %s states no effects, but what it calls is unread (%s); no rule", h.file.Path, h.fn.Line, fn, unfollowedList(b.unfollowed))
		} else {
			b.note("%s:%d: handler %s has no effects the spec can state; no rule", h.file.Path, h.fn.Line, fn)
		}
	}
	return rc.forked
}

// pathReads reports a parameter a path of the handler that shares its
// trigger reads.
func (rc *ruleCtx) pathReads(p string) bool {
	for _, x := range rc.extra {
		if x.shareParams != nil && slices.Contains(x.params, p) {
			return true
		}
	}
	return false
}

// finishPaths finishes the paths of x, depth first, as rules of the
// handler rc walks (they share its trigger).
func (rc *ruleCtx) finishPaths(x *ruleCtx) {
	for _, p := range x.paths {
		if p.unstatedCond != nil && rc.notToldApart(p) {
			// A branch whose condition the spec cannot state, with no
			// precondition that tells it from the handler's main rule:
			// the two rules would read as both happening on every
			// request (nestjs-microservice-boilerplate's reset-password
			// mail either resends a pending request's token or makes a
			// new request, never both). Its outcomes are a conditional
			// outcome that cannot be stated; paths inside it, under
			// conditions of their own, stay.
			p.unstatedCond("a branch whose condition could not be stated (its outcomes are left out)")
			rc.finishPaths(p)
			continue
		}
		if p.unstatedCond != nil {
			p.unstatedCond("the condition of a branch (its outcomes are kept as a rule of their own)")
		}
		if rc.samePath(p) {
			continue // two branches that do the same under the same conditions
		}
		ro := p.finish(p.line)
		if len(p.ensures) == 0 {
			// Every outcome written over with a value the spec cannot
			// state (dropSuperseded): no rule, as for a handler's own.
			rc.finishPaths(p)
			continue
		}
		if !p.ownTrigger {
			ro.shareParams = rc
		}
		ro.ownAction = p.ownTrigger
		rc.extra = append(rc.extra, ro)
		rc.finishPaths(p)
	}
}

// notToldApart reports a path that the handler's main rule (rc, when it
// states outcomes) cannot be told from by preconditions: unless each
// requires something the other does not, one reads as holding whenever
// the other does; a path of a trigger of its own is told apart by it. CTFd's confirm (the token must verify) and its resend
// (no token given) each require their own and are told apart.
func (rc *ruleCtx) notToldApart(p *ruleCtx) bool {
	if rc.forked {
		return false
	}
	if p.ownTrigger || (p.name != rc.name && p.name != rc.name+"Rejected") {
		// A rule of another trigger (healthchecks' sudo mode: the code
		// submitted, a form key's walk of its own) is told apart by it.
		return false
	}
	mine, theirs := requiresKeys(rc.body), requiresKeys(p.body)
	if len(rc.ensures) == 0 {
		if p.presencePath {
			return false // what a request that passes does
		}
		// A handler whose other ways through change nothing the spec
		// states: a branch requiring nothing of its own would read as
		// what every request does. wger's delete view
		// (core/views/user.py:180-190) signs the user out only when no
		// user_pk names another account; without that condition the
		// rule said every deletion signs its requester out.
		return subsetKeys(theirs, mine)
	}
	return subsetKeys(mine, theirs) || subsetKeys(theirs, mine)
}

// requiresKeys is the set of the preconditions in body, by their text.
func requiresKeys(body []allium.Stmt) map[string]bool {
	keys := map[string]bool{}
	for _, s := range body {
		if r, ok := s.(*allium.Requires); ok {
			keys[exprKey(r.Cond)] = true
		}
	}
	return keys
}

// subsetKeys says whether every key of a is in b.
func subsetKeys(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// samePath reports a path whose preconditions and outcomes repeat those
// of a rule already finished for this handler. A path of a trigger of its
// own (a form's button, a request key) repeats only a path of the same
// trigger: another button that does what this one's stated lines do is
// another thing a person can do. healthchecks' project page cancels a
// transfer with the owner's cancel_transfer button (hc/accounts/
// views.py:498-503) by the same bulk change that starts its transfer_
// project (views.py:486), whose other lines were left out; read as a
// repeat, ProjectCancelTransfer vanished with no note.
func (rc *ruleCtx) samePath(p *ruleCtx) bool {
	key := stmtsKey(p.body) + "\x00" + stmtsKey(p.ensures)
	if len(rc.ensures) > 0 && stmtsKey(rc.body)+"\x00"+stmtsKey(rc.ensures) == key {
		return true
	}
	if p.ownTrigger {
		key = p.name + "\x00" + key
	}
	if rc.pathKeys == nil {
		rc.pathKeys = map[string]bool{}
	}
	if rc.pathKeys[key] {
		return true
	}
	rc.pathKeys[key] = true
	return false
}

// wholeIf reports a sole conditional outcome (soleIf) that is all a
// handler does: the if is written in the handler's own body (not in a
// helper, where `if not x: create x` is the helper's get-or-create) and
// nothing of the handler was left out of the rule, so no outcome the
// spec does not state happens when the condition fails. Redash's
// verification_email: `if not current_user.is_email_verified:
// send_verify_email(...)`, then a message: the rule requires the user
// unverified. Three conditions stay conditional outcomes: an input's
// presence (`if exists name: user.name = name`, an optional input the
// request may leave out), an absence (`if not exists user.token:
// Token.created(...)`, get-or-create) and the presence of a row found
// by another key than the request's row (foundByOtherKey).
func (rc *ruleCtx) wholeIf(ifs *allium.If) bool {
	p, fn := ifs.Prov, rc.h.fn
	if rc.leftOut > 0 || p == nil || rc.h.file == nil || p.File != rc.h.file.Path || p.Line < fn.Line || p.Line > fn.EndLine || rc.answeredAlikeAt[p.Line] {
		return false
	}
	switch c := ifs.Branches[0].Cond.(type) {
	case *allium.Unary:
		if c.Op == allium.OpNot {
			if inner, ok := c.X.(*allium.Unary); ok && inner.Op == allium.OpExists {
				return false
			}
		}
		if id, ok := c.X.(*allium.Ident); ok && c.Op == allium.OpExists && rc.paramSet[id.Name] {
			return false
		}
	}
	// A row found by another key (if (user) after a lookup by the email
	// sent, medusa's reset-password-token.ts:104): the request is
	// answered the same whether it exists or not, so the outcomes are
	// conditional, as kutt's reset (auth.handler.js:243) reads.
	return !rc.foundByOtherKey(ifs.Branches[0].Cond)
}

// soleIf reports outcomes that are one if with one branch and no else.
func soleIf(list []allium.Stmt) (*allium.If, bool) {
	if len(list) != 1 {
		return nil, false
	}
	ifs, ok := list[0].(*allium.If)
	if !ok || len(ifs.Branches) != 1 || len(ifs.Else) > 0 || len(ifs.Branches[0].Body) == 0 {
		return nil, false
	}
	return ifs, true
}

func stmtsKey(list []allium.Stmt) string {
	var sb strings.Builder
	for _, s := range list {
		sb.WriteString(allium.PrintConstruct(s))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// uniqueRuleName is name, numbered when a rule or trigger has it already
// (two handlers of one name in two modules).
func (b *builder) uniqueRuleName(name string) string {
	n := b.ruleName[name]
	b.ruleName[name] = n + 1
	if n > 0 {
		return name + itoa(n+1)
	}
	return name
}

// finish turns the context into a rule with an external trigger (or the
// temporal trigger set for a job loop).
func (rc *ruleCtx) finish(line int) *ruleOut {
	b := rc.b
	name := b.uniqueRuleName(rc.name + rc.kindSuffix)
	if rc.kindSuffix == "" && name != rc.name {
		rc.renameNotes(name)
	}
	trigName := name
	if rc.kindSuffix != "" {
		// One kind of a webhook's events: the rule is the kind's, the
		// trigger the handler's (webhook_events.go).
		trigName = b.uniqueRuleName(rc.name)
	}
	r := &allium.Rule{Meta: b.meta(rc.h.file, line), Name: name}
	r.Doc = rc.docs
	for _, from := range slices.Sorted(maps.Keys(rc.idParams)) {
		mergeIDParam(rc, from, rc.idParams[from].row)
	}
	for _, from := range slices.Sorted(maps.Keys(rc.unreadKeyRows)) {
		mergeIDParam(rc, from, rc.unreadKeyRows[from])
	}
	rc.keyParamsAsRows()
	rc.spentTokenLookups()
	trig := rc.trigger
	external := trig == nil
	if trig == nil {
		// Two handlers of one name (in two modules) are two triggers.
		trig = &allium.Trigger{Meta: b.meta(rc.h.file, rc.h.fn.Line), Kind: allium.TriggerExternal, Name: trigName}
		for _, p := range rc.params {
			trig.Params = append(trig.Params, allium.TriggerParam{Name: p})
		}
	}
	r.Trigger = trig
	rc.pinPreStateConditions()
	rc.pinPreStateReads()
	rc.ensures = joinSameConditions(rc.ensures)
	rc.ensures = dropSuperseded(rc.ensures)
	for _, s := range rc.body {
		if req, ok := s.(*allium.Requires); ok {
			if p, on := rc.paramReqs[req]; on && !rc.paramSet[p] {
				continue
			}
		}
		r.Body = append(r.Body, s)
	}
	r.Body = dropRestatedLookups(r.Body)
	r.Body = rc.dropOnlyMatchReads(r.Body)
	r.Body = settleDisjunctions(r.Body)
	r.Body = rc.tokenRowsExist(r.Body)
	r.Body = rc.branchRequirements(r.Body)
	r.Body = requiresOnce(r.Body)
	if ifs, ok := soleIf(rc.ensures); ok && rc.required(ifs.Branches[0].Cond) {
		// The outcomes' condition is one the rule requires already (a
		// lookup it requires, then if (user) {...}): they hold whenever
		// the rule applies.
		rc.ensures = ifs.Branches[0].Body
	} else if ok && (!external || rc.wholeIf(ifs) || rc.helperExits[ifs] && isPresence(ifs.Branches[0].Cond) && !rc.foundByOtherKey(ifs.Branches[0].Cond)) {
		// A rule no caller waits on (a signal, a schedule) that does
		// nothing unless a condition holds applies only when it holds;
		// so does a handler whose own body does nothing else (wholeIf),
		// and one whose every outcome comes after a helper's early
		// return on the row the request names (medusa's delete: if
		// (!user) return, then softRemove). A row found by another key
		// (kutt's update by email: if (!user) return {}) keeps its if:
		// the request is answered the same whether it exists or not.
		// An early return on the row's state (parse-server's
		// regenerateEmailVerifyToken while the token is still valid,
		// UserController.js:203) is no absence: the request succeeds
		// there too, and the if stays.
		r.Body = append(r.Body, &allium.Requires{Meta: ifs.Meta, Cond: ifs.Branches[0].Cond})
		rc.ensures = ifs.Branches[0].Body
	}
	r.Body = rc.dropFilterReqsOfTestedRows(r.Body) // secretlookup.go
	rc.writesOnActingUser(r.Body, rc.ensures)
	unnameUnreadCreations(rc.ensures, r.Body)
	rc.ensures = dropUnreadLookupLets(rc.ensures, r.Body)
	r.Body = rc.b.dropPartialLets(r.Body, rc.ensures)
	if om := rc.onlyMatch; om != nil && len(rc.ensures) > 0 {
		// The one match: its outcomes, for each of the matches.
		rc.ensures = []allium.Stmt{&allium.For{Meta: allium.Meta{Prov: rc.ensures[0].Info().Prov}, Var: om.user,
			Coll: &allium.Ident{Name: om.matches}, Body: rc.ensures}}
	}
	if len(rc.ensures) > 0 {
		// One ensures block: lets of created instances stay visible to
		// the outcomes after them.
		en := &allium.Ensures{Meta: allium.Meta{Prov: rc.ensures[0].Info().Prov}, Body: rc.ensures}
		if len(rc.ensures) == 1 {
			// A single outcome prints on the ensures line, which carries
			// its provenance.
			switch rc.ensures[0].(type) {
			case *allium.Assign, *allium.ExprStmt:
				rc.ensures[0].Info().Prov = nil
			}
		}
		r.Body = append(r.Body, en)
	}
	if external {
		rc.dropUnreadHelperRows(r)
		rc.dropPresentedSecrets(r)
	}
	ro := &ruleOut{rule: r, auth: rc.auth, keySurface: rc.keySurface, subjectTypes: rc.subjectTypes, external: external, job: rc.h.job, params: slices.Clone(rc.params)}
	if rc.kindSuffix == "" && external && trig.Name == name && rc.h.class != nil {
		ro.baseName, ro.class = rc.name, rc.h.class
	}
	return ro
}

func itoa(n int) string { return strconv.Itoa(n) }

// bindHandlerParams binds the handler's parameters: path and query
// values become parameters, request shapes expose their fields, the
// current user is the acting user, injected services are plumbing.
func (b *builder) bindHandlerParams(rc *ruleCtx, sc *scope, h *handler) {
	for i, p := range h.fn.Params {
		if p.Kind == facts.ParamVarKeyword || p.Kind == facts.ParamVarPositional {
			if h.class != nil && h.job {
				continue
			}
			if h.mutation && p.Kind == facts.ParamVarKeyword {
				// the mutation's input
				sc.vars[p.Name] = &value{kind: vReqDict, declared: b.mutationArguments(h)}
				continue
			}
			if p.Kind != facts.ParamVarKeyword || rc.keysGiven != nil {
				// not **kwargs, or the request's keys are decided already
			} else if keys := b.schemaKwargs(h); keys != nil {
				// @use_kwargs(user_schema) def update_user(**kwargs): the
				// body's fields (schema_kwargs.go).
				// Only those keys: a spread of it into a model sets no
				// other column (spreadKeys).
				sc.vars[p.Name] = &value{kind: vReqDict, declared: keys}
				rc.keysGiven, rc.keysMayLack = keys, true
				continue
			}
			sc.vars[p.Name] = &value{kind: vPlumbing}
			continue
		}
		if i == 0 && b.isReceiver(p.Name) {
			sc.vars[p.Name] = &value{kind: vPlumbing, recvClass: h.class}
			if p.Name == b.selfName() && h.class != nil {
				if obj := rc.viewInstance(h); obj != nil {
					sc.vars[p.Name] = obj
				}
				rc.bindControllerDependencies(h, sc.vars[p.Name], sc)
			}
			continue
		}
		if len(b.lang.RequestParams) > 0 && decoratedBy(p.Decorators, b.lang.RequestDecorators) {
			// @Req() { body, user }: the request, destructured as a
			// parameter named req would be.
			req := p
			if req.Name == "" {
				req.Name = b.lang.RequestParams[0]
			}
			sc.vars[req.Name] = &value{kind: vPlumbing, param: "request"}
			rc.bindPattern(&req, sc)
			continue
		}
		if slices.Contains(b.lang.RequestParams, p.Name) {
			sc.vars[p.Name] = &value{kind: vPlumbing, param: "request"}
			continue
		}
		if h.mutation && slices.Contains(b.lang.ResolverContextParams, p.Name) {
			sc.vars[p.Name] = &value{kind: vPlumbing} // graphene's root, info
			continue
		}
		if i == 0 && h.callback {
			// sendVerificationRequest({identifier, url}): what the library
			// hands the callback are its inputs.
			sc.vars[p.Name] = &value{kind: vReqDict}
			rc.bindPattern(&p, sc)
			continue
		}
		if i == 1 && len(h.segmentKeys) > 0 {
			// The route context ({params}): its keys hold the path's
			// values, request inputs as the body's are.
			attrs := map[string]*value{}
			for _, k := range h.segmentKeys {
				attrs[k] = &value{kind: vReqDict}
			}
			sc.vars[p.Name] = &value{kind: vObject, attrs: attrs}
			rc.bindPattern(&p, sc)
			continue
		}
		if v := b.shapeClassDefault(h.file, &p); v != nil {
			sc.vars[p.Name] = v
			continue
		}
		if rq := b.lang.RequestContexts; rq != nil && slices.Contains(rq.Params, p.Name) {
			sc.vars[p.Name] = &value{kind: vPlumbing, param: requestContext}
			continue
		}
		if h.job {
			sc.vars[p.Name] = &value{kind: vParam, param: bindingName(p.Name)}
			continue
		}
		if an := annotationHead(p.Annotation); an != "" && catalog.Match(b.lang.RequestForms, an) {
			// form_data: OAuth2PasswordRequestForm = Depends(): its
			// fields (username, password) are the request's inputs.
			sc.vars[p.Name] = &value{kind: vShape}
			continue
		}
		if b.subjectParam(h.file, &p) {
			if types := b.nonUserSubject(h.file, &p); types != nil {
				// AuthSubject[Customer | Member]: the caller is no
				// user; its subject is none the spec names.
				// The dependencies that take the subject see the same
				// one (subjectValue).
				rc.subjectTypes = types
				rc.subject = unknownValue
				sc.vars[p.Name] = unknownValue
				rc.subjectDependency(h.file, &p, sc, nil, 0)
				continue
			}
			sc.vars[p.Name] = rc.subjectValue()
			rc.subjectDependency(h.file, &p, sc, nil, 0)
			continue
		}
		if rc.bindDependency(h.file, &p, sc) {
			continue
		}
		if b.currentUserDecorated(h.file, &p) {
			sc.vars[p.Name] = rc.currentUserNamed(bindingName(p.Name))
			continue
		}
		if p.Annotation != nil {
			if cr := b.ix.class(h.file, p.Annotation); cr != nil && b.shapes[cr.qual()] != nil {
				sc.vars[p.Name] = &value{kind: vShape, shape: cr}
				rc.bindPattern(&p, sc)
				continue
			}
			if base, variants := b.unionShape(h.file, p.Annotation); base != nil {
				// product_create: ProductCreate, a union of schemas
				// (polar's product/endpoints.py:136).
				sc.vars[p.Name] = &value{kind: vShape, shape: base, variants: variants}
				rc.bindPattern(&p, sc)
				continue
			}
			if cr := b.ix.class(h.file, p.Annotation); cr != nil {
				if e := b.entByQual[cr.qual()]; e != nil {
					sc.vars[p.Name] = &value{kind: vEntity, ent: e.name, expr: &allium.Ident{Name: bindingName(p.Name)}, param: bindingName(p.Name)}
					continue
				}
			}
			if e := b.modelTypeEntity(h.file, p.Annotation); e != nil {
				sc.vars[p.Name] = &value{kind: vEntity, ent: e.name, expr: &allium.Ident{Name: bindingName(p.Name)}, param: bindingName(p.Name)}
				continue
			}
			if b.plumbingAnnotation(&p) {
				sc.vars[p.Name] = &value{kind: vPlumbing}
				continue
			}
		}
		if b.wholeBodyParam(&p) {
			// @Body() body: { name: string }: the request body itself,
			// its type no request shape of the service; body.name is
			// the input name.
			sc.vars[p.Name] = &value{kind: vReqDict}
			rc.bindPattern(&p, sc)
			continue
		}
		if b.unroutedDefault(h, &p) {
			// new_email=None of a view no route gives it to (url_routes.go)
			var scratch []allium.Stmt
			sc.vars[p.Name] = rc.eval(p.Default, sc, &scratch, false)
			continue
		}
		n := b.keyParamName(h, &p)
		if n != "" {
			if rc.keyParams == nil {
				rc.keyParams = map[string]bool{}
			}
			rc.keyParams[n] = true
		}
		sc.vars[p.Name] = &value{kind: vParam, param: n, optional: b.declaredOptional(h.file, p.Annotation, p.Default)}
	}
}

// currentUserDecorated reports a parameter decorated by a decorator the
// service makes to hand the handler the signed-in user: a module constant
// made of a call given a function that returns the request's user
// (createParamDecorator((data, ctx) => ...getContext().req.user)).
func (b *builder) currentUserDecorated(f *facts.File, p *facts.Param) bool {
	for i := range p.Decorators {
		made := b.decoratorFactoryCall(f, &p.Decorators[i])
		if made == nil || len(made.Args()) == 0 {
			continue
		}
		fn := made.Args()[0].Func()
		if made.Args()[0].Kind != facts.ExprFunction || fn == nil || len(fn.Body()) == 0 {
			continue
		}
		ret := fn.Body()[len(fn.Body())-1]
		if x := ret.Value; ret.Kind == facts.StmtReturn && x != nil && x.Kind == facts.ExprAttr && x.X != nil && x.X.Kind == facts.ExprAttr &&
			slices.Contains(b.lang.Auth.CurrentUserNames, x.X.Name()+"."+x.Name()) {
			return true
		}
	}
	return false
}

// bindPattern binds the names a destructured parameter takes from the
// value bound to the parameter (`{ email, password }: LoginInput`: the
// request shape's fields), as `const { email, password } = input` would.
func (rc *ruleCtx) bindPattern(p *facts.Param, sc *scope) {
	if p.Pattern == nil || p.Pattern.Kind != facts.ExprDict {
		return
	}
	whole := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: p.Name, Raw: p.Name, Line: p.Line})
	if p.Name == "" {
		whole.SetName("(param " + itoa(p.Line) + ")") // no identifier can collide with it
		whole.SetRaw(whole.Name())
		sc.vars[whole.Name()] = sc.vars[p.Name]
	}
	var scratch []allium.Stmt
	rc.destructure(p.Pattern, whole, sc, &scratch, p.Line)
}

// routeDependencies runs the dependencies a route lists in its decorator
// (@router.delete(path, dependencies=[Depends(get_current_superuser)])):
// they run before the handler as its parameters' do, their guards are
// preconditions and their values unused.
func (b *builder) routeDependencies(rc *ruleCtx, sc *scope, h *handler) {
	for i := range h.fn.Decorators {
		d := &h.fn.Decorators[i]
		if d.Kind != facts.ExprCall {
			continue
		}
		list := d.Keyword("dependencies")
		if list == nil || (list.Kind != facts.ExprList && list.Kind != facts.ExprTuple) {
			continue
		}
		for j := range list.Args() {
			b.runDependency(rc, sc, h.file, &list.Args()[j])
		}
	}
	for _, d := range h.routerDeps {
		b.runDependency(rc, sc, d.file, d.dep)
	}
}

// runDependency runs one entry of a dependencies list written in file f
// (Depends(get_current_superuser)) before the handler: its guards are
// preconditions, its value unused.
func (b *builder) runDependency(rc *ruleCtx, sc *scope, f *facts.File, entry *facts.Expr) {
	dep := dependency(&facts.Param{Default: entry})
	if dep == nil || len(dep.Args()) == 0 {
		return
	}
	fn := &dep.Args()[0]
	if rc.objectDependency(f, fn, sc) {
		return // an object of the service whose call checks the request (permission_objects.go)
	}
	rc.auth = max(rc.auth, b.dependencyAuth(f, fn, 0))
	a := b.lang.Auth
	if catalog.MatchAny(a.Dependencies, fn.Raw(), facts.LastSegment(fn.Raw())) || catalog.MatchAny(a.AdminDependencies, fn.Raw(), facts.LastSegment(fn.Raw())) {
		b.adoptUserEntity(f, fn)
		rc.userDependency(f, fn, facts.LastSegment(fn.Raw()), sc, 0)
		return
	}
	// No parameter names the value: a row it loads keeps the name the
	// dependency gives it (polar's get_admin returns user_session,
	// backoffice/dependencies.py:29), not the function's name.
	rc.dependencyValue(f, fn, "", sc, 0)
}

// bindDependency binds p, when its default (or its annotation's alias) is
// a dependency (FastAPI's Depends), to what the dependency gives: the
// acting user, the settings, a credential the request presents, or the
// result of a dependency of the service, whose guards become
// preconditions. False when p has no dependency.
func (rc *ruleCtx) bindDependency(f *facts.File, p *facts.Param, sc *scope) bool {
	b := rc.b
	// current_user: CurrentUser may be an alias of Annotated[User, Depends(...)].
	dep, depFile := b.paramDependency(f, p)
	if dep == nil {
		return false
	}
	var fnExpr *facts.Expr
	if len(dep.Args()) > 0 {
		fnExpr = &dep.Args()[0]
	}
	level := b.dependencyAuth(depFile, fnExpr, 0)
	rc.auth = max(rc.auth, level)
	name := ""
	if fnExpr != nil {
		name = fnExpr.Raw()
	}
	last := facts.LastSegment(name)
	switch {
	case catalog.MatchAny(b.lang.Auth.Dependencies, name, last), catalog.MatchAny(b.lang.Auth.AdminDependencies, name, last):
		b.adoptUserEntity(depFile, fnExpr)
		if v := rc.userDependency(depFile, fnExpr, p.Name, sc, 0); v != nil {
			rc.schemaView(v, f, p.Annotation)
			sc.vars[p.Name] = v
			return true
		}
		sc.vars[p.Name] = rc.currentUserNamed(bindingName(strings.TrimPrefix(p.Name, "_")))
		rc.schemaView(sc.vars[p.Name], f, p.Annotation)
	case strings.Contains(strings.ToLower(name), "settings"):
		sc.vars[p.Name] = &value{kind: vSettings}
	case b.isCredentialScheme(depFile, fnExpr):
		// token: str = Depends(oauth2_scheme): the credential
		// the request presents is an input.
		sc.vars[p.Name] = &value{kind: vParam, param: bindingName(p.Name)}
	default:
		// A dependency of the service (get_organisation,
		// require_org_admin) runs before the handler: its guards
		// are preconditions and its result the parameter's value.
		if v := rc.dependencyValue(depFile, fnExpr, p.Name, sc, 0); v != nil {
			sc.vars[p.Name] = v
			return true
		}
		if fr := b.ix.function(depFile, fnExpr); fr != nil && fr.fn.Returns != nil {
			if cr := b.ix.class(fr.file, fr.fn.Returns); cr != nil {
				if e := b.entByQual[cr.qual()]; e != nil && !strings.HasPrefix(p.Name, "_") {
					n := bindingName(p.Name)
					sc.vars[p.Name] = &value{kind: vEntity, ent: e.name, expr: &allium.Ident{Name: n}, param: n}
					return true
				}
			}
		}
		sc.vars[p.Name] = &value{kind: vPlumbing}
	}
	return true
}

// bindControllerDependencies gives self, in a method of a class-based
// controller (the catalog's controller_decorators: fastapi-utils' @cbv,
// mealie's @controller), the dependencies its class attributes declare,
// its bases' included: mealie's BaseUserController has user: PrivateUser
// = Depends(get_current_user) (routes/_base/base_controllers.py:137), so
// self.user in a route is the acting user, as a parameter with that
// default would be. A nearer class's attribute hides a base's. Only the
// attributes the route reads (self.user) and those that can turn the
// request away (that authenticate, or raise: get_integration_id decodes
// the token, core/dependencies/dependencies.py:126-132) are bound: every
// request runs them all, but a translator made from the Accept-Language
// header is no input of a rule that never reads it.
func (rc *ruleCtx) bindControllerDependencies(h *handler, self *value, sc *scope) {
	b := rc.b
	if self == nil || !decoratedBy(h.class.Decorators, b.lang.ControllerDecorators) {
		return
	}
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		return
	}
	read := map[string]bool{}
	visitFile(&facts.File{Functions: []facts.Function{*h.fn}}, func(x *facts.Expr) {
		if x.Kind == facts.ExprAttr && x.X != nil && b.isSelf(x.X) {
			read[x.Name()] = true
		}
	}, nil)
	for _, c := range b.ix.lineage(cr) {
		for i := range c.class.Fields {
			a := &c.class.Fields[i]
			if a.Value == nil || a.Name == "" || self.attrs[a.Name] != nil {
				continue
			}
			p := facts.Param{Name: a.Name, Annotation: a.Annotation, Default: a.Value, Line: a.Line}
			if !read[a.Name] {
				dep, depFile := b.paramDependency(c.file, &p)
				if dep == nil || len(dep.Args()) == 0 || !b.dependencyMayRefuse(depFile, &dep.Args()[0]) {
					continue
				}
			}
			saved, had := sc.vars[a.Name]
			if rc.bindDependency(c.file, &p, sc) {
				if self.attrs == nil {
					self.attrs = map[string]*value{}
				}
				self.attrs[a.Name] = sc.vars[a.Name]
			}
			if had {
				sc.vars[a.Name] = saved
			} else {
				delete(sc.vars, a.Name)
			}
		}
	}
}

// dependencyMayRefuse says whether the dependency fn can turn a request
// away: it authenticates, or it is a function of the service that raises.
func (b *builder) dependencyMayRefuse(f *facts.File, fn *facts.Expr) bool {
	if b.dependencyAuth(f, fn, 0) != 0 {
		return true
	}
	fr := b.ix.function(f, fn)
	if fr == nil {
		return false
	}
	raises := false
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		raises = raises || s.Kind == facts.StmtRaise
		return !raises
	})
	return raises
}

// viewInstance is the view object a class-based view's handler runs on,
// when the service builds it with arguments (Flask's
// View.as_view("name", service_factory=make_service)): its constructor
// keeps them, so self.service_factory() runs make_service. nil when the
// view is built without arguments.
func (rc *ruleCtx) viewInstance(h *handler) *value {
	b := rc.b
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		return nil
	}
	init := b.ix.method(cr, "__init__")
	reg, ok := b.viewRegistrations()[cr]
	if init == nil || !ok {
		return rc.factoryInstance(cr)
	}
	obj := &value{kind: vObject, repo: cr, attrs: map[string]*value{}}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: reg.call.Line()})
	call.SetKeywords(reg.call.Keywords())
	rc.inline(init, obj, call, &scope{file: reg.file, vars: map[string]*value{}}, &rc.ensures)
	return obj
}

// viewRegistration is a View.as_view("name", k=v) call with arguments.
type viewRegistration struct {
	file *facts.File
	call *facts.Expr
}

// viewRegistrations finds, once per service, the first as_view call with
// arguments of each view class, in file order.
func (b *builder) viewRegistrations() map[*classRef]viewRegistration {
	if b.asViews != nil {
		return b.asViews
	}
	b.asViews = map[*classRef]viewRegistration{}
	for _, f := range b.ix.files {
		visit := func(body []facts.Stmt) {
			facts.Walk(body, func(s *facts.Stmt) bool {
				s.Value.Any(func(x *facts.Expr) bool {
					if x.Kind == facts.ExprCall && x.Method() == "as_view" && len(x.Keywords()) > 0 {
						if cr := b.ix.class(f, x.X.X); cr != nil {
							if _, seen := b.asViews[cr]; !seen {
								b.asViews[cr] = viewRegistration{file: f, call: x}
							}
						}
					}
					return false
				})
				return true
			})
		}
		visit(f.Statements)
		for i := range f.Functions {
			visit(f.Functions[i].Body())
		}
	}
	return b.asViews
}

// annotationHead names the type an annotation gives, through
// Annotated[T, ...]: its dotted name as written.
func annotationHead(a *facts.Expr) string {
	if a == nil {
		return ""
	}
	if a.Kind == facts.ExprSubscript && a.X != nil && facts.LastSegment(a.X.Raw()) == "Annotated" && a.Y != nil {
		inner := a.Y
		if inner.Kind == facts.ExprTuple && len(inner.Args()) > 0 {
			inner = &inner.Args()[0]
		}
		return inner.Raw()
	}
	return a.Raw()
}

// dependency returns the Depends(...) call of a parameter, in its default
// or inside Annotated[..., Depends(...)].
func dependency(p *facts.Param) *facts.Expr {
	var found *facts.Expr
	var visit func(e *facts.Expr)
	visit = func(e *facts.Expr) {
		if e == nil || found != nil {
			return
		}
		if e.Kind == facts.ExprCall {
			if n := facts.LastSegment(e.Raw()); n == "Depends" || n == "Security" {
				found = e
				return
			}
		}
		visit(e.X)
		visit(e.Y)
		for i := range e.Args() {
			visit(&e.Args()[i])
		}
	}
	visit(p.Default)
	visit(p.Annotation)
	return found
}

// currentUser is the signed-in user: a parameter of the trigger, named
// "user" unless the handler has a local of that name.
func (rc *ruleCtx) currentUser() *value {
	if rc.signedInAs != nil {
		return rc.signedInAs
	}
	return rc.currentUserNamed(rc.currentUserName())
}

// currentUserName is the name of the signed-in user's parameter: "user"
// unless the handler has a local of that name.
func (rc *ruleCtx) currentUserName() string {
	if rc.h != nil && rc.assignsOtherUser(rc.h.fn.Body()) || rc.routeNamesUser() || rc.lets["user"] || rc.urlRows["user"] {
		// A let of that name (a helper's lookup) is another user; so is
		// the row a route segment names by its id, and the user a
		// view's get_object finds (paperless-ngx's UserViewSet.destroy,
		// paperless/views.py:195-203).
		return "current_user"
	}
	return "user"
}

// yieldSignedInName renames the signed-in user's parameter to
// current_user when a row the request names by its id is about to take
// its name: currentUserName looks for a clashing local only in the
// handler's own body, and a helper's `user = User.objects.get(id=user_id)`
// would otherwise be the same parameter as the admin deleting it (baserow's
// UserAdminHandler.delete_user, core/admin/users/handler.py:144-165, read
// `requires: user != user`). The identifier is renamed where it stands, so
// the clauses and the values that already hold it follow.
func (rc *ruleCtx) yieldSignedInName(name string) {
	u := rc.userVal
	if u == nil || u.kind != vEntity || u.param != name || name == "current_user" || rc.paramSet["current_user"] || rc.lets["current_user"] {
		return
	}
	renameParam(rc, name, "current_user")
	if id, ok := u.expr.(*allium.Ident); ok {
		id.Name = "current_user"
	} else {
		u.expr = &allium.Ident{Name: "current_user"}
	}
	u.param = "current_user"
}

// routeNamesUser reports a file route with a segment holding a user's id
// (users/[userId]/route.ts): the user the request acts on, which a
// change by that id names user (rowByIDParam), is not the signed-in one.
func (rc *ruleCtx) routeNamesUser() bool {
	ent := rc.b.userEntity()
	return rc.h != nil && ent != "" && slices.ContainsFunc(rc.h.segments, func(seg string) bool { return snake(seg) == snake(lastWord(ent))+"_id" })
}

// assignsOtherUser reports a local named user that the handler assigns
// something other than the signed-in user: `user = request.user` only
// names the signed-in user again.
func (rc *ruleCtx) assignsOtherUser(body []facts.Stmt) bool {
	found := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign && (len(s.Targets) != 1 || s.Value == nil || s.Value.Raw() == "" ||
			!slices.Contains(rc.b.lang.Auth.CurrentUserNames, s.Value.Raw()) && !rc.b.currentUserCall(s.Value)) {
			for _, t := range s.Targets {
				if t.Kind == facts.ExprName && t.Name() == "user" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// currentUserCall reports a call, without arguments, of one of the
// functions that give the signed-in user (catalog auth.dependencies:
// user = get_current_user()).
func (b *builder) currentUserCall(e *facts.Expr) bool {
	return e.Kind == facts.ExprCall && e.X != nil && len(e.Args()) == 0 && len(e.Keywords()) == 0 &&
		catalog.MatchAny(b.lang.Auth.Dependencies, e.X.Raw(), facts.LastSegment(e.X.Raw()))
}

func (rc *ruleCtx) currentUserNamed(name string) *value {
	if rc.userVal != nil && rc.userVal == rc.quietUser && rc.auth == authNone {
		rc.auth = authUser
	}
	if rc.userVal == nil {
		ent := rc.b.userEntity()
		if ent == "" || name == "" {
			rc.userVal = &value{kind: vUnknown}
		} else {
			if rc.auth == authNone {
				rc.auth = authUser
			}
			rc.userVal = &value{kind: vEntity, ent: ent, expr: &allium.Ident{Name: name}, param: name}
		}
	}
	return rc.userVal
}

// dependencyAuth says what signing in a dependency requires, following
// dependencies of dependencies (require_org_admin -> get_current_user).
func (b *builder) dependencyAuth(f *facts.File, fn *facts.Expr, depth int) authLevel {
	if fn == nil || depth > 4 {
		return authNone
	}
	a := b.lang.Auth
	name, last := fn.Raw(), facts.LastSegment(fn.Raw())
	switch {
	case catalog.MatchAny(a.AdminDependencies, name, last):
		return authAdmin
	case catalog.MatchAny(a.Dependencies, name, last):
		return authUser
	}
	fr := b.ix.function(f, fn)
	if fr == nil {
		return authNone
	}
	level := authNone
	for i := range fr.fn.Params {
		if dep, depFile := b.paramDependency(fr.file, &fr.fn.Params[i]); dep != nil && len(dep.Args()) > 0 {
			level = max(level, b.dependencyAuth(depFile, &dep.Args()[0], depth+1))
		}
	}
	if b.adminGate(fr) {
		level = max(level, authAdmin)
	}
	return level
}

// handlerAuth reads the auth decorators and permission classes.
func (b *builder) handlerAuth(h *handler) authLevel {
	level := h.auth // middleware of a route registered by a call
	check := func(d *facts.Expr) {
		name, call := decoratorName(d)
		level = max(level, b.decoratorAuth(name))
		if facts.LastSegment(name) == "permission_classes" && call != nil {
			for i := range call.Args() {
				level = max(level, b.permissionLevel(&call.Args()[i]))
			}
		}
	}
	for i := range h.fn.Decorators {
		check(&h.fn.Decorators[i])
	}
	if h.class != nil {
		for i := range h.class.Decorators {
			check(&h.class.Decorators[i])
		}
		// A URL conf's login_required(View.as_view()) (wrapped_views.go).
		level = max(level, b.wrappedViewAuth(h.class.QualName))
		// The decorators the class lists for its methods (decorators =
		// [login_required]), its own or a base's.
		for _, l := range b.viewDecoratorLists(h) {
			for i := range l.listed {
				check(&l.listed[i])
			}
		}
		// The class's own permission_classes, else the nearest base's
		// (a mixin of the service that protects every view built on it).
		if cr := b.ix.classes[h.class.QualName]; cr != nil {
			if v, vf := b.classField(cr, b.permissionClassesAttr()); v != nil {
				level = max(level, b.permissionLevel(v))
				level = max(level, b.ownPermissionLevel(vf, v))
			}
			switch {
			case b.matchBases(cr, b.lang.Auth.AdminMixins):
				level = max(level, authAdmin)
			case b.matchBases(cr, b.lang.Auth.Mixins):
				level = max(level, authUser)
			}
		}
	}
	return level
}

// decoratorAuth is the level an auth decorator of the catalog named name
// requires; authNone for any other decorator.
func (b *builder) decoratorAuth(name string) authLevel {
	switch a := b.lang.Auth; {
	case catalog.MatchAny(a.AdminDecorators, name):
		return authAdmin
	case catalog.MatchAny(a.Decorators, name):
		return authUser
	}
	return authNone
}

func (b *builder) permissionLevel(e *facts.Expr) authLevel {
	a := b.lang.Auth
	level := authNone
	eachPermissionClass(e, func(e *facts.Expr) {
		if catalog.MatchAny(a.AdminPermissionClasses, e.Raw()) {
			level = max(level, authAdmin)
		} else if catalog.MatchAny(a.PermissionClasses, e.Raw()) {
			level = max(level, authUser)
		}
	})
	return level
}

// ownPermissionLevel is authUser when a permission class of the service
// listed in e answers has_permission with one return that holds only for
// a signed-in user: wger's RoutinePermission returns request.user and
// request.user.is_authenticated (manager/api/permissions.py), so its
// RoutineViewSet (manager/api/views.py:88-94) serves no visitor.
func (b *builder) ownPermissionLevel(file *facts.File, e *facts.Expr) authLevel {
	a := b.lang.Auth
	if file == nil || a == nil || len(a.SignedInChecks) == 0 {
		return authNone
	}
	level := authNone
	eachPermissionClass(e, func(e *facts.Expr) {
		if e.Kind != facts.ExprName && e.Kind != facts.ExprAttr {
			return
		}
		cr := b.ix.class(file, e)
		if cr == nil {
			return
		}
		fr := b.ix.funcs[qual(cr.qual(), "has_permission")]
		if fr == nil || len(fr.fn.Params) < 2 {
			return
		}
		body := fr.fn.Body()
		if len(body) == 0 || body[len(body)-1].Kind != facts.StmtReturn {
			return
		}
		for i := range body[:len(body)-1] {
			if body[i].Kind != facts.StmtExpr || body[i].Value == nil || body[i].Value.Kind != facts.ExprString {
				return // only a docstring before the return
			}
		}
		req := fr.fn.Params[1].Name
		if signedInConjunct(body[len(body)-1].Value, req, a.SignedInChecks) {
			level = authUser
		}
	})
	return level
}

// signedInConjunct reports a test that holds only when one of its
// conjuncts, <req>.user.<check>, does.
func signedInConjunct(x *facts.Expr, req string, checks []string) bool {
	if x == nil {
		return false
	}
	if x.Kind == facts.ExprBoolOp {
		return x.Op() == "and" && (signedInConjunct(x.X, req, checks) || signedInConjunct(x.Y, req, checks))
	}
	return x.Kind == facts.ExprAttr && slices.Contains(checks, x.Name()) && x.X != nil && x.X.Kind == facts.ExprAttr &&
		x.X.Name() == "user" && x.X.X != nil && x.X.X.Kind == facts.ExprName && x.X.X.Name() == req
}

// eachPermissionClass calls fn with e and every element nested in it (a
// permission_classes tuple, a decorator's list).
func eachPermissionClass(e *facts.Expr, fn func(*facts.Expr)) {
	if e == nil {
		return
	}
	fn(e)
	for i := range e.Args() {
		eachPermissionClass(&e.Args()[i], fn)
	}
}

// userEntity names the entity that signed-in users are.
func (b *builder) userEntity() string {
	if b.userEnt != "" {
		return b.userEnt
	}
	if b.entByName["User"] != nil {
		b.userEnt = "User"
		return "User"
	}
	for _, e := range b.entList {
		if b.matchBases(e.ref, b.lang.UserBases) {
			b.userEnt = e.name
			return e.name
		}
	}
	if e := b.usersTableEntity(); e != nil {
		b.userEnt = e.name
		return e.name
	}
	if e := b.passwordEntity(); e != nil {
		b.userEnt = e.name
		return e.name
	}
	return ""
}

// passwordEntity is the one entity that keeps a password (a field named
// password, password_hash, hashed_password...): the accounts people sign in
// with, whatever the service calls them (Account). Nil when none or
// several do.
func (b *builder) passwordEntity() *entityInfo {
	if all := b.passwordEntities(); len(all) == 1 {
		return all[0]
	}
	return nil
}

// passwordEntities are the entities that keep a password, in order.
func (b *builder) passwordEntities() []*entityInfo {
	var all []*entityInfo
	for _, e := range b.entList {
		if e.isBase || e.weak {
			continue
		}
		if slices.ContainsFunc(e.fields, func(f *fieldInfo) bool {
			return !f.drop && strings.Contains(f.name, "password") && !strings.Contains(f.name, "token")
		}) {
			all = append(all, e)
		}
	}
	return all
}

// dependencyValue runs a service dependency (FastAPI Depends) in the
// rule: its own dependencies are resolved the same way (once per request,
// as FastAPI caches them), its guards become preconditions. It returns nil
// when fn is not a function of the service.
func (rc *ruleCtx) dependencyValue(f *facts.File, fn *facts.Expr, pname string, sc *scope, depth int) *value {
	return rc.dependencyValueIn(f, fn, pname, sc, nil, depth)
}

// dependencyValueIn is dependencyValue for a dependency named where the
// variables vars are in scope: a factory's arguments
// (Depends(WebUserAuthorizer(required_scopes))) read them.
func (rc *ruleCtx) dependencyValueIn(f *facts.File, fn *facts.Expr, pname string, sc *scope, vars map[string]*value, depth int) *value {
	b := rc.b
	if fn == nil || depth > rc.b.maxDepth {
		return nil
	}
	var fr *funcRef
	key := ""
	if fn.Kind == facts.ExprCall {
		// Depends(WebUserAuthorizer(scopes)): the function the call makes.
		fr = rc.dependencyFactory(f, fn, vars, depth)
		key = "(" + f.Path + ":" + strconv.Itoa(fn.Line()) + ")" // one callable per factory call
	} else {
		fr = b.ix.function(f, fn)
	}
	if fr == nil {
		return nil
	}
	key = fr.fn.QualName + key
	if rc.deps == nil {
		rc.deps = map[string]*value{}
	}
	if v, ok := rc.deps[key]; ok {
		return v
	}
	rc.deps[key] = unknownValue // a cycle reads as unknown
	inner := &scope{file: fr.file, vars: map[string]*value{}, depth: depth + 1, stack: append(slices.Clone(sc.stack), fr.fn.QualName),
		inlined: true, top: true}
	maps.Copy(inner.vars, fr.closure)
	for i := range fr.fn.Params {
		p := &fr.fn.Params[i]
		if b.subjectParam(fr.file, p) {
			// auth_subject: Annotated[AuthSubject[User], Depends(...)]:
			// the signed-in subject, whose own dependency checks it
			// first.
			inner.vars[p.Name] = rc.subjectValue()
			rc.subjectDependency(fr.file, p, sc, inner.vars, depth+1)
			continue
		}
		if dep, depFile := b.paramDependency(fr.file, p); dep != nil && len(dep.Args()) > 0 {
			a := b.lang.Auth
			name, last := dep.Args()[0].Raw(), facts.LastSegment(dep.Args()[0].Raw())
			switch {
			case catalog.MatchAny(a.Dependencies, name, last), catalog.MatchAny(a.AdminDependencies, name, last):
				inner.vars[p.Name] = rc.userDependency(depFile, &dep.Args()[0], p.Name, sc, depth+1)
				if inner.vars[p.Name] == nil {
					inner.vars[p.Name] = rc.currentUserNamed(bindingName(p.Name))
				}
			case b.isCredentialScheme(depFile, &dep.Args()[0]):
				// The credential the request presents, as the handler
				// names it when it takes it too (FastAPI runs the scheme
				// once per request).
				inner.vars[p.Name] = &value{kind: vParam, param: rc.credentialName(p.Name)}
			default:
				vars := inner.vars
				if dependency(p) == nil {
					vars = nil // an alias's module binds none of the function's names
				}
				if v := rc.dependencyValueIn(depFile, &dep.Args()[0], p.Name, sc, vars, depth+1); v != nil {
					inner.vars[p.Name] = v
				} else {
					inner.vars[p.Name] = &value{kind: vPlumbing}
				}
			}
			continue
		}
		// A path parameter of the dependency: the entity it loads is the
		// trigger's parameter, named after the handler's parameter.
		inner.vars[p.Name] = &value{kind: vParam, param: bindingName(p.Name)}
	}
	before := len(rc.params)
	rc.stmts(fr.fn.Body(), inner, &rc.ensures)
	v := inner.ret
	if v == nil {
		v = unknownValue
	}
	if v.kind == vEntity && v.param != "" && isSnake(bindingName(pname)) && !strings.HasPrefix(pname, "_") {
		// db.get(Organisation, organisation_id) bound to `organisation`.
		n := bindingName(pname)
		if id, ok := v.expr.(*allium.Ident); ok && id.Name != n && !rc.paramSet[n] {
			renameParam(rc, id.Name, n)
			v = &value{kind: vEntity, ent: v.ent, expr: &allium.Ident{Name: n}, param: n}
		}
	}
	for _, p := range rc.params[before:] {
		if strings.HasSuffix(p, "_id") {
			// The id the dependency looked its entity up by.
			delete(rc.paramSet, p)
			rc.params = slices.DeleteFunc(rc.params, func(x string) bool { return x == p })
		}
	}
	rc.deps[key] = v
	return v
}

// dependencyFactory is the function a dependency factory of the service
// returns when called as call (Depends(WebUserAuthorizer({Scope.user_write}))
// where WebUserAuthorizer defines `async def dependency(...)` and returns
// it), with the factory's parameters bound to the call's arguments as the
// closure its body reads. The arguments are read in file f, where vars are
// in scope. nil when call is no call of such a factory.
func (rc *ruleCtx) dependencyFactory(f *facts.File, call *facts.Expr, vars map[string]*value, depth int) *funcRef {
	if call.Kind != facts.ExprCall || call.X == nil {
		return nil
	}
	factory := rc.b.ix.function(f, call.X)
	if factory == nil || len(factory.fn.Body()) == 0 {
		return nil
	}
	last := factory.fn.Body()[len(factory.fn.Body())-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprName {
		return nil
	}
	returned := definedIn(factory.fn.Body(), last.Value.Name())
	if returned == nil {
		return nil
	}
	args := &scope{file: f, vars: map[string]*value{}, depth: depth, inlined: true}
	maps.Copy(args.vars, vars)
	closure := &scope{file: factory.file, vars: map[string]*value{}, depth: depth, inlined: true}
	var discarded []allium.Stmt // evaluating arguments states nothing
	rc.bindCallParams(factory, nil, call, args, closure, &discarded)
	return &funcRef{file: factory.file, fn: returned, closure: closure.vars}
}

// subjectDependency runs, for its guards, the dependency that yields an
// auth-subject parameter (auth_subject: AuthorizeWebUserWriteFresh, an
// alias of Annotated[AuthSubject[User], Depends(WebUserAuthorizerFresh(...))]);
// the parameter's value is the subject itself (subjectValue). vars are the
// variables in scope where the parameter is declared.
func (rc *ruleCtx) subjectDependency(f *facts.File, p *facts.Param, sc *scope, vars map[string]*value, depth int) {
	dep, depFile := dependency(p), f
	if dep == nil {
		dep, depFile = rc.b.aliasedDependency(f, p)
		vars = nil // the alias's module binds none of them
	}
	if dep == nil || len(dep.Args()) == 0 {
		return
	}
	rc.dependencyValueIn(depFile, &dep.Args()[0], p.Name, sc, vars, depth)
}

// userDependency runs a current-user dependency of the service
// (get_current_user) in the rule: its guards are preconditions, and the
// user it yields is the current user. A dependency that verifies the
// credential the request presents and loads the user it names yields
// that token's user (token.user). nil when fn is no function of the
// service or yields no user the spec can name.
func (rc *ruleCtx) userDependency(f *facts.File, fn *facts.Expr, pname string, sc *scope, depth int) *value {
	b := rc.b
	ent := b.userEntity()
	fr := b.ix.function(f, fn)
	if fr == nil || ent == "" {
		return nil
	}
	cred := rc.dependencyCredential(fr.file, fn, 0)
	if cred == "" || rc.ownsName(cred) {
		return nil
	}
	if v, ok := rc.deps[fr.fn.QualName]; ok {
		return v
	}
	// What the rule was before: a dependency whose user is not the
	// token's leaves it as it was, the current user a parameter.
	saved := *rc
	saved.body, saved.ensures, saved.params = slices.Clone(rc.body), slices.Clone(rc.ensures), slices.Clone(rc.params)
	saved.paramSet, saved.deps = maps.Clone(rc.paramSet), maps.Clone(rc.deps)
	notes, stats := maps.Clone(b.notes), *b.stats
	var lookups []*query
	outer := rc.subjectLookups
	rc.subjectLookups = &lookups
	v := rc.dependencyValue(f, fn, pname, sc, depth)
	rc.subjectLookups = outer
	u := &value{kind: vEntity, ent: ent, expr: &allium.Member{X: &allium.Ident{Name: cred}, Name: "user"}}
	if v != nil && (v.kind == vUnknown && rc.paramSet[cred] || v == rc.credUser && v != nil || v.kind == vEntity && v.ent == ent && allium.ExprString(v.expr) == allium.ExprString(u.expr)) {
		// It verified the credential and loaded the user it names (or
		// took that user from another dependency, or found it by the
		// token's subject: token.user).
		if rc.auth == authNone {
			rc.auth = authUser
		}
		if v.kind == vEntity {
			u = v
		}
		rc.userVal, rc.credUser = u, u
		if n := len(fr.fn.Body()); n > 0 && fr.fn.Body()[n-1].Kind == facts.StmtRaise {
			// It answers only with the user it found, else fails: the
			// user must meet the lookups' other filters.
			rc.subjectFilters(lookups, u.expr, sc, fr.fn.Body()[n-1].Line())
		}
		rc.deps[fr.fn.QualName] = u
		return u
	}
	*rc = saved
	b.notes, *b.stats = notes, stats
	return nil
}

// subjectFilters requires of the user a token names (user) the flags the
// lookups of that user by the token's subject filter on
// (crud_users.get(username=<subject>, is_deleted=False): not
// token.user.is_deleted).
func (rc *ruleCtx) subjectFilters(lookups []*query, user allium.Expr, sc *scope, line int) {
	for _, q := range lookups {
		for _, c := range q.conds {
			l, ok := c.val.(*allium.Lit)
			if !ok || l.Kind != allium.LitBool || c.op != allium.OpEq || len(c.path) > 0 {
				continue
			}
			var cond allium.Expr = &allium.Member{X: user, Name: c.field}
			if l.Text == "false" {
				cond = &allium.Unary{Op: allium.OpNot, X: cond}
			}
			rc.requires(cond, sc, line)
		}
	}
}

// dependencyCredential names the credential a security scheme hands a
// dependency fn, directly or through the dependencies it takes; "" when
// it takes none.
func (rc *ruleCtx) dependencyCredential(f *facts.File, fn *facts.Expr, depth int) string {
	b := rc.b
	fr := b.ix.function(f, fn)
	if fr == nil || depth > 4 {
		return ""
	}
	for i := range fr.fn.Params {
		p := &fr.fn.Params[i]
		dep, depFile := b.paramDependency(fr.file, p)
		if dep == nil || len(dep.Args()) == 0 {
			continue
		}
		if b.isCredentialScheme(depFile, &dep.Args()[0]) {
			return rc.credentialName(p.Name)
		}
		if c := rc.dependencyCredential(depFile, &dep.Args()[0], depth+1); c != "" {
			return c
		}
	}
	return ""
}

// ownsName reports a handler parameter of that name that is no
// credential of a security scheme, or a field of that name of the
// request body it declares (an invitation token in the body).
func (rc *ruleCtx) ownsName(name string) bool {
	for i := range rc.h.fn.Params {
		p := &rc.h.fn.Params[i]
		if p.Annotation != nil {
			// body: InvitationAccept with a token field of its own.
			if cr := rc.b.ix.class(rc.h.file, p.Annotation); cr != nil && rc.b.shapes[cr.qual()] != nil &&
				slices.ContainsFunc(cr.class.Fields, func(f facts.Assignment) bool { return bindingName(f.Name) == name }) {
				return true
			}
		}
		if bindingName(p.Name) != name {
			continue
		}
		dep, depFile := rc.b.paramDependency(rc.h.file, p)
		return dep == nil || len(dep.Args()) == 0 || !rc.b.isCredentialScheme(depFile, &dep.Args()[0])
	}
	return false
}

// credentialName names the credential a dependency's parameter pname
// receives from a security scheme: the handler's own parameter that takes
// a scheme's credential, or pname.
func (rc *ruleCtx) credentialName(pname string) string {
	for i := range rc.h.fn.Params {
		p := &rc.h.fn.Params[i]
		if dep, depFile := rc.b.paramDependency(rc.h.file, p); dep != nil && len(dep.Args()) > 0 && rc.b.isCredentialScheme(depFile, &dep.Args()[0]) {
			return bindingName(p.Name)
		}
	}
	return bindingName(pname)
}

// renameParam renames a parameter already used in the rule's clauses.
// mergeIDParam states an input id through the entity looked up by it:
// current_user.id != user_id, then user = User.query.get(user_id), reads
// current_user != user, and user_id is no parameter of its own.
func mergeIDParam(rc *ruleCtx, from, to string) {
	if from == to || !rc.paramSet[from] || !rc.paramSet[to] {
		return
	}
	rc.params = slices.DeleteFunc(rc.params, func(p string) bool { return p == from })
	delete(rc.paramSet, from)
	dropLiteralIDTests(rc, from)
	renameOwned(rc, from, to)
}

// dropLiteralIDTests leaves out the preconditions that compare the input
// id from with a literal before from is merged into the row it names:
// mealie's delete_user refuses item_id == 1 (routes/users/crud.py:53-54),
// a test of the key's value that the row, which the spec names in its
// place, cannot be compared by (user_to_delete != 1).
func dropLiteralIDTests(rc *ruleCtx, from string) {
	rc.body = slices.DeleteFunc(rc.body, func(st allium.Stmt) bool {
		r, ok := st.(*allium.Requires)
		if !ok || !literalTestOf(r.Cond, from) {
			return false
		}
		path, line := rc.h.file.Path, 0
		if r.Prov != nil {
			path, line = r.Prov.File, r.Prov.Line
		}
		rc.leaveOutAt(path, line, LeftOutGuard, "a test of the input id "+from+" against a literal")
		return true
	})
}

// literalTestOf reports x a comparison of the name id with a number or a
// text (not null: a test that the id was given stays a test of the row).
func literalTestOf(x allium.Expr, id string) bool {
	b, ok := x.(*allium.Binary)
	if !ok || b.Op != allium.OpEq && b.Op != allium.OpNe {
		return false
	}
	isID := func(e allium.Expr) bool { n, ok := e.(*allium.Ident); return ok && n.Name == id }
	isLit := func(e allium.Expr) bool {
		l, ok := e.(*allium.Lit)
		return ok && (l.Kind == allium.LitNumber || l.Kind == allium.LitString)
	}
	return isID(b.X) && isLit(b.Y) || isLit(b.X) && isID(b.Y)
}

func renameParam(rc *ruleCtx, from, to string) {
	for i, p := range rc.params {
		if p == from {
			rc.params[i] = to
			delete(rc.paramSet, from)
			rc.paramSet[to] = true
		}
	}
	renameIdent(rc, from, to)
}

// renameIdent renames a name in the rule's clauses.
func renameIdent(rc *ruleCtx, from, to string) {
	ren := func(e allium.Expr) bool {
		if id, ok := e.(*allium.Ident); ok && id.Name == from {
			id.Name = to
		}
		return true
	}
	allium.WalkStmts(append(slices.Clone(rc.body), rc.ensures...), func(s allium.Stmt) bool {
		for _, x := range allium.StmtExprs(s) {
			allium.Inspect(x, ren)
		}
		return true
	})
}

// forwardsOnly reports a function that takes only *args and **kwargs and
// does nothing but call another function with them.
func forwardsOnly(fn *facts.Function) bool {
	if len(fn.Params) == 0 {
		return false
	}
	for _, p := range fn.Params {
		if p.Kind != facts.ParamVarPositional && p.Kind != facts.ParamVarKeyword {
			return false
		}
	}
	body := fn.Body()
	if len(body) > 0 && body[0].Kind == facts.StmtExpr && body[0].Value != nil && body[0].Value.Kind == facts.ExprString {
		body = body[1:] // the docstring
	}
	if len(body) != 1 || body[0].Value == nil || body[0].Value.Kind != facts.ExprCall {
		return false
	}
	if k := body[0].Kind; k != facts.StmtExpr && k != facts.StmtReturn {
		return false
	}
	call := body[0].Value
	for _, a := range call.Args() {
		if a.Kind != facts.ExprStarred {
			return false
		}
	}
	for _, k := range call.Keywords() {
		if k.Name != "**" {
			return false
		}
	}
	return len(call.Args())+len(call.Keywords()) > 0
}

// foundByOtherKey reports a condition that a row the rule looked up, not
// one the trigger takes as a parameter or the secret it presents names,
// exists (exists user, with user a let of User{email}).
func (rc *ruleCtx) foundByOtherKey(cond allium.Expr) bool {
	u, ok := cond.(*allium.Unary)
	if !ok || u.Op != allium.OpExists {
		return false
	}
	id, ok := u.X.(*allium.Ident)
	return ok && !rc.paramSet[id.Name] && !rc.foundByToken(id.Name)
}

// unnameUnreadCreations turns back into a plain creation each
// `let x = E.created(...)` of ensures that nothing in the rule reads: a
// reference that named it (a row's id handed to a change the spec then
// could not state, novu's Intercom hash of the new user) left no trace.
//
// It looks into the branches of ifs too: plane's PUT creates the work
// item its lookup did not find in the else of the lookup's if (a let the
// walk made for the refetch that follows, api/views/issue.py:677-688).
func unnameUnreadCreations(ensures, body []allium.Stmt) {
	unnameUnreadCreationsIn(ensures, ensures, body)
}

// unnameUnreadCreationsIn is unnameUnreadCreations over list, a block of
// the rule's ensures all.
func unnameUnreadCreationsIn(list, all, body []allium.Stmt) {
	for i, s := range list {
		if ifs, ok := s.(*allium.If); ok {
			for _, br := range ifs.Branches {
				unnameUnreadCreationsIn(br.Body, all, body)
			}
			unnameUnreadCreationsIn(ifs.Else, all, body)
			continue
		}
		let, ok := s.(*allium.Let)
		if !ok || !isCreation(let.Value) || readsName(let.Name, body) || readsName(let.Name, all) {
			continue
		}
		list[i] = &allium.ExprStmt{Meta: let.Meta, X: let.Value}
	}
}

// dropUnreadLookupLets leaves out of ensures each let of a row looked up,
// not created, that no clause of the rule reads: it states nothing, and
// the binding alone reads as if the outcomes needed it (mealie's
// RegisterNewUser, whose helper looks the email up to refuse a taken
// one, services/user_services/registration_service.py:86, left let
// result = User{email} after requires: not exists User{email}).
//
// It looks into the branches of ifs too, and leaves out an if whose
// branches held only such lets: healthchecks' front views inline
// _get_project_for_user (front/views.py:171-183), whose membership lookup
// after two early returns became `if not user.is_superuser: if user !=
// project.owner: let membership = Member{project, user}`, an outcome that
// says nothing (branchRequirements states what the lookup requires).
func dropUnreadLookupLets(ensures, body []allium.Stmt) []allium.Stmt {
	return untilSettled(ensures, func(list []allium.Stmt) []allium.Stmt { return dropUnreadLookupLetsIn(list, list, body, nil) })
}

// untilSettled applies drop to list until it leaves nothing more out: a
// let read only by an if that was left out is unread then (plane's
// TransferCycleIssue, app/views/cycle/base.py:599-616, bound old_cycle
// for `if exists old_cycle: let current_cycle = ...`). Each round leaves
// out at least one statement, so the rounds are bounded by their count.
func untilSettled(list []allium.Stmt, drop func([]allium.Stmt) []allium.Stmt) []allium.Stmt {
	for range 16 {
		next := drop(list)
		if stmtCount(next) == stmtCount(list) {
			return next
		}
		list = next
	}
	return list
}

// stmtCount is the number of statements in list, nested ones included.
func stmtCount(list []allium.Stmt) int {
	n := 0
	allium.WalkStmts(list, func(allium.Stmt) bool { n++; return true })
	return n
}

// dropUnreadLookupLetsIn is dropUnreadLookupLets over list, a block of
// the rule's ensures all. A let's own value never names it, so all is
// searched whole for reads.
func dropUnreadLookupLetsIn(list, all, body []allium.Stmt, exits map[*allium.If]bool) []allium.Stmt {
	return dropUnreadLets(list, all, body, true, exits)
}

// dropUnreadBranchLets is dropUnreadLookupLets for the ifs of ensures
// alone: the lets at its top level stay for the rule's later readings.
func dropUnreadBranchLets(ensures, body []allium.Stmt, exits map[*allium.If]bool) []allium.Stmt {
	return untilSettled(ensures, func(list []allium.Stmt) []allium.Stmt { return dropUnreadLets(list, list, body, false, exits) })
}

// dropUnreadLets leaves out of list the unread lookup lets of its ifs'
// branches (and the ifs they leave empty), and its own unread lookup
// lets when topLets is set.
func dropUnreadLets(list, all, body []allium.Stmt, topLets bool, exits map[*allium.If]bool) []allium.Stmt {
	var kept []allium.Stmt
	for _, s := range list {
		switch st := s.(type) {
		case *allium.Let:
			if _, lookup := st.Value.(*allium.Join); topLets && lookup && !isCreation(st.Value) && !readsName(st.Name, body) && !readsName(st.Name, all) {
				continue
			}
		case *allium.If:
			ifs, keep := dropLetsInIf(st, all, body, exits)
			if !keep {
				continue
			}
			s = ifs
		}
		kept = append(kept, s)
	}
	return kept
}

// dropLetsInIf is ifs with the unread lookup lets of its branches left
// out, and false when that left every branch empty; ifs itself when it
// left nothing out.
func dropLetsInIf(ifs *allium.If, all, body []allium.Stmt, exits map[*allium.If]bool) (allium.Stmt, bool) {
	dropped, empty, someEmpty := false, true, false
	cp := *ifs
	cp.Branches = slices.Clone(ifs.Branches)
	for i := range cp.Branches {
		b := dropUnreadLookupLetsIn(cp.Branches[i].Body, all, body, exits)
		dropped = dropped || !slices.Equal(b, cp.Branches[i].Body)
		cp.Branches[i].Body = b
		empty = empty && len(b) == 0
		someEmpty = someEmpty || len(b) == 0
	}
	if ifs.Else != nil {
		e := dropUnreadLookupLetsIn(ifs.Else, all, body, exits)
		dropped = dropped || !slices.Equal(e, ifs.Else)
		cp.Else = e
		empty = empty && len(e) == 0
		someEmpty = someEmpty || len(e) == 0
	}
	switch {
	case dropped && empty:
		return nil, false
	case !dropped || someEmpty:
		// A branch left with nothing to state keeps the if whole: its
		// condition still tells the branches apart.
		return ifs, true
	}
	if exits[ifs] {
		// The copy is still the inlined helper's early return the
		// original was (finish reads helperExits by the clause): saleor's
		// create_order_from_checkout returns when its re-read checkout is
		// gone (checkout/complete_checkout.py:1605) before
		// _create_order_discount binds checkout.discounts.first() (:1301),
		// a row nothing reads, left out here.
		exits[&cp] = true
	}
	return &cp, true
}

// dropPartialLets leaves out of body each let of a lookup stated by its
// keys alone (partialLookups) that nothing in the rule reads: the row it
// names is not the one the code found (a comparison of its filter is left
// out), and with no clause reading it the binding states nothing
// (warehouse's needs_tos_flash, accounts/services.py:705, whose result
// only decides a flash message).
func (b *builder) dropPartialLets(body, ensures []allium.Stmt) []allium.Stmt {
	if len(b.partialLookups) == 0 {
		return body
	}
	kept := body[:0:0]
	for i, s := range body {
		if let, ok := s.(*allium.Let); ok && let.Prov != nil && b.partialLookups[let.Prov.File+":"+strconv.Itoa(let.Prov.Line)] &&
			!readsName(let.Name, body[i+1:]) && !readsName(let.Name, ensures) {
			continue
		}
		kept = append(kept, s)
	}
	return kept
}

// isCreation reports an E.created(...) call.
func isCreation(e allium.Expr) bool {
	call, ok := e.(*allium.Call)
	if !ok {
		return false
	}
	m, ok := call.Fun.(*allium.Member)
	return ok && m.Name == "created"
}

// readsName reports whether any statement of stmts (nested ones included)
// reads the identifier name.
func readsName(name string, stmts []allium.Stmt) bool {
	return slices.ContainsFunc(stmts, func(s allium.Stmt) bool { return stmtMentions(s, name) })
}

// isPresence reports a condition that a row is there: exists x, or x !=
// null.
func isPresence(c allium.Expr) bool {
	switch x := c.(type) {
	case *allium.Unary:
		return x.Op == allium.OpExists
	case *allium.Binary:
		lit, ok := x.Y.(*allium.Lit)
		return x.Op == allium.OpNe && ok && lit.Kind == allium.LitNull
	}
	return false
}

// dropPresentedSecrets leaves off r's trigger the inputs a row standing
// for its input was found by (notePresentedSecrets) that no clause of r
// reads: the row is what the caller presents.
func (rc *ruleCtx) dropPresentedSecrets(r *allium.Rule) {
	for _, p := range slices.Sorted(maps.Keys(rc.presentedSecrets)) {
		if !rc.paramSet[p] || r.Trigger.Cond != nil && mentionsIdent(r.Trigger.Cond, p) ||
			slices.ContainsFunc(r.Body, func(s allium.Stmt) bool { return stmtMentions(s, p) }) {
			continue
		}
		rc.forgetParam(p)
		r.Trigger.Params = slices.DeleteFunc(r.Trigger.Params, func(q allium.TriggerParam) bool { return q.Name == p })
	}
}

// dropUnreadHelperRows leaves off r's trigger the rows a helper found
// under a local of its own that nothing in r reads: testing it for its
// own early return (if not result: return None) made it a parameter, but
// no clause says what it is, and the request gives no such thing
// (mealie's get_current_user: repos.users.get_one(token_data.user_id) by
// the token's subject, core/dependencies/dependencies.py:116, its result
// tested at repos/repository_generic.py:157-160; RefreshToken(token,
// result) stated the user as token.user and result as an input).
func (rc *ruleCtx) dropUnreadHelperRows(r *allium.Rule) {
	stands := map[string]bool{} // rows an input id stands for: the request names them
	for _, id := range rc.idParams {
		stands[id.row] = true
	}
	for _, p := range slices.Clone(rc.params) {
		if !rc.helperBindings[p] || stands[p] || r.Trigger.Cond != nil && mentionsIdent(r.Trigger.Cond, p) ||
			slices.ContainsFunc(r.Body, func(s allium.Stmt) bool { return stmtMentions(s, p) }) {
			continue
		}
		rc.params = slices.DeleteFunc(rc.params, func(q string) bool { return q == p })
		delete(rc.paramSet, p)
		r.Trigger.Params = slices.DeleteFunc(r.Trigger.Params, func(q allium.TriggerParam) bool { return q.Name == p })
	}
}

// wholeBodyParam reports a parameter a request-body decorator given no
// key fills with the whole body (NestJS's @Body() body; @Body('id') id is
// one input, a parameter as any other).
func (b *builder) wholeBodyParam(p *facts.Param) bool {
	for i := range p.Decorators {
		d := &p.Decorators[i]
		if d.Kind == facts.ExprCall && d.X != nil && catalog.MatchAny(b.lang.RequestBodyCalls, d.X.Resolved(), d.X.Raw()) &&
			len(d.Args()) == 0 && len(d.Keywords()) == 0 {
			return true
		}
	}
	return false
}
