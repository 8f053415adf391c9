package typescript

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

func (x *extractor) exprPtr(n syntax.Node) *facts.Expr {
	return x.arena.Keep(x.expr(n))
}

// binaryOps maps JavaScript's binary operators to the neutral kind and
// operator (see facts.Expr for the added spellings).
var binaryOps = map[string]struct {
	kind facts.ExprKind
	op   string
}{
	"&&": {facts.ExprBoolOp, "and"}, "||": {facts.ExprBoolOp, "or"}, "??": {facts.ExprBoolOp, "or"},
	"<": {facts.ExprCompare, "<"}, "<=": {facts.ExprCompare, "<="}, ">": {facts.ExprCompare, ">"},
	">=": {facts.ExprCompare, ">="}, "==": {facts.ExprCompare, "=="}, "===": {facts.ExprCompare, "=="},
	"!=": {facts.ExprCompare, "!="}, "!==": {facts.ExprCompare, "!="}, "in": {facts.ExprCompare, "in"},
	"instanceof": {facts.ExprCompare, "instanceof"},
	"+":          {facts.ExprBinary, "+"}, "-": {facts.ExprBinary, "-"}, "*": {facts.ExprBinary, "*"},
	"/": {facts.ExprBinary, "/"}, "%": {facts.ExprBinary, "%"}, "**": {facts.ExprBinary, "**"},
	"<<": {facts.ExprBinary, "<<"}, ">>": {facts.ExprBinary, ">>"}, ">>>": {facts.ExprBinary, ">>>"},
	"&": {facts.ExprBinary, "&"}, "|": {facts.ExprBinary, "|"}, "^": {facts.ExprBinary, "^"},
}

