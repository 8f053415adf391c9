package allium

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// The outline comparison holds our parser against the reference's
// (`allium parse FILE`, a JSON AST): on every spec both read without
// errors, the two must agree on the declarations (kind and name), the
// members of entities, value types and variants, enum values, and per rule
// the number of when, requires, ensures, let and for clauses. An outline is
// a list of lines such as "entity User: email, status" so a difference
// reads as text.

// ourOutline lists the outline lines of our AST, sorted.
func ourOutline(m *Module) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	members := func(kind, name string, ms []EntityMember) {
		var names []string
		for _, mb := range ms {
			switch x := mb.(type) {
			case *Field:
				names = append(names, x.Name)
			case *Relationship:
				names = append(names, x.Name)
			case *Projection:
				names = append(names, x.Name)
			case *Derived:
				names = append(names, x.Name)
			case *Transitions:
				names = append(names, "transitions "+x.Field)
			case *Invariant:
				names = append(names, "invariant "+x.Name)
			default:
				names = append(names, fmt.Sprintf("?%T", mb))
			}
		}
		add("%s %s: %s", kind, name, strings.Join(names, ", "))
	}
	for _, u := range m.Uses {
		add("use %s", u.Alias)
	}
	if len(m.Given) > 0 {
		add("given")
	}
	for _, e := range m.Externals {
		members("external entity", e.Name, e.Members)
	}
	for _, v := range m.Values {
		members("value", v.Name, v.Members)
	}
	for _, c := range m.Contracts {
		var sigs []string
		for _, sg := range c.Signatures {
			sigs = append(sigs, sg.Name)
		}
		add("contract %s: %s annotations=%d", c.Name, strings.Join(sigs, ", "), len(c.Annotations))
	}
	for _, e := range m.Enums {
		var vals []string
		for _, v := range e.Values {
			vals = append(vals, v.Name)
		}
		add("enum %s: %s", e.Name, strings.Join(vals, ", "))
	}
	for _, e := range m.Entities {
		members("entity", e.Name, e.Members)
	}
	for _, v := range m.Variants {
		members("variant", v.Name, v.Members)
	}
	if len(m.Config) > 0 {
		add("config")
	}
	for _, o := range m.ConfigOverrides {
		add("config override %s", o.Alias)
	}
	for _, d := range m.Defaults {
		add("default %s", d.Name)
	}
	for _, r := range m.Rules {
		var c clauseCounts
		if r.Trigger != nil {
			c.when++
		}
		c.countOurs(r.Body)
		add("rule %s: %s", r.Name, c)
	}
	for _, inv := range m.Invariants {
		add("invariant %s", inv.Name)
	}
	for _, a := range m.Actors {
		add("actor %s", a.Name)
	}
	for _, s := range m.Surfaces {
		var c surfaceCounts
		c.facing = presence(s.Facing != nil)
		c.context = presence(s.Context != nil)
		c.let = len(s.Lets)
		c.exposes = presence(len(s.Exposes) > 0)
		c.provides = presence(len(s.Provides) > 0)
		c.related = presence(len(s.Related) > 0)
		c.timeout = presence(len(s.Timeout) > 0)
		c.contracts = len(s.Contracts)
		c.annotations = len(s.Annotations)
		add("surface %s: %s", s.Name, c)
	}
	for _, d := range m.Deferred {
		add("deferred %s", d.Name)
	}
	for range m.OpenQuestions {
		add("open question")
	}
	sort.Strings(out)
	return dedupeConfig(out)
}

// dedupeConfig keeps one "config" line: we merge a module's config blocks
// into one list, the reference keeps one declaration per block.
func dedupeConfig(lines []string) []string {
	out := lines[:0]
	for i, l := range lines {
		if l == "config" && i > 0 && lines[i-1] == "config" {
			continue
		}
		out = append(out, l)
	}
	return out
}

// clauseCounts counts a rule's clauses, those in rule-level for blocks
// included; lets inside an ensures block are part of that ensures.
type clauseCounts struct{ when, requires, ensures, let, forBlocks int }

func (c clauseCounts) String() string {
	return fmt.Sprintf("when=%d requires=%d ensures=%d let=%d for=%d", c.when, c.requires, c.ensures, c.let, c.forBlocks)
}

func (c *clauseCounts) countOurs(body []Stmt) {
	for _, s := range body {
		switch x := s.(type) {
		case *Let:
			c.let++
		case *Requires:
			c.requires++
		case *Ensures:
			c.ensures++
		case *For:
			c.forBlocks++
			c.countOurs(x.Body)
		}
	}
}

// The reference's JSON: every declaration and rule item is an object with
// one key naming its variant (Block, Invariant, Let, Clause, ...).
type (
	refNode  map[string]json.RawMessage
	refIdent struct {
		Name string `json:"name"`
	}
	refItem struct {
		Kind json.RawMessage `json:"kind"`
	}
	refBlock struct {
		Kind  string    `json:"kind"`
		Name  *refIdent `json:"name"`
		Items []refItem `json:"items"`
	}
)

