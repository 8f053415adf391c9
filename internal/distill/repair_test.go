package distill

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
)

// Builders for the repair tests' modules.
func rid(n string) allium.Expr     { return &allium.Ident{Name: n} }
func rmem(x, f string) allium.Expr { return &allium.Member{X: rid(x), Name: f} }
func rtrue() allium.Expr           { return &allium.Lit{Kind: allium.LitBool, Text: "true"} }
func rnum(n string) allium.Expr    { return &allium.Lit{Kind: allium.LitNumber, Text: n} }
func rfrom(line int) allium.Meta {
	return allium.Meta{Prov: &allium.Provenance{File: "app/views.py", Line: line}}
}
func rtype(n string) *allium.Type { return &allium.Type{Name: n} }
func rassign(x, f string, v allium.Expr, line int) *allium.Assign {
	return &allium.Assign{Meta: rfrom(line), Target: rmem(x, f), Value: v}
}

// repairCase builds a module with one bad construct (bad true) or
// without it (bad false): repair must turn the first into the second.
type repairCase struct {
	name  string
	build func(bad bool) *allium.Module
	// what the notes must say (the source line and the checker code).
	notes      []string
	byChecker  int
	unparsable int
}

// baseModule is a small valid spec the cases add their bad construct to.
func baseModule() *allium.Module {
	return &allium.Module{
		Version: 3,
		Entities: []*allium.Entity{
			{Meta: rfrom(3), Name: "User", Members: []allium.EntityMember{
				&allium.Field{Meta: rfrom(4), Name: "email", Type: rtype("String")},
				&allium.Field{Meta: rfrom(5), Name: "active", Type: rtype("Boolean")},
				&allium.Field{Meta: rfrom(6), Name: "failed_logins", Type: rtype("Integer")},
			}},
		},
		Config: []*allium.ConfigParam{
			{Meta: rfrom(1), Name: "max_failed_logins", Type: rtype("Integer"), Default: rnum("5")},
		},
	}
}

// rule builds an external rule on a user parameter.
func rule(name string, line int, body ...allium.Stmt) *allium.Rule {
	return &allium.Rule{Meta: rfrom(line), Name: name,
		Trigger: &allium.Trigger{Kind: allium.TriggerExternal, Name: name, Params: []allium.TriggerParam{{Name: "user"}}},
		Body:    body}
}

