package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A helper that answers a question by cases, some answered outright:
//
//	def is_verified():
//	    if get_config("verify_emails"):
//	        user = get_current_user_attrs()
//	        if user:
//	            return user.verified
//	        else:
//	            return False
//	    else:
//	        return True
//
// answers not config.verify_emails or user.verified: each if chooses
// between its branches' answers (chooseBool), a literal answer on one
// side turning the choice into and/or. The signed-in user is there in a
// rule for signed-in users, so `if user:` on it takes its first branch.

// isPredicateTree reports a body made only of bindings, ifs and returns,
// every path of which ends in a return of a Boolean literal or of a
// Boolean-looking value (a test, an attribute, a call; not a bare name,
// which a lookup helper returns beside False), at least one of each (a
// body answering only True or False is a success flag, success_flags.go).
// It is read from the syntax, so that a helper of another shape is never
// walked twice.
func isPredicateTree(body []facts.Stmt) bool {
	lit, other := false, false
	var answers func(list []facts.Stmt) bool
	answers = func(list []facts.Stmt) bool {
		for i := range list {
			s := &list[i]
			switch s.Kind {
			case facts.StmtAssign:
			case facts.StmtReturn:
				if s.Value == nil {
					return false
				}
				switch s.Value.Kind {
				case facts.ExprBool:
					lit = true
				case facts.ExprCompare, facts.ExprUnary, facts.ExprBoolOp, facts.ExprAttr, facts.ExprCall:
					other = true
				default:
					return false
				}
				return true
			case facts.StmtIf:
				rest := list[i+1:]
				if len(s.Else()) > 0 {
					rest = s.Else()
				}
				return answers(s.Body) && answers(rest)
			default:
				return false
			}
		}
		return false // a path that ends without an answer
	}
	return answers(body) && lit && other
}

// predicateAnswer is the Boolean a predicate tree's body answers, read in
// sc, with the lets its bindings need written to out; nil, and nothing
// written, when a condition or an answer cannot be stated, a path ends
// without an answer, or a binding does more than name a value (a helper
// that changes state is no predicate: effects reports that case).
func (rc *ruleCtx) predicateAnswer(body []facts.Stmt, sc *scope, out *[]allium.Stmt) (x allium.Expr, effects bool) {
	var scratch []allium.Stmt
	x = rc.predicateTree(body, sc, &scratch)
	if !onlyLets(scratch) {
		return nil, true
	}
	if x == nil {
		return nil, false
	}
	*out = append(*out, scratch...)
	return x, false
}

// predicateTree is the Boolean body answers, read in sc; nil when a
// condition or an answer cannot be stated, or a path ends without one.
func (rc *ruleCtx) predicateTree(body []facts.Stmt, sc *scope, out *[]allium.Stmt) allium.Expr {
	for i := range body {
		s := &body[i]
		switch s.Kind {
		case facts.StmtAssign:
			rc.stmt(s, sc, out)
		case facts.StmtReturn:
			if s.Value == nil {
				return nil
			}
			if s.Value.Kind == facts.ExprBool {
				// facts write a Boolean literal as true or false, in any language.
				return &allium.Lit{Kind: allium.LitBool, Text: s.Value.Value()}
			}
			return rc.booleanAnswer(s.Value, sc, out)
		case facts.StmtIf:
			rest := body[i+1:]
			if len(s.Else()) > 0 {
				rest = s.Else()
			}
			truth, decided := rc.signedInPresence(s.Cond, sc)
			if !decided {
				_, decided, truth = rc.reduceCond(s.Cond, sc)
			}
			if decided {
				if truth {
					return rc.predicateTree(s.Body, sc, out)
				}
				return rc.predicateTree(rest, sc, out)
			}
			c := rc.cond(s.Cond, sc, out)
			if c == nil {
				return nil
			}
			t := rc.predicateTree(s.Body, sc, out)
			e := rc.predicateTree(rest, sc, out)
			if t == nil || e == nil {
				return nil
			}
			return chooseBool(c, t, e)
		}
	}
	return nil
}

