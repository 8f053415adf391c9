package python

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

func TestModuleName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path      string
		module    string
		isPackage bool
	}{
		{"app/auth/routes.py", "app.auth.routes", false},
		{"app/__init__.py", "app", true},
		{"./manage.py", "manage", false},
		{"__init__.py", "", true},
		{"a//b.py", "a.b", false},
	}
	for _, tt := range tests {
		module, isPackage := ModuleName(tt.path)
		if module != tt.module || isPackage != tt.isPackage {
			t.Errorf("ModuleName(%q) = %q, %v; want %q, %v", tt.path, module, isPackage, tt.module, tt.isPackage)
		}
	}
}

func TestResolveRelative(t *testing.T) {
	t.Parallel()
	tests := []struct {
		module    string
		isPackage bool
		level     int
		rest      string
		want      string
	}{
		{"app.auth.routes", false, 1, "models", "app.auth.models"},
		{"app.auth.routes", false, 2, "extensions", "app.extensions"},
		{"app.auth.routes", false, 1, "", "app.auth"},
		{"app.auth", true, 1, "routes", "app.auth.routes"},
		{"app.auth", true, 2, "models", "app.models"},
		{"app", false, 3, "x", "x"}, // above the root: clamp
	}
	for _, tt := range tests {
		if got := resolveRelative(tt.module, tt.isPackage, tt.level, tt.rest); got != tt.want {
			t.Errorf("resolveRelative(%q, %v, %d, %q) = %q, want %q", tt.module, tt.isPackage, tt.level, tt.rest, got, tt.want)
		}
	}
}

func TestImports(t *testing.T) {
	t.Parallel()
	src := `import os.path
import a.b as c, d
from . import views
from ..extensions import db as database, mail
from models import (
    User,
    Token as T,
)
from x import *
from __future__ import annotations

def f():
    from .tasks import send
    return send
`
	f := extract(t, "app/auth/routes.py", src)
	want := []facts.Import{
		{Module: "os.path", Bound: "os", Target: "os", Line: 1},
		{Module: "a.b", Bound: "c", Target: "a.b", Line: 2},
		{Module: "d", Bound: "d", Target: "d", Line: 2},
		{Module: "app.auth", Name: "views", Bound: "views", Target: "app.auth.views", Level: 1, Line: 3},
		{Module: "app.extensions", Name: "db", Bound: "database", Target: "app.extensions.db", Level: 2, Line: 4},
		{Module: "app.extensions", Name: "mail", Bound: "mail", Target: "app.extensions.mail", Level: 2, Line: 4},
		{Module: "models", Name: "User", Bound: "User", Target: "models.User", Line: 6},
		{Module: "models", Name: "Token", Bound: "T", Target: "models.Token", Line: 7},
		{Module: "x", Name: "*", Line: 9},
		{Module: "__future__", Name: "annotations", Bound: "annotations", Target: "__future__.annotations", Line: 10},
		{Module: "app.auth.tasks", Name: "send", Bound: "send", Target: "app.auth.tasks.send", Level: 1, Local: true, Line: 13},
	}
	if diff := cmp.Diff(want, f.Imports); diff != "" {
		t.Errorf("imports (-want +got):\n%s", diff)
	}
	// The local import resolves inside its function.
	ret := f.Functions[0].Body()[1]
	if got := ret.Value.Resolved(); got != "app.auth.tasks.send" {
		t.Errorf("local import resolved to %q", got)
	}
}

