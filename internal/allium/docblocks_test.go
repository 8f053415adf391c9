package allium

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// This file turns the fenced code blocks of the Allium documentation into
// checkable specs for the conformance tests. The documents tag almost none of
// their blocks, so what is Allium is decided from the text itself, and the
// many fragments (a lone `ensures:`, a list of fields, a few expressions) are
// completed into modules by wrapping, never by editing the documents.

// docBlock is one fenced block of a markdown document.
type docBlock struct {
	Doc  string // the document's base name
	Line int    // 1-based line of the opening fence
	Lang string // the fence's info string, "" when untagged
	Text string // the content, dedented
}

// fenceRE matches an opening or closing fence: up to three spaces of indent,
// then ``` or ~~~ and an optional info string.
var fenceRE = regexp.MustCompile("^ {0,3}(```+|~~~+)\\s*([^`\\s]*)")

// extractDocBlocks returns the fenced blocks of a markdown text in order. A
// fence closes only with the same marker character it opened with, so a ~~~
// block can show ``` lines.
func extractDocBlocks(doc, text string) []docBlock {
	var out []docBlock
	var cur *docBlock
	var marker string
	var body []string
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		m := fenceRE.FindStringSubmatch(line)
		switch {
		case cur == nil && m != nil:
			cur = &docBlock{Doc: doc, Line: i + 1, Lang: strings.ToLower(m[2])}
			marker = m[1]
			body = nil
		case cur != nil && m != nil && m[2] == "" && strings.HasPrefix(m[1], marker[:1]) && len(m[1]) >= len(marker):
			cur.Text = dedent(body)
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			body = append(body, line)
		}
	}
	return out
}

// dedent removes the indentation common to every non-blank line, so a block
// that shows the inside of a surface ("    timeout:") starts at column 0.
func dedent(lines []string) string {
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if common < 0 || n < common {
			common = n
		}
	}
	var b strings.Builder
	for _, l := range lines {
		if len(l) >= common && common > 0 {
			l = l[common:]
		}
		b.WriteString(strings.TrimRight(l, " \t"))
		b.WriteByte('\n')
	}
	return b.String()
}

// docSegment is the unit the conformance tests check: a whole block, or one
// side of a block that contrasts a bad example with a good one.
type docSegment struct {
	Block docBlock
	Part  int    // 1-based index within the block (1 when not split)
	Label string // the marker that opened the segment ("Bad", "Good", ...), or ""
	// Negative marks a segment the document presents as wrong ("-- Bad",
	// "-- Error: ...", "-- WRONG"): a checker may well reject it.
	Negative bool
	Text     string
}

// Name identifies the segment in tables: doc.md:LINE or doc.md:LINE#PART.
func (s docSegment) Name() string {
	if s.Part > 1 || s.Label != "" {
		return fmt.Sprintf("%s:%d#%d", s.Block.Doc, s.Block.Line, s.Part)
	}
	return fmt.Sprintf("%s:%d", s.Block.Doc, s.Block.Line)
}

// segmentMarkerRE matches a column-0 comment that opens one side of a
// contrast, as the reference writes them: "-- Bad", "-- Good: ...",
// "-- Error: ...", "-- Fix: ...", "-- Valid: ...", "-- TOO DETAILED ...".
var segmentMarkerRE = regexp.MustCompile(`^--\s*(Bad|BAD|Good|Also good|Error|Fix|Valid|WRONG|TOO DETAILED)\b`)

// negativeLabels are the markers of examples shown as wrong.
var negativeLabels = map[string]bool{"Bad": true, "BAD": true, "Error": true, "WRONG": true, "TOO DETAILED": true}

// splitSegments splits a block at contrast markers. Two sides of a contrast
// often declare the same rule twice, so checking them as one file would
// report a duplicate that the document never meant.
func splitSegments(b docBlock) []docSegment {
	var out []docSegment
	cur := docSegment{Block: b}
	flush := func() {
		if strings.TrimSpace(cur.Text) != "" {
			cur.Part = len(out) + 1
			out = append(out, cur)
		}
	}
	for _, line := range strings.SplitAfter(b.Text, "\n") {
		if m := segmentMarkerRE.FindStringSubmatch(line); m != nil && hasCode(cur.Text) {
			flush()
			cur = docSegment{Block: b, Label: m[1], Negative: negativeLabels[m[1]]}
		} else if m != nil && cur.Label == "" {
			cur.Label, cur.Negative = m[1], negativeLabels[m[1]]
		}
		cur.Text += line
	}
	flush()
	if len(out) == 1 && out[0].Label == "" {
		out[0].Part = 1
	}
	return out
}

