package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Repositories handed out by getters. A service that keeps one generic
// repository class and builds it per model reaches it through properties:
//
//	class AllRepositories:
//	    @cached_property
//	    def users(self) -> RepositoryUsers:
//	        return RepositoryUsers(self.session, PK_ID, User, PrivateUser)
//
//	class BaseController:
//	    @property
//	    def repos(self):
//	        if not self._repos:
//	            self._repos = AllRepositories(self.session)
//	        return self._repos
//
// self.repos.users.create(data) in a handler is then RepositoryUsers'
// create with self.model the User class its constructor kept: the
// getters are read as the objects they build, and the constructor's
// assignments bind the instance's attributes (an instance of a class of
// the service is a vObject whose constructor the call inlines).

// objectGetter reads a property of an object the rule built from a class
// of the service (obj.attr, obj an instance of that class): the getter's
// body with self that object. nil when the class has no such property.
func (rc *ruleCtx) objectGetter(obj *value, e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	fr := rc.receiverGetter(obj.repo, e.Name())
	if fr == nil {
		return nil
	}
	return rc.inline(accessorOf(fr), obj, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()}), sc, out)
}

// receiverGetter is the property of cr named name that takes no argument
// but its receiver (@property def repos(self)); nil when cr has none.
func (rc *ruleCtx) receiverGetter(cr *classRef, name string) *funcRef {
	if cr == nil {
		return nil
	}
	fr := rc.b.ix.method(cr, name)
	if fr == nil || !rc.isProperty(fr.fn) {
		return nil
	}
	if _, params := rc.b.receiverParams(fr.fn.Params); len(params) > 0 {
		return nil
	}
	return fr
}

// collaboratorGetter reads a property of the walked method's own class
// that takes its receiver (Python's self.repos, @property def
// repos(self)) when it hands out a collaborator: an instance of a class
// of the service, or a model's repository. Any other value it answers
// (self.current_org, a row) stays unread, as it was before such getters
// were read at all, and so do the statements its body would state. nil
// when it hands out none.
func (rc *ruleCtx) collaboratorGetter(cr *classRef, self *value, e *facts.Expr, sc *scope) *value {
	fr := rc.receiverGetter(cr, e.Name())
	if fr == nil {
		return nil
	}
	if self != nil && self.attrs[e.Name()] != nil && self.attrs[e.Name()].kind == vShape {
		return self.attrs[e.Name()]
	}
	var scratch []allium.Stmt
	v := rc.inline(accessorOf(fr), self, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()}), sc, &scratch)
	if (v.kind == vObject && v.repo != nil) || (v.kind == vRepo && v.ent != "") {
		return v
	}
	if v.kind == vShape && v.shape != nil && len(scratch) == 0 {
		// A form the view builds in a property (pretalx's ProfileView:
		// @cached_property def login_form(self): return
		// SpeakerLoginInfoForm(speaker=..., data=self.request.POST)): each
		// read of self.login_form is that one form, which its
		// is_valid() validates and its save() saves.
		if self != nil {
			if self.attrs == nil {
				self.attrs = map[string]*value{}
			}
			self.attrs[e.Name()] = v
		}
		return v
	}
	return nil
}

// accessorOf is the getter fr read for the object it hands out: it adds
// no inline depth (a chain of them, self.repos.users, is one read of an
// attribute), and one that keeps what it builds reads as building it.
func accessorOf(fr *funcRef) *funcRef {
	acc := *cachedAttrGetter(fr)
	acc.accessor = true
	return &acc
}

// cachedAttrGetter reads a getter that builds its value once and keeps it
// in an attribute of its receiver,
//
//	if not self._repos:            (or: if self._repos is None:)
//	    self._repos = AllRepositories(self.session)
//	return self._repos
//
// as the getter returning what it builds: the first read builds it, and
// every later read answers the same object. Any other getter is fr itself.
func cachedAttrGetter(fr *funcRef) *funcRef {
	body := fr.fn.Body()
	if len(body) != 2 || body[0].Kind != facts.StmtIf || len(body[0].Else()) > 0 || len(body[0].Body) != 1 ||
		body[1].Kind != facts.StmtReturn || body[1].Value == nil || body[1].Value.Kind != facts.ExprAttr {
		return fr
	}
	kept := body[1].Value
	set := &body[0].Body[0]
	if set.Kind != facts.StmtAssign || len(set.Targets) != 1 || set.Value == nil || !sameAttr(&set.Targets[0], kept) ||
		!testsUnset(body[0].Cond, kept) {
		return fr
	}
	built := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtReturn, Value: set.Value, Line: set.Line()})
	fn := *fr.fn
	fn.SetBody([]facts.Stmt{built})
	return &funcRef{file: fr.file, class: fr.class, fn: &fn, closure: fr.closure}
}

