package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/redact"
	"github.com/distill/distill/internal/summary"
)

// ErrMergeMismatch is returned when shard outputs cannot be merged: they
// come from different manifests, tool versions or shard counts, or two of
// them cover the same shard. Nothing was written.
var ErrMergeMismatch = errors.New("shard outputs do not belong together")

// Shard outcomes in a merge.
const (
	ShardMerged  = "merged"  // its specs and rows are in the merged output
	ShardMissing = "missing" // no shard output of that index was given
	ShardFailed  = "failed"  // the directory given holds no usable shard output
)

// ShardOutcome is what became of one shard in a merge. Directories that
// hold no usable shard output come first, then the shards by index.
type ShardOutcome struct {
	Shard  string    `json:"shard"`         // "I/N"; empty for a failed directory whose index is unknown
	Dir    string    `json:"dir,omitempty"` // the shard output directory, as given
	Status string    `json:"status"`
	Error  string    `json:"error,omitempty"`
	Repos  []string  `json:"repos"`
	Start  time.Time `json:"started,omitzero"`
	Finish time.Time `json:"finished,omitzero"`
}

// shardOutput is one shard output directory read for a merge.
type shardOutput struct {
	dir string
	rec runRecord
}

// Merge combines shard outputs (see Config.Shard) into cfg.OutDir, written
// as a run writes it: the shards' specs and rows in manifest order, then
// the groups compared over the merged specs, so the result is the one an
// unsharded run of the manifest gives. A shard with no output among dirs
// keeps its repositories' last good specs and rows from cfg.OutDir, marked
// stale; it is reported in Result.Shards. Shard outputs of another
// manifest, another build or another shard count, and two outputs of one
// shard, are refused with ErrMergeMismatch. A shard output that finished
// longer ago than cfg.MaxShardAge is not merged: its directory is reported
// failed and its shard missing.
func Merge(ctx context.Context, cfg Config, dirs []string) (*Result, error) {
	cfg = withDefaults(cfg)
	cfg.Only, cfg.Shard = nil, nil
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%w: no shard output to merge", ErrMergeMismatch)
	}
	good, outcomes, err := readShards(cfg, dirs)
	if err != nil {
		return nil, err
	}
	count := good[0].rec.Shard.Count
	r, err := openGeneration(cfg)
	if err != nil {
		return nil, err
	}
	defer r.close()
	r.plan = Plan(cfg.Manifest, nil)
	r.catalogDigest = good[0].rec.CatalogDigest
	res := &Result{Started: cfg.Now().UTC(), OutDir: r.out}
	r.started = res.Started

	byIndex := map[int]*shardOutput{}
	for i := range good {
		byIndex[good[i].rec.Shard.Index] = &good[i]
	}
	var prev map[string]summary.ServiceRow
	var prevConstructs map[string][]summary.ConstructRow
	for index := range count {
		sh := Shard{Index: index, Count: count}
		so, ok := byIndex[index]
		if ok {
			if err := r.mergeShard(so); err != nil {
				return nil, err
			}
			outcomes = append(outcomes, ShardOutcome{Shard: sh.String(), Dir: shardLabel(cfg, so.dir), Status: ShardMerged,
				Repos: so.rec.Shard.Repos, Start: so.rec.Started, Finish: so.rec.Finished})
			continue
		}
		if prev == nil {
			if prev, prevConstructs, err = r.previousRows(); err != nil {
				return nil, err
			}
		}
		o := ShardOutcome{Shard: sh.String(), Status: ShardMissing, Repos: []string{},
			Error: "no output of shard " + sh.String() + " was given to merge"}
		for _, repo := range cfg.Manifest.Repos {
			if sh.Holds(repo.Name) {
				o.Repos = append(o.Repos, repo.Name)
				r.keepMissing(repo.Name, sh, prev, prevConstructs)
			}
		}
		outcomes = append(outcomes, o)
	}
	r.shards = outcomes
	res.Shards = outcomes
	for _, mb := range r.members() {
		res.Services = append(res.Services, *mb.res)
	}
	if res.Groups, err = r.compareGroups(ctx); err != nil {
		return nil, r.interrupted(ctx, err)
	}
	res.Finished = cfg.Now().UTC()
	return r.publish(ctx, res)
}

