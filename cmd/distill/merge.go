package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/distill/distill/internal/outstore"
	"github.com/distill/distill/internal/pipeline"
)

type mergeFlags struct {
	manifest  string
	cache     string
	forceOut  bool
	logFormat string
	quiet     bool
	maxAge    time.Duration
}

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var f mergeFlags
	cmd := &cobra.Command{
		Use:   "merge OUT SHARD... [--manifest FILE]",
		Short: "Combine the outputs of \"run --shard I/N\" into one output directory and compare the groups",
		Long: `Merge combines shard outputs (each written by "distill run --shard I/N" of the same
manifest and the same distill build) into OUT: the specs, services.parquet, summary.parquet
and comparisons.parquet, and one run.json listing every shard's outcome. It then compares
the manifest's groups over the merged specs exactly as an unsharded run does, so OUT holds
the same specs and tables as "distill run" of the whole manifest (timings aside). OUT is
written the way run writes --out: the new outputs replace the previous ones in one step.

OUT and each SHARD are directories or bucket URLs (s3://, gs://, azblob://, file://);
buckets are mirrored under --cache, the way run mirrors a bucket --out.

--manifest must name the manifest the shards ran (its digest is checked). A shard whose
output is missing, or a directory that holds no shard output, is reported by name; the
repositories of a missing shard keep the specs and rows OUT held before, marked stale.
--max-age D treats a shard output that finished more than D ago as no shard output: a
scheduled merge whose shards write the same directories every night then reports a shard
that failed tonight as missing, instead of merging last night's output as tonight's.

The last line on stdout is a one-line summary, as for run; --quiet prints only that line,
and only when the exit status is not 0.

Exit status: 0 every shard merged and every service ok, 1 a shard missing or failed, or a
service failed or stale, 2 usage errors, or shard outputs of different manifests, builds or
shard counts, or two outputs of one shard (nothing was written), 3 the merge did not
complete (OUT locked by another run or unwritable; the previous outputs are kept), 130
interrupted by SIGINT or SIGTERM.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErrorf("merge needs the output directory and at least one shard output directory")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMerge(cmd, f, args[0], args[1:], stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.manifest, "manifest", "", "the manifest the shards ran (default: the built-in example manifest)")
	fl.StringVar(&f.cache, "cache", "", "where bucket outputs are mirrored (default: the user cache directory)")
	fl.BoolVar(&f.forceOut, "force-out", false, "write into a non-empty OUT that distill did not create; its other files stay as they are")
	fl.StringVar(&f.logFormat, "log-format", "text", "log format when not on a terminal: text or json")
	fl.DurationVar(&f.maxAge, "max-age", 0, "do not merge shard outputs that finished longer ago than this, e.g. 20h (default: any age)")
	fl.BoolVarP(&f.quiet, "quiet", "q", false, "print only the summary line, and only when the exit status is not 0 (for cron mail)")
	return cmd
}

func runMerge(cmd *cobra.Command, f mergeFlags, out string, shards []string, stdout, stderr io.Writer) (err error) {
	started := time.Now()
	var res *pipeline.Result
	logger := slog.New(slog.DiscardHandler)
	defer func() {
		err = finish(stdout, logger, f.logFormat == "json", "merge", f.quiet, shownOut(out), time.Since(started), res, err)
	}()
	if f.logFormat != "text" && f.logFormat != "json" {
		return usageErrorf("--log-format must be text or json, not %q", f.logFormat)
	}
	logger = newLogger(stderr, f.logFormat, isTerminal(stderr), nil)
	if f.maxAge < 0 {
		return usageErrorf("--max-age must not be negative")
	}
	// A merge fetches nothing, so it needs none of the credentials the
	// manifest names: the merge step of a pipeline (and its publishing
	// job) runs without them, and the manifest's check that they are set
	// is answered here instead of failing.
	m, err := loadManifest(f.manifest, credentialsNotNeeded)
	if err != nil {
		return err
	}
	logger = newLogger(stderr, f.logFormat, isTerminal(stderr), manifestSecrets(m, os.LookupEnv))
	// Bucket URLs, for OUT or a shard, are mirrored locally: shards are
	// pulled to be read, OUT is pulled (its last output keeps a missing
	// shard's repositories) and pushed once merged.
	outDir, shardDirs := out, slices.Clone(shards)
	labels := map[string]string{}
	var bucket *bucketOut
	if outstore.IsURL(out) || slices.ContainsFunc(shards, outstore.IsURL) {
		cacheDir := f.cache
		if cacheDir == "" {
			if cacheDir, err = defaultCacheDir(); err != nil {
				return err
			}
		}
		for i, s := range shards {
			if !outstore.IsURL(s) {
				continue
			}
			b, err := openBucketOut(cmd.Context(), s, cacheDir, logger)
			if err != nil {
				return incomplete(err)
			}
			defer b.close()
			shardDirs[i] = b.m.Local
			labels[b.m.Local] = b.shown
		}
		if outstore.IsURL(out) {
			if bucket, err = openBucketOut(cmd.Context(), out, cacheDir, logger); err != nil {
				return incomplete(err)
			}
			defer bucket.close()
			outDir = bucket.m.Local
		}
	}
	res, err = pipeline.Merge(cmd.Context(), pipeline.Config{
		Manifest:    m,
		OutDir:      outDir,
		ForceOut:    f.forceOut,
		ToolVersion: toolVersion(),
		Logger:      logger,
		MaxShardAge: f.maxAge,
		ShardLabels: labels,
	}, shardDirs)
	if errors.Is(err, pipeline.ErrMergeMismatch) {
		res = nil
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err != nil {
		res = nil // the summary then says the previous outputs are kept
		return incomplete(err)
	}
	if err := bucket.publish(cmd.Context(), res); err != nil {
		res = nil
		return err
	}
	for _, s := range res.Shards {
		if s.Status == pipeline.ShardMerged {
			logger.Info(eventShardMerged, "shard", s.Shard, "dir", s.Dir, "repos", len(s.Repos))
		} else {
			logger.Warn(eventShardBad, "shard", shardName(s), "dir", s.Dir, "status", s.Status, "error", s.Error)
		}
	}
	if f.quiet {
		return nil
	}
	for _, s := range res.Shards {
		switch s.Status {
		case pipeline.ShardMerged:
			fmt.Fprintf(stdout, "shard %s: merged from %s (repositories: %d)\n", shardName(s), s.Dir, len(s.Repos))
		default:
			fmt.Fprintf(stdout, "shard %s: %s: %s\n", shardName(s), s.Status, s.Error)
		}
	}
	writeRunSummary(stdout, res)
	return nil
}

// credentialsNotNeeded reports every variable as set, with a placeholder
// value that is never used.
func credentialsNotNeeded(string) (string, bool) { return "unused by merge", true }
