package facts

import (
	"fmt"
	"strconv"
)

// StmtKind is the kind of a statement: a small number, written (by
// String and in JSON) as its name, "if" or "return"; the zero StmtKind is
// no kind and is written "". A uint16 for the same reason as ExprKind.
type StmtKind uint16

// Statement kinds. The comment on each says which Stmt fields it uses.
const (
	// StmtAssign: Targets = Value, with Annotation for `x: T = v`
	// (Value nil for a bare `x: T`). `a = b = v` has two targets; a tuple
	// target is one ExprTuple.
	StmtAssign StmtKind = iota + 1
	// StmtAugAssign: Targets[0] Op Value, Op like "+=".
	StmtAugAssign
	// StmtExpr: an expression statement (usually a call) in Value.
	StmtExpr
	// StmtReturn: Value, nil for a bare return.
	StmtReturn
	// StmtRaise: Value is the exception (nil for a bare re-raise), Cause
	// the `from` expression.
	StmtRaise
	// StmtIf: if Cond: Body else: Else. An elif is an Else holding one
	// StmtIf.
	StmtIf
	// StmtFor: for Targets[0] in Iter: Body else: Else; Async for
	// `async for`.
	StmtFor
	// StmtWhile: while Cond: Body else: Else.
	StmtWhile
	// StmtWith: with Items: Body; Async for `async with`.
	StmtWith
	// StmtTry: Body, Handlers, Else, Finally.
	StmtTry
	// StmtDel: del Targets.
	StmtDel
	// StmtAssert: assert Cond, Value (the message, may be nil).
	StmtAssert
	// StmtPass, StmtBreak, StmtContinue: no fields.
	StmtPass
	StmtBreak
	StmtContinue
	// StmtImport: an import in a body; the names are in File.Imports.
	StmtImport
	// StmtFunction: a nested function definition in Func.
	StmtFunction
	// StmtClass: a class defined inside a function, in Class.
	StmtClass
	// StmtGlobal: `global`/`nonlocal` names in Names.
	StmtGlobal
	// StmtOpaque: anything else (match, type aliases, print statements,
	// constructs cut by the depth bound, unparsable input); Syntax is the
	// syntax kind, prefixed with "error:" for a simple statement that
	// contains a syntax error (its recovered form is not trusted).
	StmtOpaque
)

// stmtKindNames are the names of the statement kinds, by value.
var stmtKindNames = [...]string{
	0:             "",
	StmtAssign:    "assign",
	StmtAugAssign: "aug_assign",
	StmtExpr:      "expr",
	StmtReturn:    "return",
	StmtRaise:     "raise",
	StmtIf:        "if",
	StmtFor:       "for",
	StmtWhile:     "while",
	StmtWith:      "with",
	StmtTry:       "try",
	StmtDel:       "del",
	StmtAssert:    "assert",
	StmtPass:      "pass",
	StmtBreak:     "break",
	StmtContinue:  "continue",
	StmtImport:    "import",
	StmtFunction:  "function",
	StmtClass:     "class",
	StmtGlobal:    "global",
	StmtOpaque:    "opaque",
}

