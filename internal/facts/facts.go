package facts

// File holds the facts of one source file.
type File struct {
	// Path is the file's path as given by the source stage (slash
	// separated, relative to the service root).
	Path string `json:"path"`
	// Language is the extractor's language ID, e.g. "python".
	Language string `json:"language"`
	// Module is the dotted module name derived from Path
	// ("app/auth/routes.py" -> "app.auth.routes", "app/__init__.py" ->
	// "app"). Relative imports are resolved against it.
	Module string `json:"module"`
	// Imports lists every import statement in the file, including those
	// inside functions (see Import.Local).
	Imports []Import `json:"imports,omitempty"`
	// Constants lists the assignments to plain names at module scope
	// (`X = 1`, `app = Flask(__name__)`, `TIMEOUT: int = 5`), including
	// those inside module-level if/try/with blocks. Which of them are
	// configuration is for the distill stage to decide.
	Constants []Assignment `json:"constants,omitempty"`
	// Classes lists the classes defined at module scope.
	Classes []Class `json:"classes,omitempty"`
	// Functions lists the functions defined at module scope.
	Functions []Function `json:"functions,omitempty"`
	// Exports lists what the module exports, in source order (ES
	// `export` forms and CommonJS `module.exports`/`exports.x`); the
	// exported definitions themselves are in Classes, Functions and
	// Constants as usual. Python leaves it empty (`__all__` is a
	// constant).
	Exports []Export `json:"exports,omitempty"`
	// Types lists type alias declarations whose value is not an object
	// type (`type Status = "active" | "locked"`): Name and Value, the
	// aliased type as an expression. Object types and interfaces are
	// Classes of kind ClassInterface.
	Types []Assignment `json:"types,omitempty"`
	// Statements lists the other module-scope statements: calls such as
	// `app.register_blueprint(bp)`, attribute assignments, augmented
	// assignments, `if __name__ == "__main__":` blocks. Definitions,
	// imports and plain-name assignments are not repeated here.
	Statements []Stmt `json:"statements,omitempty"`
	// Stats counts what the extractor met and could not translate.
	Stats Stats `json:"stats"`
}

// Import is one imported name.
//
//	import a.b          -> {Module: "a.b", Bound: "a", Target: "a"}
//	import a.b as c     -> {Module: "a.b", Bound: "c", Target: "a.b"}
//	from x import y     -> {Module: "x", Name: "y", Bound: "y", Target: "x.y"}
//	from .m import y as z (in pkg/sub.py) -> {Module: "pkg.m", Name: "y", Bound: "z", Target: "pkg.m.y", Level: 1}
//	from x import *     -> {Module: "x", Name: "*"}
type Import struct {
	// Module is the dotted module imported from, relative imports resolved.
	Module string `json:"module"`
	// Name is the imported name for from-imports ("*" for a star import).
	Name string `json:"name,omitempty"`
	// Bound is the name the import binds in its scope (empty for "*").
	Bound string `json:"bound,omitempty"`
	// Target is the dotted name that Bound stands for.
	Target string `json:"target,omitempty"`
	// Level is the number of leading dots of a relative import.
	Level int `json:"level,omitempty"`
	// Local is set for an import inside a function or class body.
	Local bool `json:"local,omitempty"`
	Line  int  `json:"line"`
}

// Export is one name a module exports.
//
//	export function f() {}          -> {Name: "f", Local: "f"}
//	export default class User {}    -> {Name: "default", Local: "User"}
//	export default withAuth(h)      -> {Name: "default", Value: withAuth(h)}
//	export { a as b }               -> {Name: "b", Local: "a"}
//	export { x } from "./m"         -> {Name: "x", Local: "x", Module: "<dir>.m"}
//	export * from "./m"             -> {Name: "*", Module: "<dir>.m"}
//	module.exports = router         -> {Name: "default", Local: "router", Value: router}
//	module.exports = { login }      -> {Name: "login", Local: "login", Value: login}
//	exports.login = async (...) =>  -> {Name: "login", Local: "login"} (and a Function "login")
type Export struct {
	// Name is the exported name; "default" for a default export or a
	// CommonJS `module.exports = x`, "*" for `export * from`.
	Name string `json:"name"`
	// Local is the module-scope name that is exported, when it is one.
	Local string `json:"local,omitempty"`
	// Value is the exported expression when it is not a declaration.
	Value *Expr `json:"value,omitempty"`
	// Module is the module re-exported from, resolved like
	// Import.Module.
	Module string `json:"module,omitempty"`
	Line   int    `json:"line"`
}

// Assignment is an assignment to a plain name: a module constant or a
// class-level field.
type Assignment struct {
	Name string `json:"name"`
	// Decorators are the field's decorators as written (TypeORM
	// `@Column({nullable: true})`, class-validator `@IsEmail()`).
	Decorators []Expr `json:"decorators,omitempty"`
	// Annotation is the declared type (`email: Mapped[str | None] = ...`),
	// nil when absent.
	Annotation *Expr `json:"annotation,omitempty"`
	// Value is the assigned expression, nil for a bare annotation
	// (`email: str` in a dataclass or pydantic model).
	Value *Expr `json:"value,omitempty"`
	Line  int   `json:"line"`
}

// ClassKind says what kind of type declaration a Class is.
type ClassKind string

