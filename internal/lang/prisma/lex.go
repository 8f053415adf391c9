package prisma

import "strings"

type tokKind int

const (
	tokEOF tokKind = iota
	tokIdent
	tokString
	tokNumber
	tokPunct
	tokBad
)

type token struct {
	kind tokKind
	text string
}

// lexer splits one line: identifiers (dotted: db.VarChar), strings,
// numbers and single-character punctuation.
type lexer struct {
	src    string
	pos    int
	peeked *token
}

func (l *lexer) peek() token {
	if l.peeked == nil {
		t := l.scan()
		l.peeked = &t
	}
	return *l.peeked
}

func (l *lexer) next() token {
	t := l.peek()
	l.peeked = nil
	return t
}

func (l *lexer) scan() token {
	for l.pos < len(l.src) && (l.src[l.pos] == ' ' || l.src[l.pos] == '\t' || l.src[l.pos] == '\r') {
		l.pos++
	}
	if l.pos >= len(l.src) {
		return token{kind: tokEOF}
	}
	start := l.pos
	c := l.src[l.pos]
	switch {
	case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		for l.pos < len(l.src) {
			c := l.src[l.pos]
			if c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				l.pos++
				continue
			}
			break
		}
		return token{kind: tokIdent, text: l.src[start:l.pos]}
	case c == '-' || c >= '0' && c <= '9':
		l.pos++
		for l.pos < len(l.src) && (l.src[l.pos] == '.' || l.src[l.pos] >= '0' && l.src[l.pos] <= '9') {
			l.pos++
		}
		return token{kind: tokNumber, text: l.src[start:l.pos]}
	case c == '"':
		var b strings.Builder
		l.pos++
		for l.pos < len(l.src) {
			c := l.src[l.pos]
			l.pos++
			switch c {
			case '\\':
				if l.pos < len(l.src) {
					b.WriteByte(l.src[l.pos])
					l.pos++
				}
			case '"':
				return token{kind: tokString, text: b.String()}
			default:
				b.WriteByte(c)
			}
		}
		return token{kind: tokBad, text: "unterminated string"}
	}
	l.pos++
	return token{kind: tokPunct, text: string(c)}
}

// args reads arguments up to the closing parenthesis, the opening one
// already read.
func (l *lexer) args(depth int) ([]Arg, string) {
	var out []Arg
	if l.peek().text == ")" {
		l.next()
		return nil, ""
	}
	for {
		var a Arg
		if t := l.peek(); t.kind == tokIdent {
			// name: value, or a value that starts with an identifier.
			l.next()
			if l.peek().text == ":" {
				l.next()
				a.Name = t.text
				v, err := l.value(depth + 1)
				if err != "" {
					return out, err
				}
				a.Value = v
			} else {
				v, err := l.identValue(t, depth+1)
				if err != "" {
					return out, err
				}
				a.Value = v
			}
		} else {
			v, err := l.value(depth + 1)
			if err != "" {
				return out, err
			}
			a.Value = v
		}
		out = append(out, a)
		switch t := l.next(); t.text {
		case ",":
			continue
		case ")":
			return out, ""
		default:
			return out, "expected , or ) in the arguments, found " + quote(t)
		}
	}
}

func (l *lexer) value(depth int) (Value, string) {
	if depth > maxDepth {
		return Value{}, "arguments nested too deep"
	}
	t := l.next()
	switch t.kind {
	case tokIdent:
		return l.identValue(t, depth)
	case tokString:
		return Value{Kind: ValueString, Text: t.text}, ""
	case tokNumber:
		return Value{Kind: ValueNumber, Text: t.text}, ""
	}
	if t.text == "[" {
		v := Value{Kind: ValueList}
		if l.peek().text == "]" {
			l.next()
			return v, ""
		}
		for {
			item, err := l.value(depth + 1)
			if err != "" {
				return v, err
			}
			v.Items = append(v.Items, item)
			switch t := l.next(); t.text {
			case ",":
				continue
			case "]":
				return v, ""
			default:
				return v, "expected , or ] in a list, found " + quote(t)
			}
		}
	}
	return Value{}, "expected a value, found " + quote(t)
}

// identValue reads what follows an identifier already read: a call's
// arguments, or nothing.
func (l *lexer) identValue(t token, depth int) (Value, string) {
	if depth > maxDepth {
		return Value{}, "arguments nested too deep"
	}
	if t.text == "true" || t.text == "false" {
		return Value{Kind: ValueBool, Text: t.text}, ""
	}
	if l.peek().text == "(" {
		l.next()
		args, err := l.args(depth + 1)
		return Value{Kind: ValueCall, Text: t.text, Args: args}, err
	}
	return Value{Kind: ValueIdent, Text: t.text}, ""
}

func quote(t token) string {
	if t.kind == tokEOF {
		return "the end of the line"
	}
	if t.kind == tokBad {
		return "an " + t.text
	}
	return `"` + t.text + `"`
}
