package chk

import (
	"os"
	"testing"

	"github.com/distill/distill/internal/allium"
)

func TestChk(t *testing.T) {
	src, _ := os.ReadFile(os.Getenv("F"))
	m, d := allium.Parse("x", src)
	t.Log(d)
	t.Log(allium.Check(m, allium.CheckOptions{File: "x"}))
}
