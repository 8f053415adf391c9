package distill

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// stmts walks a statement list, appending outcomes to out, and reports
// whether the list always ends the request (return, raise, abort).
func (rc *ruleCtx) stmts(list []facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if !functionBody(list, sc, rc.h) {
		defer rc.keepSignedIn(rc.signedInAs)
	}
	for i := 0; i < len(list); i++ {
		if rc.b.ctx.Err() != nil {
			return true
		}
		if run, end, ok := handlerList(list, i); ok {
			// handlers built, then run (handler_lists.go)
			if rc.stmts(run, sc, out) {
				return true
			}
			if sc.returned {
				return false
			}
			i = end
			continue
		}
		if handled, ends := rc.signedInOnly(&list[i], list[i+1:], sc, out); handled {
			if ends {
				return true
			}
			continue
		}
		rc.markNoneFails(&list[i], list[i+1:])
		rc.markRaisedFails(&list[i], list[i+1:], sc)
		rc.markAnsweredCall(&list[i], sc)
		rc.markIgnoredCall(&list[i], sc)
		if ends, ok := rc.pendingStep(list, i, sc, out); ok {
			return ends
		}
		if early := rc.earlyReturn(list, i, sc); early != nil {
			return rc.stmt(early, sc, out)
		}
		if alike := rc.answeredAlike(list, i, sc); alike != nil {
			return rc.stmt(alike, sc, out)
		}
		if guarded := rc.successFirst(list, i, sc, *out); guarded != nil {
			return rc.stmts(guarded, sc, out) // success_first.go
		}
		if rc.keyFork(list, i, sc, out) {
			return true // walked once per key (key_splits.go)
		}
		made, unread := len(rc.made), sc.unreadFailCount()
		ends := rc.stmt(&list[i], sc, out)
		rc.declaredUniqueChecks(made, sc, list[i].Line())
		if ends {
			return true
		}
		if sc.unreadFailCount() > unread && sc.restUnder == nil && !sc.returned {
			// The statement held a check answering None that the walk
			// could not read: the rest runs only when it passed.
			sc.restUnder = leaveRestOut
		}
		if rb := rc.rebound; rb != nil {
			rc.rebound = nil
			return rc.walkRebound(rb, list[i+1:], sc)
		}
		if sc.returned {
			return false
		}
		if c := sc.restUnder; c != nil {
			sc.restUnder = nil
			return rc.restUnderCond(c, list[i].Line(), list[i+1:], sc, out)
		}
	}
	return false
}

// restUnderCond walks the rest of an inlined helper after an if one of
// whose branches returned without failing (`if not role: return
// Role(...)` then `role.name = name`): its outcomes happen only under the
// other branch's condition, and are stated under it.
func (rc *ruleCtx) restUnderCond(c allium.Expr, line int, rest []facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	var body []allium.Stmt
	ends := rc.stmts(rest, sc, &body)
	switch {
	case len(body) == 0:
	case c == leaveRestOut:
		rc.untranslated(sc, line, LeftOutCondition, "what an inlined helper does after returning early on a condition the spec cannot state")
	case c == alwaysTrue:
		*out = append(*out, body...)
	default:
		ifs := &allium.If{Meta: rc.b.meta(sc.file, line), Branches: []allium.IfBranch{{Cond: c, Body: body}}}
		if as := idempotentAssign(ifs); as != nil {
			// if status == approved: return  then status = approved:
			// approved either way.
			*out = append(*out, as)
			break
		}
		if rc.helperExits == nil {
			rc.helperExits = map[*allium.If]bool{}
		}
		rc.helperExits[ifs] = true
		*out = append(*out, ifs)
	}
	return ends
}

// untranslated counts code left out of the rule for reason (a LeftOut*
// constant) and notes what it was.
func (rc *ruleCtx) untranslated(sc *scope, line int, reason, what string) {
	rc.leaveOutAt(sc.file.Path, line, reason, what)
}

// leaveOutAt is untranslated for code at path:line, which may be in a
// file the rule's walk is not in (the mount of its router).
func (rc *ruleCtx) leaveOutAt(path string, line int, reason, what string) {
	if rc.importing > 0 {
		return // made at import, not by the request (moduleInstance)
	}
	rc.b.stats.leaveOut(reason)
	rc.leftOut++
	text := fmt.Sprintf("%s:%d: %s left out of rule ", path, line, what)
	rc.b.notes[text+rc.name] = true
	rc.b.ruleNoteWriters[text+rc.name] = append(rc.b.ruleNoteWriters[text+rc.name], rc.noteWriter())
	rc.leftOutNotes = append(rc.leftOutNotes, text)
}

// renameNotes names the rule name in the notes untranslated wrote for
// this context, when the rule is numbered at finish: the note "left out
// of rule CreateUser" of the second create_user handler is about
// CreateUser2. A note that another context wrote as well (the same helper
// line inlined by a handler of the same name) stays for that one.
func (rc *ruleCtx) renameNotes(name string) {
	rc.moveNotes(name)
	rc.leftOutNotes = nil
}

// moveNotes rewrites the notes of this context from rc.name to name, and
// keeps them as its own, for a context renamed before finish (a form
// button's rule split off the handler's walk, action), whose finish may
// number the name again.
func (rc *ruleCtx) moveNotes(name string) {
	if name == rc.name {
		return
	}
	b := rc.b
	me := rc.noteWriter()
	for _, text := range rc.leftOutNotes {
		old := text + rc.name
		if i := slices.Index(b.ruleNoteWriters[old], me); i >= 0 {
			b.ruleNoteWriters[old] = slices.Delete(b.ruleNoteWriters[old], i, i+1)
		}
		if len(b.ruleNoteWriters[old]) == 0 {
			delete(b.notes, old)
			delete(b.ruleNoteWriters, old)
		}
		b.notes[text+name] = true
		b.ruleNoteWriters[text+name] = append(b.ruleNoteWriters[text+name], me)
	}
}

func (rc *ruleCtx) stmt(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	switch s.Kind {
	case facts.StmtAssign:
		if s.Value == nil || len(s.Targets) == 0 {
			return false
		}
		if !rc.chainedOnce(s, sc, out) {
			for ti := range s.Targets {
				rc.assign(&s.Targets[ti], s.Value, sc, out, s.Line())
			}
		}
		rc.typedLocal(s, sc)
	case facts.StmtFunction:
		if fn := s.Func(); fn != nil && fn.Name != "" && sc.vars[fn.Name] == nil {
			// const options = () => {...} in a method: a local function
			// its body calls by name (options()), run there with the
			// variables around it.
			sc.vars[fn.Name] = &value{kind: vFunc, fn: &funcRef{file: sc.file, fn: fn, closure: sc.vars, local: true}}
		}
	case facts.StmtDel:
		rc.delDictKeys(s, sc)
	case facts.StmtAugAssign:
		if len(s.Targets) == 1 && s.Value != nil {
			op := s.Op()
			if len(op) > 1 {
				op = op[:len(op)-1]
			}
			bin := new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBinary, X: &s.Targets[0], Y: s.Value, Line: s.Line()}).WithOp(op))
			rc.assign(&s.Targets[0], bin, sc, out, s.Line())
		}
	case facts.StmtExpr:
		if s.Value == nil {
			return false
		}
		if rc.isAbort(s.Value, sc) {
			return true
		}
		if rc.validationChain(s.Value, sc, out) {
			return false
		}
		if rc.entryLoop(s.Value, sc, out) {
			return false
		}
		v := rc.eval(s.Value, sc, out, true)
		rc.filteredInPlace(s.Value, v, sc)
		rc.forgetFilledLiteral(sc, s.Value)
		if v.kind == vNew && !v.done && s.Value.Kind == facts.ExprCall && rc.isCreateCall(s.Value) {
			rc.created(v, out, s.Line())
		}
	case facts.StmtReturn:
		if rc.tailCall(s.Value, sc, out) {
			return true
		}
		if sc.inlined && s.Value != nil && rc.raisingCall(s.Value, sc) {
			// return cls.reject_token() of a method that always raises:
			// the helper raises here, as `raise` would.
			return true
		}
		if sc.inlined {
			if s.Value != nil && !rc.isAbort(s.Value, sc) {
				// return E.left(...): a failure, answered as None is;
				// the helper's result is what it returns otherwise.
				sc.setRet(returnedUnder(rc.tupleElems(s.Value, rc.eval(s.Value, sc, out, false), sc), sc))
			}
			sc.returned = true
			return false
		}
		if rc.h.job && s.Value != nil && s.Value.Kind == facts.ExprCall {
			// return User.deactivate_expired_users(): a job's result is
			// what the call does.
			rc.eval(s.Value, sc, out, true)
		} else {
			rc.returnedEffects(s.Value, sc, out)
		}
		return true
	case facts.StmtRaise:
		return true
	case facts.StmtIf:
		ends := rc.ifStmt(s, sc, out)
		if !ends {
			rc.narrowNodeType(s, sc) // a type name checked (graphql_nodes.go)
		}
		return ends
	case facts.StmtFor:
		return rc.forStmt(s, sc, out)
	case facts.StmtWhile:
		rc.whileStmt(s, sc)
	case facts.StmtWith:
		for _, it := range s.Items() {
			if it.Alias != nil && it.Alias.Kind == facts.ExprName {
				sc.vars[it.Alias.Name()] = rc.eval(&it.Value, sc, out, false)
			}
		}
		return rc.stmts(s.Body, sc, out)
	case facts.StmtTry:
		if rc.lookupFallback(s, sc, out) || rc.lookupOrCreate(s, sc, out) {
			return !sc.inlined
		}
		if rc.relatedOfNew(s, sc, out) {
			return false
		}
		if done, ends := rc.tryNotFound(s, sc, out); done {
			return ends
		}
		if rc.tryFailResult(s, sc, out) {
			return false
		}
		from, before := len(rc.body), maps.Clone(rc.assigned)
		made := len(rc.made)
		literals := literalLocals(sc)
		t := rc.stmts(s.Body, sc, out)
		if line := rc.b.duplicateRefusal(s); line > 0 {
			// The rows the body created must not collide on a unique
			// column (unique_violations.go).
			for _, v := range rc.made[made:] {
				rc.uniqueChecks(v, sc, line)
			}
		}
		if !t {
			t = rc.stmts(s.Else(), sc, out)
		}
		rc.fallbackValueCatches(s, from, sc)
		rc.exceptRules(s, from, before, sc)
		rc.exceptFlags(s, literals, sc)
		rc.stmts(s.Finally(), sc, out)
		return t
	case facts.StmtOpaque:
		rc.untranslated(sc, s.Line(), LeftOutStatement, "a statement ("+s.Syntax()+")")
	}
	return false
}

// typedLocal reads a local declared with the type of a service class
// whose value the walk cannot read (const users: UserService =
// req.scope.resolve("userService"), a container lookup) as an instance of
// that class, as a collaborator injected with that type is.
func (rc *ruleCtx) typedLocal(s *facts.Stmt, sc *scope) {
	an := s.Annotation()
	if an == nil || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName {
		return
	}
	name := s.Targets[0].Name()
	if v := sc.vars[name]; v != nil && v.kind != vUnknown && v.kind != vPlumbing {
		return
	}
	if obj := rc.injectedValue(sc.file, an, 0, nil); obj != nil {
		sc.vars[name] = obj
	}
}

// isAbort reports a call that ends the request with an error.
func (rc *ruleCtx) isAbort(e *facts.Expr, sc *scope) bool {
	if e.Kind != facts.ExprCall {
		return false
	}
	if catalog.MatchAny(rc.b.lang.AbortCalls, e.Resolved(), e.Raw()) && e.Raw() != "" {
		return true
	}
	return rc.raisingCall(e, sc)
}

// raisingCall reports a call of the service's own function, or of a
// method of the class (or of one of its bases) through its receiver,
// whose every way ends by raising: throwHTTPErr(err) (`function
// throwErr(m): never { throw new Error(m) }`), cls.reject_token()
// (saleor's ConfirmEmailChange, confirm_email_change.py:77-84, returned
// from at :100, :107, :114). Returning its value raises.
func (rc *ruleCtx) raisingCall(e *facts.Expr, sc *scope) bool {
	if e.Kind != facts.ExprCall || e.Raw() == "" {
		return false
	}
	if e.Method() == "" {
		fr := rc.b.ix.function(sc.file, e)
		return fr != nil && fr.class == nil && alwaysRaises(fr.fn.Body())
	}
	if sc.cls != nil && e.X != nil && rc.b.isReceiverExpr(e.X.X) {
		if cr := rc.b.ix.classes[sc.cls.QualName]; cr != nil {
			if fr := rc.b.ix.method(cr, e.Method()); fr != nil {
				return alwaysRaises(fr.fn.Body())
			}
		}
	}
	return false
}

// alwaysRaises reports a body that ends by raising and returns nowhere.
func alwaysRaises(body []facts.Stmt) bool {
	if n := len(body); n == 0 || body[n-1].Kind != facts.StmtRaise {
		return false
	}
	returns := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		returns = returns || s.Kind == facts.StmtReturn
		return !returns
	})
	return !returns
}

// issuesToken reports a call of a function of the service that encodes a
// token (catalog signed_tokens.encoders) in its own body.
func (rc *ruleCtx) issuesToken(v *facts.Expr, sc *scope) bool {
	if v.Kind != facts.ExprCall || v.Method() != "" {
		return false
	}
	fr := rc.b.ix.function(sc.file, v)
	return fr != nil && rc.b.encodesToken(fr.fn)
}

// bindLocal binds the local name to val, the value assigned to it; a
// lookup becomes a let or the parameter it stands for (bindLookup), and
// params holds before entries from before the value was read.
func (rc *ruleCtx) bindLocal(name string, val *value, before int, sc *scope, out *[]allium.Stmt, line int) {
	if val.kind == vLookup {
		q := val.q
		val = rc.bindLookup(name, val, sc, out, line)
		if val.kind == vEntity && val.param != "" {
			// The entity itself is the parameter: the id or secret
			// it was found by is not; the signed-in user it must
			// belong to stays (secretLookupFiltered), and so does the
			// entity, when a test inside the lookup's helper already
			// named it (rowsByIDParamExist).
			kept := rc.params[:before]
			for _, p := range rc.params[before:] {
				if rc.userVal != nil && p == rc.userVal.param || p == val.param ||
					slices.ContainsFunc(rc.body, func(s allium.Stmt) bool { return stmtMentions(s, p) }) {
					// Kept too: an input a precondition of the lookup's
					// reads (polar's get_by_organization_and_key: the key
					// names the row, and lk.organization = organization_id,
					// license_key/repository.py:29-42).
					kept = append(kept, p)
					continue
				}
				delete(rc.paramSet, p)
			}
			rc.params = kept
			rc.notePresentedSecrets(q, val.param)
		}
	}
	if val.kind == vNew && val.local == "" {
		val.local = name
	}
	rc.renameClashLet(val, name)
	rc.renameHelperBinding(val, name)
	sc.vars[name] = val
	rc.noteLocalComparison(name, val, rc.b.meta(sc.file, line))
}

func (rc *ruleCtx) isCreateCall(e *facts.Expr) bool {
	m := e.Method()
	return m != "" && catalog.MatchAny(rc.b.lang.PersistCalls, m) && m != "commit"
}

// truthCast reports bool(x): a call of a truth cast on one plain local.
func truthCast(v *facts.Expr, casts []string) bool {
	if v == nil || v.Kind != facts.ExprCall || len(v.Args()) != 1 || len(v.Keywords()) != 0 || v.Args()[0].Kind != facts.ExprName {
		return false
	}
	return catalog.MatchAny(casts, v.Resolved(), v.Raw())
}

