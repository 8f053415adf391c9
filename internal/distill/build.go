package distill

import (
	"slices"
	"sort"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// build runs the stages in order and assembles the module.
func (b *builder) build(service string) *allium.Module {
	b.classify()
	b.readFields()
	b.schemaModels()
	b.classStoreEntities()
	b.tableSchemas()
	b.resolveReverse()
	b.polymorphicIdentities()
	b.collectStatusLiterals()
	b.finishFieldTypes()
	b.collectConfig()
	b.collectExportedConfig()
	b.collectConfigSections()
	b.collectStoredSettings()
	b.deriveValues()
	// No stage from here on adds or replaces a call of the files' facts
	// (call_sites.go): their calls can be listed once.
	b.callsSettled = true
	b.listAllCalls()
	b.buildRules()
	return b.assemble(service)
}

// collectStatusLiterals gathers, for every attribute name, the string
// literals compared with or assigned to it anywhere in the service, and
// for each entity's field those seen on that entity's (status_owners.go).
//
// The files are walked on the workers, each into a list of its own, and
// the lists recorded in file order after: the literals are then in the
// order one walk of the files in order would have met them.
func (b *builder) collectStatusLiterals() {
	// Column defaults first: the initial state leads the enum.
	w := &statusWalk{b: b, ix: b.ix}
	for _, e := range b.entList {
		for _, a := range e.ref.class.Fields {
			if a.Value != nil && a.Value.Kind == facts.ExprCall {
				if d := a.Value.Keyword("default"); d != nil {
					w.add(a.Name, d, e)
				}
			}
		}
	}
	for _, l := range w.out {
		b.recordStatusLit(l)
	}
	// The workers read the spellings; they are found here, once.
	b.entityBySpelling("_")
	files := b.ix.files
	seen := make([][]statusLit, len(files))
	b.runParallel(len(files), func(i int, ix *index) {
		f := files[i]
		if b.testFile(f.Path) {
			return
		}
		w := &statusWalk{b: b, ix: ix, file: f}
		for i := range f.Functions {
			w.visitBody(f.Functions[i].Body())
		}
		facts.EachClass(f.Classes, func(c *facts.Class) {
			w.self = b.entByQual[c.QualName]
			for i := range c.Methods {
				w.visitBody(c.Methods[i].Body())
			}
		})
		seen[i] = w.out
	})
	for _, lits := range seen {
		for _, l := range lits {
			b.recordStatusLit(l)
		}
	}
}

// statusLit is a literal seen on an attribute, and the entity whose
// attribute it is (nil when unknown).
type statusLit struct {
	attr, lit string
	ent       *entityInfo
}

// recordStatusLit pools a literal seen under its attribute and, where the
// entity is known, its field's.
func (b *builder) recordStatusLit(l statusLit) {
	if !slices.Contains(b.statusLits[l.attr], l.lit) {
		b.statusLits[l.attr] = append(b.statusLits[l.attr], l.lit)
	}
	if l.ent != nil && l.ent.attrs[l.attr] != nil {
		if f := l.ent.attrs[l.attr]; !slices.Contains(b.statusOwned[f], l.lit) {
			b.statusOwned[f] = append(b.statusOwned[f], l.lit)
		}
	}
}

// statusWalk is collectStatusLiterals' walk of one file: it writes
// nothing of the builder's, only its list of literals seen (out), and
// resolves names with its worker's index.
type statusWalk struct {
	b    *builder
	ix   *index
	file *facts.File
	// self is the entity of the class whose methods are walked; owner is
	// the entity the call being read writes or queries (its object
	// literals' entries are that entity's fields).
	self, owner *entityInfo
	// locals: the function's locals holding rows of an entity.
	locals map[string]*entityInfo
	out    []statusLit
}

func (w *statusWalk) add(attr string, e *facts.Expr, ent *entityInfo) {
	if table := namesTableIn(w.ix, w.file, e); table != nil {
		// role === ROLES.admin: the table is the field's vocabulary,
		// each of its names a state. A field read against a name that
		// is no state (role: ROLES.teamOwner, 'team-owner') takes a
		// part of the table this cannot tell (umami's ROLES holds the
		// users' roles and the team members' alike): nothing is said.
		if !tableEntryIsState(table, e.Name()) {
			return
		}
		for i := range table {
			if v := &table[i].Value; isSnake(v.Value()) {
				w.out = append(w.out, statusLit{attr, v.Value(), ent})
			}
		}
		return
	}
	if names := exportedNamesIn(w.ix, w.file, e); names != nil {
		// role !== Role.Admin, Role read from a module that exports
		// nothing but names (module.exports = {Admin: 'Admin', User:
		// 'User'}): the module is the field's vocabulary, each name a
		// state, spelt as the spec spells a value in capitals.
		for _, v := range names {
			w.out = append(w.out, statusLit{attr, v, ent})
		}
		return
	}
	if e == nil || e.Kind != facts.ExprString || !isSnake(e.Value()) {
		return
	}
	w.out = append(w.out, statusLit{attr, e.Value(), ent})
}

// attrName is the attribute e reads (x.status: status), "" for another
// kind of expression.
func attrName(e *facts.Expr) string {
	if e != nil && e.Kind == facts.ExprAttr {
		return e.Name()
	}
	return ""
}

// statusQueryMethods are the methods whose keywords name fields of the
// entity they query or write, whatever the callee resolves to.
var statusQueryMethods = []string{"filter_by", "filter", "get", "create", "update", "exclude", "get_or_create", "update_or_create"}

func (w *statusWalk) visitExpr(e *facts.Expr) {
	if e == nil {
		return
	}
	b := w.b
	outer := w.owner
	switch e.Kind {
	case facts.ExprCompare:
		if n := attrName(e.X); n != "" {
			ent := b.receiverEntity(e.X.X, w.self, w.locals)
			w.add(n, e.Y, ent)
			if e.Y != nil && (e.Y.Kind == facts.ExprList || e.Y.Kind == facts.ExprTuple || e.Y.Kind == facts.ExprSet) {
				for i := range e.Y.Args() {
					w.add(n, &e.Y.Args()[i], ent)
				}
			}
		}
		if n := attrName(e.Y); n != "" {
			w.add(n, e.X, b.receiverEntity(e.Y.X, w.self, w.locals))
		}
	case facts.ExprCall:
		w.owner = b.receiverEntity(e.X, w.self, w.locals)
		// Only keywords of model constructors and queries name fields;
		// jsonify(status="ok") does not. Resolving the callee is the
		// costly part of this walk, so it is done last and only for a
		// call that has keywords to read.
		if len(e.Keywords()) == 0 {
			break
		}
		if !slices.Contains(statusQueryMethods, e.Method()) {
			if cr := w.ix.class(w.file, e); cr == nil || b.entByQual[cr.qual()] == nil {
				break
			} else if w.owner == nil {
				w.owner = b.entByQual[cr.qual()]
			}
		}
		for _, kw := range e.Keywords() {
			n := kw.Name
			if i := strings.Index(n, "__"); i >= 0 {
				n = n[:i]
			}
			v := kw.Value
			w.add(n, &v, w.owner)
		}
	}
	w.visitExpr(e.X)
	w.visitExpr(e.Y)
	w.visitExpr(e.Test())
	for i := range e.Args() {
		w.visitExpr(&e.Args()[i])
	}
	for i := range e.Keywords() {
		w.visitExpr(&e.Keywords()[i].Value)
	}
	for i := range e.Entries() {
		key := e.Entries()[i].Key
		if key != nil && key.Kind == facts.ExprString {
			v := e.Entries()[i].Value
			w.add(key.Value(), &v, w.owner)
		}
		w.visitExpr(key)
		entryOwner := w.owner
		if key != nil && key.Kind == facts.ExprString {
			// A nested write of a related row ({teamUser: {create:
			// {...}}}): its entries are that row's fields.
			if ent := b.entityBySpelling(key.Value()); ent != nil {
				w.owner = ent
			}
		}
		w.visitExpr(&e.Entries()[i].Value)
		w.owner = entryOwner
	}
	w.owner = outer
}

func (w *statusWalk) visitBody(body []facts.Stmt) {
	outerLocals := w.locals
	w.locals = w.b.rowLocals(body, w.self, outerLocals)
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign && s.Value != nil {
			for i := range s.Targets {
				if n := attrName(&s.Targets[i]); n != "" {
					w.add(n, s.Value, w.b.receiverEntity(s.Targets[i].X, w.self, w.locals))
				}
			}
		}
		w.visitExpr(s.Value)
		w.visitExpr(s.Cond)
		w.visitExpr(s.Iter())
		for i := range s.Targets {
			w.visitExpr(&s.Targets[i])
		}
		if s.Func() != nil {
			w.visitBody(s.Func().Body())
		}
		return true
	})
	w.locals = outerLocals
}

