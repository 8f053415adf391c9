package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/distill/distill/configs"
)

// InheritedRelation is a foreign key a framework base class gives a
// model. To names the model it points to: a user-model reference, a model
// of the service, or a framework base class whose subclass in the service
// is the target. RelatedName names the reverse side (empty: Django's
// default, declared only where a rule uses it).
type InheritedRelation struct {
	To          string `yaml:"to"`
	OneToOne    bool   `yaml:"one_to_one"`
	RelatedName string `yaml:"related_name"`
}

// Catalog is a loaded pattern catalog. It is read-only after loading and
// safe for concurrent use.
type Catalog struct {
	Version   int                  `yaml:"version"`
	Languages map[string]*Language `yaml:"languages"`

	digest string
}

// Language holds the patterns of one programming language. Every list is
// of dotted names matched by their last segments (see the package comment).
type Language struct {
	ModelBases []string `yaml:"model_bases"`
	// KeySideMarkers map a relation decorator of foreign_key_calls to the
	// decorator that marks the side holding the key; a field under the
	// relation without the marker is the other side, a reverse
	// relationship to one row (TypeORM's @OneToOne and @JoinColumn).
	KeySideMarkers map[string]string `yaml:"key_side_markers"`
	// ModelDecorators mark a class as a persisted model (TypeORM's
	// @Entity()); its fields' column decorators (column_calls,
	// foreign_key_calls, relationship_calls) declare its columns.
	ModelDecorators []string `yaml:"model_decorators"`
	// ModelTableOptions are the keys of a model decorator's options
	// object that name the model's table (TypeORM's @Entity({name:
	// 'users'})); a text first argument names it too (@Entity('users')).
	ModelTableOptions    []string `yaml:"model_table_options"`
	DeclarativeBaseCalls []string `yaml:"declarative_base_calls"`
	// DeclarativeBaseDecorators make the class they decorate a
	// declarative base (SQLAlchemy's @as_declarative() class Base): its
	// subclasses are models, it is none itself.
	DeclarativeBaseDecorators []string `yaml:"declarative_base_decorators"`
	// RegistryModelClasses map a keyword of a model registry's
	// constructor to the registry's attribute that becomes the class
	// given there (`db = SQLAlchemy(model_class=CRUDMixin)`: `db.Model`
	// is CRUDMixin, whose methods every model has).
	RegistryModelClasses map[string]string `yaml:"registry_model_classes"`
	// SchemaKwargsDecorators hand a view the fields of the request schema
	// they are given as keyword arguments (flask-apispec's and webargs'
	// @use_kwargs(user_schema)): the view's **kwargs holds them.
	SchemaKwargsDecorators []string `yaml:"schema_kwargs_decorators"`
	TableKeyword           string   `yaml:"table_keyword"`
	TableBases             []string `yaml:"table_bases"`
	// ValidatingConstructors build a model or request shape from another
	// object by its fields (SQLModel's User.model_validate(user_in,
	// update={"hashed_password": h})): the same as the class called with
	// the object spread and the UpdateKeyword's dict entries as keywords.
	ValidatingConstructors []string `yaml:"validating_constructors"`
	UpdateKeyword          string   `yaml:"update_keyword"`
	// RowUpdates are a row's methods that set its fields from a dict, the
	// UpdateKeyword's dict on top (SQLModel's db_user.sqlmodel_update(
	// user_data, update=extra_data)).
	RowUpdates []string `yaml:"row_updates"`
	// AssignCalls copy the keys of their later arguments onto their first
	// (Object.assign(account, params)): given a row, an update of it.
	AssignCalls []string `yaml:"assign_calls"`
	EnumBases   []string `yaml:"enum_bases"`
	// ExceptionBases are the language's root exception classes: a class
	// of the service deriving from one is an error the code may build
	// and answer with instead of raising (reportsError).
	ExceptionBases      []string `yaml:"exception_bases"`
	DataclassDecorators []string `yaml:"dataclass_decorators"`
	RequestBases        []string `yaml:"request_bases"`
	SettingsBases       []string `yaml:"settings_bases"`
	ColumnCalls         []string `yaml:"column_calls"`
	ForeignKeyCalls     []string `yaml:"foreign_key_calls"`
	// CascadeDeletes name a foreign key's option and the values of it
	// that delete the row with the row it refers to (Prisma's
	// @relation(..., onDelete: Cascade)).
	CascadeDeletes    map[string][]string `yaml:"cascade_deletes"`
	ManyToManyCalls   []string            `yaml:"many_to_many_calls"`
	RelationshipCalls []string            `yaml:"relationship_calls"`
	Types             map[string][]string `yaml:"types"`
	// ArrayTypes are column types that hold many values of the type
	// they are given (PostgreSQL's ARRAY(String)): a Set of that type.
	ArrayTypes []string `yaml:"array_types"`
	// ArgumentRunners are calls that run the calls they are given, in
	// order, as statements of the caller (Promise.all([...]), Prisma's
	// $transaction([...])).
	ArgumentRunners []string `yaml:"argument_runners"`
	// KeyColumnArgs are the keywords of a foreign-key call that list the
	// model's own columns holding the key (Prisma's @relation(fields:
	// [userId])): a value written to one is the relation's.
	KeyColumnArgs   []string `yaml:"key_column_args"`
	RouteDecorators []string `yaml:"route_decorators"`
	// RouterMounts are the calls that mount a router of another module
	// on the application's (FastAPI's api_router.include_router(
	// private.router)): one made inside a module-level if serves that
	// router's routes only when the condition holds.
	RouterMounts []string `yaml:"router_mounts"`
	// RouterFactories make a router or an app whose `dependencies=[...]`
	// every route on it runs before its handler (FastAPI's
	// APIRouter(dependencies=...) and FastAPI(dependencies=...)); a
	// router mounted on one (a RouterMounts call, which may list
	// dependencies of its own) runs them too.
	RouterFactories []string `yaml:"router_factories"`
	// RouteTables are routes registered by one call given the route as an
	// object (Fastify's f.route({method, url, onRequest, handler})): see
	// RouteTable.
	RouteTables *RouteTable `yaml:"route_tables"`
	// FileRoutes are handlers that the path of their module routes
	// (Next.js): see FileRoute.
	FileRoutes []FileRoute `yaml:"file_routes"`
	ViewBases  []string    `yaml:"view_bases"`
	// ViewsetActions are decorators that route a viewset's extra actions
	// (DRF's action, list_route, detail_route): a class with a method so
	// decorated is a view.
	ViewsetActions []string `yaml:"viewset_actions"`
	// ControllerDecorators mark a class whose methods carrying a route
	// decorator are handlers (NestJS's @Controller('auth') with @Post()).
	ControllerDecorators []string `yaml:"controller_decorators"`
	ViewMethods          []string `yaml:"view_methods"`
	// ViewDispatch are methods of a class-based view that run before its
	// handler and hand over to it by calling the base's method
	// (Django's dispatch): their guards are the handler's preconditions.
	ViewDispatch []string `yaml:"view_dispatch"`
	// ViewURLKwargs are attributes of a class-based view that hold the
	// keywords its URL pattern captured (Django's self.kwargs): read by
	// key, the request's inputs.
	ViewURLKwargs []string `yaml:"view_url_kwargs"`
	ViewModules   []string `yaml:"view_modules"`
	MutationBases []string `yaml:"mutation_bases"`
	UserBases     []string `yaml:"user_bases"`
	// InheritedFields lists, per framework base class, the fields a model
	// gets from it without declaring them, with their domain types ("?"
	// marks an optional one). They are kept only where a rule uses them.
	InheritedFields map[string]map[string]string `yaml:"inherited_fields"`
	// InheritedUnique lists, per framework base class, those of its
	// InheritedFields it declares unique (Django's AbstractUser.username),
	// which model validation refuses to duplicate as it does a unique
	// field the model declares itself.
	InheritedUnique map[string][]string `yaml:"inherited_unique"`
	// UniqueKeys reads the keys over several columns a model declares
	// unique (Django's Meta.constraints and unique_together,
	// SQLAlchemy's __table_args__): see UniqueKeys. nil: none is read.
	UniqueKeys *UniqueKeys `yaml:"unique_keys"`
	// InheritedRelations lists, per framework base class, the foreign
	// keys it gives a model (django-organizations adds them through a
	// metaclass): field name -> the relation.
	InheritedRelations map[string]map[string]InheritedRelation `yaml:"inherited_relations"`
	// FrameworkModels maps a model the framework defines (imported, not
	// declared: django.contrib.auth.models.User) to the base of
	// InheritedFields whose fields it has.
	FrameworkModels map[string]string `yaml:"framework_models"`
	// SwappableUser is the model of signed-in users that a reusable app
	// works on without declaring it (Django's settings.AUTH_USER_MODEL,
	// get_user_model()): the project picks it, so only its base's
	// contract is known. nil when the language has none.
	SwappableUser *SwappableUser `yaml:"swappable_user"`
	// FrameworkMethods are methods of a framework model base that set its
	// fields (django-graphql-jwt's RefreshToken.revoke sets revoked to
	// the clock): base -> method -> field -> value, where the value "now"
	// is the clock and "true"/"false" are those literals.
	FrameworkMethods map[string]map[string]map[string]string `yaml:"framework_methods"`
	// FrameworkManagers are methods of a framework model's manager
	// (Model.objects.<method>(...)) that add a row: base -> method ->
	// what it does.
	FrameworkManagers map[string]map[string]ManagerMethod `yaml:"framework_managers"`
	// FrameworkMails are methods of a framework model that send an e-mail
	// to the address a field of the row holds (allauth's
	// EmailAddress.send_confirmation): base -> method -> what it sends.
	FrameworkMails map[string]map[string]MailMethod `yaml:"framework_mails"`
	// InstalledApps are the settings that list the framework apps a
	// service runs (Django's INSTALLED_APPS): a framework model of an app
	// listed there is declared though the service never imports it (it
	// reaches the model through a relation: user.refresh_tokens).
	InstalledApps InstalledApps `yaml:"installed_apps"`
	// Inheritance names how a model's class body maps single-table
	// inheritance: which column tells the classes' rows apart and the
	// value each class's rows carry in it.
	Inheritance     Inheritance `yaml:"inheritance"`
	ValidationCalls []string    `yaml:"validation_calls"`
	// ValidatedCopies are methods of a schema that give back the value
	// they are given once it is valid (zod's schema.parse(json)).
	ValidatedCopies []string `yaml:"validated_copies"`
	// ShapeFactories are static methods that build a request shape (a
	// class whose fields carry validation) from an object of its fields,
	// inherited from a base the service's files may not hold
	// (Command.create({email: body.email}) in NestJS use cases).
	ShapeFactories []string `yaml:"shape_factories"`
	// ValidationChains are checks of one input built as a chain and run
	// on the request (express-validator): see ValidationChains.
	ValidationChains *ValidationChains `yaml:"validation_chains"`
	ObjectSchemas    *ObjectSchemas    `yaml:"object_schemas"`
	AppFactories     []string          `yaml:"app_factories"`
	ConfigGetters    []string          `yaml:"config_getters"`
	// ConfigNamespaces are calls that name a section of the application's
	// config object and give the factory of its entries (NestJS's
	// registerAs('jwt', () => ({...}))).
	ConfigNamespaces []string `yaml:"config_namespaces"`
	// ConfigMounts are key prefixes under which the framework mounts the
	// service's own config object, "*" standing for one segment of the key
	// (Strapi keeps a plugin's config at plugin.<name>, so
	// strapi.config.get('plugin.users-permissions.jwt') is the section jwt
	// of what the plugin's config.js default-exports).
	ConfigMounts      []string `yaml:"config_mounts"`
	ValidatorPrefixes []string `yaml:"validator_prefixes"`
	// RequiredChecks are form fields that validation accepts only when
	// checked: a field built by one of Fields with one of Validators in
	// its validators list (WTForms BooleanField(validators=[DataRequired()])).
	RequiredChecks    RequiredChecks `yaml:"required_checks"`
	AuthenticateCalls []string       `yaml:"authenticate_calls"`
	// AuthenticateContext are keyword arguments of those calls that are
	// no credentials (Django's authenticate(request=..., **credentials)).
	AuthenticateContext []string `yaml:"authenticate_context"`
	ShapeValidators     []string `yaml:"shape_validators"`
	// ShapeConstraints map a field decorator with one argument to the
	// constraint keyword it stands for (class-validator's @MinLength(8):
	// min_length; the others max_length, ge, le); "email" marks one that
	// checks the field is an email address, whatever its arguments
	// (@IsEmail()).
	ShapeConstraints map[string]string `yaml:"shape_constraints"`
	// ListedBounds are validators a form field lists (WTForms'
	// validators=[Length(max=50)]) that bound its input: each argument
	// (a keyword, or a position as "#0") is the shape constraint keyword
	// of ShapeConstraints' kind it gives (max: max_length).
	ListedBounds []ListedBound `yaml:"listed_bounds"`
	// ListedChecks are validators a form field lists that state a check
	// other than a bound: that the input equals another field's
	// (WTForms' EqualTo("new_password")), or a named predicate of the
	// input (warehouse's PasswordStrengthValidator: is_strong(p)).
	ListedChecks []ListedCheck `yaml:"listed_checks"`
	// BoundQualifiers are words that open an input's name to say which of
	// several values of one kind it holds (old_password, new_password):
	// the config parameter a bound on it is named after leaves them out,
	// so the bounds on one kind share their name (min_password_length)
	// and, with one value, are one parameter.
	BoundQualifiers []string      `yaml:"bound_qualifiers"`
	Sessions        *Sessions     `yaml:"sessions"`
	SignedTokens    *SignedTokens `yaml:"signed_tokens"`
	// Hooks are plugin hooks (pluggy): a call through a hook relay
	// (pm.hook.<name>(...)) runs the service's implementations of that
	// hook, see Hooks.
	Hooks         *Hooks        `yaml:"hooks"`
	Repositories  *Repositories `yaml:"repositories"`
	UserModelRefs []string      `yaml:"user_model_refs"`
	// SelfModelRefs name, as a relation's target, the model that declares
	// the relation (Django's ForeignKey("self")).
	SelfModelRefs []string `yaml:"self_model_refs"`
	// TransientAttrPrefixes start the names of attributes a model
	// instance keeps in memory only (Python's _private memos): an
	// assignment to one the model does not declare changes no state.
	TransientAttrPrefixes []string `yaml:"transient_attr_prefixes"`
	// AddingFlags are attribute paths of a model instance that hold while
	// the row is being added, not yet stored (Django's _state.adding).
	AddingFlags []string `yaml:"adding_flags"`
	// EntityNameSuffixes end model class names without naming what the
	// model holds (RecipeModel, UserEntity): a variable naming the row
	// names the word before them (recipe).
	EntityNameSuffixes []string `yaml:"entity_name_suffixes"`
	MutationMethods    []string `yaml:"mutation_methods"`
	// EntryMethods run a command or use-case object (execute, handle):
	// they name no message the object sends.
	EntryMethods      []string `yaml:"entry_methods"`
	DependencyMarkers []string `yaml:"dependency_markers"`
	RequestBodyCalls  []string `yaml:"request_body_calls"`
	// RequestDecorators mark a handler parameter the framework fills
	// with the request object itself (NestJS's @Req() { body, user }),
	// whatever its name: it reads as a parameter among RequestParams.
	RequestDecorators []string `yaml:"request_decorators"`
	RequestForms      []string `yaml:"request_forms"`
	Auth              *Auth    `yaml:"auth"`
	// AuthStrategies are the authentication strategies a middleware runs
	// by name (Passport): see AuthStrategies. nil or empty for none.
	AuthStrategies *AuthStrategies `yaml:"auth_strategies"`
	TaskDecorators []string        `yaml:"task_decorators"`
	// ScheduleCalls register a function with a scheduler at module level
	// (APScheduler's add_job(fn), node-cron's cron.schedule(expr, fn)):
	// call -> the position of the function among its arguments, -1 for
	// the last. The function runs as a job.
	ScheduleCalls map[string]int `yaml:"schedule_calls"`
	// FilterOperators map the comparison words of a query filter to the
	// operator they stand for ("=", "!=", "<", "<=", ">", ">=", "in"):
	// Django's field__lt=v suffix, Mongo's {field: {$lt: v}}, Prisma's
	// {field: {lt: v}} and TypeORM's {field: LessThan(v)}.
	FilterOperators map[string]string `yaml:"filter_operators"`
	// PresenceOperators are the filter words that test whether a field
	// holds a value: Mongo's {field: {$exists: true}} picks the rows whose
	// field is set (field != null), {$exists: false} those whose field is
	// not (field = null). Only a literal true or false reads.
	PresenceOperators []string `yaml:"presence_operators"`

	// UnsetPrefixes mark a field that holds no usable value: a filter
	// field__startswith=<one of these> picks the rows whose field is unset
	// (Django's UNUSABLE_PASSWORD_PREFIX: a user with no password), read
	// as field = null (and so, excluded, as field != null).
	UnsetPrefixes []string `yaml:"unset_prefixes"`

	CommandBases []string `yaml:"command_bases"`
	ClockCalls   []string `yaml:"clock_calls"`
	// TimeShifts move a time by a number of a unit, by call name: date-fns's
	// addMinutes(date, 30) is date + 30.minutes. The unit is one of
	// seconds, minutes, hours, days, weeks; a leading "-" moves it back
	// (subDays(date, 7) is date - 7.days).
	TimeShifts map[string]string `yaml:"time_shifts"`
	// DateSetters move a time in place by a unit, by method name: with d
	// a time, d.setHours(d.getHours() + n) makes d n hours later. The
	// unit is one of ms, seconds, minutes, hours, days; the getter is the
	// setter's name with get for set.
	DateSetters map[string]string `yaml:"date_setters"`
	// TimeComparisons compare their two times, by call name: date-fns's
	// isBefore(a, b) is a < b. The value is the operator.
	TimeComparisons map[string]string `yaml:"time_comparisons"`
	DateCalls       []string          `yaml:"date_calls"`
	HashCalls       []string          `yaml:"hash_calls"`
	// HashChains are digests built in steps: see HashChain.
	HashChains *HashChain `yaml:"hash_chains"`
	// EmailChecks answer whether a text is a well-formed email address:
	// written is_valid_email(x), even when the service defines them.
	EmailChecks []string `yaml:"email_checks"`
	// EmailAsserts fail on a malformed email address and give back the
	// address they were given (Medusa's validateEmail): the rule requires
	// is_valid_email(x), and the call's value is x.
	EmailAsserts []string `yaml:"email_asserts"`
	// NamedChecks are calls of services the code holds but the spec does
	// not describe whose answer is a named predicate of their argument
	// (warehouse's breach_service.check_password(p) is is_breached(p)),
	// or, with Asserts, that raise unless it holds (a captcha service's
	// verify_response(r)): the rule requires the predicate.
	NamedChecks   []NamedCheck `yaml:"named_checks"`
	VerifyCalls   []string     `yaml:"verify_calls"`
	LookupMethods []string     `yaml:"lookup_methods"`
	// CountMethods count the rows a query's filter matches, beyond a
	// query's count() (Mongoose's Model.countDocuments({})).
	CountMethods []string `yaml:"count_methods"`
	// RequiredLookups are lookup methods that end the request when no row
	// matches (Flask-SQLAlchemy's first_or_404): the rule requires the row.
	RequiredLookups []string `yaml:"required_lookups"`
	// SingletonLookups are lookup methods that, called with no filter on
	// a model's whole table, answer its one row and raise unless there is
	// exactly one (Django's Settings.objects.get()): the row is a given
	// instance of the spec (given { settings: Settings }), not a lookup.
	SingletonLookups []string `yaml:"singleton_lookups"`
	QueryMethods     []string `yaml:"query_methods"`
	PersistCalls     []string `yaml:"persist_calls"`
	// SessionRowCalls are the persist calls of the ORM's session that
	// take the row they write (session.add(row)): handed a row of the
	// spec's, such a call is the session's, not a method of the same
	// name that one class of the service defines.
	SessionRowCalls []string `yaml:"session_row_calls"`

	// UpdateStamps are the columns the ORM sets to the clock each time it
	// writes a change to the row (SQLAlchemy's onupdate=func.now(),
	// Django's auto_now=True).
	UpdateStamps UpdateStamps `yaml:"update_stamps"`

	CreateMethods []string `yaml:"create_methods"`
	DeleteCalls   []string `yaml:"delete_calls"`
	UpdateMethods []string `yaml:"update_methods"`
	// OneRowUpdates are the UpdateMethods that change only the first row
	// their filter matches (Mongoose's findOneAndUpdate, updateOne): given
	// the filter of a row the rule has found, they change that row.
	OneRowUpdates []string `yaml:"one_row_updates"`
	AbortCalls    []string `yaml:"abort_calls"`
	Sinks         []Sink   `yaml:"sinks"`
	// EventListeners are method decorators whose first argument names an
	// event the method handles (NestJS's @OnEvent(EventNameEnum.SEND_EMAIL)):
	// an event the service emits on a bus (a sink of no recipient) and one
	// of its methods listens to is that method run on the payload, so the
	// message it sends is what the emit states.
	EventListeners []string `yaml:"event_listeners"`
	// SeparateFetches are the managers whose lookups load a row into an
	// object of its own (Django's objects: no identity map), so a copy
	// fetched before another object changes the row keeps what it read.
	SeparateFetches []string `yaml:"separate_fetches"`
	// SenderDecorators are decorator factories that make a function of
	// the service send a message (warehouse's @_email("password-reset")):
	// the function's body only builds what the message says.
	SenderDecorators []SenderDecorator `yaml:"sender_decorators"`
	// OpaqueSenders tells a function of the service that sends mail by a
	// route the walk cannot follow (a job queue of code not vendored):
	// polar's enqueue_email_template(email, *, to_email_addr, subject)
	// hands the message to enqueue_job (email/sender.py:182-209).
	OpaqueSenders   OpaqueSenders `yaml:"opaque_senders"`
	MessageBuilders []string      `yaml:"message_builders"`
	RenderCalls     []string      `yaml:"render_calls"`
	// TemplateFiles are message templates read from a file and compiled
	// (fs.readFileSync(path.join(__dirname, `/templates/${input.template}.handlebars`))
	// then handlebars.compile(source)): the file names the template.
	TemplateFiles TemplateFiles `yaml:"template_files"`
	// ContentRenders are calls that render a message from content a
	// function of the service built (Mailgen's generate(content)).
	ContentRenders ContentRenders `yaml:"content_renders"`
	PlumbingCalls  []string       `yaml:"plumbing_calls"`
	// PlumbingNames are module-level objects that are infrastructure
	// whatever is called on them (db, session, logger, cache).
	PlumbingNames []string `yaml:"plumbing_names"`
	// LoggerNames are the names a logger is kept under (self.logger =
	// get_logger(), const logger = pino()): a value so named is plumbing and
	// what makes it is not read, for a logger's making configures
	// logging, which says nothing of what the service does (read, it
	// inlines the logging set-up into every handler whose service keeps
	// a logger, with a note for each of its branches). "log" is not one:
	// it as often holds a row of an audit log.
	LoggerNames []string `yaml:"logger_names"`
	// SentResponses are the names of the response object a handler
	// answers through as a side effect (Express's res, Fastify's reply):
	// an error status sent through it from a helper has refused the
	// request, whatever the helper's caller does next.
	SentResponses []string `yaml:"sent_responses"`
	// RequestAttrs are the request object's attributes that hold its
	// input, read by key (request.json, request.form, request.args).
	RequestAttrs []string `yaml:"request_attrs"`
	// RequestSettings are the request object's attributes that hold the
	// service's settings object (Parse Server's req.config): its
	// attributes are the settings.
	RequestSettings []string `yaml:"request_settings"`
	// SettingsCalls are calls that give the service's settings object
	// (Parse Server's Config.get(appId)): its attributes are the settings.
	SettingsCalls []string `yaml:"settings_calls"`
	// RequestParams are the names a handler's parameter holding the
	// request goes by (request, req).
	RequestParams []string `yaml:"request_params"`
	// PlumbingTypes are the types a handler's parameter annotated with is
	// plumbing the framework hands it (the request object, a database
	// session, a response), no input of the request.
	PlumbingTypes []string `yaml:"plumbing_types"`
	// RequestContexts describe a handler's parameter that holds the
	// request among other things (Koa's ctx): see RequestContext.
	RequestContexts *RequestContext `yaml:"request_contexts"`
	// ServiceLocators are calls given a service's name that answer the
	// object the module of that name exports (Strapi's getService('user'):
	// the object services/user.js's factory returns): see ServiceLocator.
	ServiceLocators []ServiceLocator `yaml:"service_locators"`
	// SettingsStores are stores of settings an administrator edits at run
	// time (Strapi's plugin store): see SettingsStore.
	SettingsStores *SettingsStore `yaml:"settings_stores"`
	// QueryListings run the query they are given (Python's list(q)):
	// the rows it finds, as the query reads them.
	QueryListings []string `yaml:"query_listings"`
	// TransparentCalls give back their receiver or argument in another
	// form (x.strip(), x.lower(), str(x)): the spec reads through them.
	TransparentCalls []string `yaml:"transparent_calls"`
	// UnnamedModelClasses are attributes that hold a model class the walk
	// cannot name (Django's Model._meta.model, which a generic base's
	// cls._meta.model() instantiates): called with nothing, one makes a
	// new row, and that row's key is no input of the request.
	UnnamedModelClasses []string `yaml:"unnamed_model_classes"`
	// TruthCasts turn a value into its truth (Python's bool(user)): a
	// local given one holds whether the row exists, not a row to name.
	TruthCasts []string `yaml:"truth_casts"`
	// EarliestTimes are the earliest time a language's clock can hold
	// (Python's datetime.min): code puts one in place of an unset time so
	// that an ordering comparison of it holds as if unset were earliest.
	EarliestTimes []string `yaml:"earliest_times"`
	// TransparentArgs give back one of their arguments, by position
	// (negative from the end), in another form: class-transformer's
	// plainToInstance(UserEntity, data) is data as an instance of the class.
	TransparentArgs map[string]int `yaml:"transparent_args"`
	// GraphQLNodes say how a GraphQL service finds a row by the global id
	// of its node (graphene's relay Node); nil where none does.
	GraphQLNodes *GraphQLNodes `yaml:"graphql_nodes"`
	// KeyProjections give back a dict with only the named keys of their
	// first argument (funcy's project): a projection of the request's
	// input is still the request's input.
	KeyProjections []string `yaml:"key_projections"`
	// KeyOmissions give back a dict without the named keys of their first
	// argument (lodash's omit): the complement of KeyProjections.
	KeyOmissions []string `yaml:"key_omissions"`
	// PathGetters read a nested value of their first argument by a dotted
	// path, their second (lodash's get(settings, 'reset_password.options',
	// {})): the same as reading the path's attributes one after another.
	PathGetters []string `yaml:"path_getters"`
	// OrFilterKeys are filter keys whose value lists alternative filters,
	// any of which a row may match ({$or: [{email}, {username}]}).
	OrFilterKeys []string `yaml:"or_filter_keys"`
	// ObjectDefaults fill the keys their first argument lacks from the
	// objects after it, in place (lodash's defaults(options, fromConfig)).
	ObjectDefaults []string `yaml:"object_defaults"`
	// InstanceLookups are calls of a dependency-injection container given
	// a class that answer its instance (typedi's Container.get(AuthService)):
	// a field holding one is that class's instance, as a field holding
	// `new AuthService()` is.
	InstanceLookups []string `yaml:"instance_lookups"`
	// Quantifiers test a condition of the elements of a collection, the
	// call's name -> "any" or "all": Python's any(...) and all(...) given
	// a comprehension (any(c.isdigit() for c in v)), TypeScript's
	// xs.some(x => ...) and xs.every(x => ...) given a function of one
	// parameter. The spec writes xs.any(x => ...) and xs.all(x => ...).
	Quantifiers map[string]string `yaml:"quantifiers"`
	// CharTests are a string's methods that test whether its characters
	// are of a class (Python's c.isdigit()): a quantifier of one over the
	// characters of a text is the black-box function named here for it
	// (any(c.isdigit() for c in v) is has_digit(v)); Allium's .any() and
	// .all() are for collections, and a text is none.
	CharTests map[string]CharTest `yaml:"char_tests"`
	// SplitCalls cut a string at a separator: split at "@", an address's
	// second part is its domain (email_domain(x)).
	SplitCalls []string `yaml:"split_calls"`
	// DisposableDomainLists are lists of throwaway email providers' domains
	// (disposable_email_domains.blacklist): a domain in one is
	// is_disposable_domain(address).
	DisposableDomainLists []string `yaml:"disposable_domain_lists"`
	// AbsenceChecks test a helper's result for the failure it may answer
	// instead of a value (fp-ts's E.isLeft(r), O.isNone(r)), as `r is
	// None` does in Python.
	AbsenceChecks []string `yaml:"absence_checks"`
	// FailureFallbacks are promise methods given a callback to run when
	// the promise fails (retrieveByEmail(e).catch(() => undefined)): with
	// a callback that answers nothing, the value is the promise's, absent
	// when it failed; the rule's outcomes that need it still need it.
	FailureFallbacks []string `yaml:"failure_fallbacks"`
	// ModelTypeModules are modules generated from the service's schema
	// (Prisma's client): a type imported from one is the schema's model
	// of the same name, as a class of the service would be.
	ModelTypeModules []string `yaml:"model_type_modules"`
	// AbsentValues are library values a helper returns for "nothing
	// found", as Python returns None (fp-ts's O.none).
	AbsentValues []string `yaml:"absent_values"`
	// HeldValueAttrs are the attributes of a library's result wrapper
	// that hold the value it wraps (fp-ts's O.some(row).value,
	// E.right(row).right): read on a row, which has no field of that
	// name, they are the row itself.
	HeldValueAttrs []string `yaml:"held_value_attrs"`
	// SameRowAttrs are the attributes of a row of a polymorphic model
	// that answer the same row as an instance of its most specific
	// subclass (Wagtail's page.specific, a content-type mixin's
	// specific): read on a row, which has no field of that name, they are
	// the row itself, whose fields and checks the spec can still name.
	SameRowAttrs []string `yaml:"same_row_attrs"`
	// EncodedValueAttrs are the attributes of a stored value's encoded
	// form that hold the value itself (Parse Server's encoded date
	// {__type: 'Date', iso}, read back as new Date(x.iso)): x.iso of a
	// field's value is that value.
	EncodedValueAttrs []string `yaml:"encoded_value_attrs"`
	// RelationConnects are the keys of an ORM's nested write that links
	// a new row to an existing one by its id (Prisma's team: {connect:
	// {id: teamID}}): the relation is that row.
	RelationConnects []string `yaml:"relation_connects"`
	// EnvConfigGetters are ConfigGetters that read the deployment's
	// environment by variable name (NestJS's configService.get(
	// 'INFRA.ACCESS_TOKEN_VALIDITY')): an upper-case key there is a
	// setting the operator gives, and a namespace before its last dot
	// is no part of the setting's name.
	EnvConfigGetters []string `yaml:"env_config_getters"`
	// ConfigObjects are functions, called with no argument, that give
	// back the service's config object, whose attributes are its
	// parameters (netbox's get_config().MAINTENANCE_MODE,
	// config/__init__.py:28-35): a read of one is that parameter.
	ConfigObjects []string `yaml:"config_objects"`
	// ConfigParams are the declarations of such an object's parameters,
	// each with its name and default (netbox's ConfigParam(name=
	// 'MAINTENANCE_MODE', default=False), config/parameters.py:198-204).
	ConfigParams ConfigParams `yaml:"config_params"`
	// RegexTestMethods test a text against the regular expression they
	// are called on (JavaScript's re.test(x)): one whose pattern has an
	// @ checks an email address's format, is_valid_email(x).
	RegexTestMethods []string `yaml:"regex_test_methods"`
	// HashFirstVerifyCalls are verify calls (of VerifyCalls) that take
	// the stored hash first and the presented secret second; the spec
	// writes verify(secret, hash) whatever the library's order.
	HashFirstVerifyCalls []string `yaml:"hash_first_verify_calls"`
	// LowercaseCalls give back their receiver in lower case
	// (email.lower()): the spec reads lowercase(x).
	LowercaseCalls []string `yaml:"lowercase_calls"`
	// QueryPassThrough are query methods that narrow or shape a query
	// without changing which rows it means (order_by, limit, all).
	QueryPassThrough []string `yaml:"query_pass_through"`
	// PathComparisons compare the field a query's where(path) named
	// (Mongoose's where("expires").gt(Date.now())): method -> operator.
	PathComparisons map[string]string `yaml:"path_comparisons"`

	// Django idioms (forms and serializers, managers, query expressions,
	// app settings).
	Shapes *Shapes `yaml:"shapes"`
	// AuthenticateActive are boolean fields of the user an authenticate
	// call also requires to be true (Django's ModelBackend refuses an
	// inactive user).
	AuthenticateActive []string `yaml:"authenticate_active"`
	// AuthenticateActiveChecks are a backend's inherited methods that
	// test a user may sign in, true when the AuthenticateActive flags are
	// (ModelBackend.user_can_authenticate(user): user.is_active).
	AuthenticateActiveChecks []string `yaml:"authenticate_active_checks"`
	// CaseInsensitiveOperators are the FilterOperators words that
	// compare without regard to case (Django's iexact): where the spec
	// can say so, lower(field) = lower(value), not an exact match.
	CaseInsensitiveOperators []string `yaml:"case_insensitive_operators"`
	// FindOrCreateMethods create a row only when none matches their
	// lookup keywords (get_or_create(k=v, defaults={...})).
	FindOrCreateMethods []string `yaml:"find_or_create_methods"`
	// UpdateOrCreateMethods write their defaults to the row their lookup
	// keywords match, or create one with the lookup's fields and the
	// defaults (the create_defaults when given) when none does
	// (update_or_create(k=v, defaults={...}, create_defaults={...})).
	UpdateOrCreateMethods []string `yaml:"update_or_create_methods"`
	// BulkCreateMethods store the rows a query's call is handed and give
	// back those rows (Django's bulk_create): their result is not the
	// model's rows, which a loop over it would otherwise read.
	BulkCreateMethods []string `yaml:"bulk_create_methods"`
	// CollectionAppends add a new row to a relationship's collection of
	// its owner (user.organizations.append(Membership(...))): the row is
	// created with its owner when the owner is stored.
	CollectionAppends []string `yaml:"collection_appends"`
	// CollectionConstructors make an empty collection when called with no
	// argument (Python's set(), list(), dict()): a local bound to one and
	// then filled in place holds what was put in, not the empty value.
	CollectionConstructors []string `yaml:"collection_constructors"`
	// FlatProjections narrow a query's rows to the values of one column
	// when given the column's name and their keyword true (Django's
	// values_list("id", flat=True)), by method: the keyword.
	FlatProjections map[string]string `yaml:"flat_projections"`
	// CollectionRemoves take a row out of a many-to-many set of its
	// owner (profile.follows.remove(other)); CollectionAppends put one in.
	CollectionRemoves []string `yaml:"collection_removes"`
	// CountCalls are aggregates that count a relationship in an
	// annotation (annotate(n=Count("memberships"))); FieldRefCalls name
	// another field of the same row in a filter (F("created")).
	CountCalls    []string `yaml:"count_calls"`
	FieldRefCalls []string `yaml:"field_ref_calls"`
	// RowCountCalls count the rows a select matches
	// (select(func.count(User.id)).filter(...)): the query's number of
	// rows, which compared with zero says whether such a row exists.
	RowCountCalls []string `yaml:"row_count_calls"`
	// ExistsBuilders build a test that a row exists (SQLAlchemy's
	// exists().where(Model.col == x)), matched by the name the import
	// resolves: a query of the model its conditions name, which a
	// session query of it (.scalar()) answers.
	ExistsBuilders []string `yaml:"exists_builders"`
	// SettingsGetters read a setting with a default (Django app settings:
	// X = getattr(settings, "APP_X", 7)); the constant is a config
	// parameter with that default.
	SettingsGetters []string `yaml:"settings_getters"`
	// SettingsDefaulters are the methods of a settings mapping that give
	// a key its value unless one is set (dict.setdefault): a function of
	// the service passing its parameters to one (warehouse's
	// maybe_set(settings, name, envvar, coercer=None, default=None),
	// config.py:242-249) declares, at each call with literals, the
	// setting's default.
	SettingsDefaulters []string `yaml:"settings_defaulters"`
	// NonEmptyInputTypes are the field types of a request shape whose
	// validated value is never empty (pydantic's EmailStr): a required
	// input of one tests true (user_in.email in `settings.emails_enabled
	// and user_in.email`).
	NonEmptyInputTypes []string `yaml:"nonempty_input_types"`
	// EnvSetReaders turn a setting read from the environment, a text of
	// comma-separated items, into a set (redash's
	// set_from_string(os.environ.get("REDASH_BLOCKED_DOMAINS", "qq.com")),
	// settings/__init__.py:471): the default's items are the set's.
	EnvSetReaders []string `yaml:"env_set_readers"`
	// RequestLocals make a module-level proxy to a value of the current
	// request (current_org = LocalProxy(_get_current_org)): a name
	// current_<x> bound to one is the request's <x>, an input of the rule;
	// ProxyUnwraps return the object behind such a proxy.
	RequestLocals []string `yaml:"request_locals"`
	ProxyUnwraps  []string `yaml:"proxy_unwraps"`
	// UniqueChecks validate a new row against the model's unique fields
	// (Django's full_clean): none may exist with the same value.
	UniqueChecks []string `yaml:"unique_checks"`
	// UniqueViolations are the codes a database error carries when a
	// write broke a unique constraint, read from one of CodeAttrs
	// (Prisma's e.code === 'P2002'): a try whose handler refuses the
	// request on one requires that no row has the unique values its
	// body creates a row with.
	UniqueViolations *UniqueViolations `yaml:"unique_violations"`
	// Signals: receivers of the model signal sent after a save
	// (post_save), registered with a decorator (@receiver(post_save,
	// sender=M)) or a connect call (post_save.connect(fn, sender=M)); a
	// receiver that tests its created argument handles the creation of an
	// M. ModelLoaders name a model by string (load_model("app", "M")).
	SavedSignals    []string `yaml:"saved_signals"`
	SignalReceivers []string `yaml:"signal_receivers"`
	ModelLoaders    []string `yaml:"model_loaders"`
	// ClassLoaders load a class of the service by its module's label and
	// its name at import time (django-oscar's get_class("customer.forms",
	// "ProfileForm"), and its get_classes with a list of names): the name
	// bound to the result is that class.
	ClassLoaders []string `yaml:"class_loaders"`
	// ClassViewEntries are the class methods that make a class-based view
	// a view function (Django's View.as_view()): an auth decorator applied
	// to the result (login_required(ProfileView.as_view()) in a URL conf)
	// guards the class's handlers as if it decorated the class.
	ClassViewEntries []string `yaml:"class_view_entries"`
	// Memoizers wrap a function in a cache and return the cached function
	// (functools.lru_cache(self._get_user)): an instance attribute set to
	// one wrapping a method of its class is that method.
	Memoizers []string `yaml:"memoizers"`
	// RandomCalls make a fresh random value (uuid4, token_urlsafe): the
	// spec writes random_key().
	RandomCalls []string `yaml:"random_calls"`
	// TimeTextCalls write a point in time as text (toISOString,
	// strftime, date-fns's format) or cut such text (substring): a
	// function of the service that builds its one parameter's text only
	// with them stores the same instant, and its call reads as its
	// argument (kutt's dateToUTC(addMinutes(new Date(), 30)) is
	// now + 30.minutes). Matched by the call's name or, for a method, the
	// method's name.
	TimeTextCalls []string `yaml:"time_text_calls"`
	// NormaliserCalls return their one argument in a canonical form
	// (BaseUserManager.normalize_email, validator's normalizeEmail): the
	// call's name -> the black-box function the spec writes for it. The
	// value looked up, compared or stored is the normalised one, so the
	// spec never reads the call as its bare argument.
	NormaliserCalls Normalisers `yaml:"normaliser_calls"`
	// RequestFieldModules: a class whose attributes are built by calls
	// into one of these modules (wtforms.StringField(...)) is a request
	// shape, whatever its base (a form base of the service's own that is
	// not in the source set).
	RequestFieldModules []string `yaml:"request_field_modules"`
	// RequestFieldModuleTails: the same for a module outside the source
	// set whose last name is one of these (taiga's own copy of Django
	// REST framework, taiga.base.api.serializers: token =
	// serializers.CharField(...)), a module of the service never.
	RequestFieldModuleTails []string `yaml:"request_field_module_tails"`
	// PropertyDecorators make a method read as an attribute (user.token):
	// reading the attribute runs the method.
	PropertyDecorators []string `yaml:"property_decorators"`
	// ResponseModelKeywords name the route decorator's keyword that gives
	// the response's schema (FastAPI's response_model): a row returned
	// is serialised through it, each of its fields read from the row.
	ResponseModelKeywords []string `yaml:"response_model_keywords"`
	// SettingsDefaults are module dicts that hold a settings object's
	// defaults by name (DRF-style DEFAULTS = {"X": 1} read as
	// app_settings.X): each entry is a config candidate.
	SettingsDefaults []string `yaml:"settings_defaults"`
	// SettingsFixture describes the module constants that describe each
	// setting as a (name, {value: ..., value_type: ...}) pair, nested in
	// groups (FlaskBB's fixtures/settings.py, loaded into the database and
	// read back as flaskbb_config["NAME"]): a dict with all of Keys
	// describes the setting named beside it, whose default is its Keys[0].
	SettingsFixture []string `yaml:"settings_fixture"`
	// SettingsFixtureNumbers are the parsers (the last segment of a
	// described setting's `action` call) that make it a number: one
	// described without a default is unset, which the code's tests read
	// as 0, and its help text may name the unit of a duration.
	SettingsFixtureNumbers []string `yaml:"settings_fixture_numbers"`
	// SettingsValidators are the calls that validate the environment
	// against a spec object of one validator call per setting (envalid's
	// cleanEnv(process.env, {PORT: num({default: 3000})})) and return the
	// settings the module exports: each entry is a config candidate,
	// defaulted by its validator's `default` option; a validator given
	// a JSON schema (env-schema's envSchema({schema: {properties: {X:
	// {default: "15m"}}}})) has a setting per property with a default.
	SettingsValidators []string `yaml:"settings_validators"`
	// ViewDecoratorFields are the class attributes of a class-based view
	// that list decorators applied to each of its methods (Flask's
	// MethodView.decorators).
	ViewDecoratorFields []string `yaml:"view_decorator_fields"`
	// OrFilters are the query filters that match a row when any of their
	// conditions holds (SQLAlchemy's or_).
	OrFilters []string `yaml:"or_filters"`
	// FilterObjects make a query condition as a value, combined with |
	// and handed to a filter later (Django's Q(is_staff=False)).
	FilterObjects []string `yaml:"filter_objects"`
	// FieldNameAttrs are class attributes of a model that name one of its
	// fields (Django's User.EMAIL_FIELD is "email"), by attribute.
	FieldNameAttrs map[string]string `yaml:"field_name_attrs"`
	// AttrCalls read and write an attribute named by a value:
	// getattr(obj, name), setattr(obj, name, value).
	AttrGetCalls []string `yaml:"attr_get_calls"`
	AttrSetCalls []string `yaml:"attr_set_calls"`
	// AttrHasCalls test whether an object has an attribute named by a
	// value: hasattr(obj, name).
	AttrHasCalls []string `yaml:"attr_has_calls"`
	// TableColumns: a model class's table attribute and that table's
	// collections of columns by name (SQLAlchemy's
	// Model.__table__.columns.get(name), Model.__table__.c[name]).
	TableColumns TableColumns `yaml:"table_columns"`
	// TimeCasts convert a time to a number of seconds and keep its
	// meaning (int(time.time())).
	TimeCasts []string `yaml:"time_casts"`
	// TimeMethods are the methods of a point in time that give the same
	// instant in another form (now.replace(tzinfo=None), now.timestamp(),
	// now.date(): the spec's Timestamp stands for dates too), each with
	// the arguments it may be given and keep the instant (keyword names,
	// "#0" for the first positional one): replace(tzinfo=None) keeps it,
	// replace(day=1) does not.
	TimeMethods map[string][]string `yaml:"time_methods"`
	// TimestampReaders read a number of seconds as the time it is
	// (datetime.fromtimestamp(payload["exp"])).
	TimestampReaders []string `yaml:"timestamp_readers"`
	// MutationInputLists are class attributes of a GraphQL mutation that
	// list its input names (django-graphql-auth's _required_args).
	MutationInputLists []string `yaml:"mutation_input_lists"`
	// MutationArgumentClasses are inner classes of a GraphQL mutation (or
	// a base of it) whose fields are its arguments (graphene's class
	// Arguments): the mutation's input holds these keys and no other.
	MutationArgumentClasses []string `yaml:"mutation_argument_classes"`
	// ResolverContextParams are a GraphQL resolver's parameters that the
	// framework passes, not the request's inputs (graphene's root and
	// info, whose info.context is the request).
	ResolverContextParams []string `yaml:"resolver_context_params"`
	// NotFoundErrors are what a lookup of one row raises when there is
	// none (Django's Model.DoesNotExist): `try: x = lookup except ...:
	// return` requires the row to exist, and a handler that looks the row
	// up another way is a fallback lookup (a ?? b).
	NotFoundErrors []string `yaml:"not_found_errors"`
	// CredentialSchemes are classes whose instance, as a dependency,
	// yields the credential the request presents (the bearer token of
	// FastAPI's OAuth2PasswordBearer).
	CredentialSchemes []string `yaml:"credential_schemes"`
	// PasswordForms are framework forms made with a user and the request
	// data whose save() sets the user's password from the named input
	// and returns the user (Django's SetPasswordForm: new_password1).
	PasswordForms map[string]string `yaml:"password_forms"`
	// PasswordFormOldInputs name, per password form that checks the
	// user's current password, the input holding it (Django's
	// PasswordChangeForm.clean_old_password: old_password).
	PasswordFormOldInputs map[string]string `yaml:"password_form_old_inputs"`
	// PasswordFormValidatedInputs name, per password form, the input its
	// validation runs the password validators on when that is not the
	// new password itself (Django's SetPasswordForm validates
	// new_password2 in clean_new_password2).
	PasswordFormValidatedInputs map[string]string `yaml:"password_form_validated_inputs"`
	// PasswordConfirmations name, per new-password input of a password
	// form, the input that must repeat it (new_password1: new_password2).
	PasswordConfirmations map[string]string `yaml:"password_confirmations"`
	// PasswordSetChecks are methods of a user that tell whether it has a
	// password at all (Django's has_usable_password()): exists u.password.
	PasswordSetChecks []string `yaml:"password_set_checks"`
	// PasswordValidators read the framework's configured password
	// validators (Django's AUTH_PASSWORD_VALIDATORS), which a password
	// form's validation runs on the new password.
	PasswordValidators *PasswordValidators `yaml:"password_validators"`
	// Throttles are the rate limits a class-based view declares.
	Throttles *Throttles `yaml:"throttles"`
	// PasswordViews are framework views whose inherited POST changes the
	// signed-in user's password: the view's class -> the inputs it reads.
	PasswordViews map[string]PasswordView `yaml:"password_views"`
	// TokenViews are framework views whose inherited POST signs a user in
	// with the credentials posted and answers with a signed token: the
	// view's class -> the token it issues.
	TokenViews map[string]TokenView `yaml:"token_views"`
	// ResetViews are framework views of a stateless password reset:
	// those whose valid POST mails a reset token to the users an address
	// matches (Django's PasswordResetView), and those whose valid POST
	// sets the password of the user the token names
	// (PasswordResetConfirmView): the view's class -> its form and the
	// token.
	ResetViews map[string]ResetView `yaml:"reset_views"`
	// SessionEndViews are framework views whose POST signs the request's
	// user out, routed as they are or subclassed without a POST of their
	// own: the view's class -> the sign-out call it makes with the
	// request (Django's LogoutView.post: django.contrib.auth.logout).
	SessionEndViews map[string]string `yaml:"session_end_views"`
	// LoginViews are framework views whose valid POST signs in the user
	// their authenticating form finds, routed as they are or subclassed
	// without a POST or form_valid of their own (Django's LoginView).
	LoginViews map[string]LoginView `yaml:"login_views"`
	// ResetTokenChecks are calls that tell whether a reset token (the
	// second argument) is valid for a user (the first): the call -> the
	// reset view whose token it checks (its token entity, hashed fields
	// and lifetime). Django's default_token_generator.check_token.
	ResetTokenChecks map[string]string `yaml:"reset_token_checks"`
	// TokenDecorators are framework decorators that make the method they
	// wrap sign a user in: a call of it authenticates the login field and
	// password given as its keywords and issues a token for that user
	// (graphql_jwt's token_auth): the decorator -> the token it issues.
	TokenDecorators map[string]TokenView `yaml:"token_decorators"`
	// TokenMutations are framework mutation bases whose method runs under
	// one of the TokenDecorators (graphql_jwt's JSONWebTokenMutation.mutate
	// is decorated with token_auth): the call a subclass's mixin makes of
	// it, super().mutate(root, info, **kwargs), signs in with the login
	// and password it hands on. The base -> the method and the decorator.
	TokenMutations map[string]TokenMutation `yaml:"token_mutations"`
	// RefreshTokenMutations are framework mutation bases whose method
	// reads a stored refresh token named by an input (graphql_jwt's
	// long-running refresh tokens) and refreshes or revokes it: the base
	// -> what its method does.
	RefreshTokenMutations map[string]RefreshTokenMutation `yaml:"refresh_token_mutations"`
	// UserRouters are a user-management library's router factories
	// (fastapi-users' FastAPIUsers.get_register_router and kin): the
	// service mounts the router a factory makes (app.include_router(
	// fastapi_users.get_register_router(...))) and the library's routes
	// run the service's user manager's hooks.
	UserRouters *UserRouters `yaml:"user_routers"`
	// ColumnValidators are decorators of a model's method that turns the
	// value given to the named columns into the value stored
	// (SQLAlchemy's @validates("password") returning a hash).
	ColumnValidators []string `yaml:"column_validators"`
	// InsertHooks are decorators of a model's method the ORM runs on a
	// row before its first insert (TypeORM's @BeforeInsert()): a column
	// the method sets to a hash of itself is stored hashed when created.
	InsertHooks []string `yaml:"insert_hooks"`
	// FieldFactories declare a class attribute whose value each instance
	// gets from a factory given by one of FieldFactoryKeywords
	// (attr.ib(factory=make_form), field(default_factory=...)).
	FieldFactories       []string `yaml:"field_factories"`
	FieldFactoryKeywords []string `yaml:"field_factory_keywords"`
	// TokenCacheGets read, and TokenCacheDeletes remove, a token kept in a
	// cache under a key built from it (cache.get(f"reset_password_{nonce}")).
	TokenCacheGets    []string `yaml:"token_cache_gets"`
	TokenCacheDeletes []string `yaml:"token_cache_deletes"`
	// JSONKeyColumns are column calls that keep the field under a key of
	// a JSON column: json_cast_property(type, "details", "key") is read
	// back as row.details.get("key") or row.details["key"].
	JSONKeyColumns []string `yaml:"json_key_columns"`
	// RateLimitDecorators limit how often a client may call the handler
	// they decorate: their first argument is a limit string ("50/hour",
	// "200/day;50/hour"), their methods keyword the HTTP methods limited.
	RateLimitDecorators []string `yaml:"rate_limit_decorators"`
	// RateLimiterRegistrations register a named rate limiter at start-up
	// (warehouse's config.register_rate_limiter(limit_string, "user.login"),
	// accounts/__init__.py:174-210): the first argument is its limit, the
	// second its name, which the code looks the limiter up by through a
	// container injection (request.find_service(IRateLimiter,
	// name="user.login")). The limit is enforced where it is looked up.
	RateLimiterRegistrations []string `yaml:"rate_limiter_registrations"`
	// ClientAddressKeys are the request headers or attributes that hold
	// the client's network address (Django's request.META["REMOTE_ADDR"]):
	// a rate limit keyed by a value read through one of them is per IP.
	ClientAddressKeys []string `yaml:"client_address_keys"`
	// ActionFields are the submitted fields that name the button pressed
	// on a form of several (request.POST.get("action") == "login"): each
	// value tested is an action, a rule of its own.
	ActionFields []string `yaml:"action_fields"`
	// WebhookEvents name the signed events a sender posts to a webhook
	// handler, which dispatches on the event's kind.
	WebhookEvents WebhookEvents `yaml:"webhook_events"`
	// CallbackTriggers are calls given an object whose function entries
	// another library runs on a stimulus of its own (NextAuth's
	// EmailProvider({sendVerificationRequest}), run when someone asks for
	// a sign-in link): each such function is a handler, named after its
	// key, its parameters the inputs.
	CallbackTriggers []CallbackTrigger `yaml:"callback_triggers"`
	// FieldInstanceBases are model bases whose columns are field
	// instances assigned in the class body (Django's models.Model): a bare
	// annotation there (overall_status: str) is no column.
	FieldInstanceBases []string `yaml:"field_instance_bases"`
	// DeclarativeModelBases are model bases whose columns are declared by
	// a column call or by a MappedAnnotations annotation (SQLAlchemy's
	// declarative models, Flask-SQLAlchemy's db.Model); models of a
	// declarative_base() or @as_declarative base are such models too. An
	// attribute annotated otherwise and given no column call there
	// (flask-realworld's token: str = '') is a plain class attribute.
	DeclarativeModelBases []string `yaml:"declarative_model_bases"`
	// MappedAnnotations are the annotation wrappers that make a mapped
	// attribute of a declarative model (SQLAlchemy 2.0's Mapped[T]).
	MappedAnnotations []string `yaml:"mapped_annotations"`
	// EmailFieldTypes are input field classes that hold an email address
	// (forms.EmailField and its subclasses): a bound on the length of such
	// an input is named for the email (max_email_length), whatever the
	// input is called.
	EmailFieldTypes []string `yaml:"email_field_types"`
	// URLRouteCalls route a URL pattern to a view function in a module's
	// urlpatterns list (Django's path and re_path): the pattern's
	// captures (<str:token>, (?P<token>...)) and the extra-keyword dict are
	// the view's URL arguments, and a parameter of the view none of its
	// routes passes holds its default.
	URLRouteCalls []string `yaml:"url_route_calls"`
	// URLIncludeCalls hand a route's URLs on to a list of routes
	// (Django's include(patterns) or include((patterns, "app"))): a list
	// of the module's that a route includes routes as urlpatterns does.
	URLIncludeCalls []string `yaml:"url_include_calls"`
	// URLPatternLists are the module-level lists a framework reads its
	// routes from (Django's urlpatterns); the lists they include are read
	// through URLIncludeCalls.
	URLPatternLists []string `yaml:"url_pattern_lists"`
	// FieldConversions are the methods of a framework's serializer field
	// that convert a raw input value (DRF's to_internal_value): a value
	// returned through one is the input of that field.
	FieldConversions []string `yaml:"field_conversions"`
	// ConfigClassWords mark the classes whose UPPER_CASE attributes are
	// the deployment's settings (Flask's `class Config:`, a
	// `ProductionSettings`): a class whose name contains one.
	ConfigClassWords []string `yaml:"config_class_words"`
	// TestConfigPrefixes mark the config classes the tests run under
	// (CTFd's TestingConfig): their values are a test's, not the
	// deployment's.
	TestConfigPrefixes []string `yaml:"test_config_prefixes"`
	// TokenCacheSets keep a token's value in the cache, for the lifetime
	// (seconds) one of TokenCacheTimeouts gives: in a function that issues
	// a token (generate_password_reset_token) the token is created.
	TokenCacheSets     []string `yaml:"token_cache_sets"`
	TokenCacheTimeouts []string `yaml:"token_cache_timeouts"`
	// ReceiverNames stand for the object a method runs on, the instance's
	// first (Python's self, then cls for the class; TypeScript's this). A
	// method declares its receiver when its first parameter has one of
	// these names; otherwise the receiver is implicit.
	ReceiverNames []string `yaml:"receiver_names"`
	// ConstructorNames name the method that sets up a new instance
	// (Python's __init__, TypeScript's constructor): a service object made
	// by calling its class keeps what that method stores on it.
	ConstructorNames []string `yaml:"constructor_names"`
	// SchemaModels declare models by data rather than by a class.
	SchemaModels *SchemaModels `yaml:"schema_models"`
	// TableSchemas declare tables by a builder callback (knex).
	TableSchemas *TableSchemas `yaml:"table_schemas"`
	// ObjectModels declare models as a plain object a module exports.
	ObjectModels *ObjectModels `yaml:"object_models"`
	// PathAliases are import prefixes that name a path from a source root
	// of the service, set up by the build ("@/lib/db" for src/lib/db.ts):
	// a name imported through one is the service's module of that path.
	PathAliases []string `yaml:"path_aliases"`
	// RootSpecifiers makes a bare import specifier with a directory
	// ("_helpers/db") the service's module of that path when one has it:
	// rootpath, NODE_PATH and a tsconfig baseUrl resolve module paths from
	// the source root, and a package is never named like a file of the
	// service.
	RootSpecifiers bool `yaml:"root_specifiers"`
	// RequestValues are the request's own scalar attributes that are
	// inputs (Express's req.ip), each with the name of the rule's
	// parameter it becomes (ip_address).
	RequestValues map[string]string `yaml:"request_values"`
	// Continuations are callback-passing calls whose callback is where the
	// code goes on (Node's (err, result) => {...}).
	Continuations *Continuations `yaml:"continuations"`
	// EntryLoops are loops over the entries of an object a caller hands
	// in (Object.entries(match).forEach(([key, value]) => ...)), unrolled
	// when the object is a literal at the call.
	EntryLoops *EntryLoops `yaml:"entry_loops"`
	// ValueLists are calls that list the values of an object
	// (Object.values(ROLES)): a column's enum given so lists those values.
	ValueLists []string `yaml:"value_lists"`
	// KeyLists are calls that list the keys of an object
	// (Object.keys(allRoles)): a column's enum given so lists those keys.
	KeyLists []string `yaml:"key_lists"`
	// KeywordObjects: the language passes named arguments as an object
	// literal, a call's last argument (User.create({email}), sendMail({to,
	// subject})); its entries are read as the call's keyword arguments.
	KeywordObjects bool `yaml:"keyword_objects"`
	// SenderNamesKeepEntityWord: a message named after the function that
	// sends it keeps the word naming its entity (send_password_reset_email
	// sends password_reset_email, Django's name for that mail's template);
	// where false the word is dropped (sendWelcomeEmail sends welcome).
	SenderNamesKeepEntityWord bool `yaml:"sender_names_keep_entity_word"`
	// OmittedArgsAbsent: a parameter the call gives no argument and that
	// has no default is bound to the absent value (JavaScript's
	// undefined), so a test of it is decided; where the language refuses
	// such a call (Python raises TypeError) it stays unknown.
	OmittedArgsAbsent bool `yaml:"omitted_args_absent"`
	// AbsentInputsDefaulted: an input the request may leave out is the
	// absent value when it does (JavaScript's undefined), which the ORMs
	// read as a field not given (Mongoose, TypeORM, Prisma and Sequelize
	// fill in the column's default), so a new row given that input gets
	// the default then. Where false (Python's None is a value the row
	// stores as null) the input is stated as it is.
	AbsentInputsDefaulted bool `yaml:"absent_inputs_defaulted"`
	// ModelClassQuery: a model class is the query of all its rows, so the
	// query, lookup, create, update and delete methods are called on it
	// directly (User.findOne(...), Token.deleteMany(...)).
	ModelClassQuery bool `yaml:"model_class_query"`
	// ModelQueryAttrs are a model class's attributes that are the query of
	// all its rows (User.query, User.objects).
	ModelQueryAttrs []string `yaml:"model_query_attrs"`
	// UpdateSetKeys wrap the changes of a bulk update given as an object
	// (Mongo's {$set: {...}}).
	UpdateSetKeys []string `yaml:"update_set_keys"`
	// UpdateUnsetKeys wrap the fields a bulk update clears ({$unset:
	// {resetToken: 1}}): each is set to null.
	UpdateUnsetKeys []string `yaml:"update_unset_keys"`
	// UpdateFieldOps are the per-field operators of an update's changes:
	// a change whose value is an object naming one of Clears under Key
	// clears the field (Parse Server's {_perishable_token: {__op:
	// 'Delete'}}): it is set to null.
	UpdateFieldOps UpdateFieldOps `yaml:"update_field_ops"`
	// IDLookupMethods look one row up by the id given as their one
	// argument (query.get(id), Model.findById(id)).
	IDLookupMethods []string `yaml:"id_lookup_methods"`
	// IDUpdateMethods update the one row whose id is their first argument
	// with the changes their second gives (Mongoose's
	// Model.findByIdAndUpdate(id, {$set: {...}}, {new: true})); what
	// follows is options.
	IDUpdateMethods []string `yaml:"id_update_methods"`
	// LengthCalls and LengthAttrs give the length of a string or a
	// collection: len(x), x.length.
	LengthCalls []string `yaml:"length_calls"`
	LengthAttrs []string `yaml:"length_attrs"`
	// TruthFolds are calls that test a collection of conditions, each
	// named with the operator that joins them: Python's any([a, b]) is a
	// or b, all([a, b]) a and b.
	TruthFolds map[string]string `yaml:"truth_folds"`
	// ItemsCalls give back the items of the collection they are given,
	// those of nested collections in line (list(x),
	// itertools.chain.from_iterable(x)): a loop over the result runs over
	// the same objects.
	ItemsCalls []string `yaml:"items_calls"`
	// CallMethods are the method that calling an object runs
	// (validator(info) runs validator.__call__(info)).
	CallMethods []string `yaml:"call_methods"`
	// IDAttrs are a row's surrogate key: reading one stands for the row
	// (user.id, user._id), filtering by one looks the row up.
	IDAttrs []string `yaml:"id_attrs"`
	// DurationUnits read a duration written as a string ("15m", "7d"):
	// each suffix's unit (ms, seconds, minutes, hours, days, weeks).
	DurationUnits map[string]string `yaml:"duration_units"`
	// DurationParsers read a duration string into a number of the
	// timestamp unit (the ms package's ms("30d"), @lukeed/ms's parse):
	// what one gives for a duration setting is that setting.
	DurationParsers []string `yaml:"duration_parsers"`
	// TimestampUnit is the unit of the numbers timestamp_readers read
	// (seconds, ms): a number added to the clock inside one is a
	// duration in that unit (new Date(Date.now() + 15 * 60 * 1000)).
	TimestampUnit string `yaml:"timestamp_unit"`
	// TestFiles are read for nothing: tests, fixtures, migrations (and
	// front-end assets a server serves as files).
	TestFiles *TestFiles `yaml:"test_files"`
}

