package python

import (
	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// definition translates a function, class or decorated definition. In
// module and class scope it is hoisted into the file or class; in a
// function it becomes a StmtFunction or StmtClass in list.
func (x *extractor) definition(list []facts.Stmt, n syntax.Node, decorators []facts.Expr, sc *scope) []facts.Stmt {
	if n.Kind() == x.k.decorated {
		var def syntax.Node
		for _, c := range x.named(n) {
			if c.Kind() == x.k.decorator {
				if e := x.named(c); len(e) > 0 {
					decorators = append(decorators, x.expr(e[0]))
				}
			} else {
				def = c
			}
		}
		if def.Kind() != x.k.funcDef && def.Kind() != x.k.classDef {
			x.file.Stats.OpaqueStatements++
			return append(list, facts.OpaqueStmt(x.g.KindName(n.Kind()), n.Line()))
		}
		n = def
	}
	if x.depth >= maxDepth {
		x.file.Stats.DepthLimited++
		x.file.Stats.OpaqueStatements++
		return append(list, facts.OpaqueStmt(x.g.KindName(n.Kind()), n.Line()))
	}
	x.depth++
	defer func() { x.depth-- }()

	if n.Kind() == x.k.classDef {
		c := x.class(n, decorators, sc)
		switch sc.kind {
		case scopeModule:
			x.file.Classes = append(x.file.Classes, c)
		case scopeClass:
			sc.class.Classes = append(sc.class.Classes, c)
		default:
			list = append(list, facts.ClassStmt(&c))
		}
		return list
	}
	f := x.function(n, decorators, sc)
	switch sc.kind {
	case scopeModule:
		x.file.Functions = append(x.file.Functions, f)
	case scopeClass:
		sc.class.Methods = append(sc.class.Methods, f)
	default:
		list = append(list, facts.FunctionStmt(&f))
	}
	return list
}

// class translates a class definition.
func (x *extractor) class(n syntax.Node, decorators []facts.Expr, sc *scope) facts.Class {
	c := facts.Class{Decorators: decorators, Line: n.Line(), EndLine: n.EndLine()}
	var body syntax.Node
	for _, part := range x.named(n) {
		switch part.Kind() {
		case x.k.identifier:
			if c.Name == "" {
				c.Name = x.text(part)
			}
		case x.k.argumentList:
			args, keywords := x.arguments(part)
			c.Bases, c.Keywords = args, keywords
		case x.k.block:
			body = part
		}
	}
	c.QualName = joinDotted(sc.qual, c.Name)
	inner := &scope{kind: scopeClass, qual: c.QualName, class: &c}
	x.scopes = append(x.scopes, nil)
	defer x.popScope()
	stmts := x.statements(body)
	if len(stmts) > 0 {
		if doc, ok := x.docstring(stmts[0]); ok {
			c.Doc = doc
			stmts = stmts[1:]
		}
	}
	c.Methods, c.Classes = x.definitionRoom(stmts)
	for _, s := range stmts {
		c.Statements = x.appendStmt(c.Statements, s, inner)
	}
	c.Methods, c.Classes = nilIfEmpty(c.Methods), nilIfEmpty(c.Classes)
	return c
}

// function translates a function definition.
func (x *extractor) function(n syntax.Node, decorators []facts.Expr, sc *scope) facts.Function {
	f := facts.Function{Decorators: decorators, Line: n.Line(), EndLine: n.EndLine()}
	var body syntax.Node
	afterArrow := false
	for _, part := range n.Children() {
		switch {
		case part.Kind() == x.k.tokAsync:
			f.Async = true
		case !part.IsNamed():
			afterArrow = afterArrow || string(part.Bytes()) == "->"
		case part.Kind() == x.k.identifier && f.Name == "":
			f.Name = x.text(part)
		case part.Kind() == x.k.parameters:
			f.Params = x.params(part)
		case part.Kind() == x.k.block:
			body = part
		case part.Kind() == x.k.typeNode && afterArrow:
			f.Returns = x.exprPtr(part)
		}
	}
	f.QualName = joinDotted(sc.qual, f.Name)
	if x.outline {
		return f
	}
	inner := &scope{kind: scopeFunction, qual: f.QualName}
	x.scopes = append(x.scopes, nil)
	defer x.popScope()
	// In a method, super(Class, self) names what super() does; a nested
	// function or a static method has no such receiver of its own.
	prevClass, prevSelf := x.superClass, x.superSelf
	defer func() { x.superClass, x.superSelf = prevClass, prevSelf }()
	x.superClass, x.superSelf = "", ""
	if sc.kind == scopeClass && sc.class != nil && len(f.Params) > 0 && f.Params[0].Kind == facts.ParamPositional && !staticMethod(decorators) {
		x.superClass, x.superSelf = sc.class.Name, f.Params[0].Name
	}
	// Parameters shadow imports of the same name.
	for _, p := range f.Params {
		x.shadow(p.Name)
	}
	stmts := x.statements(body)
	if len(stmts) > 0 {
		if doc, ok := x.docstring(stmts[0]); ok {
			if !x.noDocs {
				f.Doc = doc
			}
			stmts = stmts[1:]
		}
	}
	list := x.stmtList(len(stmts))
	for _, s := range stmts {
		if x.ctx.Err() != nil {
			break // Parse reports the cancellation
		}
		list = x.appendStmt(list, s, inner)
	}
	f.SetBody(nilIfEmpty(list))
	return f
}

// params translates a parameter list.
func (x *extractor) params(n syntax.Node) []facts.Param {
	nodes := x.named(n)
	if len(nodes) == 0 {
		return nil
	}
	// Room for every node, separators (/ and *) included: a few slots
	// spare at most, where growing would leave up to half unused.
	out := make([]facts.Param, 0, len(nodes))
	keywordOnly := false
	for _, c := range nodes {
		p := facts.Param{Kind: facts.ParamPositional, Line: c.Line()}
		target := c
		switch c.Kind() {
		case x.k.positionalSep:
			for i := range out {
				out[i].Kind = facts.ParamPositionalOnly
			}
			continue
		case x.k.keywordSep:
			keywordOnly = true
			continue
		case x.k.typedParam:
			parts := x.named(c)
			if len(parts) == 0 {
				continue
			}
			target = parts[0]
			if len(parts) > 1 {
				p.Annotation = x.exprPtr(parts[1])
			}
		case x.k.defaultParam, x.k.typedDefaultParam:
			parts := x.named(c)
			if len(parts) < 2 {
				continue
			}
			target = parts[0]
			p.Default = x.exprPtr(parts[len(parts)-1])
			if len(parts) > 2 {
				p.Annotation = x.exprPtr(parts[1])
			}
		}
		switch target.Kind() {
		case x.k.listSplatPattern:
			p.Kind = facts.ParamVarPositional
			keywordOnly = true
			target = firstOr(x.named(target), target)
		case x.k.dictSplatPattern:
			p.Kind = facts.ParamVarKeyword
			target = firstOr(x.named(target), target)
		default:
			if keywordOnly {
				p.Kind = facts.ParamKeywordOnly
			}
		}
		p.Name = x.text(target)
		out = append(out, p)
	}
	return nilIfEmpty(out)
}

func firstOr(nodes []syntax.Node, fallback syntax.Node) syntax.Node {
	if len(nodes) > 0 {
		return nodes[0]
	}
	return fallback
}

// staticMethod reports a @staticmethod decorator.
func staticMethod(decorators []facts.Expr) bool {
	for i := range decorators {
		if d := &decorators[i]; d.Kind == facts.ExprName && d.Name() == "staticmethod" {
			return true
		}
	}
	return false
}
