package prisma

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// Facts turns a schema into the facts of its file, in the shapes a model
// class of the host language has, so that the distiller reads Prisma
// models by the same path as any other:
//
//   - an enum is a class of kind enum, each value a member whose value is
//     its name as a string (what the database stores);
//   - a model is a class decorated prisma.model();
//   - a scalar field is a field annotated with its type (T | None when
//     optional, Array[T] when a list), carrying its attributes as
//     decorators (prisma.id, prisma.default(now()) ...) and, as its value,
//     the column they declare: prisma.field(nullable=, default=,
//     primary_key=, unique=);
//   - a relation field that holds the key (@relation(fields: [userId],
//     references: [id])) has the value prisma.relation(User, fields=,
//     references=, nullable=), and the key fields it names (userId) are
//     the relation's, not fields of their own, as a foreign key's column
//     is not a field of its own in the other languages' models;
//   - a relation field that holds no key (posts Post[], the other side
//     of a one-to-one) is annotated with its type and has the value
//     prisma.related(Post): the other model holds the key (and when the
//     field names its relation, foreign_keys=Post.author names the field
//     of the other model that holds the key of the same named relation).
//
// Names of functions in defaults (now(), uuid(), autoincrement()) are
// resolved as prisma.<name>; an enum value default is Enum.VALUE.
func Facts(path, language, module string, s *Schema) *facts.File {
	f := &facts.File{Path: path, Language: language, Module: module}
	enums := map[string]bool{}
	models := map[string]bool{}
	for _, e := range s.Enums {
		enums[e.Name] = true
	}
	for _, m := range s.Models {
		models[m.Name] = true
	}
	for _, e := range s.Enums {
		c := facts.Class{Name: e.Name, Kind: facts.ClassEnum, QualName: qual(module, e.Name), Line: e.Line, EndLine: e.EndLine}
		for _, v := range e.Values {
			c.Fields = append(c.Fields, facts.Assignment{Name: v.Name, Line: v.Line,
				Value: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: v.Name, Line: v.Line})})
		}
		f.Classes = append(f.Classes, c)
	}
	for _, m := range s.Models {
		c := facts.Class{Name: m.Name, QualName: qual(module, m.Name), Line: m.Line, EndLine: m.EndLine,
			Decorators: []facts.Expr{call("model", m.Line)}}
		for _, a := range m.Attrs {
			if d := uniqueKey(a); d != nil {
				c.Decorators = append(c.Decorators, *d)
			}
		}
		keys := map[string]bool{}
		for _, fd := range m.Fields {
			if a := attr(fd, "relation"); a != nil {
				for _, k := range argNamed(a.Args, "fields").Items {
					keys[k.Text] = true
				}
			}
		}
		implied := impliedRelations(m, s.Models, keys)
		for _, fd := range m.Fields {
			if keys[fd.Name] {
				continue
			}
			if rel, ok := implied[fd.Name]; ok {
				c.Fields = append(c.Fields, impliedRelation(fd, rel))
				continue
			}
			as := facts.Assignment{Name: fd.Name, Line: fd.Line, Annotation: annotation(fd)}
			for _, a := range fd.Attrs {
				d := call(a.Name, a.Line)
				for _, arg := range a.Args {
					addArg(&d, arg, a.Line)
				}
				as.Decorators = append(as.Decorators, d)
			}
			switch {
			case models[fd.Type]:
				if a := attr(fd, "relation"); a != nil && len(argNamed(a.Args, "fields").Items) > 0 && !fd.List {
					v := call("relation", fd.Line)
					v.SetArgs([]facts.Expr{name(fd.Type, fd.Line)})
					kws := []facts.Keyword{{Name: "nullable", Value: *boolean(fd.Optional, fd.Line)}}
					for _, arg := range a.Args {
						if arg.Name != "" {
							kws = append(kws, facts.Keyword{Name: arg.Name, Value: *expr(arg.Value, "", fd.Line)})
						}
					}
					v.SetKeywords(kws)
					as.Value = &v
				} else {
					v := call("related", fd.Line)
					v.SetArgs([]facts.Expr{name(fd.Type, fd.Line)})
					if key := namedKeySide(s.Models, m.Name, fd); key != "" {
						v.SetKeywords([]facts.Keyword{{Name: "foreign_keys", Value: name(fd.Type+"."+key, fd.Line)}})
					}
					as.Value = &v
				}
			default:
				v := call("field", fd.Line)
				kws := []facts.Keyword{{Name: "nullable", Value: *boolean(fd.Optional, fd.Line)}}
				if a := attr(fd, "default"); a != nil && len(a.Args) > 0 {
					kws = append(kws, facts.Keyword{Name: "default", Value: *expr(a.Args[0].Value, enumOf(enums, fd.Type), fd.Line)})
				}
				if attr(fd, "id") != nil {
					kws = append(kws, facts.Keyword{Name: "primary_key", Value: *boolean(true, fd.Line)})
				}
				if attr(fd, "unique") != nil {
					kws = append(kws, facts.Keyword{Name: "unique", Value: *boolean(true, fd.Line)})
				}
				v.SetKeywords(kws)
				as.Value = &v
			}
			c.Fields = append(c.Fields, as)
		}
		f.Classes = append(f.Classes, c)
	}
	return f
}