// Ignores reports whether the file at slash-separated path p is one of
// the section's TestFiles.
func (l *Language) Ignores(p string) bool {
	tf := l.TestFiles
	if tf == nil {
		return false
	}
	dirs := strings.Split(p, "/")
	base := dirs[len(dirs)-1]
	for _, pat := range tf.Names {
		if ok, _ := path.Match(pat, base); ok {
			return true
		}
	}
	for _, d := range dirs[:len(dirs)-1] {
		if slices.Contains(tf.Dirs, d) {
			return true
		}
	}
	return false
}

// TestFiles names the files of a service that are not its behaviour: a
// file whose name matches one of Names (path.Match patterns), or that is
// below a directory named one of Dirs.
type TestFiles struct {
	Names []string `yaml:"names"`
	Dirs  []string `yaml:"dirs"`
	// ModuleNames, when set, mark a file whose top level assigns every
	// one of them as not the service's behaviour wherever it lies (an
	// Alembic revision script's revision and down_revision).
	ModuleNames []string `yaml:"module_names"`
}

// IgnoresModule reports whether a module assigning the names assigned
// at its top level is one of the section's TestFiles by its
// ModuleNames.
func (l *Language) IgnoresModule(assigned []string) bool {
	tf := l.TestFiles
	if tf == nil || len(tf.ModuleNames) == 0 {
		return false
	}
	for _, n := range tf.ModuleNames {
		if !slices.Contains(assigned, n) {
			return false
		}
	}
	return true
}

