package typescript

import (
	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// declaration translates a function, class, enum, interface or type alias
// declaration. At module scope it is recorded in the file; in a function
// a function or class becomes a StmtFunction or StmtClass in list (local
// enums, interfaces and types describe no behaviour and are dropped). It
// returns the declared name through list's last entry or the file.
func (x *extractor) declaration(list []facts.Stmt, n syntax.Node, decorators []facts.Expr, sc *scope) []facts.Stmt {
	list, _ = x.declare(list, n, decorators, sc)
	return list
}

// declare is declaration that also returns the declared name.
func (x *extractor) declare(list []facts.Stmt, n syntax.Node, decorators []facts.Expr, sc *scope) ([]facts.Stmt, string) {
	k := x.k
	if x.depth >= maxDepth {
		x.file.Stats.DepthLimited++
		x.file.Stats.OpaqueStatements++
		return append(list, facts.OpaqueStmt(x.g.KindName(n.Kind()), n.Line())), ""
	}
	x.depth++
	defer func() { x.depth-- }()
	switch n.Kind() {
	case k.functionDecl, k.generatorDecl:
		name := x.text(n.Field("name"))
		f := x.function(n, name, decorators, sc)
		if sc.kind == scopeModule {
			x.file.Functions = append(x.file.Functions, f)
			return list, name
		}
		x.shadow(name)
		return append(list, facts.FunctionStmt(&f)), name
	case k.classDecl, k.abstractClassDecl, k.classExpr:
		c := x.class(n, decorators, sc)
		if n.Kind() == k.abstractClassDecl {
			// `abstract class`: written as the class statement's
			// abstract=true, as Python's class keywords would say it.
			c.Keywords = append(c.Keywords, facts.Keyword{Name: "abstract", Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: "true", Line: n.Line()})})
		}
		if sc.kind == scopeModule {
			x.file.Classes = append(x.file.Classes, c)
			return list, c.Name
		}
		x.shadow(c.Name)
		return append(list, facts.ClassStmt(&c)), c.Name
	case k.enumDecl:
		c := x.enum(n, sc)
		if sc.kind == scopeModule {
			x.file.Classes = append(x.file.Classes, c)
		}
		return list, c.Name
	case k.interfaceDecl:
		c := x.interfaceDecl(n, n.Field("body"), sc)
		if sc.kind == scopeModule {
			x.file.Classes = append(x.file.Classes, c)
		}
		return list, c.Name
	case k.typeAliasDecl:
		name := x.text(n.Field("name"))
		value := n.Field("value")
		if value.Kind() == k.objectType {
			c := x.interfaceDecl(n, value, sc)
			if sc.kind == scopeModule {
				x.file.Classes = append(x.file.Classes, c)
			}
			return list, name
		}
		if sc.kind == scopeModule {
			x.file.Types = append(x.file.Types, facts.Assignment{Name: name, Value: x.typeExprPtr(value), Line: n.Line()})
		}
		return list, name
	}
	x.file.Stats.OpaqueStatements++
	return append(list, facts.OpaqueStmt(x.g.KindName(n.Kind()), n.Line())), ""
}

// decorators translates the decorator nodes among nodes.
func (x *extractor) decorators(nodes []syntax.Node) []facts.Expr {
	var out []facts.Expr
	for _, c := range nodes {
		if c.Kind() != x.k.decorator {
			continue
		}
		if e := x.named(c); len(e) > 0 {
			out = append(out, x.expr(e[0]))
		}
	}
	return out
}

// class translates a class declaration or expression.
func (x *extractor) class(n syntax.Node, decorators []facts.Expr, sc *scope) facts.Class {
	c := facts.Class{Line: n.Line(), EndLine: n.EndLine()}
	c.Decorators = append(decorators, x.decorators(n.NamedChildren())...)
	c.Name = x.text(n.Field("name"))
	c.QualName = joinDotted(sc.qual, c.Name)
	var body syntax.Node
	for _, part := range x.named(n) {
		switch part.Kind() {
		case x.k.classHeritage:
			x.heritage(&c, part)
		case x.k.classBody:
			body = part
		}
	}
	x.classBody(&c, body)
	return c
}