// assign handles `x = v`, `obj.f = v`.
func (rc *ruleCtx) assign(t *facts.Expr, v *facts.Expr, sc *scope, out *[]allium.Stmt, line int) {
	switch t.Kind {
	case facts.ExprName:
		if strings.Contains(t.Name(), "error") && (v.Kind == facts.ExprList && len(v.Args()) == 0 ||
			v.Kind == facts.ExprCall && strings.Contains(facts.LastSegment(v.Raw()), "error")) {
			// errors = []: validation failures are collected, then the
			// request fails if any was.
			sc.vars[t.Name()] = &value{kind: vErrors}
			return
		}
		if slices.Contains(rc.b.lang.LoggerNames, t.Name()) {
			sc.vars[t.Name()] = &value{kind: vPlumbing} // logger = get_logger()
			return
		}
		if truth, ok := rc.storedTruth(v, sc); ok {
			// is_new = not bool(self.pk): known of the row
			// (new_row_tests.go), a flag its tests read as such.
			sc.vars[t.Name()] = exprValue(&allium.Lit{Kind: allium.LitBool, Text: strconv.FormatBool(truth)})
			return
		}
		before := len(rc.params)
		val := rc.eval(v, sc, out, false)
		if unreadValue(val) && v.Kind == facts.ExprBinary {
			val = &value{kind: vUnknown, src: v}
		}
		if val.kind == vEntity && truthCast(v, rc.b.lang.TruthCasts) {
			// is_signup = bool(user) (plane's adapter/base.py:299): the
			// local tests the row user holds; the row keeps its name.
			sc.vars[t.Name()] = val
			return
		}
		rc.bindLocal(t.Name(), val, before, sc, out, line)
		sc.vars[t.Name()] = rc.separateFetch(v, sc.vars[t.Name()])
		rc.notePreRead(t.Name(), sc, line)
	case facts.ExprList:
		if len(t.Args()) != 1 || t.Args()[0].Kind != facts.ExprName {
			rc.eval(v, sc, out, true)
			return
		}
		// const [user] = await findMany({filters}): the first row the
		// query finds, as a lookup finds it.
		before := len(rc.params)
		// Read as a statement: a call whose rows are not a query's is
		// noted as left out, as a destructuring of any other value is.
		val := rc.eval(v, sc, out, true)
		if val.kind == vQuery && val.q != nil {
			val = &value{kind: vLookup, ent: val.ent, q: val.q}
		} else {
			val = unknownValue
		}
		rc.bindLocal(t.Args()[0].Name(), val, before, sc, out, line)
	case facts.ExprDict:
		rc.destructure(t, v, sc, out, line)
	case facts.ExprTuple:
		if v.Kind == facts.ExprTuple && len(v.Args()) == len(t.Args()) {
			for i := range t.Args() {
				rc.assign(&t.Args()[i], &v.Args()[i], sc, out, line)
			}
			return
		}
		if rc.splitDomainAssign(t, v, sc, out) {
			return // _, domain = email.split("@", 1) (email_domains.go)
		}
		if rc.verifiedPairAssign(t, v, sc, out) {
			return // verified, new_hash = verify_password(p, user.hashed_password)
		}
		before := len(rc.params)
		rc.unpackTuple(t, v, rc.eval(v, sc, out, true), before, sc, out, line)
	case facts.ExprSubscript:
		if rc.sessionStoreWrite(t, v, sc, out, line) {
			return
		}
		obj := rc.eval(t.X, sc, out, false)
		if setDictKey(obj, t, v, sc) {
			return
		}
		if rc.setDictEntry(obj, t, v, sc) {
			return // extra_data["hashed_password"] = h, on a dict literal kept in a local
		}
		if obj.kind == vReqDict && t.Y != nil && t.Y.Kind == facts.ExprString {
			if obj.rewritten == nil {
				obj.rewritten = map[string]dictPart{}
			}
			obj.rewritten[t.Y.Value()] = dictPart{e: v, sc: sc}
			return
		}
		if attr := rc.knownKeyAttr(obj, t, sc); attr != nil {
			rc.assign(attr, v, sc, out, line) // user[key] = value, key a field's name
			return
		}
		if obj.kind == vMessage && t.Y != nil && t.Y.Kind == facts.ExprString {
			if x := rc.tr(v, sc, out); x != nil {
				if obj.headers == nil {
					obj.headers = map[string]allium.Expr{}
				}
				obj.headers[strings.ToLower(t.Y.Value())] = x
			}
			return
		}
		rc.eval(v, sc, out, true)
	default:
		// Other targets: the value may still have effects.
		rc.eval(v, sc, out, true)
	case facts.ExprAttr:
		if rc.sessionStoreAttr(t, v, out) {
			return
		}
		obj := rc.eval(t.X, sc, out, false)
		if v.Kind == facts.ExprCall && rc.b.isTokenEncoder(v.Resolved(), v.Raw()) || rc.issuesToken(v, sc) {
			if obj.kind == vUnknown && len(obj.parts) > 0 {
				// data.token = createToken(data, secret()) (umami's
				// share/[slug]/route.ts:48): the token is issued here,
				// its string kept in the object.
				rc.eval(v, sc, out, true)
				return
			}
		}
		if rc.setObjectEntry(obj, t, v, sc) {
			return
		}
		if obj.either != nil {
			rc.assignEither(obj, t, v, sc, out, line)
			return
		}
		if rc.unreadWrite(obj, t, sc, line) {
			return // a write to a value the walk could not read (unread_writes.go)
		}
		switch obj.kind {
		case vReqDict:
			// req.body.password = hash(req.body.password): the input,
			// read from here on, is the value set.
			if rc.inputSets == nil {
				rc.inputSets = map[string]*value{}
			}
			rc.inputSets[t.Name()] = rc.eval(v, sc, out, false)
			if rc.inputSetIn == nil {
				rc.inputSetIn = map[string]*scope{}
			}
			rc.inputSetIn[t.Name()] = sc
			return
		case vShape:
			// self.user = authenticate(...) in a form's clean: what the
			// form keeps, read back as form.user.
			rc.keepShapeAttr(obj, t.Name(), v, sc, out)
			return
		case vPlumbing:
			if obj.param == "" && sc.cls != nil && rc.b.isSelf(t.X) {
				// self.user = User.objects.get(pw_reset_token=...) in a
				// class-based view's dispatch: what the view keeps for
				// its handler, read back there as self.user; a row found
				// is bound as a local of that name would be.
				val := rc.eval(v, sc, out, false)
				if val.kind == vLookup && sc.top {
					val = rc.bindLookup(t.Name(), val, sc, out, line)
				} else if val.kind == vLookup {
					val = unknownValue // bound below the top level: not readable where kept
				}
				if obj.attrs == nil {
					obj.attrs = map[string]*value{}
				}
				obj.attrs[t.Name()] = val
				return
			}
		case vObject:
			// self.users = users in a constructor: what the object keeps.
			if obj.attrs == nil {
				obj.attrs = map[string]*value{}
			}
			if slices.Contains(rc.b.lang.LoggerNames, t.Name()) {
				obj.attrs[t.Name()] = &value{kind: vPlumbing} // self.logger = get_logger()
				return
			}
			obj.attrs[t.Name()] = keptDict(rc.eval(v, sc, out, false), v)
			return
		case vMessage:
			// msg.html = render_template(...): the template names the
			// message; msg.recipients = [...] addresses it.
			val := rc.eval(v, sc, out, false)
			if obj.headers == nil {
				obj.headers = map[string]allium.Expr{}
			}
			switch {
			case val.kind == vTemplate && obj.headers["template"] == nil:
				obj.headers["template"] = &allium.Ident{Name: val.param}
			case t.Name() == "recipients" || t.Name() == "to":
				if x := rc.tr(v, sc, out); x != nil {
					obj.headers["to"] = singleRecipient(x)
				}
			}
			return
		case vNew:
			ent := rc.b.entByName[obj.ent]
			f := ent.attrField(t.Name())
			if f == nil || f.drop {
				return
			}
			stated := len(*out)
			x := rc.tr(v, sc, out)
			if vx, ok := rc.validatedValue(ent, t.Name(), v, obj, sc, out); ok {
				// user.password = p on a new row whose model hashes it
				// (a save or insert hook, @validates), as for a stored one.
				x = vx
			}
			if x != nil && len(*out) > stated && obj.createdAt == out && obj.createdIx < stated && mentionsLetOf(x, (*out)[stated:]) {
				// organization.account = await account_service.create(
				// session) (polar's organization/service.py:398-403): the
				// value is a row made after this one, so it is no
				// argument of this one's creation, which the spec states
				// before the value's let; the field is set after both.
				if ref := rc.newRef(obj); ref != nil {
					f.used = true
					*out = append(*out, &allium.Assign{Meta: rc.b.meta(sc.file, line), Target: &allium.Member{X: ref, Name: f.name}, Value: x})
					return
				}
			}
			if x == nil {
				// account.role = isFirstAccount ? Role.Admin : Role.User
				// on a count the spec cannot state (express-signup-
				// verification's account.service.js:91): the creation
				// says less, and a note says so, never silently.
				rc.b.stats.EffectsSeen++
				rc.untranslated(sc, line, LeftOutValue, "the value assigned to a new "+obj.ent+"."+t.Name())
				if i := slices.IndexFunc(obj.args, func(a allium.Arg) bool { return a.Name == f.name }); i >= 0 && sc.top && computedValue(v) {
					// bundle.file_path = "" before, f"{bundle.slug}.zip"
					// now (paperless-ngx's build_share_link_bundle,
					// documents/tasks.py:734, 768): the value it had is
					// not the one it ends with; the creation leaves it out.
					// (In a branch, the rows built before the if settle
					// their fields when it ends: cond_fields.go.)
					obj.args = slices.Delete(obj.args, i, i+1)
					obj.restate()
				}
				return
			}
			x = rc.b.enumValue(f, x)
			if rc.assignStored(obj, ent, f, x, sc, out, line) {
				return // an update of the row written since (written_rows.go)
			}
			obj.noteUnsaved(f.name)
			obj.args = setArg(obj.args, f.name, x)
			obj.restate()
		case vEntity:
			ent := rc.b.entByName[obj.ent]
			if ent == nil {
				return
			}
			if fr := rc.b.setter(ent, t.Name()); fr != nil && (ent.attrs[t.Name()] == nil || ent.attrs[t.Name()].attr != t.Name()) {
				// user.password = p through a property setter.
				rc.inline(fr, obj, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{*v}, Line: line}), sc, out)
				return
			}
			if ent.attrField(t.Name()) == nil && rc.assignDocumentPaths(ent, obj.ent, t, v, sc, out, line) {
				return
			}
			if ent.attrField(t.Name()) == nil && hasAnyPrefix(t.Name(), rc.b.lang.TransientAttrPrefixes) {
				return // self._permissions_cache = None: a memo, no column
			}
			if ent.attrField(t.Name()) == nil && ent.plainAttrs[t.Name()] {
				// user.token = create_access_token(...) (flask-realworld's
				// user/views.py:23): a class attribute that is no column,
				// set for the answer; the store keeps nothing of it.
				rc.eval(v, sc, out, true)
				return
			}
			rc.b.stats.EffectsSeen++
			f := ent.attrField(t.Name()) // user.role = r: the key role_id, named role
			if f == nil || f.drop {
				rc.untranslated(sc, line, LeftOutField, "an assignment to "+obj.ent+"."+t.Name())
				return
			}
			x := rc.tr(v, sc, out)
			if vx, ok := rc.validatedValue(ent, t.Name(), v, obj, sc, out); ok {
				// user.password = p with @validates("password") that hashes.
				x = vx
			}
			if x == nil {
				// Noted for every field, one the spec drops unless a rule
				// uses it included: parse-server's expiry of the
				// verification token (UserController.js:55-58) is read by
				// the rule that resends it, and its write vanished unseen.
				rc.untranslated(sc, line, LeftOutValue, "the value assigned to "+obj.ent+"."+t.Name())
				rc.unreadFieldWrite(&allium.Member{X: obj.expr, Name: f.name})
				if rc.fieldsWritten[obj.ent+"."+f.name] && computedValue(v) {
					rc.superseded(out, &allium.Member{X: obj.expr, Name: f.name}, sc)
				}
				return
			}
			x = rc.b.enumValue(f, x)
			target := &allium.Member{X: obj.expr, Name: f.name}
			if exprKey(x) == exprKey(target) {
				// self.mobile_number = self.mobile_number (plane's
				// User.save, db/models/user.py:171): the field keeps its
				// value; there is nothing to state.
				return
			}
			if restated(*out, target, x) {
				return
			}
			timeField(f, x)
			f.used = true
			rc.touch(obj)
			a := &allium.Assign{Meta: rc.b.meta(sc.file, line), Target: target, Value: x}
			*out = append(*out, a)
			if rc.fieldsWritten == nil {
				rc.fieldsWritten = map[string]bool{}
			}
			rc.fieldsWritten[obj.ent+"."+f.name] = true
			rc.assigned[exprKey(target)] = x
			delete(rc.unreadWrites, exprKey(target))
			rc.assignedThrough(exprKey(target), obj)
			rc.rowChanged(obj, ent, out)
			if emptyValue(x) {
				rc.b.clearedFields = append(rc.b.clearedFields, clearedField{assign: a, ent: obj.ent})
			}
			rc.identityChanged(obj, ent, f.name, sc, out, line)
		}
	}
}

func setArg(args []allium.Arg, name string, x allium.Expr) []allium.Arg {
	for i := range args {
		if args[i].Name == name {
			args[i].Value = x
			return args
		}
	}
	return append(args, allium.Arg{Name: name, Value: x})
}

func exprKey(e allium.Expr) string { return allium.PrintConstruct(&allium.ExprStmt{X: e}) }

// bindLookup turns a lookup assigned to a local into `let x = E{...}`,
// or, when it looks an entity up by a secret or id, into a parameter: the
// caller names the entity itself.
// rowOfRule reports a value that names a row the rule found or made
// itself (a let of the scope, not an input of its trigger).
func rowOfRule(x allium.Expr, sc *scope) bool {
	id, ok := x.(*allium.Ident)
	if !ok {
		return false
	}
	for _, v := range sc.vars {
		if v != nil && (v.kind == vEntity || v.kind == vNew) && v.param == "" {
			if e, isIdent := v.expr.(*allium.Ident); isIdent && e.Name == id.Name {
				return true
			}
		}
	}
	return false
}

// heldRowOfOtherEntity is the row of another entity than ent a walked
// scope holds (a lookup's row, a loop's row, a caller's local) under the
// name x, when x is a name; nil otherwise. A lookup of an ent row by its
// id is then not the caller naming a row of its own: CTFd's
// PatchSubmission finds a submission by the id in its path and then
// Solves.query.filter_by(id=submission.id) (api/v1/submissions.py:187,
// 224-225), the solve the submission is, if any; two lookups, not one
// input row.
func heldRowOfOtherEntity(x allium.Expr, ent string, sc *scope) *value {
	id, ok := x.(*allium.Ident)
	if !ok {
		return nil
	}
	for s := sc; s != nil; s = s.caller {
		for _, k := range slices.Sorted(maps.Keys(s.vars)) {
			v := s.vars[k]
			if v != nil && (v.kind == vEntity || v.kind == vNew) && v.ent != "" && v.ent != ent {
				if e, isIdent := v.expr.(*allium.Ident); isIdent && e.Name == id.Name {
					return v
				}
			}
		}
	}
	return nil
}

// extendsEntity reports whether the model of entity child derives from
// the model of entity parent (joined-table inheritance, `class
// SolutionFiles(Files)` with a key to files.id, CTFd models/__init__.py):
// every child row is a parent row, under the same id.
func (b *builder) extendsEntity(child, parent string) bool {
	c, p := b.entByName[child], b.entByName[parent]
	if c == nil || p == nil || c == p {
		return false
	}
	cr := c.ref
	for depth := 0; cr != nil && depth < 8; depth++ {
		var next *classRef
		for i := range cr.class.Bases {
			base := b.ix.class(cr.file, &cr.class.Bases[i])
			if base == nil || base == cr {
				continue
			}
			if b.entByQual[base.qual()] == p {
				return true
			}
			if next == nil && b.entByQual[base.qual()] != nil {
				next = base
			}
		}
		cr = next
	}
	return false
}

