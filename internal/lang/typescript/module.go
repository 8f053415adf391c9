package typescript

import (
	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// variables translates a `const`/`let`/`var` declaration, one statement
// per declarator. A declarator that requires a module is an import; one
// whose value is a function or arrow function defines a function of that
// name (`const login = async (req, res) => {...}`); at module scope one
// that binds a plain name is a constant.
func (x *extractor) variables(list []facts.Stmt, n syntax.Node, sc *scope) []facts.Stmt {
	// Functions nest through declarations (`const f = () => { const g =
	// ... }`), so a declaration counts as a level of nesting.
	x.depth++
	defer func() { x.depth-- }()
	for _, d := range x.named(n) {
		if d.Kind() != x.k.variableDeclarator {
			continue
		}
		x.file.Stats.Statements++
		if x.depth >= maxDepth {
			x.file.Stats.DepthLimited++
			x.file.Stats.OpaqueStatements++
			list = append(list, facts.OpaqueStmt(x.g.KindName(n.Kind()), d.Line()))
			continue
		}
		if d.HasError() {
			x.file.Stats.OpaqueStatements++
			list = append(list, facts.OpaqueStmt("error:"+x.g.KindName(n.Kind()), d.Line()))
			continue
		}
		if imps := x.requireImports(d); len(imps) > 0 {
			for i := range imps {
				imps[i].Local = sc.kind != scopeModule
				if sc.kind != scopeModule {
					x.bindLocal(imps[i].Bound, imps[i].Target)
				}
			}
			x.file.Imports = append(x.file.Imports, imps...)
			if sc.kind == scopeFunction {
				list = append(list, facts.NewStmt(facts.StmtSpec{Kind: facts.StmtImport, Line: d.Line()}))
			}
			continue
		}
		name, value := d.Field("name"), d.Field("value")
		if name.Kind() == x.k.identifier && x.isFunction(value) {
			fname := x.text(name)
			f := x.function(value, fname, nil, sc)
			f.Line = d.Line()
			if sc.kind == scopeModule {
				x.file.Functions = append(x.file.Functions, f)
			} else {
				x.shadow(fname)
				list = append(list, facts.FunctionStmt(&f))
			}
			continue
		}
		s := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Line: d.Line()})
		s.Targets = []facts.Expr{x.target(name)}
		if t := d.Field("type"); !t.IsNull() {
			s.SetAnnotation(x.typeExprPtr(t))
		}
		if !value.IsNull() {
			s.Value = x.exprPtr(value)
		}
		if sc.kind == scopeFunction {
			// A local declaration shadows an import from here on.
			x.shadowTarget(&s.Targets[0])
			list = append(list, s)
			continue
		}
		if t := s.Targets[0]; t.Kind == facts.ExprName {
			x.file.Constants = append(x.file.Constants, facts.Assignment{Name: t.Name(), Annotation: s.Annotation(), Value: s.Value, Line: s.Line()})
			continue
		}
		list = append(list, s)
	}
	return list
}

// shadowTarget binds every name a declaration target introduces as a
// local, and makes their Resolved the local name.
func (x *extractor) shadowTarget(t *facts.Expr) {
	switch t.Kind {
	case facts.ExprName:
		x.shadow(t.Name())
		t.SetResolved(t.Name())
	case facts.ExprDefault, facts.ExprStarred:
		if t.X != nil {
			x.shadowTarget(t.X)
		}
	case facts.ExprList:
		for i := range t.Args() {
			x.shadowTarget(&t.Args()[i])
		}
	case facts.ExprDict:
		for i := range t.Entries() {
			x.shadowTarget(&t.Entries()[i].Value)
		}
	}
}

// export translates an ES export statement (see facts.Export).
func (x *extractor) export(list []facts.Stmt, n syntax.Node, sc *scope) []facts.Stmt {
	line := n.Line()
	isDefault := hasToken(n, x.k.tokDefault)
	decorators := x.decorators(n.NamedChildren())
	if decl := n.Field("declaration"); !decl.IsNull() {
		switch decl.Kind() {
		case x.k.lexicalDecl, x.k.variableDecl:
			list = x.variables(list, decl, sc)
			for _, d := range x.named(decl) {
				if name := d.Field("name"); d.Kind() == x.k.variableDeclarator && name.Kind() == x.k.identifier {
					x.file.Exports = append(x.file.Exports, facts.Export{Name: x.text(name), Local: x.text(name), Line: line})
				}
			}
			return list
		}
		if decl.Kind() == x.k.functionSignature {
			return list // an overload; the implementation is exported too
		}
		var name string
		list, name = x.declare(list, decl, decorators, sc)
		exported := name
		if isDefault {
			exported = "default"
		}
		if name != "" {
			x.file.Exports = append(x.file.Exports, facts.Export{Name: exported, Local: name, Line: line})
		}
		return list
	}
	if value := n.Field("value"); !value.IsNull() {
		x.file.Exports = append(x.file.Exports, x.defaultExport(value, decorators, sc, line))
		return list
	}
	var module string
	if src := n.Field("source"); src.Kind() == x.k.str {
		module, _ = resolveSpecifier(x.file.Path, x.stringValue(src))
	}
	for _, c := range x.named(n) {
		switch c.Kind() {
		case x.k.exportClause:
			for _, spec := range x.named(c) {
				if spec.Kind() != x.k.exportSpecifier {
					continue
				}
				local := x.specName(spec.Field("name"))
				name := local
				if alias := spec.Field("alias"); !alias.IsNull() {
					name = x.specName(alias)
				}
				x.file.Exports = append(x.file.Exports, facts.Export{Name: name, Local: local, Module: module, Line: spec.Line()})
			}
			return list
		case x.k.namespaceExport:
			if id := x.named(c); len(id) > 0 {
				x.file.Exports = append(x.file.Exports, facts.Export{Name: x.specName(id[0]), Module: module, Line: line})
			}
			return list
		}
	}
	if module != "" {
		x.file.Exports = append(x.file.Exports, facts.Export{Name: "*", Module: module, Line: line})
		return list
	}
	// TypeScript's `export = value` is CommonJS's module.exports = value.
	for _, c := range x.named(n) {
		if c.Kind() != x.k.decorator {
			x.file.Exports = append(x.file.Exports, x.defaultExport(c, decorators, sc, line))
			break
		}
	}
	return list
}

