package manifest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sizeUnits maps the unit suffixes accepted in sizes (compared without case)
// to their multipliers: KB/MB/GB are powers of 1000, KiB/MiB/GiB powers of
// 1024, as the IEC names say.
var sizeUnits = map[string]int64{
	"":    1,
	"b":   1,
	"kb":  1000,
	"kib": 1 << 10,
	"mb":  1000 * 1000,
	"mib": 1 << 20,
	"gb":  1000 * 1000 * 1000,
	"gib": 1 << 30,
}

var errSizeSyntax = errors.New("want a whole number of bytes or a size like 512KiB, 1MiB or 2MB")

// parseSize reads a byte size written as a whole number with an optional
// unit (B, KB, KiB, MB, MiB, GB, GiB; any case; a space before the unit is
// allowed).
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0, errSizeSyntax
	}
	unit, ok := sizeUnits[strings.ToLower(strings.TrimSpace(s[end:]))]
	if !ok {
		return 0, errSizeSyntax
	}
	n, err := strconv.ParseInt(s[:end], 10, 64)
	if err != nil || n > math.MaxInt64/unit {
		return 0, fmt.Errorf("size %q is too large", s)
	}
	return n * unit, nil
}
