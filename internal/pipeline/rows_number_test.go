package pipeline

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

func TestNumberValue(t *testing.T) {
	tests := []struct {
		expr string
		want float64
		ok   bool
	}{
		{"1.hour", 3600, true},
		{"15.minutes", 900, true},
		{"2.days", 172800, true},
		{"12", 12, true},
		{"100_000", 100000, true},
		{"0.5", 0.5, true},
		{"-3", -3, true},
		{"2 * 30.minutes", 3600, true},
		{"1.hour + 30.seconds", 3630, true},
		{"10 / 0", 0, false},
		{`"text"`, 0, false},
		{"core/config.base_timeout * 2", 0, false},
		{"true", 0, false},
	}
	for _, tt := range tests {
		e, err := allium.ParseExpr(tt.expr)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		got, ok := numberValue(e)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("numberValue(%s) = %v, %v; want %v, %v", tt.expr, got, ok, tt.want, tt.ok)
		}
	}
}
