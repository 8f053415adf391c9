package distill

import (
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
// injection, `private readonly users: UsersService`): a field typed by a
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
		if a.Value != nil || a.Annotation == nil {
			continue
		}
		if v := rc.injectedValue(cr.file, a.Annotation, depth); v != nil {
			obj.attrs[a.Name] = v
		}
	}
	return obj
}

func (rc *ruleCtx) injectedValue(f *facts.File, t *facts.Expr, depth int) *value {
	b := rc.b
	if t.Kind == facts.ExprSubscript && t.X != nil && t.Y != nil {
		if reps := b.lang.Repositories; reps != nil && catalog.MatchAny(reps.Bases, t.X.Resolved(), t.X.Raw) {
			if cr := b.ix.class(f, t.Y); cr != nil {
				if e := b.entByQual[cr.qual()]; e != nil {
					return &value{kind: vRepo, ent: e.name}
				}
			}
		}
		return nil
	}
	if reps := b.lang.Repositories; reps != nil && catalog.MatchAny(reps.Clients, t.Resolved(), t.Raw) {
		return &value{kind: vRepo} // the database client: its attributes are the repositories
	}
	if c := b.ix.constant(f, t); c != nil && c.as.Value != nil {
		// typeof UserRepository, a repository made at module level
		// (dataSource.getRepository(User)): that repository.
		if v := rc.repository(c.file, c.as.Value); v != nil {
			return v
		}
	}
	cr := b.ix.class(f, t)
	if cr == nil || len(cr.class.Methods) == 0 || b.entByQual[cr.qual()] != nil || b.shapes[cr.qual()] != nil {
		return nil
	}
	return rc.injectedObject(cr, depth+1)
}
