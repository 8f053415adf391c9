package compare

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const fixtures = "../../testdata/compare"

// loadCase reads every .allium file of a fixture directory as a variant
// named after its file.
func loadCase(t testing.TB, dir string) []Variant {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.allium"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no variants in %s: %v", dir, err)
	}
	var vs []Variant
	for _, f := range files {
		rel, err := filepath.Rel(fixtures, f)
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, Variant{ID: strings.TrimSuffix(filepath.Base(f), ".allium"), File: filepath.ToSlash(rel), Module: parseFile(t, f)})
	}
	return vs
}

func fixtureCases(t testing.TB) []string {
	dirs, _ := filepath.Glob(filepath.Join(fixtures, "*"))
	var out []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() && filepath.Base(d) != "realworld" {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		t.Fatal("no fixture cases")
	}
	return out
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file:\n%s", path, lineDiff(string(want), string(got)))
	}
}

func TestGoldens(t *testing.T) {
	for _, dir := range fixtureCases(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Compare(loadCase(t, dir), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if errs := allium.Check(res.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
				t.Errorf("shared spec has errors: %v", errs)
			}
			opt := ReportOptions{Title: filepath.Base(dir), Quorum: "all"}
			golden(t, filepath.Join(dir, "want", "shared.allium"), PrintShared(res))
			golden(t, filepath.Join(dir, "want", "report.md"), Markdown(res, opt))
			js, err := JSON(res, opt)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join(dir, "want", "report.json"), js)

			q2, err := Compare(loadCase(t, dir), Options{Required: func(int) int { return 2 }})
			if err != nil {
				t.Fatal(err)
			}
			if errs := allium.Check(q2.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
				t.Errorf("quorum-2 shared spec has errors: %v", errs)
			}
			golden(t, filepath.Join(dir, "want", "shared-quorum2.allium"), PrintShared(q2))
			golden(t, filepath.Join(dir, "want", "report-quorum2.md"), Markdown(q2, ReportOptions{Title: filepath.Base(dir), Quorum: "2"}))
		})
	}
}