// finishFieldTypes settles placeholder types: status strings become
// inline enums, entity-typed annotations become references.
func (b *builder) finishFieldTypes() {
	for _, e := range b.entList {
		for _, f := range e.fields {
			if f.drop || f.typ == nil {
				continue
			}
			if f.typ.Name == "?" {
				if len(f.typ.Args) == 1 && f.fkTable == "" {
					f.typ = &allium.Type{Name: f.typ.Args[0].Name, Optional: f.typ.Optional}
					f.fkEntity = f.typ.Name
				} else {
					f.drop = true
					continue
				}
			}
			if f.isStatus {
				lits := b.statusLitsOf(f)
				// One literal would read as a type name; two make a state.
				if len(lits) > 1 {
					vals := make([]allium.EnumValue, 0, len(lits))
					for _, l := range lits {
						vals = append(vals, allium.EnumValue{Name: l})
					}
					f.typ = &allium.Type{Enum: vals, Optional: f.typ.Optional}
				}
			}
		}
	}
}

// deriveValues turns model methods that return a condition over the
// model's own fields into derived values (is_valid: not used and ...).
func (b *builder) deriveValues() {
	for _, e := range b.entList {
		for i := range e.ref.class.Methods {
			fn := &e.ref.class.Methods[i]
			if recv, rest := b.receiverParams(fn.Params); recv != b.selfName() && len(fn.Params) > 0 || len(rest) > 0 || len(fn.Body()) != 1 || fn.Body()[0].Kind != facts.StmtReturn || fn.Body()[0].Value == nil {
				continue
			}
			if len(fn.Decorators) > 0 && facts.LastSegment(fn.Decorators[0].Raw()) != "property" {
				continue
			}
			if strings.HasPrefix(fn.Name, "_") || e.attrs[fn.Name] != nil {
				continue
			}
			v := fn.Body()[0].Value
			if v.Kind != facts.ExprCompare && v.Kind != facts.ExprBoolOp && !(v.Kind == facts.ExprUnary && v.Op() == "not") {
				continue
			}
			h := &handler{file: e.ref.file, fn: fn}
			rc := b.newRuleCtx(h, "Derived")
			sc := &scope{file: e.ref.file, vars: map[string]*value{
				b.selfName(): {kind: vEntity, ent: e.name, expr: &allium.Ident{Name: "this"}},
			}, inlined: true}
			var sink []allium.Stmt
			x := rc.cond(v, sc, &sink)
			if x == nil || len(rc.params) > 0 || len(sink) > 0 || len(rc.body) > 0 {
				continue
			}
			x = stripThis(x)
			name := snake(fn.Name)
			if !isSnake(name) || e.field(name) != nil {
				continue
			}
			e.derive = append(e.derive, &allium.Derived{Meta: b.meta(e.ref.file, fn.Line), Name: name, Value: x})
		}
	}
}