func (rc *ruleCtx) bindLookup(name string, v *value, sc *scope, out *[]allium.Stmt, line int) *value {
	bn := bindingName(name)
	if bn == "" || v.q == nil {
		return unknownValue
	}
	q := v.q
	if rc.misusedTokenUser(q) {
		if rc.subjectLookups != nil {
			*rc.subjectLookups = append(*rc.subjectLookups, q)
			rc.untranslated(sc, line, LeftOutLookup, "the lookup of "+name)
			return unknownValue
		}
		// Outside a current-user dependency, the token carries the
		// field it is matched against: User{email: token.email}. (A
		// decode paired with the encoder that signs the address as
		// its subject reads token.email already, token_subjects.go;
		// this is for a decode no encoder is paired with.)
		q = rc.tokenCarriedFields(q)
	}
	bySecret := len(q.conds) > 0 && q.bad == 0
	for _, c := range q.conds {
		if !secretField(c.field) || c.op != allium.OpEq || isHashCall(c.val) || c.field != "id" && (rowOfRule(c.val, sc) || rc.storedField(c.val, sc)) {
			// A row found by the hash of the secret presented
			// (User{reset_token: hash(token)}) keeps its lookup: that the
			// secret is stored hashed is part of the behaviour. So does
			// one found by the keys of rows the rule holds already
			// (Follows{follower_id: follower_user}), or by a code a row
			// of the rule keeps (VoucherCode{code: order.voucher_code},
			// saleor's draft_order_complete.py:111-112): no caller
			// presents it. (A row read again by its own id is that row, below.)
			bySecret = false
		}
	}
	if len(q.conds) == 1 && q.conds[0].field == "id" && q.conds[0].op == allium.OpEq && q.bad == 0 {
		if held := heldRowOfOtherEntity(q.conds[0].val, q.ent, sc); held != nil {
			if rc.b.extendsEntity(held.ent, q.ent) {
				// delete_file(f.id) of a SolutionFiles row f, which
				// finds Files by that id (CTFd api/v1/solutions.py:
				// 249-251, utils/uploads/__init__.py): f itself.
				return held
			}
			bySecret = false
		}
	}
	ent := rc.b.entByName[q.ent]
	if one := rc.oneToOneLookup(q); one != nil {
		return one
	}
	if sv := rc.secretLookupFiltered(name, q, sc, line); sv != nil {
		return sv
	}
	if bySecret && len(q.conds) == 1 && q.conds[0].field == "id" {
		// session.get(User, token.user_id): the related entity itself.
		if m, ok := q.conds[0].val.(*allium.Member); ok {
			return &value{kind: vEntity, ent: q.ent, expr: m}
		}
	}
	if made := rc.createdRowByOwnID(q); bySecret && made != nil {
		return made
	}
	if id := rc.foundRowByOwnID(q); bySecret && id != nil {
		// retrieve(user.id) of a user the rule already found: that row.
		return &value{kind: vEntity, ent: q.ent, expr: id}
	}
	if held := heldRowByOwnID(q, sc); bySecret && held != nil {
		return held
	}
	if held := rc.heldRowByOwnKey(q, sc); held != nil {
		return held
	}
	if bySecret {
		if u := rc.signedInRow(q); u != nil {
			return u
		}
		if id, ok := q.conds[0].val.(*allium.Ident); ok && len(q.conds) == 1 && q.conds[0].field == "id" && id.Name != bn {
			if prior := rc.idParams[id.Name].row; prior != "" && rc.idParams[id.Name].ent == q.ent {
				// findOne({where: {id}}) and then update(id, ...): the row
				// the input id named before.
				return &value{kind: vEntity, ent: q.ent, expr: &allium.Ident{Name: prior}, param: prior}
			}
			// User.query.get(user_id): the input id stands for user.
			if rc.unrolling > 0 {
				// A row a loop walked once per value finds, bound to the
				// same local each time (check_fk_ownership's obj, wger's
				// utils/viewsets.py:51, once for a routine and once for a
				// day): named by the input that names it, or else by its
				// entity, the rows stay apart.
				bn = rc.unrolledRowName(bn, id.Name, q.ent)
			}
			if sc.top {
				// A row found on every path (not in a branch, where
				// lookups by different ids are alternatives for one row).
				bn = rc.idRowName(bn, id.Name)
			}
			rc.noteIDParam(id.Name, bn, q.ent)
			if sc.top {
				p := rc.idParams[id.Name]
				p.everyPath = true
				rc.idParams[id.Name] = p
			}
			rc.yieldSignedInName(bn)
		} else if len(q.conds) == 1 && q.conds[0].field == "id" && q.conds[0].val == nil && bn == snake(lastWord(q.ent)) && rc.idParams[bn+"_id"].row == "" {
			// Project.objects.filter(id=project_id).first(), project_id
			// read from the body or else the instance (plane
			// api/serializers/cycle.py:62-69): a key the walk could not
			// read, so the row is the one the request names; an input
			// project_id, if the rule has one, names it too, and is
			// merged into it at finish rather than carried beside it.
			if rc.unreadKeyRows == nil {
				rc.unreadKeyRows = map[string]string{}
			}
			rc.unreadKeyRows[bn+"_id"] = bn
		}
		if len(q.conds) == 1 {
			rc.noteTokenColumnLookup(bn, ent, q, q.conds[0], sc, line)
		}
		rc.boundInHelper(bn, sc)
		if q.mustExist && sc.top {
			// A global-id lookup helper that raises when no row is
			// found (global_node_helpers.go), followed as code, stated
			// its guard `if node is None: raise` as this; read as the
			// lookup, it says so here.
			rc.requires(&allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: bn}}, sc, line)
		}
		return &value{kind: vEntity, ent: q.ent, expr: &allium.Ident{Name: bn}, param: bn, mustExist: q.mustExist}
	}
	if u := rc.signedInRowFiltered(q, sc, line); u != nil {
		return u
	}
	if r := rc.idParamRowFiltered(q, bn, sc, line); r != nil {
		return r
	}
	if r := rc.inputIDRowFiltered(name, q, sc, out, line); r != nil {
		return r
	}
	if v := rc.relatedScoped(q, sc, line); v != nil {
		return v
	}
	if made := rc.createdRow(q); made != nil {
		return made
	}
	if q.bad == 0 && rc.keyedByNewRow(q) {
		// A lookup by a row this rule creates of rows it did not make:
		// a let reads the state before the rule, where the row is not
		// there to refer to, so the join would name a row before it
		// exists.
		rc.untranslated(sc, line, LeftOutLookup, "the lookup of "+name+" by a row the rule creates")
		return leftOutRow
	}
	var firstOf allium.Expr
	if one := oneValueAlternatives(q); one != nil {
		q = one
	} else {
		firstOf = rc.b.firstAlternativeRow(q) // query.go
	}
	if ent == nil || q.bad > 0 && firstOf == nil {
		rc.untranslated(sc, line, LeftOutLookup, "the lookup of "+name)
		return leftOutRow
	}
	j := firstOf
	if j == nil {
		j = rc.b.join(q)
	}
	var compared []qcond
	if j == nil {
		// User.findOne({token, expires: {$gt: Date.now()}}): the row with
		// that token, whose expires must be after now.
		var keys *query
		if keys, compared = splitComparisons(q); keys != nil {
			j = rc.b.join(keys)
		}
	}
	if j == nil {
		j = rc.b.firstPresentRow(q)
	}
	if j == nil && q.scoped == 0 {
		rc.untranslated(sc, line, LeftOutLookup, "the lookup of "+name)
		return leftOutRow
	}
	if q.scoped > 0 {
		// (join refuses such a query too, for its other readers.) The
		// query also holds the row to a scope the spec cannot name
		// (a key compared with a value the walk could not read): polar's
		// customer portal finds an order by its id among the signed-in
		// customer's only, get_readable_statement adding
		// .where(Order.customer_id == get_customer_id(auth_subject))
		// (customer_portal/repository/order.py:35-40, service/order.py:
		// 129-135). The join without it, Order{deleted_at: null, id},
		// would find any customer's order: a rule stating it would let
		// one customer update another's, so the lookup is left out.
		rc.untranslated(sc, line, LeftOutLookup, "the lookup of "+name+", which the code holds to a scope the spec cannot state,")
		return leftOutRow
	}
	clash := false
	if rc.b.isEnumLiteral(bn) {
		bn, clash = rc.b.enumClashName(bn, q.ent), true
	}
	if rc.lets[bn] || rc.paramSet[bn] {
		bn, clash = bn+"_"+itoa(len(rc.lets)+1), true
	}
	rc.lets[bn] = true
	rc.boundInHelper(bn, sc)
	if clash && sc.top {
		if rc.clashLets == nil {
			rc.clashLets = map[string]bool{}
		}
		rc.clashLets[bn] = true
	}
	let := &allium.Let{Meta: rc.b.meta(sc.file, line), Name: bn, Value: j}
	if sc.top {
		rc.body = append(rc.body, let)
	} else {
		*out = append(*out, let)
		if sc.under != nil {
			if rc.branchJoins == nil {
				rc.branchJoins = map[string]allium.Expr{}
			}
			rc.branchJoins[bn] = j
		}
	}
	found := &value{kind: vEntity, ent: q.ent, expr: &allium.Ident{Name: bn}, foundBy: q}
	if len(compared) > 0 {
		row := &comparedRow{name: name, sc: sc, line: line}
		for _, c := range compared {
			if c.member != nil {
				x := c.member.exists(found.expr, c)
				row.conds = append(row.conds, x)
				row.members = append(row.members, x)
				continue
			}
			row.conds = append(row.conds, &allium.Binary{Op: c.op, X: &allium.Member{X: found.expr, Name: c.field}, Y: c.val})
		}
		if rc.comparedRows == nil {
			rc.comparedRows = map[string]*comparedRow{}
		}
		rc.comparedRows[bn] = row
	}
	if q.required && sc.top {
		// first_or_404(): no row ends the request.
		rc.requires(&allium.Unary{Op: allium.OpExists, X: found.expr}, sc, line)
	}
	rc.branchRequiredLookup(q, j, sc, line)
	if v.expr != nil && sc.top {
		// authenticate(email=e, password=p): found by the credentials
		// only when the password matches.
		if f := rc.b.passwordField(q.ent); f != nil {
			f.used = true
			rc.body = append(rc.body, &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: &allium.Call{
				Fun: &allium.Ident{Name: "verify"}, Args: []allium.Arg{{Value: v.expr}, {Value: &allium.Member{X: found.expr, Name: f.name}}}}})
		}
		rc.authenticateActive(found, sc, line)
	}
	return found
}

// enumClashName names the let of a row of ent whose variable, bn, is an
// enum literal of the service (a binding of that name would read as the
// literal): the variable with the entity's word after it (admin_user).
// When the variable is that word itself (user, where a role is user), that
// would say it twice (user_user): the entity's full name when it has more
// words (auth_user), else the row as the lookup found it (found_user).
func (b *builder) enumClashName(bn, ent string) string {
	word := lastWord(ent)
	if bn != word {
		return bn + "_" + word
	}
	if full := snake(ent); full != bn && !b.isEnumLiteral(full) {
		return full
	}
	return "found_" + bn
}

// comparedRow is the comparisons a lookup's filter made of the row it
// found, waiting for the rule to require the row.
type comparedRow struct {
	name  string // the local the code binds the row to
	conds []allium.Expr
	// members: those of conds that ask for a related row
	// (member_rows.go), which a test of the row's presence states too.
	members []allium.Expr
	// tested: a presence test stated members (no note when unrequired).
	tested bool
	sc     *scope
	line   int
}

// requireComparisons states the comparisons of the row cond requires
// to exist (requires: exists user), before that requirement: only a
// request that fails without the row fails when the row fails them.
func (rc *ruleCtx) requireComparisons(cond allium.Expr) {
	u, ok := cond.(*allium.Unary)
	if !ok || u.Op != allium.OpExists {
		return
	}
	id, ok := u.X.(*allium.Ident)
	if !ok || rc.comparedRows[id.Name] == nil {
		return
	}
	row := rc.comparedRows[id.Name]
	delete(rc.comparedRows, id.Name)
	for _, c := range row.conds {
		rc.b.stats.GuardsSeen++
		rc.requires(c, row.sc, row.line)
	}
}

// unrequiredComparisons notes the comparisons of rows the rule never
// required: the code goes on without such a row, so they are no
// preconditions, and the lookup states only its keys.
func (rc *ruleCtx) unrequiredComparisons() {
	for _, bn := range slices.Sorted(maps.Keys(rc.comparedRows)) {
		row := rc.comparedRows[bn]
		if row.tested && len(row.members) == len(row.conds) {
			continue // every condition was stated where the row was tested
		}
		rc.untranslated(row.sc, row.line, LeftOutLookup, "a comparison in the lookup of "+row.name)
		if row.sc != nil && row.sc.file != nil {
			if rc.b.partialLookups == nil {
				rc.b.partialLookups = map[string]bool{}
			}
			rc.b.partialLookups[row.sc.file.Path+":"+strconv.Itoa(row.line)] = true
		}
	}
	rc.comparedRows = nil
}

// splitComparisons parts a lookup into its equalities, which find the
// row, and its ordering comparisons of the row's own fields (expires >
// now), which the row found must pass: the request that needs the row
// fails alike when none has the keys and when the one that has them fails
// a comparison. nil keys when q has no such parts.
func splitComparisons(q *query) (*query, []qcond) {
	keys := *q
	keys.conds = nil
	var compared []qcond
	for _, c := range q.conds {
		switch {
		case c.member != nil:
			// Project.objects.get(code=c, member__user=u): the project
			// with that code, which u must be a member of.
			compared = append(compared, c)
		case c.op == allium.OpLt || c.op == allium.OpLe || c.op == allium.OpGt || c.op == allium.OpGe:
			if c.val == nil || len(c.path) > 0 || c.orNull || c.many {
				return nil, nil
			}
			compared = append(compared, c)
		default:
			keys.conds = append(keys.conds, c)
		}
	}
	if len(compared) == 0 || len(keys.conds) == 0 {
		return nil, nil
	}
	return &keys, compared
}

// foundRowByOwnID is the row the rule already found (let user =
// User{...}) when q looks a row of its entity up by that row's id
// (retrieve(user.id)); nil otherwise.
func (rc *ruleCtx) foundRowByOwnID(q *query) *allium.Ident {
	if q == nil || q.bad > 0 || len(q.conds) != 1 || q.conds[0].field != "id" || q.conds[0].op != allium.OpEq {
		return nil
	}
	id, ok := q.conds[0].val.(*allium.Ident)
	if !ok || !rc.lets[id.Name] {
		return nil
	}
	if l := rc.ruleLet(id.Name); l != nil && rowLookupOf(l.Value, q.ent) {
		return id
	}
	return nil
}

// superseded notes that the code writes over target now with a value the
// spec cannot state: an earlier assignment to it nothing since may have
// read or changed is not the value the row ends with. The later value
// left out has a note.
func (rc *ruleCtx) superseded(out *[]allium.Stmt, target allium.Expr, sc *scope) {
	// A mark, settled with the rule's outcomes (dropSuperseded), when
	// the rows are named as the rule names them: the view's
	// share_link_bundle is the task's bundle then.
	*out = append(*out, &allium.Assign{Meta: rc.b.meta(sc.file, 0), Target: target, Value: &allium.Ident{Name: writtenOver}})
}

// computedValue says whether v computes a value (f"{bundle.slug}.zip",
// final_path.stat().st_size) rather than naming one: a name the walk
// cannot read (self.can_invite = can_invite, a keyword spread from the
// row itself) may hold the very value the field had, so it does not
// write over it.
func computedValue(v *facts.Expr) bool {
	for v != nil && v.Kind == facts.ExprAttr {
		v = v.X
	}
	return v != nil && v.Kind != facts.ExprName
}

// writtenOver marks an assignment whose value the spec leaves out: no
// name of the language, never printed.
const writtenOver = "\x00written over"

func isWrittenOver(st allium.Stmt) bool {
	a, ok := st.(*allium.Assign)
	if !ok {
		return false
	}
	id, ok := a.Value.(*allium.Ident)
	return ok && id.Name == writtenOver
}

// supersededAt is the index in block, before end, of the last assignment
// to the target whose key is k, when no statement after it up to end is
// an if or a loop or names k; -1 when there is none.
func supersededAt(block []allium.Stmt, end int, k string) int {
	for i := end - 1; i >= 0; i-- {
		switch st := block[i].(type) {
		case *allium.If, *allium.For:
			return -1
		case *allium.Assign:
			if exprKey(st.Target) == k {
				return i
			}
		}
		if namesField(allium.PrintConstruct(block[i]), k) {
			return -1 // read since: user.a = 1; other.b = user.a
		}
	}
	return -1
}

