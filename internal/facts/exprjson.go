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
		Kind: e.Kind, Name: e.Name, Raw: e.Raw, Resolved: e.Resolved, Value: e.Value, Op: e.Op,
		X: e.X, Y: e.Y, Test: e.Test(), Args: e.Args, Keywords: e.Keywords(), Entries: e.Entries(),
		Text: e.Text(), Await: e.Await, Optional: e.Optional, Func: e.Func(), Line: e.Line,
	})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (e *Expr) UnmarshalJSON(b []byte) error {
	var j exprJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Expr{Kind: j.Kind, Name: j.Name, Raw: j.Raw, Resolved: j.Resolved, Value: j.Value, Op: j.Op,
		X: j.X, Y: j.Y, Args: j.Args, Line: j.Line, Await: j.Await, Optional: j.Optional}
	e.SetTest(j.Test)
	e.SetKeywords(j.Keywords)
	e.SetEntries(j.Entries)
	e.SetText(j.Text)
	e.SetFunc(j.Func)
	return nil
}
