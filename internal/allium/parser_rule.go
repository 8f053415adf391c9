package allium

// Rules, statements, invariants, annotations, contracts, actors and surfaces.

func (p *parser) ruleDecl() *Rule {
	t := p.tok
	r := &Rule{Meta: p.topMeta(t)}
	p.next()
	r.Name = p.expectIdent("a rule name").text
	p.braced("rule "+r.Name, t, func() {
		if s := p.ruleClause(r); s != nil {
			r.Body = append(r.Body, s)
		}
	})
	return r
}

// ruleClause parses one clause of a rule body (or of a rule-level for). The
// trigger and @guidance are stored on r; other clauses are returned.
func (p *parser) ruleClause(r *Rule) Stmt {
	t := p.tok
	switch {
	case p.isKw("when") && p.peekP(1, ":"):
		tr := p.trigger()
		if r.Trigger != nil {
			p.report(t.pos, CodeSyntax, "rule "+r.Name+" has a second \"when:\" clause; a rule has one trigger")
		} else {
			r.Trigger = tr
		}
		return nil
	case p.isKw("let"):
		return p.let()
	case p.isKw("requires"):
		rq := &Requires{Meta: p.meta(t)}
		p.next()
		p.expectP(":", ` after "requires"`)
		if p.atEnd() {
			p.failHere(`a condition after "requires:"`)
		}
		rq.Cond = p.expr()
		return rq
	case p.isKw("ensures"):
		return p.ensures()
	case p.isKw("for"):
		f := &For{Meta: p.meta(t)}
		p.enter(t.pos)
		defer p.leave()
		p.forHead(f)
		p.colonBody(t.indent, `"for `+f.Var+` in ...:"`, func() {
			if s := p.ruleClause(r); s != nil {
				f.Body = append(f.Body, s)
			}
		})
		return f
	case t.kind == tAnnot && !p.atEnd():
		a := p.annotation()
		if a.Kind != "guidance" {
			p.fail(t.pos, CodeSyntax, "a rule accepts only @guidance, found \"@"+a.Kind+"\"")
		}
		if r.Guidance != nil {
			p.report(t.pos, CodeSyntax, "rule "+r.Name+" has a second @guidance")
		}
		r.Guidance = a
		return nil
	}
	if r.Guidance != nil {
		p.report(t.pos, CodeSyntax, "@guidance must be the last clause of rule "+r.Name)
	}
	p.failHere(`a rule clause (when:, let, requires:, ensures:, for or @guidance)`)
	return nil
}

// forHead parses "for x in coll" up to, and including, the colon.
func (p *parser) forHead(f *For) {
	p.next()
	f.Var = p.expectIdent(`a variable name after "for"`).text
	p.expectKw("in", " after \"for "+f.Var+"\"")
	f.Coll = p.expr()
	p.expectP(":", " after \"for "+f.Var+" in ...\"")
}

func (p *parser) let() *Let {
	t := p.tok
	l := &Let{Meta: p.meta(t)}
	p.next()
	l.Name = p.expectIdent(`a name after "let"`).text
	p.expectP("=", " after \"let "+l.Name+"\"")
	if p.atEnd() {
		p.failHere("an expression after \"let " + l.Name + " =\"")
	}
	l.Value = p.expr()
	return l
}

func (p *parser) ensures() *Ensures {
	t := p.tok
	e := &Ensures{Meta: p.meta(t)}
	p.next()
	p.expectP(":", ` after "ensures"`)
	p.colonBody(t.indent, `"ensures:"`, func() {
		e.Body = append(e.Body, p.stmt(true))
	})
	return e
}

