package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// ReportOptions describe the comparison for its report.
type ReportOptions struct {
	Title   string
	Quorum  string   // as written: "all", "2", "0.5"
	Missing []string // group members that failed and were not compared
}

// Difference is one line of a variant's section of the report.
type Difference struct {
	Kind   string `json:"kind"`
	Parent string `json:"parent,omitempty"`
	Name   string `json:"name"`            // canonical
	Local  string `json:"local,omitempty"` // the variant's name, when it differs
	// Detail says how the variant differs: its value, its text, or the
	// shared one it lacks.
	Detail string `json:"detail,omitempty"`
	Source string `json:"source,omitempty"` // "path:line" from provenance
	Line   int    `json:"spec_line,omitempty"`
}

// VariantReport is what one variant has beyond the shared spec, lacks and
// does differently.
type VariantReport struct {
	ID      string       `json:"id"`
	File    string       `json:"file,omitempty"`
	Beyond  []Difference `json:"beyond"`
	Lacks   []Difference `json:"lacks"`
	Differs []Difference `json:"differs"`
}

// Report is the JSON form of a comparison report.
type Report struct {
	Title       string          `json:"title,omitempty"`
	Quorum      string          `json:"quorum"`
	Required    int             `json:"required"`
	Variants    []string        `json:"variants"`
	Missing     []string        `json:"missing,omitempty"`
	Similarity  [][]float64     `json:"similarity"`
	Shared      map[string]int  `json:"shared_counts"`
	PerVariant  []VariantReport `json:"per_variant"`
	SingleRules []Difference    `json:"rules_in_one_variant"`
	// Merge lists, per shared rule, the clauses only some variants have
	// (or word differently): what a person merging the variants decides.
	Merge []RuleMerge `json:"merge"`
	// DifferingOutcomes lists the rules whose trigger the quorum shares
	// but whose outcomes agree in nothing, with each variant's outcomes.
	DifferingOutcomes []RuleMerge `json:"shared_trigger_differing_outcomes"`
	Notes             []string    `json:"notes,omitempty"`
	Dropped           []string    `json:"dropped_from_shared,omitempty"`
	Aligned           []Aligned   `json:"aligned"`
}

// RuleMerge is one rule's clauses that not every variant has alike.
type RuleMerge struct {
	Rule    string       `json:"rule"`
	Clauses []ClauseHeld `json:"clauses"`
}

// ClauseHeld is one clause of a rule as some variants hold it.
type ClauseHeld struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// InShared says the shared spec has the clause; Shared is its text
	// there. Held lists the variants that have it otherwise (all that
	// have it, when the shared spec does not).
	InShared bool      `json:"in_shared"`
	Shared   string    `json:"shared,omitempty"`
	Held     []Holding `json:"held_by"`
	// Lacking are the variants without the clause.
	Lacking []string `json:"lacking,omitempty"`
}

// Holding is one variant's text of a clause and where it stands.
type Holding struct {
	Variant string `json:"variant"`
	Text    string `json:"text"`
	Source  string `json:"source,omitempty"`
}

// ruleClauses returns, for the rule at index i of aligned, the indexes of
// its clauses (let, requires, ensures).
func ruleClauses(aligned []Aligned, i int) []int {
	var out []int
	for j := i + 1; j < len(aligned) && aligned[j].depth > 0; j++ {
		if aligned[j].depth == 1 && clauseWord[aligned[j].Kind] != "" {
			out = append(out, j)
		}
	}
	return out
}

// location is where variant v has the construct: the service code when the
// spec records it, else the variant's spec file and line.
func location(r *Result, a *Aligned, v int) string {
	pr := a.provs[v]
	switch {
	case pr == nil:
		return ""
	case pr.file != "":
		return pr.file + ":" + strconv.Itoa(pr.srcLine)
	case r.Files[v] != "" && pr.line > 0:
		return r.Files[v] + ":" + strconv.Itoa(pr.line)
	}
	return ""
}

