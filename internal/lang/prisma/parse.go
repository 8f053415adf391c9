// Package prisma reads Prisma schema files (schema.prisma): its models
// with their fields and attributes, and its enums. There is no Go library
// for the format, so this is a small hand-written parser of the part of
// it that states what a service stores; datasource, generator and other
// blocks are skipped. Errors carry file:line; the parser never panics and
// gives back what it could read alongside them.
package prisma

import (
	"fmt"
	"strings"
)

// Schema is what one schema file declares.
type Schema struct {
	Models []Model
	Enums  []Enum
}

// Model is a `model Name { ... }` block.
type Model struct {
	Name   string
	Fields []Field
	// Attrs are the block attributes read (@@unique([a, b])); the others
	// (@@id, @@index, @@map) are skipped.
	Attrs   []Attr
	Line    int
	EndLine int
}

// Field is one field line: `email String? @unique @default("x")`.
type Field struct {
	Name     string
	Type     string // as written, without ? or [] ("String", "User", "Role")
	Optional bool   // Type?
	List     bool   // Type[]
	Attrs    []Attr
	Line     int
}

// Attr is a field attribute (@id, @default(now()), @db.VarChar(255)).
type Attr struct {
	Name string // without the @: "default", "db.VarChar"
	Args []Arg
	Line int
}

// Arg is one argument of an attribute or a function: named (`fields:
// [userId]`) or positional (Name empty).
type Arg struct {
	Name  string
	Value Value
}

// ValueKind says what an attribute argument is.
type ValueKind int

// Argument kinds.
const (
	ValueIdent  ValueKind = iota // an enum value or a field name: ADMIN, userId
	ValueString                  // "text" (Text is unquoted)
	ValueNumber                  // 42, 1.5, -3
	ValueBool                    // true, false
	ValueCall                    // now(), dbgenerated("...")
	ValueList                    // [a, b]
)

// Value is an attribute argument's value.
type Value struct {
	Kind  ValueKind
	Text  string  // the identifier, string, number, bool or function name
	Args  []Arg   // a call's arguments
	Items []Value // a list's items
}

// Enum is an `enum Name { A B }` block.
type Enum struct {
	Name    string
	Values  []EnumValue
	Line    int
	EndLine int
}

// EnumValue is one member of an enum.
type EnumValue struct {
	Name string
	Line int
}

// Error is a syntax error at a line of a schema file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// maxDepth bounds the nesting of attribute arguments.
const maxDepth = 50

// Parse reads a schema. It always returns a schema, with the blocks and
// lines it could read; errs lists the lines it could not.
func Parse(file, src string) (s *Schema, errs []error) {
	p := &parser{file: file, lines: strings.Split(src, "\n")}
	s = &Schema{}
	for p.i < len(p.lines) {
		line := p.i + 1
		words := strings.Fields(stripComment(p.lines[p.i]))
		p.i++
		if len(words) == 0 {
			continue
		}
		if len(words) < 2 || !strings.HasSuffix(strings.Join(words[1:], " "), "{") {
			p.errorf(line, "expected a block (model, enum, datasource ...) and its name, found %q", strings.Join(words, " "))
			continue
		}
		name := strings.TrimSuffix(words[1], "{")
		named := isIdent(name)
		if !named && (words[0] == "model" || words[0] == "enum") {
			p.errorf(line, "%s name %q is not an identifier", words[0], name)
		}
		switch words[0] {
		case "model":
			m := Model{Name: name, Line: line}
			if m.Fields, m.Attrs, m.EndLine = p.fields(); named {
				s.Models = append(s.Models, m)
			}
		case "enum":
			e := Enum{Name: name, Line: line}
			if e.Values, e.EndLine = p.enumValues(); named {
				s.Enums = append(s.Enums, e)
			}
		default:
			p.skipBlock() // datasource, generator, view, type
		}
	}
	return s, p.errs
}

