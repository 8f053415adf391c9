package summary

import "time"

// Construct kinds, the values of ConstructRow.Kind. They follow the
// section and clause names of the Allium language reference so that an
// analyst can filter with the words a spec reader already knows.
const (
	KindEntity         = "entity"
	KindExternalEntity = "external_entity"
	KindValue          = "value"
	KindEnum           = "enum"
	KindField          = "field"
	KindRelationship   = "relationship"
	KindProjection     = "projection"
	KindDerived        = "derived"
	KindInvariant      = "invariant"
	KindConfig         = "config"
	KindDefault        = "default"
	KindRule           = "rule"
	KindTrigger        = "trigger"
	KindLet            = "let"
	KindRequires       = "requires"
	KindEnsures        = "ensures"
	KindActor          = "actor"
	KindSurface        = "surface"
	KindProvides       = "provides"
	KindContract       = "contract"
	KindDeferred       = "deferred"
	KindOpenQuestion   = "open_question"
)

// Service statuses, the values of ServiceRow.Status.
const (
	StatusOK        = "ok"
	StatusUnchanged = "unchanged"
	StatusFailed    = "failed"
	// StatusStale: this run could not fetch the repository, and the spec
	// and rows are the last good ones, kept from an earlier run.
	StatusStale = "stale"
)

// Default file names of the three tables inside a run's output directory.
const (
	ConstructsFile  = "summary.parquet"
	ServicesFile    = "services.parquet"
	ComparisonsFile = "comparisons.parquet"
)

// ConstructRow is one construct of one service's spec: a row of
// summary.parquet. Pointer fields are optional (nullable) columns.
//
// The grouping column is called group_name rather than group because GROUP
// is a reserved word in SQL and analysts would otherwise have to quote it.
type ConstructRow struct {
	Repo    string  `parquet:"repo,dict"`
	Commit  string  `parquet:"commit,dict"`
	Service string  `parquet:"service,dict"`
	Group   *string `parquet:"group_name,optional,dict"`
	Kind    string  `parquet:"kind,dict"`
	Parent  *string `parquet:"parent,optional,dict"`
	Name    string  `parquet:"name"`
	Text    string  `parquet:"text"`
	Value   *string `parquet:"value,optional"`
	// ValueNumber is Value as a number where it is one: durations in
	// seconds, integers and decimals as themselves, so that analysts can
	// compare ("reset token longer than an hour": value_number > 3600).
	ValueNumber *float64 `parquet:"value_number,optional"`
	SourceFile  *string  `parquet:"source_file,optional,dict"`
	SourceLine  *int32   `parquet:"source_line,optional"`
	InShared    *bool    `parquet:"in_shared,optional"`
}

// ServiceRow is one service of a run: a row of services.parquet. A service
// that failed still has a row, with Status "failed" and Error set.
type ServiceRow struct {
	Repo         string  `parquet:"repo,dict"`
	URL          string  `parquet:"url,dict"`
	Commit       string  `parquet:"commit"`
	Service      string  `parquet:"service"`
	Group        *string `parquet:"group_name,optional,dict"`
	Language     string  `parquet:"language,dict"`
	Status       string  `parquet:"status,dict"`
	Error        *string `parquet:"error,optional"`
	FilesRead    int32   `parquet:"files_read"`
	FilesSkipped int32   `parquet:"files_skipped"`
	ParseErrors  int32   `parquet:"parse_errors"`
	Untranslated int32   `parquet:"untranslated"`
	Entities     int32   `parquet:"entities"`
	Rules        int32   `parquet:"rules"`
	ConfigParams int32   `parquet:"config_params"`
	Constructs   int32   `parquet:"constructs"`
	// Coverage: how much of the service's code the spec stands for. What
	// was seen is counted in the code, what the spec states in the spec
	// (after repair); see distill.Stats for the exact definitions.
	Handlers           int32 `parquet:"handlers"`                  // entry points found
	StateHandlers      int32 `parquet:"state_handlers"`            // handlers that change state
	StateHandlersRuled int32 `parquet:"state_handlers_with_rules"` // of those, the ones with a rule in the spec
	GuardsSeen         int32 `parquet:"guards_seen"`
	RequiresEmitted    int32 `parquet:"requires_emitted"`
	EffectsSeen        int32 `parquet:"effects_seen"`
	EnsuresEmitted     int32 `parquet:"ensures_emitted"`
	DroppedByChecker   int32 `parquet:"dropped_by_checker"` // constructs repair removed for the checker
	DroppedUnparsable  int32 `parquet:"dropped_unparsable"` // constructs repair removed because the text did not parse back
	// LeftOut is what the translation left out; LeftOutReasons and
	// LeftOutCounts break it down by reason (parallel lists, most
	// frequent first, then by reason).
	LeftOut        int32     `parquet:"left_out"`
	LeftOutReasons []string  `parquet:"left_out_reasons,list"`
	LeftOutCounts  []int32   `parquet:"left_out_counts,list"`
	Skipped        []string  `parquet:"skipped,list"`
	StartedAt      time.Time `parquet:"started_at,timestamp(millisecond:utc)"`
	FetchMS        int64     `parquet:"fetch_ms"`
	DistillMS      int64     `parquet:"distill_ms"`
	TotalMS        int64     `parquet:"total_ms"`
	SpecPath       *string   `parquet:"spec_path,optional"`
	SpecDigest     *string   `parquet:"spec_digest,optional"`
	// LastGoodCommit and LastGoodAt say, for a stale row, which commit the
	// kept spec was made from and when a run last read it successfully;
	// NULL otherwise.
	LastGoodCommit *string    `parquet:"last_good_commit,optional"`
	LastGoodAt     *time.Time `parquet:"last_good_at,optional,timestamp(millisecond:utc)"`
}

// ComparisonRow is one aligned construct of one manifest group: a row of
// comparisons.parquet. Variants, Present, LocalNames and Values are parallel
// lists with one element per variant of the group.
type ComparisonRow struct {
	Group         string   `parquet:"group_name,dict"`
	Kind          string   `parquet:"kind,dict"`
	CanonicalName string   `parquet:"canonical_name"`
	Parent        *string  `parquet:"parent,optional,dict"`
	Variants      []string `parquet:"variants,list"`
	Present       []bool   `parquet:"present,list"`
	LocalNames    []string `parquet:"local_names,list"`
	Values        []string `parquet:"values,list"`
	InShared      bool     `parquet:"in_shared"`
}
