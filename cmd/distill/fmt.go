package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/atomicfile"
)

func newFmtCmd(stdout, stderr io.Writer) *cobra.Command {
	var list, write bool
	cmd := &cobra.Command{
		Use:   "fmt [-l] [-w] PATH...",
		Short: "Print .allium files in canonical form, list those that differ, or rewrite them",
		Long: `Fmt follows gofmt's conventions. Without flags it prints the canonical form of each
file to standard output. -l lists the files whose form differs from canonical; -w rewrites
them in place (atomically). A file with syntax errors is reported and left untouched; the
exit status is then 1.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("fmt needs at least one file or directory")
			}
			files, err := alliumFiles(args)
			if err != nil {
				return err
			}
			failed := false
			for _, f := range files {
				if err := fmtFile(f, list, write, stdout); err != nil {
					fmt.Fprintln(stderr, err)
					failed = true
				}
			}
			if failed {
				return errFindings
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&list, "list", "l", false, "list files whose formatting differs from canonical")
	cmd.Flags().BoolVarP(&write, "write", "w", false, "write the canonical form back to the file")
	return cmd
}

func fmtFile(path string, list, write bool, stdout io.Writer) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	m, diags := allium.Parse(path, src)
	if diags.HasErrors() {
		return diags.Err()
	}
	// A parsed model holds provenance only where the file had "-- source:"
	// comments, so printing it keeps exactly those.
	out := allium.Print(m, allium.PrintOptions{Provenance: true})
	changed := !bytes.Equal(src, out)
	if list && changed {
		fmt.Fprintln(stdout, path)
	}
	if write && changed {
		info, err := os.Stat(path)
		if err != nil {
			return err
		}
		return atomicfile.WriteFile(path, out, info.Mode().Perm())
	}
	if !list && !write {
		_, err = stdout.Write(out)
	}
	return err
}
