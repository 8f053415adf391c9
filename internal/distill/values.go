package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// vkind classifies what a Python value stands for while a handler is
// walked.
type vkind int

const (
	vUnknown    vkind = iota
	vExpr             // a translated expression
	vParam            // a request input: becomes a trigger parameter when used
	vEntity           // an instance of ent, written as expr
	vNew              // a constructed instance not yet persisted
	vLookup           // a query yielding one instance (not yet bound)
	vQuery            // a query or list of instances of ent
	vReqDict          // the request body or query string
	vShape            // a request-shape object (pydantic body, serializer data)
	vMessage          // an email message built for a sink
	vPlumbing         // db session, logger, app: calls on it are infrastructure
	vSettings         // the settings object: attributes are config
	vModelClass       // a model class itself (User in User.query)
	vEnumClass        // an enum class (UserStatus in UserStatus.ACTIVE)
	vTemplate         // a rendered template: param is its name, for the message it becomes
	vRepo             // a generic repository of ent; repo is the service's class for it, if any
	vObject           // an instance of a service class (a service layer object); repo is its class
	vSigner           // a token signer; expr is the lifetime of its tokens, if known; param "timed" when they carry their signing time
	vErrors           // a list the handler collects validation errors in
	vFunc             // a function of the service as a value (not called); fn is it
	vItems            // a collection of known values (service objects); items are they (items.go)
	vCount            // the number of rows q matches (query.count(), select(func.count(User.id)) run)
	vFilter           // a query condition built as a value (Django's Q); filter is it (filter_objects.go)
	vSection          // a section of the config object a config factory returns; call is its object literal (config_sections.go)
	vEvent            // a webhook event a sender signed, or an object of its data; param names it (webhook_events.go)
	vNodeType         // a GraphQL node type, ent its model's entity ("" for the type a global id names, unchecked); node says more (graphql_nodes.go)
)

