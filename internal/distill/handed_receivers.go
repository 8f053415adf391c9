package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A handler's receiver (cls, self) handed to a helper of the service
// (get_checkout(cls, info, id=id) in a graphene mutation) is still that
// class there: a method called on the helper's parameter
// (mutation_class.get_node_or_error(info, id, only_type=Checkout)) is the
// class's own method (or a base's), run as the handler would run it,
// not a call on plumbing the spec cannot follow.

// handedReceiverCall runs name.method(...) when name holds a handler's
// receiver under another name, or gives nil.
func (rc *ruleCtx) handedReceiverCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	if method == "" || recv == nil || recv.kind != vPlumbing || recv.recvClass == nil || rc.b.isReceiverExpr(e.X.X) {
		return nil
	}
	cr := rc.b.ix.classes[recv.recvClass.QualName]
	if cr == nil {
		return nil
	}
	fr := rc.b.ix.method(cr, method)
	if fr == nil {
		return nil
	}
	return rc.inline(&funcRef{file: fr.file, fn: fr.fn, class: recv.recvClass}, recv, e, sc, out)
}
