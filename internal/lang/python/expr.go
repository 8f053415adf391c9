package python

import (
	"strconv"
	"unicode/utf8"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

func (x *extractor) exprPtr(n syntax.Node) *facts.Expr {
	return x.arena.Keep(x.expr(n))
}

func (x *extractor) exprs(nodes []syntax.Node) []facts.Expr {
	if len(nodes) == 0 {
		return nil
	}
	out := x.arena.Exprs(len(nodes))
	for _, n := range nodes {
		out = append(out, x.expr(n))
	}
	return out
}

// expr translates one expression node.
func (x *extractor) expr(n syntax.Node) facts.Expr {
	if x.depth >= maxDepth {
		x.file.Stats.DepthLimited++
		return x.opaqueExpr(n)
	}
	x.depth++
	defer func() { x.depth-- }()

	k := x.k
	e := facts.NewExpr(facts.ExprSpec{Line: n.Line()})
	switch n.Kind() {
	case k.identifier:
		e.Kind = facts.ExprName
		e.SetName(x.text(n))
		e.SetRaw(e.Name())
		e.SetResolved(x.resolve(e.Raw()))
	case k.attribute:
		e.Kind = facts.ExprAttr
		parts := x.named(n)
		if len(parts) < 2 {
			return x.opaqueExpr(n)
		}
		e.X = x.exprPtr(parts[0])
		e.SetName(x.text(parts[len(parts)-1]))
		if isDotted(e.X) {
			e.SetRaw(x.concat(e.X.Raw(), ".", e.Name()))
			e.SetResolved(x.resolve(e.Raw()))
		}
	case k.call:
		x.callExpr(&e, n)
	case k.str, k.concatenatedString:
		x.stringExpr(&e, n)
	case k.integer:
		e.Kind = facts.ExprInt
		e.SetValue(x.text(n))
	case k.float:
		e.Kind = facts.ExprFloat
		e.SetValue(x.text(n))
	case k.trueLit:
		e.Kind = facts.ExprBool
		e.SetValue("true")
	case k.falseLit:
		e.Kind = facts.ExprBool
		e.SetValue("false")
	case k.noneLit:
		e.Kind = facts.ExprNone
	case k.ellipsis:
		e.Kind = facts.ExprEllipsis
	case k.binaryOp, k.booleanOp:
		e.Kind = facts.ExprBinary
		if n.Kind() == k.booleanOp {
			e.Kind = facts.ExprBoolOp
		}
		operands := x.named(n)
		if len(operands) != 2 {
			return x.opaqueExpr(n)
		}
		op, ok := operatorText(syntax.Between(operands[0], operands[1]))
		if !ok {
			op = x.tokenOp(n)
		}
		e.SetOp(op)
		e.X, e.Y = x.exprPtr(operands[0]), x.exprPtr(operands[1])
	case k.comparisonOp:
		return x.comparison(n)
	case k.notOp:
		e.Kind = facts.ExprUnary
		e.SetOp("not")
		if c := x.named(n); len(c) > 0 {
			e.X = x.exprPtr(c[0])
		} else {
			return x.opaqueExpr(n)
		}
	case k.unaryOp:
		e.Kind = facts.ExprUnary
		for _, c := range n.Children() {
			if !c.IsNamed() {
				e.SetOp(k.ops[c.Kind()])
			} else if !x.isExtra(c.Kind()) {
				e.X = x.exprPtr(c)
			}
		}
		if e.X == nil {
			return x.opaqueExpr(n)
		}
	case k.parenthesized:
		if c := x.named(n); len(c) == 1 {
			inner := x.expr(c[0])
			inner.SetLine(e.Line())
			return inner
		}
		return x.opaqueExpr(n)
	case k.list, k.listPattern:
		e.Kind = facts.ExprList
		e.SetArgs(x.exprs(x.named(n)))
	case k.tuple, k.exprList, k.patternList, k.tuplePattern:
		e.Kind = facts.ExprTuple
		e.SetArgs(x.exprs(x.named(n)))
	case k.set:
		e.Kind = facts.ExprSet
		e.SetArgs(x.exprs(x.named(n)))
	case k.dictionary:
		e.Kind = facts.ExprDict
		var entries []facts.DictEntry
		items := x.named(n)
		for _, c := range items {
			switch c.Kind() {
			case k.pair:
				kv := x.named(c)
				if len(kv) == 2 {
					if entries == nil {
						entries = make([]facts.DictEntry, 0, len(items))
					}
					entries = append(entries, facts.DictEntry{Key: x.exprPtr(kv[0]), Value: x.expr(kv[1])})
				}
			case k.dictSplat:
				if v := x.named(c); len(v) > 0 {
					if entries == nil {
						entries = make([]facts.DictEntry, 0, len(items))
					}
					entries = append(entries, facts.DictEntry{Value: x.expr(v[0])})
				}
			}
		}
		e.SetEntries(entries)
	case k.subscript:
		e.Kind = facts.ExprSubscript
		parts := x.named(n)
		if len(parts) < 2 {
			return x.opaqueExpr(n)
		}
		e.X = x.exprPtr(parts[0])
		if len(parts) == 2 {
			e.Y = x.exprPtr(parts[1])
		} else {
			e.Y = x.arena.Keep(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprTuple, Args: x.exprs(parts[1:]), Line: parts[1].Line()}))
		}
	case k.slice:
		e.Kind = facts.ExprSlice
		e.SetText(clip(n.Bytes()))
	case k.conditional:
		parts := x.named(n)
		if len(parts) != 3 {
			return x.opaqueExpr(n)
		}
		e.Kind = facts.ExprCond
		e.X = x.exprPtr(parts[0])
		e.SetTest(x.exprPtr(parts[1]))
		e.Y = x.exprPtr(parts[2])
	case k.lambda:
		e.Kind = facts.ExprLambda
		e.SetText(clip(n.Bytes()))
		if fn := x.lambda(n); fn != nil {
			e.SetFunc(fn)
		}
	case k.await:
		c := x.named(n)
		if len(c) == 0 {
			return x.opaqueExpr(n)
		}
		inner := x.expr(c[0])
		inner.SetAwait(true)
		return inner
	case k.named:
		parts := x.named(n)
		if len(parts) != 2 {
			return x.opaqueExpr(n)
		}
		e.Kind = facts.ExprWalrus
		e.SetName(x.text(parts[0]))
		e.X = x.exprPtr(parts[1])
	case k.yield:
		e.Kind = facts.ExprYield
		for _, c := range n.Children() {
			if c.Kind() == k.tokFrom {
				e.SetOp("from")
			} else if c.IsNamed() && !x.isExtra(c.Kind()) {
				e.X = x.exprPtr(c)
			}
		}
	case k.listSplat, k.listSplatPattern, k.parenthesizedListSplat:
		c := x.named(n)
		if len(c) == 0 {
			return x.opaqueExpr(n)
		}
		e.Kind, e.X = facts.ExprStarred, x.exprPtr(c[0])
	case k.listComp, k.dictComp, k.setComp, k.genExpr:
		e.Kind = facts.ExprComprehension
		e.SetName(x.g.KindName(n.Kind()))
		e.SetText(clip(n.Bytes()))
		if n.Kind() != k.dictComp {
			// A dict comprehension's element is a key: value pair, which
			// no Expr holds; it stays opaque.
			x.comprehension(&e, n)
		}
	case k.typeNode:
		// An annotation wrapper: the type is its only child.
		if c := x.named(n); len(c) == 1 {
			return x.expr(c[0])
		}
		return x.opaqueExpr(n)
	case k.genericType:
		// `Mapped[str | None]` in an annotation: a subscript of the name.
		parts := x.named(n)
		if len(parts) != 2 {
			return x.opaqueExpr(n)
		}
		e.Kind = facts.ExprSubscript
		e.X = x.exprPtr(parts[0])
		params := x.named(parts[1])
		if len(params) == 1 {
			e.Y = x.exprPtr(params[0])
		} else {
			e.Y = x.arena.Keep(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprTuple, Args: x.exprs(params), Line: parts[1].Line()}))
		}
	case k.memberType:
		// `a.B` in an annotation: an attribute.
		parts := x.named(n)
		if len(parts) != 2 {
			return x.opaqueExpr(n)
		}
		e.Kind = facts.ExprAttr
		e.X = x.exprPtr(parts[0])
		e.SetName(x.text(parts[1]))
		if isDotted(e.X) {
			e.SetRaw(x.concat(e.X.Raw(), ".", e.Name()))
			e.SetResolved(x.resolve(e.Raw()))
		}
	case k.unionType:
		parts := x.named(n)
		if len(parts) != 2 {
			return x.opaqueExpr(n)
		}
		e.Kind = facts.ExprBinary
		e.SetOp("|")
		e.X, e.Y = x.exprPtr(parts[0]), x.exprPtr(parts[1])
	default:
		return x.opaqueExpr(n)
	}
	return e
}