// stripThis rewrites this.f to f inside an entity declaration.
func stripThis(e allium.Expr) allium.Expr {
	switch x := e.(type) {
	case *allium.Member:
		if id, ok := x.X.(*allium.Ident); ok && id.Name == "this" {
			return &allium.Ident{Name: x.Name}
		}
		return &allium.Member{X: stripThis(x.X), Name: x.Name, Optional: x.Optional}
	case *allium.Binary:
		return &allium.Binary{Op: x.Op, X: stripThis(x.X), Y: stripThis(x.Y)}
	case *allium.Unary:
		return &allium.Unary{Op: x.Op, X: stripThis(x.X)}
	case *allium.Call:
		c := &allium.Call{Fun: x.Fun}
		for _, a := range x.Args {
			c.Args = append(c.Args, allium.Arg{Name: a.Name, Value: stripThis(a.Value)})
		}
		return c
	}
	return e
}

// assemble writes the module.
func (b *builder) assemble(service string) *allium.Module {
	m := &allium.Module{Version: 3}
	if service != "" {
		m.Header = []string{"Service " + service + ".", "", "Distilled from the service code by distill: a first draft to review."}
	}
	b.restorePlumbing()
	// Reads of parent rows outside any handler's walk (derived values,
	// rules made after the walks) are used.
	for _, f := range b.parentReads {
		f.used = true
	}
	b.parentReads = nil
	// Which entities and enums the rules and fields reach.
	used := b.usedNames()
	refs := b.entityRefs()
	for _, e := range b.entList {
		if e.weak && !refs[e.name] {
			b.note("%s:%d: dataclass %s is used by no rule; left out", e.ref.file.Path, e.ref.class.Line, e.name)
			continue
		}
		if !refs[e.name] && b.bucketModel(e) {
			b.note("%s:%d: model %s keeps the counts of the rate limits (stated as recent_attempts) and is used by no rule; left out", e.ref.file.Path, e.ref.class.Line, e.name)
			continue
		}
		ent := &allium.Entity{Meta: b.meta(e.ref.file, e.ref.class.Line), Name: e.name}
		for _, f := range e.fields {
			if f.drop || f.typ == nil || ((f.plumbing || f.parentRow) && !f.used && !used[e.name+"."+f.name]) {
				continue
			}
			if f.fkEntity != "" && b.entByName[f.fkEntity] == nil {
				continue
			}
			ent.Members = append(ent.Members, &allium.Field{Meta: b.meta(f.declaredIn(e), f.line), Name: f.name, Type: f.typ})
		}
		rels := slices.Clone(e.rels)
		sort.SliceStable(rels, func(i, j int) bool {
			return relOrder(rels[i]) < relOrder(rels[j])
		})
		seen := map[string]bool{}
		for _, mem := range ent.Members {
			seen[mem.(*allium.Field).Name] = true
		}
		first := true
		for _, r := range rels {
			if seen[r.Name] {
				continue
			}
			seen[r.Name] = true
			r.Blank = first
			first = false
			ent.Members = append(ent.Members, r)
		}
		first = true
		for _, d := range e.derive {
			if seen[d.Name] {
				continue
			}
			seen[d.Name] = true
			d.Blank = first
			first = false
			ent.Members = append(ent.Members, d)
		}
		m.Entities = append(m.Entities, ent)
	}
	// Named enums that fields use. Classes of one name and the same
	// members in several modules (plane's three `class ROLE(Enum)`,
	// admin/member/guest) are one enum, declared once.
	declared := map[string][]string{}
	for _, en := range b.enumList {
		if !used["enum:"+en.name] {
			continue
		}
		if order, ok := declared[en.name]; ok && slices.Equal(order, en.order) {
			continue
		}
		declared[en.name] = en.order
		ae := &allium.Enum{Meta: b.meta(en.ref.file, en.ref.class.Line), Name: en.name}
		for _, l := range en.order {
			ae.Values = append(ae.Values, allium.EnumValue{Name: l})
		}
		m.Enums = append(m.Enums, ae)
	}
	if ae := b.permissionEnum(); ae != nil {
		m.Enums = append(m.Enums, ae)
	}
	// Message entities created by sinks.
	for _, name := range sortedKeys(b.sinkProv) {
		prov := b.sinkProv[name]
		ent := &allium.Entity{Meta: allium.Meta{Prov: prov}, Name: name}
		if b.sinkAddressed[name] {
			ent.Members = append(ent.Members, &allium.Field{Meta: allium.Meta{Prov: prov}, Name: "to", Type: &allium.Type{Name: b.recipientType(name)}})
		}
		if lits := b.sinkTemplates[name]; len(lits) > 0 {
			enumName := name + "Template"
			ae := &allium.Enum{Meta: allium.Meta{Prov: prov}, Name: enumName}
			for _, l := range lits {
				ae.Values = append(ae.Values, allium.EnumValue{Name: l})
			}
			m.Enums = append(m.Enums, ae)
			ent.Members = append(ent.Members, &allium.Field{Meta: allium.Meta{Prov: prov}, Name: "template", Type: &allium.Type{Name: enumName}})
		}
		if b.entByName[name] == nil {
			m.Entities = append(m.Entities, ent)
		}
	}
	b.stateMarkedStarts()
	if ss := b.lang.Sessions; ss != nil && b.sessionUser != "" && b.entByName[ss.Entity] == nil {
		session := &allium.Entity{Name: ss.Entity, Members: []allium.EntityMember{
			&allium.Field{Name: "user", Type: &allium.Type{Name: b.sessionUser}}}}
		if b.sessionExpiry {
			session.Members = append(session.Members, &allium.Field{Name: "expires_at", Type: &allium.Type{Name: "Timestamp"}})
		}
		for _, f := range slices.Sorted(slices.Values(b.sessionFlags)) {
			session.Members = append(session.Members, &allium.Field{Name: f, Type: &allium.Type{Name: "Boolean"}})
		}
		session.Members = append(session.Members, b.sessionPeriodMembers()...)
		m.Entities = append(m.Entities, session)
	}
	for _, name := range sortedKeys(b.signedTokens) {
		tok := b.signedTokens[name]
		ent := &allium.Entity{Meta: allium.Meta{Prov: tok.prov}, Name: name}
		if tok.user != "" {
			field := tok.subject
			if field == "" {
				field = "user"
			}
			ent.Members = append(ent.Members, &allium.Field{Name: field, Type: &allium.Type{Name: tok.user}})
		}
		for _, c := range tok.claims {
			typ := c.typ
			if c.given < tok.issues && !typ.Optional {
				t := *typ
				t.Optional = true
				typ = &t
			}
			ent.Members = append(ent.Members, &allium.Field{Name: c.name, Type: typ})
		}
		if tok.issued {
			ent.Members = append(ent.Members, &allium.Field{Name: "issued_at", Type: &allium.Type{Name: "Timestamp"}})
		}
		if tok.expiry {
			var valid allium.Expr = &allium.Binary{Op: allium.OpGt, X: &allium.Ident{Name: "expires_at"}, Y: &allium.Ident{Name: "now"}}
			if k := tok.keyed; k != nil {
				valid = &allium.Binary{Op: allium.OpAnd, Y: valid, X: &allium.Binary{Op: allium.OpEq,
					X: &allium.Ident{Name: k[0]}, Y: &allium.Member{X: &allium.Ident{Name: "user"}, Name: k[1]}}}
			}
			ent.Members = append(ent.Members,
				&allium.Field{Name: "expires_at", Type: &allium.Type{Name: "Timestamp"}},
				&allium.Derived{Name: "is_valid", Value: valid})
		}
		m.Entities = append(m.Entities, ent)
		if tok.user != "" && (tok.signed || tok.keyed != nil) {
			tokenRelationship(m, tok.user, name, tok.prov)
		}
	}
	if e := b.resetTokenEntity(); e != nil {
		m.Entities = append(m.Entities, e)
	}
	b.dropUndeclaredClaims(m)
	b.mergeOutcomeSplits()
	b.mergeSameRules()
	b.foldRevocations(m)
	b.revokeClearedSecrets()
	b.identifyTokenHolders()
	if r := b.sessionExpiryRule(); r != nil {
		b.rules = append(b.rules, r)
	}
	for _, r := range b.rules {
		// After every rewrite of the rules' names (token holders above),
		// when two clauses that say the same thing read alike.
		r.rule.Body = dropStatedConjuncts(foldConstConds(r.rule.Body))
		m.Rules = append(m.Rules, r.rule)
	}
	b.dropUnissuedTokens(m)
	b.assembleConfig(m)
	b.assembleGiven(m)
	b.surfaces(m)
	return m
}