// TestFactsCarryLines checks the full values, lines included, for one
// small function: go-cmp over the structs, no rendering.
func TestFactsCarryLines(t *testing.T) {
	t.Parallel()
	src := `from flask_mail import Message

@bp.post("/x")
def send(user, n: int = 3):
    """Send it."""
    msg = Message(
        "Hi",
        recipients=[user.email],
    )
    mail.send(msg)
`
	f := extract(t, "svc/mailer.py", src)
	name := func(n string, line int) facts.Expr {
		return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Raw: n, Line: line}).WithResolved(n)
	}
	ptr := func(e facts.Expr) *facts.Expr { return &e }
	bp := name("bp", 3)
	userName := name("user", 8)
	msgName := name("msg", 10)
	mailName := name("mail", 10)
	wantBody := []facts.Stmt{
		facts.NewStmt(facts.StmtSpec{
			Kind:    facts.StmtAssign,
			Targets: []facts.Expr{name("msg", 6)},
			Value: withKeywords(new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, Raw: "Message", Line: 6,
				X:    new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "Message", Raw: "Message", Line: 6}).WithResolved("flask_mail.Message")),
				Args: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: "Hi", Line: 7})}}).WithResolved("flask_mail.Message")), []facts.Keyword{{Name: "recipients", Value: facts.NewExpr(facts.ExprSpec{
				Kind: facts.ExprList, Line: 8,
				Args: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, Name: "email", Raw: "user.email", X: &userName, Line: 8}).WithResolved("user.email")},
			})}}),
			Line: 6,
		}),
		facts.NewStmt(facts.StmtSpec{
			Kind: facts.StmtExpr,
			Value: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, Raw: "mail.send", Line: 10,
				X:    new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, Name: "send", Raw: "mail.send", X: &mailName, Line: 10}).WithResolved("mail.send")),
				Args: []facts.Expr{msgName}}).WithResolved("mail.send")),
			Line: 10,
		}),
	}
	want := []facts.Function{{
		Name:     "send",
		QualName: "svc.mailer.send",
		Decorators: []facts.Expr{facts.NewExpr(facts.ExprSpec{
			Kind: facts.ExprCall, Raw: "bp.post", Line: 3,
			X:    new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, Name: "post", Raw: "bp.post", X: &bp, Line: 3}).WithResolved("bp.post")),
			Args: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: "/x", Line: 3})},
		}).WithResolved("bp.post")},
		Params: []facts.Param{
			{Name: "user", Kind: facts.ParamPositional, Line: 4},
			{Name: "n", Kind: facts.ParamPositional, Annotation: ptr(name("int", 4)), Default: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: "3", Line: 4}), Line: 4},
		},
		Doc:     "Send it.",
		Line:    4,
		EndLine: 10,
	}}
	want[0].SetBody(wantBody)
	if diff := cmp.Diff(want, f.Functions, factsFields); diff != "" {
		t.Errorf("functions (-want +got):\n%s", diff)
	}
	if f.Stats.Statements != 4 { // import, def, assign, call
		t.Errorf("statements = %d, want 4", f.Stats.Statements)
	}
}

func TestLocalNamesShadowImports(t *testing.T) {
	t.Parallel()
	src := `from app.models import user, Token

def f(user):
    return user.email

def g():
    Token = make()
    return Token.value, user.name
`
	got := showFile(extract(t, "m.py", src))
	want := []string{
		"def m.f(user)",
		"  return user.email",
		"def m.g()",
		"  Token = make()",
		"  return (Token.value, app.models.user.name,)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSyntaxErrorsYieldWhatParses(t *testing.T) {
	t.Parallel()
	src := `MAX_ATTEMPTS = 5

def invite_legacy(org, email):
    subject = 'You're invited to ' + org.name
    return subject

def ok():
    return MAX_ATTEMPTS
`
	f := extract(t, "legacy/broken.py", src)
	if f.Stats.ErrorNodes+f.Stats.MissingNodes == 0 {
		t.Fatalf("no syntax errors counted: %+v", f.Stats)
	}
	if len(f.Stats.ErrorLines) == 0 || f.Stats.ErrorLines[0] != 4 {
		t.Errorf("error lines = %v, want first on line 4", f.Stats.ErrorLines)
	}
	// The broken line is opaque rather than a recovered `subject = +org.name`;
	// the rest of the function survives.
	broken := f.Functions[0]
	if got := showBody(broken.Body()); !cmp.Equal(got, []string{"opaque<error:expression_statement>", "return subject"}) {
		t.Errorf("broken function body = %q", got)
	}
	if len(f.Constants) != 1 || f.Constants[0].Name != "MAX_ATTEMPTS" {
		t.Errorf("constants = %+v", f.Constants)
	}
	var names []string
	for _, fn := range f.Functions {
		names = append(names, fn.Name)
	}
	if !strings.Contains(strings.Join(names, ","), "ok") {
		t.Errorf("functions after the error lost: %v", names)
	}
}

func TestDepthIsBounded(t *testing.T) {
	t.Parallel()
	deepIf := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat(" ", i) + "if x:\n")
		}
		b.WriteString(strings.Repeat(" ", n) + "pass\n")
		return b.String()
	}
	tests := []struct {
		name string
		src  string
	}{
		{"parens", "x = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + "\n"},
		{"unary", "x = " + strings.Repeat("-", 20000) + "1\n"},
		{"binary", "x = 1" + strings.Repeat(" + 1", 20000) + "\n"},
		{"attributes", "x = a" + strings.Repeat(".b", 20000) + "\n"},
		{"calls", "x = f" + strings.Repeat("()", 20000) + "\n"},
		{"lists", "x = " + strings.Repeat("[", 3000) + strings.Repeat("]", 3000) + "\n"},
		{"chained assignment", strings.Repeat("a = ", 5000) + "1\n"},
		// tree-sitter's indentation stack stops short of 200 levels, so
		// 120 nested ifs carry a 100-deep expression past the bound.
		{"nested ifs", "def f():\n" + indent(strings.Replace(deepIf(120), "pass", "y = "+strings.Repeat("(", 100)+"1"+strings.Repeat(")", 100), 1), 1)},
		{"elif chain", "if a:\n  pass\n" + strings.Repeat("elif b:\n  pass\n", 3000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := extract(t, "deep.py", tt.src)
			if f.Stats.DepthLimited == 0 {
				t.Errorf("depth bound not reached: %+v", f.Stats)
			}
		})
	}
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n"+pad) + "\n"
}

