package allium

import (
	"testing"
	"os"
)

func TestZZRepro(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("REPRO"))
	m, d := Parse("x", src)
	t.Logf("diags %v", d)
	t.Logf("%s", sexprModel(m))
	out := Print(m, PrintOptions{Provenance: true})
	t.Logf("printed:\n%s", out)
	m2, d2 := Parse("y", out)
	t.Logf("diags2 %v", d2)
	t.Logf("%s", sexprModel(m2))
}

func sexprModel(m *Module) string {
	s := ""
	for _, e := range m.Entities {
		for _, mm := range e.Members {
			switch x := mm.(type) {
			case *Field:
				s += "field " + x.Name + ": " + TypeString(x.Type) + "\n"
			case *Derived:
				s += "derived " + x.Name + ": " + sexpr(x.Value) + "\n"
			}
		}
	}
	return s
}
