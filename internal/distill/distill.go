package distill

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang"
	"github.com/distill/distill/internal/source"
	"github.com/distill/distill/internal/syntax"
)

// Options configure a Distiller.
type Options struct {
	// Catalog is the pattern catalog; nil means the embedded default.
	Catalog *catalog.Catalog
	// MaxInlineDepth bounds how deep helpers and model methods are inlined
	// into a handler; 0 means 4 (a mutation -> a model method -> its
	// e-mail helper -> the function that signs the token, as graphql-auth
	// issues one).
	MaxInlineDepth int
	// Workers bounds how many files are parsed and extracted at once,
	// across every Distill call running on the Distiller (the parse
	// trees alive at any moment are as many); 0 means GOMAXPROCS.
	Workers int
}

// Input is the source set of one service.
type Input struct {
	Service string
	// Language is the language ID ("python") every file is read with;
	// "" reads each file by the language of its extension.
	Language string
	Files    []source.File
	// ReleaseData lets Distill drop each file's Data (set it to nil in
	// Files) as soon as the file is extracted: the facts keep copies of
	// what they need, so a caller that has no further use for the source
	// does not hold it while the build runs.
	ReleaseData bool
}

// Stats counts what a distillation read, translated and left out.
//
// The coverage counters say how much of the service's code the spec stands
// for. What was seen is counted where the distiller recognises it; what
// the spec says is counted in the final module, after repair, so drops are
// reflected. A guard may become several requires (a conjunction is split,
// a rejection rule restates it) and requires also come from declared input
// constraints and the filters of scheduled jobs, so requires can outnumber
// guards.
type Stats struct {
	Files        int // files in the input
	FilesParsed  int // files of a language distill reads that were parsed
	ParseErrors  int // files with syntax errors
	ErrorNodes   int // syntax error nodes over all files
	Untranslated int // everything left out: the LeftOut counts plus the repair drops
	Entities     int
	Rules        int // rules in the spec
	ConfigParams int

	Handlers int // entry points found: HTTP handlers, jobs, commands
	// StateHandlers are the handlers whose code (with the helpers it
	// calls) changes state: at least one effect was seen while walking it.
	StateHandlers int
	// StateHandlersRuled are the state-writing handlers with at least one
	// rule in the spec.
	StateHandlersRuled int
	// GuardsSeen counts guard statements (a branch that ends the request
	// before the effects: return, raise, abort) and declared input
	// constraints (Field(min_length=12)).
	GuardsSeen      int
	RequiresEmitted int // requires clauses in the spec (one restated in a rejection rule counts once)
	// EffectsSeen counts state changes: assignments to model attributes,
	// creations, deletions, the fields of bulk updates, messages (emails,
	// notifications, published events), loops that assign.
	EffectsSeen    int
	EnsuresEmitted int // outcomes in the spec's ensures clauses (assignments, creations, removals, messages)
	// DroppedByChecker counts constructs repair removed because the
	// checker rejected them (or a rule left with no ensures);
	// DroppedUnparsable those removed because the printed text did not
	// parse back (a printer/parser disagreement).
	DroppedByChecker  int
	DroppedUnparsable int
	// LeftOut counts what the translation left out, by reason (the
	// LeftOut* constants); see LeftOutReasons for a sorted list.
	LeftOut map[string]int
}

// Reasons for leaving code out of the spec, the keys of Stats.LeftOut.
const (
	LeftOutStatement     = "statement"      // a kind of statement the distiller does not read
	LeftOutUnknownCallee = "unknown-callee" // a call, in statement position, to nothing the catalog or the service defines
	LeftOutValue         = "value"          // an expression with no faithful translation
	LeftOutField         = "field"          // an assignment to an attribute that is not a field of the spec
	LeftOutLookup        = "lookup"         // a lookup that is not a join on equalities
	LeftOutGuard         = "guard"          // a guard whose condition does not translate
	LeftOutNestedGuard   = "nested-guard"   // a guard with effects below the rule's top level
	LeftOutCondition     = "condition"      // a conditional outcome whose condition does not translate
	LeftOutLoop          = "loop"           // a loop over something that is not a query
	LeftOutBulk          = "bulk-change"    // a bulk update or delete that does not translate
	LeftOutInlineDepth   = "inline-depth"   // a helper beyond the inlining depth
	LeftOutDuplicate     = "duplicate"      // a second model class of one name
)

