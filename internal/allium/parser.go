package allium

import (
	"regexp"
	"strconv"
	"strings"
)

// Syntax diagnostic codes. Every diagnostic the parser reports is an error.
const (
	CodeSyntax  = "P001" // unexpected or missing token
	CodeLex     = "P002" // malformed token: unterminated string, stray character
	CodeIndent  = "P003" // tabs or inconsistent indentation
	CodeVersion = "P004" // missing or unsupported "-- allium: N" marker
	CodeDepth   = "P005" // nesting deeper than the parser accepts
	CodeTooMany = "P006" // the parser gave up after too many errors
)

const (
	// maxDiagnostics caps the diagnostics of one file; past it the parser stops.
	maxDiagnostics = 100
	// maxDepth bounds the nesting of expressions and blocks, so that hostile
	// input cannot exhaust the stack.
	maxDepth = 200
	// supportedVersion is the Allium language version this parser reads.
	supportedVersion = 3
)

// bailout unwinds the parser from an error to the nearest recovery point.
type bailout struct{}

type parser struct {
	file  string
	toks  []token
	lines []lineInfo
	pos   int
	tok   token

	// limit: a token that starts a line indented at most limit columns ends
	// the current clause (it belongs to the next one). Deeper lines continue
	// the clause, which is how multi-line expressions are written.
	limit int
	// nest counts open (), [] and {} inside an expression; line structure
	// does not count inside them.
	nest  int
	depth int
	// clauseStart is the index of the current clause's first token.
	clauseStart int

	diags   Diagnostics
	stopped bool // too many diagnostics: unwind to Parse

	commentCursor int // first line whose comments may still be unclaimed
	versionLine   int // the line of the "-- allium: N" marker, 0 if none
	// firstItem is set while the first item of a block is parsed: a blank
	// line before it separates it from nothing, so it does not count.
	firstItem bool
}

// Parse reads one .allium file. It always returns a module, partial when the
// text has errors, together with the syntax diagnostics (sorted by position).
func Parse(filename string, src []byte) (*Module, Diagnostics) {
	p := newParser(filename, src)
	m := &Module{}
	func() {
		defer p.recoverStop()
		p.module(m)
	}()
	p.diags.Sort()
	return m, p.diags
}

// ParseExpr parses one expression written on one or more lines.
func ParseExpr(src string) (Expr, error) {
	p := newParser("<expr>", []byte(src))
	p.limit = -1
	var x Expr
	func() {
		defer p.recoverStop()
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(bailout); !ok {
					panic(r)
				}
				x = nil
			}
		}()
		x = p.expr()
		if p.tok.kind != tEOF {
			p.fail(p.tok.pos, CodeSyntax, "unexpected "+p.describe()+" after expression")
		}
	}()
	if err := p.diags.Err(); err != nil {
		return x, err
	}
	return x, nil
}

func newParser(filename string, src []byte) *parser {
	p := &parser{file: filename, commentCursor: 1}
	lx := lex(src, func(pos Pos, code, msg string) { p.report(pos, code, msg) })
	p.toks, p.lines = lx.toks, lx.lines
	p.tok = p.toks[0]
	p.dropBanners()
	return p
}

// recoverStop absorbs the bailout raised when the diagnostic cap is reached.
func (p *parser) recoverStop() {
	if r := recover(); r != nil {
		if _, ok := r.(bailout); !ok {
			panic(r)
		}
	}
}

// ---- diagnostics ----

func (p *parser) report(pos Pos, code, msg string) {
	if p.stopped {
		return
	}
	if pos.Line < 1 {
		pos.Line = 1
	}
	if pos.Col < 1 {
		pos.Col = 1
	}
	if code == CodeSyntax {
		// One syntax error per line: later ones on the same line are
		// usually consequences of the first.
		for _, d := range p.diags {
			if d.Line == pos.Line {
				return
			}
		}
	}
	if len(p.diags) >= maxDiagnostics-1 {
		p.diags = append(p.diags, Diagnostic{Code: CodeTooMany, Severity: SeverityError, File: p.file,
			Line: pos.Line, Col: pos.Col, Msg: "too many errors; parsing stopped"})
		p.stopped = true
		return
	}
	p.diags = append(p.diags, Diagnostic{Code: code, Severity: SeverityError, File: p.file,
		Line: pos.Line, Col: pos.Col, Msg: msg})
}

