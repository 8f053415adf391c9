package score

import (
	"fmt"
	"io"
	"strings"
)

// Row is one service's score.
type Row struct {
	Service string
	Result  Result
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

// WriteTable prints one line per service and a line of means: for each
// category "P/R" with two decimals ("-" where undefined), then the items
// matched out of those expected. A reader sees at once which category
// falls short and on how many items the ratio rests.
func WriteTable(w io.Writer, rows []Row) error {
	width := len("service")
	for _, r := range rows {
		width = max(width, len(r.Service))
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
	for _, r := range rows {
		fmt.Fprintf(&b, "%-*s", width, r.Service)
		for _, c := range Categories {
			n := r.Result.Counts[c]
			p, pok := n.Precision()
			rc, rok := n.Recall()
			fmt.Fprintf(&b, "  %-13s", ratio(p, pok)+"/"+ratio(rc, rok))
		}
		b.WriteString("\n")
	}
	means := Means(rows)
	fmt.Fprintf(&b, "%-*s", width, "mean")
	for _, c := range Categories {
		m := means[c]
		fmt.Fprintf(&b, "  %-13s", ratio(m.Precision, m.PrecisionN > 0)+"/"+ratio(m.Recall, m.RecallN > 0))
	}
	b.WriteString("\n\nmatched / distilled / expected items (clauses aligned but worded differently in brackets;\n" +
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
