package allium

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// The round-trip tests of roundtrip_test.go and FuzzRoundTrip start from
// text, so they only ever see models the parser can build. The distiller
// builds models through the AST's own types, and a shape the parser never
// produces (an optional inline enum, say) can print as text the parser
// refuses: one such field cost a user the whole spec (issue 9). The tests
// here start from models: a generator builds random modules through the
// types, covering every type shape, expression form, clause form and
// declaration, and the module must survive print -> parse unchanged.
//
// The generator stays inside the models that have a text form of their own.
// The shapes left out are listed on genModule; each reads back as an
// equivalent model or is documented on the printer.

// genSrc is where the generator takes its decisions from: a seeded PRNG in
// the property test, the fuzzer's bytes in the fuzz target.
type genSrc interface {
	// intn returns a number in [0, n); n > 0.
	intn(n int) int
}

type randSrc struct{ r *rand.Rand }

func (s randSrc) intn(n int) int { return s.r.IntN(n) }

// byteSrc reads decisions from fuzz input. Once the bytes run out every
// decision is 0, which the generator treats as "the smallest form", so every
// input gives a finite module.
type byteSrc struct {
	data []byte
	i    int
}

func (s *byteSrc) intn(n int) int {
	if s.i >= len(s.data) {
		return 0
	}
	v := int(s.data[s.i])
	s.i++
	if n > 256 && s.i < len(s.data) {
		v = v<<8 | int(s.data[s.i])
		s.i++
	}
	return v % n
}

// gen builds random models.
type gen struct {
	src genSrc
	// decorate adds doc comments, trailing comments, blank lines and
	// provenance to constructs.
	decorate bool
	// ref keeps to the shapes the reference checker's parser reads too;
	// see genModule.
	ref      bool
	provLine int
}

func (g *gen) n(k int) int       { return g.src.intn(k) }
func (g *gen) chance(k int) bool { return g.n(k) == 0 } // 1 in k
func pick[T any](g *gen, list []T) T {
	return list[g.n(len(list))]
}

// Names are drawn from fixed lists: every one is valid (snake_case or
// PascalCase) and none is a keyword of the language; TestGenNamesAreNotKeywords
// holds the lists to that.
var (
	genSnake = []string{
		"email", "token", "user", "expires_at", "attempts", "owner", "used", "status", "count",
		"created_at", "password_hash", "reason", "member", "items", "quota", "locked_until", "kind",
		"role", "age", "x", "a1", "is_valid", "name", "total",
	}
	genPascal = []string{
		"User", "Token", "Session", "Invitation", "Email", "AuditEvent", "Account", "Team",
		"PasswordReset", "Order", "A", "Limit2",
	}
	genAliases   = []string{"oauth", "core", "google-oauth", "gp"}
	genBuiltins  = []string{"String", "Integer", "Boolean", "Timestamp", "Duration", "Decimal", "Email", "URL"}
	genGenerics  = []string{"Set", "List", "Sequence"}
	genQuoted    = []string{"in-progress", "2fa", "Hello World", "a.b", "x"}
	genUnits     = []string{"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"}
	genNumbers   = []string{"0", "1", "12", "0.5", "100_000", "3600"}
	genStrings   = []string{"", "welcome", "a \"quoted\" word", "back\\slash", "tab\there", "line\nbreak", "-- not a comment", "ünïcode", "cr\r", "nul\x00", "bad utf-8 \xff", `\n`}
	genComments  = []string{"note", "TODO: check the code", "--", "a -- b", "", "allium: 2", "x  y", "ünïcode", "{ not code }"}
	genKeywordID = []string{"now", "this", "config"}
)

// str is the text of a string literal. Bytes that are not UTF-8 print as
// they are (QuoteString keeps them); the reference reads only UTF-8 files.
func (g *gen) str() string {
	s := pick(g, genStrings)
	if g.ref && !utf8.ValidString(s) {
		return "welcome"
	}
	return s
}

func (g *gen) snake() string  { return pick(g, genSnake) }
func (g *gen) pascal() string { return pick(g, genPascal) }

// typeName is a PascalCase type name, qualified now and then.
func (g *gen) typeName() string {
	if g.chance(6) {
		return pick(g, genAliases) + "/" + g.pascal()
	}
	return g.pascal()
}

// defaultType is the type of a default instance; the reference reads a
// hyphenated alias in no qualified name there.
func (g *gen) defaultType() string {
	if g.ref {
		if g.chance(6) {
			return g.alias() + "/" + g.pascal()
		}
		return g.pascal()
	}
	return g.typeName()
}