// only returns the single key of a variant object and its value.
func (n refNode) only() (string, json.RawMessage) {
	for k, v := range n {
		return k, v
	}
	return "", nil
}

// refPath renders a deferred path (nested MemberAccess on an Ident).
func refPath(raw json.RawMessage) string {
	var n refNode
	if json.Unmarshal(raw, &n) != nil {
		return "?"
	}
	switch k, v := n.only(); k {
	case "Ident":
		var id refIdent
		_ = json.Unmarshal(v, &id)
		return id.Name
	case "MemberAccess":
		var ma struct {
			Object json.RawMessage `json:"object"`
			Field  refIdent        `json:"field"`
		}
		_ = json.Unmarshal(v, &ma)
		return refPath(ma.Object) + "." + ma.Field.Name
	default:
		return "?" + k
	}
}

// refOutline lists the outline lines of the reference's AST, sorted.
func refOutline(t testing.TB, decls []refNode) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	decode := func(raw json.RawMessage, v any) {
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("allium parse JSON: %v in %.200s", err, raw)
		}
	}
	members := func(items []refItem) string {
		var names []string
		for _, it := range items {
			var n refNode
			decode(it.Kind, &n)
			k, v := n.only()
			var x struct {
				Name  refIdent `json:"name"`
				Field refIdent `json:"field"`
			}
			decode(v, &x)
			switch k {
			case "Assignment", "FieldWithWhen", "ParamAssignment":
				names = append(names, x.Name.Name)
			case "TransitionsBlock":
				names = append(names, "transitions "+x.Field.Name)
			case "InvariantBlock":
				names = append(names, "invariant "+x.Name.Name)
			default:
				names = append(names, "?"+k)
			}
		}
		return strings.Join(names, ", ")
	}
	for _, d := range decls {
		k, v := d.only()
		switch k {
		case "Block":
			var b refBlock
			decode(v, &b)
			name := ""
			if b.Name != nil {
				name = b.Name.Name
			}
			switch b.Kind {
			case "Entity":
				add("entity %s: %s", name, members(b.Items))
			case "ExternalEntity":
				add("external entity %s: %s", name, members(b.Items))
			case "Value":
				add("value %s: %s", name, members(b.Items))
			case "Enum":
				var vals []string
				for _, it := range b.Items {
					var n refNode
					decode(it.Kind, &n)
					_, ev := n.only()
					var x struct {
						Name refIdent `json:"name"`
					}
					decode(ev, &x)
					vals = append(vals, x.Name.Name)
				}
				add("enum %s: %s", name, strings.Join(vals, ", "))
			case "Config":
				if name == "" {
					add("config")
				} else {
					add("config override %s", name)
				}
			case "Given":
				add("given")
			case "Rule":
				var c clauseCounts
				c.countRef(t, b.Items)
				add("rule %s: %s", name, c)
			case "Contract":
				var sigs []string
				annotations := 0
				for _, it := range b.Items {
					var n refNode
					decode(it.Kind, &n)
					k, iv := n.only()
					var x struct {
						Name refIdent `json:"name"`
					}
					decode(iv, &x)
					switch k {
					case "Annotation":
						annotations++
					default:
						sigs = append(sigs, x.Name.Name)
					}
				}
				add("contract %s: %s annotations=%d", name, strings.Join(sigs, ", "), annotations)
			case "Surface":
				var c surfaceCounts
				c.countRef(t, b.Items)
				add("surface %s: %s", name, c)
			case "Actor":
				add("actor %s", name)
			default:
				add("?block %s %s", b.Kind, name)
			}
		case "Variant":
			var x struct {
				Name  refIdent        `json:"name"`
				Base  json.RawMessage `json:"base"`
				Items []refItem       `json:"items"`
			}
			decode(v, &x)
			fields := members(x.Items)
			// Reference quirk: `variant V : Base { f: T }` comes out as a
			// variant with no items whose base is the join lookup
			// Base{f: T}; the members are the join's fields. Read them
			// there rather than list every variant as a difference.
			var base refNode
			decode(x.Base, &base)
			if k, jv := base.only(); k == "JoinLookup" && len(x.Items) == 0 {
				var j struct {
					Fields []struct {
						Field refIdent `json:"field"`
					} `json:"fields"`
				}
				decode(jv, &j)
				var names []string
				for _, f := range j.Fields {
					names = append(names, f.Field.Name)
				}
				fields = strings.Join(names, ", ")
			}
			add("variant %s: %s", x.Name.Name, fields)
		case "Invariant", "Default":
			var x struct {
				Name refIdent `json:"name"`
			}
			decode(v, &x)
			add("%s %s", strings.ToLower(k), x.Name.Name)
		case "Use":
			var x struct {
				Alias *refIdent `json:"alias"`
			}
			decode(v, &x)
			if x.Alias != nil {
				add("use %s", x.Alias.Name)
			} else {
				add("use")
			}
		case "Deferred":
			var x struct {
				Path json.RawMessage `json:"path"`
			}
			decode(v, &x)
			add("deferred %s", refPath(x.Path))
		case "OpenQuestion":
			add("open question")
		default:
			add("?%s", k)
		}
	}
	sort.Strings(out)
	return dedupeConfig(out)
}

