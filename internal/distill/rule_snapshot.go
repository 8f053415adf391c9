package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/allium"
)

// ruleSnapshot is how far a rule's reading had got, with the builder's
// notes and counts then: what a reading that is only an attempt (a
// strategy that hands on no user the spec can name, an except clause's
// handler walked for a failure rule of its own) goes back to, so that
// nothing it stated, bound, cached, noted or counted stays behind.
type ruleSnapshot struct {
	body, ensures, paths, extra int
	params                      []string
	paramSet, lets              map[string]bool
	assigned                    map[string]allium.Expr
	unreadWrites                map[string]bool
	cache                       map[evalKey]*value
	userVal                     *value
	auth                        authLevel
	leftOut                     int
	notes                       map[string]bool
	stats                       Stats
}

// snapshot notes how far the rule's reading has got. The maps and the
// parameters are copied: a reading edits them in place (a parameter
// renamed to the row it names).
func (rc *ruleCtx) snapshot() ruleSnapshot {
	s := ruleSnapshot{body: len(rc.body), ensures: len(rc.ensures), paths: len(rc.paths), extra: len(rc.extra),
		params: slices.Clone(rc.params), paramSet: maps.Clone(rc.paramSet), lets: maps.Clone(rc.lets),
		assigned: maps.Clone(rc.assigned), unreadWrites: maps.Clone(rc.unreadWrites), cache: maps.Clone(rc.cache), userVal: rc.userVal, auth: rc.auth,
		leftOut: rc.leftOut, notes: maps.Clone(rc.b.notes), stats: *rc.b.stats}
	s.stats.LeftOut = maps.Clone(s.stats.LeftOut)
	return s
}

// restoreRule forgets what the rule's reading stated since s: its
// preconditions, outcomes, paths, parameters, lets, assignments and
// cached values, the signed-in user and the auth it found, and the code
// it left out.
func (rc *ruleCtx) restoreRule(s ruleSnapshot) {
	rc.body, rc.ensures = rc.body[:s.body], rc.ensures[:s.ensures]
	rc.paths, rc.extra = rc.paths[:s.paths], rc.extra[:s.extra]
	rc.params, rc.paramSet, rc.lets = s.params, s.paramSet, s.lets
	rc.assigned, rc.unreadWrites, rc.cache = s.assigned, s.unreadWrites, s.cache
	rc.userVal, rc.auth, rc.leftOut = s.userVal, s.auth, s.leftOut
}

// restoreNotes forgets the notes and counts the reading added since s.
func (rc *ruleCtx) restoreNotes(s ruleSnapshot) {
	rc.b.notes, *rc.b.stats = s.notes, s.stats
}

// restore forgets all the reading did since s: the rule's part and the
// builder's notes and counts.
func (rc *ruleCtx) restore(s ruleSnapshot) {
	rc.restoreRule(s)
	rc.restoreNotes(s)
}