// TestAlignment pins the alignments the fixtures were written to exercise.
func TestAlignment(t *testing.T) {
	res, err := Compare(loadCase(t, filepath.Join(fixtures, "reset")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(kind, parent, name string) *Aligned {
		for i, a := range res.Aligned {
			if a.Kind == kind && a.Parent == parent && a.Name == name {
				return &res.Aligned[i]
			}
		}
		t.Fatalf("no aligned %s %s/%s", kind, parent, name)
		return nil
	}
	locals := func(a *Aligned) string {
		var out []string
		for _, p := range a.Variants {
			out = append(out, p.LocalName)
		}
		return strings.Join(out, ",")
	}
	tests := []struct {
		kind, parent, name string
		locals             string // accounts, identity, legacy
		shared             bool
	}{
		{summary.KindEntity, "", "PasswordResetToken", "PasswordResetToken,ResetToken,PasswordResetToken", true},
		{summary.KindField, "PasswordResetToken", "expires_at", "expires_at,expiry,expires_at", true},
		{summary.KindField, "User", "failed_attempts", "failed_attempts,failed_login_attempts,failed_attempts", true},
		{summary.KindField, "User", "locked_until", "locked_until,locked_until,", false},
		{summary.KindConfig, "", "reset_token_expiry", "reset_token_expiry,token_expiry,reset_token_expiry", true},
		{summary.KindConfig, "", "lockout_duration", "lockout_duration,lockout_duration,", false},
		{summary.KindRule, "", "ResetPassword", "ResetPassword,ResetPassword,ResetPassword", true},
		{summary.KindRule, "", "LoginFailsAndLocks", "LoginFailsAndLocks,LoginFailsAndLocks,", false},
		{summary.KindRule, "", "SendResetConfirmation", ",SendResetConfirmation,", false},
		{summary.KindRequires, "ResetPassword", "requires#2", "requires#2,requires#2,requires#2", true},
		{summary.KindRequires, "RequestPasswordReset", "requires#2", ",requires#2,", false},
	}
	for _, tt := range tests {
		a := find(tt.kind, tt.parent, tt.name)
		if got := locals(a); got != tt.locals {
			t.Errorf("%s %s/%s: local names %q, want %q", tt.kind, tt.parent, tt.name, got, tt.locals)
		}
		if a.InShared != tt.shared {
			t.Errorf("%s %s/%s: in shared %v, want %v", tt.kind, tt.parent, tt.name, a.InShared, tt.shared)
		}
	}
	// The config default differs, so the shared parameter has none.
	text := string(PrintShared(res))
	if !strings.Contains(text, "    reset_token_expiry: Duration\n") {
		t.Errorf("shared reset_token_expiry should have no default:\n%s", text)
	}
	if !strings.Contains(text, "accounts: 1.hour, identity: 30.minutes, legacy: 2.hours") {
		t.Errorf("shared spec should list each variant's default:\n%s", text)
	}
}

// TestInputOrder: permuting the variants changes no byte of any output.
func TestInputOrder(t *testing.T) {
	for _, dir := range fixtureCases(t) {
		vs := loadCase(t, dir)
		var first []byte
		perms := permutations(len(vs))
		for _, p := range perms {
			in := make([]Variant, len(vs))
			for i, j := range p {
				in[i] = vs[j]
			}
			res, err := Compare(in, Options{Required: func(n int) int { return n - 1 }})
			if err != nil {
				t.Fatal(err)
			}
			js, err := JSON(res, ReportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out := append(append(PrintShared(res), Markdown(res, ReportOptions{})...), js...)
			if first == nil {
				first = out
			} else if !bytes.Equal(first, out) {
				t.Errorf("%s: order %v changed the output:\n%s", dir, p, lineDiff(string(first), string(out)))
			}
		}
	}
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

// TestQuorumMonotone: asking more variants to agree never shares more.
func TestQuorumMonotone(t *testing.T) {
	for _, dir := range fixtureCases(t) {
		vs := loadCase(t, dir)
		prev := -1
		var prevKeys map[string]bool
		for q := len(vs); q >= 1; q-- {
			res, err := Compare(vs, Options{Required: func(int) int { return q }})
			if err != nil {
				t.Fatal(err)
			}
			if errs := allium.Check(res.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
				t.Errorf("%s quorum %d: shared spec has errors: %v", dir, q, errs)
			}
			keys := map[string]bool{}
			for _, a := range res.Aligned {
				if a.InShared {
					keys[a.Kind+"/"+a.Parent+"/"+a.Name] = true
				}
			}
			if len(keys) < prev {
				t.Errorf("%s: quorum %d shares %d constructs, quorum %d shared %d", dir, q, len(keys), q+1, prev)
			}
			for k := range prevKeys {
				if !keys[k] {
					t.Errorf("%s: %s shared at quorum %d but not at %d", dir, k, q+1, q)
				}
			}
			prev, prevKeys = len(keys), keys
		}
	}
}

func TestSharedConstructs(t *testing.T) {
	res, err := Compare(loadCase(t, filepath.Join(fixtures, "reset")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	refs := map[ConstructRef]bool{}
	for _, c := range res.SharedConstructs("identity") {
		refs[c] = true
	}
	for _, want := range []ConstructRef{
		{summary.KindEntity, "", "ResetToken"},
		{summary.KindField, "ResetToken", "expiry"},
		{summary.KindField, "User", "failed_login_attempts"},
		{summary.KindConfig, "", "token_expiry"},
		{summary.KindTrigger, "ResetTokenExpires", "token: ResetToken.expiry <= now"},
		{summary.KindRequires, "ResetPassword", "requires#1"},
	} {
		if !refs[want] {
			t.Errorf("identity: %+v should be shared; got %v", want, res.SharedConstructs("identity"))
		}
	}
	for _, notWant := range []ConstructRef{
		{summary.KindRule, "", "SendResetConfirmation"},
		{summary.KindField, "User", "locked_until"},
		{summary.KindRequires, "RequestPasswordReset", "requires#2"},
	} {
		if refs[notWant] {
			t.Errorf("identity: %+v should not be shared", notWant)
		}
	}
	if got := res.SharedConstructs("nobody"); got != nil {
		t.Errorf("unknown variant: got %v", got)
	}
}

func TestCompareErrors(t *testing.T) {
	m := &allium.Module{Version: 3}
	tests := []struct {
		name string
		in   []Variant
		want string
	}{
		{"none", nil, "no variants"},
		{"duplicate", []Variant{{ID: "a", Module: m}, {ID: "a", Module: m}}, `duplicate variant ID "a"`},
		{"empty id", []Variant{{File: "x.allium", Module: m}}, `variant from "x.allium" has no ID`},
		{"nil module", []Variant{{ID: "a"}}, `variant "a" has no module`},
	}
	for _, tt := range tests {
		_, err := Compare(tt.in, Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestDistilledMerge: the distilled specs of testdata/variants/merge_x and
// merge_y differ in exactly the three ways their README lists.
func TestDistilledMerge(t *testing.T) {
	res, err := Compare(loadCase(t, filepath.Join(fixtures, "distilled-merge")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep := BuildReport(res, ReportOptions{})
	got := map[string][]string{}
	for _, vr := range rep.PerVariant {
		if len(vr.Beyond)+len(vr.Lacks) > 0 {
			t.Errorf("%s: beyond %v, lacks %v; want none", vr.ID, vr.Beyond, vr.Lacks)
		}
		for _, d := range vr.Differs {
			got[vr.ID] = append(got[vr.ID], d.Kind+" "+d.Parent+" "+d.Detail)
		}
	}
	want := map[string][]string{
		"merge_x": {
			"config  7.days",
			"ensures AcceptInvitation ensures: TeamMember.created(team: invitation.team, user: user, role: invitation.role)",
		},
		"merge_y": {
			"config  14.days",
			"ensures AcceptInvitation ensures: TeamMember.created(team: invitation.team, user: user, role: member)",
			"requires AcceptInvitation extra precondition: requires: invitation.email = lowercase(user.email)",
		},
	}
	for id, w := range want {
		if strings.Join(got[id], "\n") != strings.Join(w, "\n") {
			t.Errorf("%s differs:\n%s\nwant:\n%s", id, strings.Join(got[id], "\n"), strings.Join(w, "\n"))
		}
	}
}

// TestMemberlessEntity: an entity one variant declares without members (as
// distill does for a model whose columns it cannot read) is the same type
// as another variant's entity of the same name; a member-less entity whose
// name only shares a stem is not.
func TestMemberlessEntity(t *testing.T) {
	a := parseText(t, "a", "-- allium: 3\n\nentity User {}\n\nentity UserToken {}\n")
	b := parseText(t, "b", "-- allium: 3\n\nentity User {\n    email: String\n    is_active: Boolean\n}\n")
	res, err := Compare([]Variant{a, b}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, al := range res.Aligned {
		if al.Kind != summary.KindEntity {
			continue
		}
		var locals []string
		for _, p := range al.Variants {
			locals = append(locals, p.LocalName)
		}
		got = append(got, strings.Join(locals, ","))
	}
	sort.Strings(got)
	if want := []string{"User,User", "UserToken,"}; !slices.Equal(got, want) {
		t.Errorf("entity groups %q, want %q", got, want)
	}
}

// TestTriggerBindingRename: two rules on the same entity event that name
// its instance differently (member, organization_user) are one rule whose
// clauses align once the binding is renamed.
func TestTriggerBindingRename(t *testing.T) {
	const ents = "entity Org {}\n\nentity Owner {\n    org: Org\n}\n\nentity Member {\n    org: Org\n    is_admin: Boolean\n}\n\n"
	tests := []struct {
		name, a, b string
		shared     bool
	}{
		{
			name:   "different binding names",
			a:      "rule A {\n    when: member: Member.created\n    requires: member.is_admin\n    ensures: Owner.created(org: member.org)\n}\n",
			b:      "rule B {\n    when: m: Member.created\n    requires: m.is_admin\n    ensures: Owner.created(org: m.org)\n}\n",
			shared: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseText(t, "a", "-- allium: 3\n\n"+ents+tt.a)
			b := parseText(t, "b", "-- allium: 3\n\n"+ents+tt.b)
			res, err := Compare([]Variant{a, b}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			shared := false
			for _, al := range res.Aligned {
				if al.Kind == summary.KindRequires && al.InShared {
					shared = true
				}
			}
			if shared != tt.shared {
				t.Errorf("requires aligned in both: %v, want %v", shared, tt.shared)
			}
		})
	}
}

// TestMixedLanguagePair: a group that mixes a Python and a TypeScript
// implementation of the same flow (reset_a in Flask, reset_d in Express +
// Mongoose, which differ only in language, framework and the spelling of
// names) shares at least what the all-Python pair reset_a/reset_b shares,
// construct kind by construct kind (but for the relationship a Mongoose
// schema cannot declare), is at least as similar, and reports no
// behavioural difference.
func TestMixedLanguagePair(t *testing.T) {
	report := func(dir string, keep ...string) Report {
		var vs []Variant
		for _, v := range loadCase(t, filepath.Join(fixtures, dir)) {
			if slices.Contains(keep, v.ID) {
				vs = append(vs, v)
			}
		}
		if len(vs) != len(keep) {
			t.Fatalf("%s: want variants %v, found %d of them", dir, keep, len(vs))
		}
		res, err := Compare(vs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return BuildReport(res, ReportOptions{})
	}
	python := report("distilled-reset", "reset_a", "reset_b")
	mixed := report("distilled-mixed-reset", "reset_a", "reset_d")
	for kind, n := range python.Shared {
		// Mongoose declares a reference on one side only: reset_d has no
		// backref (User.reset_tokens), which both Python variants declare.
		if kind != "relationship" && mixed.Shared[kind] < n {
			t.Errorf("the mixed pair shares %d %s, the all-Python pair %d", mixed.Shared[kind], kind, n)
		}
	}
	if mixed.Similarity[0][1] < python.Similarity[0][1] {
		t.Errorf("similarity of the mixed pair %.2f < the all-Python pair's %.2f", mixed.Similarity[0][1], python.Similarity[0][1])
	}
	for _, vr := range mixed.PerVariant {
		if len(vr.Differs)+len(vr.Lacks) > 0 {
			t.Errorf("%s: differs %v, lacks %v; want none", vr.ID, vr.Differs, vr.Lacks)
		}
	}
}

// TestConfigSameDefault: between config parameters whose names half agree,
// the one with the same default is the match (polar's distilled
// user_session_freshness_ttl = 1.hour is the expected session_freshness,
// not user_session_ttl = 31.days), and a shared default alone aligns
// nothing.
func TestConfigSameDefault(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       map[string]string // a's parameter -> b's, "" when alone
	}{
		{
			name: "the same default decides between half-agreeing names",
			a:    "config {\n    user_session_freshness_ttl: Duration = 1.hour\n}\n",
			b:    "config {\n    user_session_ttl: Duration = 31.days\n    session_freshness: Duration = 1.hour\n}\n",
			want: map[string]string{"user_session_freshness_ttl": "session_freshness"},
		},
		{
			name: "without the same default the closer name wins",
			a:    "config {\n    user_session_freshness_ttl: Duration = 2.hours\n}\n",
			b:    "config {\n    user_session_ttl: Duration = 31.days\n    session_freshness: Duration = 1.hour\n}\n",
			want: map[string]string{"user_session_freshness_ttl": "user_session_ttl"},
		},
		{
			name: "names with nothing in common stay apart",
			a:    "config {\n    reset_token_expiry: Duration = 1.hour\n}\n",
			b:    "config {\n    lockout_window: Duration = 1.hour\n}\n",
			want: map[string]string{"reset_token_expiry": ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseText(t, "a", "-- allium: 3\n\n"+tt.a)
			b := parseText(t, "b", "-- allium: 3\n\n"+tt.b)
			res, err := Compare([]Variant{a, b}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, al := range res.Aligned {
				if al.Kind != summary.KindConfig || len(al.Variants) != 2 || !al.Variants[0].Present {
					continue
				}
				other := ""
				if al.Variants[1].Present {
					other = al.Variants[1].LocalName
				}
				got[al.Variants[0].LocalName] = other
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s aligned with %q, want %q (all: %v)", k, got[k], v, got)
				}
			}
		})
	}
}

// TestMatchParamsRequiredRow: medusa's UpdateUser names the row the
// request changes target in the hand-written spec and user in the
// distilled one, with different numbers of parameters; only that each
// rule requires it to exist pairs them, while an input tested with
// exists in an if (first_name) is not paired with it.
func TestMatchParamsRequiredRow(t *testing.T) {
	const ents = "entity User {\n    first_name: String?\n}\n\n"
	rule := func(src string) *allium.Rule {
		v := parseText(t, "a", "-- allium: 3\n\n"+ents+src)
		if len(v.Module.Rules) != 1 {
			t.Fatalf("%d rules", len(v.Module.Rules))
		}
		return v.Module.Rules[0]
	}
	hand := rule("rule UpdateUser {\n    when: UpdateUser(target, first_name?)\n    requires: exists target\n    ensures:\n        if exists first_name:\n            target.first_name = first_name\n}\n")
	got := rule("rule UpdateUser {\n    when: UpdateUser(user)\n    requires: exists user\n    ensures: User.created()\n}\n")
	renames := matchParams(got.Trigger.Params, hand.Trigger.Params, paramUses(got), paramUses(hand))
	if renames["user"] != "target" {
		t.Errorf("renames %v, want user -> target", renames)
	}
}

// TestMatchParamsConfirmations: an input and its confirmation pair with
// the other variant's input and confirmation whatever order either
// trigger lists them in (flask-base's new_password, new_password2 against
// flaskbb's password, confirm_password): digits are no stems, so the
// written names break the tie.
func TestMatchParamsConfirmations(t *testing.T) {
	params := func(names ...string) []allium.TriggerParam {
		var out []allium.TriggerParam
		for _, n := range names {
			out = append(out, allium.TriggerParam{Name: n})
		}
		return out
	}
	tests := []struct {
		name       string
		local, rep []string
		want       map[string]string
	}{
		{"confirmation listed first", []string{"confirm_password", "password", "token"}, []string{"token", "new_password2", "new_password"},
			map[string]string{"password": "new_password", "confirm_password": "new_password2"}},
		{"confirmation listed last", []string{"token", "password", "confirm_password"}, []string{"new_password", "new_password2", "token"},
			map[string]string{"password": "new_password", "confirm_password": "new_password2"}},
		{"the other way round", []string{"new_password2", "new_password", "token"}, []string{"token", "confirm_password", "password"},
			map[string]string{"new_password": "password", "new_password2": "confirm_password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := matchParams(params(tt.local...), params(tt.rep...), nil, nil)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("renames %v, want %v", got, tt.want)
			}
		})
	}
}

// TestExpiryFieldsAlign: a deadline aligns with a deadline, not with a
// timestamp that shares more words with it (signup-verification's
// reset_token_expires is kutt's reset_password_expires; its
// password_reset, when the password was last reset, is not).
func TestExpiryFieldsAlign(t *testing.T) {
	a := parseText(t, "a", "-- allium: 3\n\nentity User {\n    reset_token_expires: Timestamp?\n    password_reset: Timestamp?\n}\n")
	b := parseText(t, "b", "-- allium: 3\n\nentity User {\n    reset_password_expires: Timestamp?\n}\n")
	res, err := Compare([]Variant{a, b}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, al := range res.Aligned {
		if al.Kind == summary.KindField && al.Variants[0].Present && al.Variants[1].Present {
			got[al.Variants[0].LocalName] = al.Variants[1].LocalName
		}
	}
	if got["reset_token_expires"] != "reset_password_expires" || got["password_reset"] != "" {
		t.Errorf("aligned %v, want reset_token_expires with reset_password_expires alone", got)
	}
}

// TestValuelessSharedEnum: where every variant types a field by its own
// names (an inline enum or a named one) and no name is shared, the shared
// spec declares a string with each variant's names in a note, not an
// empty enum or one variant's names as if all had them; two shared names
// or more stay an enum of those.
func TestValuelessSharedEnum(t *testing.T) {
	tests := []struct {
		name   string
		srcs   []string // the variants, a, b, c ...
		want   []string // lines of the shared spec
		absent []string
	}{
		{
			name: "inline enums with no value in common",
			srcs: []string{
				"entity Email {\n    to: String\n    template: forgot_password | verification\n}\n",
				"entity Email {\n    to: String\n    template: reset_password | activate\n}\n",
			},
			want:   []string{"    -- values differ: a: forgot_password | verification; b: reset_password | activate", "    template: String"},
			absent: []string{"template: forgot_password"},
		},
		{
			// Each pair shares a value, so the enums align; no value is
			// in all three (the distilled email-confirmation group's
			// EmailTemplate).
			name: "named enums with no value in all",
			srcs: []string{
				"enum EmailTemplate { login | signup }\n\nentity Email {\n    to: String\n    template: EmailTemplate\n}\n",
				"enum EmailTemplate { signup | reset }\n\nentity Email {\n    to: String\n    template: EmailTemplate\n}\n",
				"enum EmailTemplate { reset | login }\n\nentity Email {\n    to: String\n    template: EmailTemplate\n}\n",
			},
			want:   []string{"    -- values differ: a: login | signup; b: signup | reset; c: reset | login", "    template: String"},
			absent: []string{"enum EmailTemplate"},
		},
		{
			name: "two shared values stay an enum",
			srcs: []string{
				"entity Email {\n    to: String\n    template: login | reset | invite\n}\n",
				"entity Email {\n    to: String\n    template: login | reset\n}\n",
			},
			want: []string{"    template: login | reset"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var vs []Variant
			for i, src := range tt.srcs {
				vs = append(vs, parseText(t, string(rune('a'+i)), "-- allium: 3\n\n"+src))
			}
			res, err := Compare(vs, Options{})
			if err != nil {
				t.Fatal(err)
			}
			shared := string(PrintShared(res))
			lines := strings.Split(shared, "\n")
			for _, w := range tt.want {
				if !slices.Contains(lines, w) {
					t.Errorf("shared spec lacks %q:\n%s", w, shared)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(shared, w) {
					t.Errorf("shared spec has %q:\n%s", w, shared)
				}
			}
		})
	}
}

// TestDerivedValuesMatch: a clause reading a derived value matches one
// that writes out what it is derived from (flask-base's token.is_valid,
// fastify-f's token.expires_at > now), and the shared spec writes it out;
// a name some entity declares as a field is not expanded, since the
// receiver's entity is not known.
func TestDerivedValuesMatch(t *testing.T) {
	const user = "entity User {\n    email: String\n    password: String\n}\n\n"
	rule := func(cond string) string {
		return "rule Reset {\n    when: Reset(token, password)\n\n    requires: " + cond + "\n\n    ensures: token.user.password = hash(password)\n}\n"
	}
	tests := []struct {
		name, a, b string
		want       string // a line of the shared spec, "" for none
		absent     string
	}{
		{
			name:   "derived in one variant, written out in the other",
			a:      user + "entity ResetToken {\n    user: User\n    expires_at: Timestamp\n\n    is_valid: expires_at > now\n}\n\n" + rule("token.is_valid"),
			b:      user + "entity ResetToken {\n    user: User\n    expires_at: Timestamp\n}\n\n" + rule("token.expires_at > now"),
			want:   "    requires: token.expires_at > now",
			absent: "is_valid",
		},
		{
			name:   "a name another entity holds as a field stays as written",
			a:      user + "entity ResetToken {\n    user: User\n    expires_at: Timestamp\n\n    is_valid: expires_at > now\n}\n\nentity Session {\n    is_valid: Boolean\n}\n\n" + rule("token.is_valid"),
			b:      user + "entity ResetToken {\n    user: User\n    expires_at: Timestamp\n}\n\n" + rule("token.expires_at > now"),
			absent: "requires:",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := parseText(t, "a", "-- allium: 3\n\n"+tt.a)
			b := parseText(t, "b", "-- allium: 3\n\n"+tt.b)
			res, err := Compare([]Variant{a, b}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			shared := string(PrintShared(res))
			if tt.want != "" && !slices.Contains(strings.Split(shared, "\n"), tt.want) {
				t.Errorf("shared spec lacks %q:\n%s", tt.want, shared)
			}
			if tt.absent != "" && strings.Contains(shared, tt.absent) {
				t.Errorf("shared spec has %q:\n%s", tt.absent, shared)
			}
		})
	}
}
