package typescript

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// TestBodies checks statement translation inside one function; want is
// the function's rendered body.
func TestBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, body, want string
	}{
		{
			name: "switch becomes an if chain",
			body: `switch (req.method) {
    case 'GET':
    case 'HEAD': { res.send(1); break; }
    default:
      res.status(405);
      break;
    case 'POST':
      return create();
  }`,
			want: `
			if ((req.method == "GET") or (req.method == "HEAD"))
			  res.send(1)
			else
			  if (req.method == "POST")
			    return create()
			  else
			    res.status(405)`,
		},
		{
			name: "switch with fallthrough is opaque",
			body: `switch (x) {
    case 1:
      a();
    case 2:
      b();
  }`,
			want: `opaque switch_statement`,
		},
		{
			name: "switch with only a default",
			body: `switch (x) { default: a(); }`,
			want: `
			if true
			  a()`,
		},
		{
			name: "loops",
			body: `for (let i = 0, n = xs.length; i < n; i++) { use(xs[i]); }
  for (const [k, v] of Object.entries(o)) continue;
  for (k in o) break;
  for await (const chunk of stream) push(chunk);
  while (more()) step();
  do { step(); } while (again);
  for (;;) {}`,
			want: `
			i = 0
			n = xs.length
			while (i < n)
			  use(xs[i])
			  i += 1
			for [k, v] in Object.entries(o)
			  continue
			for k in o
			  break
			for chunk in stream
			  push(chunk)
			while more()
			  step()
			while again
			  step()
			while true`,
		},
		{
			name: "try catch finally",
			body: `try { await save(); } catch (err) { log(err); throw err; } finally { done(); }
  try { a(); } catch { b(); }`,
			want: `
			try
			  await save()
			catch err
			  log(err)
			  raise err
			finally
			  done()
			try
			  a()
			catch 
			  b()`,
		},
		{
			name: "literals",
			body: `return [0x1F, 1_000, 10n, 1.5e3, .5, 'a\'b\n', "\u{1F600}\x41", ` + "`plain`" + `, /re/g, null, undefined, true, -1];`,
			want: `return [0x1F, 1_000, 10, 1.5e3, .5, "a'b\n", "😀A", "plain", opaque:regex, None, None, true, - 1]`,
		},
		{
			name: "assignments",
			body: `a = b = c;
  ({ x, y } = point);
  this.count -= 2;
  user.tokens ??= [];
  let later;`,
			want: `
			a, b = c
			{"x": x, "y": y} = point
			this.count -= 2
			user.tokens ??= []
			later = -`,
		},
		{
			name: "a returned promise chain reads as awaits",
			body: `return db.find(q).then(rows => {
    if (!rows.length) throw new Error('none');
    return rows[0];
  }).catch(err => log(err)).then(({ email }) => send(email));`,
			want: `
			rows = await db.find(q)
			if not rows.length
			  raise Error("none")
			{"email": email} = await rows[0]
			return send(email)`,
		},
		{
			name: "an awaited chain assigns what its last step returns",
			body: `const user = await find(q).then(() => load(q));
  save(user);`,
			want: `
			await find(q)
			user = await load(q)
			save(user)`,
		},
		{
			name: "a step returning on one path only stays a chain",
			body: `return find(q).then(rows => {
    if (rows.length) return rows[0];
    return null;
  }).then(user => save(user));`,
			want: `
			return find(q).then(fn src.h.f.<anonymous:3>(rows) {if rows.length;   return rows[0]; return None}).then(fn src.h.f.<anonymous:6>(user) {return save(user)})`,
		},
		{
			name: "a chain neither returned, awaited nor last stays a chain",
			body: `find(q).then(rows => save(rows));
  done();`,
			want: `
			find(q).then(fn src.h.f.<anonymous:3>(rows) {return save(rows)})
			done()`,
		},
		{
			name: "a chain ending a block nested in the body (a try) stays a chain: its callbacks run after what follows",
			body: `try {
    save(u).then(r => audit(r));
  } catch (e) {
    log(e);
  }
  done();`,
			want: `
			try
			  save(u).then(fn src.h.f.<anonymous:4>(r) {return audit(r)})
			catch e
			  log(e)
			done()`,
		},
		{
			name: "a chain ending a branch of an if that ends a try that ends the body reads as awaits: nothing runs after it",
			body: `try {
    const errors = check(req);
    if (!errors.isEmpty()) {
      return bad(res);
    } else {
      find(q).then(user => {
        if (user) save(user);
      });
    }
  } catch (e) {
    return fail(e);
  }`,
			want: `
			try
			  errors = check(req)
			  if not errors.isEmpty()
			    return bad(res)
			  else
			    user = await find(q)
			    if user
			      save(user)
			catch e
			  return fail(e)`,
		},
		{
			name: "a chain ending a try with finally stays a chain: the finally runs first",
			body: `try {
    save(u).then(r => audit(r));
  } finally {
    close();
  }`,
			want: `
			try
			  save(u).then(fn src.h.f.<anonymous:4>(r) {return audit(r)})
			finally
			  close()`,
		},
		{
			name: "a returned promise's executor reads as the body: resolve returns, reject and throw fail",
			body: `return new Promise((resolve, reject) => {
    if (!req.body.password) throw new Error('no password');
    if (!req.body.username) return reject(new Error('no username'));
    return db.find(q).then(user => {
      resolve(user);
    }).catch(err => reject(err));
  });`,
			want: `
			if not req.body.password
			  raise Error("no password")
			if not req.body.username
			  raise Error("no username")
			user = await db.find(q)
			return user`,
		},
		{
			name: "an executor resolving from a callback it hands on stays a promise",
			body: `return new Promise(resolve => {
    setTimeout(() => resolve(1), 10);
  });`,
			want: `
			return Promise(fn src.h.f.<anonymous:3>(resolve) {setTimeout(fn src.h.f.<anonymous:3>.<anonymous:4>() {return resolve(1)}, 10)})`,
		},
		{
			name: "an executor settling from an error-first callback reads as the call awaited",
			body: `return new Promise((res, rej) => {
    jwt.verify(input.token, secret, (error, decoded) => {
      if (error) rej(new Error(error.message))
      res(decoded as T)
    })
  });`,
			want: `
			decoded = await jsonwebtoken.verify(input.token, secret)
			return decoded`,
		},
		{
			name: "an error-first callback failing by throwing reads so too",
			body: `return new Promise((resolve) => {
    bcrypt.compare(pw, hash, (err, same) => {
      if (err) { throw err; }
      resolve(same);
    });
  });`,
			want: `
			same = await bcrypt.compare(pw, hash)
			return same`,
		},
		{
			name: "an error-first callback reading its error elsewhere stays a promise",
			body: `return new Promise((res, rej) => {
    jwt.verify(t, s, (error, decoded) => {
      if (error) rej(error)
      res(decoded || error)
    })
  });`,
			want: `
			return Promise(fn src.h.f.<anonymous:3>(res, rej) {jsonwebtoken.verify(t, s, fn src.h.f.<anonymous:3>.<anonymous:4>(error, decoded) {if error;   rej(error); res((decoded or error))})})`,
		},
		{
			name: "an error-first callback with an else on its error stays a promise",
			body: `return new Promise((res, rej) => {
    jwt.verify(t, s, (error, decoded) => {
      if (error) rej(error)
      else res(decoded)
    })
  });`,
			want: `
			return Promise(fn src.h.f.<anonymous:3>(res, rej) {jsonwebtoken.verify(t, s, fn src.h.f.<anonymous:3>.<anonymous:4>(error, decoded) {if error;   rej(error); else;   res(decoded)})})`,
		},
		{
			name: "an executor returning a value it never resolves with stays a promise",
			body: `return new Promise((resolve, reject) => {
    if (cached) return cached;
    resolve(load());
  });`,
			want: `
			return Promise(fn src.h.f.<anonymous:3>(resolve, reject) {if cached;   return cached; resolve(load())})`,
		},
		{
			name: "nested functions and classes, locals shadow imports",
			body: `const jwt = makeSigner();
  function helper(x) { return jwt.sign(x); }
  class Local {}
  const arrow = (y) => y * 2;
  return helper(arrow(1));`,
			want: `
			jwt = makeSigner()
			def src.h.f.helper(x)
			  return jwt.sign(x)
			class src.h.f.Local
			def src.h.f.arrow(y)
			  return (y * 2)
			return helper(arrow(1))`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := tt.path
			if path == "" {
				path = "src/h.ts"
			}
			src := "import jwt from 'jsonwebtoken';\nasync function f(req, res) {\n  " + tt.body + "\n}\n"
			f := extract(t, path, src)
			if f.Stats.ErrorNodes > 0 {
				t.Errorf("syntax errors at %v", f.Stats.ErrorLines)
			}
			if len(f.Functions) != 1 {
				t.Fatalf("got %d functions, want 1", len(f.Functions))
			}
			got := showBody(f.Functions[0].Body(), "")
			if diff := cmp.Diff(lines(tt.want), got); diff != "" {
				t.Errorf("body (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJavaScriptGrammar checks that .js/.jsx files use the JavaScript
// grammar: JSX parses, class fields are JavaScript's field_definition,
// and `a < b > (c)` is a comparison, not a generic call.
func TestJavaScriptGrammar(t *testing.T) {
	t.Parallel()
	src := `import React from 'react';
export class Form extends React.Component {
  state = { email: '' };
  static defaultProps = {};
  onSubmit = async (e) => { await api.post('/reset', this.state); };
  render() { return <form onSubmit={this.onSubmit}><input /></form>; }
}
const ok = a < b > (c);
`
	want := lines(`
			import react name default as React = react
			export Form local Form
			const ok = ((a < b) > c)
			class web.form.Form(react.Component)
			  state = {"email": ""}
			  defaultProps = {}
			  async def web.form.Form.onSubmit(e)
			    await api.post("/reset", this.state)
			  def web.form.Form.render()
			    return opaque:jsx_element`)
	for _, path := range []string{"web/form.jsx", "web/form.js"} {
		f := extract(t, path, src)
		if f.Stats.ErrorNodes+f.Stats.MissingNodes > 0 {
			t.Errorf("%s: syntax errors at %v", path, f.Stats.ErrorLines)
		}
		if diff := cmp.Diff(want, showFile(f)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
	// The same text as TypeScript is a syntax error (no JSX in .ts).
	if f := extract(t, "web/form.ts", src); f.Stats.ErrorNodes == 0 {
		t.Error("form.ts: want syntax errors for JSX in a .ts file")
	}
	// And TSX reads JSX but not `<T>x` assertions, which .ts reads.
	if f := extract(t, "a.tsx", "const x = <div>{y}</div>;\n"); f.Stats.ErrorNodes > 0 {
		t.Errorf("a.tsx: syntax errors at %v", f.Stats.ErrorLines)
	}
	if f := extract(t, "a.ts", "const x = <User>y;\n"); f.Stats.ErrorNodes > 0 || show(f.Constants[0].Value) != "y" {
		t.Errorf("a.ts: got %v, errors at %v", showFile(f), f.Stats.ErrorLines)
	}
}

func TestModuleName(t *testing.T) {
	t.Parallel()
	tests := []struct{ path, want string }{
		{"src/users/users.service.ts", "src.users.users.service"},
		{"src/users/index.ts", "src.users"},
		{"index.js", ""},
		{"./pages/api/[id].tsx", "pages.api.[id]"},
		{"types/global.d.ts", "types.global"},
		{"lib/a.MJS", "lib.a"},
	}
	for _, tt := range tests {
		if got := ModuleName(tt.path); got != tt.want {
			t.Errorf("ModuleName(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestResolveSpecifier(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, spec, want string
		level            int
	}{
		{"src/a/b.ts", "./c", "src.a.c", 1},
		{"src/a/b.ts", "../c/d.js", "src.c.d", 2},
		{"src/a/b.ts", "../../../x", "x", 4}, // above the root: clamp
		{"src/a/b.ts", "./", "src.a", 1},
		{"src/a/b.ts", ".", "src.a", 1},
		{"src/a/b.ts", "./models/index", "src.a.models", 1},
		{"src/a/b.ts", "@nestjs/common", "@nestjs/common", 0},
		{"src/a/b.ts", "@/lib/db", "@/lib/db", 0},
	}
	for _, tt := range tests {
		got, level := resolveSpecifier(tt.file, tt.spec)
		if got != tt.want || level != tt.level {
			t.Errorf("resolveSpecifier(%q, %q) = %q, %d; want %q, %d", tt.file, tt.spec, got, level, tt.want, tt.level)
		}
	}
}

// TestSyntaxErrorsGivePartialFacts checks that a broken file still
// yields what parsed, with the errors counted, and no error.
func TestSyntaxErrorsGivePartialFacts(t *testing.T) {
	t.Parallel()
	src := `import { a } from 'a';
export function ok() { return a(); }
function broken( { x = = 1;
export const after = 2;
`
	f := extract(t, "src/x.ts", src)
	if f.Stats.ErrorNodes+f.Stats.MissingNodes == 0 || len(f.Stats.ErrorLines) == 0 {
		t.Errorf("want syntax errors counted, got %+v", f.Stats)
	}
	if len(f.Imports) != 1 || len(f.Functions) == 0 || f.Functions[0].Name != "ok" {
		t.Errorf("want the import and ok() kept, got:\n%s", strings.Join(showFile(f), "\n"))
	}
}

func TestDeepNestingIsBounded(t *testing.T) {
	t.Parallel()
	src := "const x = " + strings.Repeat("f(", 400) + strings.Repeat(")", 400) + ";\n" +
		"function g() {" + strings.Repeat("if (a) {", 300) + strings.Repeat("}", 300) + "}\n"
	arrows := strings.Repeat("const a = () => {", 3000) + strings.Repeat("}", 3000) + "\n"
	for _, src := range []string{src, arrows} {
		f := extract(t, "deep.js", src)
		if f.Stats.DepthLimited == 0 {
			t.Errorf("want depth-limited subtrees counted, got %+v", f.Stats)
		}
	}
}

func TestCancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := syntax.NewParser(0)
	defer p.Close()
	_, err := New().Extract(ctx, p, facts.Source{Path: "a.ts", Data: []byte("x = 1\n")})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "a.ts") {
		t.Errorf("got %v, want context.Canceled naming the file", err)
	}
}

func TestKindsOfEveryGrammar(t *testing.T) {
	t.Parallel()
	// newKinds panics on a node type a grammar lacks; these would fail
	// at the first file of that language otherwise.
	for _, k := range []*kinds{typeScriptKinds(), tsxKinds(), javaScriptKinds()} {
		if k.program == syntax.NoKind || k.optionalChain == syntax.NoKind {
			t.Errorf("unresolved kinds: %+v", k)
		}
	}
	if typeScriptKinds().publicFieldDef == syntax.NoKind || javaScriptKinds().fieldDef == syntax.NoKind {
		t.Error("class field kinds unresolved")
	}
	// An optional call is a `?.` token in the TypeScript grammars and an
	// optional_chain node in JavaScript's: both must be read.
	for _, path := range []string{"a.js", "a.ts", "a.tsx"} {
		f := extract(t, path, "cb?.(1);\n")
		if len(f.Statements) != 1 || !f.Statements[0].Value.Optional() {
			t.Errorf("%s: optional call not marked: %v", path, showFile(f))
		}
	}
}

func TestExtensions(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"a.ts": "typescript", "a.mts": "typescript", "a.cts": "typescript", "a.d.ts": "typescript",
		"a.tsx": "tsx", "a.js": "javascript", "a.jsx": "javascript", "a.mjs": "javascript", "a.CJS": "javascript",
	}
	for path, name := range want {
		if g, _ := grammarFor(path); g.Name() != name {
			t.Errorf("grammarFor(%q) = %s, want %s", path, g.Name(), name)
		}
	}
	if got := len(New().Extensions()); got != 9 {
		t.Errorf("Extensions() has %d entries, want 9 (8 of source, .prisma)", got)
	}
}

// TestTypedJavaScript: JavaScript that Babel strips of type annotations
// (Flow, with or without its pragma) is read whole; a file the TSX
// grammar reads no better keeps its JavaScript parse and errors.
func TestTypedJavaScript(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, path, src    string
		flow               bool
		functions, classes int
		errors             bool
	}{
		{"flow pragma block", "u.js", "/* @flow */\nexport function hex(size: number): string { return ''; }\n", true, 1, 0, false},
		{"flow strict line", "u.mjs", "// @flow strict\nexport function hex(size: number): string { return ''; }\n", true, 1, 0, false},
		{"annotations without pragma", "Config.js", "// A config.\nexport class Config {\n  static get(id: string, mount: string) { return id; }\n}\n", false, 0, 1, false},
		{"pragma after code is none", "u.js", "const a = 1;\n// @flow\nexport function f(x) { return x; }\n", false, 1, 0, false},
		{"@flowtype is not the pragma", "u.js", "// @flowtype\nexport function f(x) { return x; }\n", false, 1, 0, false},
		{"plain JSX stays JavaScript", "v.js", "export function V() { return <div a={1} />; }\n", false, 1, 0, false},
		{"flow file with JSX", "v.js", "// @flow\nexport function V(p: Props) { return <div a={p.a} />; }\n", true, 1, 0, false},
		{"a real error stays", "w.js", "export function f( { return 1; }\n", false, 0, 0, true},
	} {
		if got := flowAnnotated([]byte(tc.src)); got != tc.flow {
			t.Errorf("%s: flowAnnotated = %v, want %v", tc.name, got, tc.flow)
		}
		f := extract(t, tc.path, tc.src)
		if got := f.Stats.ErrorNodes+f.Stats.MissingNodes > 0; got != tc.errors {
			t.Errorf("%s: syntax errors %v (lines %v), want %v", tc.name, got, f.Stats.ErrorLines, tc.errors)
		}
		if !tc.errors && (len(f.Functions) != tc.functions || len(f.Classes) != tc.classes) {
			t.Errorf("%s: %d functions, %d classes, want %d, %d", tc.name, len(f.Functions), len(f.Classes), tc.functions, tc.classes)
		}
	}
}

// TestPrismaSchema: a .prisma file is read by the schema parser, not a
// grammar; its models are classes and the lines it cannot read are
// syntax errors of the file.
func TestPrismaSchema(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		src        string
		classes    int
		errorLines []int
	}{
		{"model U {\n  id Int @id\n}\nenum R {\n  A\n}\n", 2, nil},
		{"model U {\n  id Int @@\n  e String\n}\nnonsense\n", 1, []int{2, 5}},
	} {
		f := extract(t, "prisma/schema.prisma", tc.src)
		if f.Language != ID || f.Module != "prisma.schema.prisma" || len(f.Classes) != tc.classes ||
			f.Stats.ErrorNodes != len(tc.errorLines) || !slices.Equal(f.Stats.ErrorLines, tc.errorLines) {
			t.Errorf("%q: module %s, errors %d at %v: %v", tc.src, f.Module, f.Stats.ErrorNodes, f.Stats.ErrorLines, showFile(f))
		}
	}
}
