package python

import (
	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// appendStmt translates one statement node and appends the result to
// list. In module and class scope, definitions, imports and plain-name
// assignments are hoisted into the file or class instead, and compound
// statements keep that scope for their bodies.
func (x *extractor) appendStmt(list []facts.Stmt, n syntax.Node, sc *scope) []facts.Stmt {
	k := x.k
	switch n.Kind() {
	case k.comment:
		return list
	case k.funcDef, k.classDef, k.decorated:
		x.file.Stats.Statements++
		return x.definition(list, n, nil, sc)
	case k.importStmt, k.importFrom, k.futureImport:
		x.file.Stats.Statements++
		imps := x.imports(n)
		for i := range imps {
			imps[i].Local = sc.kind != scopeModule
			if sc.kind != scopeModule {
				x.bind(imps[i])
			}
		}
		x.file.Imports = append(x.file.Imports, imps...)
		if sc.kind == scopeFunction {
			list = append(list, facts.NewStmt(facts.StmtSpec{Kind: facts.StmtImport, Line: n.Line()}))
		}
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

	s := x.stmt(n, sc)
	if sc.kind == scopeFunction && s.Kind == facts.StmtAssign {
		// A local assignment shadows an import from here on, and the
		// name it binds is the local one.
		for i := range s.Targets {
			if t := &s.Targets[i]; t.Kind == facts.ExprName {
				x.shadow(t.Name())
				t.SetResolved(t.Name())
			}
		}
	}
	if sc.kind != scopeFunction && s.Kind == facts.StmtAssign && x.hoistAssignment(s, sc) {
		return list
	}
	return append(list, s)
}

// hoistAssignment moves a module- or class-scope assignment whose targets
// are all plain names into the constants or fields.
func (x *extractor) hoistAssignment(s facts.Stmt, sc *scope) bool {
	for _, t := range s.Targets {
		if t.Kind != facts.ExprName {
			return false
		}
	}
	for _, t := range s.Targets {
		a := facts.Assignment{Name: t.Name(), Annotation: s.Annotation(), Value: s.Value, Line: s.Line()}
		if sc.kind == scopeClass {
			sc.class.Fields = append(sc.class.Fields, a)
		} else {
			x.file.Constants = append(x.file.Constants, a)
		}
	}
	return true
}

// body translates the statements of a block.
func (x *extractor) body(block syntax.Node, sc *scope) []facts.Stmt {
	if block.IsNull() {
		return nil
	}
	stmts := x.statements(block)
	out := x.stmtList(len(stmts))
	for _, c := range stmts {
		out = x.appendStmt(out, c, sc)
	}
	return nilIfEmpty(out)
}

// stmtList returns an empty list with room for n statements, so that a
// body is allocated once at its size: facts live until the service is
// built, and a list grown by doubling keeps up to half its room unused.
// A short one is carved from the file's arena.
func (x *extractor) stmtList(n int) []facts.Stmt {
	return x.arena.Stmts(n)
}

// nilIfEmpty keeps a list made with room but left empty nil, as one that
// never had any: a body whose statements were all hoisted elsewhere, a
// scope that defined nothing.
func nilIfEmpty[T any](list []T) []T {
	if len(list) == 0 {
		return nil
	}
	return list
}

// stmt translates one statement that is not a definition or import.
func (x *extractor) stmt(n syntax.Node, sc *scope) facts.Stmt {
	k := x.k
	x.file.Stats.Statements++
	s := facts.NewStmt(facts.StmtSpec{Line: n.Line()})
	if n.HasError() && !x.isCompound(n.Kind()) {
		// Error recovery can turn a broken line into a plausible but
		// wrong statement (`'You're ' + x` becomes `+x`); say less.
		x.file.Stats.OpaqueStatements++
		return facts.OpaqueStmt("error:"+x.g.KindName(n.Kind()), n.Line())
	}
	switch n.Kind() {
	case k.exprStmt:
		children := x.named(n)
		switch {
		case len(children) == 1 && children[0].Kind() == k.assignment:
			x.assignment(&s, children[0])
		case len(children) == 1 && children[0].Kind() == k.augAssignment:
			x.augAssignment(&s, children[0])
		case len(children) == 1:
			s.Kind = facts.StmtExpr
			s.Value = x.exprPtr(children[0])
		case len(children) > 1:
			s.Kind = facts.StmtExpr
			s.Value = x.arena.Keep(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprTuple, Args: x.exprs(children), Line: n.Line()}))
		default:
			return x.opaque(n)
		}
	case k.returnStmt:
		s.Kind = facts.StmtReturn
		if c := x.named(n); len(c) > 0 {
			s.Value = x.exprPtr(c[0])
		}
	case k.raiseStmt:
		s.Kind = facts.StmtRaise
		seenFrom := false
		for _, c := range n.Children() {
			switch {
			case c.Kind() == k.tokFrom:
				seenFrom = true
			case !c.IsNamed() || x.isExtra(c.Kind()):
			case seenFrom:
				s.SetCause(x.exprPtr(c))
			default:
				s.Value = x.exprPtr(c)
			}
		}
	case k.ifStmt, k.elifClause:
		x.ifStmt(&s, n, sc)
	case k.forStmt:
		s.Kind = facts.StmtFor
		x.loop(&s, n, sc)
	case k.whileStmt:
		s.Kind = facts.StmtWhile
		x.loop(&s, n, sc)
	case k.withStmt:
		x.withStmt(&s, n, sc)
	case k.tryStmt:
		x.tryStmt(&s, n, sc)
	case k.deleteStmt:
		s.Kind = facts.StmtDel
		for _, c := range x.named(n) {
			if c.Kind() == k.exprList {
				s.Targets = append(s.Targets, x.exprs(x.named(c))...)
			} else {
				s.Targets = append(s.Targets, x.expr(c))
			}
		}
	case k.assertStmt:
		s.Kind = facts.StmtAssert
		c := x.named(n)
		if len(c) > 0 {
			s.Cond = x.exprPtr(c[0])
		}
		if len(c) > 1 {
			s.Value = x.exprPtr(c[1])
		}
	case k.passStmt:
		s.Kind = facts.StmtPass
	case k.breakStmt:
		s.Kind = facts.StmtBreak
	case k.continueStmt:
		s.Kind = facts.StmtContinue
	case k.globalStmt, k.nonlocalStmt:
		s.Kind = facts.StmtGlobal
		for _, c := range x.named(n) {
			s.SetNames(append(s.Names(), x.text(c)))
		}
	default:
		return x.opaque(n)
	}
	return s
}

