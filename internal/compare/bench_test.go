package compare

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// syntheticVariant writes a spec of 10 entities and `rules` rules that
// differs from its siblings the way real variants do: some fields renamed,
// some rules missing, extra preconditions, other config defaults.
func syntheticVariant(tb testing.TB, seed uint64, rules int) *allium.Module {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.WriteString("-- allium: 3\n\n")
	const entities, fields = 10, 8
	field := func(e, f int) string {
		if rng.IntN(10) == 0 && f > 0 {
			return fmt.Sprintf("item_%d_%d_value", e, f)
		}
		return fmt.Sprintf("item_%d_%d", e, f)
	}
	names := make([][]string, entities)
	for e := range entities {
		fmt.Fprintf(&b, "entity Thing%d {\n    status: active | closed\n", e)
		for f := range fields {
			names[e] = append(names[e], field(e, f))
			fmt.Fprintf(&b, "    %s: Integer\n", names[e][f])
		}
		b.WriteString("}\n\n")
	}
	b.WriteString("config {\n")
	for e := range entities {
		fmt.Fprintf(&b, "    limit_%d: Integer = %d\n", e, 5+rng.IntN(2))
	}
	b.WriteString("}\n\n")
	for r := range rules {
		if rng.IntN(20) == 0 {
			continue
		}
		e := r % entities
		f1, f2 := names[e][r%fields], names[e][(r+3)%fields]
		fmt.Fprintf(&b, "rule Handle%dEvent%d {\n    when: Event%dHappened(thing)\n", e, r, r)
		b.WriteString("    requires: thing.status = active\n")
		fmt.Fprintf(&b, "    requires: thing.%s < config.limit_%d\n", f1, e)
		if rng.IntN(4) == 0 {
			fmt.Fprintf(&b, "    requires: thing.%s > 0\n", f2)
		}
		fmt.Fprintf(&b, "    ensures:\n        thing.%s = thing.%s + 1\n", f1, f1)
		if rng.IntN(3) == 0 {
			fmt.Fprintf(&b, "        thing.%s = 0\n", f2)
		}
		b.WriteString("}\n\n")
	}
	m, diags := allium.Parse("synthetic.allium", []byte(b.String()))
	if diags.HasErrors() {
		tb.Fatalf("synthetic spec does not parse: %v", diags)
	}
	return m
}

func syntheticVariants(tb testing.TB, n, rules int) []Variant {
	var vs []Variant
	for i := range n {
		vs = append(vs, Variant{ID: fmt.Sprintf("svc%02d", i), Module: syntheticVariant(tb, uint64(i), rules)})
	}
	return vs
}

// TestSynthetic makes sure the benchmark's input aligns as intended: rules
// align across variants and the shared spec checks clean.
func TestSynthetic(t *testing.T) {
	vs := syntheticVariants(t, 6, 40)
	res, err := Compare(vs, Options{Required: func(n int) int { return n / 2 }})
	if err != nil {
		t.Fatal(err)
	}
	if errs := allium.Check(res.Shared, allium.CheckOptions{}).Errors(); len(errs) > 0 {
		t.Fatalf("shared spec has errors: %v", errs)
	}
	if got := len(res.Shared.Rules); got < 35 {
		t.Errorf("shared spec keeps %d rules, want nearly all 40", got)
	}
	rules := 0
	for _, a := range res.Aligned {
		if a.Kind == "rule" {
			rules++
		}
	}
	if rules != 40 {
		t.Errorf("%d rule groups, want 40 (one per rule)", rules)
	}
}

// BenchmarkCompare compares n variants of 100 rules each; 50x100 is the
// reference figure, the others show how the work grows with n.
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{25, 50, 100} {
		b.Run(fmt.Sprintf("%dx100", n), func(b *testing.B) {
			vs := syntheticVariants(b, n, 100)
			b.ResetTimer()
			start := simCalls.Load()
			for b.Loop() {
				if _, err := Compare(vs, Options{Required: func(n int) int { return n / 2 }}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(simCalls.Load()-start)/float64(b.N), "sims/op")
		})
	}
}
