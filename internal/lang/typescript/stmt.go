package typescript

import (
	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// appendStmt translates one statement node and appends the result to
// list. At module scope, definitions, imports, exports and plain-name
// declarations are recorded in the file instead.
func (x *extractor) appendStmt(list []facts.Stmt, n syntax.Node, sc *scope) []facts.Stmt {
	k := x.k
	switch n.Kind() {
	case k.comment, k.hashBang, k.emptyStmt:
		return list
	case k.importStmt:
		x.file.Stats.Statements++
		imps := x.imports(n)
		for i := range imps {
			imps[i].Local = sc.kind != scopeModule
			if sc.kind != scopeModule {
				x.bindLocal(imps[i].Bound, imps[i].Target)
			}
		}
		x.file.Imports = append(x.file.Imports, imps...)
		if sc.kind == scopeFunction {
			list = append(list, facts.NewStmt(facts.StmtSpec{Kind: facts.StmtImport, Line: n.Line()}))
		}
		return list
	case k.exportStmt:
		x.file.Stats.Statements++
		return x.export(list, n, sc)
	case k.functionDecl, k.generatorDecl, k.classDecl, k.abstractClassDecl,
		k.enumDecl, k.interfaceDecl, k.typeAliasDecl:
		x.file.Stats.Statements++
		return x.declaration(list, n, nil, sc)
	case k.lexicalDecl, k.variableDecl:
		return x.variables(list, n, sc)
	case k.statementBlock:
		// A bare block: its statements, in order (block scoping is not
		// part of the facts).
		for _, c := range x.named(n) {
			list = x.appendStmt(list, c, sc)
		}
		return list
	case k.labeledStmt:
		if body := n.Field("body"); !body.IsNull() {
			return x.appendStmt(list, body, sc)
		}
	case k.ambientDecl, k.functionSignature:
		// `declare ...` and overload signatures (`function f(a: A): B;`
		// before the implementation): types only, no behaviour.
		return list
	}
	if x.depth >= maxDepth {
		x.file.Stats.Statements++
		x.file.Stats.DepthLimited++
		x.file.Stats.OpaqueStatements++
		return append(list, facts.OpaqueStmt(x.g.KindName(n.Kind()), n.Line()))
	}
	x.depth++
	defer func() { x.depth-- }()

	switch n.Kind() {
	case k.forStmt:
		return x.cFor(list, n, sc)
	case k.exprStmt:
		if s, ok := x.exportsAssignment(n, sc); ok {
			return append(list, s...)
		}
		// `a(), b()` as a statement is two statements.
		if c := x.named(n); len(c) == 1 && c[0].Kind() == k.sequenceExpr && !n.HasError() {
			for _, part := range x.named(c[0]) {
				x.file.Stats.Statements++
				s := facts.NewStmt(facts.StmtSpec{Line: part.Line()})
				x.exprStatement(&s, part)
				list = append(list, s)
			}
			return list
		}
	}
	return append(list, x.stmt(n, sc))
}

// stmt translates one statement that is not a definition, declaration,
// import or export.
func (x *extractor) stmt(n syntax.Node, sc *scope) facts.Stmt {
	k := x.k
	x.file.Stats.Statements++
	s := facts.NewStmt(facts.StmtSpec{Line: n.Line()})
	if n.HasError() && !x.isCompound(n.Kind()) {
		// Error recovery can make a broken line look like a plausible
		// but wrong statement; say less.
		x.file.Stats.OpaqueStatements++
		return facts.OpaqueStmt("error:"+x.g.KindName(n.Kind()), n.Line())
	}
	switch n.Kind() {
	case k.exprStmt:
		c := x.named(n)
		if len(c) != 1 {
			return x.opaque(n)
		}
		x.exprStatement(&s, c[0])
	case k.returnStmt:
		s.Kind = facts.StmtReturn
		if c := x.named(n); len(c) > 0 {
			s.Value = x.exprPtr(c[0])
		}
	case k.throwStmt:
		s.Kind = facts.StmtRaise
		if c := x.named(n); len(c) > 0 {
			s.Value = x.exprPtr(c[0])
		}
	case k.ifStmt:
		x.ifStmt(&s, n, sc)
	case k.forInStmt:
		// `for (x of xs)` and `for (k in obj)` both iterate like
		// Python's for (over an object's keys for `in`).
		s.Kind = facts.StmtFor
		s.Targets = []facts.Expr{x.target(n.Field("left"))}
		s.SetIter(x.exprPtr(n.Field("right")))
		s.SetAsync(hasToken(n, x.k.tokAwait))
		s.Body = x.body(n.Field("body"), sc)
	case k.whileStmt, k.doStmt:
		// A do-while runs its body once first; as a fact it is a loop
		// with the same condition and body.
		s.Kind = facts.StmtWhile
		s.Cond = x.exprPtr(n.Field("condition"))
		s.Body = x.body(n.Field("body"), sc)
	case k.tryStmt:
		s.Kind = facts.StmtTry
		s.Body = x.body(n.Field("body"), sc)
		if h := n.Field("handler"); !h.IsNull() {
			handler := facts.Handler{Line: h.Line()}
			if p := h.Field("parameter"); p.Kind() == k.identifier {
				handler.Name = x.text(p)
			}
			handler.Body = x.body(h.Field("body"), sc)
			s.SetHandlers([]facts.Handler{handler})
		}
		if f := n.Field("finalizer"); !f.IsNull() {
			s.SetFinally(x.body(f.Field("body"), sc))
		}
	case k.switchStmt:
		return x.switchStmt(n, sc)
	case k.breakStmt:
		s.Kind = facts.StmtBreak
	case k.continueStmt:
		s.Kind = facts.StmtContinue
	default:
		return x.opaque(n)
	}
	return s
}

func (x *extractor) isCompound(k syntax.Kind) bool {
	switch k {
	case x.k.ifStmt, x.k.forInStmt, x.k.whileStmt, x.k.doStmt, x.k.tryStmt, x.k.switchStmt:
		return true
	}
	return false
}

func (x *extractor) opaque(n syntax.Node) facts.Stmt {
	x.file.Stats.OpaqueStatements++
	return facts.OpaqueStmt(x.g.KindName(n.Kind()), n.Line())
}

// exprStatement translates the expression of an expression statement:
// assignments become StmtAssign or StmtAugAssign, `i++` an augmented
// assignment, anything else StmtExpr.
func (x *extractor) exprStatement(s *facts.Stmt, e syntax.Node) {
	k := x.k
	switch e.Kind() {
	case k.assignmentExpr:
		s.Kind = facts.StmtAssign
		// `a = b = v` nests to the right; follow it as a loop.
		for depth := 0; ; depth++ {
			s.Targets = append(s.Targets, x.target(e.Field("left")))
			right := e.Field("right")
			if right.Kind() == k.assignmentExpr && depth < maxDepth {
				e = right
				continue
			}
			s.Value = x.exprPtr(right)
			return
		}
	case k.augAssignmentExpr:
		s.Kind = facts.StmtAugAssign
		s.SetOp(string(e.Field("operator").Bytes()))
		s.Targets = []facts.Expr{x.target(e.Field("left"))}
		s.Value = x.exprPtr(e.Field("right"))
	case k.updateExpr:
		// `x++` and `--x` as statements are `x += 1` and `x -= 1`.
		s.Kind = facts.StmtAugAssign
		s.SetOp("+=")
		if string(e.Field("operator").Bytes()) == "--" {
			s.SetOp("-=")
		}
		s.Targets = []facts.Expr{x.target(e.Field("argument"))}
		s.Value = facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: "1", Line: e.Line()})
	case k.parenthesized:
		if c := x.named(e); len(c) == 1 {
			x.exprStatement(s, c[0])
			return
		}
		s.Kind, s.Value = facts.StmtExpr, x.exprPtr(e)
	default:
		s.Kind = facts.StmtExpr
		s.Value = x.exprPtr(e)
	}
}