// expr translates one expression node.
func (x *extractor) expr(n syntax.Node) facts.Expr {
	if x.depth >= maxDepth {
		x.file.Stats.DepthLimited++
		return x.opaqueExpr(n)
	}
	x.depth++
	defer func() { x.depth-- }()

	k := x.k
	e := facts.NewExpr(facts.ExprSpec{Line: n.Line()})
	switch n.Kind() {
	case k.identifier, k.shorthandPropertyIdentifier, k.typeIdentifier:
		e.Kind = facts.ExprName
		e.SetName(x.text(n))
		e.SetRaw(e.Name())
		e.SetResolved(x.resolve(e.Raw()))
	case k.this, k.super:
		e.Kind = facts.ExprName
		e.SetName(x.text(n))
		e.SetRaw(e.Name())
		e.SetResolved(e.Name())
	case k.undefined, k.null:
		e.Kind = facts.ExprNone
	case k.memberExpr:
		e.Kind = facts.ExprAttr
		obj := n.Field("object")
		if obj.IsNull() {
			return x.opaqueExpr(n)
		}
		e.X = x.exprPtr(obj)
		e.SetName(x.text(n.Field("property")))
		e.SetOptional(!n.Field("optional_chain").IsNull())
		if isDotted(e.X) {
			e.SetRaw(e.X.Raw() + "." + e.Name())
			e.SetResolved(x.resolve(e.Raw()))
		} else if spec, ok := x.requireSpec(obj); ok {
			// require("./create-invite").default: the member of the
			// module required in place, named as an import of it is.
			m, _ := resolveSpecifier(x.file.Path, spec)
			e.SetRaw(joinDotted(m, e.Name()))
			e.SetResolved(e.Raw())
		}
	case k.subscriptExpr:
		e.Kind = facts.ExprSubscript
		e.X = x.exprPtr(n.Field("object"))
		e.Y = x.exprPtr(n.Field("index"))
		e.SetOptional(!n.Field("optional_chain").IsNull())
	case k.callExpr, k.newExpr:
		x.callExpr(&e, n)
	case k.awaitExpr:
		c := x.named(n)
		if len(c) == 0 {
			return x.opaqueExpr(n)
		}
		inner := x.expr(c[0])
		inner.SetAwait(true)
		return inner
	case k.str:
		e.Kind = facts.ExprString
		e.SetValue(x.stringValue(n))
	case k.templateString:
		x.templateExpr(&e, n)
	case k.number:
		x.number(&e, n)
	case k.trueLit:
		e.Kind = facts.ExprBool
		e.SetValue("true")
	case k.falseLit:
		e.Kind = facts.ExprBool
		e.SetValue("false")
	case k.binaryExpr:
		op, ok := binaryOps[string(n.Field("operator").Bytes())]
		left, right := n.Field("left"), n.Field("right")
		if !ok || left.IsNull() || right.IsNull() {
			return x.opaqueExpr(n)
		}
		e.Kind = op.kind
		e.SetOp(op.op)
		e.X, e.Y = x.exprPtr(left), x.exprPtr(right)
	case k.unaryExpr:
		op := string(n.Field("operator").Bytes())
		arg := n.Field("argument")
		if arg.IsNull() {
			return x.opaqueExpr(n)
		}
		if op == "!" {
			op = "not"
		}
		if op == "void" && arg.Kind() == k.number {
			// `void 0` is how compiled code spells undefined.
			e.Kind = facts.ExprNone
			return e
		}
		e.Kind, e.X = facts.ExprUnary, x.exprPtr(arg)
		e.SetOp(op)
	case k.ternaryExpr:
		e.Kind = facts.ExprCond
		e.SetTest(x.exprPtr(n.Field("condition")))
		e.X = x.exprPtr(n.Field("consequence"))
		e.Y = x.exprPtr(n.Field("alternative"))
	case k.parenthesized, k.asExpr, k.satisfiesExpr, k.nonNullExpr, k.typeAssertion, k.instantiationExpr:
		// Parentheses and type-only wrappers (`x as User`, `x!`,
		// `<User>x`) mean the expression inside.
		for _, c := range x.named(n) {
			if c.Kind() == k.typeArguments {
				continue
			}
			inner := x.expr(c)
			inner.SetLine(e.Line())
			return inner
		}
		return x.opaqueExpr(n)
	case k.array:
		e.Kind = facts.ExprList
		e.SetArgs(x.elements(n))
	case k.object:
		x.object(&e, n)
	case k.spreadElement:
		c := x.named(n)
		if len(c) == 0 {
			return x.opaqueExpr(n)
		}
		e.Kind, e.X = facts.ExprStarred, x.exprPtr(c[0])
	case k.arrowFunction, k.functionExpr, k.functionKw, k.generatorFunction:
		name := x.text(n.Field("name"))
		f := x.function(n, name, nil, &scope{kind: scopeFunction, qual: x.innerQual()})
		e.Kind = facts.ExprFunction
		e.SetFunc(&f)
	case k.assignmentExpr:
		left := n.Field("left")
		if left.Kind() != k.identifier {
			return x.opaqueExpr(n)
		}
		e.Kind = facts.ExprWalrus
		e.SetName(x.text(left))
		e.X = x.exprPtr(n.Field("right"))
	case k.yieldExpr:
		e.Kind = facts.ExprYield
		if hasToken(n, k.tokStar) {
			e.SetOp("from")
		}
		if c := x.named(n); len(c) > 0 {
			e.X = x.exprPtr(c[0])
		}
	case k.sequenceExpr:
		// `(0, obj.fn)(x)`, as compilers call an import without a
		// receiver: a comma expression is worth its last operand, and
		// that is all it says when the others are literals with no
		// effect. Otherwise the effects would be lost; it stays opaque.
		parts := x.named(n)
		if len(parts) == 0 {
			return x.opaqueExpr(n)
		}
		for _, p := range parts[:len(parts)-1] {
			if k := p.Kind(); k != x.k.number && k != x.k.str && k != x.k.undefined && k != x.k.null {
				return x.opaqueExpr(n)
			}
		}
		inner := x.expr(parts[len(parts)-1])
		inner.SetLine(e.Line())
		return inner
	case k.objectPattern, k.arrayPattern, k.assignmentPattern, k.restPattern:
		return x.target(n)
	default:
		return x.opaqueExpr(n)
	}
	return e
}

// innerQual names the scope of a function expression: the function or
// class being walked, or the module.
func (x *extractor) innerQual() string {
	if x.qual != "" {
		return x.qual
	}
	return x.file.Module
}

// isDotted reports whether e is a plain dotted chain of names (an awaited
// one is not), whose Raw can be extended.
func isDotted(e *facts.Expr) bool {
	return (e.Kind == facts.ExprName || e.Kind == facts.ExprAttr) && e.Raw() != "" && !e.Await()
}

func (x *extractor) opaqueExpr(n syntax.Node) facts.Expr {
	x.file.Stats.OpaqueExprs++
	e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprOpaque, Name: x.g.KindName(n.Kind()), Line: n.Line()})
	e.SetText(clip(n.Bytes()))
	return e
}

// callExpr translates a call or `new` expression (a constructor call is a
// call, as in Python); the callee's dotted name is copied up.
func (x *extractor) callExpr(e *facts.Expr, n syntax.Node) {
	e.Kind = facts.ExprCall
	callee := n.Field("function")
	if n.Kind() == x.k.newExpr {
		callee = n.Field("constructor")
	}
	if callee.IsNull() {
		*e = x.opaqueExpr(n)
		return
	}
	e.X = x.exprPtr(callee)
	if isDotted(e.X) {
		e.SetRaw(e.X.Raw())
		e.SetResolved(e.X.Resolved())
	}
	// `f?.()`: the grammar marks an optional call with a bare `?.` token
	// where member and subscript accesses get an optional_chain node.
	e.SetOptional(!n.Field("optional_chain").IsNull() || hasToken(n, x.k.tokOptChain))
	args := n.Field("arguments")
	if args.Kind() == x.k.templateString {
		// A tagged template (sql`...`): the template is the argument.
		e.SetArgs(append(x.arena.Exprs(1), x.expr(args)))
		return
	}
	e.SetArgs(x.elements(args))
}

