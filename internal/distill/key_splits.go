package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// Request-key splits. One endpoint may serve several changes, told apart
// by the keys the request body holds; Redash's UserResource.post:
//
//	params = project(req, ("email", "name", "password", "old_password"))
//	if "password" in params and "old_password" not in params: abort(403)
//	if "old_password" in params and not user.verify_password(...): abort(403)
//	if "password" in params: user.hash_password(params.pop("password"))
//	if "email" in params: require_allowed_email(params["email"])
//	email_address_changed = "email" in params and params["email"] != user.email
//	...
//	self.update_model(user, params)
//
// A person writing the spec states one rule per change (the user changes
// the password; the user changes the email), each with the guards and
// outcomes its keys reach, as the distill guide consolidates scattered
// logic per behaviour. So the handler is walked once per key it branches
// on, from the first statement that tests a key: in each walk the request
// holds that key and no other the handler tests, unless a guard turns the
// request away without one (`"password" in params and "old_password" not
// in params`), which makes that key an input the rule requires. Each walk
// is a rule with a trigger of its own, named after the handler and the
// key (UserPassword, UserEmail).

// keyFork walks list[i:] once per key the statements from i branch on,
// when there are at least two and they are keys of the request's input;
// it reports whether it did (the rule's walk of list is then over).
func (rc *ruleCtx) keyFork(list []facts.Stmt, i int, sc *scope, out *[]allium.Stmt) bool {
	if rc.keysGiven != nil || !sc.top || sc.inlined || !testsAKey(&list[i]) {
		return false
	}
	keys, lines, dict := rc.branchKeys(list[i:], sc)
	// One key a name holds, tested by an if whose else tests no key
	// (django-graphql-auth's login: `if USERNAME_FIELD in kwargs: ...
	// else: <the other login field given>`), is two ways to call the
	// endpoint as well: the key's walk, and the walk of the request
	// without it. A literal key with an else is the pressed button of a
	// form (actionKey), read as before.
	without := len(keys) == 1 && list[i].Kind == facts.StmtIf && len(list[i].Else()) > 0 &&
		namedKeyTest(list[i].Cond) && !anyKeyTest(list[i].Else())
	if len(keys) < 2 && !without {
		return false
	}
	var scratch []allium.Stmt
	if rc.eval(dict, sc, &scratch, false).kind != vReqDict {
		return false
	}
	name := rc.name
	if without {
		before := len(rc.paths)
		rc.keysGiven = map[string]bool{}
		rc.path(list[i].Line(), nil, list[i:], freshInputs(sc), *out, true, false)
		for _, p := range rc.paths[before:] {
			p.ownTrigger = true
		}
	}
	for _, k := range keys {
		before := len(rc.paths)
		// The walk's notes name the rule it is.
		rc.keysGiven, rc.name = map[string]bool{k: true}, name+pascal(k)
		rc.path(lines[k], nil, list[i:], freshInputs(sc), *out, true, false)
		for _, p := range rc.paths[before:] {
			p.ownTrigger = true
		}
	}
	rc.keysGiven, rc.name = nil, name
	rc.forked = true
	return true
}

// freshInputs is sc with its own copy of each request input it binds, so
// that what one key's walk takes out of a dict (pop) stays in that walk.
func freshInputs(sc *scope) *scope {
	each := *sc
	each.vars = cloneVars(sc.vars)
	for n, v := range each.vars {
		if v.kind == vReqDict {
			c := *v
			c.popped = maps.Clone(v.popped)
			c.rewritten = maps.Clone(v.rewritten)
			each.vars[n] = &c
		}
	}
	return &each
}

