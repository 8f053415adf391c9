package allium

// Stmt is a clause of a rule body, a statement of an ensures block, or a line
// of an invariant body. One interface serves all three so that `for` and `let`
// have a single representation; the checker enforces which kinds may appear
// where:
//
//   - rule body: *Let, *Requires, *Ensures, *For (body: the same kinds)
//   - ensures block: *Assign, *ExprStmt, *Let, *For, *If
//   - invariant body: *Let, *For, *ExprStmt
type Stmt interface {
	Node
	stmtNode()
}

// Let binds a name: let name = value.
type Let struct {
	Meta
	Name  string
	Value Expr
}

// Requires is a precondition.
type Requires struct {
	Meta
	Cond Expr
}

// Ensures is a postcondition block. A single short statement prints inline
// (ensures: x.y = z); anything else prints as an indented block.
type Ensures struct {
	Meta
	Body []Stmt
}

// For iterates: for var in coll: body. A where filter is part of Coll
// (a *Where expression), as in `for u in Users where u.active:`.
type For struct {
	Meta
	Var  string
	Coll Expr
	Body []Stmt
}

// If is a block conditional with optional else-if branches and else.
type If struct {
	Meta
	Branches []IfBranch // at least one: if, then else if ...
	Else     []Stmt     // nil when absent
}

// IfBranch is one condition and its statements.
type IfBranch struct {
	Cond Expr
	Body []Stmt
}

// Assign is a state change: target = value (target is usually a *Member).
type Assign struct {
	Meta
	Target Expr
	Value  Expr
}

// ExprStmt is an expression used as a statement: entity creation
// (X.created(...)), trigger emission (Foo(a: b)), removal (not exists x),
// set mutation (xs.add(x)), deferred invocation, or an invariant assertion.
type ExprStmt struct {
	Meta
	X Expr
}

func (*Let) stmtNode()      {}
func (*Requires) stmtNode() {}
func (*Ensures) stmtNode()  {}
func (*For) stmtNode()      {}
func (*If) stmtNode()       {}
func (*Assign) stmtNode()   {}
func (*ExprStmt) stmtNode() {}

// Expr is an expression node.
type Expr interface {
	exprNode()
	// Position is where the expression starts in parsed text.
	Position() Pos
}

// ExprPos is embedded in expression nodes.
type ExprPos struct{ P Pos }

// Position implements Expr.
func (e ExprPos) Position() Pos { return e.P }

// Ident is a name: a binding, field, entity type, enum literal, or one of the
// keywords now, this, within, config. Qualified names keep their alias:
// "oauth/Session", "core/config".
type Ident struct {
	ExprPos
	Name string
}

// LitKind classifies a literal.
type LitKind int

// Literal kinds.
const (
	LitNumber   LitKind = iota // Text as written, e.g. "12", "0.5", "100_000"
	LitString                  // Text is the unquoted value
	LitBool                    // Text is "true" or "false"
	LitNull                    // Text is "null"
	LitBacktick                // a backtick-quoted enum literal; Text without backticks
)

// Lit is a literal value.
type Lit struct {
	ExprPos
	Kind LitKind
	Text string
}

// Duration is a number with a time unit: 1.hour, 15.minutes.
type Duration struct {
	ExprPos
	Value string // number as written
	Unit  string // as written: "hour", "hours", "minutes", ...
}

// Member is field access x.name, or optional navigation x?.name.
type Member struct {
	ExprPos
	X        Expr
	Name     string
	Optional bool
}

// Call is a call: black-box function f(x), trigger emission Foo(a: b),
// creation X.created(...), built-in xs.any(i => ...), deferred X.op(y).
type Call struct {
	ExprPos
	Fun  Expr
	Args []Arg
}

// Arg is a call argument; Name is empty for positional arguments.
type Arg struct {
	Name  string
	Value Expr
}

// Lambda is an explicit lambda: p => body.
type Lambda struct {
	ExprPos
	Param string
	Body  Expr
}

// Join is a join lookup: Entity{a, b} or Entity{a: x, b: y}.
type Join struct {
	ExprPos
	Entity string
	Fields []JoinField
}

