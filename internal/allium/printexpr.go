package allium

import (
	"strings"
)

// Operator precedence, loosest first. The parser uses the same table, so an
// expression printed with the minimal parentheses parses back to itself.
const (
	precWhere    = iota // where, lambda, inline if
	precImplies         // implies
	precOr              // or
	precAnd             // and
	precNot             // not, exists
	precCompare         // = != < <= > >= in, not in, transitions_to, becomes
	precCoalesce        // ??
	precAdd             // + -
	precMul             // * /
	precNeg             // unary minus
	precPostfix         // x.f, x?.f, f(x), X{...}, literals, names
)

// binaryPrec returns the precedence of a binary operator.
func binaryPrec(op string) int {
	switch op {
	case OpImplies:
		return precImplies
	case OpOr:
		return precOr
	case OpAnd:
		return precAnd
	case OpEq, OpNe, OpLt, OpLe, OpGt, OpGe, OpIn, OpNotIn, OpTransitionsTo, OpBecomes:
		return precCompare
	case OpCoalesce:
		return precCoalesce
	case OpAdd, OpSub:
		return precAdd
	case OpMul, OpDiv:
		return precMul
	}
	return precPostfix
}

// exprPrec returns the precedence of the expression's outermost operator.
func exprPrec(e Expr) int {
	switch e := e.(type) {
	case *Binary:
		return binaryPrec(e.Op)
	case *Unary:
		if e.Op == OpNeg {
			return precNeg
		}
		return precNot
	case *Where, *Lambda, *IfExpr:
		return precWhere
	}
	return precPostfix
}

// ExprString prints an expression on one line in canonical form, with the
// fewest parentheses that keep its structure.
func ExprString(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e, precWhere)
	return b.String()
}

// parenExpr is an expression the printer must write in parentheses although
// the precedence table alone would not ask for them: where a clause reads a
// narrower grammar than a full expression (a statement of an ensures block,
// a where condition), or where the text would read as another construct (a
// derived value that looks like a field type). The printer makes it on the
// fly; it never appears in a model.
type parenExpr struct {
	ExprPos
	X Expr
}

func (*parenExpr) exprNode() {}

// parens returns e wrapped in a parenExpr when its outermost operator binds
// more loosely than min, which the clause being printed reads.
func parens(e Expr, min int) Expr {
	if e != nil && exprPrec(e) < min {
		return &parenExpr{X: e}
	}
	return e
}

// writeExpr writes e, parenthesised when its precedence is below min.
func writeExpr(b *strings.Builder, e Expr, min int) {
	if e == nil {
		return
	}
	if exprPrec(e) < min {
		b.WriteByte('(')
		writeExpr(b, e, precWhere)
		b.WriteByte(')')
		return
	}
	switch e := e.(type) {
	case *parenExpr:
		b.WriteByte('(')
		writeExpr(b, e.X, precWhere)
		b.WriteByte(')')
	case *Ident:
		b.WriteString(e.Name)
	case *Lit:
		writeLit(b, e)
	case *Duration:
		b.WriteString(e.Value)
		b.WriteByte('.')
		b.WriteString(e.Unit)
	case *Member:
		writeExpr(b, e.X, precPostfix)
		if e.Optional {
			b.WriteString("?.")
		} else {
			b.WriteByte('.')
		}
		b.WriteString(e.Name)
	case *Call:
		writeExpr(b, e.Fun, precPostfix)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			writeArg(b, a)
		}
		b.WriteByte(')')
	case *Lambda:
		b.WriteString(e.Param)
		b.WriteString(" => ")
		writeExpr(b, e.Body, precWhere)
	case *Join:
		b.WriteString(e.Entity)
		b.WriteByte('{')
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Name)
			if f.Value != nil {
				b.WriteString(": ")
				writeExpr(b, f.Value, precWhere+1)
			}
		}
		b.WriteByte('}')
	case *Binary:
		p := binaryPrec(e.Op)
		// Left-associative: the left operand may share the precedence, the
		// right operand must bind tighter. Comparisons do not chain, so both
		// of their operands must bind tighter.
		left := p
		if p == precCompare {
			left = p + 1
		}
		writeExpr(b, e.X, left)
		b.WriteByte(' ')
		b.WriteString(e.Op)
		b.WriteByte(' ')
		writeExpr(b, e.Y, p+1)
	case *Unary:
		switch e.Op {
		case OpNeg:
			b.WriteByte('-')
			// "--" starts a comment: a negation of a negation (or of a
			// number written with its sign) takes parentheses.
			if startsWithMinus(e.X) {
				b.WriteByte('(')
				writeExpr(b, e.X, precWhere)
				b.WriteByte(')')
			} else {
				writeExpr(b, e.X, precNeg)
			}
		case OpExists:
			b.WriteString("exists ")
			writeExpr(b, e.X, precPostfix)
		default:
			b.WriteString(e.Op)
			b.WriteByte(' ')
			writeExpr(b, e.X, precNot)
		}
	case *Where:
		writeExpr(b, e.X, precImplies)
		b.WriteString(" where ")
		writeExpr(b, e.Cond, precImplies)
	case *SetLit:
		b.WriteByte('{')
		writeList(b, e.Elems)
		b.WriteByte('}')
	case *ListLit:
		b.WriteByte('[')
		writeList(b, e.Elems)
		b.WriteByte(']')
	case *ObjectLit:
		if len(e.Fields) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{ ")
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Name)
			b.WriteString(": ")
			writeExpr(b, f.Value, precWhere+1)
		}
		b.WriteString(" }")
	case *IfExpr:
		for i, br := range e.Branches {
			if i > 0 {
				b.WriteString(" else ")
			}
			b.WriteString("if ")
			writeExpr(b, br.Cond, precImplies)
			b.WriteString(": ")
			writeExpr(b, br.Then, precImplies)
		}
		if e.Else != nil {
			b.WriteString(" else: ")
			writeExpr(b, e.Else, precImplies)
		}
	}
}