// isDotted reports whether e is a plain dotted chain of names (an awaited
// one is not), whose Raw can be extended.
func isDotted(e *facts.Expr) bool {
	return (e.Kind == facts.ExprName || e.Kind == facts.ExprAttr) && e.Raw() != "" && !e.Await()
}

// lambda is the function a lambda defines: its parameters, and its body
// as the one statement `return body`; nil when the body is missing.
func (x *extractor) lambda(n syntax.Node) *facts.Function {
	parts := x.named(n)
	if len(parts) == 0 || parts[len(parts)-1].Kind() == x.k.lambdaParameters {
		return nil
	}
	body := parts[len(parts)-1]
	f := &facts.Function{Name: "<lambda>", QualName: "<lambda:" + strconv.Itoa(n.Line()) + ":" + strconv.Itoa(n.Column()) + ">",
		Line: n.Line(), EndLine: n.EndLine()}
	if parts[0].Kind() == x.k.lambdaParameters {
		f.Params = x.params(parts[0])
	}
	f.SetBody([]facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtReturn, Value: x.exprPtr(body), Line: body.Line()})})
	return f
}

func (x *extractor) opaqueExpr(n syntax.Node) facts.Expr {
	x.file.Stats.OpaqueExprs++
	e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprOpaque, Name: x.g.KindName(n.Kind()), Line: n.Line()})
	e.SetText(clip(n.Bytes()))
	return e
}

