package allium

import (
	"strconv"
	"strings"
)

// PrintOptions select optional output.
type PrintOptions struct {
	// Provenance writes each construct's provenance as a
	// "-- source: path:line" comment line directly above it.
	Provenance bool
}

// LineWidth is the column past which the printer wraps an expression.
const LineWidth = 100

// indentUnit is one level of indentation.
const indentUnit = "    "

// Section banner titles, in the order of the reference's "File structure".
const (
	SectionGiven     = "Given"
	SectionExternal  = "External Entities"
	SectionValues    = "Value Types"
	SectionContracts = "Contracts"
	SectionEnums     = "Enumerations"
	SectionEntities  = "Entities and Variants"
	SectionConfig    = "Config"
	SectionDefaults  = "Defaults"
	SectionRules     = "Rules"
	SectionInvariant = "Invariants"
	SectionActors    = "Actor Declarations"
	SectionSurfaces  = "Surfaces"
	SectionDeferred  = "Deferred Specifications"
	SectionQuestions = "Open Questions"
)

// Sections lists the banner titles in file order.
var Sections = []string{
	SectionGiven, SectionExternal, SectionValues, SectionContracts, SectionEnums,
	SectionEntities, SectionConfig, SectionDefaults, SectionRules, SectionInvariant,
	SectionActors, SectionSurfaces, SectionDeferred, SectionQuestions,
}

// BannerRule is the dashed line above and below a section title.
const BannerRule = "------------------------------------------------------------"

// Print writes m in canonical form.
//
// Layout: the version marker, the header comments, the use declarations,
// then each non-empty section under its banner, in the reference's order.
// Inside a section constructs keep the model's order, one blank line apart;
// a variant follows its base entity. Bodies are indented by four spaces.
// An expression that would run past LineWidth is wrapped by one rule: a call
// or object literal puts one argument per line; an and/or/implies chain puts
// the clause head on its own line and one operand per line, each continuation
// starting with its operator; anything else stays on one line.
//
// For every model built of valid names (snake_case fields and bindings,
// PascalCase types, neither a keyword), parsing the printed text gives the
// model back. Where the plain form would read as another construct the
// printer adds parentheses: a derived value that looks like a field type
// (x: (Token)) or is a where filter (x: (items where c)), an ensures
// statement that would read as an assignment or an if block
// ((a = b and c), (if a: b)), a negated negation (-(-x)). A few shapes
// have no text of their own; the printer writes the nearest valid text,
// which reads back as the equivalent model shown:
//   - an empty object literal prints {} and reads back as an empty set;
//   - a projection with neither where nor "->" prints "name: source",
//     a derived value;
//   - an inline enum of one unquoted value prints as that name, a type;
//     quoted (`a`) it is an inline enum;
//   - a type, relationship entity or join entity named in lower case
//     reads back as an expression; a number literal written with a sign
//     reads back as a negation; a number followed by a member access named
//     like a unit (Member{1, hours}) reads back as a duration;
//   - a block statement with no statement to print (ensures:, for, an if
//     branch, else, a surface for) would not parse and is left out; an
//     assignment, expression or if standing as a rule clause is written in
//     an ensures block of its own;
//   - statements out of their place that the checker rejects (requires or
//     ensures inside an ensures block or an invariant, an if or assignment
//     in an invariant) are written as they are and do not read back;
//   - comment text loses trailing white space (a carriage return
//     included), a line break in a trailing comment becomes a space and a
//     line break in a doc comment starts a new doc line; a doc line
//     "source: file:line" reads back as provenance;
//   - a blank line asked for above the first item of a block, or above a
//     top-level declaration, is not written (the printer separates those);
//   - in a module without declarations, header and trailer are told apart
//     by the blank line the printer writes between them.
func Print(m *Module, opt PrintOptions) []byte {
	p := &printer{opt: opt}
	p.module(m)
	return []byte(p.b.String())
}

// PrintConstruct prints one construct at indentation zero, in the same form
// it has inside a module (without provenance). It accepts any construct type
// of the model: declarations, members, statements, triggers, surface entries.
func PrintConstruct(n Node) string {
	p := &printer{}
	p.construct(n, 0)
	return strings.TrimRight(p.b.String(), "\n")
}