// impliedRel is the relation a scalar key field stands for: the model it
// refers to and the name the relation takes.
type impliedRel struct {
	target *Model
	name   string
}

// impliedRelations finds the scalar fields of m that hold another model's
// key with no @relation to say so, typed as that key: a field named after
// the model and its @id field (userUid for User, whose key is uid; teamId
// or teamID for Team's id), named after the model; or a field named after
// the role the row plays and a key field name that only one model's @id
// has (creatorUid with uid User's key alone: hoppscotch's TeamInvitation,
// written creatorUid: creator.uid), named after the role. The generic id
// names no model by itself (externalId is no relation). A field some
// @relation already names, or one whose relation name m uses for a field
// of its own, is left as it is.
func impliedRelations(m Model, models []Model, keys map[string]bool) map[string]impliedRel {
	own := map[string]bool{}
	for _, fd := range m.Fields {
		own[fd.Name] = true
	}
	keyedBy := map[string][]*Model{} // @id field name -> the models keyed by it
	for i := range models {
		if key := idField(&models[i]); key != nil {
			keyedBy[key.Name] = append(keyedBy[key.Name], &models[i])
		}
	}
	out := map[string]impliedRel{}
	for _, fd := range m.Fields {
		if keys[fd.Name] || fd.List {
			continue
		}
		for i := range models {
			target := &models[i]
			key := idField(target)
			rel := lowerFirst(target.Name)
			if key == nil || key.Type != fd.Type || own[rel] || !strings.EqualFold(fd.Name, rel+key.Name) || !strings.HasPrefix(fd.Name, rel) {
				continue
			}
			out[fd.Name] = impliedRel{target: target, name: rel}
		}
		if _, found := out[fd.Name]; found {
			continue
		}
		for _, keyName := range slices.Sorted(maps.Keys(keyedBy)) {
			keyed := keyedBy[keyName]
			suffix := strings.ToUpper(keyName[:1]) + keyName[1:]
			role, cut := strings.CutSuffix(fd.Name, suffix)
			if keyName == "id" || len(keyed) != 1 || !cut || role == "" || own[role] || idField(keyed[0]).Type != fd.Type {
				continue
			}
			out[fd.Name] = impliedRel{target: keyed[0], name: role}
		}
	}
	return out
}

// impliedRelation is fd, the key of rel's target's rows, read as the
// relation @relation(fields: [fd]) would declare, named as rel says.
func impliedRelation(fd Field, rel impliedRel) facts.Assignment {
	t := Field{Name: rel.name, Type: rel.target.Name, Optional: fd.Optional, Line: fd.Line}
	v := call("relation", fd.Line)
	v.SetArgs([]facts.Expr{name(rel.target.Name, fd.Line)})
	keyList := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprList, Line: fd.Line})
	keyList.SetArgs([]facts.Expr{name(fd.Name, fd.Line)})
	v.SetKeywords([]facts.Keyword{{Name: "nullable", Value: *boolean(fd.Optional, fd.Line)}, {Name: "fields", Value: keyList}})
	return facts.Assignment{Name: t.Name, Line: fd.Line, Annotation: annotation(t), Value: &v}
}

// namedKeySide finds, for fd, a relation field of model owner that holds
// no key and names its relation (`websites Website[] @relation("user")`),
// the field of fd's model that holds the key of the same named relation
// (Website's `user User? @relation("user", fields: [userId], ...)`). Two
// relations between the same models are told apart only by that name, so
// without it the key side is unknown.
func namedKeySide(models []Model, owner string, fd Field) string {
	rel := relationName(attr(fd, "relation"))
	if rel == "" {
		return ""
	}
	keyless := ""
	for _, tm := range models {
		if tm.Name != fd.Type {
			continue
		}
		for _, other := range tm.Fields {
			a := attr(other, "relation")
			if other.Type != owner || relationName(a) != rel {
				continue
			}
			if len(argNamed(a.Args, "fields").Items) > 0 {
				return other.Name
			}
			if other.Name != fd.Name || tm.Name != owner {
				keyless = other.Name
			}
		}
	}
	// Neither side holds the key (a many-to-many: linkwarden's
	// pinnedLinks Link[] @relation("PinnedLinks") and Link's pinnedBy
	// User[], packages/prisma/schema.prisma): the other side's field is
	// named all the same, so that no key of the other model (Link's
	// createdBy, another relation) is taken for this one's.
	return keyless
}

