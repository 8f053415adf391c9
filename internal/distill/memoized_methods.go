package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A class may keep a cached copy of one of its methods on the instance
// and call that copy instead (pypi/warehouse's DatabaseUserService):
//
//	def __init__(self, session):
//	    self.cached_get_user = functools.lru_cache(self._get_user)
//	def get_user(self, userid):
//	    return self.cached_get_user(userid)
//
// The cache changes nothing the spec states: calling self.cached_get_user
// runs _get_user. The wrapping calls are the catalog's memoizers.

// memoizedMethodAliases makes each instance attribute that a method of a
// class sets to a memoizer wrapping another method of the same class (or
// of a base) a name of that method, as a method of the class.
func (b *builder) memoizedMethodAliases() {
	if len(b.lang.Memoizers) == 0 {
		return
	}
	for _, f := range b.ix.files {
		b.eachInstanceAssignment(f, func(c *facts.Class, attr string, value *facts.Expr) {
			cr := b.ix.classes[c.QualName]
			if cr == nil {
				return
			}
			if target := b.memoizedMethod(cr, value); target != nil {
				if _, taken := b.ix.funcs[qual(c.QualName, attr)]; !taken {
					b.ix.setFunc(qual(c.QualName, attr), target)
				}
			}
		})
	}
}

// memoizedMethod is the method of cr that v, memoizer(self.method), wraps;
// nil for any other value.
func (b *builder) memoizedMethod(cr *classRef, v *facts.Expr) *funcRef {
	if v.Kind != facts.ExprCall || v.X == nil || len(v.Args()) != 1 || !catalog.MatchAny(b.lang.Memoizers, v.X.Resolved(), v.X.Raw()) {
		return nil
	}
	wrapped := &v.Args()[0]
	if wrapped.Kind != facts.ExprAttr || !b.isSelf(wrapped.X) {
		return nil
	}
	return b.ix.method(cr, wrapped.Name())
}
