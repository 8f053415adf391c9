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
	// shared one it lacks. The variant's text is as its own spec writes
	// it; Renamed pairs its names with the shared spec's where they
	// differ. Only when the variant's spec holds no such construct (one
	// alignment made) is Detail in the shared names, and Aligned says so.
	Detail  string   `json:"detail,omitempty"`
	Renamed []Rename `json:"renamed,omitempty"`
	Aligned bool     `json:"in_shared_names,omitempty"`
	// Note says what a reader of the variant's text needs besides: a
	// Boolean flag aligned with others' Timestamp (flagNote).
	Note   string `json:"note,omitempty"`
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

// Holding is one variant's text of a clause and where it stands: the text
// as the variant's spec writes it, with Renamed and Aligned as in
// Difference.
type Holding struct {
	Variant string   `json:"variant"`
	Text    string   `json:"text"`
	Renamed []Rename `json:"renamed,omitempty"`
	Aligned bool     `json:"in_shared_names,omitempty"`
	Source  string   `json:"source,omitempty"`
}

// Rename is a name the variant's text uses (Here) where the shared spec's
// names, which the alignment reads it in, have another (Shared).
type Rename struct {
	Here   string `json:"here"`
	Shared string `json:"shared"`
}

// variantText is variant v's text of aligned construct a as its spec writes
// it, with the names the alignment read in the shared spec's; failing that
// (a construct the alignment made), the text in the shared names, marked.
func variantText(a *Aligned, v int) (text string, renamed []Rename, inShared bool) {
	own := a.owns[v]
	if own == "" {
		return a.texts[v], nil, a.texts[v] != ""
	}
	return own, renames(own, a.texts[v]), false
}

// renames pairs the names of own with those of shared, the same text after
// renaming, token by token: the identifiers that differ where everything
// else agrees. Texts whose shapes differ (an alias the alignment inlined)
// give no pairs.
func renames(own, shared string) []Rename {
	a, b := identTokens(own), identTokens(shared)
	if len(a) != len(b) {
		return nil
	}
	var out []Rename
	seen := map[Rename]bool{}
	for i := range a {
		if a[i] == b[i] {
			continue
		}
		if !isIdent(a[i]) || !isIdent(b[i]) {
			return nil
		}
		r := Rename{Here: a[i], Shared: b[i]}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// shown keeps the pairs whose name text, cut short for the report
// (oneLine), still shows.
func shown(renamed []Rename, text string) []Rename {
	var out []Rename
	toks := identTokens(text)
	for _, r := range renamed {
		for _, t := range toks {
			if t == r.Here {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// identTokens splits printed text into identifiers and single other
// characters, dropping spaces.
func identTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t':
			i++
		case isIdentByte(c):
			j := i
			for j < len(s) && (isIdentByte(s[j]) || s[j] == '#') {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			out = append(out, s[i:i+1])
			i++
		}
	}
	return out
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isIdent(t string) bool { return t != "" && isIdentByte(t[0]) && (t[0] < '0' || t[0] > '9') }

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
				text, renamed, inShared := variantText(cl, v)
				text = oneLine(text)
				held.Held = append(held.Held, Holding{Variant: r.Variants[v], Text: text, Renamed: shown(renamed, text),
					Aligned: inShared, Source: location(r, cl, v)})
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
			var text string
			if p.Present {
				text, d.Renamed, d.Aligned = variantText(a, v)
				text = oneLine(text)
				d.Renamed = shown(d.Renamed, text)
			}
			if p.Present && a.Kind == summary.KindField {
				d.Note = flagNote(r, a, v)
			}
			switch {
			case p.Present && !a.InShared && a.depth > 0 && clauseWord[a.Kind] != "":
				// A clause of a rule both sides share: the rule behaves
				// differently here.
				d.Detail = clauseWord[a.Kind] + ": " + text
				vr.Differs = append(vr.Differs, d)
			case p.Present && !a.InShared:
				d.Detail = text
				vr.Beyond = append(vr.Beyond, d)
			case !p.Present && a.InShared:
				d.Detail = oneLine(a.sharedText)
				vr.Lacks = append(vr.Lacks, d)
			case p.Present && a.InShared:
				if detail, ok := difference(a, v); ok {
					switch a.Kind {
					case summary.KindField, summary.KindConfig, summary.KindEnum:
						// A value: a field's type as the variant
						// declares it (ApiUsage is its UsageQuota), a
						// config default, an enum's values.
						d.Detail = detail
						d.Renamed, d.Aligned = nil, false
						if a.Kind == summary.KindField && a.owns[v] != "" {
							d.Detail = oneLine(a.owns[v])
							d.Renamed = renames(a.owns[v], a.texts[v])
						}
					default:
						// Its text, worded otherwise than the shared
						// spec's: as the variant writes it.
						d.Detail = text
					}
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

// flagNote says, for a field one variant keeps as a Boolean flag and
// another as the Timestamp of when it happened, that they were aligned as
// one fact and how the clauses translate. The alignment keeps them
// together: flask-accounts' `used: Boolean` (testdata/services/
// flask_accounts/app/models/tokens.py:15) records what django's
// `used_at: Timestamp?` does, a reset token spent; its `not token.used` is
// the others' `reset.used_at = null`. Read without this note, a clause of
// one quoted beside the other's looks like a type error.
func flagNote(r *Result, a *Aligned, v int) string {
	base := func(t string) string { return strings.TrimSuffix(t, "?") }
	mine := base(a.Variants[v].Value)
	if mine != "Boolean" && mine != "Timestamp" {
		return ""
	}
	var others []string
	other := ""
	for w, q := range a.Variants {
		if w == v || !q.Present {
			continue
		}
		t := base(q.Value)
		if (t == "Boolean" || t == "Timestamp") && t != mine {
			others = append(others, r.Variants[w])
			if other == "" {
				other = q.LocalName
			}
		}
	}
	if len(others) == 0 {
		return ""
	}
	name := a.Variants[v].LocalName
	if mine == "Boolean" {
		return fmt.Sprintf("aligned as one fact with the Timestamp `%s` of %s: `not %s` reads as `%s = null`",
			other, strings.Join(others, ", "), name, other)
	}
	return fmt.Sprintf("aligned as one fact with the Boolean flag `%s` of %s: `%s = null` reads as `not %s`",
		other, strings.Join(others, ", "), name, other)
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
		"name follows as (here `name`). A variant's text is quoted as its own spec writes it; where it\n" +
		"uses names the shared spec calls otherwise, the pairs follow as (here `its name` for `shared name`).\n" +
		"Locations are the service code's when the spec records provenance.\n")
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
	fmt.Fprintf(b, "  - %s: `%s`%s%s\n", h.Variant, strings.ReplaceAll(h.Text, "`", "'"), nameNote(h.Renamed, h.Aligned), loc)
}

// nameNote says, after a variant's text, which of its names the shared
// spec calls otherwise, or that the text is in the shared spec's names.
func nameNote(renamed []Rename, inShared bool) string {
	if inShared {
		return " (in the shared spec's names)"
	}
	if len(renamed) == 0 {
		return ""
	}
	parts := make([]string, len(renamed))
	for i, r := range renamed {
		parts[i] = "`" + r.Here + "` for `" + r.Shared + "`"
	}
	return " (here " + strings.Join(parts, ", ") + ")"
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
		s += ": `" + strings.ReplaceAll(d.Detail, "`", "'") + "`" + nameNote(d.Renamed, d.Aligned)
	}
	if d.Note != "" {
		s += "; " + d.Note
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