// branchKeys are the keys that decide what the statements do, in the order
// they are first tested: a key whose presence is tested (alone or with
// other conditions joined by and) by an if whose body does not turn the
// request away, or in a value a local is assigned. dict is the expression
// the first test reads; a test of another dict ends the search empty.
// lines are where each key is first tested, where its rule begins.
func (rc *ruleCtx) branchKeys(list []facts.Stmt, sc *scope) (keys []string, lines map[string]int, dict *facts.Expr) {
	lines = map[string]int{}
	for i := range list {
		s := &list[i]
		var tests []*facts.Expr
		switch s.Kind {
		case facts.StmtIf:
			tests = keyTests(s.Cond)
			if len(s.Body) == 0 || rc.failureEnd(&s.Body[len(s.Body)-1], sc) {
				// A guard: `if "password" in params and "old_password"
				// not in params: abort(403)` names a key another needs.
				for _, t := range tests {
					if dict == nil {
						dict = t.Y
					}
				}
				tests = nil
			}
		case facts.StmtAssign:
			tests = keyTests(s.Value)
		}
		for _, t := range tests {
			if dict == nil {
				dict = t.Y
			}
			if t.Y.Raw() != dict.Raw() {
				return nil, nil, nil
			}
			k := rc.keyName(t.X, sc)
			if _, seen := lines[k]; t.Op() == "in" && !seen && k != "" {
				lines[k] = s.Line()
				keys = append(keys, k)
			}
		}
	}
	return keys, lines, dict
}

// testsAKey reports a statement whose condition or value tests a key.
func testsAKey(s *facts.Stmt) bool {
	switch s.Kind {
	case facts.StmtIf:
		return len(keyTests(s.Cond)) > 0
	case facts.StmtAssign:
		return len(keyTests(s.Value)) > 0
	}
	return false
}

// keyTests are the conjuncts of e (e itself, or the parts of its ands)
// that test a key's presence: `"email" in params`, `"old_password" not in
// params`, or a key a name holds (`USERNAME_FIELD in kwargs`; keyName
// reads it).
func keyTests(e *facts.Expr) []*facts.Expr {
	if e == nil {
		return nil
	}
	switch e.Kind {
	case facts.ExprBoolOp:
		if e.Op() != "and" {
			return nil
		}
		return append(keyTests(e.X), keyTests(e.Y)...)
	case facts.ExprCompare:
		if (e.Op() == "in" || e.Op() == "not in") && e.X != nil && e.Y != nil && (e.X.Kind == facts.ExprString && isSnake(e.X.Value()) || e.X.Kind == facts.ExprName) {
			return []*facts.Expr{e}
		}
	}
	return nil
}

// namedKeyTest reports a condition that is one test of a key a name
// holds (USERNAME_FIELD in kwargs).
func namedKeyTest(e *facts.Expr) bool {
	ts := keyTests(e)
	return len(ts) == 1 && ts[0] == e && e.X.Kind == facts.ExprName
}

// anyKeyTest reports a statement among list, or nested in them, that
// tests a key (an elif chain of them).
func anyKeyTest(list []facts.Stmt) bool {
	found := false
	facts.Walk(list, func(s *facts.Stmt) bool {
		found = found || testsAKey(s)
		return !found
	})
	return found
}

// keyName is the key a key test names: a literal, or a local bound to
// one (USERNAME_FIELD = UserModel.USERNAME_FIELD, the model's "username");
// "" when it is neither.
func (rc *ruleCtx) keyName(x *facts.Expr, sc *scope) string {
	switch x.Kind {
	case facts.ExprString:
		return x.Value()
	case facts.ExprName:
		if v := sc.vars[x.Name()]; v != nil && v.kind == vExpr {
			if l, ok := v.expr.(*allium.Lit); ok && l.Kind == allium.LitString && isSnake(l.Text) {
				return l.Text
			}
		}
	}
	return ""
}

// givenDict reports the request's input, in a walk of keys it holds
// (not ones it may lack), holding one of them still: a dict with an
// entry, so true as a condition (`if not next_kwargs:` is false there).
func (rc *ruleCtx) givenDict(e *facts.Expr, sc *scope) bool {
	if rc.keysMayLack || len(rc.keysGiven) == 0 || e.Kind != facts.ExprName {
		return false
	}
	v := sc.vars[e.Name()]
	if v == nil || v.kind != vReqDict {
		return false
	}
	for k := range rc.keysGiven {
		if _, rewritten := v.rewritten[k]; !v.popped[k] && !rewritten {
			return true
		}
	}
	return false
}

