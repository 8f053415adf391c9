package distill

import (
	"strings"

	"github.com/distill/distill/internal/facts"
)

// modelTypeEntity is the entity a parameter's type names through a module
// generated from the service's schema (catalog model_type_modules): user:
// User with import { User } from '@prisma/client', or through a type alias
// of it (type AuthUser = User). The generated module is not among the
// files, but what it exports is the schema's model of that name. nil when
// the type is no such model.
func (b *builder) modelTypeEntity(f *facts.File, typ *facts.Expr) *entityInfo {
	for range 4 { // an alias of an alias, never a cycle
		if f == nil || typ == nil || typ.Kind != facts.ExprName {
			return nil
		}
		if e := b.generatedModel(typ); e != nil {
			return e
		}
		var alias *constRef
		for _, n := range b.ix.names(f, typ) {
			if alias = b.ix.types[n]; alias != nil {
				break
			}
		}
		if alias == nil || alias.as == nil {
			return nil
		}
		f, typ = alias.file, alias.as.Value
	}
	return nil
}

// generatedModel is the schema model a name imported from a generated
// module stands for.
func (b *builder) generatedModel(typ *facts.Expr) *entityInfo {
	target := typ.Resolved()
	i := strings.LastIndexByte(target, '.')
	if i <= 0 || target[i+1:] != typ.Name() {
		return nil
	}
	module := target[:i]
	for _, m := range b.lang.ModelTypeModules {
		if module != m && !strings.HasSuffix(module, "/"+m) {
			continue
		}
		e := b.entByName[typ.Name()]
		if e == nil || e.ref == nil || e.ref.file == nil || !strings.HasSuffix(e.ref.file.Path, ".prisma") {
			return nil
		}
		return e
	}
	return nil
}
