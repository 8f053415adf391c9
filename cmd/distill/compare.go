package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/compare"
	"github.com/distill/distill/internal/manifest"
)

func newCompareCmd(stdout, stderr io.Writer) *cobra.Command {
	var quorumFlag, outFile, reportFile, rulesFlag string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "compare SPEC... [--quorum all|N|0.x] [--rules R,...] [-o shared.allium] [--report report.md] [--json]",
		Short: "Compare variant specs: write their shared spec and a report of where they differ",
		Long: `Compare aligns the entities, fields, config parameters, rules and clauses of two or
more .allium specs of the same behaviour and writes the spec they share: every construct
present in at least the quorum of variants (default: all), under the majority's names.
The shared spec goes to standard output, or to -o FILE. --report FILE writes a markdown
report: first, per shared rule, the clauses only some variants have, with their code
locations, and the rules whose trigger is shared but whose outcomes differ; then a
similarity matrix and, per variant, what it has beyond the shared spec, lacks and does
differently. --json writes that report as JSON to standard output instead of the spec.
--rules compares one flow of larger specs: each spec keeps only the named rules it has,
with the entities, fields and config they use (the variants may name the flow's rules
differently: list them all). Each variant is named after its file, or its path when two
files share a name. Exit status is 1 when a spec does not parse.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("compare needs at least one spec file")
			}
			q, err := parseQuorumFlag(quorumFlag)
			if err != nil {
				return err
			}
			if q.Count > len(args) {
				return usageErrorf("--quorum %d is more than the %d spec(s) given: nothing could be shared; use at most %d, or all", q.Count, len(args), len(args))
			}
			variants, diags, err := loadVariants(args)
			if err != nil {
				return err
			}
			if diags.HasErrors() {
				for _, d := range diags {
					fmt.Fprintln(stderr, d)
				}
				return errFindings
			}
			if rulesFlag != "" {
				if err := sliceVariants(variants, rulesFlag); err != nil {
					return err
				}
			}
			res, err := compare.Compare(variants, compare.Options{Required: q.Required})
			if err != nil {
				return err
			}
			opt := compare.ReportOptions{Title: strings.Join(res.Variants, " vs "), Quorum: q.String()}
			shared := allium.Print(res.Shared, allium.PrintOptions{})
			if outFile != "" {
				if err := atomicfile.WriteFile(outFile, shared, 0o644); err != nil {
					return fmt.Errorf("write shared spec: %w", err)
				}
			}
			if reportFile != "" {
				if err := atomicfile.WriteFile(reportFile, compare.Markdown(res, opt), 0o644); err != nil {
					return fmt.Errorf("write report: %w", err)
				}
			}
			switch {
			case asJSON:
				js, err := compare.JSON(res, opt)
				if err != nil {
					return err
				}
				_, err = stdout.Write(js)
				return err
			case outFile == "":
				_, err := stdout.Write(shared)
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&quorumFlag, "quorum", "all", "variants that must hold a construct for it to be shared: all, a count N, or a fraction 0.x")
	cmd.Flags().StringVarP(&outFile, "output", "o", "", "write the shared spec to this file instead of standard output")
	cmd.Flags().StringVar(&reportFile, "report", "", "write the markdown report to this file")
	cmd.Flags().BoolVar(&asJSON, "json", false, "write the report as JSON to standard output instead of the shared spec")
	cmd.Flags().StringVar(&rulesFlag, "rules", "", "compare only these rules (comma-separated) and what they use; each spec keeps those it has")
	return cmd
}

// parseQuorumFlag reads --quorum the way a manifest's quorum is written.
func parseQuorumFlag(s string) (manifest.Quorum, error) {
	s = strings.TrimSpace(s)
	if s == "all" || s == "" {
		return manifest.Quorum{All: true}, nil
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 {
			return manifest.Quorum{}, usageErrorf("--quorum %s: a count must be at least 1", s)
		}
		return manifest.Quorum{Count: n}, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f <= 0 || f > 1 {
		return manifest.Quorum{}, usageErrorf("--quorum %q: want all, a count N >= 1, or a fraction 0 < x <= 1", s)
	}
	return manifest.Quorum{Fraction: f}, nil
}

// loadVariants parses each spec; a variant is named after its file, or its
// path when two files share a name.
func loadVariants(paths []string) ([]compare.Variant, allium.Diagnostics, error) {
	l := &specLoader{cache: map[string]*loaded{}}
	base := map[string]int{}
	for _, p := range paths {
		base[specID(filepath.Base(p))]++
	}
	seen := map[string]bool{}
	var out []compare.Variant
	var diags allium.Diagnostics
	for _, p := range paths {
		ld, err := l.load(p)
		if err != nil {
			return nil, nil, fmt.Errorf("read spec: %w", err)
		}
		diags = append(diags, ld.diags...)
		id := specID(filepath.Base(p))
		if base[id] > 1 {
			id = specID(filepath.ToSlash(filepath.Clean(p)))
		}
		if seen[id] {
			return nil, nil, usageErrorf("spec %s is given twice", p)
		}
		seen[id] = true
		out = append(out, compare.Variant{ID: id, File: filepath.ToSlash(p), Module: ld.module})
	}
	diags.Sort()
	return out, diags, nil
}

// sliceVariants cuts every variant down to the named rules it has (see
// compare.Slice). A name no spec has is a usage error: it is a typo.
func sliceVariants(vs []compare.Variant, list string) error {
	var names []string
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return usageErrorf("--rules %q names no rule", list)
	}
	found := map[string]bool{}
	for i := range vs {
		m, missing := compare.Slice(vs[i].Module, names)
		vs[i].Module = m
		lacks := map[string]bool{}
		for _, n := range missing {
			lacks[n] = true
		}
		for _, n := range names {
			if !lacks[n] {
				found[n] = true
			}
		}
	}
	var unknown []string
	for _, n := range names {
		if !found[n] {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		return usageErrorf("--rules: no spec has a rule %s", strings.Join(unknown, ", "))
	}
	return nil
}

func specID(name string) string { return strings.TrimSuffix(name, ".allium") }
