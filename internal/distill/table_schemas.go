package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Tables declared by a schema builder (the catalog's table_schemas; knex):
//
//	await knex.schema.createTable("users", table => {
//	  table.increments("id").primary();
//	  table.string("email").unique().notNullable();
//	  table.boolean("verified").notNullable().defaultTo(false);
//	  table.integer("banned_by_id").references("id").inTable("users");
//	  table.timestamps(false, true);
//	});
//
// The table is an entity named as a table-named model is (users: User).
// Each statement of the callback whose chain starts with a call on the
// callback's parameter is a column: that call's method is its type (the
// language's types), its first argument its name; the chain's other
// calls say whether it is required, its default, the table it refers to
// and its values. Wherever the call is written (a migration function, an
// if block) it is read the same.

// tableSchema is one createTable call found by tableSchemas.
type tableSchema struct {
	file  *facts.File
	table string
	param string
	body  []facts.Stmt
	line  int
	e     *entityInfo
}

// tableSchemas adds the entities of builder-declared tables and reads
// their columns, once every table is known (a column may refer to any).
func (b *builder) tableSchemas() {
	ts := b.lang.TableSchemas
	if ts == nil || len(ts.Creates) == 0 {
		return
	}
	var tables []*tableSchema
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		visit := func(body []facts.Stmt) {
			facts.Walk(body, func(s *facts.Stmt) bool {
				if t := b.tableSchema(f, s); t != nil {
					tables = append(tables, t)
				}
				return true
			})
		}
		visit(f.Statements)
		for i := range f.Functions {
			visit(f.Functions[i].Body())
		}
	}
	for _, t := range tables {
		c := &facts.Class{Name: t.table, QualName: qual(t.file.Module, t.table), Line: t.line}
		cr := &classRef{file: t.file, class: c}
		if b.entByName[pascal(t.table)] != nil || b.entityForTable(t.table) != "" {
			continue // a model declares the table already
		}
		if t.e = b.addEntityClass(cr); t.e == nil {
			continue
		}
		t.e.table = t.table
		b.singularName(t.e)
		// The model's name is the entity's (users: User), as a
		// model class's would be.
		c.Name = t.e.name
		b.ix.setClass(c.QualName, cr)
	}
	for _, t := range tables {
		if t.e != nil {
			b.readTableColumns(t)
		}
	}
}

// tableSchema reads createTable("name", t => {...}), or nil.
func (b *builder) tableSchema(f *facts.File, s *facts.Stmt) *tableSchema {
	call := s.Value
	if s.Kind != facts.StmtExpr || call == nil || call.Kind != facts.ExprCall || len(call.Args()) != 2 ||
		!catalog.MatchAny(b.lang.TableSchemas.Creates, call.Resolved(), call.Raw()) || call.Args()[0].Kind != facts.ExprString {
		return nil
	}
	fn := call.Args()[1].Func()
	if call.Args()[1].Kind != facts.ExprFunction || fn == nil || len(fn.Params) != 1 || fn.Params[0].Name == "" || !isSnake(call.Args()[0].Value()) {
		return nil
	}
	return &tableSchema{file: f, table: call.Args()[0].Value(), param: fn.Params[0].Name, body: fn.Body(), line: call.Line()}
}

// columnCall is one call of a column's chain: its method and arguments.
type columnCall struct {
	method string
	args   []facts.Expr
}

// columnChain unwinds t.string("email").unique().notNullable() into its
// calls, the one on the parameter first; nil when the chain does not start
// on param.
func columnChain(e *facts.Expr, param string) []columnCall {
	var chain []columnCall
	for e != nil && e.Kind == facts.ExprCall && e.X != nil && e.X.Kind == facts.ExprAttr {
		chain = append(chain, columnCall{method: e.X.Name(), args: e.Args()})
		e = e.X.X
	}
	if e == nil || e.Kind != facts.ExprName || e.Name() != param || len(chain) == 0 {
		return nil
	}
	slices.Reverse(chain)
	return chain
}

