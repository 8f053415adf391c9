package distill

import (
	"maps"
	"slices"
	"strings"

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

// notFoundFlags settles, after a try whose only handler catches the
// lookup's not-found error (tryNotFound), the locals that held a literal
// before the try (before: the scope's values then) and that the handler,
// going on past the try, assigns. When the body is the lookup alone, the
// handler runs exactly when no row is found, so a flag the handler turns
// from false to true is `not exists row` (and from true to false,
// `exists row`):
//
//	error = False
//	try:
//	    user = models.User.objects.get(email=email)
//	except ObjectDoesNotExist:
//	    error = True
//	    user = models.User()
//	...
//	if not valid_token or error:
//	    raise ValidationError(...)
//
// (saleor's SetPassword._set_password_for_user,
// graphql/account/mutations/authentication/set_password.py:61-83). Any
// other value the handler gives such a local makes it unknown, so a
// guard reading it is left out with a note: read as the literal it held
// before, the guard's `or error` would vanish without one.
func (rc *ruleCtx) notFoundFlags(s *facts.Stmt, h *facts.Handler, before map[string]*value, found *value, sc, hsc *scope) {
	if len(before) == 0 || endsAlways(h.Body) {
		return
	}
	exact := len(s.Body) == 1 && found != nil && found.kind == vEntity && found.expr != nil
	for _, n := range slices.Sorted(maps.Keys(before)) {
		old, now := before[n], hsc.vars[n]
		if now == old || now == nil || sc.vars[n] != old {
			// The handler left it, or the body set it too.
			continue
		}
		from, okFrom := boolLitValue(old)
		to, okTo := boolLitValue(now)
		switch {
		case exact && okFrom && okTo && from != to:
			exists := allium.Expr(&allium.Unary{Op: allium.OpExists, X: found.expr})
			if to {
				exists = &allium.Unary{Op: allium.OpNot, X: exists}
			}
			sc.vars[n] = exprValue(exists)
		case okFrom && okTo && from == to:
			// The same literal either way.
		default:
			sc.vars[n] = unknownValue
		}
	}
}

// literalValues are the locals of sc holding a literal, with the values
// they hold (literalLocals).
func literalValues(sc *scope) map[string]*value {
	var out map[string]*value
	for n := range literalLocals(sc) {
		if out == nil {
			out = map[string]*value{}
		}
		out[n] = sc.vars[n]
	}
	return out
}

// boolLitValue is the truth of a value that is the literal true or false.
func boolLitValue(v *value) (truth, ok bool) {
	if v == nil || v.kind != vExpr {
		return false, false
	}
	lit, isLit := v.expr.(*allium.Lit)
	if !isLit || lit.Kind != allium.LitBool {
		return false, false
	}
	switch strings.ToLower(lit.Text) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}