// fail reports an error and unwinds to the nearest recovery point.
func (p *parser) fail(pos Pos, code, msg string) {
	p.report(pos, code, msg)
	panic(bailout{})
}

// failHere reports "expected X, found <current token>".
// When the clause has ended, the error is placed just after the last token
// of the clause, where the missing text belongs.
func (p *parser) failHere(expected string) {
	p.fail(p.here(), CodeSyntax, "expected "+expected+", found "+p.describe())
}

// here is the position of the current token, or the end of the previous
// token when the current clause has ended.
func (p *parser) here() Pos {
	if p.atEnd() && p.pos > 0 {
		prev := p.toks[p.pos-1]
		return Pos{Line: prev.pos.Line, Col: prev.end}
	}
	return p.tok.pos
}

// describe names the current token for a message.
func (p *parser) describe() string {
	t := p.tok
	if t.kind == tEOF {
		return "end of file"
	}
	if p.atEnd() {
		return "end of line"
	}
	return describeToken(t)
}

func describeToken(t token) string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tString:
		return "string " + QuoteString(t.text)
	case tNumber:
		return "number " + t.text
	case tBacktick:
		return "`" + t.text + "`"
	case tAnnot:
		return "\"@" + t.text + "\""
	}
	return strconv.Quote(t.text)
}

// ---- token access ----

func (p *parser) next() {
	if p.pos < len(p.toks)-1 {
		p.pos++
	}
	p.tok = p.toks[p.pos]
}

// atEnd reports whether the current clause has ended: end of file, or a
// token that starts a line at or left of the clause's indentation.
func (p *parser) atEnd() bool { return p.endsClause(p.pos) }

// endsClause reports whether the token at index i ends the current clause.
// The clause's own first token never does.
func (p *parser) endsClause(i int) bool {
	t := p.toks[i]
	if t.kind == tEOF {
		return true
	}
	if !t.first || i == p.clauseStart {
		return false
	}
	if p.nest == 0 {
		return t.indent <= p.limit
	}
	// Inside brackets line breaks are free, but only a closing bracket may
	// come back to the clause's own indentation.
	if t.indent <= p.limit && !(t.kind == tPunct && (t.text == ")" || t.text == "]" || t.text == "}")) {
		return true
	}
	// Inside brackets line breaks are free, but a declaration keyword at the
	// start of a line means a bracket was never closed.
	return t.indent == 0 && isTopStart(t)
}

// peek returns the token n places ahead and whether it still belongs to the
// current clause.
func (p *parser) peek(n int) (token, bool) {
	i := p.pos + n
	if i >= len(p.toks) {
		i = len(p.toks) - 1
	}
	t := p.toks[i]
	for k := p.pos + 1; k <= i; k++ {
		if p.endsClause(k) {
			return t, false
		}
	}
	return t, true
}

func (p *parser) peekP(n int, text string) bool {
	t, ok := p.peek(n)
	return ok && t.kind == tPunct && t.text == text
}

func (p *parser) peekIdent(n int) bool {
	t, ok := p.peek(n)
	return ok && t.kind == tIdent
}

func (p *parser) isP(text string) bool {
	return p.tok.kind == tPunct && p.tok.text == text && !p.atEnd()
}

func (p *parser) isKw(text string) bool {
	return p.tok.kind == tIdent && p.tok.text == text && !p.atEnd()
}

func (p *parser) isIdent() bool { return p.tok.kind == tIdent && !p.atEnd() }

func (p *parser) expectP(text, context string) token {
	if !p.isP(text) {
		p.failHere(strconv.Quote(text) + context)
	}
	t := p.tok
	p.next()
	return t
}

func (p *parser) expectKw(text, context string) {
	if !p.isKw(text) {
		p.failHere(strconv.Quote(text) + context)
	}
	p.next()
}

// expectIdent consumes a name; what describes it for the message.
func (p *parser) expectIdent(what string) token {
	if !p.isIdent() {
		p.failHere(what)
	}
	t := p.tok
	p.next()
	return t
}

