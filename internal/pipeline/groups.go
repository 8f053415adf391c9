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
	// Kept is set when the group was not compared again (an --only run
	// that selected none of its members): its files and rows are the
	// previous run's.
	Kept   bool
	result *compare.Result
	rows   []summary.ComparisonRow // the kept rows
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

// compareGroups compares the members of each manifest group that have a
// spec, writing shared/<group>.allium and reports/<group>.md. With --only,
// a group is compared again when one of its members is selected (the
// others take part with the specs they keep); the other groups keep their
// files and rows.
func (r *runner) compareGroups(ctx context.Context) ([]GroupResult, error) {
	if r.cfg.Shard != nil {
		return nil, nil // merge compares, over every shard's specs
	}
	var out []GroupResult
	members := r.members()
	for _, g := range r.cfg.Manifest.Groups {
		if !r.groupSelected(g.Name) {
			if gr, ok := r.keepGroup(g.Name); ok {
				out = append(out, gr)
			}
			continue
		}
		gr := GroupResult{Name: g.Name}
		var variants []compare.Variant
		for _, mb := range members {
			s := mb.res
			if s.Group != g.Name {
				continue
			}
			if mb.kept != nil {
				mb.kept.regenerate = true // its in_shared flags change with the comparison
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
			continue
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
			if err := atomicfile.WriteFile(filepath.Join(r.stage, filepath.FromSlash(gr.Shared)), text, 0o644); err != nil {
				return nil, err
			}
			gr.Report = "reports/" + g.Name + ".md"
			report := compare.Markdown(res, compare.ReportOptions{Title: g.Name, Quorum: g.Quorum.String(), Missing: gr.Missing})
			if err := atomicfile.WriteFile(filepath.Join(r.stage, filepath.FromSlash(gr.Report)), report, 0o644); err != nil {
				return nil, err
			}
		}
		out = append(out, gr)
	}
	return out, nil
}

// groupSelected reports whether the run compares the group: always in a
// full run; with --only, when one of its members is selected.
func (r *runner) groupSelected(group string) bool {
	if len(r.cfg.Only) == 0 {
		return true
	}
	for _, repo := range r.cfg.Manifest.Repos {
		for _, svc := range repo.Services {
			if svc.Group == group && selected(r.cfg.Only, repo.Name, svc.Name) {
				return true
			}
		}
	}
	return false
}

// keepGroup carries a group's files and rows from the previous generation.
func (r *runner) keepGroup(name string) (GroupResult, bool) {
	gr := GroupResult{Name: name, Kept: true}
	for _, rel := range []string{"shared/" + name + ".allium", "reports/" + name + ".md"} {
		if !r.prevOwned[rel] {
			continue
		}
		if err := r.keep(rel); err != nil {
			continue
		}
		if strings.HasPrefix(rel, "shared/") {
			gr.Shared = rel
		} else {
			gr.Report = rel
		}
	}
	gr.rows = r.keptComparisons[name]
	return gr, gr.Shared != "" || gr.Report != "" || len(gr.rows) > 0
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
		if g.Kept {
			rows = append(rows, g.rows...)
			continue
		}
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