type printer struct {
	b   strings.Builder
	opt PrintOptions
	// inEnsures counts the ensures blocks being printed: there a statement
	// "x = y" is an assignment, so an expression statement whose top
	// operator is "=" needs parentheses to read back as one.
	inEnsures int
	// ruleLevel counts the rule bodies being printed: outside an ensures
	// block there, only let, requires, ensures and for are clauses.
	ruleLevel int
}

func (p *printer) line(indent int, s string) {
	for range indent {
		p.b.WriteString(indentUnit)
	}
	p.b.WriteString(s)
	p.b.WriteByte('\n')
}

func (p *printer) blank() { p.b.WriteByte('\n') }

func comment(text string) string {
	if text == "" {
		return "--"
	}
	return "-- " + text
}

// trailingComment is comment for text that must stay on the line it ends:
// line breaks (a multi-line docstring put into Meta.Comment by a producer)
// would push the rest out of the comment, so they become spaces. Other
// spacing is the comment's own and is kept.
func trailingComment(text string) string {
	return comment(lineBreaks.Replace(text))
}

// lineBreaks leaves a lone "\r" alone: the lexer splits lines at "\n" only,
// so a carriage return inside a comment is part of the comment.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ")

// commentBlock writes text as comment lines at indent, one line per line of
// text, so that a multi-line entry in Doc, Header, Trailer or an annotation
// cannot leave uncommented text in the output.
func (p *printer) commentBlock(indent int, text string) {
	for _, l := range strings.Split(text, "\n") {
		p.line(indent, comment(strings.TrimSuffix(l, "\r")))
	}
}

// lead writes what precedes a construct's first line: a blank line when the
// construct asked for one (and is not first in its block), its doc comments
// and, in provenance mode, its source line.
func (p *printer) lead(m *Meta, indent int, first bool) {
	if m.Blank && !first {
		p.blank()
	}
	for _, d := range m.Doc {
		p.commentBlock(indent, d)
	}
	if p.opt.Provenance && m.Prov != nil && m.Prov.File != "" {
		p.line(indent, comment("source: "+m.Prov.File+":"+strconv.Itoa(m.Prov.Line)))
	}
}

// withComment appends a trailing comment to a construct's first line.
func withComment(s string, m *Meta) string {
	if m.Comment == "" {
		return s
	}
	return s + "  " + trailingComment(m.Comment)
}

func (p *printer) module(m *Module) {
	v := m.Version
	if v == 0 {
		v = 3
	}
	p.line(0, "-- allium: "+strconv.Itoa(v))
	for _, h := range m.Header {
		p.commentBlock(0, h)
	}
	if len(m.Uses) > 0 {
		p.blank()
		for i, u := range m.Uses {
			p.lead(&u.Meta, 0, i == 0)
			p.line(0, withComment("use "+QuoteString(u.Path)+" as "+u.Alias, &u.Meta))
		}
	}
	if len(m.Given) > 0 {
		p.banner(SectionGiven)
		p.given(m.Given)
	}
	p.section(SectionExternal, nodes(m.Externals))
	p.section(SectionValues, nodes(m.Values))
	p.section(SectionContracts, nodes(m.Contracts))
	p.section(SectionEnums, nodes(m.Enums))
	p.section(SectionEntities, entitiesWithVariants(m.Entities, m.Variants))
	if len(m.Config) > 0 || len(m.ConfigOverrides) > 0 {
		p.banner(SectionConfig)
		if len(m.Config) > 0 {
			p.blank()
			p.config(m.Config)
		}
		for _, o := range m.ConfigOverrides {
			p.blank()
			p.construct(o, 0)
		}
	}
	p.section(SectionDefaults, nodes(m.Defaults))
	p.section(SectionRules, nodes(m.Rules))
	p.section(SectionInvariant, nodes(m.Invariants))
	p.section(SectionActors, nodes(m.Actors))
	p.section(SectionSurfaces, nodes(m.Surfaces))
	p.section(SectionDeferred, nodes(m.Deferred))
	p.section(SectionQuestions, nodes(m.OpenQuestions))
	if len(m.Trailer) > 0 {
		p.blank()
		for _, t := range m.Trailer {
			p.commentBlock(0, t)
		}
	}
}