// ReasonCount is one reason of Stats.LeftOut.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
}

// LeftOutReasons lists the LeftOut counts, most frequent first, then by
// reason.
func (s *Stats) LeftOutReasons() []ReasonCount {
	out := make([]ReasonCount, 0, len(s.LeftOut))
	for r, n := range s.LeftOut {
		if n > 0 {
			out = append(out, ReasonCount{r, n})
		}
	}
	slices.SortFunc(out, func(a, b ReasonCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Reason, b.Reason)
	})
	return out
}

// LeftOutTotal is the sum of the LeftOut counts.
func (s *Stats) LeftOutTotal() int {
	n := 0
	for _, c := range s.LeftOut {
		n += c
	}
	return n
}

// leaveOut counts one construct left out for reason.
func (s *Stats) leaveOut(reason string) {
	if s.LeftOut == nil {
		s.LeftOut = map[string]int{}
	}
	s.LeftOut[reason]++
	s.Untranslated++
}

// Output is the distilled spec of one service.
type Output struct {
	Module *allium.Module
	Stats  Stats
	// Languages are the IDs of the languages the service was read in, in
	// the registry's order ("python", "typescript"): more than one for a
	// service written in several.
	Languages []string
	// Notes say what was left out and why, in a deterministic order.
	Notes []string
}

// Distiller distils services. It is safe for concurrent use: the Distill
// calls share a pool of parsers, one per worker.
type Distiller struct {
	cat      *catalog.Catalog
	maxDepth int
	langs    *lang.Registry
	pool     *syntax.Pool
}

// parseTimeout bounds the parse of one file.
const parseTimeout = 30 * time.Second

// New returns a Distiller with opt.Workers parsers (one per CPU by
// default), shared by the Distill calls.
func New(opt Options) *Distiller {
	cat := opt.Catalog
	if cat == nil {
		cat = catalog.MustDefault()
	}
	depth := opt.MaxInlineDepth
	if depth <= 0 {
		depth = 4
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Distiller{
		cat:      cat,
		maxDepth: depth,
		langs:    lang.Default(),
		pool:     syntax.NewPool(workers, parseTimeout),
	}
}

// Distill turns one service's files into an Allium module. The error is
// for a cancelled context or an unsupported language; syntax errors and
// code it cannot translate are counted in Stats and explained in Notes.
func (d *Distiller) Distill(ctx context.Context, in Input) (*Output, error) {
	todo, ids, err := d.plan(in)
	if err != nil {
		return nil, err
	}
	patterns, err := d.patterns(in.Service, ids)
	if err != nil {
		return nil, err
	}
	out := &Output{Stats: Stats{Files: len(in.Files)}, Languages: ids}
	files, err := d.extract(ctx, todo, in, out)
	if err != nil {
		return nil, err
	}
	if err := d.prepare(ctx, in.Service, files); err != nil {
		return nil, err
	}
	if err := d.buildModule(ctx, in.Service, patterns, files, out); err != nil {
		return nil, err
	}
	return out, nil
}

// buildModule is the build: everything after the facts are extracted and
// prepared (resolution, the index, the rules, repair), filling out.
func (d *Distiller) buildModule(ctx context.Context, service string, patterns *catalog.Language, files []*facts.File, out *Output) error {
	b := newBuilder(ctx, patterns, files, d.maxDepth, &out.Stats)
	b.parallel = func(n int, do func(i int, worker any)) {
		// A cancelled context skips the calls not yet begun; build
		// checks ctx itself. A parser is used by one goroutine at a
		// time: it names the worker.
		_ = d.spread(ctx, n, func(i int, p *syntax.Parser) { do(i, p) })
	}
	m := b.build(service)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("distill %s: %w", service, err)
	}
	startStatuses(m, b)
	referenced := b.orphanRefs(m)
	dropped := out.Stats.DroppedByChecker + out.Stats.DroppedUnparsable
	repair(m, b)
	if out.Stats.DroppedByChecker+out.Stats.DroppedUnparsable > dropped {
		b.pruneOrphans(m, referenced)
	}
	b.namePrintedRules(m)
	out.Module = m
	out.Stats.Entities = len(m.Entities)
	out.Stats.Rules = len(m.Rules)
	out.Stats.ConfigParams = len(m.Config)
	b.countEmitted(m)
	out.Notes = append(out.Notes, b.sortedNotes()...)
	slices.Sort(out.Notes)
	return nil
}

