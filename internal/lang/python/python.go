package python

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/arena"
	"github.com/distill/distill/internal/syntax"
)

// ErrInternal marks a failure of the extractor itself (a recovered
// panic), as opposed to a property of the input.
var ErrInternal = errors.New("internal extractor error")

// walkGrammar is the Python grammar as the extractor reads it: the walk
// finds children by kind and position, never by field name, so its trees
// are copied without field ids (see syntax.Grammar.WithoutFields). One
// instance, so that each worker's Parser keeps one tree-sitter parser for
// it.
var walkGrammar = sync.OnceValue(func() *syntax.Grammar { return syntax.Python().WithoutFields() })

// ID is the language identifier recorded in facts.
const ID = "python"

// maxDepth bounds the nesting of statements and expressions the walker
// follows; deeper subtrees become opaque (counted in Stats.DepthLimited).
const maxDepth = 200

// Python is the Python language extractor. It is stateless and safe for
// concurrent use.
type Python struct {
	kinds *kinds
}

// New returns the Python extractor.
func New() *Python { return &Python{kinds: pythonKinds()} }

// ID returns "python".
func (*Python) ID() string { return ID }

// Extensions returns the file extensions of Python sources.
func (*Python) Extensions() []string { return []string{".py"} }

// Extract parses one Python file and returns its facts. Syntax errors are
// recorded in Stats, not returned; the error is for cancellation, a parse
// timeout or a failure of the walk, and names the file.
func (py *Python) Extract(ctx context.Context, p *syntax.Parser, file facts.Source) (_ *facts.File, err error) {
	// A bug in the walker must cost one file, not the whole run: the
	// fuzz target keeps this path cold.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: %w: %v", file.Path, ErrInternal, r)
		}
	}()
	module, isPackage := ModuleName(file.Path)
	out := &facts.File{Path: file.Path, Language: ID, Module: module}
	x := &extractor{
		ctx:       ctx,
		k:         py.kinds,
		g:         walkGrammar(),
		file:      out,
		isPackage: isPackage,
		outline:   file.Outline,
		noDocs:    file.NoFunctionDocs,
	}
	defer x.arena.Release()
	diag, err := p.Parse(ctx, x.g, file.Data, x.walkModule)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", file.Path, err)
	}
	out.Stats.ErrorNodes = diag.ErrorNodes - len(x.forgivenErrors)
	out.Stats.MissingNodes = diag.MissingNodes
	forgiven := x.forgivenErrors
	for _, pos := range diag.Positions {
		if i := slices.Index(forgiven, pos.Line); i >= 0 {
			forgiven = slices.Delete(forgiven, i, i+1)
			continue
		}
		out.Stats.ErrorLines = append(out.Stats.ErrorLines, pos.Line)
	}
	return out, nil
}

// ModuleName derives the dotted module name from a slash-separated path:
// "app/auth/routes.py" is "app.auth.routes"; "app/__init__.py" is "app"
// and a package (isPackage true). Leading "./" and empty segments are
// ignored.
func ModuleName(path string) (module string, isPackage bool) {
	path = strings.TrimSuffix(path, ".py")
	parts := strings.Split(path, "/")
	segs := parts[:0]
	for _, p := range parts {
		if p != "" && p != "." {
			segs = append(segs, p)
		}
	}
	if n := len(segs); n > 0 && segs[n-1] == "__init__" {
		segs = segs[:n-1]
		isPackage = true
	}
	return strings.Join(segs, "."), isPackage
}

// extractor holds the state of one file's walk.
type extractor struct {
	ctx       context.Context
	k         *kinds
	g         *syntax.Grammar
	file      *facts.File
	isPackage bool
	// outline leaves function bodies out (facts.Source.Outline).
	outline bool
	// noDocs leaves functions' docstrings out (facts.Source.NoFunctionDocs).
	noDocs bool

	// scopes maps names bound by imports to the dotted names they stand
	// for; scopes[0] is the module, later entries enclosing bodies.
	scopes []map[string]string
	depth  int

	// arena keeps the file's expressions and interns its strings. buf is
	// scratch space for the chains, strBuf for string literals' values.
	arena  arena.Arena
	buf    []byte
	strBuf []byte
	// spareScopes are emptied maps of closed scopes, for the next scope
	// that binds a name (most function bodies do).
	spareScopes []map[string]string
	// forgivenErrors are the lines of ERROR nodes the walk read as valid
	// Python the grammar predates (exceptHandler); they are not syntax
	// errors of the file.
	forgivenErrors []int

	// superClass and superSelf are the class and first parameter of the
	// method being read (empty outside one): super(superClass, superSelf)
	// there is the zero-argument super() (callExpr).
	superClass, superSelf string
}

// scopeMap returns the innermost scope's map, made on first use.
func (x *extractor) scopeMap() map[string]string {
	top := len(x.scopes) - 1
	if x.scopes[top] == nil {
		if n := len(x.spareScopes); n > 0 {
			x.scopes[top] = x.spareScopes[n-1]
			x.spareScopes = x.spareScopes[:n-1]
		} else {
			x.scopes[top] = map[string]string{}
		}
	}
	return x.scopes[top]
}

