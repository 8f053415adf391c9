// Package source selects the files of one service from a repository tree:
// the files under the service directory that match the include globs and
// none of the exclude globs, are small enough, are text (no NUL byte) and
// valid UTF-8. Symbolic links are followed only while they stay inside the
// service directory. Files that matched but were rejected are reported with
// a reason, so that a run can say what it did not read.
package source