// String returns the kind's name ("if").
func (k StmtKind) String() string {
	if int(k) < len(stmtKindNames) {
		return stmtKindNames[k]
	}
	return "StmtKind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText writes the kind's name.
func (k StmtKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's name.
func (k *StmtKind) UnmarshalText(b []byte) error {
	for i, n := range stmtKindNames {
		if n == string(b) {
			*k = StmtKind(i)
			return nil
		}
	}
	return fmt.Errorf("facts: unknown statement kind %q", b)
}

// Stmt is a node of the neutral statement tree. Which fields are set
// depends on Kind (see the StmtKind constants).
//
// As with Expr, the fields most statements use are fields, and the rest
// (Else, Syntax, Op, Annotation, Cause, Iter, Items, Handlers, Finally,
// Names, Func, Class) sit behind one pointer, read through methods of the
// same names and written through Set methods that copy that part first;
// Line and Async are methods too, so that the struct stays at 80 bytes
// (issue 12). A literal that sets Else, Line or Async is written through
// StmtSpec: NewStmt(StmtSpec{Kind: StmtReturn, Value: v, Line: l}).
type Stmt struct {
	Targets []Expr
	Value   *Expr
	Cond    *Expr
	Body    []Stmt
	// rare holds the fields few statements use; nil when all are zero.
	rare  *stmtRare
	line  int32
	Kind  StmtKind
	async bool
}

// StmtSpec is a Stmt written out field by field, for literals:
// NewStmt(StmtSpec{...}) packs it.
type StmtSpec struct {
	Kind    StmtKind
	Targets []Expr
	Value   *Expr
	Cond    *Expr
	Body    []Stmt
	Else    []Stmt
	Line    int
	Async   bool
}

// NewStmt packs s into a Stmt.
func NewStmt(s StmtSpec) Stmt {
	st := Stmt{Targets: s.Targets, Value: s.Value, Cond: s.Cond, Body: s.Body, line: int32(s.Line), Kind: s.Kind, async: s.Async}
	st.SetElse(s.Else)
	return st
}

// NewStmtPtr is NewStmt returning a pointer to a new Stmt.
func NewStmtPtr(s StmtSpec) *Stmt {
	st := NewStmt(s)
	return &st
}

// Line is the line the statement starts on, from 1.
func (s *Stmt) Line() int { return int(s.line) }

// SetLine sets Line.
func (s *Stmt) SetLine(l int) { s.line = int32(l) }

// Async is set for `async for` and `async with`.
func (s *Stmt) Async() bool { return s.async }

// SetAsync sets Async.
func (s *Stmt) SetAsync(b bool) { s.async = b }

// Else is the else branch of If, For and While (an elif is an Else
// holding one StmtIf) and the else block of Try.
func (s *Stmt) Else() []Stmt {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.elseBody
}

// SetElse sets Else.
func (s *Stmt) SetElse(v []Stmt) { s.setRare(v == nil, func(r *stmtRare) { r.elseBody = v }) }

// stmtRare holds the fields of a Stmt that few kinds use.
type stmtRare struct {
	elseBody   []Stmt
	syntax     string
	op         string
	annotation *Expr
	cause      *Expr
	iter       *Expr
	items      []WithItem
	handlers   []Handler
	finally    []Stmt
	names      []string
	fn         *Function
	class      *Class
}

// Syntax is the source syntax kind of an Opaque statement.
func (s *Stmt) Syntax() string {
	if s == nil || s.rare == nil {
		return ""
	}
	return s.rare.syntax
}

// Op is the operator of an AugAssign ("+=").
func (s *Stmt) Op() string {
	if s == nil || s.rare == nil {
		return ""
	}
	return s.rare.op
}

// Annotation is the declared type of an annotated Assign.
func (s *Stmt) Annotation() *Expr {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.annotation
}

// Cause is the `from` expression of a Raise.
func (s *Stmt) Cause() *Expr {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.cause
}

// Iter is the iterated expression of a For.
func (s *Stmt) Iter() *Expr {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.iter
}

// Items are the items of a With.
func (s *Stmt) Items() []WithItem {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.items
}

// Handlers are the except clauses of a Try.
func (s *Stmt) Handlers() []Handler {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.handlers
}

// Finally is the finally block of a Try.
func (s *Stmt) Finally() []Stmt {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.finally
}

// Names are the names of a Global.
func (s *Stmt) Names() []string {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.names
}

// Func is the nested function of a Function statement.
func (s *Stmt) Func() *Function {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.fn
}

// Class is the class of a Class statement.
func (s *Stmt) Class() *Class {
	if s == nil || s.rare == nil {
		return nil
	}
	return s.rare.class
}

// SetSyntax sets Syntax.
func (s *Stmt) SetSyntax(v string) { s.setRare(v == "", func(r *stmtRare) { r.syntax = v }) }

// SetOp sets Op.
func (s *Stmt) SetOp(v string) { s.setRare(v == "", func(r *stmtRare) { r.op = v }) }

// SetAnnotation sets Annotation.
func (s *Stmt) SetAnnotation(v *Expr) { s.setRare(v == nil, func(r *stmtRare) { r.annotation = v }) }

// SetCause sets Cause.
func (s *Stmt) SetCause(v *Expr) { s.setRare(v == nil, func(r *stmtRare) { r.cause = v }) }

// SetIter sets Iter.
func (s *Stmt) SetIter(v *Expr) { s.setRare(v == nil, func(r *stmtRare) { r.iter = v }) }

// SetItems sets Items.
func (s *Stmt) SetItems(v []WithItem) { s.setRare(v == nil, func(r *stmtRare) { r.items = v }) }

// SetHandlers sets Handlers.
func (s *Stmt) SetHandlers(v []Handler) { s.setRare(v == nil, func(r *stmtRare) { r.handlers = v }) }

// SetFinally sets Finally.
func (s *Stmt) SetFinally(v []Stmt) { s.setRare(v == nil, func(r *stmtRare) { r.finally = v }) }

// SetNames sets Names.
func (s *Stmt) SetNames(v []string) { s.setRare(v == nil, func(r *stmtRare) { r.names = v }) }

// SetFunc sets Func.
func (s *Stmt) SetFunc(v *Function) { s.setRare(v == nil, func(r *stmtRare) { r.fn = v }) }

// SetClass sets Class.
func (s *Stmt) SetClass(v *Class) { s.setRare(v == nil, func(r *stmtRare) { r.class = v }) }

// setRare applies set to a copy of the rare fields (a copy of s may share
// them) and keeps the copy unless every rare field is zero. zero says
// that set stores a zero value: then a statement without rare fields
// stays as it is, and nothing is allocated.
func (s *Stmt) setRare(zero bool, set func(*stmtRare)) {
	if zero && s.rare == nil {
		return
	}
	var r stmtRare
	if s.rare != nil {
		r = *s.rare
	}
	set(&r)
	if r.elseBody == nil && r.syntax == "" && r.op == "" && r.annotation == nil && r.cause == nil && r.iter == nil && r.items == nil &&
		r.handlers == nil && r.finally == nil && r.names == nil && r.fn == nil && r.class == nil {
		s.rare = nil
		return
	}
	s.rare = &r
}

// WithItem is one `Value as Alias` of a with statement; Alias may be nil.
type WithItem struct {
	Value Expr  `json:"value"`
	Alias *Expr `json:"alias,omitempty"`
}

// Handler is one except clause: `except Type as Name: Body`. Type is nil
// for a bare except; a tuple of types is an ExprTuple.
type Handler struct {
	Type *Expr  `json:"type,omitempty"`
	Name string `json:"name,omitempty"`
	// Group is set for `except*`.
	Group bool   `json:"group,omitempty"`
	Body  []Stmt `json:"body,omitempty"`
	Line  int    `json:"line"`
}

// Walk calls fn for each statement of body in source order, descending
// into nested bodies (if/else, loops, with, try, handlers) but not into
// nested function or class definitions. When fn returns false for a
// statement, that statement's nested bodies are skipped.
func Walk(body []Stmt, fn func(*Stmt) bool) {
	for i := range body {
		s := &body[i]
		if !fn(s) {
			continue
		}
		// Most statements have no body: tested here, not by a call.
		if len(s.Body) > 0 {
			Walk(s.Body, fn)
		}
		handlers := s.Handlers()
		for j := range handlers {
			Walk(handlers[j].Body, fn)
		}
		if e := s.Else(); len(e) > 0 {
			Walk(e, fn)
		}
		if f := s.Finally(); len(f) > 0 {
			Walk(f, fn)
		}
	}
}

// OpaqueStmt returns an Opaque statement of the given syntax kind.
func OpaqueStmt(syntax string, line int) Stmt {
	s := NewStmt(StmtSpec{Kind: StmtOpaque, Line: line})
	s.SetSyntax(syntax)
	return s
}

// FunctionStmt returns the statement defining f, on f's line.
func FunctionStmt(f *Function) Stmt {
	s := NewStmt(StmtSpec{Kind: StmtFunction, Line: f.Line})
	s.SetFunc(f)
	return s
}

// ClassStmt returns the statement defining c, on c's line.
func ClassStmt(c *Class) Stmt {
	s := NewStmt(StmtSpec{Kind: StmtClass, Line: c.Line})
	s.SetClass(c)
	return s
}

// EachClass calls fn for each class of list and, depth first after it,
// each class nested in it.
func EachClass(list []Class, fn func(*Class)) {
	for i := range list {
		fn(&list[i])
		EachClass(list[i].Classes, fn)
	}
}
