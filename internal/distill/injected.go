package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// bindInjected binds the receiver of a handler method that does not
// declare one (TypeScript's `this`) to the controller's instance, whose
// collaborators the framework gives it (injectedObject).
func (rc *ruleCtx) bindInjected(h *handler, sc *scope) {
	b := rc.b
	if h.class == nil || b.selfName() == "" || sc.vars[b.selfName()] != nil {
		return
	}
	if recv, _ := b.receiverParams(h.fn.Params); recv != "" {
		return
	}
	if cr := b.ix.classes[h.class.QualName]; cr != nil {
		sc.vars[b.selfName()] = rc.injectedObject(cr, 0)
	}
}

// injectedObject is an instance of a class whose collaborators are typed
// fields with no value, set by the framework (NestJS's constructor
// injection, `private readonly users: UsersService`), or fields given an
// instance of a class of the service where they are declared
// (instanceOf: `public auth = Container.get(AuthService)`): a field typed by a
// class of the service that has methods is that class's instance, in turn;
// one typed by a catalogued repository of a model (Repository<User>) is
// that model's repository, one typed by a catalogued database client
// (PrismaService) the client. Calls on them are inlined or read as
// repository calls like any others.
func (rc *ruleCtx) injectedObject(cr *classRef, depth int) *value {
	obj := &value{kind: vObject, repo: cr, attrs: map[string]*value{}}
	if depth > 4 {
		return obj
	}
	for i := range cr.class.Fields {
		a := &cr.class.Fields[i]
		if a.Value != nil {
			// public auth = Container.get(AuthService), or new
			// AuthService(): the instance the field is given.
			if of := rc.b.instanceOf(cr.file, a.Value); of != nil {
				obj.attrs[a.Name] = rc.injectedObject(of, depth+1)
			}
			continue
		}
		if v := rc.containerInjection(cr.file, a.Decorators, depth); v != nil {
			obj.attrs[a.Name] = v
			continue
		}
		if a.Annotation == nil {
			continue
		}
		if v := rc.injectedValue(cr.file, a.Annotation, depth, cr); v != nil {
			obj.attrs[a.Name] = v
		}
	}
	rc.superArguments(cr, obj)
	rc.signerAttributes(cr, obj)
	return obj
}

// signerAttributes sets on obj, an instance of cr that a container hands
// over without the code showing its construction, the token signers cr's
// own methods keep on the instance (warehouse's TokenService: __init__
// sets self.serializer = URLSafeTimedSerializer(secret, salt=salt)), so
// that its methods' self.serializer.loads(...) is a signer's verify call.
// The signer's arguments are the constructor's parameters, unknown here:
// its tokens' lifetime is what the verify call gives, if anything. An
// attribute the injection set already stays.
func (rc *ruleCtx) signerAttributes(cr *classRef, obj *value) {
	st := rc.b.lang.SignedTokens
	if st == nil {
		return
	}
	rc.b.eachSelfAssignment(cr.class, func(attr string, made *facts.Expr) {
		if obj.attrs[attr] != nil || made.Kind != facts.ExprCall || rc.b.ix.class(cr.file, made) != nil ||
			!catalog.MatchAny(st.Serializers, made.Resolved(), made.Raw()) {
			return
		}
		var scratch []allium.Stmt
		obj.attrs[attr] = rc.signer(made, &scope{file: cr.file, vars: map[string]*value{}}, &scratch)
	})
}