func repairCases() []repairCase {
	return []repairCase{
		{
			name: "requires naming an unbound value",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				body := []allium.Stmt{&allium.Requires{Meta: rfrom(10), Cond: rmem("user", "active")}}
				if bad {
					body = append(body, &allium.Requires{Meta: rfrom(11), Cond: rmem("ghost", "active")})
				}
				body = append(body, &allium.Ensures{Body: []allium.Stmt{rassign("user", "failed_logins", rnum("0"), 12)}})
				m.Rules = []*allium.Rule{rule("Login", 9, body...)}
				return m
			},
			notes:     []string{"app/views.py:11: rule Login: requires clause left out (checker E009:"},
			byChecker: 1,
		},
		{
			name: "one outcome of several",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				outs := []allium.Stmt{rassign("user", "active", rtrue(), 20)}
				if bad {
					outs = append(outs, rassign("user", "email", rid("nowhere"), 21))
				}
				outs = append(outs, rassign("user", "failed_logins", rnum("0"), 22))
				m.Rules = []*allium.Rule{rule("Unlock", 19, &allium.Ensures{Meta: rfrom(20), Body: outs})}
				return m
			},
			notes:     []string{"app/views.py:21: rule Unlock: outcome user.email = nowhere left out (checker E009:"},
			byChecker: 1,
		},
		{
			name: "a statement inside a for block of an ensures",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				inner := []allium.Stmt{rassign("u", "active", rtrue(), 31)}
				if bad {
					inner = append(inner, rassign("u", "email", rid("nowhere"), 32))
				}
				m.Rules = []*allium.Rule{rule("UnlockAll", 29, &allium.Ensures{Meta: rfrom(30), Body: []allium.Stmt{
					&allium.For{Meta: rfrom(30), Var: "u", Coll: rid("Users"), Body: inner},
					rassign("user", "failed_logins", rnum("0"), 33),
				}})}
				return m
			},
			notes:     []string{"app/views.py:32: rule UnlockAll: outcome u.email = nowhere left out (checker E009:"},
			byChecker: 1,
		},
		{
			name: "a statement inside an if block of an ensures",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				then := []allium.Stmt{rassign("user", "active", rtrue(), 41)}
				if bad {
					then = append(then, rassign("user", "email", rid("nowhere"), 42))
				}
				m.Rules = []*allium.Rule{rule("Reset", 39, &allium.Ensures{Meta: rfrom(40), Body: []allium.Stmt{
					&allium.If{Meta: rfrom(40), Branches: []allium.IfBranch{{Cond: rmem("user", "active"), Body: then}},
						Else: []allium.Stmt{rassign("user", "failed_logins", rnum("0"), 44)}},
				}})}
				return m
			},
			notes:     []string{"app/views.py:42: rule Reset: outcome user.email = nowhere left out (checker E009:"},
			byChecker: 1,
		},
		{
			name: "a rule left with no ensures goes",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				m.Rules = []*allium.Rule{rule("Keep", 50, &allium.Ensures{Body: []allium.Stmt{rassign("user", "active", rtrue(), 51)}})}
				if bad {
					m.Rules = append(m.Rules, rule("Broken", 52,
						&allium.Requires{Meta: rfrom(53), Cond: rmem("user", "active")},
						&allium.Ensures{Body: []allium.Stmt{rassign("user", "email", rid("nowhere"), 54)}}))
				}
				return m
			},
			notes: []string{
				"app/views.py:54: rule Broken: outcome user.email = nowhere left out (checker E009:",
				"app/views.py:52: rule Broken (no ensures left) left out (checker E009:",
			},
			byChecker: 2,
		},
		{
			name: "a let goes with the clauses that use its name",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				body := []allium.Stmt{&allium.Requires{Meta: rfrom(60), Cond: rmem("user", "active")}}
				if bad {
					body = append(body,
						&allium.Let{Meta: rfrom(61), Name: "other", Value: &allium.Join{Entity: "Nobody", Fields: []allium.JoinField{{Name: "email"}}}},
						&allium.Requires{Meta: rfrom(62), Cond: &allium.Unary{Op: allium.OpExists, X: rid("other")}})
				}
				outs := []allium.Stmt{rassign("user", "failed_logins", rnum("0"), 63)}
				if bad {
					outs = append(outs, rassign("other", "active", rtrue(), 64))
				}
				body = append(body, &allium.Ensures{Meta: rfrom(63), Body: outs})
				m.Rules = []*allium.Rule{rule("Invite", 59, body...)}
				m.Rules[0].Trigger.Params = append(m.Rules[0].Trigger.Params, allium.TriggerParam{Name: "email"})
				return m
			},
			notes: []string{
				"app/views.py:61: rule Invite: let other left out (checker E001:",
				"app/views.py:62: rule Invite: requires clause (uses other) left out (checker E001:",
				"app/views.py:64: rule Invite: outcome other.active = true (uses other) left out (checker E001:",
			},
			byChecker: 3,
		},
		{
			name: "one entity field",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				if bad {
					u := m.Entities[0]
					u.Members = append(u.Members[:1:1], append([]allium.EntityMember{
						&allium.Field{Meta: rfrom(7), Name: "plan", Type: rtype("Plan")}}, u.Members[1:]...)...)
				}
				return m
			},
			notes:     []string{"app/views.py:7: User.plan left out (checker E001:"},
			byChecker: 1,
		},
		{
			name: "one derived value",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				u := m.Entities[0]
				u.Members = append(u.Members, &allium.Derived{Meta: rfrom(8), Name: "is_locked",
					Value: &allium.Binary{Op: allium.OpGe, X: rid("failed_logins"), Y: rmem("config", "max_failed_logins")}})
				if bad {
					u.Members = append(u.Members, &allium.Derived{Meta: rfrom(9), Name: "is_stale", Value: rmem("config", "stale_after")})
				}
				return m
			},
			notes:     []string{"app/views.py:9: User.is_stale left out (checker E014:"},
			byChecker: 1,
		},
		{
			name: "one config entry",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				if bad {
					m.Config = append(m.Config, &allium.ConfigParam{Meta: rfrom(2), Name: "lockout", Type: rtype("Window"), Default: rnum("3")})
				}
				return m
			},
			notes:     []string{"app/views.py:2: config lockout left out (checker E001:"},
			byChecker: 1,
		},
		{
			name: "one surface entry",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				m.Rules = []*allium.Rule{rule("Login", 90, &allium.Ensures{Body: []allium.Stmt{rassign("user", "failed_logins", rnum("0"), 91)}})}
				call := func(n string) allium.SurfaceEntry {
					return &allium.SurfaceItem{Meta: rfrom(92), X: &allium.Call{Fun: rid(n), Args: []allium.Arg{{Value: rid("viewer")}}}}
				}
				s := &allium.Surface{Meta: rfrom(92), Name: "Accounts", Facing: &allium.SurfaceBinding{Name: "viewer", Type: "User"},
					Provides: []allium.SurfaceEntry{call("Login")}}
				if bad {
					s.Provides = append(s.Provides, call("Vanish"))
				}
				m.Surfaces = []*allium.Surface{s}
				return m
			},
			notes:     []string{"app/views.py:92: surface Accounts: a provides entry left out (checker E016:"},
			byChecker: 1,
		},
		{
			name: "text that does not parse back",
			build: func(bad bool) *allium.Module {
				m := baseModule()
				body := []allium.Stmt{&allium.Requires{Meta: rfrom(70), Cond: rmem("user", "active")}}
				if bad {
					// No parser reads a name with a space in it: a
					// stand-in for a printer/parser disagreement.
					body = append(body, &allium.Requires{Meta: rfrom(71), Cond: rid("not a name")})
				}
				body = append(body, &allium.Ensures{Body: []allium.Stmt{rassign("user", "failed_logins", rnum("0"), 72)}})
				m.Rules = []*allium.Rule{rule("Login", 69, body...)}
				return m
			},
			notes:      []string{"app/views.py:71: rule Login: requires clause left out (printed spec did not parse back:"},
			unparsable: 1,
		},
	}
}