// heritage records `extends` as the bases and `implements` as class
// keywords named "implements" (an implemented interface is no base class:
// `implements OnModuleInit` says nothing of what the class is).
func (x *extractor) heritage(c *facts.Class, n syntax.Node) {
	parts := x.named(n)
	if len(parts) > 0 && parts[0].Kind() != x.k.extendsClause && parts[0].Kind() != x.k.implementsClause {
		// JavaScript: `class A extends B` has the expression directly.
		c.Bases = append(c.Bases, x.expr(parts[0]))
		return
	}
	for _, p := range parts {
		switch p.Kind() {
		case x.k.extendsClause:
			for _, v := range x.named(p) {
				if v.Kind() != x.k.typeArguments {
					c.Bases = append(c.Bases, x.expr(v))
				}
			}
		case x.k.implementsClause:
			for _, v := range x.named(p) {
				c.Keywords = append(c.Keywords, facts.Keyword{Name: "implements", Value: x.typeExpr(v)})
			}
		}
	}
}

// classBody translates the members of a class. In the TypeScript grammar
// a method's decorators precede it as siblings in the body; they are
// carried to the next member.
func (x *extractor) classBody(c *facts.Class, body syntax.Node) {
	sc := &scope{kind: scopeModule, qual: c.QualName}
	outer := x.qual
	x.qual = c.QualName
	defer func() { x.qual = outer }()
	var pending []facts.Expr
	for _, m := range x.named(body) {
		k := x.k
		switch m.Kind() {
		case k.decorator:
			pending = append(pending, x.decorators([]syntax.Node{m})...)
			continue
		case k.methodDef:
			x.file.Stats.Statements++
			f := x.method(m, pending, sc)
			c.Methods = append(c.Methods, f)
			if f.Name == "constructor" {
				c.Fields = append(c.Fields, x.parameterProperties(m)...)
			}
		case k.publicFieldDef, k.fieldDef:
			x.file.Stats.Statements++
			x.field(c, m, pending, sc)
		default:
			// Index and method signatures, static blocks: no facts.
		}
		pending = nil
	}
}

// field translates a class field. A field holding a function (`login =
// async (req, res) => {...}`, common in Express controllers) is a method.
func (x *extractor) field(c *facts.Class, n syntax.Node, decorators []facts.Expr, sc *scope) {
	decorators = append(decorators, x.decorators(n.NamedChildren())...)
	nameNode := n.Field("name")
	if nameNode.IsNull() {
		nameNode = n.Field("property") // JavaScript's field_definition
	}
	name := x.propertyName(nameNode)
	if name == "" {
		return
	}
	value := n.Field("value")
	if x.isFunction(value) {
		f := x.function(value, name, decorators, sc)
		f.Line = n.Line()
		if hasToken(n, x.k.tokStatic) {
			f.Decorators = append(f.Decorators, marker("staticmethod", n.Line()))
		}
		c.Methods = append(c.Methods, f)
		return
	}
	a := facts.Assignment{Name: name, Decorators: decorators, Line: n.Line()}
	if t := n.Field("type"); !t.IsNull() {
		a.Annotation = x.typeExprPtr(t)
		if hasToken(n, x.k.tokQuestion) {
			a.Annotation = optional(a.Annotation)
		}
	}
	if !value.IsNull() {
		a.Value = x.exprPtr(value)
	}
	c.Fields = append(c.Fields, a)
}

