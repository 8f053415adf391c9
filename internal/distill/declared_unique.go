package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// A field the model declares unique (Mongoose's email: {type: String,
// unique: true}, a unique index) makes the store refuse a row that
// repeats a value another row holds: the write throws, and the request
// fails with it.
//
//	const userRecord = await this.userModel.create({...userInputDTO, password: hashedPassword});
//
// creates a user only when no user has that email: requires: not exists
// User{email}. Columns whose uniqueness only the database's schema states
// (unique=True, @unique) are read so only where the code refuses the
// violation (unique_violations.go) or validates it (Django's full_clean):
// this reads the declarations whose store enforces them itself.

// declaredUniqueChecks states, for each row created since made by the
// statement at line walked in sc, that no row holds the values it is
// given for its declared unique fields. A row created under a condition
// (sc not the rule's top level) is read where it was created and left
// alone: the precondition would hold only on that branch.
func (rc *ruleCtx) declaredUniqueChecks(made int, sc *scope, line int) {
	for _, v := range rc.made[made:] {
		if v.uniqueRead {
			continue
		}
		v.uniqueRead = true
		ent := rc.b.entByName[v.ent]
		if ent == nil || !sc.top || !hasDeclaredUnique(ent) {
			continue
		}
		for _, cond := range rc.b.uniqueAbsences(v) {
			if rc.absenceRequired(cond) {
				continue // the code looked the row up and refused it first
			}
			rc.b.stats.GuardsSeen++
			rc.requires(cond, sc, line)
		}
	}
}

// absenceRequired reports whether the rule requires already that the row
// cond says must not exist does not, through a let bound to its lookup:
// let existing = User{email} ... requires: not exists existing.
func (rc *ruleCtx) absenceRequired(cond allium.Expr) bool {
	want := absentRow(cond)
	if want == nil {
		return false
	}
	// A store that lower-cases the field compares lower-cased values;
	// the code's own check of the value as given (Mongoose runs the same
	// setter on a query's filter) is that check.
	wants := []string{exprKey(want), exprKey(givenCase(want))}
	lets := map[string]string{}
	for _, s := range rc.body {
		switch s := s.(type) {
		case *allium.Let:
			lets[s.Name] = exprKey(s.Value)
		case *allium.Requires:
			got := absentRow(s.Cond)
			if got == nil {
				continue
			}
			if id, ok := got.(*allium.Ident); ok && slices.Contains(wants, lets[id.Name]) || slices.Contains(wants, exprKey(got)) {
				return true
			}
		}
	}
	return false
}

// givenCase is a lookup with the lowercase(v) its fields are given read
// as v (User{email: lowercase(email)}: User{email}); x itself for any
// other expression.
func givenCase(x allium.Expr) allium.Expr {
	j, ok := x.(*allium.Join)
	if !ok {
		return x
	}
	cp := *j
	cp.Fields = slices.Clone(j.Fields)
	for i := range cp.Fields {
		f := &cp.Fields[i]
		c, isCall := f.Value.(*allium.Call)
		if !isCall || !calls(c, "lowercase") || len(c.Args) != 1 {
			continue
		}
		f.Value = c.Args[0].Value
		if id, isIdent := f.Value.(*allium.Ident); isIdent && id.Name == f.Name {
			f.Value = nil // User{email}: the shorthand
		}
	}
	return &cp
}

// absentRow is x of `not exists x`, nil for any other condition.
func absentRow(cond allium.Expr) allium.Expr {
	n, ok := cond.(*allium.Unary)
	if !ok || n.Op != allium.OpNot {
		return nil
	}
	e, ok := n.X.(*allium.Unary)
	if !ok || e.Op != allium.OpExists {
		return nil
	}
	return e.X
}

// hasDeclaredUnique reports whether some field of ent is declared unique
// by its model's options.
func hasDeclaredUnique(ent *entityInfo) bool {
	for _, f := range ent.fields {
		if f.unique {
			return true
		}
	}
	return false
}