// body translates a statement block, or the single statement that stands
// for one (`if (x) return;`).
func (x *extractor) body(n syntax.Node, sc *scope) []facts.Stmt {
	if n.IsNull() {
		return nil
	}
	stmts := []syntax.Node{n}
	if n.Kind() == x.k.statementBlock {
		stmts = x.named(n)
	}
	out := x.arena.Stmts(len(stmts))
	for _, c := range stmts {
		if x.ctx.Err() != nil {
			break // Parse reports the cancellation
		}
		out = x.appendStmt(out, c, sc)
	}
	if len(out) == 0 {
		return nil
	}
	return flattenPromiseChains(out, false)
}

// ifStmt handles if/else; `else if` is an Else holding one StmtIf, as an
// elif is.
func (x *extractor) ifStmt(s *facts.Stmt, n syntax.Node, sc *scope) {
	s.Kind = facts.StmtIf
	s.Cond = x.exprPtr(n.Field("condition"))
	s.Body = x.body(n.Field("consequence"), sc)
	alt := n.Field("alternative")
	if alt.IsNull() {
		return
	}
	parts := x.named(alt)
	if len(parts) == 0 {
		return
	}
	if len(parts) == 1 && parts[0].Kind() == x.k.ifStmt {
		if x.depth >= maxDepth {
			x.file.Stats.DepthLimited++
			return
		}
		x.depth++
		s.SetElse([]facts.Stmt{x.stmt(parts[0], sc)})
		x.depth--
		return
	}
	for _, p := range parts {
		s.SetElse(append(s.Else(), x.body(p, sc)...))
	}
}