// parameterProperties returns the fields a constructor declares through
// its parameters (`constructor(private readonly repo: Repository<User>)`):
// TypeScript makes each a field of the class, which is how NestJS injects
// services and repositories.
func (x *extractor) parameterProperties(ctor syntax.Node) []facts.Assignment {
	var out []facts.Assignment
	for _, p := range x.named(ctor.Field("parameters")) {
		if p.Kind() != x.k.requiredParam && p.Kind() != x.k.optionalParam {
			continue
		}
		isProperty := false
		for _, c := range p.Children() {
			if c.Kind() == x.k.accessibilityModifier || (!c.IsNamed() && string(c.Bytes()) == "readonly") {
				isProperty = true
			}
		}
		pattern := p.Field("pattern")
		if !isProperty || pattern.Kind() != x.k.identifier {
			continue
		}
		a := facts.Assignment{Name: x.text(pattern), Decorators: x.decorators(p.NamedChildren()), Line: p.Line()}
		if t := p.Field("type"); !t.IsNull() {
			a.Annotation = x.typeExprPtr(t)
			if p.Kind() == x.k.optionalParam {
				a.Annotation = optional(a.Annotation)
			}
		}
		out = append(out, a)
	}
	return out
}

// method translates a method definition. Getters, setters and static
// methods carry the decorators Python spells them with (`property`,
// `<name>.setter`, `staticmethod`), so the two languages give the same
// facts for the same meaning.
func (x *extractor) method(n syntax.Node, decorators []facts.Expr, sc *scope) facts.Function {
	decorators = append(decorators, x.decorators(n.NamedChildren())...)
	name := x.propertyName(n.Field("name"))
	line := n.Line()
	switch {
	case hasToken(n, x.k.tokGet):
		decorators = append(decorators, marker("property", line))
	case hasToken(n, x.k.tokSet):
		decorators = append(decorators, facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Raw: name, Line: line}).WithResolved(name)),
			Name: "setter", Raw: name + ".setter", Line: line}).WithResolved(name+".setter"))
	}
	if hasToken(n, x.k.tokStatic) {
		decorators = append(decorators, marker("staticmethod", line))
	}
	return x.function(n, name, decorators, sc)
}

// marker is a decorator that is a plain name.
func marker(name string, line int) facts.Expr {
	return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Raw: name, Line: line}).WithResolved(name)
}

// optional makes a type `T | undefined` for an optional property or
// parameter (`email?: string`), as Python spells `Optional[str]` as
// `str | None`.
func optional(t *facts.Expr) *facts.Expr {
	if t == nil {
		return nil
	}
	return new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBinary, X: t, Y: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprNone, Line: t.Line()}), Line: t.Line()}).WithOp("|"))
}

// isFunction reports whether n is a function or arrow function
// expression.
func (x *extractor) isFunction(n syntax.Node) bool {
	switch n.Kind() {
	case x.k.arrowFunction, x.k.functionExpr, x.k.functionKw, x.k.generatorFunction:
		return !n.IsNull()
	}
	return false
}

// function translates a function declaration, method, function expression
// or arrow function; name is the name it is known by ("" when
// anonymous).
func (x *extractor) function(n syntax.Node, name string, decorators []facts.Expr, sc *scope) facts.Function {
	f := facts.Function{Name: name, Decorators: decorators, Line: n.Line(), EndLine: n.EndLine()}
	f.Async = hasToken(n, x.k.tokAsync)
	if name == "" {
		f.QualName = joinDotted(sc.qual, anonymous(n.Line()))
	} else {
		f.QualName = joinDotted(sc.qual, name)
	}
	closeScope := x.pushScope()
	outer := x.qual
	x.qual = f.QualName
	defer func() { closeScope(); x.qual = outer }()
	if params := n.Field("parameters"); !params.IsNull() {
		f.Params = x.params(params)
	} else if p := n.Field("parameter"); !p.IsNull() {
		// `x => ...`: one bare parameter.
		f.Params = []facts.Param{{Name: x.text(p), Kind: facts.ParamPositional, Line: p.Line()}}
	}
	for _, p := range f.Params {
		x.shadow(p.Name)
	}
	if rt := n.Field("return_type"); !rt.IsNull() {
		f.Returns = x.typeExprPtr(rt)
	}
	inner := &scope{kind: scopeFunction, qual: f.QualName}
	body := n.Field("body")
	switch {
	case body.IsNull(), x.outline:
	case body.Kind() == x.k.statementBlock:
		// Flattened again as a whole body: a chain ending it, or ending
		// the blocks that end it, is read too.
		f.SetBody(flattenTailChains(x.body(body, inner)))
	default:
		// An arrow function's expression body is what it returns.
		x.file.Stats.Statements++
		f.SetBody(flattenPromiseChains([]facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtReturn, Value: x.exprPtr(body), Line: body.Line()})}, true))
	}
	return f
}