func (c *clauseCounts) countRef(t testing.TB, items []refItem) {
	for _, it := range items {
		var n refNode
		if err := json.Unmarshal(it.Kind, &n); err != nil {
			// A plain string kind carries no clause.
			continue
		}
		k, v := n.only()
		switch k {
		case "Clause":
			var x struct {
				Keyword string `json:"keyword"`
			}
			_ = json.Unmarshal(v, &x)
			switch x.Keyword {
			case "when":
				c.when++
			case "requires":
				c.requires++
			case "ensures":
				c.ensures++
			}
		case "Let":
			c.let++
		case "ForBlock":
			var x struct {
				Items []refItem `json:"items"`
			}
			_ = json.Unmarshal(v, &x)
			c.forBlocks++
			c.countRef(t, x.Items)
		}
	}
}

// surfaceCounts outlines a surface. Block clauses (exposes, provides,
// related, timeout) count as present or not: we merge repeated blocks, the
// reference keeps one clause per block.
type surfaceCounts struct {
	facing, context, let, exposes, provides, related, timeout, contracts, annotations int
}

func (c surfaceCounts) String() string {
	return fmt.Sprintf("facing=%d context=%d let=%d exposes=%d provides=%d related=%d timeout=%d contracts=%d annotations=%d",
		c.facing, c.context, c.let, c.exposes, c.provides, c.related, c.timeout, c.contracts, c.annotations)
}