// dropUnissuedTokens removes the signed token entities no kept rule
// names: a token issued only by a handler that got no rule (its other
// outcomes could not be stated: umami's login, src/app/api/auth/login/
// route.ts:36) would be declared for nothing, with the user's collection
// of them.
func (b *builder) dropUnissuedTokens(m *allium.Module) {
	if len(b.signedTokens) == 0 {
		return
	}
	named := map[string]bool{}
	visit := func(x allium.Expr) bool {
		if id, ok := x.(*allium.Ident); ok {
			named[id.Name] = true
		}
		return true
	}
	inspectRules(m.Rules, visit)
	unissued := func(name string) bool { return b.signedTokens[name] != nil && !named[name] && b.entByName[name] == nil }
	m.Entities = slices.DeleteFunc(m.Entities, func(e *allium.Entity) bool { return unissued(e.Name) })
	for _, e := range m.Entities {
		e.Members = slices.DeleteFunc(e.Members, func(mem allium.EntityMember) bool {
			rel, ok := mem.(*allium.Relationship)
			return ok && unissued(rel.Entity)
		})
	}
}

// tokenRelationship gives the user entity a signed link token names the
// collection of those tokens (confirmation_tokens: ConfirmationToken with
// user = this), unless it has a member of that name.
func tokenRelationship(m *allium.Module, user, token string, prov *allium.Provenance) {
	name := plural(snake(token))
	for _, e := range m.Entities {
		if e.Name != user {
			continue
		}
		for _, mem := range e.Members {
			if memberName(mem) == name {
				return
			}
		}
		rel := &allium.Relationship{Meta: allium.Meta{Prov: prov, Blank: true}, Name: name, Entity: token,
			With: &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: "user"}, Y: &allium.Ident{Name: "this"}}}
		// After the relationships, before the derived values.
		at := len(e.Members)
		for i, mem := range e.Members {
			switch mem.(type) {
			case *allium.Relationship:
				at, rel.Blank = i+1, false
			case *allium.Derived:
				if at == len(e.Members) {
					at = i
				}
			}
		}
		e.Members = slices.Insert(e.Members, at, allium.EntityMember(rel))
		return
	}
}

