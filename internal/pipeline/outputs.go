package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/summary"
)

// writeOutputs writes the Parquet tables, the run record and the state
// into the staging directory and returns every file the new generation
// owns. Construct rows are generated here, in manifest order, from the
// specs staged, so that row order never depends on which worker finished
// first.
func (r *runner) writeOutputs(ctx context.Context, res *Result) (map[string]bool, error) {
	shared := sharedKeys(res.Groups)
	if err := r.writeConstructs(ctx, shared); err != nil {
		return nil, err
	}
	if err := writeTable(filepath.Join(r.stage, summary.ServicesFile), r.serviceTable()); err != nil {
		return nil, err
	}
	if r.cfg.Shard == nil {
		if err := writeTable(filepath.Join(r.stage, summary.ComparisonsFile), comparisonRows(res.Groups)); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := r.writeRunRecord(res); err != nil {
		return nil, err
	}
	owned, err := treeFiles(r.stage)
	if err != nil {
		return nil, fmt.Errorf("list the new outputs: %w", err)
	}
	owned[stateFile] = true
	if err := r.saveState(owned); err != nil {
		return nil, err
	}
	return owned, nil
}

// member is one service of the manifest in this generation: a result of
// this run, or (--only) a service kept from the previous run.
type member struct {
	res  *ServiceResult
	kept *keptService
}

// members lists the generation's services in manifest order.
func (r *runner) members() []member {
	byID := map[string]*ServiceResult{}
	for i := range r.results {
		byID[r.results[i].ID()] = &r.results[i]
	}
	keptByID := map[string]*keptService{}
	for i := range r.kept {
		keptByID[r.kept[i].res.ID()] = &r.kept[i]
	}
	var out []member
	for _, repo := range r.cfg.Manifest.Repos {
		for _, svc := range repo.Services {
			id := repo.Name + "/" + svc.Name
			if s, ok := byID[id]; ok {
				out = append(out, member{res: s})
			} else if k, ok := keptByID[id]; ok {
				out = append(out, member{res: &k.res, kept: k})
			}
		}
	}
	return out
}

func (r *runner) writeConstructs(ctx context.Context, shared map[string]map[string]bool) error {
	w, err := summary.Create[summary.ConstructRow](filepath.Join(r.stage, summary.ConstructsFile))
	if err != nil {
		return err
	}
	defer r.closeStreams()
	order := manifestOrder(r.cfg.Manifest.Repos)
	for _, mb := range r.members() {
		if err := ctx.Err(); err != nil {
			w.Abort()
			return err
		}
		s := mb.res
		if mb.kept != nil && !mb.kept.regenerate && mb.kept.stream != nil {
			if err := mb.kept.stream.copyService(w, s.ID(), order); err != nil {
				w.Abort()
				return err
			}
			continue
		}
		if mb.kept != nil && !mb.kept.regenerate {
			if err := w.Write(mb.kept.constructs...); err != nil {
				w.Abort()
				return err
			}
			continue
		}
		if s.SpecPath == "" || s.Status == StatusFailed {
			continue
		}
		rows, err := r.serviceConstructs(s, shared)
		if err != nil {
			w.Abort()
			return err
		}
		if err := w.Write(rows...); err != nil {
			w.Abort()
			return err
		}
		s.Constructs = len(rows)
		if mb.kept != nil {
			mb.kept.row.Constructs = int32(len(rows))
		}
	}
	return w.Close()
}

// serviceConstructs builds and checks one service's construct rows. A row
// that breaks the table's rules fails its service (the spec is withdrawn),
// never the run.
func (r *runner) serviceConstructs(s *ServiceResult, shared map[string]map[string]bool) ([]summary.ConstructRow, error) {
	m, err := r.readSpec(s.SpecPath)
	if err != nil {
		return nil, err
	}
	inGroup, keys := shared[s.ID()]
	var rows []summary.ConstructRow
	for _, c := range constructs(m) {
		var flag *bool
		if keys {
			v := inGroup[c.Key()]
			flag = &v
		}
		row := constructRow(s, c, flag)
		if err := summary.Check(&row); err != nil {
			r.withdraw(s, "rows", err)
			return nil, nil
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// withdraw fails a service late: its staged spec is removed.
func (r *runner) withdraw(s *ServiceResult, stage string, err error) {
	r.cfg.Logger.Error("service failed", "repo", s.Repo, "service", s.Service, "stage", stage, "error", err)
	if s.SpecPath != "" {
		_ = os.Remove(filepath.Join(r.stage, filepath.FromSlash(s.SpecPath)))
	}
	s.Status, s.Error, s.SpecPath, s.SpecDigest = StatusFailed, oneLine(stage+": "+err.Error()), "", ""
	s.LastGoodCommit, s.LastGoodAt, s.kept = "", time.Time{}, nil
}

// serviceTable is services.parquet: this run's rows and, with --only, the
// kept services' rows as the previous run wrote them, in manifest order.
func (r *runner) serviceTable() []summary.ServiceRow {
	var rows []summary.ServiceRow
	for _, mb := range r.members() {
		if mb.kept != nil {
			rows = append(rows, mb.kept.row)
			continue
		}
		rows = append(rows, serviceRow(mb.res))
	}
	return rows
}

// validate checks the services.parquet row a result will become before
// anything is written from it; a result that would break the table fails
// its service instead of the run.
func (r *runner) validate(s *ServiceResult) {
	row := serviceRow(s)
	err := summary.Check(&row)
	if err == nil {
		return
	}
	r.withdraw(s, "result", err)
	row = serviceRow(s)
	if summary.Check(&row) != nil {
		s.URL = "" // the URL itself is what the table refuses
	}
}

// readSpec parses a spec this run wrote (or kept from the last run).
func (r *runner) readSpec(rel string) (*allium.Module, error) {
	path := filepath.Join(r.stage, filepath.FromSlash(rel))
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

func serviceRow(s *ServiceResult) summary.ServiceRow {
	row := summary.ServiceRow{
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
		LastGoodCommit:     optString(s.LastGoodCommit),
	}
	if !s.LastGoodAt.IsZero() {
		at := s.LastGoodAt.UTC().Truncate(time.Millisecond)
		row.LastGoodAt = &at
	}
	for _, rc := range s.LeftOut {
		row.LeftOut += int32(rc.Count)
		row.LeftOutReasons = append(row.LeftOutReasons, rc.Reason)
		row.LeftOutCounts = append(row.LeftOutCounts, int32(rc.Count))
	}
	return row
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
	Stale          []staleEntry   `json:"stale"`
	Only           []string       `json:"only,omitempty"`
	Kept           int            `json:"kept,omitempty"`
	Groups         []string       `json:"groups"`
	Outputs        []string       `json:"outputs"`
	Shard          *shardRecord   `json:"shard,omitempty"`
	Shards         []ShardOutcome `json:"shards,omitempty"` // merge: every shard's outcome
}

type failedEntry struct {
	Service string `json:"service"`
	Error   string `json:"error"`
}

type staleEntry struct {
	Service        string    `json:"service"`
	Error          string    `json:"error"`
	LastGoodCommit string    `json:"last_good_commit"`
	LastGoodAt     time.Time `json:"last_good_at,omitzero"`
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
			StatusStale: res.Count(StatusStale),
		},
		Only:    r.cfg.Only,
		Kept:    res.Kept,
		Stale:   []staleEntry{},
		Failed:  []failedEntry{},
		Groups:  []string{},
		Outputs: []string{summary.ConstructsFile, summary.ServicesFile, summary.ComparisonsFile},
	}
	if r.cfg.Catalog != nil {
		rec.CatalogDigest = r.cfg.Catalog.Digest()
	}
	if r.catalogDigest != "" {
		rec.CatalogDigest = r.catalogDigest
	}
	if sh := r.cfg.Shard; sh != nil {
		rec.Outputs = []string{summary.ConstructsFile, summary.ServicesFile}
		rec.Shard = &shardRecord{Index: sh.Index, Count: sh.Count, ManifestDigest: r.cfg.Manifest.Digest,
			ToolVersion: r.cfg.ToolVersion, Repos: []string{}}
		for _, rp := range r.plan {
			rec.Shard.Repos = append(rec.Shard.Repos, rp.Repo.Name)
		}
	}
	for _, s := range res.Services {
		switch s.Status {
		case StatusFailed:
			rec.Failed = append(rec.Failed, failedEntry{Service: s.ID(), Error: s.Error})
		case StatusStale:
			rec.Stale = append(rec.Stale, staleEntry{Service: s.ID(), Error: s.Error,
				LastGoodCommit: s.LastGoodCommit, LastGoodAt: s.LastGoodAt.UTC().Truncate(time.Millisecond)})
		}
	}
	rec.Shards = r.shards
	for _, g := range res.Groups {
		rec.Groups = append(rec.Groups, g.Name)
	}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(r.stage, "run.json"), append(b, '\n'), 0o644)
}

// oneLine escapes control characters (a newline in a file name, a
// server's multi-line answer) so an error stays one line in every output.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if unicode.IsControl(c) {
			q := strconv.QuoteRune(c)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// trimError keeps error texts to one line for tables and logs.
func trimError(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