// SchemaModels describes models declared by data (Mongoose): a schema
// built from a map of field names to a type or to an options object, and
// a call that makes a model of a name from a schema.
type SchemaModels struct {
	// Schemas build a schema from a field map (new Schema({...})).
	Schemas []string `yaml:"schemas"`
	// Models make a model of a name from a schema (model("User", s)).
	Models []string `yaml:"models"`
	// The keys of a field's options object: its type, whether it is
	// required, its default, the list of values it takes, and the model
	// it refers to.
	TypeKey     string `yaml:"type_key"`
	RequiredKey string `yaml:"required_key"`
	DefaultKey  string `yaml:"default_key"`
	EnumKey     string `yaml:"enum_key"`
	RefKey      string `yaml:"ref_key"`
	// UniqueKey set to true on a field's options makes the store keep
	// the field unique (a unique index, Mongoose's unique: true): a
	// write of a value another row holds is refused.
	UniqueKey string `yaml:"unique_key"`
	// LowercaseKey set to true on a field's options makes the store keep
	// the value lower-cased (Mongoose's lowercase: true).
	LowercaseKey string `yaml:"lowercase_key"`
	// MethodTables are a schema's attributes whose functions are methods
	// of its model (schema.methods.x = function () {...}, statics).
	MethodTables []string `yaml:"method_tables"`
	// Virtuals declare a computed property of a schema's rows, its getter
	// given by one of VirtualGetters (schema.virtual("isVerified").get(fn)).
	Virtuals       []string `yaml:"virtuals"`
	VirtualGetters []string `yaml:"virtual_getters"`
	// SaveHooks register a function run before a row is saved when given
	// one of SaveEvents first (userSchema.pre("save", fn)): a field the
	// hook replaces by its hash (user.password = hash of user.password)
	// is stored hashed whatever a rule writes to it.
	SaveHooks  []string `yaml:"save_hooks"`
	SaveEvents []string `yaml:"save_events"`
	// Timestamps: when the schema's options (the object given after the
	// field map) set TimestampsKey to true, the model stores
	// TimestampFields, set when a row is created and updated (Mongoose's
	// new Schema({...}, {timestamps: true}): createdAt, updatedAt).
	TimestampsKey   string   `yaml:"timestamps_key"`
	TimestampFields []string `yaml:"timestamp_fields"`
}

