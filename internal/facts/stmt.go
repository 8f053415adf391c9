package facts

// StmtKind is the kind of a statement.
type StmtKind string

// Statement kinds. The comment on each says which Stmt fields it uses.
const (
	// StmtAssign: Targets = Value, with Annotation for `x: T = v`
	// (Value nil for a bare `x: T`). `a = b = v` has two targets; a tuple
	// target is one ExprTuple.
	StmtAssign StmtKind = "assign"
	// StmtAugAssign: Targets[0] Op Value, Op like "+=".
	StmtAugAssign StmtKind = "aug_assign"
	// StmtExpr: an expression statement (usually a call) in Value.
	StmtExpr StmtKind = "expr"
	// StmtReturn: Value, nil for a bare return.
	StmtReturn StmtKind = "return"
	// StmtRaise: Value is the exception (nil for a bare re-raise), Cause
	// the `from` expression.
	StmtRaise StmtKind = "raise"
	// StmtIf: if Cond: Body else: Else. An elif is an Else holding one
	// StmtIf.
	StmtIf StmtKind = "if"
	// StmtFor: for Targets[0] in Iter: Body else: Else; Async for
	// `async for`.
	StmtFor StmtKind = "for"
	// StmtWhile: while Cond: Body else: Else.
	StmtWhile StmtKind = "while"
	// StmtWith: with Items: Body; Async for `async with`.
	StmtWith StmtKind = "with"
	// StmtTry: Body, Handlers, Else, Finally.
	StmtTry StmtKind = "try"
	// StmtDel: del Targets.
	StmtDel StmtKind = "del"
	// StmtAssert: assert Cond, Value (the message, may be nil).
	StmtAssert StmtKind = "assert"
	// StmtPass, StmtBreak, StmtContinue: no fields.
	StmtPass     StmtKind = "pass"
	StmtBreak    StmtKind = "break"
	StmtContinue StmtKind = "continue"
	// StmtImport: an import in a body; the names are in File.Imports.
	StmtImport StmtKind = "import"
	// StmtFunction: a nested function definition in Func.
	StmtFunction StmtKind = "function"
	// StmtClass: a class defined inside a function, in Class.
	StmtClass StmtKind = "class"
	// StmtGlobal: `global`/`nonlocal` names in Names.
	StmtGlobal StmtKind = "global"
	// StmtOpaque: anything else (match, type aliases, print statements,
	// constructs cut by the depth bound, unparsable input); Syntax is the
	// syntax kind, prefixed with "error:" for a simple statement that
	// contains a syntax error (its recovered form is not trusted).
	StmtOpaque StmtKind = "opaque"
)

// Stmt is a node of the neutral statement tree. Which fields are set
// depends on Kind (see the StmtKind constants).
type Stmt struct {
	Kind StmtKind `json:"kind"`
	// Syntax is the source syntax kind of an Opaque statement.
	Syntax     string     `json:"syntax,omitempty"`
	Targets    []Expr     `json:"targets,omitempty"`
	Op         string     `json:"op,omitempty"`
	Annotation *Expr      `json:"annotation,omitempty"`
	Value      *Expr      `json:"value,omitempty"`
	Cause      *Expr      `json:"cause,omitempty"`
	Cond       *Expr      `json:"cond,omitempty"`
	Iter       *Expr      `json:"iter,omitempty"`
	Items      []WithItem `json:"items,omitempty"`
	Body       []Stmt     `json:"body,omitempty"`
	Handlers   []Handler  `json:"handlers,omitempty"`
	Else       []Stmt     `json:"else,omitempty"`
	Finally    []Stmt     `json:"finally,omitempty"`
	Names      []string   `json:"names,omitempty"`
	Func       *Function  `json:"func,omitempty"`
	Class      *Class     `json:"class,omitempty"`
	Async      bool       `json:"async,omitempty"`
	Line       int        `json:"line"`
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
		Walk(s.Body, fn)
		for j := range s.Handlers {
			Walk(s.Handlers[j].Body, fn)
		}
		Walk(s.Else, fn)
		Walk(s.Finally, fn)
	}
}

// EachClass calls fn for each class of list and, depth first after it,
// each class nested in it.
func EachClass(list []Class, fn func(*Class)) {
	for i := range list {
		fn(&list[i])
		EachClass(list[i].Classes, fn)
	}
}
