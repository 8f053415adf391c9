package allium

// Expressions. Precedence, loosest first, is the printer's table (printexpr.go):
// where < implies < or < and < not < comparisons < ?? < + - < * / < unary
// minus and exists < postfix. Binary operators associate to the left.

// durationUnits are the suffixes that turn a number into a Duration.
var durationUnits = map[string]bool{
	"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true, "hours": true,
	"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true,
	"year": true, "years": true,
}

// expr parses a full expression, including a trailing "where" filter.
func (p *parser) expr() Expr {
	p.enter(p.tok.pos)
	defer p.leave()
	return p.whereRest(p.binary(precImplies))
}

// whereRest parses "x where cond" after x.
func (p *parser) whereRest(x Expr) Expr {
	for p.isKw("where") {
		pos := x.Position()
		p.next()
		cond := p.binary(precImplies)
		x = &Where{ExprPos: ExprPos{pos}, X: x, Cond: cond}
	}
	return x
}

// binary parses an expression whose operators bind at least as tightly as min.
func (p *parser) binary(min int) Expr {
	return p.binaryRest(p.operand(), min)
}

// binaryRest continues a binary expression whose left operand is x.
func (p *parser) binaryRest(x Expr, min int) Expr {
	for {
		op, prec, width := p.binop()
		if op == "" || prec < min {
			return x
		}
		for range width {
			p.next()
		}
		y := p.binary(prec + 1)
		x = &Binary{ExprPos: ExprPos{x.Position()}, Op: op, X: x, Y: y}
	}
}

// binop returns the binary operator at the current token, its precedence and
// how many tokens it spans ("not in" spans two).
func (p *parser) binop() (string, int, int) {
	t := p.tok
	if p.atEnd() && !p.leadingBoolOp() {
		return "", 0, 0
	}
	switch t.kind {
	case tPunct:
		switch t.text {
		case "=", "!=", "<", "<=", ">", ">=":
			return t.text, precCompare, 1
		case "??":
			return OpCoalesce, precCoalesce, 1
		case "+", "-":
			return t.text, precAdd, 1
		case "*", "/":
			return t.text, precMul, 1
		}
	case tIdent:
		switch t.text {
		case "implies":
			return OpImplies, precImplies, 1
		case "or":
			return OpOr, precOr, 1
		case "and":
			return OpAnd, precAnd, 1
		case "in":
			return OpIn, precCompare, 1
		case "transitions_to":
			return OpTransitionsTo, precCompare, 1
		case "becomes":
			return OpBecomes, precCompare, 1
		case "not":
			if nt, ok := p.peek(1); ok && nt.kind == tIdent && nt.text == "in" {
				return OpNotIn, precCompare, 2
			}
		}
	}
	return "", 0, 0
}

// leadingBoolOp reports whether the current token is "and", "or" or
// "implies" opening a line indented exactly like the clause: no clause starts
// with those words, so the line continues the expression before it.
func (p *parser) leadingBoolOp() bool {
	t := p.tok
	if t.kind != tIdent || !t.first || p.nest != 0 || t.indent != p.limit {
		return false
	}
	return t.text == "and" || t.text == "or" || t.text == "implies"
}

// operand parses a prefix "not" (whose operand is a comparison) or a unary
// expression.
func (p *parser) operand() Expr {
	if p.isKw("not") {
		t := p.tok
		p.enter(t.pos)
		defer p.leave()
		p.next()
		x := p.binary(precCompare)
		return &Unary{ExprPos: ExprPos{t.pos}, Op: OpNot, X: x}
	}
	return p.unary()
}

func (p *parser) unary() Expr {
	t := p.tok
	switch {
	case p.isP("-"):
		p.enter(t.pos)
		defer p.leave()
		p.next()
		return &Unary{ExprPos: ExprPos{t.pos}, Op: OpNeg, X: p.unary()}
	case p.isKw("exists"):
		p.enter(t.pos)
		defer p.leave()
		p.next()
		return &Unary{ExprPos: ExprPos{t.pos}, Op: OpExists, X: p.unary()}
	case p.isKw("not"):
		return p.operand()
	}
	return p.postfix(p.primary())
}

func (p *parser) primary() Expr {
	t := p.tok
	if p.atEnd() {
		p.failHere("an expression")
	}
	pos := ExprPos{t.pos}
	switch t.kind {
	case tIdent:
		switch t.text {
		case "true", "false":
			p.next()
			return &Lit{ExprPos: pos, Kind: LitBool, Text: t.text}
		case "null":
			p.next()
			return &Lit{ExprPos: pos, Kind: LitNull, Text: t.text}
		case "if":
			return p.ifExpr()
		}
		if p.peekP(1, "=>") {
			p.next()
			p.next()
			p.enter(t.pos)
			defer p.leave()
			return &Lambda{ExprPos: pos, Param: t.text, Body: p.expr()}
		}
		if isReserved(t.text) {
			p.failHere("an expression")
		}
		p.next()
		return &Ident{ExprPos: pos, Name: t.text}
	case tNumber:
		p.next()
		if p.isP(".") {
			if u, ok := p.peek(1); ok && u.kind == tIdent && durationUnits[u.text] {
				p.next()
				p.next()
				return &Duration{ExprPos: pos, Value: t.text, Unit: u.text}
			}
		}
		return &Lit{ExprPos: pos, Kind: LitNumber, Text: t.text}
	case tString:
		p.next()
		return &Lit{ExprPos: pos, Kind: LitString, Text: t.text}
	case tBacktick:
		p.next()
		return &Lit{ExprPos: pos, Kind: LitBacktick, Text: t.text}
	case tPunct:
		switch t.text {
		case "(":
			p.next()
			p.nest++
			x := p.expr()
			p.closeP(")", t)
			return x
		case "{":
			return p.braceLit()
		case "[":
			p.next()
			p.nest++
			l := &ListLit{ExprPos: pos}
			for !p.isP("]") {
				l.Elems = append(l.Elems, p.expr())
				if !p.isP(",") {
					break
				}
				p.next()
			}
			p.closeP("]", t)
			return l
		}
	}
	p.failHere("an expression")
	return nil
}