// ObjectModels describes models declared as the plain object a module
// exports (Strapi's content types):
//
//	module.exports = {
//	  info: { singularName: 'user' },
//	  options: { timestamps: true },
//	  attributes: {
//	    email: { type: 'email', required: true },
//	    confirmed: { type: 'boolean', default: false },
//	    role: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.role' },
//	  },
//	};
//
// An exported object with both the name (at NamePath, a dotted path into
// the object) and the field map (at FieldsKey) is a model of that name.
type ObjectModels struct {
	NamePath  string `yaml:"name_path"`
	FieldsKey string `yaml:"fields_key"`
	// The keys of a field's options object: its type (a string naming one
	// of Types), whether it is required, its default and the values it
	// takes.
	TypeKey     string `yaml:"type_key"`
	RequiredKey string `yaml:"required_key"`
	DefaultKey  string `yaml:"default_key"`
	EnumKey     string `yaml:"enum_key"`
	// Types maps a field's type name to the Allium type it stores.
	Types map[string]string `yaml:"types"`
	// Relation is the type of a field that refers to another model: the
	// model is named by TargetKey (its last dotted segment, pluralless),
	// and the field is stored on this side when the value at KindKey is
	// one of ToOne (the other side is a collection the distiller derives).
	Relation  string   `yaml:"relation"`
	TargetKey string   `yaml:"target_key"`
	KindKey   string   `yaml:"kind_key"`
	ToOne     []string `yaml:"to_one"`
	// Timestamps: when the value at TimestampsPath is true, the model
	// stores TimestampFields, set when a row is created and updated.
	TimestampsPath  string   `yaml:"timestamps_path"`
	TimestampFields []string `yaml:"timestamp_fields"`
	// HashedTypes are the field types the framework stores hashed
	// whatever the code gives them (Strapi's password): a rule writing
	// one states its hash.
	HashedTypes []string `yaml:"hashed_types"`
}

// TableSchemas describes tables declared by a schema builder (knex):
// createTable("users", t => { t.string("email").notNullable(); ... }).
// Each statement of the callback is a column: a chain that starts with a
// call on the callback's parameter, whose method is the column's type
// (by the language's types) and whose first argument its name, and goes
// on with modifiers.
type TableSchemas struct {
	// Creates declare a table of a name (the first argument) by the
	// callback given last.
	Creates []string `yaml:"creates"`
	// Keys make the surrogate primary key: no field.
	Keys []string `yaml:"keys"`
	// Required make the column mandatory (notNullable).
	Required []string `yaml:"required"`
	// Defaults give the value a new row gets (defaultTo(v)).
	Defaults []string `yaml:"defaults"`
	// References and Tables make the column a foreign key to the table
	// Tables names (references("id").inTable("users")).
	References []string `yaml:"references"`
	Tables     []string `yaml:"tables"`
	// Enums list the column's values as their second argument.
	Enums []string `yaml:"enums"`
	// Stamps add the columns they name, mandatory timestamps
	// (timestamps(): created_at, updated_at).
	Stamps map[string][]string `yaml:"stamps"`
	// ColumnFilters filter a query by the column their first argument
	// names: where("id", v) for equality, where("expires", ">", now) with
	// an operator.
	ColumnFilters []string `yaml:"column_filters"`
	// Queries give the query of all the rows of the table their argument
	// names (knex("users")), as a model class is.
	Queries []string `yaml:"queries"`
}

// Continuations describe callback-passing style: a call whose last
// argument is a function whose first parameter is named as an error
// (ErrorParams) goes on in that function once it is done; its other
// parameters are the call's results (User.findOne(q, (err, user) =>
// {...}) is const user = User.findOne(q) followed by the body). Sequences
// take a list of such steps and a final callback and run them in order,
// each step handing its results on by calling its last parameter
// (async.waterfall([a, b], done)).
type Continuations struct {
	ErrorParams []string `yaml:"error_params"`
	Sequences   []string `yaml:"sequences"`
}

// HashChain describes a digest built in steps: a hasher made by one of
// Builders, fed the secret by one of Feeds and read by one of Digests
// (Node's createHash("sha256").update(token).digest("hex")) is hash(token).
type HashChain struct {
	Builders []string `yaml:"builders"`
	Feeds    []string `yaml:"feeds"`
	Digests  []string `yaml:"digests"`
}

// EntryLoops describe a loop over an object's entries: Each is the
// method that runs a function once per element of what Entries (a call
// given the object) lists as [key, value] pairs. ListTests tell whether a
// value is a list, which a conditional spread tests to pass a list's
// elements as arguments and another value as one
// (...(Array.isArray(value) ? value : [value])).
type EntryLoops struct {
	Entries   []string `yaml:"entries"`
	Each      []string `yaml:"each"`
	ListTests []string `yaml:"list_tests"`
}

// ContentRenders: Calls render the content given as their first argument;
// a function of the service whose name ends with one of BuilderSuffixes
// built it (emailVerificationMailgenContent), and the rest of its name
// names the message (email_verification).
type ContentRenders struct {
	Calls           []string `yaml:"calls"`
	BuilderSuffixes []string `yaml:"builder_suffixes"`
}

// Shapes describes what a request shape (a Django form, a DRF serializer)
// does beyond carrying input: the view methods that make one, the
// object-level validators its validation runs, the methods that persist
// its data, and the managers a model's custom methods live on.
// ObjectQuerysets are what a detail view's row is found among.
type ObjectQuerysets struct {
	// Getters: a view method the framework gives a view that finds the
	// one row the URL names among the rows the named method returns
	// (DRF's GenericAPIView.get_object filters self.get_queryset(), as
	// Django's SingleObjectMixin does): a view that writes that method
	// but not the finder can only reach a row its own queryset holds.
	Getters map[string]string `yaml:"getters"`
	// Filters are the query methods whose keyword lookups every row of
	// the result meets (Django's filter).
	Filters []string `yaml:"filters"`
	// Empty are the query methods that give no rows (Django's none()):
	// a return of one finds nothing, so the row found comes from the
	// getter's other return.
	Empty []string `yaml:"empty"`
	// Permissions: what the finder asks of the view's permission
	// classes about the row it found; nil when it asks nothing.
	Permissions *ObjectPermissions `yaml:"permissions"`
}

// ObjectPermissions describes the per-row permission check a view's
// inherited finder makes (DRF's get_object calls
// check_object_permissions(request, obj), which refuses the request
// unless every class the view's Classes attribute lists answers its
// Check method, has_object_permission(request, view, obj), true). A
// view writing Getter (get_permissions) chooses its classes itself.
// SafeMethods are the HTTP methods a SafeNames constant of the
// framework holds (permissions.SAFE_METHODS); Action is the view
// attribute naming the action being run (view.action).
type ObjectPermissions struct {
	Classes     string   `yaml:"classes"`
	Getter      string   `yaml:"getter"`
	Check       string   `yaml:"check"`
	SafeMethods []string `yaml:"safe_methods"`
	SafeNames   []string `yaml:"safe_names"`
	Action      string   `yaml:"action"`
	// MethodAttr is the request's attribute holding its HTTP method
	// (request.method).
	MethodAttr string `yaml:"method_attr"`
}

type Shapes struct {
	// Getters are view methods that make the view's shape
	// (self.get_serializer(data=...)); ClassFields name the class
	// attribute that says which shape that is (serializer_class).
	Getters     []string `yaml:"getters"`
	ClassFields []string `yaml:"class_fields"`
	// QuerysetGetters are view methods the framework gives a view that
	// return the rows the named class attribute holds (DRF's
	// GenericAPIView.get_queryset returns self.queryset.all()): a call
	// of one on a view that does not write it is that attribute's value.
	QuerysetGetters map[string]string `yaml:"queryset_getters"`
	// ObjectQuerysets: where a view's inherited finder of the row the
	// URL names looks for it.
	ObjectQuerysets *ObjectQuerysets `yaml:"object_querysets"`
	// SettingsObjects are classes whose instance (api_settings =
	// APISettings(USER_SETTINGS, DEFAULTS, IMPORT_STRINGS)) answers an
	// attribute with the entry of that name of its defaults dict,
	// imported when the entry is a dotted path the import list names
	// (DRF's rest_framework.settings.APISettings): class -> the
	// positions of those two arguments.
	SettingsObjects map[string]SettingsObject `yaml:"settings_objects"`
	// Authenticating are framework views whose default shape (no class
	// field names one) authenticates the request's credentials and
	// refuses a failure, keeping the user found in its validated data.
	Authenticating map[string]AuthenticatingShape `yaml:"authenticating"`
	// AuthenticatingForms are framework form classes whose validation
	// authenticates their inputs and refuses a failure, and whose Getter
	// method returns the user found (Django's AuthenticationForm).
	AuthenticatingForms map[string]AuthenticatingShape `yaml:"authenticating_forms"`
	// ObjectValidators are a shape's methods that validate the input as a
	// whole (DRF validate(self, data), Django clean(self)); a validation
	// call runs them after the per-field validators.
	ObjectValidators []string `yaml:"object_validators"`
	// DataReturningValidators are those of ObjectValidators whose
	// framework version returns the cleaned data (Django's Form.clean
	// returns self.cleaned_data; _post_clean returns nothing): what a
	// service's override gets from super().clean().
	DataReturningValidators []string `yaml:"data_returning_validators"`
	// SaveMethods persist a shape's data: the shape's own method of that
	// name, else its CreateMethods given the validated data.
	SaveMethods   []string `yaml:"save_methods"`
	CreateMethods []string `yaml:"create_methods"`
	// UpdateMethods are what save runs instead of CreateMethods when the
	// shape holds a row (DRF's save: update(self.instance,
	// validated_data) when an instance was given, create otherwise).
	UpdateMethods []string `yaml:"update_methods"`
	// InputAttrs are a shape's attributes that hold its input, raw or
	// validated (initial_data, validated_data, cleaned_data).
	InputAttrs []string `yaml:"input_attrs"`
	// StateAttrs are a shape's attributes that the framework keeps about
	// it, no input of the request (a Django form's is_bound,
	// changed_data, errors): reading one names no trigger parameter.
	StateAttrs []string `yaml:"state_attrs"`
	// Managers are a model's class attributes through which its custom
	// manager methods are called (User.objects.create_user); ManagerModel
	// is the manager's attribute that is its model (self.model(...)).
	Managers     []string `yaml:"managers"`
	ManagerModel []string `yaml:"manager_model"`
	// FormHandlers are the methods of a form view (Django's FormView)
	// that handle a submitted form once it is valid (form_valid(self,
	// form)); FormGetters are the view's methods that make the form and
	// may set attributes on it (get_form), FormClassGetters those that
	// say which form class (get_form_class).
	FormHandlers     []string `yaml:"form_handlers"`
	FormGetters      []string `yaml:"form_getters"`
	FormClassGetters []string `yaml:"form_class_getters"`
	// FormKwargsGetters are the view's methods that return the keyword
	// arguments the form is made with (get_form_kwargs: kwargs["user"] =
	// self.request.user): the form's constructor gets them.
	FormKwargsGetters []string `yaml:"form_kwargs_getters"`
	// CreateViews are framework views whose inherited POST makes the
	// view's shape (the first of Getters) from the request data, validates
	// it and saves it (the first of SaveMethods).
	CreateViews *CreateViews `yaml:"create_views"`
	// EditViews: Django's generic CreateView, UpdateView and DeleteView
	// given a model and its fields.
	EditViews *EditViews `yaml:"edit_views"`
	// ModelViewsets: DRF's model viewsets and the mixins they are made
	// of, whose create, update and destroy actions a subclass inherits.
	ModelViewsets *ModelViewsets `yaml:"model_viewsets"`
	// Meta is a model shape's inner class that names its model and the
	// model fields it carries (DRF's ModelSerializer: class Meta: model =
	// User; fields = (...)).
	Meta *ShapeMeta `yaml:"meta"`
	// InstanceAttrs are a shape's attributes holding the row it was made
	// to change (DRF's serializer.instance): none when the shape was made
	// from request data alone, as a create view makes it.
	InstanceAttrs []string `yaml:"instance_attrs"`
	// RepresentationAttrs are a shape's attributes holding its output,
	// the representation of its instance once it holds one (DRF's
	// serializer.data is to_representation(self.instance), and save()
	// sets the instance to the row it created or changed): their key
	// entries (the catalog's id_attrs) are that row's key. With no
	// instance they are the validated input.
	RepresentationAttrs []string `yaml:"representation_attrs"`
	// FieldCleaners are the methods of a form or serializer field class
	// that turn the value given into the validated one (Django's
	// Field.clean and to_python, DRF's to_internal_value): a field class
	// of the service overriding one to return the value lower-cased makes
	// the validated input the given one in lower case.
	FieldCleaners []string `yaml:"field_cleaners"`
	// RawInputAttrs are those of InputAttrs that hold the input as sent,
	// before the fields clean it (DRF's initial_data).
	RawInputAttrs []string `yaml:"raw_input_attrs"`
	// ModelForms are bases of shapes whose inherited save writes their
	// Meta model from the validated fields the Meta lists (Django's
	// ModelForm: a new row, or the instance the form was made with).
	ModelForms []string `yaml:"model_forms"`
	// InstanceFirst are bases of shapes whose constructor takes the row
	// they change as its first positional argument (Django REST
	// framework's Serializer(instance, data=...)); a Django form's first
	// is its data.
	InstanceFirst []string `yaml:"instance_first"`
	// ReadOnlyOptions are keywords of a shape's declared field that, true,
	// make it one the shape never writes (DRF's read_only=True).
	ReadOnlyOptions []string `yaml:"read_only_options"`
	// OptionalOptions are keywords of a shape's declared field that, with
	// the value given (as written in the source), let the request leave
	// the field out (Django's and DRF's required=False): testing the
	// field's cleaned value is then whether the request gave it, a
	// condition of what follows rather than input validation.
	OptionalOptions map[string]string `yaml:"optional_options"`
	// UneditableOptions are column options that, given the value mapped,
	// make a model field one no model form or serializer writes (Django's
	// editable=False; auto_now and auto_now_add imply it).
	UneditableOptions map[string]bool `yaml:"uneditable_options"`
	// RequestBound are bases of shapes that read their fields from the
	// request however the code makes them (WTForms and Django forms): a
	// field the code did not give one is still an input, where a shape
	// the code fills (a pydantic model) keeps its default.
	RequestBound []string `yaml:"request_bound"`
	// Context is a shape's attribute holding what the view passed it;
	// its ContextRequest entry is the request (self.context["request"]).
	Context        []string `yaml:"context"`
	ContextRequest []string `yaml:"context_request"`
	// PartialKeywords are keywords of a shape's constructor that, given
	// anything but a literal false, let the request leave out any field
	// (DRF's partial=True): a field the shape would require may then be
	// absent from the validated data.
	PartialKeywords []string `yaml:"partial_keywords"`
	// FilledColumns are the model columns a model shape builds a
	// required, never-empty field for when it takes them from its model
	// (DRF's ModelSerializer: a CharField with allow_blank=False, required
	// unless the column has a default or allows blank or null; Django's
	// ModelForm: a required forms.CharField).
	FilledColumns *FilledColumns `yaml:"filled_columns"`
}