func nodes[T Node](list []T) []Node {
	out := make([]Node, len(list))
	for i, n := range list {
		out[i] = n
	}
	return out
}

// entitiesWithVariants orders the Entities section: each entity followed by
// its variants in model order, then variants whose base is not declared here.
func entitiesWithVariants(ents []*Entity, vars []*Variant) []Node {
	out := make([]Node, 0, len(ents)+len(vars))
	placed := make([]bool, len(vars))
	for _, e := range ents {
		out = append(out, e)
		for i, v := range vars {
			if !placed[i] && v.Base == e.Name {
				out = append(out, v)
				placed[i] = true
			}
		}
	}
	for i, v := range vars {
		if !placed[i] {
			out = append(out, v)
		}
	}
	return out
}

func (p *printer) banner(title string) {
	p.blank()
	p.line(0, BannerRule)
	p.line(0, comment(title))
	p.line(0, BannerRule)
}

func (p *printer) section(title string, list []Node) {
	if len(list) == 0 {
		return
	}
	p.banner(title)
	for _, n := range list {
		p.blank()
		p.construct(n, 0)
	}
}

func (p *printer) given(list []*GivenBinding) {
	p.blank()
	p.line(0, "given {")
	for i, g := range list {
		p.lead(&g.Meta, 1, i == 0)
		p.line(1, withComment(g.Name+": "+TypeString(g.Type), &g.Meta))
	}
	p.line(0, "}")
}

func (p *printer) config(list []*ConfigParam) {
	p.line(0, "config {")
	for i, c := range list {
		p.constructAt(c, 1, i == 0)
	}
	p.line(0, "}")
}

// construct prints any node at the given indentation, including its lead.
// It is the single dispatch point so that PrintConstruct and the module
// printer cannot disagree on a construct's form.
func (p *printer) construct(n Node, indent int) {
	p.constructAt(n, indent, true)
}