// comparison translates `a < b`, and a chain `a < b < c` into
// `a < b and b < c`.
func (x *extractor) comparison(n syntax.Node) facts.Expr {
	nodes := x.named(n)
	if len(nodes) < 2 {
		return x.opaqueExpr(n)
	}
	// Almost every comparison has one operator: room for a few on the
	// stack (chain keeps none of ops).
	var room [4]string
	ops := room[:0]
	for i := 1; i < len(nodes); i++ {
		op, ok := operatorText(syntax.Between(nodes[i-1], nodes[i]))
		if !ok {
			return x.comparisonByTokens(n)
		}
		ops = append(ops, op)
	}
	return x.chain(n, x.exprs(nodes), ops)
}

// comparisonByTokens is comparison reading the operator tokens, for the
// rare comparison with a comment between its operands.
func (x *extractor) comparisonByTokens(n syntax.Node) facts.Expr {
	var operands []facts.Expr
	var ops []string
	pending := "" // "not" or "is" waiting for "in"/"not"
	for _, c := range n.Children() {
		if c.IsNamed() {
			if x.isExtra(c.Kind()) {
				continue
			}
			if pending != "" {
				ops = append(ops, pending)
				pending = ""
			}
			operands = append(operands, x.expr(c))
			continue
		}
		op, ok := x.k.ops[c.Kind()]
		if !ok {
			continue
		}
		switch {
		case pending == "not" && op == "in":
			ops, pending = append(ops, "not in"), ""
		case pending == "is" && op == "not":
			ops, pending = append(ops, "is not"), ""
		case op == "not" || op == "is":
			pending = op
		default:
			ops = append(ops, op)
		}
	}
	return x.chain(n, operands, ops)
}

// chain joins the comparisons of a chain with "and".
func (x *extractor) chain(n syntax.Node, operands []facts.Expr, ops []string) facts.Expr {
	if len(operands) < 2 || len(ops) != len(operands)-1 {
		return x.opaqueExpr(n)
	}
	line := n.Line()
	// operands is the walk's own list (exprs carves it from the file's
	// slab): the comparisons point into it. An operand between two
	// comparisons (b in a < b < c) is the right of one and a copy is the
	// left of the next, so that no expression has two parents.
	var result facts.Expr
	for i, op := range ops {
		left := &operands[i]
		if i > 0 {
			left = x.arena.Keep(operands[i])
		}
		cmp := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCompare, X: left, Y: &operands[i+1], Line: line})
		cmp.SetOp(op)
		if i == 0 {
			result = cmp
			continue
		}
		and := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBoolOp, X: x.arena.Keep(result), Y: x.arena.Keep(cmp), Line: line})
		and.SetOp("and")
		result = and
	}
	return result
}

// tokenOp returns the first operator token among n's children.
func (x *extractor) tokenOp(n syntax.Node) string {
	for _, c := range n.Children() {
		if !c.IsNamed() {
			if op, ok := x.k.ops[c.Kind()]; ok {
				return op
			}
		}
	}
	return ""
}

