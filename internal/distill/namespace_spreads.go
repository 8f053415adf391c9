package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// An object made at module level by spreading an imported namespace
// beside entries of its own stands for that namespace wherever one of its
// own entries is not read (nestjs-microservice-boilerplate's
// src/utils/validator.ts:109: export const InputValidator = {...z, cpf:
// ..., phone: ...}; InputValidator.object({...}) is zod's z.object, and
// InputValidator.string().email() a zod string). namespaceSpreads rewrites
// the resolved names of such reads, service-wide, into the namespace's,
// so that the catalog's names for it (z.object) match them.

// spreadAlias is one such object: the module-level name it is bound to
// (module.name), the resolved name of the namespace it spreads, and the
// keys it sets itself, which stay its own.
type spreadAlias struct {
	module, name, target string
	own                  []string
	// prefixes are the resolved names' prefixes that read through the
	// alias: module.name. and the same under every dotted tail of module
	// (see unspread). Made once, as every resolved name of the service
	// is matched against them.
	prefixes []string
}

// withPrefixes returns al with its prefixes made.
func (al spreadAlias) withPrefixes() spreadAlias {
	al.prefixes = nil
	for m := al.module; m != ""; {
		al.prefixes = append(al.prefixes, m+"."+al.name+".")
		i := strings.IndexByte(m, '.')
		if i < 0 {
			break
		}
		m = m[i+1:]
	}
	return al
}

// namespaceSpreads applies every spread alias of files to every
// expression of files (see above). Objects that spread two names, or a
// name that is no import, are left alone: which one a key comes from is
// then the order of the spreads and what each holds.
func namespaceSpreads(files []*facts.File) {
	var aliases []spreadAlias
	for _, f := range files {
		imported := map[string]bool{}
		for _, im := range f.Imports {
			if im.Bound != "" {
				imported[im.Bound] = true
			}
		}
		for i := range f.Constants {
			a := &f.Constants[i]
			if al, ok := spreadAliasOf(f, a, imported); ok {
				aliases = append(aliases, al.withPrefixes())
			}
		}
	}
	if len(aliases) == 0 {
		return
	}
	for _, f := range files {
		visitFile(f, func(x *facts.Expr) {
			if r := x.Resolved(); r != "" {
				if to, ok := unspread(r, aliases); ok {
					x.SetResolved(to)
				}
			}
		}, nil)
	}
}

// spreadAliasOf reads a module-level constant whose value is an object
// literal with exactly one spread, of an imported name.
func spreadAliasOf(f *facts.File, a *facts.Assignment, imported map[string]bool) (spreadAlias, bool) {
	v := a.Value
	if a.Name == "" || v == nil || v.Kind != facts.ExprDict {
		return spreadAlias{}, false
	}
	al := spreadAlias{module: f.Module, name: a.Name}
	for _, en := range v.Entries() {
		if en.Key == nil {
			if al.target != "" || en.Value.Kind != facts.ExprName || !imported[en.Value.Name()] || en.Value.Resolved() == "" {
				return spreadAlias{}, false
			}
			al.target = en.Value.Resolved()
			continue
		}
		if en.Key.Kind == facts.ExprString {
			al.own = append(al.own, en.Key.Value())
		}
	}
	return al, al.target != ""
}

// unspread is the namespace's name for r, a resolved name that reads a
// key through a spread alias (utils.validator.InputValidator.object ->
// zod.z.object), matched by any dotted tail of the alias's module (a
// specifier resolved from a source root names it so); false when r reads
// no alias, or one of the keys the alias sets itself. The aliases carry
// their prefixes (withPrefixes).
func unspread(r string, aliases []spreadAlias) (string, bool) {
	for _, al := range aliases {
		for _, prefix := range al.prefixes {
			if rest, ok := strings.CutPrefix(r, prefix); ok && rest != "" {
				key, _, _ := strings.Cut(rest, ".")
				if slices.Contains(al.own, key) {
					return "", false
				}
				return al.target + "." + rest, true
			}
		}
	}
	return "", false
}