// namesField says whether text names k (a row's field, user.email) as a
// whole: user.email_verified is another field.
func namesField(text, k string) bool {
	word := func(c byte) bool {
		return c == '_' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	for from := 0; ; {
		i := strings.Index(text[from:], k)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(k)
		if (i == 0 || !word(text[i-1])) && (end == len(text) || !word(text[end]) || text[end] == '.') {
			return true
		}
		from = i + 1
	}
}

// dropSuperseded keeps, of two assignments to one field in one block,
// the later: the row ends with it, and the post-state states one value.
// paperless-ngx's rebuild sets the bundle's status pending, and the task
// it starts processing, then ready (documents/views.py:4572,
// tasks.py:730, 770). An if or a loop between them, or a statement that
// mentions the field, keeps both. Nested blocks are settled alike.
func dropSuperseded(block []allium.Stmt) []allium.Stmt {
	for i := 0; i < len(block); i++ {
		switch st := block[i].(type) {
		case *allium.If:
			before, after := len(st.Else), 0
			for j := range st.Branches {
				before += len(st.Branches[j].Body)
				st.Branches[j].Body = dropSuperseded(st.Branches[j].Body)
				after += len(st.Branches[j].Body)
			}
			st.Else = dropSuperseded(st.Else)
			if after += len(st.Else); before > 0 && after == 0 {
				// Every branch held only writes the spec leaves out.
				block = slices.Delete(block, i, i+1)
				i--
			}
		case *allium.For:
			st.Body = dropSuperseded(st.Body)
		case *allium.Assign:
			if k := exprKey(st.Target); !namesField(exprKey(st.Value), k) {
				// n.count = n.count + 1 twice adds two: the later reads
				// the earlier.
				if at := supersededAt(block, i, k); at >= 0 {
					block = slices.Delete(block, at, at+1)
					i--
				}
			}
		}
	}
	return slices.DeleteFunc(block, isWrittenOver)
}

// restated reports that the last assignment to target in block gives it
// x already: mealie's update_password sets self.user.password =
// hash_password(...) and hands the same value to the repository, whose
// update_password stores it on the row again (routes/users/crud.py:96-98,
// repos/repository_users.py:19-27, db/models/users/users.py:189-190).
// Stating the outcome twice says nothing more.
func restated(block []allium.Stmt, target, x allium.Expr) bool {
	k := exprKey(target)
	for i := len(block) - 1; i >= 0; i-- {
		switch st := block[i].(type) {
		case *allium.If, *allium.For:
			return false // it may have set target otherwise since
		case *allium.Assign:
			if exprKey(st.Target) == k {
				return exprKey(st.Value) == exprKey(x)
			}
		}
	}
	return false
}

// heldRowByOwnID is the row a walked scope holds (a loop's row, a
// caller's local) when q looks a row of its entity up by that row's id:
// mealie's ShoppingListService.remove_recipe_ingredients_from_list
// deletes self.list_refs.delete(recipe_ref.id) for a recipe_ref of the
// list it loops over (services/household_services/shopping_lists.py:
// 480-486), which the generic repository's delete finds again by that id
// (_query_one, repos/repository_generic.py:242). The row is recipe_ref,
// not a row the request names by an id of its own. nil otherwise.
func heldRowByOwnID(q *query, sc *scope) *value {
	if q == nil || q.bad > 0 || len(q.conds) != 1 || q.conds[0].field != "id" || q.conds[0].op != allium.OpEq {
		return nil
	}
	id, ok := q.conds[0].val.(*allium.Ident)
	if !ok {
		return nil
	}
	for s := sc; s != nil; s = s.caller {
		v := s.vars[id.Name]
		if v == nil || v.kind != vEntity || v.ent != q.ent || v.param != "" {
			continue
		}
		if x, isIdent := v.expr.(*allium.Ident); isIdent && x.Name == id.Name {
			return v
		}
	}
	return nil
}

// heldRowByOwnKey is the row a walked scope holds when q looks a row of
// its entity up by the value of a column kept unique read from that row
// (rowByUniqueKey): mealie's reset_password deletes
// self.db.tokens_pw_reset.delete(token_entry.token)
// (services/user_services/password_reset_service.py:69), which the
// generic repository finds again by its key, the token column
// (repos/repository_generic.py:242, repository_factory.py:82,186), kept
// unique (db/models/users/password_reset.py:18): the row deleted is
// token_entry, whatever the local the repository's delete names it. nil
// otherwise.
func (rc *ruleCtx) heldRowByOwnKey(q *query, sc *scope) *value {
	x, ok := rc.b.rowByUniqueKey(q).(*allium.Ident)
	if !ok {
		return nil
	}
	for s := sc; s != nil; s = s.caller {
		for _, k := range slices.Sorted(maps.Keys(s.vars)) {
			v := s.vars[k]
			if v == nil || v.kind != vEntity || v.ent != q.ent {
				continue
			}
			if id, isIdent := v.expr.(*allium.Ident); isIdent && id.Name == x.Name {
				return v
			}
		}
	}
	return nil
}

// rowLookupOf reports x a lookup of a row of ent: a join, or the first of
// several (User{username} ?? User{email}, firstAlternativeRow).
func rowLookupOf(x allium.Expr, ent string) bool {
	switch x := x.(type) {
	case *allium.Join:
		return x.Entity == ent
	case *allium.Binary:
		return x.Op == allium.OpCoalesce && rowLookupOf(x.X, ent) && rowLookupOf(x.Y, ent)
	}
	return false
}

// signedInRow is the signed-in user when q looks up the row of its own
// id (kutt's update({id: req.user.id}, ...) into query.first()): the row
// found is that user, not an input id standing for another; nil
// otherwise.
func (rc *ruleCtx) signedInRow(q *query) *value {
	u := rc.userVal
	if u == nil || u.kind != vEntity || u.ent != q.ent || len(q.conds) != 1 || q.conds[0].field != "id" {
		return nil
	}
	id, ok := q.conds[0].val.(*allium.Ident)
	uid, isIdent := u.expr.(*allium.Ident)
	if !ok || !isIdent || id.Name != uid.Name {
		return nil
	}
	return u
}

// signedInRowFiltered is the signed-in user when q looks up the row of
// its own id with filters on the row's columns besides (umami's
// getUser(auth.user.id), whose findUser adds deletedAt: null): the row is
// that user, and each filter is a precondition on it (requires:
// current_user.deleted_at = null), since no row found ends the request.
// Only filters that compare a column with a literal qualify; nil
// otherwise.
func (rc *ruleCtx) signedInRowFiltered(q *query, sc *scope, line int) *value {
	u := rc.userVal
	if u == nil || u.kind != vEntity || u.ent != q.ent || len(q.conds) < 2 || q.bad > 0 || q.via != nil || len(q.alts) > 0 || len(q.anyOf) > 0 {
		return nil
	}
	uid, isIdent := u.expr.(*allium.Ident)
	if !isIdent {
		return nil
	}
	filters, ok := byIDWithFixed(q, func(id *allium.Ident) bool { return id.Name == uid.Name })
	if !ok {
		return nil
	}
	for _, c := range filters {
		rc.requires(condExpr(&allium.Ident{Name: uid.Name}, c), sc, line)
	}
	return u
}

// idParamRowFiltered reads a lookup of the row an input id names with
// fixed values of its other fields (umami's getUser(userId): findUnique
// where {id: userId, deletedAt: null}, bound to user) as that row, the
// trigger's parameter the id stands for (merged at finish, idParams),
// whose fields must hold those values: requires user.deleted_at = null.
// nil for any other lookup, or when the local is named otherwise.
func (rc *ruleCtx) idParamRowFiltered(q *query, bn string, sc *scope, line int) *value {
	n := snake(lastWord(q.ent))
	if bn != n || len(q.conds) < 2 || q.bad > 0 || q.via != nil || len(q.alts) > 0 || len(q.anyOf) > 0 {
		return nil
	}
	id := n + "_id"
	filters, ok := byIDWithFixed(q, func(x *allium.Ident) bool { return x.Name == id && rc.paramSet[id] })
	if !ok || rc.paramSet[n] && rc.idParams[id].row != n || rc.lets[n] {
		return nil
	}
	rc.noteIDParam(id, n, q.ent)
	rc.useParam(n)
	for _, c := range filters {
		rc.requires(condExpr(&allium.Ident{Name: n}, c), sc, line)
	}
	return &value{kind: vEntity, ent: q.ent, expr: &allium.Ident{Name: n}, param: n}
}

// inputIDRowFiltered reads a lookup of the row an input id names that
// also tests a related row (get(id=application_id) after
// exclude(workspace__trashed=True)), under any local name and for an id
// of any name (get_application(builder_id), whose helper binds
// application): the row the id names, read as a lookup by that id alone
// is, and each test a precondition on it, since no row found ends the
// request. idParamRowFiltered reads the lookups whose tests are all of
// the row's own fields; nil for any other lookup.
func (rc *ruleCtx) inputIDRowFiltered(name string, q *query, sc *scope, out *[]allium.Stmt, line int) *value {
	if len(q.conds) < 2 || q.bad > 0 || q.via != nil || len(q.alts) > 0 || len(q.anyOf) > 0 {
		return nil
	}
	filters, ok := byIDWithFixed(q, func(x *allium.Ident) bool { return rc.paramSet[x.Name] })
	if !ok || !slices.ContainsFunc(filters, func(c qcond) bool { return len(c.path) > 0 }) {
		return nil
	}
	byID := *q
	byID.conds = slices.DeleteFunc(slices.Clone(q.conds), func(c qcond) bool { return c.field != "id" || len(c.path) > 0 })
	row := rc.bindLookup(name, &value{kind: vLookup, ent: q.ent, q: &byID}, sc, out, line)
	id := entityIdent(row)
	if id == nil {
		return nil
	}
	for _, c := range filters {
		rc.requires(condExpr(&allium.Ident{Name: id.Name}, c), sc, line)
	}
	return row
}

// byIDWithFixed splits the conditions of a lookup that finds one row by
// its id (the one condition id = x with isID(x)) and tests of its other
// fields against literals (deleted_at = null), or of a related row's
// (exclude(workspace__trashed=True): the workspace, if any, is not
// trashed): the latter, and whether the lookup is such. Each test is one
// condExpr can write on the row found; a lookup with any other is not
// such.
func byIDWithFixed(q *query, isID func(*allium.Ident) bool) ([]qcond, bool) {
	byID := 0
	var filters []qcond
	for _, c := range q.conds {
		if id, ok := c.val.(*allium.Ident); ok && c.field == "id" && c.op == allium.OpEq && len(c.path) == 0 && !c.orNull && !c.noRelated && isID(id) {
			byID++
			continue
		}
		if c.many || c.fold || c.member != nil || len(c.path) > 1 || len(c.path) == 1 && c.path[0] == "count" {
			return nil, false
		}
		if _, lit := c.val.(*allium.Lit); !lit {
			return nil, false
		}
		if len(c.path) == 0 && c.op != allium.OpEq {
			// Kept as before: an inequality on the row's own field is
			// not one this reading has been checked against.
			return nil, false
		}
		filters = append(filters, c)
	}
	return filters, byID == 1
}

// renameClashLet names a row found by a helper after the caller's
// variable: org = get_by_slug_or_raise(slug=organization) finds the row
// under the helper's local `organization`, which the slug input already
// names, and the let the lookup got (organization_3) reads better as org.
// Only a let made at the rule's top level with a suffixed name is renamed,
// and only to a name nothing else in the rule uses.
func (rc *ruleCtx) renameClashLet(val *value, name string) {
	id := entityIdent(val)
	if id == nil || !rc.clashLets[id.Name] {
		return
	}
	bn := bindingName(name)
	if bn == "" || bn == id.Name || rc.lets[bn] || rc.paramSet[bn] || rc.b.isEnumLiteral(bn) {
		return
	}
	if rc.renameLet(id.Name, bn) {
		delete(rc.clashLets, id.Name)
		id.Name = bn // the value's own name, if no clause shares it
	}
}

// entityIdent is the name an entity value goes by (a let or a
// parameter), nil for any other value.
func entityIdent(val *value) *allium.Ident {
	if val == nil || val.kind != vEntity {
		return nil
	}
	id, _ := val.expr.(*allium.Ident)
	return id
}

// isHashCall reports whether x is hash(...) of some value.
func isHashCall(x allium.Expr) bool {
	c, ok := x.(*allium.Call)
	return ok && calls(c, "hash")
}

// renameLet renames the top-level let from, and the rule's references to
// it, to bn; false when the rule has no such let.
func (rc *ruleCtx) renameLet(from, bn string) bool {
	let := rc.ruleLet(from)
	if let == nil {
		return false
	}
	let.Name = bn
	renameIdent(rc, from, bn)
	delete(rc.lets, from)
	rc.lets[bn] = true
	return true
}

// ruleLet is the rule-level let of name (the last, if rebound), or nil.
func (rc *ruleCtx) ruleLet(name string) *allium.Let {
	var let *allium.Let
	for _, s := range rc.body {
		if l, ok := s.(*allium.Let); ok && l.Name == name {
			let = l
		}
	}
	return let
}

// boundInHelper notes that the let or parameter bn names a row a helper
// found (renameHelperBinding).
func (rc *ruleCtx) boundInHelper(bn string, sc *scope) {
	if !sc.inlined {
		return
	}
	if rc.helperBindings == nil {
		rc.helperBindings = map[string]bool{}
	}
	rc.helperBindings[bn] = true
}

// renameHelperBinding names a row that a helper found under a local of
// its own not naming the entity (a base repository's findOne keeps it in
// data), or naming it among other words, after the caller's variable,
// which does (const user = await
// this.userRepository.findById(id)): the let, or the entity parameter a
// lookup by id made, and the rule's references to it.
func (rc *ruleCtx) renameHelperBinding(val *value, name string) {
	id := entityIdent(val)
	if id == nil || !rc.helperBindings[id.Name] {
		return
	}
	from, bn, word := id.Name, bindingName(name), snake(rc.b.entityWord(val.ent))
	// A helper's local that names the entity among other words
	// (crud.get_user_by_email's session_user) gives way to a caller's that
	// is the entity's plain name (user); one that names it alone stays.
	plainCaller := bn == word && from != word
	if bn == "" || strings.Contains(from, word) && !plainCaller || !strings.Contains(bn, word) || rc.lets[bn] || rc.paramSet[bn] || rc.b.isEnumLiteral(bn) {
		return
	}
	if rc.idRowTaken(bn, "") {
		// Another input id stands for a row of that name (idRowName):
		// this row keeps its own.
		return
	}
	switch {
	case rc.lets[from]:
		if !rc.renameLet(from, bn) {
			return
		}
	case val.param == from:
		val.param = bn
		if i := slices.Index(rc.params, from); i >= 0 {
			rc.params[i] = bn
		}
		if rc.paramSet[from] {
			delete(rc.paramSet, from)
			rc.paramSet[bn] = true
		}
		for id, stands := range rc.idParams {
			if stands.row == from {
				rc.idParams[id] = idParam{row: bn, ent: stands.ent, everyPath: stands.everyPath} // the input id now stands for bn
			}
		}
		renameIdent(rc, from, bn)
	default:
		return
	}
	delete(rc.helperBindings, from)
	id.Name = bn
}

// fieldEnumLiteral reports a condition comparing a field typed by an
// enum of the spec with one of that enum's members (status = succeeded):
// a state of the row, not a row or an input it names.
func (b *builder) fieldEnumLiteral(entity string, c qcond) bool {
	id, ok := c.val.(*allium.Ident)
	ent := b.entByName[entity]
	if !ok || ent == nil {
		return false
	}
	f := ent.field(c.field)
	if f == nil || f.typ == nil {
		return false
	}
	for _, en := range b.enumList {
		if en.name == f.typ.Name && slices.Contains(en.order, id.Name) {
			return true
		}
	}
	return false
}

// join writes a query's equality conditions as Entity{field: value}.
func (b *builder) join(q *query) allium.Expr {
	if q.anyOf != nil {
		if q.via != nil {
			return nil
		}
		// The other equalities narrow the rows searched, each given by
		// name: user_by_email_or_username(identifier, provider: "local").
		args := []allium.Arg{{Value: q.anyVal}}
		for _, c := range q.conds {
			if c.op != allium.OpEq || c.val == nil || len(c.path) > 0 || c.orNull || c.many {
				return nil
			}
			args = append(args, allium.Arg{Name: c.field, Value: c.val})
		}
		return &allium.Call{Fun: &allium.Ident{Name: snake(q.ent) + "_by_" + strings.Join(q.anyOf, "_or_")}, Args: args}
	}
	if q.via != nil || len(q.conds) == 0 {
		return nil
	}
	if q.scoped > 0 {
		// Scoping the spec cannot name was left out: what is left names
		// other rows. When it names no row, only a state (deleted_at =
		// null), polar's get_by_dispute(dispute.id) of a dispute the
		// walk could not read (support_case/repository.py:298-302) read
		// as any case; when it names one by a key unique only within the
		// scope, mealie's User.update looked the household up by name
		// across every group (Household.name == household,
		// Household.group_id == self.group.id, db/models/users/
		// users.py:172-180), and polar's customer create required no
		// customer of any organization to hold the external id
		// (customer/repository.py:204-211).
		return nil
	}
	if slices.ContainsFunc(q.conds, func(c qcond) bool { return c.fold }) {
		return foldedLookup(q) // keyed_lookups.go
	}
	if x := b.oneToOneSide(q); x != nil {
		return x
	}
	j := &allium.Join{Entity: q.ent}
	for _, c := range q.conds {
		if len(c.path) > 0 {
			// Profile{user: User{username}}: through a foreign key.
			jf := b.pathJoinField(q, c)
			if jf == nil {
				return nil
			}
			j.Fields = append(j.Fields, *jf)
			continue
		}
		if c.op != allium.OpEq || c.val == nil || c.orNull || isRowField(c.val) {
			return nil
		}
		jf := allium.JoinField{Name: c.field, Value: c.val}
		if id, ok := c.val.(*allium.Ident); ok && id.Name == c.field {
			jf.Value = nil
		}
		j.Fields = append(j.Fields, jf)
	}
	return j
}

// oneToOneSide reads a lookup by a one-to-one foreign key whose other
// side the spec declares (OrganizationOwner{organization: o}, with
// Organization.owner: OrganizationOwner with organization = this) as that
// side: o.owner. nil for any other lookup.
func (b *builder) oneToOneSide(q *query) allium.Expr {
	if len(q.conds) != 1 {
		return nil
	}
	c := q.conds[0]
	ent := b.entByName[q.ent]
	if ent == nil || len(c.path) > 0 || c.op != allium.OpEq || c.val == nil || c.orNull || isRowField(c.val) {
		return nil
	}
	f := ent.attrs[c.field]
	if f == nil || f.drop || f.fkEntity == "" || b.entByName[f.fkEntity] == nil {
		return nil
	}
	for _, r := range b.entByName[f.fkEntity].rels {
		w, ok := r.With.(*allium.Binary)
		if !ok || r.Entity != q.ent || !b.singleRels[f.fkEntity+"."+r.Name] || w.Op != allium.OpEq {
			continue
		}
		if id, ok := w.X.(*allium.Ident); ok && id.Name == f.name {
			return &allium.Member{X: c.val, Name: r.Name}
		}
	}
	return nil
}

// created emits Entity.created(...) for a constructed instance.
func (rc *ruleCtx) created(v *value, out *[]allium.Stmt, line int) {
	if v.done {
		return
	}
	v.done = true
	rc.made = append(rc.made, v)
	rc.b.stats.EffectsSeen++
	if !v.partial {
		// The defaults hold for the fields the values leave out; values
		// read only in part may set any of them.
		v.args = withoutDefaultsOf(rc.withColumnDefaults(v.ent, v.args), len(v.args), v.spreadKeys)
	}
	v.args = rc.defaultAbsentInputs(v.ent, v.args)
	call := &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: v.ent}, Name: "created"}, Args: v.args}
	rc.b.holdPlumbing(call, v.held)
	for _, a := range v.args {
		if e := rc.b.entByName[v.ent]; e != nil {
			if f := e.field(a.Name); f != nil {
				f.used = true
			}
		}
	}
	*out = append(*out, &allium.ExprStmt{Meta: rc.b.meta(v.file, v.line), X: call})
	v.createdAt, v.createdIx = out, len(*out)-1
	rc.createPending(v, out, line)
}

// restate brings the creation already stated for a new row up to date
// with its field values: a row assigned to after it was added (user =
// User(email=e); db.session.add(user); db.session.commit(); user.token =
// t) is created with the values the code leaves in it (a branch's are
// merged by cond_fields.go). The stated call shares v.args only until
// setArg grows them into a new array.
func (v *value) restate() {
	if !v.done || v.createdAt == nil || v.createdIx >= len(*v.createdAt) {
		return
	}
	var x allium.Expr
	switch st := (*v.createdAt)[v.createdIx].(type) {
	case *allium.ExprStmt:
		x = st.X
	case *allium.Let:
		x = st.Value
	}
	if call, ok := x.(*allium.Call); ok {
		call.Args = v.args
	}
}

