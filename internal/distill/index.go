package distill

import (
	"strings"

	"github.com/distill/distill/internal/facts"
)

// index links the facts of a service's files: it finds classes, functions
// and module constants by dotted name and follows re-exports
// (`from app.models.user import User` in app/models/__init__.py).
type index struct {
	files   []*facts.File
	modules map[string]*facts.File
	classes map[string]*classRef
	funcs   map[string]*funcRef
	consts  map[string]*constRef
}

type classRef struct {
	file  *facts.File
	class *facts.Class
	outer *facts.Class // enclosing class of a nested class, or nil
}

type funcRef struct {
	file  *facts.File
	fn    *facts.Function
	class *facts.Class // the class of a method, or nil
}

type constRef struct {
	file *facts.File
	as   *facts.Assignment
}

func newIndex(files []*facts.File) *index {
	ix := &index{
		files:   files,
		modules: map[string]*facts.File{},
		classes: map[string]*classRef{},
		funcs:   map[string]*funcRef{},
		consts:  map[string]*constRef{},
	}
	for _, f := range files {
		ix.modules[f.Module] = f
		for i := range f.Constants {
			ix.consts[qual(f.Module, f.Constants[i].Name)] = &constRef{file: f, as: &f.Constants[i]}
		}
		for i := range f.Functions {
			ix.funcs[qual(f.Module, f.Functions[i].Name)] = &funcRef{file: f, fn: &f.Functions[i]}
		}
		for i := range f.Classes {
			ix.addClass(f, &f.Classes[i], nil, f.Module)
		}
	}
	return ix
}

func (ix *index) addClass(f *facts.File, c *facts.Class, outer *facts.Class, prefix string) {
	q := qual(prefix, c.Name)
	ix.classes[q] = &classRef{file: f, class: c, outer: outer}
	for i := range c.Methods {
		ix.funcs[qual(q, c.Methods[i].Name)] = &funcRef{file: f, fn: &c.Methods[i], class: c}
	}
	for i := range c.Classes {
		ix.addClass(f, &c.Classes[i], c, q)
	}
}

func qual(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// canonical follows imports until dotted names a definition of the
// service (or nothing more resolves) and returns that name.
func (ix *index) canonical(dotted string) string {
	for range 8 {
		if ix.classes[dotted] != nil || ix.funcs[dotted] != nil || ix.consts[dotted] != nil {
			return dotted
		}
		next, ok := ix.reexport(dotted)
		if !ok {
			return dotted
		}
		dotted = next
	}
	return dotted
}

// reexport rewrites mod.name.rest when mod's file binds name by an import.
func (ix *index) reexport(dotted string) (string, bool) {
	segs := strings.Split(dotted, ".")
	for i := len(segs) - 1; i >= 1; i-- {
		f := ix.modules[strings.Join(segs[:i], ".")]
		if f == nil {
			continue
		}
		for _, im := range f.Imports {
			if im.Bound == segs[i] && im.Target != "" && !im.Local {
				rest := ""
				if i+1 < len(segs) {
					rest = "." + strings.Join(segs[i+1:], ".")
				}
				if im.Target+rest == dotted {
					return "", false
				}
				return im.Target + rest, true
			}
		}
		return "", false
	}
	return "", false
}

// names returns the dotted names an expression may stand for in file f:
// the name defined in f itself, then the import-resolved name.
func (ix *index) names(f *facts.File, e *facts.Expr) []string {
	if e == nil || e.Raw == "" {
		return nil
	}
	var out []string
	if f != nil {
		local := ix.canonical(qual(f.Module, e.Raw))
		out = append(out, local)
	}
	if e.Resolved != "" {
		out = append(out, ix.canonical(e.Resolved))
	}
	out = append(out, e.Raw)
	return out
}

func (ix *index) class(f *facts.File, e *facts.Expr) *classRef {
	for _, n := range ix.names(f, e) {
		if c := ix.classes[n]; c != nil {
			return c
		}
	}
	return nil
}

func (ix *index) function(f *facts.File, e *facts.Expr) *funcRef {
	for _, n := range ix.names(f, e) {
		if fn := ix.funcs[n]; fn != nil && fn.class == nil {
			return fn
		}
	}
	return nil
}

func (ix *index) constant(f *facts.File, e *facts.Expr) *constRef {
	for _, n := range ix.names(f, e) {
		if c := ix.consts[n]; c != nil {
			return c
		}
	}
	return nil
}

// classQual returns the qualified name of a class reference.
func (c *classRef) qual() string { return c.class.QualName }