// Close releases the parsers. The Distiller must not be used afterwards,
// and no Distill call may be running.
func (d *Distiller) Close() { d.pool.Close() }

// task is one file to read and the language to read it with.
type task struct {
	file *source.File // in Input.Files, so ReleaseData can drop its Data
	lang lang.Language
	// outline is set for a file of its language's test_files: the build
	// reads its declarations (a settings module under tests/ is still
	// settings) but no function body of it, so none is kept.
	outline bool
}

// plan pairs each file of the service with its language, in path order,
// and lists the languages met in registration order. Each file is read by
// the language of its extension, so a service written in two languages
// becomes one spec; in.Language forces one language and leaves the other
// files out. A language is met by a file its catalog section does not
// read for nothing (test_files): a Python service with front-end scripts
// under static/ is a Python service, read as it was before JavaScript
// was, and those scripts are not parsed. A service with no file of any
// language gets an empty spec of the first language.
func (d *Distiller) plan(in Input) ([]task, []string, error) {
	var forced lang.Language
	if in.Language != "" {
		if forced = d.langs.ByID(in.Language); forced == nil {
			return nil, nil, fmt.Errorf("distill %s: language %q is not supported", in.Service, in.Language)
		}
	}
	var todo []task
	met := map[string]bool{}
	for i := range in.Files {
		f := &in.Files[i]
		l := d.langs.ForPath(f.Path)
		if forced != nil {
			if !slices.Contains(forced.Extensions(), strings.ToLower(path.Ext(f.Path))) {
				continue
			}
			l = forced
		}
		if l == nil {
			continue
		}
		sec := d.cat.Language(l.ID())
		ignored := sec != nil && sec.Ignores(f.Path)
		todo = append(todo, task{file: f, lang: l, outline: ignored})
		if forced != nil || !ignored {
			met[l.ID()] = true
		}
	}
	todo = slices.DeleteFunc(todo, func(t task) bool { return !met[t.lang.ID()] })
	sort.SliceStable(todo, func(i, j int) bool { return todo[i].file.Path < todo[j].file.Path })
	var ids []string
	for _, l := range d.langs.Languages() {
		if met[l.ID()] {
			ids = append(ids, l.ID())
		}
	}
	switch {
	case forced != nil && len(ids) == 0:
		ids = []string{forced.ID()}
	case len(ids) == 0:
		ids = []string{d.langs.Languages()[0].ID()}
	}
	return todo, ids, nil
}

// patterns returns the catalog section the service is read with: its
// language's, or for a service in several languages their merge (see
// catalog.Merge).
func (d *Distiller) patterns(service string, ids []string) (*catalog.Language, error) {
	sections := make([]*catalog.Language, 0, len(ids))
	for _, id := range ids {
		l := d.cat.Language(id)
		if l == nil {
			return nil, fmt.Errorf("distill %s: the pattern catalog has no %q section", service, id)
		}
		sections = append(sections, l)
	}
	if len(sections) == 1 {
		return sections[0], nil
	}
	return catalog.Merge(sections...), nil
}

