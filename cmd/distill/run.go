package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/pipeline"
)

// Exit codes, documented in the README.
const (
	exitOK       = 0 // everything succeeded
	exitFindings = 1 // the command ran but found errors (failed services, spec errors)
	exitUsage    = 2 // bad flags, arguments or manifest: nothing was done
	// exitIncomplete is a run or merge that stopped before writing its
	// outputs (output directory locked or unwritable): the previous outputs
	// are kept, and a scheduler may retry.
	exitIncomplete = 3
	// exitInterrupted is the shell's code for a process ended by SIGINT.
	exitInterrupted = 130
)

var (
	// errUsage marks bad command-line use.
	errUsage = errors.New("usage")
	// errFindings marks a command that ran to completion and reported
	// problems already written to the output (spec errors, failed services).
	errFindings = errors.New("findings")
)

// usageErrorf returns an error that maps to exitUsage.
func usageErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

// run is the whole CLI: it parses args, runs one command and maps its error
// to an exit code in one place.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return exitCode(err, stderr)
}

func exitCode(err error, stderr io.Writer) int {
	if _, ok := errors.AsType[*loggedError](err); ok {
		// The JSON log has it: a plain line would break one object per line.
		stderr = io.Discard
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.Is(err, errUsage), errors.Is(err, manifest.ErrInvalid), errors.Is(err, pipeline.ErrForeignOut):
		fmt.Fprintln(stderr, "distill:", err)
		return exitUsage
	case errors.Is(err, context.Canceled):
		if ie, ok := errors.AsType[*pipeline.InterruptedError](err); ok {
			fmt.Fprintln(stderr, "distill:", ie)
		} else {
			fmt.Fprintln(stderr, "distill: interrupted")
		}
		return exitInterrupted
	case errors.Is(err, errIncomplete):
		fmt.Fprintln(stderr, "distill:", err)
		return exitIncomplete
	default:
		fmt.Fprintln(stderr, "distill:", err)
		return exitFindings
	}
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "distill",
		Short: "Distil Python and TypeScript services into Allium specifications",
		Long: `Distil Python and TypeScript services into Allium specifications.

Exit status, the same for every command (schedulers and CI can branch on it):
  0    everything succeeded
  1    the command ran to the end and found problems: failed or stale services
       (run, merge), a missing shard (merge), spec errors (check, compare,
       dir); and any error not listed below (a file that cannot be read)
  2    usage: bad flags, arguments or manifest, or shard outputs that do not
       belong together; nothing was done
  3    run or merge did not complete (output directory locked by another run,
       unwritable, disk full); the previous outputs are kept; retrying may help
  130  interrupted by SIGINT or SIGTERM; the previous outputs are kept

run and merge end stdout with one summary line ("distill run ok: ..." or
"distill run FAILED (exit N): ..."); --quiet prints only that line, and only
when the exit status is not 0. With --log-format json, stderr carries one JSON
object per event (README: "Scheduled runs").`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Without a RunE cobra reports an unknown command as a plain error
		// (exit 1); it is a usage error, and nothing ran.
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return usageErrorf("unknown command %q; run \"distill help\" for the commands", args[0])
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return fmt.Errorf("%w: %v", errUsage, err)
	})
	root.AddCommand(
		newRunCmd(stdout, stderr),
		newMergeCmd(stdout, stderr),
		newDirCmd(stdout, stderr),
		newCompareCmd(stdout, stderr),
		newCheckCmd(stdout),
		newFmtCmd(stdout, stderr),
	)
	return root
}
