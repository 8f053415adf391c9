package typescript

import (
	"fmt"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// The tests compare facts rendered as compact text, one line per
// definition or statement, so that their tables stay readable. Names and
// dotted chains render as Resolved, so every expectation checks import
// resolution too; `?.` marks Optional, `await ` Await.

func show(e *facts.Expr) string {
	if e == nil {
		return "-"
	}
	s := showBare(e)
	if e.Await() {
		s = "await " + s
	}
	return s
}

func showBare(e *facts.Expr) string {
	dot := "."
	if e.Optional() {
		dot = "?."
	}
	switch e.Kind {
	case facts.ExprName:
		return e.Resolved()
	case facts.ExprAttr:
		if e.Raw() != "" && !e.Optional() {
			return e.Resolved()
		}
		return show(e.X) + dot + e.Name()
	case facts.ExprCall:
		callee := e.Resolved()
		if callee == "" {
			callee = show(e.X)
		}
		if e.Optional() {
			callee += "?."
		}
		return callee + "(" + showList(e.Args()) + ")"
	case facts.ExprString:
		return fmt.Sprintf("%q", e.Value())
	case facts.ExprInt, facts.ExprFloat, facts.ExprBool:
		return e.Value()
	case facts.ExprNone:
		return "None"
	case facts.ExprBinary, facts.ExprCompare, facts.ExprBoolOp:
		return "(" + show(e.X) + " " + e.Op() + " " + show(e.Y) + ")"
	case facts.ExprUnary:
		return e.Op() + " " + show(e.X)
	case facts.ExprSubscript:
		if e.Optional() {
			return show(e.X) + "?.[" + show(e.Y) + "]"
		}
		return show(e.X) + "[" + show(e.Y) + "]"
	case facts.ExprList:
		return "[" + showList(e.Args()) + "]"
	case facts.ExprTuple:
		return "(" + showList(e.Args()) + ")"
	case facts.ExprDict:
		var parts []string
		for _, en := range e.Entries() {
			if en.Key == nil {
				parts = append(parts, "**"+show(&en.Value))
			} else {
				parts = append(parts, show(en.Key)+": "+show(&en.Value))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case facts.ExprCond:
		return "(" + show(e.X) + " if " + show(e.Test()) + " else " + show(e.Y) + ")"
	case facts.ExprStarred:
		return "*" + show(e.X)
	case facts.ExprDefault:
		return show(e.X) + "=" + show(e.Y)
	case facts.ExprWalrus:
		return "(" + e.Name() + " := " + show(e.X) + ")"
	case facts.ExprYield:
		return "yield " + e.Op() + " " + show(e.X)
	case facts.ExprFString:
		return "f" + e.Text()
	case facts.ExprFunction:
		f := e.Func()
		s := "fn " + f.QualName + "(" + showParams(f.Params) + ")"
		if f.Async {
			s = "async " + s
		}
		return s + " {" + strings.Join(showBody(f.Body(), ""), "; ") + "}"
	case facts.ExprOpaque:
		return "opaque:" + e.Name()
	}
	return e.Kind.String()
}

func showList(es []facts.Expr) string {
	parts := make([]string, len(es))
	for i := range es {
		parts[i] = show(&es[i])
	}
	return strings.Join(parts, ", ")
}

func showDecorators(ds []facts.Expr) string {
	var s string
	for i := range ds {
		s += "@" + show(&ds[i]) + " "
	}
	return s
}

func showParams(ps []facts.Param) string {
	var parts []string
	for _, p := range ps {
		s := showDecorators(p.Decorators)
		if p.Kind == facts.ParamVarPositional {
			s += "..."
		}
		if p.Pattern != nil {
			s += show(p.Pattern)
		} else {
			s += p.Name
		}
		if p.Annotation != nil {
			s += ": " + show(p.Annotation)
		}
		if p.Default != nil {
			s += " = " + show(p.Default)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func showBody(body []facts.Stmt, indent string) []string {
	var out []string
	for i := range body {
		s := &body[i]
		line := indent + s.Kind.String()
		switch s.Kind {
		case facts.StmtAssign:
			line = indent + showList(s.Targets) + " = " + show(s.Value)
		case facts.StmtAugAssign:
			line = indent + showList(s.Targets) + " " + s.Op() + " " + show(s.Value)
		case facts.StmtExpr:
			line = indent + show(s.Value)
		case facts.StmtReturn, facts.StmtRaise:
			line += " " + show(s.Value)
		case facts.StmtIf, facts.StmtWhile:
			line += " " + show(s.Cond)
		case facts.StmtFor:
			line += " " + showList(s.Targets) + " in " + show(s.Iter())
		case facts.StmtOpaque:
			line += " " + s.Syntax()
		case facts.StmtFunction:
			out = append(out, showFunction(s.Func(), indent)...)
			continue
		case facts.StmtClass:
			out = append(out, showClass(s.Class(), indent)...)
			continue
		}
		out = append(out, line)
		out = append(out, showBody(s.Body, indent+"  ")...)
		for _, h := range s.Handlers() {
			out = append(out, indent+"catch "+h.Name)
			out = append(out, showBody(h.Body, indent+"  ")...)
		}
		if len(s.Else()) > 0 {
			out = append(out, indent+"else")
			out = append(out, showBody(s.Else(), indent+"  ")...)
		}
		if len(s.Finally()) > 0 {
			out = append(out, indent+"finally")
			out = append(out, showBody(s.Finally(), indent+"  ")...)
		}
	}
	return out
}

func showFunction(f *facts.Function, indent string) []string {
	head := indent + showDecorators(f.Decorators)
	if f.Async {
		head += "async "
	}
	head += "def " + f.QualName + "(" + showParams(f.Params) + ")"
	if f.Returns != nil {
		head += " -> " + show(f.Returns)
	}
	return append([]string{head}, showBody(f.Body(), indent+"  ")...)
}

func showAssignment(a *facts.Assignment) string {
	s := showDecorators(a.Decorators) + a.Name
	if a.Annotation != nil {
		s += ": " + show(a.Annotation)
	}
	if a.Value != nil {
		s += " = " + show(a.Value)
	}
	return s
}

func showClass(c *facts.Class, indent string) []string {
	head := indent + showDecorators(c.Decorators)
	if c.Kind != facts.ClassPlain {
		head += string(c.Kind) + " "
	}
	head += "class " + c.QualName
	if len(c.Bases) > 0 {
		head += "(" + showList(c.Bases) + ")"
	}
	for _, k := range c.Keywords {
		head += " " + k.Name + " " + show(&k.Value)
	}
	out := []string{head}
	for i := range c.Fields {
		out = append(out, indent+"  "+showAssignment(&c.Fields[i]))
	}
	for i := range c.Methods {
		out = append(out, showFunction(&c.Methods[i], indent+"  ")...)
	}
	return out
}

func showFile(f *facts.File) []string {
	var out []string
	for _, im := range f.Imports {
		s := fmt.Sprintf("import %s", im.Module)
		if im.Name != "" {
			s += " name " + im.Name
		}
		if im.Bound != "" {
			s += " as " + im.Bound + " = " + im.Target
		}
		if im.Level > 0 {
			s += fmt.Sprintf(" level %d", im.Level)
		}
		if im.Local {
			s += " local"
		}
		out = append(out, s)
	}
	for _, ex := range f.Exports {
		s := "export " + ex.Name
		if ex.Local != "" {
			s += " local " + ex.Local
		}
		if ex.Value != nil {
			s += " value " + show(ex.Value)
		}
		if ex.Module != "" {
			s += " from " + ex.Module
		}
		out = append(out, s)
	}
	for i := range f.Types {
		out = append(out, "type "+showAssignment(&f.Types[i]))
	}
	for i := range f.Constants {
		out = append(out, "const "+showAssignment(&f.Constants[i]))
	}
	for i := range f.Classes {
		out = append(out, showClass(&f.Classes[i], "")...)
	}
	for i := range f.Functions {
		out = append(out, showFunction(&f.Functions[i], "")...)
	}
	out = append(out, showBody(f.Statements, "")...)
	return out
}
