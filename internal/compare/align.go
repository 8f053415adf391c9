package compare

import (
	"sort"
	"sync/atomic"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// unit is one construct of one variant, as alignment sees it.
type unit struct {
	// readsDerived marks a clause matched on the expression of a derived
	// value it reads (expandDerived): the shared spec prints, when it can,
	// a member that writes the expression out.
	readsDerived bool
	v            int
	kind         string
	local        string // the variant's own name (clauses: requires#N)
	parent       string // the variant's own name of the owner
	seq          int    // position within its owner, for ordering
	node         allium.Node
	text         string // printed after renaming to canonical names
	value        string // Presence.Value
	typ          string // fields and config: the canonical type
	tokens       []string
	keys         []string // index keys: candidates share at least one
	feat         []string
	feat2        []string
	trig         string // rules: trigger text after renaming
	trigTk       []string
	orig         string      // rules: the trigger key as the variant writes it
	forOf        *allium.For // clauses inside a rule-level for
	prov         *allium.Provenance
	pos          allium.Pos
	// soleRef marks a field that is its entity's only field of its
	// (declared, non-built-in) type.
	soleRef bool
	// Rules: the primary effects of their ensures and the details.
	effects, effDetail []string
	// Clauses: key is the clause in normal form, what clauses are matched
	// and shared on. A requires of several conjuncts or an ensures block of
	// several statements is one unit per part: whole is the clause as
	// written, part its index and parts how many there are.
	key         string
	whole       allium.Stmt
	part, parts int
	// guard marks a requires lifted from the condition of a rule's only
	// outcome, `ensures: if C: ...` (guardedOutcomes).
	guard bool
	// guardConds are the conjuncts of the guard an ensures unit was lifted
	// from (guardedOutcomes), so a shared outcome can be written under the
	// part of it the shared rule does not require (guardUnshared).
	guardConds []allium.Expr
	// ownText, set on clauses, prints the clause as the variant's own spec
	// writes it, given the map from the renamed copy to the variant's
	// constructs; "" when a part of it cannot be found there.
	ownText func(orig func(allium.Node) allium.Node) string
}

// group is one aligned construct: at most one unit per variant.
type group struct {
	kind     string
	name     string
	repName  string // the majority name, the representative's (representative)
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
	sharedKeys  []string // their normal forms
	// general marks an ensures kept in the general form the quorum holds
	// (a creation with the arguments they agree on) rather than as any
	// variant wrote it.
	general bool
	printed string // the clause as the shared spec writes it, when no variant writes it so
	// note says why a clause the quorum does not agree on is in the shared
	// spec anyway (a let a shared clause needs, bound differently).
	note string
}

// cmp is what a unit is matched and shared on: a clause's normal form, any
// other construct's printed text.
func (u *unit) cmp() string {
	if u.key != "" {
		return u.key
	}
	return u.text
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

// canonicalName is the local name most members use. Among names as many
// members use, it is the one whose words the members' names share most
// (the sum of the Dice coefficients of their spelledTokens): of
// ConfirmationToken, EmailConfirmationToken, ActivationToken and
// AccountToken, each used once, ConfirmationToken, whose words the others
// repeat, rather than AccountToken, which sorts first. Ties then go to a
// name whose words the other only adds to (email, not customer_email),
// then to the smallest.
func (g *group) canonicalName() string {
	counts := map[string]int{}
	for _, u := range g.members {
		if u != nil {
			counts[u.local]++
		}
	}
	return likeMost(counts)
}

// likeMost is majority with ties between names of as many uses broken by
// how much of their wording the other names share (canonicalName).
func likeMost(counts map[string]int) string {
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	var tied []string
	for k, n := range counts {
		if n == top {
			tied = append(tied, k)
		}
	}
	if len(tied) < 2 {
		return majority(counts)
	}
	sort.Strings(tied)
	tokens := map[string][]string{}
	for k := range counts {
		tokens[k] = spelledTokens(k)
	}
	best, bestS := "", -1.0
	for _, k := range tied {
		s := 0.0
		for o, n := range counts {
			if o != k {
				s += float64(n) * dice(tokens[k], tokens[o])
			}
		}
		// Sums of the same terms in another order can differ in the
		// last bit; a tie within rounding goes to the name whose words
		// the other only adds to (verified, of which is_email_verified
		// says more), then to the smaller.
		if s > bestS+1e-9 || s > bestS-1e-9 && properSubset(tokens[k], tokens[best]) {
			best, bestS = k, s
		}
	}
	return best
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

// representative is the first member using the name most members use,
// ties to the smallest (repName): the canonical name, unless the members'
// names tie and the canonical one is the one the others' wording shares
// most. What the representative is chosen by does not move with how the
// group is named: its trigger and parameters are what the other members
// are read against.
func (g *group) representative() *unit {
	name := g.repName
	if name == "" {
		name = g.name
	}
	for _, u := range g.members {
		if u != nil && u.local == name {
			return u
		}
	}
	return g.first()
}

// compared are the first maxCompared members of g, those a candidate is
// compared with.
func (g *group) compared() []*unit {
	var out []*unit
	for _, m := range g.members {
		if m != nil && len(out) < maxCompared {
			out = append(out, m)
		}
	}
	return out
}

// maxCompared bounds how many members of a group a candidate is compared
// with: the seed and the next ones, in variant order.
const maxCompared = 4

// simCalls counts similarity evaluations, for the benchmark's report of
// how much alignment work a comparison takes.
var simCalls atomic.Int64

// pair is a candidate of clustering: group g, unit u of the variant
// being placed, and their score.
type pair struct {
	g     int
	u     int
	score float64
}

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
				s := sim(groups[gi].seed, u)
				// The seed is the first word, not the only one: a
				// construct may resemble a later member more (the
				// EmailVerification of one variant, the EmailChangeToken
				// of the next, the LoginToken that seeded the group).
				seen := 1
				for _, m := range groups[gi].members {
					if m == nil || m == groups[gi].seed || seen >= maxCompared {
						continue
					}
					seen++
					simCalls.Add(1)
					s = max(s, sim(m, u))
				}
				if s >= threshold {
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
		var taken []pair
		for _, p := range pairs {
			g := groups[p.g]
			if used[p.u] || g.members[v] != nil {
				continue
			}
			used[p.u] = true
			g.members[v] = units[p.u]
			taken = append(taken, p)
		}
		swapPairs(groups, units, v, taken, pairs)
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
	groups = mergeGroups(groups, index, sim, threshold)
	nameGroups(groups)
	return groups
}

// swapPairs improves the greedy pairing of one variant's units with the
// groups: two pairs whose units do better the other way round (by the sum
// of both scores, each at or above the threshold: pairs lists only those)
// exchange their groups. Greedy, best first, takes a pair that is best
// alone and leaves its rival a worse one: redash's admin-sent reset
// (UserResetPassword) is nearest by name to the user's reset request, and
// its ForgotPassword, which is that request, was left the admin's. The
// pass repeats while some exchange gains, each strictly, so it ends.
func swapPairs(groups []*group, units []*unit, v int, taken, pairs []pair) {
	if len(taken) < 2 {
		return
	}
	score := map[[2]int]float64{}
	for _, p := range pairs {
		score[[2]int{p.g, p.u}] = p.score
	}
	for changed, rounds := true, 0; changed && rounds < len(taken); rounds++ {
		changed = false
		for i := range taken {
			for j := i + 1; j < len(taken); j++ {
				a, b := taken[i], taken[j]
				ab, ok1 := score[[2]int{a.g, b.u}]
				ba, ok2 := score[[2]int{b.g, a.u}]
				if !ok1 || !ok2 || ab+ba <= a.score+b.score+swapMargin {
					continue
				}
				taken[i], taken[j] = pair{a.g, b.u, ab}, pair{b.g, a.u, ba}
				groups[a.g].members[v], groups[b.g].members[v] = units[b.u], units[a.u]
				changed = true
			}
		}
	}
}

// swapMargin is how much two pairs must gain together to exchange: less
// is a tie the greedy order settles.
const swapMargin = 0.05

// nameGroups gives each group its canonical name, one name per group: the
// groups whose name more of their members use choose first, and a group
// whose name another has taken takes the best of its members' other
// names (flask-ctfd's ResetPassword requests a reset where the others'
// ResetPassword performs one, and the group of requests, whose members
// all name it differently, is not to take it from them). A group with no
// other name keeps the taken one.
func nameGroups(groups []*group) {
	counts := make([]map[string]int, len(groups))
	for i, g := range groups {
		counts[i] = map[string]int{}
		for _, u := range g.members {
			if u != nil {
				counts[i][u.local]++
			}
		}
	}
	for i, name := range distinctNames(counts) {
		groups[i].name = name
		groups[i].repName = majority(counts[i])
	}
}

// properSubset reports whether the sorted set a is b less something.
func properSubset(a, b []string) bool {
	return len(a) < len(b) && intersect(a, b) == len(a)
}

// distinctNames picks one name from each set of counted names (likeMost),
// no two alike where that can be helped: the sets whose best name is used
// most choose first, the others from the names not yet taken.
func distinctNames(counts []map[string]int) []string {
	top := make([]int, len(counts))
	for i, c := range counts {
		for _, n := range c {
			top[i] = max(top[i], n)
		}
	}
	order := make([]int, len(counts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return top[order[i]] > top[order[j]] })
	out := make([]string, len(counts))
	taken := map[string]bool{}
	for _, i := range order {
		free := map[string]int{}
		for k, n := range counts[i] {
			if !taken[k] {
				free[k] = n
			}
		}
		if len(free) == 0 {
			free = counts[i]
		}
		out[i] = likeMost(free)
		if out[i] != "" {
			taken[out[i]] = true
		}
	}
	return out
}

// completeLinkage are the kinds whose groups mergeGroups joins only when
// every member of one resembles every member of the other, not just one
// pair. A config parameter's name is all that says which setting it is,
// and two names that each share words with a third need not name one
// setting: access_token_ttl and email_verification_timeout both resemble
// verification_token_expiry (token and expiry; verification and expiry)
// and not each other. Entities and rules keep the best pair: LoginToken,
// EmailChangeToken and EmailVerification are one construct met through
// the one between.
var completeLinkage = map[string]bool{summary.KindConfig: true}

// link combines the similarity s found so far with another pair's t: the
// least of them under complete linkage, the most otherwise.
func link(kind string, s, t float64) float64 {
	if completeLinkage[kind] {
		return min(s, t)
	}
	return max(s, t)
}

// mergeGroups joins groups that no variant holds both of and that resemble
// each other (the best pair of their first members; the worst pair for
// the kinds of completeLinkage) at least as much as
// the threshold: taking variants in order, a construct can open a group of
// its own only because the group it belongs to was seeded by a variant it
// resembles less than a later one (LoginToken, then EmailVerification,
// then the EmailChangeToken both resemble). Groups are taken in order and
// each takes its best partner among later ones, ties to the older.
func mergeGroups(groups []*group, index map[string][]int, sim func(a, b *unit) float64, threshold float64) []*group {
	n := 0
	if len(groups) > 0 {
		n = len(groups[0].members)
	}
	dead := make([]bool, len(groups))
	for gi, g := range groups {
		if dead[gi] || g.count() == n {
			continue
		}
		best, bestS := -1, threshold
		seen := map[int]bool{}
		for _, m := range g.members {
			if m == nil {
				continue
			}
			for _, k := range m.keys {
				for _, gj := range index[k] {
					if gj <= gi || dead[gj] || seen[gj] {
						continue
					}
					seen[gj] = true
					h := groups[gj]
					disjoint := true
					for v := range g.members {
						if g.members[v] != nil && h.members[v] != nil {
							disjoint = false
							break
						}
					}
					if !disjoint {
						continue
					}
					s := -1.0
					for _, a := range g.compared() {
						for _, b := range h.compared() {
							simCalls.Add(1)
							if t := sim(a, b); s < 0 {
								s = t
							} else {
								s = link(g.kind, s, t)
							}
						}
					}
					if s > bestS || s == bestS && best < 0 || s == bestS && gj < best {
						best, bestS = gj, s
					}
				}
			}
		}
		if best < 0 {
			continue
		}
		h := groups[best]
		for v, m := range h.members {
			if m != nil {
				g.members[v] = m
			}
		}
		dead[best] = true
	}
	var out []*group
	for gi, g := range groups {
		if !dead[gi] {
			out = append(out, g)
		}
	}
	return out
}

// pairLeftovers joins two groups that no variant holds both of when each
// resembles the other more than any other such group and at least floor,
// below the clustering threshold: what is left of two variants once
// their rules have paired off is most likely one flow each wrote its own
// way (graphql-auth's login, which issues its tokens under a condition
// and unarchives the account, against two fastapi logins that issue them
// outright), while a group with a likelier partner keeps waiting for it.
// One pass: partners are found among the groups sharing an index key
// (all of them for a group without keys), and mutual pairs joined best
// first, ties to the older groups.
func pairLeftovers(groups []*group, sim func(a, b *unit) float64, floor float64) []*group {
	n := 0
	if len(groups) > 0 {
		n = len(groups[0].members)
	}
	disjoint := func(g, h *group) bool {
		for v := range g.members {
			if g.members[v] != nil && h.members[v] != nil {
				return false
			}
		}
		return true
	}
	index := map[string][]int{}
	keys := make([][]string, len(groups))
	for i, g := range groups {
		if g.count() == n {
			continue
		}
		for _, m := range g.members {
			if m != nil {
				keys[i] = union(keys[i], m.keys)
			}
		}
		for _, k := range keys[i] {
			index[k] = append(index[k], i)
		}
	}
	best := make([]int, len(groups))
	bestS := make([]float64, len(groups))
	for i, g := range groups {
		best[i], bestS[i] = -1, -1
		if g.count() == n {
			continue
		}
		var cands []int
		if len(keys[i]) == 0 {
			for j := range groups {
				cands = append(cands, j)
			}
		} else {
			seen := map[int]bool{}
			for _, k := range keys[i] {
				for _, j := range index[k] {
					if !seen[j] {
						seen[j] = true
						cands = append(cands, j)
					}
				}
			}
			sort.Ints(cands)
		}
		for _, j := range cands {
			h := groups[j]
			if j == i || h.count() == n || !disjoint(g, h) {
				continue
			}
			s := -1.0
			for _, a := range g.compared() {
				for _, b := range h.compared() {
					simCalls.Add(1)
					s = max(s, sim(a, b))
				}
			}
			if s > bestS[i] {
				best[i], bestS[i] = j, s
			}
		}
	}
	var pairs [][2]int
	for i, j := range best {
		if j > i && best[j] == i && bestS[i] >= floor {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return bestS[pairs[a][0]] > bestS[pairs[b][0]] })
	dead := make([]bool, len(groups))
	for _, p := range pairs {
		for v, m := range groups[p[1]].members {
			if m != nil {
				groups[p[0]].members[v] = m
			}
		}
		dead[p[1]] = true
	}
	var out []*group
	for i, g := range groups {
		if !dead[i] {
			out = append(out, g)
		}
	}
	return out
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
