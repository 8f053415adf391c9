package distill

// A user-management library's routers (fastapi-users): the service makes
// the library's object on its user model and manager and mounts the
// routers its methods make,
//
//	fastapi_users = FastAPIUsers[User, uuid.UUID](get_user_manager, [auth_backend])
//	app.include_router(fastapi_users.get_register_router(UserRead, UserCreate), prefix="/auth")
//
// so the routes are the library's code, which the service never holds,
// and only the manager's hooks (class UserManager(BaseUserManager):
// async def on_after_register(self, user, request=None): ...) are the
// service's. The catalog (user_routers) says what each route does; the
// rule states it and then the service's hook, inlined:
//
//	rule Register {
//	    when: Register(email, password)
//	    let existing_user = User{email}
//	    requires: not exists existing_user
//	    ensures: User.created(email: email, hashed_password: hash(password), is_active: true, is_verified: false)
//	}

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// libraryRoute is a library route a handler stands for: the catalog's
// entry, the user entity it works on and the service's manager class
// (nil when the service has none: the library's hooks do nothing).
type libraryRoute struct {
	route   catalog.UserRoute
	ent     string
	manager *classRef
	// mount is the factory's call (fastapi_users.get_auth_router(
	// auth_backend)), in the handler's file.
	mount *facts.Expr
}

// userRouterHandlers are the library routes of the routers the service
// mounts at module level: one handler per route, the first mount of a
// route standing for any other.
func (b *builder) userRouterHandlers() []*handler {
	ur := b.lang.UserRouters
	if ur == nil || len(ur.Factories) == 0 || len(b.lang.RouterMounts) == 0 {
		return nil
	}
	var out []*handler
	seen := map[string]bool{}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		// Mounts at module level, and at the top level of a module
		// function's body (an application factory's); one under an if
		// is mounted only on a condition the rule could not state.
		stmts := make([]*facts.Stmt, 0, len(f.Statements))
		for i := range f.Statements {
			stmts = append(stmts, &f.Statements[i])
		}
		for i := range f.Functions {
			for j := range f.Functions[i].Body() {
				stmts = append(stmts, &f.Functions[i].Body()[j])
			}
		}
		for _, s := range stmts {
			c := s.Value
			if s.Kind != facts.StmtExpr || c == nil || c.Kind != facts.ExprCall || len(c.Args()) == 0 || !catalog.Match(b.lang.RouterMounts, c.Method()) {
				continue
			}
			r := &c.Args()[0]
			if r.Kind != facts.ExprCall || r.X == nil || r.X.Kind != facts.ExprAttr || r.X.X == nil {
				continue
			}
			routes := ur.Factories[r.X.Name()]
			if len(routes) == 0 || !b.userRouterOwner(f, r.X.X, ur) {
				continue
			}
			ent := b.userRouterEntity(ur)
			if ent == nil {
				continue
			}
			mgr := b.userRouterManager(ur)
			for _, rt := range routes {
				if rt.Name == "" || seen[rt.Name] {
					continue
				}
				seen[rt.Name] = true
				fn := &facts.Function{Name: rt.Name, QualName: f.Module + "." + rt.Name, Line: s.Line()}
				out = append(out, &handler{file: f, fn: fn, name: pascal(rt.Name), userRoute: &libraryRoute{route: rt, ent: ent.name, manager: mgr, mount: r}})
			}
		}
	}
	return out
}

// userRouterOwner reports whether obj names a module constant made by a
// call of the library's object class (FastAPIUsers[User, ID](...)).
func (b *builder) userRouterOwner(f *facts.File, obj *facts.Expr, ur *catalog.UserRouters) bool {
	cr := b.ix.constant(f, obj)
	if cr == nil || cr.as == nil || cr.as.Value == nil || cr.as.Value.Kind != facts.ExprCall || cr.as.Value.X == nil {
		return false
	}
	callee := cr.as.Value.X
	if callee.Kind == facts.ExprSubscript && callee.X != nil {
		callee = callee.X // the generic's parameters name the model and id types
	}
	return catalog.MatchAny(ur.Owners, callee.Resolved(), callee.Raw())
}