// defaultExport records the value of `export default <expr>` or
// `module.exports = <expr>`. A function or class is defined under its
// own name, or "default" when anonymous.
func (x *extractor) defaultExport(value syntax.Node, decorators []facts.Expr, sc *scope, line int) facts.Export {
	switch {
	case x.isFunction(value):
		name := x.text(value.Field("name"))
		if name == "" {
			name = "default"
		}
		f := x.function(value, name, decorators, sc)
		x.file.Functions = append(x.file.Functions, f)
		return facts.Export{Name: "default", Local: name, Line: line}
	case value.Kind() == x.k.classExpr:
		c := x.class(value, decorators, sc)
		if c.Name == "" {
			c.Name = "default"
			c.QualName = joinDotted(sc.qual, c.Name)
		}
		x.file.Classes = append(x.file.Classes, c)
		return facts.Export{Name: "default", Local: c.Name, Line: line}
	}
	e := x.expr(value)
	ex := facts.Export{Name: "default", Value: &e, Line: line}
	if e.Kind == facts.ExprName {
		ex.Local = e.Name()
	}
	return ex
}

// exportsAssignment translates a module-scope CommonJS export:
// `module.exports = value`, `module.exports.name = value` or
// `exports.name = value`. It reports false for any other statement.
func (x *extractor) exportsAssignment(n syntax.Node, sc *scope) ([]facts.Stmt, bool) {
	if sc.kind != scopeModule || n.HasError() {
		return nil, false
	}
	c := x.named(n)
	if len(c) != 1 || c[0].Kind() != x.k.assignmentExpr {
		return nil, false
	}
	left, right := c[0].Field("left"), c[0].Field("right")
	name := ""
	switch {
	case x.isModuleExports(left):
	case left.Kind() == x.k.memberExpr && (x.isModuleExports(left.Field("object")) || isIdent(left.Field("object"), x.k.identifier, "exports")):
		name = x.text(left.Field("property"))
	default:
		return nil, false
	}
	x.file.Stats.Statements++
	line := n.Line()
	if name == "" {
		if right.Kind() == x.k.object {
			for _, p := range x.named(right) {
				key, val := "", syntax.Node{}
				switch p.Kind() {
				case x.k.shorthandPropertyIdentifier:
					key, val = x.text(p), p
				case x.k.pair:
					key, val = x.propertyName(p.Field("key")), p.Field("value")
				case x.k.methodDef:
					key = x.propertyName(p.Field("name"))
					f := x.function(p, key, nil, sc)
					x.file.Functions = append(x.file.Functions, f)
					x.file.Exports = append(x.file.Exports, facts.Export{Name: key, Local: key, Line: p.Line()})
					continue
				}
				if key == "" {
					continue
				}
				x.file.Exports = append(x.file.Exports, x.namedExport(key, val, sc, p.Line()))
			}
			return nil, true
		}
		x.file.Exports = append(x.file.Exports, x.defaultExport(right, nil, sc, line))
		return nil, true
	}
	x.file.Exports = append(x.file.Exports, x.namedExport(name, right, sc, line))
	return nil, true
}

// namedExport records one CommonJS named export; a function value is
// defined as a module function of the exported name.
func (x *extractor) namedExport(name string, value syntax.Node, sc *scope, line int) facts.Export {
	if spec, ok := x.requireSpec(value); ok {
		// `{Account: require("./account.model")}` exports the module
		// itself under the name, as `export * as Account from` does.
		m, _ := resolveSpecifier(x.file.Path, spec)
		return facts.Export{Name: name, Module: m, Line: line}
	}
	if x.isFunction(value) {
		f := x.function(value, name, nil, sc)
		f.Line = line
		x.file.Functions = append(x.file.Functions, f)
		return facts.Export{Name: name, Local: name, Line: line}
	}
	e := x.expr(value)
	ex := facts.Export{Name: name, Value: &e, Line: line}
	if e.Kind == facts.ExprName {
		ex.Local = e.Name()
	}
	return ex
}

func (x *extractor) isModuleExports(n syntax.Node) bool {
	return n.Kind() == x.k.memberExpr && isIdent(n.Field("object"), x.k.identifier, "module") &&
		string(n.Field("property").Bytes()) == "exports"
}

func isIdent(n syntax.Node, kind syntax.Kind, name string) bool {
	return n.Kind() == kind && string(n.Bytes()) == name
}
