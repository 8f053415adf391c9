package fetch

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"

	"github.com/distill/distill/internal/redact"
)

// Sentinels classifying fetch failures; test with errors.Is.
var (
	// ErrNotFound: the repository does not exist (or is hidden: HTTP 404).
	ErrNotFound = errors.New("repository not found")
	// ErrAuth: credentials are missing, wrong or insufficient (HTTP 401/403,
	// SSH authentication or host key failures).
	ErrAuth = errors.New("authentication failed")
	// ErrBadRef: the ref is not a branch, tag or commit the server will serve.
	ErrBadRef = errors.New("ref not found")
	// ErrTransient: a failure worth retrying (timeouts, resets, refused
	// connections, 5xx, a transfer cut short).
	ErrTransient = errors.New("transient failure")
)

// Error is a fetch failure. Its message names the repository and the
// redacted URL and never contains credentials.
type Error struct {
	Repo string // Request.Name
	URL  string // redacted
	Op   string // "list refs", "fetch", ...
	kind error  // one of the sentinels, or nil
	msg  string // cause's message with secrets removed
	// cause is kept for errors.Is/As (e.g. context.Canceled) only when its
	// message held no secret.
	cause error
	// local is set for a local path that is missing: the message names
	// the path once and nothing else.
	local bool
}

func (e *Error) Error() string {
	if e.local {
		return "repository " + e.Repo + ": " + e.msg
	}
	s := "repository " + e.Repo + " (" + e.URL + "): " + e.Op
	if e.kind != nil && !strings.Contains(e.msg, e.kind.Error()) {
		s += ": " + e.kind.Error()
	}
	return s + ": " + e.msg
}

// Unwrap exposes the classification sentinel and the cause.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.kind != nil {
		errs = append(errs, e.kind)
	}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

// secrets are strings that must not appear in messages, in any encoding
// (see redact.Text).
type secrets []string

func (s secrets) scrub(msg string) (string, bool) {
	return redact.Text(msg, s...)
}

// maxMessage bounds a cause's message: go-git quotes the server's whole
// error body, which can be a page of HTML.
const maxMessage = 400

// newError classifies err and removes secrets from its message.
func newError(repo string, loc *location, sec secrets, op string, err error) *Error {
	if fe, ok := errors.AsType[*Error](err); ok {
		return fe
	}
	if le, ok := errors.AsType[*localError](err); ok {
		return &Error{Repo: repo, URL: le.path, Op: op, kind: ErrNotFound, msg: le.msg, local: true}
	}
	msg := err.Error()
	if loc != nil && loc.raw != loc.redacted {
		msg = strings.ReplaceAll(msg, loc.raw, loc.redacted)
	}
	msg, changed := sec.scrub(msg)
	msg = redact.Quote(strings.TrimSpace(msg), maxMessage)
	e := &Error{Repo: repo, Op: op, kind: classify(err), msg: msg}
	if loc != nil {
		e.URL = loc.redacted
	}
	if !changed {
		e.cause = err
	}
	return e
}

// classify maps go-git and network errors to a sentinel, or nil when the
// error is none of them (including context cancellation).
func classify(err error) error {
	switch {
	case err == nil, errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return nil
	case errors.Is(err, ErrNotFound):
		return ErrNotFound
	case errors.Is(err, ErrAuth):
		return ErrAuth
	case errors.Is(err, ErrBadRef):
		return ErrBadRef
	case errors.Is(err, ErrTransient):
		return ErrTransient
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return ErrNotFound
	case errors.Is(err, transport.ErrAuthenticationRequired),
		errors.Is(err, transport.ErrAuthorizationFailed),
		errors.Is(err, transport.ErrInvalidAuthMethod):
		return ErrAuth
	case errors.Is(err, transport.ErrEmptyRemoteRepository),
		errors.Is(err, git.ErrExactSHA1NotSupported),
		errors.Is(err, plumbing.ErrReferenceNotFound):
		return ErrBadRef
	}
	if _, ok := errors.AsType[git.NoMatchingRefSpecError](err); ok {
		return ErrBadRef
	}
	if status := httpStatus(err); status != 0 {
		if status >= 500 || status == 429 || status == 408 {
			return ErrTransient
		}
		return nil
	}
	if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
		return ErrTransient
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ETIMEDOUT) ||
		errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return ErrTransient
	}
	// go-git flattens many causes into strings (fmt %s); recognise the
	// common ones by message.
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"not our ref", "unadvertised object", "couldn't find remote ref", "reference not found"} {
		if strings.Contains(msg, s) {
			return ErrBadRef
		}
	}
	for _, s := range []string{"unable to authenticate", "permission denied", "host key", "knownhosts", "authentication required"} {
		if strings.Contains(msg, s) {
			return ErrAuth
		}
	}
	for _, s := range []string{"connection reset", "connection refused", "broken pipe", "i/o timeout",
		"unexpected eof", "tls handshake timeout", "no route to host", "network is unreachable", "temporary failure"} {
		if strings.Contains(msg, s) {
			return ErrTransient
		}
	}
	return nil
}

// httpStatus digs the status code out of go-git's HTTP error, which is
// wrapped in plumbing.UnexpectedError (no Unwrap method).
func httpStatus(err error) int {
	for err != nil {
		if he, ok := err.(*githttp.Err); ok {
			return he.StatusCode()
		}
		switch e := err.(type) {
		case *plumbing.UnexpectedError:
			err = e.Err
		case *plumbing.PermanentError:
			err = e.Err
		default:
			err = errors.Unwrap(err)
		}
	}
	return 0
}
