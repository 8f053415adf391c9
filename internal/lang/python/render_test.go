package python

import (
	"fmt"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// This file renders facts as compact Python-like text so that the tables
// in python_test.go stay readable. Names and dotted chains render as their
// resolved form, so every expectation also checks import resolution.

func showExpr(e *facts.Expr) string {
	if e == nil {
		return "<nil>"
	}
	s := showExprBare(e)
	if e.Await() {
		s = "await " + s
	}
	return s
}

func showExprBare(e *facts.Expr) string {
	switch e.Kind {
	case facts.ExprName:
		return e.Resolved()
	case facts.ExprAttr:
		if e.Raw() != "" {
			return e.Resolved()
		}
		return showExpr(e.X) + "." + e.Name()
	case facts.ExprCall:
		callee := e.Resolved()
		if callee == "" {
			callee = showExpr(e.X)
		}
		var args []string
		for i := range e.Args() {
			args = append(args, showExpr(&e.Args()[i]))
		}
		for _, kw := range e.Keywords() {
			if kw.Name == "**" {
				args = append(args, "**"+showExpr(&kw.Value))
			} else {
				args = append(args, kw.Name+"="+showExpr(&kw.Value))
			}
		}
		return callee + "(" + strings.Join(args, ", ") + ")"
	case facts.ExprString:
		return fmt.Sprintf("%q", e.Value())
	case facts.ExprInt, facts.ExprFloat:
		return e.Value()
	case facts.ExprBool:
		return map[string]string{"true": "True", "false": "False"}[e.Value()]
	case facts.ExprNone:
		return "None"
	case facts.ExprEllipsis:
		return "..."
	case facts.ExprBinary, facts.ExprCompare, facts.ExprBoolOp:
		return "(" + showExpr(e.X) + " " + e.Op() + " " + showExpr(e.Y) + ")"
	case facts.ExprUnary:
		if e.Op() == "not" {
			return "(not " + showExpr(e.X) + ")"
		}
		return "(" + e.Op() + showExpr(e.X) + ")"
	case facts.ExprSubscript:
		return showExpr(e.X) + "[" + showExpr(e.Y) + "]"
	case facts.ExprList:
		return "[" + showList(e.Args()) + "]"
	case facts.ExprTuple:
		return "(" + showList(e.Args()) + ",)"
	case facts.ExprSet:
		return "{" + showList(e.Args()) + "}"
	case facts.ExprDict:
		var parts []string
		for _, en := range e.Entries() {
			if en.Key == nil {
				parts = append(parts, "**"+showExpr(&en.Value))
			} else {
				parts = append(parts, showExpr(en.Key)+": "+showExpr(&en.Value))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case facts.ExprCond:
		return "(" + showExpr(e.X) + " if " + showExpr(e.Test()) + " else " + showExpr(e.Y) + ")"
	case facts.ExprStarred:
		return "*" + showExpr(e.X)
	case facts.ExprWalrus:
		return "(" + e.Name() + " := " + showExpr(e.X) + ")"
	case facts.ExprYield:
		if e.X == nil {
			return "yield"
		}
		if e.Op() == "from" {
			return "yield from " + showExpr(e.X)
		}
		return "yield " + showExpr(e.X)
	case facts.ExprFString, facts.ExprLambda, facts.ExprSlice, facts.ExprComprehension:
		return e.Kind.String() + "<" + e.Text() + ">"
	case facts.ExprOpaque:
		return "opaque<" + e.Name() + ">"
	}
	return "?" + e.Kind.String()
}

func showList(es []facts.Expr) string {
	var parts []string
	for i := range es {
		parts = append(parts, showExpr(&es[i]))
	}
	return strings.Join(parts, ", ")
}

// showBody renders statements one per line, nested bodies indented.
func showBody(body []facts.Stmt) []string {
	var out []string
	var emit func(indent string, body []facts.Stmt)
	emit = func(indent string, body []facts.Stmt) {
		for i := range body {
			s := &body[i]
			line := indent
			switch s.Kind {
			case facts.StmtAssign:
				line += showList(s.Targets)
				if s.Annotation() != nil {
					line += ": " + showExpr(s.Annotation())
				}
				if s.Value != nil {
					line += " = " + showExpr(s.Value)
				}
			case facts.StmtAugAssign:
				line += showList(s.Targets) + " " + s.Op() + " " + showExpr(s.Value)
			case facts.StmtExpr:
				line += showExpr(s.Value)
			case facts.StmtReturn:
				line += "return"
				if s.Value != nil {
					line += " " + showExpr(s.Value)
				}
			case facts.StmtRaise:
				line += "raise"
				if s.Value != nil {
					line += " " + showExpr(s.Value)
				}
				if s.Cause() != nil {
					line += " from " + showExpr(s.Cause())
				}
			case facts.StmtIf:
				line += "if " + showExpr(s.Cond) + ":"
			case facts.StmtWhile:
				line += "while " + showExpr(s.Cond) + ":"
			case facts.StmtFor:
				if s.Async() {
					line += "async "
				}
				line += "for " + showList(s.Targets) + " in " + showExpr(s.Iter()) + ":"
			case facts.StmtWith:
				var items []string
				for _, it := range s.Items() {
					item := showExpr(&it.Value)
					if it.Alias != nil {
						item += " as " + showExpr(it.Alias)
					}
					items = append(items, item)
				}
				if s.Async() {
					line += "async "
				}
				line += "with " + strings.Join(items, ", ") + ":"
			case facts.StmtTry:
				line += "try:"
			case facts.StmtDel:
				line += "del " + showList(s.Targets)
			case facts.StmtAssert:
				line += "assert " + showExpr(s.Cond)
				if s.Value != nil {
					line += ", " + showExpr(s.Value)
				}
			case facts.StmtGlobal:
				line += "global " + strings.Join(s.Names(), ", ")
			case facts.StmtFunction:
				line += "def " + s.Func().QualName
			case facts.StmtClass:
				line += "class " + s.Class().QualName
			case facts.StmtOpaque:
				line += "opaque<" + s.Syntax() + ">"
			default:
				line += s.Kind.String()
			}
			out = append(out, line)
			if s.Kind == facts.StmtFunction {
				emit(indent+"  ", s.Func().Body())
			}
			emit(indent+"  ", s.Body)
			for _, h := range s.Handlers() {
				hl := indent + "except"
				if h.Type != nil {
					hl += " " + showExpr(h.Type)
				}
				if h.Name != "" {
					hl += " as " + h.Name
				}
				out = append(out, hl+":")
				emit(indent+"  ", h.Body)
			}
			if len(s.Else()) > 0 {
				out = append(out, indent+"else:")
				emit(indent+"  ", s.Else())
			}
			if len(s.Finally()) > 0 {
				out = append(out, indent+"finally:")
				emit(indent+"  ", s.Finally())
			}
		}
	}
	emit("", body)
	return out
}

// showFunction renders a function's signature lines then its body.
func showFunction(f *facts.Function) []string {
	var out []string
	for i := range f.Decorators {
		out = append(out, "@"+showExpr(&f.Decorators[i]))
	}
	var params []string
	for _, p := range f.Params {
		s := p.Name
		switch p.Kind {
		case facts.ParamVarPositional:
			s = "*" + s
		case facts.ParamVarKeyword:
			s = "**" + s
		case facts.ParamKeywordOnly:
			s = "kw:" + s
		case facts.ParamPositionalOnly:
			s = "pos:" + s
		}
		if p.Annotation != nil {
			s += ": " + showExpr(p.Annotation)
		}
		if p.Default != nil {
			s += " = " + showExpr(p.Default)
		}
		params = append(params, s)
	}
	sig := "def " + f.QualName + "(" + strings.Join(params, ", ") + ")"
	if f.Async {
		sig = "async " + sig
	}
	if f.Returns != nil {
		sig += " -> " + showExpr(f.Returns)
	}
	out = append(out, sig)
	for _, l := range showBody(f.Body()) {
		out = append(out, "  "+l)
	}
	return out
}

// showClass renders a class: decorators, header, fields, nested classes
// and method signatures (bodies of methods included).
func showClass(c *facts.Class) []string {
	var out []string
	for i := range c.Decorators {
		out = append(out, "@"+showExpr(&c.Decorators[i]))
	}
	var bases []string
	for i := range c.Bases {
		bases = append(bases, showExpr(&c.Bases[i]))
	}
	for _, kw := range c.Keywords {
		bases = append(bases, kw.Name+"="+showExpr(&kw.Value))
	}
	out = append(out, "class "+c.QualName+"("+strings.Join(bases, ", ")+")")
	for _, f := range c.Fields {
		s := "  " + f.Name
		if f.Annotation != nil {
			s += ": " + showExpr(f.Annotation)
		}
		if f.Value != nil {
			s += " = " + showExpr(f.Value)
		}
		out = append(out, s)
	}
	for i := range c.Classes {
		for _, l := range showClass(&c.Classes[i]) {
			out = append(out, "  "+l)
		}
	}
	for i := range c.Methods {
		for _, l := range showFunction(&c.Methods[i]) {
			out = append(out, "  "+l)
		}
	}
	for _, l := range showBody(c.Statements) {
		out = append(out, "  "+l)
	}
	return out
}

// showFile renders everything but imports.
func showFile(f *facts.File) []string {
	var out []string
	for _, c := range f.Constants {
		s := c.Name
		if c.Annotation != nil {
			s += ": " + showExpr(c.Annotation)
		}
		if c.Value != nil {
			s += " = " + showExpr(c.Value)
		}
		out = append(out, s)
	}
	for i := range f.Classes {
		out = append(out, showClass(&f.Classes[i])...)
	}
	for i := range f.Functions {
		out = append(out, showFunction(&f.Functions[i])...)
	}
	out = append(out, showBody(f.Statements)...)
	return out
}
