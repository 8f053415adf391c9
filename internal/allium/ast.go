package allium

// Pos is a position in an .allium text: 1-based line and column (in bytes).
// The zero Pos means "not parsed from text".
type Pos struct {
	Line, Col int
}

// IsValid reports whether the position came from parsed text.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Provenance points at the service code a construct was distilled from.
type Provenance struct {
	File string // slash-separated path relative to the service root
	Line int    // 1-based
}

// Meta is carried by every construct that can stand on a line of its own.
type Meta struct {
	Pos Pos
	// Doc holds the comment lines directly above the construct, each without
	// the leading "--" and at most one following space.
	Doc []string
	// Comment is a trailing "-- ..." comment on the construct's first line,
	// without the "--" and the space after it.
	Comment string
	// Blank records that a blank line separated the construct from the
	// previous sibling in the same block. The printer keeps one blank line;
	// it is how hand-written specs group fields ("-- Relationships").
	Blank bool
	// Prov is where in the service code the construct came from, if known.
	Prov *Provenance
}

// Info returns the construct's metadata; it lets generic code (the printer,
// the summary) reach Meta through the Node interface.
func (m *Meta) Info() *Meta { return m }

// Node is any construct that carries Meta.
type Node interface {
	Info() *Meta
}

// Module is one .allium file.
type Module struct {
	Version int // the number in "-- allium: N"; 3 for everything we write
	// Header holds the comment lines after the version marker that are not
	// attached to a construct: the scope notes of the spec.
	Header []string

	Uses            []*Use
	Given           []*GivenBinding
	Externals       []*Entity // External == true
	Values          []*ValueType
	Contracts       []*Contract
	Enums           []*Enum
	Entities        []*Entity // External == false
	Variants        []*Variant
	Config          []*ConfigParam
	ConfigOverrides []*ConfigOverride
	Defaults        []*Default
	Rules           []*Rule
	Invariants      []*Invariant
	Actors          []*Actor
	Surfaces        []*Surface
	Deferred        []*Deferred
	OpenQuestions   []*OpenQuestion

	// Trailer holds comment lines at the end of the file that precede no
	// construct.
	Trailer []string
}

// Use imports another spec: use "path" as alias.
type Use struct {
	Meta
	Path  string
	Alias string
}

// GivenBinding is one line of the module's given block.
type GivenBinding struct {
	Meta
	Name string
	Type *Type
}

// Entity is an internal or external entity.
type Entity struct {
	Meta
	Name     string
	External bool
	Members  []EntityMember
}

// ValueType is a value declaration: structured data without identity.
type ValueType struct {
	Meta
	Name    string
	Members []EntityMember
}

// Variant is one alternative of a sum type: variant Name : Base { ... }.
type Variant struct {
	Meta
	Name    string
	Base    string
	Members []EntityMember
}

// Enum is a named enumeration.
type Enum struct {
	Meta
	Name   string
	Values []EnumValue
}

// EnumValue is an enum literal. Quoted literals were written in backticks and
// may hold characters outside snake_case. In a discriminator field the values
// are variant names (capitalised, never quoted).
type EnumValue struct {
	Name   string
	Quoted bool
}

// Type is a field, parameter or config type.
//
// Exactly one form is used: a named type (Name, with Args for Set<T>,
// List<T>, Sequence<T>), or an inline enum / sum-type discriminator (Enum,
// with Name empty).
type Type struct {
	Name     string // "String", "User", "Set", "oauth/Session"
	Args     []*Type
	Enum     []EnumValue
	Optional bool // T?
}

// EntityMember is a declaration inside an entity, value type or variant body:
// *Field, *Relationship, *Projection, *Derived, *Transitions or *Invariant.
type EntityMember interface {
	Node
	memberNode()
}

// Field is a stored field: name: Type [when status = a | b].
type Field struct {
	Meta
	Name string
	Type *Type
	When *FieldWhen
}

// FieldWhen ties a field's (or derived value's) presence to lifecycle state.
type FieldWhen struct {
	Field  string   // the status field, e.g. "status"
	Values []string // the states in which the field is present
}

// Relationship navigates to related entities: name: Entity with field = this.
type Relationship struct {
	Meta
	Name   string
	Entity string
	With   Expr
}

// Projection is a filtered view of a relationship:
// name: source where cond [-> field].
type Projection struct {
	Meta
	Name   string
	Source Expr   // usually an *Ident naming a relationship
	Where  Expr   // nil when the projection only maps
	Map    string // the field after "->", or ""
}

// Derived is a computed value, optionally parameterised: name(p): expr.
type Derived struct {
	Meta
	Name   string
	Params []string
	Value  Expr
	When   *FieldWhen // optional explicit when annotation
}

// Transitions is a transition graph for one status field.
type Transitions struct {
	Meta
	Field    string
	Edges    []Edge
	Terminal []string
}

// Edge is one "from -> to" line of a transition graph.
type Edge struct {
	From, To string
	Comment  string
}

// Invariant is an expression-bearing invariant, top-level or entity-level.
// Its body is a list of statements: *For (universal quantification), *Let and
// *ExprStmt (the assertion).
type Invariant struct {
	Meta
	Name string
	Body []Stmt
}

// ConfigParam is one parameter of the config block.
type ConfigParam struct {
	Meta
	Name    string
	Type    *Type
	Default Expr // nil when the parameter is mandatory
}

// ConfigOverride sets parameters of an imported module's config:
// alias/config { name: value }.
type ConfigOverride struct {
	Meta
	Alias    string
	Settings []*ConfigSetting
}

// ConfigSetting is one "name: value" line of a ConfigOverride.
type ConfigSetting struct {
	Meta
	Name  string
	Value Expr
}