// superArguments sets on obj, an instance of cr, the fields of its base
// class that cr's constructor gives by super(...): a repository class
// made for one model hands it to its generic base (constructor() {
// super(User, UserEntity) }, whose constructor(protected MongooseModel:
// Model<T>, ...) keeps it), so this.MongooseModel in the base's methods
// is that model. Only arguments that name a model, class or constant of
// the service are kept; a field the injection set already stays.
func (rc *ruleCtx) superArguments(cr *classRef, obj *value) {
	ctor := rc.b.ix.funcs[qual(cr.qual(), "constructor")]
	if ctor == nil || len(cr.class.Bases) == 0 {
		return
	}
	baseExpr := &cr.class.Bases[0]
	if baseExpr.Kind == facts.ExprSubscript && baseExpr.X != nil {
		baseExpr = baseExpr.X
	}
	base := rc.b.ix.class(cr.file, baseExpr)
	if base == nil {
		return
	}
	baseCtor := rc.b.ix.method(base, "constructor")
	if baseCtor == nil {
		return
	}
	for _, st := range ctor.fn.Body() {
		call := st.Value
		if st.Kind != facts.StmtExpr || call == nil || call.Kind != facts.ExprCall || call.Raw() != "super" {
			continue
		}
		sc := &scope{file: cr.file, vars: map[string]*value{}}
		var scratch []allium.Stmt
		for i := range call.Args() {
			if i >= len(baseCtor.fn.Params) || !classField(baseCtor.class, baseCtor.fn.Params[i].Name) {
				continue
			}
			name := baseCtor.fn.Params[i].Name
			if obj.attrs[name] != nil {
				continue
			}
			if v := rc.eval(&call.Args()[i], sc, &scratch, false); v.kind == vModelClass || v.kind == vObject || v.kind == vRepo {
				obj.attrs[name] = v
			}
		}
		return
	}
}

// classField reports whether c declares a field called name (TypeScript's
// constructor parameter properties are fields).
func classField(c *facts.Class, name string) bool {
	if c == nil || name == "" {
		return false
	}
	for i := range c.Fields {
		if c.Fields[i].Name == name {
			return true
		}
	}
	return false
}

// injectedValue is the collaborator a field typed t (in file f, of the
// class holder, nil for none) is given: see injectedObject.
func (rc *ruleCtx) injectedValue(f *facts.File, t *facts.Expr, depth int, holder *classRef) *value {
	b := rc.b
	if t.Kind == facts.ExprSubscript && t.X != nil && t.Y != nil {
		if reps := b.lang.Repositories; reps != nil && catalog.MatchAny(reps.Bases, t.X.Resolved(), t.X.Raw()) {
			if e := b.typedEntity(f, t.Y); e != nil {
				return &value{kind: vRepo, ent: e.name}
			}
		}
		return nil
	}
	if reps := b.lang.Repositories; reps != nil && catalog.MatchAny(reps.Clients, t.Resolved(), t.Raw()) {
		return &value{kind: vRepo} // the database client: its attributes are the repositories
	}
	if c := b.ix.constant(f, t); c != nil && c.as.Value != nil {
		// typeof UserRepository, a repository made at module level
		// (dataSource.getRepository(User)): that repository.
		if v := rc.repository(c.file, c.as.Value); v != nil {
			return v
		}
	}
	if bound := b.providedClass(f, t); bound != nil {
		// A token a module binds to a class (an abstract port given its
		// adapter by a custom provider).
		return rc.injectedObject(bound, depth+1)
	}
	cr := b.ix.class(f, t)
	if cr == nil && t.Kind == facts.ExprName {
		// Imported from a package of the same monorepo whose index is
		// not among the files (UserRepository from '@novu/dal'): the
		// service's one class of that name.
		cr = b.ix.soleClassNamed(t.Name())
	}
	if cr == nil || cr.class.Kind == facts.ClassInterface || abstractPort(cr.class) {
		// A field typed by an interface (private users: IUserRepository,
		// provided under a token): the one class of the service that
		// implements it, apart from the holder (a wrapper that hands each
		// call on to that field).
		var implementers []string
		if reps := b.lang.Repositories; reps != nil {
			implementers = reps.InterfaceImplementers
		}
		if impl := b.ix.soleImplementer(f, t, holder, implementers); impl != nil || cr == nil || !abstractPort(cr.class) {
			cr = impl
		}
	}
	if cr == nil || len(cr.class.Methods) == 0 || b.entByQual[cr.qual()] != nil || b.shapes[cr.qual()] != nil {
		return nil
	}
	return rc.injectedObject(cr, depth+1)
}

