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
	Dropped     []string        `json:"dropped_from_shared,omitempty"`
	Aligned     []Aligned       `json:"aligned"`
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
	if a.sharedText != "" && a.texts[v] != a.sharedText {
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