// isCompound reports whether statements of kind k have bodies, which are
// translated statement by statement even when one of them is broken.
func (x *extractor) isCompound(k syntax.Kind) bool {
	switch k {
	case x.k.ifStmt, x.k.elifClause, x.k.forStmt, x.k.whileStmt, x.k.withStmt, x.k.tryStmt:
		return true
	}
	return false
}

func (x *extractor) opaque(n syntax.Node) facts.Stmt {
	x.file.Stats.OpaqueStatements++
	return facts.OpaqueStmt(x.g.KindName(n.Kind()), n.Line())
}

// assignment handles `a = b = v`, `x: T = v` and `x: T`.
func (x *extractor) assignment(s *facts.Stmt, n syntax.Node) {
	s.Kind = facts.StmtAssign
	for depth := 0; ; depth++ {
		var left, right, annotation syntax.Node
		afterAssign := false
		for _, c := range n.Children() {
			switch {
			case c.Kind() == x.k.tokAssign:
				afterAssign = true
			case !c.IsNamed() || x.isExtra(c.Kind()):
			case c.Kind() == x.k.typeNode && !afterAssign:
				annotation = c
			case afterAssign:
				right = c
			case left.IsNull():
				left = c
			}
		}
		if !left.IsNull() {
			if s.Targets == nil {
				s.Targets = x.arena.Exprs(1) // most assignments have one target
			}
			s.Targets = append(s.Targets, x.expr(left))
		}
		if !annotation.IsNull() && s.Annotation() == nil {
			s.SetAnnotation(x.exprPtr(annotation))
		}
		// A chained assignment nests to the right; follow it as a loop,
		// bounded like any other nesting.
		if right.Kind() == x.k.assignment {
			if depth < maxDepth {
				n = right
				continue
			}
			x.file.Stats.DepthLimited++
		}
		if !right.IsNull() {
			s.Value = x.exprPtr(right)
		}
		return
	}
}