func newTestBuilder(st *Stats) *builder {
	return newBuilder(context.Background(), catalog.MustDefault().Language("python"), nil, 3, st)
}

// TestRepairDropsOnlyTheBadConstruct: repair removes exactly the construct
// that fails (with what cannot stand without it), keeps everything else,
// notes each drop with its source line and cause, and counts it.
func TestRepairDropsOnlyTheBadConstruct(t *testing.T) {
	for _, tc := range repairCases() {
		t.Run(tc.name, func(t *testing.T) {
			good := tc.build(false)
			if errs, _ := checkErrors(good); len(errs) > 0 {
				t.Fatalf("the good module fails: %v\n%s", errs, allium.Print(good, allium.PrintOptions{}))
			}
			m := tc.build(true)
			if errs, _ := checkErrors(m); len(errs) == 0 {
				t.Fatalf("the bad module passes:\n%s", allium.Print(m, allium.PrintOptions{}))
			}
			var st Stats
			b := newTestBuilder(&st)
			repair(m, b)
			want, got := allium.Print(good, allium.PrintOptions{Provenance: true}), allium.Print(m, allium.PrintOptions{Provenance: true})
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("repaired module (-want +got):\n%s\nnotes:\n%s", diff, strings.Join(b.sortedNotes(), "\n"))
			}
			notes := b.sortedNotes()
			for _, w := range tc.notes {
				found := false
				for _, n := range notes {
					found = found || strings.HasPrefix(n, w)
				}
				if !found {
					t.Errorf("no note starts with %q; notes:\n%s", w, strings.Join(notes, "\n"))
				}
			}
			if len(notes) != len(tc.notes) {
				t.Errorf("%d notes, want %d:\n%s", len(notes), len(tc.notes), strings.Join(notes, "\n"))
			}
			if st.DroppedByChecker != tc.byChecker || st.DroppedUnparsable != tc.unparsable {
				t.Errorf("dropped by checker %d, unparsable %d; want %d, %d", st.DroppedByChecker, st.DroppedUnparsable, tc.byChecker, tc.unparsable)
			}
			if st.Untranslated != tc.byChecker+tc.unparsable {
				t.Errorf("Untranslated = %d, want %d", st.Untranslated, tc.byChecker+tc.unparsable)
			}
		})
	}
}

