package allium

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// wantRE matches an expectation comment: "-- want: E008" or
// "-- want: E008 W003" at the end of the line the diagnostics belong to.
var wantRE = regexp.MustCompile(`--\s*want:\s*((?:[EW]\d{3}[ ,]*)+)`)

// wantedDiagnostics reads the (line, code) pairs a fixture expects.
func wantedDiagnostics(src []byte) []string {
	var out []string
	for i, line := range strings.Split(string(src), "\n") {
		m := wantRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, code := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ' ' || r == ',' }) {
			out = append(out, fmt.Sprintf("%d:%s", i+1, code))
		}
	}
	return uniqueSorted(out)
}

func gotDiagnostics(ds Diagnostics) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%s", d.Line, d.Code))
	}
	return uniqueSorted(out)
}

func uniqueSorted(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	sort.Slice(list, func(i, j int) bool {
		var li, lj int
		var ci, cj string
		fmt.Sscanf(strings.Replace(list[i], ":", " ", 1), "%d %s", &li, &ci)
		fmt.Sscanf(strings.Replace(list[j], ":", " ", 1), "%d %s", &lj, &cj)
		if li != lj {
			return li < lj
		}
		return ci < cj
	})
	out := list[:0]
	for i, s := range list {
		if i == 0 || s != list[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func parseFixture(t testing.TB, path string) (*Module, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := Parse(filepath.Base(path), src)
	if diags.HasErrors() {
		t.Fatalf("fixture does not parse:\n%v", diags.Errors())
	}
	if m == nil {
		t.Fatalf("%s: Parse returned no module", path)
	}
	return m, src
}

// TestCheckFixtures checks every testdata/check fixture and compares the
// (line, code) pairs with its want comments exactly: extra diagnostics
// fail as much as missing ones.
func TestCheckFixtures(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "check", "*.allium"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			m, src := parseFixture(t, path)
			ds := Check(m, CheckOptions{File: filepath.Base(path)})
			want := wantedDiagnostics(src)
			got := gotDiagnostics(ds)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("line:code mismatch (-want +got):\n%s\nall diagnostics:\n%v", diff, ds)
			}
			for _, d := range ds {
				if d.File != filepath.Base(path) || d.Col <= 0 || d.Msg == "" {
					t.Errorf("diagnostic without file, column or message: %#v", d)
				}
			}
		})
	}
}

// goBuiltCodes are codes whose positive cases the parser cannot produce
// (it rejects a missing type as a syntax error); TestCheckModels covers them.
var goBuiltCodes = map[string]bool{"E002": true, "E012": true}

