package python

import (
	"context"
	"testing"
	"time"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// FuzzExtractPython checks that extraction never panics and always
// terminates, whatever the input. Crashers found are kept as seeds under
// testdata/fuzz/FuzzExtractPython.
func FuzzExtractPython(f *testing.F) {
	for _, seed := range []string{
		"",
		"x = 1\n",
		"from .a import (b as c, d)\nimport e.f as g\n",
		"@app.route('/x', methods=['POST'])\ndef f(a, /, b=1, *c, d: int, **e) -> None:\n    '''doc'''\n    return a\n",
		"class C(B, table=True):\n    x: Mapped[int | None] = mapped_column()\n    class Meta:\n        pass\n",
		"try:\n    pass\nexcept* E as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass\n",
		"async def f():\n    async with a as b, c:\n        async for i in x:\n            await g(*a, **k)\n",
		"x = f'{a!r:>{w}}' 'b' r'\\d' b'\\x00' '\\N{DASH}'\n",
		"if a < b < c and not d is not None:\n    pass\nelif x:\n    pass\nelse:\n    del a[1:2, ::3]\n",
		"match p:\n    case [1, *r] if r:\n        pass\n",
		"def f(:\n    x = = 1\n  return\n",
		"lambda: (yield)\nx = [i async for i in y]\ny := 1\n",
		"print >>f, 'x'\nexec 'code'\n",
		"a = b = c = d\nx.y[z] += 1\n(a, *b), c = d\n",
	} {
		f.Add([]byte(seed))
	}
	py := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := syntax.NewParser(10 * time.Second)
		defer p.Close()
		file, err := py.Extract(context.Background(), p, facts.Source{Path: "fuzz/input.py", Data: data})
		if err != nil {
			t.Fatalf("extract: %v", err)
		}
		if file.Stats.Statements < file.Stats.OpaqueStatements {
			t.Fatalf("stats inconsistent: %+v", file.Stats)
		}
	})
}
