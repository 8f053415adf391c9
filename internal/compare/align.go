package compare

import (
	"sort"
	"sync/atomic"

	"github.com/distill/distill/internal/allium"
)

// unit is one construct of one variant, as alignment sees it.
type unit struct {
	v      int
	kind   string
	local  string // the variant's own name (clauses: requires#N)
	parent string // the variant's own name of the owner
	seq    int    // position within its owner, for ordering
	node   allium.Node
	text   string // printed after renaming to canonical names
	value  string // Presence.Value
	typ    string // fields and config: the canonical type
	tokens []string
	keys   []string // index keys: candidates share at least one
	feat   []string
	feat2  []string
	trig   string // rules: trigger text after renaming
	trigTk []string
	orig   string      // rules: the trigger key as the variant writes it
	forOf  *allium.For // clauses inside a rule-level for
	prov   *allium.Provenance
	pos    allium.Pos
	// soleRef marks a field that is its entity's only field of its
	// (declared, non-built-in) type.
	soleRef bool
}

// group is one aligned construct: at most one unit per variant.
type group struct {
	kind     string
	name     string
	parent   *group
	members  []*unit // indexed by variant; nil where absent
	seed     *unit
	children []*group
	shared   bool
	text     string // the text kept in the shared spec, when it is one
	// outcomes holds the statements of an ensures clause whose variants
	// differ, when the shared spec keeps the ones enough of them agree on.
	outcomes    map[string]bool
	sharedStmts []string // the same statements, in order
}

func (g *group) count() int {
	n := 0
	for _, u := range g.members {
		if u != nil {
			n++
		}
	}
	return n
}

// first returns the member of the lowest variant.
func (g *group) first() *unit {
	for _, u := range g.members {
		if u != nil {
			return u
		}
	}
	return nil
}

// canonicalName is the local name most members use; ties go to the smallest.
func (g *group) canonicalName() string {
	counts := map[string]int{}
	for _, u := range g.members {
		if u != nil {
			counts[u.local]++
		}
	}
	return majority(counts)
}

func majority(counts map[string]int) string {
	best, bestN := "", -1
	for k, n := range counts {
		if n > bestN || n == bestN && k < best {
			best, bestN = k, n
		}
	}
	return best
}

// representative is the first member using the canonical name.
func (g *group) representative() *unit {
	for _, u := range g.members {
		if u != nil && u.local == g.name {
			return u
		}
	}
	return g.first()
}

// simCalls counts similarity evaluations, for the benchmark's report of
// how much alignment work a comparison takes.
var simCalls atomic.Int64

// cluster aligns units of n variants. Variants are taken in order (they are
// sorted by ID); each variant's units are matched one-to-one to the groups
// built so far by greedy best-score assignment, comparing against each
// group's seed (its first member). Unmatched units open new groups. Only
// groups sharing an index key with a unit are scored, unless the unit has
// no keys. Ties in score go to the older group, then to the smaller name,
// so the outcome depends on nothing but the sorted input.
func cluster(kind string, n int, per [][]*unit, sim func(a, b *unit) float64, threshold float64) []*group {
	var groups []*group
	index := map[string][]int{}
	stamp := []int{} // per group: the last unit that considered it
	visit := 0
	type pair struct {
		g     int
		u     int
		score float64
	}
	for v := range n {
		units := per[v]
		sort.SliceStable(units, func(i, j int) bool { return units[i].local < units[j].local })
		var pairs []pair
		for ui, u := range units {
			visit++
			consider := func(gi int) {
				if stamp[gi] == visit {
					return
				}
				stamp[gi] = visit
				simCalls.Add(1)
				if s := sim(groups[gi].seed, u); s >= threshold {
					pairs = append(pairs, pair{gi, ui, s})
				}
			}
			if len(u.keys) == 0 {
				for gi := range groups {
					consider(gi)
				}
			} else {
				// Keys most groups carry ("event", "user") say little and
				// would make every group a candidate; they are skipped when
				// the unit has a more telling key.
				common := max(16, len(groups)/4)
				telling := false
				for _, k := range u.keys {
					if n := len(index[k]); n > 0 && n <= common {
						telling = true
					}
				}
				for _, k := range u.keys {
					if telling && len(index[k]) > common {
						continue
					}
					for _, gi := range index[k] {
						consider(gi)
					}
				}
			}
		}
		sort.Slice(pairs, func(i, j int) bool {
			a, b := pairs[i], pairs[j]
			if a.score != b.score {
				return a.score > b.score
			}
			if a.g != b.g {
				return a.g < b.g
			}
			return a.u < b.u
		})
		used := make([]bool, len(units))
		for _, p := range pairs {
			g := groups[p.g]
			if used[p.u] || g.members[v] != nil {
				continue
			}
			used[p.u] = true
			g.members[v] = units[p.u]
		}
		for ui, u := range units {
			if used[ui] {
				continue
			}
			g := &group{kind: kind, members: make([]*unit, n), seed: u}
			g.members[v] = u
			gi := len(groups)
			groups = append(groups, g)
			stamp = append(stamp, 0)
			for _, k := range u.keys {
				index[k] = append(index[k], gi)
			}
		}
	}
	for _, g := range groups {
		g.name = g.canonicalName()
	}
	return groups
}

// sortByFirstSeen orders groups by the lowest variant holding them, then by
// position in that variant: the order a reader of the first variant expects.
func sortByFirstSeen(gs []*group) {
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i].first(), gs[j].first()
		if a.v != b.v {
			return a.v < b.v
		}
		return a.seq < b.seq
	})
}

func union(a, b []string) []string {
	return sortedSet(append(append([]string{}, a...), b...))
}
