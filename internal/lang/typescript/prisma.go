package typescript

import (
	"errors"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/prisma"
)

// maxErrorLines is how many syntax error lines a file's Stats keep.
const maxErrorLines = 10

// prismaFacts reads a Prisma schema: its models and enums are facts of
// this language (read with the typescript catalog section), since the
// code that queries them through the Prisma client is TypeScript. The
// lines the schema parser could not read are counted as syntax errors.
func prismaFacts(file facts.Source) *facts.File {
	s, errs := prisma.Parse(file.Path, string(file.Data))
	out := prisma.Facts(file.Path, ID, ModuleName(file.Path), s)
	out.Stats.ErrorNodes = len(errs)
	for _, err := range errs {
		var pe *prisma.Error
		if errors.As(err, &pe) && len(out.Stats.ErrorLines) < maxErrorLines {
			out.Stats.ErrorLines = append(out.Stats.ErrorLines, pe.Line)
		}
	}
	for _, c := range out.Classes {
		out.Stats.Statements += 1 + len(c.Fields)
	}
	return out
}