func pad(n int) string {
	s := itoa(n)
	return strings.Repeat("0", max(0, 8-len(s))) + s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// usedNames lists what the rules mention: Entity.field pairs reached
// through typed bindings are approximated by field names per entity, and
// named enums reached by field types.
func (b *builder) usedNames() map[string]bool {
	used := map[string]bool{}
	for _, tok := range b.signedTokens {
		for _, c := range tok.claims {
			used["enum:"+c.typ.Name] = true // a token's claim typed by an enum
		}
	}
	for name := range b.readEnumsInRules() {
		used["enum:"+name] = true // a member a rule reads
	}
	// A field a rule looks a row up by is one the reader must find
	// declared: Parse Server's _perishable_token, a secret kept only where
	// a rule uses it, is the key of ResetPassword's User{username,
	// perishable_token: token} (UserController.js:110).
	var rules []*allium.Rule
	for _, r := range b.rules {
		if r != nil && r.rule != nil {
			rules = append(rules, r.rule)
		}
	}
	inspectRules(rules, func(x allium.Expr) bool {
		if j, ok := x.(*allium.Join); ok {
			for _, jf := range j.Fields {
				used[j.Entity+"."+jf.Name] = true
			}
		}
		if c, ok := x.(*allium.Call); ok {
			// A creation names the fields it gives (Builder.created(
			// workspace: w)): a field a parent row holds is then one
			// the model's entity must declare.
			if m, ok := c.Fun.(*allium.Member); ok && m.Name == "created" {
				if id, ok := m.X.(*allium.Ident); ok && b.entByName[id.Name] != nil {
					for _, a := range c.Args {
						if f := b.entByName[id.Name].field(a.Name); f != nil && f.parentRow {
							used[id.Name+"."+a.Name] = true
						}
					}
				}
			}
		}
		return true
	})
	for _, e := range b.entList {
		for _, f := range e.fields {
			if f.drop || f.typ == nil {
				continue
			}
			if f.plumbing && !f.used || f.parentRow && !f.used && !used[e.name+"."+f.name] {
				continue
			}
			if f.typ.Name != "" && len(f.typ.Enum) == 0 {
				used["enum:"+f.typ.Name] = true
			}
		}
		for _, d := range e.derive {
			allium.Inspect(d.Value, func(x allium.Expr) bool {
				if id, ok := x.(*allium.Ident); ok {
					used[e.name+"."+id.Name] = true
				}
				return true
			})
		}
	}
	return used
}

// inspectRules visits every expression of the rules: their triggers'
// conditions and their clauses.
func inspectRules(rules []*allium.Rule, visit func(allium.Expr) bool) {
	for _, r := range rules {
		if r.Trigger != nil {
			allium.Inspect(r.Trigger.Cond, visit)
		}
		allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
			for _, x := range allium.StmtExprs(s) {
				allium.Inspect(x, visit)
			}
			return true
		})
	}
}