// userRouterEntity is the sole entity deriving from one of the library's
// user tables; nil when none or several do.
func (b *builder) userRouterEntity(ur *catalog.UserRouters) *entityInfo {
	var found *entityInfo
	for _, e := range b.entList {
		if e.ref != nil && b.matchBases(e.ref, ur.UserBases) {
			if found != nil {
				return nil
			}
			found = e
		}
	}
	return found
}

// userRouterManager is the sole class of the service deriving from the
// library's manager; nil when none or several do (their hooks are then
// not read).
func (b *builder) userRouterManager(ur *catalog.UserRouters) *classRef {
	var found *classRef
	for _, q := range sortedKeys(b.ix.classes) {
		cr := b.ix.classes[q]
		if cr == nil || b.testFile(cr.file.Path) || !b.genericBases(cr, ur.ManagerBases) {
			continue
		}
		if found != nil && found.class != cr.class {
			return nil
		}
		found = cr
	}
	return found
}

// fx builds the facts of the library's steps, all at one line.
type fx struct{ line int }

func (x fx) name(n string) *facts.Expr {
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Raw: n, Line: x.line})
}

func (x fx) attr(obj *facts.Expr, n string) *facts.Expr {
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, Name: n, Raw: obj.Raw() + "." + n, X: obj, Line: x.line})
}

func (x fx) call(fn *facts.Expr, args []facts.Expr, kws ...facts.Keyword) *facts.Expr {
	c := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: fn.Raw(), X: fn, Args: args, Line: x.line})
	if len(kws) > 0 {
		c.SetKeywords(kws)
	}
	return c
}

func (x fx) not(e *facts.Expr) *facts.Expr {
	n := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprUnary, X: e, Line: x.line})
	n.SetOp("not")
	return n
}

func (x fx) assign(target string, v *facts.Expr) facts.Stmt {
	return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{*x.name(target)}, Value: v, Line: x.line})
}

func (x fx) expr(v *facts.Expr) facts.Stmt {
	return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr, Value: v, Line: x.line})
}

// unless is `if cond: raise` (refuse) or `if cond: return None`.
func (x fx) unless(cond *facts.Expr, refuse bool) facts.Stmt {
	exit := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtReturn, Value: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprNone, Line: x.line}), Line: x.line})
	if refuse {
		exit = facts.NewStmt(facts.StmtSpec{Kind: facts.StmtRaise, Line: x.line})
	}
	return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: cond, Body: []facts.Stmt{exit}, Line: x.line})
}

// Names the library's steps bind in the walk's scope: the model class,
// the session, the manager and the inputs.
const (
	urModel   = "__user_router_model"
	urSession = "__user_router_session"
	urManager = "__user_router_manager"
	urToken   = "__user_router_token"
	urInput   = "__user_router_input_"
)

