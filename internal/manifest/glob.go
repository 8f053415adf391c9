package manifest

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Glob is a compiled include or exclude pattern. Patterns are matched
// against slash-separated paths relative to a service directory.
//
// Syntax, per path segment:
//
//   - any run of characters except /
//     ?       exactly one character except /
//     [abc]   one character from the set; ranges like [a-z]; [!abc] or [^abc]
//     negate; \ escapes ] - and \ inside a set
//     \c      the character c itself
//     **      as a whole segment: any number of segments, including none
//
// So "**/*.py" matches "a.py" and "x/y/a.py", and "**/tests/**" matches
// "tests", "tests/a.py" and "pkg/tests/b/c.py". Because "x/**" also matches
// "x" itself, a walker may test a directory against an exclude pattern and
// skip the whole subtree when it matches.
type Glob struct {
	pattern  string
	segments []string // "**" stands for any number of segments
}

// anySegments is the segment that matches zero or more whole path segments.
const anySegments = "**"

// CompileGlob checks pattern and prepares it for repeated matching.
func CompileGlob(pattern string) (*Glob, error) {
	switch {
	case pattern == "":
		return nil, errors.New("empty pattern")
	case !utf8.ValidString(pattern):
		return nil, errors.New("pattern is not valid UTF-8")
	case strings.HasPrefix(pattern, "/"):
		return nil, errors.New("pattern must be relative to the service directory, not start with /")
	case strings.HasSuffix(pattern, "/"):
		return nil, errors.New("pattern ends with /; write dir/** to match everything under a directory")
	}
	var segments []string
	for seg := range strings.SplitSeq(pattern, "/") {
		switch {
		case seg == "":
			return nil, errors.New("pattern has an empty path segment (//)")
		case seg == "." || seg == "..":
			return nil, fmt.Errorf("pattern segment %q never matches: paths are clean and relative", seg)
		case seg == anySegments:
			// Consecutive ** mean the same as one and would only cost
			// backtracking.
			if len(segments) > 0 && segments[len(segments)-1] == anySegments {
				continue
			}
		case strings.Contains(seg, anySegments) && !escapedStars(seg):
			return nil, fmt.Errorf("** must be a whole path segment, as in **/%s or dir/**; inside a segment use *", strings.ReplaceAll(seg, "**", "*"))
		default:
			if err := checkSegment(seg); err != nil {
				return nil, err
			}
		}
		segments = append(segments, seg)
	}
	return &Glob{pattern: pattern, segments: segments}, nil
}

// escapedStars reports whether every "**" in seg is only apparent, because
// one of the stars is escaped (as in \**) or sits inside a character set.
// Such segments are ordinary and checkSegment judges them.
func escapedStars(seg string) bool {
	prevStar := false
	for i := 0; i < len(seg); i++ {
		switch seg[i] {
		case '\\':
			i++
			prevStar = false
		case '[':
			end, err := classEnd(seg[i:])
			if err != nil {
				return true // let checkSegment report the real problem
			}
			i += end - 1
			prevStar = false
		case '*':
			if prevStar {
				return false
			}
			prevStar = true
		default:
			prevStar = false
		}
	}
	return true
}

// ValidGlob reports why pattern is not a valid glob, or nil if it is.
func ValidGlob(pattern string) error {
	_, err := CompileGlob(pattern)
	return err
}

// Match reports whether the slash-separated relative path matches pattern.
// An invalid pattern matches nothing; use ValidGlob to find out why.
func Match(pattern, path string) bool {
	g, err := CompileGlob(pattern)
	if err != nil {
		return false
	}
	return g.Match(path)
}

// String returns the pattern as written.
func (g *Glob) String() string { return g.pattern }

// Match reports whether the slash-separated relative path matches g.
func (g *Glob) Match(path string) bool {
	// Source selection calls this for every file and pattern; splitting
	// into a stack buffer keeps typical paths free of allocation.
	var buf [32]string
	names := buf[:0]
	for name := range strings.SplitSeq(path, "/") {
		names = append(names, name)
	}
	// The same greedy algorithm as for * within a segment, one level up:
	// ** is a star over segments and every other segment is a predicate on
	// one name, so remembering only the latest ** is enough to backtrack.
	pi, ni := 0, 0
	starPi, starNi := -1, 0
	for pi < len(g.segments) || ni < len(names) {
		if pi < len(g.segments) {
			seg := g.segments[pi]
			if seg == anySegments {
				starPi, starNi = pi, ni
				pi++
				continue
			}
			if ni < len(names) && matchSegment(seg, names[ni]) {
				pi++
				ni++
				continue
			}
		}
		if starPi >= 0 && starNi < len(names) {
			starNi++
			pi, ni = starPi+1, starNi
			continue
		}
		return false
	}
	return true
}

