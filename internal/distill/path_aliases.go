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
	rewrite := func(s string) string {
		for _, a := range aliases {
			if rest, ok := strings.CutPrefix(s, a); ok && rest != "" {
				return strings.ReplaceAll(strings.TrimSuffix(rest, "/index"), "/", ".")
			}
		}
		return s
	}
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
