package facts

import (
	"encoding/json"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
)

// TestRareFieldsCopyOnWrite: a copy of an Expr or Stmt shares its rare
// fields until one of the two sets one, and then neither sees the
// other's write, as with plain fields.
func TestRareFieldsCopyOnWrite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		run  func() (orig, copied string)
	}{
		{"expr text", func() (string, string) {
			a := Expr{Kind: ExprLambda}
			a.SetText("lambda: 1")
			b := a
			b.SetText("lambda: 2")
			return a.Text(), b.Text()
		}},
		{"expr keywords", func() (string, string) {
			a := Expr{Kind: ExprCall}
			a.SetKeywords([]Keyword{{Name: "x"}})
			b := a
			b.SetKeywords(nil)
			return names(a.Keywords()), names(b.Keywords())
		}},
		{"expr test kept by another setter", func() (string, string) {
			a := Expr{Kind: ExprCond}
			a.SetTest(NewExprPtr(ExprSpec{Kind: ExprName, Name: "ok"}))
			b := a
			b.SetText("t")
			return a.Test().Name() + "|" + a.Text(), b.Test().Name() + "|" + b.Text()
		}},
		{"stmt handlers", func() (string, string) {
			a := Stmt{Kind: StmtTry}
			a.SetHandlers([]Handler{{Name: "e"}})
			b := a
			b.SetHandlers([]Handler{{Name: "err"}})
			return a.Handlers()[0].Name, b.Handlers()[0].Name
		}},
		{"stmt op", func() (string, string) {
			a := Stmt{Kind: StmtAugAssign}
			a.SetOp("+=")
			b := a
			b.SetOp("-=")
			return a.Op(), b.Op()
		}},
	}
	want := map[string][2]string{
		"expr text":                        {"lambda: 1", "lambda: 2"},
		"expr keywords":                    {"x", ""},
		"expr test kept by another setter": {"ok|", "ok|t"},
		"stmt handlers":                    {"e", "err"},
		"stmt op":                          {"+=", "-="},
	}
	for _, tt := range tests {
		orig, copied := tt.run()
		if got := [2]string{orig, copied}; got != want[tt.name] {
			t.Errorf("%s: original, copy = %q, want %q", tt.name, got, want[tt.name])
		}
	}
}

func names(kws []Keyword) string {
	var out []string
	for _, k := range kws {
		out = append(out, k.Name)
	}
	return strings.Join(out, ",")
}

// TestRareFieldsZero: setting every rare field back to zero drops the
// shared part, and the getters of a nil expression or statement return
// zero values.
func TestRareFieldsZero(t *testing.T) {
	t.Parallel()
	e := Expr{Kind: ExprLambda}
	e.SetText("lambda: 1")
	e.SetText("")
	s := Stmt{Kind: StmtGlobal}
	s.SetNames([]string{"x"})
	s.SetNames(nil)
	if e.rare != nil || s.rare != nil {
		t.Errorf("rare part kept after every field was zeroed: expr %v, stmt %v", e.rare != nil, s.rare != nil)
	}
	var ne *Expr
	var ns *Stmt
	if ne.Text() != "" || ne.Keywords() != nil || ne.Func() != nil || ns.Syntax() != "" || ns.Handlers() != nil || ns.Class() != nil {
		t.Error("a nil expression or statement has a rare field")
	}
}

// TestKindNames: the kinds print and marshal as the names they had when
// they were strings, and read back.
func TestKindNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind fmtKind
		want string
	}{
		{ExprCall, "call"},
		{ExprName, "name"},
		{ExprComprehension, "comprehension"},
		{ExprDefault, "default"},
		{ExprKind(0), ""},
		{StmtAugAssign, "aug_assign"},
		{StmtOpaque, "opaque"},
		{StmtKind(0), ""},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
		b, err := tt.kind.MarshalText()
		if err != nil || string(b) != tt.want {
			t.Errorf("MarshalText() = %q, %v; want %q", b, err, tt.want)
		}
	}
	var k ExprKind
	if err := k.UnmarshalText([]byte("subscript")); err != nil || k != ExprSubscript {
		t.Errorf("UnmarshalText(subscript) = %v, %v", k, err)
	}
	if err := k.UnmarshalText([]byte("nonsense")); err == nil {
		t.Error("UnmarshalText(nonsense) accepted")
	}
}

