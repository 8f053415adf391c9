package facts

import (
	"fmt"
	"strconv"
	"strings"
)

// ExprKind is the kind of an expression: a small number, written (by
// String and in JSON) as its name, "call" or "name"; the zero ExprKind is
// no kind and is written "". It is a uint16, not a uint8, so that
// string(kind), which would make a one-rune string of the number, is
// refused by go vet (and so by go test): write kind.String().
type ExprKind uint16

// Expression kinds. The comment on each says which Expr fields it uses.
const (
	// ExprName: Name (identifier), Raw, Resolved.
	ExprName ExprKind = iota + 1
	// ExprAttr: X (receiver), Name (attribute), Raw and Resolved when the
	// receiver is a plain dotted chain (`db.session.add`).
	ExprAttr
	// ExprCall: X (callee as written), Args (positional, *args as
	// ExprStarred), Keywords (**kwargs as Keyword{Name: "**"}), and Raw and
	// Resolved copied from a dotted callee (`flask_mail.Message`).
	ExprCall
	// ExprString: Value is the string's content with simple escapes
	// decoded; adjacent literals are joined.
	ExprString
	// ExprFString: an f-string, opaque; Text is its source.
	ExprFString
	// ExprInt and ExprFloat: Value is the number as written ("3_600",
	// "0x1F", "1e3"); strconv.ParseInt(v, 0, 64) accepts the int forms.
	ExprInt
	ExprFloat
	// ExprBool: Value is "true" or "false".
	ExprBool
	// ExprNone: the None literal.
	ExprNone
	// ExprBinary: X Op Y with Op one of + - * / // % ** @ << >> & | ^.
	ExprBinary
	// ExprCompare: X Op Y with Op one of < <= > >= == != in "not in" is
	// "is not". A chain `a < b < c` becomes `a < b and b < c`.
	ExprCompare
	// ExprBoolOp: X Op Y with Op "and" or "or".
	ExprBoolOp
	// ExprUnary: Op X with Op "not", "-", "+" or "~".
	ExprUnary
	// ExprSubscript: X[Y]; several indices make Y an ExprTuple.
	ExprSubscript
	// ExprSlice: a slice `a:b:c` inside a subscript; Text is its source.
	ExprSlice
	// ExprList, ExprTuple, ExprSet: Args are the elements.
	ExprList
	ExprTuple
	ExprSet
	// ExprDict: Entries; a `**spread` entry has a nil Key.
	ExprDict
	// ExprCond: X if Test else Y.
	ExprCond
	// ExprLambda: opaque; Text is its source.
	ExprLambda
	// ExprStarred: *X in a call, list or assignment target.
	ExprStarred
	// ExprComprehension: a list/set/dict comprehension or generator;
	// Text is its source, Name the comprehension kind. With one plain
	// for clause, a list, set or generator comprehension also has Args:
	// the element, the loop target, the iterable, then each `if`
	// condition (Comprehension reads them); otherwise Args is nil and the
	// comprehension is opaque.
	ExprComprehension
	// ExprWalrus: Name := X.
	ExprWalrus
	// ExprYield: yield X (X nil for a bare yield); Op is "from" for
	// `yield from`.
	ExprYield
	// ExprEllipsis: the `...` literal.
	ExprEllipsis
	// ExprOpaque: anything else; Name is the syntax kind, Text the source.
	ExprOpaque

	// The kinds below were added for TypeScript and JavaScript; they are
	// language-neutral and a Python extractor may produce them too.

	// ExprFunction: a function written as an expression, e.g. a callback
	// `router.post("/login", auth, async (req, res) => {...})` or a
	// function passed to a decorator; Func holds it whole (parameters and
	// body; an expression body is one StmtReturn). Func.Name is empty for
	// an anonymous function and Func.QualName is the enclosing scope's
	// name plus "<anonymous:LINE>". ExprLambda stays the opaque form.
	ExprFunction
	// ExprDefault: a destructuring target X with a default value Y, as in
	// `const {role = "user"} = body` or the parameter `({page = 1})`.
	ExprDefault
)

