package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/distill"
	"github.com/distill/distill/internal/fetch"
	"github.com/distill/distill/internal/flock"
	"github.com/distill/distill/internal/lang"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/summary"
)

// Config is everything a run needs; the CLI fills it from flags.
type Config struct {
	Manifest     *manifest.Manifest
	OutDir       string
	ForceOut     bool // write into a non-empty directory distill did not create, leaving its other files alone
	CacheDir     string
	Workers      int      // distill workers; <= 0 means runtime.NumCPU()
	CloneWorkers int      // fetch workers; <= 0 means 8
	Only         []string // repo or repo/service names; empty means all
	// Shard, when set, runs only the repositories of that shard and writes
	// a shard output for Merge: specs, service and construct rows, run
	// record, no group comparison. It excludes Only.
	Shard *Shard
	// MaxShardAge, in a merge, refuses shard outputs that finished longer
	// ago than this (0: any age): a shard that failed tonight leaves last
	// night's output in its directory, which must count as missing (its
	// services stale), not pass for tonight's.
	MaxShardAge time.Duration
	// ShardLabels names, in a merge, shard directories the way the run
	// record and messages show them (a bucket URL whose objects were
	// mirrored into the directory); a directory without a label is shown
	// as given.
	ShardLabels map[string]string
	Provenance  bool // write "-- source:" comments into the specs
	Catalog     *catalog.Catalog
	ToolVersion string
	LookupEnv   func(string) (string, bool) // nil means os.LookupEnv
	Logger      *slog.Logger                // nil means discard
	Progress    Progress                    // nil means none
	Now         func() time.Time            // nil means time.Now
}

// Service statuses.
const (
	StatusOK        = summary.StatusOK
	StatusUnchanged = summary.StatusUnchanged
	StatusFailed    = summary.StatusFailed
	StatusStale     = summary.StatusStale
)

// ServiceResult is the outcome for one service.
type ServiceResult struct {
	Repo, Service, Group string
	URL                  string // redacted
	Commit               string
	Language             string
	Status               string
	Error                string // set when Status is failed or stale
	// LastGoodCommit and LastGoodAt name the spec's commit and when a run
	// last read it: for a stale service, the spec kept from an earlier run.
	LastGoodCommit  string
	LastGoodAt      time.Time
	FilesRead       int
	Skipped         []string // "path: reason"
	ParseErrors     int
	Untranslated    int
	Entities, Rules int
	ConfigParams    int
	Constructs      int
	Coverage
	SpecPath       string // relative to the output directory
	SpecDigest     string
	Started        time.Time
	Fetch, Distill time.Duration

	inputKey string
	// kept is the previous state entry of a stale service, carried as is.
	kept *stateEntry
}

// Coverage is how much of a service's code its spec stands for: the
// coverage counters of distill.Stats.
type Coverage struct {
	Handlers           int                   `json:"handlers"`
	StateHandlers      int                   `json:"state_handlers"`
	StateHandlersRuled int                   `json:"state_handlers_with_rules"`
	GuardsSeen         int                   `json:"guards_seen"`
	RequiresEmitted    int                   `json:"requires_emitted"`
	EffectsSeen        int                   `json:"effects_seen"`
	EnsuresEmitted     int                   `json:"ensures_emitted"`
	DroppedByChecker   int                   `json:"dropped_by_checker"`
	DroppedUnparsable  int                   `json:"dropped_unparsable"`
	LeftOut            []distill.ReasonCount `json:"left_out,omitempty"` // most frequent first
}

func coverageOf(st *distill.Stats) Coverage {
	return Coverage{
		Handlers: st.Handlers, StateHandlers: st.StateHandlers, StateHandlersRuled: st.StateHandlersRuled,
		GuardsSeen: st.GuardsSeen, RequiresEmitted: st.RequiresEmitted,
		EffectsSeen: st.EffectsSeen, EnsuresEmitted: st.EnsuresEmitted,
		DroppedByChecker: st.DroppedByChecker, DroppedUnparsable: st.DroppedUnparsable,
		LeftOut: st.LeftOutReasons(),
	}
}

// ID is "repo/service", the service's name in reports.
func (s *ServiceResult) ID() string { return s.Repo + "/" + s.Service }

// Result is the outcome of a run.
type Result struct {
	Started, Finished time.Time
	Services          []ServiceResult // in plan order
	Groups            []GroupResult
	// Kept counts the services outside an --only selection whose spec and
	// rows were kept as the previous run left them.
	Kept int
	// OutDir is the output directory as resolved (absolute, no symlinks).
	OutDir string
	// Shards is what became of each shard in a merge, in shard order.
	Shards []ShardOutcome
	// Atomic is false when the file system could not swap the output
	// directory in one step and the files were moved in one by one.
	Atomic bool
}

