package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// exceptFlags forgets, after a try statement, the literal a local held
// before it when an except handler of the try that does not always end
// the function assigns that local: the handler runs when the body fails,
// so after the try the local holds the literal or the handler's value,
// and which one the walk cannot tell. A flag the handler turns on
//
//	user_exists = False
//	try:
//	    instance.full_clean(exclude=["password"])
//	except ValidationError as error:
//	    user_exists, error.error_dict = cls._clean_errors(error)
//	    if error.error_dict:
//	        raise error
//	return user_exists
//
// is then not read as always False, which would make the caller's
// `if not user_exists: cls._save(instance)` an outcome the request always
// has. A handler that always raises or returns hands nothing on.
func (rc *ruleCtx) exceptFlags(s *facts.Stmt, literals map[string]bool, sc *scope) {
	if len(literals) == 0 {
		return
	}
	for _, h := range s.Handlers() {
		if endsAlways(h.Body) {
			continue
		}
		facts.Walk(h.Body, func(st *facts.Stmt) bool {
			if st.Kind != facts.StmtAssign {
				return true
			}
			for i := range st.Targets {
				for _, n := range targetNames(&st.Targets[i]) {
					if literals[n] {
						sc.vars[n] = unknownValue
					}
				}
			}
			return true
		})
	}
}

// literalLocals are the locals of sc that hold a literal (True, False,
// None, a number, a string), before a try statement.
func literalLocals(sc *scope) map[string]bool {
	var out map[string]bool
	for n, v := range sc.vars {
		if v == nil || v.kind != vExpr {
			continue
		}
		if _, ok := v.expr.(*allium.Lit); ok {
			if out == nil {
				out = map[string]bool{}
			}
			out[n] = true
		}
	}
	return out
}

// targetNames are the plain names an assignment target binds: a name,
// or the names of a tuple or list of targets (a, b = ...).
func targetNames(t *facts.Expr) []string {
	switch t.Kind {
	case facts.ExprName:
		return []string{t.Name()}
	case facts.ExprTuple, facts.ExprList:
		var out []string
		for i := range t.Args() {
			out = append(out, targetNames(&t.Args()[i])...)
		}
		return out
	}
	return nil
}

// endsAlways reports a body whose last statement raises or returns: the
// walk past it does not continue from it.
func endsAlways(body []facts.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	k := body[len(body)-1].Kind
	return k == facts.StmtRaise || k == facts.StmtReturn
}
