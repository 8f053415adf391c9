package distill

import (
	"slices"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestOrphansAfterRepair: a declaration that only a construct repair
// dropped referenced goes with it (a config parameter, a message entity
// and the enum of its templates, the relationship to a token only the
// dropped rule issued, a given binding); one a kept construct still references stays, and
// so does one assemble declares whether or not anything references it (an
// enforced limit, a model entity) or one nothing referenced before repair.
func TestOrphansAfterRepair(t *testing.T) {
	broken := func(body ...allium.Stmt) *allium.Rule {
		// The checker rejects the rule's one outcome (it reads ghost,
		// bound nowhere), and the rule goes with it.
		return rule("Broken", 40, body...)
	}
	create := func(ent string, args ...allium.Arg) allium.Stmt {
		return &allium.ExprStmt{Meta: rfrom(43), X: &allium.Call{Fun: rmem(ent, "created"), Args: args}}
	}
	ensures := func(body ...allium.Stmt) *allium.Ensures { return &allium.Ensures{Meta: rfrom(42), Body: body} }
	cfg := func(name string) *allium.ConfigParam {
		return &allium.ConfigParam{Meta: rfrom(2), Name: name, Type: rtype("Integer"), Default: rnum("3")}
	}
	cases := []struct {
		name     string
		build    func(m *allium.Module)
		models   []string // entities the service stores (entByName)
		enforced []string
		// what is declared after repair and the orphans pass
		config, entities, enums, given []string
		userMembers                    int
	}{
		{
			name: "config read only by the dropped rule goes",
			build: func(m *allium.Module) {
				m.Config = append(m.Config, cfg("admin_permission"))
				m.Rules = []*allium.Rule{broken(ensures(rassign("ghost", "failed_logins", rmem("config", "admin_permission"), 43)))}
			},
			models: []string{"User"}, config: []string{"max_failed_logins"}, entities: []string{"User"}, userMembers: 3,
		},
		{
			name: "config a kept rule reads stays",
			build: func(m *allium.Module) {
				m.Config = append(m.Config, cfg("admin_permission"))
				m.Rules = []*allium.Rule{
					broken(ensures(rassign("ghost", "failed_logins", rmem("config", "admin_permission"), 43))),
					rule("Keep", 50, ensures(rassign("user", "failed_logins", rmem("config", "admin_permission"), 51))),
				}
			},
			models: []string{"User"}, config: []string{"max_failed_logins", "admin_permission"}, entities: []string{"User"}, userMembers: 3,
		},
		{
			name: "an enforced limit stays",
			build: func(m *allium.Module) {
				m.Config = append(m.Config, cfg("rate_limit"))
				m.Rules = []*allium.Rule{broken(ensures(rassign("ghost", "failed_logins", rmem("config", "rate_limit"), 43)))}
			},
			models: []string{"User"}, enforced: []string{"rate_limit"},
			config: []string{"max_failed_logins", "rate_limit"}, entities: []string{"User"}, userMembers: 3,
		},
		{
			name: "a message entity and its template enum go with the one rule that sent it",
			build: func(m *allium.Module) {
				m.Enums = append(m.Enums, &allium.Enum{Meta: rfrom(60), Name: "EmailTemplate", Values: []allium.EnumValue{{Name: "welcome"}}})
				m.Entities = append(m.Entities, &allium.Entity{Meta: rfrom(60), Name: "Email", Members: []allium.EntityMember{
					&allium.Field{Name: "to", Type: rtype("User")}, &allium.Field{Name: "template", Type: rtype("EmailTemplate")}}})
				m.Rules = []*allium.Rule{broken(ensures(create("Email", allium.Arg{Name: "to", Value: rid("ghost")}, allium.Arg{Name: "template", Value: rid("welcome")})))}
			},
			models: []string{"User"}, config: []string{"max_failed_logins"}, entities: []string{"User"}, userMembers: 3,
		},
		{
			name: "a model entity only the dropped rule made stays",
			build: func(m *allium.Module) {
				m.Entities = append(m.Entities, &allium.Entity{Meta: rfrom(60), Name: "Workspace", Members: []allium.EntityMember{
					&allium.Field{Name: "name", Type: rtype("String")}}})
				m.Rules = []*allium.Rule{broken(ensures(create("Workspace", allium.Arg{Name: "name", Value: rid("ghost")})))}
			},
			models: []string{"User", "Workspace"}, config: []string{"max_failed_logins"}, entities: []string{"User", "Workspace"}, userMembers: 3,
		},
		{
			name: "a token only the dropped rule issued goes with the user's relationship to it",
			build: func(m *allium.Module) {
				m.Entities[0].Members = append(m.Entities[0].Members, &allium.Relationship{Name: "reset_tokens", Entity: "ResetToken",
					With: &allium.Binary{Op: allium.OpEq, X: rid("user"), Y: rid("this")}})
				m.Entities = append(m.Entities, &allium.Entity{Meta: rfrom(60), Name: "ResetToken", Members: []allium.EntityMember{
					&allium.Field{Name: "user", Type: rtype("User")}}})
				m.Rules = []*allium.Rule{broken(ensures(create("ResetToken", allium.Arg{Name: "user", Value: rid("ghost")})))}
			},
			models: []string{"User"}, config: []string{"max_failed_logins"}, entities: []string{"User"}, userMembers: 3,
		},
		{
			name: "a token whose relationship a kept rule navigates stays",
			build: func(m *allium.Module) {
				m.Entities[0].Members = append(m.Entities[0].Members, &allium.Relationship{Name: "reset_tokens", Entity: "ResetToken",
					With: &allium.Binary{Op: allium.OpEq, X: rid("user"), Y: rid("this")}})
				m.Entities = append(m.Entities, &allium.Entity{Meta: rfrom(60), Name: "ResetToken", Members: []allium.EntityMember{
					&allium.Field{Name: "user", Type: rtype("User")}}})
				m.Rules = []*allium.Rule{
					broken(ensures(create("ResetToken", allium.Arg{Name: "user", Value: rid("ghost")}))),
					rule("Revoke", 50, ensures(&allium.For{Meta: rfrom(51), Var: "t", Coll: rmem("user", "reset_tokens"),
						Body: []allium.Stmt{&allium.ExprStmt{Meta: rfrom(52), X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: rid("t")}}}}})),
				}
			},
			models: []string{"User"}, config: []string{"max_failed_logins"}, entities: []string{"User", "ResetToken"}, userMembers: 4,
		},
		{
			name: "a given binding only the dropped rule read goes",
			build: func(m *allium.Module) {
				m.Given = []*allium.GivenBinding{{Name: "settings", Type: rtype("User")}}
				m.Rules = []*allium.Rule{broken(ensures(rassign("ghost", "active", rmem("settings", "active"), 43)))}
			},
			models: []string{"User"}, config: []string{"max_failed_logins"}, entities: []string{"User"}, userMembers: 3,
		},
		{
			name: "a given binding a kept rule reads stays",
			build: func(m *allium.Module) {
				m.Given = []*allium.GivenBinding{{Name: "settings", Type: rtype("User")}}
				m.Rules = []*allium.Rule{
					broken(ensures(rassign("ghost", "active", rmem("settings", "active"), 43))),
					rule("Keep", 50, &allium.Requires{Meta: rfrom(51), Cond: rmem("settings", "active")},
						ensures(rassign("user", "active", rtrue(), 52))),
				}
			},
			models: []string{"User"}, config: []string{"max_failed_logins"}, entities: []string{"User"}, given: []string{"settings"}, userMembers: 3,
		},
		{
			name: "what nothing referenced before repair stays",
			build: func(m *allium.Module) {
				m.Config = append(m.Config, cfg("unread"))
				m.Rules = []*allium.Rule{broken(ensures(rassign("ghost", "failed_logins", rnum("0"), 43)))}
			},
			models: []string{"User"}, config: []string{"max_failed_logins", "unread"}, entities: []string{"User"}, userMembers: 3,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := baseModule()
			tc.build(m)
			var st Stats
			b := newTestBuilder(&st)
			for _, n := range tc.models {
				b.entByName[n] = &entityInfo{name: n}
			}
			b.enforcedConfig = map[string]bool{}
			for _, n := range tc.enforced {
				b.enforcedConfig[n] = true
			}
			before := b.orphanRefs(m)
			repair(m, b)
			if st.DroppedByChecker == 0 {
				t.Fatalf("repair dropped nothing:\n%s", allium.Print(m, allium.PrintOptions{}))
			}
			b.pruneOrphans(m, before)
			names := func(n int, name func(int) string) []string {
				var out []string
				for i := range n {
					out = append(out, name(i))
				}
				return out
			}
			gotCfg := names(len(m.Config), func(i int) string { return m.Config[i].Name })
			gotEnt := names(len(m.Entities), func(i int) string { return m.Entities[i].Name })
			gotEnum := names(len(m.Enums), func(i int) string { return m.Enums[i].Name })
			gotGiven := names(len(m.Given), func(i int) string { return m.Given[i].Name })
			if !slices.Equal(gotCfg, tc.config) || !slices.Equal(gotEnt, tc.entities) || !slices.Equal(gotEnum, tc.enums) || !slices.Equal(gotGiven, tc.given) {
				t.Errorf("config %v entities %v enums %v given %v; want %v %v %v %v\nnotes:\n%s", gotCfg, gotEnt, gotEnum, gotGiven,
					tc.config, tc.entities, tc.enums, tc.given, strings.Join(b.sortedNotes(), "\n"))
			}
			if n := len(m.Entities[0].Members); n != tc.userMembers {
				t.Errorf("User has %d members, want %d", n, tc.userMembers)
			}
			if errs, _ := checkErrors(m); len(errs) > 0 {
				t.Errorf("the pruned module fails the checker: %v\n%s", errs, allium.Print(m, allium.PrintOptions{}))
			}
		})
	}
}
