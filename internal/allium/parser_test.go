package allium

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sexpr prints an expression fully parenthesised, so that tests see the
// tree the parser built rather than a canonical rendering of it.
func sexpr(e Expr) string {
	switch e := e.(type) {
	case nil:
		return "<nil>"
	case *Ident:
		return e.Name
	case *Lit:
		switch e.Kind {
		case LitString:
			return QuoteString(e.Text)
		case LitBacktick:
			return "`" + e.Text + "`"
		}
		return e.Text
	case *Duration:
		return "dur(" + e.Value + " " + e.Unit + ")"
	case *Member:
		if e.Optional {
			return sexpr(e.X) + "?." + e.Name
		}
		return sexpr(e.X) + "." + e.Name
	case *Call:
		var args []string
		for _, a := range e.Args {
			s := sexpr(a.Value)
			if a.Name != "" {
				s = a.Name + ": " + s
			}
			args = append(args, s)
		}
		return sexpr(e.Fun) + "(" + strings.Join(args, ", ") + ")"
	case *Lambda:
		return "(" + e.Param + " => " + sexpr(e.Body) + ")"
	case *Join:
		var fs []string
		for _, f := range e.Fields {
			if f.Value == nil {
				fs = append(fs, f.Name)
			} else {
				fs = append(fs, f.Name+": "+sexpr(f.Value))
			}
		}
		return e.Entity + "{" + strings.Join(fs, ", ") + "}"
	case *Binary:
		return "(" + sexpr(e.X) + " " + e.Op + " " + sexpr(e.Y) + ")"
	case *Unary:
		return "(" + e.Op + " " + sexpr(e.X) + ")"
	case *Where:
		return "(" + sexpr(e.X) + " where " + sexpr(e.Cond) + ")"
	case *SetLit:
		return "set{" + joinExprs(e.Elems) + "}"
	case *ListLit:
		return "list[" + joinExprs(e.Elems) + "]"
	case *ObjectLit:
		var fs []string
		for _, f := range e.Fields {
			fs = append(fs, f.Name+": "+sexpr(f.Value))
		}
		return "obj{" + strings.Join(fs, ", ") + "}"
	case *IfExpr:
		var b strings.Builder
		b.WriteString("(if")
		for _, br := range e.Branches {
			b.WriteString(" " + sexpr(br.Cond) + " then " + sexpr(br.Then))
		}
		if e.Else != nil {
			b.WriteString(" else " + sexpr(e.Else))
		}
		return b.String() + ")"
	}
	return "?"
}

func joinExprs(xs []Expr) string {
	var s []string
	for _, x := range xs {
		s = append(s, sexpr(x))
	}
	return strings.Join(s, ", ")
}

