package python

import (
	"sync"

	"github.com/distill/distill/internal/syntax"
)

// kinds holds every node kind the walker compares against, resolved once
// from the grammar so that the walk compares integers, never strings.
type kinds struct {
	module, block, comment, lineContinuation, errorNode syntax.Kind

	// statements
	exprStmt, importStmt, importFrom, futureImport, returnStmt, raiseStmt,
	ifStmt, elifClause, elseClause, forStmt, whileStmt, withStmt, withClause,
	withItem, tryStmt, exceptClause, exceptGroup, finallyClause, deleteStmt,
	passStmt, breakStmt, continueStmt, assertStmt, globalStmt, nonlocalStmt,
	funcDef, classDef, decorated, decorator syntax.Kind

	// imports
	dottedName, aliasedImport, relativeImport, importPrefix, wildcardImport syntax.Kind

	// parameters
	parameters, lambdaParameters, typedParam, defaultParam, typedDefaultParam, listSplatPattern,
	dictSplatPattern, keywordSep, positionalSep syntax.Kind

	// expressions
	identifier, attribute, call, argumentList, keywordArgument, listSplat,
	dictSplat, parenthesizedListSplat, str, concatenatedString, stringStart,
	stringContent, interpolation, escapeInterpolation, escapeSequence,
	integer, float, trueLit, falseLit, noneLit, ellipsis, binaryOp,
	comparisonOp, booleanOp, notOp, unaryOp, parenthesized, list, tuple, set,
	dictionary, pair, subscript, slice, conditional, lambda, await, named,
	yield, exprList, patternList, tuplePattern, listPattern, listComp,
	dictComp, setComp, genExpr, forInClause, ifClause, asPattern, asPatternTarget, typeNode,
	genericType, typeParameter, memberType, splatType, unionType,
	constrainedType, assignment, augAssignment syntax.Kind

	// tokens
	tokAsync, tokAssign, tokFrom, tokNot, tokIn, tokIs, tokColon syntax.Kind

	// ops maps operator tokens to their text, so operators are read
	// without touching the source.
	ops map[syntax.Kind]string
}

var pythonKinds = sync.OnceValue(func() *kinds { return newKinds(syntax.Python()) })

func newKinds(g *syntax.Grammar) *kinds {
	k := g.MustKind
	t := g.MustToken
	ks := &kinds{
		module: k("module"), block: k("block"), comment: k("comment"), lineContinuation: k("line_continuation"), errorNode: syntax.KindError,

		exprStmt: k("expression_statement"), importStmt: k("import_statement"),
		importFrom: k("import_from_statement"), futureImport: k("future_import_statement"),
		returnStmt: k("return_statement"), raiseStmt: k("raise_statement"),
		ifStmt: k("if_statement"), elifClause: k("elif_clause"), elseClause: k("else_clause"),
		forStmt: k("for_statement"), whileStmt: k("while_statement"), withStmt: k("with_statement"),
		withClause: k("with_clause"), withItem: k("with_item"), tryStmt: k("try_statement"),
		exceptClause: k("except_clause"), exceptGroup: k("except_group_clause"),
		finallyClause: k("finally_clause"), deleteStmt: k("delete_statement"),
		passStmt: k("pass_statement"), breakStmt: k("break_statement"),
		continueStmt: k("continue_statement"), assertStmt: k("assert_statement"),
		globalStmt: k("global_statement"), nonlocalStmt: k("nonlocal_statement"),
		funcDef: k("function_definition"), classDef: k("class_definition"),
		decorated: k("decorated_definition"), decorator: k("decorator"),

		dottedName: k("dotted_name"), aliasedImport: k("aliased_import"),
		relativeImport: k("relative_import"), importPrefix: k("import_prefix"),
		wildcardImport: k("wildcard_import"),

		parameters: k("parameters"), lambdaParameters: k("lambda_parameters"), typedParam: k("typed_parameter"),
		defaultParam: k("default_parameter"), typedDefaultParam: k("typed_default_parameter"),
		listSplatPattern: k("list_splat_pattern"), dictSplatPattern: k("dictionary_splat_pattern"),
		keywordSep: k("keyword_separator"), positionalSep: k("positional_separator"),

		identifier: k("identifier"), attribute: k("attribute"), call: k("call"),
		argumentList: k("argument_list"), keywordArgument: k("keyword_argument"),
		listSplat: k("list_splat"), dictSplat: k("dictionary_splat"),
		parenthesizedListSplat: k("parenthesized_list_splat"),
		str:                    k("string"), concatenatedString: k("concatenated_string"),
		stringStart: k("string_start"), stringContent: k("string_content"),
		interpolation: k("interpolation"), escapeInterpolation: k("escape_interpolation"),
		escapeSequence: k("escape_sequence"),
		integer:        k("integer"), float: k("float"), trueLit: k("true"), falseLit: k("false"),
		noneLit: k("none"), ellipsis: k("ellipsis"),
		binaryOp: k("binary_operator"), comparisonOp: k("comparison_operator"),
		booleanOp: k("boolean_operator"), notOp: k("not_operator"), unaryOp: k("unary_operator"),
		parenthesized: k("parenthesized_expression"), list: k("list"), tuple: k("tuple"),
		set: k("set"), dictionary: k("dictionary"), pair: k("pair"), subscript: k("subscript"),
		slice: k("slice"), conditional: k("conditional_expression"), lambda: k("lambda"),
		await: k("await"), named: k("named_expression"), yield: k("yield"),
		exprList: k("expression_list"), patternList: k("pattern_list"),
		tuplePattern: k("tuple_pattern"), listPattern: k("list_pattern"),
		listComp: k("list_comprehension"), dictComp: k("dictionary_comprehension"),
		forInClause: k("for_in_clause"), ifClause: k("if_clause"),
		setComp: k("set_comprehension"), genExpr: k("generator_expression"),
		asPattern: k("as_pattern"), asPatternTarget: k("as_pattern_target"),
		typeNode: k("type"), genericType: k("generic_type"), typeParameter: k("type_parameter"),
		memberType: k("member_type"), splatType: k("splat_type"), unionType: k("union_type"),
		constrainedType: k("constrained_type"),
		assignment:      k("assignment"), augAssignment: k("augmented_assignment"),

		tokAsync: t("async"), tokAssign: t("="), tokFrom: t("from"), tokNot: t("not"),
		tokIn: t("in"), tokIs: t("is"), tokColon: t(":"),
		ops: map[syntax.Kind]string{},
	}
	for _, op := range []string{
		"+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^", "~",
		"<", "<=", ">", ">=", "==", "!=", "<>", "in", "not in", "is", "is not", "not", "and", "or",
		"+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "&=", "|=", "^=",
	} {
		if id := g.Token(op); id != syntax.NoKind {
			ks.ops[id] = op
		}
	}
	return ks
}