func (p *printer) constructAt(n Node, indent int, first bool) {
	m := n.Info()
	p.lead(m, indent, first)
	switch n := n.(type) {
	case *Use:
		p.line(indent, withComment("use "+QuoteString(n.Path)+" as "+n.Alias, m))
	case *GivenBinding:
		p.line(indent, withComment(n.Name+": "+TypeString(n.Type), m))
	case *Entity:
		kw := "entity "
		if n.External {
			kw = "external entity "
		}
		p.body(indent, kw+n.Name, m, n.Members)
	case *ValueType:
		p.body(indent, "value "+n.Name, m, n.Members)
	case *Variant:
		p.body(indent, "variant "+n.Name+" : "+n.Base, m, n.Members)
	case *Enum:
		body := "{}"
		if len(n.Values) > 0 {
			body = "{ " + EnumString(n.Values) + " }"
		}
		p.line(indent, withComment("enum "+n.Name+" "+body, m))
	case *Field:
		s := n.Name + ": " + TypeString(n.Type)
		if n.When != nil {
			s += " " + whenString(n.When)
		}
		p.line(indent, withComment(s, m))
	case *Relationship:
		p.clause(indent, n.Name+": "+n.Entity+" with", n.With, "", m)
	case *Projection:
		// The parser reads "source where cond" as one expression and splits
		// it at its last top-level where, so a source or condition that is
		// itself a where filter (or a lambda, which would take the where
		// into its body) needs parentheses; so does a source that would
		// read as a field type (Status < x where ...).
		src, tail := n.Source, ""
		if n.Map != "" {
			tail = " -> " + n.Map
		}
		if n.Where == nil {
			src = derivedValue(src, tail)
			p.line(indent, withComment(n.Name+": "+ExprString(src)+tail, m))
		} else {
			src = derivedValue(parens(src, precImplies), " where")
			p.clause(indent, n.Name+": "+ExprString(src)+" where", parens(n.Where, precImplies), tail, m)
		}
	case *Derived:
		head := n.Name
		if len(n.Params) > 0 {
			head += "(" + strings.Join(n.Params, ", ") + ")"
		}
		tail := ""
		if n.When != nil {
			tail = " " + whenString(n.When)
		}
		value := n.Value
		if len(n.Params) == 0 {
			value = derivedValue(value, tail)
		}
		p.clause(indent, head+":", value, tail, m)
	case *Transitions:
		p.line(indent, withComment("transitions "+n.Field+" {", m))
		for _, e := range n.Edges {
			s := e.From + " -> " + e.To
			if e.Comment != "" {
				s += "  " + trailingComment(e.Comment)
			}
			p.line(indent+1, s)
		}
		if len(n.Terminal) > 0 {
			p.line(indent+1, "terminal: "+strings.Join(n.Terminal, ", "))
		}
		p.line(indent, "}")
	case *Invariant:
		p.line(indent, withComment("invariant "+n.Name+" {", m))
		p.stmts(indent+1, n.Body)
		p.line(indent, "}")
	case *ConfigParam:
		s := n.Name + ": " + TypeString(n.Type)
		if n.Default == nil {
			p.line(indent, withComment(s, m))
		} else {
			p.clause(indent, s+" =", n.Default, "", m)
		}
	case *ConfigOverride:
		p.line(indent, withComment(n.Alias+"/config {", m))
		for i, s := range n.Settings {
			p.constructAt(s, indent+1, i == 0)
		}
		p.line(indent, "}")
	case *ConfigSetting:
		p.clause(indent, n.Name+":", n.Value, "", m)
	case *Default:
		p.clause(indent, "default "+n.Type+" "+n.Name+" =", n.Value, "", m)
	case *Rule:
		p.line(indent, withComment("rule "+n.Name+" {", m))
		if n.Trigger != nil {
			p.constructAt(n.Trigger, indent+1, true)
		}
		p.ruleLevel++
		p.stmtList(indent+1, n.Body, n.Trigger == nil)
		p.ruleLevel--
		if n.Guidance != nil {
			// Alone in the rule, it opens the block: no blank line there.
			p.constructAt(n.Guidance, indent+1, n.Trigger == nil && len(withText(n.Body)) == 0)
		}
		p.line(indent, "}")
	case *Trigger:
		p.line(indent, withComment("when: "+TriggerString(n), m))
	case *Annotation:
		head := "@" + n.Kind
		if n.Name != "" {
			head += " " + n.Name
		}
		p.line(indent, withComment(head, m))
		for _, l := range n.Lines {
			p.commentBlock(indent+1, l)
		}
	case *Contract:
		p.line(indent, withComment("contract "+n.Name+" {", m))
		for i, s := range n.Signatures {
			p.constructAt(s, indent+1, i == 0)
		}
		for i, a := range n.Annotations {
			p.constructAt(a, indent+1, i == 0 && len(n.Signatures) == 0)
		}
		p.line(indent, "}")
	case *Signature:
		params := make([]string, len(n.Params))
		for i, prm := range n.Params {
			params[i] = prm.Name + ": " + TypeString(prm.Type)
		}
		p.line(indent, withComment(n.Name+": ("+strings.Join(params, ", ")+") -> "+TypeString(n.Result), m))
	case *Actor:
		p.line(indent, withComment("actor "+n.Name+" {", m))
		if n.Within != "" {
			p.line(indent+1, "within: "+n.Within)
		}
		if n.IdentifiedBy != nil {
			p.clause(indent+1, "identified_by:", n.IdentifiedBy, "", &Meta{})
		}
		p.line(indent, "}")
	case *Surface:
		p.surface(indent, n)
	case *SurfaceBinding:
		// Printed by surface(), which knows whether it is facing or context.
		p.line(indent, withComment(n.Name+": "+n.Type, m))
	case *SurfaceItem:
		p.surfaceItem(indent, n)
	case *SurfaceFor:
		p.line(indent, withComment("for "+n.Var+" in "+headExpr(n.Coll)+":", m))
		p.surfaceEntries(indent+1, n.Body)
	case *ContractRef:
		kw := "fulfils "
		if n.Demands {
			kw = "demands "
		}
		p.line(indent, withComment(kw+n.Name, m))
	case *Deferred:
		p.line(indent, withComment("deferred "+n.Name, m))
	case *OpenQuestion:
		p.line(indent, withComment("open question "+QuoteString(n.Text), m))
	case Stmt:
		p.stmt(indent, n)
	}
}

