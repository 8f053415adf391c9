// Package fetchtest serves real git repositories over the git smart HTTP
// protocol on 127.0.0.1 for tests and benchmarks. Repositories are built with
// the git command line in a temporary directory and served by
// `git http-backend` behind net/http/cgi, so clients talk to the same server
// code that git hosting uses, with no mocks in between.
package fetchtest