// JoinField is one field of a join lookup; Value is nil for the shorthand
// form where the field name is also the local variable.
type JoinField struct {
	Name  string
	Value Expr
}

// Binary operators as written. Comparison "not in" is one operator.
const (
	OpEq            = "="
	OpNe            = "!="
	OpLt            = "<"
	OpLe            = "<="
	OpGt            = ">"
	OpGe            = ">="
	OpAdd           = "+"
	OpSub           = "-"
	OpMul           = "*"
	OpDiv           = "/"
	OpAnd           = "and"
	OpOr            = "or"
	OpImplies       = "implies"
	OpIn            = "in"
	OpNotIn         = "not in"
	OpCoalesce      = "??"
	OpTransitionsTo = "transitions_to"
	OpBecomes       = "becomes"
)

// Binary is a binary operation.
type Binary struct {
	ExprPos
	Op   string
	X, Y Expr
}

// Unary operators.
const (
	OpNot    = "not"
	OpNeg    = "-"
	OpExists = "exists"
)

// Unary is not x, -x or exists x. "not exists x" is Unary{not, Unary{exists, x}}.
type Unary struct {
	ExprPos
	Op string
	X  Expr
}

// Where filters a collection: coll where cond.
type Where struct {
	ExprPos
	X    Expr
	Cond Expr
}

// SetLit is a set literal {a, b}.
type SetLit struct {
	ExprPos
	Elems []Expr
}

// ListLit is a list literal [a, b].
type ListLit struct {
	ExprPos
	Elems []Expr
}

// ObjectLit is an anonymous record { k: v, ... }.
type ObjectLit struct {
	ExprPos
	Fields []ObjectField
}

// ObjectField is one key of an object literal.
type ObjectField struct {
	Name  string
	Value Expr
}

// IfExpr is an inline conditional: if c: a else if d: b else: e.
type IfExpr struct {
	ExprPos
	Branches []IfExprBranch
	Else     Expr
}

// IfExprBranch is one condition and value of an IfExpr.
type IfExprBranch struct {
	Cond, Then Expr
}

func (*Ident) exprNode()     {}
func (*Lit) exprNode()       {}
func (*Duration) exprNode()  {}
func (*Member) exprNode()    {}
func (*Call) exprNode()      {}
func (*Lambda) exprNode()    {}
func (*Join) exprNode()      {}
func (*Binary) exprNode()    {}
func (*Unary) exprNode()     {}
func (*Where) exprNode()     {}
func (*SetLit) exprNode()    {}
func (*ListLit) exprNode()   {}
func (*ObjectLit) exprNode() {}
func (*IfExpr) exprNode()    {}