// testsUnset reports whether cond holds when attr is unset: `not attr`
// or `attr is None`.
func testsUnset(cond, attr *facts.Expr) bool {
	switch {
	case cond == nil:
		return false
	case cond.Kind == facts.ExprUnary && cond.Op() == "not":
		return sameAttr(cond.X, attr)
	case cond.Kind == facts.ExprCompare && (cond.Op() == "is" || cond.Op() == "=="):
		return cond.Y != nil && cond.Y.Kind == facts.ExprNone && sameAttr(cond.X, attr)
	}
	return false
}

// sameAttr reports whether a and b read the same attribute of the same
// name (self._repos twice).
func sameAttr(a, b *facts.Expr) bool {
	return a != nil && b != nil && a.Kind == facts.ExprAttr && b.Kind == facts.ExprAttr && a.Name() == b.Name() &&
		a.X != nil && b.X != nil && a.X.Kind == facts.ExprName && b.X.Kind == facts.ExprName && a.X.Name() == b.X.Name()
}

// constructedClass is the class of the service a call builds an instance
// of: Class(...), or a generic class given its type arguments first
// (HttpRepo[UserIn, UserOut](repo, logger)). nil when the callee is no
// class of the service.
func (b *builder) constructedClass(f *facts.File, call *facts.Expr) *classRef {
	if cr := b.ix.class(f, call); cr != nil {
		return cr
	}
	if call.Kind == facts.ExprCall && call.X != nil && call.X.Kind == facts.ExprSubscript && call.X.X != nil &&
		(call.X.X.Kind == facts.ExprName || call.X.X.Kind == facts.ExprAttr) {
		return b.ix.class(f, call.X.X)
	}
	return nil
}

// superObjectCall runs super().method(...) called in a method of a class
// of the service on an object the rule built from it: the method as the
// bases of the class whose method is walked define it, with self that
// object. A repository class's constructor hands its model to its generic
// base's this way (super().__init__(session, primary_key, sql_model,
// schema), whose self.model = sql_model binds the object's model). nil
// for any other call.
func (rc *ruleCtx) superObjectCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	x := e.X.X
	if !bareSuper(x) || !sc.inlined || sc.cls == nil {
		return nil
	}
	self := sc.vars[rc.b.selfName()]
	cr := rc.b.ix.classes[sc.cls.QualName]
	if self == nil || self.kind != vObject || self.repo == nil || cr == nil {
		return nil
	}
	for i := range cr.class.Bases {
		base := &cr.class.Bases[i]
		if base.Kind == facts.ExprSubscript && base.X != nil {
			base = base.X // RepositoryGeneric[Schema, Model]
		}
		if bc := rc.b.ix.class(cr.file, base); bc != nil {
			if fr := rc.b.ix.method(bc, method); fr != nil {
				return rc.inline(extending(fr, sc), self, e, sc, out)
			}
		}
	}
	if fr := rc.b.nextInLineage(self.repo, cr, method); fr != nil {
		return rc.inline(extending(fr, sc), self, e, sc, out)
	}
	return nil
}

// extending is fr, the method super() reached, marked as extending the
// method running when it is that method's own base version: mealie's
// RepositoryUsers.delete runs super().delete(value, match_key) and then
// removes the user's directory (repos/repository_users.py:55-65); the
// override and its base are one delete, and the base's row lookup
// (_query_one, repos/repository_generic.py:240-242) must not fall beyond
// the inline depth for the override's sake. Any other method is fr.
func extending(fr *funcRef, sc *scope) *funcRef {
	if sc.helper == nil || sc.helper.Name != fr.fn.Name {
		return fr
	}
	ext := *fr
	ext.extends = true
	return &ext
}