// popScope closes the innermost scope and keeps its map, emptied.
func (x *extractor) popScope() {
	top := len(x.scopes) - 1
	if m := x.scopes[top]; m != nil {
		clear(m)
		x.spareScopes = append(x.spareScopes, m)
	}
	x.scopes = x.scopes[:top]
}

// text is the source text of n, interned.
func (x *extractor) text(n syntax.Node) string { return x.arena.Intern(n.Bytes()) }

// concat returns a+sep+b, interned.
func (x *extractor) concat(a, sep, b string) string {
	x.buf = append(append(append(x.buf[:0], a...), sep...), b...)
	return x.arena.Intern(x.buf)
}

// scope is where a body's statements go.
type scope struct {
	kind  scopeKind
	qual  string       // dotted prefix of definitions in this scope
	class *facts.Class // for scopeClass
}

type scopeKind int

const (
	scopeModule scopeKind = iota
	scopeClass
	scopeFunction
)

func (x *extractor) walkModule(root syntax.Node) error {
	x.scopes = []map[string]string{{}}
	stmts := x.statements(root)
	// Module imports are visible in every function wherever they appear
	// in the file, so they are bound before anything is resolved.
	x.bindModuleImports(stmts)
	if len(stmts) > 0 {
		if doc, ok := x.docstring(stmts[0]); ok {
			_ = doc // the module docstring is not part of the facts
			stmts = stmts[1:]
		}
	}
	sc := &scope{kind: scopeModule, qual: x.file.Module}
	x.file.Functions, x.file.Classes = x.definitionRoom(stmts)
	for _, s := range stmts {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		x.file.Statements = x.appendStmt(x.file.Statements, s, sc)
	}
	// Function bodies stop early on cancellation; never return their
	// partial facts as complete.
	x.file.Functions, x.file.Classes = nilIfEmpty(x.file.Functions), nilIfEmpty(x.file.Classes)
	return x.ctx.Err()
}

// definitionRoom returns empty slices with room for the functions and
// the classes that stmts define directly (decorated or not), nil where
// there are none. The definitions of a module or class are hoisted into
// such slices one by one; grown from nothing, they would leave garbage
// and unused room behind, and the facts of every file of a service live
// until its build ends. Definitions nested in if/try blocks are hoisted
// too, beyond this room: the slices then grow as before.
func (x *extractor) definitionRoom(stmts []syntax.Node) ([]facts.Function, []facts.Class) {
	var funcs, classes int
	for _, s := range stmts {
		if s.Kind() == x.k.decorated {
			kids := x.named(s)
			if len(kids) == 0 {
				continue
			}
			s = kids[len(kids)-1]
		}
		switch s.Kind() {
		case x.k.funcDef:
			funcs++
		case x.k.classDef:
			classes++
		}
	}
	var fs []facts.Function
	var cs []facts.Class
	if funcs > 0 {
		fs = make([]facts.Function, 0, funcs)
	}
	if classes > 0 {
		cs = make([]facts.Class, 0, classes)
	}
	return fs, cs
}

// statements returns the statement children of a module or block,
// without extras (comments, backslash line continuations).
func (x *extractor) statements(n syntax.Node) []syntax.Node { return x.named(n) }

// named returns the named children of n without extras (comments and
// backslash line continuations, which tree-sitter reports as named nodes
// wherever they occur). Most nodes have none, and their children are
// returned as the tree holds them, without a copy.
func (x *extractor) named(n syntax.Node) []syntax.Node {
	children := n.NamedChildren()
	for i, c := range children {
		if x.isExtra(c.Kind()) {
			return x.withoutExtras(children, i)
		}
	}
	return children
}

// withoutExtras copies children without the extras, the first of which
// is at index first. The tree's own slice is never written to.
func (x *extractor) withoutExtras(children []syntax.Node, first int) []syntax.Node {
	out := make([]syntax.Node, first, len(children)-1)
	copy(out, children[:first])
	for _, c := range children[first+1:] {
		if !x.isExtra(c.Kind()) {
			out = append(out, c)
		}
	}
	return out
}

// bindModuleImports records the bindings of module-scope imports,
// including those in module-level if/try/with blocks.
func (x *extractor) bindModuleImports(stmts []syntax.Node) {
	for _, s := range stmts {
		switch s.Kind() {
		case x.k.importStmt, x.k.importFrom, x.k.futureImport:
			for _, imp := range x.imports(s) {
				if imp.Bound != "" {
					x.scopes[0][imp.Bound] = imp.Target
				}
			}
		case x.k.ifStmt, x.k.tryStmt, x.k.withStmt, x.k.elifClause, x.k.elseClause,
			x.k.exceptClause, x.k.exceptGroup, x.k.finallyClause, x.k.block:
			x.bindModuleImports(x.named(s))
		}
	}
}

