package allium

import (
	"bytes"
	"strings"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tEOF      tokKind = iota
	tIdent            // name, keyword or qualified name (alias/Name)
	tNumber           // 12, 0.5, 100_000
	tString           // "..."; text is the unescaped value
	tBacktick         // `...`; text without the backticks
	tAnnot            // @guidance; text is the name after @
	tPunct            // operator or delimiter; text as written
)

// token is one lexical unit. Comments are not tokens: they are kept per line
// in lineInfo so that the parser can attach them to constructs.
type token struct {
	kind   tokKind
	text   string
	pos    Pos
	end    int  // column just after the token's last byte
	first  bool // first token on its line
	indent int  // indentation (columns) of the token's line
}

// lineKind classifies a source line.
type lineKind uint8

const (
	lineBlank   lineKind = iota
	lineComment          // only a comment
	lineCode             // at least one token
)

// lineInfo records what the parser needs to know about one source line.
type lineInfo struct {
	kind       lineKind
	indent     int
	hasComment bool   // a comment-only line, or code with a trailing comment
	comment    string // comment text without "--" and one following space
	used       bool   // the comment has been attached, dropped or consumed
}

// lexer turns source bytes into tokens and line records.
type lexer struct {
	src    []byte
	toks   []token
	lines  []lineInfo // index 0 unused; lines[n] is line n
	report func(pos Pos, code, msg string)
}

const tabWidth = 4

func lex(src []byte, report func(pos Pos, code, msg string)) *lexer {
	nl := bytes.Count(src, []byte{'\n'})
	lx := &lexer{src: src, report: report, lines: make([]lineInfo, 1, nl+2), toks: make([]token, 0, len(src)/5+1)}
	lineNo := 0
	for start := 0; start <= len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		lineNo++
		line := src[start:end]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		lx.lexLine(lineNo, line)
		if end >= len(src) {
			break
		}
		start = end + 1
	}
	lx.toks = append(lx.toks, token{kind: tEOF, pos: Pos{Line: lineNo + 1, Col: 1}, first: true, indent: 0})
	return lx
}

func isIdentStart(c byte) bool {
	return c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// commentText strips the "--" and at most one following space, and the
// trailing white space. A carriage return counts as white space there: the
// lexer strips one at the end of every line (CRLF files), so a comment that
// kept one at its end could not be written back ("--\r \n" would give the
// comment "\r", printed "-- \r\n" and read back as "").
func commentText(s string) string {
	s = strings.TrimPrefix(s, "--")
	s = strings.TrimPrefix(s, " ")
	return strings.TrimRight(s, " \t\r")
}

func (lx *lexer) lexLine(lineNo int, line []byte) {
	info := lineInfo{}
	// Indentation: spaces count one column, tabs four, and a tab is reported.
	i, col := 0, 0
	tabReported := false
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		if line[i] == '\t' {
			col += tabWidth
			if !tabReported {
				lx.report(Pos{Line: lineNo, Col: i + 1}, CodeIndent, "tab in indentation; indent with spaces")
				tabReported = true
			}
		} else {
			col++
		}
		i++
	}
	info.indent = col
	first := true
	for i < len(line) {
		c := line[i]
		if c == ' ' || c == '\t' {
			i++
			continue
		}
		pos := Pos{Line: lineNo, Col: i + 1}
		if c == '-' && i+1 < len(line) && line[i+1] == '-' {
			info.hasComment = true
			info.comment = commentText(string(line[i:]))
			break
		}
		tok := token{pos: pos, first: first, indent: info.indent}
		switch {
		case isIdentStart(c):
			j := i + 1
			for j < len(line) && isIdentChar(line[j]) {
				j++
			}
			j = qualifiedEnd(line, j)
			tok.kind, tok.text = tIdent, string(line[i:j])
			i = j
		case isDigit(c):
			j := i + 1
			for j < len(line) && (isDigit(line[j]) || line[j] == '_') {
				j++
			}
			if j+1 < len(line) && line[j] == '.' && isDigit(line[j+1]) {
				j += 2
				for j < len(line) && (isDigit(line[j]) || line[j] == '_') {
					j++
				}
			}
			tok.kind, tok.text = tNumber, string(line[i:j])
			i = j
		case c == '"':
			text, j, ok := scanString(line, i)
			if !ok {
				lx.report(pos, CodeLex, "unterminated string: missing closing \" before end of line")
			}
			tok.kind, tok.text = tString, text
			i = j
		case c == '`':
			j := i + 1
			for j < len(line) && line[j] != '`' {
				j++
			}
			tok.kind, tok.text = tBacktick, string(line[i+1:j])
			if j >= len(line) {
				lx.report(pos, CodeLex, "unterminated backtick literal: missing closing ` before end of line")
				i = j
			} else {
				i = j + 1
			}
		case c == '@':
			j := i + 1
			for j < len(line) && isIdentChar(line[j]) {
				j++
			}
			if j == i+1 {
				lx.report(pos, CodeLex, `expected annotation name after "@"`)
				i++
				continue
			}
			tok.kind, tok.text = tAnnot, string(line[i+1:j])
			i = j
		default:
			op := punct(line[i:])
			if op == "" {
				lx.report(pos, CodeLex, "unexpected character "+quoteChar(line[i:]))
				i += charLen(line[i:])
				continue
			}
			tok.kind, tok.text = tPunct, op
			i += len(op)
		}
		tok.end = i + 1
		lx.toks = append(lx.toks, tok)
		first = false
	}
	switch {
	case !first:
		info.kind = lineCode
	case info.hasComment:
		info.kind = lineComment
	default:
		info.kind = lineBlank
	}
	lx.lines = append(lx.lines, info)
}