// Count returns how many services ended with the given status.
func (r *Result) Count(status string) int {
	n := 0
	for i := range r.Services {
		if r.Services[i].Status == status {
			n++
		}
	}
	return n
}

// ErrBusy is returned when another run holds the output directory.
var ErrBusy = errors.New("output directory is in use by another distill run")

// InterruptedError is returned when the run was cancelled before its
// outputs were switched: the output directory is as the previous run left
// it. It wraps the context's error.
type InterruptedError struct {
	OutDir string
	// Previous is when the generation left in place finished; zero when
	// the directory holds no run yet.
	Previous time.Time
	Err      error
}

func (e *InterruptedError) Error() string {
	if e.Previous.IsZero() {
		return fmt.Sprintf("interrupted: nothing was written; %s holds no run yet", e.OutDir)
	}
	return fmt.Sprintf("interrupted: nothing was written; %s still holds the previous run, finished %s",
		e.OutDir, e.Previous.UTC().Format(time.RFC3339))
}

func (e *InterruptedError) Unwrap() error { return e.Err }

// Run executes the whole job. It returns an error only when the run as a
// whole could not proceed (output directory busy, foreign or unwritable,
// cancelled); failed repositories and services are results.
//
// The outputs switch in one step at the end (see generation.go): until
// then the output directory holds the previous run, whatever happens.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	cfg = withDefaults(cfg)
	if cfg.Shard != nil && len(cfg.Only) > 0 {
		return nil, fmt.Errorf("%w: a shard run takes the whole shard; --only cannot narrow it", ErrShard)
	}
	plan := Plan(cfg.Manifest, cfg.Only)
	if cfg.Shard != nil {
		// A shard may hold no repository at all: it still writes its
		// (empty) output, so that merge sees every shard.
		plan = cfg.Shard.Filter(plan)
	} else if len(plan) == 0 {
		return nil, fmt.Errorf("nothing to run: no service matches %v", cfg.Only)
	}
	r, err := openGeneration(cfg)
	if err != nil {
		return nil, err
	}
	defer r.close()
	r.plan = plan
	r.results = make([]ServiceResult, countServices(plan))
	r.fetcher = &fetch.Fetcher{CacheDir: cfg.CacheDir, Logger: cfg.Logger}
	r.dist = distill.New(distill.Options{Catalog: cfg.Catalog, Workers: cfg.Workers})
	r.langs = lang.Default()
	defer r.dist.Close()
	res := &Result{Started: cfg.Now().UTC(), OutDir: r.out}
	r.started = res.Started
	cfg.Progress.Start(len(plan), len(r.results))
	err = r.runPools(ctx)
	cfg.Progress.Finish()
	if err != nil {
		return nil, r.interrupted(ctx, err)
	}
	res.Services = r.results
	if err := r.loadKept(); err != nil {
		return nil, err
	}
	res.Kept = len(r.kept)
	if res.Groups, err = r.compareGroups(ctx); err != nil {
		return nil, r.interrupted(ctx, err)
	}
	res.Finished = cfg.Now().UTC()
	return r.publish(ctx, res)
}

// openGeneration prepares, locks and cleans the output directory and
// creates the staging directory of the next generation. The caller must
// call close on the runner it returns.
func openGeneration(cfg Config) (*runner, error) {
	out, err := prepareOut(cfg.OutDir, cfg.ForceOut)
	if err != nil {
		return nil, err
	}
	unlock, err := lockOut(out)
	if err != nil {
		return nil, err
	}
	prev := loadState(out)
	prevOwned := previousOutputs(out, prev)
	if removed := cleanLeftovers(out, prevOwned); len(removed) > 0 {
		cfg.Logger.Info("removed what an interrupted run left", "out", out, "files", removed)
	}
	stage, err := stageDir(out)
	if err != nil {
		unlock()
		return nil, err
	}
	return &runner{cfg: cfg, out: out, stage: stage, prev: prev, prevOwned: prevOwned, unlock: unlock}, nil
}

// close removes the staging directory unless it was switched in, and
// releases the output directory.
func (r *runner) close() {
	r.closeStreams()
	if !r.switched {
		_ = os.RemoveAll(r.stage)
	}
	r.unlock()
}

// interrupted turns an error into an InterruptedError when the run was
// cancelled.
func (r *runner) interrupted(ctx context.Context, err error) error {
	if ctx.Err() == nil {
		return err
	}
	return &InterruptedError{OutDir: r.out, Previous: previousFinish(r.out), Err: ctx.Err()}
}