// TestRepairUnlocatedError: a checker error without a line costs the
// top-level construct without which it goes, not the module.
func TestRepairUnlocatedError(t *testing.T) {
	m := baseModule()
	m.Rules = []*allium.Rule{
		rule("Keep", 50, &allium.Ensures{Body: []allium.Stmt{rassign("user", "active", rtrue(), 51)}}),
		rule("Broken", 52, &allium.Ensures{Body: []allium.Stmt{rassign("user", "email", rid("nowhere"), 54)}}),
	}
	errs, _ := checkErrors(m)
	if len(errs) != 1 {
		t.Fatalf("errors: %v", errs)
	}
	d := errs[0]
	d.Line = 0
	var st Stats
	b := newTestBuilder(&st)
	r := &repairer{m: m, b: b, cause: "checker " + d.Code + ": " + d.Msg}
	if r.dropAtLine(nil, d.Line) {
		t.Fatal("dropAtLine located an error with no line")
	}
	if !r.dropByRemoval(d) {
		t.Fatal("dropByRemoval found nothing")
	}
	if len(m.Rules) != 1 || m.Rules[0].Name != "Keep" || len(m.Entities) != 1 || len(m.Config) != 1 {
		t.Errorf("after the drop:\n%s", allium.Print(m, allium.PrintOptions{}))
	}
	notes := strings.Join(b.sortedNotes(), "\n")
	if !strings.Contains(notes, "app/views.py:52: rule Broken left out (checker E009:") || !strings.Contains(notes, "not located") {
		t.Errorf("notes:\n%s", notes)
	}
	if st.DroppedByChecker != 1 {
		t.Errorf("DroppedByChecker = %d, want 1", st.DroppedByChecker)
	}
}

// TestRepairNeverEmptiesTheSpec: a module whose every rule is broken keeps
// its entities and config; only the broken rules go.
func TestRepairNeverEmptiesTheSpec(t *testing.T) {
	m := baseModule()
	for i, n := range []string{"A", "B", "C"} {
		m.Rules = append(m.Rules, rule(n, 80+i, &allium.Ensures{Body: []allium.Stmt{rassign("user", "email", rid("nowhere"), 80+i)}}))
	}
	var st Stats
	repair(m, newTestBuilder(&st))
	if errs, _ := checkErrors(m); len(errs) > 0 {
		t.Fatalf("still failing: %v", errs)
	}
	if len(m.Rules) != 0 || len(m.Entities) != 1 || len(m.Entities[0].Members) != 3 || len(m.Config) != 1 {
		t.Errorf("after repair:\n%s", allium.Print(m, allium.PrintOptions{}))
	}
	if st.DroppedByChecker != 6 { // each outcome, then its rule
		t.Errorf("DroppedByChecker = %d, want 6", st.DroppedByChecker)
	}
}