// elements translates the elements of an array or argument list
// (`...xs` is an ExprStarred).
func (x *extractor) elements(n syntax.Node) []facts.Expr {
	parts := x.named(n)
	if len(parts) == 0 {
		return nil
	}
	out := x.arena.Exprs(len(parts))
	for _, c := range parts {
		out = append(out, x.expr(c))
	}
	return out
}

// object translates an object literal into an ExprDict: an identifier key
// is the string it names, `{email}` is `{"email": email}`, a method is a
// function value and `...x` an entry with a nil Key.
func (x *extractor) object(e *facts.Expr, n syntax.Node) {
	e.Kind = facts.ExprDict
	parts := x.named(n)
	if len(parts) > 0 {
		e.SetEntries(make([]facts.DictEntry, 0, len(parts)))
	}
	for _, c := range parts {
		switch c.Kind() {
		case x.k.pair:
			e.SetEntries(append(e.Entries(), facts.DictEntry{Key: x.keyPtr(c.Field("key")), Value: x.expr(c.Field("value"))}))
		case x.k.shorthandPropertyIdentifier:
			e.SetEntries(append(e.Entries(), facts.DictEntry{Key: x.keyPtr(c), Value: x.expr(c)}))
		case x.k.spreadElement:
			if v := x.named(c); len(v) > 0 {
				e.SetEntries(append(e.Entries(), facts.DictEntry{Value: x.expr(v[0])}))
			}
		case x.k.methodDef:
			name := x.propertyName(c.Field("name"))
			f := x.function(c, name, nil, &scope{kind: scopeFunction, qual: x.innerQual()})
			fe := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprFunction, Line: c.Line()})
			fe.SetFunc(&f)
			e.SetEntries(append(e.Entries(), facts.DictEntry{Key: x.keyPtr(c.Field("name")), Value: fe}))
		}
	}
}

// keyPtr translates an object key: identifiers, strings and numbers as
// the string they name, a computed key `[k]` as its expression.
func (x *extractor) keyPtr(n syntax.Node) *facts.Expr {
	if n.Kind() == x.k.computedPropertyName {
		if c := x.named(n); len(c) > 0 {
			return x.exprPtr(c[0])
		}
		e := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprOpaque, Name: x.g.KindName(n.Kind()), Line: n.Line()})
		e.SetText(clip(n.Bytes()))
		return e
	}
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: x.propertyName(n), Line: n.Line()})
}

// target translates an assignment or declaration target, destructuring
// patterns included (see facts.Expr).
func (x *extractor) target(n syntax.Node) facts.Expr {
	k := x.k
	switch n.Kind() {
	case k.objectPattern:
		if x.depth >= maxDepth {
			x.file.Stats.DepthLimited++
			return x.opaqueExpr(n)
		}
		x.depth++
		defer func() { x.depth-- }()
		e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprDict, Line: n.Line()})
		for _, c := range x.named(n) {
			switch c.Kind() {
			case k.shorthandPropPattern:
				e.SetEntries(append(e.Entries(), facts.DictEntry{Key: x.keyPtr(c), Value: x.name(c)}))
			case k.pairPattern:
				e.SetEntries(append(e.Entries(), facts.DictEntry{Key: x.keyPtr(c.Field("key")), Value: x.target(c.Field("value"))}))
			case k.objectAssignmentPattern:
				left := c.Field("left")
				target := x.target(left)
				if left.Kind() == k.shorthandPropPattern {
					target = x.name(left)
				}
				e.SetEntries(append(e.Entries(), facts.DictEntry{Key: x.keyPtr(left),
					Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprDefault, X: &target, Y: x.exprPtr(c.Field("right")), Line: c.Line()})}))
			case k.restPattern:
				if v := x.named(c); len(v) > 0 {
					e.SetEntries(append(e.Entries(), facts.DictEntry{Value: x.target(v[0])}))
				}
			}
		}
		return e
	case k.arrayPattern:
		if x.depth >= maxDepth {
			x.file.Stats.DepthLimited++
			return x.opaqueExpr(n)
		}
		x.depth++
		defer func() { x.depth-- }()
		e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprList, Line: n.Line()})
		for _, c := range x.named(n) {
			e.SetArgs(append(e.Args(), x.target(c)))
		}
		return e
	case k.assignmentPattern:
		t := x.target(n.Field("left"))
		return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprDefault, X: &t, Y: x.exprPtr(n.Field("right")), Line: n.Line()})
	case k.restPattern:
		c := x.named(n)
		if len(c) == 0 {
			return x.opaqueExpr(n)
		}
		t := x.target(c[0])
		return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprStarred, X: &t, Line: n.Line()})
	case k.shorthandPropPattern:
		return x.name(n)
	}
	return x.expr(n)
}