// Default is a named entity instance: default Type name = { ... }.
type Default struct {
	Meta
	Type  string // possibly qualified: "gp/Policy"
	Name  string
	Value Expr // usually an *ObjectLit
}

// Rule is a behavioural rule.
type Rule struct {
	Meta
	Name    string
	Trigger *Trigger
	// Body holds the clauses after "when:" in order: *Let, *Requires,
	// *Ensures and rule-level *For (whose body holds the same kinds).
	Body     []Stmt
	Guidance *Annotation // @guidance, always printed last
}

// TriggerKind classifies a rule trigger.
type TriggerKind int

// Trigger kinds, as listed in the reference's "Trigger types".
const (
	// TriggerExternal is an external stimulus or a chained trigger:
	// Name(a, b?). The two are written alike; which one it is depends on
	// whether some rule emits it.
	TriggerExternal TriggerKind = iota
	// TriggerTransition: x: Entity.field transitions_to value.
	TriggerTransition
	// TriggerBecomes: x: Entity.field becomes value.
	TriggerBecomes
	// TriggerTemporal: x: Entity.field <= now (a comparison involving now).
	TriggerTemporal
	// TriggerDerived: x: Entity.derived_value (a boolean becomes true).
	TriggerDerived
	// TriggerCreated: x: Entity.created.
	TriggerCreated
)

var triggerKindNames = [...]string{"external", "transition", "becomes", "temporal", "derived", "created"}

func (k TriggerKind) String() string {
	if int(k) < len(triggerKindNames) {
		return triggerKindNames[k]
	}
	return "unknown"
}

// Trigger is a rule's when clause.
//
// For TriggerExternal, Name and Params are set. For the entity triggers,
// Binding names the bound instance ("" when the trigger has no binding, "_"
// for a discard) and Cond is the whole condition as written after the
// binding, rooted at the entity type: for
// `invitation: Invitation.expires_at <= now` Cond is
// Binary{<=, Member{Ident Invitation, expires_at}, Ident now}. Transition and
// becomes triggers use the operators "transitions_to" and "becomes"; a
// created trigger is Member{Ident Entity, created}.
type Trigger struct {
	Meta
	Kind    TriggerKind
	Name    string // external: possibly qualified, "oauth/SessionCreated"
	Params  []TriggerParam
	Binding string
	Cond    Expr
}

// TriggerParam is one parameter of an external or chained trigger.
type TriggerParam struct {
	Name     string // "_" for a discard
	Optional bool   // written with a trailing ?
}

// Entity returns the entity type an entity trigger is rooted at (the leftmost
// identifier of Cond), or "" for external triggers.
func (t *Trigger) Entity() string {
	if t == nil || t.Kind == TriggerExternal {
		return ""
	}
	return RootIdent(t.Cond)
}

// Annotation is a prose annotation: @invariant Name, @guarantee Name or
// @guidance, followed by indented comment lines.
type Annotation struct {
	Meta
	Kind  string // "invariant", "guarantee" or "guidance"
	Name  string // empty for guidance
	Lines []string
}

// Contract is a named obligation referenced by surfaces.
type Contract struct {
	Meta
	Name        string
	Signatures  []*Signature
	Annotations []*Annotation // @invariant ... then @guidance
}

// Signature is one typed operation of a contract: name: (a: T) -> R.
type Signature struct {
	Meta
	Name   string
	Params []Param
	Result *Type
}

// Param is a named, typed parameter.
type Param struct {
	Name string
	Type *Type
}

// Actor declares an entity type that can interact with surfaces.
type Actor struct {
	Meta
	Name         string
	Within       string // the context type required, or ""
	IdentifiedBy Expr   // usually a *Where over an entity type
}

// Surface is a boundary contract.
type Surface struct {
	Meta
	Name      string
	Facing    *SurfaceBinding
	Context   *SurfaceBinding
	Lets      []*Let
	Exposes   []SurfaceEntry
	Provides  []SurfaceEntry
	Contracts []*ContractRef
	Related   []SurfaceEntry
	Timeout   []SurfaceEntry
	// Annotations holds @guarantee annotations in order, then @guidance
	// (which must be last).
	Annotations []*Annotation
}

// SurfaceBinding is a facing or context clause: name: Type [where cond].
type SurfaceBinding struct {
	Meta
	Name  string
	Type  string
	Where Expr // context only
}

// SurfaceEntry is one line of an exposes, provides, related or timeout
// block: a *SurfaceItem or a *SurfaceFor.
type SurfaceEntry interface {
	Node
	surfaceEntry()
}

// SurfaceItem is an expression with an optional when guard.
type SurfaceItem struct {
	Meta
	X    Expr
	When Expr
}

// SurfaceFor iterates inside a surface block.
type SurfaceFor struct {
	Meta
	Var  string
	Coll Expr
	Body []SurfaceEntry
}

// ContractRef is one entry of a surface's contracts block.
type ContractRef struct {
	Meta
	Demands bool // demands (true) or fulfils (false)
	Name    string
}

// Deferred references a specification defined elsewhere; a "-- see: path"
// hint is kept in Meta.Comment.
type Deferred struct {
	Meta
	Name string // dotted path, e.g. "InterviewerMatching.suggest"
}

// OpenQuestion is an unresolved design decision.
type OpenQuestion struct {
	Meta
	Text string
}

func (*Field) memberNode()        {}
func (*Relationship) memberNode() {}
func (*Projection) memberNode()   {}
func (*Derived) memberNode()      {}
func (*Transitions) memberNode()  {}
func (*Invariant) memberNode()    {}

func (*SurfaceItem) surfaceEntry() {}
func (*SurfaceFor) surfaceEntry()  {}