// readShards reads and checks the run records of the shard outputs. A
// directory without a usable shard record is a failed shard; disagreement
// between the usable ones is ErrMergeMismatch.
func readShards(cfg Config, dirs []string) ([]shardOutput, []ShardOutcome, error) {
	var good []shardOutput
	var failed []ShardOutcome
	for _, dir := range dirs {
		rec, err := readShardRecord(dir)
		if err == nil && cfg.MaxShardAge > 0 {
			if age := cfg.Now().Sub(rec.Finished); age > cfg.MaxShardAge {
				err = fmt.Errorf("shard output %s finished at %s, %s ago, longer than the maximum age %s: an earlier run's",
					dir, rec.Finished.UTC().Format(time.RFC3339), age.Round(time.Second), cfg.MaxShardAge)
			}
		}
		if err != nil {
			failed = append(failed, ShardOutcome{Dir: shardLabel(cfg, dir), Status: ShardFailed, Error: oneLine(err.Error()), Repos: []string{}})
			continue
		}
		good = append(good, shardOutput{dir: dir, rec: rec})
	}
	if len(good) == 0 {
		return nil, nil, fmt.Errorf("no usable shard output among %s: %s", strings.Join(dirs, ", "), failed[0].Error)
	}
	first := good[0]
	seen := map[int]string{}
	for _, so := range good {
		sh := so.rec.Shard
		switch {
		case sh.ManifestDigest != cfg.Manifest.Digest:
			return nil, nil, fmt.Errorf("%w: %s is a shard of another manifest (digest %s, the manifest's is %s)",
				ErrMergeMismatch, so.dir, sh.ManifestDigest, cfg.Manifest.Digest)
		case sh.ToolVersion != first.rec.Shard.ToolVersion:
			return nil, nil, fmt.Errorf("%w: %s was written by distill %s, %s by distill %s",
				ErrMergeMismatch, so.dir, sh.ToolVersion, first.dir, first.rec.Shard.ToolVersion)
		case so.rec.CatalogDigest != first.rec.CatalogDigest:
			return nil, nil, fmt.Errorf("%w: %s was distilled with another pattern catalog than %s (digest %s, not %s)",
				ErrMergeMismatch, so.dir, first.dir, so.rec.CatalogDigest, first.rec.CatalogDigest)
		case sh.Count != first.rec.Shard.Count:
			return nil, nil, fmt.Errorf("%w: %s is shard %d/%d, %s is shard %d/%d",
				ErrMergeMismatch, so.dir, sh.Index, sh.Count, first.dir, first.rec.Shard.Index, first.rec.Shard.Count)
		case sh.Index < 0 || sh.Index >= sh.Count:
			return nil, nil, fmt.Errorf("%w: %s names shard %d/%d, which does not exist", ErrMergeMismatch, so.dir, sh.Index, sh.Count)
		}
		if other, dup := seen[sh.Index]; dup {
			return nil, nil, fmt.Errorf("%w: %s and %s are both shard %d/%d", ErrMergeMismatch, other, so.dir, sh.Index, sh.Count)
		}
		seen[sh.Index] = so.dir
		want := Shard{Index: sh.Index, Count: sh.Count}
		for _, repo := range sh.Repos {
			if !want.Holds(repo) {
				return nil, nil, fmt.Errorf("%w: %s holds repository %s, which is not in shard %s", ErrMergeMismatch, so.dir, repo, want)
			}
		}
	}
	return good, failed, nil
}

// readShardRecord reads a shard output's run.json.
func readShardRecord(dir string) (runRecord, error) {
	var rec runRecord
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	if err != nil {
		return rec, fmt.Errorf("shard output %s: %w", dir, err)
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, fmt.Errorf("shard output %s: run.json: %w", dir, err)
	}
	if rec.Shard == nil {
		return rec, fmt.Errorf("shard output %s: run.json has no shard record (is it the output of run --shard?)", dir)
	}
	return rec, nil
}