func (g *gen) enumValues(min int) []EnumValue {
	k := min + g.n(3)
	out := make([]EnumValue, k)
	for i := range out {
		if g.chance(5) {
			out[i] = EnumValue{Name: pick(g, genQuoted), Quoted: true}
		} else {
			out[i] = EnumValue{Name: g.snake()}
		}
	}
	return out
}

// typ returns a type of any shape: named, qualified, generic, inline enum,
// each optional or not.
func (g *gen) typ(depth int) *Type {
	t := &Type{Optional: g.chance(3)}
	switch k := g.n(6); {
	case k == 0:
		t.Enum = g.enumValues(2)
	case k == 1 && depth > 0:
		t.Name = pick(g, genGenerics)
		t.Args = []*Type{g.typ(depth - 1)}
	case k == 2:
		t.Name = g.typeName()
	default:
		t.Name = pick(g, genBuiltins)
	}
	// A lone quoted value is an inline enum of one value (`a-b`); a lone
	// unquoted one would read as a type name.
	if t.Name == "" && g.chance(8) {
		t.Enum = []EnumValue{{Name: pick(g, genQuoted), Quoted: true}}
	}
	return t
}

// meta decorates a construct. blankOK says whether a blank line above it is
// part of the model there (items after the first of a block).
func (g *gen) meta(blankOK bool) Meta {
	var m Meta
	if !g.decorate {
		return m
	}
	if g.chance(4) {
		for range 1 + g.n(2) {
			m.Doc = append(m.Doc, g.commentText())
		}
	}
	if g.chance(4) {
		m.Comment = g.commentText()
		if m.Comment == "" {
			m.Comment = "c"
		}
	}
	if blankOK && g.chance(3) {
		m.Blank = true
	}
	if g.chance(3) {
		g.provLine++
		m.Prov = &Provenance{File: "app/models.py", Line: g.provLine}
	}
	return m
}

// commentText is comment text that has a text form: no line break, no
// trailing white space, not shaped like a provenance line. Now and then it
// is shaped like a section banner line, which must stay a comment.
func (g *gen) commentText() string {
	switch g.n(12) {
	case 0:
		return BannerRule
	case 1:
		return pick(g, Sections)
	case 2:
		return sectionBoilerplate[pick(g, Sections)]
	}
	return pick(g, genComments)
}

// ---- expressions ----

func (g *gen) ident() *Ident {
	switch g.n(10) {
	case 0:
		return &Ident{Name: pick(g, genKeywordID)}
	case 1:
		return &Ident{Name: g.pascal()}
	case 2:
		return &Ident{Name: pick(g, genAliases) + "/" + g.pascal()}
	}
	return &Ident{Name: g.snake()}
}

func (g *gen) leaf() Expr {
	switch g.n(9) {
	case 0:
		return &Lit{Kind: LitNumber, Text: pick(g, genNumbers)}
	case 1:
		return &Lit{Kind: LitString, Text: g.str()}
	case 2:
		return &Lit{Kind: LitBool, Text: pick(g, []string{"true", "false"})}
	case 3:
		return &Lit{Kind: LitNull, Text: "null"}
	case 4:
		return &Lit{Kind: LitBacktick, Text: pick(g, genQuoted)}
	case 5:
		return &Duration{Value: pick(g, genNumbers), Unit: pick(g, genUnits)}
	case 6:
		// config.x: a reference to a config parameter.
		return &Member{X: &Ident{Name: "config"}, Name: g.snake()}
	}
	return g.ident()
}

var genBinaryOps = []string{
	OpEq, OpNe, OpLt, OpLe, OpGt, OpGe, OpAdd, OpSub, OpMul, OpDiv, OpAnd, OpOr, OpImplies,
	OpIn, OpNotIn, OpCoalesce, OpTransitionsTo, OpBecomes,
}