// readTableColumns reads the columns of a builder-declared table.
func (b *builder) readTableColumns(t *tableSchema) {
	ts := b.lang.TableSchemas
	e := t.e
	add := e.addDataField
	for i := range t.body {
		s := &t.body[i]
		if s.Kind != facts.StmtExpr {
			continue
		}
		chain := columnChain(s.Value, t.param)
		if chain == nil {
			continue
		}
		head := chain[0]
		if stamps, ok := ts.Stamps[head.method]; ok {
			for _, name := range stamps {
				add(&fieldInfo{name: name, attr: name, typ: &allium.Type{Name: "Timestamp"}, line: s.Line()}, false)
			}
			continue
		}
		if len(head.args) == 0 || head.args[0].Kind != facts.ExprString || slices.ContainsFunc(chain, func(c columnCall) bool { return slices.Contains(ts.Keys, c.method) }) {
			continue
		}
		attr := head.args[0].Value()
		fi := &fieldInfo{name: bindingName(attr), attr: attr, line: s.Line()}
		if !isSnake(fi.name) {
			continue
		}
		isEnum := slices.Contains(ts.Enums, head.method)
		switch typ := b.lang.TypeOf(head.method); {
		case typ != "":
			fi.typ = &allium.Type{Name: typ}
		case isEnum:
			fi.typ = &allium.Type{Name: "String"}
		default:
			continue
		}
		optional, refs := true, false
		var dflt *facts.Expr
		for _, c := range chain[1:] {
			switch {
			case slices.Contains(ts.Required, c.method):
				optional = false
			case slices.Contains(ts.Defaults, c.method) && len(c.args) == 1:
				dflt = &c.args[0]
			case slices.Contains(ts.References, c.method):
				refs = true
			case slices.Contains(ts.Tables, c.method) && len(c.args) == 1 && c.args[0].Kind == facts.ExprString:
				fi.fkTable = c.args[0].Value()
			}
		}
		if refs && fi.fkTable != "" {
			fi.fkEntity = b.entityForTable(fi.fkTable)
			if fi.fkEntity == "" {
				b.note("%s.%s: foreign key to %q, which is not a model of this service, left out", e.name, attr, fi.fkTable)
				continue
			}
			fi.typ = &allium.Type{Name: fi.fkEntity}
			fi.name = strings.TrimSuffix(fi.name, "_id")
		} else {
			fi.fkTable = ""
		}
		if dflt != nil && dflt.Kind == facts.ExprBool {
			fi.dflt = &allium.Lit{Kind: allium.LitBool, Text: dflt.Value()}
		}
		if isEnum && len(head.args) > 1 {
			// enu("status", ["active", "locked"]): every value named, or
			// the column is a plain string.
			if values, ok := b.columnEnumValues(t.file, &head.args[1]); ok && !slices.Contains(values, "") {
				b.enumColumn(fi, values, t.file, dflt)
			}
		}
		add(fi, optional)
	}
}

// tableQuery is the query of a table's rows a catalogued query call
// names (knex("users"), knex.table("users")): the rows of its entity, as
// the model class is; nil for another call.
func (b *builder) tableQuery(e *facts.Expr) *value {
	ts := b.lang.TableSchemas
	if ts == nil || len(ts.Queries) == 0 || len(e.Args()) != 1 || e.Args()[0].Kind != facts.ExprString ||
		!catalog.MatchAny(ts.Queries, e.Resolved(), e.Raw()) {
		return nil
	}
	if ent := b.entityForTable(e.Args()[0].Value()); ent != "" {
		return &value{kind: vModelClass, ent: ent}
	}
	return nil
}

// columnFilter reports whether e filters by a column its first argument
// names (the catalog's column_filters: where("id", v)).
func (b *builder) columnFilter(method string, e *facts.Expr) bool {
	ts := b.lang.TableSchemas
	return ts != nil && slices.Contains(ts.ColumnFilters, method) && (len(e.Args()) == 2 || len(e.Args()) == 3) &&
		e.Args()[0].Kind == facts.ExprString && (len(e.Args()) == 2 || e.Args()[1].Kind == facts.ExprString)
}

// columnFilterKeywords reads where("col", v) as the filter col = v, and
// where("col", ">", v) as col with the filter operator that stands for
// ">" (the catalog's filter_operators), as filter_by and {col: {$gt: v}}
// are read; an operator none stands for is left as a filter that cannot
// be stated.
func (b *builder) columnFilterKeywords(e *facts.Expr) []facts.Keyword {
	col := e.Args()[0].Value()
	if len(e.Args()) == 2 {
		return []facts.Keyword{{Name: col, Value: e.Args()[1]}}
	}
	op := e.Args()[1].Value()
	for _, k := range slices.Sorted(maps.Keys(b.lang.FilterOperators)) {
		if b.lang.FilterOperators[k] == op {
			d := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprDict, Line: e.Line()})
			d.SetEntries([]facts.DictEntry{{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: k, Line: e.Line()}), Value: e.Args()[2]}})
			return []facts.Keyword{{Name: col, Value: d}}
		}
	}
	return []facts.Keyword{{Name: col + "__unstated", Value: e.Args()[2]}}
}
