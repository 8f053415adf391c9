package syntax

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	sitter "github.com/smacker/go-tree-sitter"
)

// flatSources are parsed both ways by TestFlatTreeMatchesTreeSitter: small
// shapes with fields, aliases, extras and syntax errors, and the Python
// fixtures of the repository.
func flatSources(t *testing.T) map[string][]byte {
	t.Helper()
	srcs := map[string][]byte{
		"empty":    nil,
		"fields":   []byte("def f(a, *b, c=1, **d) -> int:\n    return a.b(c)[d] if a else (b, c)\n"),
		"extras":   []byte("x = [1,  # one\n     2, \\\n     3]\n# end\n"),
		"errors":   []byte("def f(:\n    return 'You're ' + x\nclass\n"),
		"strings":  []byte("s = f\"a{b!r:>{w}}\" 'c' r'\\d' b\"\\x00\"\n"),
		"deep":     []byte("x = " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + "\n"),
		"wide":     []byte("x = [" + strings.Repeat("1, ", 5000) + "]\n"),
		"decorate": []byte("@a.b(c)\n@d\nasync def g():\n    async with e as f, g:\n        await h\n"),
	}
	files, _ := filepath.Glob("../../testdata/services/*/*.py")
	more, _ := filepath.Glob("../../testdata/services/*/*/*.py")
	for _, f := range append(files, more...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = data
	}
	return srcs
}

// describe renders every node under n, anonymous ones included, one line
// each: kind, flags, position, field name.
func describe(g *Grammar, n Node, depth int, b *strings.Builder) {
	fmt.Fprintf(b, "%*s%s named=%t missing=%t extra=%t error=%t %d-%d %d:%d-%d", depth, "",
		g.KindName(n.Kind()), n.IsNamed(), n.IsMissing(), n.IsExtra(), n.HasError(),
		n.StartByte(), n.EndByte(), n.Line(), n.Column(), n.EndLine())
	named := 0
	for _, c := range n.Children() {
		if c.IsNamed() {
			named++
		}
	}
	fmt.Fprintf(b, " kids=%d/%d named=%d/%d\n", n.ChildCount(), len(n.Children()), n.NamedChildCount(), named)
	for _, c := range n.Children() {
		if p := c.Parent(); p.StartByte() != n.StartByte() || p.Kind() != n.Kind() {
			fmt.Fprintf(b, "%*sparent mismatch\n", depth, "")
		}
		describe(g, c, depth+1, b)
	}
}

// describeSitter renders a go-tree-sitter node as describe does.
func describeSitter(g *Grammar, n *sitter.Node, depth int, b *strings.Builder) {
	fmt.Fprintf(b, "%*s%s named=%t missing=%t extra=%t error=%t %d-%d %d:%d-%d", depth, "",
		g.KindName(g.canonical(uint16(n.Symbol()))), n.IsNamed(), n.IsMissing(), n.IsExtra(), n.HasError(),
		n.StartByte(), n.EndByte(), n.StartPoint().Row+1, n.StartPoint().Column+1, n.EndPoint().Row+1)
	count := int(n.ChildCount())
	fmt.Fprintf(b, " kids=%d/%d named=%d/%d\n", count, count, n.NamedChildCount(), n.NamedChildCount())
	for i := range count {
		describeSitter(g, n.Child(i), depth+1, b)
	}
}

// TestFlatTreeMatchesTreeSitter checks the tree copied out in one call
// into C against go-tree-sitter's node-by-node API: every node, anonymous
// ones included, with its kind, flags, position and children.
func TestFlatTreeMatchesTreeSitter(t *testing.T) {
	t.Parallel()
	checkFlat(t, Python(), flatSources(t))
}

