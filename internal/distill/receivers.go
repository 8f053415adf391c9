package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// The receiver of a method is named by the catalog (receiver_names):
// Python declares it as the first parameter (self, or cls for the class),
// TypeScript does not declare it and writes `this`. The first name is the
// instance's.

// isReceiver reports whether name stands for the object or class a
// method runs on.
func (b *builder) isReceiver(name string) bool {
	return name != "" && slices.Contains(b.lang.ReceiverNames, name)
}

// selfName is the name of the instance a method runs on ("self", "this").
func (b *builder) selfName() string {
	if len(b.lang.ReceiverNames) == 0 {
		return ""
	}
	return b.lang.ReceiverNames[0]
}

// isSelf reports whether e is the bare instance receiver.
func (b *builder) isSelf(e *facts.Expr) bool {
	return e != nil && e.Raw() != "" && e.Raw() == b.selfName()
}

// isReceiverExpr reports whether e is the bare receiver, instance or class.
func (b *builder) isReceiverExpr(e *facts.Expr) bool {
	return e != nil && b.isReceiver(e.Raw())
}

// receiverParams splits a method's parameters into the receiver it
// declares ("" when it declares none: a TypeScript method, a static one)
// and the others.
func (b *builder) receiverParams(params []facts.Param) (string, []facts.Param) {
	if len(params) > 0 && b.isReceiver(params[0].Name) {
		return params[0].Name, params[1:]
	}
	return "", params
}

// bareSuper reports super() with no arguments: the next class of the
// caller's lineage, as Python 3 writes it.
func bareSuper(x *facts.Expr) bool {
	return x != nil && x.Kind == facts.ExprCall && x.Raw() == "super" && len(x.Args()) == 0
}

// calledOnSuper reports a call of method on super(...), with or without
// super's own arguments (super().create(...), super(View, self).create(...)).
func calledOnSuper(c *facts.Expr, method string) bool {
	return c != nil && c.Kind == facts.ExprCall && c.X != nil && c.X.Kind == facts.ExprAttr && c.X.Name() == method &&
		c.X.X != nil && c.X.X.Kind == facts.ExprCall && c.X.X.Raw() == "super"
}
