package score

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Row is one service's score. Language is the corpus the service belongs
// to ("python", "typescript"): each language's services get their own mean,
// so that adding services in one language never moves another's figures.
type Row struct {
	Service  string
	Language string
	Result   Result
}

// RowLanguages returns the languages of rows, each once, in sorted order.
func RowLanguages(rows []Row) []string {
	var out []string
	for _, r := range rows {
		if !slices.Contains(out, r.Language) {
			out = append(out, r.Language)
		}
	}
	slices.Sort(out)
	return out
}

// InLanguage returns the rows of one language, in their order.
func InLanguage(rows []Row, lang string) []Row {
	var out []Row
	for _, r := range rows {
		if r.Language == lang {
			out = append(out, r)
		}
	}
	return out
}

// Mean is the mean precision and recall of one category over services,
// each service weighing the same. Services where a ratio is undefined (no
// item on the side it divides by) are left out of that ratio's mean; N
// says how many counted, and a mean over none is undefined (N = 0).
type Mean struct {
	Precision, Recall   float64
	PrecisionN, RecallN int
}

// Means returns the mean per category over rows.
func Means(rows []Row) [NumCategories]Mean {
	var out [NumCategories]Mean
	for _, c := range Categories {
		m := &out[c]
		for _, r := range rows {
			if p, ok := r.Result.Counts[c].Precision(); ok {
				m.Precision += p
				m.PrecisionN++
			}
			if rc, ok := r.Result.Counts[c].Recall(); ok {
				m.Recall += rc
				m.RecallN++
			}
		}
		if m.PrecisionN > 0 {
			m.Precision /= float64(m.PrecisionN)
		}
		if m.RecallN > 0 {
			m.Recall /= float64(m.RecallN)
		}
	}
	return out
}

// WriteTable prints one line per service, grouped by language, and a line
// of means per language ("mean python", "mean typescript"; plain "mean"
// for rows without one): for each category "P/R" with two decimals ("-"
// where undefined), then the items matched out of those expected. A reader
// sees at once which category falls short and on how many items the ratio
// rests.
func WriteTable(w io.Writer, rows []Row) error {
	var grouped []Row
	langs := RowLanguages(rows)
	for _, l := range langs {
		grouped = append(grouped, InLanguage(rows, l)...)
	}
	rows = grouped
	meanLabel := func(l string) string { return strings.TrimSpace("mean " + l) }
	width := len("service")
	for _, r := range rows {
		width = max(width, len(r.Service), len(meanLabel(r.Language)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s", width, "service")
	for _, c := range Categories {
		fmt.Fprintf(&b, "  %-13s", c.String())
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%-*s", width, "")
	for range Categories {
		fmt.Fprintf(&b, "  %-13s", "P/R")
	}
	b.WriteString("\n")
	for _, l := range langs {
		in := InLanguage(rows, l)
		for _, r := range in {
			fmt.Fprintf(&b, "%-*s", width, r.Service)
			for _, c := range Categories {
				n := r.Result.Counts[c]
				p, pok := n.Precision()
				rc, rok := n.Recall()
				fmt.Fprintf(&b, "  %-13s", ratio(p, pok)+"/"+ratio(rc, rok))
			}
			b.WriteString("\n")
		}
		means := Means(in)
		fmt.Fprintf(&b, "%-*s", width, meanLabel(l))
		for _, c := range Categories {
			m := means[c]
			fmt.Fprintf(&b, "  %-13s", ratio(m.Precision, m.PrecisionN > 0)+"/"+ratio(m.Recall, m.RecallN > 0))
		}
		b.WriteString("\n")
	}
	b.WriteString("\nmatched / distilled / expected items (clauses aligned but worded differently in brackets;\n" +
		"after ~, distilled items left out of precision by the service's scope.txt)\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "%-*s", width, r.Service)
		for _, c := range Categories {
			n := r.Result.Counts[c]
			cell := fmt.Sprintf("%d/%d/%d", n.Matched, n.Distilled, n.Expected)
			if n.Aligned > n.Matched {
				cell += fmt.Sprintf("[%d]", n.Aligned-n.Matched)
			}
			if n.OutOfScope > 0 {
				cell += fmt.Sprintf("~%d", n.OutOfScope)
			}
			fmt.Fprintf(&b, "  %-13s", cell)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func ratio(x float64, ok bool) string {
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.2f", x)
}