// newRef names a created instance referenced after its creation: its
// creation becomes `let name = Entity.created(...)`.
func (rc *ruleCtx) newRef(v *value) allium.Expr {
	if v.letName != "" {
		return &allium.Ident{Name: v.letName}
	}
	if !v.done || v.createdAt == nil || v.createdIx >= len(*v.createdAt) {
		return nil
	}
	st, ok := (*v.createdAt)[v.createdIx].(*allium.ExprStmt)
	if !ok {
		return nil
	}
	name := bindingName(v.local)
	if v.local == "" {
		// Profile(user=User(...).save()): a row the code never names is
		// named after its entity where it is used.
		name = snake(v.ent)
	}
	if name != "" && rc.lets[name] {
		rc.inlineAbsentLet(name)
	}
	if name != "" && (rc.paramSet[name] || rc.lets[name]) {
		// user = User{email} looked up first, then user = User(...)
		// (healthchecks' _make_user): the new row is new_user.
		name = "new_" + name
	}
	if name == "" || rc.paramSet[name] || rc.lets[name] {
		return nil
	}
	rc.lets[name] = true
	v.letName = name
	(*v.createdAt)[v.createdIx] = &allium.Let{Meta: st.Meta, Name: name, Value: st.X}
	return &allium.Ident{Name: name}
}

// inlineAbsentLet frees the name of a lookup whose only use is the
// precondition that it finds nothing (let user = User{email}; requires:
// not exists user): the code rebinds the name to the row it then creates
// (user = create(...)), and the spec follows it, writing the lookup in
// the precondition (requires: not exists User{email}). Any other use of
// the let keeps it.
func (rc *ruleCtx) inlineAbsentLet(name string) {
	letAt, uses := -1, 0
	var absent *allium.Unary
	for i, s := range rc.body {
		if l, ok := s.(*allium.Let); ok && l.Name == name {
			if _, join := l.Value.(*allium.Join); !join {
				return
			}
			letAt = i
			continue
		}
		if r, ok := s.(*allium.Requires); ok {
			if n, ok := r.Cond.(*allium.Unary); ok && n.Op == allium.OpNot {
				if ex, ok := n.X.(*allium.Unary); ok && ex.Op == allium.OpExists && isIdent(ex.X, name) {
					absent = ex
				}
			}
		}
	}
	if letAt < 0 || absent == nil {
		return
	}
	count := func(e allium.Expr) bool {
		if isIdent(e, name) {
			uses++
		}
		return true
	}
	allium.WalkStmts(append(slices.Clone(rc.body), rc.ensures...), func(s allium.Stmt) bool {
		for _, x := range allium.StmtExprs(s) {
			allium.Inspect(x, count)
		}
		return true
	})
	if uses != 1 {
		return
	}
	absent.X = rc.body[letAt].(*allium.Let).Value
	rc.body = slices.Delete(rc.body, letAt, letAt+1)
	delete(rc.lets, name)
}

// afterEnds is what an if leaves of what its branches track when one or
// both end the request: what was before when both do, the other branch's
// when one does. decided is false when neither does, and the caller
// merges the two.
func afterEnds[M any](before, then, els M, thenEnds, elseEnds bool) (m M, decided bool) {
	switch {
	case thenEnds && elseEnds:
		return before, true
	case thenEnds:
		return els, true
	case elseEnds:
		return then, true
	}
	return m, false
}

// assignedAfter is what the fields assigned before an if and in its
// branches hold after it: a branch that ends the request leaves the
// other's; a field both live branches leave with the same value keeps it;
// one they leave differently holds neither value for sure, and is read
// as the field again (if user.status == "active": user.status =
// "unverified", then a test of user.status tests the field).
func assignedAfter(before, then, els map[string]allium.Expr, thenEnds, elseEnds bool) map[string]allium.Expr {
	if m, decided := afterEnds(before, then, els, thenEnds, elseEnds); decided {
		return m
	}
	out := map[string]allium.Expr{}
	for k, tv := range then {
		if ev, ok := els[k]; ok && exprKey(ev) == exprKey(tv) {
			out[k] = tv
		}
	}
	return out
}

// ifStmt turns guards into requires, guarded effects into a second rule
// and other branches into an ensures if.
func (rc *ruleCtx) ifStmt(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if rc.fallbackLookup(s, sc, out) {
		return false // if user: ... elif user := by_email(x): ... else: return (fallback_lookups.go)
	}
	if s.Cond != nil && s.Cond.Kind == facts.ExprWalrus {
		// if features := user_in.features: the name holds the tested
		// value in the body, and the test is of that value.
		bound := *s
		bound.Cond = rc.bindWalrus(s.Cond, sc, out)
		s = &bound
	}
	if sent := rc.sentRefusal(s, sc); sent != nil {
		s = sent
	}
	rc.noteGoesOnWithout(s, sc) // secretlookup.go
	if rc.signedInSession(s, sc) {
		// if (!session) return 403: the rule is for signed-in users.
		return rc.stmts(s.Else(), sc, out)
	}
	if rest := rc.signedInOr(s, sc); rest != nil {
		s = rest
	}
	if deferredEither(s) {
		// if runner: runner(f, (a,)) else: f(a): f(a) runs either way.
		return rc.stmts(s.Else(), sc, out)
	}
	rc.formValidators(s.Cond, sc, out)
	if done, ends := rc.errorCollection(s, sc, out); done {
		return ends
	}
	if rc.requiredKey(s, sc) {
		return false // the change needs the key: an input (key_splits.go)
	}
	if truth, ok := rc.staticTruth(s.Cond, sc); ok {
		// `if org_cls is None:` on a parameter left at its default.
		if truth {
			return rc.stmts(s.Body, sc, out)
		}
		return rc.stmts(s.Else(), sc, out)
	}
	if rest, decided, truth := rc.reduceCond(s.Cond, sc); decided {
		if truth {
			return rc.stmts(s.Body, sc, out)
		}
		rc.readPath(s, sc, out)
		return rc.stmts(s.Else(), sc, out)
	} else if rest != s.Cond {
		reduced := *s
		reduced.Cond = rest
		s = &reduced
	}
	optional := rc.optionalParam(s.Cond, sc)
	if positive, ok := rc.inputsPresent(s.Cond, sc, out); ok && optional == nil && len(s.Else()) == 0 && positive && rc.endsRequest(s.Body, sc) {
		// `if request.POST.get("really"): deactivate_user(...) return
		// redirect(...)` (pretalx cfp/views/user.py:583): a branch of its
		// own that reads none of the inputs it tests is taken on a
		// flag's value, the condition of that branch's rule.
		// A branch that turns the request away (`if email: throw`) tests
		// whether a value was given, not a flag: input validation, as
		// before.
		// A signal's or a job's rule has no request to carry the flag
		// (post_save's raw): there, as before, the test is left out.
		if !readsTestedInput(s.Cond, s.Body) && !rc.failureBranch(s.Body, sc) && rc.h.created == "" && !rc.h.job {
			rc.markFlagInputs(s.Cond, sc, out)
		}
	} else if ok && optional == nil && len(s.Else()) == 0 && positive {
		// `if email: ...`: input validation, not a rule's condition;
		// but `if data.role:` of an input the shape declares optional
		// guards what happens only when the request gives it, and
		// `if send_welcome:` whose body reads no such input tests a
		// flag's value.
		if optional = rc.optionalInput(s.Cond, sc, out); optional == nil {
			if readsTestedInput(s.Cond, s.Body) {
				return rc.stmts(s.Body, sc, out)
			}
			rc.markFlagInputs(s.Cond, sc, out)
		}
	}
	if key, rest := rc.actionKey(s.Cond, sc, out); optional == nil && key != "" && sc.top && !sc.inlined {
		// if "create_key" in request.POST: one form of a page with several
		// buttons; each is an action, a rule with a trigger of its own.
		cond := allium.Expr(nil)
		if rest != nil {
			cond = rc.cond(rest, sc, out)
		}
		rc.action(s.Line(), key, cond, s.Body, sc, *out)
		return rc.stmts(s.Else(), sc, out)
	}
	if kind := rc.dispatchKind(s.Cond, sc, out); optional == nil && kind != "" && sc.top && !sc.inlined {
		// if (event.type === "invoice.payment_succeeded"): one kind of a
		// webhook's events, a rule of its own (webhook_events.go).
		rc.eventBranch(s.Line(), kind, s.Body, sc, *out)
		return rc.stmts(s.Else(), sc, out)
	}
	// The condition reads the variables before either branch rebinds them.
	before := len(*out)
	cond := optional
	if cond == nil {
		cond = rc.cond(s.Cond, sc, out)
	}
	if cond != nil && constantExpr(cond) {
		// A helper's result read as a constant (only some of its returns
		// were seen): the condition is not known.
		cond = nil
	}
	if cond != nil && selfComparison(cond, s.Cond) && !rc.endsRequest(s.Body, sc) && (len(s.Else()) == 0 || !rc.endsRequest(s.Else(), sc)) {
		// Two different values of the code the spec writes alike (a row's
		// field kept in a local before a change the walk could not read,
		// compared with the field after it), deciding an outcome: the
		// test is not known. (A guard whose sides read the same is one
		// that always holds, noted as such where guards are stated.)
		cond = nil
	}
	fs := rc.logStripped(s) // self.logger.error(...) before return None
	failing := failReturn(fs, sc) || rc.abortReturn(fs, sc)
	var within allium.Expr // the helper's own conditions a nested refusal is under
	if !failing && cond != nil {
		if local := nestedFalseReturn(fs, sc); local != nil {
			failing, within = true, local
		}
	}
	if failing && cond == nil {
		// if (O.isNone(r)) return E.left(...) of a helper's r: this
		// helper fails whenever that one did.
		if v := rc.absentResult(s.Cond, sc); v != nil {
			*sc.failWhen = append(*sc.failWhen, v.failWhen...)
			if sc.answered {
				// No caller turns the failure into the request's: what
				// follows happens when the checks held, which the rule
				// states as a raising caller's would (unread_fail_checks.go).
				rc.stateFailChecks(v, sc, s.Line())
			}
			failing = false
		} else if present := rc.presentResult(s.Cond, sc); present != nil {
			// if (member) return E.left(...) of a helper that answers
			// null when no member row matched: this one fails when it did.
			*sc.failWhen = append(*sc.failWhen, present)
			failing = false
		}
	}
	if failing {
		if within != nil {
			cond = &allium.Binary{Op: allium.OpAnd, X: within, Y: cond}
		}
		noteFailCheck(sc, cond)
		noteLateFail(sc, out)
		if cond == nil {
			rc.unreadFailCheck(fs, sc)
		}
	}
	if sc.top && !sc.inlined {
		thenEnds, elseEnds := rc.endsRequest(s.Body, sc), len(s.Else()) > 0 && rc.endsRequest(s.Else(), sc)
		if thenEnds || elseEnds {
			if thenEnds != elseEnds {
				rc.b.stats.GuardsSeen++
			}
			return rc.splitPaths(s, cond, thenEnds, elseEnds, !onlyLets((*out)[:before]), sc, out)
		}
		if optional != nil {
			// `if new_email:` with a guard inside that turns the request
			// away: the guard holds when the input is given, and what
			// follows the block happens either way; walked as branches.
		} else if handled, ends := rc.errorChain(s, cond, sc, out); handled {
			return ends
		} else if handled, ends := rc.partialEnd(s, cond, sc, out); handled {
			return ends
		}
	}
	var thenOut, elseOut []allium.Stmt
	// Each branch binds its own variables; after the if, a variable a
	// live branch rebound has no single value any more.
	thenSc, elseSc := *sc, *sc
	thenSc.top, elseSc.top = false, false
	thenSc.under, elseSc.under = rc.branchUnder(s, sc, cond, false), rc.branchUnder(s, sc, cond, true)
	thenSc.unstated, elseSc.unstated = sc.unstated || thenSc.under == nil, sc.unstated || elseSc.under == nil
	thenSc.vars, elseSc.vars = cloneVars(sc.vars), cloneVars(sc.vars)
	thenSc.failChain, elseSc.failChain = false, failing
	leftOut, loops := rc.b.stats.Untranslated, rc.callingLoops
	paramsBefore := len(rc.params)
	rows := branchRows(sc.vars) // cond_fields.go
	assignedBefore, unreadBefore := maps.Clone(rc.assigned), maps.Clone(rc.unreadWrites)
	thenEnds := rc.stmts(s.Body, &thenSc, &thenOut)
	assignedThen, unreadThen := rc.assigned, rc.unreadWrites
	rc.assigned, rc.unreadWrites = maps.Clone(assignedBefore), maps.Clone(unreadBefore)
	var thenArgs [][]allium.Arg
	var rowCond allium.Expr // what decides the fields of the rows built before
	if cond != nil && !thenEnds {
		thenArgs, rowCond = branchArgs(rows), cond
	} else if !thenEnds && len(s.Else()) > 0 && rowsChanged(rows) {
		if x := rc.inputPresenceCond(s.Cond, sc, out); x != nil {
			// `if password: user.set_password(password) else: user.password
			// = None`: a test of an input's presence is no condition of the
			// rule, but it is what decides the value the new row's field
			// gets (cond_fields.go).
			thenArgs, rowCond = branchArgs(rows), x
		}
	}
	if optional != nil && (rc.b.stats.Untranslated > leftOut || rc.callingLoops > loops) && len(thenOut) > 0 {
		// Part of what an optional input changes could not be stated
		// (dispatch's projects: all reset, then the given ones set): the
		// rest alone would misstate the outcome.
		rc.untranslated(sc, s.Line(), LeftOutCondition, "a block run when the request gives an optional input")
		thenOut = nil
	}
	elseEnds := false
	if len(s.Else()) > 0 {
		elseEnds = rc.stmts(s.Else(), &elseSc, &elseOut)
	}
	rc.assigned = assignedAfter(assignedBefore, assignedThen, rc.assigned, thenEnds, elseEnds)
	rc.unreadWrites = unreadAfter(unreadBefore, unreadThen, rc.unreadWrites, thenEnds, elseEnds)
	switch {
	case cond == nil && (rowCond == nil || elseEnds):
		rc.keepPendingRows(rows, sc, s.Line())
	case thenArgs != nil && elseEnds:
		// Only the then branch goes on: its values hold.
		for i, p := range rows {
			setArgs(p.v, thenArgs[i])
		}
	case thenArgs != nil:
		rc.mergeBranchRows(rows, thenArgs, rowCond, sc, s.Line())
	}
	if !thenEnds && !elseEnds {
		mergeFilterBranches(sc, &thenSc, &elseSc, cond) // query |= Q(...) (filter_objects.go)
	}
	if !thenEnds && !elseEnds && rc.condOwnedLookup(s, cond, &thenSc, &elseSc, thenOut, elseOut, sc) {
		return false
	}
	if !thenEnds && !elseEnds && rc.condLookup(s, cond, &thenSc, &elseSc, thenOut, elseOut, sc, out) {
		return false
	}
	if sc.inlined && sc.top && cond != nil && !failing && thenSc.returned && len(thenOut) == 0 && len(s.Else()) == 0 && returnsResult(s.Body) {
		// (A failure answered as a result, return E.left(...), is none.)
		// if challenge.status == APPROVED: return challenge.status in a
		// helper: a result, not a failure (None, False), so what the
		// rest of it refuses, it refuses only when cond does not hold.
		sc.top, sc.under = false, negate(cond)
	}
	for _, br := range []struct {
		sc   *scope
		ends bool
	}{{&thenSc, thenEnds}, {&elseSc, elseEnds}} {
		if br.sc.ret != nil {
			sc.setRet(br.sc.ret)
		}
		sc.retMixed = sc.retMixed || br.sc.retMixed
		sc.lateFail = sc.lateFail || br.sc.lateFail
		if br.ends {
			continue
		}
		for k, v := range br.sc.vars {
			if old, ok := sc.vars[k]; !ok || old != v {
				if thenEnds || elseEnds {
					sc.vars[k] = v // the other branch left: this one's binding holds
				} else if bothBind(&thenSc, &elseSc, k, v) {
					sc.vars[k] = v // both branches bind the same value
				} else if row := requestRow(&thenSc, &elseSc, k); row != nil {
					// if id: x = by_id(id) else: x = by_token(token): the
					// row the request names either way (request_rows.go).
					sc.vars[k] = row
					rc.requireJoinedRow(row, sc, s.Line())
				} else if ok && tieBreak(s.Cond, k, old, v) {
					// if len(users) > 1: users = exact or folded: a pick
					// among the rows found (narrowed_rows.go).
					sc.vars[k] = old
				} else if flag := branchFlag(cond, &thenSc, &elseSc, thenOut, elseOut, k); flag != nil {
					sc.vars[k] = flag
				} else if session := sessionOrNull(old, v); ok && session != nil {
					// let auth = null; if (...) auth = await checkAuth(req):
					// a session getter's value is already the session or
					// nothing, so null on the other path is still it.
					sc.vars[k] = session
				} else if ok && len(old.parts) > 0 && extendsItself(v, k) {
					// if (expireAt) data = {...data, expireAt}: the
					// entries data had are given either way.
					sc.vars[k] = old
				} else if rows := eitherRows(old, v); rows != nil {
					switch {
					case rows != old:
						rows.madeWhen = madeWhen(rows, old, v, cond, br.sc == &thenSc)
					case len(rows.either) > 2:
						rows.madeWhen = nil // a third row
					}
					sc.vars[k] = rows
				} else if msg := rc.eitherMessage(&thenSc, &elseSc, k); msg != nil {
					// msg = EmailMultiAlternatives(...) or EmailMessage(...):
					// one message to the spec (either_messages.go).
					sc.vars[k] = msg
				} else if pv := rowOrNone(&thenSc, &elseSc, k, cond); pv != nil {
					// x = None; if token: x = get_by_token(token): the row
					// when the branch ran, none otherwise (row_or_none.go).
					sc.vars[k] = pv
				} else {
					sc.vars[k] = unknownValue
				}
			}
		}
	}
	rc.helperReturned(s, cond, &thenSc, &elseSc, thenEnds, elseEnds, sc)
	if cond == nil && !thenEnds && !elseEnds {
		// if helper(...): flash("done")  else: flash("invalid")
		rc.flagChecks(s.Cond, func(failOnThen bool) bool {
			if failOnThen {
				return onlyLets(thenOut)
			}
			return onlyLets(elseOut)
		}, sc, s.Line())
	}
	if thenEnds != elseEnds {
		rc.b.stats.GuardsSeen++
		ends := s.Body
		if elseEnds {
			ends = s.Else()
		}
		defer rc.tagRaises(len(rc.body), ends, sc)
	}
	switch {
	case thenEnds && !elseEnds:
		if cond == nil && sc.top && rc.partialOrGuard(s.Cond, sc, out, s.Line()) {
			// some of the guard's alternatives stated
		} else if cond == nil && sc.top && rc.absentResultGuards(s.Cond, sc, s.Line()) {
			// the checks of the helper whose result is absent
		} else if cond == nil {
			rc.guardLeftOut(s, true, sc)
		} else if sc.top {
			// A let is no outcome: a refusal that only names a row before
			// it raises (baserow's `user = user_query.first()` before
			// either refusal, core/user/handler.py:146-153) is no rule.
			if len(thenOut) > 0 && !onlyLets(thenOut) {
				rc.rejection(s, cond, thenOut, sc)
			}
			rc.requires(negate(cond), sc, s.Line())
			rc.absentResultGuards(s.Cond, sc, s.Line())
		} else if len(thenOut) > 0 && !onlyLets(thenOut) && sc.under != nil {
			// A nested guard that does something before it fails
			// (warehouse's LoginForm.validate_password disables a
			// breached password, then rejects the login): the rule
			// requires it, under its branch's conditions, and its
			// outcomes are a rule of their own, as a top-level one's are.
			rc.rejection(s, andUnder(sc.under, cond), thenOut, sc)
			rc.nestedGuard(negate(cond), sc, s.Line())
		} else if len(thenOut) > 0 && !onlyLets(thenOut) {
			rc.untranslated(sc, s.Line(), LeftOutNestedGuard, "a nested guard")
		} else if sc.under != nil {
			rc.nestedGuard(negate(cond), sc, s.Line())
		} else {
			rc.unreadUnder(s, sc)
		}
		*out = append(*out, elseOut...)
		return false
	case elseEnds && !thenEnds:
		if cond == nil {
			rc.guardLeftOut(s, false, sc)
		} else if sc.top {
			rc.requires(cond, sc, s.Line())
		} else if sc.under != nil && len(elseOut) == 0 {
			rc.nestedGuard(cond, sc, s.Line())
		} else if sc.under == nil {
			rc.unreadUnder(s, sc)
		}
		*out = append(*out, thenOut...)
		return false
	case thenEnds && elseEnds:
		return true
	}
	if onlyLets(thenOut) && onlyLets(elseOut) {
		// Bindings with no outcome under them (a lookup used only by a
		// check that went nowhere): nothing to state.
		return false
	}
	if cond == nil {
		if sameBranchOutcomes(thenOut, elseOut) {
			// if (redis.enabled) token = saveAuth(...) else token =
			// createSecureToken(...): each way the same outcome holds, so
			// the condition the spec cannot read does not matter.
			*out = append(*out, thenOut...)
			return false
		}
		if common, ok := commonCreations(thenOut, elseOut); ok {
			// The rows are made either way; which values they get
			// hangs on the condition.
			rc.untranslated(sc, s.Line(), LeftOutCondition, "the values a conditional outcome sets differently in its branches")
			*out = append(*out, common...)
			return false
		}
		rc.untranslated(sc, s.Line(), LeftOutCondition, "a conditional outcome")
		rc.dropParamsFrom(paramsBefore)
		return false
	}
	shared, thenOut, elseOut := sharedOutcomes(thenOut, elseOut)
	*out = append(*out, shared...)
	if len(thenOut) == 0 && len(elseOut) == 0 {
		return false
	}
	ifs := &allium.If{Meta: rc.b.meta(sc.file, s.Line()), Branches: []allium.IfBranch{{Cond: cond, Body: thenOut}}}
	if len(thenOut) == 0 {
		ifs.Branches[0] = allium.IfBranch{Cond: negate(cond), Body: elseOut}
	} else if len(elseOut) > 0 {
		ifs.Else = elseOut
	}
	flattenRepeatedTest(ifs)
	if as := idempotentAssign(ifs); as != nil {
		*out = append(*out, as)
		return false
	}
	*out = append(*out, ifs)
	return false
}