// extract parses the planned files, each with its language, and returns
// their facts in path order. The files are spread over the pool's parsers
// (see spread); results are merged in path order, so the output is the
// same whatever the number of parsers that took part.
func (d *Distiller) extract(ctx context.Context, todo []task, in Input, out *Output) ([]*facts.File, error) {
	type result struct {
		file *facts.File
		err  error
	}
	results := make([]result, len(todo))
	order := largestFirst(todo)
	err := d.spread(ctx, len(todo), func(k int, p *syntax.Parser) {
		i := order[k]
		f := todo[i].file
		// The build reads no function's docstring (a class's it does:
		// command_names.go), so none is kept.
		src := facts.Source{Path: f.Path, Data: f.Data, Outline: todo[i].outline, NoFunctionDocs: true}
		results[i].file, results[i].err = todo[i].lang.Extract(ctx, p, src)
		if in.ReleaseData {
			f.Data = nil
		}
	})
	if err != nil {
		return nil, fmt.Errorf("distill %s: %w", in.Service, err)
	}

	files := make([]*facts.File, 0, len(todo))
	for i, r := range results {
		f := todo[i].file
		if r.err != nil {
			out.Notes = append(out.Notes, fmt.Sprintf("%s: not read: %v", f.Path, r.err))
			out.Stats.ParseErrors++
			continue
		}
		ff := r.file
		out.Stats.FilesParsed++
		if ff.Stats.ErrorNodes+ff.Stats.MissingNodes > 0 {
			out.Stats.ParseErrors++
			out.Stats.ErrorNodes += ff.Stats.ErrorNodes + ff.Stats.MissingNodes
			lines := make([]string, 0, len(ff.Stats.ErrorLines))
			for _, l := range ff.Stats.ErrorLines {
				lines = append(lines, strconv.Itoa(l))
			}
			out.Notes = append(out.Notes, fmt.Sprintf("%s: syntax errors (lines %s); what parsed was read", f.Path, strings.Join(lines, ", ")))
		}
		files = append(files, ff)
	}
	return files, nil
}

// largestFirst is the order in which extract hands out the files: the
// largest first, ties in path order. A worker taking a large file near the
// end would leave the others idle while it finishes; handed out first, the
// large files overlap and the small ones fill the gaps at the end. Each
// result is stored under its file's index, so the facts are in path order
// whatever the order of the work.
func largestFirst(todo []task) []int {
	order := make([]int, len(todo))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(len(todo[b].file.Data), len(todo[a].file.Data))
	})
	return order
}

// spread calls do for every i in [0, n), each call given a parser of the
// pool to use while it runs, and returns when all have (or ctx is done:
// the calls not yet begun are skipped and ctx's error returned).
//
// The calling goroutine holds one parser for the whole run; helpers take
// the others only while they are free and give each back after every
// call, so a large service uses every core when it runs alone and shares
// them when others run, and a service waiting for its first parser gets
// one. What do writes must be its own i's: the result is the same
// whatever the number of parsers that took part.
func (d *Distiller) spread(ctx context.Context, n int, do func(i int, p *syntax.Parser)) error {
	p, err := d.pool.Get(ctx)
	if err != nil {
		return err
	}
	var next atomic.Int64
	// doNext runs the next call not yet taken and reports whether there
	// was one.
	doNext := func(p *syntax.Parser) bool {
		i := int(next.Add(1) - 1)
		if i >= n || ctx.Err() != nil {
			return false
		}
		do(i, p)
		return true
	}
	var helpers sync.WaitGroup
	helper := func(q *syntax.Parser) {
		for {
			more := doNext(q)
			d.pool.Put(q)
			var free bool
			if q, free = d.pool.TryGet(); !more || !free {
				if free {
					d.pool.Put(q)
				}
				return
			}
		}
	}
	for {
		// One more helper per call at most, while calls remain beyond
		// the one this goroutine takes next.
		if int(next.Load()) < n-1 {
			if q, free := d.pool.TryGet(); free {
				helpers.Go(func() { helper(q) })
			}
		}
		if !doNext(p) {
			break
		}
	}
	d.pool.Put(p)
	helpers.Wait()
	return ctx.Err()
}

// prepare rewrites each file's facts by what its language's catalog
// section says before the build reads them: specifiers from a source root
// and path aliases become module names, callback-passing style straight-
// line code, object-literal arguments keywords. Each file is rewritten on
// its own, so the files are spread over the pool's workers as their
// extraction was.
func (d *Distiller) prepare(ctx context.Context, service string, files []*facts.File) error {
	var servicePaths map[string]bool
	for _, f := range files {
		if l := d.cat.Language(f.Language); l != nil && l.RootSpecifiers {
			servicePaths = serviceModulePaths(files)
			break
		}
	}
	err := d.spread(ctx, len(files), func(i int, _ *syntax.Parser) {
		f := files[i]
		l := d.cat.Language(f.Language)
		if l == nil {
			return
		}
		if l.RootSpecifiers {
			rootSpecifiers(f, servicePaths)
		}
		// Callbacks first: the object a callback followed is then the
		// call's last argument.
		continuations(f, l.Continuations)
		unalias(f, l.PathAliases)
		if l.KeywordObjects {
			keywordObjects(f)
		}
	})
	if err != nil {
		return fmt.Errorf("distill %s: %w", service, err)
	}
	// Service-wide, once every file's names are its own: an object
	// spreading an imported namespace reads as the namespace.
	namespaceSpreads(files)
	return nil
}

