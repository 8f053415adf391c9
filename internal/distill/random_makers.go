package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A function of the service that only builds a value from a random
// source and returns it makes a fresh random value, whatever it does with
// the draws (redash's generate_token(length): characters picked by
// random.SystemRandom().choice, joined). Its call reads as random_key(),
// as a catalogued random call does (the catalog's random_calls):
//
//	def regenerate_api_key(self):
//	    self.api_key = generate_token(40)    ->    user.api_key = random_key()

// makesRandomValue reports whether fn's body is only assignments to local
// names and returns (a docstring aside), with a call of a catalogued random
// source among them: nothing it does outlives the call but the value.
//
// It may also refuse bad arguments first (if size === 0: throw) and build
// the value in a loop of assignments to its locals (Parse Server's
// randomString: objectId += chars[bytes.readUInt8(i) % chars.length]);
// builtInLoop reports that the value is built so, which the walk, reading
// a loop's assignments as none, cannot follow.
func (b *builder) makesRandomValue(fn *facts.Function) bool {
	random, returns, _, ok := b.randomMaker(fn.Body(), false)
	return ok && random && returns && !b.joinsParams(fn)
}

// joinsParams reports a function that returns its parameters joined to
// the draws (lujakob's slugify(title): slug(title, {lower: true}) + '-' +
// Math.random()...toString(36), article.service.ts:201-203): a value
// named by its input, with a random suffix, is no random key. A parameter
// that only sizes the draws (generate_token(length)) is not joined.
func (b *builder) joinsParams(fn *facts.Function) bool {
	params := map[string]bool{}
	for _, p := range fn.Params {
		params[p.Name] = true
	}
	joined := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtReturn || s.Value == nil || s.Value.Kind != facts.ExprBinary || s.Value.Op() != "+" {
			return !joined
		}
		for _, part := range concatParts(s.Value) {
			if !part.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && params[x.Name()] }) {
				continue
			}
			if !part.Any(func(x *facts.Expr) bool {
				return x.Kind == facts.ExprCall && x.X != nil && catalog.MatchAny(b.lang.RandomCalls, x.Resolved(), x.X.Raw())
			}) {
				joined = true
			}
		}
		return !joined
	})
	return joined
}

// concatParts are the operands of a chain of + (a + b + c: a, b, c).
func concatParts(e *facts.Expr) []*facts.Expr {
	if e == nil || e.Kind != facts.ExprBinary || e.Op() != "+" {
		return []*facts.Expr{e}
	}
	return append(concatParts(e.X), concatParts(e.Y)...)
}

// builtInLoop reports whether a function that makes a random value
// builds it in a loop.
func (b *builder) builtInLoop(fn *facts.Function) bool {
	_, _, loops, ok := b.randomMaker(fn.Body(), false)
	return ok && loops
}

// randomMaker reads a body of a random value's maker (a loop's body when
// inLoop): whether it draws from a random source, returns a value and has
// a loop; ok is false when it does anything else.
func (b *builder) randomMaker(body []facts.Stmt, inLoop bool) (random, returns, loops, ok bool) {
	drawsRandom := func(e *facts.Expr) bool {
		return e.Kind == facts.ExprCall && e.X != nil && catalog.MatchAny(b.lang.RandomCalls, e.Resolved(), e.X.Raw())
	}
	for i := range body {
		s := &body[i]
		switch s.Kind {
		case facts.StmtAssign, facts.StmtAugAssign:
			for j := range s.Targets {
				if !localNames(&s.Targets[j]) {
					return false, false, false, false
				}
			}
		case facts.StmtReturn:
			// return { unHashedToken, hashedToken, tokenExpiry }: an
			// object of several values, not all of them random (an
			// expiry); the walk reads each where the caller takes it.
			if s.Value == nil || inLoop || s.Value.Kind == facts.ExprDict {
				return false, false, false, false
			}
			returns = true
		case facts.StmtExpr:
			if s.Value == nil || s.Value.Kind != facts.ExprString {
				return false, false, false, false
			}
			continue
		case facts.StmtIf:
			// An argument check: it only refuses.
			if inLoop || len(s.Else()) > 0 || len(s.Body) != 1 || s.Body[0].Kind != facts.StmtRaise {
				return false, false, false, false
			}
			continue
		case facts.StmtFor, facts.StmtWhile:
			r, _, _, bodyOK := b.randomMaker(s.Body, true)
			if !bodyOK || len(s.Else()) > 0 {
				return false, false, false, false
			}
			random, loops = random || r || s.Iter().Any(drawsRandom) || s.Cond.Any(drawsRandom), true
			continue
		default:
			return false, false, false, false
		}
		if s.Value != nil && s.Value.Any(drawsRandom) {
			random = true
		}
	}
	return random, returns, loops, true
}

// localNames reports whether an assignment target only binds local names
// (x, or a tuple of them), changing nothing outside the function.
func localNames(t *facts.Expr) bool {
	switch t.Kind {
	case facts.ExprName:
		return true
	case facts.ExprTuple, facts.ExprList:
		for i := range t.Args() {
			if !localNames(&t.Args()[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// randomKey is the value of a fresh random draw: random_key().
func randomKey() *value {
	return exprValue(&allium.Call{Fun: &allium.Ident{Name: "random_key"}})
}

// isRandomKey reports the expression a fresh random draw is written as:
// random_key(), given no arguments.
func isRandomKey(x allium.Expr) bool {
	c, ok := x.(*allium.Call)
	if !ok || len(c.Args) != 0 {
		return false
	}
	id, ok := c.Fun.(*allium.Ident)
	return ok && id.Name == "random_key"
}