// withLimit runs fn with the clause limit set to indent.
func (p *parser) withLimit(indent int, fn func()) {
	saved, savedStart := p.limit, p.clauseStart
	p.limit, p.clauseStart = indent, p.pos
	defer func() { p.limit, p.clauseStart = saved, savedStart }()
	fn()
}

func (p *parser) enter(pos Pos) {
	p.depth++
	if p.depth > maxDepth {
		p.fail(pos, CodeDepth, "nesting too deep (more than "+strconv.Itoa(maxDepth)+" levels)")
	}
}

func (p *parser) leave() { p.depth-- }

// ---- recovery ----

// guard runs fn; when fn bails out after an error it skips to the next line
// indented at most indent columns (or to a closing brace) so that parsing
// continues with the next clause.
func (p *parser) guard(indent int, fn func()) {
	start := p.pos
	savedNest, savedLimit, savedDepth, savedStart := p.nest, p.limit, p.depth, p.clauseStart
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, ok := r.(bailout); !ok || p.stopped {
			panic(r)
		}
		p.nest, p.limit, p.depth, p.clauseStart = savedNest, savedLimit, savedDepth, savedStart
		p.sync(indent, start)
	}()
	fn()
}

// sync skips tokens until one starts a line indented at most indent columns,
// or a closing brace that no skipped brace opened. It always makes progress.
func (p *parser) sync(indent, start int) {
	if p.pos > start && p.tok.first && p.tok.indent <= indent {
		return
	}
	braces := 0
	for p.tok.kind != tEOF {
		if p.tok.kind == tPunct {
			switch p.tok.text {
			case "{":
				braces++
			case "}":
				if braces == 0 && p.pos > start {
					return
				}
				braces--
			}
		}
		p.next()
		if p.tok.first && p.tok.indent <= indent {
			return
		}
	}
}

// syncTop skips to the next line that starts a top-level declaration.
func (p *parser) syncTop() {
	p.next()
	for p.tok.kind != tEOF && !(p.tok.first && p.tok.indent == 0 && isTopStart(p.tok)) {
		p.next()
	}
}

// endLine requires the current clause to be over: its line ends here, or a
// brace or comma closes the single-line body it is in.
func (p *parser) endLine(after string) {
	if p.atEnd() || p.tok.first || p.isP("}") || p.isP(",") {
		return
	}
	p.failHere("end of line after " + after)
}

var topKeywords = map[string]bool{
	"use": true, "given": true, "external": true, "value": true, "contract": true, "enum": true,
	"entity": true, "variant": true, "config": true, "default": true, "rule": true, "invariant": true,
	"actor": true, "surface": true, "deferred": true, "open": true,
}

func isTopStart(t token) bool {
	return t.kind == tIdent && (topKeywords[t.text] || strings.HasSuffix(t.text, "/config"))
}

// ---- comments ----

// Section titles of the reference's "File structure", with the boilerplate
// line the reference writes under each. Banners and these lines are layout,
// not documentation: the printer writes them itself.
var sectionBoilerplate = map[string]string{
	"Given":                   "Entity instances this module operates on (optional)",
	"External Entities":       "Entities managed outside this specification",
	"Value Types":             "Structured data without identity (optional section)",
	"Contracts":               "Reusable obligation contracts referenced by surfaces",
	"Enumerations":            "Named enumerations shared across entities (optional section)",
	"Entities and Variants":   "Entities managed by this specification, plus their variants",
	"Config":                  "Configurable parameters for this specification",
	"Defaults":                "Default entity instances",
	"Rules":                   "Behavioural rules organised by flow",
	"Invariants":              "System-wide and entity-level property assertions",
	"Actor Declarations":      "Entity types that can interact with surfaces",
	"Surfaces":                "Boundary contracts between parties",
	"Deferred Specifications": "References to detailed specs defined elsewhere",
	"Open Questions":          "Unresolved design decisions",
}

func isDashLine(li lineInfo) bool {
	if li.kind != lineComment || li.indent != 0 {
		return false
	}
	s := strings.TrimSpace(li.comment)
	return len(s) >= 2 && strings.Trim(s, "-") == ""
}

