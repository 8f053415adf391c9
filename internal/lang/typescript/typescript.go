package typescript

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/arena"
	"github.com/distill/distill/internal/syntax"
)

// ErrInternal marks a failure of the extractor itself (a recovered
// panic), as opposed to a property of the input.
var ErrInternal = errors.New("internal extractor error")

// ID is the language identifier recorded in facts, for TypeScript and
// JavaScript alike: one walker reads both and their facts do not differ.
const ID = "typescript"

// maxDepth bounds the nesting of statements and expressions the walker
// follows; deeper subtrees become opaque (counted in Stats.DepthLimited).
const maxDepth = 200

// TypeScript is the TypeScript/JavaScript extractor. It is stateless and
// safe for concurrent use.
type TypeScript struct{}

// New returns the TypeScript/JavaScript extractor.
func New() *TypeScript { return &TypeScript{} }

// ID returns "typescript".
func (*TypeScript) ID() string { return ID }

// Extensions returns the file extensions of TypeScript and JavaScript
// sources, and of Prisma schemas (the models of a Node service; see
// prismaFacts).
func (*TypeScript) Extensions() []string {
	return []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".prisma"}
}

// grammarFor picks the grammar of a file by its extension: TSX for .tsx,
// JavaScript (JSX included) for the JavaScript extensions, TypeScript
// otherwise. See syntax.TypeScript for why there are three.
func grammarFor(p string) (*syntax.Grammar, *kinds) {
	switch {
	case strings.EqualFold(path.Ext(p), ".tsx"):
		return syntax.TSX(), tsxKinds()
	case isJavaScript(p):
		return syntax.JavaScript(), javaScriptKinds()
	}
	return syntax.TypeScript(), typeScriptKinds()
}

// isJavaScript reports whether p has one of the JavaScript extensions.
func isJavaScript(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".js", ".jsx", ".mjs", ".cjs":
		return true
	}
	return false
}

// flowAnnotated reports whether a JavaScript source opts into Flow: an
// @flow pragma in the comments before its first token. Flow's type
// annotations (f(size: number): string) are not JavaScript, so such a
// file is read with the TSX grammar, whose annotations are written the
// same way and which keeps JSX.
func flowAnnotated(src []byte) bool {
	s := string(src)
	for {
		s = strings.TrimLeft(s, " \t\r\n\ufeff")
		var comment string
		switch {
		case strings.HasPrefix(s, "//"):
			end := strings.IndexByte(s, '\n')
			if end < 0 {
				end = len(s)
			}
			comment, s = s[2:end], s[end:]
		case strings.HasPrefix(s, "/*"):
			end := strings.Index(s[2:], "*/")
			if end < 0 {
				return false
			}
			comment, s = s[2:2+end], s[4+end:]
		default:
			return false
		}
		for rest := comment; ; {
			i := strings.Index(rest, "@flow")
			if i < 0 {
				break
			}
			rest = rest[i+len("@flow"):]
			if rest == "" || !isIdentByte(rest[0]) {
				return true
			}
		}
	}
}

// isIdentByte reports whether c can continue an identifier (@flowtype is
// not the pragma).
func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Extract parses one file and returns its facts. Syntax errors are
// recorded in Stats, not returned; the error is for cancellation, a parse
// timeout or a failure of the walk, and names the file.
func (*TypeScript) Extract(ctx context.Context, p *syntax.Parser, file facts.Source) (_ *facts.File, err error) {
	// A bug in the walker must cost one file, not the whole run.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract %s: %w: %v", file.Path, ErrInternal, r)
		}
	}()
	if strings.EqualFold(path.Ext(file.Path), ".prisma") {
		return prismaFacts(file), nil
	}
	g, k := grammarFor(file.Path)
	js := isJavaScript(file.Path)
	if js && flowAnnotated(file.Data) {
		g, k = syntax.TSX(), tsxKinds()
		js = false
	}
	out, err := parseFile(ctx, p, g, k, file)
	if err != nil {
		return nil, err
	}
	// JavaScript built by Babel may carry type annotations (Flow without
	// its pragma, or TypeScript's preset): when the JavaScript grammar
	// fails on a file, the TSX grammar is tried, and kept when it fails on
	// less of it.
	if js && out.Stats.ErrorNodes+out.Stats.MissingNodes > 0 {
		typed, err := parseFile(ctx, p, syntax.TSX(), tsxKinds(), file)
		if err != nil {
			return nil, err
		}
		if typed.Stats.ErrorNodes+typed.Stats.MissingNodes < out.Stats.ErrorNodes+out.Stats.MissingNodes {
			out = typed
		}
	}
	return out, nil
}