// params translates a formal parameter list.
func (x *extractor) params(n syntax.Node) []facts.Param {
	var out []facts.Param
	var pending []facts.Expr // JavaScript puts parameter decorators before the parameter
	for _, c := range x.named(n) {
		if c.Kind() == x.k.decorator {
			pending = append(pending, x.decorators([]syntax.Node{c})...)
			continue
		}
		p := facts.Param{Kind: facts.ParamPositional, Decorators: pending, Line: c.Line()}
		pending = nil
		target := c
		if c.Kind() == x.k.requiredParam || c.Kind() == x.k.optionalParam {
			p.Decorators = append(p.Decorators, x.decorators(c.NamedChildren())...)
			target = c.Field("pattern")
			if t := c.Field("type"); !t.IsNull() {
				p.Annotation = x.typeExprPtr(t)
				if c.Kind() == x.k.optionalParam {
					p.Annotation = optional(p.Annotation)
				}
			}
			if v := c.Field("value"); !v.IsNull() {
				p.Default = x.exprPtr(v)
			}
		}
		if target.Kind() == x.k.assignmentPattern {
			p.Default = x.exprPtr(target.Field("right"))
			target = target.Field("left")
		}
		if target.Kind() == x.k.restPattern {
			p.Kind = facts.ParamVarPositional
			if inner := x.named(target); len(inner) > 0 {
				target = inner[0]
			}
		}
		switch target.Kind() {
		case x.k.identifier, x.k.this:
			p.Name = x.text(target)
		case x.k.objectPattern, x.k.arrayPattern:
			p.Pattern = x.targetPtr(target)
		default:
			p.Name = x.text(target)
		}
		if p.Name == "this" {
			continue // TypeScript's `this: T` annotates the receiver; no parameter
		}
		out = append(out, p)
	}
	return out
}

// enum translates a TypeScript enum into a Class of kind ClassEnum whose
// fields are its members.
func (x *extractor) enum(n syntax.Node, sc *scope) facts.Class {
	c := facts.Class{Kind: facts.ClassEnum, Name: x.text(n.Field("name")), Line: n.Line(), EndLine: n.EndLine()}
	c.QualName = joinDotted(sc.qual, c.Name)
	for _, m := range x.named(n.Field("body")) {
		x.file.Stats.Statements++
		switch m.Kind() {
		case x.k.enumAssignment:
			c.Fields = append(c.Fields, facts.Assignment{Name: x.propertyName(m.Field("name")), Value: x.exprPtr(m.Field("value")), Line: m.Line()})
		default:
			c.Fields = append(c.Fields, facts.Assignment{Name: x.propertyName(m), Line: m.Line()})
		}
	}
	return c
}

// interfaceDecl translates an interface or an object type alias into a Class
// of kind ClassInterface: property signatures are its fields.
func (x *extractor) interfaceDecl(n, body syntax.Node, sc *scope) facts.Class {
	c := facts.Class{Kind: facts.ClassInterface, Name: x.text(n.Field("name")), Line: n.Line(), EndLine: n.EndLine()}
	c.QualName = joinDotted(sc.qual, c.Name)
	for _, part := range x.named(n) {
		if part.Kind() == x.k.extendsTypeClause {
			for _, t := range x.named(part) {
				c.Bases = append(c.Bases, x.typeExpr(t))
			}
		}
	}
	for _, m := range x.named(body) {
		if m.Kind() != x.k.propertySignature {
			continue
		}
		x.file.Stats.Statements++
		a := facts.Assignment{Name: x.propertyName(m.Field("name")), Line: m.Line()}
		if t := m.Field("type"); !t.IsNull() {
			a.Annotation = x.typeExprPtr(t)
			if hasToken(m, x.k.tokQuestion) {
				a.Annotation = optional(a.Annotation)
			}
		}
		c.Fields = append(c.Fields, a)
	}
	return c
}
