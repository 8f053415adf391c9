package distill

import (
	"regexp"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Routes a class registers in one of its methods, on a router it holds,
// with handlers that are methods of the controllers its fields hold
// (class-based Express routers):
//
//	class UserRoute implements Routes {
//	  public path = '/users';
//	  public router = Router();
//	  public user = new UserController();
//	  private initializeRoutes() {
//	    this.router.put(`${this.path}/:id`, ValidationMiddleware(CreateUserDto), this.user.updateUser);
//	  }
//	}
//
// The registration is read as a module-level one is (route_registrations.go);
// `this.user.updateUser` is UserController's updateUser, and the path's
// `${this.path}` the class's string field.

// classRoutes lists the routes registered by the top-level statements of
// the methods of f's classes.
func (b *builder) classRoutes(f *facts.File) []callRoute {
	if b.selfName() == "" {
		return nil // a language whose methods name their receiver: no `this`
	}
	var out []callRoute
	for i := range f.Classes {
		holder := b.ix.classes[f.Classes[i].QualName]
		if holder == nil {
			continue
		}
		for j := range f.Classes[i].Methods {
			for k := range f.Classes[i].Methods[j].Body() {
				s := &f.Classes[i].Methods[j].Body()[k]
				if s.Kind != facts.StmtExpr {
					continue
				}
				out = b.routeCallChain(f, s.Value, holder, out)
			}
		}
	}
	return out
}

// thisSubstitution is `${this.name}` in a template string.
var thisSubstitution = regexp.MustCompile(`\$\{\s*this\.([A-Za-z_$][A-Za-z0-9_$]*)\s*\}`)

// templatePath is the path a route call's first argument names when it is
// a template string each of whose substitutions is a string field of the
// class holding the registration (`${this.path}/:id` with path =
// '/users'); "" for any other.
func (b *builder) templatePath(args []facts.Expr, holder *classRef) string {
	if len(args) == 0 || holder == nil || args[0].Kind != facts.ExprFString {
		return ""
	}
	text := args[0].Text()
	if len(text) < 2 || text[0] != '`' || text[len(text)-1] != '`' {
		return ""
	}
	known := true
	path := thisSubstitution.ReplaceAllStringFunc(text[1:len(text)-1], func(sub string) string {
		v, _ := b.classField(holder, thisSubstitution.FindStringSubmatch(sub)[1])
		if v == nil || v.Kind != facts.ExprString {
			known = false
			return ""
		}
		return v.Value()
	})
	if !known || strings.Contains(path, "${") {
		return ""
	}
	return path
}

// instanceMethod resolves a handler named through the registering class's
// instance: this.method, or this.field.method where the field holds an
// instance of a class of the service (fieldInstance). nil otherwise.
func (b *builder) instanceMethod(holder *classRef, e *facts.Expr) *funcRef {
	if holder == nil || e.Kind != facts.ExprAttr || e.X == nil {
		return nil
	}
	owner := holder
	switch {
	case b.isSelf(e.X):
	case e.X.Kind == facts.ExprAttr && e.X.X != nil && b.isSelf(e.X.X):
		owner = b.fieldInstance(holder, e.X.Name())
	default:
		return nil
	}
	if owner == nil {
		return nil
	}
	return b.ix.method(owner, e.Name())
}

// fieldInstance is the class of the service whose instance the field
// name of holder (or of a base) is given where it is declared; nil for
// none.
func (b *builder) fieldInstance(holder *classRef, name string) *classRef {
	v, file := b.classField(holder, name)
	return b.instanceOf(file, v)
}

// instanceOf is the class of the service whose instance v, written in
// file, makes: `new AuthController()`, or a container's lookup of the
// class (catalog instance_lookups: Container.get(AuthService)). nil for
// any other value, and for a class without methods (an entity, a shape).
func (b *builder) instanceOf(file *facts.File, v *facts.Expr) *classRef {
	if v == nil || v.Kind != facts.ExprCall || v.X == nil {
		return nil
	}
	class := v.X
	if catalog.MatchAny(b.lang.InstanceLookups, v.Resolved(), v.Raw()) {
		if len(v.Args()) == 0 {
			return nil
		}
		class = &v.Args()[0]
	}
	return b.serviceClass(file, class)
}

// serviceClass is the class of the service x, written in file, names when
// an instance of it is a collaborator a container or a constructor hands
// over: one with methods, not an interface, an entity or a shape. nil for
// any other.
func (b *builder) serviceClass(file *facts.File, x *facts.Expr) *classRef {
	if cr := b.ix.class(file, x); cr != nil && cr.class.Kind != facts.ClassInterface && b.isServiceClass(cr) {
		return cr
	}
	return nil
}

// isServiceClass reports a class whose instances are service objects:
// it has methods, and is neither an entity nor a request shape.
func (b *builder) isServiceClass(cr *classRef) bool {
	return len(cr.class.Methods) > 0 && b.entByQual[cr.qual()] == nil && b.shapes[cr.qual()] == nil
}