// flattenRepeatedTest folds `if c: (if c: body)` into `if c: body`: a
// helper that tests again what its caller tested before calling it
// (lemur's destinations/service.py:85 `if destination:` around
// database.delete(destination), whose own `if model:`, database.py:194,
// asks the same) holds the same outcome once.
func flattenRepeatedTest(ifs *allium.If) {
	for len(ifs.Branches) == 1 && ifs.Else == nil && len(ifs.Branches[0].Body) == 1 {
		inner, ok := ifs.Branches[0].Body[0].(*allium.If)
		if !ok || len(inner.Branches) != 1 || inner.Else != nil || exprKey(inner.Branches[0].Cond) != exprKey(ifs.Branches[0].Cond) {
			return
		}
		ifs.Branches[0].Body = inner.Branches[0].Body
	}
}

// splitPaths handles, at a handler's top level, an if one of whose
// branches ends the request. Real handlers put whole behaviours in such
// branches (`if request.method == "POST": ... return redirect(...)`,
// `if token: <confirm> return ...`), so an ending branch is walked as a
// path of its own: the preconditions so far, the branch's condition, and
// the branch's statements at top level (its guards become requires). A
// path that changes nothing is a plain guard. The walk goes on with the
// branch that does not end, under the negated condition.
func (rc *ruleCtx) splitPaths(s *facts.Stmt, cond allium.Expr, thenEnds, elseEnds, tail bool, sc *scope, out *[]allium.Stmt) bool {
	var notCond allium.Expr
	if cond != nil {
		notCond = negate(cond)
	}
	n := len(rc.paths)
	leftOut := rc.b.stats.Untranslated
	if thenEnds {
		thenCond := cond
		if thenCond == nil {
			// if new_user.confirm_account(token): <work> return: the
			// helper's checks passed (success_flags.go).
			thenCond = rc.flagPassed(s.Cond, sc)
		}
		// A test of whether the request gives an input the branch reads
		// (`if request.POST.get("really"): user.name = ...`) is input
		// validation: the branch's rule is what a request giving it does.
		// So is a branch whose other way turns the request away (`if
		// (!errors.isEmpty()) return error; else <work>`): the branch is
		// what a request that passes does.
		var scratch []allium.Stmt
		positive, ok := rc.inputsPresent(s.Cond, sc, &scratch)
		rc.presencePath = ok && positive && len(testedInputKeys(s.Cond)) > 0 && readsTestedInput(s.Cond, s.Body) ||
			elseEnds && rc.failureBranch(s.Else(), sc)
		rc.path(s.Line(), thenCond, s.Body, sc, *out, false, tail)
		rc.presencePath = false
	}
	m := len(rc.paths)
	if elseEnds {
		leftOut = rc.b.stats.Untranslated
		// The else of an ending if is the way on past the test's other
		// side (`if (!errors.isEmpty()) return apiResponse.
		// validationErrorWithData(...); else <work>`, express-rest-api-
		// mongodb's register): kept, as before.
		rc.presencePath = true
		rc.path(s.Line(), notCond, s.Else(), sc, *out, false, tail)
		rc.presencePath = false
	}
	// An ending branch that made no path of its own but did what the
	// spec could not state (Strapi's register: if email_confirmation, send
	// the confirmation email and answer) is an outcome left out, not a
	// refusal: its negated condition is no precondition of the rest.
	endedUnstated := len(rc.paths) == n && rc.b.stats.Untranslated > leftOut
	if thenEnds && elseEnds {
		if cond == nil {
			// if helper(...): return ok  else: return error
			rc.flagChecks(s.Cond, func(failOnThen bool) bool {
				if failOnThen {
					return m == n
				}
				return len(rc.paths) == m
			}, sc, s.Line())
		}
		return true
	}
	rest, guard := s.Else(), notCond
	ends := s.Body
	if elseEnds {
		rest, guard, ends = s.Body, cond, s.Else()
	}
	at := len(rc.body)
	if guard == nil && !elseEnds && rc.flagFailed(s.Cond, sc, out, s.Line()) {
		// the rest runs when one of the helper's checks failed
	} else if guard == nil && elseEnds == false && rc.partialOrGuard(s.Cond, sc, out, s.Line()) {
		// some of the guard's alternatives stated
	} else if guard == nil && !elseEnds && rc.absentResultGuards(s.Cond, sc, s.Line()) {
		// the checks of the helper whose result is absent
	} else if guard == nil {
		rc.guardLeftOut(s, !elseEnds, sc)
	} else if endedUnstated && len(ends) > 0 && !rc.failureBranch(ends, sc) {
		rc.untranslated(sc, s.Line(), LeftOutCondition, "a branch whose outcomes could not be stated")
	} else if v := rc.absentResult(s.Cond, sc); v != nil && v.kind == vNew && !elseEnds {
		// if not token_entry: raise, of a helper that answers the row
		// it created or None: the row exists once made, so the test is
		// the helper's checks alone (keyed_lookups.go).
		rc.absentResultGuards(s.Cond, sc, s.Line())
	} else {
		rc.requires(guard, sc, s.Line())
		if !elseEnds {
			rc.absentResultGuards(s.Cond, sc, s.Line())
		}
	}
	rc.tagRaises(at, ends, sc)
	return rc.stmts(rest, sc, out)
}

// path walks body, a branch that ends the request, as a rule of its own
// that answers the handler's trigger: it starts from what the handler has
// established so far (preconditions, parameters, outcomes in prefix) and
// adds cond, when it could be translated. A path with no outcome of its
// own is dropped; paths inside it are kept. tail says that statements
// before the branch (not its condition) already stated outcomes.
func (rc *ruleCtx) path(line int, cond allium.Expr, body []facts.Stmt, sc *scope, prefix []allium.Stmt, action, tail bool) {
	if len(body) == 0 {
		return // a branch cut by a syntax error or the depth bound
	}
	x := rc.b.newRuleCtx(rc.h, rc.name)
	if rc.failureBranch(body, sc) && !(action && rc.keysGiven != nil) {
		// A branch that ends in a failure; not the walk of one key's
		// change, which is the rest of the handler (key_splits.go).
		x.name = rc.name + "Rejected"
	}
	x.auth, x.userVal, x.deps = rc.auth, rc.userVal, rc.deps
	x.body = slices.Clone(rc.body)
	x.params, x.paramSet = slices.Clone(rc.params), maps.Clone(rc.paramSet)
	x.lets, x.assigned = maps.Clone(rc.lets), maps.Clone(rc.assigned)
	x.paramReqs = maps.Clone(rc.paramReqs)
	x.claims = maps.Clone(rc.claims)
	x.keysGiven, x.keysMayLack = maps.Clone(rc.keysGiven), rc.keysMayLack
	x.idParams = maps.Clone(rc.idParams)
	x.localComparisons = maps.Clone(rc.localComparisons)
	x.filterReqs, x.goesOnWithout = rc.filterReqs, rc.goesOnWithout // shared: x.body holds rc's requires
	if cond = unstated(cond, x.body); cond != nil {
		x.body = append(x.body, &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: cond})
	}
	psc := *sc
	psc.vars = cloneVars(sc.vars)
	narrowToLiterals(cond, psc.vars)
	x.ensures = slices.Clone(prefix)
	isolateNewRows(psc.vars, &x.ensures)
	x.line = line
	if sc.file != rc.h.file {
		// A branch of a method the handler hands over to (a tail call in
		// another file): the rule's source is the handler's, whose file
		// the rule names.
		x.line = rc.h.fn.Line
	}
	x.stmts(body, &psc, &x.ensures)
	if len(x.ensures) > len(prefix) && cond == nil && !action && tail {
		// Outcomes already stated before the branch: the path would have
		// the same trigger and preconditions as the rule that goes on
		// without it, so its outcomes, as a rule of their own, would read
		// as happening every time. Without its condition the branch is a
		// conditional outcome that cannot be stated.
		rc.untranslated(sc, line, LeftOutCondition, "a conditional outcome")
		rc.paths = append(rc.paths, x.paths...)
	} else if len(x.ensures) > len(prefix) {
		if cond == nil && !action {
			// Whether the branch stays a rule of its own is known once
			// the handler's main rule is (finishPaths): the note waits.
			x.unstatedCond = func(note string) { rc.untranslated(sc, line, LeftOutCondition, note) }
			x.presencePath = rc.presencePath
		}
		rc.paths = append(rc.paths, x)
	} else {
		rc.paths = append(rc.paths, x.paths...)
	}
	rc.extra = append(rc.extra, x.extra...)
}

// narrowToLiterals gives the locals of a branch taken only when a value
// equals a string literal (Strapi's callback: if (provider === 'local'),
// provider = ctx.params.provider || 'local') that literal in place of the
// value: what the branch does with them, it does with the literal
// (findOne({where: {provider}}) looks up the local users).
func narrowToLiterals(cond allium.Expr, vars map[string]*value) {
	bin, ok := cond.(*allium.Binary)
	if !ok {
		return
	}
	if bin.Op == allium.OpAnd {
		narrowToLiterals(bin.X, vars)
		narrowToLiterals(bin.Y, vars)
		return
	}
	held, lit := bin.X, bin.Y
	if _, isLit := held.(*allium.Lit); isLit {
		held, lit = lit, held
	}
	l, isLit := lit.(*allium.Lit)
	if bin.Op != allium.OpEq || !isLit || l.Kind != allium.LitString {
		return
	}
	key := exprKey(held)
	input, _ := held.(*allium.Ident)
	for name, v := range vars {
		switch {
		case v == nil:
		case v.kind == vExpr && v.expr != nil && exprKey(v.expr) == key,
			v.kind == vParam && input != nil && v.param == input.Name:
			vars[name] = exprValue(&allium.Lit{Kind: allium.LitString, Text: l.Text})
		}
	}
}

// unstated is cond without the conjuncts that body already requires
// (`if user and verify(...)` after `if not user: return`); nil when none
// is left.
func unstated(cond allium.Expr, body []allium.Stmt) allium.Expr {
	if cond == nil {
		return nil
	}
	if bin, ok := cond.(*allium.Binary); ok && bin.Op == allium.OpAnd {
		x, y := unstated(bin.X, body), unstated(bin.Y, body)
		switch {
		case x == nil:
			return y
		case y == nil:
			return x
		case x == bin.X && y == bin.Y:
			return cond
		}
		return &allium.Binary{Op: allium.OpAnd, X: x, Y: y}
	}
	key := exprKey(cond)
	for _, s := range body {
		if r, ok := s.(*allium.Requires); ok && exprKey(r.Cond) == key {
			return nil
		}
	}
	return cond
}

func (rc *ruleCtx) requires(cond allium.Expr, sc *scope, line int) {
	if rc.importing > 0 {
		return // made at import, not by the request (moduleInstance)
	}
	if settingsOnly(cond) && rc.refusesAfterOutcome(sc) {
		// django-allauth's RequestPasswordResetView.post saves the form
		// (the reset mail goes out) and only then answers 401 when
		// codes are on (headless/account/views.py:338-340): what was
		// done before the refusal happened either way, so the refusal
		// is no precondition of it. Only a refusal on settings alone:
		// one on what the call before it gave back (hoppscotch's
		// `if (E.isLeft(result)) throwErr(...)`) is how the call's own
		// refusals reach the caller, before anything went out.
		rc.untranslated(sc, line, LeftOutGuard, "a refusal after the rule's outcomes, which happen either way")
		return
	}
	if constantExpr(cond) {
		// A helper's result read as a constant says nothing of the
		// request: no precondition.
		rc.untranslated(sc, line, LeftOutGuard, "a guard whose condition is a constant")
		return
	}
	if bin, ok := cond.(*allium.Binary); ok && bin.Op == allium.OpEq && exprKey(bin.X) == exprKey(bin.Y) {
		// user = user: both sides read the same (baserow's create_token
		// makes the token with user=user, then refuses unless
		// user.id == token.user_id, contrib/database/tokens/handler.py:
		// 133-135, :250): the check holds whatever the request; no
		// precondition, and the note says why.
		rc.untranslated(sc, line, LeftOutGuard, "a guard that always holds (both sides are the same)")
		return
	}
	if isHashCall(cond) {
		// if (!hashedPassword) throw: a test that hashing gave a value,
		// an error check of the library, not of the request.
		rc.untranslated(sc, line, LeftOutGuard, "a guard on a hash's result")
		return
	}
	// A conjunction is several preconditions.
	if bin, ok := cond.(*allium.Binary); ok && bin.Op == allium.OpAnd {
		rc.requires(bin.X, sc, line)
		rc.requires(bin.Y, sc, line)
		return
	}
	if rc.bareClaimOfValidToken(cond) {
		return // absent_results.go
	}
	if x, y := rc.noRowOfEither(cond); x != nil {
		rc.requires(x, sc, line)
		rc.requires(y, sc, line)
		return
	}
	rc.requireComparisons(cond)
	cond = flagTest(cond)
	for _, s := range rc.body {
		if r, ok := s.(*allium.Requires); ok && exprKey(r.Cond) == exprKey(cond) {
			return
		}
	}
	if rc.referencedRowRequired(cond) {
		return
	}
	rc.body = append(rc.body, &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: cond})
}