// TestCheckFixtureCoverage makes sure every code has a positive fixture (a
// want comment) and a negative one (CODE_ok.allium, whose exact comparison
// in TestCheckFixtures proves the code is absent).
func TestCheckFixtureCoverage(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(filepath.Join("testdata", "check", "*.allium"))
	wanted := map[string]bool{}
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, lc := range wantedDiagnostics(src) {
			_, code, _ := strings.Cut(lc, ":")
			wanted[code] = true
		}
	}
	for _, cc := range CheckCodes() {
		if !wanted[cc.Code] && !goBuiltCodes[cc.Code] {
			t.Errorf("%s: no fixture wants it", cc.Code)
		}
		ok := filepath.Join("testdata", "check", cc.Code+"_ok.allium")
		if !fileExists(ok) {
			t.Errorf("%s: no negative fixture %s", cc.Code, ok)
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func TestCheckCodesTable(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	prev := ""
	for _, cc := range CheckCodes() {
		if seen[cc.Code] {
			t.Errorf("%s listed twice", cc.Code)
		}
		seen[cc.Code] = true
		if cc.Code <= prev && cc.Code[0] == prev[0] {
			t.Errorf("%s out of order after %s", cc.Code, prev)
		}
		prev = cc.Code
		wantSev := SeverityError
		if strings.HasPrefix(cc.Code, "W") {
			wantSev = SeverityWarning
		}
		if cc.Severity != wantSev || cc.Rule == "" || cc.Desc == "" {
			t.Errorf("%s: bad entry %+v", cc.Code, cc)
		}
		if got, ok := LookupCheckCode(cc.Code); !ok || got != cc {
			t.Errorf("LookupCheckCode(%s) = %+v, %v", cc.Code, got, ok)
		}
	}
	if _, ok := LookupCheckCode("E999"); ok {
		t.Error("LookupCheckCode(E999) found something")
	}
}

// TestCheckModels covers what only a model built in memory can say (a
// missing type) and other API behaviour.
func TestCheckModels(t *testing.T) {
	t.Parallel()
	at := func(line int) Meta { return Meta{Pos: Pos{Line: line, Col: 5}} }
	ruleUsing := func(entity string) *Rule {
		return &Rule{Meta: at(20), Name: "Make",
			Trigger: &Trigger{Meta: at(21), Kind: TriggerExternal, Name: "MakeIt", Params: []TriggerParam{{Name: "n"}}},
			Body: []Stmt{&Ensures{Meta: at(22), Body: []Stmt{&ExprStmt{Meta: at(22), X: &Call{
				Fun:  &Member{X: &Ident{Name: entity}, Name: "created"},
				Args: []Arg{{Name: "n", Value: &Ident{Name: "n"}}},
			}}}}},
		}
	}
	cases := []struct {
		name string
		m    *Module
		want []string
	}{
		{
			name: "nil module",
			m:    nil,
			want: nil,
		},
		{
			name: "E002 field without type",
			m: &Module{
				Entities: []*Entity{{Meta: at(3), Name: "Box", Members: []EntityMember{
					&Field{Meta: at(4), Name: "size"},
					&Field{Meta: at(5), Name: "label", Type: &Type{}},
				}}},
				Rules: []*Rule{ruleUsing("Box")},
			},
			want: []string{"4:E002", "5:E002"},
		},
		{
			name: "E002 negative",
			m: &Module{
				Entities: []*Entity{{Meta: at(3), Name: "Box", Members: []EntityMember{
					&Field{Meta: at(4), Name: "size", Type: &Type{Name: "Integer"}},
					&Field{Meta: at(5), Name: "label", Type: &Type{Name: "String", Optional: true}},
				}}},
				Rules: []*Rule{ruleUsing("Box")},
			},
		},
		{
			name: "E002 contract result missing",
			m: &Module{
				Contracts: []*Contract{{Meta: at(3), Name: "Codec", Signatures: []*Signature{
					{Meta: at(4), Name: "encode", Params: []Param{{Name: "v", Type: &Type{Name: "String"}}}},
				}}},
			},
			want: []string{"4:E002"},
		},
		{
			name: "E012 config without type",
			m: &Module{
				Config: []*ConfigParam{
					{Meta: at(3), Name: "limit", Default: &Lit{Kind: LitNumber, Text: "3"}},
					{Meta: at(4), Name: "window", Type: &Type{Name: "Duration"}},
				},
				Rules: []*Rule{{Meta: at(20), Name: "Use",
					Trigger: &Trigger{Meta: at(21), Kind: TriggerExternal, Name: "UseIt"},
					Body: []Stmt{&Ensures{Meta: at(22), Body: []Stmt{&ExprStmt{Meta: at(22), X: &Call{
						Fun: &Ident{Name: "Used"},
						Args: []Arg{
							{Name: "a", Value: &Member{X: &Ident{Name: "config"}, Name: "limit"}},
							{Name: "b", Value: &Member{X: &Ident{Name: "config"}, Name: "window"}},
						},
					}}}}},
				}},
			},
			want: []string{"3:E012"},
		},
		{
			name: "E012 negative",
			m: &Module{
				Config: []*ConfigParam{
					{Meta: at(3), Name: "limit", Type: &Type{Name: "Integer"}, Default: &Lit{Kind: LitNumber, Text: "3"}},
				},
				Rules: []*Rule{{Meta: at(20), Name: "Use",
					Trigger: &Trigger{Meta: at(21), Kind: TriggerExternal, Name: "UseIt"},
					Body: []Stmt{&Ensures{Meta: at(22), Body: []Stmt{&ExprStmt{Meta: at(22), X: &Call{
						Fun:  &Ident{Name: "Used"},
						Args: []Arg{{Name: "a", Value: &Member{X: &Ident{Name: "config"}, Name: "limit"}}},
					}}}}},
				}},
			},
		},
		{
			name: "expression without position falls back to its statement",
			m: &Module{
				Rules: []*Rule{{Meta: at(7), Name: "Loose",
					Trigger: &Trigger{Meta: at(8), Kind: TriggerExternal, Name: "LooseIt"},
					Body: []Stmt{&Requires{Meta: at(9), Cond: &Ident{Name: "ghost"}},
						&Ensures{Meta: at(10), Body: []Stmt{&ExprStmt{Meta: at(10), X: &Call{Fun: &Ident{Name: "Done"}}}}}},
				}},
			},
			want: []string{"9:W009"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ds := Check(tc.m, CheckOptions{File: "model.allium"})
			if diff := cmp.Diff(tc.want, gotDiagnostics(ds)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%v", diff, ds)
			}
		})
	}
}

// TestCheckImports resolves qualified names against imported modules when
// they are given, and trusts them when they are not.
func TestCheckImports(t *testing.T) {
	t.Parallel()
	lib, diags := Parse("billing.allium", []byte("-- allium: 3\n\nentity Invoice {\n    total: Integer\n    state: draft | sent\n}\n"))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	src := []byte(`-- allium: 3

use "./billing.allium" as billing

entity Order {
    invoice: billing/Invoice
    credit: billing/CreditNote
}

rule Bill {
    when: BillOrder(order)
    requires: order.invoice.state = sent
    ensures: billing/Invoice.created(total: 1, state: draft)
}
`)
	m, diags := Parse("order.allium", src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cases := []struct {
		name    string
		imports map[string]*Module
		want    []string
	}{
		{"trusted without imports", nil, []string{"5:W001"}},
		{"resolved with imports", map[string]*Module{"billing": lib}, []string{"5:W001", "7:E001"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ds := Check(m, CheckOptions{File: "order.allium", Imports: tc.imports})
			if diff := cmp.Diff(tc.want, gotDiagnostics(ds)); diff != "" {
				t.Errorf("(-want +got):\n%s\n%v", diff, ds)
			}
		})
	}
}

// TestCheckCorpus: the hand-written corpus is valid Allium, so it must
// check without errors. Warnings are logged for review.
func TestCheckCorpus(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.allium"))
	if err != nil || len(files) == 0 {
		t.Skipf("no corpus yet: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Parallel()
			m, _ := parseFixture(t, path)
			opt := CheckOptions{File: filepath.Base(path), Imports: corpusImports(t, m)}
			ds := Check(m, opt)
			if errs := ds.Errors(); len(errs) > 0 {
				t.Errorf("corpus spec has checker errors:\n%v", errs)
			}
			for _, d := range ds {
				if d.Severity == SeverityWarning {
					t.Logf("%v", d)
				}
			}
			// Deterministic: a second run gives the same list.
			if again := Check(m, opt); !cmp.Equal(ds, again) {
				t.Errorf("second run differs:\n%v\n---\n%v", ds, again)
			}
		})
	}
}

// corpusImports parses the corpus files a module uses ("./name.allium"),
// so that qualified names are resolved rather than trusted.
func corpusImports(t *testing.T, m *Module) map[string]*Module {
	t.Helper()
	imports := map[string]*Module{}
	for _, u := range m.Uses {
		path := filepath.Join("testdata", "corpus", filepath.FromSlash(strings.TrimPrefix(u.Path, "./")))
		if !fileExists(path) {
			t.Fatalf("use %q: %s not in the corpus", u.Path, path)
		}
		imports[u.Alias], _ = parseFixture(t, path)
	}
	return imports
}

// TestCheckSorted: diagnostics come out ordered by line, column, code.
func TestCheckSorted(t *testing.T) {
	t.Parallel()
	m, _ := parseFixture(t, filepath.Join("testdata", "check", "E021.allium"))
	ds := Check(m, CheckOptions{File: "E021.allium"})
	if len(ds) < 2 {
		t.Fatalf("want several diagnostics, got %v", ds)
	}
	sorted := append(Diagnostics(nil), ds...)
	sorted.Sort()
	if !cmp.Equal(ds, sorted) {
		t.Errorf("not sorted:\n%v", ds)
	}
}

// TestCheckMessages pins the wording of messages users read.
func TestCheckMessages(t *testing.T) {
	t.Parallel()
	m, _ := parseFixture(t, filepath.Join("testdata", "check", "E008.allium"))
	ds := Check(m, CheckOptions{File: "E008.allium"})
	want := `rule OpenTicket: status value "pending" is not a value of Ticket.status (open | closed)`
	for _, d := range ds {
		if d.Msg == want {
			return
		}
	}
	t.Errorf("no diagnostic says %q:\n%v", want, ds)
}

// TestCheckNilParts: models built in memory may leave parts out; the
// checker reports what it can and never dereferences a missing part.
func TestCheckNilParts(t *testing.T) {
	t.Parallel()
	m := &Module{
		Uses:      []*Use{nil, {Alias: "x"}},
		Given:     []*GivenBinding{nil, {Name: "g"}},
		Externals: []*Entity{nil},
		Values:    []*ValueType{nil, {Name: "V", Members: []EntityMember{nil, &Derived{Name: "d"}}}},
		Contracts: []*Contract{nil, {Name: "C", Signatures: []*Signature{nil, {Name: "s", Params: []Param{{Name: "p"}}}}, Annotations: []*Annotation{nil}}},
		Enums:     []*Enum{nil, {Name: "E"}},
		Entities: []*Entity{nil, {Name: "A", Members: []EntityMember{
			nil,
			&Field{Name: "f"},
			&Relationship{Name: "r"},
			&Projection{Name: "p"},
			&Transitions{Field: "f"},
			&Invariant{Name: "I", Body: []Stmt{nil, &ExprStmt{}}},
			&Field{Name: "w", Type: &Type{Name: "String"}, When: &FieldWhen{Field: "f"}},
		}}},
		Variants:        []*Variant{nil, {Name: "B"}},
		Config:          []*ConfigParam{nil, {Name: "c"}},
		ConfigOverrides: []*ConfigOverride{nil, {Alias: "x", Settings: []*ConfigSetting{nil, {Name: "s"}}}},
		Defaults:        []*Default{nil, {Name: "d"}},
		Rules: []*Rule{nil,
			{Name: "R0"},
			{Name: "R1", Trigger: &Trigger{Kind: TriggerTemporal}, Body: []Stmt{nil,
				&Let{Name: "l"}, &Requires{}, &Ensures{Body: []Stmt{nil, &Assign{}, &If{Branches: []IfBranch{{}}}, &For{Var: "v"}}},
			}},
			{Name: "R2", Trigger: &Trigger{Kind: TriggerTransition, Binding: "b", Cond: &Binary{Op: OpTransitionsTo}}},
		},
		Invariants: []*Invariant{nil, {Name: "T"}},
		Actors:     []*Actor{nil, {Name: "Ac"}},
		Surfaces: []*Surface{nil, {Name: "S",
			Facing:    &SurfaceBinding{Name: "f"},
			Context:   &SurfaceBinding{Name: "c"},
			Lets:      []*Let{nil, {Name: "l"}},
			Exposes:   []SurfaceEntry{nil, &SurfaceItem{}, &SurfaceFor{Var: "x"}},
			Provides:  []SurfaceEntry{&SurfaceItem{X: &Call{}}},
			Related:   []SurfaceEntry{&SurfaceItem{X: &Call{Fun: &Ident{Name: "S"}}}},
			Timeout:   []SurfaceEntry{&SurfaceItem{X: &Ident{Name: "R1"}}},
			Contracts: []*ContractRef{nil, {Name: "C"}},
		}},
		Deferred:      []*Deferred{nil, {Name: "D.x"}},
		OpenQuestions: []*OpenQuestion{nil, {Text: "?"}},
	}
	ds := Check(m, CheckOptions{File: "nil.allium"})
	codes := map[string]bool{}
	for _, d := range ds {
		codes[d.Code] = true
	}
	// Field f has no type, rule R0 no trigger nor ensures, config c no type.
	for _, want := range []string{"E002", "E005", "E006", "E012"} {
		if !codes[want] {
			t.Errorf("missing %s in %v", want, ds)
		}
	}
}

// TestCheckStrictNames: with StrictNames, a bare name that nothing binds
// and no enum declares is unbound (E009) wherever it stands, the way a
// producer of specs wants it; without, it reads as an enum literal.
func TestCheckStrictNames(t *testing.T) {
	t.Parallel()
	m, _ := parseFixture(t, filepath.Join("testdata", "check", "W009.allium"))
	cases := []struct {
		strict bool
		want   []string
	}{
		{false, []string{"26:W009", "27:W009"}},
		{true, []string{"26:E009", "27:E009", "28:E009", "29:E009", "36:E009", "37:E009", "38:E009"}},
	}
	for _, tc := range cases {
		ds := Check(m, CheckOptions{File: "W009.allium", StrictNames: tc.strict})
		if diff := cmp.Diff(tc.want, gotDiagnostics(ds)); diff != "" {
			t.Errorf("strict=%v (-want +got):\n%s\n%v", tc.strict, diff, ds)
		}
	}
}