// hasCode reports whether a text has a line that is neither blank nor a
// comment.
func hasCode(text string) bool {
	for _, l := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "--") {
			return true
		}
	}
	return false
}

// Kinds of text a segment can hold.
const (
	textAllium = "allium"
	textProse  = "prose"
	textPython = "python"
	textTS     = "typescript"
	textShell  = "shell"
	textOther  = "other" // tagged with a language we do not sniff
)

// foreignMarkers are line shapes that Allium never has. Each names the kind
// of text it betrays; the first match decides.
var foreignMarkers = []struct {
	kind string
	re   *regexp.Regexp
}{
	// Python: statements Allium has no keyword for, decorators with a dotted
	// or called name (Allium's annotations are @guidance, @invariant Name,
	// @guarantee Name), hash comments, dict literals.
	{textPython, regexp.MustCompile(`^\s*(def|class|import|from|return|raise|try|except|pass|elif|with|async def|yield)\b`)},
	{textPython, regexp.MustCompile(`^\s*@[A-Za-z_][\w.]*(\(|\.)`)},
	{textPython, regexp.MustCompile(`^\s*#`)},
	{textPython, regexp.MustCompile(`^\s*['"][^'"]*['"]\s*:`)},
	// TypeScript and other C-like languages: declarations, line comments,
	// statements ending in semicolons, arrow functions with a block body.
	{textTS, regexp.MustCompile(`^\s*(const|var|function|export|interface|public|private|protected|async|await|type\s+\w+\s*=)\b`)},
	{textTS, regexp.MustCompile(`^\s*//`)},
	{textTS, regexp.MustCompile(`;\s*$`)},
	{textTS, regexp.MustCompile(`=>\s*\{\s*$`)},
	// Shell: a prompt, or a line that starts with a common command and a
	// flag or path argument.
	{textShell, regexp.MustCompile(`^\s*\$ `)},
	{textShell, regexp.MustCompile(`^\s*(sudo|cd|make|go|npm|npx|pip|curl|git|export|echo|cat|ls|mkdir|cargo|allium|distill)\s+[-./\w]`)},
	// Prose: bullet lists and capitalised headings ending in a colon
	// ("Entry points:", "Models:"). Allium members are snake_case.
	{textProse, regexp.MustCompile(`^\s*[-*+] \S`)},
	{textProse, regexp.MustCompile(`^[A-Z][A-Za-z]*( [A-Za-z]+)*:\s*$`)},
	{textProse, regexp.MustCompile(`^[A-Z][a-z]+ [a-z]+ [a-z]+ [a-z]+`)},
}

// alliumLineRE matches line shapes that are typical of Allium: declaration
// and clause keywords, members (name: ...), member access chains, calls and
// comparisons of snake_case names, closing braces.
var alliumLineRE = regexp.MustCompile(`^\s*(` +
	`(external\s+)?entity\b|value\b|variant\b|enum\b|rule\b|config\b|given\b|use\s+"|surface\b|actor\b|contract\b|invariant\b|default\b|deferred\b|open\s+question\b|module\b|` +
	`[a-z_][\w-]*/config\b|` +
	`(when|requires|ensures|exposes|provides|related|timeout|contracts|identified_by|within|terminal)\s*:|` +
	`let\s+\w+\s*=|for\s+\w+\s+in\b|if\b|else\b|not\b|exists\b|facing\b|context\b|transitions\b|demands\b|fulfils\b|` +
	`@(guidance|invariant|guarantee)\b|` +
	`[a-z_]\w*(\([\w, ]*\))?\??\s*:|` +
	`[a-z_]\w*\??\.[a-z_]|` +
	`[a-z_]\w*\s*(=|!=|<=|>=|<|>|\+|-|\*|/|in|not in|\?\?)\s|` +
	`[a-z_]\w*\(|` +
	`[A-Z]\w*(\(|\.|\{|\s+where\b|\s+when\b|\s*$)|` +
	`[a-z_]\w*\s*(->|\|)|` +
	`[})\]]|\.\.\.|this\b)`)