// qualifiedEnd extends an identifier ending at j over a qualified-name tail:
// "google-oauth/Session" is one name, because the alias part may contain
// hyphens. Without a following "/name" the hyphens are minus signs.
func qualifiedEnd(line []byte, j int) int {
	k := j
	for k+1 < len(line) && line[k] == '-' && isIdentChar(line[k+1]) {
		k++
		for k < len(line) && isIdentChar(line[k]) {
			k++
		}
	}
	if k+1 < len(line) && line[k] == '/' && isIdentStart(line[k+1]) {
		k++
		for k < len(line) && isIdentChar(line[k]) {
			k++
		}
		return k
	}
	return j
}

// scanString reads a double-quoted string starting at line[i] and returns
// its unescaped value, the index after it, and whether it was terminated.
func scanString(line []byte, i int) (string, int, bool) {
	var b strings.Builder
	j := i + 1
	for j < len(line) {
		c := line[j]
		switch c {
		case '"':
			return b.String(), j + 1, true
		case '\\':
			if j+1 >= len(line) {
				return b.String(), len(line), false
			}
			switch e := line[j+1]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(e)
			}
			j += 2
		default:
			b.WriteByte(c)
			j++
		}
	}
	return b.String(), j, false
}

var puncts = []string{
	"->", "=>", "!=", "<=", ">=", "?.", "??",
	"{", "}", "(", ")", "[", "]", ",", ":", ".", "?", "=", "<", ">", "+", "-", "*", "/", "|",
}

func punct(s []byte) string {
	for _, p := range puncts {
		if len(s) >= len(p) && string(s[:len(p)]) == p {
			return p
		}
	}
	return ""
}

// charLen is the byte length of the (possibly multi-byte) character at s[0].
func charLen(s []byte) int {
	c := s[0]
	n := 1
	switch {
	case c >= 0xF0:
		n = 4
	case c >= 0xE0:
		n = 3
	case c >= 0xC0:
		n = 2
	}
	if n > len(s) {
		n = len(s)
	}
	return n
}

func quoteChar(s []byte) string {
	n := charLen(s)
	return "\"" + strings.ToValidUTF8(string(s[:n]), "\uFFFD") + "\""
}