// builder holds the state of one distillation.
type builder struct {
	// fieldNames: the names of the fields of the service's entities, by
	// bodyCallsWriter, made on first use (loop_returns.go).
	fieldNames map[string]bool
	// parentReads are the fields of a parent row (fieldInfo.parentRow)
	// the walk of the current handler read through a child model: they
	// are used only if the handler states a rule (handlerRules), so
	// that a handler with no rule declares none of them on the child.
	parentReads []*fieldInfo
	// parallel calls do(i, worker) for every i in [0, n) on the
	// Distiller's workers (Distiller.spread), worker naming the one that
	// runs the call (no two run calls with the same worker at once); nil
	// runs them on this goroutine alone. The passes call runParallel.
	parallel func(n int, do func(i int, worker any))
	// testFiles: whether each file of the service is a test file
	// (testFile), found once: the passes ask it of every file, each
	// time matching the path against every pattern.
	testFiles map[string]bool
	// routes: the URL arguments of each routed view function, read once
	// (url_routes.go).
	routes   map[string]*routeArgs
	ctx      context.Context
	lang     *catalog.Language
	ix       *index
	maxDepth int
	stats    *Stats
	notes    map[string]bool
	// sessionAttrs: what session getters assign on the user they give
	// back, by attribute (session_attrs.go); sessionAttrsRead: the
	// getters read for them.
	sessionAttrs     map[string]*sessionAttr
	sessionAttrsRead map[*facts.Function]bool
	// declaredParams: the config object's declared parameters by name
	// (config_objects.go), read once.
	declaredParams map[string]*configParam
	// definedSettings are the upper-case module constants of the service
	// (its settings, whatever their value): a setting the framework's
	// settings object reads that is none of them is the deployment's
	// (undefinedSetting).
	definedSettings map[string]bool

	entList        []*entityInfo
	entByQual      map[string]*entityInfo
	entByName      map[string]*entityInfo
	enums          map[string]*enumInfo
	enumList       []*enumInfo
	settings       []*classRef
	shapes         map[string]*classRef
	pendingReverse []reverseRel
	implicitRels   map[string]*allium.Relationship
	// soleMethods: the methods of the service's plain classes by name
	// (sole_method.go), built on first use.
	soleMethods map[string][]*funcRef
	singleRels  map[string]bool
	// identityEncoders: the catalog's signed_tokens.identity_encoders,
	// sorted once (tokens.go identityPayload).
	identityEncoders []string
	// inverseSides are the fields a decorated model declares as the side
	// of a one-to-one that does not hold the key (decoratedColumns).
	inverseSides map[*facts.Assignment]bool

	configByKey map[string]*configInfo
	// appSettings: the properties of app-settings objects by the dotted
	// names a reader spells them with (app_settings.go).
	appSettings map[string]appSetting
	// configSections are the sections of the config object the service's
	// config factory returns, by name (config_sections.go).
	configSections map[string]*facts.Expr
	// configSectionFiles are the files that give them.
	configSectionFiles map[string]*facts.File
	// signerDefaultLife is the lifetime a signer's registration gives
	// its tokens (signer_defaults.go), read once.
	signerDefaultLife *facts.Expr
	signerDefaultRead bool
	// settingsGroupNames are the described settings with no default that
	// name another described object of their module (settings_defaults.go):
	// groups of settings read through them.
	settingsGroupNames map[string]bool
	// switches are the groups of options tested on their own somewhere
	// (option_groups.go), computed on first use.
	switches map[string]bool
	// raisedNotFound: the service's exceptions that stand for a
	// lookup's not-found (notFoundRaises).
	raisedNotFound map[*classRef]bool
	usedConfig     []*configInfo
	// enforcedConfig names the config parameters declared whether or not
	// a rule reads them (assembleConfig): the orphans pass keeps them.
	enforcedConfig map[string]bool
	// singletons maps the given binding of each model a rule read the
	// one row of to its entity (singleton_rows.go).
	singletons map[string]string
	// partialLookups holds the code positions (file:line) of lookups a
	// rule stated by their keys alone, its comparisons left out
	// (unrequiredComparisons): a let of one that nothing reads says
	// nothing and goes (dropPartialLets).
	partialLookups map[string]bool
	// defaultedSettings are the literal defaults the service's own
	// setdefault wrapper gives settings, by key (settings_defaulters.go),
	// secrets included: a rate limiter's limit is read from here
	// (rate_limiters.go) when its key names a password flow.
	defaultedSettings map[string]defaultedSetting

	// stiIdentity: the value a model class's rows carry in their
	// entity's discriminator column, by class (sti.go).
	stiIdentity map[string]string
	// status literals per field name, in order of first sight.
	statusLits map[string][]string
	// statusOwned: the status literals seen on one entity's field
	// (status_owners.go); entSpellings finds an entity by a code name.
	statusOwned  map[*fieldInfo][]string
	entSpellings map[string]*entityInfo
	// sink entities: name -> template literals, in order.
	// listeners: the methods of the service that listen to each event,
	// by the event's name as the listener decorator writes it
	// (event_listeners.go); built on first use.
	listeners     map[string][]*funcRef
	sinkTemplates map[string][]string
	// heldPlumbing: the values creations give plumbing fields, held back
	// while the spec states nothing else of them (plumbing.go).
	heldPlumbing []heldCreation
	sinkProv     map[string]*allium.Provenance
	// sinksMade counts the messages the walk has stated, for a call to
	// tell whether the body it ran sent one (opaque_senders.go).
	sinksMade int
	// sinkAddressed holds the message entities some sink addresses to a
	// recipient; an event bus's events (catalog sinks with no recipient
	// keys) have no `to`.
	sinkAddressed map[string]bool
	// sinkRecipients holds, per message entity, the types of what its
	// sinks address it to (noteRecipient): an entity's name for a row
	// handed over as the recipient, String for anything else.
	sinkRecipients map[string]map[string]bool
	// activeMemo: whether signed-in users are active (activeSessions),
	// once known.
	activeMemo *bool
	// settingsMemo: the project settings module's constants
	// (projectSettings), once looked up; settingsLooked says it was.
	settingsMemo   map[string]*facts.Expr
	settingsLooked bool
	// sessionUser is the entity signed-in sessions belong to, once a
	// rule signs a user in or out (the Session entity is then declared).
	sessionUser string
	// sessionUserKeys: the keys of the framework's session the service's
	// own getter of the signed-in user finds the user by
	// (session_user_keys.go); sessionUserKeysRead once looked for.
	sessionUserKeys     map[string]bool
	sessionUserKeysRead bool
	// sessionExpiry: a rule states when a session it starts ends.
	sessionExpiry bool
	// permanent is the lifetime every session lasts that a function run
	// before each request gives it (session_hooks.go); permanentDone once
	// it was looked for.
	permanent     *catalog.SessionLifetime
	permanentDone bool
	// sessionFlags are the sign-in flags the rules give sessions
	// (session_flags.go), fields of the session entity.
	sessionFlags []string
	// markedStarts are the sessions sign-in calls start with a flag a
	// mark may set later (session_flags.go), stated once all rules are
	// built and the spec is known to carry the flag.
	markedStarts []markedStart
	// sessionPeriods are the periods values signed with the time into the
	// session start (signed_sessions.go), by key.
	sessionPeriods map[string]*sessionPeriod
	// sessionStamps are the keys the rules sign the time into the session
	// under or take out of it (signed_sessions.go), by key: the session
	// field holding when each was signed. stampedKeys memoises the keys
	// the service signs with the time anywhere.
	sessionStamps map[string]string
	stampedKeys   map[string]bool
	// wrapperRests are what the service's decorators do when the handler
	// they wrap does not run (decorators.go), in the order first met;
	// wrapperSeen holds their decorators' qualified names.
	wrapperRests []*handler
	wrapperSeen  map[string]bool
	// wrappedViews: the auth level URL confs give each class by wrapping
	// its view function (wrapped_views.go), read once.
	wrappedViews map[string]authLevel
	// signedTokens are the token entities signed tokens gave, by name.
	signedTokens map[string]*signedToken
	// resetToken is the token entity framework reset views check
	// (reset_views.go); nil when none does.
	resetToken *resetToken
	// strategies: the auth strategy registered under each name asked
	// for (nil when none is), found once (auth_strategies.go).
	strategies map[string]*registeredStrategy
	// memos: what the walk asks of the whole service again and again,
	// found once (service_memos.go).
	memos serviceMemos
	// calls: each file's call expressions, listed once the facts are
	// settled (callsSettled, set before the rules are built); see
	// call_sites.go.
	calls        map[*facts.File]*fileCalls
	callsSettled bool
	// storedSettings: the keys of the settings objects a run-time store
	// holds defaults for (settings_stores.go).
	storedSettings map[string]bool
	// storedGroups: by settings object key, its entries whose defaults
	// are objects of their own (the email settings' reset_password).
	storedGroups map[string]map[string]bool
	// storedSecrets names, by "Entity.field", the token whose secret that
	// column holds hashed (tokens.go's storedSecretHolder); clearedFields
	// are the assignments of an empty value the rules made, which clear
	// such a secret when their column is one (secret_revocations.go).
	storedSecrets map[string]string
	clearedFields []clearedField
	// kindClaims counts the kinds the service's JWT encoders name in a
	// kind claim (encodedKindClaims); -1 until counted.
	kindClaims int
	// encoderKinds holds the kinds the names of the service's functions
	// that encode a JWT give (encoderFunctionKinds); nil until counted.
	encoderKinds *[]string
	// requestTokens: whether the service verifies the token a request
	// carries into its signed-in user (request_tokens.go); found once.
	requestTokens *bool
	// enumsRead are the named enums whose members rules read
	// (TokenAction.ACTIVATION): declared even when no field has the type.
	enumsRead map[string]bool
	// metaPermLits: the permissions mutations' Meta lists that rules
	// require (meta_permissions.go): literals of the service's own enums,
	// not of the catalog's permission enum.
	metaPermLits map[string]bool
	// asViews holds the view classes built with arguments (as_view),
	// found once (viewRegistrations).
	asViews map[*classRef]viewRegistration

	rules []*ruleOut
	// hooks maps a plugin hook's name to its implementations (hooks.go).
	hooks map[string][]*funcRef
	// stateRules holds, per state-writing handler, the rules made from it.
	stateRules [][]*allium.Rule
	scheduled  map[string]map[string]bool
	routeCalls map[string]map[string]routeRegistration // route_calls.go
	userEnt    string
	ruleName   map[string]int
	// mounts: the routers mounted under a module-level condition
	// (router_mounts.go), by dotted name; nil until read.
	mounts map[string]routerMount
	// routerDeps: the dependencies every route of a router runs first,
	// by the router's dotted name (router_dependencies.go); nil until
	// read.
	routerDeps map[string][]routerDep
	// ruleNoteWriters holds, per "left out of rule" note, the handler of
	// each rule context that wrote it (renameNotes, namePrintedRules).
	ruleNoteWriters map[string][]noteWriter
	// unfollowed lists the calls the walk of the current handler could
	// not follow (unfollowedCall), in the order met.
	unfollowed []string
	// identityFields memoises, per entity, the fields its session identity
	// method reads (session_identity.go).
	identityFields map[string]*sessionIdentity
}

