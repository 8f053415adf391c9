package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/distill/distill/configs"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/outstore"
	"github.com/distill/distill/internal/pipeline"
)

type runFlags struct {
	manifest     string
	out          string
	forceOut     bool
	cache        string
	workers      int
	cloneWorkers int
	only         []string
	dryRun       bool
	logFormat    string
	provenance   bool
	patterns     string
	shard        string
	quiet        bool
}

func newRunCmd(stdout, stderr io.Writer) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [--manifest FILE] [--out DIR]",
		Short: "Fetch the manifest's repositories, distil every service, compare groups, write specs and Parquet",
		Long: `Run is distill's batch job. It reads the manifest (by default the example manifest built
into distill, which runs over the fixture services in this repository's testdata/), fetches
each repository into a persistent cache, distils each service into an Allium spec, compares
the services of each group, and writes into --out:

  specs/<repo>/<service>.allium   shared/<group>.allium   reports/<group>.md
  summary.parquet   services.parquet   comparisons.parquet   run.json

A rerun reuses the specs of services whose inputs did not change (status "unchanged").
The new outputs replace the previous run's in one step at the end: until then, and if the
run is interrupted, --out holds the previous run whole. Files in --out that distill did not
write are never removed; a non-empty directory distill did not create is refused unless
--force-out is given.

--out may be a bucket URL instead (s3://bucket/prefix, gs://, azblob://, file:///dir;
credentials from the driver's environment, never in the URL). Run then pulls the bucket
into a mirror under --cache, runs on it as on a directory, and pushes what changed: each
object is written whole, run.json last, and objects the new output no longer holds are
deleted. The incremental state travels with the output, so a fresh machine reuses the
last run's work. Builds carry the file:// driver; s3, gs and azblob come with -tags cloud.

--shard I/N runs only the repositories of shard I of N (by a stable hash of the
repository's manifest name) and writes a shard output without group comparison (no
shared/, reports/ or comparisons.parquet); "distill merge" combines the shards.

The last line on stdout is a one-line summary ("distill run ok: ..." or "distill run
FAILED (exit N): ..."), the line a scheduler's failure mail should show. --quiet prints
only that line, and only when the exit status is not 0: a cron job stays silent on a good
night. With --log-format json every event is one JSON object per line on stderr.

Exit status: 0 all services succeeded, 1 some failed or are stale, 2 usage or manifest
errors (nothing was done), 3 the run did not complete (e.g. --out is locked by another
run or cannot be written; the previous outputs are kept), 130 interrupted by SIGINT or
SIGTERM (the previous outputs are kept).`,
		// cobra.NoArgs would report a plain error (exit 1); a stray argument
		// is a usage error (exit 2), and nothing has run.
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unexpected argument %q: run takes only flags (the manifest is --manifest FILE)", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBatch(cmd, f, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.manifest, "manifest", "", "manifest file (default: the built-in example manifest)")
	fl.StringVar(&f.out, "out", "out", "output directory, or a bucket URL (s3://, gs://, azblob://, file://) mirrored through the cache")
	fl.BoolVar(&f.forceOut, "force-out", false, "write into a non-empty --out that distill did not create; its other files stay as they are")
	fl.StringVar(&f.cache, "cache", "", "repository cache directory (default: <user cache dir>/distill/repos)")
	fl.IntVar(&f.workers, "workers", runtime.NumCPU(), "distill workers (CPU-bound)")
	fl.IntVar(&f.cloneWorkers, "clone-workers", 8, "fetch workers (network-bound)")
	fl.StringArrayVar(&f.only, "only", nil, "run only this repo or repo/service (repeatable)")
	fl.BoolVar(&f.dryRun, "dry-run", false, "print the plan and touch nothing")
	fl.StringVar(&f.logFormat, "log-format", "text", "log format when not on a terminal: text or json")
	fl.BoolVar(&f.provenance, "provenance", true, "write \"-- source: file:line\" comments into the specs")
	fl.StringVar(&f.patterns, "patterns", "", "pattern catalog file that extends the built-in one")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print only the summary line, and only when the exit status is not 0 (for cron mail)")
	fl.StringVar(&f.shard, "shard", "", "run only shard I/N of the repositories and write a shard output for \"distill merge\" (no group comparison)")
	return cmd
}