type fmtKind interface {
	String() string
	MarshalText() ([]byte, error)
}

// TestJSONRoundTrip: every field, rare or not, is written under its old
// name and in its old place, and reads back to the same value.
func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	cond := NewExpr(ExprSpec{Kind: ExprCond, X: NewExprPtr(ExprSpec{Kind: ExprInt, Value: "1", Line: 2}), Y: NewExprPtr(ExprSpec{Kind: ExprNone, Line: 2}), Line: 2})
	cond.SetTest(new(NewExpr(ExprSpec{Kind: ExprName, Name: "ok", Raw: "ok", Line: 2}).WithResolved("ok")))
	call := NewExpr(ExprSpec{Kind: ExprCall, Raw: "f", Await: true, Line: 3}).WithResolved("m.f")
	call.SetKeywords([]Keyword{{Name: "k", Value: cond}})
	dict := NewExpr(ExprSpec{Kind: ExprDict, Line: 4})
	dict.SetEntries([]DictEntry{{Value: NewExpr(ExprSpec{Kind: ExprName, Name: "rest", Line: 4})}})
	fn := NewExpr(ExprSpec{Kind: ExprFunction, Optional: true, Line: 5})
	fn.SetFunc(&Function{Name: "cb", QualName: "m.cb", Line: 5, EndLine: 6})
	opaque := NewExpr(ExprSpec{Kind: ExprOpaque, Name: "lambda", Line: 7})
	opaque.SetText("lambda: 0")

	try := NewStmt(StmtSpec{Kind: StmtTry, Body: []Stmt{NewStmt(StmtSpec{Kind: StmtPass, Line: 9})}, Line: 8})
	try.SetHandlers([]Handler{{Name: "e", Group: true, Line: 10}})
	try.SetFinally([]Stmt{NewStmt(StmtSpec{Kind: StmtPass, Line: 11})})
	aug := NewStmt(StmtSpec{Kind: StmtAugAssign, Targets: []Expr{NewExpr(ExprSpec{Kind: ExprName, Name: "n", Line: 12})}, Value: &call, Line: 12})
	aug.SetOp("+=")
	with := NewStmt(StmtSpec{Kind: StmtWith, Async: true, Line: 13})
	with.SetItems([]WithItem{{Value: dict, Alias: &fn}})
	raise := NewStmt(StmtSpec{Kind: StmtRaise, Value: &opaque, Line: 14})
	raise.SetCause(NewExprPtr(ExprSpec{Kind: ExprName, Name: "err", Line: 14}))
	global := NewStmt(StmtSpec{Kind: StmtGlobal, Line: 15})
	global.SetNames([]string{"a", "b"})
	body := []Stmt{try, aug, with, raise, global, OpaqueStmt("match_statement", 16), ClassStmt(&Class{Name: "C", Line: 17})}

	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"kind":"try","body":[{"kind":"pass","line":9}],"handlers":[{"name":"e","group":true,"line":10}],"finally":[{"kind":"pass","line":11}],"line":8}`,
		`"keywords":[{"name":"k","value":{"kind":"cond","x":{"kind":"int","value":"1","line":2},"y":{"kind":"none","line":2},"test":{"kind":"name","name":"ok","raw":"ok","resolved":"ok","line":2},"line":2}}],"await":true,"line":3}`,
		`{"kind":"aug_assign","targets":[{"kind":"name","name":"n","line":12}],"op":"+=","value":`,
		`"items":[{"value":{"kind":"dict","entries":[{"value":{"kind":"name","name":"rest","line":4}}],"line":4},"alias":{"kind":"function","optional":true,"func":{"name":"cb","qual_name":"m.cb","line":5,"end_line":6},"line":5}}],"async":true,"line":13}`,
		`{"kind":"raise","value":{"kind":"opaque","name":"lambda","text":"lambda: 0","line":7},"cause":{"kind":"name","name":"err","line":14},"line":14}`,
		`{"kind":"global","names":["a","b"],"line":15}`,
		`{"kind":"opaque","syntax":"match_statement","line":16}`,
		`{"kind":"class","class":{"name":"C","qual_name":"","line":17,"end_line":0},"line":17}`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s\nin %s", want, b)
		}
	}
	var back []Stmt
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(back)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(b), string(again)); diff != "" {
		t.Errorf("read back and written again differs (-first +again):\n%s", diff)
	}
}

// TestCompactSizes keeps Expr and Stmt at the sizes that made a large
// service's facts fit (issue 12): a service holds millions of them until
// its build ends. A field few kinds use belongs in the rare part.
func TestCompactSizes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		size, max uintptr
	}{
		{"Expr", unsafe.Sizeof(Expr{}), 48},
		{"Stmt", unsafe.Sizeof(Stmt{}), 80},
	}
	for _, tt := range tests {
		if tt.size > tt.max {
			t.Errorf("%s is %d bytes, more than %d: put the new field in its rare part", tt.name, tt.size, tt.max)
		}
	}
}

// TestNameAndLine: Name reads back what was set whether it is the end of
// Raw or Value (stored as a length, no rare part), the only string set
// (held in str) or neither (kept apart),
// in whichever order Name, Raw and Value are set, and through a later
// change of Raw or Value; Line saturates at maxLine instead of running
// into the Name length it shares a word with.
func TestNameAndLine(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("n", maxNameSuffix+1)
	tests := []struct {
		name     string
		run      func() Expr
		wantName string
		wantRaw  string
		wantLine int
		rare     bool
	}{
		{"name is raw", func() Expr { return NewExpr(ExprSpec{Kind: ExprName, Name: "db", Raw: "db", Line: 7}) }, "db", "db", 7, false},
		{"attribute ends raw", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprAttr, Name: "send", Raw: "mail.send", Line: 3})
		}, "send", "mail.send", 3, false},
		{"name set before raw", func() Expr {
			var e Expr
			e.SetName("send")
			e.SetRaw("mail.send")
			return e
		}, "send", "mail.send", 0, false},
		{"name not in raw", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprAttr, Name: "first", Line: 2})
		}, "first", "", 2, false},
		{"raw changed under a suffix name", func() Expr {
			e := NewExpr(ExprSpec{Kind: ExprAttr, Name: "send", Raw: "mail.send"})
			e.SetRaw("app.mail.send")
			return e
		}, "send", "app.mail.send", 0, false},
		{"raw changed away from the name", func() Expr {
			e := NewExpr(ExprSpec{Kind: ExprAttr, Name: "send", Raw: "mail.send"})
			e.SetRaw("mailer")
			return e
		}, "send", "mailer", 0, true},
		{"name alone, then a raw ending in it", func() Expr {
			e := NewExpr(ExprSpec{Kind: ExprAttr, Name: "send"})
			e.SetRaw("mail.send")
			return e
		}, "send", "mail.send", 0, false},
		{"apart name back in str when raw is cleared", func() Expr {
			e := NewExpr(ExprSpec{Kind: ExprAttr, Name: "send", Raw: "mailer"})
			e.SetRaw("")
			return e
		}, "send", "", 0, false},
		{"value not ending in the name", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprString, Name: "x", Value: "y"})
		}, "x", "", 0, true},
		{"name cleared", func() Expr {
			e := NewExpr(ExprSpec{Kind: ExprAttr, Name: "first", Raw: "q.first"})
			e.SetName("")
			return e
		}, "", "q.first", 0, false},
		{"value holds the name", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprString, Name: "x", Value: "x"})
		}, "x", "", 0, false},
		{"name too long for a length", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprName, Name: long, Raw: long, Line: 1})
		}, long, long, 1, true},
		{"line saturates", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprName, Name: "x", Raw: "x", Line: maxLine + 5})
		}, "x", "x", maxLine, false},
		{"line set after name", func() Expr {
			e := NewExpr(ExprSpec{Kind: ExprName, Name: "abc", Raw: "abc"})
			e.SetLine(1 << 20)
			return e
		}, "abc", "abc", 1 << 20, false},
	}
	for _, tt := range tests {
		e := tt.run()
		copied := e
		if got := e.Name(); got != tt.wantName {
			t.Errorf("%s: Name = %q, want %q", tt.name, got, tt.wantName)
		}
		if got := copied.Raw(); got != tt.wantRaw {
			t.Errorf("%s: Raw = %q, want %q", tt.name, got, tt.wantRaw)
		}
		if got := e.Line(); got != tt.wantLine {
			t.Errorf("%s: Line = %d, want %d", tt.name, got, tt.wantLine)
		}
		if got := e.rare != nil; got != tt.rare {
			t.Errorf("%s: rare part = %v, want %v", tt.name, got, tt.rare)
		}
	}
}

// TestOpAndResolved: Op and Resolved read back what was set, whether Op
// is one of the coded operators or not and whether Resolved is Raw or
// not, through later sets and copies; a Resolved set equal to Raw costs
// no rare part.
func TestOpAndResolved(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		run          func() Expr
		op, resolved string
		rare         bool
	}{
		{"coded op", func() Expr { return Expr{Kind: ExprBinary}.WithOp("//") }, "//", "", false},
		{"uncoded op", func() Expr { return Expr{Kind: ExprBinary}.WithOp("|>") }, "|>", "", true},
		{"uncoded then coded op", func() Expr {
			return Expr{Kind: ExprBinary}.WithOp("|>").WithOp("not in")
		}, "not in", "", false},
		{"resolved is raw", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprName, Name: "db", Raw: "db"}).WithResolved("db")
		}, "", "db", false},
		{"resolved differs", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprName, Name: "Message", Raw: "Message"}).WithResolved("flask_mail.Message")
		}, "", "flask_mail.Message", true},
		{"resolved differs then is raw", func() Expr {
			return NewExpr(ExprSpec{Kind: ExprAttr, Raw: "m.X"}).WithResolved("app.m.X").WithResolved("m.X")
		}, "", "m.X", false},
		{"raw without resolved", func() Expr { return NewExpr(ExprSpec{Kind: ExprName, Raw: "x"}) }, "", "", false},
		{"resolved without raw", func() Expr { return Expr{Kind: ExprCall}.WithResolved("f") }, "", "f", true},
		{"resolved and keywords", func() Expr {
			e := NewExpr(ExprSpec{Kind: ExprCall, Raw: "M"}).WithResolved("pkg.M")
			e.SetKeywords([]Keyword{{Name: "k"}})
			return e.WithOp("") // clearing an absent field keeps the others
		}, "", "pkg.M", true},
		{"copy keeps its own op", func() Expr {
			a := Expr{Kind: ExprUnary}.WithOp("typeof")
			b := a.WithOp("~>")
			_ = b
			return a
		}, "typeof", "", false},
	}
	for _, tt := range tests {
		e := tt.run()
		if got := e.Op(); got != tt.op {
			t.Errorf("%s: Op() = %q, want %q", tt.name, got, tt.op)
		}
		if got := e.Resolved(); got != tt.resolved {
			t.Errorf("%s: Resolved() = %q, want %q", tt.name, got, tt.resolved)
		}
		if got := e.rare != nil; got != tt.rare {
			t.Errorf("%s: has a rare part = %v, want %v", tt.name, got, tt.rare)
		}
	}
}

// TestZeroSetsAllocateNothing: storing a zero value in a rare field of an
// expression or statement that has none allocates nothing (the Python
// walker sets Keywords on every call, most often to nil).
func TestZeroSetsAllocateNothing(t *testing.T) {
	tests := []struct {
		name string
		set  func()
	}{
		{"Expr.SetKeywords(nil)", func() { var e Expr; e.SetKeywords(nil) }},
		{"Expr.SetTest(nil)", func() { var e Expr; e.SetTest(nil) }},
		{"Expr.SetText(\"\")", func() { var e Expr; e.SetText("") }},
		{"Expr.SetResolved(\"\")", func() { var e Expr; e.SetResolved("") }},
		{"Expr.SetResolved(Raw)", func() { e := NewExpr(ExprSpec{Raw: "a.b"}); e.SetResolved("a.b") }},
		{"Expr.SetOp(coded)", func() { var e Expr; e.SetOp("==") }},
		{"Stmt.SetAnnotation(nil)", func() { var s Stmt; s.SetAnnotation(nil) }},
		{"Stmt.SetOp(\"\")", func() { var s Stmt; s.SetOp("") }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(100, tt.set); n != 0 {
			t.Errorf("%s: %v allocations, want 0", tt.name, n)
		}
	}
}

// TestRawAndValueShareAString: Raw and Value are kept in one string when
// only one is set, and both read back whatever the order they are set in,
// cleared, or set on a copy; the other fields read back what NewExpr was
// given.
func TestRawAndValueShareAString(t *testing.T) {
	t.Parallel()
	type step struct {
		raw, value *string
	}
	s := func(v string) *string { return &v }
	tests := []struct {
		name          string
		steps         []step
		raw, value    string
		wantRarePart  bool
		wantValueFlag bool
	}{
		{"raw only", []step{{raw: s("db.session")}}, "db.session", "", false, false},
		{"value only", []step{{value: s("42")}}, "", "42", false, true},
		{"raw then value", []step{{raw: s("a.b")}, {value: s("x")}}, "a.b", "x", true, false},
		{"value then raw", []step{{value: s("x")}, {raw: s("a.b")}}, "a.b", "x", true, false},
		{"value cleared", []step{{value: s("x")}, {value: s("")}}, "", "", false, false},
		{"both, value cleared", []step{{raw: s("a")}, {value: s("x")}, {value: s("")}}, "a", "", false, false},
		{"both, raw cleared", []step{{raw: s("a")}, {value: s("x")}, {raw: s("")}}, "", "x", true, false},
		{"both, raw cleared, value reset", []step{{raw: s("a")}, {value: s("x")}, {raw: s("")}, {value: s("y")}}, "", "y", false, true},
		{"empty raw on a literal", []step{{value: s("1")}, {raw: s("")}}, "", "1", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e Expr
			for _, st := range tt.steps {
				if st.raw != nil {
					e.SetRaw(*st.raw)
				}
				if st.value != nil {
					e.SetValue(*st.value)
				}
			}
			if e.Raw() != tt.raw || e.Value() != tt.value {
				t.Errorf("Raw, Value = %q, %q; want %q, %q", e.Raw(), e.Value(), tt.raw, tt.value)
			}
			if got := e.rare != nil; got != tt.wantRarePart {
				t.Errorf("rare part: %v, want %v", got, tt.wantRarePart)
			}
			if got := e.flags&flagValue != 0; got != tt.wantValueFlag {
				t.Errorf("value in the shared string: %v, want %v", got, tt.wantValueFlag)
			}
		})
	}

	spec := ExprSpec{Kind: ExprCall, Name: "n", Raw: "f.g", Value: "v", Line: 7, Await: true, Optional: true,
		Args: []Expr{NewExpr(ExprSpec{Kind: ExprInt, Value: "1"})}}
	e := NewExpr(spec)
	if e.Kind != spec.Kind || e.Name() != "n" || e.Raw() != "f.g" || e.Value() != "v" || e.Line() != 7 ||
		!e.Await() || !e.Optional() || len(e.Args()) != 1 || e.Args()[0].Value() != "1" {
		t.Errorf("NewExpr(%+v) reads back %s", spec, mustJSON(t, e))
	}
	c := e
	c.SetArgs(nil)
	c.SetValue("w")
	c.SetAwait(false)
	if len(e.Args()) != 1 || e.Value() != "v" || !e.Await() {
		t.Errorf("setting a copy changed the original: %s", mustJSON(t, e))
	}
	if len(c.Args()) != 0 || c.Value() != "w" || c.Await() || !c.Optional() {
		t.Errorf("the copy reads %s", mustJSON(t, c))
	}
}

func mustJSON(t *testing.T, e Expr) string {
	t.Helper()
	b, err := e.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestStmtElseAndLine: Else, Line and Async read back what NewStmt and
// the setters were given, and setting Else on a copy leaves the original.
func TestStmtElseAndLine(t *testing.T) {
	t.Parallel()
	body := []Stmt{NewStmt(StmtSpec{Kind: StmtPass, Line: 3})}
	s := NewStmt(StmtSpec{Kind: StmtIf, Else: body, Line: 2, Async: true})
	if len(s.Else()) != 1 || s.Else()[0].Line() != 3 || s.Line() != 2 || !s.Async() {
		t.Fatalf("NewStmt reads back Else %d, Line %d, Async %v", len(s.Else()), s.Line(), s.Async())
	}
	c := s
	c.SetElse(nil)
	c.SetLine(9)
	if len(s.Else()) != 1 || s.Line() != 2 {
		t.Errorf("setting a copy changed the original: Else %d, Line %d", len(s.Else()), s.Line())
	}
	if c.Else() != nil || c.rare != nil {
		t.Errorf("a cleared Else keeps a rare part: %v", c.rare)
	}
}

// TestSetCall: SetCall leaves a call as SetResolved then SetArgsKeywords
// do, whatever of its rare fields were set before.
func TestSetCall(t *testing.T) {
	t.Parallel()
	args := []Expr{NewExpr(ExprSpec{Kind: ExprName, Name: "a"})}
	kws := []Keyword{{Name: "k"}}
	tests := []struct {
		name, raw, resolved, text string
		args                      []Expr
		kws                       []Keyword
	}{
		{"nothing", "", "", "", nil, nil},
		{"resolved as raw", "f", "f", "", args, nil},
		{"resolved elsewhere", "f", "m.f", "", args, kws},
		{"resolved, no arguments", "f", "m.f", "", nil, nil},
		{"keywords only", "f", "", "", nil, kws},
		{"text kept", "f", "m.f", "f(a)", args, kws},
		{"text kept, no keywords", "f", "f", "f(a)", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fresh := func() Expr {
				e := NewExpr(ExprSpec{Kind: ExprCall, Raw: tt.raw})
				if tt.text != "" {
					e.SetText(tt.text)
				}
				return e
			}
			want, got := fresh(), fresh()
			want.SetResolved(tt.resolved)
			want.SetArgsKeywords(tt.args, tt.kws)
			got.SetCall(tt.resolved, tt.args, tt.kws)
			if got.flags != want.flags || (got.rare == nil) != (want.rare == nil) || (got.more() == nil) != (want.more() == nil) ||
				got.Resolved() != want.Resolved() || got.Raw() != want.Raw() || got.Text() != want.Text() ||
				len(got.Args()) != len(want.Args()) || names(got.Keywords()) != names(want.Keywords()) {
				t.Errorf("SetCall: flags %v rare %v resolved %q text %q args %d keywords %q; want flags %v rare %v resolved %q text %q args %d keywords %q",
					got.flags, got.rare != nil, got.Resolved(), got.Text(), len(got.Args()), names(got.Keywords()),
					want.flags, want.rare != nil, want.Resolved(), want.Text(), len(want.Args()), names(want.Keywords()))
			}
			if got.rare != nil && got.rare.resolved != want.rare.resolved {
				t.Errorf("rare resolved %q, want %q", got.rare.resolved, want.rare.resolved)
			}
		})
	}
}