// derivedValue returns the value of a derived value (or the source of a
// projection), in parentheses when the text after "name: " would read as
// another member: as a field type (a PascalCase name alone or before "when",
// "<" or "?", as in Status or Limit < 3; a backtick literal), or as a
// projection (a where filter). tail is the text printed after the value.
func derivedValue(x Expr, tail string) Expr {
	if x == nil {
		return nil
	}
	// A where filter at the top would make the line a projection; in
	// parentheses it stays a value (the parser keeps it so).
	if _, ok := x.(*Where); ok {
		return &parenExpr{X: x}
	}
	text := ExprString(x)
	if text == "" {
		return x
	}
	if text[0] != '`' {
		// Only a PascalCase name, possibly qualified (core/Token), starts
		// a type; this spares the lexer for every other value.
		j := 0
		for j < len(text) && (isIdentChar(text[j]) || text[j] == '-' || text[j] == '/') {
			j++
		}
		if !isPascal(text[:j]) {
			return x
		}
	}
	p := newParser("", []byte(text+tail))
	p.limit = -1
	if p.looksLikeFieldType() {
		return &parenExpr{X: x}
	}
	return x
}

func whenString(w *FieldWhen) string {
	return "when " + w.Field + " = " + strings.Join(w.Values, " | ")
}

// body prints a braced declaration body: entity, value type, variant.
func (p *printer) body(indent int, head string, m *Meta, members []EntityMember) {
	if len(members) == 0 {
		p.line(indent, withComment(head+" {}", m))
		return
	}
	p.line(indent, withComment(head+" {", m))
	for i, mem := range members {
		p.constructAt(mem, indent+1, i == 0)
	}
	p.line(indent, "}")
}