func runBatch(cmd *cobra.Command, f runFlags, stdout, stderr io.Writer) (err error) {
	started := time.Now()
	var res *pipeline.Result
	logger := slog.New(slog.DiscardHandler)
	report := true
	defer func() {
		if report {
			err = finish(stdout, logger, f.logFormat == "json", "run", f.quiet, shownOut(f.out), time.Since(started), res, err)
		}
	}()
	if f.logFormat != "text" && f.logFormat != "json" {
		return usageErrorf("--log-format must be text or json, not %q", f.logFormat)
	}
	// From here every outcome is logged, a bad manifest too; the logger
	// learns the secrets to hide once the manifest names them.
	logger = newLogger(stderr, f.logFormat, isTerminal(stderr), nil)
	if f.workers < 1 || f.cloneWorkers < 1 {
		return usageErrorf("--workers and --clone-workers must be at least 1")
	}
	var shard *pipeline.Shard
	if f.shard != "" {
		sh, err := pipeline.ParseShard(f.shard)
		if err != nil {
			return usageErrorf("--shard: %v", err)
		}
		if len(f.only) > 0 {
			return usageErrorf("--shard and --only cannot be combined: a shard run takes its whole shard")
		}
		shard = &sh
	}
	m, err := loadManifest(f.manifest, nil)
	if err != nil {
		return err
	}
	for _, o := range f.only {
		if len(pipeline.Plan(m, []string{o})) == 0 {
			return usageErrorf("--only %s: no repository or repo/service of that name in the manifest", o)
		}
	}
	if f.dryRun {
		report = false // the plan is the output; nothing ran
		plan := pipeline.Plan(m, f.only)
		if shard != nil {
			plan = shard.Filter(plan)
		}
		pipeline.WritePlan(stdout, plan, m, shownOut(f.out))
		return nil
	}
	cat, err := loadCatalog(f.patterns)
	if err != nil {
		return err
	}
	cacheDir := f.cache
	if cacheDir == "" {
		if cacheDir, err = defaultCacheDir(); err != nil {
			return err
		}
	}

	onTerminal := isTerminal(stderr)
	logger = newLogger(stderr, f.logFormat, onTerminal, manifestSecrets(m, nil))
	var progress pipeline.Progress
	if onTerminal {
		progress = pipeline.NewBars(stderr)
	}
	outDir := f.out
	var bucket *bucketOut
	if outstore.IsURL(f.out) {
		if bucket, err = openBucketOut(cmd.Context(), f.out, cacheDir, logger); err != nil {
			return incomplete(err)
		}
		defer bucket.close()
		outDir = bucket.m.Local
	}
	res, err = pipeline.Run(cmd.Context(), pipeline.Config{
		Manifest:     m,
		OutDir:       outDir,
		ForceOut:     f.forceOut,
		CacheDir:     cacheDir,
		Workers:      f.workers,
		CloneWorkers: f.cloneWorkers,
		Only:         f.only,
		Shard:        shard,
		Provenance:   f.provenance,
		Catalog:      cat,
		ToolVersion:  toolVersion(),
		Logger:       logger,
		Progress:     progress,
	})
	if err != nil {
		res = nil // the summary then says the previous outputs are kept
		return incomplete(err)
	}
	if err := bucket.publish(cmd.Context(), res); err != nil {
		res = nil
		return err
	}
	if !f.quiet {
		writeRunSummary(stdout, res)
	}
	return nil
}

// loadManifest reads the manifest file, or the built-in example whose local
// paths are relative to the current directory (the repository root).
// lookupEnv answers the manifest's check that its credential variables are
// set (nil: the process environment).
func loadManifest(path string, lookupEnv func(string) (string, bool)) (*manifest.Manifest, error) {
	if path != "" {
		return manifest.Load(path, lookupEnv)
	}
	m, err := manifest.Parse(configs.ExampleManifest, "configs/manifest.example.yaml (built in)", lookupEnv)
	if err != nil {
		return nil, err
	}
	m.Dir = "."
	// The example reads the fixture services of distill's own repository
	// by relative path: elsewhere it would only fail, service by service.
	for _, r := range m.Repos {
		if !r.IsLocalDir() {
			continue
		}
		if _, err := os.Stat(m.LocalPath(r)); err != nil {
			wd, _ := os.Getwd()
			return nil, usageErrorf("the built-in example manifest reads %s of distill's repository, which is not under %s: "+
				"run it from the repository root, or pass --manifest FILE", r.URL, wd)
		}
	}
	return m, nil
}

func loadCatalog(path string) (*catalog.Catalog, error) {
	if path == "" {
		return catalog.Default()
	}
	c, err := catalog.Load(path)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	return c, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// toolVersion identifies this build for the incremental cache: the module
// version of a released binary, else a digest of the executable itself, so
// that a rebuilt development binary never reuses specs of an older one.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	exe, err := os.Executable()
	if err != nil {
		return "devel"
	}
	fh, err := os.Open(exe)
	if err != nil {
		return "devel"
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return "devel"
	}
	return "devel+" + hex.EncodeToString(h.Sum(nil))[:16]
}

// writeRunSummary prints the table of services and the failures, stale
// services and groups of a run or merge; finish adds the summary line.
func writeRunSummary(w io.Writer, res *pipeline.Result) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SERVICE\tSTATUS\tFILES\tENTITIES\tRULES\tCONFIG\tSPEC")
	for _, s := range res.Services {
		spec := s.SpecPath
		if s.Status == pipeline.StatusFailed || spec == "" {
			spec = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", s.ID(), s.Status, s.FilesRead, s.Entities, s.Rules, s.ConfigParams, spec)
	}
	tw.Flush()
	for _, s := range res.Services {
		switch s.Status {
		case pipeline.StatusFailed:
			fmt.Fprintf(w, "failed: %s: %s\n", s.ID(), s.Error)
		case pipeline.StatusStale:
			kept := "kept the last good spec"
			if s.LastGoodCommit != "" {
				kept = "kept the spec of commit " + shortCommit(s.LastGoodCommit)
			}
			fmt.Fprintf(w, "stale: %s: %s (last read %s); %s\n", s.ID(), kept, lastGoodTime(s.LastGoodAt), s.Error)
		}
	}
	groups := make([]string, 0, len(res.Groups))
	for _, g := range res.Groups {
		if g.Shared != "" {
			groups = append(groups, fmt.Sprintf("group %s: %d variants -> %s, %s", g.Name, len(g.Variants), g.Shared, g.Report))
		}
	}
	sort.Strings(groups)
	for _, g := range groups {
		fmt.Fprintln(w, g)
	}
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

func lastGoodTime(t time.Time) string {
	if t.IsZero() {
		return "at an unknown time"
	}
	return t.UTC().Format(time.RFC3339)
}
