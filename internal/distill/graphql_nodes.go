package distill

// Relay's global ids, as graphene reads them (catalog: graphql_nodes). A
// GraphQL mutation names the row it changes by the global id of its node,
// the node type's name and the row's key encoded together:
//
//	address = graphene.Node.get_node_from_global_id(info, id, only_type=Address)
//	_type, pk = graphene.Node.from_global_id(id)
//	address = Address.get_node(info, pk)
//
// where Address is a node type (under graphene's ObjectType) whose inner
// Meta names the model (class Meta: model = models.Address). Each finds
// the model's row keyed by the id the request gave: the key is that id,
// decoded, and the spec has no encoding to state, so Address{id: id}.
//
// A service's own helper over these (saleor's get_node_or_error,
// graphql/core/mutations.py:340-383, and from_global_id_or_error,
// graphql/core/utils/__init__.py:63-96) is followed as code: the type
// name from_global_id decodes is checked against the type asked for
// (`if only_type and str(type_) != str(only_type): raise`), so after the
// check it is that type's name; the schema's type of that name
// (info.schema.get_type(name).graphene_type) is the node type, and
// getattr(node_type, "get_node") its lookup. A node type the walk cannot
// resolve to a model (a lazy type written as a string, a class without
// Meta) leaves the call as unread as before.

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// nodeTypeValue is what a vNodeType value is beyond its model.
type nodeTypeValue struct {
	// named: the type's name (a str), as from_global_id gives it, rather
	// than the type itself.
	named bool
	// getter: the type's lookup method (getattr(T, "get_node")), not yet
	// called.
	getter bool
}

// graphqlNodeCall reads a decoder, a global lookup, a node type's lookup
// or a schema's type of a name; ok false for any other call.
func (rc *ruleCtx) graphqlNodeCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) (*value, bool) {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || e == nil || e.Kind != facts.ExprCall {
		return nil, false
	}
	args := e.Args()
	switch {
	case catalog.MatchAny(gn.Decoders, e.Resolved(), e.Raw()) && len(args) == 1:
		// (type name, key): the name is of a type not yet checked; the
		// key is the id given, in another form.
		id := rc.eval(&args[0], sc, out, false)
		return &value{kind: vPlumbing, elems: []*value{{kind: vNodeType, node: &nodeTypeValue{named: true}}, id}}, true
	case catalog.MatchAny(gn.GlobalLookups, e.Resolved(), e.Raw()):
		var typeArg *facts.Expr
		for i := range e.Keywords() {
			if kw := &e.Keywords()[i]; kw.Name == gn.TypeKeyword && gn.TypeKeyword != "" {
				typeArg = &kw.Value
			}
		}
		if typeArg == nil && len(args) > gn.IDArg+1 {
			typeArg = &args[gn.IDArg+1]
		}
		if typeArg == nil || len(args) <= gn.IDArg {
			// No type named: the row may be of any node type.
			return nil, false
		}
		t := rc.nodeType(typeArg, sc)
		if t == nil || t.ent == "" {
			return nil, false
		}
		return rc.nodeLookup(t.ent, &args[gn.IDArg], sc, out), true
	case method != "" && catalog.Match(gn.TypeLookups, method) && e.X != nil && e.X.X != nil && len(args) > gn.IDArg:
		// Address.get_node(info, pk)
		t := rc.nodeType(e.X.X, sc)
		if t == nil || t.ent == "" || (t.nodeNamed() || t.nodeGetter()) {
			return nil, false
		}
		return rc.nodeLookup(t.ent, &args[gn.IDArg], sc, out), true
	case method == "" && len(args) > gn.IDArg:
		// get_node = getattr(graphene_type, "get_node", None); get_node(info, pk)
		if t := sc.vars[e.Raw()]; t != nil && t.kind == vNodeType && t.ent != "" && t.nodeGetter() {
			return rc.nodeLookup(t.ent, &args[gn.IDArg], sc, out), true
		}
	case method != "" && len(args) == 1 && catalog.MatchAny(gn.SchemaTypes, e.Resolved(), e.Raw()):
		// info.schema.get_type(name): the type of a name checked to be
		// a node type's.
		if t := rc.nodeType(&args[0], sc); t != nil && t.ent != "" && t.nodeNamed() {
			return &value{kind: vNodeType, ent: t.ent}, true
		}
	}
	return nil, false
}