func TestParseExpr(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		// precedence, loosest first
		{"a implies b or c", "(a implies (b or c))"},
		{"a or b and c", "(a or (b and c))"},
		{"a and b or c", "((a and b) or c)"},
		{"not a and b", "((not a) and b)"},
		{"not a = b", "(not (a = b))"},
		{"not (a or b)", "(not (a or b))"},
		{"a = b + c * d", "(a = (b + (c * d)))"},
		{"a ?? b + c", "(a ?? (b + c))"},
		{"x ?? y = z", "((x ?? y) = z)"},
		{"a - b - c", "((a - b) - c)"},
		{"a / b * c", "((a / b) * c)"},
		{"-a.b * 2", "((- a.b) * 2)"},
		{"a - -b", "(a - (- b))"},
		{"a-b", "(a - b)"},
		{"(a + b) * c", "((a + b) * c)"},
		{"x not in {a, b}", "(x not in set{a, b})"},
		{"x in user.linked", "(x in user.linked)"},
		{"a != b implies a.email != b.email", "((a != b) implies (a.email != b.email))"},
		{"not exists x or not x.is_valid", "((not (exists x)) or (not x.is_valid))"},
		{"exists User{email}", "(exists User{email})"},
		{"not exists User{email: new_email}", "(not (exists User{email: new_email}))"},
		{"Users where a = b and c", "(Users where ((a = b) and c))"},
		{"Users where role = admin implies x", "(Users where (role = admin) implies x)"[:0] + "(Users where ((role = admin) implies x))"},
		{"Interview.status transitions_to scheduled", "(Interview.status transitions_to scheduled)"},
		{"Interview.status becomes scheduled", "(Interview.status becomes scheduled)"},
		{"Interview.slot.time.start - 1.hour <= now", "((Interview.slot.time.start - dur(1 hour)) <= now)"},
		// postfix forms
		{"a.b.c(d).e", "a.b.c(d).e"},
		{"reply_to?.author ?? {}", "(reply_to?.author ?? set{})"},
		{"xs.any(i => i.a and i.b)", "xs.any((i => (i.a and i.b)))"},
		{"filter(events, e => e.recent).count", "filter(events, (e => e.recent)).count"},
		{"Email.created(to: x.email, data: { slots: s })", "Email.created(to: x.email, data: obj{slots: s})"},
		{"SlotConfirmation{slot, interviewer}", "SlotConfirmation{slot, interviewer}"},
		{"WorkspaceMembership{user: this, workspace: within}.can_admin", "WorkspaceMembership{user: this, workspace: within}.can_admin"},
		{"feedback/Request{id}", "feedback/Request{id}"},
		// names
		{"oauth/config.session_duration", "oauth/config.session_duration"},
		{"google-oauth/Session", "google-oauth/Session"},
		{"a / b", "(a / b)"},
		// literals
		{"24.hours", "dur(24 hours)"},
		{"1.5.days", "dur(1.5 days)"},
		{"100_000_000", "100_000_000"},
		{"0.25", "0.25"},
		{`"say \"hi\"\n"`, `"say \"hi\"\n"`},
		{"`de-CH-1996`", "`de-CH-1996`"},
		{"true", "true"},
		{"null", "null"},
		{"{a, b}", "set{a, b}"},
		{"{}", "set{}"},
		{"{ k: 1, j: \"x\" }", "obj{k: 1, j: \"x\"}"},
		{"[1.minute, 5.minutes]", "list[dur(1 minute), dur(5 minutes)]"},
		{"[]", "list[]"},
		// inline conditionals
		{"if a: b else: c", "(if a then b else c)"},
		{"if a = x: b else if c: d else: e", "(if (a = x) then b c then d else e)"},
		{"if is_reply: reply_to.depth + 1 else: 0", "(if is_reply then (reply_to.depth + 1) else 0)"},
		// line breaks inside brackets and continuation lines
		{"f(\n  a,\n  b\n)", "f(a, b)"},
		{"a\n  or b", "(a or b)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			x, err := ParseExpr(tt.src)
			if err != nil {
				t.Fatalf("ParseExpr(%q): %v", tt.src, err)
			}
			if got := sexpr(x); got != tt.want {
				t.Errorf("ParseExpr(%q) = %s, want %s", tt.src, got, tt.want)
			}
		})
	}
}

func TestParseExprErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"a and", "expected an expression, found end of file"},
		{"(a", `expected ")" to close "(" opened at line 1:1, found end of file`},
		{"f(a b)", `expected ")" to close "(" opened at line 1:2, found "b"`},
		{"a )", `unexpected ")" after expression`},
		{"x.", `expected a field name after ".", found end of file`},
		{`"open`, "unterminated string"},
		{"if a b", `expected ":" after the condition of "if", found "b"`},
		{strings.Repeat("(", 300) + "a" + strings.Repeat(")", 300), "nesting too deep"},
		{strings.Repeat("- ", 300) + "a", "nesting too deep"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := ParseExpr(tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseExpr(%q) error = %v, want it to contain %q", tt.src, err, tt.want)
			}
		})
	}
}

// mustParse parses a module body written after the version marker.
func mustParse(t *testing.T, body string) *Module {
	t.Helper()
	m, diags := Parse("test.allium", []byte("-- allium: 3\n"+body))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v\nsource:\n%s", diags, body)
	}
	return m
}

// Expression builders for expected trees (positions are ignored).
func id(name string) *Ident         { return &Ident{Name: name} }
func mem(x Expr, name string) Expr  { return &Member{X: x, Name: name} }
func bin(op string, x, y Expr) Expr { return &Binary{Op: op, X: x, Y: y} }
func num(text string) Expr          { return &Lit{Kind: LitNumber, Text: text} }
func path(names ...string) Expr {
	var x Expr = id(names[0])
	for _, n := range names[1:] {
		x = mem(x, n)
	}
	return x
}

