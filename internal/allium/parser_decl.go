package allium

import (
	"strconv"
	"strings"
)

// Declarations: use, given, entities, value types, variants, enums, config,
// defaults, deferred specifications and open questions.

func itoa(n int) string { return strconv.Itoa(n) }

func (p *parser) useDecl() *Use {
	t := p.tok
	u := &Use{Meta: p.meta(t)}
	p.next()
	if p.tok.kind != tString || p.atEnd() {
		p.failHere(`a quoted path after "use"`)
	}
	u.Path = p.tok.text
	p.next()
	p.expectKw("as", ` after the path of "use"`)
	alias := p.expectIdent(`an alias after "as"`)
	u.Alias = alias.text
	// Aliases may contain hyphens ("google-oauth"), written without spaces.
	for end := alias.end; p.isP("-") && p.tok.pos.Line == alias.pos.Line && p.tok.pos.Col == end; {
		p.next()
		part := p.expectIdent(`the rest of alias "` + u.Alias + `-"`)
		u.Alias += "-" + part.text
		end = part.end
	}
	return u
}

func (p *parser) givenDecl() []*GivenBinding {
	head := p.tok
	p.next()
	var out []*GivenBinding
	p.braced(`"given"`, head, func() {
		g := &GivenBinding{Meta: p.meta(p.tok)}
		g.Name = p.expectIdent("a binding name").text
		p.expectP(":", " after given binding "+quoteText(g.Name))
		g.Type = p.parseType()
		out = append(out, g)
	})
	return out
}

func (p *parser) entityDecl(external bool) *Entity {
	t := p.tok
	e := &Entity{Meta: p.topMeta(t), External: external}
	p.next()
	if external {
		p.expectKw("entity", ` after "external"`)
	}
	name := p.expectIdent("an entity name")
	e.Name = name.text
	p.braced("entity "+e.Name, t, func() { e.Members = append(e.Members, p.member()) })
	return e
}

func (p *parser) valueDecl() *ValueType {
	t := p.tok
	v := &ValueType{Meta: p.topMeta(t)}
	p.next()
	v.Name = p.expectIdent("a value type name").text
	p.braced("value "+v.Name, t, func() { v.Members = append(v.Members, p.member()) })
	return v
}

func (p *parser) variantDecl() *Variant {
	t := p.tok
	v := &Variant{Meta: p.topMeta(t)}
	p.next()
	v.Name = p.expectIdent("a variant name").text
	p.expectP(":", " after variant name "+quoteText(v.Name)+" (variant Name : Base)")
	v.Base = p.expectIdent("the base entity of variant " + v.Name).text
	p.braced("variant "+v.Name, t, func() { v.Members = append(v.Members, p.member()) })
	return v
}

func (p *parser) enumDecl() *Enum {
	t := p.tok
	e := &Enum{Meta: p.topMeta(t)}
	p.next()
	e.Name = p.expectIdent("an enum name").text
	open := p.expectP("{", " after enum name "+quoteText(e.Name))
	p.nest++
	for !p.isP("}") {
		e.Values = append(e.Values, p.enumValue("enum "+e.Name))
		if !p.isP("|") {
			break
		}
		p.next()
	}
	p.closeP("}", open)
	return e
}

// enumValue reads one enum literal: a name or a backtick-quoted literal.
func (p *parser) enumValue(context string) EnumValue {
	switch {
	case p.tok.kind == tBacktick && !p.atEnd():
		v := EnumValue{Name: p.tok.text, Quoted: true}
		p.next()
		return v
	case p.isIdent() && !isReserved(p.tok.text):
		v := EnumValue{Name: p.tok.text}
		p.next()
		return v
	}
	p.failHere("an enum value in " + context)
	return EnumValue{}
}

// parseType reads a named type (String, Set<User>, oauth/Session, T?) or an
// inline enum / discriminator (a | b | c, Branch | Leaf). A "?" after the
// last value of an inline enum makes the whole enum optional
// (status: active | locked?), as the reference reads it: the field may be
// absent, not one value.
func (p *parser) parseType() *Type {
	if (p.tok.kind == tBacktick && !p.atEnd()) || (p.isIdent() && p.peekP(1, "|")) {
		t := &Type{}
		for {
			t.Enum = append(t.Enum, p.enumValue("inline enum"))
			if p.isP("?") {
				t.Optional = true
				p.next()
				return t
			}
			if !p.isP("|") {
				return t
			}
			p.next()
		}
	}
	if !p.isIdent() || isReserved(p.tok.text) {
		p.failHere("a type")
	}
	t := &Type{Name: p.tok.text}
	p.next()
	if p.isP("<") {
		open := p.tok
		p.enter(open.pos)
		defer p.leave()
		p.next()
		for {
			t.Args = append(t.Args, p.parseType())
			if !p.isP(",") {
				break
			}
			p.next()
		}
		if !p.isP(">") {
			p.fail(p.here(), CodeSyntax, `expected ">" to close the type arguments of `+t.Name+", found "+p.describe())
		}
		p.next()
	}
	if p.isP("?") {
		t.Optional = true
		p.next()
	}
	return t
}