// classifyText tells Allium from other text. Tagged blocks trust their tag;
// untagged ones are Allium when no line has a foreign shape and most code
// lines have an Allium one (comment-only text, written with Allium's "--",
// counts as Allium).
func classifyText(lang, text string) string {
	switch lang {
	case "", "allium":
	case "python", "py":
		return textPython
	case "typescript", "ts", "javascript", "js":
		return textTS
	case "sh", "bash", "shell", "console":
		return textShell
	case "text", "txt", "markdown", "md":
		return textProse
	default:
		return textOther
	}
	code, allium := 0, 0
	for _, l := range strings.Split(text, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		if lang == "" {
			for _, fm := range foreignMarkers {
				if fm.re.MatchString(l) {
					return fm.kind
				}
			}
		}
		code++
		if alliumLineRE.MatchString(l) {
			allium++
		}
	}
	if lang == "allium" || code == 0 || allium*4 >= code*3 {
		return textAllium
	}
	return textProse
}

// Unit kinds: the top-level pieces a fragment is made of.
const (
	unitDecl    = iota // a declaration, kept as written
	unitMember         // an entity member, wrapped in an entity
	unitClause         // a rule clause, wrapped in a rule
	unitSurface        // a surface clause, wrapped in a surface
	unitExpr           // a bare expression, wrapped as a requires clause
)

var (
	declStartRE    = regexp.MustCompile(`^((external\s+)?entity|value|variant|enum|rule|config|given|use|surface|actor|contract|invariant|default|deferred|open\s+question|module)\b|^[a-z_][\w-]*/config\s*\{`)
	clauseStartRE  = regexp.MustCompile(`^((when|requires|ensures)\s*:|let\s+\w+\s*=|for\s+\S+\s+in\s|if\s|else\b|@guidance\b)`)
	surfaceStartRE = regexp.MustCompile(`^((facing|context)\s+\w+\s*:|(exposes|provides|related|timeout|contracts)\s*:)`)
	memberStartRE  = regexp.MustCompile(`^([a-z_]\w*(\([\w, ]*\))?\s*:\s*\S|transitions\s+\w+\s*\{)`)
	versionLineRE  = regexp.MustCompile(`^--\s*allium:\s*\d+\s*$`)
)

type fragUnit struct {
	kind  int
	lines []string // first line at column 0, continuation lines as written
}

// splitUnits cuts a segment into top-level units: a line at column 0 and the
// indented (or closing-brace) lines after it. Comments directly above a unit
// travel with it.
func splitUnits(text string) []fragUnit {
	var units []fragUnit
	var pending []string // comments and blanks not yet attached
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		t := strings.TrimSpace(l)
		indented := strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")
		closing := t == "}" || t == ")" || strings.HasPrefix(t, "}")
		switch {
		case t == "" || (strings.HasPrefix(t, "--") && !indented):
			pending = append(pending, l)
		case (indented || closing) && len(units) > 0:
			u := &units[len(units)-1]
			u.lines = append(u.lines, pending...)
			u.lines = append(u.lines, l)
			pending = nil
		default:
			u := fragUnit{lines: append(pending, l)}
			pending = nil
			switch {
			case declStartRE.MatchString(t):
				u.kind = unitDecl
			case clauseStartRE.MatchString(t):
				u.kind = unitClause
			case surfaceStartRE.MatchString(t):
				u.kind = unitSurface
			case memberStartRE.MatchString(t):
				u.kind = unitMember
			default:
				u.kind = unitExpr
			}
			units = append(units, u)
		}
	}
	return units
}