// nodeTypeAttr reads an attribute of a node type: its lookup method (for
// getattr(T, "get_node")) or, of what the schema gives for a name, the
// node type itself (.graphene_type); nil for anything else.
func (rc *ruleCtx) nodeTypeAttr(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || e.X == nil || !(catalog.Match(gn.TypeLookups, e.Name()) || catalog.Match(gn.TypeAttrs, e.Name())) {
		return nil
	}
	t := rc.nodeType(e.X, sc)
	if e.X.Kind == facts.ExprCall && catalog.MatchAny(gn.SchemaTypes, e.X.Resolved(), e.X.Raw()) {
		// info.schema.get_type(name).graphene_type
		t, _ = rc.graphqlNodeCall(e.X, facts.LastSegment(e.X.Raw()), sc, out)
	}
	if t == nil || t.ent == "" || (t.nodeNamed() || t.nodeGetter()) {
		return nil
	}
	if catalog.Match(gn.TypeAttrs, e.Name()) {
		return t
	}
	return &value{kind: vNodeType, ent: t.ent, node: &nodeTypeValue{getter: true}}
}

// nodeLookup is the lookup of ent's row keyed by the id expression id.
func (rc *ruleCtx) nodeLookup(ent string, id *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	q := &query{ent: ent}
	q.conds = append(q.conds, qcond{field: "id", op: allium.OpEq, val: rc.tr(id, sc, out)})
	return &value{kind: vLookup, ent: ent, q: q}
}

// nodeType is the node type t stands for: a name the walk bound to one,
// or a node type class of the service; nil for anything else. Nothing is
// evaluated but names.
func (rc *ruleCtx) nodeType(t *facts.Expr, sc *scope) *value {
	if t == nil {
		return nil
	}
	if t.Kind == facts.ExprName {
		if v, bound := sc.vars[t.Name()]; bound {
			if v != nil && v.kind == vNodeType {
				return v
			}
			return nil
		}
	}
	if t.Kind != facts.ExprName && t.Kind != facts.ExprAttr {
		return nil
	}
	cr := rc.b.ix.class(sc.file, t)
	if cr == nil {
		return nil
	}
	if ent := rc.nodeTypeModel(cr); ent != "" {
		return &value{kind: vNodeType, ent: ent}
	}
	return nil
}

// nodeTypeModel is the entity of the model the node type cr names in its
// inner Meta (or a base's), "" when cr is no node type or names no model
// the spec has.
func (rc *ruleCtx) nodeTypeModel(cr *classRef) string {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Meta == nil || !rc.b.underNodeBase(cr, gn.Bases, 0) {
		return ""
	}
	return rc.metaModel(cr, gn.Meta)
}

// metaModel is the entity of the model cr's inner options class (or a
// base's, nearest first) names, "" when none names a model the spec has.
func (rc *ruleCtx) metaModel(cr *classRef, meta *catalog.ShapeMeta) string {
	ent := ""
	rc.b.classAndBases(cr, func(c *classRef) bool {
		for i := range c.class.Classes {
			m := &c.class.Classes[i]
			if m.Name != meta.Class {
				continue
			}
			for j := range m.Fields {
				f := &m.Fields[j]
				if f.Name != meta.Model || f.Value == nil {
					continue
				}
				var scratch []allium.Stmt
				if v := rc.eval(f.Value, &scope{file: c.file, vars: map[string]*value{}}, &scratch, false); v.kind == vModelClass {
					ent = v.ent
					return true
				}
			}
		}
		return false
	})
	return ent
}

// mutationOptions reads cls._meta (the catalog's graphql_nodes
// options_attr) in a method of the handler's GraphQL mutation class or
// of a class of its lineage: graphene keeps, as a class's _meta, the
// options its inner Meta sets, so cls._meta.model is the model the
// mutation's Meta names. saleor's generic ModelMutation makes its row
// with instance = cls._meta.model() (graphql/core/mutations.py:807) and
// CategoryCreate's Meta names models.Category
// (graphql/product/mutations/category/category_create.py): the row made
// is a Category. nil for anything else, and when no Meta of the lineage
// names a model the spec has (the row stays unnamed: unnamed_model_classes).
func (rc *ruleCtx) mutationOptions(e *facts.Expr, sc *scope) *value {
	gn := rc.b.lang.GraphQLNodes
	mutation := rc.optionsMutation(e, sc)
	if mutation == nil {
		return nil
	}
	ent := rc.metaModel(mutation, gn.Meta)
	if ent == "" {
		return nil
	}
	return &value{kind: vObject, attrs: map[string]*value{gn.Meta.Model: {kind: vModelClass, ent: ent}}}
}

