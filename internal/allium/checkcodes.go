package allium

// CheckCode documents one diagnostic code of the checker. Codes are stable:
// the CLI prints them and users look them up here (or with `distill codes`).
type CheckCode struct {
	Code     string
	Severity Severity
	// Rule is the rule number in the language reference's "Validation
	// rules" list, or "warnings" for the list of warnings at its end.
	Rule string
	Desc string
	// Beyond is empty when the reference checker (juxt/allium-tools'
	// `allium check`, 3.5.3) reports the same problem as an error; otherwise
	// it says why we report what the reference does not. Every error code
	// with a Beyond reason is a validation rule of the language reference
	// that the reference checker leaves out (its README names some of
	// them), so a spec it accepts can fail ours only through these codes.
	Beyond string
}

// Reasons shared by several codes.
const (
	beyondNotImplemented = "a validation rule of the language reference that the reference checker does not implement"
	beyondPartly         = "the reference checker reports only part of it; "
)

// checkCodes is the table of every code Check can produce, one line per code.
var checkCodes = []CheckCode{
	{"E001", SeverityError, "1", "referenced entity, value, enum, variant, collection or import alias does not exist", beyondPartly + "it accepts field types that are never declared (its README says so) and names from an imported module that declares no such name"},
	{"E002", SeverityError, "2", "field, config or signature declared without a type", "the reference parser rejects the text, so its checker never sees the declaration"},
	{"E003", SeverityError, "3", "relationship `with` predicate does not reference `this`", beyondNotImplemented},
	{"E004", SeverityError, "3", "`where` predicate (projection, for, context, let) references `this`; actor identified_by is exempt, the reference makes `this` the tested instance there", beyondNotImplemented},
	{"E005", SeverityError, "4", "rule has no trigger (`when:`)", beyondNotImplemented},
	{"E006", SeverityError, "4", "rule has no `ensures` clause", "the reference checker accepts rules without `ensures` (its README says so)"},
	{"E007", SeverityError, "6", "rules or emissions of one external trigger disagree on the number of required parameters", "the reference checker does not check trigger arity (its README says so)"},
	{"E008", SeverityError, "9", "value assigned to, created with or compared against an enum field is not one of its values", beyondPartly + "it checks the literals of `.created(...)` arguments only (where a bare name given for an inline `status` is a literal, bound or not); assignments and comparisons against a known enum are ours"},
	{"E009", SeverityError, "11, 24", "name used before it is bound (not a binding, parameter, given, default, field in nameScope or enum literal)", beyondPartly + "it reports an unbound name read through (`x.f`) and nothing else; a name used before its let, or any unbound name under StrictNames (the distiller), is ours"},
	{"E010", SeverityError, "22", "`given` binding type is not a declared or imported entity", beyondNotImplemented},
	{"E011", SeverityError, "23", "duplicate `given` binding name", beyondNotImplemented},
	{"E012", SeverityError, "25", "config parameter without a type", "the reference parser rejects the text, so its checker never sees the parameter"},
	{"E013", SeverityError, "26", "duplicate config parameter", beyondNotImplemented},
	{"E014", SeverityError, "27", "`config.x` names an undeclared config parameter", beyondNotImplemented},
	{"E015", SeverityError, "28", "`facing` type is neither an actor nor an entity", beyondNotImplemented},
	{"E016", SeverityError, "30", "`provides` names a trigger that no rule has as an external trigger", beyondNotImplemented},
	{"E017", SeverityError, "35", "`timeout` names an unknown rule or one without a temporal (or derived) trigger", beyondNotImplemented},
	{"E018", SeverityError, "31", "`related` names an unknown surface", ""},
	{"E019", SeverityError, "37, 38", "surface references an unknown contract or the same contract twice", beyondNotImplemented},
	{"E020", SeverityError, "43, 53", "duplicate declaration, member, enum literal or import alias", beyondNotImplemented},
	{"E021", SeverityError, "naming", "name breaks the naming convention (PascalCase or snake_case)", "the reference checker does not check naming conventions"},
	{"E022", SeverityError, "15-17, 19", "variant and discriminator do not match (undeclared variant, unlisted variant, bad base, base instantiated)", beyondPartly + "it reports a discriminator naming an undeclared variant; unlisted variants, bad bases and instantiated bases are ours"},
	{"E023", SeverityError, "7a, 7b, 7d", "transition graph problem (unknown field or value, state without exit, value missing, rule transition not in graph)", beyondPartly + "it warns about statuses without an exit (allium.status.noExit) and does not check declared transition graphs"},
	{"E024", SeverityError, "7f, 7g", "field `when` clause names a field without transitions or a state not in its enum", beyondNotImplemented},
	{"E025", SeverityError, "14a", "unrecognised dot-method called on a collection", beyondNotImplemented},
	{"E026", SeverityError, "55, 56", "invariant uses `now` or a side effect (.add, .remove, .created, trigger emission)", beyondNotImplemented},
	{"E027", SeverityError, "24b", "default instance sets a field its type does not declare", ""},
	{"E028", SeverityError, "5", "trigger is none of the valid forms: an entity trigger without a binding, or one whose condition is a bare name, a negation or a conjunction", ""},
	{"W001", SeverityWarning, "warnings", "entity is declared but never referenced elsewhere", ""},
	{"W002", SeverityWarning, "warnings", "config parameter is never referenced", ""},
	{"W003", SeverityWarning, "7, warnings", "enum value is never assigned, created with or compared against", ""},
	{"W004", SeverityWarning, "warnings", "temporal trigger rule has no `requires` guard against re-firing", ""},
	{"W005", SeverityWarning, "warnings", "two rules with the same trigger and identical preconditions (ambiguity)", ""},
	{"W006", SeverityWarning, "warnings", "open question present: the spec is incomplete", ""},
	{"W007", SeverityWarning, "warnings", "external entity referenced: another spec or system governs it", ""},
	{"W008", SeverityWarning, "warnings", "deferred specification without a `-- see:` location hint", ""},
	{"W009", SeverityWarning, "11, 24", "bare name that nothing binds, outside a value slot: read as an enum literal of an undeclared enum (E009 under strict name checking)", ""},
}

// CheckCodes returns the table of checker codes in code order.
func CheckCodes() []CheckCode {
	out := make([]CheckCode, len(checkCodes))
	copy(out, checkCodes)
	return out
}

// LookupCheckCode returns the documentation of one code.
func LookupCheckCode(code string) (CheckCode, bool) {
	for _, cc := range checkCodes {
		if cc.Code == code {
			return cc, true
		}
	}
	return CheckCode{}, false
}
