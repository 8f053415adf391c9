package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// Domain objects handed to a repository. Ports-and-adapters services keep
// their rows in domain classes apart from the ORM's (nestjs-microservice-
// boilerplate's UserEntity, core/user/entity/user.ts:32-45, copies the
// object it is constructed with), and a use case hands such an object to a
// generic repository's create (core/user/use-cases/user-create.ts:45,:61,
// TypeORMRepository.create(document), infra/repository/postgres/
// repository.ts:78-81). What the repository stores is the data the object
// was made from: an object literal gives the new row its fields; a row the
// rule had found (new UserEntity(user), reset-password-confirm.ts:48,:59)
// is that row stored again, nothing created.

// constructorData is what a service class's constructor is given as its
// only argument when that is a local or an object literal (read without
// effects: the constructor's own walk states what it does), or nil.
func (rc *ruleCtx) constructorData(e *facts.Expr, sc *scope) *value {
	if len(e.Args()) == 0 && len(e.Keywords()) > 0 {
		// new UserEntity({name, email}): the walker gives a lone object
		// literal as the call's keywords; its entries, read here.
		return &value{kind: vUnknown, parts: []dictPart{{e: new(keywordDict(e.Keywords(), e.Line())), sc: sc}}}
	}
	if len(e.Args()) != 1 || len(e.Keywords()) != 0 {
		return nil
	}
	arg := &e.Args()[0]
	if arg.Kind != facts.ExprName && arg.Kind != facts.ExprDict {
		return nil
	}
	var scratch []allium.Stmt
	return rc.eval(arg, sc, &scratch, false)
}

// domainObjectStored reads a repository's build or create given a domain
// object (a vObject with constructor data): a row of ent the rule holds is
// that row again (ok, nothing stated); an object literal is a new row of
// its entries, created unless the call only builds it. ok is false for any
// other value, left to the other readings.
func (rc *ruleCtx) domainObjectStored(ent *entityInfo, obj *value, builds bool, sc *scope, line int, out *[]allium.Stmt) (*value, bool) {
	if obj.kind != vObject || obj.madeFrom == nil {
		return nil, false
	}
	from := obj.madeFrom
	switch {
	case from.kind == vEntity && from.ent == ent.name:
		return from, true // the row found, saved again: its changes are stated where made
	case from.kind == vUnknown && len(from.parts) > 0:
		v := rc.constructObject(ent, from, sc, line, out)
		if v == nil {
			return nil, false
		}
		if len(obj.attrs) > 0 {
			// entity.password = passwordEntity after the constructor: set
			// on the object, to values the walk does not state.
			v.partial = true
		}
		if !builds {
			rc.created(v, out, line)
		}
		return v, true
	}
	return nil, false
}