// optionsMutation is the handler's mutation class when e is cls._meta
// (the catalog's graphql_nodes options_attr) read in a method of that
// class or of a class of its lineage; nil otherwise.
func (rc *ruleCtx) optionsMutation(e *facts.Expr, sc *scope) *classRef {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.Meta == nil || gn.OptionsAttr == "" || e == nil || e.Kind != facts.ExprAttr ||
		e.Name() != gn.OptionsAttr || !rc.b.isReceiverExpr(e.X) || rc.h == nil || !rc.h.mutation || rc.h.class == nil || sc.cls == nil {
		return nil
	}
	mutation := rc.b.ix.classes[rc.h.class.QualName]
	if mutation == nil || !slices.ContainsFunc(rc.b.ix.lineage(mutation), func(c *classRef) bool { return c.class == sc.cls }) {
		return nil
	}
	return mutation
}

// narrowNodeType reads `if [given and] str(a) != str(b): ... raise` whose
// body always ends the request, a the type name a global id decoded and b
// a node type (saleor's from_global_id_or_error,
// graphql/core/utils/__init__.py:92): past it, a is b's name. Other
// conjuncts must be known true (a node type given is).
func (rc *ruleCtx) narrowNodeType(s *facts.Stmt, sc *scope) {
	if rc.b.lang.GraphQLNodes == nil || s.Cond == nil || len(s.Else()) != 0 || !rc.endsRequest(s.Body, sc) {
		return
	}
	cmp := s.Cond
	for cmp.Kind == facts.ExprBoolOp && cmp.Op() == "and" && cmp.X != nil && cmp.Y != nil {
		// `given and a != b`: the conjunct before the comparison must be
		// known true (one of several nests to the left and is not read).
		if !rc.nodeTypeGiven(cmp.X, sc) {
			return
		}
		cmp = cmp.Y
	}
	if cmp.Kind != facts.ExprCompare || cmp.Op() != "!=" || cmp.X == nil || cmp.Y == nil {
		return
	}
	a, bx := unwrapStr(cmp.X), unwrapStr(cmp.Y)
	for range 2 {
		if a.Kind == facts.ExprName {
			if av := sc.vars[a.Name()]; av != nil && av.kind == vNodeType && av.ent == "" && av.nodeNamed() {
				if bv := rc.nodeType(bx, sc); bv != nil && bv.ent != "" && !bv.nodeNamed() && !bv.nodeGetter() {
					sc.vars[a.Name()] = &value{kind: vNodeType, ent: bv.ent, node: &nodeTypeValue{named: true}}
					return
				}
			}
		}
		a, bx = bx, a
	}
}

// nodeTypeGiven says whether x is a name bound to a node type of a known
// model: a class, true as a condition.
func (rc *ruleCtx) nodeTypeGiven(x *facts.Expr, sc *scope) bool {
	t := rc.nodeType(x, sc)
	return t != nil && t.ent != ""
}

// unwrapStr is x without str(...) around it: the name of a type compares
// as the type's text.
func unwrapStr(x *facts.Expr) *facts.Expr {
	for x.Kind == facts.ExprCall && x.Raw() == "str" && len(x.Args()) == 1 && len(x.Keywords()) == 0 {
		x = &x.Args()[0]
	}
	return x
}

// nodeNamed says whether v is a node type's name rather than the type.
func (v *value) nodeNamed() bool { return v.kind == vNodeType && v.node != nil && v.node.named }

// nodeGetter says whether v is a node type's lookup method.
func (v *value) nodeGetter() bool { return v.kind == vNodeType && v.node != nil && v.node.getter }

// nodeTypeIsName decides isinstance(x, str) of a name bound to a node type
// of a known model: true of its name (from_global_id gives a str), false
// of the type itself; ok false for any other call.
func (rc *ruleCtx) nodeTypeIsName(e *facts.Expr, sc *scope) (truth, ok bool) {
	if e.Raw() != "isinstance" || len(e.Args()) != 2 || len(e.Keywords()) != 0 {
		return false, false
	}
	if c := &e.Args()[1]; c.Kind != facts.ExprName || c.Name() != "str" || e.Args()[0].Kind != facts.ExprName {
		return false, false
	}
	v := sc.vars[e.Args()[0].Name()]
	if v == nil || v.kind != vNodeType || v.ent == "" {
		return false, false
	}
	return v.nodeNamed(), true
}

// underNodeBase says whether cr derives from one of bases, reading a
// parametrised base (saleor's Address(ModelObjectType[models.Address]),
// graphql/account/types.py:148) as the class it parametrises.
func (b *builder) underNodeBase(cr *classRef, bases []string, depth int) bool {
	if cr == nil || depth > 16 {
		return false
	}
	for i := range cr.class.Bases {
		base := &cr.class.Bases[i]
		if base.Kind == facts.ExprSubscript && base.X != nil {
			base = base.X
		}
		if catalog.MatchAny(bases, base.Resolved(), base.Raw()) {
			return true
		}
		if parent := b.ix.class(cr.file, base); parent != nil && parent != cr && b.underNodeBase(parent, bases, depth+1) {
			return true
		}
	}
	return false
}
