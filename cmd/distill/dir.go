package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/distill"
	"github.com/distill/distill/internal/lang"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/source"
)

// newDirCmd is `distill dir PATH`: distil one service directory and print
// its spec.
func newDirCmd(stdout, stderr io.Writer) *cobra.Command {
	var (
		outFile    string
		provenance bool
		language   string
		patterns   string
	)
	cmd := &cobra.Command{
		Use:   "dir PATH",
		Short: "Distil the service in a directory into an Allium spec",
		Long: `Dir reads the Python and TypeScript/JavaScript sources under PATH (the manifest's default include and
exclude globs, files up to 1 MiB), distils them into an Allium specification and
prints it, or writes it atomically to -o FILE. Stderr gets a summary: what was
read, a coverage line (handlers found and how many change state, rules; guards
seen and requires in the spec; effects seen and ensures outcomes in the spec;
what was left out, by reason; constructs dropped by the checker) and notes on
what could not be translated.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("dir needs exactly one directory, got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			root := args[0]
			if language != "" && lang.Default().ByID(language) == nil {
				return usageErrorf("--language %q is not supported; distill reads %s", language, supportedLanguages())
			}
			fi, err := os.Stat(root)
			if err != nil {
				return usageErrorf("%v", err)
			}
			if !fi.IsDir() {
				return usageErrorf("%s is not a directory", root)
			}
			var cat *catalog.Catalog
			if patterns != "" {
				if cat, err = catalog.Load(patterns); err != nil {
					return usageErrorf("%v", err)
				}
			}
			set, err := source.Select(ctx, os.DirFS(root), source.Options{
				Include:     manifest.DefaultInclude(),
				Exclude:     manifest.DefaultExclude(),
				MaxFileSize: manifest.DefaultMaxFileSize,
			})
			if err != nil {
				return fmt.Errorf("dir %s: %w", root, err)
			}
			if !hasSupportedFile(set.Files, language) {
				return fmt.Errorf("dir %s: no file in a language distill reads (%s) among the %d files selected: nothing to distil",
					root, supportedLanguages(), len(set.Files))
			}
			d := distill.New(distill.Options{Catalog: cat})
			defer d.Close()
			out, err := d.Distill(ctx, distill.Input{Service: serviceName(root), Language: language, Files: set.Files, ReleaseData: true})
			if err != nil {
				return fmt.Errorf("dir %s: %w", root, err)
			}
			text := allium.Print(out.Module, allium.PrintOptions{Provenance: provenance})
			if outFile != "" {
				if err := atomicfile.WriteFile(outFile, text, 0o644); err != nil {
					return fmt.Errorf("write spec: %w", err)
				}
			} else if _, err := stdout.Write(text); err != nil {
				return err
			}
			summarise(stderr, root, set, out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&outFile, "output", "o", "", "write the spec to `FILE` (atomically) instead of stdout")
	cmd.Flags().BoolVar(&provenance, "provenance", false, "write a \"-- source: file:line\" comment above each construct")
	cmd.Flags().StringVar(&language, "language", "", "read every file as this language (python, typescript; default: each file by its extension)")
	cmd.Flags().StringVar(&patterns, "patterns", "", "pattern catalog `FILE` laid over the built-in one")
	return cmd
}

func serviceName(root string) string {
	abs, err := os.Getwd()
	if root == "." && err == nil {
		root = abs
	}
	base := root
	for len(base) > 1 && (base[len(base)-1] == '/' || base[len(base)-1] == os.PathSeparator) {
		base = base[:len(base)-1]
	}
	for i := len(base) - 1; i >= 0; i-- {
		if base[i] == '/' || base[i] == os.PathSeparator {
			return base[i+1:]
		}
	}
	return base
}

// summarise reports on stderr what was read and what was left out.
func summarise(w io.Writer, root string, set *source.Set, out *distill.Output) {
	s := out.Stats
	fmt.Fprintf(w, "distill: %s: %d file(s) read, %d parsed, %d with syntax errors; %d entities, %d rules, %d config parameters; %d construct(s) left out\n",
		root, s.Files, s.FilesParsed, s.ParseErrors, s.Entities, s.Rules, s.ConfigParams, s.Untranslated)
	fmt.Fprintf(w, "  coverage: %s\n", coverageLine(&s))
	for _, sk := range set.Skipped {
		fmt.Fprintf(w, "  skipped %s: %s\n", sk.Path, sk.Reason)
	}
	for _, n := range out.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}

// coverageLine says how much of the service's code the spec stands for:
// what was seen, what the spec states, what was left out and why.
func coverageLine(s *distill.Stats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "handlers %d (state-writing %d, %d of them with a rule) → rules %d; guards %d → requires %d; effects %d → ensures %d; left out %d",
		s.Handlers, s.StateHandlers, s.StateHandlersRuled, s.Rules, s.GuardsSeen, s.RequiresEmitted, s.EffectsSeen, s.EnsuresEmitted, s.LeftOutTotal())
	if reasons := s.LeftOutReasons(); len(reasons) > 0 {
		parts := make([]string, len(reasons))
		for i, r := range reasons {
			parts[i] = fmt.Sprintf("%s %d", r.Reason, r.Count)
		}
		fmt.Fprintf(&b, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "; dropped by checker %d", s.DroppedByChecker)
	if s.DroppedUnparsable > 0 {
		fmt.Fprintf(&b, ", unparsable %d", s.DroppedUnparsable)
	}
	return b.String()
}

// supportedLanguages names the languages distill reads, with their file
// extensions: "python (.py, .pyi)".
func supportedLanguages() string {
	var out []string
	for _, l := range lang.Default().Languages() {
		out = append(out, l.ID()+" ("+strings.Join(l.Extensions(), ", ")+")")
	}
	return strings.Join(out, ", ")
}

// hasSupportedFile reports whether any file is in a language distill reads
// (the given one, when set).
func hasSupportedFile(files []source.File, language string) bool {
	reg := lang.Default()
	for _, f := range files {
		if l := reg.ForPath(f.Path); l != nil && (language == "" || l.ID() == language) {
			return true
		}
	}
	return false
}
