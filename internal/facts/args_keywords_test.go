package facts

import (
	"reflect"
	"testing"
)

// TestSetArgsKeywords: setting a call's arguments and keywords together
// leaves the expression as setting them one after the other does,
// whatever rare fields it held before.
func TestSetArgsKeywords(t *testing.T) {
	t.Parallel()
	arg := NewExpr(ExprSpec{Kind: ExprName, Name: "x", Raw: "x", Line: 1})
	kw := Keyword{Name: "k", Value: NewExpr(ExprSpec{Kind: ExprInt, Value: "1", Line: 1})}
	base := func(prep func(e *Expr)) Expr {
		e := NewExpr(ExprSpec{Kind: ExprCall, Raw: "models.f", Line: 3})
		prep(&e)
		return e
	}
	tests := []struct {
		name string
		prep func(e *Expr)
		args []Expr
		kws  []Keyword
	}{
		{"bare call, no arguments", func(*Expr) {}, nil, nil},
		{"bare call, arguments only", func(*Expr) {}, []Expr{arg}, nil},
		{"bare call, keywords only", func(*Expr) {}, nil, []Keyword{kw}},
		{"resolved elsewhere, both", func(e *Expr) { e.SetResolved("django.db.models.f") }, []Expr{arg}, []Keyword{kw}},
		{"text held, keywords cleared", func(e *Expr) { e.SetText("f(x)"); e.SetKeywords([]Keyword{kw}) }, []Expr{arg}, nil},
		{"keywords held, all cleared", func(e *Expr) { e.SetArgs([]Expr{arg}); e.SetKeywords([]Keyword{kw}) }, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			want := base(tt.prep)
			want.SetArgs(tt.args)
			want.SetKeywords(tt.kws)
			got := base(tt.prep)
			got.SetArgsKeywords(tt.args, tt.kws)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("SetArgsKeywords = %+v (rare %+v), want %+v (rare %+v)", got, got.rare, want, want.rare)
			}
		})
	}
}
