package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// The values a column's enum option lists are often not written out but
// named through the service's constants:
//
//	export const UserRolesEnum = { ADMIN: "ADMIN", USER: "USER" };
//	export const AvailableUserRoles = Object.values(UserRolesEnum);
//	role: { type: String, enum: AvailableUserRoles, default: UserRolesEnum.USER }
//
//	table.enu("role", [ROLES.USER, ROLES.ADMIN])
//
// Each is the inline enum admin | user, as a literal list would be.

// maxConstantHops bounds how many constants naming constants are
// followed, so that a cycle of names ends.
const maxConstantHops = 4

// enumSpelling is the name the spec gives a column's value: the value
// itself when it is one, its lower case for a value in capitals ("ADMIN",
// the spec's admin, as a Prisma enum's member is spelt), "" for a value
// the spec cannot spell as a name.
func enumSpelling(v string) string {
	if isSnake(v) {
		return v
	}
	if low := strings.ToLower(v); low != v && strings.ToUpper(v) != v && alnum(v) {
		// A value in camel case ('resetPassword', hagopj13's
		// config/tokens.js:4) is the spec's reset_password, its words
		// kept apart as snake case keeps them.
		if sn := snake(v); isSnake(sn) {
			return sn
		}
	}
	if low := strings.ToLower(v); isSnake(low) {
		return low
	}
	return ""
}

// columnEnumValues reads the values an enum option lists, each as
// enumSpelling gives it ("" where it cannot), from a list of strings or
// of a constant object's members, a constant naming such a list, or a call
// listing a constant object's values (the catalog's value_lists). ok is
// false for any other expression, or when some value is not a string the
// service spells out.
func (b *builder) columnEnumValues(f *facts.File, e *facts.Expr) (values []string, ok bool) {
	raw, ok := b.enumStrings(f, e, 0)
	if !ok {
		return nil, false
	}
	for _, v := range raw {
		values = append(values, enumSpelling(v))
	}
	return values, true
}

// enumStrings reads the strings an enum option lists as the code writes
// them, hops constants deep already; false when some is not a string.
func (b *builder) enumStrings(f *facts.File, e *facts.Expr, hops int) ([]string, bool) {
	if e == nil || hops > maxConstantHops {
		return nil, false
	}
	switch e.Kind {
	case facts.ExprName, facts.ExprAttr:
		if c := b.ix.constant(f, e); c != nil && c.as.Value != nil {
			return b.enumStrings(c.file, c.as.Value, hops+1)
		}
	case facts.ExprList:
		var out []string
		for i := range e.Args() {
			s, ok := b.constString(f, &e.Args()[i])
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	case facts.ExprCall:
		if len(e.Args()) != 1 {
			return nil, false
		}
		keys := catalog.MatchAny(b.lang.KeyLists, e.Resolved(), e.Raw())
		if !keys && !catalog.MatchAny(b.lang.ValueLists, e.Resolved(), e.Raw()) {
			return nil, false
		}
		of, obj := b.constObject(f, &e.Args()[0])
		if obj == nil {
			return nil, false
		}
		var out []string
		if keys {
			// Object.keys(allRoles): the keys as written, whatever each
			// holds (a role's rights).
			for _, en := range obj.Entries() {
				if en.Key == nil || en.Key.Kind != facts.ExprString && en.Key.Kind != facts.ExprName {
					return nil, false
				}
				k := en.Key.Value()
				if en.Key.Kind == facts.ExprName {
					k = en.Key.Name()
				}
				out = append(out, k)
			}
			return out, true
		}
		for i := range obj.Entries() {
			s, ok := b.constString(of, &obj.Entries()[i].Value)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}

// constString is the string x is: a string literal, or a constant of the
// service (or a member of a constant object, ROLES.ADMIN) bound to one.
func (b *builder) constString(f *facts.File, x *facts.Expr) (string, bool) {
	if x != nil && x.Kind != facts.ExprString {
		x = b.constLiteral(f, x)
	}
	if x == nil || x.Kind != facts.ExprString {
		return "", false
	}
	return x.Value(), true
}

// constLiteral is the value a name of the service's constants is bound
// to: a module constant (ROLE_USER) or a member of a constant object
// (ROLES.user, the object written as a literal, `as const` or not); nil
// for any other expression.
func (b *builder) constLiteral(f *facts.File, x *facts.Expr) *facts.Expr {
	if x == nil || x.Kind != facts.ExprAttr && x.Kind != facts.ExprName {
		return nil
	}
	if c := b.ix.constant(f, x); c != nil {
		return c.as.Value
	}
	if x.Kind != facts.ExprAttr || x.X == nil {
		return nil
	}
	_, obj := b.constObject(f, x.X)
	if obj == nil {
		return nil
	}
	for i, en := range obj.Entries() {
		if en.Key != nil && (en.Key.Kind == facts.ExprString && en.Key.Value() == x.Name() || en.Key.Kind == facts.ExprName && en.Key.Name() == x.Name()) {
			return &obj.Entries()[i].Value
		}
	}
	return nil
}

// constObject is the object literal a constant of the service is bound to
// (looking through `as const`), with the file that declares it; nil when x
// names no such constant.
func (b *builder) constObject(f *facts.File, x *facts.Expr) (*facts.File, *facts.Expr) {
	c := b.ix.constant(f, x)
	if c == nil || c.as.Value == nil {
		return nil, nil
	}
	obj := c.as.Value
	for obj.Kind != facts.ExprDict && obj.Kind != facts.ExprCall && obj.X != nil {
		obj = obj.X // {...} as const
	}
	if obj.Kind != facts.ExprDict {
		return nil, nil
	}
	return c.file, obj
}

// enumColumn makes fi a status field holding the values its enum option
// lists (those the spec can spell); a default among them, written out or
// named through a constant, is what a new row gets.
func (b *builder) enumColumn(fi *fieldInfo, values []string, f *facts.File, dflt *facts.Expr) {
	fi.isStatus = true
	for _, v := range values {
		if v != "" {
			b.ownStatusLit(fi, v)
		}
	}
	if dflt == nil {
		return
	}
	if s, ok := b.constString(f, dflt); ok {
		if v := enumSpelling(s); v != "" && slices.Contains(b.statusLits[fi.attr], v) {
			fi.dflt = &allium.Ident{Name: v}
		}
	}
}

// alnum reports a string of letters and digits only: a camel-case word,
// not a label with spaces or dashes ("Power User", "view-only") the spec
// cannot spell as a value.
func alnum(v string) bool {
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return v != ""
}