func (x *extractor) targetPtr(n syntax.Node) *facts.Expr {
	e := x.target(n)
	return &e
}

// name is a plain name bound by a pattern: it binds, so nothing resolves.
func (x *extractor) name(n syntax.Node) facts.Expr {
	name := x.text(n)
	return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Raw: name, Line: n.Line()}).WithResolved(name)
}

// number translates a numeric literal: an integer when Go's
// strconv.ParseInt(v, 0, 64) reads it (underscores, 0x, 0o, 0b), else a
// float. A BigInt's `n` suffix is dropped.
func (x *extractor) number(e *facts.Expr, n syntax.Node) {
	v := strings.TrimSuffix(x.text(n), "n")
	if _, err := strconv.ParseInt(v, 0, 64); err == nil {
		e.Kind = facts.ExprInt
		e.SetValue(v)
		return
	}
	if isDecimalInt(v) {
		e.Kind = facts.ExprInt
		e.SetValue(v) // too large for int64, still an integer
		return
	}
	e.Kind = facts.ExprFloat
	e.SetValue(v)
}

func isDecimalInt(v string) bool {
	if v == "" {
		return false
	}
	for _, c := range v {
		if (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// templateExpr translates a template string: without substitutions it is
// a plain string, otherwise opaque like a Python f-string.
func (x *extractor) templateExpr(e *facts.Expr, n syntax.Node) {
	for _, c := range x.named(n) {
		if c.Kind() == x.k.templateSubstitution {
			e.Kind = facts.ExprFString
			e.SetText(clip(n.Bytes()))
			return
		}
	}
	text := n.Bytes()
	if len(text) >= 2 {
		text = text[1 : len(text)-1]
	}
	var b strings.Builder
	decodeEscapes(&b, text)
	e.Kind = facts.ExprString
	e.SetValue(b.String())
}

// stringValue returns the value of a string literal with its escapes
// decoded.
func (x *extractor) stringValue(n syntax.Node) string {
	text := n.Bytes()
	if len(text) >= 2 && (text[0] == '"' || text[0] == '\'') && text[len(text)-1] == text[0] {
		text = text[1 : len(text)-1]
	} else if len(text) >= 1 && (text[0] == '"' || text[0] == '\'') {
		text = text[1:] // unterminated, from error recovery
	}
	var b strings.Builder
	decodeEscapes(&b, text)
	return b.String()
}

// decodeEscapes appends s to b with JavaScript's backslash escapes
// decoded. An invalid escape keeps its character, as JavaScript does.
func decodeEscapes(b *strings.Builder, s []byte) {
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\\')
		if i < 0 || i == len(s)-1 {
			b.Write(s)
			return
		}
		b.Write(s[:i])
		s = s[i:]
		consumed := 2
		switch c := s[1]; c {
		case '\n':
			// line continuation
		case '\r':
			if len(s) > 2 && s[2] == '\n' {
				consumed = 3
			}
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '0':
			b.WriteByte(0)
		case 'x':
			if r, ok := hexRune(s[2:], 2); ok {
				b.WriteRune(r)
				consumed = 4
			} else {
				b.WriteByte('x')
			}
		case 'u':
			if len(s) > 2 && s[2] == '{' {
				end := bytes.IndexByte(s[3:], '}')
				if end > 0 && end <= 6 {
					if r, ok := hexRune(s[3:], end); ok {
						b.WriteRune(r)
						consumed = 4 + end
						break
					}
				}
				b.WriteByte('u')
			} else if r, ok := hexRune(s[2:], 4); ok {
				b.WriteRune(r)
				consumed = 6
			} else {
				b.WriteByte('u')
			}
		default:
			// `\'`, `\"`, `\\` and any other character stand for
			// themselves; a multi-byte rune is copied whole.
			_, size := utf8.DecodeRune(s[1:])
			b.Write(s[1 : 1+size])
			consumed = 1 + size
		}
		s = s[consumed:]
	}
}

// hexRune reads width hex digits from s.
func hexRune(s []byte, width int) (rune, bool) {
	if len(s) < width {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[:width]), 16, 32)
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, false
	}
	return rune(v), true
}

// clip copies at most facts.MaxText bytes of src, cut on a rune boundary.
func clip(src []byte) string {
	if len(src) <= facts.MaxText {
		return string(src)
	}
	cut := facts.MaxText
	for cut > 0 && !utf8.RuneStart(src[cut]) {
		cut--
	}
	return string(src[:cut])
}
