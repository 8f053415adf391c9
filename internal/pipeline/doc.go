// Package pipeline runs distill's batch job: manifest → plan → fetch pool →
// distill pool → specs, comparisons, Parquet summary and run record.
//
// Two worker pools connected by a channel: clone workers (network-bound)
// resolve and fetch repositories and hand each service to distill workers
// (CPU-bound), so distilling starts as soon as the first repository is in.
// One context cancels everything. A repository that fails to fetch, or a
// service that fails to distil, becomes a "failed" result and the run goes
// on; only cancellation and output-directory problems stop it. A
// repository that cannot be fetched keeps its last good specs and rows,
// marked stale.
//
// Generations: a run writes the next generation of the output directory
// beside it and swaps the two in one step (generation.go), so a reader
// sees one run or the other, whole, and an interrupted or killed run
// leaves the previous one in place. The state records every file of the
// generation; files distill did not write are carried over, never removed.
// An --only run keeps every other service's spec and rows.
//
// Shards (shard.go, merge.go): a run with Config.Shard takes only the
// repositories of one shard and writes a shard output without group
// comparison; Merge takes the shard outputs' specs and rows as kept
// services (the mechanism --only uses), compares the groups over them and
// publishes through the same generation swap, so N shards merged give the
// bytes of one unsharded run.
//
// Determinism: results are placed by plan position, not completion order,
// and the Parquet rows are generated after the pools finish by reading the
// written specs back in plan order, so the same inputs give the same bytes
// (apart from run timestamps and timings) and memory stays bounded by one
// service's rows.
//
// Incremental runs: a service whose inputs are unchanged since the last run
// (same commit or content digest, path, excludes, tool version and pattern
// catalog digest) keeps its spec and gets status "unchanged"; a repository
// whose services are all unchanged costs one remote ref listing.
package pipeline