// assembleConfig declares the config parameters the module references,
// in source order.
func (b *builder) assembleConfig(m *allium.Module) {
	refs := map[string]bool{}
	visit := func(x allium.Expr) bool {
		if mem, ok := x.(*allium.Member); ok {
			if id, ok := mem.X.(*allium.Ident); ok && id.Name == "config" {
				refs[mem.Name] = true
			}
		}
		return true
	}
	inspectRules(m.Rules, visit)
	for _, e := range m.Entities {
		for _, mem := range e.Members {
			if d, ok := mem.(*allium.Derived); ok {
				allium.Inspect(d.Value, visit)
			}
		}
	}
	list := slices.Clone(b.usedConfig)
	sort.SliceStable(list, func(i, j int) bool {
		if pi, pj := list[i].path(), list[j].path(); pi != pj {
			return pi < pj
		}
		return list[i].line < list[j].line
	})
	done := map[string]*configInfo{}
	truth := truthOnlyConfig(m.Rules)
	for _, ci := range list {
		if !refs[ci.name] && !ci.enforced || ci.value == nil && !ci.runtime {
			continue
		}
		if first := done[ci.name]; first != nil {
			if first.value != nil && ci.value != nil && !sameLit(first.value, ci.value) {
				b.note("%s:%d: config %s has a second value here; the spec keeps the one at %s:%d", ci.path(), ci.line, ci.name, first.path(), first.line)
			}
			continue
		}
		done[ci.name] = ci
		if ci.enforced {
			if b.enforcedConfig == nil {
				b.enforcedConfig = map[string]bool{}
			}
			b.enforcedConfig[ci.name] = true
		}
		typ := ci.typ
		if ci.runtime && ci.value == nil && typ == "String" && truth[ci.name] && !refsOutsideRules(m, ci.name) {
			typ = "Boolean" // typed by its name, read only as a condition (config_truth.go)
		}
		m.Config = append(m.Config, &allium.ConfigParam{Meta: b.meta(ci.file, ci.line), Name: ci.name, Type: configType(typ), Default: ci.value})
	}
}