// looksLikeFieldType reports whether what follows "name:" is a type rather
// than an expression: an inline enum, or a type name followed by nothing but
// "when", a comma, a closing brace or the end of the line.
func (p *parser) looksLikeFieldType() bool {
	t := p.tok
	if p.atEnd() {
		return false
	}
	if t.kind == tBacktick {
		return true
	}
	if t.kind != tIdent {
		return false
	}
	if p.peekP(1, "|") {
		return true
	}
	if !isPascal(t.text) {
		return false
	}
	i := 1
	if p.peekP(i, "<") {
		// Set<T>: a type even when malformed, so that the error is about
		// the type rather than a comparison.
		return true
	}
	if p.peekP(i, "?") {
		i++
	}
	nt, ok := p.peek(i)
	// A type ends its line: the next line's first token never continues it.
	if !ok || nt.kind == tEOF || nt.first {
		return true
	}
	switch {
	case nt.kind == tPunct && (nt.text == "," || nt.text == "}" || nt.text == "|"):
		return true
	case nt.kind == tIdent && nt.text == "when":
		return true
	}
	return false
}

// member parses one declaration inside an entity, value or variant body.
func (p *parser) member() EntityMember {
	t := p.tok
	if t.kind == tIdent && t.text == "transitions" && p.peekIdent(1) && !p.peekP(1, ":") {
		return p.transitions()
	}
	if t.kind == tIdent && t.text == "invariant" && p.peekIdent(1) {
		return p.invariant()
	}
	meta := p.meta(t)
	name := p.expectIdent("a field, relationship or derived value name")
	if p.isP("(") {
		open := p.tok
		p.next()
		p.nest++
		d := &Derived{Meta: meta, Name: name.text}
		for !p.isP(")") {
			d.Params = append(d.Params, p.expectIdent("a parameter name").text)
			if !p.isP(",") {
				break
			}
			p.next()
		}
		p.closeP(")", open)
		p.expectP(":", " after the parameters of "+quoteText(name.text))
		d.Value = p.expr()
		d.When = p.fieldWhen()
		return d
	}
	p.expectP(":", " after "+quoteText(name.text))
	if p.atEnd() {
		p.failHere("a type or expression after " + quoteText(name.text+":"))
	}
	// A value that starts on the next line is a wrapped expression: a type
	// never does (the printer writes one beside its name).
	if !p.tok.first && p.looksLikeFieldType() {
		f := &Field{Meta: meta, Name: name.text, Type: p.parseType()}
		f.When = p.fieldWhen()
		return f
	}
	if p.isIdent() && isPascal(p.tok.text) && p.peekIdent(1) {
		if w, _ := p.peek(1); w.text == "with" {
			r := &Relationship{Meta: meta, Name: name.text, Entity: p.tok.text}
			p.next()
			p.next()
			r.With = p.expr()
			return r
		}
	}
	start := p.pos
	x := p.expr()
	// A where filter makes a projection, unless the whole value is in
	// parentheses: "name: (xs where c)" is a derived value whose value is a
	// filter, the form the printer writes for one.
	w, isWhere := x.(*Where)
	if isWhere && p.parenthesized(start, p.pos) {
		isWhere = false
	}
	if p.isP("->") {
		p.next()
		pr := &Projection{Meta: meta, Name: name.text, Source: x}
		if isWhere {
			pr.Source, pr.Where = w.X, w.Cond
		}
		pr.Map = p.expectIdent(`a field name after "->"`).text
		return pr
	}
	if isWhere {
		return &Projection{Meta: meta, Name: name.text, Source: w.X, Where: w.Cond}
	}
	return &Derived{Meta: meta, Name: name.text, Value: x, When: p.fieldWhen()}
}