func TestParseEntityMembers(t *testing.T) {
	m := mustParse(t, `
entity Order {
    customer: Customer
    nickname: String?
    tags: Set<Tag>
    history: List<Node?>
    session: oauth/Session
    status: pending | shipped |
            delivered
    kind: Branch | Leaf
    locale: en | `+"`de-CH`"+`
    tracking: String? when status = shipped | delivered
    lines: OrderLine with order = this
    shipped_lines: lines where status = shipped
    recipients: lines where shipped -> recipient
    total: lines.count * 2 when status = delivered
    can_use(f, g): f in plan.features

    transitions status {
        pending -> shipped  -- the usual path
        shipped -> delivered
        terminal: delivered
    }

    invariant Positive {
        total >= 0
    }
}
`)
	if len(m.Entities) != 1 {
		t.Fatalf("got %d entities", len(m.Entities))
	}
	want := []EntityMember{
		&Field{Name: "customer", Type: &Type{Name: "Customer"}},
		&Field{Name: "nickname", Type: &Type{Name: "String", Optional: true}},
		&Field{Name: "tags", Type: &Type{Name: "Set", Args: []*Type{{Name: "Tag"}}}},
		&Field{Name: "history", Type: &Type{Name: "List", Args: []*Type{{Name: "Node", Optional: true}}}},
		&Field{Name: "session", Type: &Type{Name: "oauth/Session"}},
		&Field{Name: "status", Type: &Type{Enum: []EnumValue{{Name: "pending"}, {Name: "shipped"}, {Name: "delivered"}}}},
		&Field{Name: "kind", Type: &Type{Enum: []EnumValue{{Name: "Branch"}, {Name: "Leaf"}}}},
		&Field{Name: "locale", Type: &Type{Enum: []EnumValue{{Name: "en"}, {Name: "de-CH", Quoted: true}}}},
		&Field{Name: "tracking", Type: &Type{Name: "String", Optional: true}, When: &FieldWhen{Field: "status", Values: []string{"shipped", "delivered"}}},
		&Relationship{Name: "lines", Entity: "OrderLine", With: bin(OpEq, id("order"), id("this"))},
		&Projection{Name: "shipped_lines", Source: id("lines"), Where: bin(OpEq, id("status"), id("shipped"))},
		&Projection{Name: "recipients", Source: id("lines"), Where: id("shipped"), Map: "recipient"},
		&Derived{Name: "total", Value: bin(OpMul, path("lines", "count"), num("2")), When: &FieldWhen{Field: "status", Values: []string{"delivered"}}},
		&Derived{Name: "can_use", Params: []string{"f", "g"}, Value: bin(OpIn, id("f"), path("plan", "features"))},
		&Transitions{Meta: Meta{Blank: true}, Field: "status", Edges: []Edge{
			{From: "pending", To: "shipped", Comment: "the usual path"},
			{From: "shipped", To: "delivered"},
		}, Terminal: []string{"delivered"}},
		&Invariant{Meta: Meta{Blank: true}, Name: "Positive", Body: []Stmt{&ExprStmt{X: bin(OpGe, id("total"), num("0"))}}},
	}
	if diff := cmp.Diff(want, m.Entities[0].Members, ignorePos); diff != "" {
		t.Errorf("members (-want +got):\n%s", diff)
	}
}

func TestParseSingleLineBodies(t *testing.T) {
	m := mustParse(t, "external entity Commentable {}\nvalue Point { x: Integer, y: Integer }\nenum Locale { en | `de-CH-1996` | fr }\nvariant Leaf : Node {\n    data: List<Integer>\n}\n")
	if got := m.Externals; len(got) != 1 || got[0].Name != "Commentable" || !got[0].External || len(got[0].Members) != 0 {
		t.Errorf("externals = %+v", got)
	}
	wantValue := []EntityMember{
		&Field{Name: "x", Type: &Type{Name: "Integer"}},
		&Field{Name: "y", Type: &Type{Name: "Integer"}},
	}
	if diff := cmp.Diff(wantValue, m.Values[0].Members, ignorePos); diff != "" {
		t.Errorf("value members (-want +got):\n%s", diff)
	}
	wantEnum := []EnumValue{{Name: "en"}, {Name: "de-CH-1996", Quoted: true}, {Name: "fr"}}
	if diff := cmp.Diff(wantEnum, m.Enums[0].Values); diff != "" {
		t.Errorf("enum values (-want +got):\n%s", diff)
	}
	if v := m.Variants[0]; v.Name != "Leaf" || v.Base != "Node" || len(v.Members) != 1 {
		t.Errorf("variant = %+v", v)
	}
}

