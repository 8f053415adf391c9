package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/summary"
)

// writeOutputs writes the Parquet tables, the run record and the state, and
// removes specs left from services no longer in the manifest. Construct
// rows are generated here, in plan order, from the specs on disk, so that
// row order never depends on which worker finished first.
func (r *runner) writeOutputs(ctx context.Context, res *Result) error {
	shared := sharedKeys(res.Groups)
	if err := r.writeConstructs(ctx, res, shared); err != nil {
		return err
	}
	if err := writeTable(filepath.Join(r.cfg.OutDir, summary.ServicesFile), serviceRows(res.Services)); err != nil {
		return err
	}
	if err := writeTable(filepath.Join(r.cfg.OutDir, summary.ComparisonsFile), comparisonRows(res.Groups)); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := r.removeStale(res); err != nil {
		return err
	}
	var carry map[string]stateEntry
	if len(r.cfg.Only) > 0 {
		carry = r.prev.Services
	}
	if err := saveState(r.cfg.OutDir, res.Services, carry); err != nil {
		return err
	}
	return r.writeRunRecord(res)
}

func (r *runner) writeConstructs(ctx context.Context, res *Result, shared map[string]map[string]bool) error {
	w, err := summary.Create[summary.ConstructRow](filepath.Join(r.cfg.OutDir, summary.ConstructsFile))
	if err != nil {
		return err
	}
	for i := range res.Services {
		s := &res.Services[i]
		if s.SpecPath == "" || s.Status == StatusFailed {
			continue
		}
		if err := ctx.Err(); err != nil {
			w.Abort()
			return err
		}
		m, err := r.readSpec(s.SpecPath)
		if err != nil {
			w.Abort()
			return err
		}
		inGroup, keys := shared[s.ID()]
		for _, c := range constructs(m) {
			var flag *bool
			if keys {
				v := inGroup[c.Key()]
				flag = &v
			}
			if err := w.Write(constructRow(s, c, flag)); err != nil {
				w.Abort()
				return err
			}
			s.Constructs++
		}
	}
	return w.Close()
}

// readSpec parses a spec this run wrote (or kept from the last run).
func (r *runner) readSpec(rel string) (*allium.Module, error) {
	path := filepath.Join(r.cfg.OutDir, filepath.FromSlash(rel))
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	m, diags := allium.Parse(path, src)
	if diags.HasErrors() {
		return nil, fmt.Errorf("spec %s does not parse (a distill bug): %w", path, diags.Err())
	}
	return m, nil
}

func writeTable[T any](path string, rows []T) error {
	w, err := summary.Create[T](path)
	if err != nil {
		return err
	}
	if err := w.Write(rows...); err != nil {
		w.Abort()
		return err
	}
	return w.Close()
}

func serviceRows(results []ServiceResult) []summary.ServiceRow {
	rows := make([]summary.ServiceRow, len(results))
	for i := range results {
		s := &results[i]
		rows[i] = summary.ServiceRow{
			Repo: s.Repo, URL: s.URL, Commit: s.Commit, Service: s.Service,
			Group: optString(s.Group), Language: s.Language, Status: s.Status,
			Error:              optString(s.Error),
			FilesRead:          int32(s.FilesRead),
			FilesSkipped:       int32(len(s.Skipped)),
			ParseErrors:        int32(s.ParseErrors),
			Untranslated:       int32(s.Untranslated),
			Entities:           int32(s.Entities),
			Rules:              int32(s.Rules),
			ConfigParams:       int32(s.ConfigParams),
			Constructs:         int32(s.Constructs),
			Handlers:           int32(s.Handlers),
			StateHandlers:      int32(s.StateHandlers),
			StateHandlersRuled: int32(s.StateHandlersRuled),
			GuardsSeen:         int32(s.GuardsSeen),
			RequiresEmitted:    int32(s.RequiresEmitted),
			EffectsSeen:        int32(s.EffectsSeen),
			EnsuresEmitted:     int32(s.EnsuresEmitted),
			DroppedByChecker:   int32(s.DroppedByChecker),
			DroppedUnparsable:  int32(s.DroppedUnparsable),
			LeftOutReasons:     []string{},
			LeftOutCounts:      []int32{},
			Skipped:            append([]string{}, s.Skipped...),
			StartedAt:          s.Started.UTC().Truncate(time.Millisecond),
			FetchMS:            s.Fetch.Milliseconds(),
			DistillMS:          s.Distill.Milliseconds(),
			TotalMS:            (s.Fetch + s.Distill).Milliseconds(),
			SpecPath:           optString(s.SpecPath),
			SpecDigest:         optString(s.SpecDigest),
		}
	}
	for i := range results {
		for _, rc := range results[i].LeftOut {
			rows[i].LeftOut += int32(rc.Count)
			rows[i].LeftOutReasons = append(rows[i].LeftOutReasons, rc.Reason)
			rows[i].LeftOutCounts = append(rows[i].LeftOutCounts, int32(rc.Count))
		}
	}
	return rows
}

