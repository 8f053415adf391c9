package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/facts"
)

// registryModelClasses makes a model registry's model base the class its
// constructor was given: with `db = SQLAlchemy(model_class=CRUDMixin)`,
// `db.Model` is CRUDMixin (Flask-SQLAlchemy builds its declarative base
// from it). Every model declared on `db.Model`, or on an alias of it such
// as `Model = db.Model`, then has the mixin's methods (`user.update(...)`,
// `profile.save()`), and the mixin, which declares no columns, is told
// apart as a declarative base rather than taken for an entity.
func (b *builder) registryModelClasses() {
	if len(b.lang.RegistryModelClasses) == 0 {
		return
	}
	keywords := slices.Sorted(maps.Keys(b.lang.RegistryModelClasses))
	for _, name := range slices.Sorted(maps.Keys(b.ix.consts)) {
		c := b.ix.consts[name]
		v := c.as.Value
		if v == nil || v.Kind != facts.ExprCall || len(v.Keywords()) == 0 {
			continue
		}
		for _, kw := range keywords {
			arg := v.Keyword(kw)
			if arg == nil {
				continue
			}
			if cr := b.ix.class(c.file, arg); cr != nil {
				attr := name + "." + b.lang.RegistryModelClasses[kw]
				if b.ix.classes[attr] == nil {
					b.ix.setClass(attr, cr)
				}
			}
		}
	}
}