func TestParseTriggers(t *testing.T) {
	tests := []struct {
		when string
		want *Trigger
	}{
		{"Registered(email, name?)", &Trigger{Kind: TriggerExternal, Name: "Registered", Params: []TriggerParam{{Name: "email"}, {Name: "name", Optional: true}}}},
		{"oauth/SessionCreated(_, session)", &Trigger{Kind: TriggerExternal, Name: "oauth/SessionCreated", Params: []TriggerParam{{Name: "_"}, {Name: "session"}}}},
		{"i: Interview.status transitions_to scheduled", &Trigger{Kind: TriggerTransition, Binding: "i", Cond: bin(OpTransitionsTo, path("Interview", "status"), id("scheduled"))}},
		{"i: Interview.status becomes scheduled", &Trigger{Kind: TriggerBecomes, Binding: "i", Cond: bin(OpBecomes, path("Interview", "status"), id("scheduled"))}},
		{"inv: Invitation.expires_at <= now", &Trigger{Kind: TriggerTemporal, Binding: "inv", Cond: bin(OpLe, path("Invitation", "expires_at"), id("now"))}},
		{"_: Log.flushed_at + timeout <= now", &Trigger{Kind: TriggerTemporal, Binding: "_", Cond: bin(OpLe, bin(OpAdd, path("Log", "flushed_at"), id("timeout")), id("now"))}},
		{"slot: InterviewSlot.is_valid", &Trigger{Kind: TriggerDerived, Binding: "slot", Cond: path("InterviewSlot", "is_valid")}},
		{"batch: DigestBatch.created", &Trigger{Kind: TriggerCreated, Binding: "batch", Cond: path("DigestBatch", "created")}},
		{"feedback/Request.status transitions_to submitted", &Trigger{Kind: TriggerTransition, Cond: bin(OpTransitionsTo, path("feedback/Request", "status"), id("submitted"))}},
	}
	for _, tt := range tests {
		t.Run(tt.when, func(t *testing.T) {
			m := mustParse(t, "rule R {\n    when: "+tt.when+"\n    ensures: x.y = z\n}\n")
			if diff := cmp.Diff(tt.want, m.Rules[0].Trigger, ignorePos); diff != "" {
				t.Errorf("trigger (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRuleBody(t *testing.T) {
	m := mustParse(t, `
rule Process {
    when: schedule: Schedule.next_run_at <= now
    let cutoff = now - 1.day
    for user in Users where digest_enabled:
        let settings = user.settings
        requires:
            settings.active
            or settings.forced
        ensures: Digest.created(
            user: user,
            since: cutoff
        )

    ensures:
        schedule.next_run_at = now + 1.day
        schedule.runs.add(run)
        not exists schedule.lock
        Finished(schedule: schedule)
        for s in schedule.slots: s.status = done
        if schedule.failed:
            schedule.status = stalled
        else if schedule.late:
            schedule.status = late
        else:
            schedule.status = ok
            schedule.flag = a > b and c

    @guidance
        -- Run off-peak.
        -- Batch by region.
}
`)
	r := m.Rules[0]
	want := []Stmt{
		&Let{Name: "cutoff", Value: bin(OpSub, id("now"), &Duration{Value: "1", Unit: "day"})},
		&For{Var: "user", Coll: &Where{X: id("Users"), Cond: id("digest_enabled")}, Body: []Stmt{
			&Let{Name: "settings", Value: path("user", "settings")},
			&Requires{Cond: bin(OpOr, path("settings", "active"), path("settings", "forced"))},
			&Ensures{Body: []Stmt{&ExprStmt{X: &Call{Fun: path("Digest", "created"), Args: []Arg{{Name: "user", Value: id("user")}, {Name: "since", Value: id("cutoff")}}}}}},
		}},
		&Ensures{Meta: Meta{Blank: true}, Body: []Stmt{
			&Assign{Target: path("schedule", "next_run_at"), Value: bin(OpAdd, id("now"), &Duration{Value: "1", Unit: "day"})},
			&ExprStmt{X: &Call{Fun: path("schedule", "runs", "add"), Args: []Arg{{Value: id("run")}}}},
			&ExprStmt{X: &Unary{Op: OpNot, X: &Unary{Op: OpExists, X: path("schedule", "lock")}}},
			&ExprStmt{X: &Call{Fun: id("Finished"), Args: []Arg{{Name: "schedule", Value: id("schedule")}}}},
			&For{Var: "s", Coll: path("schedule", "slots"), Body: []Stmt{&Assign{Target: path("s", "status"), Value: id("done")}}},
			&If{Branches: []IfBranch{
				{Cond: path("schedule", "failed"), Body: []Stmt{&Assign{Target: path("schedule", "status"), Value: id("stalled")}}},
				{Cond: path("schedule", "late"), Body: []Stmt{&Assign{Target: path("schedule", "status"), Value: id("late")}}},
			}, Else: []Stmt{
				&Assign{Target: path("schedule", "status"), Value: id("ok")},
				&Assign{Target: path("schedule", "flag"), Value: bin(OpAnd, bin(OpGt, id("a"), id("b")), id("c"))},
			}},
		}},
	}
	if diff := cmp.Diff(want, r.Body, ignorePos); diff != "" {
		t.Errorf("rule body (-want +got):\n%s", diff)
	}
	wantG := &Annotation{Meta: Meta{Blank: true}, Kind: "guidance", Lines: []string{"Run off-peak.", "Batch by region."}}
	if diff := cmp.Diff(wantG, r.Guidance, ignorePos); diff != "" {
		t.Errorf("guidance (-want +got):\n%s", diff)
	}
}

func TestParseTopLevel(t *testing.T) {
	m := mustParse(t, `use "./core.allium" as core
use "github.com/x/oauth/abc" as google-oauth

given {
    pipeline: HiringPipeline
}

config {
    instance_id: String
    copies: Integer = core/config.copies * 2
    delay: Duration = 15.minutes
}

core/config {
    batch_size: 10
}

default gp/Policy standard = {
    name: "default",
    decay: [1.0, 0.5]
}

invariant Unique {
    for a in Users:
        for b in Users: a != b implies a.email != b.email
}

deferred Matching.suggest    -- see: matching.allium

open question "Who owns this?"
`)
	if diff := cmp.Diff([]*Use{{Path: "./core.allium", Alias: "core"}, {Path: "github.com/x/oauth/abc", Alias: "google-oauth"}}, m.Uses, ignorePos); diff != "" {
		t.Errorf("uses (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*GivenBinding{{Name: "pipeline", Type: &Type{Name: "HiringPipeline"}}}, m.Given, ignorePos); diff != "" {
		t.Errorf("given (-want +got):\n%s", diff)
	}
	wantConfig := []*ConfigParam{
		{Name: "instance_id", Type: &Type{Name: "String"}},
		{Name: "copies", Type: &Type{Name: "Integer"}, Default: bin(OpMul, path("core/config", "copies"), num("2"))},
		{Name: "delay", Type: &Type{Name: "Duration"}, Default: &Duration{Value: "15", Unit: "minutes"}},
	}
	if diff := cmp.Diff(wantConfig, m.Config, ignorePos); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*ConfigOverride{{Alias: "core", Settings: []*ConfigSetting{{Name: "batch_size", Value: num("10")}}}}, m.ConfigOverrides, ignorePos); diff != "" {
		t.Errorf("overrides (-want +got):\n%s", diff)
	}
	wantDefault := &Default{Type: "gp/Policy", Name: "standard", Value: &ObjectLit{Fields: []ObjectField{
		{Name: "name", Value: &Lit{Kind: LitString, Text: "default"}},
		{Name: "decay", Value: &ListLit{Elems: []Expr{num("1.0"), num("0.5")}}},
	}}}
	if diff := cmp.Diff([]*Default{wantDefault}, m.Defaults, ignorePos); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	wantInv := &Invariant{Name: "Unique", Body: []Stmt{&For{Var: "a", Coll: id("Users"), Body: []Stmt{
		&For{Var: "b", Coll: id("Users"), Body: []Stmt{&ExprStmt{X: bin(OpImplies, bin(OpNe, id("a"), id("b")), bin(OpNe, path("a", "email"), path("b", "email")))}}},
	}}}}
	if diff := cmp.Diff([]*Invariant{wantInv}, m.Invariants, ignorePos); diff != "" {
		t.Errorf("invariants (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*Deferred{{Meta: Meta{Comment: "see: matching.allium"}, Name: "Matching.suggest"}}, m.Deferred, ignorePos); diff != "" {
		t.Errorf("deferred (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]*OpenQuestion{{Text: "Who owns this?"}}, m.OpenQuestions, ignorePos); diff != "" {
		t.Errorf("open questions (-want +got):\n%s", diff)
	}
}

func TestParseContractActorSurface(t *testing.T) {
	m := mustParse(t, `contract Codec {
    serialize: (value: Any, strict: Boolean) -> ByteArray
    health: () -> Set<Status>

    @invariant Roundtrip
        -- deserialize(serialize(v)) equals v.
}

actor WorkspaceAdmin {
    within: Workspace
    identified_by: User where WorkspaceMembership{user: this, workspace: within}.can_admin = true
}

surface Dashboard {
    facing viewer: Interviewer
    context assignment: SlotConfirmation
        where interviewer = viewer
    let others = assignment.slot.others

    exposes:
        assignment.status
        for o in others:
            o.name

    provides:
        Confirm(viewer, assignment.slot)
            when assignment.status = pending
        Decline(viewer, reason?) when assignment.status = pending

    contracts:
        demands Codec
        fulfils Submitter

    related:
        Detail(assignment.slot.interview)

    timeout:
        Expires when assignment.expires_at <= now

    @guarantee Idempotent
        -- Retries are safe.

    @guidance
        -- Keep it small.
}
`)
	wantContract := &Contract{Name: "Codec", Signatures: []*Signature{
		{Name: "serialize", Params: []Param{{Name: "value", Type: &Type{Name: "Any"}}, {Name: "strict", Type: &Type{Name: "Boolean"}}}, Result: &Type{Name: "ByteArray"}},
		{Name: "health", Result: &Type{Name: "Set", Args: []*Type{{Name: "Status"}}}},
	}, Annotations: []*Annotation{{Meta: Meta{Blank: true}, Kind: "invariant", Name: "Roundtrip", Lines: []string{"deserialize(serialize(v)) equals v."}}}}
	if diff := cmp.Diff([]*Contract{wantContract}, m.Contracts, ignorePos); diff != "" {
		t.Errorf("contract (-want +got):\n%s", diff)
	}
	wantActor := &Actor{Name: "WorkspaceAdmin", Within: "Workspace", IdentifiedBy: &Where{X: id("User"), Cond: bin(OpEq,
		mem(&Join{Entity: "WorkspaceMembership", Fields: []JoinField{{Name: "user", Value: id("this")}, {Name: "workspace", Value: id("within")}}}, "can_admin"),
		&Lit{Kind: LitBool, Text: "true"})}}
	if diff := cmp.Diff([]*Actor{wantActor}, m.Actors, ignorePos); diff != "" {
		t.Errorf("actor (-want +got):\n%s", diff)
	}
	wantSurface := &Surface{
		Name:    "Dashboard",
		Facing:  &SurfaceBinding{Name: "viewer", Type: "Interviewer"},
		Context: &SurfaceBinding{Name: "assignment", Type: "SlotConfirmation", Where: bin(OpEq, id("interviewer"), id("viewer"))},
		Lets:    []*Let{{Name: "others", Value: path("assignment", "slot", "others")}},
		Exposes: []SurfaceEntry{
			&SurfaceItem{X: path("assignment", "status")},
			&SurfaceFor{Var: "o", Coll: id("others"), Body: []SurfaceEntry{&SurfaceItem{X: path("o", "name")}}},
		},
		Provides: []SurfaceEntry{
			&SurfaceItem{X: &Call{Fun: id("Confirm"), Args: []Arg{{Value: id("viewer")}, {Value: path("assignment", "slot")}}}, When: bin(OpEq, path("assignment", "status"), id("pending"))},
			&SurfaceItem{X: &Call{Fun: id("Decline"), Args: []Arg{{Value: id("viewer")}, {Value: id("reason?")}}}, When: bin(OpEq, path("assignment", "status"), id("pending"))},
		},
		Contracts: []*ContractRef{{Demands: true, Name: "Codec"}, {Name: "Submitter"}},
		Related:   []SurfaceEntry{&SurfaceItem{X: &Call{Fun: id("Detail"), Args: []Arg{{Value: path("assignment", "slot", "interview")}}}}},
		Timeout:   []SurfaceEntry{&SurfaceItem{X: id("Expires"), When: bin(OpLe, path("assignment", "expires_at"), id("now"))}},
		Annotations: []*Annotation{
			{Kind: "guarantee", Name: "Idempotent", Lines: []string{"Retries are safe."}},
			{Kind: "guidance", Lines: []string{"Keep it small."}},
		},
	}
	if diff := cmp.Diff([]*Surface{wantSurface}, m.Surfaces, ignorePos); diff != "" {
		t.Errorf("surface (-want +got):\n%s", diff)
	}
}

func TestParseComments(t *testing.T) {
	src := `-- allium: 3
-- orders.allium

-- Scope: orders.

------------------------------------------------------------
-- Entities and Variants
------------------------------------------------------------

-- Entities managed by this specification, plus their variants

-- An order placed by a customer.
-- source: app/models.py:12
entity Order {  -- aggregate root
    total: Integer

    -- Relationships
    lines: OrderLine with order = this
}

-- Flows
-- source: app/views.py:40
rule Place {
    when: Placed(order)
    -- the order must be new
    requires: order.total = 0
    ensures: order.total = 1  -- first line
}

-- end of spec
`
	m, diags := Parse("c.allium", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if diff := cmp.Diff([]string{"orders.allium", "Scope: orders."}, m.Header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	e := m.Entities[0]
	wantMeta := Meta{Doc: []string{"An order placed by a customer."}, Comment: "aggregate root", Prov: &Provenance{File: "app/models.py", Line: 12}}
	if diff := cmp.Diff(wantMeta, e.Meta, ignorePos); diff != "" {
		t.Errorf("entity meta (-want +got):\n%s", diff)
	}
	if got := e.Members[1].Info(); !got.Blank || !cmp.Equal(got.Doc, []string{"Relationships"}) {
		t.Errorf("relationship meta = %+v, want Blank and Doc [Relationships]", got)
	}
	if e.Members[0].Info().Blank {
		t.Error("first member has Blank set")
	}
	r := m.Rules[0]
	if diff := cmp.Diff(Meta{Doc: []string{"Flows"}, Prov: &Provenance{File: "app/views.py", Line: 40}}, r.Meta, ignorePos); diff != "" {
		t.Errorf("rule meta (-want +got):\n%s", diff)
	}
	if got := r.Body[0].Info().Doc; !cmp.Equal(got, []string{"the order must be new"}) {
		t.Errorf("requires doc = %q", got)
	}
	if got := r.Body[1].Info().Comment; got != "first line" {
		t.Errorf("ensures comment = %q", got)
	}
	if diff := cmp.Diff([]string{"end of spec"}, m.Trailer); diff != "" {
		t.Errorf("trailer (-want +got):\n%s", diff)
	}
	if e.Pos != (Pos{Line: 14, Col: 1}) || r.Body[0].Info().Pos != (Pos{Line: 26, Col: 5}) {
		t.Errorf("positions: entity %v, requires %v", e.Pos, r.Body[0].Info().Pos)
	}
}

// TestParseRecovers checks that one bad clause does not hide the rest of
// the file: the declarations after it are still in the model.
func TestParseRecovers(t *testing.T) {
	src := "-- allium: 3\nentity A {\n    x: \n    y: Integer\n}\nrule R {\n    when: X(a)\n    requires: (a\n    ensures: a.b = c\n}\nentity B {\n    z: String\n}\n"
	m, diags := Parse("r.allium", []byte(src))
	if len(diags) != 2 {
		t.Errorf("got %d diagnostics, want 2:\n%v", len(diags), diags)
	}
	if len(m.Entities) != 2 || len(m.Rules) != 1 {
		t.Fatalf("entities %d rules %d, want 2 and 1", len(m.Entities), len(m.Rules))
	}
	if n := len(m.Entities[0].Members); n != 1 {
		t.Errorf("entity A has %d members, want 1 (y)", n)
	}
	if n := len(m.Rules[0].Body); n != 1 {
		t.Errorf("rule R has %d clauses after recovery, want 1 (ensures)", n)
	}
}

func TestParseDiagnosticCap(t *testing.T) {
	src := "-- allium: 3\n" + strings.Repeat("rule\n", 500)
	_, diags := Parse("cap.allium", []byte(src))
	if len(diags) != maxDiagnostics {
		t.Fatalf("got %d diagnostics, want %d", len(diags), maxDiagnostics)
	}
	if last := diags[len(diags)-1]; last.Code != CodeTooMany {
		t.Errorf("last diagnostic = %v, want %s", last, CodeTooMany)
	}
}