// FilledColumns names text column classes (Types) and the options that
// make such a column one the request may leave out or send empty:
// Options with the value given as written (blank=True), and Keywords
// given any value at all (default=...).
type FilledColumns struct {
	Types    []string          `yaml:"types"`
	Options  map[string]string `yaml:"options"`
	Keywords []string          `yaml:"keywords"`
}

// ShapeMeta names a model shape's inner class (Class) and its
// attributes that hold the model (Model) and the field names (Fields).
type ShapeMeta struct {
	Class  string `yaml:"class"`
	Model  string `yaml:"model"`
	Fields string `yaml:"fields"`
	// ReadOnly is the Meta attribute listing fields the shape shows but
	// never writes (DRF's read_only_fields).
	ReadOnly string `yaml:"read_only"`
	// All is the value of the fields attribute that lists every field of
	// the model (DRF's and Django's fields = "__all__").
	All string `yaml:"all"`
	// Exclude is the Meta attribute listing the model fields the shape
	// leaves out of every field it would otherwise write (DRF's and
	// Django's exclude).
	Exclude string `yaml:"exclude"`
}

// EditViews are framework views whose inherited POST changes the model
// the view's model attribute names, with the fields its fields attribute
// lists taken from the request's form data (Data): a new row (Create),
// the view's object changed (Update), or the view's object deleted
// (Delete). Object is the view's method that finds that object
// (get_object), else the row the URL's pk names among QuerysetMethod's
// or Queryset's rows, or all of them. Own are the view's own
// methods that mean it handles the POST itself.
type EditViews struct {
	Create []string `yaml:"create"`
	Update []string `yaml:"update"`
	Delete []string `yaml:"delete"`
	Own    []string `yaml:"own"`
	Data   string   `yaml:"data"`
	Model  string   `yaml:"model"`
	Fields string   `yaml:"fields"`
	Object string   `yaml:"object"`
	// QuerysetMethod and Queryset: the view's method and attribute that
	// say which rows the object is found among (get_queryset, queryset).
	QuerysetMethod string `yaml:"queryset_method"`
	Queryset       string `yaml:"queryset"`
}

// ModelViewsets describes the actions a framework model viewset gives
// the classes that derive from it (DRF's ModelViewSet and its
// CreateModelMixin, UpdateModelMixin and DestroyModelMixin): each action
// runs unless the class (or a base of the service) writes it, and calls
// its hook (perform_create, perform_update, perform_destroy) where the
// service writes one, else saves the shape (the first of the shapes'
// save methods) or calls the row's Delete. Object is the view's method
// that finds the row an update or destroy acts on (get_object); Data and
// Validate are as for CreateViews.
type ModelViewsets struct {
	Create   *ViewsetAction `yaml:"create"`
	Update   *ViewsetAction `yaml:"update"`
	Destroy  *ViewsetAction `yaml:"destroy"`
	Data     string         `yaml:"data"`
	Validate string         `yaml:"validate"`
	// Partial is the keyword the update action passes true for a PATCH;
	// that action's method is Partial + "_" + the update's method
	// (partial_update).
	Partial string `yaml:"partial"`
	Object  string `yaml:"object"`
	Delete  string `yaml:"delete"`
	// Registers are a router's methods that route every action of the
	// viewset class given as their second argument (router.register(
	// "tags", TagViewSet)); a class view entry (as_view) given a dict
	// routes the actions the dict's values name.
	Registers []string `yaml:"registers"`
	// MethodNames is the class attribute listing the HTTP methods the
	// view answers (DRF's http_method_names); Verbs is the method each
	// action answers (create: post). An action whose verb the list
	// leaves out is never run.
	MethodNames string            `yaml:"method_names"`
	Verbs       map[string]string `yaml:"verbs"`
}

// ViewsetAction is one inherited action of a model viewset: the bases
// that give it, the method that is the action (a class writing it
// handles the request itself) and its hook.
type ViewsetAction struct {
	Bases  []string `yaml:"bases"`
	Method string   `yaml:"method"`
	Hook   string   `yaml:"hook"`
}

// CreateViews describes framework create views (DRF's CreateAPIView):
// Bases are the views; a subclass that writes one of Own keeps its own
// POST; the inherited one passes the request's Data attribute as the
// Data keyword of the shape getter and calls the shape's Validate.
type CreateViews struct {
	Bases    []string `yaml:"bases"`
	Own      []string `yaml:"own"`
	Data     string   `yaml:"data"`
	Validate string   `yaml:"validate"`
}

// CustomProviders describe a dependency container's provider lists
// (NestJS's @Module({providers: [{provide: UserRepository, useClass:
// UsersRelationalRepository}]})): an entry that is an object binds the
// token under Token to a class, named under one of Classes (useClass,
// useExisting) or made by the function under one of Factories
// (useFactory: (...) => new UserCreateUsecase(...)). A collaborator typed
// by the token, or injected by it (@Inject(USER_REPOSITORY)), is that
// class's instance.
type CustomProviders struct {
	// Modules are the class decorators whose argument holds the lists.
	Modules []string `yaml:"modules"`
	// Lists are the keys of that argument that hold provider lists.
	Lists     []string `yaml:"lists"`
	Token     string   `yaml:"token"`
	Classes   []string `yaml:"classes"`
	Factories []string `yaml:"factories"`
}

// Repositories describes generic repositories: objects made for one model
// (`crud_users = FastCRUD(User)`, `user = CRUDUser(User)` with CRUDUser
// built on CRUDBase) whose methods query or change it.
type Repositories struct {
	Bases []string `yaml:"bases"`
	// ActiveRecordBases make a model class its own repository: a model
	// deriving from one has the repository's methods as its class's
	// (TypeORM's BaseEntity: UserEntity.findOne({where: {email}}),
	// UserEntity.update(id, {...}), UserEntity.delete({id})).
	ActiveRecordBases []string `yaml:"active_record_bases"`
	// UIDQueries are calls given a content type's uid that answer the
	// repository of the model it names (Strapi's
	// strapi.query('plugin::users-permissions.user'): User's).
	UIDQueries []string `yaml:"uid_queries"`
	// ContainerInjections are the decorators and calls that hand over
	// what a dependency container holds: given a class of the service, its
	// instance (typedi's Container.get(AuthService)); given a string, what
	// the container holds under that name (@Inject('userModel') on a
	// constructor parameter, Container.get('userModel')).
	// Pyramid's request.find_service(IUserService) is one too: given an
	// interface, the class of the service that implements it.
	ContainerInjections []string `yaml:"container_injections"`
	// InterfaceImplementers are class decorators that declare the
	// interfaces a class implements (zope.interface's
	// @implementer(IUserService)), the way TypeScript's implements clause
	// does: a container handed an interface gives that class's instance.
	InterfaceImplementers []string `yaml:"interface_implementers"`
	// NamedModelSuffixes: a name so injected that is a model's name plus
	// one of these (userModel) is that model's class, which is how the
	// loaders of such services register their models.
	NamedModelSuffixes []string `yaml:"named_model_suffixes"`
	// CustomProviders say how a module binds an injection token (a class,
	// often abstract: a port; a string; a Symbol constant) to the class
	// whose instance is injected under it.
	CustomProviders CustomProviders `yaml:"custom_providers"`
	// UIDServices are objects whose methods take a content type's uid
	// first and then what a repository's method takes (Strapi's
	// strapi.entityService.update(uid, id, {data})).
	UIDServices []string `yaml:"uid_services"`
	// ClassStores are calls that store the rows of a class named by one
	// of their string arguments (Parse Server's
	// config.database.update('_User', query, update), rest.del(config,
	// auth, '_Session', id)): call -> where the class name stands and
	// which query method of the model class the call is, given the
	// arguments after the name.
	ClassStores map[string]ClassStore `yaml:"class_stores"`
	// ClassColumns are the columns of the classes a framework defines for
	// itself and a class store reaches (Parse Server's _User): class ->
	// column as the code names it -> its type, a trailing "?" marking an
	// optional one. A class the service's class stores name is an entity
	// named after it (less a leading "_": _User is User), with those of
	// these columns the service's code names (a store call's key, an
	// attribute in a file that stores the class); the others are kept
	// only where a rule uses them.
	ClassColumns map[string]map[string]string `yaml:"class_columns"`
	// ClassHashed are the columns of those classes that the framework
	// hashes whenever it writes them (Parse Server's RestWrite hashes
	// _User's password): class -> columns. A rule writing one states its
	// hash.
	ClassHashed map[string][]string `yaml:"class_hashed"`
	// ClassUnique are the columns of those classes whose values the
	// framework keeps unique (Parse Server indexes _User's username and
	// email uniquely): class -> columns. An update of the rows whose
	// unique column equals a known row's changes that row.
	ClassUnique map[string][]string `yaml:"class_unique"`
	// ClassAbsentUndefined: the store leaves a column its row has no value
	// for out of the row it answers (a schemaless store), so JavaScript
	// reads it as undefined, and every ordering comparison with it (<, >)
	// is false: if (expiresAt < new Date()) never fires for a row without
	// one.
	ClassAbsentUndefined bool `yaml:"class_absent_undefined"`
	// ClassCreates are calls of the framework that add a row of one of
	// those classes from an object of data they are given (Parse Server's
	// RestWrite.createSession(config, {userId, createdWith, ...})).
	ClassCreates map[string]ClassCreate `yaml:"class_creates"`
	Lookups      []string               `yaml:"lookups"`
	Exists       []string               `yaml:"exists"`
	Creates      []string               `yaml:"creates"`
	// Builds make an instance from named values without saving it; a
	// create given it saves it (TypeORM's create, then save).
	Builds  []string `yaml:"builds"`
	Updates []string `yaml:"updates"`
	Deletes []string `yaml:"deletes"`
	// HardDeletes delete whatever the model; Deletes set a soft-delete
	// field when the model has one.
	HardDeletes []string `yaml:"hard_deletes"`
	// SoftDeleteFields mark a row deleted without removing it.
	SoftDeleteFields []string `yaml:"soft_delete_fields"`
	// PlumbingArgs are keyword arguments that are not filters.
	PlumbingArgs []string `yaml:"plumbing_args"`
	// ValueArgs hold the values a create or update writes.
	ValueArgs []string `yaml:"value_args"`
	// FilterArgs hold the filters as an object (TypeORM's
	// findOne({where: {email}})).
	FilterArgs []string `yaml:"filter_args"`
	// QueryBuilders are helpers that make a repository's options object
	// of a filter (Medusa's buildQuery(selector, config)): call name ->
	// the FilterArgs key their first argument is given under.
	QueryBuilders map[string]string `yaml:"query_builders"`
	// CriteriaFirst: an update or a delete names the rows first, by id or
	// by a filter object, and an update's values follow (TypeORM's
	// update(id, {status}), delete(id)).
	CriteriaFirst bool `yaml:"criteria_first"`
	// CompoundKeyFilters: a filter may name a unique key over several
	// fields by a key of its own whose object holds those fields
	// (Prisma's where: {teamID_userUid: {teamID, userUid}}); the filter
	// is those fields.
	CompoundKeyFilters bool `yaml:"compound_key_filters"`
	// Clients are classes of a database client whose attributes are the
	// models' repositories, each named after its model with a lower-case
	// initial (Prisma's prisma.user for the model User).
	Clients []string `yaml:"clients"`
	// ClientModels are class decorators of models that a client reaches
	// whatever object holds the client (Prisma's prisma.model): a
	// repository method called on an attribute named after such a model
	// (db.user.findUnique, prisma.client.user.update, this.user.create) is
	// that model's, when the attribute's object is not otherwise known.
	ClientModels []string `yaml:"client_models"`
	// Stamps are time fields a library's repository sets to the clock by
	// itself, by the base the repository is made from (FastCRUD's update
	// sets updated_at, its soft delete deleted_at), when the model has
	// them.
	Stamps map[string]RepoStamps `yaml:"stamps"`
}

// ClassCreate is one call of Repositories.ClassCreates.
type ClassCreate struct {
	// Class is the class of the row the call adds.
	Class string `yaml:"class"`
	// DataArg is the index of the argument holding the row's data.
	DataArg int `yaml:"data_arg"`
	// Columns maps a key of the data (a dotted path into the objects it
	// nests: createdWith.action) to the column its value fills.
	Columns map[string]string `yaml:"columns"`
	// Random are the columns the call fills with a fresh random token.
	Random []string `yaml:"random"`
}

// ClassStore is one call of Repositories.ClassStores.
type ClassStore struct {
	// ClassArg is the index of the argument naming the class.
	ClassArg int `yaml:"class_arg"`
	// As is the query method of the model class the call stands for,
	// given the arguments after the class: a filter (where), a filter
	// and the changes (updateMany), or a row's id (deleteOne).
	As string `yaml:"as"`
	// RowsKey, when set, is the key of the object the call answers that
	// holds the rows it found (Parse Server's rest.find answers
	// {results: [...]}).
	RowsKey string `yaml:"rows_key"`
	// ClassKey, when set, is the key of the options object the call is
	// given that names the class, in place of ClassArg (Parse Server's
	// RestQuery({className: '_User', restWhere: {username}})); FilterKey
	// is the key of that object holding what the call is given after the
	// class.
	ClassKey  string `yaml:"class_key"`
	FilterKey string `yaml:"filter_key"`
	// Runner, when set, is the method of the object the call answers
	// that runs it: the call builds the query, runner() answers its rows
	// (RestQuery(...) then query.execute()).
	Runner string `yaml:"runner"`
}

// UpdateStamps say which column options make the ORM stamp a row with the
// time of its last change, and which calls write such a change.
type UpdateStamps struct {
	// Options are the column keywords whose value, the clock or true,
	// makes the column a stamp (onupdate, auto_now).
	Options []string `yaml:"options"`
	// Writes are the calls that write the pending changes of a row
	// (session.commit(), row.save()): the stamp is set there.
	Writes []string `yaml:"writes"`
	// FieldLists are the keywords of a write that name the only columns
	// it writes (Django's save(update_fields=[...])): a stamp not listed
	// keeps its value.
	FieldLists []string `yaml:"field_lists"`
	// Markers are the field decorators that make the column a stamp by
	// themselves (TypeORM's @UpdateDateColumn(), Prisma's @updatedAt): the
	// entity declares such a stamp, while one made by an option stays
	// plumbing unless a rule states it.
	Markers []string `yaml:"markers"`
}

// RepoStamps are the fields one repository base stamps on an update and
// on a soft delete.
type RepoStamps struct {
	Updates     []string `yaml:"updates"`
	SoftDeletes []string `yaml:"soft_deletes"`
}

// ObjectSchemas describe request validation by an object schema built of
// calls (zod's z.object({email: z.string().email()}), Joi.object, yup's
// object) and applied to the request's input by a method that gives the
// input back or throws (schema.parse(req.body)). Builders name, per object
// builder, those methods (Parses) and whether its fields are required
// unless marked (zod) or optional unless marked (Joi, yup). A field's
// chain is rooted at a type call whose last segment is one of Strings
// (its min and max bound the length) or any other (they bound the
// value); Checks map a chained method to min, max, length or email;
// Optional and Required are the methods that mark a field so. A builder's
// object may also come from a keys(...) call chained on it (Joi).
// ConfigParams names the calls that declare a parameter of the config
// object, and the keywords that give its name and its default.
type ConfigParams struct {
	Calls   []string `yaml:"calls"`
	Name    string   `yaml:"name"`
	Default string   `yaml:"default"`
}

type ObjectSchemas struct {
	Builders map[string]SchemaBuilder `yaml:"builders"`
	Strings  []string                 `yaml:"strings"`
	Checks   map[string]string        `yaml:"checks"`
	Optional []string                 `yaml:"optional"`
	Required []string                 `yaml:"required"`
	// Middlewares are route middlewares given an object that maps a part
	// of the request to its schema (celebrate({[Segments.BODY]: schema}));
	// BodyKeys are the keys (or the last segment of a computed key) that
	// name the request's body.
	Middlewares []string `yaml:"middlewares"`
	BodyKeys    []string `yaml:"body_keys"`
	// PlainBuilder is the builder a middleware reads a part given as a
	// plain object of field schemas with (express-validation's
	// validate({body: {email: Joi.string().email()}}) compiles it as a
	// Joi object).
	PlainBuilder string `yaml:"plain_builder"`
	// Compilers make one schema of an object of schemas by part
	// (Joi.compile): a route middleware that a function of the service
	// makes from such an object, which it compiles, validates the request
	// by it (node-express-boilerplate's validate(schema)).
	Compilers []string `yaml:"compilers"`
	// ValidatorFactories make a schema into a function that parses its
	// argument by it (Strapi's validateYupSchema(schema)).
	ValidatorFactories []string `yaml:"validator_factories"`
	// MethodValidators are decorators of a method that parse its first
	// argument by the object schema they are given before the body runs
	// (a NestJS use case's @ValidateSchema(Schema) on execute).
	MethodValidators []string `yaml:"method_validators"`
	// Picks make a schema of some of another's fields, named by the keys
	// of their object argument (zod's Schema.pick({email: true})); Joins
	// make one of two schemas' fields (zod's A.and(B), A.merge(B)).
	Picks []string `yaml:"picks"`
	// Arrays build a list field: its bounds count its items
	// (z.array(...).min(1): roles.count >= 1).
	Arrays []string `yaml:"arrays"`
	Joins  []string `yaml:"joins"`
	// Refs name another field of the same object (yup.ref('password')):
	// a one_of check given only such a reference
	// (.oneOf([yup.ref('password')])) requires the two fields equal.
	Refs []string `yaml:"refs"`
	// JSON describes request schemas written as JSON Schema objects
	// rather than builder calls: see JSONSchema.
	JSON *JSONSchema `yaml:"json"`
}

// JSONSchema names the keywords of a JSON Schema object (a route's body
// schema {type: 'object', required: ['email'], properties: {email: {type:
// 'string', format: 'email'}}}): Properties holds the fields, Required
// lists those the input must have (only their checks are preconditions);
// a field whose Type is one of Strings is text, so its bounds measure its
// length. Formats maps a value of the FormatKey keyword to a check
// (email), and Checks maps the other keywords to min or max.
type JSONSchema struct {
	Properties string            `yaml:"properties"`
	Required   string            `yaml:"required"`
	Type       string            `yaml:"type"`
	Strings    []string          `yaml:"strings"`
	FormatKey  string            `yaml:"format_key"`
	Formats    map[string]string `yaml:"formats"`
	Checks     map[string]string `yaml:"checks"`
}

// UniqueViolations: see Language.UniqueViolations.
type UniqueViolations struct {
	Codes     []string `yaml:"codes"`
	CodeAttrs []string `yaml:"code_attrs"`
	// Classes are the errors a refused write raises, caught by their type
	// (SQLAlchemy's and Django's IntegrityError): a handler of one that
	// ends the request refuses a duplicate.
	Classes []string `yaml:"classes"`
}

// SchemaBuilder is one object schema builder of ObjectSchemas.
type SchemaBuilder struct {
	Parses []string `yaml:"parses"`
	// SafeParses apply the schema without throwing: they return a result
	// whose ResultData entry is the valid input (zod's
	// schema.safeParse(body).data); the code refuses the request on the
	// result's failure.
	SafeParses []string `yaml:"safe_parses"`
	ResultData string   `yaml:"result_data"`
	// ErrorParses apply the schema and return a result whose ResultError
	// entry is set when the input is invalid (Joi's schema.validate(body)
	// gives {error, value}): the input is refused only where the code
	// tests that error.
	ErrorParses []string `yaml:"error_parses"`
	ResultError string   `yaml:"result_error"`
	Required    bool     `yaml:"required"`
}

// ValidationChains describe checks written as a chain on one input and
// run on the request: check("password").isLength({min: 8}).run(req). A
// chain starts with one of Starts given the input's name, is run by one
// of Runs given the request, and each method between that Checks names is
// a precondition on the input: "email" (is_valid_email), "alphanumeric"
// (is_alphanumeric: letters and digits only, never empty), "length" (its
// min and max keywords bound the length), "equals" (the input equals the
// argument), "custom" (a function given the input that refuses it by
// throwing, returning one of Rejections or a falsy value; its second
// parameter is an object whose RequestKey entry is the request). Other
// methods (sanitisers) say nothing.
type ValidationChains struct {
	Starts     []string          `yaml:"starts"`
	Runs       []string          `yaml:"runs"`
	Checks     map[string]string `yaml:"checks"`
	Rejections []string          `yaml:"rejections"`
	RequestKey string            `yaml:"request_key"`
	// Optional makes the chain's checks hold only for an input that is
	// given (body("email").optional().isEmail()).
	Optional []string `yaml:"optional"`
}