// mergeShard takes a shard output's services, rows and specs into the new
// generation as kept services.
func (r *runner) mergeShard(so *shardOutput) error {
	rows, err := summary.ReadAll[summary.ServiceRow](filepath.Join(so.dir, summary.ServicesFile))
	if err != nil {
		return fmt.Errorf("shard output %s: %w", so.dir, err)
	}
	// The construct rows stay on disk until the merged table is written:
	// they are most of a shard output, about 100 MB per 1,000 services in
	// memory.
	rd, err := summary.Open[summary.ConstructRow](filepath.Join(so.dir, summary.ConstructsFile))
	if err != nil {
		return fmt.Errorf("shard output %s: %w", so.dir, err)
	}
	stream := &constructStream{rd: rd}
	r.streams = append(r.streams, stream)
	st := loadState(so.dir)
	groups := serviceGroups(r.cfg.Manifest.Repos)
	for _, row := range rows {
		id := row.Repo + "/" + row.Service
		if !(Shard{Index: so.rec.Shard.Index, Count: so.rec.Shard.Count}).Holds(row.Repo) {
			return fmt.Errorf("%w: shard output %s has service %s, which is not in its shard", ErrMergeMismatch, so.dir, id)
		}
		group, ok := groups[id]
		if !ok {
			return fmt.Errorf("%w: shard output %s has service %s, which the manifest does not", ErrMergeMismatch, so.dir, id)
		}
		k := r.keptFrom(so.dir, row, nil, group)
		if specGone := row.SpecPath != nil && k.row.SpecPath == nil; !specGone {
			k.stream = stream
		}
		if e, ok := st.Services[id]; ok && k.res.SpecPath != "" {
			k.entry = &e
		}
		r.kept = append(r.kept, k)
	}
	return nil
}

// previousRows reads the rows of the generation in the output directory.
func (r *runner) previousRows() (map[string]summary.ServiceRow, map[string][]summary.ConstructRow, error) {
	rows, err := readPrevious[summary.ServiceRow](filepath.Join(r.out, summary.ServicesFile))
	if err != nil {
		return nil, nil, err
	}
	cons, err := readPrevious[summary.ConstructRow](filepath.Join(r.out, summary.ConstructsFile))
	if err != nil {
		return nil, nil, err
	}
	byID := map[string]summary.ServiceRow{}
	for _, row := range rows {
		byID[row.Repo+"/"+row.Service] = row
	}
	byService := map[string][]summary.ConstructRow{}
	for _, c := range cons {
		byService[c.Repo+"/"+c.Service] = append(byService[c.Repo+"/"+c.Service], c)
	}
	return byID, byService, nil
}

// keepMissing stands in for a repository of a missing shard: each service
// keeps the previous generation's spec and rows, marked stale like a
// repository that failed to fetch, or fails when there is none.
func (r *runner) keepMissing(repoName string, sh Shard, prev map[string]summary.ServiceRow, prevConstructs map[string][]summary.ConstructRow) {
	msg := "shard " + sh.String() + " is missing from the merge"
	for _, repo := range r.cfg.Manifest.Repos {
		if repo.Name != repoName {
			continue
		}
		for _, svc := range repo.Services {
			id := repo.Name + "/" + svc.Name
			row, ok := prev[id]
			if !ok || row.SpecPath == nil {
				s := ServiceResult{Repo: repo.Name, Service: svc.Name, Group: svc.Group, URL: redact.URL(repo.URL),
					Language: svc.Language, Status: StatusFailed, Error: msg + "; no earlier spec to keep", Started: r.started}
				r.kept = append(r.kept, keptService{res: s, row: serviceRow(&s)})
				continue
			}
			if row.Status != StatusStale {
				commit, at := row.Commit, row.StartedAt
				row.LastGoodCommit, row.LastGoodAt = &commit, &at
			}
			row.Status, row.Error = StatusStale, &msg
			k := r.keptFrom(r.out, row, prevConstructs[id], svc.Group)
			if e, ok := r.prev.Services[id]; ok && k.res.SpecPath != "" {
				k.entry = &e
			}
			r.kept = append(r.kept, k)
		}
	}
}

// serviceGroups maps every "repo/service" of the manifest to its group.
func serviceGroups(repos []manifest.Repo) map[string]string {
	out := map[string]string{}
	for _, repo := range repos {
		for _, svc := range repo.Services {
			out[repo.Name+"/"+svc.Name] = svc.Group
		}
	}
	return out
}

// shardLabel is how a shard directory is shown (Config.ShardLabels).
func shardLabel(cfg Config, dir string) string {
	if l, ok := cfg.ShardLabels[dir]; ok {
		return l
	}
	return dir
}
