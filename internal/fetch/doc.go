// Package fetch brings a repository's tree at a ref into reach of the rest
// of distill without checking out a work tree.
//
// Remote repositories are fetched with go-git into a persistent cache of
// bare repositories (one per remote, reused across runs), shallowly and
// without tags, fetching only the requested ref. Files are then read
// straight from the object store through an fs.FS (see Result.Tree). A plain
// local directory that is not a git repository is served as is.
//
// Errors name the repository and its redacted URL and are classified with
// the sentinels ErrNotFound, ErrAuth, ErrBadRef and ErrTransient; only
// transient errors are retried. Credentials never appear in errors or logs.
package fetch