// callExpr translates a call; the callee's dotted name is copied up.
func (x *extractor) callExpr(e *facts.Expr, n syntax.Node) {
	e.Kind = facts.ExprCall
	// The callee's resolved name, the arguments and the keywords are
	// set together once all are read (SetCall: one copy of the rare
	// fields, not two).
	var resolved string
	var args []facts.Expr
	var kws []facts.Keyword
	for _, c := range x.named(n) {
		switch {
		case e.X == nil:
			e.X = x.exprPtr(c)
			if isDotted(e.X) {
				e.SetRaw(e.X.Raw())
				resolved = e.X.Resolved()
			}
		case c.Kind() == x.k.argumentList:
			args, kws = x.arguments(c)
		case c.Kind() == x.k.genExpr:
			args, kws = append(x.arena.Exprs(1), x.expr(c)), nil
		}
	}
	if e.X == nil {
		*e = x.opaqueExpr(n)
		return
	}
	e.SetCall(resolved, args, kws)
	// super(User, self) in a method of User is Python 2's spelling of
	// super(): read as that, so every reading of super() (a model's save
	// override reaching the framework's) reads it too (plane's
	// User.save, db/models/user.py:187).
	if a := e.Args(); x.superClass != "" && e.X.Kind == facts.ExprName && e.X.Name() == "super" && len(a) == 2 && len(e.Keywords()) == 0 &&
		a[0].Kind == facts.ExprName && a[0].Name() == x.superClass && a[1].Kind == facts.ExprName && a[1].Name() == x.superSelf {
		e.SetArgs(nil)
	}
}

// arguments translates an argument list into positional and keyword
// arguments; `**kw` is a keyword named "**".
func (x *extractor) arguments(n syntax.Node) ([]facts.Expr, []facts.Keyword) {
	parts := x.named(n)
	// Both lists are allocated once at their size (see stmtList).
	named := 0
	for _, c := range parts {
		if c.Kind() == x.k.keywordArgument || c.Kind() == x.k.dictSplat {
			named++
		}
	}
	var args []facts.Expr
	var keywords []facts.Keyword
	if len(parts) > named {
		args = x.arena.Exprs(len(parts) - named)
	}
	if named > 0 {
		keywords = make([]facts.Keyword, 0, named)
	}
	for _, c := range parts {
		switch c.Kind() {
		case x.k.keywordArgument:
			parts := x.named(c)
			if len(parts) != 2 {
				args = append(args, x.opaqueExpr(c))
				continue
			}
			keywords = append(keywords, facts.Keyword{Name: x.text(parts[0]), Value: x.expr(parts[1])})
		case x.k.dictSplat:
			if v := x.named(c); len(v) > 0 {
				keywords = append(keywords, facts.Keyword{Name: "**", Value: x.expr(v[0])})
			}
		default:
			args = append(args, x.expr(c))
		}
	}
	if len(args) == 0 {
		args = nil
	}
	if len(keywords) == 0 {
		keywords = nil
	}
	return args, keywords
}

// clip copies at most facts.MaxText bytes of src, cut on a rune boundary.
func clip(src []byte) string {
	if len(src) <= facts.MaxText {
		return string(src)
	}
	cut := facts.MaxText
	for cut > 0 && !utf8.RuneStart(src[cut]) {
		cut--
	}
	return string(src[:cut])
}

// comprehension reads [elt for v in xs if c1 if c2], its set form and the
// generator (elt for v in xs if c), with one for clause, into Args: the
// element, the loop target, the iterable, then each condition; a
// generator is what any(...) and all(...) are mostly given. A
// comprehension of another shape (two for clauses, an async one) keeps no
// Args: it stays opaque, its text only.
func (x *extractor) comprehension(e *facts.Expr, n syntax.Node) {
	k := x.k
	parts := x.named(n)
	if len(parts) < 2 || parts[1].Kind() != k.forInClause {
		return
	}
	loop := x.named(parts[1])
	if len(loop) != 2 {
		return
	}
	for _, c := range parts[1].Children() {
		if c.Kind() == k.tokAsync {
			return
		}
	}
	args := []facts.Expr{x.expr(parts[0]), x.expr(loop[0]), x.expr(loop[1])}
	for _, c := range parts[2:] {
		cond := x.named(c)
		if c.Kind() != k.ifClause || len(cond) != 1 {
			return
		}
		args = append(args, x.expr(cond[0]))
	}
	e.SetArgs(args)
}