// expr returns an expression of any form, at most depth levels deep.
func (g *gen) expr(depth int) Expr {
	if depth <= 0 || g.chance(4) {
		return g.leaf()
	}
	d := depth - 1
	switch g.n(16) {
	case 0:
		return &Member{X: g.memberBase(d), Name: g.snake(), Optional: g.chance(4)}
	case 1:
		return g.call(d)
	case 2:
		return &Lambda{Param: g.snake(), Body: g.expr(d)}
	case 3:
		j := &Join{Entity: g.typeName()}
		for range g.n(3) {
			f := JoinField{Name: g.snake()}
			if g.chance(2) {
				f.Value = g.expr(d)
			}
			j.Fields = append(j.Fields, f)
		}
		return j
	case 4, 5, 6:
		return &Binary{Op: pick(g, genBinaryOps), X: g.expr(d), Y: g.expr(d)}
	case 7:
		return &Unary{Op: pick(g, []string{OpNot, OpNeg, OpExists}), X: g.expr(d)}
	case 8:
		// not exists x: removal in ensures.
		return &Unary{Op: OpNot, X: &Unary{Op: OpExists, X: g.ident()}}
	case 9:
		return &Where{X: g.expr(d), Cond: g.expr(d)}
	case 10:
		s := &SetLit{}
		for range g.n(3) {
			s.Elems = append(s.Elems, g.expr(d))
		}
		return s
	case 11:
		l := &ListLit{}
		for range g.n(3) {
			l.Elems = append(l.Elems, g.expr(d))
		}
		return l
	case 12:
		// An empty object literal is written {} like an empty set and
		// reads back as one; see genModule.
		o := &ObjectLit{}
		for range 1 + g.n(3) {
			o.Fields = append(o.Fields, ObjectField{Name: g.snake(), Value: g.expr(d)})
		}
		return o
	case 13:
		e := &IfExpr{}
		for range 1 + g.n(2) {
			e.Branches = append(e.Branches, IfExprBranch{Cond: g.expr(d), Then: g.expr(d)})
		}
		if g.chance(2) {
			e.Else = g.expr(d)
		}
		return e
	case 14:
		// X.created(...): entity creation.
		return &Call{Fun: &Member{X: &Ident{Name: g.typeName()}, Name: "created"}, Args: g.args(d, true)}
	}
	return g.leaf()
}

// memberBase is the receiver of a member access. A number would join the
// member into a duration (1.hour) or a decimal, so it never is one.
func (g *gen) memberBase(depth int) Expr {
	x := g.expr(depth)
	if l, ok := x.(*Lit); ok && l.Kind == LitNumber {
		return g.ident()
	}
	return x
}

func (g *gen) call(depth int) Expr {
	var fun Expr
	switch g.n(5) {
	case 0:
		fun = &Member{X: g.memberBase(depth), Name: g.snake()}
	case 1:
		// Any expression can be called, in parentheses where needed;
		// the reference reads only names and member accesses.
		if !g.ref {
			fun = g.expr(depth)
			break
		}
		fun = &Ident{Name: g.snake()}
	case 2:
		fun = &Ident{Name: g.typeName()}
	default:
		fun = &Ident{Name: g.snake()}
	}
	return &Call{Fun: fun, Args: g.args(depth, g.chance(2))}
}

func (g *gen) args(depth int, named bool) []Arg {
	var out []Arg
	for range g.n(4) {
		a := Arg{Value: g.expr(depth)}
		if named {
			a.Name = g.snake()
		}
		out = append(out, a)
	}
	return out
}

// cond is a boolean-looking expression, as distilled guards are.
func (g *gen) cond(depth int) Expr {
	if g.chance(3) {
		return g.expr(depth)
	}
	ops := []string{OpEq, OpNe, OpLt, OpLe, OpGt, OpGe, OpIn, OpNotIn, OpAnd, OpOr}
	b := &Binary{Op: pick(g, ops), X: g.expr(depth - 1), Y: g.expr(depth - 1)}
	switch g.n(4) {
	case 0:
		return &Unary{Op: OpNot, X: b}
	case 1:
		return &Unary{Op: OpExists, X: g.ident()}
	}
	return b
}

// ---- statements ----

// ensuresStmt is a statement of an ensures block (or of a for/if inside one).
func (g *gen) ensuresStmt(depth int, first bool) Stmt {
	switch k := g.n(8); {
	case k == 0 && depth > 0:
		f := &For{Meta: g.meta(!first), Var: g.snake(), Coll: g.expr(2)}
		f.Body = g.stmtList(depth-1, g.ensuresStmt)
		return f
	case k == 1 && depth > 0:
		s := &If{Meta: g.meta(!first)}
		for range 1 + g.n(2) {
			s.Branches = append(s.Branches, IfBranch{Cond: g.cond(2), Body: g.stmtList(depth-1, g.ensuresStmt)})
		}
		if g.chance(2) {
			s.Else = g.stmtList(depth-1, g.ensuresStmt)
		}
		return s
	case k == 2:
		return &Let{Meta: g.meta(!first), Name: g.snake(), Value: g.expr(3)}
	case k == 3 || k == 4:
		target := Expr(&Member{X: g.ident(), Name: g.snake()})
		if g.chance(5) {
			target = g.expr(2)
		}
		return &Assign{Meta: g.meta(!first), Target: target, Value: g.expr(3)}
	}
	return &ExprStmt{Meta: g.meta(!first), X: g.expr(3)}
}

