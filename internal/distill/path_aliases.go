package distill

import (
	"strings"

	"github.com/distill/distill/internal/facts"
)

// unalias rewrites the dotted names a file imports through a path alias of
// the catalog (path_aliases: "@/queries/prisma" for src/queries/prisma)
// into the module path they stand for ("queries.prisma"), which the index
// finds under the service's source root as it finds any module named
// without its root directories. The extractor keeps such specifiers as
// written: only the build's configuration says what they mean.
func unalias(f *facts.File, aliases []string) {
	if len(aliases) == 0 {
		return
	}
	rewriteModuleNames(f, func(s string) string {
		for _, a := range aliases {
			if rest, ok := strings.CutPrefix(s, a); ok && rest != "" {
				return strings.ReplaceAll(strings.TrimSuffix(rest, "/index"), "/", ".")
			}
		}
		return s
	})
}

// serviceModulePaths is every module name of the service and each of its
// dotted tails ("accounts.account.model" for src.accounts.account.model):
// what a specifier resolved from some source root may name.
func serviceModulePaths(files []*facts.File) map[string]bool {
	known := map[string]bool{}
	for _, f := range files {
		for m := f.Module; m != ""; {
			known[m] = true
			i := strings.IndexByte(m, '.')
			if i < 0 {
				break
			}
			m = m[i+1:]
		}
	}
	return known
}

// rootSpecifiers rewrites the bare specifiers of f that name a module of
// the service by its path from a source root (`require("_helpers/db")`
// with rootpath or NODE_PATH, for _helpers/db.js) into that module's
// dotted name, as unalias does for a catalogued prefix. Only a specifier
// with a directory is read so: a single word ("config", "express") is as
// likely a package as a file of the service.
func rootSpecifiers(f *facts.File, known map[string]bool) {
	specs := make([]string, 0, len(f.Imports)+len(f.Exports))
	for _, im := range f.Imports {
		specs = append(specs, im.Module)
	}
	for _, ex := range f.Exports {
		specs = append(specs, ex.Module)
	}
	rooted := map[string]string{}
	for _, spec := range specs {
		if _, seen := rooted[spec]; seen || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") {
			continue
		}
		from := spec
		if rest, ok := strings.CutPrefix(spec, "@"); ok && rest != "" && rest[0] != '/' {
			// tsconfig's paths {"@services/*": ["services/*"], "@config":
			// ["config"]}: an "@" before a directory or module of the
			// service. A single word is one too here: a package's
			// scope is always followed by its name.
			from = rest
		} else if !strings.Contains(spec, "/") {
			continue
		}
		if dotted := strings.ReplaceAll(strings.TrimSuffix(from, "/index"), "/", "."); known[dotted] {
			rooted[spec] = dotted
		}
	}
	if len(rooted) == 0 {
		return
	}
	rewriteModuleNames(f, func(s string) string {
		// The specifier is the name's head: the whole of it, or followed
		// by the member it names (its own dots are the file's: account.model).
		for spec, dotted := range rooted {
			if rest, ok := strings.CutPrefix(s, spec); ok && (rest == "" || rest[0] == '.') {
				return dotted + rest
			}
		}
		return s
	})
}

// rewriteModuleNames applies rewrite to every module name f holds: its
// imports' modules and targets, its re-exports' modules and the resolved
// names of its expressions.
func rewriteModuleNames(f *facts.File, rewrite func(string) string) {
	for i := range f.Imports {
		im := &f.Imports[i]
		im.Module, im.Target = rewrite(im.Module), rewrite(im.Target)
	}
	for i := range f.Exports {
		f.Exports[i].Module = rewrite(f.Exports[i].Module)
	}
	visitFile(f, func(x *facts.Expr) {
		x.SetResolved(rewrite(x.Resolved()))
	}, nil)
}