// flagTest writes a comparison of a row's field with a Boolean literal
// (user.is_active = true, from a lookup's is_active=True) as the test of
// the field (user.is_active, or not user.is_active), as the code's
// `if user.is_active` reads: one precondition, however the code spelt
// it, so that the two spellings are not both required (baserow's
// VerifyEmailAddress stated both, core/user/handler.py).
func flagTest(cond allium.Expr) allium.Expr {
	bin, ok := cond.(*allium.Binary)
	if !ok || bin.Op != allium.OpEq && bin.Op != allium.OpNe {
		return cond
	}
	lit, ok := bin.Y.(*allium.Lit)
	if _, member := bin.X.(*allium.Member); !ok || !member || lit.Kind != allium.LitBool {
		return cond
	}
	if (lit.Text == "true") == (bin.Op == allium.OpEq) {
		return bin.X
	}
	return negate(bin.X)
}

// requiresOnce writes each top-level requires of body as flagTest does and
// keeps only the first of those that then read the same: the clauses
// come from several readings of the code (a lookup's filter, the
// handler's own test), which rc.requires alone does not all see.
func requiresOnce(body []allium.Stmt) []allium.Stmt {
	seen := map[string]bool{}
	out := body[:0:0]
	for _, s := range body {
		if r, ok := s.(*allium.Requires); ok {
			if c := flagTest(r.Cond); c != r.Cond {
				nr := *r
				nr.Cond = c
				r = &nr
				s = r
			}
			key := exprKey(r.Cond)
			if seen[key] {
				continue
			}
			seen[key] = true
		}
		out = append(out, s)
	}
	return out
}

// referencedRowRequired reports `exists x`, x a let of the rule, when the
// rule already requires a row that refers to x (exists Member{user: x,
// project}): that row is there only with x. healthchecks' team member
// removal finds the user among the project's members and then tests the
// user found (User.objects.filter(email=e, memberships__project=project)
// .first(), then `if farewell_user is None`, hc/accounts/views.py:445-451):
// the membership says it all.
func (rc *ruleCtx) referencedRowRequired(cond allium.Expr) bool {
	u, ok := cond.(*allium.Unary)
	if !ok || u.Op != allium.OpExists {
		return false
	}
	id, ok := u.X.(*allium.Ident)
	if !ok || rc.ruleLet(id.Name) == nil {
		return false
	}
	for _, s := range rc.body {
		r, ok := s.(*allium.Requires)
		if !ok {
			continue
		}
		ex, ok := r.Cond.(*allium.Unary)
		if !ok || ex.Op != allium.OpExists {
			continue
		}
		j, ok := ex.X.(*allium.Join)
		if !ok {
			continue
		}
		for _, f := range j.Fields {
			if f.Value == nil && f.Name == id.Name || isIdent(f.Value, id.Name) {
				return true
			}
		}
	}
	return false
}

// noRowOfEither splits `not exists row`, row a let bound to the first of
// two lookups (User{username} ?? User{email}, query.go's
// firstAlternativeRow), into the two preconditions it is: neither finds a
// row. nil, nil for any other condition.
func (rc *ruleCtx) noRowOfEither(cond allium.Expr) (allium.Expr, allium.Expr) {
	not, ok := cond.(*allium.Unary)
	if !ok || not.Op != allium.OpNot {
		return nil, nil
	}
	exists, ok := not.X.(*allium.Unary)
	if !ok || exists.Op != allium.OpExists {
		return nil, nil
	}
	row := exists.X
	if id, ok := row.(*allium.Ident); ok {
		row = nil
		if let := rc.ruleLet(id.Name); let != nil {
			row = let.Value
		}
	}
	either, ok := row.(*allium.Binary)
	if !ok || either.Op != allium.OpCoalesce {
		return nil, nil
	}
	noRow := func(x allium.Expr) allium.Expr {
		return &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: x}}
	}
	return noRow(either.X), noRow(either.Y)
}

// rejection records the effects of a failing guard as a rule of its own:
// the same trigger, the preconditions so far, and the guard's condition.
func (rc *ruleCtx) rejection(s *facts.Stmt, cond allium.Expr, effects []allium.Stmt, sc *scope) {
	x := rc.b.newRuleCtx(rc.h, rc.name+"Rejected")
	x.auth, x.keySurface = rc.auth, rc.keySurface
	x.body = append(x.body, rc.body...)
	// Each condition of a conjunction is a precondition of its own, as
	// the rule's requires states them.
	for _, c := range andedConds(cond) {
		x.body = append(x.body, &allium.Requires{Meta: rc.b.meta(sc.file, s.Line()), Cond: c})
	}
	x.ensures = effects
	// An input id that stands for a row the handler found stands for it
	// here too (fastify-f's refresh deletes the session by its id when
	// the nonce is stale, services/session.service.ts:58): merged into
	// that row's parameter on copies, the handler's own rule merging its
	// own when it finishes.
	x.params = slices.Clone(rc.params)
	x.paramSet = maps.Clone(rc.paramSet)
	x.idParams = maps.Clone(rc.idParams)
	ro := x.finish(s.Line())
	ro.rule.Trigger.Name = rc.name
	ro.shareParams = rc
	rc.extra = append(rc.extra, ro)
}

// negate writes not c, simplified.
func negate(c allium.Expr) allium.Expr {
	switch x := c.(type) {
	case *allium.Unary:
		if x.Op == allium.OpNot {
			return x.X
		}
	case *allium.Binary:
		if m, ok := x.X.(*allium.Member); ok && m.Name == "count" && x.Op == allium.OpGt && isZero(x.Y) {
			// A count is never negative: not (c.count > 0) is c.count = 0.
			return &allium.Binary{Op: allium.OpEq, X: x.X, Y: x.Y}
		}
		if m, ok := x.X.(*allium.Member); ok && m.Name == "count" && x.Op == allium.OpEq && isZero(x.Y) {
			// ... and not (c.count = 0) is c.count > 0.
			return &allium.Binary{Op: allium.OpGt, X: x.X, Y: x.Y}
		}
		inv := map[string]string{allium.OpEq: allium.OpNe, allium.OpNe: allium.OpEq, allium.OpLt: allium.OpGe,
			allium.OpGe: allium.OpLt, allium.OpGt: allium.OpLe, allium.OpLe: allium.OpGt, allium.OpIn: allium.OpNotIn, allium.OpNotIn: allium.OpIn}
		if op, ok := inv[x.Op]; ok {
			return &allium.Binary{Op: op, X: x.X, Y: x.Y}
		}
		if x.Op == allium.OpOr {
			return &allium.Binary{Op: allium.OpAnd, X: negate(x.X), Y: negate(x.Y)}
		}
		if x.Op == allium.OpAnd {
			return &allium.Binary{Op: allium.OpOr, X: negate(x.X), Y: negate(x.Y)}
		}
	case *allium.Lit:
		if x.Kind == allium.LitBool {
			if x.Text == "true" {
				return &allium.Lit{Kind: allium.LitBool, Text: "false"}
			}
			return &allium.Lit{Kind: allium.LitBool, Text: "true"}
		}
	}
	return &allium.Unary{Op: allium.OpNot, X: c}
}

func isZero(e allium.Expr) bool {
	l, ok := e.(*allium.Lit)
	return ok && l.Kind == allium.LitNumber && l.Text == "0"
}

// forgetLoopLocals makes unknown each local that the body of a loop the
// walk does not read assigns: after the loop it holds what it held before
// or what some pass gave it, and keeping the value from before would say
// more than the code does. baserow's rebuild of broken dependencies widens
// `q = Q()` by `q |= Q(...)` per table (contrib/database/fields/
// dependencies/dependency_rebuilder.py:57-66), and filter(q) read as
// filter(Q()) stated a change to every FieldDependency.
func (rc *ruleCtx) forgetLoopLocals(sc *scope, s *facts.Stmt) {
	facts.Walk(s.Body, func(st *facts.Stmt) bool {
		if st.Kind == facts.StmtExpr {
			rc.forgetFilledLiteral(sc, st.Value)
			return true
		}
		if st.Kind != facts.StmtAssign && st.Kind != facts.StmtAugAssign {
			return true
		}
		for i := range st.Targets {
			forgetBound(sc, &st.Targets[i])
		}
		return true
	})
}

// forgetFilledLiteral makes unknown a local bound to a collection
// written out ([] or {}, or made empty by a constructor of the catalog's
// collection_constructors: set()) that call x fills or empties in place
// (prices.append(price)): after the call, or a loop the walk does not
// read, the local holds what was put in it, not the literal. polar's
// get_validated_prices (product/service.py:583, 680, 685) appends each
// price in its loop and then tests len(prices) < 1; read as the empty
// literal, the rule required length({}) >= 1, never true. plane's
// page_transaction fills `deleted_transaction_ids = set()` with .update
// and deletes the logs it names if any (bgtasks/page_transaction_task.py:
// 43-86): read as set(), the rule required set() and deleted the logs
// whose transaction is in set().
func (rc *ruleCtx) forgetFilledLiteral(sc *scope, x *facts.Expr) {
	if x == nil || x.Kind != facts.ExprCall || x.X == nil || x.X.Kind != facts.ExprAttr || x.X.X == nil || x.X.X.Kind != facts.ExprName {
		return
	}
	n := x.X.X.Name()
	v := sc.vars[n]
	if v == nil || v.kind != vExpr {
		return
	}
	if rc.writtenCollection(v.expr) {
		sc.vars[n] = unknownValue
	}
}

// writtenCollection reports e a collection the code wrote out: a literal
// ({}, [a]) or a call of one of the catalog's collection_constructors
// with no argument (set(), list()).
func (rc *ruleCtx) writtenCollection(e allium.Expr) bool {
	switch e := e.(type) {
	case *allium.SetLit, *allium.ListLit:
		return true
	case *allium.Call:
		id, ok := e.Fun.(*allium.Ident)
		return ok && len(e.Args) == 0 && slices.Contains(rc.b.lang.CollectionConstructors, id.Name)
	}
	return false
}

// forgetBound makes unknown the locals an assignment target binds: a
// name, or the names of a tuple or list unpacked (not a.b or a[k], which
// change what a holds without rebinding it). A query stays: a loop that
// rebinds one (`queryset = plugin.enhance_queryset(queryset)`, baserow's
// core/handler.py:558-559) narrows or decorates its rows, and a lookup by
// id on it finds that row or none, as the spec's lookup says.
func forgetBound(sc *scope, t *facts.Expr) {
	switch t.Kind {
	case facts.ExprName:
		if v := sc.vars[t.Name()]; v != nil && v.kind != vQuery {
			sc.vars[t.Name()] = unknownValue
		}
	case facts.ExprTuple, facts.ExprList:
		for i := range t.Args() {
			forgetBound(sc, &t.Args()[i])
		}
	case facts.ExprStarred:
		if t.X != nil {
			forgetBound(sc, t.X)
		}
	}
}

// forStmt handles loops over a relationship or a query.
func (rc *ruleCtx) forStmt(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if rc.unrollGivenKeys(s, sc, out) {
		return false
	}
	if rc.unrollShapeEntries(s, sc, out) {
		return false
	}
	if rc.unrollKeywordItems(s, sc, out) {
		return false
	}
	if rc.unrollDumpedItems(s, sc, out) {
		return false
	}
	if rc.unrollDumpedKeys(s, sc, out) {
		return false
	}
	if done, ends := rc.unrollJumpingLoop(s, sc, out); done {
		return ends // unroll.go
	}
	if s.Iter() == nil || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName {
		if rc.loopHasEffects(s) {
			rc.b.stats.EffectsSeen++
		}
		rc.untranslated(sc, s.Line(), LeftOutLoop, "a loop")
		rc.rowsFilledInBody(sc, s)
		rc.forgetLoopLocals(sc, s)
		unreadLoopReturns(s, sc)
		return false
	}
	if rc.unrollLiteralLoop(s, sc, out) {
		return false
	}
	it := rc.eval(s.Iter(), sc, out, false)
	if it.resetUsers != "" {
		rc.resetUsersLoop(s, it, sc, out)
		return false
	}
	if rc.unrollItems(s, it, sc, out) {
		return false
	}
	varName := bindingName(s.Targets[0].Name())
	if it.kind != vQuery || it.q == nil || varName == "" {
		rc.unfollowedLoop(s, sc)
		return false
	}
	if it.q.flat {
		rc.projectedLoop(s, it.q, sc, out)
		return false
	}
	if rc.findFirst(s, it, sc, out) {
		return false
	}
	if rc.h.job && rc.trigger == nil && rc.temporalLoop(it.q, varName, s.Body, sc, s.Line()) {
		return false
	}
	coll := rc.b.collection(it.q, varName)
	if coll == nil {
		if rc.loopHasEffects(s) {
			rc.b.stats.EffectsSeen++ // a handler that writes here writes state
		}
		rc.untranslated(sc, s.Line(), LeftOutLoop, "a loop over a query")
		return false
	}
	rc.rowLoop(s, it.q.ent, varName, coll, sc, out, func(inner *scope, row *value) bool {
		inner.vars[s.Targets[0].Name()] = row
		return true
	})
	return false
}

// rowLoop states loop s as a for over coll, each row of ent named
// varName: bind says what the loop's names are in the body's scope, given
// the row (false: the loop is not followed, and nothing is stated).
func (rc *ruleCtx) rowLoop(s *facts.Stmt, ent, varName string, coll allium.Expr, sc *scope, out *[]allium.Stmt, bind func(inner *scope, row *value) bool) bool {
	inner := *sc
	inner.top, inner.under = false, nil
	inner.vars = cloneVars(sc.vars)
	row := &value{kind: vEntity, ent: ent, expr: &allium.Ident{Name: varName}}
	if !bind(&inner, row) {
		return false
	}
	var body []allium.Stmt
	rc.stmts(skipsRead(s.Body), &inner, &body)
	forgetKeptRow(sc, row)
	if !slices.ContainsFunc(body, func(st allium.Stmt) bool { _, let := st.(*allium.Let); return !let }) {
		// Nothing done per row but lookups (a task run per webhook whose
		// sending the spec cannot state: plane's webhook_activity,
		// bgtasks/webhook_task.py): no loop to state.
		return true
	}
	*out = append(*out, &allium.For{Meta: rc.b.meta(sc.file, s.Line()), Var: varName, Coll: coll, Body: body})
	return true
}

// projectedLoop reads a loop over the values of one column of a query's
// rows (plane's PageDuplicateEndpoint, app/views/page/base.py:594-606:
// `for project_id in ProjectPage.objects.filter(page_id=page_id)
// .values_list("project_id", flat=True)`) as a loop over the rows, its
// variable the row's column: for project_page in page.project_pages:
// ProjectPage.created(project: project_page.project, ...). Read as the
// rows themselves, the loop's variable was a ProjectPage where the code
// has a project's id.
func (rc *ruleCtx) projectedLoop(s *facts.Stmt, q *query, sc *scope, out *[]allium.Stmt) {
	rowName := bindingName(snake(q.ent))
	target := s.Targets[0].Name()
	if _, taken := sc.vars[rowName]; taken || rowName == "" || rowName == bindingName(target) {
		rc.unfollowedLoop(s, sc)
		return
	}
	rows := *q
	rows.column, rows.flat = "", false
	coll := rc.b.collection(&rows, rowName)
	if coll == nil {
		rc.unfollowedLoop(s, sc)
		return
	}
	followed := rc.rowLoop(s, q.ent, rowName, coll, sc, out, func(inner *scope, row *value) bool {
		inner.vars[rowName] = row
		var scratch []allium.Stmt
		name := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: rowName, Raw: rowName, Line: s.Line()})
		col := rc.evalAttr(facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: name, Name: q.column, Line: s.Line()}), inner, &scratch)
		if col.kind == vUnknown || len(scratch) > 0 {
			return false
		}
		inner.vars[target] = col
		return true
	})
	if !followed {
		rc.unfollowedLoop(s, sc)
	}
}

// A loop's row kept on an object the loop does not own outlives the
// loop: django-allauth's BaseAuthenticateForm.clean_code keeps the
// authenticator whose code matched, `for auth in
// Authenticator.objects.filter(user=self.user)...: if
// auth.wrap().validate_code(code): self.authenticator = auth`
// (mfa/base/forms.py:29-39), and the form's save records its use,
// authenticator.last_used_at = now (mfa/models.py:68-70). The loop's
// variable names a row only inside the loop's for block; kept, it named
// a row no let binds, and the checker dropped the rule (E009, "auth is
// not bound"). Which row matched is not known past the loop, so what was
// kept is forgotten there, and a write to it is noted as one to a row
// the walk could not read.