// nextInLineage is the method name of the first class after at in the
// lineage of inst, the instance's class, that defines it: where super()
// in a mixin of no bases of its own leads, the instance's class deciding
// the order (Python's method resolution order, which lineage follows
// for classes that list their mixins before their base). polar's
// RepositorySoftDeletionMixin.get_base_statement calls
// super().get_base_statement() (kit/repository/base.py:181-190): for a
// UserRepository(..., RepositorySoftDeletionMixin[User],
// RepositoryBase[User]) (user/repository.py:19-24) that is RepositoryBase's
// select(self.model). nil when at is not in the lineage or no later class
// defines name.
func (b *builder) nextInLineage(inst, at *classRef, name string) *funcRef {
	line := b.ix.lineage(inst)
	for i, c := range line {
		if c.class != at.class {
			continue
		}
		for _, next := range line[i+1:] {
			if fr := b.ix.funcs[qual(next.qual(), name)]; fr != nil {
				return fr
			}
		}
		return nil
	}
	return nil
}

// moduleInstance is the object a module-level constant c builds by a call:
// a generic repository of a model (crud_users = FastCRUD(User), user =
// CRUDUser(User)), or an instance of a service class that is no model
// and no request shape (email_update = EmailUpdateService(Verification)),
// its constructor read as the call's. nil for any other call.
func (rc *ruleCtx) moduleInstance(c *constRef, sc *scope) *value {
	b := rc.b
	if r := rc.repository(c.file, c.as.Value); r != nil {
		return r
	}
	if cr := b.ix.class(c.file, c.as.Value); cr != nil && b.hasMethods(cr) &&
		b.entByQual[cr.qual()] == nil && b.shapes[cr.qual()] == nil {
		// The object is made once, when its module is imported: what
		// its constructor does (effects, kept in scratch) and checks
		// (baserow's Registry.__init__ refusing a registry without a
		// name, core/registry.py:739-744, noted in every rule that
		// reached a registry) is not the request's.
		var scratch []allium.Stmt
		rc.importing++
		defer func() { rc.importing-- }()
		return rc.evalCall(c.as.Value, &scope{file: c.file, vars: map[string]*value{}, stack: sc.stack, depth: sc.depth}, &scratch, false)
	}
	return nil
}

// hasMethods reports whether instances of cr have methods of the
// service's code: its own, or its bases' (class CRUDTool(CRUDBase[Tool]):
// pass inherits every method it has).
func (b *builder) hasMethods(cr *classRef) bool {
	for _, c := range b.ix.lineage(cr) {
		if len(c.class.Methods) > 0 {
			return true
		}
	}
	return false
}

// formSuperCall runs the method a super() call in a form's method reaches:
// the next class of the form's lineage after the running one that defines
// it (warehouse's LoginForm.validate_password calling
// super().validate_password(field), PasswordMixin's, accounts/forms.py:505).
// nil when the call is no such call or no class of the service defines it.
func (rc *ruleCtx) formSuperCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	x := e.X.X
	if !bareSuper(x) || !sc.inlined || sc.cls == nil {
		return nil
	}
	self := sc.vars[rc.b.selfName()]
	if self == nil || self.kind != vShape || self.shape == nil {
		return nil
	}
	lineage := rc.b.ix.lineage(self.shape)
	past := false
	for _, c := range lineage {
		if !past {
			past = c.qual() == sc.cls.QualName
			continue
		}
		if fr := rc.b.ix.funcs[qual(c.qual(), method)]; fr != nil {
			if slices.Contains(sc.stack, fr.fn.QualName) {
				return nil
			}
			return rc.inline(fr, self, e, sc, out)
		}
	}
	if sh := rc.b.lang.Shapes; sh != nil && catalog.Match(sh.DataReturningValidators, method) && len(e.Args()) == 0 {
		// The framework's own clean() returns the cleaned data, the
		// mapping the service's clean reads and edits (bindCleaning).
		for _, name := range sh.InputAttrs {
			if d := self.attrs[name]; d != nil && d.cleaning {
				return d
			}
		}
	}
	return nil
}
