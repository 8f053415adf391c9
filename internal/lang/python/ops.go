package python

// operatorText reads the operator between two operands from the source
// between them, which costs no tree access; ok is false when that text is
// not a lone operator (a comment or anything unexpected in between), and
// the caller falls back to the operator token nodes.
func operatorText(between []byte) (op string, ok bool) {
	var buf [8]byte
	n := 0
	for _, c := range between {
		switch c {
		case ' ', '\t', '\n', '\r', '\f', '\\':
			continue
		}
		if n == len(buf) {
			return "", false
		}
		buf[n] = c
		n++
	}
	op, ok = operatorSpellings[string(buf[:n])]
	return op, ok
}

// operatorSpellings maps an operator with its spaces removed to its text.
var operatorSpellings = func() map[string]string {
	m := map[string]string{"notin": "not in", "isnot": "is not"}
	for _, op := range []string{
		"+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^",
		"<", "<=", ">", ">=", "==", "!=", "<>", "in", "is", "and", "or",
		"+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "&=", "|=", "^=",
	} {
		m[op] = op
	}
	return m
}()
