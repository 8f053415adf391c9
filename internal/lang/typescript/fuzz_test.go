package typescript

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// fuzzPaths picks the grammar of a fuzz input: TypeScript, TSX or
// JavaScript.
var fuzzPaths = []string{"fuzz/input.ts", "fuzz/input.tsx", "fuzz/input.js"}

// FuzzExtractTypeScript checks that extraction never panics, always
// terminates and never fails on a syntax error, whatever the input and
// grammar. Crashers found are kept as seeds under
// testdata/fuzz/FuzzExtractTypeScript. The engine minimises every new
// interesting input for up to a minute, showing 0 execs/s meanwhile;
// -fuzzminimizetime 2s keeps short runs fuzzing.
func FuzzExtractTypeScript(f *testing.F) {
	for i, seed := range []string{
		"",
		"import a, {b as c} from './d';\nconst e = require('f');\nexport default g;\n",
		"@Controller('u')\nexport class C extends B implements I {\n  constructor(private readonly r: R<T>) { super(); }\n  @Post() async f(@Body() {a, b = 1}: D, ...rest: any[]): Promise<void> {}\n}\n",
		"const {a, b: [c, ...d] = [], ...e} = x?.y?.[0]?.(z) ?? w;\n",
		"switch (m) { case 'A': case 'B': { f(); break; } default: g(); case 'C': return; }\n",
		"for (let i = 0; i < n; i++) {} for (const [k, v] of o) {} for await (x of y) {} do {} while (0)\n",
		"enum E { A = 'a', B } type S = 'x' | 'y'; interface I { k?: K[] }\n",
		"module.exports = { a, b: () => 1, c() {} }; exports.d = function () {};\n",
		"export default function P() { return <div a={b}>{c}</div>; }\n",
		"function f( { x = = 1;\nclass {\n`${`${a}`}`\n",
		"throw new E(`a ${b} \\u{1F600} \\x41`); /re/g; 0x1Fn; 1_000.5e3;\n",
		"a = b = c; ({x} = y); z ??= []; i++; --j; label: for (;;) break label;\n",
		// Promise chains and executors, which the walker rewrites into awaits.
		"function f() { return a.then(r => { if (!r) throw e; return b(r); }).then(c => c[0], () => 1).catch(g); }\n",
		"async function h() { return new Promise((resolve, reject) => { if (x) { resolve(y); } else reject(z); }); }\n",
	} {
		f.Add([]byte(seed), uint8(i))
	}
	ts := New()
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		p := syntax.NewParser(2 * time.Second)
		defer p.Close()
		path := fuzzPaths[int(which)%len(fuzzPaths)]
		file, err := ts.Extract(context.Background(), p, facts.Source{Path: path, Data: data})
		if errors.Is(err, syntax.ErrTimeout) {
			// tree-sitter's error recovery can take exponential time on
			// some short inputs (a 37-byte TSX switch took over 10 s); the
			// parse timeout bounds it, and the caller reports the file.
			return
		}
		if err != nil {
			t.Fatalf("extract %s: %v", path, err)
		}
		if file.Stats.Statements < file.Stats.OpaqueStatements {
			t.Fatalf("stats inconsistent: %+v", file.Stats)
		}
	})
}
