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
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/summary"
)

// Config is everything a run needs; the CLI fills it from flags.
type Config struct {
	Manifest     *manifest.Manifest
	OutDir       string
	CacheDir     string
	Workers      int      // distill workers; <= 0 means runtime.NumCPU()
	CloneWorkers int      // fetch workers; <= 0 means 8
	Only         []string // repo or repo/service names; empty means all
	Provenance   bool     // write "-- source:" comments into the specs
	Catalog      *catalog.Catalog
	ToolVersion  string
	LookupEnv    func(string) (string, bool) // nil means os.LookupEnv
	Logger       *slog.Logger                // nil means discard
	Progress     Progress                    // nil means none
	Now          func() time.Time            // nil means time.Now
}

// Service statuses.
const (
	StatusOK        = summary.StatusOK
	StatusUnchanged = summary.StatusUnchanged
	StatusFailed    = summary.StatusFailed
)

// ServiceResult is the outcome for one service.
type ServiceResult struct {
	Repo, Service, Group string
	URL                  string // redacted
	Commit               string
	Language             string
	Status               string
	Error                string // set when Status is failed
	FilesRead            int
	Skipped              []string // "path: reason"
	ParseErrors          int
	Untranslated         int
	Entities, Rules      int
	ConfigParams         int
	Constructs           int
	Coverage
	SpecPath       string // relative to the output directory
	SpecDigest     string
	Started        time.Time
	Fetch, Distill time.Duration

	inputKey string
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

// Run executes the whole job. It returns an error only when the run as a
// whole could not proceed (output directory busy or unwritable, cancelled);
// failed repositories and services are results.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	cfg = withDefaults(cfg)
	plan := Plan(cfg.Manifest, cfg.Only)
	if len(plan) == 0 {
		return nil, fmt.Errorf("nothing to run: no service matches %v", cfg.Only)
	}
	if err := os.MkdirAll(cfg.OutDir, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	lockPath := filepath.Join(cfg.OutDir, ".distill.lock")
	unlock, err := flock.TryLock(lockPath)
	if errors.Is(err, flock.ErrLocked) {
		holder := flock.Holder(lockPath)
		if holder != "" {
			return nil, fmt.Errorf("%w: %s (held by process %s); wait for it to finish or use another --out", ErrBusy, cfg.OutDir, holder)
		}
		return nil, fmt.Errorf("%w: %s; wait for it to finish or use another --out", ErrBusy, cfg.OutDir)
	}
	if err != nil {
		return nil, err
	}
	defer unlock()

	r := &runner{
		cfg:     cfg,
		plan:    plan,
		prev:    loadState(cfg.OutDir),
		results: make([]ServiceResult, countServices(plan)),
		fetcher: &fetch.Fetcher{CacheDir: cfg.CacheDir, Logger: cfg.Logger},
		dist:    distill.New(distill.Options{Catalog: cfg.Catalog}),
	}
	defer r.dist.Close()
	res := &Result{Started: cfg.Now().UTC()}
	cfg.Progress.Start(len(plan), len(r.results))
	err = r.runPools(ctx)
	cfg.Progress.Finish()
	if err != nil {
		return nil, err
	}
	res.Services = r.results
	if res.Groups, err = r.compareGroups(ctx); err != nil {
		return nil, err
	}
	res.Finished = cfg.Now().UTC()
	if err := r.writeOutputs(ctx, res); err != nil {
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
	cfg     Config
	plan    []RepoPlan
	prev    *state
	fetcher *fetch.Fetcher
	dist    *distill.Distiller

	mu      sync.Mutex
	results []ServiceResult // indexed by ServicePlan.Index
}

func (r *runner) set(res ServiceResult, index int) {
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
		for i := range r.plan {
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
	if err := atomicfile.WriteFile(filepath.Join(r.cfg.OutDir, filepath.FromSlash(rel)), text, 0o644); err != nil {
		return "", err
	}
	return digestBytes(text), nil
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