// parseFile parses one source with grammar g and walks it into facts.
func parseFile(ctx context.Context, p *syntax.Parser, g *syntax.Grammar, k *kinds, file facts.Source) (*facts.File, error) {
	out := &facts.File{Path: file.Path, Language: ID, Module: ModuleName(file.Path)}
	x := &extractor{ctx: ctx, k: k, g: g, file: out, outline: file.Outline}
	defer x.arena.Release()
	diag, err := p.Parse(ctx, g, file.Data, x.walkModule)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", file.Path, err)
	}
	out.Stats.ErrorNodes = diag.ErrorNodes
	out.Stats.MissingNodes = diag.MissingNodes
	for _, pos := range diag.Positions {
		out.Stats.ErrorLines = append(out.Stats.ErrorLines, pos.Line)
	}
	return out, nil
}

// sourceExts are the extensions stripped from paths and import
// specifiers, longest first so ".d.ts" wins over ".ts".
var sourceExts = []string{".d.ts", ".d.mts", ".d.cts", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// ModuleName derives the dotted module name from a slash-separated path,
// as Python's does, so that the distiller resolves both languages alike:
// "src/users/users.service.ts" is "src.users.users.service" and
// "src/users/index.ts" is "src.users" (an index file stands for its
// directory, as __init__.py does). Dots inside a file name stay: the
// distiller joins and looks up whole prefixes, never single segments.
func ModuleName(p string) string {
	lower := strings.ToLower(p)
	for _, ext := range sourceExts {
		if strings.HasSuffix(lower, ext) {
			p = p[:len(p)-len(ext)]
			break
		}
	}
	segs := splitPath(p)
	if n := len(segs); n > 0 && segs[n-1] == "index" {
		segs = segs[:n-1]
	}
	return strings.Join(segs, ".")
}

func splitPath(p string) []string {
	parts := strings.Split(p, "/")
	segs := parts[:0]
	for _, s := range parts {
		if s != "" && s != "." {
			segs = append(segs, s)
		}
	}
	return segs
}

// resolveSpecifier turns an import specifier into a module name and a
// relative level. A relative specifier ("./x", "../y/z.js") is resolved
// against the directory of the importing module and named like
// ModuleName names files; its level is 1 for "./" plus one per "../",
// as Python counts leading dots. Any other specifier is a package (or a
// path alias such as "@/lib/db", which only the build config resolves)
// and is kept as written.
func resolveSpecifier(filePath, spec string) (string, int) {
	if spec != "." && spec != ".." && !strings.HasPrefix(spec, "./") && !strings.HasPrefix(spec, "../") {
		return spec, 0
	}
	dir := splitPath(path.Dir(filePath))
	level := 1
	parts := strings.Split(spec, "/")
	for i, s := range parts {
		switch s {
		case ".", "":
		case "..":
			level++
			if len(dir) > 0 {
				dir = dir[:len(dir)-1]
			}
		default:
			dir = append(dir, parts[i])
		}
	}
	return ModuleName(strings.Join(dir, "/")), level
}

// extractor holds the state of one file's walk.
type extractor struct {
	ctx  context.Context
	k    *kinds
	g    *syntax.Grammar
	file *facts.File
	// outline leaves function bodies out (facts.Source.Outline).
	outline bool

	// scopes maps names bound by imports to the dotted names they stand
	// for; scopes[0] is the module, later entries enclosing functions.
	// A parameter or local declaration maps to itself (shadowing).
	scopes []map[string]string
	depth  int
	// qual is the qualified name of the function or class being walked,
	// "" at module scope; anonymous functions are named under it.
	qual string
	// arena keeps the file's expressions and interns its names.
	arena arena.Arena
}

// text is the source text of n, interned.
func (x *extractor) text(n syntax.Node) string { return x.arena.Intern(n.Bytes()) }

// scope is where a body's statements go.
type scope struct {
	kind scopeKind
	qual string // dotted prefix of definitions in this scope
}

type scopeKind int

const (
	scopeModule scopeKind = iota
	scopeFunction
)

func (x *extractor) walkModule(root syntax.Node) error {
	x.scopes = []map[string]string{{}}
	stmts := x.named(root)
	// Imports are hoisted in ES modules and a require at module scope
	// binds for every function, so they are bound before anything is
	// resolved.
	for _, s := range stmts {
		x.bindModuleImport(s)
	}
	sc := &scope{kind: scopeModule, qual: x.file.Module}
	for _, s := range stmts {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		x.file.Statements = x.appendStmt(x.file.Statements, s, sc)
	}
	return x.ctx.Err()
}

// named returns the named children of n without comments. Most nodes
// have none, and their children are returned as the tree holds them.
func (x *extractor) named(n syntax.Node) []syntax.Node {
	children := n.NamedChildren()
	for i, c := range children {
		if x.isExtra(c.Kind()) {
			out := make([]syntax.Node, i, len(children)-1)
			copy(out, children[:i])
			for _, c := range children[i+1:] {
				if !x.isExtra(c.Kind()) {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return children
}

func (x *extractor) isExtra(k syntax.Kind) bool {
	return k == x.k.comment || k == x.k.hashBang
}

// hasToken reports whether n has an anonymous child of kind tok.
func hasToken(n syntax.Node, tok syntax.Kind) bool {
	if tok == syntax.NoKind {
		return false
	}
	for _, c := range n.Children() {
		if !c.IsNamed() && c.Kind() == tok {
			return true
		}
	}
	return false
}

// resolve maps the first segment of a dotted name through the bindings
// of the enclosing scopes.
func (x *extractor) resolve(raw string) string {
	head, rest := raw, ""
	if i := strings.IndexByte(raw, '.'); i >= 0 {
		head, rest = raw[:i], raw[i:]
	}
	if target, ok := x.lookup(head); ok {
		return target + rest
	}
	return raw
}

// lookup returns what name stands for through an import binding of the
// innermost scope that binds it; ok is false when no import binds it or
// a local declaration shadows it.
func (x *extractor) lookup(name string) (string, bool) {
	for i := len(x.scopes) - 1; i >= 0; i-- {
		if target, ok := x.scopes[i][name]; ok {
			return target, target != ""
		}
	}
	return "", false
}

// bindLocal records name in the innermost function scope, mapped to
// target ("" for a plain local, which shadows an import).
func (x *extractor) bindLocal(name, target string) {
	top := len(x.scopes) - 1
	if top == 0 || name == "" {
		return
	}
	if x.scopes[top] == nil {
		x.scopes[top] = map[string]string{}
	}
	x.scopes[top][name] = target
}

// pushScope opens a function scope; the returned func closes it.
func (x *extractor) pushScope() func() {
	x.scopes = append(x.scopes, nil)
	return func() { x.scopes = x.scopes[:len(x.scopes)-1] }
}

// bindModuleImport binds the names of a module-scope import statement or
// require declaration.
func (x *extractor) bindModuleImport(n syntax.Node) {
	var imps []facts.Import
	switch n.Kind() {
	case x.k.importStmt:
		imps = x.imports(n)
	case x.k.lexicalDecl, x.k.variableDecl:
		for _, d := range x.named(n) {
			imps = append(imps, x.requireImports(d)...)
		}
	}
	for _, imp := range imps {
		if imp.Bound != "" {
			x.scopes[0][imp.Bound] = imp.Target
		}
	}
}

// imports translates an ES import statement (and TypeScript's
// `import x = require("m")`).
//
//	import x from "m"            -> {Module: "m", Name: "default", Bound: "x", Target: "m"}
//	import * as x from "m"       -> {Module: "m", Bound: "x", Target: "m"}
//	import {a, b as c} from "m"  -> {Module: "m", Name: "a", Bound: "a", Target: "m.a"}, ...
//	import "m"                   -> {Module: "m"}
//
// A default import's Target is the module itself, as `const x =
// require("m")` has it: CommonJS interop makes the two the same object
// for most packages (`express.Router`), and the distiller finds a local
// module's default through its File.Exports.
func (x *extractor) imports(n syntax.Node) []facts.Import {
	src := n.Field("source")
	var clause, require syntax.Node
	for _, c := range x.named(n) {
		switch c.Kind() {
		case x.k.importClause:
			clause = c
		case x.k.importRequireClause:
			require = c
		}
	}
	if !require.IsNull() {
		parts := x.named(require)
		if len(parts) < 2 || parts[1].Kind() != x.k.str {
			return nil
		}
		mod, level := resolveSpecifier(x.file.Path, x.stringValue(parts[1]))
		return []facts.Import{{Module: mod, Bound: x.text(parts[0]), Target: mod, Level: level, Line: n.Line()}}
	}
	if src.Kind() != x.k.str {
		return nil
	}
	mod, level := resolveSpecifier(x.file.Path, x.stringValue(src))
	if clause.IsNull() {
		return []facts.Import{{Module: mod, Level: level, Line: n.Line()}}
	}
	var out []facts.Import
	for _, c := range x.named(clause) {
		switch c.Kind() {
		case x.k.identifier:
			out = append(out, facts.Import{Module: mod, Name: "default", Bound: x.text(c), Target: mod, Level: level, Line: c.Line()})
		case x.k.namespaceImport:
			if id := x.named(c); len(id) > 0 {
				out = append(out, facts.Import{Module: mod, Bound: x.text(id[0]), Target: mod, Level: level, Line: c.Line()})
			}
		case x.k.namedImports:
			for _, spec := range x.named(c) {
				if spec.Kind() != x.k.importSpecifier {
					continue
				}
				name := x.specName(spec.Field("name"))
				bound := name
				if alias := spec.Field("alias"); !alias.IsNull() {
					bound = x.specName(alias)
				}
				out = append(out, facts.Import{Module: mod, Name: name, Bound: bound, Target: joinDotted(mod, name), Level: level, Line: spec.Line()})
			}
		}
	}
	return out
}

// specName reads the name of an import or export specifier, which may be
// a string (`import {"a-b" as c}`).
func (x *extractor) specName(n syntax.Node) string {
	if n.Kind() == x.k.str {
		return x.stringValue(n)
	}
	return x.text(n)
}

// requireImports translates a declarator that requires a module:
//
//	const x = require("m")          -> {Module: "m", Bound: "x", Target: "m"}
//	const {a, b: c} = require("m")  -> {Module: "m", Name: "a", Bound: "a", Target: "m.a"}, ...
//	const a = require("m").a        -> {Module: "m", Name: "a", Bound: "a", Target: "m.a"}
//	const {a} = m (m imported)      -> {Module: "<what m stands for>", Name: "a", Bound: "a", Target: "<m>.a"}
//
// Anything else gives none.
func (x *extractor) requireImports(d syntax.Node) []facts.Import {
	if d.Kind() != x.k.variableDeclarator {
		return nil
	}
	name, value := d.Field("name"), d.Field("value")
	member := ""
	if value.Kind() == x.k.memberExpr {
		member = x.text(value.Field("property"))
		value = value.Field("object")
	}
	var m string
	var level int
	if mod, ok := x.requireSpec(value); ok {
		m, level = resolveSpecifier(x.file.Path, mod)
	} else if m, ok = x.importedName(value); !ok || name.Kind() != x.k.objectPattern || member != "" {
		return nil
	}
	line := d.Line()
	switch name.Kind() {
	case x.k.identifier:
		if member != "" {
			return []facts.Import{{Module: m, Name: member, Bound: x.text(name), Target: joinDotted(m, member), Level: level, Line: line}}
		}
		return []facts.Import{{Module: m, Bound: x.text(name), Target: m, Level: level, Line: line}}
	case x.k.objectPattern:
		if member != "" {
			m = joinDotted(m, member)
		}
		var out []facts.Import
		for _, p := range x.named(name) {
			var prop, bound string
			switch p.Kind() {
			case x.k.shorthandPropPattern:
				prop, bound = x.text(p), x.text(p)
			case x.k.pairPattern:
				if v := p.Field("value"); v.Kind() == x.k.identifier {
					prop, bound = x.propertyName(p.Field("key")), x.text(v)
				}
			}
			if prop != "" {
				out = append(out, facts.Import{Module: m, Name: prop, Bound: bound, Target: joinDotted(m, prop), Level: level, Line: line})
			}
		}
		return out
	}
	return nil
}

// importedName reports whether n is a name bound by an import (and not
// shadowed) and returns what it stands for: `const {Schema} = mongoose`
// imports mongoose.Schema as surely as `import {Schema} from "mongoose"`.
func (x *extractor) importedName(n syntax.Node) (string, bool) {
	if n.Kind() != x.k.identifier {
		return "", false
	}
	return x.lookup(x.text(n))
}

// requireSpec reports whether n is `require("literal")` and returns the
// specifier.
func (x *extractor) requireSpec(n syntax.Node) (string, bool) {
	if n.Kind() == x.k.awaitExpr {
		return "", false
	}
	if n.Kind() != x.k.callExpr || n.Field("function").Kind() != x.k.identifier || string(n.Field("function").Bytes()) != "require" {
		return "", false
	}
	args := x.named(n.Field("arguments"))
	if len(args) != 1 || args[0].Kind() != x.k.str {
		return "", false
	}
	return x.stringValue(args[0]), true
}

// propertyName reads an object key: an identifier, a string or a number
// as written; "" for a computed key.
func (x *extractor) propertyName(n syntax.Node) string {
	switch n.Kind() {
	case x.k.str:
		return x.stringValue(n)
	case x.k.computedPropertyName:
		return ""
	}
	return x.text(n)
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

// anonymous names an anonymous function by its line, so that two
// callbacks of one scope get different qualified names.
func anonymous(line int) string { return "<anonymous:" + strconv.Itoa(line) + ">" }

// shadow records that name is a local of the innermost function scope,
// so it no longer resolves through an outer import.
func (x *extractor) shadow(name string) { x.bindLocal(name, "") }