// ruleOut is a finished rule with what the surfaces need to know.
type ruleOut struct {
	rule *allium.Rule
	// singletons: the one rows of models the rule's handler read, by
	// given binding name (singleton_rows.go).
	singletons map[string]string
	// baseName, class: the name a method of a class gave the rule before
	// it was numbered for a collision, and that class
	// (rule_class_names.go); "" and nil for any other rule.
	baseName string
	class    *facts.Class
	// limits: the rate-limit config parameters named after the rule
	// (rate_limits.go), renamed with it.
	limits []*configInfo
	auth   authLevel
	// keySurface: the surface of the key the handler requires
	// (key_guards.go), "" for none.
	keySurface string
	// subjectTypes: the entities its auth subject may be, when none is
	// the user entity (subject_types.go); each faces a surface of its own.
	subjectTypes []string
	external     bool
	job          bool
	params       []string
	// shareParams is the handler whose trigger this rule shares (a
	// rejection rule): its parameters are settled when the handler is.
	shareParams *ruleCtx
	// ownAction: the rule of one button of a page's forms or one key of a
	// request (a path with a trigger of its own), named from the handler
	// and the key.
	ownAction bool
}

type authLevel int

const (
	authNone authLevel = iota
	authUser
	authAdmin
)

func newBuilder(ctx context.Context, l *catalog.Language, files []*facts.File, depth int, st *Stats) *builder {
	testFiles := make(map[string]bool, len(files))
	for _, f := range files {
		testFiles[f.Path] = l.Ignores(f.Path) || l.IgnoresModule(moduleNames(f))
	}
	return &builder{
		ctx: ctx, lang: l, ix: newIndex(files), maxDepth: depth, stats: st,
		testFiles:       testFiles,
		notes:           map[string]bool{},
		entByQual:       map[string]*entityInfo{},
		entByName:       map[string]*entityInfo{},
		enums:           map[string]*enumInfo{},
		shapes:          map[string]*classRef{},
		implicitRels:    map[string]*allium.Relationship{},
		singleRels:      map[string]bool{},
		inverseSides:    map[*facts.Assignment]bool{},
		configByKey:     map[string]*configInfo{},
		statusLits:      map[string][]string{},
		statusOwned:     map[*fieldInfo][]string{},
		sinkTemplates:   map[string][]string{},
		sinkProv:        map[string]*allium.Provenance{},
		sinkAddressed:   map[string]bool{},
		sinkRecipients:  map[string]map[string]bool{},
		signedTokens:    map[string]*signedToken{},
		kindClaims:      -1,
		enumsRead:       map[string]bool{},
		ruleName:        map[string]int{},
		ruleNoteWriters: map[string][]noteWriter{},
		scheduled:       map[string]map[string]bool{},
	}
}