// dropBanners marks section banners (dashes, "-- Title", dashes) and the
// boilerplate line under them as used, so they never become documentation.
//
// Only a run laid out as a banner is one: at column 0, with a blank line
// (or the start of the file) above it and a blank line below it. The printer
// writes its banners so, and so does the reference; comments that merely
// read like a banner are kept. A doc comment is written directly above its
// construct and the header directly under the version marker, so neither
// can be taken for a banner; a trailer ends the file, so a blank line at the
// very end (the empty text after the last newline) does not count. In the
// same way the boilerplate line is one only when a blank line or the end of
// the file follows it, never when a construct does.
func (p *parser) dropBanners() {
	ls := p.lines
	blankAt := func(j int) bool { return j < len(ls)-1 && ls[j].kind == lineBlank }
	for i := 1; i+2 < len(ls); i++ {
		if !isDashLine(ls[i]) || !isDashLine(ls[i+2]) || ls[i+1].kind != lineComment || ls[i+1].indent != 0 {
			continue
		}
		if i > 1 && ls[i-1].kind != lineBlank {
			continue
		}
		if !blankAt(i + 3) {
			continue
		}
		desc, ok := sectionBoilerplate[strings.TrimSpace(ls[i+1].comment)]
		if !ok {
			continue
		}
		ls[i].used, ls[i+1].used, ls[i+2].used = true, true, true
		j := i + 3
		for j < len(ls) && ls[j].kind == lineBlank {
			j++
		}
		if j < len(ls) && ls[j].kind == lineComment && strings.TrimSpace(ls[j].comment) == desc &&
			(j+1 >= len(ls)-1 || ls[j+1].kind == lineBlank) {
			ls[j].used = true
		}
		i += 2
	}
}

var provenanceRE = regexp.MustCompile(`^source: (\S+):([0-9]+)$`)

// meta builds the Meta of a construct starting at t: the unclaimed comments
// above it become Doc (a "source:" line becomes Prov), a trailing comment on
// its line becomes Comment, and a blank line above it sets Blank.
func (p *parser) meta(t token) Meta {
	m := Meta{Pos: t.pos}
	line := t.pos.Line
	if line >= len(p.lines) {
		line = len(p.lines)
	}
	for j := line - 1; j >= 1 && j >= p.commentCursor; j-- {
		li := p.lines[j]
		if li.kind == lineBlank {
			m.Blank = true
			break
		}
		if li.kind == lineCode || li.used {
			break
		}
	}
	for j := p.commentCursor; j < line; j++ {
		li := &p.lines[j]
		if !li.hasComment || li.used {
			continue
		}
		li.used = true
		if li.kind == lineComment {
			if sm := provenanceRE.FindStringSubmatch(strings.TrimSpace(li.comment)); sm != nil {
				n, err := strconv.Atoi(sm[2])
				if err == nil && n > 0 {
					m.Prov = &Provenance{File: sm[1], Line: n}
					continue
				}
			}
		}
		m.Doc = append(m.Doc, li.comment)
	}
	if line > p.commentCursor {
		p.commentCursor = line
	}
	if c, ok := p.trailing(line); ok {
		m.Comment = c
	}
	if p.firstItem {
		m.Blank = false
		p.firstItem = false
	}
	return m
}

// topMeta is meta for a top-level declaration: the printer separates those
// itself, so Blank is not recorded.
func (p *parser) topMeta(t token) Meta {
	m := p.meta(t)
	m.Blank = false
	return m
}

// trailing claims the trailing comment of a code line.
func (p *parser) trailing(line int) (string, bool) {
	if line < 1 || line >= len(p.lines) {
		return "", false
	}
	li := &p.lines[line]
	if li.kind != lineCode || !li.hasComment || li.used {
		return "", false
	}
	li.used = true
	return li.comment, true
}

// restComments returns the unclaimed comments from the cursor on.
func (p *parser) restComments(before int) []string {
	var out []string
	for j := p.commentCursor; j < len(p.lines) && j < before; j++ {
		li := &p.lines[j]
		if li.hasComment && !li.used {
			li.used = true
			out = append(out, li.comment)
		}
	}
	if before > p.commentCursor {
		p.commentCursor = before
	}
	return out
}