var (
	stringLitRE = regexp.MustCompile(`"(\\.|[^"\\])*"|` + "`[^`]*`")
	commentRE   = regexp.MustCompile(`--.*$`)
	// rootRE finds the root of a member chain (x.y, x?.y) that is not itself
	// behind a dot, a slash (alias/config) or a digit (7.days).
	rootRE = regexp.MustCompile(`(^|[^\w./?])([a-z_][a-z0-9_]*)\??\.[a-z_]`)
	// operandRE finds names tested for existence or membership.
	operandRE = regexp.MustCompile(`\b(?:exists\s+([a-z_]\w*)\b|([a-z_]\w*)\s+(?:not\s+)?in\s)`)
	boundRE   = regexp.MustCompile(`\blet\s+([a-z_]\w*)|\bfor\s+([a-z_]\w*)\s+in\b|\b([a-z_]\w*)\s*=>|\bwhen:\s*([a-z_]\w*)\s*:`)
	typeRefRE = regexp.MustCompile(`(^|[^\w./])([A-Z][A-Za-z0-9]*)\b(\s*\()?`)
	declRE    = regexp.MustCompile(`(?m)^\s*(?:external\s+)?(?:entity|value|variant|enum|rule|surface|actor|contract|invariant|deferred)\s+([A-Z]\w*)`)
)

// codeOnly strips comments and string literals so the name heuristics do
// not read prose.
func codeOnly(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		l = stringLitRE.ReplaceAllString(l, `""`)
		b.WriteString(commentRE.ReplaceAllString(l, ""))
		b.WriteByte('\n')
	}
	return b.String()
}

// reservedNames are never free variables of a fragment.
var reservedNames = map[string]bool{
	"config": true, "now": true, "this": true, "within": true, "null": true, "true": true,
	"false": true, "not": true, "exists": true, "and": true, "or": true, "in": true,
	"if": true, "else": true, "for": true, "let": true, "where": true, "implies": true, "_": true,
}