// checkSegment reports a syntax error in one segment of a pattern.
func checkSegment(seg string) error {
	for i := 0; i < len(seg); i++ {
		switch seg[i] {
		case '\\':
			if i+1 == len(seg) {
				return errors.New("pattern ends with an unfinished escape \\")
			}
			i++
		case '[':
			end, err := classEnd(seg[i:])
			if err != nil {
				return err
			}
			i += end - 1
		case ']':
			return errors.New("] without a matching [; write \\] for a literal ]")
		}
	}
	return nil
}

// classEnd checks the character set that starts class (which begins with
// '[') and returns the length of the set including both brackets.
func classEnd(class string) (int, error) {
	i := 1
	if i < len(class) && (class[i] == '!' || class[i] == '^') {
		i++
	}
	for items := 0; ; items++ {
		if i >= len(class) {
			return 0, errors.New("character set [ is not closed with ]")
		}
		if class[i] == ']' && items > 0 {
			return i + 1, nil
		}
		lo, n, err := classChar(class[i:])
		if err != nil {
			return 0, err
		}
		i += n
		if i < len(class) && class[i] == '-' {
			hi, n, err := classChar(class[i+1:])
			if err != nil {
				return 0, err
			}
			if hi < lo {
				return 0, fmt.Errorf("range %c-%c in a character set is reversed", lo, hi)
			}
			i += 1 + n
		}
	}
}

// classChar reads one (possibly escaped) character of a character set and
// returns it with the number of bytes it took.
func classChar(s string) (rune, int, error) {
	if s == "" {
		return 0, 0, errors.New("character set [ is not closed with ]")
	}
	switch s[0] {
	case '-', ']':
		return 0, 0, fmt.Errorf("%c in a character set must be escaped as \\%c", s[0], s[0])
	case '\\':
		if len(s) == 1 {
			return 0, 0, errors.New("character set [ is not closed with ]")
		}
		r, n := utf8.DecodeRuneInString(s[1:])
		return r, n + 1, nil
	}
	r, n := utf8.DecodeRuneInString(s)
	return r, n, nil
}

// matchSegment matches one name against one valid pattern segment. The
// greedy algorithm with a single backtrack point for the last * runs in
// O(len(seg)*len(name)) at worst, never exponentially.
func matchSegment(seg, name string) bool {
	pi, ni := 0, 0
	starPi, starNi := -1, 0
	for pi < len(seg) || ni < len(name) {
		if pi < len(seg) {
			switch c := seg[pi]; c {
			case '*':
				starPi, starNi = pi, ni
				pi++
				continue
			case '?':
				if ni < len(name) {
					_, n := utf8.DecodeRuneInString(name[ni:])
					pi++
					ni += n
					continue
				}
			case '[':
				if ni < len(name) {
					r, n := utf8.DecodeRuneInString(name[ni:])
					if width, ok := matchClass(seg[pi:], r); ok {
						pi += width
						ni += n
						continue
					}
				}
			default:
				want, pn := utf8.DecodeRuneInString(seg[pi:])
				if c == '\\' {
					var en int
					want, en = utf8.DecodeRuneInString(seg[pi+1:])
					pn = 1 + en
				}
				if ni < len(name) {
					got, n := utf8.DecodeRuneInString(name[ni:])
					if got == want {
						pi += pn
						ni += n
						continue
					}
				}
			}
		}
		if starPi >= 0 && starNi < len(name) {
			_, n := utf8.DecodeRuneInString(name[starNi:])
			starNi += n
			pi, ni = starPi+1, starNi
			continue
		}
		return false
	}
	return true
}

// matchClass reports whether r is in the valid character set at the start of
// class, and the set's length in bytes.
func matchClass(class string, r rune) (int, bool) {
	i := 1
	negate := false
	if class[i] == '!' || class[i] == '^' {
		negate = true
		i++
	}
	in := false
	for items := 0; ; items++ {
		if class[i] == ']' && items > 0 {
			return i + 1, in != negate
		}
		lo, n, _ := classChar(class[i:])
		i += n
		hi := lo
		if class[i] == '-' {
			hi, n, _ = classChar(class[i+1:])
			i += 1 + n
		}
		if lo <= r && r <= hi {
			in = true
		}
	}
}