// invariantStmt is a line of an invariant body.
func (g *gen) invariantStmt(depth int, first bool) Stmt {
	switch k := g.n(4); {
	case k == 0 && depth > 0:
		f := &For{Meta: g.meta(!first), Var: g.snake(), Coll: g.expr(2)}
		f.Body = g.stmtList(depth-1, g.invariantStmt)
		return f
	case k == 1:
		return &Let{Meta: g.meta(!first), Name: g.snake(), Value: g.expr(3)}
	}
	return &ExprStmt{Meta: g.meta(!first), X: g.cond(3)}
}

// ruleClause is a clause of a rule body (or of a rule-level for).
func (g *gen) ruleClause(depth int, first bool) Stmt {
	switch k := g.n(6); {
	case k == 0 && depth > 0:
		f := &For{Meta: g.meta(!first), Var: g.snake(), Coll: g.expr(2)}
		f.Body = g.stmtList(depth-1, g.ruleClause)
		return f
	case k == 1:
		return &Let{Meta: g.meta(!first), Name: g.snake(), Value: g.expr(3)}
	case k == 2:
		return &Requires{Meta: g.meta(!first), Cond: g.cond(3)}
	}
	return &Ensures{Meta: g.meta(!first), Body: g.stmtList(depth, g.ensuresStmt)}
}

// stmtList returns one to three statements; blocks are never empty (an
// empty block has no text form: "ensures:" alone is an error).
func (g *gen) stmtList(depth int, one func(depth int, first bool) Stmt) []Stmt {
	k := 1 + g.n(3)
	out := make([]Stmt, k)
	for i := range out {
		out[i] = one(depth, i == 0)
	}
	return out
}

// ---- declarations ----

// state is a state name of a transition graph; the reference reads only
// plain names there.
func (g *gen) state() string {
	if g.ref {
		return g.snake()
	}
	return edgeName(g.enumValues(1)[0])
}

// alias is an import alias; the reference reads only plain names in "use"
// and config overrides (a hyphenated alias is read in qualified names).
func (g *gen) alias() string {
	a := pick(g, genAliases)
	if g.ref && strings.Contains(a, "-") {
		return "oauth"
	}
	return a
}

// members returns the body of an entity, value type or variant. blocks
// allows transition graphs, invariants and parameterised derived values,
// which the reference reads in entities only (it reads a variant's body
// like a join's fields).
func (g *gen) members(allowRel, blocks bool) []EntityMember {
	var out []EntityMember
	for range g.n(6) {
		first := len(out) == 0
		switch g.n(9) {
		case 0:
			if allowRel {
				out = append(out, &Relationship{Meta: g.meta(!first), Name: g.snake(), Entity: g.typeName(),
					With: &Binary{Op: OpEq, X: &Ident{Name: g.snake()}, Y: &Ident{Name: "this"}}})
				continue
			}
			fallthrough
		case 1:
			p := &Projection{Meta: g.meta(!first), Name: g.snake(), Source: &Ident{Name: g.snake()}, Where: g.cond(2)}
			if g.chance(4) {
				p.Source = g.expr(2)
			}
			if g.chance(2) {
				p.Map = g.snake()
				if g.chance(3) {
					p.Where = nil
				}
			}
			out = append(out, p)
		case 2:
			d := &Derived{Meta: g.meta(!first), Name: g.snake(), Value: g.derivedValue()}
			if blocks && g.chance(3) {
				d.Params = []string{g.snake()}
			}
			if g.chance(5) {
				d.When = g.fieldWhen()
			}
			out = append(out, d)
		case 3:
			if !blocks {
				continue
			}
			t := &Transitions{Meta: g.meta(!first), Field: g.snake()}
			for range g.n(3) {
				e := Edge{From: g.state(), To: g.state()}
				if g.decorate && g.chance(3) {
					e.Comment = "edge note"
				}
				t.Edges = append(t.Edges, e)
			}
			for range g.n(3) {
				t.Terminal = append(t.Terminal, g.state())
			}
			out = append(out, t)
		case 4:
			if !blocks {
				continue
			}
			out = append(out, &Invariant{Meta: g.meta(!first), Name: g.pascal(), Body: g.stmtList(1, g.invariantStmt)})
		default:
			f := &Field{Meta: g.meta(!first), Name: g.snake(), Type: g.typ(2)}
			if g.chance(5) {
				f.When = g.fieldWhen()
			}
			out = append(out, f)
		}
	}
	return out
}

// derivedValue is the value of a derived field; a where filter is common
// enough to be drawn on purpose.
func (g *gen) derivedValue() Expr {
	if g.chance(8) {
		return &Where{X: &Ident{Name: g.snake()}, Cond: g.cond(2)}
	}
	return g.expr(3)
}