// AuthStrategies: a call of Authenticate given a strategy's name and a
// callback, itself called with the request (passport.authenticate("local",
// (err, user, info) => {...})(req, res, next)), calls the callback with
// what the strategy registered under that name hands its done: done(null,
// false) is a failure, done(null, user) the user signed in. A strategy is
// registered by a call of Register given an instance of its class, after
// the name when one is given (passport.use([name,] new Strategy(options,
// verify))); the verify function is the instance's last argument.
type AuthStrategies struct {
	Authenticate []string       `yaml:"authenticate"`
	Register     []string       `yaml:"register"`
	Strategies   []AuthStrategy `yaml:"strategies"`
}

// AuthStrategy is one strategy class.
type AuthStrategy struct {
	// Classes: the class as imported (passport-local.Strategy).
	Classes []string `yaml:"classes"`
	// Name: the name it is registered under when none is given.
	Name string `yaml:"name"`
	// Inputs: what the verify function is given first, in order: the
	// request body's key the option Option names, or Default.
	Inputs []StrategyInput `yaml:"inputs"`
	// SignedIn: the user handed on is the one a token signs in
	// (passport-jwt): the verify function is how the token names the
	// user, and the user is the request's signed-in one.
	SignedIn bool `yaml:"signed_in"`
}

// StrategyInput is a request input a strategy's verify function is given.
type StrategyInput struct {
	Option  string `yaml:"option"`
	Default string `yaml:"default"`
}

// RouteTable describes routes registered by a call (one of Calls, a
// method of any object, anywhere in the service's functions) given the
// route's parts as named values: its path (PathKey), HTTP method
// (MethodKey), handler (HandlerKey) and the hooks that run before the
// handler (HookKeys; an auth decorator of the catalog among them makes the
// route one for signed-in users). A handler named through an object the
// application was decorated with (Decorators: f.decorate("controllers",
// {auth: new AuthController()}), then const {auth} = f.controllers and
// handler: auth.register) is that object's method.
type RouteTable struct {
	Calls      []string `yaml:"calls"`
	PathKey    string   `yaml:"path_key"`
	MethodKey  string   `yaml:"method_key"`
	HandlerKey string   `yaml:"handler_key"`
	HookKeys   []string `yaml:"hook_keys"`
	Decorators []string `yaml:"decorators"`
	// SchemaKey is the route's key whose value maps parts of the request
	// to JSON schemas the framework validates them by before the handler
	// (Fastify's schema: {body: {...}}): see ObjectSchemas.JSON.
	SchemaKey string `yaml:"schema_key"`
	// RequestDecorators add a method to every request
	// (f.decorateRequest('getSessionId', fn)): what it answers, called
	// with no arguments on the request, is an input of the request named
	// after the method less one of GetterPrefixes (session_id).
	RequestDecorators []string `yaml:"request_decorators"`
	GetterPrefixes    []string `yaml:"getter_prefixes"`
	// MethodArgs are the HTTP methods a route call of Calls may be given
	// as its first argument, the path second, its middleware then and its
	// handler last (Parse Server's this.route('POST', '/login', handler)).
	MethodArgs []string `yaml:"method_args"`
	// Exported are routes a module exports as data, an array of route
	// objects (Strapi: module.exports = [{method, path, handler:
	// 'auth.callback'}]): see ExportedRoutes. nil for none.
	Exported *ExportedRoutes `yaml:"exported"`
}

// ExportedRoutes reads an exported array of route objects: PathKey is the
// route's path, HandlerKey its handler, a string "<controller>.<action>"
// that names the export action of the module controller (its file name
// without the extension) in one of ControllerDirs.
type ExportedRoutes struct {
	PathKey        string   `yaml:"path_key"`
	HandlerKey     string   `yaml:"handler_key"`
	ControllerDirs []string `yaml:"controller_dirs"`
}

// FileRoute says which exports of which modules are request handlers
// routed by the module's path. A module is one when a run of directories
// of its path is one of Dirs (its route is the rest of the path, without
// the extension and an index file's name) or its file name without the
// extension is one of Files (its route is its directory's path). Its
// exports named in Exports are the handlers; the trigger is named after
// the route, less any of DropSegments.
type FileRoute struct {
	Dirs         []string `yaml:"dirs"`
	Files        []string `yaml:"files"`
	Exports      []string `yaml:"exports"`
	DropSegments []string `yaml:"drop_segments"`
	// SegmentKeys are the keys of the route context, a handler's second
	// parameter, that hold the values of the path's dynamic segments
	// (the App Router's {params} of app/users/[userId]/route.ts): each
	// is a request input, as the body's keys are.
	SegmentKeys []string `yaml:"segment_keys"`
}

// Sessions names the calls that sign a user in (the spec says
// Entity.created(user: u)) and out (not exists session).
type Sessions struct {
	Entity string   `yaml:"entity"`
	Starts []string `yaml:"starts"`
	Ends   []string `yaml:"ends"`
	// SetCurrentUser are the sign-in calls after which the request's
	// signed-in user is the one they signed in (Django's login sets
	// request.user, Flask-Login's login_user current_user, Passport's
	// req.logIn req.user); Pyramid's remember only makes headers.
	SetCurrentUser []string `yaml:"set_current_user"`
	// Stores are the framework's session objects (flask.session): storing
	// a user's id under a key signs the user in; StoreEnds are their
	// methods that sign out (clear(), Django's flush()).
	Stores    []string `yaml:"stores"`
	StoreEnds []string `yaml:"store_ends"`
	// StoreRemovals are their methods that take one key out (Django's
	// request.session.pop("sudo_code")).
	StoreRemovals []string `yaml:"store_removals"`
	// StartStamps lists, per sign-in call, the user's timestamp fields
	// that call sets to now (Django's login updates last_login).
	StartStamps map[string][]string `yaml:"start_stamps"`
	// StampReceivers names, per stamp field, the signal receivers that set
	// it on sign-in (Django's update_last_login, connected to
	// user_logged_in); ReceiverDisconnects are the calls that take a
	// receiver off its signal (user_logged_in.disconnect(update_last_login)):
	// after one, the stamp is not set.
	StampReceivers      map[string][]string `yaml:"stamp_receivers"`
	ReceiverDisconnects []string            `yaml:"receiver_disconnects"`
	// StartFlags lists, per sign-in call, its parameters after the user,
	// in order, that the spec states on the session when the call gives
	// them (login_user(user, remember=True): remember: true).
	StartFlags map[string][]string `yaml:"start_flags"`
	// StartDefaults gives, per sign-in call, the value of a flag the call
	// sets when the code does not give it (Flask-Login's login_user:
	// remember=False).
	StartDefaults map[string]map[string]bool `yaml:"start_defaults"`
	// MarkedStartDefaults gives, per sign-in call, the value the call
	// gives a flag that a mark (Marks) sets later (Flask-Login's
	// login_user starts a fresh session, confirm_login makes it fresh
	// again); stated only in a spec whose sessions carry the flag because
	// a mark sets it, and unless the call gives it by keyword.
	MarkedStartDefaults map[string]map[string]bool `yaml:"marked_start_defaults"`
	// IdentityMethods are the user model's methods whose result a session
	// keeps as the user's identity (Flask-Login's get_id): written by the
	// service to read the user's own fields, they bind each session to
	// those fields' values, so changing one ends the user's sessions.
	IdentityMethods []string `yaml:"identity_methods"`
	// Remember: how long a session lasts that a sign-in call starts with
	// its remember flag (one of Flags) set: Flask-Login's remember cookie,
	// REMEMBER_COOKIE_DURATION; stated only where the service sets it.
	Remember *SessionLifetime `yaml:"remember"`
	// Marks names, per call, the flag it sets on the caller's session
	// (Flask-Login's confirm_login() marks the session fresh): the spec
	// states session.<flag> = true.
	Marks map[string]string `yaml:"marks"`
	// Lifetime: how long a session lasts that the code marks as lasting
	// (Flask's session.permanent = True).
	Lifetime *SessionLifetime `yaml:"lifetime"`
	// StartLifetimes names, per sign-in call, the setting that holds how
	// long the session it starts lives: where the service sets it, the
	// spec states the session's expires_at as now plus that setting, a
	// config parameter (a lifetime left to the framework is not stated).
	StartLifetimes map[string]SessionLifetime `yaml:"start_lifetimes"`
	// SignedPeriods names what a value signed with the time into a
	// session object under a key states: the session's field holding when
	// the period began, its derived value saying the period still runs
	// and the config parameter for how long it runs; "{key}" in each is
	// the key.
	SignedPeriods *SignedPeriods `yaml:"signed_periods"`
}

// SignedPeriods: see Sessions.SignedPeriods.
type SignedPeriods struct {
	Started  string `yaml:"started"`
	Running  string `yaml:"running"`
	Lifetime string `yaml:"lifetime"`
}

// SessionLifetime is the setting that holds how long a session lives:
// Setting is the service's configuration key (a number of Unit, seconds
// when unset, or a timedelta). Flags, for a session object the code
// marks as lasting, are its attributes that do so; DefaultSeconds is the
// framework's value when the service sets none (0: not stated then), and
// Config the spec's name of the parameter ("" derives it from Setting).
//
// Hooks are the decorators of a function the framework runs before every
// request (Flask's before_request): a flag set there makes every session
// lasting. Attributes are the application's attributes that hold the
// lifetime when such a function sets them (Flask's
// app.permanent_session_lifetime = timedelta(seconds=settings.X)).
type SessionLifetime struct {
	Flags          []string `yaml:"flags"`
	Hooks          []string `yaml:"hooks"`
	Attributes     []string `yaml:"attributes"`
	Setting        string   `yaml:"setting"`
	Unit           string   `yaml:"unit"`
	DefaultSeconds int64    `yaml:"default_seconds"`
	Config         string   `yaml:"config"`
}

// AuthenticatingShape is the default shape of a framework view that
// authenticates the inputs it names (passed by name to the catalog's
// authenticate call) and keeps the user under Key; a form's Getter
// method returns that user.
type AuthenticatingShape struct {
	Inputs []string `yaml:"inputs"`
	Key    string   `yaml:"key"`
	Getter string   `yaml:"getter"`
}

// Throttles name a view's class attributes that list its throttle
// classes, and the attributes of a throttle class that hold its rate
// ("20/day": so many requests per second, minute, hour or day).
type Throttles struct {
	ClassAttrs []string `yaml:"class_attrs"`
	RateAttrs  []string `yaml:"rate_attrs"`
}

// Hooks names a plugin system's two halves: the attribute through which
// code calls a hook (pm.hook.flaskbb_authenticate(identifier=...)) and the
// factories of the decorators that mark an implementation (impl =
// HookimplMarker("app"); @impl def flaskbb_authenticate(...)). A call
// through a relay runs every module function of the hook's name that a
// decorator made by one of ImplMarkers marks, in source order.
type Hooks struct {
	Relays      []string `yaml:"relays"`
	ImplMarkers []string `yaml:"impl_markers"`
}

// SignedTokens names what issues a signed token: a token sent to the user
// rather than stored (itsdangerous serializers, JWT encoders). The spec
// states it as an entity of its own created for the user it names, with
// its expiry.
type SignedTokens struct {
	// Serializers are constructors of signers; ExpiryArgs say which of
	// their arguments holds the lifetime in seconds ("#1", expires_in).
	Serializers []string `yaml:"serializers"`
	ExpiryArgs  []string `yaml:"expiry_args"`
	// Timed are the serializers whose tokens carry the time they were
	// signed (TimestampSigner): a token they issue has issued_at: now.
	Timed []string `yaml:"timed"`
	// SignMethods are the signer methods that issue a token; VerifyMethods
	// those that read one back, which holds only while it is valid.
	SignMethods   []string `yaml:"sign_methods"`
	VerifyMethods []string `yaml:"verify_methods"`
	// Decoders read a token an encoder issued.
	Decoders []string `yaml:"decoders"`
	// UnverifiedDecoders are the Decoders that read a token's claims
	// without checking its signature or expiry (jsonwebtoken's decode):
	// what they give holds whether or not the token is valid, so reading
	// one requires nothing of the token.
	UnverifiedDecoders []string `yaml:"unverified_decoders"`
	// Encoders issue a token from a payload whose ExpiryKeys entry holds
	// its expiry time.
	Encoders   []string `yaml:"encoders"`
	ExpiryKeys []string `yaml:"expiry_keys"`

	// SubjectKeys hold who the token is for (the user it names), not a
	// field of its own; ClaimFields name the token's field for a
	// registered claim (iat -> issued_at). Other payload entries are
	// fields of the token under their own names.
	SubjectKeys []string `yaml:"subject_keys"`
	// IdentityEncoders sign a token for the one identity they are given,
	// named by the keyword (or, given positionally, the first argument)
	// mapped here, the token's kind read from the function's name
	// (flask-jwt-extended's create_access_token(identity=user)).
	IdentityEncoders map[string]string `yaml:"identity_encoders"`
	ClaimFields      map[string]string `yaml:"claim_fields"`
	// MaxAgeArgs of a decoder give the token's lifetime from when it was
	// issued (django.core.signing.loads(token, max_age=...)).
	MaxAgeArgs []string `yaml:"max_age_args"`
	// RequestVerifiers check the token a request carries and leave its
	// decoded payload as the request's signed-in user (fastify-jwt's
	// req.jwtVerify(): req.user is {sub, jti, type, iat, exp}): when the
	// service calls one, the signed-in user is that token, its subject
	// the user.
	RequestVerifiers []string `yaml:"request_verifiers"`
	// SignCalls sign a payload into a token that is no JWT
	// (django.core.signing.dumps).
	SignCalls []string `yaml:"sign_calls"`
	// KindClaims are payload entries that name the kind of token
	// ({"action": TokenAction.ACTIVATION}): every kind is then one entity
	// whose claim of that name tells them apart, not an entity per
	// function that issues one.
	KindClaims []string `yaml:"kind_claims"`
	// SecretKinds are the kinds of token a signing secret's name may name
	// (JWT_REFRESH_SECRET, refreshSecret: refresh): a JWT that no function
	// names is of the kind its secret names, a helper shared by every
	// kind telling them apart only by the secret it is given.
	SecretKinds []string `yaml:"secret_kinds"`
	// SecretOptions are the option keys a signer takes its secret under
	// when the secret is no argument of its own (jwtService.sign(payload,
	// {secret})).
	SecretOptions []string `yaml:"secret_options"`
	// DefaultOptions are module registrations whose options carry a
	// signer's defaults: the lifetime of every token it signs without one
	// of its own.
	DefaultOptions *SignerDefaults `yaml:"default_options"`
}

// SignerDefaults describe a module registration that gives a signer its
// default options (@nestjs/jwt's JwtModule.register({signOptions:
// {expiresIn: '60s'}}), or registerAsync({useFactory: () => ({...})})).
type SignerDefaults struct {
	// Registrations are the calls; Factories the keys of their options
	// that hold a function returning the options instead.
	Registrations []string `yaml:"registrations"`
	Factories     []string `yaml:"factories"`
	// LifetimePath is the path of keys to the lifetime in the options.
	LifetimePath []string `yaml:"lifetime_path"`
	// Signers are the calls that sign with the registered defaults.
	Signers []string `yaml:"signers"`
}

// InstalledApps names the settings that list installed apps, the
// module of an app that holds its configuration class
// ("graphql_jwt.refresh_token.apps.RefreshTokenConfig" installs the app
// graphql_jwt.refresh_token) and the one that holds its models
// (graphql_jwt.refresh_token.models).
type InstalledApps struct {
	Settings []string `yaml:"settings"`
	// Object is the object the code reads the project's settings through
	// (django.conf.settings): a helper that only tests settings read
	// through it (hasattr(settings, "GRAPHQL_JWT")) is decided by the
	// settings module that defines Settings.
	Object       string `yaml:"object"`
	ConfigModule string `yaml:"config_module"`
	ModelsModule string `yaml:"models_module"`
}

// Inheritance describes single-table inheritance declared in a model's
// class body as a dict (SQLAlchemy's __mapper_args__ = {"polymorphic_on":
// type, "polymorphic_identity": "user"}): a row made through a class
// carries that class's identity in the discriminator column. Empty
// fields turn it off.
type Inheritance struct {
	// MapperAttr is the class attribute holding the dict.
	MapperAttr string `yaml:"mapper_attr"`
	// DiscriminatorKey is the key naming the column (by the column's
	// attribute or its name as a string).
	DiscriminatorKey string `yaml:"discriminator_key"`
	// IdentityKey is the key giving the class's value, a string.
	IdentityKey string `yaml:"identity_key"`
}

// Auth lists what marks a handler as reachable only by a signed-in user
// (or an administrator).
type Auth struct {
	Decorators      []string `yaml:"decorators"`
	AdminDecorators []string `yaml:"admin_decorators"`
	// Mixins and AdminMixins are bases of class-based views whose
	// dispatch lets only a signed-in user (an administrator) through
	// (Django's LoginRequiredMixin).
	Mixins                 []string `yaml:"mixins"`
	AdminMixins            []string `yaml:"admin_mixins"`
	Dependencies           []string `yaml:"dependencies"`
	AdminDependencies      []string `yaml:"admin_dependencies"`
	PermissionClasses      []string `yaml:"permission_classes"`
	AdminPermissionClasses []string `yaml:"admin_permission_classes"`
	// ModelPermissions: permission classes that let a user through only
	// with the framework's permission for the request's action on the
	// view's model (DRF's DjangoModelPermissions: a POST needs
	// app.add_<model>); nil for none.
	ModelPermissions *ModelPermissions `yaml:"model_permissions"`
	// ActiveSessions: the session backends whose get_user finds only
	// active users (Django's ModelBackend), the setting that lists the
	// backends in use and its default; nil for none.
	ActiveSessions *ActiveSessions `yaml:"active_sessions"`
	// StrategyFiles are the service's own authentication strategies, which
	// sign the request's user in after checking it (Strapi's
	// strategies/users-permissions.js): see StrategyFiles; nil for none.
	StrategyFiles *StrategyFiles `yaml:"strategy_files"`
	// AdminFields are the user's Boolean fields that make a user an
	// administrator (Django's is_staff): a handler only administrators
	// reach requires the first one the user entity has. Without one it
	// requires AdminFlag, a derived value of the user whose definition is
	// the service's own check, a black box named AdminCheck ("" for
	// neither).
	AdminFields      []string `yaml:"admin_fields"`
	AdminFlag        string   `yaml:"admin_flag"`
	AdminCheck       string   `yaml:"admin_check"`
	CurrentUserNames []string `yaml:"current_user_names"`
	// CurrentUserAttrs are names that stand for an attribute of the
	// signed-in user, set on the request by a middleware the service
	// keeps elsewhere (Healthchecks' request.profile: user.profile).
	CurrentUserAttrs map[string]string `yaml:"current_user_attrs"`
	// AdminCalls answer whether the signed-in user administers (CTFd's
	// is_admin()): a test of one reads as the user's admin field or flag.
	AdminCalls []string `yaml:"admin_calls"`
	// AdminPermissions are the user's methods that check a permission
	// by name, each with the permission that makes an administrator
	// (redash's has_permission("admin")): a call with it reads as the
	// user's admin field or flag.
	AdminPermissions map[string]string `yaml:"admin_permissions"`
	// KeyGuards are the request's attributes that say it carries a key
	// of the deployment's own (Parse Server's req.auth.isMaster, set by
	// its middleware from the X-Parse-Master-Key header), each with the
	// surface its holders reach the service through: a handler that
	// refuses any request without one (if (!req.auth.isMaster) throw)
	// is provided on that surface, and the refusal is said there.
	KeyGuards map[string]string `yaml:"key_guards"`
	// SignedInChecks and AnonymousChecks test the current user's session
	// (current_user.is_authenticated, .is_anonymous).
	SignedInChecks  []string `yaml:"signed_in_checks"`
	AnonymousChecks []string `yaml:"anonymous_checks"`
	// SessionGetters give the signed-in user's session, or nothing
	// (NextAuth's getServerSession): its user is the current user, and a
	// handler that turns the request away when there is none is for
	// signed-in users.
	SessionGetters []string `yaml:"session_getters"`
	// Subjects are the wrappers an auth dependency hands the handler
	// instead of the user (polar's AuthSubject[User]).
	Subjects Subjects `yaml:"subjects"`
}