// mergeView lists, per shared rule, the clauses not every variant holds
// alike, and the rules whose outcomes differ entirely.
func mergeView(r *Result) (merge, differing []RuleMerge) {
	diff := map[string]bool{}
	for _, n := range r.DifferingOutcomes {
		diff[n] = true
	}
	for i := range r.Aligned {
		a := &r.Aligned[i]
		if a.Kind != summary.KindRule || a.depth != 0 || !a.InShared && !diff[a.Name] {
			continue
		}
		rm := RuleMerge{Rule: a.Name}
		for _, j := range ruleClauses(r.Aligned, i) {
			cl := &r.Aligned[j]
			if diff[a.Name] && cl.Kind != summary.KindEnsures {
				continue
			}
			held := ClauseHeld{Kind: cl.Kind, Name: cl.Name, InShared: cl.InShared, Held: []Holding{}}
			if cl.InShared {
				held.Shared = oneLine(cl.sharedText)
			}
			alike := true
			for v, p := range cl.Variants {
				if !a.Variants[v].Present {
					continue
				}
				if !p.Present {
					held.Lacking = append(held.Lacking, r.Variants[v])
					alike = false
					continue
				}
				if cl.InShared && cl.keys[v] == cl.sharedKey {
					continue
				}
				alike = false
				held.Held = append(held.Held, Holding{Variant: r.Variants[v], Text: oneLine(cl.texts[v]), Source: location(r, cl, v)})
			}
			if !alike || diff[a.Name] {
				rm.Clauses = append(rm.Clauses, held)
			}
		}
		if diff[a.Name] {
			differing = append(differing, rm)
		} else if len(rm.Clauses) > 0 {
			merge = append(merge, rm)
		}
	}
	return merge, differing
}

// BuildReport derives the report's content from a result.
func BuildReport(r *Result, opt ReportOptions) Report {
	rep := Report{Title: opt.Title, Quorum: opt.Quorum, Required: r.Required, Variants: r.Variants,
		Missing: opt.Missing, Similarity: r.Similarity, Shared: map[string]int{}, Dropped: r.Dropped, Aligned: r.Aligned}
	if rep.Quorum == "" {
		rep.Quorum = "all"
	}
	sharedKey := map[string]bool{}
	for _, a := range r.Aligned {
		if a.InShared {
			rep.Shared[a.Kind]++
			sharedKey[a.Kind+"\x00"+a.Name] = true
		}
	}
	for v, id := range r.Variants {
		vr := VariantReport{ID: id, File: r.Files[v], Beyond: []Difference{}, Lacks: []Difference{}, Differs: []Difference{}}
		// parentShared tracks, by depth, whether the enclosing construct is
		// shared and present in this variant: members and clauses are only
		// listed under a parent both sides have, so that a whole rule beyond
		// the shared spec is one line, not one per clause.
		var stack []*Aligned
		for i := range r.Aligned {
			a := &r.Aligned[i]
			stack = append(stack[:min(a.depth, len(stack))], a)
			if a.depth > 0 {
				parent := stack[a.depth-1]
				if !parent.InShared || !parent.Variants[v].Present {
					continue
				}
			}
			if a.Kind == summary.KindTrigger && a.InShared {
				continue
			}
			p := a.Variants[v]
			d := Difference{Kind: a.Kind, Parent: a.Parent, Name: a.Name}
			if p.Present {
				if p.LocalName != a.Name {
					d.Local = p.LocalName
				}
				if pr := a.provs[v]; pr != nil {
					d.Line = pr.line
					if pr.file != "" {
						d.Source = pr.file + ":" + strconv.Itoa(pr.srcLine)
					}
				}
			}
			switch {
			case p.Present && !a.InShared && a.depth > 0 && clauseWord[a.Kind] != "":
				// A clause of a rule both sides share: the rule behaves
				// differently here.
				d.Detail = clauseWord[a.Kind] + ": " + oneLine(a.texts[v])
				vr.Differs = append(vr.Differs, d)
			case p.Present && !a.InShared:
				d.Detail = oneLine(a.texts[v])
				vr.Beyond = append(vr.Beyond, d)
			case !p.Present && a.InShared:
				d.Detail = oneLine(a.sharedText)
				vr.Lacks = append(vr.Lacks, d)
			case p.Present && a.InShared:
				if detail, ok := difference(a, v); ok {
					d.Detail = detail
					vr.Differs = append(vr.Differs, d)
				}
			}
		}
		rep.PerVariant = append(rep.PerVariant, vr)
	}
	rep.Merge, rep.DifferingOutcomes = mergeView(r)
	if rep.Merge == nil {
		rep.Merge = []RuleMerge{}
	}
	if rep.DifferingOutcomes == nil {
		rep.DifferingOutcomes = []RuleMerge{}
	}
	rep.Notes = r.Notes
	rep.SingleRules = []Difference{}
	for _, a := range r.Aligned {
		if a.Kind != summary.KindRule {
			continue
		}
		holder := -1
		count := 0
		for v, p := range a.Variants {
			if p.Present {
				holder, count = v, count+1
			}
		}
		if count == 1 && len(r.Variants) > 1 {
			d := Difference{Kind: a.Kind, Name: a.Name, Detail: r.Variants[holder]}
			if pr := a.provs[holder]; pr != nil {
				d.Line = pr.line
				switch {
				case pr.file != "":
					d.Source = pr.file + ":" + strconv.Itoa(pr.srcLine)
				case r.Files[holder] != "" && pr.line > 0:
					d.Source = r.Files[holder] + ":" + strconv.Itoa(pr.line)
				}
			}
			rep.SingleRules = append(rep.SingleRules, d)
		}
	}
	return rep
}