func (g *gen) fieldWhen() *FieldWhen {
	w := &FieldWhen{Field: g.snake()}
	for _, v := range g.enumValues(1) {
		w.Values = append(w.Values, edgeName(v))
	}
	return w
}

func (g *gen) trigger() *Trigger {
	t := &Trigger{Meta: g.meta(false)}
	ent := &Ident{Name: g.typeName()}
	switch g.n(6) {
	case 0:
		t.Cond = &Binary{Op: OpTransitionsTo, X: &Member{X: ent, Name: g.snake()}, Y: &Ident{Name: g.snake()}}
	case 1:
		t.Cond = &Binary{Op: OpBecomes, X: &Member{X: ent, Name: g.snake()}, Y: &Ident{Name: g.snake()}}
	case 2:
		var y Expr = &Ident{Name: "now"}
		if g.chance(2) {
			y = &Binary{Op: OpSub, X: y, Y: &Duration{Value: "1", Unit: "hour"}}
		}
		t.Cond = &Binary{Op: pick(g, []string{OpLe, OpLt, OpGe}), X: &Member{X: ent, Name: g.snake()}, Y: y}
	case 3:
		t.Cond = &Member{X: ent, Name: g.snake()}
	case 4:
		t.Cond = &Member{X: ent, Name: "created"}
	default:
		t.Kind = TriggerExternal
		t.Name = g.typeName()
		for range g.n(3) {
			name := g.snake()
			if g.chance(6) {
				name = "_"
			}
			t.Params = append(t.Params, TriggerParam{Name: name, Optional: g.chance(4)})
		}
		return t
	}
	t.Kind = classifyTrigger(t.Cond)
	switch g.n(6) {
	case 0:
	case 1:
		t.Binding = "_"
	default:
		t.Binding = g.snake()
	}
	return t
}

func (g *gen) annotation(kind string, blankOK bool) *Annotation {
	a := &Annotation{Meta: g.meta(blankOK), Kind: kind}
	if kind != "guidance" {
		a.Name = g.pascal()
	}
	// The reference wants at least one comment line under an annotation.
	k := g.n(3)
	if g.ref && k == 0 {
		k = 1
	}
	for range k {
		l := pick(g, genComments)
		// Nor does it count an empty comment, or one of dashes, as one.
		if g.ref && (l == "" || l == "--") {
			l = "note"
		}
		a.Lines = append(a.Lines, l)
	}
	return a
}

func (g *gen) surfaceEntries(depth int) []SurfaceEntry {
	var out []SurfaceEntry
	for i := range 1 + g.n(2) {
		if depth > 0 && g.chance(4) {
			out = append(out, &SurfaceFor{Meta: g.meta(i > 0), Var: g.snake(), Coll: g.expr(2), Body: g.surfaceEntries(depth - 1)})
			continue
		}
		it := &SurfaceItem{Meta: g.meta(i > 0), X: g.expr(2)}
		if g.chance(3) {
			it.When = g.cond(2)
		}
		out = append(out, it)
	}
	return out
}

func (g *gen) surface() *Surface {
	s := &Surface{Meta: g.meta(false), Name: g.pascal()}
	if g.chance(2) {
		b := g.meta(false)
		b.Blank = false
		s.Facing = &SurfaceBinding{Meta: b, Name: g.snake(), Type: g.pascal()}
	}
	if g.chance(2) {
		b := g.meta(false)
		b.Blank = false
		s.Context = &SurfaceBinding{Meta: b, Name: g.snake(), Type: g.pascal()}
		if g.chance(2) {
			s.Context.Where = g.cond(2)
		}
	}
	for range g.n(2) {
		s.Lets = append(s.Lets, &Let{Meta: g.meta(false), Name: g.snake(), Value: g.expr(2)})
	}
	for _, dst := range []*[]SurfaceEntry{&s.Exposes, &s.Provides, &s.Related, &s.Timeout} {
		if g.chance(2) {
			*dst = g.surfaceEntries(1)
		}
	}
	for i := range g.n(3) {
		s.Contracts = append(s.Contracts, &ContractRef{Meta: g.meta(i > 0), Demands: g.chance(2), Name: g.pascal()})
	}
	for range g.n(2) {
		s.Annotations = append(s.Annotations, g.annotation("guarantee", false))
	}
	if g.chance(3) {
		s.Annotations = append(s.Annotations, g.annotation("guidance", false))
	}
	return s
}

