package manifest

import (
	"math"
	"strconv"
)

// Quorum says how many variants of a group must agree on a construct for it
// to be part of the group's shared spec. Exactly one form is set: All, a
// Count of variants (>= 1), or a Fraction of them (0 < Fraction <= 1). The
// zero Quorum means all, which is also the default when a group gives none.
type Quorum struct {
	All      bool
	Count    int
	Fraction float64
}

// fractionEpsilon absorbs binary rounding in Fraction*n: 0.3*10 is
// 3.0000000000000004 in float64, and without the slack ceil would ask for 4.
const fractionEpsilon = 1e-9

// Required returns how many of n variants must agree: n for all, the count
// for a count, and the fraction of n rounded up for a fraction; never less
// than 1 nor more than n. With no variants, nothing can be required.
func (q Quorum) Required(n int) int {
	if n <= 0 {
		return 0
	}
	var need int
	switch {
	case q.Count > 0:
		need = q.Count
	case q.Fraction > 0:
		need = int(math.Ceil(q.Fraction*float64(n) - fractionEpsilon))
	default: // All, or the zero Quorum
		need = n
	}
	return min(max(need, 1), n)
}

// String prints the quorum the way it is written in a manifest: "all", "2"
// or "0.5".
func (q Quorum) String() string {
	switch {
	case q.Count > 0:
		return strconv.Itoa(q.Count)
	case q.Fraction > 0:
		return strconv.FormatFloat(q.Fraction, 'g', -1, 64)
	default:
		return "all"
	}
}