// trigger parses "when: ..." and classifies the trigger.
func (p *parser) trigger() *Trigger {
	t := p.tok
	tr := &Trigger{Meta: p.meta(t)}
	p.next()
	p.next() // ":"
	if p.atEnd() {
		p.failHere(`a trigger after "when:"`)
	}
	if p.isIdent() && p.peekP(1, "(") {
		tr.Kind = TriggerExternal
		tr.Name = p.tok.text
		p.next()
		open := p.tok
		p.next()
		p.nest++
		for !p.isP(")") {
			prm := TriggerParam{Name: p.expectIdent("a trigger parameter name").text}
			if p.isP("?") {
				prm.Optional = true
				p.next()
			}
			tr.Params = append(tr.Params, prm)
			if !p.isP(",") {
				break
			}
			p.next()
		}
		p.closeP(")", open)
		return tr
	}
	if p.isIdent() && p.peekP(1, ":") {
		tr.Binding = p.tok.text
		p.next()
		p.next()
	}
	tr.Cond = p.expr()
	tr.Kind = classifyTrigger(tr.Cond)
	return tr
}

// classifyTrigger decides the kind of an entity trigger from its condition.
func classifyTrigger(cond Expr) TriggerKind {
	switch c := cond.(type) {
	case *Binary:
		switch c.Op {
		case OpTransitionsTo:
			return TriggerTransition
		case OpBecomes:
			return TriggerBecomes
		}
		if binaryPrec(c.Op) == precCompare && mentionsNow(c) {
			return TriggerTemporal
		}
	case *Member:
		if _, ok := c.X.(*Ident); ok && c.Name == "created" {
			return TriggerCreated
		}
	}
	return TriggerDerived
}

func mentionsNow(e Expr) bool {
	found := false
	Inspect(e, func(x Expr) bool {
		if id, ok := x.(*Ident); ok && id.Name == "now" {
			found = true
		}
		return !found
	})
	return found
}

// stmt parses a statement of an ensures block (ensures true: "a = b" is an
// assignment) or of an invariant body (ensures false: an assertion).
func (p *parser) stmt(ensures bool) Stmt {
	t := p.tok
	p.enter(t.pos)
	defer p.leave()
	switch {
	case p.isKw("let"):
		return p.let()
	case p.isKw("for"):
		f := &For{Meta: p.meta(t)}
		p.forHead(f)
		p.colonBody(t.indent, `"for `+f.Var+` in ...:"`, func() {
			f.Body = append(f.Body, p.stmt(ensures))
		})
		return f
	case p.isKw("if"):
		return p.ifStmt(ensures)
	}
	meta := p.meta(t)
	if p.atEnd() {
		p.failHere("a statement")
	}
	if ensures {
		x := p.binary(precCompare + 1)
		if p.isP("=") {
			p.next()
			if p.atEnd() {
				p.failHere("a value after \"=\"")
			}
			return &Assign{Meta: meta, Target: x, Value: p.expr()}
		}
		x = p.whereRest(p.binaryRest(x, precImplies))
		return &ExprStmt{Meta: meta, X: x}
	}
	return &ExprStmt{Meta: meta, X: p.expr()}
}

// ifStmt parses a block conditional. Its else branches sit on lines indented
// like the "if", or follow an inline branch on the same line.
func (p *parser) ifStmt(ensures bool) *If {
	t := p.tok
	s := &If{Meta: p.meta(t)}
	p.next()
	for {
		cond := p.expr()
		p.expectP(":", ` after the condition of "if"`)
		var body []Stmt
		p.colonBody(t.indent, `"if ...:"`, func() { body = append(body, p.stmt(ensures)) })
		s.Branches = append(s.Branches, IfBranch{Cond: cond, Body: body})
		e := p.tok
		if e.kind != tIdent || e.text != "else" || (e.first && (e.indent != t.indent || p.nest != 0)) {
			return s
		}
		p.next()
		if p.isKw("if") {
			p.next()
			continue
		}
		p.expectP(":", ` after "else"`)
		var els []Stmt
		p.colonBody(t.indent, `"else:"`, func() { els = append(els, p.stmt(ensures)) })
		if els == nil {
			els = []Stmt{}
		}
		s.Else = els
		return s
	}
}