func presence(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (c *surfaceCounts) countRef(t testing.TB, items []refItem) {
	for _, it := range items {
		var n refNode
		if err := json.Unmarshal(it.Kind, &n); err != nil {
			continue
		}
		k, v := n.only()
		switch k {
		case "Clause":
			var x struct {
				Keyword string `json:"keyword"`
			}
			_ = json.Unmarshal(v, &x)
			switch x.Keyword {
			case "facing":
				c.facing = 1
			case "context":
				c.context = 1
			case "exposes":
				c.exposes = 1
			case "provides":
				c.provides = 1
			case "related":
				c.related = 1
			case "timeout":
				c.timeout = 1
			default:
				t.Logf("surface clause %q not outlined", x.Keyword)
			}
		case "Let":
			c.let++
		case "ContractsClause":
			var x struct {
				Entries []json.RawMessage `json:"entries"`
			}
			_ = json.Unmarshal(v, &x)
			c.contracts += len(x.Entries)
		case "Annotation":
			c.annotations++
		}
	}
}

// referenceParse runs `allium parse FILE`; ok is false when the reference
// reports a syntax error (the conformance table already counts those).
func referenceParse(t testing.TB, bin, file string) (decls []refNode, ok bool) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "parse", file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var out struct {
		Module struct {
			Declarations []refNode `json:"declarations"`
		} `json:"module"`
		Diagnostics []json.RawMessage `json:"diagnostics"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("allium parse %s: %v (run: %v)\nstdout: %.300s\nstderr: %.300s", file, err, runErr, stdout.String(), stderr.String())
	}
	return out.Module.Declarations, len(out.Diagnostics) == 0
}

// outlineDiff returns the lines only one side has, each marked "ours: " or
// "theirs: ", duplicates counted.
func outlineDiff(ours, theirs []string) []string {
	count := map[string]int{}
	for _, l := range ours {
		count[l]++
	}
	for _, l := range theirs {
		count[l]--
	}
	var out []string
	for l, n := range count {
		for ; n > 0; n-- {
			out = append(out, "ours:   "+l)
		}
		for ; n < 0; n++ {
			out = append(out, "theirs: "+l)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][8:] < out[j][8:] || out[i][8:] == out[j][8:] && out[i] < out[j] })
	return out
}

// knownOutlineDiffs are differences explained and accepted, keyed by the
// case name and the diff line. Every entry says which side is wrong.
var knownOutlineDiffs = map[string]string{
	// Reference leniency: it takes the clauses after a rule-level
	// `for x in xs:` at the same indentation as the for's body (here the
	// block shows the header alone, so the body is empty). The language
	// reference always indents a for body; ours requires it.
	// Reproducer: rule R { when: E(users) / for user in users: / ensures: Done() }
	// with the three clauses at one indentation.
	`language-reference.md:1274 | ours:   parse error P001 expected an indented block after "for user in ...:", found end of line`: "reference accepts a for without an indented body",
}

// TestReferenceOutline compares outlines on the non-negative corpus of the
// conformance test (repository specs and documentation blocks) and fails
// on a difference that knownOutlineDiffs does not explain.
func TestReferenceOutline(t *testing.T) {
	bin := referenceBin(t)
	root := moduleRoot(t)
	cases := collectRepoCases(t, root)
	docCases, _ := collectDocCases(t, root, t.TempDir())
	cases = append(cases, docCases...)

	var table strings.Builder
	compared, differing, lines := 0, 0, 0
	for _, c := range cases {
		if c.Negative {
			continue
		}
		src, err := os.ReadFile(c.File)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := Parse(c.File, src)
		decls, refOK := referenceParse(t, bin, c.File)
		ourOK := !diags.HasErrors() && m != nil
		var diff []string
		switch {
		case !ourOK && !refOK:
			continue
		case !ourOK:
			// The reference parses what we refuse: a parser bug of ours
			// unless listed.
			for _, d := range diags.Errors() {
				diff = append(diff, fmt.Sprintf("ours:   parse error %s %s", d.Code, d.Msg))
			}
		case !refOK:
			diff = append(diff, "theirs: parse error (see the conformance table)")
		default:
			compared++
			ours, theirs := ourOutline(m), refOutline(t, decls)
			lines += len(ours)
			diff = outlineDiff(ours, theirs)
		}
		if len(diff) == 0 {
			continue
		}
		differing++
		fmt.Fprintf(&table, "%s\n", c.Name)
		var unexplained []string
		for _, d := range diff {
			why, known := knownOutlineDiffs[c.Name+" | "+d]
			if known {
				fmt.Fprintf(&table, "    %s    (known: %s)\n", d, why)
				continue
			}
			fmt.Fprintf(&table, "    %s\n", d)
			unexplained = append(unexplained, d)
		}
		if len(unexplained) > 0 {
			t.Errorf("%s: outlines differ:\n    %s\n%s", c.Name, strings.Join(unexplained, "\n    "), c.Head)
		}
	}
	t.Logf("outlines compared on %d files (%d outline lines), %d files differ\n%s", compared, lines, differing, table.String())
}

// TestOutlineComparison runs without the reference: a hand-written JSON in
// the shape `allium parse` prints (spans left out) must outline like our
// AST of the same spec, and a changed clause count must show as a
// difference, so a silent outline (both sides empty) cannot pass for
// agreement.
func TestOutlineComparison(t *testing.T) {
	t.Parallel()
	src := `-- allium: 3

entity Account {
    status: open | closed
    closed_at: Timestamp when status = closed
}

rule Close {
    when: CloseAccount(account)
    let now_closed = true
    requires: account.status = open
    ensures: account.status = closed
}
`
	m, diags := Parse("outline.allium", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ident := func(n string) string { return `{"name":"` + n + `"}` }
	clause := func(kw string) string { return `{"kind":{"Clause":{"keyword":"` + kw + `","value":null}}}` }
	ref := func(requires int) []refNode {
		items := []string{clause("when"), `{"kind":{"Let":{"name":` + ident("now_closed") + `}}}`}
		for i := 0; i < requires; i++ {
			items = append(items, clause("requires"))
		}
		items = append(items, clause("ensures"))
		js := `[{"Block":{"kind":"Entity","name":` + ident("Account") + `,"items":[` +
			`{"kind":{"Assignment":{"name":` + ident("status") + `}}},` +
			`{"kind":{"FieldWithWhen":{"name":` + ident("closed_at") + `}}}]}},` +
			`{"Block":{"kind":"Rule","name":` + ident("Close") + `,"items":[` + strings.Join(items, ",") + `]}}]`
		var decls []refNode
		if err := json.Unmarshal([]byte(js), &decls); err != nil {
			t.Fatal(err)
		}
		return decls
	}
	ours := ourOutline(m)
	want := []string{"entity Account: status, closed_at", "rule Close: when=1 requires=1 ensures=1 let=1 for=0"}
	if strings.Join(ours, "\n") != strings.Join(want, "\n") {
		t.Errorf("ourOutline =\n%s\nwant\n%s", strings.Join(ours, "\n"), strings.Join(want, "\n"))
	}
	if d := outlineDiff(ours, refOutline(t, ref(1))); len(d) != 0 {
		t.Errorf("same spec, outlines differ: %v", d)
	}
	d := outlineDiff(ours, refOutline(t, ref(2)))
	if len(d) != 2 || !strings.HasPrefix(d[0], "ours:   rule Close") || !strings.HasPrefix(d[1], "theirs: rule Close: when=1 requires=2") {
		t.Errorf("an extra requires should show as one line each side, got %v", d)
	}
}