// difference tells how a variant's shared construct differs from the
// shared spec: a config value, a field type, another text.
func difference(a *Aligned, v int) (string, bool) {
	p := a.Variants[v]
	switch a.Kind {
	case summary.KindConfig, summary.KindField, summary.KindEnum:
		vals := map[string]bool{}
		for _, q := range a.Variants {
			if q.Present {
				vals[q.Value] = true
			}
		}
		if len(vals) > 1 {
			if p.Value == "" {
				return "no default", true
			}
			return p.Value, true
		}
		return "", false
	}
	if a.sharedKey != "" && a.keys[v] != a.sharedKey {
		return oneLine(a.texts[v]), true
	}
	return "", false
}

// oneLine flattens printed text for a table cell or list item.
func oneLine(s string) string {
	fields := strings.Fields(s)
	out := strings.Join(fields, " ")
	if len(out) > 160 {
		out = out[:157] + "..."
	}
	return out
}

// Markdown renders the report for people.
func Markdown(r *Result, opt ReportOptions) []byte {
	rep := BuildReport(r, opt)
	var b bytes.Buffer
	title := rep.Title
	if title == "" {
		title = "variants"
	}
	fmt.Fprintf(&b, "# Comparison: %s\n\n", title)
	fmt.Fprintf(&b, "%d variant(s) compared; quorum %s (a construct is shared when %d of %d hold it).\n",
		len(rep.Variants), rep.Quorum, rep.Required, len(rep.Variants))
	if len(rep.Missing) > 0 {
		fmt.Fprintf(&b, "\nNot compared (failed): %s\n", strings.Join(rep.Missing, ", "))
	}
	b.WriteString("\nConstructs are named as in the shared spec; where a variant names one differently its own\n" +
		"name follows as (here `name`). Locations are the service code's when the spec records provenance.\n")
	writeMerge(&b, rep)
	b.WriteString("\n## Similarity\n\nShare of aligned constructs two variants have in common (both / either).\n\n|  |")
	for _, id := range rep.Variants {
		fmt.Fprintf(&b, " %s |", id)
	}
	b.WriteString("\n|---|")
	for range rep.Variants {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
	for i, id := range rep.Variants {
		fmt.Fprintf(&b, "| %s |", id)
		for j := range rep.Variants {
			fmt.Fprintf(&b, " %.2f |", rep.Similarity[i][j])
		}
		b.WriteString("\n")
	}
	b.WriteString("\n## Shared spec\n\n")
	var kinds []string
	for _, k := range kindOrder {
		if n := rep.Shared[k]; n > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		}
	}
	if len(kinds) == 0 {
		b.WriteString("Nothing is shared.\n")
	} else {
		fmt.Fprintf(&b, "%s.\n", strings.Join(kinds, ", "))
	}
	if len(rep.Dropped) > 0 {
		b.WriteString("\nLeft out because the checker rejected them:\n\n")
		for _, d := range rep.Dropped {
			fmt.Fprintf(&b, "- %s\n", d)
		}
	}
	b.WriteString("\n")
	for _, vr := range rep.PerVariant {
		fmt.Fprintf(&b, "## %s\n\n", vr.ID)
		if vr.File != "" {
			fmt.Fprintf(&b, "Spec: `%s`\n\n", vr.File)
		}
		section := func(title string, list []Difference, file string) {
			fmt.Fprintf(&b, "### %s\n\n", title)
			if len(list) == 0 {
				b.WriteString("Nothing.\n\n")
				return
			}
			for _, d := range list {
				b.WriteString("- " + describe(d, file) + "\n")
			}
			b.WriteString("\n")
		}
		section("Beyond the shared spec", vr.Beyond, vr.File)
		section("Lacks", vr.Lacks, "")
		section("Differs", vr.Differs, vr.File)
	}
	b.WriteString("## Rules found in only one variant\n\n")
	if len(rep.SingleRules) == 0 {
		b.WriteString("None.\n")
	}
	for _, d := range rep.SingleRules {
		fmt.Fprintf(&b, "- `%s` in %s%s\n", d.Name, d.Detail, where(d, ""))
	}
	return b.Bytes()
}