// exprKindNames are the names of the expression kinds, by value.
var exprKindNames = [...]string{
	0:                 "",
	ExprName:          "name",
	ExprAttr:          "attr",
	ExprCall:          "call",
	ExprString:        "string",
	ExprFString:       "fstring",
	ExprInt:           "int",
	ExprFloat:         "float",
	ExprBool:          "bool",
	ExprNone:          "none",
	ExprBinary:        "binary",
	ExprCompare:       "compare",
	ExprBoolOp:        "boolop",
	ExprUnary:         "unary",
	ExprSubscript:     "subscript",
	ExprSlice:         "slice",
	ExprList:          "list",
	ExprTuple:         "tuple",
	ExprSet:           "set",
	ExprDict:          "dict",
	ExprCond:          "cond",
	ExprLambda:        "lambda",
	ExprStarred:       "starred",
	ExprComprehension: "comprehension",
	ExprWalrus:        "walrus",
	ExprYield:         "yield",
	ExprEllipsis:      "ellipsis",
	ExprOpaque:        "opaque",
	ExprFunction:      "function",
	ExprDefault:       "default",
}

// String returns the kind's name ("call").
func (k ExprKind) String() string {
	if int(k) < len(exprKindNames) {
		return exprKindNames[k]
	}
	return "ExprKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText writes the kind's name.
func (k ExprKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name.
func (k *ExprKind) UnmarshalText(b []byte) error {
	for i, n := range exprKindNames {
		if n == string(b) {
			*k = ExprKind(i)
			return nil
		}
	}
	return fmt.Errorf("facts: unknown expression kind %q", b)
}

// Expr is a node of the neutral expression tree. Which fields are set
// depends on Kind (see the ExprKind constants); the others are zero.
// `await e` is recorded as e itself with Await set.
//
// A service holds millions of expressions until its build ends, so the
// struct is kept small (48 bytes; issue 12). Kind, X and Y are fields;
// the rest is read through methods of the same names (Name, Raw, Value,
// Args, Line, Await, Optional, Resolved, Op, Test, Keywords, Entries,
// Text, Func) and written through Set methods (SetName, ...). A literal
// that sets any of them is written through ExprSpec:
// NewExpr(ExprSpec{Kind: ExprName, Name: n, Raw: n, Line: l}).
//
// How it is packed: an expression has at most two of Name, Raw and Value
// in practice (a name and a dotted chain, or a literal's value), so Raw
// and Value share one string (the other, when both are set, goes to the
// rare part); Name is nearly always the end of that string (a name is
// its own chain, an attribute the last segment of its chain), so it is a
// length into it, packed with Line in one word; Args and the fields only
// a few kinds use sit behind one pointer, which a copy of an Expr shares
// until either copy sets one of them (setters copy it first), as a copy
// of the fields would. Op is a one-byte code and Resolved is stored only
// when it is not Raw.
//
// Destructuring: an assignment target or parameter pattern that unpacks
// an object (`const {email, password: pw, ...rest} = req.body`) is an
// ExprDict whose entries map each property name (Key, an ExprString, or
// the computed key expression) to its target (Value); a `...rest` target
// is an entry with a nil Key, as a `**spread` entry of a dict display is.
// An array pattern is an ExprList, as a Python list target is.
//
// Operators added by TypeScript/JavaScript: Compare also has "instanceof";
// Unary also has "typeof", "void" and "delete"; strict equality `===` and
// `!==` are recorded as "==" and "!=", and `??` as BoolOp "or" (the
// value-or-default reading both languages share).
type Expr struct {
	// X is the first operand, receiver, callee or subscripted value.
	X *Expr
	// Y is the second operand or the subscript index.
	Y *Expr
	// str is Raw, or Value when flagValue is set, or Name when
	// flagStrIsName is set.
	str string
	// rare holds Args and the fields few expressions use; nil when all
	// are zero.
	rare *exprRare
	// lineName packs Line (the low 24 bits) and the length of Name when
	// Name is a suffix of str (the high 8 bits; see Name).
	lineName uint32
	Kind     ExprKind
	// op is the code of Op in exprOps; opOther when Op is not there
	// (it is then in rare.more.op).
	op    uint8
	flags exprFlags
}

// exprFlags are an Expr's booleans.
type exprFlags uint8

const (
	// flagValue says that str holds Value, not Raw.
	flagValue exprFlags = 1 << iota
	// flagResolvedIsRaw says that Resolved is Raw, whatever Raw is (so
	// Resolved is not stored); otherwise it is rare.resolved.
	flagResolvedIsRaw
	flagAwait
	flagOptional
	// flagNameApart says that Name is not a suffix of str (or is longer
	// than maxNameSuffix) and is kept in rare.more.name.
	flagNameApart
	// flagStrIsName says that str holds Name alone: Raw and Value are
	// both empty.
	flagStrIsName
)

// maxLine is the largest Line an Expr stores (24 bits: a file of more
// than 16 million lines is 16 MB of newlines alone, sixteen times the
// default size bound); a later line reads as maxLine.
const maxLine = 1<<24 - 1

// maxNameSuffix is the longest Name stored as a length into str.
const maxNameSuffix = 1<<8 - 1

// ExprSpec is an Expr written out field by field, for literals:
// NewExpr(ExprSpec{...}) packs it.
type ExprSpec struct {
	Kind     ExprKind
	Name     string
	Raw      string
	Value    string
	X, Y     *Expr
	Args     []Expr
	Line     int
	Await    bool
	Optional bool
}

// NewExpr packs s into an Expr.
func NewExpr(s ExprSpec) Expr {
	e := Expr{X: s.X, Y: s.Y, Kind: s.Kind}
	e.SetLine(s.Line)
	e.SetRaw(s.Raw)
	e.SetValue(s.Value)
	e.SetName(s.Name)
	if s.Args != nil {
		e.SetArgs(s.Args)
	}
	e.SetAwait(s.Await)
	e.SetOptional(s.Optional)
	return e
}

// NewExprPtr is NewExpr returning a pointer to a new Expr.
func NewExprPtr(s ExprSpec) *Expr {
	e := NewExpr(s)
	return &e
}

// Name is the identifier of a Name, the attribute of an Attr, the target
// of a Walrus, or the syntax kind of an Opaque expression.
//
// Almost every Name is the end of Raw (a name is its own chain, an
// attribute the last segment of its chain), so it is stored as a length
// into str and costs no string header; when Raw and Value are both
// empty, str holds the Name itself (flagStrIsName); any other Name sits
// in the rare part.
func (e *Expr) Name() string {
	switch {
	case e.flags&flagNameApart != 0:
		return e.rare.more.name
	case e.flags&flagStrIsName != 0:
		return e.str
	}
	return e.str[len(e.str)-int(e.lineName>>24):]
}

// SetName sets Name.
func (e *Expr) SetName(s string) {
	e.lineName &= maxLine
	apart := false
	switch {
	case e.str == "" || e.flags&flagStrIsName != 0:
		// Neither Raw nor Value is set: str is free for the name.
		e.str = s
		e.setFlag(flagStrIsName, s != "")
	case len(s) <= maxNameSuffix && strings.HasSuffix(e.str, s):
		e.lineName |= uint32(len(s)) << 24
	default:
		apart = true
	}
	// The rare part is touched (and so copied) once, and only when the
	// name goes there or leaves it.
	if apart || e.flags&flagNameApart != 0 {
		e.setFlag(flagNameApart, apart)
		name := ""
		if apart {
			name = s
		}
		e.setMore(!apart, func(m *exprMore) { m.name = name })
	}
}

// setStr puts Raw or Value (whichever flagValue says) in str and keeps
// Name, which may have been stored in the old str.
func (e *Expr) setStr(s string, value bool) {
	name := e.Name()
	e.flags &^= flagStrIsName | flagValue
	e.str = s
	e.setFlag(flagValue, value && s != "")
	e.SetName(name)
}

// strIsRaw reports whether str holds Raw (possibly empty).
func (e *Expr) strIsRaw() bool { return e.flags&(flagValue|flagStrIsName) == 0 }

// Raw is a plain dotted chain as written ("mail.send",
// "User.query.filter_by"); empty when the expression is not one.
func (e *Expr) Raw() string {
	if !e.strIsRaw() {
		return ""
	}
	return e.str
}

// SetRaw sets Raw.
func (e *Expr) SetRaw(s string) {
	if e.flags&flagValue != 0 {
		if s == "" {
			return
		}
		// Both set: the value moves to the rare part.
		v := e.str
		e.setStr(s, false)
		e.setMore(false, func(m *exprMore) { m.value = v })
		return
	}
	e.setStr(s, false)
}

// Value is the literal value of String, Int, Float and Bool.
func (e *Expr) Value() string {
	if e.flags&flagValue != 0 {
		return e.str
	}
	if m := e.more(); m != nil {
		return m.value
	}
	return ""
}

// SetValue sets Value.
func (e *Expr) SetValue(s string) {
	if e.strIsRaw() && e.str != "" {
		e.setMore(s == "", func(m *exprMore) { m.value = s })
		return
	}
	if m := e.more(); m != nil && m.value != "" {
		e.setMore(true, func(m *exprMore) { m.value = "" })
	}
	e.setStr(s, true)
}

// Args are call arguments or collection elements.
func (e *Expr) Args() []Expr {
	if e.rare == nil {
		return nil
	}
	return e.rare.args
}

// SetArgs sets Args.
func (e *Expr) SetArgs(a []Expr) {
	if a == nil && e.rare == nil {
		return
	}
	e.setRare(func(r *exprRare) { r.args = a })
}

// Line is the line the expression starts on, from 1.
func (e *Expr) Line() int { return int(e.lineName & maxLine) }

// SetLine sets Line; a line past maxLine is stored as maxLine.
func (e *Expr) SetLine(l int) {
	e.lineName = e.lineName&^maxLine | uint32(min(max(l, 0), maxLine))
}

// Await is set when the expression was awaited.
func (e *Expr) Await() bool { return e.flags&flagAwait != 0 }

// SetAwait sets Await.
func (e *Expr) SetAwait(b bool) { e.setFlag(flagAwait, b) }

// Optional is set on the Attr, Subscript or Call of an optional chain
// link (`user?.email`, `a?.[0]`, `f?.()`): the access is skipped when the
// receiver is null or undefined. Raw and Resolved of an Attr are still
// its dotted chain ("user.email").
func (e *Expr) Optional() bool { return e.flags&flagOptional != 0 }

// SetOptional sets Optional.
func (e *Expr) SetOptional(b bool) { e.setFlag(flagOptional, b) }

func (e *Expr) setFlag(f exprFlags, on bool) {
	if on {
		e.flags |= f
	} else {
		e.flags &^= f
	}
}

// exprRare holds the fields of an Expr that few kinds use.
//
// Args and a Resolved that differs from Raw are far the most common of
// them (calls and collections; a name imported under another name, and
// every chain and call through it), so they sit apart from the others.
type exprRare struct {
	resolved string    // Resolved when it is not Raw
	args     []Expr    // Args
	more     *exprMore // nil when all of its fields are zero
}

// exprMore holds the rare fields of an Expr other than Resolved and Args.
type exprMore struct {
	test     *Expr
	keywords []Keyword
	entries  []DictEntry
	text     string
	fn       *Function
	op       string // Op when it is not one of exprOps
	value    string // Value when Raw is set too
	name     string // Name when it is not a suffix of str (flagNameApart)
}

// more returns the rare fields other than Resolved, nil when all are zero.
func (e *Expr) more() *exprMore {
	if e == nil || e.rare == nil {
		return nil
	}
	return e.rare.more
}

// Resolved is Raw with its first segment replaced through the file's
// imports ("Message" -> "flask_mail.Message"; "models.CharField" ->
// "django.db.models.CharField"); equal to Raw when nothing resolves.
//
// Most expressions resolve to their Raw (or to nothing), so Resolved is
// stored only when it differs: SetResolved(e.Raw) costs no memory. Set
// Raw before Resolved: a Resolved set equal to Raw follows later changes
// of Raw.
func (e *Expr) Resolved() string {
	if e == nil {
		return ""
	}
	if e.flags&flagResolvedIsRaw != 0 {
		return e.Raw()
	}
	if e.rare == nil {
		return ""
	}
	return e.rare.resolved
}

// SetResolved sets Resolved.
func (e *Expr) SetResolved(s string) {
	if s == e.Raw() && s != "" {
		e.flags |= flagResolvedIsRaw
		if e.rare != nil && e.rare.resolved != "" {
			e.setRare(func(r *exprRare) { r.resolved = "" })
		}
		return
	}
	e.flags &^= flagResolvedIsRaw
	if s != "" || e.rare != nil && e.rare.resolved != "" {
		e.setRare(func(r *exprRare) { r.resolved = s })
	}
}

// WithResolved returns e with Resolved set to s, for composite literals:
// facts.Expr{Kind: facts.ExprName, Name: n, Raw: n}.WithResolved(n).
func (e Expr) WithResolved(s string) Expr {
	e.SetResolved(s)
	return e
}

// Op is the operator of Binary, Compare, BoolOp and Unary, and "from"
// for `yield from`.
func (e *Expr) Op() string {
	if e == nil {
		return ""
	}
	if e.op == opOther {
		return e.rare.more.op
	}
	return exprOps[e.op]
}

// SetOp sets Op.
func (e *Expr) SetOp(op string) {
	code, known := exprOpCodes[op]
	if !known {
		e.op = opOther
		e.setMore(false, func(m *exprMore) { m.op = op })
		return
	}
	if e.op == opOther {
		e.setMore(true, func(m *exprMore) { m.op = "" })
	}
	e.op = code
}

// WithOp returns e with Op set to op, for composite literals.
func (e Expr) WithOp(op string) Expr {
	e.SetOp(op)
	return e
}

// exprOps are the operators an Expr stores as a one-byte code, indexed by
// it; code 0 is no operator. Any other operator is kept as a string in the
// rare part.
var exprOps = [...]string{
	"",
	// Binary.
	"+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", ">>>", "&", "|", "^",
	// Compare.
	"<", "<=", ">", ">=", "==", "!=", "<>", "in", "not in", "is", "is not", "instanceof",
	// BoolOp, Unary, Yield.
	"and", "or", "not", "~", "typeof", "void", "delete", "from",
}

// opOther is the code of an operator that is not one of exprOps.
const opOther = 255

// exprOpCodes maps each of exprOps to its code.
var exprOpCodes = func() map[string]uint8 {
	m := make(map[string]uint8, len(exprOps))
	for i, op := range exprOps {
		m[op] = uint8(i)
	}
	return m
}()

// Test is the condition of a Cond.
func (e *Expr) Test() *Expr {
	if m := e.more(); m != nil {
		return m.test
	}
	return nil
}

// Keywords are call keyword arguments.
func (e *Expr) Keywords() []Keyword {
	if m := e.more(); m != nil {
		return m.keywords
	}
	return nil
}

// Entries are the entries of a Dict.
func (e *Expr) Entries() []DictEntry {
	if m := e.more(); m != nil {
		return m.entries
	}
	return nil
}

// Text is the source of an opaque kind (FString, Lambda, Slice,
// Comprehension, Opaque), cut to MaxText bytes.
func (e *Expr) Text() string {
	if m := e.more(); m != nil {
		return m.text
	}
	return ""
}

// Func is the function of an ExprFunction.
func (e *Expr) Func() *Function {
	if m := e.more(); m != nil {
		return m.fn
	}
	return nil
}

// SetTest sets Test.
func (e *Expr) SetTest(t *Expr) { e.setMore(t == nil, func(m *exprMore) { m.test = t }) }

// SetKeywords sets Keywords.
func (e *Expr) SetKeywords(k []Keyword) { e.setMore(k == nil, func(m *exprMore) { m.keywords = k }) }

// SetEntries sets Entries.
func (e *Expr) SetEntries(d []DictEntry) { e.setMore(d == nil, func(m *exprMore) { m.entries = d }) }

// SetText sets Text.
func (e *Expr) SetText(s string) { e.setMore(s == "", func(m *exprMore) { m.text = s }) }

// SetFunc sets Func.
func (e *Expr) SetFunc(f *Function) { e.setMore(f == nil, func(m *exprMore) { m.fn = f }) }

// setRare applies set to a copy of the rare fields (a copy of e may share
// them) and keeps the copy unless every rare field is zero.
func (e *Expr) setRare(set func(*exprRare)) {
	var r exprRare
	if e.rare != nil {
		r = *e.rare
	}
	set(&r)
	if r.resolved == "" && r.args == nil && r.more == nil {
		e.rare = nil
		return
	}
	e.rare = &r
}

// setMore is setRare for the fields of exprMore. zero says that set
// stores a zero value: then an expression without those fields stays as
// it is, and nothing is allocated.
func (e *Expr) setMore(zero bool, set func(*exprMore)) {
	if zero && e.more() == nil {
		return
	}
	var m exprMore
	if old := e.more(); old != nil {
		m = *old
	}
	set(&m)
	more := &m
	if m.zero() {
		more = nil
	}
	e.setRare(func(r *exprRare) { r.more = more })
}

// zero reports whether every field of m is zero.
func (m *exprMore) zero() bool {
	return m.test == nil && m.keywords == nil && m.entries == nil && m.text == "" && m.fn == nil && m.op == "" && m.value == "" && m.name == ""
}

// SetArgsKeywords is SetArgs(a) then SetKeywords(k), for a walker that
// reads a call's arguments together: the rare fields are copied once, not
// once for each (the copy is an allocation, and most calls have
// arguments).
func (e *Expr) SetArgsKeywords(a []Expr, k []Keyword) {
	if k == nil && e.more() == nil {
		e.SetArgs(a)
		return
	}
	var m exprMore
	if old := e.more(); old != nil {
		m = *old
	}
	m.keywords = k
	more := &m
	if m.zero() {
		more = nil
	}
	e.setRare(func(r *exprRare) {
		r.args = a
		r.more = more
	})
}

// SetCall is SetResolved(s) then SetArgsKeywords(a, k), for a walker
// that reads a call's callee before its arguments: the rare fields are
// copied once, not once for the callee's resolved name and again for the
// arguments (each copy is an allocation).
func (e *Expr) SetCall(s string, a []Expr, k []Keyword) {
	if s == e.Raw() && s != "" {
		e.flags |= flagResolvedIsRaw
		s = ""
	} else {
		e.flags &^= flagResolvedIsRaw
	}
	// The other rare fields are copied only when there are keywords to
	// set or fields to keep: most calls have neither.
	var more *exprMore
	if old := e.more(); k != nil || old != nil {
		var m exprMore
		if old != nil {
			m = *old
		}
		m.keywords = k
		if !m.zero() {
			more = &m
		}
	}
	if s == "" && a == nil && more == nil && e.rare == nil {
		return
	}
	e.setRare(func(r *exprRare) {
		r.resolved = s
		r.args = a
		r.more = more
	})
}

// MaxText bounds Expr.Text so that one huge literal cannot bloat facts.
const MaxText = 200

// Keyword is a keyword argument `Name=Value`; Name is "**" for `**kwargs`.
type Keyword struct {
	Name  string `json:"name"`
	Value Expr   `json:"value"`
}

// DictEntry is one `Key: Value` of a dict display; Key is nil for a
// `**spread` entry.
type DictEntry struct {
	Key   *Expr `json:"key,omitempty"`
	Value Expr  `json:"value"`
}

// Keyword returns the value of the keyword argument name of a call, or
// nil when there is none.
func (e *Expr) Keyword(name string) *Expr {
	if e == nil {
		return nil
	}
	kws := e.Keywords()
	for i := range kws {
		if kws[i].Name == name {
			return &kws[i].Value
		}
	}
	return nil
}

// Callee returns the dotted name of a call's callee, resolved through the
// imports when possible, or "" when e is not a call of a dotted name.
func (e *Expr) Callee() string {
	if e == nil || e.Kind != ExprCall {
		return ""
	}
	return e.Resolved()
}

// Method returns the attribute name of a method call (`"first"` for
// `q.filter_by(x=1).first()`), or "" when the callee is not an attribute.
func (e *Expr) Method() string {
	if e == nil || e.Kind != ExprCall || e.X == nil || e.X.Kind != ExprAttr {
		return ""
	}
	return e.X.Name()
}

// IsLiteral reports whether e is a string, number, bool or None literal.
func (e *Expr) IsLiteral() bool {
	if e == nil {
		return false
	}
	switch e.Kind {
	case ExprString, ExprInt, ExprFloat, ExprBool, ExprNone:
		return true
	}
	return false
}

// IsFalsyLiteral reports whether e is a literal both Python and
// JavaScript read as false: "", 0, false, None/null. `x or ""` and
// `x || ""` then have x's truth, and stand for x where a value is read.
func (e *Expr) IsFalsyLiteral() bool {
	if !e.IsLiteral() {
		return false
	}
	switch e.Kind {
	case ExprString:
		return e.Value() == ""
	case ExprInt, ExprFloat:
		return strings.Trim(strings.ReplaceAll(e.Value(), "_", ""), "0.") == ""
	case ExprBool:
		return e.Value() == "false"
	}
	return true
}

// LastSegment returns the part of a dotted name after its last dot.
func LastSegment(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}

// Any reports whether pred holds for e or any expression inside it
// (operands, arguments, keyword values, dict keys and values). It does
// not descend into the body of an ExprFunction: that is statements, of
// another scope.
func (e *Expr) Any(pred func(*Expr) bool) bool {
	if e == nil {
		return false
	}
	if pred(e) {
		return true
	}
	// Most operands are absent: testing for nil here saves a call for
	// each (Any is the build's commonest walk, and a recursive function
	// is not inlined).
	if e.X != nil && e.X.Any(pred) || e.Y != nil && e.Y.Any(pred) {
		return true
	}
	if t := e.Test(); t != nil && t.Any(pred) {
		return true
	}
	args := e.Args()
	for i := range args {
		if args[i].Any(pred) {
			return true
		}
	}
	m := e.more()
	if m == nil {
		return false
	}
	for i := range m.keywords {
		if m.keywords[i].Value.Any(pred) {
			return true
		}
	}
	for i := range m.entries {
		if m.entries[i].Key.Any(pred) || m.entries[i].Value.Any(pred) {
			return true
		}
	}
	return false
}

// Comprehension reads the Args of a comprehension with one for clause:
// its element, loop target and iterable, and its conditions (nil when it
// has none). ok is false for any other expression, and for an opaque
// comprehension (a dict one, two for clauses).
func (e *Expr) Comprehension() (elt, target, iter *Expr, conds []Expr, ok bool) {
	if e == nil || e.Kind != ExprComprehension {
		return nil, nil, nil, nil, false
	}
	args := e.Args()
	if len(args) < 3 {
		return nil, nil, nil, nil, false
	}
	if len(args) > 3 {
		conds = args[3:]
	}
	return &args[0], &args[1], &args[2], conds, true
}
