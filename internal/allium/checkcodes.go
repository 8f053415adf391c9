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
}

// checkCodes is the table of every code Check can produce, one line per code.
var checkCodes = []CheckCode{
	{"E001", SeverityError, "1", "referenced entity, value, enum, variant, collection or import alias does not exist"},
	{"E002", SeverityError, "2", "field, config or signature declared without a type"},
	{"E003", SeverityError, "3", "relationship `with` predicate does not reference `this`"},
	{"E004", SeverityError, "3", "`where` predicate (projection, for, context, let) references `this`; actor identified_by is exempt, the reference makes `this` the tested instance there"},
	{"E005", SeverityError, "4", "rule has no trigger (`when:`)"},
	{"E006", SeverityError, "4", "rule has no `ensures` clause"},
	{"E007", SeverityError, "6", "rules or emissions of one external trigger disagree on the number of required parameters"},
	{"E008", SeverityError, "9", "value assigned to, created with or compared against an enum field is not one of its values"},
	{"E009", SeverityError, "11, 24", "name used before it is bound (not a binding, parameter, given, default, field in nameScope or enum literal)"},
	{"E010", SeverityError, "22", "`given` binding type is not a declared or imported entity"},
	{"E011", SeverityError, "23", "duplicate `given` binding name"},
	{"E012", SeverityError, "25", "config parameter without a type"},
	{"E013", SeverityError, "26", "duplicate config parameter"},
	{"E014", SeverityError, "27", "`config.x` names an undeclared config parameter"},
	{"E015", SeverityError, "28", "`facing` type is neither an actor nor an entity"},
	{"E016", SeverityError, "30", "`provides` names a trigger that no rule has as an external trigger"},
	{"E017", SeverityError, "35", "`timeout` names an unknown rule or one without a temporal (or derived) trigger"},
	{"E018", SeverityError, "31", "`related` names an unknown surface"},
	{"E019", SeverityError, "37, 38", "surface references an unknown contract or the same contract twice"},
	{"E020", SeverityError, "43, 53", "duplicate declaration, member, enum literal or import alias"},
	{"E021", SeverityError, "naming", "name breaks the naming convention (PascalCase or snake_case)"},
	{"E022", SeverityError, "15-17, 19", "variant and discriminator do not match (undeclared variant, unlisted variant, bad base, base instantiated)"},
	{"E023", SeverityError, "7a, 7b, 7d", "transition graph problem (unknown field or value, state without exit, value missing, rule transition not in graph)"},
	{"E024", SeverityError, "7f, 7g", "field `when` clause names a field without transitions or a state not in its enum"},
	{"E025", SeverityError, "14a", "unrecognised dot-method called on a collection"},
	{"E026", SeverityError, "55, 56", "invariant uses `now` or a side effect (.add, .remove, .created, trigger emission)"},
	{"W001", SeverityWarning, "warnings", "entity is declared but never referenced elsewhere"},
	{"W002", SeverityWarning, "warnings", "config parameter is never referenced"},
	{"W003", SeverityWarning, "7, warnings", "enum value is never assigned, created with or compared against"},
	{"W004", SeverityWarning, "warnings", "temporal trigger rule has no `requires` guard against re-firing"},
	{"W005", SeverityWarning, "warnings", "two rules with the same trigger and identical preconditions (ambiguity)"},
	{"W006", SeverityWarning, "warnings", "open question present: the spec is incomplete"},
	{"W007", SeverityWarning, "warnings", "external entity referenced: another spec or system governs it"},
	{"W008", SeverityWarning, "warnings", "deferred specification without a `-- see:` location hint"},
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
