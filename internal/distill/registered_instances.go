package distill

import (
	"github.com/distill/distill/internal/facts"
)

// registeredInstance reads a lookup in a registry of instances keyed by
// their class's own type attribute:
//
//	class Registry:
//	    def register(self, instance):
//	        self.registry[instance.type] = instance
//	    def get(self, type_name):
//	        if type_name not in self.registry:
//	            raise DoesNotExist(type_name)
//	        return self.registry[type_name]
//
//	action_type_registry.get(ResetPasswordActionType.type).do(token, password)
//
// The registry holds each instance under its own value of the attribute,
// so the lookup by a class's value of it is that class's instance, whose
// methods are code (baserow's views reach every action through such a
// registry: api/user/views.py:386 → core/registry.py:748-765, registered
// at :1003-1010). It returns nil unless the receiver's class both files
// instances under `instance.<attr>` in a dict it keeps and answers the
// method by returning that dict's entry for its one parameter, and the
// argument is `<Class>.<attr>` of a service class that sets the attribute
// itself; the registry's own guard (the type is registered) holds by
// construction, so its body is not walked.
func (rc *ruleCtx) registeredInstance(e *facts.Expr, method string, recv *value, sc *scope) *value {
	b := rc.b
	if recv == nil || recv.kind != vObject || recv.repo == nil || len(e.Args()) != 1 || len(e.Keywords()) != 0 {
		return nil
	}
	arg := &e.Args()[0]
	if arg.Kind != facts.ExprAttr || arg.X == nil || arg.Name() == "" {
		return nil
	}
	attr := arg.Name()
	cr := b.serviceClass(sc.file, arg.X)
	if cr == nil || !setsOwnAttr(cr.class, attr) {
		return nil
	}
	get := b.ix.method(recv.repo, method)
	if get == nil {
		return nil
	}
	store := returnedEntry(b, get.fn)
	if store == "" {
		return nil
	}
	filed := false
	for _, c := range b.ix.lineage(recv.repo) {
		for i := range c.class.Methods {
			if filesUnderAttr(b, &c.class.Methods[i], store, attr) {
				filed = true
			}
		}
	}
	if !filed {
		return nil
	}
	return rc.injectedObject(cr, sc.depth+1)
}

// setsOwnAttr reports a class that assigns attr in its own body
// (`type = "reset_password"`).
func setsOwnAttr(c *facts.Class, attr string) bool {
	for i := range c.Fields {
		if c.Fields[i].Name == attr && c.Fields[i].Value != nil {
			return true
		}
	}
	return false
}

// selfDict reports `self.<name>` and returns name.
func selfDict(b *builder, x *facts.Expr) string {
	if x == nil || x.Kind != facts.ExprAttr || !b.isReceiverExpr(x.X) {
		return ""
	}
	return x.Name()
}

// returnedEntry reads a method whose one parameter keys the entry of a
// dict the object keeps that it returns (`return self.registry[name]`,
// after any guards) and returns the dict's attribute name.
func returnedEntry(b *builder, fn *facts.Function) string {
	_, params := b.receiverParams(fn.Params)
	if len(params) != 1 || params[0].Name == "" {
		return ""
	}
	body := fn.Body()
	if len(body) == 0 {
		return ""
	}
	last := &body[len(body)-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprSubscript {
		return ""
	}
	key := last.Value.Y
	if key == nil || key.Kind != facts.ExprName || key.Name() != params[0].Name {
		return ""
	}
	return selfDict(b, last.Value.X)
}

// filesUnderAttr reports a method that files its parameter in the dict
// under the parameter's own attr: `self.<store>[p.<attr>] = p`.
func filesUnderAttr(b *builder, fn *facts.Function, store, attr string) bool {
	_, params := b.receiverParams(fn.Params)
	found := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if found || s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil || s.Value.Kind != facts.ExprName {
			return !found
		}
		t := &s.Targets[0]
		if t.Kind != facts.ExprSubscript || selfDict(b, t.X) != store || t.Y == nil || t.Y.Kind != facts.ExprAttr || t.Y.Name() != attr {
			return true
		}
		p := s.Value.Name()
		if t.Y.X == nil || t.Y.X.Kind != facts.ExprName || t.Y.X.Name() != p {
			return true
		}
		for _, q := range params {
			if q.Name == p {
				found = true
			}
		}
		return !found
	})
	return found
}