// ---- module ----

var versionRE = regexp.MustCompile(`^allium:\s*([0-9]+)(\s.*)?$`)

func (p *parser) version(m *Module) {
	for j := 1; j < len(p.lines); j++ {
		li := &p.lines[j]
		if li.kind == lineBlank {
			continue
		}
		if li.kind == lineComment {
			if sm := versionRE.FindStringSubmatch(strings.TrimSpace(li.comment)); sm != nil {
				li.used = true
				p.versionLine = j
				n, err := strconv.Atoi(sm[1])
				if err != nil || n != supportedVersion {
					p.report(Pos{Line: j, Col: 1}, CodeVersion, "unsupported Allium version "+sm[1]+
						`; this parser reads version 3 ("-- allium: 3")`)
				}
				if err == nil {
					m.Version = n
				}
				return
			}
		}
		break
	}
	p.report(Pos{Line: 1, Col: 1}, CodeVersion, `missing version marker: the file must begin with "-- allium: 3"`)
}

func (p *parser) module(m *Module) {
	p.version(m)
	p.header(m)
	for p.tok.kind != tEOF {
		p.topDecl(m)
	}
	m.Trailer = append(m.Trailer, p.restComments(len(p.lines))...)
}

// header takes the comments between the version marker and the first
// declaration that are not directly above that declaration. In a file
// without declarations it takes the comment lines directly under the
// marker, and the rest is the trailer: the printer writes the header
// there and the trailer after a blank line.
func (p *parser) header(m *Module) {
	first := p.tok.pos.Line
	j := first - 1
	if p.tok.kind == tEOF {
		j = len(p.lines) - 1
		if p.versionLine > 0 {
			j = p.versionLine
			for j+1 < len(p.lines) && p.lines[j+1].kind == lineComment {
				j++
			}
		}
	} else {
		for j >= 1 && p.lines[j].kind == lineComment && !p.lines[j].used {
			j--
		}
	}
	m.Header = p.restComments(j + 1)
}

func (p *parser) topDecl(m *Module) {
	t := p.tok
	start := p.pos
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, ok := r.(bailout); !ok || p.stopped {
			panic(r)
		}
		p.nest, p.depth, p.firstItem = 0, 0, false
		if p.pos != start && p.tok.first && p.tok.indent == 0 && isTopStart(p.tok) {
			return
		}
		p.syncTop()
	}()
	if t.kind != tEOF && (!t.first || t.indent != 0) {
		p.report(t.pos, CodeIndent, "declaration must start at the beginning of a line, found "+describeToken(t)+" indented")
	}
	p.limit = t.indent
	p.clauseStart = p.pos
	p.nest = 0
	if t.kind != tIdent {
		p.fail(t.pos, CodeSyntax, "expected a declaration (entity, rule, surface, ...), found "+describeToken(t))
	}
	switch t.text {
	case "use":
		m.Uses = append(m.Uses, p.useDecl())
	case "given":
		m.Given = append(m.Given, p.givenDecl()...)
	case "external":
		e := p.entityDecl(true)
		m.Externals = append(m.Externals, e)
	case "entity":
		m.Entities = append(m.Entities, p.entityDecl(false))
	case "value":
		m.Values = append(m.Values, p.valueDecl())
	case "variant":
		m.Variants = append(m.Variants, p.variantDecl())
	case "enum":
		m.Enums = append(m.Enums, p.enumDecl())
	case "contract":
		m.Contracts = append(m.Contracts, p.contractDecl())
	case "config":
		m.Config = append(m.Config, p.configDecl()...)
	case "default":
		m.Defaults = append(m.Defaults, p.defaultDecl())
	case "rule":
		m.Rules = append(m.Rules, p.ruleDecl())
	case "invariant":
		m.Invariants = append(m.Invariants, p.invariantDecl())
	case "actor":
		m.Actors = append(m.Actors, p.actorDecl())
	case "surface":
		m.Surfaces = append(m.Surfaces, p.surfaceDecl())
	case "deferred":
		m.Deferred = append(m.Deferred, p.deferredDecl())
	case "open":
		m.OpenQuestions = append(m.OpenQuestions, p.openQuestionDecl())
	default:
		if strings.HasSuffix(t.text, "/config") {
			m.ConfigOverrides = append(m.ConfigOverrides, p.configOverrideDecl())
			break
		}
		p.fail(t.pos, CodeSyntax, "expected a declaration (entity, rule, surface, ...), found "+describeToken(t))
	}
	p.endDecl(t)
}

