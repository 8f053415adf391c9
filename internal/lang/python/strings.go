package python

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// stringExpr translates a string literal or an implicit concatenation of
// literals. Any f-string part makes the whole an opaque ExprFString.
//
// The value is decoded into the extractor's scratch buffer and interned
// from it, so a literal costs one allocation when its value is new and
// none when the file has met it before; a strings.Builder allocated at
// least once per literal and kept its grown capacity behind the string.
func (x *extractor) stringExpr(e *facts.Expr, n syntax.Node) {
	parts := []syntax.Node{n}
	if n.Kind() == x.k.concatenatedString {
		parts = x.named(n)
	}
	value := x.strBuf[:0]
	for _, part := range parts {
		if part.Kind() != x.k.str {
			continue
		}
		var ok bool
		if value, ok = x.appendString(value, part); !ok {
			x.strBuf = value
			e.Kind = facts.ExprFString
			e.SetText(clip(n.Bytes()))
			return
		}
	}
	x.strBuf = value
	e.Kind = facts.ExprString
	e.SetValue(x.arena.Intern(value))
}

// appendString appends the value of one literal to dst and reports false
// for an f-string. It reads the literal's own text (prefix, quotes,
// content) instead of visiting its child nodes.
func (x *extractor) appendString(dst []byte, n syntax.Node) ([]byte, bool) {
	text := n.Bytes()
	i := 0
	for i < len(text) && text[i] != '"' && text[i] != '\'' {
		i++
	}
	prefix, rest := text[:i], text[i:]
	if bytes.ContainsAny(prefix, "fFtT") {
		return dst, false // f-strings (and template strings) are opaque
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
		return append(dst, rest...), true
	}
	content := rest[quote : len(rest)-quote]
	if bytes.ContainsAny(prefix, "rR") {
		return append(dst, content...), true
	}
	return decodeEscapes(dst, content), true
}

// decodeEscapes appends s to dst with Python's backslash escapes decoded.
// Unknown escapes are kept as written, as Python does.
func decodeEscapes(dst []byte, s []byte) []byte {
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\\')
		if i < 0 || i == len(s)-1 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		s = s[i:]
		consumed := 2
		switch c := s[1]; c {
		case '\n':
			// line continuation inside the literal
		case '\\', '\'', '"':
			dst = append(dst, c)
		case 'n':
			dst = append(dst, '\n')
		case 't':
			dst = append(dst, '\t')
		case 'r':
			dst = append(dst, '\r')
		case 'a':
			dst = append(dst, '\a')
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'v':
			dst = append(dst, '\v')
		case 'x', 'u', 'U':
			width := 2
			if c == 'u' {
				width = 4
			} else if c == 'U' {
				width = 8
			}
			if len(s) < 2+width {
				dst = append(dst, s[:2]...)
				break
			}
			v, err := strconv.ParseUint(string(s[2:2+width]), 16, 32)
			if err != nil || (c != 'x' && !utf8.ValidRune(rune(v))) {
				dst = append(dst, s[:2]...)
				break
			}
			dst = utf8.AppendRune(dst, rune(v))
			consumed = 2 + width
		case '0', '1', '2', '3', '4', '5', '6', '7':
			end := 2
			for end < 4 && end < len(s) && s[end] >= '0' && s[end] <= '7' {
				end++
			}
			v, _ := strconv.ParseUint(string(s[1:end]), 8, 32)
			dst = utf8.AppendRune(dst, rune(v))
			consumed = end
		default:
			dst = append(dst, s[:2]...)
		}
		s = s[consumed:]
	}
	return dst
}
