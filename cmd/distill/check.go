package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/distill/distill/internal/allium"
)

func newCheckCmd(stdout io.Writer) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check PATH...",
		Short: "Check .allium files (or directories of them) against the language's validation rules",
		Long: `Check parses every .allium file given (directories are searched recursively) and
reports syntax errors and validation problems as file:line:col: severity code: message.
Exit status is 1 when any error is found, 0 otherwise (warnings do not fail).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("check needs at least one file or directory")
			}
			files, err := alliumFiles(args)
			if err != nil {
				return err
			}
			if len(files) == 0 {
				// Nothing checked is not a pass: a wrong directory would
				// otherwise look clean.
				return fmt.Errorf("no .allium file in %s: nothing to check", strings.Join(args, ", "))
			}
			diags, err := checkFiles(files)
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeCheckJSON(stdout, len(files), diags); err != nil {
					return err
				}
			} else {
				for _, d := range diags {
					fmt.Fprintln(stdout, d)
				}
				e, w := countSeverities(diags)
				fmt.Fprintf(stdout, "%d file(s) checked: %d error(s), %d warning(s)\n", len(files), e, w)
			}
			if diags.HasErrors() {
				return errFindings
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "write diagnostics as JSON")
	return cmd
}

// checkFiles parses and checks each file, resolving relative `use` imports
// against the importing file's directory.
func checkFiles(files []string) (allium.Diagnostics, error) {
	l := &specLoader{cache: map[string]*loaded{}}
	var all allium.Diagnostics
	for _, f := range files {
		ld, err := l.load(f)
		if err != nil {
			return nil, err
		}
		all = append(all, ld.diags...)
		if ld.diags.HasErrors() {
			continue // a spec that does not parse is not checked further
		}
		all = append(all, allium.Check(ld.module, allium.CheckOptions{File: f, Imports: l.imports(f, ld.module)})...)
	}
	all.Sort()
	return all, nil
}

type loaded struct {
	module *allium.Module
	diags  allium.Diagnostics
}

// specLoader parses files once each, so an imported spec shared by many
// files is read once.
type specLoader struct {
	cache map[string]*loaded
}

func (l *specLoader) load(path string) (*loaded, error) {
	if ld, ok := l.cache[path]; ok {
		return ld, nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m, diags := allium.Parse(path, src)
	ld := &loaded{module: m, diags: diags}
	l.cache[path] = ld
	return ld, nil
}

// imports resolves the module's local `use` declarations (relative paths).
// Imports that are not local files (git coordinates) are left out; when any
// is left out the checker gets nil and trusts qualified names, since it
// cannot see those modules.
func (l *specLoader) imports(file string, m *allium.Module) map[string]*allium.Module {
	if len(m.Uses) == 0 {
		return nil
	}
	out := map[string]*allium.Module{}
	for _, u := range m.Uses {
		if !strings.HasPrefix(u.Path, "./") && !strings.HasPrefix(u.Path, "../") {
			return nil
		}
		ld, err := l.load(filepath.Join(filepath.Dir(file), filepath.FromSlash(u.Path)))
		if err != nil || ld.diags.HasErrors() {
			return nil
		}
		out[u.Alias] = ld.module
	}
	return out
}

func countSeverities(ds allium.Diagnostics) (errs, warns int) {
	for _, d := range ds {
		if d.Severity == allium.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

func writeCheckJSON(w io.Writer, files int, ds allium.Diagnostics) error {
	e, wn := countSeverities(ds)
	if ds == nil {
		ds = allium.Diagnostics{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Files       int                `json:"files"`
		Errors      int                `json:"errors"`
		Warnings    int                `json:"warnings"`
		Diagnostics allium.Diagnostics `json:"diagnostics"`
	}{files, e, wn, ds})
}