// endDecl requires a declaration to end its line.
func (p *parser) endDecl(start token) {
	if p.tok.kind == tEOF || p.tok.first {
		return
	}
	p.fail(p.tok.pos, CodeSyntax, "expected end of line after "+start.text+" declaration, found "+describeToken(p.tok))
}

// braced parses "{ items }" opened after a declaration head that starts at
// head. Items sit on their own lines (multi-line form) or are separated by
// commas (single-line form); item parses one and must leave the parser at the
// item's end.
func (p *parser) braced(what string, head token, item func()) {
	open := p.expectP("{", " to open "+what)
	p.nest = 0
	first := true
	defer func() { p.firstItem = false }()
	for {
		t := p.tok
		switch {
		case t.kind == tEOF:
			p.report(t.pos, CodeSyntax, `expected "}" to close `+what+" opened at line "+strconv.Itoa(open.pos.Line)+", found end of file")
			return
		case t.kind == tPunct && t.text == "}":
			p.next()
			return
		case t.first && t.indent <= head.indent:
			p.report(t.pos, CodeSyntax, `expected "}" to close `+what+" opened at line "+strconv.Itoa(open.pos.Line)+", found "+describeToken(t))
			return
		case t.kind == tPunct && t.text == "," && !t.first:
			p.next()
			continue
		}
		start := p.pos
		indent := t.indent
		p.firstItem = first
		first = false
		p.guard(indent, func() {
			p.withLimit(indent, func() {
				item()
				p.endLine(what + " item")
			})
		})
		if p.pos == start {
			p.next()
		}
	}
}

// block parses the indented lines after a clause ending in ":" on a line
// indented parent columns. item parses one line (with its continuations).
func (p *parser) block(parent int, what string, item func()) {
	t := p.tok
	if t.kind == tEOF || !t.first || t.indent <= parent || (t.kind == tPunct && t.text == "}") {
		p.failHere("an indented block after " + what)
	}
	p.enter(t.pos)
	defer p.leave()
	body := t.indent
	first := true
	defer func() { p.firstItem = false }()
	for p.tok.kind != tEOF && p.tok.first {
		t := p.tok
		if t.kind == tPunct && t.text == "}" {
			return
		}
		if t.indent < body {
			if t.indent > parent {
				p.report(t.pos, CodeIndent, "inconsistent indentation: this line is indented "+strconv.Itoa(t.indent)+
					" columns but the block after "+what+" is indented "+strconv.Itoa(body))
			} else {
				return
			}
		} else if t.indent > body {
			p.report(t.pos, CodeIndent, "unexpected indentation: expected "+strconv.Itoa(body)+" columns as in the block after "+what+", found "+strconv.Itoa(t.indent))
		}
		start := p.pos
		p.firstItem = first
		first = false
		p.guard(t.indent, func() {
			p.withLimit(t.indent, func() {
				item()
				p.endLine(what + " item")
			})
		})
		if p.pos == start {
			p.next()
		}
	}
}

// colonBody parses what follows a "clause:" on a line indented parent
// columns: an indented block of items, or one item on the same line.
func (p *parser) colonBody(parent int, what string, item func()) {
	if p.tok.kind != tEOF && p.tok.first {
		p.block(parent, what, item)
		return
	}
	if p.atEnd() {
		p.failHere("an indented block after " + what)
	}
	// An item on the header's own line is the block's first: a blank line
	// above the header is not one above the item.
	p.firstItem = true
	defer func() { p.firstItem = false }()
	item()
}

func isPascal(name string) bool {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name != "" && 'A' <= name[0] && name[0] <= 'Z'
}