// userRouteRule states what the library's route does, and the service's
// hook it runs after.
func (rc *ruleCtx) userRouteRule(r *libraryRoute, sc *scope) {
	b := rc.b
	ur := b.lang.UserRouters
	ent := b.entByName[r.ent]
	if ur == nil || ent == nil || ur.Login == "" || ent.attrs[ur.Login] == nil {
		return
	}
	x := fx{line: rc.h.fn.Line}
	bound := []string{urModel, urSession, urManager, urToken}
	// The steps keep the user under the library's own name; a binding of
	// that name the rule had comes back after.
	prior, hadUser := sc.vars["user"]
	sc.vars[urModel] = &value{kind: vModelClass, ent: ent.name}
	sc.vars[urSession] = &value{kind: vPlumbing}
	sc.vars[urManager] = &value{kind: vPlumbing}
	if r.manager != nil {
		sc.vars[urManager] = &value{kind: vObject, repo: r.manager, attrs: map[string]*value{}}
	}
	for _, in := range r.route.Inputs {
		sc.vars[urInput+in] = rc.paramValue(in)
		bound = append(bound, urInput+in)
	}
	defer func() {
		for _, n := range bound {
			delete(sc.vars, n)
		}
		if delete(sc.vars, "user"); hadUser {
			sc.vars["user"] = prior
		}
	}()
	// user_db.get_by_email(email): the row whose login field is the input.
	byLogin := func(input string) *facts.Expr {
		q := x.call(x.attr(x.attr(x.name(urModel), "query"), "filter_by"), nil, facts.Keyword{Name: ur.Login, Value: *x.name(urInput + input)})
		return x.call(x.attr(q, "first"), nil)
	}
	hook := func(args ...string) {
		if r.route.Hook == "" || r.manager == nil || b.ix.method(r.manager, r.route.Hook) == nil {
			return // the library's own hook does nothing
		}
		var av []facts.Expr
		for _, a := range args {
			av = append(av, *x.name(a))
		}
		rc.stmts([]facts.Stmt{x.expr(x.call(x.attr(x.name(urManager), r.route.Hook), av))}, sc, &rc.ensures)
	}
	// validate_password(password, user): the service's override refuses
	// a password by raising; the user it is handed is not read.
	checkPassword := func(input string) {
		if ur.PasswordCheck == "" || r.manager == nil || b.ix.method(r.manager, ur.PasswordCheck) == nil {
			return
		}
		rc.stmts([]facts.Stmt{x.expr(x.call(x.attr(x.name(urManager), ur.PasswordCheck), []facts.Expr{*x.name(urInput + input), *x.name(urSession)}))}, sc, &rc.ensures)
	}
	switch r.route.Action {
	case "register":
		if ur.Password == "" || ur.HashCall == "" || ent.attrs[ur.Password] == nil || !slices.Contains(r.route.Inputs, "password") || !slices.Contains(r.route.Inputs, ur.Login) {
			return
		}
		// create(): a user the email finds is refused; the new row has
		// the password's hash and the table's defaults for the flags
		// (safe=True leaves them unset).
		kws := []facts.Keyword{
			{Name: ur.Login, Value: *x.name(urInput + ur.Login)},
			{Name: ur.Password, Value: *x.call(x.name(ur.HashCall), []facts.Expr{*x.name(urInput + "password")})},
		}
		for _, f := range sortedKeys(ur.Defaults) {
			if fi := ent.attrs[f]; fi == nil || !fi.inherited {
				continue // the model declares it: its own default, unread here
			}
			kws = append(kws, facts.Keyword{Name: f, Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: ur.Defaults[f], Line: x.line})})
		}
		for _, in := range r.route.Inputs {
			if v := sc.vars[urInput+in]; v.kind == vParam {
				rc.useParam(v.param) // the trigger reads the inputs in the route's order
			}
		}
		checkPassword("password")
		rc.stmts([]facts.Stmt{
			x.assign("existing_user", byLogin(ur.Login)),
			x.unless(x.name("existing_user"), true),
			x.assign("user", x.call(x.name(urModel), nil, kws...)),
			x.expr(x.call(x.attr(x.name(urSession), "add"), []facts.Expr{*x.name("user")})),
		}, sc, &rc.ensures)
		hook("user")
	case "forgot_password", "request_verify":
		if ur.Active == "" || ent.attrs[ur.Active] == nil || r.route.Token == "" {
			return
		}
		// A missing or inactive user (and, for a verification, one
		// already verified) gets the same answer and nothing is done.
		body := []facts.Stmt{
			x.assign("user", byLogin(ur.Login)),
			x.unless(x.not(x.name("user")), false),
			x.unless(x.not(x.attr(x.name("user"), ur.Active)), false),
		}
		if r.route.Action == "request_verify" {
			if ur.Verified == "" || ent.attrs[ur.Verified] == nil {
				return
			}
			body = append(body, x.unless(x.attr(x.name("user"), ur.Verified), false))
		}
		rc.stmts(body, sc, &rc.ensures)
		if u := sc.vars["user"]; u == nil || u.kind != vEntity && u.kind != vLookup {
			return
		}
		expiry := rc.userRouteExpiry(r, x.line)
		sc.vars[urToken] = rc.issueTokenOf(r.route.Token, x.name("user"), expiry, sc, &rc.ensures, x.line)
		hook("user", urToken)
	case "reset_password", "verify":
		// The token a sibling route made (forgot_password,
		// request_verify), valid (its signature, audience and expiry),
		// naming a user that exists; a reset also needs the user active,
		// a verification one not yet verified. Then the password's hash
		// is set, or the user verified.
		name := pascal(r.route.Token) + "Token"
		tok := b.signedTokens[name]
		if r.route.Token == "" || tok == nil || tok.user != ent.name || tok.subject == "" || len(r.route.Inputs) == 0 || b.entByName[name] != nil {
			return
		}
		tokIn := r.route.Inputs[0]
		tv := rc.paramValue(tokIn)
		if tv.kind != vParam {
			return
		}
		rc.useParam(tv.param)
		tokExpr := &allium.Ident{Name: tv.param}
		userExpr := &allium.Member{X: tokExpr, Name: tok.subject}
		line := x.line
		if tok.expiry {
			rc.requires(&allium.Member{X: tokExpr, Name: "is_valid"}, sc, line)
		}
		rc.requires(&allium.Unary{Op: allium.OpExists, X: userExpr}, sc, line)
		sc.vars["user"] = &value{kind: vEntity, ent: ent.name, expr: userExpr}
		var body []facts.Stmt
		switch r.route.Action {
		case "reset_password":
			if ur.Active == "" || ent.attrs[ur.Active] == nil || ur.Password == "" || ur.HashCall == "" || ent.attrs[ur.Password] == nil || len(r.route.Inputs) != 2 {
				return
			}
			rc.stmts([]facts.Stmt{x.unless(x.not(x.attr(x.name("user"), ur.Active)), true)}, sc, &rc.ensures)
			checkPassword(r.route.Inputs[1])
			body = []facts.Stmt{
				facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{*x.attr(x.name("user"), ur.Password)},
					Value: x.call(x.name(ur.HashCall), []facts.Expr{*x.name(urInput + r.route.Inputs[1])}), Line: line}),
			}
		case "verify":
			if ur.Verified == "" || ent.attrs[ur.Verified] == nil {
				return
			}
			body = []facts.Stmt{
				x.unless(x.attr(x.name("user"), ur.Verified), true),
				facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{*x.attr(x.name("user"), ur.Verified)},
					Value: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: "true", Line: line}), Line: line}),
			}
		}
		rc.stmts(body, sc, &rc.ensures)
		hook("user")
	case "login":
		if ur.Password == "" || ur.VerifyCall == "" || ent.attrs[ur.Password] == nil || ur.Active == "" || ent.attrs[ur.Active] == nil || len(r.route.Inputs) != 2 || r.route.Token == "" {
			return
		}
		expiry, ok := rc.userRouteStrategy(r)
		if !ok {
			return // a strategy the catalog does not describe: its token is unknown
		}
		login, password := r.route.Inputs[0], r.route.Inputs[1]
		// authenticate(): the user the login finds, its hash verified;
		// then the route refuses an inactive user (and an unverified one
		// when the factory requires verification).
		body := []facts.Stmt{
			x.assign("user", byLogin(login)),
			x.unless(x.not(x.name("user")), true),
			x.unless(x.not(x.call(x.name(ur.VerifyCall), []facts.Expr{*x.name(urInput + password), *x.attr(x.name("user"), ur.Password)})), true),
			x.unless(x.not(x.attr(x.name("user"), ur.Active)), true),
		}
		switch v := factoryArg(r.mount, r.route.VerifiedFlag); {
		case v == nil || v.Kind == facts.ExprBool && v.Value() == "false":
		case v.Kind == facts.ExprBool && v.Value() == "true" && ur.Verified != "" && ent.attrs[ur.Verified] != nil:
			body = append(body, x.unless(x.not(x.attr(x.name("user"), ur.Verified)), true))
		default:
			return // set by a value the spec cannot read
		}
		rc.stmts(body, sc, &rc.ensures)
		if u := sc.vars["user"]; u == nil || u.kind != vEntity && u.kind != vLookup {
			return
		}
		rc.issueTokenOf(r.route.Token, x.name("user"), expiry, sc, &rc.ensures, x.line)
		hook("user")
	}
}

