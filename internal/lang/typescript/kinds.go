package typescript

import (
	"sync"

	"github.com/distill/distill/internal/syntax"
)

// kinds holds every node kind the walker compares against, resolved once
// per grammar so that the walk compares integers, never strings. The three
// grammars share their node type names (the TypeScript ones extend the
// JavaScript one); a type that one of them lacks resolves to
// syntax.NoKind, which no node has, so the comparison simply never holds.
type kinds struct {
	program, comment, hashBang, statementBlock, emptyStmt syntax.Kind

	// statements
	exprStmt, lexicalDecl, variableDecl, variableDeclarator, importStmt,
	exportStmt, returnStmt, throwStmt, ifStmt, elseClause, forStmt, forInStmt,
	whileStmt, doStmt, tryStmt, catchClause, finallyClause, switchStmt,
	switchBody, switchCase, switchDefault, breakStmt, continueStmt,
	labeledStmt, functionDecl, generatorDecl, classDecl, abstractClassDecl,
	classExpr, classBody, classHeritage, extendsClause, implementsClause,
	methodDef, fieldDef, publicFieldDef, decorator, enumDecl, enumBody,
	enumAssignment, typeAliasDecl, interfaceDecl, interfaceBody, objectType,
	propertySignature, extendsTypeClause, ambientDecl, functionSignature, module,
	internalModule syntax.Kind

	// imports and exports
	importClause, namespaceImport, namedImports, importSpecifier,
	exportClause, exportSpecifier, namespaceExport, importRequireClause syntax.Kind

	// parameters
	formalParams, requiredParam, optionalParam, restPattern, assignmentPattern,
	objectPattern, arrayPattern, pairPattern, shorthandPropPattern,
	objectAssignmentPattern, accessibilityModifier syntax.Kind

	// expressions
	identifier, propertyIdentifier, privatePropertyIdentifier,
	shorthandPropertyIdentifier, this, super, memberExpr, subscriptExpr,
	callExpr, newExpr, arguments, awaitExpr, str, stringFragment,
	escapeSequence, templateString, templateSubstitution, number, trueLit,
	falseLit, null, undefined, binaryExpr, unaryExpr, updateExpr,
	assignmentExpr, augAssignmentExpr, ternaryExpr, parenthesized, object,
	pair, computedPropertyName, array, spreadElement, arrowFunction,
	functionExpr, functionKw, generatorFunction, asExpr, satisfiesExpr,
	nonNullExpr, typeAssertion, sequenceExpr, yieldExpr, optionalChain,
	instantiationExpr syntax.Kind

	// types
	typeAnnotation, predefinedType, typeIdentifier, nestedTypeIdentifier,
	genericType, typeArguments, arrayType, unionType, intersectionType, literalType,
	parenthesizedType, nestedIdentifier, typeQuery syntax.Kind

	// tokens (NoKind when the grammar lacks one)
	tokAsync, tokDefault, tokStatic, tokGet, tokSet, tokQuestion, tokOf, tokStar,
	tokAssign, tokAwait, tokOptChain syntax.Kind
}

var (
	typeScriptKinds = sync.OnceValue(func() *kinds { return newKinds(syntax.TypeScript()) })
	tsxKinds        = sync.OnceValue(func() *kinds { return newKinds(syntax.TSX()) })
	javaScriptKinds = sync.OnceValue(func() *kinds { return newKinds(syntax.JavaScript()) })
)

