package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// classModel reads an attribute of a service object that its class (or a
// base, nearest first) assigns a model class at class level: a repository
// written as `class UserRepository(RepositoryBase[User]): model = User`
// whose base builds its queries with select(self.model) (polar's
// kit/repository/base.py:121-122, user/repository.py:25). nil when the
// class assigns no such attribute, or assigns it something else.
func (rc *ruleCtx) classModel(cr *classRef, name string) *value {
	if cr == nil {
		return nil
	}
	x, file := rc.b.classField(cr, name)
	if x == nil || file == nil || x.Kind != facts.ExprName && x.Kind != facts.ExprAttr {
		return nil
	}
	var scratch []allium.Stmt
	v := rc.eval(x, &scope{file: file, vars: map[string]*value{}}, &scratch, false)
	if v.kind != vModelClass || rc.b.entByName[v.ent] == nil {
		return nil
	}
	return v
}
