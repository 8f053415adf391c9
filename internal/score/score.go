package score

import (
	"sort"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/compare"
	"github.com/distill/distill/internal/summary"
)

// Category is one kind of item precision and recall are measured on.
type Category int

// The categories, in table order.
const (
	Entities Category = iota
	Fields
	Config
	Rules
	Requires
	Ensures
	NumCategories = 6
)

// Categories lists every category in table order.
var Categories = [NumCategories]Category{Entities, Fields, Config, Rules, Requires, Ensures}

var categoryNames = [NumCategories]string{"entities", "fields", "config", "rules", "requires", "ensures"}

func (c Category) String() string {
	if c < 0 || int(c) >= NumCategories {
		return "category?"
	}
	return categoryNames[c]
}

// categoryOf maps compare's construct kinds onto the categories; kinds not
// listed (lets, triggers, derived values, surfaces, ...) are not scored.
var categoryOf = map[string]Category{
	summary.KindEntity:         Entities,
	summary.KindExternalEntity: Entities,
	summary.KindValue:          Entities,
	summary.KindField:          Fields,
	summary.KindRelationship:   Fields,
	summary.KindConfig:         Config,
	summary.KindRule:           Rules,
	summary.KindRequires:       Requires,
	summary.KindEnsures:        Ensures,
}

// Count holds one category's figures.
type Count struct {
	Distilled int // items in the distilled spec
	Expected  int // items in the expected spec
	Matched   int // pairs that match (see the package documentation)
	// Aligned counts the pairs compare aligned, matching or not; it differs
	// from Matched only for clauses, where an aligned pair must also say
	// the same thing to match.
	Aligned int
	// OutOfScope counts distilled items without a match that the expected
	// spec's Scope leaves out; they are not in Distilled (see Scope).
	OutOfScope int
}

// Precision is Matched / Distilled; ok is false when the distilled spec has
// no item of the category.
func (c Count) Precision() (p float64, ok bool) {
	if c.Distilled == 0 {
		return 0, false
	}
	return float64(c.Matched) / float64(c.Distilled), true
}

// Recall is Matched / Expected; ok is false when the expected spec has no
// item of the category.
func (c Count) Recall() (r float64, ok bool) {
	if c.Expected == 0 {
		return 0, false
	}
	return float64(c.Matched) / float64(c.Expected), true
}

// Result is the score of one distilled spec against its expected spec.
type Result struct {
	Counts [NumCategories]Count
	// Missing lists, per category, the expected spec's items without a
	// match; Extra the distilled spec's. Items read "Owner.name" for
	// fields and "Rule: clause" for clauses, in compare's canonical names;
	// a clause compare aligned but that says something else carries the
	// other side's text after "≠".
	Missing, Extra [NumCategories][]string
	// StaleScope lists, sorted, the scope's field lines that leave nothing
	// out of precision, each with why: the distilled spec has no such
	// field, it matches one of the expected spec (so the expected spec
	// does cover it), or its entity is out of scope already. A scope file
	// that names what is no longer there would rot unseen; TestRealWorld
	// fails on these.
	StaleScope []string
}

// Variant IDs given to compare. Compare sorts variants by ID, so the
// distilled spec is variant 0 and seeds the groups.
const (
	distilledID = "distilled"
	expectedID  = "expected"
)

// Score aligns distilled with expected through internal/compare (on
// normalised copies; neither argument is changed) and counts, per category,
// the items of each side and the matches. A nil module counts as empty.
func Score(distilled, expected *allium.Module) Result {
	return ScoreIn(distilled, expected, Scope{})
}

// ScoreIn is Score with the expected spec's scope: distilled items without
// a match that scope leaves out are counted as OutOfScope instead of
// lowering precision.
func ScoreIn(distilled, expected *allium.Module, scope Scope) Result {
	if distilled == nil {
		distilled = &allium.Module{}
	}
	if expected == nil {
		expected = &allium.Module{}
	}
	res, err := compare.Compare([]compare.Variant{
		{ID: distilledID, Module: normalize(distilled, memberNames(expected), triggerParams(expected))},
		{ID: expectedID, Module: normalize(expected, memberNames(distilled), triggerParams(distilled))},
	}, compare.Options{WholeKinds: true})
	if err != nil {
		// Compare fails only for missing modules or IDs, which cannot
		// happen here.
		panic("score: " + err.Error())
	}
	d, e := 0, 1
	if res.Variants[0] != distilledID {
		d, e = 1, 0
	}
	outEntities, outRules, outConfig, outFields := scope.excluded(distilled)
	outside := func(cat Category, a compare.Aligned, p compare.Presence) bool {
		switch cat {
		case Entities:
			return outEntities[p.LocalName]
		case Fields:
			return outEntities[a.Parent] || outFields[a.Parent+"."+p.LocalName]
		case Config:
			return outConfig[p.LocalName]
		case Rules:
			return outRules[p.LocalName]
		case Requires, Ensures:
			return outRules[a.Parent] || readsConfig(p.Value, scope.Config)
		}
		return false
	}
	var r Result
	seen := map[string]bool{}
	for _, a := range res.Aligned {
		cat, ok := categoryOf[a.Kind]
		if !ok {
			continue
		}
		dp, ep := a.Variants[d], a.Variants[e]
		if f := a.Parent + "." + dp.LocalName; cat == Fields && dp.Present && scope.Fields[f] {
			seen[f] = true
			switch {
			case ep.Present:
				r.StaleScope = append(r.StaleScope, "field "+f+": matches the expected spec's "+a.Parent+"."+ep.LocalName)
			case outEntities[a.Parent]:
				r.StaleScope = append(r.StaleScope, "field "+f+": its entity is out of scope already")
			}
		}
		if cat == Config && dp.Present && scope.Config[dp.LocalName] {
			seen["config "+dp.LocalName] = true
			if ep.Present {
				r.StaleScope = append(r.StaleScope, "config "+dp.LocalName+": matches the expected spec's "+ep.LocalName)
			}
		}
		c := &r.Counts[cat]
		if dp.Present && !ep.Present && outside(cat, a, dp) {
			c.OutOfScope++
			continue
		}
		if dp.Present {
			c.Distilled++
		}
		if ep.Present {
			c.Expected++
		}
		name := func(p compare.Presence) string {
			switch cat {
			case Fields:
				return a.Parent + "." + p.LocalName
			case Requires, Ensures:
				return a.Parent + ": " + oneLine(p.Value)
			}
			return p.LocalName
		}
		switch {
		case dp.Present && ep.Present && (cat != Requires && cat != Ensures || dp.Value == ep.Value):
			c.Aligned++
			c.Matched++
		case dp.Present && ep.Present:
			c.Aligned++
			r.Missing[cat] = append(r.Missing[cat], name(ep)+"  ≠ "+oneLine(dp.Value))
			r.Extra[cat] = append(r.Extra[cat], name(dp)+"  ≠ "+oneLine(ep.Value))
		case dp.Present:
			r.Extra[cat] = append(r.Extra[cat], name(dp))
		case ep.Present:
			r.Missing[cat] = append(r.Missing[cat], name(ep))
		}
	}
	for f := range scope.Fields {
		if !seen[f] {
			r.StaleScope = append(r.StaleScope, "field "+f+": not a field of the distilled spec")
		}
	}
	for c := range scope.Config {
		if !seen["config "+c] {
			r.StaleScope = append(r.StaleScope, "config "+c+": not a config parameter of the distilled spec")
		}
	}
	sort.Strings(r.StaleScope)
	return r
}

// oneLine folds a clause printed over several lines into one, for lists.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