// Class kinds. A plain class has the empty kind.
const (
	ClassPlain ClassKind = ""
	// ClassInterface: a TypeScript interface or object type alias; Fields
	// are its property signatures, Bases what it extends.
	ClassInterface ClassKind = "interface"
	// ClassEnum: a TypeScript enum; Fields are its members, Value nil for
	// a member without an initialiser. (A Python Enum stays a plain class
	// whose base resolves to enum.Enum.)
	ClassEnum ClassKind = "enum"
)

// Class is a class definition.
type Class struct {
	Name string `json:"name"`
	// Kind is empty for a class (see ClassKind).
	Kind ClassKind `json:"kind,omitempty"`
	// QualName is the dotted name including the module and any enclosing
	// classes or functions: "app.models.User.Meta".
	QualName   string `json:"qual_name"`
	Decorators []Expr `json:"decorators,omitempty"`
	// Bases are the base class expressions, with Resolved filled from the
	// imports ("django.db.models.Model").
	Bases []Expr `json:"bases,omitempty"`
	// Keywords are the keyword arguments of the class statement
	// (`table=True`, `metaclass=ABCMeta`).
	Keywords []Keyword `json:"keywords,omitempty"`
	// Doc is the docstring, if any.
	Doc string `json:"doc,omitempty"`
	// Fields are the class-level assignments to plain names, in order:
	// columns, enum members, pydantic fields, `__tablename__`, `objects`.
	Fields []Assignment `json:"fields,omitempty"`
	// Classes are nested classes (Django `Meta`, `TextChoices`).
	Classes []Class `json:"classes,omitempty"`
	// Methods are the functions defined in the class body.
	Methods []Function `json:"methods,omitempty"`
	// Statements are other class-body statements (rare: conditionals,
	// calls); definitions and fields are not repeated here.
	Statements []Stmt `json:"statements,omitempty"`
	// Line and EndLine span the class statement itself; decorators carry
	// their own lines.
	Line    int `json:"line"`
	EndLine int `json:"end_line"`
}

// Function is a function or method definition.
type Function struct {
	Name string `json:"name"`
	// QualName is the dotted name including module and enclosing
	// classes/functions: "app.auth.views.PasswordResetView.post".
	QualName string `json:"qual_name"`
	Async    bool   `json:"async,omitempty"`
	// Decorators are the decorator expressions as written, usually a Name,
	// an Attr or a Call (`@router.post("/reset", status_code=204)`).
	Decorators []Expr  `json:"decorators,omitempty"`
	Params     []Param `json:"params,omitempty"`
	// Returns is the return annotation, nil when absent.
	Returns *Expr  `json:"returns,omitempty"`
	Doc     string `json:"doc,omitempty"`
	// body is the function body, read through Body and written through
	// SetBody: bodies are most of what a service holds until its build
	// ends (issue 12), and behind a method their form can change (kept
	// compact, read when asked) without touching their readers.
	body []Stmt
	// Line and EndLine span the def statement itself; decorators carry
	// their own lines.
	Line    int `json:"line"`
	EndLine int `json:"end_line"`
}

// Body is the function body; a docstring is not repeated in it.
func (f *Function) Body() []Stmt { return f.body }

// SetBody sets Body.
func (f *Function) SetBody(b []Stmt) { f.body = b }

// WithBody sets Body and returns f, for literals:
// (&facts.Function{Name: n}).WithBody(body).
func (f *Function) WithBody(b []Stmt) *Function {
	f.SetBody(b)
	return f
}

// ParamKind says how a parameter is passed.
type ParamKind string

// Parameter kinds.
const (
	ParamPositional     ParamKind = "positional"      // a, a: int, a=1
	ParamPositionalOnly ParamKind = "positional_only" // before "/"
	ParamKeywordOnly    ParamKind = "keyword_only"    // after "*" or "*args"
	ParamVarPositional  ParamKind = "var_positional"  // *args
	ParamVarKeyword     ParamKind = "var_keyword"     // **kwargs
)

// Param is one function parameter.
type Param struct {
	// Name is the parameter's name; empty when it is a destructuring
	// pattern (see Pattern).
	Name string    `json:"name"`
	Kind ParamKind `json:"kind"`
	// Pattern is the destructuring pattern of a parameter such as
	// `({email, password}: LoginDto)`, an ExprDict or ExprList (see Expr).
	Pattern *Expr `json:"pattern,omitempty"`
	// Decorators are the parameter's decorators (NestJS `@Body() dto`).
	Decorators []Expr `json:"decorators,omitempty"`
	// Annotation is the declared type, nil when absent.
	Annotation *Expr `json:"annotation,omitempty"`
	// Default is the default value, nil when absent (`Depends(get_db)`
	// and `Body(...)` are defaults).
	Default *Expr `json:"default,omitempty"`
	Line    int   `json:"line"`
}

// Stats counts what an extractor met in one file.
type Stats struct {
	// ErrorNodes and MissingNodes are the parser's syntax-error counts.
	ErrorNodes   int `json:"error_nodes,omitempty"`
	MissingNodes int `json:"missing_nodes,omitempty"`
	// ErrorLines are the lines of the first few syntax errors.
	ErrorLines []int `json:"error_lines,omitempty"`
	// Statements counts the statements translated (opaque ones included).
	Statements int `json:"statements"`
	// OpaqueStatements counts statements kept as StmtOpaque.
	OpaqueStatements int `json:"opaque_statements,omitempty"`
	// OpaqueExprs counts expressions kept as ExprOpaque.
	OpaqueExprs int `json:"opaque_exprs,omitempty"`
	// DepthLimited counts subtrees cut off by the nesting bound.
	DepthLimited int `json:"depth_limited,omitempty"`
}