// genModule builds a random module: every declaration kind, every type
// shape, every expression and clause form.
//
// Left out, because they have no text form of their own and read back as an
// equivalent model (see the printer's doc): an empty object literal (reads
// as an empty set), a projection with neither filter nor mapping (reads as a
// derived value); a type or join named in lower case; a number literal with
// a sign, or as the receiver of a member access; comment text with line
// breaks or trailing white space. Empty statement blocks and rule-level
// statements other than let, requires, ensures and for, which the printer
// rewrites, are rows of TestModelRoundTripRegressions.
//
// With ref set it keeps to what the reference's parser reads as well, which
// is less than ours reads: no hyphenated alias in "use", a config override
// or a default's type; plain names only as states of a transition graph;
// at least one non-empty comment line under an annotation; no transition
// graph, invariant or parameterised derived value in a value type or a
// variant; no inline enum as a signature's result; only names and member
// accesses called; UTF-8 strings only.
func genModule(src genSrc, decorate, ref bool) *Module {
	g := &gen{src: src, decorate: decorate, ref: ref}
	m := &Module{Version: 3}
	if decorate && g.chance(3) {
		m.Header = []string{g.commentText()}
	}
	if decorate && g.chance(20) {
		// A module of comments only: the header and the trailer have no
		// declaration between them to tell them apart.
		m.Trailer = []string{g.commentText()}
		return m
	}
	for i := range g.n(3) {
		alias := g.alias()
		m.Uses = append(m.Uses, &Use{Meta: g.meta(i > 0), Path: "./" + alias + ".allium", Alias: alias})
	}
	for i := range g.n(3) {
		m.Given = append(m.Given, &GivenBinding{Meta: g.meta(i > 0), Name: g.snake(), Type: g.typ(1)})
	}
	for range g.n(2) {
		m.Externals = append(m.Externals, &Entity{Meta: g.meta(false), Name: g.pascal(), External: true, Members: g.members(false, true)})
	}
	for range g.n(2) {
		m.Values = append(m.Values, &ValueType{Meta: g.meta(false), Name: g.pascal(), Members: g.members(false, !g.ref)})
	}
	for range g.n(2) {
		c := &Contract{Meta: g.meta(false), Name: g.pascal()}
		for i := range g.n(3) {
			sg := &Signature{Meta: g.meta(i > 0), Name: g.snake(), Result: g.typ(1)}
			if g.ref && sg.Result.Name == "" {
				// The reference reads no inline enum as a result type.
				sg.Result = &Type{Name: g.pascal()}
			}
			for range g.n(3) {
				sg.Params = append(sg.Params, Param{Name: g.snake(), Type: g.typ(1)})
			}
			c.Signatures = append(c.Signatures, sg)
		}
		for i := range g.n(2) {
			c.Annotations = append(c.Annotations, g.annotation("invariant", i > 0 || len(c.Signatures) > 0))
		}
		if g.chance(3) {
			c.Annotations = append(c.Annotations, g.annotation("guidance", len(c.Annotations) > 0 || len(c.Signatures) > 0))
		}
		m.Contracts = append(m.Contracts, c)
	}
	for range g.n(3) {
		e := &Enum{Meta: g.meta(false), Name: g.pascal()}
		if !g.chance(5) {
			e.Values = g.enumValues(1)
		}
		m.Enums = append(m.Enums, e)
	}
	for range 1 + g.n(3) {
		m.Entities = append(m.Entities, &Entity{Meta: g.meta(false), Name: g.pascal(), Members: g.members(true, true)})
	}
	for range g.n(2) {
		base := g.pascal()
		if g.chance(2) {
			base = pick(g, m.Entities).Name
		}
		m.Variants = append(m.Variants, &Variant{Meta: g.meta(false), Name: g.pascal(), Base: base, Members: g.members(true, !g.ref)})
	}
	for i := range g.n(4) {
		c := &ConfigParam{Meta: g.meta(i > 0), Name: g.snake(), Type: g.typ(1)}
		if g.chance(4) {
			c.Default = g.expr(2)
		}
		m.Config = append(m.Config, c)
	}
	for range g.n(2) {
		o := &ConfigOverride{Meta: g.meta(false), Alias: g.alias()}
		for i := range 1 + g.n(2) {
			o.Settings = append(o.Settings, &ConfigSetting{Meta: g.meta(i > 0), Name: g.snake(), Value: g.expr(2)})
		}
		m.ConfigOverrides = append(m.ConfigOverrides, o)
	}
	for range g.n(2) {
		d := &Default{Meta: g.meta(false), Type: g.defaultType(), Name: g.snake(), Value: g.expr(2)}
		if g.chance(2) {
			d.Value = &ObjectLit{Fields: []ObjectField{{Name: g.snake(), Value: g.expr(2)}}}
		}
		m.Defaults = append(m.Defaults, d)
	}
	for range 1 + g.n(3) {
		r := &Rule{Meta: g.meta(false), Name: g.pascal()}
		if !g.chance(8) {
			r.Trigger = g.trigger()
		}
		// A rule without clauses prints as an empty body.
		for i := range g.n(5) {
			r.Body = append(r.Body, g.ruleClause(2, i == 0 && r.Trigger == nil))
		}
		if g.chance(4) {
			r.Guidance = g.annotation("guidance", r.Trigger != nil || len(r.Body) > 0)
		}
		m.Rules = append(m.Rules, r)
	}
	for range g.n(2) {
		inv := &Invariant{Meta: g.meta(false), Name: g.pascal(), Body: g.stmtList(2, g.invariantStmt)}
		m.Invariants = append(m.Invariants, inv)
	}
	for range g.n(2) {
		a := &Actor{Meta: g.meta(false), Name: g.pascal()}
		if g.chance(2) {
			a.Within = g.pascal()
		}
		if g.chance(2) {
			a.IdentifiedBy = &Where{X: &Ident{Name: g.pascal()}, Cond: g.cond(2)}
		}
		m.Actors = append(m.Actors, a)
	}
	for range g.n(3) {
		m.Surfaces = append(m.Surfaces, g.surface())
	}
	for range g.n(2) {
		m.Deferred = append(m.Deferred, &Deferred{Meta: g.meta(false), Name: g.pascal() + "." + g.snake()})
	}
	for range g.n(2) {
		m.OpenQuestions = append(m.OpenQuestions, &OpenQuestion{Meta: g.meta(false), Text: g.str()})
	}
	if decorate && g.chance(3) {
		m.Trailer = []string{g.commentText()}
	}
	return m
}

