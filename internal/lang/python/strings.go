package python

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// stringExpr translates a string literal or an implicit concatenation of
// literals. Any f-string part makes the whole an opaque ExprFString.
func (x *extractor) stringExpr(e *facts.Expr, n syntax.Node) {
	parts := []syntax.Node{n}
	if n.Kind() == x.k.concatenatedString {
		parts = x.named(n)
	}
	var value strings.Builder
	for _, part := range parts {
		if part.Kind() != x.k.str {
			continue
		}
		if !x.appendString(&value, part) {
			e.Kind = facts.ExprFString
			e.SetText(clip(n.Bytes()))
			return
		}
	}
	e.Kind = facts.ExprString
	e.SetValue(x.internString(value.String()))
}

// appendString appends the value of one literal to b and reports false
// for an f-string. It reads the literal's own text (prefix, quotes,
// content) instead of visiting its child nodes.
func (x *extractor) appendString(b *strings.Builder, n syntax.Node) bool {
	text := n.Bytes()
	i := 0
	for i < len(text) && text[i] != '"' && text[i] != '\'' {
		i++
	}
	prefix, rest := text[:i], text[i:]
	if bytes.ContainsAny(prefix, "fFtT") {
		return false // f-strings (and template strings) are opaque
	}
	quote := 1
	if len(rest) >= 6 && (bytes.HasPrefix(rest, []byte(`"""`)) || bytes.HasPrefix(rest, []byte("'''"))) {
		quote = 3
	}
	if len(rest) < 2*quote {
		// An unterminated literal from error recovery: keep what is there.
		if len(rest) >= quote {
			rest = rest[quote:]
		}
		b.Write(rest)
		return true
	}
	content := rest[quote : len(rest)-quote]
	if bytes.ContainsAny(prefix, "rR") {
		b.Write(content)
	} else {
		decodeEscapes(b, content)
	}
	return true
}

// decodeEscapes appends s to b with Python's backslash escapes decoded.
// Unknown escapes are kept as written, as Python does.
func decodeEscapes(b *strings.Builder, s []byte) {
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\\')
		if i < 0 || i == len(s)-1 {
			b.Write(s)
			return
		}
		b.Write(s[:i])
		s = s[i:]
		consumed := 2
		switch c := s[1]; c {
		case '\n':
			// line continuation inside the literal
		case '\\', '\'', '"':
			b.WriteByte(c)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x', 'u', 'U':
			width := 2
			if c == 'u' {
				width = 4
			} else if c == 'U' {
				width = 8
			}
			if len(s) < 2+width {
				b.Write(s[:2])
				break
			}
			v, err := strconv.ParseUint(string(s[2:2+width]), 16, 32)
			if err != nil || (c != 'x' && !utf8.ValidRune(rune(v))) {
				b.Write(s[:2])
				break
			}
			b.WriteRune(rune(v))
			consumed = 2 + width
		case '0', '1', '2', '3', '4', '5', '6', '7':
			end := 2
			for end < 4 && end < len(s) && s[end] >= '0' && s[end] <= '7' {
				end++
			}
			v, _ := strconv.ParseUint(string(s[1:end]), 8, 32)
			b.WriteRune(rune(v))
			consumed = end
		default:
			b.Write(s[:2])
		}
		s = s[consumed:]
	}
}
