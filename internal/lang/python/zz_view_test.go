package python

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestView(t *testing.T) {
	path := os.Getenv("VIEW")
	data, _ := os.ReadFile(path)
	rel := os.Getenv("REL")
	f := extract(t, rel, string(data))
	fmt.Println(strings.Join(showFile(f), "\n"))
	fmt.Printf("%+v\n", f.Stats)
}