type value struct {
	kind  vkind
	expr  allium.Expr
	ent   string
	param string // vParam: the parameter name; vEntity: set when the entity is itself a parameter; vSection: its key path (security.jwt)
	call  *facts.Expr
	file  *facts.File
	args  []allium.Arg // vNew: the creation arguments so far
	// held: vNew: the values given plumbing fields, left out of args
	// (plumbing.go).
	held []heldArg
	// popped: vReqDict: the keys the code took out of the dict (pop).
	popped map[string]bool
	// rawInput: vReqDict: a shape's input as sent, before its fields
	// clean it (DRF's initial_data): a field class that lower-cases
	// has not run on it (lowering_fields.go).
	rawInput bool
	// cleaning: vReqDict: a form's cleaned data while its clean(self)
	// runs (django_shapes.go bindCleaning), which the framework's
	// super().clean() returns.
	cleaning bool
	// unreadRowKey: vUnknown: the key of a row the walk could not read,
	// or none (user.pk if user else None, fallback_values.go); a lookup
	// by it finds no row the request names.
	unreadRowKey bool
	// unreadNew: vPlumbing: a new row of a model the walk cannot name
	// (catalog unnamed_model_classes); its key is unreadRowKey.
	unreadNew bool
	// rewritten: vReqDict: the keys the code set in the dict
	// (kwargs["updated_at"] = ...), with what it set them to: no longer
	// the request's input.
	rewritten map[string]dictPart
	q         *query
	enum      *enumInfo
	done      bool // vNew: already created
	// unsaved: vNew, once created: the fields assigned since the row was
	// last written, with the values they had before (saved_fields.go).
	unsaved map[string]unsavedArg
	// fetched: vEntity: a row loaded into an object of its own (a
	// catalogued separate fetch), with what the rule had assigned to rows
	// then (separate_fetches.go).
	fetched map[string]allium.Expr
	// signedIn: vNew: created and signed in since, by the function of
	// the service at signedIn[len-1] of the walk's stack (signedIn is that
	// stack): what that function then sets on it updates the stored row
	// (written_rows.go).
	signedIn []string
	// either: vUnknown: the rows a local holds after branches that bound
	// it differently (the row found, or the one made when none was);
	// either_rows.go.
	either []*value
	// madeWhen: either: the condition under which the local holds the
	// row made, the row found holding it otherwise; nil when the spec
	// cannot state it (either_rows.go).
	madeWhen allium.Expr
	// uniqueRead: vNew: its declared unique fields were read once
	// created (declared_unique.go).
	uniqueRead bool
	// mustExist: vEntity: a row whose lookup ends the request when none
	// is found (a global-id lookup helper that raises, a try whose
	// not-found handler raises). Bound in a branch it states nothing; a
	// row every branch found so is required where the branches join
	// (request_rows.go).
	mustExist bool
	// partial: vNew: values the walk could not read whole (a spread, a
	// defaulted field set to a value the spec cannot state), so the
	// columns' defaults are not stated for it.
	partial bool
	// handed: an object literal a call handed to a function's parameter
	// (add({email, password}, user)): the function reads its entries as
	// attributes (params.email).
	handed bool
	// keywords: vUnknown: the keywords a caller handed a **kw parameter,
	// every one of them (parts holds them as one dict).
	keywords bool
	line     int
	// vNew: the local it was assigned to, and where its creation was
	// written, so that a later reference can turn it into a let.
	local     string
	createdAt *[]allium.Stmt
	createdIx int
	letName   string
	// vMessage: headers set by msg["To"] = ...; vShape: its class.
	headers map[string]allium.Expr
	shape   *classRef
	// variants: vShape: the members of a union body, shape their nearest
	// common base (union_shapes.go); nil for a body of one class.
	variants []*classRef
	repo     *classRef
	// nestedOf, nestedAs: vShape: the shape whose field nestedAs this
	// nested shape is (nested_inputs.go).
	nestedOf *classRef
	nestedAs string
	// view: vEntity: the schema of the service the row is read through
	// (mealie's PrivateUser for the User row), whose plain fields
	// shadow the model's relations (schema_views.go).
	view *classRef
	// dumped: a dict of a request schema's fields (dict_edits.go).
	dumped bool
	// relation: vParam: the entity a model shape's reference field
	// names, whose row the framework hands the validators in place of
	// the key sent (relation_inputs.go).
	relation string
	// complete: vReqDict: the validated data of a shape the code made
	// without letting the request leave fields out (filled_columns.go).
	complete bool
	// setOnly: a dump of only the fields the request set
	// (model_dump(exclude_unset=True)): a key is in it when its field was
	// given.
	setOnly bool
	// repoBase: the catalogued base a vRepo is made from (FastCRUD).
	repoBase string
	// vMessage: the scope the message was built in, where its arguments
	// (recipient, template) are read; a helper may build it and return it.
	built *scope
	// undefinable: vExpr: an optional field of a row its store answers
	// without it when unset (absentUndefined), undefined then.
	undefinable bool
	// alwaysSet: vExpr: a field its entity declares not optional: it
	// always holds a value, so a truth test of it is no test for one.
	alwaysSet bool
	// fieldType: vExpr with alwaysSet: the name of the field's type.
	fieldType string
	// earliestIfNull: vExpr: an optional time read with the earliest
	// time in its place when unset (t if t is not None else
	// datetime.min), so that comparing it holds as null would be the
	// earliest of all times (earliest_times.go).
	earliestIfNull bool
	// perms: vPlumbing: the permissions a GraphQL mutation's Meta lists
	// (cls._meta.permissions; meta_permissions.go).
	perms *permList
	// group: vSettings: the described group of options it is (Parse
	// Server's config.accountLockout), read through for its options and
	// tested for truth as whether the deployment set it (option_groups.go).
	group string
	// presentWhen: vUnknown: a local that holds a row exactly when this
	// condition held, and None otherwise (row_or_none.go): testing it
	// for None, or for truth, states the condition.
	presentWhen allium.Expr
	// truth: vExpr: what testing the value for truth states, when that is
	// not the value itself (a fresh hash given only when the stored one is
	// due for an upgrade: needs_rehash(hash); verified_pairs.go).
	truth allium.Expr
	// constString: vExpr: the string literal of the module constant the
	// value was read from (KIND_VERIFY = "verify" read as
	// config.kind_verify), so that a helper's parameter given one
	// constant and compared with another (kind == KIND_CHANGE) is decided
	// where it is inlined, as the two constants' own comparison is
	// (staticString).
	constString *string
	// vObject: attributes its constructor (or view injection) set.
	attrs map[string]*value
	// madeFrom: vObject: what its constructor was given as its only argument,
	// when that is a local or an object literal (new UserEntity({name,
	// email}), new UserEntity(user)): the data a domain object copies in,
	// which a repository handed the object stores (domain_objects.go).
	madeFrom *value
	// runs: vObject: what calling each of these methods of it answers (a
	// query a framework call built, run by its execute()).
	runs map[string]*value
	fn   *funcRef // vFunc
	// resetUsers: vUnknown: the users a reset form's getter gives for
	// this input param, for a loop over them (reset_views.go).
	resetUsers string
	// resetShape: the framework shape a reset view's getter made, whose
	// save() runs what the view does (reset_views.go ownResetPost).
	resetShape *catalog.ResetView
	// classDefault: a handler parameter whose default is a request-shape
	// class of the service (def register(request, _form_class=
	// RegistrationForm)): calling the parameter makes that class
	// (handler_class_defaults.go).
	classDefault *facts.Expr
	// setting: vUnknown: a setting of the deployment that is no config
	// parameter (a mapping of class names, app_settings.FORMS).
	setting bool
	// reqLocal: a vParam that is a module-level proxy of the request
	// (current_org), not a value the client sends.
	reqLocal bool
	// optional: a vParam the handler declares optional (`x: str | None =
	// None`), whose test guards a block (optional_params.go).
	optional bool
	// markedAbsent: a vParam a helper answered as a marker object when
	// the request left it out, the marker's attribute name
	// (sentinel_inputs.go): a test against that marker is the input's
	// absence.
	markedAbsent string
	// failWhen: a helper's result that it answers None instead of when
	// one of these holds (absent_results.go).
	failWhen []allium.Expr
	// failOnly: failWhen of a result the walk could not read (return
	// E.right(<what it cannot tell>)): only a test for the failure itself
	// (E.isLeft(r)) reads it, since `not r` may test a falsy value.
	failOnly bool
	// span: where a success flag's helper stated its outcomes and
	// preconditions (success_flags.go).
	span *flagSpan
	// parts: the dict literals a dict value was built from (payloads.go).
	parts []dictPart
	// claimsOf: the token a decoded payload was read from (claims.go).
	claimsOf allium.Expr
	// signedSubject: the user a decoded payload's subject claim names
	// (token_data["user_id"], claims.go): never empty once the payload
	// was read, since the read raises on a payload not signed as issued.
	signedSubject bool
	// subjectField: claimsOf: the field of the user the token's subject
	// claim holds (email), "" when it holds the user (token_subjects.go).
	subjectField string
	// issued: the signed token a call created in this rule (tokens.go).
	issued *issuedToken
	// pwForm: a password form made for a user (pwforms.go).
	pwForm *passwordForm
	// items: the values of the extra positional arguments *args holds
	// (unroll.go), or of a collection of known values (vItems, items.go).
	items []*value
	// literal: a list or tuple literal of plain names and constants that a
	// function of the service returns as it is (get_owner_objects,
	// wger's manager/api/views.py:449-453), and literalFile the file it is
	// written in: a loop over it is walked once per element (unroll.go).
	literal     *facts.Expr
	literalFile *facts.File
	// node: what a vNodeType value is beyond its model (graphql_nodes.go).
	node *nodeTypeValue
	// elems: the values of the names a helper returns as a tuple
	// (return email_update_record, token), for a caller that unpacks
	// them (tuple_returns.go).
	elems []*value
	// retUnder: the conditions the helper returned this tuple under
	// (alwaysTrue at its top level), nil when unknown; retParts: the
	// tuples of the returns a merge of several stands for
	// (tuple_returns.go's mergeTuples).
	retUnder allium.Expr
	retParts []*value
	// schema: the object schema call a vPlumbing value was built by
	// (z.object({...}), object_schemas.go).
	schema *facts.Expr
	// schemaFile: the file schema was built in.
	schemaFile *facts.File
	// oneOf: the name of whichever of these inputs the request has
	// (mutation_inputs.go).
	oneOf []string
	// pending: vNew: rows put in its collections before it was stored
	// (collection_appends.go).
	pending []pendingChild
	// filter: the alternatives of a vFilter.
	filter *rowFilter
	// from: the expression an entry loop read the value from, an entry of
	// an object literal a caller handed in, and where it is read
	// (entry_loops.go).
	from *dictPart
	// src: vUnknown: the sum or difference a local was assigned that the
	// walk could not read (Math.floor(Date.now() / 1000) + 60 * 15), for a
	// reader of its shape (lifetimeAfterNow).
	src *facts.Expr
	// foundBy: vEntity: the query of the lookup a let bound it from
	// (keyed_lookups.go reads whether all of it was read).
	foundBy *query
	// declared: vReqDict: a GraphQL mutation's **kwargs, the argument
	// names its argument classes declare (mutation_arguments.go), or a
	// view's **kwargs a schema decorator fills, the fields the schema
	// loads (schema_kwargs.go); nil when it declares none.
	declared map[string]bool
	// spreadKeys: vNew: the columns a spread of the request's input into
	// the constructor may set, when the input's keys are declared
	// (User(username, email, **kwargs) with @use_kwargs(user_schema)):
	// the other columns keep their defaults (spread_keys.go).
	spreadKeys map[string]bool
	// class: vObject: the class itself, not an instance (cls in a method
	// called on the class); calling it makes an instance of repo
	// (alt_constructors.go).
	class bool
	// recvClass: vPlumbing: the class whose handler method this receiver
	// (cls, self) is the receiver of, so that a helper it is handed to
	// (get_checkout(cls, ...) calling mutation_class.get_node_or_error)
	// runs that class's methods (handed_receivers.go).
	recvClass *facts.Class
}