// userRouteExpiry is config.<name> holding the token's lifetime: the
// manager's class attribute when it sets one to a number of seconds,
// else the library's default.
func (rc *ruleCtx) userRouteExpiry(r *libraryRoute, line int) allium.Expr {
	lt := r.route.Lifetime
	if lt.Config == "" || !isSnake(lt.Config) {
		return nil
	}
	b := rc.b
	if r.manager != nil && lt.Attr != "" {
		for _, cr := range b.ix.lineage(r.manager) {
			for _, a := range cr.class.Fields {
				if a.Name != lt.Attr || a.Value == nil {
					continue
				}
				n, ok := evalInt(a.Value)
				if !ok || n <= 0 {
					return nil // set to a value the spec cannot read
				}
				return b.literalConfig(lt.Config, "Duration", durationFrom(n, "seconds"), cr.file, a.Line)
			}
		}
	}
	if lt.DefaultSeconds <= 0 {
		return nil
	}
	f := rc.h.file
	if r.manager != nil {
		f, line = r.manager.file, r.manager.class.Line
	}
	return b.literalConfig(lt.Config, "Duration", durationFrom(lt.DefaultSeconds, "seconds"), f, line)
}

// genericBases is matchBases reading a generic base by its class
// (BaseUserManager[User, uuid.UUID] is a BaseUserManager).
func (b *builder) genericBases(cr *classRef, patterns []string) bool {
	if b.matchBases(cr, patterns) {
		return true
	}
	for i := range cr.class.Bases {
		base := &cr.class.Bases[i]
		if base.Kind == facts.ExprSubscript && base.X != nil && catalog.MatchAny(patterns, base.X.Resolved(), base.X.Raw()) {
			return true
		}
	}
	return false
}