// startsWithMinus reports whether e, printed at the precedence of a unary
// minus' operand, starts with a minus sign.
func startsWithMinus(e Expr) bool {
	switch e := e.(type) {
	case *Unary:
		return e.Op == OpNeg
	case *Lit:
		return strings.HasPrefix(e.Text, "-")
	case *Duration:
		return strings.HasPrefix(e.Value, "-")
	}
	return false
}

func writeArg(b *strings.Builder, a Arg) {
	if a.Name != "" {
		b.WriteString(a.Name)
		b.WriteString(": ")
	}
	// A lambda is the one loose-binding form allowed bare in an argument.
	if _, ok := a.Value.(*Lambda); ok {
		writeExpr(b, a.Value, precWhere)
		return
	}
	writeExpr(b, a.Value, precWhere+1)
}

func writeList(b *strings.Builder, elems []Expr) {
	for i, x := range elems {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, x, precWhere+1)
	}
}

func writeLit(b *strings.Builder, l *Lit) {
	switch l.Kind {
	case LitString:
		b.WriteString(QuoteString(l.Text))
	case LitBacktick:
		b.WriteByte('`')
		b.WriteString(l.Text)
		b.WriteByte('`')
	default:
		b.WriteString(l.Text)
	}
}

// QuoteString writes s as an Allium string literal: double quotes, with
// backslash escapes for the quote, the backslash and control characters.
// It works on bytes, not runes, so that bytes that are not valid UTF-8 are
// written back unchanged rather than replaced by U+FFFD.
func QuoteString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch r := s[i]; r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TypeString prints a type: String, Set<User>, Timestamp?, pending | active.
func TypeString(t *Type) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	writeType(&b, t)
	return b.String()
}

func writeType(b *strings.Builder, t *Type) {
	if t.Name == "" {
		b.WriteString(EnumString(t.Enum))
	} else {
		b.WriteString(t.Name)
		if len(t.Args) > 0 {
			b.WriteByte('<')
			for i, a := range t.Args {
				if i > 0 {
					b.WriteString(", ")
				}
				writeType(b, a)
			}
			b.WriteByte('>')
		}
	}
	if t.Optional {
		b.WriteByte('?')
	}
}

// EnumString prints enum values separated by " | ", backtick-quoting where
// the value was quoted.
func EnumString(vals []EnumValue) string {
	var b strings.Builder
	for i, v := range vals {
		if i > 0 {
			b.WriteString(" | ")
		}
		if v.Quoted {
			b.WriteByte('`')
			b.WriteString(v.Name)
			b.WriteByte('`')
		} else {
			b.WriteString(v.Name)
		}
	}
	return b.String()
}