// booleanAnswer is the Boolean a predicate tree returns; nil for a row,
// a query or a column that is not a Boolean (`return user.team` beside
// `return False` answers a team or nothing, not a Boolean).
func (rc *ruleCtx) booleanAnswer(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if e.Kind == facts.ExprAttr || e.Kind == facts.ExprCall {
		switch v := rc.eval(e, sc, out, false); {
		case v.kind == vEntity, v.kind == vLookup, v.kind == vQuery, v.kind == vCount, v.kind == vNew, v.param == "nonbool":
			return nil
		}
	}
	return rc.cond(e, sc, out)
}

// signedInPresence decides a test that the signed-in user is there (`if
// user:`, `if user is None:` on a name bound to it) in a rule for
// signed-in users, where it always is.
func (rc *ruleCtx) signedInPresence(e *facts.Expr, sc *scope) (truth, ok bool) {
	present := true
	for e != nil && e.Kind == facts.ExprUnary && e.Op() == "not" {
		present, e = !present, e.X
	}
	if e != nil && e.Kind == facts.ExprCompare && e.Y != nil && e.Y.Kind == facts.ExprNone {
		switch e.Op() {
		case "is", "==":
			present = !present
		case "is not", "!=":
		default:
			return false, false
		}
		e = e.X
	}
	if e == nil || e.Kind != facts.ExprName || rc.auth == authNone || rc.userVal == nil || sc.vars[e.Name()] != rc.userVal {
		return false, false
	}
	return present, true
}

// answersQuestions reports a predicate tree every answer of which reads
// as a Boolean by its shape: a literal, a test, a negation, an and/or, or
// a call that is no lookup or query (a helper answering a row or False,
// `return User.query.filter_by(email=email).first()`, looks a row up and
// asks nothing).
func (rc *ruleCtx) answersQuestions(body []facts.Stmt) bool {
	ok := true
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtReturn || s.Value == nil {
			return ok
		}
		switch v := s.Value; v.Kind {
		case facts.ExprBool, facts.ExprCompare, facts.ExprBoolOp, facts.ExprUnary:
		case facts.ExprCall:
			l := rc.b.lang
			method := ""
			if v.X != nil && v.X.Kind == facts.ExprAttr {
				method = v.X.Name()
			}
			if catalog.Match(l.LookupMethods, method) || catalog.Match(l.QueryMethods, method) || catalog.Match(l.RequiredLookups, method) {
				ok = false
			}
		default:
			ok = false
		}
		return ok
	})
	return ok
}

// namedPredicate states a predicate tree whose cases cannot be stated (a
// permission helper that looks rows up the spec does not declare:
// umami's canUpdateEntity({user}, entityId)) as the question it answers,
// a call of its name on what its parameters hold in sc:
// can_update_entity(user, entity_id). nil when a parameter holds nothing
// the spec can name.
func (rc *ruleCtx) namedPredicate(fn *facts.Function, sc *scope) allium.Expr {
	if !rc.answersQuestions(fn.Body()) {
		return nil
	}
	var args []allium.Arg
	for _, p := range fn.Params {
		names := []string{p.Name}
		if p.Pattern != nil && p.Pattern.Kind == facts.ExprDict {
			names = names[:0]
			for _, en := range p.Pattern.Entries() {
				if en.Value.Kind == facts.ExprName {
					names = append(names, en.Value.Name())
				}
			}
		}
		for _, n := range names {
			v := sc.vars[n]
			if v == nil {
				return nil
			}
			x := rc.valueExpr(v)
			if x == nil {
				return nil
			}
			args = append(args, allium.Arg{Value: x})
		}
	}
	if len(args) == 0 {
		return nil
	}
	return &allium.Call{Fun: &allium.Ident{Name: snake(fn.Name)}, Args: args}
}
