package python

import "testing"

// TestDefinitionRoom: the functions and classes of a module or class body
// and the parameters of a def are held in slices with no unused room (the
// facts of every file live until the service's build ends), and a scope
// that defines nothing has nil slices, as before room was made.
func TestDefinitionRoom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		// the lengths expected of File.Functions, File.Classes, the first
		// class's Methods and the first function's Params (-1: no such
		// function or class)
		funcs, classes, methods, params int
	}{
		{"nothing defined", "X = 1\n", 0, 0, -1, -1},
		{"functions", "def a(x, y=1, *args, k, **kw): pass\ndef b(): pass\n@d\ndef c(self): pass\n", 3, 0, -1, 5},
		{"separators", "def a(x, /, y, *, z): pass\n", 1, 0, -1, 3},
		{"class with methods", "class A:\n    def f(self): pass\n    @property\n    def g(self): pass\n    def h(self): pass\n    class Meta: pass\n", 0, 1, 3, -1},
		{"class without methods", "class A:\n    x = 1\n", 0, 1, 0, -1},
		{"conditional definitions", "if X:\n    def a(): pass\nelse:\n    def a(): pass\ndef b(): pass\n", 3, 0, -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extract(t, "m.py", tt.src)
			if len(f.Functions) != tt.funcs || len(f.Classes) != tt.classes {
				t.Fatalf("functions %d, classes %d; want %d, %d", len(f.Functions), len(f.Classes), tt.funcs, tt.classes)
			}
			if tt.funcs == 0 && f.Functions != nil || tt.classes == 0 && f.Classes != nil {
				t.Errorf("an empty list of definitions is not nil")
			}
			if tt.funcs > 0 && tt.params >= 0 {
				params := f.Functions[0].Params
				if len(params) != tt.params {
					t.Errorf("params %d, want %d", len(params), tt.params)
				}
				if tt.params == 0 && params != nil {
					t.Errorf("no parameters, but Params is not nil")
				}
				// Separators take room they do not fill: at most two.
				if spare := cap(params) - len(params); spare > 2 {
					t.Errorf("params: %d unused slots", spare)
				}
			}
			if tt.methods >= 0 {
				m := f.Classes[0].Methods
				if len(m) != tt.methods || tt.methods == 0 && m != nil {
					t.Errorf("methods %d (nil %v), want %d", len(m), m == nil, tt.methods)
				}
				if cap(m) != len(m) {
					t.Errorf("methods: room for %d, %d used", cap(m), len(m))
				}
			}
			if cap(f.Classes) != len(f.Classes) {
				t.Errorf("classes: room for %d, %d used", cap(f.Classes), len(f.Classes))
			}
			// Definitions in if/else are hoisted beyond the room made for
			// the module's own, so only those are held exactly.
			if tt.name != "conditional definitions" && cap(f.Functions) != len(f.Functions) {
				t.Errorf("functions: room for %d, %d used", cap(f.Functions), len(f.Functions))
			}
		})
	}
}