// forgetKeptRow replaces row, the loop's variable, where a value the
// scope holds kept it as an attribute.
func forgetKeptRow(sc *scope, row *value) {
	for _, v := range sc.vars {
		for k, a := range v.attrs {
			if a == row {
				v.attrs[k] = unknownValue
			}
		}
	}
}

func (rc *ruleCtx) loopHasEffects(s *facts.Stmt) bool {
	has := false
	facts.Walk(s.Body, func(st *facts.Stmt) bool {
		if st.Kind == facts.StmtAssign && len(st.Targets) > 0 && st.Targets[0].Kind == facts.ExprAttr {
			has = true
		}
		return true
	})
	return has
}

// returnsResult reports a block that ends returning a value other than
// None or False, which callers read as a failure.
func returnsResult(body []facts.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	last := &body[len(body)-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind == facts.ExprNone {
		return false
	}
	return last.Value.Kind != facts.ExprBool || last.Value.Value() == "true"
}

// loopCalls reports a loop whose body calls something.
func loopCalls(s *facts.Stmt) bool {
	calls := false
	facts.Walk(s.Body, func(st *facts.Stmt) bool {
		if st.Value != nil && st.Value.Kind == facts.ExprCall && (st.Kind == facts.StmtExpr || st.Kind == facts.StmtAssign) {
			calls = true
		}
		return true
	})
	return calls
}

func cloneVars(m map[string]*value) map[string]*value {
	out := make(map[string]*value, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// collection writes a query as a collection: a relationship when the
// query follows a foreign key (`user.sessions`), else the entity's
// plural filtered by where.
func (b *builder) collection(q *query, varName string) allium.Expr {
	if len(q.alts) > 0 {
		return b.alternativesCollection(q)
	}
	if q.bad > 0 {
		return nil
	}
	var base allium.Expr
	conds := q.conds
	if q.via != nil {
		base = q.via
	} else {
		for i, c := range conds {
			if c.op != allium.OpEq || c.val == nil {
				continue
			}
			owner := c.val
			switch owner.(type) {
			case *allium.Ident, *allium.Member:
			default:
				continue
			}
			e := b.entByName[q.ent]
			f := e.field(c.field)
			if f == nil || f.fkEntity == "" {
				continue
			}
			if rel, adopt := b.relationshipFor(f.fkEntity, q.ent, c.field); rel != nil && !b.singleRels[f.fkEntity+"."+rel.Name] {
				// A one-to-one's reverse side is one row, not a collection
				// to filter.
				adopt()
				base = &allium.Member{X: owner, Name: rel.Name}
				conds = append(append([]qcond{}, conds[:i]...), conds[i+1:]...)
				break
			}
		}
	}
	if base == nil {
		base = &allium.Ident{Name: plural(q.ent)}
	}
	if len(conds) == 0 {
		return base
	}
	var where allium.Expr
	for _, c := range conds {
		if c.field == "id" {
			// id__in=ids: rows the code picked by identity, which the
			// spec does not name.
			return nil
		}
		x := condExpr(nil, c)
		if where == nil {
			where = x
		} else {
			where = &allium.Binary{Op: allium.OpAnd, X: where, Y: x}
		}
	}
	return &allium.Where{X: base, Cond: where}
}

// alternativesCollection is the rows of a query whose rows are any of
// several alternatives (Mongo's {$or: [{email}, {username: email, email:
// {$exists: false}}]}, Django's Q(a) | Q(b)): Users where the query's own
// conditions hold and one alternative's all do. nil when another
// condition is unread (the $or itself is the one q.bad counts) or ties
// the rows to a context, an
// alternative sits under a relationship or picks rows by id, or there
// are fewer than two.
func (b *builder) alternativesCollection(q *query) allium.Expr {
	if len(q.alts) < 2 || q.bad != 1 || q.scoped > 0 || q.via != nil || q.anyOf != nil {
		return nil
	}
	all := func(conds []qcond) (allium.Expr, bool) {
		var x allium.Expr
		for _, c := range conds {
			if c.field == "id" {
				return nil, false
			}
			y := condExpr(nil, c)
			if x != nil {
				y = &allium.Binary{Op: allium.OpAnd, X: x, Y: y}
			}
			x = y
		}
		return x, true
	}
	var any allium.Expr
	for _, alt := range q.alts {
		x, ok := all(alt.conds)
		if alt.under != nil || !ok || x == nil {
			return nil
		}
		if any != nil {
			x = &allium.Binary{Op: allium.OpOr, X: any, Y: x}
		}
		any = x
	}
	own, ok := all(q.conds)
	if !ok {
		return nil
	}
	where := any
	if own != nil {
		where = &allium.Binary{Op: allium.OpAnd, X: own, Y: any}
	}
	return &allium.Where{X: &allium.Ident{Name: plural(q.ent)}, Cond: where}
}

// condExpr writes one query condition on root.field, or on the bare
// field name inside a where filter (root nil).
func condExpr(root allium.Expr, c qcond) allium.Expr {
	var m allium.Expr = &allium.Ident{Name: c.field}
	if root != nil {
		m = &allium.Member{X: root, Name: c.field}
	}
	if c.many && len(c.path) == 1 {
		// user.emailaddress_set.any(e => e.verified)
		v := c.field[:1]
		inner := c
		inner.many, inner.field, inner.path = false, c.path[0], nil
		return &allium.Call{Fun: &allium.Member{X: m, Name: "any"}, Args: []allium.Arg{{Value: &allium.Lambda{Param: v, Body: condExpr(&allium.Ident{Name: v}, inner)}}}}
	}
	for _, p := range c.path {
		m = &allium.Member{X: m, Name: p}
	}
	c.val = rowField(root, c.val)
	if c.fold && c.op == allium.OpEq {
		lower := func(x allium.Expr) allium.Expr {
			return &allium.Call{Fun: &allium.Ident{Name: "lower"}, Args: []allium.Arg{{Value: x}}}
		}
		return &allium.Binary{Op: allium.OpEq, X: lower(m), Y: lower(c.val)}
	}
	if c.orNull {
		c.orNull = false
		return absentOr(m, condExpr(root, c))
	}
	if c.noRelated {
		// exclude(workspace__trashed=True) keeps a row with no workspace.
		c.noRelated = false
		var fk allium.Expr = &allium.Ident{Name: c.field}
		if root != nil {
			fk = &allium.Member{X: root, Name: c.field}
		}
		return absentOr(fk, condExpr(root, c))
	}
	// used = false reads as "not used".
	if lit, ok := c.val.(*allium.Lit); ok && lit.Kind == allium.LitBool && (c.op == allium.OpEq || c.op == allium.OpNe) {
		if (lit.Text == "true") == (c.op == allium.OpEq) {
			return m
		}
		return &allium.Unary{Op: allium.OpNot, X: m}
	}
	if c.val == nil {
		if c.op == allium.OpNot {
			return &allium.Unary{Op: allium.OpNot, X: m}
		}
		return m
	}
	return &allium.Binary{Op: c.op, X: m, Y: c.val}
}

// plural names an entity collection: User -> Users, Policy -> Policies.
func plural(name string) string {
	switch {
	case len(name) > 1 && name[len(name)-1] == 'y' && !isVowel(name[len(name)-2]):
		return name[:len(name)-1] + "ies"
	case len(name) > 1 && (name[len(name)-1] == 's' || name[len(name)-1] == 'x' || name[len(name)-2:] == "ch" || name[len(name)-2:] == "sh"):
		return name + "es"
	}
	return name + "s"
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// pendingRow is a row built before an if, with the field values it had
// then.
type pendingRow struct {
	v    *value
	args []allium.Arg
}

// keepPendingRows undoes what the branches of an if whose condition the
// spec cannot state set on rows built before it (branchRows), created
// before or after it: the values are shared by both ways through the
// if, so `user = User(...); if <unknown>: user.activated = True;
// db.session.add(user)` would otherwise create every user activated. The
// creation says what holds either way; the conditional field is noted.
// (Under a condition the spec states, mergeBranchRows decides.)
func (rc *ruleCtx) keepPendingRows(rows []pendingRow, sc *scope, line int) {
	for _, p := range rows {
		if sameArgs(p.args, p.v.args) {
			continue
		}
		setArgs(p.v, p.args) // in place: a created row shares them with its creation
		rc.untranslated(sc, line, LeftOutCondition, "a field of a new "+p.v.ent+" set under a condition")
	}
}

func sameArgs(a, b []allium.Arg) bool {
	return slices.EqualFunc(a, b, func(x, y allium.Arg) bool {
		return x.Name == y.Name && (x.Value == y.Value || x.Value != nil && y.Value != nil && exprKey(x.Value) == exprKey(y.Value))
	})
}

// extendsItself reports a dict value built as a copy of the name k with
// more entries ({...k, extra}), which k is then bound to.
func extendsItself(v *value, k string) bool {
	if len(v.parts) != 1 || v.parts[0].e == nil {
		return false
	}
	for _, en := range v.parts[0].e.Entries() {
		if en.Key == nil && en.Value.Kind == facts.ExprName && en.Value.Name() == k {
			return true
		}
	}
	return false
}

// assignDocumentPaths reads an assignment of a nested path of a Mongoose
// document (account.resetToken = {token, expires}, or = undefined) as the
// assignment of each field the entity declares under it, as an update of
// that path is read (documentPaths). It reports false, having done
// nothing, when the value is neither an object nor none.
func (rc *ruleCtx) assignDocumentPaths(ent *entityInfo, entName string, t, v *facts.Expr, sc *scope, out *[]allium.Stmt, line int) bool {
	if !ent.hasPathUnder(t.Name()) {
		return false
	}
	paths := rc.b.documentPaths(entName, []facts.Keyword{{Name: t.Name(), Value: *v}})
	if len(paths) == 0 || len(paths) == 1 && paths[0].Name == t.Name() {
		return false
	}
	for i := range paths {
		sub := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: t.X, Name: paths[i].Name, Raw: t.X.Raw() + "." + paths[i].Name, Line: line})
		rc.assign(sub, &paths[i].Value, sc, out, line)
	}
	return true
}

// noteIDParam records that the input id stands for the parameter row, a
// row of ent (idParams).
func (rc *ruleCtx) noteIDParam(id, row, ent string) {
	if rc.idParams == nil {
		rc.idParams = map[string]idParam{}
	}
	rc.idParams[id] = idParam{row: row, ent: ent}
}

// idRowName is the name of the row parameter the input id stands for,
// bound to a local named bn: bn, unless another input id already stands
// for a row of that name. One helper that finds a row by the id it is
// given, called for two ids (baserow's AutomationNodeService.move_node,
// contrib/automation/nodes/service.py:451-465: node = self.get_node(user,
// node_id), after_node = self.get_node(user, new_previous_node_id), each
// bound to the helper's local node, :59), finds two rows: the second is
// named after its id (new_previous_node_id: new_previous_node), or
// numbered when that name is taken.
func (rc *ruleCtx) idRowName(bn, id string) string {
	taken := func(name string) bool { return rc.idRowTaken(name, id) }
	if !taken(bn) {
		return bn
	}
	if n, ok := strings.CutSuffix(id, "_id"); ok && n != "" && !taken(n) && !rc.paramSet[n] && !rc.lets[n] {
		return n
	}
	for i := 2; ; i++ {
		if n := bn + "_" + itoa(i); !taken(n) && !rc.paramSet[n] && !rc.lets[n] {
			return n
		}
	}
}

// idRowTaken reports a row parameter of that name that an input id other
// than id stands for, found on every path of the rule.
func (rc *ruleCtx) idRowTaken(name, id string) bool {
	for other, stands := range rc.idParams {
		if other != id && stands.row == name && stands.everyPath {
			return true
		}
	}
	return false
}

// idParam is the row parameter an input id stands for, and its entity;
// everyPath when it was found outside any branch (idRowName).
type idParam struct {
	row, ent  string
	everyPath bool
}

// andedConds lists the conditions a conjunction joins (a and b and c),
// or c alone.
func andedConds(c allium.Expr) []allium.Expr {
	if b, ok := c.(*allium.Binary); ok && b.Op == allium.OpAnd {
		return append(andedConds(b.X), andedConds(b.Y)...)
	}
	return []allium.Expr{c}
}

// isolateNewRows gives a path its own copy of each row the handler made
// before it branched, and of that row's creation among the path's
// outcomes: what the path sets on the row (sahat's passwordless sign-up,
// which gives the new user a login token and ends the request,
// controllers/user.js:273-284) is its own, not the creation the rest of
// the handler states.
func isolateNewRows(vars map[string]*value, ensures *[]allium.Stmt) {
	copies := map[*value]*value{}
	for _, k := range slices.Sorted(maps.Keys(vars)) {
		v := vars[k]
		if v == nil || v.kind != vNew || v.createdAt == nil || v.createdIx >= len(*v.createdAt) {
			continue
		}
		if c, ok := copies[v]; ok {
			vars[k] = c
			continue
		}
		i := slices.IndexFunc(*ensures, func(st allium.Stmt) bool { return st == (*v.createdAt)[v.createdIx] })
		if i < 0 {
			continue
		}
		st, ok := copyCreation((*ensures)[i])
		if !ok {
			continue
		}
		c := *v
		c.args = slices.Clone(v.args)
		c.unsaved = maps.Clone(v.unsaved)
		c.createdAt, c.createdIx = ensures, i
		(*ensures)[i] = st
		copies[v] = &c
		vars[k] = &c
	}
}

// copyCreation copies a creation statement down to its call's arguments.
func copyCreation(st allium.Stmt) (allium.Stmt, bool) {
	copyCall := func(x allium.Expr) (allium.Expr, bool) {
		call, ok := x.(*allium.Call)
		if !ok {
			return nil, false
		}
		c := *call
		c.Args = slices.Clone(call.Args)
		return &c, true
	}
	switch s := st.(type) {
	case *allium.ExprStmt:
		if x, ok := copyCall(s.X); ok {
			c := *s
			c.X = x
			return &c, true
		}
	case *allium.Let:
		if x, ok := copyCall(s.Value); ok {
			c := *s
			c.Value = x
			return &c, true
		}
	}
	return nil, false
}

// sentRefusal is s with its branch's final return read as a raise when
// s is an if of an inlined helper whose branch answers an error status
// through the response object the handler sends with (catalog
// sent_responses): `if (isDemoMode()) return res.status(400).json(...)`
// in linkwarden's handlePost (pages/api/v1/archives/[linkId].ts:135-140),
// called as `await handlePost(req, res)`. The answer is sent when the
// call runs, so the request is refused there, as by a throw, even though
// the helper only returns to a caller that goes on; read as a helper's
// early return, the refusal was lost and the checks after it were
// stated under its negation (requires: config.next_public_demo or exists
// link). nil for any other statement.
func (rc *ruleCtx) sentRefusal(s *facts.Stmt, sc *scope) *facts.Stmt {
	names := rc.b.lang.SentResponses
	if !sc.inlined || len(names) == 0 || len(s.Body) == 0 {
		return nil
	}
	last := &s.Body[len(s.Body)-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprCall || !rc.failureEnd(last, sc) {
		return nil
	}
	root := last.Value
	for root != nil && (root.Kind == facts.ExprCall || root.Kind == facts.ExprAttr) {
		root = root.X
	}
	if root == nil || root.Kind != facts.ExprName || !slices.Contains(names, root.Name()) {
		return nil
	}
	cp := *s
	cp.Body = slices.Clone(s.Body)
	cp.Body[len(cp.Body)-1] = facts.NewStmt(facts.StmtSpec{Kind: facts.StmtRaise, Value: last.Value, Line: last.Line()})
	return &cp
}

// notePresentedSecrets records the inputs a row that stands for its input
// (row) was found by, read before the lookup to be handed to it, so that
// the rule leaves them off its trigger where no clause reads them
// (dropPresentedSecrets): hagopj13 node-express-boilerplate's logout
// controller hands req.body.refreshToken to authService.logout
// (auth.controller.js:19), which finds the token's row by it
// (auth.service.js:28); the row is the input, the string it was found by
// is not a second one beside it (Logout(refresh_token, refresh_token_doc)
// said two unrelated things were given). bindLocal drops at once the
// inputs first read by the lookup itself.
func (rc *ruleCtx) notePresentedSecrets(q *query, row string) {
	if q == nil {
		return
	}
	for _, c := range q.conds {
		id, ok := c.val.(*allium.Ident)
		if !ok || c.op != allium.OpEq || !secretField(c.field) || id.Name == row || !rc.paramSet[id.Name] ||
			rc.userVal != nil && rc.userVal.param == id.Name || rc.b.entByName[q.ent].declaresTokenColumn(c.field) {
			// A token column the row keeps (kutt's
			// User.change_email_token) is read by spent_token_lookups.go,
			// which turns the row back into a lookup by the input.
			continue
		}
		if rc.presentedSecrets == nil {
			rc.presentedSecrets = map[string]bool{}
		}
		rc.presentedSecrets[id.Name] = true
	}
}

// mentionsLetOf reports whether x reads a name one of stmts binds with a
// let.
func mentionsLetOf(x allium.Expr, stmts []allium.Stmt) bool {
	for _, st := range stmts {
		if l, ok := st.(*allium.Let); ok && mentionsIdent(x, l.Name) {
			return true
		}
	}
	return false
}
