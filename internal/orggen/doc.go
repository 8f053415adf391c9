// Package orggen generates a synthetic organisation for benchmarks: many
// git repositories, each holding one to three Python services copied from
// the fixture services under testdata/ (testdata/services and
// testdata/variants), with identifiers renamed and product constants varied
// so that no two services are byte-identical while every one still parses
// and still means what its fixture means.
//
// Generation is deterministic: the same fixtures, repository count and seed
// give the same organisation, file for file. A smaller organisation is a
// prefix of a larger one with the same seed, so benchmarks at 50, 100 and
// 200 repositories read the same first 50 repositories.
//
// Renaming works on identifier tokens: a word is replaced only when it
// stands alone (the bytes around it are not letters, digits or '_'), and
// only words from a per-fixture list checked by hand to be defined by the
// fixture itself (never a library name, never a module or file name). The
// replacement applies everywhere in the service's Python files, including
// strings such as "accounts.User" or Celery task paths, so references stay
// consistent.
package orggen
