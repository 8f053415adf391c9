package summary

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"time"
)

// ErrInvalidRow marks a row that breaks a rule of its table (an unknown
// kind, lists of different lengths, a zero timestamp…). Such a row is a bug
// in the code that built it, so the Writer refuses it rather than ship a
// table an analyst cannot trust.
var ErrInvalidRow = errors.New("invalid row")

// rowChecker is implemented by the row types; Writer.Write checks every
// row that implements it before writing.
type rowChecker interface {
	check() error
}

var constructKinds = []string{
	KindEntity, KindExternalEntity, KindValue, KindEnum, KindField, KindRelationship,
	KindProjection, KindDerived, KindInvariant, KindConfig, KindDefault, KindRule,
	KindTrigger, KindLet, KindRequires, KindEnsures, KindActor, KindSurface,
	KindProvides, KindContract, KindDeferred, KindOpenQuestion,
}

var serviceStatuses = []string{StatusOK, StatusUnchanged, StatusFailed, StatusStale}

// Check applies the rules a Writer applies to row (see ErrInvalidRow), so
// that a caller can set a bad row aside before it reaches the Writer, which
// refuses the whole file on the first bad row.
func Check[T any](row *T) error {
	if c, ok := any(row).(rowChecker); ok {
		return c.check()
	}
	return nil
}

// Timestamps are converted through nanoseconds since the epoch on the way
// in, so only instants that fit in an int64 of nanoseconds survive.
var (
	minTimestamp = time.Unix(0, math.MinInt64)
	maxTimestamp = time.Unix(0, math.MaxInt64)
)

func (r *ConstructRow) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("construct %s/%s %s %q: %w: %s", r.Repo, r.Service, r.Kind, r.Name, ErrInvalidRow, fmt.Sprintf(format, args...))
	}
	switch {
	case r.Repo == "" || r.Service == "":
		return bad("repo and service are required")
	case !slices.Contains(constructKinds, r.Kind):
		return bad("unknown kind %q", r.Kind)
	case r.Name == "":
		return bad("name is required")
	case r.SourceLine != nil && *r.SourceLine < 1:
		return bad("source line %d is not a line number", *r.SourceLine)
	}
	return nil
}

func (r *ServiceRow) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("service %s/%s: %w: %s", r.Repo, r.Service, ErrInvalidRow, fmt.Sprintf(format, args...))
	}
	counts := []int32{r.FilesRead, r.FilesSkipped, r.ParseErrors, r.Untranslated, r.Entities, r.Rules, r.ConfigParams, r.Constructs,
		r.Handlers, r.StateHandlers, r.StateHandlersRuled, r.GuardsSeen, r.RequiresEmitted, r.EffectsSeen, r.EnsuresEmitted,
		r.DroppedByChecker, r.DroppedUnparsable, r.LeftOut}
	counts = append(counts, r.LeftOutCounts...)
	var reasonsTotal int32
	for _, n := range r.LeftOutCounts {
		reasonsTotal += n
	}
	switch {
	case r.Repo == "" || r.Service == "":
		return bad("repo and service are required")
	case !slices.Contains(serviceStatuses, r.Status):
		return bad("unknown status %q", r.Status)
	case (r.Status == StatusFailed || r.Status == StatusStale) && (r.Error == nil || *r.Error == ""):
		return bad("a %s service needs its error", r.Status)
	case r.Status == StatusStale && (r.SpecPath == nil || r.LastGoodAt == nil && r.LastGoodCommit == nil):
		// A plain directory has no commit; its last good time says when.
		return bad("a stale service needs its kept spec and its last good commit or time")
	case r.StartedAt.IsZero() || r.StartedAt.Before(minTimestamp) || r.StartedAt.After(maxTimestamp):
		return bad("started_at %s is not a run time", r.StartedAt.Format(time.RFC3339))
	case slices.ContainsFunc(counts, func(n int32) bool { return n < 0 }):
		return bad("negative count")
	case r.StateHandlers > r.Handlers || r.StateHandlersRuled > r.StateHandlers:
		return bad("state_handlers_with_rules <= state_handlers <= handlers does not hold (%d, %d, %d)", r.StateHandlersRuled, r.StateHandlers, r.Handlers)
	case len(r.LeftOutReasons) != len(r.LeftOutCounts):
		return bad("left_out_reasons and left_out_counts must have one element per reason (%d, %d)", len(r.LeftOutReasons), len(r.LeftOutCounts))
	case len(slices.Compact(slices.Sorted(slices.Values(r.LeftOutReasons)))) != len(r.LeftOutReasons) || slices.Contains(r.LeftOutReasons, ""):
		return bad("left_out_reasons must be distinct and non-empty")
	case reasonsTotal != r.LeftOut:
		return bad("left_out_counts sum to %d, left_out is %d", reasonsTotal, r.LeftOut)
	case r.FetchMS < 0 || r.DistillMS < 0 || r.TotalMS < 0:
		return bad("negative duration")
	case r.SpecDigest != nil && !isSHA256Hex(*r.SpecDigest):
		return bad("spec digest is not a sha256 hex string")
	case hasCredentials(r.URL):
		// The URL is deliberately left out of the message.
		return bad("url carries credentials; redact it before writing")
	}
	return nil
}

func (r *ComparisonRow) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("comparison %s %s %q: %w: %s", r.Group, r.Kind, r.CanonicalName, ErrInvalidRow, fmt.Sprintf(format, args...))
	}
	n := len(r.Variants)
	switch {
	case r.Group == "" || r.CanonicalName == "":
		return bad("group and canonical name are required")
	case !slices.Contains(constructKinds, r.Kind):
		return bad("unknown kind %q", r.Kind)
	case len(r.Present) != n || len(r.LocalNames) != n || len(r.Values) != n:
		return bad("variants, present, local_names and values must have one element per variant (%d, %d, %d, %d)",
			n, len(r.Present), len(r.LocalNames), len(r.Values))
	case !slices.IsSorted(r.Variants) || len(slices.Compact(slices.Clone(r.Variants))) != n:
		return bad("variants must be sorted and distinct")
	}
	return nil
}

func isSHA256Hex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// hasCredentials reports whether a repository URL carries a password or,
// for HTTP, any user info (a bare token in the user name is the usual way
// tokens leak). An ssh user such as git@ is not a secret.
func hasCredentials(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return false
	}
	if _, ok := u.User.Password(); ok {
		return true
	}
	return u.Scheme == "http" || u.Scheme == "https"
}