// query is a filtered query over one entity.
type query struct {
	ent   string
	conds []qcond
	bad   int // conditions that could not be translated
	// scoped counts conditions that relate the instance to a context
	// value the spec cannot name (cls.org == current_org): tenant
	// scoping. A lookup of one row by it is left out (bindLookup): the
	// join without the scope would find rows the code never reaches.
	scoped int
	// fkOwner/fkField: the query is a relationship (user.sessions).
	via allium.Expr
	// rel is the relationship via reads, when it is one.
	rel *allium.Relationship
	// action is "delete" for a delete(Model) statement.
	action string
	// counts are annotations of the query (n=Count("rel")): the alias
	// and the relationship it counts.
	counts map[string]string
	// required: the lookup ends the request when no row matches.
	required bool
	// orAbort: a shortcut that answers 404 when no row matches
	// (get_object_or_404(Member, ...)), stated as required where it runs
	// under a branch's conditions (branchRequiredLookup).
	orAbort bool
	// mustExist: a service's global-id lookup helper that raises when
	// no row is found (global_node_helpers.go): the row the request names
	// must exist, stated where it is bound as the trigger's row.
	mustExist bool
	// anyOf: the row whose field, one of these, equals anyVal
	// (or_(User.username == x, User.email == x)); query.go's orFilter.
	anyOf  []string
	anyVal allium.Expr
	// path: the field a where(path) named, waiting for its comparison
	// (catalog path_comparisons).
	path string
	// alts: the rows match also one of these (a filter given Q objects
	// or'ed under conditions, filter_objects.go); counted in bad too,
	// since conds alone would say more rows match.
	alts []qalt
	// one: an update of only the first row the filter matches (catalog
	// one_row_updates).
	one bool
	// column: the one column the query selects (session.query(Email.user_id)),
	// which a row found gives at index 0.
	column string
	// flat: the query yields column's values, not rows (Django's
	// values_list("project_id", flat=True)): a loop over it binds its
	// variable to each row's column, and no lookup of it is a row.
	flat bool
}