// removeStale deletes spec files under specs/ that this run did not
// produce or keep (services removed from the manifest, or failed this
// time), so the output directory shows only what the current run stands
// behind. Shared specs and reports of groups no longer present go too.
func (r *runner) removeStale(res *Result) error {
	keep := map[string]bool{}
	for _, s := range res.Services {
		if s.Status != StatusFailed && s.SpecPath != "" {
			keep[s.SpecPath] = true
		}
	}
	for _, g := range res.Groups {
		for _, p := range g.Outputs() {
			keep[p] = true
		}
	}
	failedOnly := map[string]bool{}
	for _, s := range res.Services {
		if s.Status == StatusFailed {
			failedOnly[specRel(s.Repo, s.Service)] = true
		}
	}
	runAll := len(r.cfg.Only) == 0
	for _, dir := range []string{"specs", "shared", "reports"} {
		root := filepath.Join(r.cfg.OutDir, dir)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return nil
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(r.cfg.OutDir, path)
			rel = filepath.ToSlash(rel)
			// With --only, specs of services outside the selection stay.
			if keep[rel] || (!runAll && !failedOnly[rel]) {
				return nil
			}
			return os.Remove(path)
		})
		if err != nil {
			return fmt.Errorf("clean %s: %w", root, err)
		}
		removeEmptyDirs(root)
	}
	return nil
}

func removeEmptyDirs(root string) {
	var dirs []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && path != root {
			dirs = append(dirs, path)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.Remove(dirs[i]) // fails, harmlessly, when not empty
	}
}

// runRecord is run.json: what ran and how it went.
type runRecord struct {
	Tool           string         `json:"tool"`
	ToolVersion    string         `json:"tool_version"`
	ManifestDigest string         `json:"manifest_digest"`
	CatalogDigest  string         `json:"catalog_digest"`
	Started        time.Time      `json:"started"`
	Finished       time.Time      `json:"finished"`
	Repos          int            `json:"repos"`
	Services       int            `json:"services"`
	Status         map[string]int `json:"status"`
	Failed         []failedEntry  `json:"failed"`
	Groups         []string       `json:"groups"`
	Outputs        []string       `json:"outputs"`
}

type failedEntry struct {
	Service string `json:"service"`
	Error   string `json:"error"`
}

func (r *runner) writeRunRecord(res *Result) error {
	rec := runRecord{
		Tool: "distill", ToolVersion: r.cfg.ToolVersion,
		ManifestDigest: r.cfg.Manifest.Digest,
		Started:        res.Started.Truncate(time.Millisecond),
		Finished:       res.Finished.Truncate(time.Millisecond),
		Repos:          len(r.plan),
		Services:       len(res.Services),
		Status: map[string]int{
			StatusOK: res.Count(StatusOK), StatusUnchanged: res.Count(StatusUnchanged), StatusFailed: res.Count(StatusFailed),
		},
		Failed:  []failedEntry{},
		Groups:  []string{},
		Outputs: []string{summary.ConstructsFile, summary.ServicesFile, summary.ComparisonsFile},
	}
	if r.cfg.Catalog != nil {
		rec.CatalogDigest = r.cfg.Catalog.Digest()
	}
	for _, s := range res.Services {
		if s.Status == StatusFailed {
			rec.Failed = append(rec.Failed, failedEntry{Service: s.ID(), Error: s.Error})
		}
	}
	for _, g := range res.Groups {
		rec.Groups = append(rec.Groups, g.Name)
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(r.cfg.OutDir, "run.json"), append(b, '\n'), 0o644)
}

// trimError keeps error texts to one line for tables and logs.
func trimError(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