// reserved words cannot stand alone as names in expressions.
var reservedWords = map[string]bool{
	"and": true, "or": true, "implies": true, "in": true, "where": true, "when": true,
	"else": true, "with": true, "let": true, "for": true, "requires": true, "ensures": true,
	"transitions_to": true, "becomes": true,
}

func isReserved(s string) bool { return reservedWords[s] }

// closeP consumes the closing bracket matching open and leaves the bracket.
func (p *parser) closeP(text string, open token) {
	if !p.isP(text) {
		p.fail(p.here(), CodeSyntax, "expected "+quoteText(text)+" to close "+quoteText(open.text)+
			" opened at line "+itoa(open.pos.Line)+":"+itoa(open.pos.Col)+", found "+p.describe())
	}
	p.nest--
	p.next()
}

// braceLit parses {} , {a, b} (set) or {k: v, ...} (object).
func (p *parser) braceLit() Expr {
	open := p.tok
	pos := ExprPos{open.pos}
	p.next()
	p.nest++
	if p.isIdent() && p.peekP(1, ":") {
		o := &ObjectLit{ExprPos: pos}
		for !p.isP("}") {
			name := p.expectIdent("a field name in object literal")
			p.expectP(":", " after field name "+quoteText(name.text))
			o.Fields = append(o.Fields, ObjectField{Name: name.text, Value: p.expr()})
			if !p.isP(",") {
				break
			}
			p.next()
		}
		p.closeP("}", open)
		return o
	}
	s := &SetLit{ExprPos: pos}
	for !p.isP("}") {
		s.Elems = append(s.Elems, p.expr())
		if !p.isP(",") {
			break
		}
		p.next()
	}
	p.closeP("}", open)
	return s
}

// ifExpr parses an inline conditional: if c: a else if d: b else: e.
func (p *parser) ifExpr() Expr {
	t := p.tok
	p.enter(t.pos)
	defer p.leave()
	e := &IfExpr{ExprPos: ExprPos{t.pos}}
	p.next()
	for {
		cond := p.binary(precImplies)
		p.expectP(":", " after the condition of \"if\"")
		then := p.binary(precImplies)
		e.Branches = append(e.Branches, IfExprBranch{Cond: cond, Then: then})
		if !p.isKw("else") {
			return e
		}
		p.next()
		if p.isKw("if") {
			p.next()
			continue
		}
		p.expectP(":", " after \"else\"")
		e.Else = p.binary(precImplies)
		return e
	}
}

// postfix parses member access, optional navigation, calls and joins.
func (p *parser) postfix(x Expr) Expr {
	for !p.atEnd() {
		t := p.tok
		switch {
		case p.isP("."), p.isP("?."):
			p.next()
			name := p.expectIdent("a field name after " + quoteText(t.text))
			x = &Member{ExprPos: ExprPos{x.Position()}, X: x, Name: name.text, Optional: t.text == "?."}
		case p.isP("("):
			x = p.call(x)
		case p.isP("{"):
			id, ok := x.(*Ident)
			if !ok || !isPascal(id.Name) {
				return x
			}
			x = p.join(id)
		default:
			return x
		}
	}
	return x
}

func (p *parser) call(fun Expr) Expr {
	open := p.tok
	p.enter(open.pos)
	defer p.leave()
	p.next()
	p.nest++
	c := &Call{ExprPos: ExprPos{fun.Position()}, Fun: fun}
	for !p.isP(")") {
		var a Arg
		if p.isIdent() && p.peekP(1, ":") {
			a.Name = p.tok.text
			p.next()
			p.next()
		}
		a.Value = p.expr()
		// A trailing "?" marks an optional trigger parameter in a surface's
		// provides list: Decline(viewer, reason?).
		if id, ok := a.Value.(*Ident); ok && a.Name == "" && p.isP("?") {
			id.Name += "?"
			p.next()
		}
		c.Args = append(c.Args, a)
		if !p.isP(",") {
			break
		}
		p.next()
	}
	p.closeP(")", open)
	return c
}

func (p *parser) join(entity *Ident) Expr {
	open := p.tok
	p.next()
	p.nest++
	j := &Join{ExprPos: entity.ExprPos, Entity: entity.Name}
	for !p.isP("}") {
		name := p.expectIdent("a field name in join lookup " + entity.Name + "{...}")
		f := JoinField{Name: name.text}
		if p.isP(":") {
			p.next()
			f.Value = p.expr()
		}
		j.Fields = append(j.Fields, f)
		if !p.isP(",") {
			break
		}
		p.next()
	}
	p.closeP("}", open)
	return j
}

func quoteText(s string) string { return "\"" + s + "\"" }
