package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// classMethodCall runs a method of a service class called on the class
// whose receiver is the class (a classmethod's cls): the receiver is the
// class the call names, not the one that defines the method, so an
// alternate constructor a base defines makes an instance of the subclass
// it is called on. polar's repositories are made so:
// UserRepository.from_session(session) (email_update/service.py:43) runs
// RepositoryBase.from_session, `return cls(session)`
// (kit/repository/base.py:164-166), a UserRepository whose model is User.
// nil when the call names no such method, or a model class (a model's
// own class methods are read as the model's).
func (rc *ruleCtx) classMethodCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	if e.X == nil || e.X.X == nil {
		return nil
	}
	cr := b.ix.class(sc.file, e.X.X)
	if cr == nil || b.entByQual[cr.qual()] != nil || !b.hasMethods(cr) {
		return nil
	}
	fr := b.ix.method(cr, method)
	if fr == nil || fr.class == nil {
		return nil
	}
	if recv, _ := b.receiverParams(fr.fn.Params); recv == "" || recv == b.selfName() {
		return nil // an instance's method, or one that takes no receiver
	}
	return rc.inline(fr, &value{kind: vObject, repo: cr, attrs: map[string]*value{}, class: true}, e, sc, out)
}

// newObject makes an instance of a service class, e its constructor call
// (UserService(db)): an object whose methods are code; its constructor
// records what it keeps (self.users = users).
func (rc *ruleCtx) newObject(cr *classRef, e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	obj := &value{kind: vObject, repo: cr, attrs: map[string]*value{}, madeFrom: rc.constructorData(e, sc)}
	for _, ctor := range rc.b.lang.ConstructorNames {
		if fr := rc.b.ix.method(cr, ctor); fr != nil {
			rc.inline(fr, obj, e, sc, out)
			break
		}
	}
	return obj
}