// checkModelRoundTrip prints m, parses the text and compares. m is changed:
// its variants are put in print order, and without provenance in opt its
// provenance is cleared (the text then has none to give back).
func checkModelRoundTrip(t testing.TB, m *Module, opt PrintOptions) []byte {
	t.Helper()
	out := Print(m, opt)
	m2, diags := Parse("printed.allium", out)
	if len(diags) > 0 {
		t.Fatalf("printed text does not parse: %v\nprinted:\n%s", diags, out)
	}
	m.Variants = variantsInPrintOrder(m)
	if !opt.Provenance {
		clearProvenance(m)
	}
	if !reflect.DeepEqual(withoutPos(m), withoutPos(m2)) {
		t.Fatalf("parse(print(m)) differs from m (-want +got):\n%s\nprinted:\n%s", cmp.Diff(m, m2, ignorePos), out)
	}
	if out2 := Print(m2, opt); !bytes.Equal(out, out2) {
		t.Fatalf("print is not a fixed point (-first +second):\n%s", cmp.Diff(string(out), string(out2)))
	}
	return out
}

// propertyModules is how many modules the property test builds; each is
// printed, parsed and compared in well under a millisecond.
const propertyModules = 3000

// TestPropertyBuildPrintParse builds random modules through the AST's types
// (seeded, so a failure reproduces) and checks that each survives print ->
// parse unchanged, with and without decorations (comments, blank lines,
// provenance). Where the reference checker is available it also reads a
// sample of the printed modules and must report no parse error.
func TestPropertyBuildPrintParse(t *testing.T) {
	var sample [][]byte
	for i := range propertyModules {
		seed := uint64(i)
		src := randSrc{rand.New(rand.NewPCG(seed, 0x5eed))}
		decorate := i%2 == 1
		// Every 50th module keeps to the reference's grammar and goes to
		// the reference checker too.
		ref := i%50 == 0
		m := genModule(src, decorate, ref)
		opt := PrintOptions{Provenance: i%4 == 1}
		var out []byte
		// One subtest per seed: -run 'TestPropertyBuildPrintParse/seed=N'
		// replays one module.
		ok := t.Run("seed="+strconv.FormatUint(seed, 10), func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("decorate %v, ref %v, provenance %v", decorate, ref, opt.Provenance)
				}
			}()
			out = checkModelRoundTrip(t, m, opt)
		})
		if !ok {
			t.FailNow()
		}
		if ref && out != nil {
			sample = append(sample, out)
		}
	}
	// A subtest, so that without the reference only this part is skipped.
	t.Run("reference", func(t *testing.T) { checkReferenceParses(t, sample) })
}