func (x *extractor) augAssignment(s *facts.Stmt, n syntax.Node) {
	s.Kind = facts.StmtAugAssign
	parts := x.named(n)
	if len(parts) != 2 {
		*s = x.opaque(n)
		return
	}
	op, ok := operatorText(syntax.Between(parts[0], parts[1]))
	if !ok {
		op = x.tokenOp(n)
	}
	s.SetOp(op)
	s.Targets = append(x.arena.Exprs(1), x.expr(parts[0]))
	s.Value = x.exprPtr(parts[1])
}

// ifStmt handles if and elif; an elif chain nests in Else.
func (x *extractor) ifStmt(s *facts.Stmt, n syntax.Node, sc *scope) {
	s.Kind = facts.StmtIf
	var alternatives []syntax.Node
	for _, c := range x.named(n) {
		switch c.Kind() {
		case x.k.block:
			s.Body = x.body(c, sc)
		case x.k.elifClause, x.k.elseClause:
			alternatives = append(alternatives, c)
		default:
			if s.Cond == nil {
				s.Cond = x.exprPtr(c)
			}
		}
	}
	s.SetElse(x.alternatives(alternatives, sc))
}

// alternatives turns the elif/else clauses of one if statement into the
// nested Else form.
func (x *extractor) alternatives(clauses []syntax.Node, sc *scope) []facts.Stmt {
	if len(clauses) == 0 {
		return nil
	}
	c := clauses[0]
	if c.Kind() == x.k.elseClause {
		return x.body(x.clauseBlock(c), sc)
	}
	x.file.Stats.Statements++
	elif := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Line: c.Line()})
	for _, part := range x.named(c) {
		if part.Kind() == x.k.block {
			elif.Body = x.body(part, sc)
		} else if elif.Cond == nil {
			elif.Cond = x.exprPtr(part)
		}
	}
	if x.depth < maxDepth {
		x.depth++
		elif.SetElse(x.alternatives(clauses[1:], sc))
		x.depth--
	} else {
		x.file.Stats.DepthLimited++
	}
	return []facts.Stmt{elif}
}

// clauseBlock returns the block of an else/finally/except clause.
func (x *extractor) clauseBlock(c syntax.Node) syntax.Node {
	for _, part := range x.named(c) {
		if part.Kind() == x.k.block {
			return part
		}
	}
	return syntax.Node{}
}

// loop handles for and while statements.
func (x *extractor) loop(s *facts.Stmt, n syntax.Node, sc *scope) {
	seenIn := false
	for _, c := range n.Children() {
		switch {
		case c.Kind() == x.k.tokAsync:
			s.SetAsync(true)
		case c.Kind() == x.k.tokIn:
			seenIn = true
		case !c.IsNamed() || x.isExtra(c.Kind()):
		case c.Kind() == x.k.block:
			s.Body = x.body(c, sc)
		case c.Kind() == x.k.elseClause:
			s.SetElse(x.body(x.clauseBlock(c), sc))
		case s.Kind == facts.StmtWhile:
			s.Cond = x.exprPtr(c)
		case !seenIn:
			s.Targets = append(s.Targets, x.expr(c))
		default:
			s.SetIter(x.exprPtr(c))
		}
	}
}

