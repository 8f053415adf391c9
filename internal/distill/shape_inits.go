package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// shapeInitAttrs reads what a request shape's own constructor keeps of
// the arguments it is built with (microblog's EditProfileForm:
//
//	def __init__(self, original_username, *args, **kwargs):
//	    super().__init__(*args, **kwargs)
//	    self.original_username = original_username
//
// built as EditProfileForm(current_user.username)): the attribute is the
// value the caller passed, the signed-in user's name, and not an input of
// the request. Only a parameter stored as given is read; nil when the
// constructor keeps none (or the service defines none).
func (rc *ruleCtx) shapeInitAttrs(cr *classRef, e *facts.Expr, sc *scope, out *[]allium.Stmt) map[string]*value {
	init := rc.b.ix.method(cr, "__init__")
	if init == nil || len(init.fn.Params) < 2 || len(e.Args())+len(e.Keywords()) == 0 {
		return nil
	}
	self := init.fn.Params[0].Name
	binds, _ := initBindings(init.fn.Params[1:], e)
	var attrs map[string]*value
	for i := range init.fn.Body() {
		st := &init.fn.Body()[i]
		if st.Kind != facts.StmtAssign || len(st.Targets) != 1 || st.Value == nil || st.Value.Kind != facts.ExprName {
			continue
		}
		t := &st.Targets[0]
		if t.Kind != facts.ExprAttr || t.X == nil || t.X.Kind != facts.ExprName || t.X.Name() != self {
			continue
		}
		given := binds[st.Value.Name()]
		if given == nil {
			continue
		}
		if attrs == nil {
			attrs = map[string]*value{}
		}
		attrs[t.Name()] = rc.eval(given, sc, out, false)
	}
	return attrs
}
