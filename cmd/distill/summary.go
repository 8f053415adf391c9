package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/distill/distill/internal/pipeline"
)

// errIncomplete marks a run or merge that stopped before it could write
// its outputs (the output directory locked by another run, a disk that
// cannot be written): exit 3, which a scheduler may retry, unlike exit 1,
// where the run completed and the failures are the services'.
var errIncomplete = errors.New("the run did not complete")

// incomplete marks an error that stopped run or merge as errIncomplete,
// unless it has an exit status of its own: a refused output directory is a
// usage error (2), an interruption is 130.
func incomplete(err error) error {
	if errors.Is(err, pipeline.ErrForeignOut) || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%w: %w", errIncomplete, err)
}

// loggedError is an error that the "run finished" event of a JSON log
// carries already: exitCode does not print it again as a plain line.
type loggedError struct{ err error }

func (e *loggedError) Error() string { return e.err.Error() }
func (e *loggedError) Unwrap() error { return e.err }

// finish ends run and merge the same way whatever happened: it turns a
// result with failures into errFindings, logs one "run finished" event and
// prints the summary line, the last line on stdout. With quiet the line is
// the only output, and only when the exit status is not 0, so that a cron
// job mails nothing on a good night and one useful line on a bad one. It
// returns the error that decides the exit status; with JSON logs, marked
// as logged, so that stderr stays one JSON object per line.
func finish(w io.Writer, logger *slog.Logger, jsonLogs bool, command string, quiet bool, out string, took time.Duration,
	res *pipeline.Result, err error) error {
	if err == nil && res != nil && (res.Count(pipeline.StatusFailed) > 0 || res.Count(pipeline.StatusStale) > 0 || badShards(res) > 0) {
		err = errFindings
	}
	code := exitCode(err, io.Discard)
	line := summaryLine(command, code, out, took, res, err)
	if !quiet || code != exitOK {
		fmt.Fprintln(w, line)
	}
	attrs := []any{"command", command, "exit_code", code, "out", out, "ms", took.Milliseconds()}
	if res != nil {
		attrs = append(attrs,
			"ok", res.Count(pipeline.StatusOK), "unchanged", res.Count(pipeline.StatusUnchanged),
			"failed", res.Count(pipeline.StatusFailed), "stale", res.Count(pipeline.StatusStale))
		if command == "merge" {
			attrs = append(attrs, "shards", len(res.Shards), "shards_not_merged", badShards(res))
		}
	}
	if err != nil && !errors.Is(err, errFindings) {
		attrs = append(attrs, "error", err)
	}
	level := slog.LevelInfo
	if code != exitOK {
		level = slog.LevelError
	}
	// On a terminal the logger shows errors only, and the summary line on
	// stdout says it all: the event is for logs that are kept.
	if logger.Enabled(context.Background(), slog.LevelInfo) {
		logger.Log(context.Background(), level, eventRunFinished, attrs...)
	}
	if jsonLogs && err != nil && !errors.Is(err, errFindings) {
		return &loggedError{err}
	}
	return err
}

// summaryLine is one line that says whether the run went well, what it
// counted, how long it took and where its outputs are:
//
//	distill run ok: 200 ok, 0 unchanged, 0 failed, 0 stale; 4m12s; outputs in /srv/distill/out
//	distill merge FAILED (exit 1): 3 of 4 shards merged, missing 3/4; 150 ok, ...
//	distill run FAILED (exit 3): the run did not complete: ...; 2s; previous outputs kept in /srv/distill/out
func summaryLine(command string, code int, out string, took time.Duration, res *pipeline.Result, err error) string {
	var b strings.Builder
	b.WriteString("distill " + command)
	if code == exitOK {
		b.WriteString(" ok: ")
	} else {
		fmt.Fprintf(&b, " FAILED (exit %d): ", code)
	}
	if res == nil {
		msg := "failed"
		if err != nil {
			msg = oneLineMsg(err.Error())
		}
		fmt.Fprintf(&b, "%s; %s; previous outputs kept in %s", msg, took.Round(time.Millisecond), out)
		return b.String()
	}
	if command == "merge" {
		b.WriteString(shardSummary(res.Shards))
	}
	fmt.Fprintf(&b, "%d ok, %d unchanged, %d failed, %d stale",
		res.Count(pipeline.StatusOK), res.Count(pipeline.StatusUnchanged),
		res.Count(pipeline.StatusFailed), res.Count(pipeline.StatusStale))
	if res.Count(pipeline.StatusStale) > 0 {
		b.WriteString(" (last good spec kept)")
	}
	if res.Kept > 0 {
		fmt.Fprintf(&b, ", %d outside --only kept as they were", res.Kept)
	}
	fmt.Fprintf(&b, "; %s; outputs in %s", took.Round(time.Millisecond), out)
	return b.String()
}

// shardSummary says how many shards were merged, which are missing and
// which directories held no usable shard output:
//
//	4 shards merged;
//	3 of 4 shards merged, missing 3/4; not merged: /data/shards/3 (no usable shard output);
func shardSummary(shards []pipeline.ShardOutcome) string {
	var missing, unusable []string
	merged := 0
	for _, s := range shards {
		switch s.Status {
		case pipeline.ShardMerged:
			merged++
		case pipeline.ShardMissing:
			missing = append(missing, s.Shard)
		default:
			unusable = append(unusable, shardName(s))
		}
	}
	total := merged + len(missing)
	var b strings.Builder
	if len(missing) == 0 {
		fmt.Fprintf(&b, "%d shards merged", total)
	} else {
		fmt.Fprintf(&b, "%d of %d shards merged, missing %s", merged, total, strings.Join(missing, ", "))
	}
	if len(unusable) > 0 {
		fmt.Fprintf(&b, "; not merged: %s (no usable shard output)", strings.Join(unusable, ", "))
	}
	return b.String() + "; "
}

func badShards(res *pipeline.Result) int {
	n := 0
	for _, s := range res.Shards {
		if s.Status != pipeline.ShardMerged {
			n++
		}
	}
	return n
}

func shardName(s pipeline.ShardOutcome) string {
	if s.Shard != "" {
		return s.Shard
	}
	return s.Dir
}

// oneLineMsg keeps a summary line one line long whatever the error says.
func oneLineMsg(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