func newKinds(g *syntax.Grammar) *kinds {
	// k is for types every grammar of the family has: a missing one is a
	// programming error, caught by the tests that build all three. o is
	// for types only the TypeScript grammars (or only JavaScript) have.
	k := g.MustKind
	o := g.Kind
	t := g.Token
	return &kinds{
		program: k("program"), comment: k("comment"), hashBang: k("hash_bang_line"),
		statementBlock: k("statement_block"), emptyStmt: k("empty_statement"),

		exprStmt: k("expression_statement"), lexicalDecl: k("lexical_declaration"),
		variableDecl: k("variable_declaration"), variableDeclarator: k("variable_declarator"),
		importStmt: k("import_statement"), exportStmt: k("export_statement"),
		returnStmt: k("return_statement"), throwStmt: k("throw_statement"),
		ifStmt: k("if_statement"), elseClause: k("else_clause"), forStmt: k("for_statement"),
		forInStmt: k("for_in_statement"), whileStmt: k("while_statement"), doStmt: k("do_statement"),
		tryStmt: k("try_statement"), catchClause: k("catch_clause"), finallyClause: k("finally_clause"),
		switchStmt: k("switch_statement"), switchBody: k("switch_body"), switchCase: k("switch_case"),
		switchDefault: k("switch_default"), breakStmt: k("break_statement"),
		continueStmt: k("continue_statement"), labeledStmt: k("labeled_statement"),
		functionDecl: k("function_declaration"), generatorDecl: k("generator_function_declaration"),
		classDecl: k("class_declaration"), abstractClassDecl: o("abstract_class_declaration"),
		classExpr: k("class"), classBody: k("class_body"), classHeritage: k("class_heritage"),
		extendsClause: o("extends_clause"), implementsClause: o("implements_clause"),
		methodDef: k("method_definition"), fieldDef: o("field_definition"),
		publicFieldDef: o("public_field_definition"), decorator: k("decorator"),
		enumDecl: o("enum_declaration"), enumBody: o("enum_body"), enumAssignment: o("enum_assignment"),
		typeAliasDecl: o("type_alias_declaration"), interfaceDecl: o("interface_declaration"),
		interfaceBody: o("interface_body"), objectType: o("object_type"),
		propertySignature: o("property_signature"), extendsTypeClause: o("extends_type_clause"),
		ambientDecl: o("ambient_declaration"), functionSignature: o("function_signature"), module: o("module"), internalModule: o("internal_module"),

		importClause: k("import_clause"), namespaceImport: k("namespace_import"),
		namedImports: k("named_imports"), importSpecifier: k("import_specifier"),
		exportClause: k("export_clause"), exportSpecifier: k("export_specifier"),
		namespaceExport: k("namespace_export"), importRequireClause: o("import_require_clause"),

		formalParams: k("formal_parameters"), requiredParam: o("required_parameter"),
		optionalParam: o("optional_parameter"), restPattern: k("rest_pattern"),
		assignmentPattern: k("assignment_pattern"), objectPattern: k("object_pattern"),
		arrayPattern: k("array_pattern"), pairPattern: k("pair_pattern"),
		shorthandPropPattern:    k("shorthand_property_identifier_pattern"),
		objectAssignmentPattern: k("object_assignment_pattern"),
		accessibilityModifier:   o("accessibility_modifier"),

		identifier: k("identifier"), propertyIdentifier: k("property_identifier"),
		privatePropertyIdentifier:   k("private_property_identifier"),
		shorthandPropertyIdentifier: k("shorthand_property_identifier"),
		this:                        k("this"), super: k("super"), memberExpr: k("member_expression"),
		subscriptExpr: k("subscript_expression"), callExpr: k("call_expression"),
		newExpr: k("new_expression"), arguments: k("arguments"), awaitExpr: k("await_expression"),
		str: k("string"), stringFragment: k("string_fragment"), escapeSequence: k("escape_sequence"),
		templateString: k("template_string"), templateSubstitution: k("template_substitution"),
		number: k("number"), trueLit: k("true"), falseLit: k("false"), null: k("null"),
		undefined: k("undefined"), binaryExpr: k("binary_expression"), unaryExpr: k("unary_expression"),
		updateExpr: k("update_expression"), assignmentExpr: k("assignment_expression"),
		augAssignmentExpr: k("augmented_assignment_expression"), ternaryExpr: k("ternary_expression"),
		parenthesized: k("parenthesized_expression"), object: k("object"), pair: k("pair"),
		computedPropertyName: k("computed_property_name"), array: k("array"),
		spreadElement: k("spread_element"), arrowFunction: k("arrow_function"),
		functionExpr: o("function_expression"), functionKw: o("function"),
		generatorFunction: k("generator_function"), asExpr: o("as_expression"),
		satisfiesExpr: o("satisfies_expression"), nonNullExpr: o("non_null_expression"),
		typeAssertion: o("type_assertion"), sequenceExpr: k("sequence_expression"),
		yieldExpr: k("yield_expression"), optionalChain: k("optional_chain"),
		instantiationExpr: o("instantiation_expression"),

		typeAnnotation: o("type_annotation"), predefinedType: o("predefined_type"),
		typeIdentifier: o("type_identifier"), nestedTypeIdentifier: o("nested_type_identifier"),
		genericType: o("generic_type"), typeArguments: o("type_arguments"), arrayType: o("array_type"),
		unionType: o("union_type"), intersectionType: o("intersection_type"), literalType: o("literal_type"),
		parenthesizedType: o("parenthesized_type"), nestedIdentifier: o("nested_identifier"),
		typeQuery: o("type_query"),

		tokAsync: t("async"), tokDefault: t("default"), tokStatic: t("static"), tokGet: t("get"),
		tokSet: t("set"), tokQuestion: t("?"), tokOf: t("of"), tokStar: t("*"), tokAssign: t("="), tokAwait: t("await"), tokOptChain: t("?."),
	}
}