// givenKey decides a key test of the request's input in a walk of one
// key's change: the request holds the keys given and no other.
func (rc *ruleCtx) givenKey(e *facts.Expr, sc *scope) (truth, ok bool) {
	if rc.keysGiven == nil || rc.keysMayLack || len(keyTests(e)) != 1 || e.Kind != facts.ExprCompare {
		return false, false
	}
	var scratch []allium.Stmt
	if rc.eval(e.Y, sc, &scratch, false).kind != vReqDict {
		return false, false
	}
	k := rc.keyName(e.X, sc)
	if k == "" {
		return false, false
	}
	given := rc.keysGiven[k]
	if e.Op() == "not in" {
		return !given, true
	}
	return given, true
}

// requiredKey reads a guard that turns the request away when it lacks a
// key the walk's change needs (`if "password" in params and
// "old_password" not in params: abort(403)` in the password's walk): the
// key is then given, an input the rule requires as its trigger's
// parameter, and the guard states nothing more. It reports whether s was
// such a guard.
func (rc *ruleCtx) requiredKey(s *facts.Stmt, sc *scope) bool {
	if rc.keysGiven == nil || len(s.Body) == 0 || len(s.Else()) > 0 || !rc.failureEnd(&s.Body[len(s.Body)-1], sc) {
		return false
	}
	missing := ""
	for _, c := range conjuncts(s.Cond) {
		if t, ok := rc.givenKey(c, sc); ok && t && c.Op() == "not in" && missing == "" {
			missing = rc.keyName(c.X, sc)
			continue
		}
		if _, decided, truth := rc.reduceCond(c, sc); !decided || !truth {
			return false
		}
	}
	if missing == "" {
		return false
	}
	rc.keysGiven[missing] = true
	return true
}

// conjuncts are the parts of e joined by and (e itself when it is not an
// and).
func conjuncts(e *facts.Expr) []*facts.Expr {
	if e != nil && e.Kind == facts.ExprBoolOp && e.Op() == "and" {
		return append(conjuncts(e.X), conjuncts(e.Y)...)
	}
	return []*facts.Expr{e}
}

// unrollGivenKeys walks `for k, v in params.items(): setattr(user, k, v)`
// over the request's input in a walk of one key's change once per key the
// request holds and the code has not taken out (pop): k is the key and v
// its input. It reports whether it walked the loop.
func (rc *ruleCtx) unrollGivenKeys(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	mapping, k, v := itemsLoop(s)
	if rc.keysGiven == nil || mapping == nil {
		return false
	}
	dict := rc.eval(mapping, sc, out, false)
	if dict.kind != vReqDict {
		return false
	}
	for _, key := range sortedKeys(rc.keysGiven) {
		if dict.popped[key] {
			continue
		}
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[k.Name()] = exprValue(&allium.Lit{Kind: allium.LitString, Text: key})
		input := rc.shapeInput(dict, key, sc)
		if set, ok := dict.rewritten[key]; ok {
			// kwargs["updated_at"] = user.created_at.replace(...): what the
			// code put there, not the input.
			each.vars[v.Name()] = rc.eval(set.e, set.sc, out, false)
		} else {
			each.vars[v.Name()] = input
		}
		if !rc.keysMayLack || input.kind != vParam || input.param == "" {
			rc.stmts(s.Body, &each, out)
			continue
		}
		// The body may leave the key out (a schema's fields handed on
		// as keywords): what the loop does with it holds when it is given.
		var given []allium.Stmt
		rc.stmts(s.Body, &each, &given)
		if len(given) > 0 {
			*out = append(*out, &allium.If{Meta: rc.b.meta(sc.file, s.Line()), Branches: []allium.IfBranch{{
				Cond: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: input.param}}, Body: given}}})
		}
	}
	return true
}

