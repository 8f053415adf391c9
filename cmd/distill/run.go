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
	default:
		fmt.Fprintln(stderr, "distill:", err)
		return exitFindings
	}
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "distill",
		Short:         "Distil Python and TypeScript services into Allium specifications",
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