// configType is the type a config parameter's type name says: a plain
// name (Integer, Duration), or a set of one (Set<String>, of a setting
// read as a set: envDefault).
func configType(typ string) *allium.Type {
	if elem, ok := strings.CutPrefix(typ, "Set<"); ok && strings.HasSuffix(elem, ">") {
		return &allium.Type{Name: "Set", Args: []*allium.Type{{Name: strings.TrimSuffix(elem, ">")}}}
	}
	return &allium.Type{Name: typ}
}

// entityRefs lists the entity names the rules and the other entities'
// fields mention.
func (b *builder) entityRefs() map[string]bool {
	refs := map[string]bool{}
	visit := func(x allium.Expr) bool {
		switch v := x.(type) {
		case *allium.Ident:
			refs[v.Name] = true
		case *allium.Join:
			refs[v.Entity] = true
		}
		return true
	}
	for _, r := range b.rules {
		if r.rule.Trigger != nil {
			allium.Inspect(r.rule.Trigger.Cond, visit)
		}
		allium.WalkStmts(r.rule.Body, func(s allium.Stmt) bool {
			for _, x := range allium.StmtExprs(s) {
				allium.Inspect(x, visit)
			}
			return true
		})
	}
	for _, e := range b.entList {
		if e.weak {
			continue
		}
		for _, f := range e.fields {
			if f.typ != nil && !f.drop {
				refs[f.typ.Name] = true
				for _, a := range f.typ.Args {
					refs[a.Name] = true
				}
			}
		}
	}
	return refs
}

// relOrder orders an entity's relationships by where they are declared;
// one a framework model declares (no source line) comes last.
func relOrder(r *allium.Relationship) string {
	if r.Prov == nil {
		return "\xff"
	}
	return r.Prov.File + pad(r.Prov.Line)
}

// recipientType is the type of a message entity's recipient: the entity
// whose rows every sink of it is handed as the recipient (the code gives
// the row where an address is expected; the spec states what it gives),
// String when any sink gives an address or the rows of two entities.
func (b *builder) recipientType(msg string) string {
	types := b.sinkRecipients[msg]
	if len(types) == 1 {
		for t := range types {
			return t
		}
	}
	return "String"
}