// invariant parses "invariant Name { body }" at top level or in an entity.
func (p *parser) invariant() *Invariant {
	t := p.tok
	inv := &Invariant{Meta: p.meta(t)}
	p.next()
	inv.Name = p.expectIdent(`an invariant name after "invariant"`).text
	p.braced("invariant "+inv.Name, t, func() { inv.Body = append(inv.Body, p.stmt(false)) })
	return inv
}

func (p *parser) invariantDecl() *Invariant {
	inv := p.invariant()
	inv.Blank = false
	return inv
}

// annotation parses @invariant Name, @guarantee Name or @guidance and the
// indented comment lines that form its body.
func (p *parser) annotation() *Annotation {
	t := p.tok
	a := &Annotation{Meta: p.meta(t), Kind: t.text}
	p.next()
	switch a.Kind {
	case "invariant", "guarantee":
		a.Name = p.expectIdent("a PascalCase name after \"@" + a.Kind + "\"").text
	case "guidance":
	default:
		p.fail(t.pos, CodeSyntax, "unknown annotation \"@"+a.Kind+"\"; expected @invariant, @guarantee or @guidance")
	}
	for ln := t.pos.Line + 1; ln < len(p.lines); ln++ {
		li := &p.lines[ln]
		if li.kind != lineComment || li.indent <= t.indent || li.used {
			break
		}
		li.used = true
		a.Lines = append(a.Lines, li.comment)
	}
	return a
}

func (p *parser) contractDecl() *Contract {
	t := p.tok
	c := &Contract{Meta: p.topMeta(t)}
	p.next()
	c.Name = p.expectIdent("a contract name").text
	p.braced("contract "+c.Name, t, func() {
		if p.tok.kind == tAnnot {
			a := p.annotation()
			if a.Kind == "guarantee" {
				p.report(a.Pos, CodeSyntax, "a contract accepts @invariant and @guidance, found \"@guarantee\"")
			}
			c.Annotations = append(c.Annotations, a)
			return
		}
		s := &Signature{Meta: p.meta(p.tok)}
		s.Name = p.expectIdent("an operation name or annotation").text
		p.expectP(":", " after operation "+quoteText(s.Name))
		open := p.expectP("(", " to open the parameters of "+quoteText(s.Name)+" (name: (a: T) -> R)")
		p.nest++
		for !p.isP(")") {
			name := p.expectIdent("a parameter name").text
			p.expectP(":", " after parameter "+quoteText(name))
			s.Params = append(s.Params, Param{Name: name, Type: p.parseType()})
			if !p.isP(",") {
				break
			}
			p.next()
		}
		p.closeP(")", open)
		p.expectP("->", " after the parameters of "+quoteText(s.Name))
		s.Result = p.parseType()
		c.Signatures = append(c.Signatures, s)
	})
	return c
}

func (p *parser) actorDecl() *Actor {
	t := p.tok
	a := &Actor{Meta: p.topMeta(t)}
	p.next()
	a.Name = p.expectIdent("an actor name").text
	p.braced("actor "+a.Name, t, func() {
		switch {
		case p.isKw("identified_by") && p.peekP(1, ":"):
			p.next()
			p.next()
			if p.atEnd() {
				p.failHere(`an expression after "identified_by:"`)
			}
			a.IdentifiedBy = p.expr()
		case p.isKw("within") && p.peekP(1, ":"):
			p.next()
			p.next()
			a.Within = p.expectIdent(`a type after "within:"`).text
		default:
			p.failHere(`"identified_by:" or "within:" in actor ` + a.Name)
		}
	})
	return a
}

func (p *parser) surfaceDecl() *Surface {
	t := p.tok
	s := &Surface{Meta: p.topMeta(t)}
	p.next()
	s.Name = p.expectIdent("a surface name").text
	p.braced("surface "+s.Name, t, func() { p.surfaceClause(s) })
	return s
}

