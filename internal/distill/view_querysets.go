package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// inheritedQueryset reads self.get_queryset() in a view that does not
// write get_queryset itself (nor does a base of the service): the
// framework's getter returns the rows of the class attribute the catalog
// names (shapes.queryset_getters; DRF's GenericAPIView.get_queryset is
// self.queryset.all()), so the call is that attribute's value, read in
// the file that declares it. dj-rest-auth's ResendEmailVerificationView
// (registration/views.py:132-138): queryset = EmailAddress.objects.all(),
// then self.get_queryset().filter(...).first() finds an EmailAddress.
// nil when the call is not one, or the view declares no such attribute.
func (rc *ruleCtx) inheritedQueryset(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	sh := b.lang.Shapes
	if sh == nil || method == "" || recv == nil || recv.kind != vPlumbing || sc.cls == nil ||
		e.X == nil || !b.isSelf(e.X.X) || len(e.Args()) > 0 || len(e.Keywords()) > 0 {
		return nil
	}
	attr := sh.QuerysetGetters[method]
	cr := b.ix.classes[sc.cls.QualName]
	if attr == "" || cr == nil || b.ix.method(cr, method) != nil {
		return nil // the view's own getter is inlined as its methods are
	}
	x, file := b.classField(cr, attr)
	if x == nil || file == nil {
		return nil
	}
	at := *sc
	at.file = file
	v := rc.eval(x, &at, out, false)
	if v == nil || v.kind == vPlumbing || v.kind == vUnknown {
		return nil
	}
	return v
}