// itemsLoop reads `for k, v in mapping.items():` (no else): the mapping
// and the names bound to each key and value; nil for any other loop.
func itemsLoop(s *facts.Stmt) (mapping, k, v *facts.Expr) {
	it := s.Iter()
	if it == nil || it.Kind != facts.ExprCall || it.Method() != "items" || len(it.Args()) != 0 ||
		len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprTuple || len(s.Targets[0].Args()) != 2 || len(s.Else()) > 0 {
		return nil, nil, nil
	}
	k, v = &s.Targets[0].Args()[0], &s.Targets[0].Args()[1]
	if k.Kind != facts.ExprName || v.Kind != facts.ExprName {
		return nil, nil, nil
	}
	return it.X.X, k, v
}

// unrollKeywordItems walks `for attr, value in changes.items():` over the
// keywords a caller handed a helper's **changes (warehouse's
// update_user(user.id, password=new_password) into
// `setattr(user, attr, value)`) once per keyword, attr the keyword's name
// and value its value. It reports whether it walked the loop.
func (rc *ruleCtx) unrollKeywordItems(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	mapping, k, v := itemsLoop(s)
	if mapping == nil || mapping.Kind != facts.ExprName || jumps(s.Body) {
		return false
	}
	given := sc.vars[mapping.Name()]
	if given == nil || !given.keywords || len(given.parts) != 1 || given.parts[0].e == nil || given.parts[0].sc == nil {
		return false
	}
	part := given.parts[0]
	list := part.e.Entries()
	if len(list) == 0 || len(list) > maxUnroll {
		return false
	}
	for _, en := range list {
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			return false
		}
	}
	for i := range list {
		en := &list[i]
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[k.Name()] = exprValue(&allium.Lit{Kind: allium.LitString, Text: en.Key.Value()})
		each.vars[v.Name()] = rc.eval(&en.Value, part.sc, out, false)
		rc.stmts(s.Body, &each, out)
	}
	return true
}

// staticCompare decides a comparison the code makes of names it knows:
// two strings (a loop's key against a module constant, attr ==
// PASSWORD_FIELD), or a string in the keywords a caller handed a
// helper's **changes (PASSWORD_FIELD in changes).
func (rc *ruleCtx) staticCompare(e *facts.Expr, sc *scope) (truth, ok bool) {
	x, known := rc.staticString(e.X, sc)
	if !known || e.Y == nil {
		return false, false
	}
	switch op := e.Op(); op {
	case "==", "!=":
		y, known := rc.staticString(e.Y, sc)
		if !known {
			return false, false
		}
		return (x == y) == (op == "=="), true
	case "in", "not in":
		keys, known := rc.keywordKeys(e.Y, sc)
		if !known {
			return false, false
		}
		return slices.Contains(keys, x) == (op == "in"), true
	}
	return false, false
}

// staticString is the string e stands for: a literal, a local bound to
// one, or a module constant set to one.
func (rc *ruleCtx) staticString(e *facts.Expr, sc *scope) (string, bool) {
	if e == nil {
		return "", false
	}
	switch e.Kind {
	case facts.ExprString:
		return e.Value(), true
	case facts.ExprName:
		if v := sc.vars[e.Name()]; v != nil {
			if l, isLit := v.expr.(*allium.Lit); v.kind == vExpr && isLit && l.Kind == allium.LitString {
				return l.Text, true
			}
			if v.kind == vExpr && v.constString != nil {
				// A parameter given a module constant
				// (send_mail(user, KIND_VERIFY)): that constant's string.
				return *v.constString, true
			}
			return "", false
		}
		if c := rc.b.ix.constant(sc.file, e); c != nil && c.as != nil && c.as.Value != nil && c.as.Value.Kind == facts.ExprString {
			return c.as.Value.Value(), true
		}
	}
	return "", false
}

// keywordKeys are the names of the keywords a caller handed the **kw
// parameter e names, when they are all known.
func (rc *ruleCtx) keywordKeys(e *facts.Expr, sc *scope) ([]string, bool) {
	if e.Kind != facts.ExprName {
		return nil, false
	}
	given := sc.vars[e.Name()]
	if given == nil || !given.keywords || len(given.parts) != 1 || given.parts[0].e == nil {
		return nil, false
	}
	var keys []string
	for _, en := range given.parts[0].e.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			return nil, false
		}
		keys = append(keys, en.Key.Value())
	}
	return keys, true
}