func (x *extractor) withStmt(s *facts.Stmt, n syntax.Node, sc *scope) {
	s.Kind = facts.StmtWith
	for _, c := range n.Children() {
		switch c.Kind() {
		case x.k.tokAsync:
			s.SetAsync(true)
		case x.k.withClause:
			for _, item := range x.named(c) {
				if item.Kind() != x.k.withItem {
					continue
				}
				parts := x.named(item)
				if len(parts) == 0 {
					continue
				}
				s.SetItems(append(s.Items(), x.withItem(parts[0])))
			}
		case x.k.block:
			s.Body = x.body(c, sc)
		}
	}
}

// withItem splits `value as alias`.
func (x *extractor) withItem(n syntax.Node) facts.WithItem {
	if n.Kind() == x.k.asPattern {
		var item facts.WithItem
		for _, c := range x.named(n) {
			if c.Kind() == x.k.asPatternTarget {
				if t := x.named(c); len(t) > 0 {
					item.Alias = x.exprPtr(t[0])
				}
			} else {
				item.Value = x.expr(c)
			}
		}
		return item
	}
	return facts.WithItem{Value: x.expr(n)}
}

func (x *extractor) tryStmt(s *facts.Stmt, n syntax.Node, sc *scope) {
	s.Kind = facts.StmtTry
	for _, c := range x.named(n) {
		switch c.Kind() {
		case x.k.block:
			s.Body = x.body(c, sc)
		case x.k.exceptClause, x.k.exceptGroup:
			s.SetHandlers(append(s.Handlers(), x.exceptHandler(c, sc)))
		case x.k.elseClause:
			s.SetElse(x.body(x.clauseBlock(c), sc))
		case x.k.finallyClause:
			s.SetFinally(x.body(x.clauseBlock(c), sc))
		}
	}
}

// exceptHandler reads one except clause. Its types are one expression,
// `E as e`, or since Python 3.14 (PEP 758) a bare list `except A, B:`
// that catches either: the grammar, written for Python 2's `except E, e`,
// gives the list as sibling expressions, and a third name as an ERROR node
// around the middle one. No Python 3 before 3.14 accepts the bare list, so
// it is read as the tuple it means, never as Python 2's binding.
func (x *extractor) exceptHandler(c syntax.Node, sc *scope) facts.Handler {
	h := facts.Handler{Line: c.Line(), Group: c.Kind() == x.k.exceptGroup}
	var types []facts.Expr
	for _, part := range x.named(c) {
		switch part.Kind() {
		case x.k.block:
			h.Body = x.body(part, sc)
		case x.k.asPattern:
			item := x.withItem(part)
			types = append(types, item.Value)
			if item.Alias != nil {
				h.Name = item.Alias.Name()
			}
		case x.k.errorNode:
			names := x.named(part)
			if !x.onlyDottedNames(names) {
				types = append(types, x.expr(part))
				continue
			}
			// The list's middle names: valid Python, not an error.
			x.forgivenErrors = append(x.forgivenErrors, part.Line())
			for _, name := range names {
				types = append(types, x.expr(name))
			}
		default:
			types = append(types, x.expr(part))
		}
	}
	switch len(types) {
	case 0:
	case 1:
		h.Type = x.arena.Keep(types[0])
	default:
		h.Type = x.arena.Keep(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprTuple, Args: types, Line: c.Line()}))
	}
	return h
}

// onlyDottedNames reports whether every node is a name or a dotted name:
// what a PEP 758 except list holds.
func (x *extractor) onlyDottedNames(nodes []syntax.Node) bool {
	if len(nodes) == 0 {
		return false
	}
	for _, n := range nodes {
		if n.Kind() != x.k.identifier && n.Kind() != x.k.attribute {
			return false
		}
	}
	return true
}