// TriggerString prints a trigger as it follows "when: ".
func TriggerString(t *Trigger) string {
	if t.Kind == TriggerExternal {
		var b strings.Builder
		b.WriteString(t.Name)
		b.WriteByte('(')
		for i, prm := range t.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(prm.Name)
			if prm.Optional {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
		return b.String()
	}
	s := ExprString(t.Cond)
	if t.Binding != "" {
		s = t.Binding + ": " + s
	}
	return s
}

func (p *printer) stmts(indent int, list []Stmt) { p.stmtList(indent, list, true) }

// stmtList prints statements; first says whether the first statement
// opens its block (a Blank flag on it is then ignored). Statements without
// text (see hasText) are left out.
func (p *printer) stmtList(indent int, list []Stmt, first bool) {
	for _, s := range list {
		if !hasText(s) {
			continue
		}
		p.constructAt(s, indent, first)
		first = false
	}
}

// hasText reports whether a statement has a text form. A block statement
// (ensures, for, if) with no statement to print in it has none: an empty
// block does not parse, so the printer leaves it out, the nearest valid
// text, rather than cost the whole spec. An if keeps the branches that have
// statements and is left out when none has.
func hasText(s Stmt) bool {
	switch s := s.(type) {
	case nil:
		return false
	case *Ensures:
		return len(withText(s.Body)) > 0
	case *For:
		return len(withText(s.Body)) > 0
	case *If:
		for _, b := range s.Branches {
			if len(withText(b.Body)) > 0 {
				return true
			}
		}
		return false
	}
	return true
}

// withText returns the statements of list that have a text form.
func withText(list []Stmt) []Stmt {
	for i, s := range list {
		if !hasText(s) {
			out := append([]Stmt(nil), list[:i]...)
			for _, s := range list[i+1:] {
				if hasText(s) {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return list
}

// stmt prints one statement; its lead has already been written.
func (p *printer) stmt(indent int, s Stmt) {
	m := s.Info()
	if p.ruleLevel > 0 && p.inEnsures == 0 {
		switch s.(type) {
		case *Assign, *ExprStmt, *If:
			// Not a clause of a rule: the nearest valid text is the
			// statement in an ensures block of its own.
			p.line(indent, "ensures:")
			p.inEnsures++
			p.stmt(indent+1, s)
			p.inEnsures--
			return
		}
	}
	switch s := s.(type) {
	case *Let:
		p.clause(indent, "let "+s.Name+" =", s.Value, "", m)
	case *Requires:
		p.clause(indent, "requires:", s.Cond, "", m)
	case *Ensures:
		if body := withText(s.Body); len(body) == 1 && m.Comment == "" && p.inlineable(body[0]) {
			if one := p.flatStmt(body[0]); one != "" && fits(indent, "ensures: "+one) {
				p.line(indent, "ensures: "+one)
				return
			}
		}
		p.line(indent, withComment("ensures:", m))
		p.inEnsures++
		p.stmts(indent+1, s.Body)
		p.inEnsures--
	case *For:
		p.line(indent, withComment("for "+s.Var+" in "+headExpr(s.Coll)+":", m))
		p.stmts(indent+1, s.Body)
	case *If:
		first := true
		for _, br := range s.Branches {
			if len(withText(br.Body)) == 0 {
				continue
			}
			kw := "else if "
			if first {
				kw = "if "
			}
			line := kw + headExpr(br.Cond) + ":"
			if first {
				line = withComment(line, m)
			}
			first = false
			p.line(indent, line)
			p.stmts(indent+1, br.Body)
		}
		if len(withText(s.Else)) > 0 {
			p.line(indent, "else:")
			p.stmts(indent+1, s.Else)
		}
	case *Assign:
		p.clause(indent, assignTarget(s.Target)+" =", s.Value, "", m)
	case *ExprStmt:
		p.clause(indent, "", stmtExpr(s.X, p.inEnsures > 0), "", m)
	}
}

// headExpr prints the expression of a "for x in ...:" or "if ...:" head. A
// lambda there takes parentheses: its body would run on to the colon in
// the reference's reading, which then finds no colon.
func headExpr(x Expr) string {
	if _, ok := x.(*Lambda); ok {
		return ExprString(&parenExpr{X: x})
	}
	return ExprString(x)
}

// assignTarget prints the target of an assignment. The parser reads a
// target up to the first comparison operator, so a target with a looser
// operator at its top takes parentheses.
func assignTarget(x Expr) string {
	return ExprString(parens(x, precCompare+1))
}

// stmtExpr returns the expression of an expression statement, in
// parentheses where the statement would otherwise read as another one: an
// inline if at its start reads as an if block, and in an ensures block a
// "=" after the statement's leading operand reads as an assignment
// (a = b and c is the assignment a = (b and c)).
func stmtExpr(x Expr, ensures bool) Expr {
	if _, ok := x.(*IfExpr); ok {
		return &parenExpr{X: x}
	}
	if ensures && eqAfterOperand(x) {
		return &parenExpr{X: x}
	}
	return x
}

// eqAfterOperand reports whether the text of x, after its leading operand
// (the longest prefix whose operators bind tighter than a comparison), goes
// on with "=". It follows the left spine of x as printed: through binary
// operators as loose as comparisons and where filters, stopping where the
// printer puts parentheses.
func eqAfterOperand(x Expr) bool {
	last := ""
	for {
		switch e := x.(type) {
		case *Binary:
			prec := binaryPrec(e.Op)
			if prec > precCompare {
				return last == OpEq
			}
			last = e.Op
			min := prec
			if prec == precCompare {
				min = prec + 1
			}
			if exprPrec(e.X) < min {
				return last == OpEq
			}
			x = e.X
		case *Where:
			last = "where"
			if exprPrec(e.X) < precImplies {
				return false
			}
			x = e.X
		default:
			return last == OpEq
		}
	}
}

// inlineable reports whether a statement may share the "ensures:" line: a
// single assignment or expression without doc comments, printed provenance
// or a trailing comment of its own. Doc and provenance would have nowhere to
// go; a trailing comment on the shared line is read back as the ensures' own.
func (p *printer) inlineable(s Stmt) bool {
	m := s.Info()
	if len(m.Doc) > 0 || m.Comment != "" || (p.opt.Provenance && m.Prov != nil) {
		return false
	}
	switch s.(type) {
	case *Assign, *ExprStmt:
		return true
	}
	return false
}

// flatStmt prints an inlineable statement of an ensures on one line.
func (p *printer) flatStmt(s Stmt) string {
	switch s := s.(type) {
	case *Assign:
		return assignTarget(s.Target) + " = " + ExprString(s.Value)
	case *ExprStmt:
		return ExprString(stmtExpr(s.X, true))
	}
	return ""
}

func fits(indent int, s string) bool {
	return indent*len(indentUnit)+len(s) <= LineWidth
}

// clause prints "head value tail" on one line when it fits, else wraps value
// by the printer's one rule (see Print). An empty head prints the value alone.
func (p *printer) clause(indent int, head string, value Expr, tail string, m *Meta) {
	join := func(v string) string {
		if head == "" {
			return v
		}
		return head + " " + v
	}
	flat := join(ExprString(value)) + tail
	if fits(indent, withComment(flat, m)) {
		p.line(indent, withComment(flat, m))
		return
	}
	switch v := value.(type) {
	case *Call:
		if len(v.Args) > 0 {
			var fun strings.Builder
			writeExpr(&fun, v.Fun, precPostfix)
			p.line(indent, withComment(join(fun.String()+"("), m))
			for i, a := range v.Args {
				argHead, argVal := "", a.Value
				if a.Name != "" {
					argHead = a.Name + ":"
				}
				sep := ","
				if i == len(v.Args)-1 {
					sep = ""
				}
				p.argLine(indent+1, argHead, argVal, sep)
			}
			p.line(indent, ")"+tail)
			return
		}
	case *ObjectLit:
		if len(v.Fields) > 0 {
			p.line(indent, withComment(join("{"), m))
			for i, f := range v.Fields {
				sep := ","
				if i == len(v.Fields)-1 {
					sep = ""
				}
				p.argLine(indent+1, f.Name+":", f.Value, sep)
			}
			p.line(indent, "}"+tail)
			return
		}
	case *Binary:
		if v.Op == OpAnd || v.Op == OpOr || v.Op == OpImplies {
			ops := chain(v, v.Op)
			// With a head ("requires:"), the head stands alone and every
			// operand goes one level deeper; without one, the first operand
			// starts the line and the continuations go one level deeper.
			first, rest := indent, indent+1
			if head != "" {
				p.line(indent, withComment(head, m))
				first = indent + 1
			}
			for i, x := range ops {
				level, prefix, suffix, cm := rest, v.Op+" ", "", (*Meta)(nil)
				if i == 0 {
					level, prefix = first, ""
					if head == "" {
						cm = m
					}
				}
				if i == len(ops)-1 {
					suffix = tail
				}
				p.chainOperand(level, rest+1, prefix, x, binaryPrec(v.Op)+1, suffix, cm)
			}
			return
		}
	}
	p.line(indent, withComment(flat, m))
}

// chainOperand prints one operand of a wrapped and/or/implies chain: on one
// line at level, after prefix (the operator) and before suffix, with m's
// trailing comment when m is not nil. An operand that is itself a chain of a
// tighter operator ("a and b" inside an implies) and does not fit is wrapped
// in turn: its continuation lines go to cont, one level deeper than the
// enclosing chain's, so the nesting shows. Operands that would need
// parentheses stay on one line.
func (p *printer) chainOperand(level, cont int, prefix string, x Expr, min int, suffix string, m *Meta) {
	var b strings.Builder
	b.WriteString(prefix)
	writeExpr(&b, x, min)
	b.WriteString(suffix)
	flat := b.String()
	if m != nil {
		flat = withComment(flat, m)
	}
	sub, ok := x.(*Binary)
	if fits(level, flat) || !ok || (sub.Op != OpAnd && sub.Op != OpOr && sub.Op != OpImplies) || binaryPrec(sub.Op) < min {
		p.line(level, flat)
		return
	}
	ops := chain(sub, sub.Op)
	subMin := binaryPrec(sub.Op) + 1
	for j, y := range ops {
		suf := ""
		if j == len(ops)-1 {
			suf = suffix
		}
		if j == 0 {
			p.chainOperand(level, cont+1, prefix, y, subMin, suf, m)
		} else {
			p.chainOperand(cont, cont+1, sub.Op+" ", y, subMin, suf, nil)
		}
	}
}

// argLine prints one argument or object field of a wrapped call or literal,
// wrapping it in turn when it is itself too long.
func (p *printer) argLine(indent int, head string, value Expr, sep string) {
	switch value.(type) {
	case *Call, *ObjectLit:
		p.clause(indent, head, value, sep, &Meta{})
		return
	}
	var b strings.Builder
	if head != "" {
		b.WriteString(head)
		b.WriteByte(' ')
	}
	if _, ok := value.(*Lambda); ok {
		writeExpr(&b, value, precWhere)
	} else {
		writeExpr(&b, value, precWhere+1)
	}
	b.WriteString(sep)
	p.line(indent, b.String())
}

// chain flattens a left-associative chain of one operator: a or b or c.
func chain(e Expr, op string) []Expr {
	if b, ok := e.(*Binary); ok && b.Op == op {
		return append(chain(b.X, op), b.Y)
	}
	return []Expr{e}
}

func (p *printer) surface(indent int, s *Surface) {
	if s.Facing == nil && s.Context == nil && len(s.Lets) == 0 && len(s.Exposes) == 0 &&
		len(s.Provides) == 0 && len(s.Contracts) == 0 && len(s.Related) == 0 &&
		len(s.Timeout) == 0 && len(s.Annotations) == 0 {
		p.line(indent, withComment("surface "+s.Name+" {}", &s.Meta))
		return
	}
	p.line(indent, withComment("surface "+s.Name+" {", &s.Meta))
	in := indent + 1
	group := false // whether something was printed in the current group
	if s.Facing != nil {
		p.lead(&s.Facing.Meta, in, true)
		p.line(in, withComment("facing "+s.Facing.Name+": "+s.Facing.Type, &s.Facing.Meta))
		group = true
	}
	if c := s.Context; c != nil {
		p.lead(&c.Meta, in, true)
		head := "context " + c.Name + ": " + c.Type
		// The parser reads the condition without a where filter of its
		// own (a lambda or inline if would take it too), so those forms
		// take parentheses.
		cond := parens(c.Where, precImplies)
		if c.Where == nil {
			p.line(in, withComment(head, &c.Meta))
		} else if line := head + " where " + ExprString(cond); fits(in, withComment(line, &c.Meta)) {
			p.line(in, withComment(line, &c.Meta))
		} else {
			p.line(in, withComment(head, &c.Meta))
			p.clause(in+1, "where", cond, "", &Meta{})
		}
		group = true
	}
	for _, l := range s.Lets {
		p.constructAt(l, in, true)
		group = true
	}
	blocks := []struct {
		kw      string
		entries []SurfaceEntry
	}{{"exposes", s.Exposes}, {"provides", s.Provides}}
	for _, bl := range blocks {
		if len(entriesWithText(bl.entries)) == 0 {
			continue
		}
		if group {
			p.blank()
		}
		p.line(in, bl.kw+":")
		p.surfaceEntries(in+1, bl.entries)
		group = true
	}
	if len(s.Contracts) > 0 {
		if group {
			p.blank()
		}
		p.line(in, "contracts:")
		for i, c := range s.Contracts {
			p.constructAt(c, in+1, i == 0)
		}
		group = true
	}
	for _, bl := range []struct {
		kw      string
		entries []SurfaceEntry
	}{{"related", s.Related}, {"timeout", s.Timeout}} {
		if len(entriesWithText(bl.entries)) == 0 {
			continue
		}
		if group {
			p.blank()
		}
		p.line(in, bl.kw+":")
		p.surfaceEntries(in+1, bl.entries)
		group = true
	}
	for _, a := range s.Annotations {
		if group {
			p.blank()
		}
		p.constructAt(a, in, true)
		group = true
	}
	p.line(indent, "}")
}

func (p *printer) surfaceEntries(indent int, list []SurfaceEntry) {
	for i, e := range entriesWithText(list) {
		p.constructAt(e, indent, i == 0)
	}
}

// entriesWithText returns the surface entries that have a text form: like
// an empty statement block, a for without entries is left out.
func entriesWithText(list []SurfaceEntry) []SurfaceEntry {
	var out []SurfaceEntry
	for _, e := range list {
		if f, ok := e.(*SurfaceFor); ok && len(entriesWithText(f.Body)) == 0 {
			continue
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out
}

func (p *printer) surfaceItem(indent int, it *SurfaceItem) {
	x := ExprString(it.X)
	if it.When == nil {
		p.clause(indent, "", it.X, "", &it.Meta)
		return
	}
	line := x + " when " + ExprString(it.When)
	if fits(indent, withComment(line, &it.Meta)) {
		p.line(indent, withComment(line, &it.Meta))
		return
	}
	p.clause(indent, "", it.X, "", &it.Meta)
	p.clause(indent+1, "when", it.When, "", &Meta{})
}
