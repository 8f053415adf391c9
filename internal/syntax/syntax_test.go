package syntax

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// kindsOf walks the whole tree and returns "kind@line" for every named
// node, to check that kinds and children come out in source order.
func kindsOf(g *Grammar, root Node) []string {
	var out []string
	var visit func(n Node)
	visit = func(n Node) {
		if n.IsNamed() {
			out = append(out, g.KindName(n.Kind()))
		}
		for _, c := range n.Children() {
			visit(c)
		}
	}
	visit(root)
	return out
}

func TestParseWalksInSourceOrder(t *testing.T) {
	t.Parallel()
	g := Python()
	p := NewParser(0)
	defer p.Close()
	src := []byte("import os\nx = 1  # one\nif x:\n    pass\n")
	var got []string
	diag, err := p.Parse(context.Background(), g, src, func(root Node) error {
		got = kindsOf(g, root)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"module",
		"import_statement", "dotted_name", "identifier",
		"expression_statement", "assignment", "identifier", "integer",
		"comment",
		"if_statement", "identifier", "block", "pass_statement",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	if diag.ErrorNodes != 0 || diag.MissingNodes != 0 {
		t.Errorf("diagnostics = %+v, want none", diag)
	}
}

func TestKindsAreResolvedOnce(t *testing.T) {
	t.Parallel()
	g := Python()
	for _, name := range []string{"module", "block", "identifier", "call", "string", "function_definition"} {
		k := g.Kind(name)
		if k == NoKind {
			t.Errorf("Kind(%q) = NoKind", name)
			continue
		}
		if got := g.KindName(k); got != name {
			t.Errorf("KindName(Kind(%q)) = %q", name, got)
		}
	}
	if g.Kind("no_such_node") != NoKind {
		t.Error("unknown name resolved")
	}
	if g.Token("==") == NoKind || g.Token("not in") == NoKind {
		t.Error("operator tokens not resolved")
	}
	if g.Kind("==") != NoKind {
		t.Error("token resolved as a named kind")
	}
}

func TestNodeTextAndFields(t *testing.T) {
	t.Parallel()
	g := Python()
	p := NewParser(0)
	defer p.Close()
	src := []byte("def f(a):\n    return a\n")
	_, err := p.Parse(context.Background(), g, src, func(root Node) error {
		fn := root.NamedChildren()[0]
		if fn.Kind() != g.Kind("function_definition") {
			t.Fatalf("kind %s", g.KindName(fn.Kind()))
		}
		if got := fn.Field("name").Text(); got != "f" {
			t.Errorf("name = %q", got)
		}
		if got := fn.Field("no_such_field"); !got.IsNull() {
			t.Error("unknown field is not null")
		}
		body := fn.Field("body")
		if body.Line() != 2 || body.EndLine() != 2 {
			t.Errorf("body lines %d-%d", body.Line(), body.EndLine())
		}
		var null Node
		if null.Kind() != NoKind || null.Text() != "" || null.Children() != nil || !null.Field("x").IsNull() || null.Line() != 0 {
			t.Error("null node is not inert")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestParseCountsSyntaxErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		src       string
		wantErr   bool // at least one error or missing node
		firstLine int
	}{
		{"clean", "x = 1\n", false, 0},
		{"unclosed paren", "x = 1\ny = f(\nz = 2\n", true, 2},
		{"garbage", "x = 1\n$$$ ???\n", true, 2},
		{"non-utf8", "x = '\xff\xfe'\n", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := NewParser(0)
			defer p.Close()
			walked := false
			diag, err := p.Parse(context.Background(), Python(), []byte(tt.src), func(Node) error {
				walked = true
				return nil
			})
			if err != nil || !walked {
				t.Fatalf("err=%v walked=%v", err, walked)
			}
			got := diag.ErrorNodes+diag.MissingNodes > 0
			if got != tt.wantErr {
				t.Fatalf("diag = %+v, want errors %v", diag, tt.wantErr)
			}
			if tt.wantErr && diag.Positions[0].Line != tt.firstLine {
				t.Errorf("first error at %+v, want line %d", diag.Positions[0], tt.firstLine)
			}
		})
	}
}

func TestParseHonoursContextAndWalkErrors(t *testing.T) {
	t.Parallel()
	p := NewParser(0)
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := p.Parse(ctx, Python(), []byte("x = 1\n"), func(Node) error {
		t.Error("walk ran after cancellation")
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}

	sentinel := errors.New("stop")
	_, err = p.Parse(context.Background(), Python(), []byte("x = 1\n"), func(Node) error { return sentinel })
	if !errors.Is(err, sentinel) {
		t.Errorf("err = %v, want the walk's error", err)
	}

	// The parser is still usable after both failures.
	_, err = p.Parse(context.Background(), Python(), []byte("y = 2\n"), func(Node) error { return nil })
	if err != nil {
		t.Errorf("reuse: %v", err)
	}

	p.Close()
	if _, err := p.Parse(context.Background(), Python(), nil, func(Node) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("closed parser: err = %v", err)
	}
}

func TestParseTimeout(t *testing.T) {
	t.Parallel()
	// A large input and a 1µs budget: tree-sitter checks its clock every
	// few hundred operations, so this cannot finish in time.
	src := []byte(strings.Repeat("x = [1, 2, (3 + 4) * 5, {'a': b.c(d)}]\n", 20000))
	p := NewParser(time.Microsecond)
	defer p.Close()
	_, err := p.Parse(context.Background(), Python(), src, func(Node) error { return nil })
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	// After a halted parse the parser starts afresh.
	p.timeout = time.Minute
	var got string
	_, err = p.Parse(context.Background(), Python(), []byte("y = 2\n"), func(root Node) error {
		got = root.Text()
		return nil
	})
	if err != nil || got != "y = 2\n" {
		t.Errorf("after timeout: %q, %v", got, err)
	}
}

func TestPool(t *testing.T) {
	t.Parallel()
	pool := NewPool(1, 0)
	defer pool.Close()
	ctx := context.Background()
	p, err := pool.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := pool.Get(cctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Get on an empty pool with a cancelled context: %v", err)
	}
	if _, free := pool.TryGet(); free {
		t.Error("TryGet on an empty pool returned a parser")
	}
	pool.Put(p)
	if q, free := pool.TryGet(); !free || q != p {
		t.Errorf("TryGet on a pool with a free parser: %v, %v", q, free)
	}
	pool.Put(p)
	if _, err := pool.Get(ctx); err != nil {
		t.Error(err)
	}
	pool.Put(p)
}

// Python has two symbols named "block" (one aliased); both must compare
// equal to Kind("block") whichever tree-sitter reports.
func TestAliasedKindsAreCanonical(t *testing.T) {
	t.Parallel()
	g := Python()
	p := NewParser(0)
	defer p.Close()
	src := []byte("def f():\n    pass\nmatch x:\n    case 1:\n        pass\n")
	var blocks int
	_, err := p.Parse(context.Background(), g, src, func(root Node) error {
		var visit func(n Node)
		visit = func(n Node) {
			if n.Kind() == g.Kind("block") {
				blocks++
			}
			for _, c := range n.Children() {
				visit(c)
			}
		}
		visit(root)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if blocks != 3 { // def body, match body, case body
		t.Errorf("found %d blocks, want 3", blocks)
	}
}

func TestBytesAndBetween(t *testing.T) {
	t.Parallel()
	p := NewParser(0)
	defer p.Close()
	src := []byte("x = a  not in  b\n")
	_, err := p.Parse(context.Background(), Python(), src, func(root Node) error {
		var cmpNode Node
		var visit func(n Node)
		visit = func(n Node) {
			if n.Kind() == Python().Kind("comparison_operator") {
				cmpNode = n
			}
			for _, c := range n.NamedChildren() {
				visit(c)
			}
		}
		visit(root)
		operands := cmpNode.NamedChildren()
		if len(operands) != 2 {
			t.Fatalf("operands: %d", len(operands))
		}
		if got := string(Between(operands[0], operands[1])); got != "  not in  " {
			t.Errorf("Between = %q", got)
		}
		if got := string(Between(operands[1], operands[0])); got != "" {
			t.Errorf("Between reversed = %q, want empty", got)
		}
		if cmpNode.StartByte() != 4 || cmpNode.EndByte() != 16 || cmpNode.Text() != "a  not in  b" {
			t.Errorf("range %d-%d %q", cmpNode.StartByte(), cmpNode.EndByte(), cmpNode.Text())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Many children take the cursor path, few the indexed one; both must give
// the same nodes in order.
func TestLongChildListsKeepOrder(t *testing.T) {
	t.Parallel()
	p := NewParser(0)
	defer p.Close()
	var b strings.Builder
	b.WriteString("x = [")
	for i := range 50 {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("n")
		b.WriteString(strings.Repeat("i", i))
	}
	b.WriteString("]\n")
	_, err := p.Parse(context.Background(), Python(), []byte(b.String()), func(root Node) error {
		list := root.NamedChildren()[0].NamedChildren()[0].NamedChildren()[1]
		items := list.NamedChildren()
		if len(items) != 50 {
			t.Fatalf("%d items", len(items))
		}
		for i, it := range items {
			if want := "n" + strings.Repeat("i", i); it.Text() != want {
				t.Fatalf("item %d = %q, want %q", i, it.Text(), want)
			}
		}
		if all := list.Children(); len(all) != 50+49+2 {
			t.Errorf("Children: %d, want items, commas and brackets", len(all))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