// abstractPort reports whether c is an abstract class that declares no
// method with a body: a port written as a class so that NestJS can inject
// by it (export abstract class ITokenAdapter { abstract sign(...) }), which
// says nothing of what a call does; the class that implements it does.
func abstractPort(c *facts.Class) bool {
	if c == nil || c.Kind != facts.ClassPlain || len(c.Methods) > 0 {
		return false
	}
	for _, kw := range c.Keywords {
		if kw.Name == "abstract" && kw.Value.Kind == facts.ExprBool && kw.Value.Value() == "true" {
			return true
		}
	}
	return false
}

// typedEntity is the entity a type names (in file f): a model class, or
// through a type alias, the one model among the types an intersection
// joins (type UserModel = UserSchema & UserEntity: a persistence row
// merged with its domain class, whose repository is the row's). nil when
// none or several are models.
func (b *builder) typedEntity(f *facts.File, t *facts.Expr) *entityInfo {
	return b.typedEntityDepth(f, t, 0)
}

// typedEntityDepth is typedEntity, at most 4 intersections deep (an alias
// may name itself: type A = B & A).
func (b *builder) typedEntityDepth(f *facts.File, t *facts.Expr, depth int) *entityInfo {
	if depth > 4 {
		return nil
	}
	for range 4 {
		if t == nil {
			return nil
		}
		if cr := b.ix.class(f, t); cr != nil {
			return b.entByQual[cr.qual()]
		}
		alias := b.ix.typeAlias(f, t)
		if alias == nil {
			break
		}
		f, t = alias.file, alias.as.Value
	}
	if t == nil || t.Kind != facts.ExprBinary || t.Op() != "&" {
		return nil
	}
	var found *entityInfo
	for _, member := range []*facts.Expr{t.X, t.Y} {
		e := b.typedEntityDepth(f, member, depth+1)
		if e == nil {
			continue
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}

// containerInjection is what a field's decorators have a dependency
// container inject (typedi's @Inject('userModel')), or nil: see
// containerGet.
func (rc *ruleCtx) containerInjection(f *facts.File, decorators []facts.Expr, depth int) *value {
	for i := range decorators {
		if v := rc.containerGet(f, &decorators[i], depth); v != nil {
			return v
		}
	}
	return nil
}

// containerGet is what a catalogued container injection (in file f)
// hands over, or nil: handed a class of the service that has methods,
// its instance with its own collaborators injected (Container.get(
// AuthService)); handed a name that is a model's plus a catalogued
// suffix, that model's class (@Inject('userModel'),
// Container.get('userModel')). The container's registrations are made
// at run time (models.forEach(m => Container.set(m.name, m.model))), so
// the name is the only link the code states.
func (rc *ruleCtx) containerGet(f *facts.File, call *facts.Expr, depth int) *value {
	b := rc.b
	reps := b.lang.Repositories
	if reps == nil || call == nil || call.Kind != facts.ExprCall || call.X == nil || len(call.Args()) != 1 {
		return nil
	}
	if !catalog.MatchAny(reps.ContainerInjections, call.Resolved(), call.Raw()) {
		return nil
	}
	arg := &call.Args()[0]
	if bound := b.providedClass(f, arg); bound != nil {
		// @Inject(USER_REPOSITORY): the class a module binds the token to.
		return rc.injectedObject(bound, depth+1)
	}
	if arg.Kind != facts.ExprString {
		cr := b.serviceClass(f, arg)
		if impls := b.ix.implementersOf(f, arg, nil, reps.InterfaceImplementers); len(impls) > 0 {
			// Handed an interface (find_service(IUserService)): the class
			// that implements it; with several, which one the container
			// holds is its configuration, not stated here.
			cr = nil
			if len(impls) == 1 && b.isServiceClass(impls[0]) {
				cr = impls[0]
			}
		}
		if cr != nil {
			return rc.injectedObject(cr, depth+1)
		}
		return nil
	}
	for _, suffix := range reps.NamedModelSuffixes {
		stem, ok := strings.CutSuffix(arg.Value(), suffix)
		if !ok || stem == "" {
			continue
		}
		if e := b.entityBySpelling(stem); e != nil {
			return &value{kind: vModelClass, ent: e.name}
		}
	}
	return nil
}
