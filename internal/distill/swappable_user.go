package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A reusable app (django-allauth) works on whatever user model the
// project's settings pick: its models point to it by the setting
// (ForeignKey(settings.AUTH_USER_MODEL), account/models.py), its code
// loads it with get_user_model() and types it by the framework's base
// (user: AbstractBaseUser, account/adapter.py:595), and no class of the
// app is a user model. Without an entity for it every write to a user
// (user.set_password(p); user.save(), account/adapter.py:599-600) has
// nothing to be stated on and the rule is lost. The catalog's
// swappable_user names the entity and the base whose fields every such
// model has; the model is declared as a framework model is (entities.go
// frameworkModels): a class of that base, so that the user-model
// references resolve to it.

// swappableUserModel declares the settings-picked user model when the
// service refers to it and declares no user model of its own.
func (b *builder) swappableUserModel() {
	su := b.lang.SwappableUser
	if su == nil || su.Name == "" || su.Base == "" || !b.refersToUserModel() {
		return
	}
	for _, q := range slices.Sorted(maps.Keys(b.ix.classes)) {
		cr := b.ix.classes[q]
		if cr == nil {
			continue
		}
		if cr.class.Name == su.Name || b.matchBases(cr, b.lang.UserBases) {
			return // the service's own user model (or the framework's auth User it imports)
		}
	}
	qual := swappablePath + su.Name
	f := &facts.File{Path: frameworkPath + "user model picked by the settings", Module: swappablePath[:len(swappablePath)-1], Language: "python"}
	f.Classes = []facts.Class{{Name: su.Name, QualName: qual,
		Bases: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: su.Base, Raw: su.Base}).WithResolved(su.Base)}}}
	b.ix.setClass(qual, &classRef{file: f, class: &f.Classes[0]})
	b.ix.files = append(b.ix.files, f)
}

// swappablePath is the module of the class the settings-picked user model
// is given (never a module of the service).
const swappablePath = "(settings)."

// refersToUserModel reports whether the service names the user model by
// one of the catalog's user-model references: imports one
// (get_user_model) or points a model's field to one
// (ForeignKey(settings.AUTH_USER_MODEL)).
func (b *builder) refersToUserModel() bool {
	refs := b.lang.UserModelRefs
	for _, f := range b.ix.files {
		for _, im := range f.Imports {
			if catalog.Match(refs, im.Target) {
				return true
			}
		}
		for i := range f.Classes {
			if classFieldRefers(&f.Classes[i], refs) {
				return true
			}
		}
	}
	return false
}

// classFieldRefers reports whether a field of c (or of a class nested in
// it) is made with an argument naming one of refs.
func classFieldRefers(c *facts.Class, refs []string) bool {
	for i := range c.Fields {
		v := c.Fields[i].Value
		if v == nil || v.Kind != facts.ExprCall {
			continue
		}
		for j := range v.Args() {
			a := &v.Args()[j]
			if catalog.MatchAny(refs, a.Resolved(), a.Raw()) {
				return true
			}
		}
		for _, k := range v.Keywords() {
			if catalog.MatchAny(refs, k.Value.Resolved(), k.Value.Raw()) {
				return true
			}
		}
	}
	for i := range c.Classes {
		if classFieldRefers(&c.Classes[i], refs) {
			return true
		}
	}
	return false
}