// parenthesized reports whether the tokens [from, to) are one parenthesised
// expression: "(" at from, and its matching ")" at to-1.
func (p *parser) parenthesized(from, to int) bool {
	if to-from < 2 || !isPunct(p.toks[from], "(") || !isPunct(p.toks[to-1], ")") {
		return false
	}
	depth := 0
	for i := from; i < to; i++ {
		switch t := p.toks[i]; {
		case isPunct(t, "("):
			depth++
		case isPunct(t, ")"):
			depth--
			if depth == 0 {
				return i == to-1
			}
		}
	}
	return false
}

func isPunct(t token, text string) bool { return t.kind == tPunct && t.text == text }

// fieldWhen parses an optional "when status = a | b" presence clause.
func (p *parser) fieldWhen() *FieldWhen {
	if !p.isKw("when") {
		return nil
	}
	p.next()
	w := &FieldWhen{Field: p.expectIdent(`a status field name after "when"`).text}
	p.expectP("=", " after "+quoteText("when "+w.Field))
	for {
		v := p.enumValue("when clause")
		name := v.Name
		if v.Quoted {
			name = "`" + name + "`"
		}
		w.Values = append(w.Values, name)
		if !p.isP("|") {
			return w
		}
		p.next()
	}
}

func (p *parser) transitions() *Transitions {
	t := p.tok
	tr := &Transitions{Meta: p.meta(t)}
	p.next()
	tr.Field = p.expectIdent("a field name after \"transitions\"").text
	p.braced("transitions "+tr.Field, t, func() {
		if p.isKw("terminal") && p.peekP(1, ":") {
			p.next()
			p.next()
			for {
				tr.Terminal = append(tr.Terminal, edgeName(p.enumValue("terminal list")))
				if !p.isP(",") {
					return
				}
				p.next()
			}
		}
		line := p.tok.pos.Line
		from := edgeName(p.enumValue("transition edge"))
		p.expectP("->", " after "+quoteText(from)+" in a transition edge (from -> to)")
		to := edgeName(p.enumValue("transition edge"))
		e := Edge{From: from, To: to}
		if c, ok := p.trailing(line); ok && p.tok.first {
			e.Comment = c
		}
		tr.Edges = append(tr.Edges, e)
	})
	return tr
}

func edgeName(v EnumValue) string {
	if v.Quoted {
		return "`" + v.Name + "`"
	}
	return v.Name
}

func (p *parser) configDecl() []*ConfigParam {
	head := p.tok
	p.next()
	var out []*ConfigParam
	p.braced(`"config"`, head, func() {
		c := &ConfigParam{Meta: p.meta(p.tok)}
		c.Name = p.expectIdent("a config parameter name").text
		p.expectP(":", " after config parameter "+quoteText(c.Name))
		c.Type = p.parseType()
		if p.isP("=") {
			p.next()
			c.Default = p.expr()
		}
		out = append(out, c)
	})
	return out
}

func (p *parser) configOverrideDecl() *ConfigOverride {
	t := p.tok
	o := &ConfigOverride{Meta: p.topMeta(t), Alias: strings.TrimSuffix(t.text, "/config")}
	p.next()
	p.braced(quoteText(t.text), t, func() {
		s := &ConfigSetting{Meta: p.meta(p.tok)}
		s.Name = p.expectIdent("a config parameter name").text
		p.expectP(":", " after config parameter "+quoteText(s.Name))
		s.Value = p.expr()
		o.Settings = append(o.Settings, s)
	})
	return o
}

func (p *parser) defaultDecl() *Default {
	t := p.tok
	d := &Default{Meta: p.topMeta(t)}
	p.next()
	d.Type = p.expectIdent(`a type name after "default"`).text
	d.Name = p.expectIdent("a name for the default " + d.Type).text
	p.expectP("=", " after "+quoteText("default "+d.Type+" "+d.Name))
	d.Value = p.expr()
	return d
}

func (p *parser) deferredDecl() *Deferred {
	t := p.tok
	d := &Deferred{Meta: p.topMeta(t)}
	p.next()
	name := p.expectIdent(`a name after "deferred"`).text
	for p.isP(".") {
		p.next()
		name += "." + p.expectIdent(`a name after "."`).text
	}
	d.Name = name
	return d
}

func (p *parser) openQuestionDecl() *OpenQuestion {
	t := p.tok
	q := &OpenQuestion{Meta: p.topMeta(t)}
	p.next()
	p.expectKw("question", ` after "open"`)
	if p.tok.kind != tString || p.atEnd() {
		p.failHere(`a quoted question after "open question"`)
	}
	q.Text = p.tok.text
	p.next()
	return q
}
