package typescript

import (
	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// typeExpr translates a type into the expression Python would write for
// it, so that annotations read the same in both languages:
//
//	string, User, db.User  -> Name / Attr (resolved through the imports)
//	Promise<User>          -> Subscript(Promise, User); several arguments a Tuple
//	User[]                 -> Subscript(Array, User), as Array<User>
//	string | null          -> Binary "|" with None for null and undefined
//	'active'               -> String (and numbers, booleans likewise)
//
// Any other type (object, function, conditional, mapped types) is opaque.
func (x *extractor) typeExpr(n syntax.Node) facts.Expr {
	if x.depth >= maxDepth {
		x.file.Stats.DepthLimited++
		return x.opaqueExpr(n)
	}
	x.depth++
	defer func() { x.depth-- }()
	k := x.k
	line := n.Line()
	switch n.Kind() {
	case k.typeAnnotation, k.parenthesizedType, k.literalType:
		if c := x.named(n); len(c) == 1 {
			return x.typeExpr(c[0])
		}
		return x.opaqueExpr(n)
	case k.predefinedType:
		name := x.text(n)
		if name == "undefined" || name == "void" {
			return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprNone, Line: line})
		}
		return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Raw: name, Line: line}).WithResolved(name)
	case k.typeIdentifier, k.identifier:
		return x.expr(n)
	case k.typeQuery:
		// `typeof UserRepository`: the type of that value, read as the
		// value's name (a collaborator typed so is that value).
		if c := x.named(n); len(c) == 1 {
			return x.expr(c[0])
		}
		return x.opaqueExpr(n)
	case k.nestedTypeIdentifier, k.nestedIdentifier:
		parts := x.named(n)
		if len(parts) != 2 {
			return x.opaqueExpr(n)
		}
		left := x.typeExpr(parts[0])
		e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: &left, Name: x.text(parts[1]), Line: line})
		if isDotted(&left) {
			e.SetRaw(left.Raw() + "." + e.Name())
			e.SetResolved(x.resolve(e.Raw()))
		}
		return e
	case k.memberExpr:
		return x.expr(n)
	case k.genericType:
		name := x.typeExpr(n.Field("name"))
		args := x.named(n.Field("type_arguments"))
		e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprSubscript, X: &name, Line: line})
		if len(args) == 1 {
			e.Y = x.typeExprPtr(args[0])
		} else {
			y := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprTuple, Line: line})
			for _, a := range args {
				y.SetArgs(append(y.Args(), x.typeExpr(a)))
			}
			e.Y = &y
		}
		return e
	case k.arrayType:
		c := x.named(n)
		if len(c) != 1 {
			return x.opaqueExpr(n)
		}
		return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprSubscript, X: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "Array", Raw: "Array", Line: line}).WithResolved("Array")),
			Y: x.typeExprPtr(c[0]), Line: line})
	case k.unionType:
		c := x.named(n)
		switch len(c) {
		case 1: // a leading `|`
			return x.typeExpr(c[0])
		case 2:
			return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBinary, X: x.typeExprPtr(c[0]), Y: x.typeExprPtr(c[1]), Line: line}).WithOp("|")
		}
		return x.opaqueExpr(n)
	case k.intersectionType:
		// `UserSchema & UserEntity`: a value of both types (a persistence
		// row merged with its domain class), kept as the binary `&`.
		if c := x.named(n); len(c) == 2 {
			return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBinary, X: x.typeExprPtr(c[0]), Y: x.typeExprPtr(c[1]), Line: line}).WithOp("&")
		}
		return x.opaqueExpr(n)
	case k.str, k.number, k.trueLit, k.falseLit, k.null, k.undefined, k.unaryExpr, k.templateString:
		return x.expr(n)
	}
	return x.opaqueExpr(n)
}

func (x *extractor) typeExprPtr(n syntax.Node) *facts.Expr {
	e := x.typeExpr(n)
	return &e
}
