package facts

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWalkVisitsNestedBodiesInOrder(t *testing.T) {
	t.Parallel()
	try := NewStmt(StmtSpec{Kind: StmtTry, Line: 5, Body: []Stmt{NewStmt(StmtSpec{Kind: StmtExpr, Line: 6})}})
	try.SetHandlers([]Handler{{Body: []Stmt{NewStmt(StmtSpec{Kind: StmtRaise, Line: 8})}}})
	try.SetFinally([]Stmt{NewStmt(StmtSpec{Kind: StmtPass, Line: 10})})
	body := []Stmt{
		NewStmt(StmtSpec{Kind: StmtIf, Line: 1,
			Body: []Stmt{NewStmt(StmtSpec{Kind: StmtPass, Line: 2})},
			Else: []Stmt{NewStmt(StmtSpec{Kind: StmtReturn, Line: 4})}}),
		try,
		FunctionStmt((&Function{Line: 11}).WithBody([]Stmt{NewStmt(StmtSpec{Kind: StmtPass, Line: 12})})),
		NewStmt(StmtSpec{Kind: StmtFor, Line: 13, Body: []Stmt{NewStmt(StmtSpec{Kind: StmtBreak, Line: 14})}}),
	}
	var lines []int
	Walk(body, func(s *Stmt) bool {
		lines = append(lines, s.Line())
		return s.Kind != StmtFor // skip the loop body
	})
	want := []int{1, 2, 4, 5, 6, 8, 10, 11, 13}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("visited lines (-want +got):\n%s", diff)
	}
}

func TestExprHelpers(t *testing.T) {
	t.Parallel()
	call := new(NewExpr(ExprSpec{Kind: ExprCall, Raw: "Message",
		X: NewExprPtr(ExprSpec{Kind: ExprName, Name: "Message"})}).WithResolved("flask_mail.Message"))
	call.SetKeywords([]Keyword{{Name: "recipients", Value: Expr{Kind: ExprList}}})
	method := &Expr{Kind: ExprCall, X: NewExprPtr(ExprSpec{Kind: ExprAttr, Name: "first", X: call})}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"callee", call.Callee(), "flask_mail.Message"},
		{"callee of non-call", (new(Expr{Kind: ExprName}.WithResolved("x"))).Callee(), ""},
		{"callee of nil", (*Expr)(nil).Callee(), ""},
		{"keyword found", call.Keyword("recipients").Kind, ExprList},
		{"keyword missing", call.Keyword("subject") == nil, true},
		{"method", method.Method(), "first"},
		{"method of name call", call.Method(), ""},
		{"literal", (&Expr{Kind: ExprNone}).IsLiteral(), true},
		{"not literal", call.IsLiteral(), false},
		{"last segment", LastSegment("a.b.c"), "c"},
		{"last segment plain", LastSegment("c"), "c"},
	}
	for _, tt := range tests {
		if !cmp.Equal(tt.got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestAnyStopsAtFunctionBodies(t *testing.T) {
	t.Parallel()
	inner := NewExpr(ExprSpec{Kind: ExprName, Name: "secret"})
	callback := Expr{Kind: ExprFunction}
	callback.SetFunc((&Function{}).WithBody([]Stmt{{Kind: StmtReturn, Value: &inner}}))
	call := NewExprPtr(ExprSpec{Kind: ExprCall, Args: []Expr{callback},
		X: NewExprPtr(ExprSpec{Kind: ExprAttr, Name: "post", Optional: true})})
	isSecret := func(e *Expr) bool { return e.Kind == ExprName && e.Name() == "secret" }
	if call.Any(isSecret) {
		t.Error("Any descended into a function body")
	}
	if !call.Any(func(e *Expr) bool { return e.Kind == ExprFunction }) {
		t.Error("Any missed the function argument itself")
	}
	if !call.Any(func(e *Expr) bool { return e.Optional() }) {
		t.Error("Any missed the optional callee")
	}
}

// TestFunctionJSON: Body, kept behind a method, is written in its place
// among the documented fields and read back.
func TestFunctionJSON(t *testing.T) {
	t.Parallel()
	ret := NewExpr(ExprSpec{Kind: ExprName, Name: "x", Raw: "x", Line: 3})
	f := (&Function{Name: "f", QualName: "m.f", Doc: "Doc.", Line: 2, EndLine: 3}).
		WithBody([]Stmt{NewStmt(StmtSpec{Kind: StmtReturn, Value: &ret, Line: 3})})
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"name":"f","qual_name":"m.f","doc":"Doc.","body":[{"kind":"return","value":{"kind":"name","name":"x","raw":"x","line":3},"line":3}],"line":2,"end_line":3}`
	if string(b) != want {
		t.Errorf("json:\n got %s\nwant %s", b, want)
	}
	var back Function
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(*f, back, cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