func (p *parser) surfaceClause(s *Surface) {
	t := p.tok
	block := func(kw string, dst *[]SurfaceEntry) {
		p.next()
		p.next()
		p.colonBody(t.indent, quoteText(kw+":"), func() { *dst = append(*dst, p.surfaceEntry()) })
	}
	switch {
	case p.isKw("facing") && p.peekIdent(1):
		if s.Facing != nil {
			p.report(t.pos, CodeSyntax, "surface "+s.Name+" has a second \"facing\" clause")
		}
		s.Facing = p.surfaceBinding(false)
	case p.isKw("context") && p.peekIdent(1):
		if s.Context != nil {
			p.report(t.pos, CodeSyntax, "surface "+s.Name+" has a second \"context\" clause")
		}
		s.Context = p.surfaceBinding(true)
	case p.isKw("let"):
		l := p.let()
		l.Blank = false
		s.Lets = append(s.Lets, l)
	case p.isKw("exposes") && p.peekP(1, ":"):
		block("exposes", &s.Exposes)
	case p.isKw("provides") && p.peekP(1, ":"):
		block("provides", &s.Provides)
	case p.isKw("related") && p.peekP(1, ":"):
		block("related", &s.Related)
	case p.isKw("timeout") && p.peekP(1, ":"):
		block("timeout", &s.Timeout)
	case p.isKw("contracts") && p.peekP(1, ":"):
		p.next()
		p.next()
		p.colonBody(t.indent, `"contracts:"`, func() {
			c := &ContractRef{Meta: p.meta(p.tok)}
			switch {
			case p.isKw("demands"):
				c.Demands = true
			case p.isKw("fulfils"):
			default:
				p.failHere(`"demands" or "fulfils" followed by a contract name`)
			}
			p.next()
			c.Name = p.expectIdent("a contract name").text
			s.Contracts = append(s.Contracts, c)
		})
	case t.kind == tAnnot && !p.atEnd():
		a := p.annotation()
		a.Blank = false
		if a.Kind == "invariant" {
			p.report(a.Pos, CodeSyntax, "a surface accepts @guarantee and @guidance, found \"@invariant\"")
		}
		s.Annotations = append(s.Annotations, a)
	default:
		p.failHere("a surface clause (facing, context, let, exposes:, provides:, contracts:, related:, timeout:, @guarantee or @guidance)")
	}
}

// surfaceBinding parses "facing name: Type" or "context name: Type [where c]".
func (p *parser) surfaceBinding(context bool) *SurfaceBinding {
	kw := p.tok.text
	b := &SurfaceBinding{Meta: p.meta(p.tok)}
	b.Blank = false
	p.next()
	b.Name = p.expectIdent("a binding name after " + quoteText(kw)).text
	p.expectP(":", " after \""+kw+" "+b.Name+"\"")
	b.Type = p.expectIdent("a type after \"" + kw + " " + b.Name + ":\"").text
	if context && p.isKw("where") {
		p.next()
		b.Where = p.binary(precImplies)
	}
	return b
}

// surfaceEntry parses one line of exposes, provides, related or timeout.
func (p *parser) surfaceEntry() SurfaceEntry {
	t := p.tok
	p.enter(t.pos)
	defer p.leave()
	if p.isKw("for") {
		f := &SurfaceFor{Meta: p.meta(t)}
		var head For
		p.forHead(&head)
		f.Var, f.Coll = head.Var, head.Coll
		p.colonBody(t.indent, `"for `+f.Var+` in ...:"`, func() { f.Body = append(f.Body, p.surfaceEntry()) })
		return f
	}
	it := &SurfaceItem{Meta: p.meta(t)}
	if p.atEnd() {
		p.failHere("a surface item")
	}
	it.X = p.expr()
	if p.isKw("when") {
		p.next()
		if p.atEnd() {
			p.failHere(`a condition after "when"`)
		}
		it.When = p.expr()
	}
	return it
}
