package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
)

// ReasonOddName is why a file whose name holds a control character (a
// newline, a tab…) is skipped: such a name cannot be written into a spec's
// provenance comment or a one-line report.
const ReasonOddName = "file name has a control character"

// EscapeName writes a path with its control characters escaped the way Go
// and Python do ("a\nb.py" -> `a\nb.py`), so that it stays one line in
// every output. Ordinary names come back unchanged.
func EscapeName(name string) string {
	if !strings.ContainsFunc(name, oddRune) {
		return name
	}
	var b strings.Builder
	for _, c := range name {
		if oddRune(c) {
			q := strconv.QuoteRune(c)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func oddRune(c rune) bool { return unicode.IsControl(c) || c == utf8.RuneError }

// codingDecl is PEP 263's encoding declaration, which must be a comment
// on the first or second line: "# -*- coding: latin-1 -*-", "# vim:
// set fileencoding=cp1252 :".
var codingDecl = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// declaredEncoding returns the encoding a Python file declares, or nil.
func declaredEncoding(data []byte) encoding.Encoding {
	lines := bytes.SplitN(data, []byte("\n"), 3)
	for i, line := range lines {
		if i == 2 {
			break
		}
		m := codingDecl.FindSubmatch(line)
		if m == nil {
			if i == 0 && !bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) && len(bytes.TrimSpace(line)) > 0 {
				return nil // PEP 263: the second line counts only after a comment or blank first line
			}
			continue
		}
		return lookupEncoding(string(m[1]))
	}
	return nil
}

// pythonNames maps Python's common codec names (after lower-casing and
// turning "_" into "-") to encodings; anything else is looked up in the
// IANA registry.
var pythonNames = map[string]encoding.Encoding{
	"latin-1": charmap.ISO8859_1, "latin1": charmap.ISO8859_1, "latin": charmap.ISO8859_1, "l1": charmap.ISO8859_1,
	"iso-8859-1": charmap.ISO8859_1, "iso8859-1": charmap.ISO8859_1, "8859": charmap.ISO8859_1, "cp819": charmap.ISO8859_1,
	"iso-8859-15": charmap.ISO8859_15, "iso8859-15": charmap.ISO8859_15, "latin-9": charmap.ISO8859_15, "latin9": charmap.ISO8859_15, "l9": charmap.ISO8859_15,
	"cp1252": charmap.Windows1252, "windows-1252": charmap.Windows1252,
	"cp1251": charmap.Windows1251, "windows-1251": charmap.Windows1251,
	"cp1250": charmap.Windows1250, "windows-1250": charmap.Windows1250,
	"iso-8859-2": charmap.ISO8859_2, "latin-2": charmap.ISO8859_2, "latin2": charmap.ISO8859_2,
	"koi8-r": charmap.KOI8R,
}

func lookupEncoding(name string) encoding.Encoding {
	n := strings.ReplaceAll(strings.ToLower(name), "_", "-")
	if e, ok := pythonNames[n]; ok {
		return e
	}
	if n == "utf-8" || n == "utf8" || strings.HasPrefix(n, "utf-8-") {
		return nil // declared UTF-8 but is not: skipped as not UTF-8
	}
	e, err := ianaindex.IANA.Encoding(name)
	if err != nil || e == nil {
		return nil
	}
	return e
}

// decodeDeclared turns a Python file that is not UTF-8 but declares its
// encoding into UTF-8; ok is false when it declares none this package
// knows, or the bytes do not decode.
func decodeDeclared(rel string, data []byte) ([]byte, bool) {
	if !strings.HasSuffix(rel, ".py") && !strings.HasSuffix(rel, ".pyi") {
		return nil, false
	}
	enc := declaredEncoding(data)
	if enc == nil {
		return nil, false
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) {
		return nil, false
	}
	return out, true
}