// freeNames returns the snake_case names a clause text uses as values
// without binding them: roots of member chains and operands of exists/in.
func freeNames(text string) []string {
	code := codeOnly(text)
	bound := map[string]bool{}
	for _, m := range boundRE.FindAllStringSubmatch(code, -1) {
		for _, g := range m[1:] {
			bound[g] = true
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n == "" || bound[n] || reservedNames[n] || seen[n] {
			return
		}
		seen[n] = true
		out = append(out, n)
	}
	for _, m := range rootRE.FindAllStringSubmatch(code, -1) {
		add(m[2])
	}
	for _, m := range operandRE.FindAllStringSubmatch(code, -1) {
		add(m[1])
		add(m[2])
	}
	return out
}

// builtinTypes need no declaration.
var builtinTypes = map[string]bool{
	"String": true, "Integer": true, "Decimal": true, "Boolean": true, "Timestamp": true,
	"Duration": true, "Set": true, "List": true, "Sequence": true,
}

// undeclaredTypes returns the PascalCase names the text uses as types or
// entities (not as trigger calls) that it does not declare itself, sorted.
func undeclaredTypes(text string) []string {
	code := codeOnly(text)
	declared := map[string]bool{}
	for _, m := range declRE.FindAllStringSubmatch(code, -1) {
		declared[m[1]] = true
	}
	var out []string
	seen := map[string]bool{}
	for _, m := range typeRefRE.FindAllStringSubmatch(code, -1) {
		name, call := m[2], m[3] != ""
		if call || declared[name] || builtinTypes[name] || seen[name] {
			continue
		}
		seen[name] = true
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// calledOnly reports whether a name is only ever called (Name(...)), which
// makes it a trigger rather than a type.
func calledOnly(code, name string) bool {
	re := regexp.MustCompile(`(^|[^\w./])` + name + `\b(\s*\()?`)
	for _, m := range re.FindAllStringSubmatch(code, -1) {
		if m[2] == "" {
			return false
		}
	}
	return true
}

// completeFragment turns an Allium segment into a module both checkers can
// read: the version line first; declarations as written; loose members in
// an entity; loose surface clauses in a surface; loose clauses and bare
// expressions in rules, one rule per `when:`, with a trigger that binds the
// free names and an emission where no ensures is given; and an empty
// external entity for every type used but not declared. The wrapper names
// all start with "Fragment" so a reader of a diagnostic can tell them from
// the document's own.
func completeFragment(text string) string {
	lines := strings.Split(text, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	if len(lines) > 0 && versionLineRE.MatchString(strings.TrimSpace(lines[0])) {
		lines = lines[1:]
	}
	units := splitUnits(strings.Join(lines, "\n"))

	var decls, surface []string
	type fragEntity struct {
		names map[string]bool
		lines []string
	}
	var entities []*fragEntity
	type ruleGroup struct {
		lines             []string
		hasWhen, hasEnsur bool
	}
	var groups []*ruleGroup
	for _, u := range units {
		switch u.kind {
		case unitDecl:
			decls = append(decls, u.lines...)
		case unitMember:
			// A repeated member name starts a new entity: the documents list
			// alternatives ("data: {...}" three times), not one entity.
			name := memberName(firstCode(u.lines))
			if len(entities) == 0 || entities[len(entities)-1].names[name] {
				entities = append(entities, &fragEntity{names: map[string]bool{}})
			}
			e := entities[len(entities)-1]
			e.names[name] = true
			e.lines = append(e.lines, indentLines(u.lines)...)
		case unitSurface:
			surface = append(surface, indentLines(u.lines)...)
		case unitClause, unitExpr:
			head := firstCode(u.lines)
			isWhen := strings.HasPrefix(head, "when")
			if len(groups) == 0 || (isWhen && groups[len(groups)-1].hasWhen) {
				groups = append(groups, &ruleGroup{})
			}
			g := groups[len(groups)-1]
			ls := u.lines
			if u.kind == unitExpr {
				ls = prefixFirstCode(ls, "requires: ")
			}
			g.lines = append(g.lines, indentLines(ls)...)
			g.hasWhen = g.hasWhen || isWhen
			g.hasEnsur = g.hasEnsur || strings.HasPrefix(head, "ensures")
		}
	}

	var body []string
	body = append(body, decls...)
	for i, e := range entities {
		name := "FragmentEntity"
		if i > 0 {
			name = fmt.Sprintf("FragmentEntity%d", i+1)
		}
		body = append(body, "", "entity "+name+" {")
		body = append(body, e.lines...)
		// Names the members read but do not declare are sibling fields in
		// the document's full example; declare them so the fragment is
		// about what it shows.
		for _, free := range freeNames(strings.Join(e.lines, "\n")) {
			if !e.names[free] {
				body = append(body, "    "+free+": FragmentRelated")
			}
		}
		body = append(body, "}")
	}
	for i, g := range groups {
		name := fmt.Sprintf("Fragment%d", i+1)
		body = append(body, "", "rule "+name+" {")
		if !g.hasWhen {
			body = append(body, fmt.Sprintf("    when: %sHappened(%s)", name, strings.Join(freeNames(strings.Join(g.lines, "\n")), ", ")))
		}
		body = append(body, g.lines...)
		if !g.hasEnsur {
			body = append(body, fmt.Sprintf("    ensures: %sHandled()", name))
		}
		body = append(body, "}")
	}
	if len(surface) > 0 {
		body = append(body, "", "surface FragmentSurface {")
		body = append(body, surface...)
		body = append(body, "}")
	}
	joined := strings.Join(body, "\n")
	code := codeOnly(joined)
	// Stubs for what the fragment refers to and the document declares
	// elsewhere: config parameters, import aliases, contracts, the rules
	// behind a surface's provides.
	var stubs []string
	for _, alias := range undeclaredAliases(code) {
		stubs = append(stubs, fmt.Sprintf("use \"./%s.allium\" as %s", alias, alias))
	}
	if params := undeclaredConfig(code); len(params) > 0 {
		stubs = append(stubs, "", "config {")
		for _, p := range params {
			stubs = append(stubs, "    "+p+": "+configTypeFor(p))
		}
		stubs = append(stubs, "}")
	}
	for _, c := range undeclaredContracts(code) {
		stubs = append(stubs, "", "contract "+c+" {", "    fragment_operation: () -> Boolean", "}")
	}
	for _, pr := range unhandledProvides(code) {
		var params []string
		for i := 0; i < pr.arity; i++ {
			params = append(params, fmt.Sprintf("p%d", i+1))
		}
		stubs = append(stubs, "", "rule FragmentOn"+pr.name+" {",
			"    when: "+pr.name+"("+strings.Join(params, ", ")+")",
			"    ensures: FragmentOn"+pr.name+"Handled()", "}")
	}
	timed := false
	for _, name := range undeclaredTimeouts(code) {
		if !timed {
			timed = true
			stubs = append(stubs, "", "entity FragmentTimer {", "    due_at: Timestamp", "    fired: Boolean", "}")
		}
		stubs = append(stubs, "", "rule "+name+" {",
			"    when: timer: FragmentTimer.due_at <= now",
			"    requires: not timer.fired",
			"    ensures: timer.fired = true", "}")
	}
	if len(stubs) > 0 {
		joined = strings.Join(stubs, "\n") + "\n\n" + joined
		code = codeOnly(joined)
	}
	var ext []string
	for _, name := range undeclaredTypes(joined) {
		if calledOnly(code, name) || deferredRoot(code, name) {
			continue
		}
		ext = append(ext, "external entity "+name+" {}")
	}
	var b strings.Builder
	b.WriteString("-- allium: 3\n\n")
	if len(ext) > 0 {
		b.WriteString(strings.Join(ext, "\n"))
		b.WriteString("\n\n")
	}
	b.WriteString(strings.TrimLeft(joined, "\n"))
	b.WriteString("\n")
	return b.String()
}

var (
	memberNameRE  = regexp.MustCompile(`^([a-z_]\w*|transitions\s+\w+)`)
	aliasUseRE    = regexp.MustCompile(`(?:^|[^\w/])([a-z_]\w*)/[A-Za-z_]`)
	aliasDeclRE   = regexp.MustCompile(`(?m)^\s*use\s+"[^"]*"\s+as\s+([a-z_][\w-]*)`)
	configRefRE   = regexp.MustCompile(`(?:^|[^\w/.])config\.([a-z_]\w*)`)
	configBlockRE = regexp.MustCompile(`(?m)^config\s*\{`)
	contractRefRE = regexp.MustCompile(`(?m)^\s*(?:demands|fulfils)\s+([A-Z]\w*)`)
	contractDefRE = regexp.MustCompile(`(?m)^contract\s+([A-Z]\w*)`)
	callRE        = regexp.MustCompile(`^\s*([A-Z]\w*)\(([^)]*)\)`)
	triggerRE     = regexp.MustCompile(`when:\s*([A-Z]\w*)\(`)
)

// memberName returns the name a member unit declares.
func memberName(line string) string {
	return memberNameRE.FindString(line)
}

// undeclaredAliases returns the import aliases used (alias/Name,
// alias/config) without a `use` declaring them.
func undeclaredAliases(code string) []string {
	declared := map[string]bool{}
	for _, m := range aliasDeclRE.FindAllStringSubmatch(code, -1) {
		declared[m[1]] = true
	}
	var out []string
	for _, m := range aliasUseRE.FindAllStringSubmatch(code, -1) {
		if !declared[m[1]] {
			declared[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// undeclaredConfig returns the config.x names of a text that has no config
// block of its own.
func undeclaredConfig(code string) []string {
	if configBlockRE.MatchString(code) {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, m := range configRefRE.FindAllStringSubmatch(code, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// configTypeFor guesses a parameter's type from its name: durations are
// named after time; anything else is taken as a count.
func configTypeFor(name string) string {
	if regexp.MustCompile(`(expiry|duration|timeout|deadline|delay|window|period|ttl|interval)$`).MatchString(name) {
		return "Duration"
	}
	return "Integer"
}

// undeclaredContracts returns the contracts a surface demands or fulfils
// that the text does not declare.
func undeclaredContracts(code string) []string {
	declared := map[string]bool{}
	for _, m := range contractDefRE.FindAllStringSubmatch(code, -1) {
		declared[m[1]] = true
	}
	var out []string
	for _, m := range contractRefRE.FindAllStringSubmatch(code, -1) {
		if !declared[m[1]] {
			declared[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

type providedTrigger struct {
	name  string
	arity int
}

// unhandledProvides returns the triggers a surface provides that no rule of
// the text is triggered by, with the number of arguments provided.
func unhandledProvides(code string) []providedTrigger {
	handled := map[string]bool{}
	for _, m := range triggerRE.FindAllStringSubmatch(code, -1) {
		handled[m[1]] = true
	}
	var out []providedTrigger
	inBlock, indent := false, 0
	for _, line := range strings.Split(code, "\n") {
		t := strings.TrimSpace(line)
		n := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case t == "provides:":
			inBlock, indent = true, n
			continue
		case t != "" && n <= indent:
			inBlock = false
		}
		if m := callRE.FindStringSubmatch(line); inBlock && m != nil && !handled[m[1]] {
			handled[m[1]] = true
			arity := 0
			if strings.TrimSpace(m[2]) != "" {
				arity = strings.Count(m[2], ",") + 1
			}
			out = append(out, providedTrigger{m[1], arity})
		}
	}
	return out
}

var ruleDeclRE = regexp.MustCompile(`(?m)^rule\s+([A-Z]\w*)`)

// undeclaredTimeouts returns the rules a surface's timeout block names that
// the text does not declare; they stand for temporal rules elsewhere.
func undeclaredTimeouts(code string) []string {
	declared := map[string]bool{}
	for _, m := range ruleDeclRE.FindAllStringSubmatch(code, -1) {
		declared[m[1]] = true
	}
	var out []string
	inBlock, indent := false, 0
	for _, line := range strings.Split(code, "\n") {
		t := strings.TrimSpace(line)
		n := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case t == "timeout:":
			inBlock, indent = true, n
			continue
		case t != "" && n <= indent:
			inBlock = false
		}
		name := regexp.MustCompile(`^[A-Z]\w*`).FindString(t)
		if inBlock && name != "" && !strings.HasPrefix(t[len(name):], "(") && !declared[name] {
			declared[name] = true
			out = append(out, name)
		}
	}
	return out
}

// deferredRoot reports whether a name is the root of a deferred
// specification (deferred Name.path), which is not a type.
func deferredRoot(code, name string) bool {
	return regexp.MustCompile(`\bdeferred\s+` + name + `\.`).MatchString(code)
}

// firstCode returns the first line of a unit that is not a comment or blank.
func firstCode(lines []string) string {
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "--") {
			return t
		}
	}
	return ""
}

// prefixFirstCode puts a clause keyword before a unit's first code line.
func prefixFirstCode(lines []string, prefix string) []string {
	out := append([]string(nil), lines...)
	for i, l := range out {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "--") {
			out[i] = prefix + l
			break
		}
	}
	return out
}

// indentLines indents every non-blank line by four spaces.
func indentLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			l = "    " + l
		}
		out[i] = l
	}
	return out
}

// TestDocBlockClassifier pins the heuristics on short texts of each kind,
// so a change that starts reading Python as Allium shows here and not as a
// puzzling row in the conformance table.
func TestDocBlockClassifier(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, lang, text, want string
	}{
		{"tagged python", "python", "x = 1\n", textPython},
		{"python def", "", "def send(user):\n    return user\n", textPython},
		{"python class", "", "class Invitation(Base):\n    status = Column(String)\n", textPython},
		{"python decorator", "", "@app.task\ndef expire():\n    pass\n", textPython},
		{"python dict", "", "OAUTH = {\n    'google': {'id': 1},\n}\n", textPython},
		{"typescript", "", "export function reset(user: User) {\n  return user.id;\n}\n", textTS},
		{"typescript const", "", "const user = await repo.find(id)\n", textTS},
		{"shell", "", "$ allium check spec.allium\n", textShell},
		{"shell command", "", "go test ./...\nmake test\n", textShell},
		{"prose list", "", "Entry points:\n  - API: /api/candidates/*\n", textProse},
		{"prose sentence", "", "This is a sentence about specs\nand more words here.\n", textProse},
		{"entity", "", "entity User {\n    email: String\n}\n", textAllium},
		{"comments only", "", "-- allium: 3\n-- Scope: all of it\n", textAllium},
		{"clauses", "", "requires: invitation.status = pending\nensures: slot.status = booked\n", textAllium},
		{"members", "", "candidate: Candidate\nrole: Role\n", textAllium},
		{"expressions", "", "slots.count\nslot in invitation.slots\ninterviewers.any(i => i.can_solo)\n", textAllium},
		{"annotation", "", "rule R {\n    when: X(a)\n    ensures: a.b = c\n    @guidance\n        -- advice\n}\n", textAllium},
		{"let clause", "", "let confirmation = SlotConfirmation{slot, interviewer}\n", textAllium},
		{"transition edges", "", "transitions status {\n    pending -> confirmed\n    confirmed -> shipped\n    shipped -> done\n}\n", textAllium},
		{"surface entries", "", "timeout:\n    InvitationExpires\n", textAllium},
		{"enum continuation", "", "status: draft | pending |\n        cancelled | expired\n", textAllium},
	}
	for _, tc := range cases {
		if got := classifyText(tc.lang, tc.text); got != tc.want {
			t.Errorf("%s: classifyText = %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestCompleteFragment checks the wrapping of each fragment shape; every
// result must at least parse with our parser, so that a fragment's row in
// the conformance table is about the document's text, not the wrapper.
func TestCompleteFragment(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, text string
		want       []string // substrings of the completed module
	}{
		{"clauses bind free names", "requires: invitation.status = pending\nensures: slot.status = booked\n",
			[]string{"-- allium: 3\n", "when: Fragment1Happened(invitation, slot)", "    requires: invitation.status = pending"}},
		{"when lines become rules", "when: a: Alpha.created\nwhen: b: Beta.created\n",
			[]string{"external entity Alpha {}", "external entity Beta {}", "rule Fragment1 {", "rule Fragment2 {", "ensures: Fragment2Handled()"}},
		{"members in an entity", "candidate: Candidate\nrole: Role\n",
			[]string{"entity FragmentEntity {\n    candidate: Candidate\n    role: Role\n}", "external entity Candidate {}"}},
		{"expressions as requires", "slots.count >= 2\n",
			[]string{"when: Fragment1Happened(slots)", "requires: slots.count >= 2"}},
		{"triggers are not types", "ensures: UserMentioned(user: u.user)\n",
			[]string{"when: Fragment1Happened(u)"}},
		{"declarations kept", "-- allium: 3\nentity User {\n    email: String\n}\n",
			[]string{"-- allium: 3\n\nentity User {\n    email: String\n}\n"}},
		{"surface clauses", "timeout:\n    InvitationExpires\n",
			[]string{"surface FragmentSurface {\n    timeout:\n        InvitationExpires\n}"}},
	}
	for _, tc := range cases {
		got := completeFragment(tc.text)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: completed module lacks %q:\n%s", tc.name, w, got)
			}
		}
		if _, diags := Parse(tc.name, []byte(got)); diags.HasErrors() {
			t.Errorf("%s: completed module does not parse: %v\n%s", tc.name, diags.Errors(), got)
		}
	}
}

// TestExtractDocBlocks checks fences: tags, indentation, nesting of ``` in
// ~~~ blocks, and the split of contrasting examples.
func TestExtractDocBlocks(t *testing.T) {
	t.Parallel()
	md := "text\n```\n-- Bad\nrule A {}\n\n-- Good\nrule A {}\n```\n\n```python\nx = 1\n```\n~~~\n```\n~~~\n"
	blocks := extractDocBlocks("doc.md", md)
	if len(blocks) != 3 {
		t.Fatalf("got %d blocks, want 3: %+v", len(blocks), blocks)
	}
	if blocks[1].Lang != "python" || blocks[1].Line != 10 {
		t.Errorf("block 2 = %+v, want python at line 10", blocks[1])
	}
	if blocks[2].Text != "```\n" {
		t.Errorf("block 3 text = %q, want the inner fence", blocks[2].Text)
	}
	segs := splitSegments(blocks[0])
	if len(segs) != 2 || !segs[0].Negative || segs[1].Negative || segs[1].Label != "Good" {
		t.Errorf("segments = %+v, want a negative Bad and a positive Good", segs)
	}
}
