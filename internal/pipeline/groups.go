package pipeline

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/compare"
	"github.com/distill/distill/internal/summary"
)

// GroupResult is the comparison of one manifest group's variants.
type GroupResult struct {
	Name     string
	Variants []string // "repo/service" of the members compared
	Missing  []string // members that failed and were left out
	Shared   string   // relative path of the shared spec, "" when not written
	Report   string   // relative path of the report
	result   *compare.Result
}

// Outputs lists the files the group wrote, relative to the output directory.
func (g GroupResult) Outputs() []string {
	var out []string
	if g.Shared != "" {
		out = append(out, g.Shared)
	}
	if g.Report != "" {
		out = append(out, g.Report)
	}
	return out
}

// compareGroups compares the members of each manifest group that produced
// a spec, writing shared/<group>.allium and reports/<group>.md.
func (r *runner) compareGroups(ctx context.Context) ([]GroupResult, error) {
	var out []GroupResult
	for _, g := range r.cfg.Manifest.Groups {
		if !r.wholeGroupSelected(g.Name) {
			// Comparing only the selected members of a group (--only)
			// would replace its shared spec and report with a partial
			// comparison; the previous ones stay until a run covers the
			// whole group.
			continue
		}
		gr := GroupResult{Name: g.Name}
		var variants []compare.Variant
		for i := range r.results {
			s := &r.results[i]
			if s.Group != g.Name {
				continue
			}
			if s.Status == StatusFailed || s.SpecPath == "" {
				gr.Missing = append(gr.Missing, s.ID())
				continue
			}
			m, err := r.readSpec(s.SpecPath)
			if err != nil {
				return nil, err
			}
			variants = append(variants, compare.Variant{ID: s.ID(), File: s.SpecPath, Module: m})
			gr.Variants = append(gr.Variants, s.ID())
		}
		if len(variants) == 0 && len(gr.Missing) == 0 {
			continue // no member selected in this run (--only)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(variants) > 0 {
			res, err := compare.Compare(variants, compare.Options{Required: g.Quorum.Required})
			if err != nil {
				return nil, fmt.Errorf("compare group %s: %w", g.Name, err)
			}
			gr.result = res
			res.Shared.Header = sharedHeader(g.Name, g.Quorum.String(), gr.Variants, gr.Missing)
			gr.Shared = "shared/" + g.Name + ".allium"
			text := allium.Print(res.Shared, allium.PrintOptions{})
			if err := atomicfile.WriteFile(filepath.Join(r.cfg.OutDir, filepath.FromSlash(gr.Shared)), text, 0o644); err != nil {
				return nil, err
			}
			gr.Report = "reports/" + g.Name + ".md"
			report := compare.Markdown(res, compare.ReportOptions{Title: g.Name, Quorum: g.Quorum.String(), Missing: gr.Missing})
			if err := atomicfile.WriteFile(filepath.Join(r.cfg.OutDir, filepath.FromSlash(gr.Report)), report, 0o644); err != nil {
				return nil, err
			}
		}
		out = append(out, gr)
	}
	return out, nil
}

// wholeGroupSelected reports whether every member of the group is part of
// this run.
func (r *runner) wholeGroupSelected(group string) bool {
	for _, repo := range r.cfg.Manifest.Repos {
		for _, svc := range repo.Services {
			if svc.Group == group && !selected(r.cfg.Only, repo.Name, svc.Name) {
				return false
			}
		}
	}
	return true
}

// sharedKeys maps each compared variant to the keys (see construct.Key) of
// its constructs that made it into the shared spec.
func sharedKeys(groups []GroupResult) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, g := range groups {
		if g.result == nil {
			continue
		}
		for _, id := range g.Variants {
			keys := map[string]bool{}
			for _, c := range g.result.SharedConstructs(id) {
				keys[c.Kind+"\x00"+c.Parent+"\x00"+c.Name] = true
			}
			out[id] = keys
		}
	}
	return out
}

func comparisonRows(groups []GroupResult) []summary.ComparisonRow {
	var rows []summary.ComparisonRow
	for _, g := range groups {
		if g.result == nil {
			continue
		}
		for _, a := range g.result.Aligned {
			row := summary.ComparisonRow{
				Group: g.Name, Kind: a.Kind, CanonicalName: a.Name, Parent: optString(a.Parent),
				InShared: a.InShared,
			}
			for _, p := range a.Variants {
				row.Variants = append(row.Variants, p.Variant)
				row.Present = append(row.Present, p.Present)
				row.LocalNames = append(row.LocalNames, p.LocalName)
				row.Values = append(row.Values, p.Value)
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// sharedHeader is the scope note of a group's shared spec: which variants
// it stands for and at what quorum, so the file explains itself.
func sharedHeader(group, quorum string, variants, missing []string) []string {
	h := []string{
		fmt.Sprintf("Shared spec of group %s: the behaviour its variants agree on (quorum %s).", group, quorum),
		"Variants: " + strings.Join(variants, ", ") + ".",
	}
	if len(missing) > 0 {
		h = append(h, "Not compared (failed this run): "+strings.Join(missing, ", ")+".")
	}
	return append(h, "", "Distilled and compared by distill: a first draft to review; see the group's report.")
}