// Subjects describes the objects an auth dependency yields around the
// signed-in user: Types name them (a parameter annotated with one of
// them, directly or through Annotated[T, Depends(...)], holds one);
// UserAttr is the attribute that is the user and SessionAttr the one
// that is the session the request was signed in with. That session is
// the entity whose name ends in one of SessionSuffixes and that belongs
// to a user; the spec's trigger takes it (session) and the user is
// session.user. Without such an entity the user is the signed-in user.
type Subjects struct {
	Types           []string `yaml:"types"`
	UserAttr        string   `yaml:"user_attr"`
	SessionAttr     string   `yaml:"session_attr"`
	SessionSuffixes []string `yaml:"session_suffixes"`
}

// ManagerMethod is a framework manager's method that adds a row: its
// parameters in order (each with a default of false after the first
// Required ones), the fields of the row it creates (a parameter's name,
// or "true"/"false"), and the message it sends when the parameter Flag is
// set: to the parameter To, with Template, or the template FlagTemplates
// gives for the first flag parameter set.
type ManagerMethod struct {
	Params        []string          `yaml:"params"`
	Required      int               `yaml:"required"`
	Creates       map[string]string `yaml:"creates"`
	Flag          string            `yaml:"flag"`
	To            string            `yaml:"to"`
	Template      string            `yaml:"template"`
	FlagTemplates map[string]string `yaml:"flag_templates"`
}

// SettingsObject gives the positions of a settings object's constructor
// arguments that hold its defaults dict and its list of the names whose
// values are import paths (-1: every name's is).
type SettingsObject struct {
	Defaults      int `yaml:"defaults"`
	ImportStrings int `yaml:"import_strings"`
}

// MailMethod is a framework model's method that mails the address its
// field To holds, with Template, or with FlagTemplates[p] when its
// parameter p is set. Params are its parameters after the receiver, each
// false when the caller does not give it.
type MailMethod struct {
	Params        []string          `yaml:"params"`
	To            string            `yaml:"to"`
	Template      string            `yaml:"template"`
	FlagTemplates map[string]string `yaml:"flag_templates"`
}

// StrategyFiles describes the functions named one of Functions, in a
// module directly in a directory named one of Dirs, that sign the
// request's user in by setting the request context's state user (catalog
// request_contexts: ctx.state.user = user). Each test that ends such a
// function before that statement, on that user (if (user.blocked) return
// {error}), is refused of every signed-in user: a handler reading the
// signed-in user requires the opposite of it.
type StrategyFiles struct {
	Dirs      []string `yaml:"dirs"`
	Functions []string `yaml:"functions"`
}

// ActiveSessions describes session backends that refuse inactive users:
// when every backend Setting lists (Default when the service sets none)
// is one of Backends, or a class of the service derived from one that
// does not write its own Getter, a signed-in user has the
// authenticate_active flags set.
type ActiveSessions struct {
	Setting  string   `yaml:"setting"`
	Default  []string `yaml:"default"`
	Backends []string `yaml:"backends"`
	Getter   string   `yaml:"getter"`
}

// ModelPermissions describes model-permission classes: Classes are the
// classes; Actions maps a view's handler method (post, update...) to the
// action whose permission it needs (add, change, delete); Check is the
// black box the spec states it with (has_permission(user, add_user)) and
// Enum the enum whose literals the permissions are;
// Getters are view methods that pick the classes at run time, which
// leave the permission unstated.
//
// Bases are the framework's classes a permission class of the service may
// derive from to ask the same; Overrides the methods whose definition in
// such a class makes it ask something else; Methods maps a handler method
// to the HTTP methods it serves, PermsMap names the class attribute
// mapping an HTTP method to the permissions it needs, each written
// PermPrefix + action + PermSuffix.
type ModelPermissions struct {
	Classes    []string            `yaml:"classes"`
	Bases      []string            `yaml:"bases"`
	Actions    map[string]string   `yaml:"actions"`
	Methods    map[string][]string `yaml:"methods"`
	PermsMap   string              `yaml:"perms_map"`
	PermPrefix string              `yaml:"perm_prefix"`
	PermSuffix string              `yaml:"perm_suffix"`
	Overrides  []string            `yaml:"overrides"`
	Check      string              `yaml:"check"`
	Enum       string              `yaml:"enum"`
	Getters    []string            `yaml:"getters"`
}

// Sink is an outgoing-message call: what entity it creates and which
// arguments hold the recipient and the template. An argument is a keyword
// name or a position written "#0", "#1"...
type Sink struct {
	Names     []string `yaml:"names"`
	Entity    string   `yaml:"entity"`
	Recipient []string `yaml:"recipient"`
	Template  []string `yaml:"template"`
	// RecipientField: the recipient argument is a row of the user, and
	// the message goes to this field of it (its address); "" when the
	// argument is the address itself.
	RecipientField string `yaml:"recipient_field"`
}

// OpaqueSenders says which functions of the service are mail senders by
// their own look, for where their bodies cannot be followed to a sink.
type OpaqueSenders struct {
	// Entity is the spec entity a send creates.
	Entity string `yaml:"entity"`
	// Words: one of them is a word of the function's snake-case name
	// (enqueue_email_template: email).
	Words []string `yaml:"words"`
	// Verbs: and one of them is a word of it too (enqueue): a name
	// with only the mail word may build a message rather than send it
	// (generate_reset_password_email).
	Verbs []string `yaml:"verbs"`
	// RecipientParams name the parameter that takes the address
	// (to_email_addr): a function with none is no sender, and one whose
	// argument for it is not given says no recipient.
	RecipientParams []string `yaml:"recipient_params"`
	// Template lists the arguments (keyword or "#n") that name the
	// message, as a sink's template does.
	Template []string `yaml:"template"`
	// AddressParams name, besides RecipientParams, parameters that take
	// an address or its owner (email, user), and AddressSuffixes the
	// endings of such names (new_email): a service's own method named
	// like a catalogued sender with none of them takes no address, and
	// its body says whom it mails.
	AddressParams   []string `yaml:"address_params"`
	AddressSuffixes []string `yaml:"address_suffixes"`
}

// SenderDecorator is a decorator factory that makes the function it
// decorates a sender of one message per call.
type SenderDecorator struct {
	Names []string `yaml:"names"`
	// Entity is the spec entity each call creates.
	Entity string `yaml:"entity"`
	// Template is the decorator's argument (position "#0" or keyword)
	// that names the message's template.
	Template string `yaml:"template"`
	// Recipient is the position ("#1") of the decorated function's
	// argument holding whom the message goes to: a row of the user, whose
	// address field it is sent to, or a tuple of rows whose element at
	// PairAddress is the address row to send to instead.
	Recipient   string `yaml:"recipient"`
	PairAddress int    `yaml:"pair_address"`
	// AddressField is the field of a recipient row holding its address.
	AddressField string `yaml:"address_field"`
	// AnyAddress is the decorator's keyword that, set true, sends to the
	// address whatever its state; without it the message goes only to an
	// address the wrapper judges deliverable (verified), which the spec
	// cannot state, so such a send is left out. "" when every call sends.
	AnyAddress string `yaml:"any_address"`
}

// Default returns the embedded catalog (configs/patterns.yaml).
func Default() (*Catalog, error) {
	return parse("configs/patterns.yaml", configs.Patterns)
}

// MustDefault is Default for callers that ship the embedded catalog; the
// embedded file is tested, so a failure is a build defect.
func MustDefault() *Catalog {
	c, err := Default()
	if err != nil {
		panic(err)
	}
	return c
}

// Load reads the catalog file at path and lays it over the embedded
// default: each language section of the file replaces the lists it names
// and keeps the others; a new language is added whole.
func Load(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read pattern catalog: %w", err)
	}
	over, err := parse(path, data)
	if err != nil {
		return nil, err
	}
	base, err := Default()
	if err != nil {
		return nil, err
	}
	for id, l := range over.Languages {
		if cur, ok := base.Languages[id]; ok {
			overlay(cur, l)
		} else {
			base.Languages[id] = l
		}
	}
	base.digest = ""
	base.computeDigest()
	return base, nil
}

// overlay copies every non-empty field of over into base.
func overlay(base, over *Language) {
	bv, ov := reflect.ValueOf(base).Elem(), reflect.ValueOf(over).Elem()
	for i := range ov.NumField() {
		if !ov.Field(i).IsZero() {
			bv.Field(i).Set(ov.Field(i))
		}
	}
}

var yamlLineRE = regexp.MustCompile(`(?:yaml: )?line (\d+): `)

func parse(path string, data []byte) (*Catalog, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("pattern catalog %s: %w", path, lineError(path, err))
	}
	if c.Version != 1 {
		return nil, fmt.Errorf("pattern catalog %s: version %d is not supported (want 1)", path, c.Version)
	}
	if len(c.Languages) == 0 {
		return nil, fmt.Errorf("pattern catalog %s: no languages", path)
	}
	for id, l := range c.Languages {
		if l == nil {
			return nil, fmt.Errorf("pattern catalog %s: language %q is empty", path, id)
		}
		for i, s := range l.Sinks {
			if len(s.Names) == 0 || s.Entity == "" {
				return nil, fmt.Errorf("pattern catalog %s: %s sink %d needs names and entity", path, id, i+1)
			}
		}
		for i, s := range l.SenderDecorators {
			if len(s.Names) == 0 || s.Entity == "" || s.Template == "" || s.Recipient == "" || s.AddressField == "" {
				return nil, fmt.Errorf("pattern catalog %s: %s sender_decorators %d needs names, entity, template, recipient and address_field", path, id, i+1)
			}
		}
		for name, q := range l.Quantifiers {
			if q != "any" && q != "all" {
				return nil, fmt.Errorf("pattern catalog %s: %s quantifiers: %s maps to %q, not any or all", path, id, name, q)
			}
		}
		for name, ct := range l.CharTests {
			if ct.Any == "" || ct.All == "" {
				return nil, fmt.Errorf("pattern catalog %s: %s char_tests: %s needs any and all", path, id, name)
			}
		}
		for word, op := range l.FilterOperators {
			if !slices.Contains([]string{"=", "!=", "<", "<=", ">", ">=", "in"}, op) {
				return nil, fmt.Errorf("pattern catalog %s: %s filter_operators: %s maps to %q, not one of = != < <= > >= in", path, id, word, op)
			}
		}
	}
	c.computeDigest()
	return &c, nil
}

// lineError rewrites yaml's "line N: msg" into "path:N: msg" so that
// editors can jump to the problem.
func lineError(path string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs := make([]string, len(te.Errors))
		for i, m := range te.Errors {
			msgs[i] = yamlLineRE.ReplaceAllString(m, path+":$1: ")
		}
		return errors.New(strings.Join(msgs, "; "))
	}
	return errors.New(yamlLineRE.ReplaceAllString(err.Error(), path+":$1: "))
}

// computeDigest hashes the canonical re-encoding of the catalog, so that
// comments and formatting do not change it but any pattern does.
func (c *Catalog) computeDigest() {
	canon, err := yaml.Marshal(struct {
		Version   int                  `yaml:"version"`
		Languages map[string]*Language `yaml:"languages"`
	}{c.Version, c.Languages})
	if err != nil {
		// Marshalling plain strings, slices and maps cannot fail.
		panic(fmt.Sprintf("catalog: encode for digest: %v", err))
	}
	sum := sha256.Sum256(canon)
	c.digest = hex.EncodeToString(sum[:])
}

// Digest returns the hex sha256 of the catalog's canonical content.
func (c *Catalog) Digest() string { return c.digest }

// Language returns the patterns of one language, or nil.
func (c *Catalog) Language(id string) *Language {
	if c == nil {
		return nil
	}
	return c.Languages[id]
}

// LanguageIDs returns the catalog's languages, sorted.
func (c *Catalog) LanguageIDs() []string {
	ids := make([]string, 0, len(c.Languages))
	for id := range c.Languages {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// SwappableUser names the entity the settings-picked user model becomes
// and the base of InheritedFields whose fields it is known to have.
type SwappableUser struct {
	Name string `yaml:"name"`
	Base string `yaml:"base"`
}

// Match reports whether dotted name matches one of patterns by its last
// segments ("app.extensions.db.Model" matches "db.Model" and "Model").
func Match(patterns []string, name string) bool {
	if name == "" {
		return false
	}
	for _, p := range patterns {
		if name == p || (len(name) > len(p) && strings.HasSuffix(name, p) && name[len(name)-len(p)-1] == '.') {
			return true
		}
	}
	return false
}

// MatchAny reports whether any of names matches one of patterns.
func MatchAny(patterns []string, names ...string) bool {
	for _, n := range names {
		if Match(patterns, n) {
			return true
		}
	}
	return false
}

// TypeOf returns the domain type ("String", "Timestamp"...) of a column or
// annotation type name, matched by its last segment, or "".
func (l *Language) TypeOf(name string) string {
	last := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		last = name[i+1:]
	}
	keys := make([]string, 0, len(l.Types))
	for k := range l.Types {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(l.Types[k], last) {
			return k
		}
	}
	return ""
}

// NormaliserFor returns the normaliser whose call name matches one of
// names (by Match's rule), and whether there is one. Keys are tried in
// order so the answer does not depend on the map's.
func (l *Language) NormaliserFor(names ...string) (Normaliser, bool) {
	keys := make([]string, 0, len(l.NormaliserCalls))
	for k := range l.NormaliserCalls {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if MatchAny([]string{k}, names...) {
			return l.NormaliserCalls[k], true
		}
	}
	return Normaliser{}, false
}

// SenderDecoratorFor returns the sender decorator whose names match, or nil.
func (l *Language) SenderDecoratorFor(names ...string) *SenderDecorator {
	for i := range l.SenderDecorators {
		if MatchAny(l.SenderDecorators[i].Names, names...) {
			return &l.SenderDecorators[i]
		}
	}
	return nil
}

// SinkFor returns the sink whose names match callee, or nil.
func (l *Language) SinkFor(names ...string) *Sink {
	for i := range l.Sinks {
		if MatchAny(l.Sinks[i].Names, names...) {
			return &l.Sinks[i]
		}
	}
	return nil
}

// Normalisers maps a normalising call's name to how the spec writes it.
// It also reads the list form catalogs wrote before a normaliser had a
// spec name (normaliser_calls: [normalize_email]): each name then has an
// empty Spec, so a user's older override keeps loading and its calls are
// left out, never read as their bare argument.
type Normalisers map[string]Normaliser

// UnmarshalYAML decodes the map form, or the older list of names.
func (n *Normalisers) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind == yaml.SequenceNode {
		var names []string
		if err := node.Decode(&names); err != nil {
			return err
		}
		m := make(Normalisers, len(names))
		for _, name := range names {
			m[name] = Normaliser{}
		}
		*n = m
		return nil
	}
	var m map[string]Normaliser
	if err := node.Decode(&m); err != nil {
		return err
	}
	*n = m
	return nil
}

// Normaliser is how the spec writes a normalising call: Spec names the
// black-box function (lowercase, lowercase_domain); Keeps names the
// functions whose results it gives back unchanged (lowercasing only the
// domain of an address already lowercased changes nothing), so
// normalize_email(email.lower()) reads as lowercase(email). An empty Spec
// means the spec has no right name for it: what it flows into is left
// out rather than stated of the raw value.
// CharTest names the black-box functions that say that some (Any) or
// every (All) character of a text passes a character-class test.
type CharTest struct {
	Any string `yaml:"any"`
	All string `yaml:"all"`
}

type Normaliser struct {
	Spec  string   `yaml:"spec"`
	Keeps []string `yaml:"keeps"`
	// Options names the keys an options object given after the value
	// may set without changing what Spec says of the result
	// (normalizeEmail(email, {gmail_remove_dots: false}) still lowercases
	// the whole address); an object with any other key, or one not
	// written out, is not read and the call's value is unknown.
	Options []string `yaml:"options"`
	// EndsOnly: the normaliser cuts white space at the ends and changes
	// nothing else (strip), so a text holding no white space is inside
	// the result exactly when it is inside the argument.
	EndsOnly bool `yaml:"ends_only"`
	// Receiver: a method that normalises the object it is called on
	// (x.strip(), x.upper()), never its argument: x.lstrip(".") cuts
	// dots from x, and is no normalising of ".".
	Receiver bool `yaml:"receiver"`
	// Lead: the call takes, before the value, a literal naming the form
	// (unicodedata.normalize("NFKC", x)), which must be one of these for
	// Spec to be what it makes of the value; with any other form the
	// call is not read as this normaliser.
	Lead []string `yaml:"lead"`
}

// PasswordView is what a framework password-change view does on POST:
// it requires the current password (input Old, when given) to verify,
// the new one (input New) repeated in its confirmation
// (password_confirmations) and passing the configured validators, and
// sets it with the user's method Setter (a model's override runs).
type PasswordView struct {
	Old string `yaml:"old"`
	New string `yaml:"new"`
	// Validated is the input the password validators run on when it is
	// not New (dj-rest-auth validates through SetPasswordForm:
	// new_password2).
	Validated string `yaml:"validated"`
	Setter    string `yaml:"setter"`
	// Own are methods a subclass writing answers the POST itself (beside
	// post); Form, FormArg and Overrides, when Form is set, are the form
	// the view validates as for a reset view: a view given another form
	// is left unstated.
	Own       []string `yaml:"own"`
	Form      string   `yaml:"form"`
	FormArg   string   `yaml:"form_arg"`
	Overrides []string `yaml:"overrides"`
}

// ResetView is what a framework password-reset view does with a valid
// POST, routed as it is (path(..., View.as_view(...))) or subclassed
// without a POST of its own. Does is request (the POST mails a reset
// token to the users the posted address matches) or confirm (it sets
// the password of the user the token names). Form is the form it
// validates, or the one the FormArg keyword or class attribute names:
// the catalogued form itself, or a subclass of it overriding none of
// Overrides. Token is the entity a reset token is stated as, made for
// the user and holding the user's fields the token's hash covers (user
// field -> token field), valid for Lifetime.
type ResetView struct {
	Does      string   `yaml:"does"`
	Form      string   `yaml:"form"`
	FormArg   string   `yaml:"form_arg"`
	Overrides []string `yaml:"overrides"`
	// New, Validated and Setter are a confirmation's inputs, as for a
	// password view.
	New       string `yaml:"new"`
	Validated string `yaml:"validated"`
	Setter    string `yaml:"setter"`
	// Input is the address a request matches users by (case-insensitively,
	// on the user model's e-mail field; active users with a usable
	// password); the mail's template is the string the TemplateArg
	// keyword gives, else TemplateDefault.
	Input           string `yaml:"input"`
	TemplateArg     string `yaml:"template_arg"`
	TemplateDefault string `yaml:"template_default"`
	// Changing are keywords of as_view (or class attributes) that change
	// what the POST does (a login after the reset, another token
	// generator): given anything but False, the view is left unstated.
	Changing []string `yaml:"changing"`
	// ReadOwn are methods among Overrides that a subclass of the form may
	// write and still be stated: its own method is walked in place of the
	// framework's (Oscar's PasswordResetForm.save). Users is the form's
	// method giving the users a request matches by the input it is given
	// (get_users: the active users whose e-mail matches, as Input does),
	// read where such a walk loops over it; TokenMakers are the calls
	// that make a reset token for the user given first
	// (default_token_generator.make_token), stated as the token created
	// where the walk meets them.
	ReadOwn []string `yaml:"read_own"`
	// Getter is the view's method making its shape (DRF's
	// get_serializer), read where a subclass writes its own POST: save()
	// on what it gives runs what the view does (dj-rest-auth's
	// PasswordResetConfirmView.post, kept in openwisp-users' subclass).
	Getter      string            `yaml:"getter"`
	Users       string            `yaml:"users"`
	TokenMakers []string          `yaml:"token_makers"`
	Token       string            `yaml:"token"`
	Hashed      map[string]string `yaml:"hashed"`
	Lifetime    SessionLifetime   `yaml:"lifetime"`
}

// LoginView is what a framework sign-in view's POST does: it makes Form
// (or the form the first of FormArgs given names, as an as_view keyword
// or a class attribute) with the request and its Data, and when the form is valid
// calls Login with the request and what the form's Getter answers.
type LoginView struct {
	Form     string   `yaml:"form"`
	FormArgs []string `yaml:"form_args"`
	Data     string   `yaml:"data"`
	Getter   string   `yaml:"getter"`
	Login    string   `yaml:"login"`
	Own      []string `yaml:"own"`
	// Overrides are the form's methods a subclass of the service writing
	// one of validates otherwise (AuthenticationForm.clean calls
	// confirm_login_allowed): the view is left unstated.
	Overrides []string `yaml:"overrides"`
}