func TestExtractErrors(t *testing.T) {
	t.Parallel()
	p := syntax.NewParser(0)
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Extract(ctx, p, facts.Source{Path: "svc/a.py", Data: []byte("x = 1\n")})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "svc/a.py") {
		t.Errorf("err = %v, want context.Canceled naming the file", err)
	}
}

func TestNonUTF8AndEmptyInput(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"", "\xff\xfe\x00", "x = '\xe9t\xe9'\n", "\x00\x00def", "class"} {
		f := extract(t, "odd.py", src)
		if f.Module != "odd" {
			t.Errorf("module = %q", f.Module)
		}
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	src := "from a import b\nclass C(b.D):\n    x = 1\n    def m(self):\n        return b.f(self.x)\n"
	first := extract(t, "m.py", src)
	for range 5 {
		if diff := cmp.Diff(first, extract(t, "m.py", src), factsFields); diff != "" {
			t.Fatalf("facts differ between runs:\n%s", diff)
		}
	}
}

func TestStringsDecode(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`plain`, "plain"},
		{`a\nb`, "a\nb"},
		{`\x41\u00e9\U0001F600`, "Aé😀"},
		{`\101\0`, "A\x00"},
		{`\q\`, `\q\`},
		{`\x4`, `\x4`},
		{`\uZZZZ`, `\uZZZZ`},
		{"a\\\nb", "ab"},
	}
	for _, tt := range tests {
		if got := string(decodeEscapes([]byte("<"), []byte(tt.in))); got != "<"+tt.want {
			t.Errorf("decodeEscapes(%q) = %q, want %q", tt.in, got, "<"+tt.want)
		}
	}
}

func TestKindsResolve(t *testing.T) {
	t.Parallel()
	// newKinds panics on any node type or token the grammar lacks.
	k := newKinds(syntax.Python())
	if k.block == syntax.NoKind || len(k.ops) < 40 {
		t.Errorf("kinds not resolved: block=%d ops=%d", k.block, len(k.ops))
	}
}

func TestOperatorText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		between string
		want    string
		ok      bool
	}{
		{" + ", "+", true},
		{" not  in ", "not in", true},
		{" is\n not ", "is not", true},
		{" \\\n and ", "and", true},
		{" //= ", "//=", true},
		{" # c\n + ", "", false},
		{"", "", false},
		{" ++++++++++ ", "", false},
	}
	for _, tt := range tests {
		got, ok := operatorText([]byte(tt.between))
		if got != tt.want || ok != tt.ok {
			t.Errorf("operatorText(%q) = %q, %v; want %q, %v", tt.between, got, ok, tt.want, tt.ok)
		}
	}
	// A comment between operands falls back to the tokens.
	f := extract(t, "m.py", "x = (a  # left\n    < b)\ny = (a  # left\n    + b)\n")
	if got := showExpr(f.Constants[0].Value); got != "(a < b)" {
		t.Errorf("comparison with comment = %s", got)
	}
	if got := showExpr(f.Constants[1].Value); got != "(a + b)" {
		t.Errorf("binary with comment = %s", got)
	}
	// Backslash continuations are extras between operands, not operands.
	f = extract(t, "m.py", "x = a and \\\n    b\ny = a + \\\n  b if c \\\n else d\n")
	if got := showExpr(f.Constants[0].Value); got != "(a and b)" {
		t.Errorf("continued boolean = %s", got)
	}
	if got := showExpr(f.Constants[1].Value); got != "((a + b) if c else d)" {
		t.Errorf("continued conditional = %s", got)
	}
	if f.Stats.OpaqueExprs != 0 {
		t.Errorf("opaque expressions: %+v", f.Stats)
	}
}

// TestConcurrentExtraction runs the fixture services through a pool of
// parsers from several goroutines (run with -race) and checks the facts
// equal those of a serial run.
func TestConcurrentExtraction(t *testing.T) {
	t.Parallel()
	var sources []facts.Source
	for _, svc := range []string{"flask_accounts", "fastapi_accounts", "django_accounts"} {
		sources = append(sources, serviceSources(t, servicesDir+"/"+svc)...)
	}
	if len(sources) == 0 {
		t.Skip("no fixture services")
	}
	serial := make([]*facts.File, len(sources))
	for i, src := range sources {
		serial[i] = extract(t, src.Path, string(src.Data))
	}
	pool := syntax.NewPool(2, 0)
	defer pool.Close()
	parallel := make([]*facts.File, len(sources))
	errs := make(chan error, len(sources))
	done := make(chan struct{})
	for i, src := range sources {
		go func() {
			defer func() { done <- struct{}{} }()
			p, err := pool.Get(context.Background())
			if err != nil {
				errs <- err
				return
			}
			defer pool.Put(p)
			f, err := New().Extract(context.Background(), p, src)
			if err != nil {
				errs <- err
				return
			}
			parallel[i] = f
		}()
	}
	for range sources {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if diff := cmp.Diff(serial, parallel, factsFields); diff != "" {
		t.Errorf("parallel facts differ from serial:\n%s", diff)
	}
}

// factsFields lets cmp compare the unexported fields of facts (an
// expression's rare fields sit behind one pointer).
var factsFields = cmp.Exporter(func(reflect.Type) bool { return true })

// withKeywords sets the keyword arguments of a call and returns it.
func withKeywords(e *facts.Expr, kws []facts.Keyword) *facts.Expr {
	e.SetKeywords(kws)
	return e
}

// TestExceptLists: Python 3.14's bare except lists (PEP 758) catch every
// type they name and bind nothing; the grammar's Python 2 reading would
// catch the first and bind the second, and its ERROR node around a third
// name is no syntax error of the file.
func TestExceptLists(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, clause, want string
		errors             int
	}{
		{"two names", "except A, B:", "except (A, B,):", 0},
		{"three names", "except A, B, C:", "except (A, B, C,):", 0},
		{"dotted names", "except jwt.InvalidTokenError, pydantic.ValidationError:", "except (jwt.InvalidTokenError, pydantic.ValidationError,):", 0},
		{"group", "except* A, B:", "except (A, B,):", 0},
		{"one name", "except A:", "except A:", 0},
		{"tuple bound", "except (A, B) as e:", "except (A, B,) as e:", 0},
		{"a real error stays one", "except A, 1 +:", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "def h():\n    try:\n        f()\n    " + tt.clause + "\n        g()\n"
			f := extract(t, "app/x.py", src)
			if f.Stats.ErrorNodes != tt.errors || len(f.Stats.ErrorLines) != tt.errors {
				t.Errorf("error nodes %d, lines %v; want %d", f.Stats.ErrorNodes, f.Stats.ErrorLines, tt.errors)
			}
			if tt.want == "" {
				return
			}
			got := strings.Join(showFile(f), "\n")
			if !strings.Contains(got, "\n  "+tt.want+"\n") {
				t.Errorf("handler of %q not read as %q:\n%s", tt.clause, tt.want, got)
			}
		})
	}
}
