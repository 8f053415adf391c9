package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/distill/distill/internal/pipeline"
)

type mergeFlags struct {
	manifest  string
	forceOut  bool
	logFormat string
}

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	var f mergeFlags
	cmd := &cobra.Command{
		Use:   "merge OUT SHARD_DIR... [--manifest FILE]",
		Short: "Combine the outputs of \"run --shard I/N\" into one output directory and compare the groups",
		Long: `Merge combines shard outputs (each written by "distill run --shard I/N" of the same
manifest and the same distill build) into OUT: the specs, services.parquet, summary.parquet
and comparisons.parquet, and one run.json listing every shard's outcome. It then compares
the manifest's groups over the merged specs exactly as an unsharded run does, so OUT holds
the same specs and tables as "distill run" of the whole manifest (timings aside). OUT is
written the way run writes --out: the new outputs replace the previous ones in one step.

--manifest must name the manifest the shards ran (its digest is checked). A shard whose
output is missing, or a directory that holds no shard output, is reported by name; the
repositories of a missing shard keep the specs and rows OUT held before, marked stale.

Exit status: 0 every shard merged and every service ok, 1 a shard missing or failed, or a
service failed or stale, 2 usage errors, or shard outputs of different manifests, builds or
shard counts, or two outputs of one shard (nothing was written).`,
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
	fl.BoolVar(&f.forceOut, "force-out", false, "write into a non-empty OUT that distill did not create; its other files stay as they are")
	fl.StringVar(&f.logFormat, "log-format", "text", "log format when not on a terminal: text or json")
	return cmd
}

func runMerge(cmd *cobra.Command, f mergeFlags, out string, shards []string, stdout, stderr io.Writer) error {
	if f.logFormat != "text" && f.logFormat != "json" {
		return usageErrorf("--log-format must be text or json, not %q", f.logFormat)
	}
	m, err := loadManifest(f.manifest)
	if err != nil {
		return err
	}
	started := time.Now()
	res, err := pipeline.Merge(cmd.Context(), pipeline.Config{
		Manifest:    m,
		OutDir:      out,
		ForceOut:    f.forceOut,
		ToolVersion: toolVersion(),
		Logger:      newLogger(stderr, f.logFormat, isTerminal(stderr)),
	}, shards)
	if errors.Is(err, pipeline.ErrMergeMismatch) {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if err != nil {
		return err
	}
	bad := 0
	for _, s := range res.Shards {
		name := s.Shard
		if name == "" {
			name = s.Dir
		}
		switch s.Status {
		case pipeline.ShardMerged:
			fmt.Fprintf(stdout, "shard %s: merged from %s (repositories: %d)\n", name, s.Dir, len(s.Repos))
		default:
			bad++
			fmt.Fprintf(stdout, "shard %s: %s: %s\n", name, s.Status, s.Error)
		}
	}
	writeRunSummary(stdout, res, out, time.Since(started))
	if bad > 0 || res.Count(pipeline.StatusFailed) > 0 || res.Count(pipeline.StatusStale) > 0 {
		return errFindings
	}
	return nil
}