// TestFlatTreeMatchesTreeSitterTypeScript is TestFlatTreeMatchesTreeSitter
// for the TypeScript family: shapes with the constructs the walker reads,
// syntax errors, and the TypeScript extractor's fixture services, each
// file with the grammar its extension selects.
func TestFlatTreeMatchesTreeSitterTypeScript(t *testing.T) {
	t.Parallel()
	shapes := map[string][]byte{
		"empty":    nil,
		"decorate": []byte("@Controller('u')\nexport class C {\n  @Post() async f(@Body() d: D, x?: number): Promise<void> {}\n  @Column({nullable: true}) e?: string | null;\n}\n"),
		"optional": []byte("const {a, b: c = 1, ...r} = x?.y?.[0]?.(z) ?? w;\n"),
		"template": []byte("throw new E(`a ${b} c`); // end\n/* block */\n"),
		"errors":   []byte("function f( { x = = 1;\nclass {\n"),
		"deep":     []byte("x = " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + ";\n"),
		"types":    []byte("type S = 'a' | 'b';\nenum E { A = 'a', B }\ninterface I extends J { k?: K[] }\nconst v = <T>w as U;\n"),
	}
	jsx := []byte("export default function P() { return <form action={f}><input required /></form>; }\n")
	srcs := map[*Grammar]map[string][]byte{
		TypeScript(): shapes,
		TSX():        {"jsx": jsx, "decorate": shapes["decorate"], "errors": shapes["errors"]},
		JavaScript(): {"jsx": jsx, "optional": shapes["optional"], "errors": shapes["errors"],
			"fields": []byte("class A { x = 1; static y; #z = () => 2; get w() { return this.#z(); } }\n")},
	}
	var fixtures []string
	for _, depth := range []string{"*/*", "*/*/*", "*/*/*/*", "*/*/*/*/*"} {
		more, _ := filepath.Glob("../lang/typescript/testdata/src/" + depth)
		fixtures = append(fixtures, more...)
	}
	read := 0
	for _, f := range fixtures {
		var g *Grammar
		switch filepath.Ext(f) {
		case ".ts":
			g = TypeScript()
		case ".tsx":
			g = TSX()
		case ".js":
			g = JavaScript()
		default:
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[g][f] = data
		read++
	}
	if read < 10 {
		t.Errorf("read %d fixture files of the TypeScript extractor, want at least 10", read)
	}
	for g, m := range srcs {
		checkFlat(t, g, m)
	}
}

func checkFlat(t *testing.T, g *Grammar, srcs map[string][]byte) {
	t.Helper()
	p := NewParser(0)
	defer p.Close()
	sp := sitter.NewParser()
	defer sp.Close()
	sp.SetLanguage(g.lang)
	for name, src := range srcs {
		checkFlatOne(t, g, p, sp, name, src)
		if p.tree.relinked != 0 {
			t.Errorf("%s %s: flatten left the children of %d trees to be placed again", g.Name(), name, p.tree.relinked)
			p.tree.relinked = 0
		}
	}
}

// checkFlatOne compares the flat tree of src, as parsed by p with g, with
// and without field ids, and with its children placed again from the
// parent indexes (what load does when flatten cannot place them), with
// tree-sitter's node-by-node view of it.
func checkFlatOne(t *testing.T, g *Grammar, p *Parser, sp *sitter.Parser, name string, src []byte) {
	t.Helper()
	tree, err := sp.ParseCtx(context.Background(), nil, src)
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	describeSitter(g, tree.RootNode(), 0, &want)
	tree.Close()
	for _, variant := range []struct {
		what   string
		g      *Grammar
		relink bool
		copy   copyMode
	}{
		{"", g, false, copyChecked},
		{" without fields", g.WithoutFields(), false, copyChecked},
		{" with its children placed again", g, true, copyChecked},
		{" copied by the cursor", g, false, copyCursor},
		{" copied directly", g, false, copyDirect},
		{" copied directly without fields", g.WithoutFields(), false, copyDirect},
	} {
		var got strings.Builder
		p.tree.relink = variant.relink
		p.tree.copy = variant.copy
		relinked := p.tree.relinked
		_, err := p.Parse(context.Background(), variant.g, src, func(root Node) error {
			describe(g, root, 0, &got)
			return nil
		})
		p.tree.relink = false
		p.tree.copy = copyChecked
		if variant.relink {
			p.tree.relinked = relinked
		}
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.String(), got.String()); diff != "" {
			t.Errorf("%s %s: flat tree%s differs from tree-sitter's (-tree-sitter +flat):\n%s", g.Name(), name, variant.what, diff)
		}
	}
}

// FuzzFlatTree checks the flat tree of any input against tree-sitter's
// own view of it, in the Python and TypeScript grammars: syntax errors
// and missing nodes (whose flags flatten reads only in a tree that has
// an error), extras, deep and wide nesting.
func FuzzFlatTree(f *testing.F) {
	for _, seed := range []string{
		"",
		"def f():\n    x = (1,  # c\n         2\n    return x\n",
		"class C:\n    def g(self):\n        return [a for a in b if a]\n",
		"x = {'a': f(*b, **c)}[d]\n@e\ndef h(:\n",
		"function f( { x = = 1;\nclass {\n",
		"const {a, b: c = 1, ...r} = x?.y?.[0]?.(z) ?? w; // end\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := NewParser(0)
		defer p.Close()
		for _, g := range []*Grammar{Python(), TypeScript()} {
			sp := sitter.NewParser()
			sp.SetLanguage(g.lang)
			checkFlatOne(t, g, p, sp, "fuzz input", src)
			sp.Close()
		}
	})
}