// FuzzBuildPrintParse is the property test driven by the fuzzer: the input
// bytes are the generator's decisions, so the fuzzer explores models rather
// than text.
func FuzzBuildPrintParse(f *testing.F) {
	for i := range 16 {
		seed := make([]byte, 64)
		r := rand.New(rand.NewPCG(uint64(i), 1))
		for j := range seed {
			seed[j] = byte(r.IntN(256))
		}
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// The first byte chooses the options; the rest build the module.
		var flags byte
		if len(data) > 0 {
			flags, data = data[0], data[1:]
		}
		m := genModule(&byteSrc{data: data}, flags&1 != 0, flags&4 != 0)
		checkModelRoundTrip(t, m, PrintOptions{Provenance: flags&2 != 0})
	})
}

// referenceDiag is one diagnostic of `allium check`.
type referenceDiag struct {
	Code     *string `json:"code"`
	Severity string  `json:"severity"`
	Message  string  `json:"message"`
	Location struct {
		File string `json:"file"`
		Line int    `json:"line"`
		Col  int    `json:"col"`
	} `json:"location"`
}

// checkReferenceParses runs the reference checker on the printed modules and
// fails on any parse error. Random modules are not semantically closed
// (names are undefined, types do not match), so semantic findings are
// expected and ignored: the reference reports its parse errors without a
// diagnostic code (code null, "expected ..., found ..."), every semantic
// check with a code ("allium.reference.undefined...").
func checkReferenceParses(t *testing.T, texts [][]byte) {
	t.Helper()
	bin := os.Getenv("ALLIUM_BIN")
	if bin == "" {
		t.Skip("ALLIUM_BIN is not set: the printed modules were not checked with the reference Allium checker")
	}
	if len(texts) == 0 {
		t.Skip("no module in the sample (the run was filtered)")
	}
	dir := t.TempDir()
	files := make([]string, len(texts))
	for i, txt := range texts {
		files[i] = filepath.Join(dir, "m"+strconv.Itoa(i)+".allium")
		if err := os.WriteFile(files[i], txt, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(bin, append([]string{"check"}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// It exits with 1 when a file has errors, which random modules have.
	out, err := cmd.Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("%s check: %v\n%s", bin, err, stderr.Bytes())
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	seen := 0
	for dec.More() {
		var res struct {
			SpecFile    string          `json:"spec_file"`
			Diagnostics []referenceDiag `json:"diagnostics"`
		}
		if err := dec.Decode(&res); err != nil {
			t.Fatalf("decoding the reference's output: %v", err)
		}
		seen++
		// The first parse error of a file is the one to read: the others
		// are usually its consequences.
		for _, d := range res.Diagnostics {
			if d.Code == nil && d.Severity == "error" {
				src, _ := os.ReadFile(d.Location.File)
				lines := strings.Split(string(src), "\n")
				line := ""
				if d.Location.Line >= 1 && d.Location.Line <= len(lines) {
					line = lines[d.Location.Line-1]
				}
				t.Errorf("reference parse error at %s:%d:%d: %s\n    %s\nprinted:\n%s", filepath.Base(d.Location.File),
					d.Location.Line, d.Location.Col, d.Message, line, src)
				break
			}
		}
	}
	if seen != len(files) {
		t.Fatalf("the reference reported on %d files, want %d: %v\n%s", seen, len(files), err, stderr.Bytes())
	}
}

// TestGenNamesAreNotKeywords holds the generator's name lists to valid
// names: PascalCase or snake_case, never a word the parser reserves or reads
// as a literal or a clause keyword.
func TestGenNamesAreNotKeywords(t *testing.T) {
	keywords := map[string]bool{"true": true, "false": true, "null": true, "if": true, "not": true,
		"exists": true, "when": true, "transitions": true, "invariant": true, "terminal": true,
		"facing": true, "context": true, "exposes": true, "provides": true, "related": true,
		"timeout": true, "contracts": true, "identified_by": true, "within": true, "demands": true,
		"fulfils": true, "question": true, "as": true}
	for k := range reservedWords {
		keywords[k] = true
	}
	for k := range topKeywords {
		keywords[k] = true
	}
	for k := range durationUnits {
		keywords[k] = true
	}
	check := func(list []string, pascal bool) {
		for _, n := range list {
			ok := n != "" && isIdentStart(n[0]) && !keywords[n] && strings.IndexFunc(n, func(r rune) bool {
				return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
			}) < 0 && isPascal(n) == pascal
			if !ok {
				t.Errorf("generator name %q is not a valid %s name", n, map[bool]string{true: "PascalCase", false: "snake_case"}[pascal])
			}
		}
	}
	check(genSnake, false)
	check(genPascal, true)
}