// qcond is one filter condition: field op value.
type qcond struct {
	field string
	op    string
	val   allium.Expr // nil for a unary test (field is true)
	// path follows field through relationships (user__last_login:
	// field user, path last_login; a Count annotation: path count).
	path []string
	// orNull: the condition also holds when the field is null (Django's
	// exclude keeps the rows whose field is null).
	orNull bool
	// noRelated: the condition also holds when the related row path
	// follows field to is absent (Django's exclude(workspace__trashed=
	// True) keeps the rows with no workspace, a nullable foreign key).
	noRelated bool
	// many: field is a relationship to many rows, and the condition
	// holds when any of them passes the test of path[0].
	many bool
	// fold: the field is compared without regard to case (Django's
	// iexact): lower(field) = lower(value), which no join states; an
	// existence check says so (foldedRowsExist), a lookup binding the
	// row keeps the join, for want of a form that says it.
	fold bool
	// member: a many condition through the reverse side of another
	// model's foreign key that names a row (member__user=user): the row
	// has a related row of member.ent whose member.key is it and whose
	// path[0] is val (member_rows.go).
	member *memberSide
}

func exprValue(e allium.Expr) *value { return &value{kind: vExpr, expr: e} }

var unknownValue = &value{kind: vUnknown}

// leftOutRow is the value of a local whose lookup was left out (a note
// says so): a row the walk could not find. It reads as unknownValue does,
// except that its key is no input of the request (its .id is an
// unreadRowKey), so a lookup by that key does not make the row a
// parameter of the trigger: medusa's ResetPassword finds user by an
// address the walk cannot read (services/user.ts:213-230, from
// reset-password.ts:115-120) and then looks it up again by user.id
// (setPassword_, user.ts:380); the row is none the caller names.
var leftOutRow = &value{kind: vUnknown}

// unreadValue reports the walk's unknown value or a left-out row.
func unreadValue(v *value) bool {
	return v == unknownValue || v == leftOutRow || v.kind == vUnknown && v.presentWhen != nil
}