// TestWithoutFieldsRefusesField: a walker that asks a tree made without
// field ids for a field gets a panic naming the grammar, not a null node
// it could mistake for a missing child.
func TestWithoutFieldsRefusesField(t *testing.T) {
	p := NewParser(0)
	defer p.Close()
	_, err := p.Parse(context.Background(), Python().WithoutFields(), []byte("def f():\n    pass\n"), func(root Node) error {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "WithoutFields") {
				t.Errorf("Field on a tree without fields: recovered %v, want a panic naming WithoutFields", r)
			}
		}()
		root.NamedChildren()[0].Field("name")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFieldsAndSExpr checks field lookup and the S-expression against
// tree-sitter's own.
func TestFieldsAndSExpr(t *testing.T) {
	t.Parallel()
	g := Python()
	p := NewParser(0)
	defer p.Close()
	src := []byte("def f(a, b=2):\n    return a(b)\n")
	sp := sitter.NewParser()
	defer sp.Close()
	sp.SetLanguage(g.lang)
	tree, err := sp.ParseCtx(context.Background(), nil, src)
	if err != nil {
		t.Fatal(err)
	}
	want := tree.RootNode().String()
	tree.Close()
	_, err = p.Parse(context.Background(), g, src, func(root Node) error {
		if got := root.SExpr(); got != want {
			t.Errorf("SExpr:\n got %s\nwant %s", got, want)
		}
		fn := root.NamedChildren()[0]
		for field, text := range map[string]string{"name": "f", "parameters": "(a, b=2)", "body": "return a(b)"} {
			if got := fn.Field(field).Text(); got != text {
				t.Errorf("Field(%q) = %q, want %q", field, got, text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTreeGrowsAndShrinks parses a file larger than the room a Parser
// keeps, then a small one, with one Parser: the second walk sees only its
// own tree, and the large tree's node array is not kept after its walk
// (nor any after Close).
func TestTreeGrowsAndShrinks(t *testing.T) {
	t.Parallel()
	g := Python()
	p := NewParser(0)
	defer p.Close()
	big := []byte("x = [" + strings.Repeat("a, ", keepNodes) + "]\n")
	for _, src := range [][]byte{[]byte("y = 1\n"), big, []byte("z = 2\n")} {
		_, err := p.Parse(context.Background(), g, src, func(root Node) error {
			stmts := root.NamedChildren()
			if len(stmts) != 1 || stmts[0].EndByte() != len(src)-1 {
				t.Errorf("%d bytes: statements %d, first ends at %d", len(src), len(stmts), stmts[0].EndByte())
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.tree.nodes) != 0 || p.tree.src != nil {
			t.Errorf("%d bytes: the Parser keeps the tree or the source after the walk", len(src))
		}
		if room := cap(p.tree.nodes); room > keepNodes {
			t.Errorf("%d bytes: the Parser keeps room for %d nodes after the walk, want at most %d", len(src), room, keepNodes)
		}
		if room := max(cap(p.tree.kids), cap(p.tree.named)); room > keepNodes+keepNodes/8 {
			t.Errorf("%d bytes: the Parser keeps room for %d children after the walk", len(src), room)
		}
	}
	p.Close()
	if cap(p.tree.nodes) != 0 || cap(p.tree.kids) != 0 || cap(p.tree.named) != 0 {
		t.Errorf("after Close the Parser still holds room for %d nodes, %d children, %d named", cap(p.tree.nodes), cap(p.tree.kids), cap(p.tree.named))
	}
}

// TestNodesNameTheirTreeBySlot covers the slots of walking: a Node holds
// no Go pointer (so the arrays of children can live outside the Go heap),
// the slot is the walk's alone (a walk inside another reads its own
// tree, and the outer one still reads its own after), and it is given
// back when the walk ends.
func TestNodesNameTheirTreeBySlot(t *testing.T) {
	t.Parallel()
	for i := range reflect.TypeFor[Node]().NumField() {
		switch f := reflect.TypeFor[Node]().Field(i); f.Type.Kind() {
		case reflect.Int32, reflect.Uint16:
		default:
			t.Errorf("Node.%s is a %s: a Node must hold no pointer", f.Name, f.Type)
		}
	}
	g := Python()
	outer, inner := NewParser(0), NewParser(0)
	defer outer.Close()
	defer inner.Close()
	cases := []struct{ outer, inner string }{
		{"a = 1\n", "bb = 22\n"},
		{"def f():\n    return x\n", "class C:\n    pass\n"},
		{"", "y = [1, 2, 3]\n"},
	}
	for _, tc := range cases {
		var innerSlot uint16
		_, err := outer.Parse(context.Background(), g, []byte(tc.outer), func(root Node) error {
			if walking[root.slot] != &outer.tree {
				t.Errorf("%q: the root's slot %d does not hold the walked tree", tc.outer, root.slot)
			}
			_, err := inner.Parse(context.Background(), g, []byte(tc.inner), func(in Node) error {
				innerSlot = in.slot
				if in.slot == root.slot {
					t.Errorf("%q inside %q: both walks have slot %d", tc.inner, tc.outer, in.slot)
				}
				if got := string(in.Bytes()); got != tc.inner {
					t.Errorf("inner root reads %q, want %q", got, tc.inner)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if got := string(root.Bytes()); got != tc.outer {
				t.Errorf("after the inner walk the outer root reads %q, want %q", got, tc.outer)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if innerSlot == 0 || walking[innerSlot] == &inner.tree {
			t.Errorf("%q: slot %d still holds the inner tree after its walk", tc.inner, innerSlot)
		}
		if outer.tree.slot != 0 || inner.tree.slot != 0 {
			t.Errorf("the Parsers keep slots %d and %d after their walks", outer.tree.slot, inner.tree.slot)
		}
	}
}

// TestDirectCopyAgreesOnRealCode copies every file of the real services
// under testdata/realworld both ways, through tree-sitter's cursor and by
// reading its subtrees directly, and compares the copies node for node
// and child for child; and checks that each grammar's trees proved the
// direct copy, so that it serves (else every walk pays for the cursor, unseen).
func TestDirectCopyAgreesOnRealCode(t *testing.T) {
	t.Parallel()
	grammars := map[string]*Grammar{
		".py": Python().WithoutFields(), ".ts": TypeScript(), ".tsx": TSX(), ".js": JavaScript(),
	}
	files, largest := 0, map[*Grammar]int{}
	err := filepath.WalkDir("../../testdata/realworld", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		g := grammars[filepath.Ext(path)]
		if d.IsDir() || g == nil {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		cursor, direct := copyBothWays(t, g, src)
		largest[g] = max(largest[g], len(cursor.nodes))
		if len(cursor.nodes) != len(direct.nodes) {
			t.Errorf("%s: %d nodes by the cursor, %d copied directly", path, len(cursor.nodes), len(direct.nodes))
			return nil
		}
		for i := range cursor.nodes {
			if cursor.nodes[i] != direct.nodes[i] {
				t.Errorf("%s: node %d differs:\ncursor %+v\ndirect %+v", path, i, cursor.nodes[i], direct.nodes[i])
				return nil
			}
		}
		// Each copy's Nodes name the slot its walk took; the rest must agree.
		sameChild := func(a, b Node) bool { return a.i == b.i && a.kind == b.kind }
		if !slices.EqualFunc(cursor.kids, direct.kids, sameChild) || !slices.EqualFunc(cursor.named, direct.named, sameChild) {
			t.Errorf("%s: the children placed differ", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Errorf("copied %d files of testdata/realworld, want at least 100", files)
	}
	for ext, g := range grammars {
		if largest[g] >= provingNodes && g.direct.Load() != directProven {
			t.Errorf("%s: the direct copy was not proven on the grammar's trees", ext)
		}
	}
}

// flatCopy is what one copy of a tree wrote, held in Go memory.
type flatCopy struct {
	nodes       []flatNode
	kids, named []Node
}

// copyBothWays parses src with g once through a Parser (which checks the
// direct copy against the cursor until it is proven), then copies it by
// the cursor and directly.
func copyBothWays(t *testing.T, g *Grammar, src []byte) (cursor, direct flatCopy) {
	t.Helper()
	p := NewParser(0)
	defer p.Close()
	for _, c := range []struct {
		mode copyMode
		into *flatCopy
	}{{copyChecked, nil}, {copyCursor, &cursor}, {copyDirect, &direct}} {
		p.tree.copy = c.mode
		_, err := p.Parse(context.Background(), g, src, func(Node) error {
			if c.into != nil {
				*c.into = flatCopy{slices.Clone(p.tree.nodes), slices.Clone(p.tree.kids), slices.Clone(p.tree.named)}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return cursor, direct
}

// TestDirectCopyProvenBySmallTrees: a grammar whose trees are all small
// proves the direct copy once their nodes add up, so that a service of
// small files does not pay for two copies of every tree.
func TestDirectCopyProvenBySmallTrees(t *testing.T) {
	g := Python().WithoutFields() // a fresh copy: its own proof
	p := NewParser(0)
	defer p.Close()
	src := []byte("x = f(a, b)\n")
	for i := 0; g.direct.Load() == directUnproven; i++ {
		if i > provingNodes {
			t.Fatalf("the direct copy not proven after %d small trees", i)
		}
		if _, err := p.Parse(context.Background(), g, src, func(Node) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if g.direct.Load() != directProven {
		t.Errorf("direct copy refused on small trees")
	}
}
