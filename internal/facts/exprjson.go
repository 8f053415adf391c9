package facts

import "encoding/json"

// exprJSON is Expr as JSON, with the fields in their documented order.
type exprJSON struct {
	Kind     ExprKind    `json:"kind"`
	Name     string      `json:"name,omitempty"`
	Raw      string      `json:"raw,omitempty"`
	Resolved string      `json:"resolved,omitempty"`
	Value    string      `json:"value,omitempty"`
	Op       string      `json:"op,omitempty"`
	X        *Expr       `json:"x,omitempty"`
	Y        *Expr       `json:"y,omitempty"`
	Test     *Expr       `json:"test,omitempty"`
	Args     []Expr      `json:"args,omitempty"`
	Keywords []Keyword   `json:"keywords,omitempty"`
	Entries  []DictEntry `json:"entries,omitempty"`
	Text     string      `json:"text,omitempty"`
	Await    bool        `json:"await,omitempty"`
	Optional bool        `json:"optional,omitempty"`
	Func     *Function   `json:"func,omitempty"`
	Line     int         `json:"line"`
}

// MarshalJSON writes every field of e, the rare ones included.
func (e Expr) MarshalJSON() ([]byte, error) {
	return json.Marshal(exprJSON{
		Kind: e.Kind, Name: e.Name(), Raw: e.Raw(), Resolved: e.Resolved(), Value: e.Value(), Op: e.Op(),
		X: e.X, Y: e.Y, Test: e.Test(), Args: e.Args(), Keywords: e.Keywords(), Entries: e.Entries(),
		Text: e.Text(), Await: e.Await(), Optional: e.Optional(), Func: e.Func(), Line: e.Line(),
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Expr) UnmarshalJSON(b []byte) error {
	var j exprJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = NewExpr(ExprSpec{Kind: j.Kind, Name: j.Name, Raw: j.Raw, Value: j.Value,
		X: j.X, Y: j.Y, Args: j.Args, Line: j.Line, Await: j.Await, Optional: j.Optional})
	e.SetResolved(j.Resolved)
	e.SetOp(j.Op)
	e.SetTest(j.Test)
	e.SetKeywords(j.Keywords)
	e.SetEntries(j.Entries)
	e.SetText(j.Text)
	e.SetFunc(j.Func)
	return nil
}

// stmtJSON is Stmt as JSON, with the fields in their documented order.
type stmtJSON struct {
	Kind       StmtKind   `json:"kind"`
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

// MarshalJSON writes every field of s, the rare ones included.
func (s Stmt) MarshalJSON() ([]byte, error) {
	return json.Marshal(stmtJSON{
		Kind: s.Kind, Syntax: s.Syntax(), Targets: s.Targets, Op: s.Op(), Annotation: s.Annotation(),
		Value: s.Value, Cause: s.Cause(), Cond: s.Cond, Iter: s.Iter(), Items: s.Items(), Body: s.Body,
		Handlers: s.Handlers(), Else: s.Else(), Finally: s.Finally(), Names: s.Names(), Func: s.Func(),
		Class: s.Class(), Async: s.Async(), Line: s.Line(),
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Stmt) UnmarshalJSON(b []byte) error {
	var j stmtJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*s = NewStmt(StmtSpec{Kind: j.Kind, Targets: j.Targets, Value: j.Value, Cond: j.Cond, Body: j.Body, Else: j.Else,
		Async: j.Async, Line: j.Line})
	s.SetSyntax(j.Syntax)
	s.SetOp(j.Op)
	s.SetAnnotation(j.Annotation)
	s.SetCause(j.Cause)
	s.SetIter(j.Iter)
	s.SetItems(j.Items)
	s.SetHandlers(j.Handlers)
	s.SetFinally(j.Finally)
	s.SetNames(j.Names)
	s.SetFunc(j.Func)
	s.SetClass(j.Class)
	return nil
}

// functionJSON is Function as JSON, with the fields in their documented
// order and Body among them.
type functionJSON struct {
	Name       string  `json:"name"`
	QualName   string  `json:"qual_name"`
	Async      bool    `json:"async,omitempty"`
	Decorators []Expr  `json:"decorators,omitempty"`
	Params     []Param `json:"params,omitempty"`
	Returns    *Expr   `json:"returns,omitempty"`
	Doc        string  `json:"doc,omitempty"`
	Body       []Stmt  `json:"body,omitempty"`
	Line       int     `json:"line"`
	EndLine    int     `json:"end_line"`
}

// MarshalJSON writes every field of f, Body included.
func (f Function) MarshalJSON() ([]byte, error) {
	return json.Marshal(functionJSON{
		Name: f.Name, QualName: f.QualName, Async: f.Async, Decorators: f.Decorators, Params: f.Params,
		Returns: f.Returns, Doc: f.Doc, Body: f.Body(), Line: f.Line, EndLine: f.EndLine,
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Function) UnmarshalJSON(b []byte) error {
	var j functionJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*f = Function{Name: j.Name, QualName: j.QualName, Async: j.Async, Decorators: j.Decorators, Params: j.Params,
		Returns: j.Returns, Doc: j.Doc, Line: j.Line, EndLine: j.EndLine}
	f.SetBody(j.Body)
	return nil
}