// Inspect walks an expression depth-first in source order, calling f for each
// node; when f returns false the node's children are skipped. Nil is ignored.
func Inspect(e Expr, f func(Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	switch e := e.(type) {
	case *Member:
		Inspect(e.X, f)
	case *Call:
		Inspect(e.Fun, f)
		for _, a := range e.Args {
			Inspect(a.Value, f)
		}
	case *Lambda:
		Inspect(e.Body, f)
	case *Join:
		for _, jf := range e.Fields {
			Inspect(jf.Value, f)
		}
	case *Binary:
		Inspect(e.X, f)
		Inspect(e.Y, f)
	case *Unary:
		Inspect(e.X, f)
	case *Where:
		Inspect(e.X, f)
		Inspect(e.Cond, f)
	case *SetLit:
		for _, x := range e.Elems {
			Inspect(x, f)
		}
	case *ListLit:
		for _, x := range e.Elems {
			Inspect(x, f)
		}
	case *ObjectLit:
		for _, of := range e.Fields {
			Inspect(of.Value, f)
		}
	case *IfExpr:
		for _, b := range e.Branches {
			Inspect(b.Cond, f)
			Inspect(b.Then, f)
		}
		Inspect(e.Else, f)
	}
}

// Rewrite replaces, depth-first in source order, each node for which f
// answers done with the node f returns; the children of the others are
// rewritten in place. It returns the expression that stands for e.
func Rewrite(e Expr, f func(Expr) (Expr, bool)) Expr {
	if e == nil {
		return nil
	}
	if x, done := f(e); done {
		return x
	}
	switch e := e.(type) {
	case *Member:
		e.X = Rewrite(e.X, f)
	case *Call:
		e.Fun = Rewrite(e.Fun, f)
		for i := range e.Args {
			e.Args[i].Value = Rewrite(e.Args[i].Value, f)
		}
	case *Lambda:
		e.Body = Rewrite(e.Body, f)
	case *Join:
		for i := range e.Fields {
			e.Fields[i].Value = Rewrite(e.Fields[i].Value, f)
		}
	case *Binary:
		e.X, e.Y = Rewrite(e.X, f), Rewrite(e.Y, f)
	case *Unary:
		e.X = Rewrite(e.X, f)
	case *Where:
		e.X, e.Cond = Rewrite(e.X, f), Rewrite(e.Cond, f)
	case *SetLit:
		for i := range e.Elems {
			e.Elems[i] = Rewrite(e.Elems[i], f)
		}
	case *ListLit:
		for i := range e.Elems {
			e.Elems[i] = Rewrite(e.Elems[i], f)
		}
	case *ObjectLit:
		for i := range e.Fields {
			e.Fields[i].Value = Rewrite(e.Fields[i].Value, f)
		}
	case *IfExpr:
		for i := range e.Branches {
			e.Branches[i].Cond, e.Branches[i].Then = Rewrite(e.Branches[i].Cond, f), Rewrite(e.Branches[i].Then, f)
		}
		e.Else = Rewrite(e.Else, f)
	}
	return e
}

// WalkStmts calls f for every statement in list, depth-first in source order,
// including the bodies of Ensures, For and If. When f returns false the
// statement's children are skipped.
func WalkStmts(list []Stmt, f func(Stmt) bool) {
	for _, s := range list {
		if s == nil || !f(s) {
			continue
		}
		switch s := s.(type) {
		case *Ensures:
			WalkStmts(s.Body, f)
		case *For:
			WalkStmts(s.Body, f)
		case *If:
			for _, b := range s.Branches {
				WalkStmts(b.Body, f)
			}
			WalkStmts(s.Else, f)
		}
	}
}

// StmtExprs returns the expressions a statement holds directly (not those of
// nested statements), in source order.
func StmtExprs(s Stmt) []Expr {
	switch s := s.(type) {
	case *Let:
		return []Expr{s.Value}
	case *Requires:
		return []Expr{s.Cond}
	case *For:
		return []Expr{s.Coll}
	case *If:
		out := make([]Expr, 0, len(s.Branches))
		for _, b := range s.Branches {
			out = append(out, b.Cond)
		}
		return out
	case *Assign:
		return []Expr{s.Target, s.Value}
	case *ExprStmt:
		return []Expr{s.X}
	}
	return nil
}

// SetStmtExprs replaces each expression a statement holds directly (those
// StmtExprs lists) with what f returns for it.
func SetStmtExprs(s Stmt, f func(Expr) Expr) {
	switch s := s.(type) {
	case *Let:
		s.Value = f(s.Value)
	case *Requires:
		s.Cond = f(s.Cond)
	case *For:
		s.Coll = f(s.Coll)
	case *If:
		for i := range s.Branches {
			s.Branches[i].Cond = f(s.Branches[i].Cond)
		}
	case *Assign:
		s.Target, s.Value = f(s.Target), f(s.Value)
	case *ExprStmt:
		s.X = f(s.X)
	}
}

// RootIdent returns the name of the leftmost identifier of a navigation or
// comparison chain (Invitation in Invitation.expires_at <= now), or "".
func RootIdent(e Expr) string {
	for e != nil {
		switch x := e.(type) {
		case *Ident:
			return x.Name
		case *Member:
			e = x.X
		case *Binary:
			e = x.X
		case *Call:
			e = x.Fun
		case *Where:
			e = x.X
		default:
			return ""
		}
	}
	return ""
}