// cFor translates `for (init; cond; step) body` into what it means: the
// initialiser, then a while loop over the condition whose body ends with
// the step.
func (x *extractor) cFor(list []facts.Stmt, n syntax.Node, sc *scope) []facts.Stmt {
	if n.HasError() {
		x.file.Stats.Statements++
		x.file.Stats.OpaqueStatements++
		return append(list, facts.OpaqueStmt("error:"+x.g.KindName(n.Kind()), n.Line()))
	}
	init := n.Field("initializer")
	switch init.Kind() {
	case x.k.lexicalDecl, x.k.variableDecl:
		list = x.variables(list, init, &scope{kind: scopeFunction, qual: sc.qual})
	case x.k.exprStmt:
		list = append(list, x.stmt(init, sc))
	}
	x.file.Stats.Statements++
	loop := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtWhile, Line: n.Line()})
	if cond := n.Field("condition"); cond.Kind() == x.k.exprStmt {
		if c := x.named(cond); len(c) == 1 {
			loop.Cond = x.exprPtr(c[0])
		}
	}
	if loop.Cond == nil {
		loop.Cond = facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: "true", Line: n.Line()})
	}
	loop.Body = x.body(n.Field("body"), sc)
	if step := n.Field("increment"); !step.IsNull() {
		x.file.Stats.Statements++
		st := facts.NewStmt(facts.StmtSpec{Line: step.Line()})
		x.exprStatement(&st, step)
		loop.Body = append(loop.Body, st)
	}
	return append(list, loop)
}

// switchStmt translates a switch into the if/else chain it means:
// `case a: case b: body; break;` is `if (d == a or d == b) body`, and
// `default` the final else wherever it stands. A case that falls through
// into the next after statements of its own has no such reading; the
// switch is then opaque.
func (x *extractor) switchStmt(n syntax.Node, sc *scope) facts.Stmt {
	type arm struct {
		values []syntax.Node
		body   []syntax.Node
		line   int
	}
	var arms []arm
	var def *arm
	var pending []syntax.Node
	pendingLine, pendingDef := 0, false
	cases := x.named(n.Field("body"))
	for i, c := range cases {
		isDef := c.Kind() == x.k.switchDefault
		if c.Kind() != x.k.switchCase && !isDef {
			continue
		}
		value := c.Field("value")
		var body []syntax.Node
		for _, part := range x.named(c) {
			if isDef || part != value {
				body = append(body, part)
			}
		}
		if pendingLine == 0 {
			pendingLine = c.Line()
		}
		if isDef {
			pendingDef = true
		} else {
			pending = append(pending, value)
		}
		if len(body) == 0 && i < len(cases)-1 {
			continue // `case a: case b:` share the next body
		}
		// `case X: { ...; break; }`: a block as the whole body is its
		// statements, so that its break ends the case too.
		if len(body) == 1 && body[0].Kind() == x.k.statementBlock {
			body = x.named(body[0])
		}
		if len(body) > 0 {
			switch body[len(body)-1].Kind() {
			case x.k.breakStmt:
				body = body[:len(body)-1]
			case x.k.returnStmt, x.k.throwStmt, x.k.continueStmt:
			default:
				if i < len(cases)-1 {
					x.file.Stats.Statements++
					return x.opaque(n) // falls through into the next case
				}
			}
		}
		a := arm{values: pending, body: body, line: pendingLine}
		if pendingDef {
			// `case x: default:` is the default: x changes nothing.
			def = &a
		} else {
			arms = append(arms, a)
		}
		pending, pendingLine, pendingDef = nil, 0, false
	}
	x.file.Stats.Statements++
	disc := x.expr(n.Field("value"))
	var chain []facts.Stmt
	if def != nil {
		for _, b := range def.body {
			chain = x.appendStmt(chain, b, sc)
		}
	}
	for i := len(arms) - 1; i >= 0; i-- {
		a := arms[i]
		var stmts []facts.Stmt
		for _, b := range a.body {
			stmts = x.appendStmt(stmts, b, sc)
		}
		var cond *facts.Expr
		for _, v := range a.values {
			d := disc
			c := new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCompare, X: &d, Y: x.exprPtr(v), Line: v.Line()}).WithOp("=="))
			if cond == nil {
				cond = c
			} else {
				cond = new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBoolOp, X: cond, Y: c, Line: v.Line()}).WithOp("or"))
			}
		}
		chain = []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: cond, Body: stmts, Else: chain, Line: a.line})}
	}
	if len(arms) > 0 {
		s := chain[0]
		s.SetLine(n.Line())
		return s
	}
	// Only a default (or nothing): its statements run unconditionally.
	return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: "true", Line: n.Line()}), Body: chain, Line: n.Line()})
}