type parser struct {
	file  string
	lines []string
	i     int // next line, 0-based
	errs  []error
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// blockLines yields the lines of a block up to its closing brace and
// returns the closing line; an unclosed block is an error at its end.
func (p *parser) blockLines(each func(line int, text string)) int {
	for p.i < len(p.lines) {
		line := p.i + 1
		text := strings.TrimSpace(stripComment(p.lines[p.i]))
		p.i++
		if text == "}" {
			return line
		}
		if text != "" {
			each(line, text)
		}
	}
	p.errorf(len(p.lines), "block not closed by }")
	return len(p.lines)
}

func (p *parser) skipBlock() { p.blockLines(func(int, string) {}) }

func (p *parser) enumValues() ([]EnumValue, int) {
	var vals []EnumValue
	end := p.blockLines(func(line int, text string) {
		if strings.HasPrefix(text, "@@") {
			return // @@map
		}
		name, _, _ := strings.Cut(text, " ")
		if !isIdent(name) {
			p.errorf(line, "enum value %q is not an identifier", name)
			return
		}
		vals = append(vals, EnumValue{Name: name, Line: line})
	})
	return vals, end
}

func (p *parser) fields() ([]Field, []Attr, int) {
	var fs []Field
	var attrs []Attr
	end := p.blockLines(func(line int, text string) {
		if strings.HasPrefix(text, "@@") {
			// Block attributes: @@unique is read (a key over several
			// fields); @@id, @@index and @@map are not.
			if a, err := parseBlockAttr(text, line); err != "" {
				p.errorf(line, "%s", err)
			} else if a.Name == "unique" {
				attrs = append(attrs, a)
			}
			return
		}
		f, err := parseField(text, line)
		if err != "" {
			p.errorf(line, "%s", err)
			return
		}
		fs = append(fs, f)
	})
	return fs, attrs, end
}

// parseBlockAttr reads one block attribute line: `@@unique([a, b], name:
// "x")`.
func parseBlockAttr(text string, line int) (Attr, string) {
	lx := &lexer{src: strings.TrimPrefix(text, "@@")}
	n := lx.next()
	if n.kind != tokIdent {
		return Attr{}, fmt.Sprintf("expected a block attribute name after @@, found %q", n.text)
	}
	a := Attr{Name: n.text, Line: line}
	if lx.peek().text == "(" {
		lx.next()
		args, err := lx.args(0)
		if err != "" {
			return a, fmt.Sprintf("@@%s: %s", a.Name, err)
		}
		a.Args = args
	}
	return a, ""
}

// parseField reads `name Type? @attr(args) ...`.
func parseField(text string, line int) (Field, string) {
	lx := &lexer{src: text}
	f := Field{Line: line}
	t := lx.next()
	if t.kind != tokIdent {
		return f, fmt.Sprintf("expected a field name, found %q", t.text)
	}
	f.Name = t.text
	t = lx.next()
	if t.kind != tokIdent {
		return f, fmt.Sprintf("field %s: expected a type, found %q", f.Name, t.text)
	}
	f.Type = t.text
	if lx.peek().text == "(" {
		// Unsupported("...") types.
		lx.next()
		if _, err := lx.args(0); err != "" {
			return f, fmt.Sprintf("field %s: %s", f.Name, err)
		}
	}
	switch lx.peek().text {
	case "?":
		lx.next()
		f.Optional = true
	case "[":
		lx.next()
		if lx.next().text != "]" {
			return f, fmt.Sprintf("field %s: expected ] after [", f.Name)
		}
		f.List = true
	}
	for {
		t = lx.next()
		switch {
		case t.kind == tokEOF:
			return f, ""
		case t.text != "@":
			return f, fmt.Sprintf("field %s: expected an attribute, found %q", f.Name, t.text)
		}
		n := lx.next()
		if n.kind != tokIdent {
			return f, fmt.Sprintf("field %s: expected an attribute name after @, found %q", f.Name, n.text)
		}
		a := Attr{Name: n.text, Line: line}
		if lx.peek().text == "(" {
			lx.next()
			args, err := lx.args(0)
			if err != "" {
				return f, fmt.Sprintf("field %s: @%s: %s", f.Name, a.Name, err)
			}
			a.Args = args
		}
		f.Attrs = append(f.Attrs, a)
	}
}

// stripComment drops a // comment, outside strings.
func stripComment(s string) string {
	in := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && in:
			i++
		case s[i] == '"':
			in = !in
		case !in && s[i] == '/' && i+1 < len(s) && s[i+1] == '/':
			return s[:i]
		}
	}
	return s
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