// publish writes the tables, run record and state into the staging
// directory, carries the files that are not distill's over, and switches
// the new generation in.
func (r *runner) publish(ctx context.Context, res *Result) (*Result, error) {
	cfg, out, stage, prevOwned := r.cfg, r.out, r.stage, r.prevOwned
	newOwned, err := r.writeOutputs(ctx, res)
	if err != nil {
		return nil, r.interrupted(ctx, err)
	}
	if err := carryForeign(out, stage, prevOwned); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, r.interrupted(ctx, err)
	}
	// The new directory is locked before it takes the old one's place.
	unlockStage, err := flock.TryLock(filepath.Join(stage, lockName))
	if err != nil {
		return nil, fmt.Errorf("lock the new outputs: %w", err)
	}
	defer unlockStage()
	err = atomicfile.Exchange(out, stage)
	switch {
	case err == nil:
		r.switched, res.Atomic = true, true
		// A file someone saved into the directory after it was carried
		// over is in the previous generation now: move it across.
		if err := rescueForeign(stage, out, prevOwned); err != nil {
			cfg.Logger.Warn("could not carry over a file saved during the switch; it is in the previous outputs", "dir", stage, "err", err)
			return res, nil
		}
		if err := os.RemoveAll(stage); err != nil {
			cfg.Logger.Warn("could not remove the previous outputs; the next run will", "dir", stage, "err", err)
		}
	case errors.Is(err, atomicfile.ErrExchangeUnsupported):
		cfg.Logger.Warn("the output directory cannot be swapped in one step here; moving files in one by one", "out", out, "err", err)
		if err := publishInPlace(out, stage, prevOwned, newOwned); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	return res, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.NumCPU()
	}
	if cfg.CloneWorkers <= 0 {
		cfg.CloneWorkers = 8
	}
	if cfg.LookupEnv == nil {
		cfg.LookupEnv = os.LookupEnv
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Progress == nil {
		cfg.Progress = noProgress{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.OutDir == "" {
		cfg.OutDir = "out"
	}
	return cfg
}

// runner holds one run's state.
type runner struct {
	cfg       Config
	plan      []RepoPlan
	out       string // the output directory: the previous generation, read only
	stage     string // the next generation, written here
	prev      *state
	prevOwned map[string]bool // files the previous generation recorded as its own
	started   time.Time
	fetcher   *fetch.Fetcher
	dist      *distill.Distiller
	langs     *lang.Registry
	kept      []keptService // --only: services outside the selection
	// keptComparisons are the previous comparison rows by group (--only).
	keptComparisons map[string][]summary.ComparisonRow

	mu      sync.Mutex
	results []ServiceResult // indexed by ServicePlan.Index

	unlock   func() // releases the output directory's lock
	switched bool   // the staging directory took the output directory's place
	// shards are the shard outputs of a merge, in shard order.
	shards []ShardOutcome
	// catalogDigest is the shards' pattern catalog, for a merge's run.json.
	catalogDigest string
	// streams read the shard outputs' construct rows (a merge).
	streams []*constructStream
}

func (r *runner) set(res ServiceResult, index int) {
	r.validate(&res)
	r.mu.Lock()
	r.results[index] = res
	r.mu.Unlock()
	r.cfg.Progress.ServiceDone(res)
	logService(r.cfg.Logger, res)
}

// runPools runs the clone and distill pools to completion.
func (r *runner) runPools(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan serviceJob)

	clones, cctx := errgroup.WithContext(ctx)
	clones.SetLimit(r.cfg.CloneWorkers)
	g.Go(func() error {
		defer close(jobs)
		for _, i := range fetchOrder(r.plan, r.prev) {
			rp := &r.plan[i]
			clones.Go(func() error { return r.fetchRepo(cctx, rp, jobs) })
		}
		return clones.Wait()
	})
	for range r.cfg.Workers {
		g.Go(func() error {
			for j := range jobs {
				if err := r.distillService(ctx, j); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// writeSpec writes one service's spec atomically and returns its relative
// path and digest.
func (r *runner) writeSpec(rel string, m *allium.Module) (string, error) {
	text := allium.Print(m, allium.PrintOptions{Provenance: r.cfg.Provenance})
	if err := atomicfile.WriteFile(filepath.Join(r.stage, filepath.FromSlash(rel)), text, 0o644); err != nil {
		return "", err
	}
	return digestBytes(text), nil
}

// keep puts a file of the previous generation into the next one.
func (r *runner) keep(rel string) error {
	return linkFile(filepath.Join(r.out, filepath.FromSlash(rel)), filepath.Join(r.stage, filepath.FromSlash(rel)))
}

// specRel is a service's spec path relative to the output directory.
func specRel(repo, service string) string {
	return "specs/" + repo + "/" + service + ".allium"
}

// resolveAuth reads a repository's credentials from the environment. The
// manifest was validated, so the variables are set; values never leave here
// except into the fetcher.
func (r *runner) resolveAuth(a manifest.Auth) fetch.Auth {
	var out fetch.Auth
	if a.TokenEnv != "" {
		out.Token, _ = r.cfg.LookupEnv(a.TokenEnv)
	}
	if a.SSHKeyEnv != "" {
		k, _ := r.cfg.LookupEnv(a.SSHKeyEnv)
		out.SSHKey = []byte(k)
	}
	return out
}