// factoryArg is the argument of call a keyword names, else the one at the
// position; nil when neither is given.
func factoryArg(call *facts.Expr, a catalog.UserRouteArg) *facts.Expr {
	if call == nil {
		return nil
	}
	if a.Keyword != "" {
		if v := call.Keyword(a.Keyword); v != nil {
			return v
		}
	}
	if args := call.Args(); a.Position >= 0 && a.Position < len(args) {
		return &args[a.Position]
	}
	return nil
}

// userRouteStrategy is the lifetime of the token the sign-in route's
// backend writes: its get_strategy function returning a catalogued
// strategy (JWTStrategy(secret=SECRET, lifetime_seconds=3600)) with its
// lifetime a number of seconds, or none given (nil: the token does not
// expire). ok is false when the backend or its strategy is not read.
func (rc *ruleCtx) userRouteStrategy(r *libraryRoute) (allium.Expr, bool) {
	b := rc.b
	ur := b.lang.UserRouters
	arg := factoryArg(r.mount, r.route.Backend)
	if arg == nil || r.route.BackendStrategy == "" {
		return nil, false
	}
	backend := b.ix.constant(rc.h.file, arg)
	if backend == nil || backend.as == nil || backend.as.Value == nil || backend.as.Value.Kind != facts.ExprCall {
		return nil, false
	}
	get := backend.as.Value.Keyword(r.route.BackendStrategy)
	if get == nil {
		return nil, false
	}
	fr := b.ix.function(backend.file, get)
	if fr == nil || fr.class != nil {
		return nil, false
	}
	var made *facts.Expr
	for i := range fr.fn.Body() {
		if s := &fr.fn.Body()[i]; s.Kind == facts.StmtReturn && s.Value != nil && s.Value.Kind == facts.ExprCall && s.Value.X != nil {
			if made != nil {
				return nil, false // several strategies: which one is the route's is unread
			}
			made = s.Value
		}
	}
	if made == nil {
		return nil, false
	}
	var entry *catalog.UserRouteExpiry
	for _, k := range sortedKeys(ur.Strategies) {
		if catalog.MatchAny([]string{k}, made.X.Resolved(), made.X.Raw()) {
			e := ur.Strategies[k]
			entry = &e
			break
		}
	}
	if entry == nil || entry.Config == "" || !isSnake(entry.Config) {
		return nil, false
	}
	life := made.Keyword(entry.Attr)
	if life == nil || life.Kind == facts.ExprNone {
		return nil, true
	}
	n, ok := evalInt(life)
	if !ok || n <= 0 {
		return nil, false
	}
	return b.literalConfig(entry.Config, "Duration", durationFrom(n, "seconds"), fr.file, made.Line()), true
}
