package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/distill"
)

// TestDirPrintsCoverageOnStderr: `distill dir` writes the spec, and only
// the spec, to stdout, and one coverage line to stderr.
func TestDirPrintsCoverageOnStderr(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"dir", "../../testdata/services/flask_accounts"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d, stderr:\n%s", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "-- allium: 3\n") || strings.Contains(stdout.String(), "coverage") {
		t.Errorf("stdout is not the spec alone:\n%s", stdout.String())
	}
	if _, d := allium.Parse("stdout", stdout.Bytes()); d.HasErrors() {
		t.Errorf("stdout does not parse: %v", d.Errors())
	}
	re := regexp.MustCompile(`(?m)^  coverage: handlers [1-9]\d* \(state-writing [1-9]\d*, \d+ of them with a rule\) → rules [1-9]\d*; ` +
		`guards \d+ → requires \d+; effects [1-9]\d* → ensures [1-9]\d*; left out \d+( \([a-z-]+ \d+(, [a-z-]+ \d+)*\))?; dropped by checker 0$`)
	if !re.MatchString(stderr.String()) {
		t.Errorf("stderr has no coverage line:\n%s", stderr.String())
	}
	if n := strings.Count(stderr.String(), "coverage:"); n != 1 {
		t.Errorf("%d coverage lines, want 1", n)
	}
}

func TestCoverageLine(t *testing.T) {
	s := distill.Stats{Rules: 18, Handlers: 34, StateHandlers: 21, StateHandlersRuled: 17, GuardsSeen: 40, RequiresEmitted: 22,
		EffectsSeen: 55, EnsuresEmitted: 31, DroppedByChecker: 2, DroppedUnparsable: 1,
		LeftOut: map[string]int{distill.LeftOutLoop: 2, distill.LeftOutUnknownCallee: 7, distill.LeftOutGuard: 2, distill.LeftOutValue: 0}}
	want := "handlers 34 (state-writing 21, 17 of them with a rule) → rules 18; guards 40 → requires 22; effects 55 → ensures 31; " +
		"left out 11 (unknown-callee 7, guard 2, loop 2); dropped by checker 2, unparsable 1"
	if got := coverageLine(&s); got != want {
		t.Errorf("coverageLine:\n got %s\nwant %s", got, want)
	}
}