// resolve maps the first segment of a dotted name through the imports
// of the enclosing scopes.
func (x *extractor) resolve(raw string) string {
	head, rest := raw, ""
	if i := strings.IndexByte(raw, '.'); i >= 0 {
		head, rest = raw[:i], raw[i:]
	}
	for i := len(x.scopes) - 1; i >= 0; i-- {
		if target, ok := x.scopes[i][head]; ok {
			return x.concat(target, "", rest)
		}
	}
	return raw
}

// bind records a local import binding in the innermost scope.
func (x *extractor) bind(imp facts.Import) {
	if imp.Bound == "" {
		return
	}
	x.scopeMap()[imp.Bound] = imp.Target
}

// shadow records that name is a local variable of the innermost function
// scope, so it no longer resolves through an outer import.
func (x *extractor) shadow(name string) {
	top := len(x.scopes) - 1
	if top == 0 {
		return
	}
	x.scopeMap()[name] = name
}

// imports translates one import statement.
func (x *extractor) imports(n syntax.Node) []facts.Import {
	var out []facts.Import
	switch n.Kind() {
	case x.k.importStmt:
		for _, c := range x.named(n) {
			name, alias := c, syntax.Node{}
			if c.Kind() == x.k.aliasedImport {
				parts := x.named(c)
				if len(parts) < 2 {
					continue
				}
				name, alias = parts[0], parts[1]
			}
			if name.Kind() != x.k.dottedName {
				continue
			}
			mod := x.text(name)
			imp := facts.Import{Module: mod, Line: c.Line()}
			if alias.IsNull() {
				head, _, _ := strings.Cut(mod, ".")
				imp.Bound, imp.Target = head, head
			} else {
				imp.Bound, imp.Target = x.text(alias), mod
			}
			out = append(out, imp)
		}
	case x.k.importFrom, x.k.futureImport:
		children := x.named(n)
		module, level := "__future__", 0
		if n.Kind() == x.k.importFrom {
			if len(children) == 0 {
				return nil
			}
			module, level = x.fromModule(children[0])
			children = children[1:]
		}
		for _, c := range children {
			name, alias := c, syntax.Node{}
			switch c.Kind() {
			case x.k.wildcardImport:
				out = append(out, facts.Import{Module: module, Name: "*", Level: level, Line: c.Line()})
				continue
			case x.k.aliasedImport:
				parts := x.named(c)
				if len(parts) < 2 {
					continue
				}
				name, alias = parts[0], parts[1]
			}
			if name.Kind() != x.k.dottedName && name.Kind() != x.k.identifier {
				continue
			}
			imp := facts.Import{Module: module, Name: x.text(name), Level: level, Line: c.Line()}
			imp.Bound = imp.Name
			if !alias.IsNull() {
				imp.Bound = x.text(alias)
			}
			imp.Target = joinDotted(module, imp.Name)
			out = append(out, imp)
		}
	}
	return out
}

// fromModule returns the resolved module and relative level of the
// module part of a from-import.
func (x *extractor) fromModule(n syntax.Node) (string, int) {
	if n.Kind() != x.k.relativeImport {
		return x.text(n), 0
	}
	level, rest := 0, ""
	for _, c := range x.named(n) {
		switch c.Kind() {
		case x.k.importPrefix:
			level = len(c.Bytes())
		case x.k.dottedName:
			rest = x.text(c)
		}
	}
	return resolveRelative(x.file.Module, x.isPackage, level, rest), level
}

// resolveRelative resolves `from <level dots><rest> import` in module.
// The package of a module is its parent, of a package itself; each dot
// beyond the first goes one package up, never above the root.
func resolveRelative(module string, isPackage bool, level int, rest string) string {
	var parts []string
	if module != "" {
		parts = strings.Split(module, ".")
	}
	if !isPackage && len(parts) > 0 {
		parts = parts[:len(parts)-1]
	}
	for i := 1; i < level && len(parts) > 0; i++ {
		parts = parts[:len(parts)-1]
	}
	return joinDotted(strings.Join(parts, "."), rest)
}

func joinDotted(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// docstring reports whether stmt is a string expression statement and
// returns its value.
func (x *extractor) docstring(stmt syntax.Node) (string, bool) {
	if stmt.Kind() != x.k.exprStmt {
		return "", false
	}
	children := x.named(stmt)
	if len(children) != 1 {
		return "", false
	}
	c := children[0]
	if c.Kind() != x.k.str && c.Kind() != x.k.concatenatedString {
		return "", false
	}
	e := x.expr(c)
	if e.Kind != facts.ExprString {
		return "", false
	}
	return e.Value(), true
}

// isExtra reports whether k is an extra node that may appear between any
// two tokens: a comment or a backslash line continuation.
func (x *extractor) isExtra(k syntax.Kind) bool {
	return k == x.k.comment || k == x.k.lineContinuation
}