// TokenView is what a framework token view's POST reads and issues: the
// user model's attribute naming the login input (USERNAME_FIELD, default
// Default) and the password input, passed to the catalog's authenticate
// call; the token's entity and its lifetime (Setting may name an entry of
// a dict setting, JWT_AUTH.JWT_EXPIRATION_DELTA).
type TokenView struct {
	LoginAttr    string `yaml:"login_attr"`
	LoginDefault string `yaml:"login_default"`
	Password     string `yaml:"password"`
	Token        string `yaml:"token"`
	// KeySetting names the setting (a dict's entry) that holds the dotted
	// path of the service's function giving the key a user's tokens carry,
	// as the KeyClaim field; the token holds while the key does.
	KeySetting string          `yaml:"key_setting"`
	KeyClaim   string          `yaml:"key_claim"`
	Lifetime   SessionLifetime `yaml:"lifetime"`
	// Refresh is the stored refresh token issued beside the signed one
	// when a setting turns it on (graphql_jwt's long-running refresh
	// tokens); nil when the framework issues none.
	Refresh *RefreshIssue `yaml:"refresh"`
}

// TokenMutation is the method of a framework mutation base that runs
// under a sign-in decorator (a TokenDecorators key).
type TokenMutation struct {
	Method    string `yaml:"method"`
	Decorator string `yaml:"decorator"`
}

// RefreshTokenMutation is what the method of a framework mutation base
// does with the stored refresh token its input names, while a boolean
// setting (a dict setting's entry) is set to true; with it off the base
// does something else (graphql_jwt's keep-alive refresh of a signed token)
// that this does not describe.
type RefreshTokenMutation struct {
	Method  string `yaml:"method"`
	Setting string `yaml:"setting"`
	// Input is the mutation's input that holds the token; the row is
	// found by it among those whose Revoked field is unset.
	Input string `yaml:"input"`
	// Model is the framework model (a framework_models key) of the rows;
	// User its field holding the user, Stamp the one set when it is
	// created, Revoked the one set when it is revoked.
	Model   string `yaml:"model"`
	User    string `yaml:"user"`
	Stamp   string `yaml:"stamp"`
	Revoked string `yaml:"revoked"`
	// Action is refresh (a row past Expiry after its Stamp is refused; a
	// signed token is issued for its user as Decorator issues one, and a
	// new row unless the Reuse setting is true) or revoke (Revoked set to
	// the time).
	Action    string          `yaml:"action"`
	Expiry    SessionLifetime `yaml:"expiry"`
	Decorator string          `yaml:"decorator"`
	Reuse     string          `yaml:"reuse"`
}

// RefreshIssue is a row of a framework model created for the user a token
// is issued to, when a boolean setting (a dict setting's entry:
// GRAPHQL_JWT.JWT_LONG_RUNNING_REFRESH_TOKEN) is set to true.
type RefreshIssue struct {
	Setting string `yaml:"setting"`
	// Model is the framework model (a framework_models key) of the row.
	Model string `yaml:"model"`
	// User is the row's field that holds the user; Stamp the one set to
	// the time it is created.
	User  string `yaml:"user"`
	Stamp string `yaml:"stamp"`
}

// PasswordValidators names the setting that lists the password validators
// and what each validator class (by its last name) requires.
type PasswordValidators struct {
	// Setting is the module-level list of {"NAME": "...", "OPTIONS":
	// {...}} entries.
	Setting string `yaml:"setting"`
	// MinLength validators require a minimum length, the option
	// MinLengthOption or else MinLengthDefault.
	MinLength        []string `yaml:"min_length"`
	MinLengthOption  string   `yaml:"min_length_option"`
	MinLengthDefault int      `yaml:"min_length_default"`
	// General validators (similarity to the user, common or all-numeric
	// passwords) are stated together as valid_password(p).
	General []string `yaml:"general"`
	// Method is what validation calls on a validator class of the
	// service's own (validate(password, user)): its failures are
	// preconditions too.
	Method string `yaml:"method"`
	// Calls run the configured validators on their first argument
	// (Django's password_validation.validate_password(password, user)).
	Calls []string `yaml:"calls"`
}

// ListedBound is one validator a form field lists that bounds its input
// (Language.ListedBounds): Args maps each of its arguments to the
// constraint keyword it gives.
type ListedBound struct {
	Names []string          `yaml:"names"`
	Args  map[string]string `yaml:"args"`
}

// ListedCheck is one validator of Language.ListedChecks: with EqualTo
// set, the argument (a keyword, or a position as "#0") naming the field
// the input must equal; else the Predicate the input must satisfy.
type ListedCheck struct {
	Names     []string `yaml:"names"`
	EqualTo   string   `yaml:"equal_to"`
	Predicate string   `yaml:"predicate"`
}

// RequiredChecks names the check box fields of a form and the validators
// that make one required (Language.RequiredChecks).
type RequiredChecks struct {
	Fields     []string `yaml:"fields"`
	Validators []string `yaml:"validators"`
}

// RequestContext is a handler parameter (one of Params) that holds the
// request and what middleware stored for it (Koa's ctx): its Request
// attribute is the request (ctx.request.body), its Inputs attributes hold
// request inputs read by key (ctx.params, ctx.query), and the user
// attribute of its State attribute is the signed-in user (ctx.state.user).
type RequestContext struct {
	Params  []string `yaml:"params"`
	Request string   `yaml:"request"`
	Inputs  []string `yaml:"inputs"`
	State   string   `yaml:"state"`
}

// SettingsStore is a key-value store of settings objects edited at run
// time. A Sets call given {Key: K, Value: {...}} stores the defaults of
// the settings object K (Strapi's bootstrap: pluginStore.set({key:
// 'advanced', value})); each entry with a literal value is a config
// parameter. A Gets call given {Key: K}, or made on a store a Stores call
// opened with Key: K (strapi.store({..., key: 'advanced'}).get()),
// answers that settings object, whose attributes are those parameters.
type SettingsStore struct {
	Stores []string `yaml:"stores"`
	Gets   []string `yaml:"gets"`
	Sets   []string `yaml:"sets"`
	Key    string   `yaml:"key"`
	Value  string   `yaml:"value"`
}

// ServiceLocator is a call (one of Calls) whose string argument names a
// module of one of Dirs (its file name without the extension); the call
// answers what the module exports: an object literal, or the one its
// exported factory function returns.
type ServiceLocator struct {
	Calls []string `yaml:"calls"`
	Dirs  []string `yaml:"dirs"`
}

// UpdateFieldOps describe an update's per-field operators: the key that
// names the operator in a field's value, and the operators that clear it.
type UpdateFieldOps struct {
	Key    string   `yaml:"key"`
	Clears []string `yaml:"clears"`
}

// WebhookEvents describe the event-dispatch idiom of a webhook handler:
// a call verifies the posted event and gives it back (Stripe's
// stripe.webhooks.constructEvent(body, signature, secret)), and the
// handler does one thing per kind of event (if (event.type ===
// "checkout.session.completed") {...}, or a switch on event.type). Each
// branch on a kind is a rule of its own; the event's fields are inputs.
type WebhookEvents struct {
	// Verifiers are the calls that give back a verified event.
	Verifiers []string `yaml:"verifiers"`
	// TypeFields are the event's fields that name its kind; they read as
	// the trigger's event_type.
	TypeFields []string `yaml:"type_fields"`
	// PayloadFields wrap the event's data (event.data.object.metadata):
	// reading one gives the same event's data, not an input of its own.
	PayloadFields []string `yaml:"payload_fields"`
	// Fetches are methods of the sender's API that fetch an object an
	// event field names (stripe.subscriptions.retrieve(session.
	// subscription)): the object is the sender's, its fields inputs too,
	// named after the resource (subscription.id is subscription_id).
	Fetches []string `yaml:"fetches"`
}

// CallbackTrigger names the calls (Calls) whose object argument's function
// entries under Keys are handlers.
type CallbackTrigger struct {
	Calls []string `yaml:"calls"`
	Keys  []string `yaml:"keys"`
}

// UserRouters describes a user-management library whose object (made by
// a call of one of Owners) has methods that make routers of the
// library's own routes on the service's user model, which run the hooks
// of the service's user manager (a class deriving from one of
// ManagerBases).
type UserRouters struct {
	Owners       []string `yaml:"owners"`
	ManagerBases []string `yaml:"manager_bases"`
	// UserBases are the library's user tables: the service's model
	// deriving from one is the user the routes work on.
	UserBases []string `yaml:"user_bases"`
	// Login is the user's field a user is found by; Password the one
	// holding the password's hash; Active and Verified its flags.
	Login    string `yaml:"login"`
	Password string `yaml:"password"`
	// HashCall and VerifyCall are catalogued hash and verify calls
	// (hash_calls, verify_calls: verify(plain, hash)) standing for the
	// library's password helper.
	HashCall   string `yaml:"hash_call"`
	VerifyCall string `yaml:"verify_call"`
	// PasswordCheck is the manager's method that validates a new
	// password (raising to refuse it), which the library's does not do:
	// the service's override is inlined where the library calls it.
	PasswordCheck string `yaml:"password_check"`
	Active        string `yaml:"active"`
	Verified      string `yaml:"verified"`
	// Defaults are the values a new user's inherited fields get from the
	// library's table when the route leaves them unset ("true", "false").
	Defaults map[string]string `yaml:"defaults"`
	// Factories: a method of the object -> the routes its router holds.
	Factories map[string][]UserRoute `yaml:"factories"`
	// Strategies are the library's token strategies a sign-in route's
	// backend gets from its get_strategy function: the class -> the
	// keyword of its token lifetime in seconds (none: the token does not
	// expire) and the config it is stated as.
	Strategies map[string]UserRouteExpiry `yaml:"strategies"`
}

// UserRoute is one route of a library router: the trigger it is named
// by, what it does (Action: register, forgot_password, request_verify),
// the inputs it reads, the manager hook it runs after (the service's
// override is inlined) and the lifetime of the token it makes.
type UserRoute struct {
	Name     string          `yaml:"name"`
	Action   string          `yaml:"action"`
	Inputs   []string        `yaml:"inputs"`
	Hook     string          `yaml:"hook"`
	Token    string          `yaml:"token"`
	Lifetime UserRouteExpiry `yaml:"lifetime"`
	// Backend is the factory's parameter (a keyword, else its position)
	// holding the sign-in route's authentication backend, whose
	// BackendStrategy keyword names the function making its strategy;
	// Verified the keyword (else position) that, when true, refuses an
	// unverified user.
	Backend         UserRouteArg `yaml:"backend"`
	BackendStrategy string       `yaml:"backend_strategy"`
	VerifiedFlag    UserRouteArg `yaml:"verified_flag"`
}

// UserRouteArg is an argument of a factory call, by keyword or position.
type UserRouteArg struct {
	Keyword  string `yaml:"keyword"`
	Position int    `yaml:"position"`
}

// UserRouteExpiry is a token lifetime the manager class may set as a
// class attribute (seconds), else the library's default; for a
// strategy, Attr is the keyword of its constructor giving it.
type UserRouteExpiry struct {
	Attr           string `yaml:"attr"`
	DefaultSeconds int64  `yaml:"default_seconds"`
	Config         string `yaml:"config"`
}

// NamedCheck is one entry of Language.NamedChecks: calls by Names, the
// predicate they state of the argument Arg ("#0" the first positional
// one, else a keyword), and whether the call raises instead of answering.
type NamedCheck struct {
	Names     []string `yaml:"names"`
	Predicate string   `yaml:"predicate"`
	Arg       string   `yaml:"arg"`
	Asserts   bool     `yaml:"asserts"`
	// User, with Predicate "verify": the argument naming the user
	// whose password Field the secret (Arg) is verified against
	// (warehouse's user_service.check_password(userid, password) is
	// verify(password, user.password)).
	User  string `yaml:"user"`
	Field string `yaml:"field"`
	// Args, for a predicate of several arguments (a permission check:
	// permitted(actor, operation, context)), are the call's arguments in
	// the predicate's order, in place of Arg: "#n" or a keyword name,
	// alternatives joined by "|" (the first the call passes is read), an
	// entry ending in "?" left out when the call passes none. A call that
	// lacks a required one is not this check.
	Args []string `yaml:"args"`
	// Answers, with Asserts: a keyword that, passed as False, makes the
	// call answer the predicate instead of raising unless it holds
	// (raise_permission_exceptions=False).
	Answers string `yaml:"answers"`
}

// NamedCheckFor returns the first entry of checks that names one of
// names, or nil.
func NamedCheckFor(checks []NamedCheck, names ...string) *NamedCheck {
	for i := range checks {
		if MatchAny(checks[i].Names, names...) {
			return &checks[i]
		}
	}
	return nil
}

// TemplateFiles are the calls that read a template's text from a file
// (Reads), with the file's path given whole or joined from parts (Joins,
// the last part naming the file), the extensions of template files
// (Extensions: a read of any other file is no template) and the calls that
// compile the text read into the function that renders it (Compilers).
// PathReads are methods of a path object that read its file, the path
// being the receiver (pathlib's path.read_text()); JoinOperators the
// operators that join a path's parts (pathlib's base / "dir" / name), the
// right-hand part naming the file. Renders are methods of a compiled
// template that render it (jinja2's Template(text).render(context)): the
// text rendered is of that template.
type TemplateFiles struct {
	Reads         []string `yaml:"reads"`
	PathReads     []string `yaml:"path_reads"`
	Joins         []string `yaml:"joins"`
	JoinOperators []string `yaml:"join_operators"`
	Extensions    []string `yaml:"extensions"`
	Compilers     []string `yaml:"compilers"`
	Renders       []string `yaml:"renders"`
}

// UniqueKeys says where a model class declares a unique key over several
// of its columns. A filter that pins every column of such a key selects at
// most one row, which the spec names by a lookup (Member{user, project}).
type UniqueKeys struct {
	// Calls construct one constraint (UniqueConstraint) over the columns
	// its FieldsKeyword lists (Django's fields=[...]), or, a call without
	// that keyword, over the column names given as positional strings
	// (SQLAlchemy's UniqueConstraint("a", "b")).
	Calls         []string `yaml:"calls"`
	FieldsKeyword string   `yaml:"fields_keyword"`
	// PartialKeywords make a constraint hold for some rows only
	// (Django's condition=Q(...), postgresql_where=): such a key pins
	// no row of the others, so it is not read.
	PartialKeywords []string `yaml:"partial_keywords"`
	// MetaClass is the model's inner options class (Django's Meta);
	// MetaLists its attributes listing constraint calls (constraints),
	// MetaKeySets those listing the keys as tuples of names
	// (unique_together, one tuple or a list of them).
	MetaClass   string   `yaml:"meta_class"`
	MetaLists   []string `yaml:"meta_lists"`
	MetaKeySets []string `yaml:"meta_key_sets"`
	// ClassLists are class attributes holding constraint calls among
	// other table options (SQLAlchemy's __table_args__).
	ClassLists []string `yaml:"class_lists"`
	// ClassDecorators: the model class's decorators may be constraint
	// calls (TypeORM's @Unique(["a", "b"]); Prisma's @@unique([a, b]),
	// which the schema reader gives as prisma.unique(fields=[...])).
	ClassDecorators bool `yaml:"class_decorators"`
}

// GraphQLNodes describes relay's global ids as a GraphQL framework reads
// them: an id is a node type's name and a row's key, encoded together, and
// a node type (a class whose inner Meta names a model, graphene-django's
// DjangoObjectType) stands for the model's rows.
type GraphQLNodes struct {
	// Meta is the node type's inner class and the attribute in it that
	// names the model (class Meta: model = models.Address).
	Meta *ShapeMeta `yaml:"meta"`
	// Decoders take a global id (their first argument) and give back the
	// pair (type name, key): graphene's Node.from_global_id. The key is
	// the id the caller holds, in another form.
	Decoders []string `yaml:"decoders"`
	// GlobalLookups find the row a global id names: the id is the
	// argument at IDArg, the node type the keyword TypeKeyword (or the
	// argument after the id). graphene's
	// Node.get_node_from_global_id(info, global_id, only_type=T).
	GlobalLookups []string `yaml:"global_lookups"`
	// TypeLookups are methods of a node type that find its model's row by
	// a key (the argument at IDArg): DjangoObjectType.get_node(info, id).
	TypeLookups []string `yaml:"type_lookups"`
	// Bases are the framework classes a node type derives from: a class
	// with a Meta naming a model is a node type only under one of them (a
	// DRF serializer or a Django form has such a Meta too).
	Bases []string `yaml:"bases"`
	// SchemaTypes are the schema's lookups of a type by its name
	// (info.schema.get_type(name)), and TypeAttrs the attributes of what
	// they give that are the node type itself (.graphene_type).
	SchemaTypes []string `yaml:"schema_types"`
	TypeAttrs   []string `yaml:"type_attrs"`
	IDArg       int      `yaml:"id_arg"`
	TypeKeyword string   `yaml:"type_keyword"`
	// OptionsAttr is the class attribute that holds the options a
	// mutation class's inner Meta sets (graphene's SubclassWithMeta keeps
	// them as cls._meta): cls._meta.model is the model the Meta names.
	OptionsAttr string `yaml:"options_attr"`
	// Abstract is the Meta option that makes a mutation class abstract
	// (graphene's abstract = True): a base for others, no field of the
	// schema, so no handler.
	Abstract string `yaml:"abstract"`
	// Permissions: the permissions a mutation's Meta lists, and the
	// service's checks that a request's requestor holds them.
	Permissions *MetaPermissions `yaml:"permissions"`
}

// MetaPermissions describes the permissions a GraphQL mutation's inner
// Meta lists (saleor's permissions = (ProductPermissions.MANAGE_PRODUCTS,),
// read as cls._meta.permissions) and the service's functions that check
// them against whoever made the request.
type MetaPermissions struct {
	// Attr is the Meta's attribute listing the permissions.
	Attr string `yaml:"attr"`
	// Checks are the functions that answer whether the requestor holds
	// the permissions listed in their argument Arg: one of them (All
	// false) or every one (All true).
	Checks []PermissionListCheck `yaml:"checks"`
	// Predicate states that an actor holds a permission, a literal of
	// the service's enum of it: has_permission(user, manage_products).
	Predicate string `yaml:"predicate"`
	// Filters are enum classes whose members, listed with the
	// permissions, are tests of who asks rather than permissions
	// (saleor's AuthorizationFilters): a list holding one is not stated.
	Filters []string `yaml:"filters"`
	// FilterTests are what a filter listed among the permissions asks of
	// who made the request, by Class.MEMBER: that an app made it (Actor
	// "app"), or a signed-in user whose Boolean Fields all hold (Actor
	// "user"). A filter without a test leaves the list unread.
	FilterTests map[string]FilterTest `yaml:"filter_tests"`
	// HoldsAll are the actor's methods answering whether it holds every
	// permission of a list (Django's user.has_perms(perms)).
	HoldsAll []string `yaml:"holds_all"`
	// HoldsOne are its methods answering whether it holds the one
	// permission given (app.has_perm(CheckoutPermissions.HANDLE_CHECKOUTS)).
	HoldsOne []string `yaml:"holds_one"`
	// App is the model of the app a request may come from, and the
	// rule's parameter naming it: when there is one, the app's
	// permissions are checked in place of the signed-in user's.
	App *RequestApp `yaml:"app"`
}

// FilterTest is the test an authorization filter makes of the requestor.
type FilterTest struct {
	Actor  string   `yaml:"actor"`
	Fields []string `yaml:"fields"`
}

// PermissionListCheck is a function answering whether the requestor
// holds the permissions its argument Arg lists: any of them, or All.
type PermissionListCheck struct {
	Names []string `yaml:"names"`
	Arg   int      `yaml:"arg"`
	All   bool     `yaml:"all"`
}

// RequestApp names the model of an app acting through its token and the
// trigger parameter that holds it.
type RequestApp struct {
	Model string `yaml:"model"`
	Param string `yaml:"param"`
	// Getters are the service's functions whose result, resolved by the
	// method Then, is that app or nothing (saleor's
	// get_app_promise(context).get()).
	Getters []string `yaml:"getters"`
	Then    string   `yaml:"then"`
	// ContextAttrs are the request context's attribute holding it, read
	// as getattr(context, "app", None) (context.app).
	ContextAttrs []string `yaml:"context_attrs"`
}

// TableColumns names how a model class's columns are reached by name
// through its table: Table is the class's attribute holding the table,
// Columns the table's attributes that are its columns by name.
type TableColumns struct {
	Table   string   `yaml:"table"`
	Columns []string `yaml:"columns"`
}