// runParallel calls do(i, ix) for every i in [0, n), on the workers when
// the builder has them, ix being the index the call resolves names with:
// a view of b.ix of the worker's own (index.view), whose packageMember
// memos b.ix absorbs once every call has returned. Each do(i) must write only what
// is its i's (results are merged after, in i's order, so the output is
// the same whatever the number of workers), read nothing another call
// writes, and neither define a name in the index nor use b.ix itself,
// nor call runParallel (a worker waiting for another worker's parser
// while holding its own could wait for ever).
func (b *builder) runParallel(n int, do func(i int, ix *index)) {
	if b.parallel == nil || n < 2 {
		for i := range n {
			do(i, b.ix)
		}
		return
	}
	var mu sync.Mutex
	views := map[any]*index{}
	var order []*index
	b.ix.fresh()
	b.parallel(n, func(i int, worker any) {
		mu.Lock()
		v := views[worker]
		if v == nil {
			v = b.ix.view()
			views[worker] = v
			order = append(order, v)
		}
		mu.Unlock()
		do(i, v)
	})
	for _, v := range order {
		b.ix.absorb(v)
	}
}

func (b *builder) note(format string, args ...any) {
	b.notes[fmt.Sprintf(format, args...)] = true
}

func (b *builder) sortedNotes() []string {
	out := make([]string, 0, len(b.notes))
	for n := range b.notes {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func (b *builder) meta(f *facts.File, line int) allium.Meta {
	if f == nil || strings.HasPrefix(f.Path, frameworkPath) {
		return allium.Meta{} // a framework model has no source in the service
	}
	return allium.Meta{Prov: &allium.Provenance{File: f.Path, Line: line}}
}

// moduleNames are the plain names a file assigns at its top level
// (dispatch's database/revisions/tenant/versions/*.py: revision,
// down_revision, and the models they declare again are read as tests are).
func moduleNames(f *facts.File) []string {
	names := make([]string, 0, len(f.Constants))
	for i := range f.Constants {
		names = append(names, f.Constants[i].Name)
	}
	return names
}