// relationName is the name an @relation gives its relation (positionally
// or as name:), "" when it gives none.
func relationName(a *Attr) string {
	if a == nil {
		return ""
	}
	for _, arg := range a.Args {
		if (arg.Name == "" || arg.Name == "name") && arg.Value.Kind == ValueString {
			return arg.Value.Text
		}
	}
	return ""
}

// idField is the field of m marked @id, or nil.
func idField(m *Model) *Field {
	for i := range m.Fields {
		if attr(m.Fields[i], "id") != nil {
			return &m.Fields[i]
		}
	}
	return nil
}

func lowerFirst(n string) string {
	if n == "" {
		return n
	}
	return strings.ToLower(n[:1]) + n[1:]
}

func qual(module, n string) string {
	if module == "" {
		return n
	}
	return module + "." + n
}

func enumOf(enums map[string]bool, typ string) string {
	if enums[typ] {
		return typ
	}
	return ""
}

// uniqueKey is the class decorator prisma.unique(fields=["a", "b"]) that
// a block's @@unique([a, b]) (or @@unique(fields: [a, b])) becomes, or nil
// when it names no list of fields.
func uniqueKey(a Attr) *facts.Expr {
	list := argNamed(a.Args, "fields")
	if list.Kind != ValueList && len(a.Args) > 0 && a.Args[0].Name == "" {
		list = a.Args[0].Value
	}
	if list.Kind != ValueList || len(list.Items) == 0 {
		return nil
	}
	var items []facts.Expr
	for _, it := range list.Items {
		if it.Kind != ValueIdent {
			return nil // a field with arguments (a(sort: Desc)) is read no further
		}
		items = append(items, facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: it.Text, Line: a.Line}))
	}
	d := call("unique", a.Line)
	d.SetKeywords([]facts.Keyword{{Name: "fields", Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprList, Args: items, Line: a.Line})}})
	return &d
}

func attr(fd Field, n string) *Attr {
	i := slices.IndexFunc(fd.Attrs, func(a Attr) bool { return a.Name == n })
	if i < 0 {
		return nil
	}
	return &fd.Attrs[i]
}

func argNamed(args []Arg, n string) Value {
	for _, a := range args {
		if a.Name == n {
			return a.Value
		}
	}
	return Value{}
}

func name(n string, line int) facts.Expr {
	return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Raw: n, Line: line}).WithResolved(n)
}

// call is a call of prisma.<fn> with no arguments yet.
func call(fn string, line int) facts.Expr {
	x := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: fn, Raw: fn, Line: line}).WithResolved("prisma." + fn)
	return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: &x, Raw: fn, Line: line}).WithResolved(x.Resolved())
}

func boolean(b bool, line int) *facts.Expr {
	v := "false"
	if b {
		v = "true"
	}
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: v, Line: line})
}

func annotation(fd Field) *facts.Expr {
	t := name(fd.Type, fd.Line)
	switch {
	case fd.List:
		arr := name("Array", fd.Line)
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprSubscript, X: &arr, Y: &t, Line: fd.Line})
	case fd.Optional:
		return new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBinary, X: &t, Y: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprNone, Line: fd.Line}), Line: fd.Line}).WithOp("|"))
	}
	return &t
}

// addArg adds an attribute's argument to its call: positional or keyword.
func addArg(d *facts.Expr, a Arg, line int) {
	v := expr(a.Value, "", line)
	if a.Name == "" {
		d.SetArgs(append(d.Args(), *v))
		return
	}
	d.SetKeywords(append(d.Keywords(), facts.Keyword{Name: a.Name, Value: *v}))
}

// expr is an argument's value as an expression; an identifier of a field
// typed by an enum is that enum's member.
func expr(v Value, enum string, line int) *facts.Expr {
	switch v.Kind {
	case ValueString:
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: v.Text, Line: line})
	case ValueNumber:
		k := facts.ExprInt
		if slices.Contains([]byte(v.Text), '.') {
			k = facts.ExprFloat
		}
		return facts.NewExprPtr(facts.ExprSpec{Kind: k, Value: v.Text, Line: line})
	case ValueBool:
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprBool, Value: v.Text, Line: line})
	case ValueCall:
		c := call(v.Text, line)
		for _, a := range v.Args {
			addArg(&c, a, line)
		}
		return &c
	case ValueList:
		l := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprList, Line: line})
		for _, it := range v.Items {
			l.SetArgs(append(l.Args(), *expr(it, enum, line)))
		}
		return l
	}
	if enum != "" {
		x := name(enum, line)
		return new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: &x, Name: v.Text, Raw: enum + "." + v.Text, Line: line}).WithResolved(enum + "." + v.Text))
	}
	n := name(v.Text, line)
	return &n
}
