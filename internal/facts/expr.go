package facts

import "strings"

// ExprKind is the kind of an expression.
type ExprKind string

// Expression kinds. The comment on each says which Expr fields it uses.
const (
	// ExprName: Name (identifier), Raw, Resolved.
	ExprName ExprKind = "name"
	// ExprAttr: X (receiver), Name (attribute), Raw and Resolved when the
	// receiver is a plain dotted chain (`db.session.add`).
	ExprAttr ExprKind = "attr"
	// ExprCall: X (callee as written), Args (positional, *args as
	// ExprStarred), Keywords (**kwargs as Keyword{Name: "**"}), and Raw and
	// Resolved copied from a dotted callee (`flask_mail.Message`).
	ExprCall ExprKind = "call"
	// ExprString: Value is the string's content with simple escapes
	// decoded; adjacent literals are joined.
	ExprString ExprKind = "string"
	// ExprFString: an f-string, opaque; Text is its source.
	ExprFString ExprKind = "fstring"
	// ExprInt and ExprFloat: Value is the number as written ("3_600",
	// "0x1F", "1e3"); strconv.ParseInt(v, 0, 64) accepts the int forms.
	ExprInt   ExprKind = "int"
	ExprFloat ExprKind = "float"
	// ExprBool: Value is "true" or "false".
	ExprBool ExprKind = "bool"
	// ExprNone: the None literal.
	ExprNone ExprKind = "none"
	// ExprBinary: X Op Y with Op one of + - * / // % ** @ << >> & | ^.
	ExprBinary ExprKind = "binary"
	// ExprCompare: X Op Y with Op one of < <= > >= == != in "not in" is
	// "is not". A chain `a < b < c` becomes `a < b and b < c`.
	ExprCompare ExprKind = "compare"
	// ExprBoolOp: X Op Y with Op "and" or "or".
	ExprBoolOp ExprKind = "boolop"
	// ExprUnary: Op X with Op "not", "-", "+" or "~".
	ExprUnary ExprKind = "unary"
	// ExprSubscript: X[Y]; several indices make Y an ExprTuple.
	ExprSubscript ExprKind = "subscript"
	// ExprSlice: a slice `a:b:c` inside a subscript; Text is its source.
	ExprSlice ExprKind = "slice"
	// ExprList, ExprTuple, ExprSet: Args are the elements.
	ExprList  ExprKind = "list"
	ExprTuple ExprKind = "tuple"
	ExprSet   ExprKind = "set"
	// ExprDict: Entries; a `**spread` entry has a nil Key.
	ExprDict ExprKind = "dict"
	// ExprCond: X if Test else Y.
	ExprCond ExprKind = "cond"
	// ExprLambda: opaque; Text is its source.
	ExprLambda ExprKind = "lambda"
	// ExprStarred: *X in a call, list or assignment target.
	ExprStarred ExprKind = "starred"
	// ExprComprehension: a list/set/dict comprehension or generator,
	// opaque; Text is its source, Name the comprehension kind.
	ExprComprehension ExprKind = "comprehension"
	// ExprWalrus: Name := X.
	ExprWalrus ExprKind = "walrus"
	// ExprYield: yield X (X nil for a bare yield); Op is "from" for
	// `yield from`.
	ExprYield ExprKind = "yield"
	// ExprEllipsis: the `...` literal.
	ExprEllipsis ExprKind = "ellipsis"
	// ExprOpaque: anything else; Name is the syntax kind, Text the source.
	ExprOpaque ExprKind = "opaque"

	// The kinds below were added for TypeScript and JavaScript; they are
	// language-neutral and a Python extractor may produce them too.

	// ExprFunction: a function written as an expression, e.g. a callback
	// `router.post("/login", auth, async (req, res) => {...})` or a
	// function passed to a decorator; Func holds it whole (parameters and
	// body; an expression body is one StmtReturn). Func.Name is empty for
	// an anonymous function and Func.QualName is the enclosing scope's
	// name plus "<anonymous:LINE>". ExprLambda stays the opaque form.
	ExprFunction ExprKind = "function"
	// ExprDefault: a destructuring target X with a default value Y, as in
	// `const {role = "user"} = body` or the parameter `({page = 1})`.
	ExprDefault ExprKind = "default"
)

// Expr is a node of the neutral expression tree. Which fields are set
// depends on Kind (see the ExprKind constants); the others are zero.
// `await e` is recorded as e itself with Await set.
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
	Kind ExprKind `json:"kind"`
	// Name is the identifier of a Name, the attribute of an Attr, the
	// target of a Walrus, or the syntax kind of an Opaque expression.
	Name string `json:"name,omitempty"`
	// Raw is a plain dotted chain as written ("mail.send",
	// "User.query.filter_by"); empty when the expression is not one.
	Raw string `json:"raw,omitempty"`
	// Resolved is Raw with its first segment replaced through the file's
	// imports ("Message" -> "flask_mail.Message"; "models.CharField" ->
	// "django.db.models.CharField"); equal to Raw when nothing resolves.
	Resolved string `json:"resolved,omitempty"`
	// Value is the literal value of String, Int, Float and Bool.
	Value string `json:"value,omitempty"`
	// Op is the operator of Binary, Compare, BoolOp and Unary.
	Op string `json:"op,omitempty"`
	// X is the first operand, receiver, callee or subscripted value.
	X *Expr `json:"x,omitempty"`
	// Y is the second operand or the subscript index.
	Y *Expr `json:"y,omitempty"`
	// Test is the condition of a Cond.
	Test *Expr `json:"test,omitempty"`
	// Args are call arguments or collection elements.
	Args []Expr `json:"args,omitempty"`
	// Keywords are call keyword arguments.
	Keywords []Keyword `json:"keywords,omitempty"`
	// Entries are the entries of a Dict.
	Entries []DictEntry `json:"entries,omitempty"`
	// Text is the source of an opaque kind (FString, Lambda, Slice,
	// Comprehension, Opaque), cut to MaxText bytes.
	Text string `json:"text,omitempty"`
	// Await is set when the expression was awaited.
	Await bool `json:"await,omitempty"`
	// Optional is set on the Attr, Subscript or Call of an optional chain
	// link (`user?.email`, `a?.[0]`, `f?.()`): the access is skipped when
	// the receiver is null or undefined. Raw and Resolved of an Attr are
	// still its dotted chain ("user.email").
	Optional bool `json:"optional,omitempty"`
	// Func is the function of an ExprFunction.
	Func *Function `json:"func,omitempty"`
	Line int       `json:"line"`
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
	for i := range e.Keywords {
		if e.Keywords[i].Name == name {
			return &e.Keywords[i].Value
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
	return e.Resolved
}

// Method returns the attribute name of a method call (`"first"` for
// `q.filter_by(x=1).first()`), or "" when the callee is not an attribute.
func (e *Expr) Method() string {
	if e == nil || e.Kind != ExprCall || e.X == nil || e.X.Kind != ExprAttr {
		return ""
	}
	return e.X.Name
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
	if pred(e) || e.X.Any(pred) || e.Y.Any(pred) || e.Test.Any(pred) {
		return true
	}
	for i := range e.Args {
		if e.Args[i].Any(pred) {
			return true
		}
	}
	for i := range e.Keywords {
		if e.Keywords[i].Value.Any(pred) {
			return true
		}
	}
	for i := range e.Entries {
		if e.Entries[i].Key.Any(pred) || e.Entries[i].Value.Any(pred) {
			return true
		}
	}
	return false
}
