// Package summary writes and reads the Parquet tables of a distill run:
// summary.parquet (one row per construct per service), services.parquet
// (one row per service) and comparisons.parquet (one row per manifest group
// per aligned construct).
//
// The files are written so that DuckDB, pandas/pyarrow, Spark and arrow-go
// all read them the same way: timestamps are INT64 TIMESTAMP with unit MILLIS
// and isAdjustedToUTC=true (nanoseconds are truncated by DuckDB), counts are
// INT32 and durations INT64, flags are BOOLEAN, repeated values use the
// three-level LIST layout, there are no MAP columns, every column chunk is
// zstd-compressed, and a value that may be absent is an optional column
// (NULL), never a sentinel. A Writer publishes its file with a rename only
// after the footer is written and synced, so a crashed or failed run never
// leaves a truncated file under the final name.
//
// # summary.parquet (ConstructRow)
//
//	column       type                 meaning
//	repo         STRING               repository name from the manifest
//	commit       STRING               commit hash the service was read at
//	service      STRING               service name from the manifest
//	group_name   STRING, nullable     manifest group of variants; NULL when the service is in no group
//	kind         STRING               construct kind: entity, external_entity, value, enum, field,
//	                                  relationship, projection, derived, invariant, config, default,
//	                                  rule, trigger, let, requires, ensures, actor, surface, provides,
//	                                  contract, deferred, open_question
//	parent       STRING, nullable     name of the entity, rule, surface… the construct belongs to;
//	                                  NULL for top-level constructs
//	name         STRING               construct name ("reset_token_expiry", "RequestPasswordReset");
//	                                  clauses without a name are numbered within their parent
//	                                  ("requires#1", "ensures#2")
//	text         STRING               canonical Allium text of the construct
//	value        STRING, nullable     the construct's value where it has one: a config default
//	                                  ("1.hour"), a field type ("Timestamp?"), enum literals joined
//	                                  by " | "; NULL otherwise
//	value_number DOUBLE, nullable     value as a number where it is one: durations in seconds
//	                                  (1.hour = 3600), integers and decimals as themselves
//	source_file  STRING, nullable     file in the service's repository the construct was distilled from
//	source_line  INT32, nullable      1-based line in source_file
//	in_shared    BOOLEAN, nullable    whether the construct is part of its group's shared spec;
//	                                  NULL for services in no group
//
// # services.parquet (ServiceRow)
//
//	column         type                      meaning
//	repo           STRING                    repository name from the manifest
//	url            STRING                    repository URL with any credentials removed
//	commit         STRING                    commit hash read; empty when the fetch failed
//	service        STRING                    service name from the manifest
//	group_name     STRING, nullable          manifest group; NULL when in no group
//	language       STRING                    source language ("python", "typescript")
//	status         STRING                    ok, unchanged (spec reused from the previous run), failed,
//	                                          stale (the fetch failed; spec and rows are the last good ones)
//	error          STRING, nullable          why the service failed; NULL unless status is failed or stale
//	files_read     INT32                     source files parsed
//	files_skipped  INT32                     source files selected but not parsed (size, binary, encoding)
//	parse_errors   INT32                     files parsed with syntax errors
//	untranslated   INT32                     recognised code shapes left out of the spec
//	entities       INT32                     entities in the spec
//	rules          INT32                     rules in the spec
//	config_params  INT32                     config parameters in the spec
//	constructs     INT32                     rows this service has in summary.parquet
//	skipped        LIST<STRING>              "path: reason" for each skipped file; empty list when none
//	started_at     TIMESTAMP(MILLIS, UTC)    when work on the service started
//	fetch_ms       INT64                     milliseconds spent fetching the repository
//	distill_ms     INT64                     milliseconds spent parsing, extracting and emitting
//	total_ms       INT64                     milliseconds from start to the spec being written
//	spec_path      STRING, nullable          the .allium file, relative to the output directory;
//	                                          NULL when no spec was written
//	spec_digest    STRING, nullable          sha256 of the .allium bytes, lowercase hex
//	last_good_commit STRING, nullable        stale rows: the commit the kept spec was made from (NULL for a
//	                                          plain directory, which has none); NULL otherwise
//	last_good_at   TIMESTAMP(MILLIS, UTC), nullable  stale rows: when a run last read that commit; NULL otherwise
//
// # comparisons.parquet (ComparisonRow)
//
//	column          type            meaning
//	group_name      STRING          manifest group
//	kind            STRING          construct kind, as in summary.parquet
//	canonical_name  STRING          the name used in the shared spec (the majority's name)
//	parent          STRING, nullable canonical name of the owning construct; NULL for top-level
//	variants        LIST<STRING>    variant ids "repo/service" of the group, sorted
//	present         LIST<BOOLEAN>   per variant: whether it has the construct
//	local_names     LIST<STRING>    per variant: its own name for the construct, "" where absent
//	values          LIST<STRING>    per variant: its value (config default, field type…), "" where none
//	in_shared       BOOLEAN         whether the construct made it into the shared spec (quorum reached)
//
// The four lists of a comparison row are parallel: element i of each
// describes variants[i]. In DuckDB, list_zip or unnest over several lists in
// one SELECT lines them up.
package summary