// writeMerge writes what a person merging the variants reads first: per
// shared rule, the clauses only some variants have; the rules the variants
// share a trigger for but whose outcomes differ; the notes on what the
// shared spec chose.
func writeMerge(b *bytes.Buffer, rep Report) {
	b.WriteString("\n## Merging: shared rules, clauses only some variants have\n")
	if len(rep.Merge) == 0 {
		b.WriteString("\nNone: every shared rule is the same in every variant that has it.\n")
	}
	for _, rm := range rep.Merge {
		fmt.Fprintf(b, "\n### `%s`\n\n", rm.Rule)
		for _, cl := range rm.Clauses {
			if cl.InShared {
				fmt.Fprintf(b, "- %s `%s`, in the shared spec as `%s`", cl.Kind, cl.Name, strings.ReplaceAll(cl.Shared, "`", "'"))
			} else {
				fmt.Fprintf(b, "- %s `%s`, not in the shared spec", cl.Kind, cl.Name)
			}
			if len(cl.Lacking) > 0 {
				fmt.Fprintf(b, "; lacking in %s", strings.Join(cl.Lacking, ", "))
			}
			switch {
			case len(cl.Held) > 0 && cl.InShared:
				b.WriteString("; worded otherwise in:\n")
			case len(cl.Held) > 0:
				b.WriteString("; held by:\n")
			default:
				b.WriteString("\n")
			}
			for _, h := range cl.Held {
				writeHolding(b, h)
			}
		}
	}
	if len(rep.DifferingOutcomes) > 0 {
		b.WriteString("\n## Shared trigger, differing outcomes\n\n" +
			"The quorum shares these rules' triggers, but no outcome (not even in general form), so the\n" +
			"shared spec leaves them out. Each variant's outcomes:\n")
		for _, rm := range rep.DifferingOutcomes {
			fmt.Fprintf(b, "\n### `%s`\n\n", rm.Rule)
			// Variant by variant, each one's outcomes in order.
			for _, id := range rep.Variants {
				for _, cl := range rm.Clauses {
					for _, h := range cl.Held {
						if h.Variant == id {
							writeHolding(b, h)
						}
					}
				}
			}
		}
	}
	if len(rep.Notes) > 0 {
		b.WriteString("\n## Choices the shared spec made\n\n")
		for _, n := range rep.Notes {
			fmt.Fprintf(b, "- %s\n", n)
		}
	}
}

func writeHolding(b *bytes.Buffer, h Holding) {
	loc := ""
	if h.Source != "" {
		loc = " — " + h.Source
	}
	fmt.Fprintf(b, "  - %s: `%s`%s\n", h.Variant, strings.ReplaceAll(h.Text, "`", "'"), loc)
}

var clauseWord = map[string]string{
	summary.KindRequires: "extra precondition",
	summary.KindEnsures:  "other outcome",
	summary.KindLet:      "other binding",
}

var kindOrder = []string{
	summary.KindExternalEntity, summary.KindValue, summary.KindEnum, summary.KindEntity, summary.KindField,
	summary.KindRelationship, summary.KindProjection, summary.KindDerived, summary.KindInvariant,
	summary.KindConfig, summary.KindDefault, summary.KindRule, summary.KindTrigger, summary.KindLet,
	summary.KindRequires, summary.KindEnsures, summary.KindActor, summary.KindSurface, summary.KindProvides,
	summary.KindContract, summary.KindDeferred, summary.KindOpenQuestion,
}

func describe(d Difference, file string) string {
	name := d.Name
	if d.Parent != "" {
		name = d.Parent + "." + d.Name
	}
	s := d.Kind + " `" + name + "`"
	if d.Local != "" {
		s += " (here `" + d.Local + "`)"
	}
	if d.Detail != "" {
		s += ": `" + strings.ReplaceAll(d.Detail, "`", "'") + "`"
	}
	return s + where(d, file)
}

func where(d Difference, file string) string {
	switch {
	case d.Source != "":
		return " — " + d.Source
	case file != "" && d.Line > 0:
		return " — " + file + ":" + strconv.Itoa(d.Line)
	}
	return ""
}

// JSON renders the report for programs.
func JSON(r *Result, opt ReportOptions) ([]byte, error) {
	rep := BuildReport(r, opt)
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode comparison report: %w", err)
	}
	return append(b, '\n'), nil
}

// PrintShared writes the shared spec in canonical form.
func PrintShared(r *Result) []byte { return allium.Print(r.Shared, allium.PrintOptions{}) }
