package distill

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Message templates read from a file (catalog template_files). A mailer
// that reads its template's text by path and compiles it
// (nestjs-microservice-boilerplate's EmailService.send, infra/email/
// service.ts:28-29: fs.readFileSync(path.join(__dirname,
// `/templates/${input.template}.handlebars`)), then handlebars.compile)
// renders the message that file holds: the compiled function, and the html
// it renders, name the template, as a render call's value does. The path's
// file part may be given by the caller's object (input.template, the
// payload {template: 'welcome'}).

// templateFile is the template a read or a compile call gives, or nil for
// any other call.
func (rc *ruleCtx) templateFile(e *facts.Expr, names []string, recv *value, sc *scope) *value {
	tf := &rc.b.lang.TemplateFiles
	method := e.Method()
	if method != "" && recv != nil && recv.kind == vTemplate && recv.param != "" && catalog.Match(tf.Renders, method) {
		return recv // Template(text).render(context): the text of that template
	}
	if method != "" && len(e.Args()) == 0 && catalog.Match(tf.PathReads, method) {
		// (base / "templates" / name).read_text(): the path is the receiver.
		return rc.templateOfPath(rc.templateFilePath(e.X.X, sc))
	}
	if len(e.Args()) == 0 {
		return nil
	}
	if catalog.MatchAny(tf.Compilers, names...) && len(e.Args()) == 1 {
		if v := sc.vars[e.Args()[0].Name()]; e.Args()[0].Kind == facts.ExprName && v != nil && v.kind == vTemplate {
			return v // handlebars.compile(source), source a template read
		}
		return nil
	}
	if !catalog.MatchAny(tf.Reads, names...) {
		return nil
	}
	return rc.templateOfPath(rc.templateFilePath(&e.Args()[0], sc))
}

// templateOfPath is the template a file read by path p holds, or nil when
// p is unknown or not of a template's extension.
func (rc *ruleCtx) templateOfPath(p string) *value {
	if p == "" || !slices.Contains(rc.b.lang.TemplateFiles.Extensions, path.Ext(p)) {
		return nil
	}
	if t := templateFromPath(p); t != "" {
		return &value{kind: vTemplate, param: t}
	}
	return nil
}

// substitution matches a template string's last path part that is one
// substitution of a dotted name and an extension: /${input.template}.hbs`.
var substitution = regexp.MustCompile(`/?\$\{\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\}(\.[A-Za-z0-9]+)` + "`$")

// templateFilePath is the path a template read is given, its last part
// when joined from parts, with a substitution of a handed object's entry
// read as the entry's text; "" when it cannot be read.
func (rc *ruleCtx) templateFilePath(e *facts.Expr, sc *scope) string {
	tf := &rc.b.lang.TemplateFiles
	if e == nil {
		return ""
	}
	if e.Kind == facts.ExprCall && len(e.Args()) > 0 && catalog.MatchAny(tf.Joins, e.Resolved(), e.Raw()) {
		e = &e.Args()[len(e.Args())-1]
	}
	if e.Kind == facts.ExprBinary && e.Y != nil && slices.Contains(tf.JoinOperators, e.Op()) {
		e = e.Y // base / "templates" / name: the last part names the file
	}
	switch e.Kind {
	case facts.ExprString:
		return e.Value()
	case facts.ExprName:
		// A name bound to text (a helper's template_name parameter the
		// caller gave as "new_account.html").
		return rc.templatePath(e, sc)
	case facts.ExprFString:
		m := substitution.FindStringSubmatch(e.Text())
		if m == nil {
			return ""
		}
		parts := strings.Split(m[1], ".")
		var x *facts.Expr
		for i, p := range parts {
			if i == 0 {
				x = facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: p, Line: e.Line()})
				continue
			}
			x = facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: x, Name: p, Line: e.Line()})
		}
		if name := handedString(x, sc); name != "" && !strings.ContainsAny(name, "/\\") {
			return name + m[2]
		}
	}
	return ""
}

// handedString is the string literal an attribute of a handed object
// reads (input.template in a listener's send(input), where the emit
// gave {template: 'welcome'}), followed through the names each call
// handed the object on by; "" for anything else.
func handedString(x *facts.Expr, sc *scope) string {
	for range maxSpreadDepth + 1 {
		if x.Kind == facts.ExprString {
			return x.Value()
		}
		if x.Kind != facts.ExprAttr || x.X == nil || x.X.Kind != facts.ExprName || sc == nil {
			return ""
		}
		v := sc.vars[x.X.Name()]
		if v == nil || len(v.parts) != 1 || v.parts[0].e == nil || v.parts[0].sc == nil {
			return ""
		}
		entry := entryValue(v.parts[0].e, x.Name())
		if entry == nil {
			return ""
		}
		x, sc = entry, v.parts[0].sc
	}
	return ""
}
