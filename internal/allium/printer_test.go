package allium

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var updateGoldens = flag.Bool("update", false, "rewrite the golden files under testdata/print")

// Builders for printer models. Only what the id/mem/bin/num/path helpers of
// parser_test.go do not cover.
func pStr(s string) Expr                { return &Lit{Kind: LitString, Text: s} }
func pBool(s string) Expr               { return &Lit{Kind: LitBool, Text: s} }
func pNull() Expr                       { return &Lit{Kind: LitNull, Text: "null"} }
func pDur(v, unit string) Expr          { return &Duration{Value: v, Unit: unit} }
func pNot(x Expr) Expr                  { return &Unary{Op: OpNot, X: x} }
func pExists(x Expr) Expr               { return &Unary{Op: OpExists, X: x} }
func pWhere(x, cond Expr) Expr          { return &Where{X: x, Cond: cond} }
func pSet(elems ...Expr) Expr           { return &SetLit{Elems: elems} }
func pType(name string) *Type           { return &Type{Name: name} }
func pOpt(name string) *Type            { return &Type{Name: name, Optional: true} }
func pGeneric(name, arg string) *Type   { return &Type{Name: name, Args: []*Type{pType(arg)}} }
func pField(name string, t *Type) Field { return Field{Name: name, Type: t} }

// pCall builds a call; args alternate name, value ("" for positional).
func pCall(fun Expr, args ...any) *Call {
	c := &Call{Fun: fun}
	for i := 0; i < len(args); i += 2 {
		c.Args = append(c.Args, Arg{Name: args[i].(string), Value: args[i+1].(Expr)})
	}
	return c
}

// pObj builds an object literal from alternating names and values.
func pObj(kv ...any) *ObjectLit {
	o := &ObjectLit{}
	for i := 0; i < len(kv); i += 2 {
		o.Fields = append(o.Fields, ObjectField{Name: kv[i].(string), Value: kv[i+1].(Expr)})
	}
	return o
}

func pEnum(names ...string) []EnumValue {
	out := make([]EnumValue, len(names))
	for i, n := range names {
		out[i] = EnumValue{Name: n}
	}
	return out
}

func pFieldNode(name string, t *Type) *Field { f := pField(name, t); return &f }

// andChain joins operands with one operator, left-associatively, as the
// parser builds "a and b and c".
func andChain(op string, xs ...Expr) Expr {
	x := xs[0]
	for _, y := range xs[1:] {
		x = bin(op, x, y)
	}
	return x
}

// fullModel holds every construct of the model once, with the declarations
// of each kind in an order the printer must regroup: variants listed before
// their base entity, and one variant whose base is not declared here.
func fullModel() *Module {
	return &Module{
		Version: 3,
		Header:  []string{"orders.allium", "Scope: order placement and fulfilment."},
		Uses: []*Use{
			{Path: "./payments.allium", Alias: "pay"},
			{Path: "github.com/allium-specs/google-oauth/abc123", Alias: "oauth"},
		},
		Given: []*GivenBinding{
			{Name: "shop", Type: pType("Shop")},
		},
		Externals: []*Entity{
			{Name: "Customer", External: true, Members: []EntityMember{pFieldNode("email", pType("String"))}},
			{Name: "Commentable", External: true},
		},
		Values: []*ValueType{
			{Name: "Money", Members: []EntityMember{
				pFieldNode("amount", pType("Decimal")),
				pFieldNode("currency", &Type{Enum: []EnumValue{{Name: "eur"}, {Name: "usd"}, {Name: "de-CH", Quoted: true}}}),
				&Derived{Name: "is_zero", Value: bin(OpEq, id("amount"), num("0"))},
			}},
		},
		Contracts: []*Contract{
			{Name: "Codec",
				Signatures: []*Signature{
					{Name: "serialize", Params: []Param{{Name: "value", Type: pType("Any")}}, Result: pType("Payload")},
					{Name: "health", Result: pType("Status")},
				},
				Annotations: []*Annotation{
					{Meta: Meta{Blank: true}, Kind: "invariant", Name: "Roundtrip", Lines: []string{"deserialize(serialize(v)) equals v."}},
					{Meta: Meta{Blank: true}, Kind: "guidance", Lines: []string{"Prefix payloads with a version."}},
				}},
		},
		Enums: []*Enum{
			{Name: "Channel", Values: pEnum("email", "sms")},
			{Name: "Locale", Values: []EnumValue{{Name: "en", Quoted: false}, {Name: "de-CH-1996", Quoted: true}}},
		},
		Entities: []*Entity{
			{Name: "Order", Members: []EntityMember{
				pFieldNode("customer", pType("Customer")),
				pFieldNode("lines", pGeneric("List", "OrderLine")),
				pFieldNode("tags", pGeneric("Set", "String")),
				pFieldNode("note", pOpt("String")),
				pFieldNode("status", &Type{Enum: pEnum("placed", "paid", "shipped", "cancelled")}),
				&Field{Name: "paid_at", Type: pType("Timestamp"), When: &FieldWhen{Field: "status", Values: []string{"paid", "shipped"}}},
				pFieldNode("kind", &Type{Enum: pEnum("Standard", "Express")}),
				&Transitions{Meta: Meta{Blank: true}, Field: "status",
					Edges:    []Edge{{From: "placed", To: "paid"}, {From: "paid", To: "shipped", Comment: "by the warehouse"}, {From: "placed", To: "cancelled"}},
					Terminal: []string{"shipped", "cancelled"}},
				&Relationship{Meta: Meta{Blank: true, Doc: []string{"Relationships"}}, Name: "shipments", Entity: "Shipment", With: bin(OpEq, id("order"), id("this"))},
				&Projection{Meta: Meta{Blank: true, Doc: []string{"Projections"}}, Name: "open_shipments", Source: id("shipments"), Where: bin(OpNe, id("status"), id("delivered"))},
				&Projection{Name: "carriers", Source: id("shipments"), Where: bin(OpEq, id("status"), id("delivered")), Map: "carrier"},
				&Projection{Name: "all_carriers", Source: id("shipments"), Map: "carrier"},
				&Derived{Meta: Meta{Blank: true, Doc: []string{"Derived"}}, Name: "line_count", Value: path("lines", "count")},
				&Derived{Name: "has_tag", Params: []string{"t"}, Value: bin(OpIn, id("t"), id("tags"))},
				&Derived{Name: "days_paid", Value: bin(OpSub, id("now"), id("paid_at")), When: &FieldWhen{Field: "status", Values: []string{"paid"}}},
				&Invariant{Meta: Meta{Blank: true}, Name: "PositiveLines", Body: []Stmt{
					&ExprStmt{X: bin(OpGt, path("lines", "count"), num("0"))},
				}},
			}},
			{Name: "Shipment", Members: []EntityMember{
				pFieldNode("order", pType("Order")),
				pFieldNode("carrier", pType("String")),
				pFieldNode("status", &Type{Enum: pEnum("in_transit", "delivered")}),
			}},
		},
		Variants: []*Variant{
			{Name: "Express", Base: "Order", Members: []EntityMember{pFieldNode("courier", pType("String"))}},
			{Name: "Orphan", Base: "Elsewhere"},
			{Name: "Standard", Base: "Order"},
		},
		Config: []*ConfigParam{
			{Name: "max_lines", Type: pType("Integer"), Default: num("100")},
			{Name: "payment_window", Type: pType("Duration"), Default: pDur("15", "minutes")},
			{Name: "shop_name", Type: pType("String")},
			{Name: "grace", Type: pType("Duration"), Default: bin(OpMul, path("pay/config", "timeout"), num("2"))},
		},
		ConfigOverrides: []*ConfigOverride{
			{Alias: "pay", Settings: []*ConfigSetting{{Name: "timeout", Value: pDur("30", "seconds")}}},
		},
		Defaults: []*Default{
			{Type: "Shop", Name: "main", Value: pObj("name", pStr("Main \"flagship\" store"), "open", pBool("true"))},
		},
		Rules: []*Rule{
			{Name: "PlaceOrder",
				Trigger: &Trigger{Kind: TriggerExternal, Name: "OrderPlaced", Params: []TriggerParam{{Name: "customer"}, {Name: "lines"}, {Name: "note", Optional: true}}},
				Body: []Stmt{
					&Let{Name: "existing", Value: &Join{Entity: "Order", Fields: []JoinField{{Name: "customer"}, {Name: "status", Value: id("placed")}}}},
					&Requires{Cond: pNot(pExists(id("existing")))},
					&Requires{Cond: bin(OpLe, path("lines", "count"), path("config", "max_lines"))},
					&Ensures{Body: []Stmt{
						&ExprStmt{X: pCall(path("Order", "created"), "customer", id("customer"), "lines", id("lines"), "note", id("note"), "status", id("placed"))},
						&ExprStmt{X: pCall(id("OrderConfirmed"), "customer", id("customer"))},
					}},
				},
				Guidance: &Annotation{Meta: Meta{Blank: true}, Kind: "guidance", Lines: []string{"Confirmation is sent once per order."}},
			},
			{Name: "PayOrder",
				Trigger: &Trigger{Kind: TriggerTransition, Binding: "order", Cond: bin(OpTransitionsTo, path("Order", "status"), id("paid"))},
				Body: []Stmt{
					&Ensures{Body: []Stmt{&Assign{Target: path("order", "paid_at"), Value: id("now")}}},
				},
			},
			{Name: "ExpressBecomesPaid",
				Trigger: &Trigger{Kind: TriggerBecomes, Binding: "order", Cond: bin(OpBecomes, path("Express", "status"), id("paid"))},
				Body: []Stmt{
					&Ensures{Body: []Stmt{&ExprStmt{X: pCall(id("CourierBooked"), "order", id("order"))}}},
				},
			},
			{Name: "CancelUnpaid",
				Trigger: &Trigger{Kind: TriggerTemporal, Binding: "order", Cond: bin(OpLe, bin(OpAdd, path("Order", "created_at"), path("config", "payment_window")), id("now"))},
				Body: []Stmt{
					&Requires{Cond: bin(OpEq, path("order", "status"), id("placed"))},
					&Ensures{Body: []Stmt{
						&Assign{Target: path("order", "status"), Value: id("cancelled")},
						&For{Var: "s", Coll: pWhere(path("order", "shipments"), bin(OpNe, id("status"), id("delivered"))), Body: []Stmt{
							&ExprStmt{X: pNot(pExists(id("s")))},
						}},
						&If{Branches: []IfBranch{
							{Cond: bin(OpIn, path("order", "note"), pSet(pStr("gift"), pStr("urgent"))), Body: []Stmt{
								&ExprStmt{X: pCall(path("order", "tags", "add"), "", pStr("flagged"))},
							}},
							{Cond: pExists(path("order", "note")), Body: []Stmt{
								&Assign{Target: path("order", "note"), Value: pNull()},
							}},
						}, Else: []Stmt{
							&Let{Name: "n", Value: &IfExpr{Branches: []IfExprBranch{{Cond: pExists(id("x")), Then: num("1")}}, Else: num("0")}},
							&ExprStmt{X: pCall(id("Audit"), "count", id("n"))},
						}},
					}},
				},
			},
			{Name: "FlagLargeOrder",
				Trigger: &Trigger{Kind: TriggerDerived, Binding: "order", Cond: path("Order", "is_large")},
				Body: []Stmt{
					&Ensures{Body: []Stmt{&ExprStmt{X: pCall(id("LargeOrderFlagged"), "order", id("order"))}}},
				},
			},
			{Name: "WelcomeShipment",
				Trigger: &Trigger{Kind: TriggerCreated, Binding: "shipment", Cond: path("Shipment", "created")},
				Body: []Stmt{
					&For{Var: "c", Coll: pWhere(id("Customers"), bin(OpEq, id("email"), path("shipment", "order", "customer", "email"))), Body: []Stmt{
						&Ensures{Body: []Stmt{&ExprStmt{X: pCall(id("Notify"), "to", id("c"), "amount", &Unary{Op: OpNeg, X: bin(OpAdd, num("1"), num("2"))})}}},
					}},
				},
			},
		},
		Invariants: []*Invariant{
			{Name: "UniqueCarrierPerOrder", Body: []Stmt{
				&For{Var: "a", Coll: id("Shipments"), Body: []Stmt{
					&Let{Name: "others", Value: pWhere(id("Shipments"), bin(OpNe, id("s"), id("a")))},
					&ExprStmt{X: pCall(path("others", "all"), "", &Lambda{Param: "s", Body: bin(OpNe, path("s", "carrier"), path("a", "carrier"))})},
				}},
			}},
		},
		Actors: []*Actor{
			{Name: "Clerk", Within: "Shop", IdentifiedBy: pWhere(id("Customer"), bin(OpEq, id("email"), pStr("clerk@example.com")))},
		},
		Surfaces: []*Surface{
			{Name: "OrderDesk",
				Facing:  &SurfaceBinding{Name: "clerk", Type: "Clerk"},
				Context: &SurfaceBinding{Name: "order", Type: "Order", Where: bin(OpEq, id("status"), id("placed"))},
				Lets:    []*Let{{Name: "lines", Value: path("order", "lines")}},
				Exposes: []SurfaceEntry{
					&SurfaceItem{X: path("order", "status")},
					&SurfaceItem{X: path("order", "paid_at"), When: bin(OpEq, path("order", "status"), id("paid"))},
					&SurfaceFor{Var: "s", Coll: path("order", "shipments"), Body: []SurfaceEntry{&SurfaceItem{X: path("s", "carrier")}}},
				},
				Provides: []SurfaceEntry{
					&SurfaceItem{X: pCall(id("OrderPlaced"), "", id("clerk"), "", id("lines"), "", id("note"))},
				},
				Contracts: []*ContractRef{{Demands: true, Name: "Codec"}, {Name: "Registry"}},
				Related:   []SurfaceEntry{&SurfaceItem{X: pCall(id("ShipmentDesk"), "", path("order", "shipments", "first"))}},
				Timeout:   []SurfaceEntry{&SurfaceItem{X: id("CancelUnpaid"), When: bin(OpLe, path("order", "created_at"), id("now"))}},
				Annotations: []*Annotation{
					{Kind: "guarantee", Name: "NoDoublePlacement", Lines: []string{"Placing twice yields one order."}},
					{Kind: "guidance", Lines: []string{"Show the newest orders first."}},
				},
			},
			{Name: "Empty"},
		},
		Deferred: []*Deferred{
			{Meta: Meta{Comment: "see: fulfilment.allium"}, Name: "Fulfilment.pick"},
		},
		OpenQuestions: []*OpenQuestion{
			{Text: "Should cancelled orders be \\ archived?"},
		},
		Trailer: []string{"end of orders.allium"},
	}
}

// wrapModel has expressions too long for one line, in every position the
// printer wraps: calls (nested), object literals, and/or/implies chains with
// a clause head and standing alone, and long surface guards.
func wrapModel() *Module {
	long := func(s string) Expr { return path("order", "customer", "account", s) }
	chain := andChain(OpAnd,
		bin(OpEq, path("order", "status"), id("placed")),
		bin(OpGt, path("order", "lines", "count"), num("0")),
		bin(OpLe, path("order", "total"), path("config", "max_order_total")),
		pNot(path("order", "customer", "is_blocked")))
	return &Module{
		Version: 3,
		Config: []*ConfigParam{
			{Name: "retry_budget", Type: pType("Integer"),
				Default: pCall(id("compute_retry_budget"), "base", path("pay/config", "base_budget_per_window"), "factor", path("pay/config", "escalation_factor"))},
		},
		Defaults: []*Default{
			{Type: "Shop", Name: "flagship", Value: pObj(
				"name", pStr("Flagship store on the main street"),
				"address", pObj("street", pStr("Main Street 1"), "city", pStr("Springfield"), "country", pStr("Nowhere Land")),
				"open", pBool("true"))},
		},
		Entities: []*Entity{
			{Name: "Order", Members: []EntityMember{
				&Derived{Name: "is_ready_for_shipping_to_the_customer", Value: chain},
				&Projection{Name: "delayed_open_shipments", Source: id("shipments"),
					Where: andChain(OpOr, bin(OpEq, id("status"), id("in_transit")), bin(OpEq, id("status"), id("waiting_for_pickup")), bin(OpEq, id("status"), id("returned_to_sender"))),
					Map:   "carrier"},
			}},
		},
		Rules: []*Rule{
			{Name: "ShipOrder",
				Trigger: &Trigger{Kind: TriggerExternal, Name: "ShipRequested", Params: []TriggerParam{{Name: "order"}}},
				Body: []Stmt{
					&Requires{Cond: chain},
					&Let{Name: "label", Value: pCall(id("print_shipping_label"), "", long("shipping_address"), "", long("billing_address"), "", path("config", "label_format"))},
					&Ensures{Body: []Stmt{
						&ExprStmt{X: pCall(path("Shipment", "created"),
							"order", id("order"),
							"carrier", pCall(id("choose_carrier_for_destination_country"), "", long("shipping_address"), "", path("config", "preferred_carriers")),
							"label", id("label"),
							"details", pObj("weight_in_grams", path("order", "total_weight"), "insured_value_in_cents", path("order", "total_value_in_cents")),
							"status", id("in_transit"))},
					}},
				},
			},
		},
		Invariants: []*Invariant{
			{Name: "ShippedOrdersAreComplete", Body: []Stmt{
				&For{Var: "o", Coll: id("Orders"), Body: []Stmt{
					&ExprStmt{X: bin(OpImplies,
						andChain(OpAnd, bin(OpEq, path("o", "status"), id("shipped")), pExists(path("o", "paid_at")), bin(OpGt, path("o", "lines", "count"), num("0")),
							pExists(path("o", "customer", "shipping_address"))),
						bin(OpGe, path("o", "shipments", "count"), num("1")))},
					&ExprStmt{X: andChain(OpOr,
						bin(OpNe, path("o", "status"), id("cancelled_by_the_customer_before_payment")),
						bin(OpEq, path("o", "shipments", "count"), num("0")),
						pNot(pExists(path("o", "paid_at_timestamp_of_the_first_payment"))))},
				}},
			}},
		},
		Surfaces: []*Surface{
			{Name: "ShippingDesk",
				Context: &SurfaceBinding{Name: "order", Type: "Order", Where: andChain(OpAnd,
					bin(OpEq, id("status"), id("paid")), bin(OpGt, path("lines", "count"), num("0")), pNot(id("is_blocked_by_fraud_detection")))},
				Provides: []SurfaceEntry{
					&SurfaceItem{X: pCall(id("ShipRequested"), "", id("order")),
						When: andChain(OpAnd, bin(OpEq, path("order", "status"), id("paid")), pExists(path("order", "customer", "shipping_address")), pNot(path("order", "is_on_hold_for_review")))},
				},
			},
		},
	}
}

// commentModel exercises doc comments, trailing comments and Blank: a Blank
// on the first item of a block is ignored, later ones keep one blank line,
// a trailing comment keeps an ensures in block form.
func commentModel() *Module {
	return &Module{
		Version: 3,
		Header:  []string{"notes.allium", "", "Scope: comments everywhere."},
		Uses:    []*Use{{Meta: Meta{Doc: []string{"shared storage"}, Comment: "pinned"}, Path: "./core.allium", Alias: "core"}},
		Given: []*GivenBinding{
			{Meta: Meta{Comment: "the one queue"}, Name: "queue", Type: pType("Queue")},
			{Meta: Meta{Blank: true, Doc: []string{"for audits"}}, Name: "log", Type: pType("core/Log")},
		},
		Entities: []*Entity{
			{Meta: Meta{Doc: []string{"A note left on a record.", "Notes are never edited."}, Comment: "aggregate root"},
				Name: "Note", Members: []EntityMember{
					&Field{Meta: Meta{Blank: true, Comment: "first member: Blank ignored"}, Name: "text", Type: pType("String")},
					&Field{Meta: Meta{Comment: "who wrote it"}, Name: "author", Type: pType("String")},
					&Field{Meta: Meta{Blank: true, Doc: []string{"Lifecycle"}}, Name: "status", Type: &Type{Enum: pEnum("draft", "posted")}},
				}},
		},
		Config: []*ConfigParam{
			{Meta: Meta{Comment: "mandatory"}, Name: "instance", Type: pType("String")},
			{Meta: Meta{Blank: true, Doc: []string{"Limits"}}, Name: "max_notes", Type: pType("Integer"), Default: num("10")},
		},
		Rules: []*Rule{
			{Meta: Meta{Doc: []string{"Posting"}}, Name: "PostNote",
				Trigger: &Trigger{Meta: Meta{Comment: "from the editor"}, Kind: TriggerExternal, Name: "NotePosted", Params: []TriggerParam{{Name: "note"}}},
				Body: []Stmt{
					&Requires{Meta: Meta{Doc: []string{"only drafts are posted"}}, Cond: bin(OpEq, path("note", "status"), id("draft"))},
					&Ensures{Meta: Meta{Blank: true}, Body: []Stmt{&Assign{Meta: Meta{Comment: "inline kept"}, Target: path("note", "status"), Value: id("posted")}}},
					&Ensures{Meta: Meta{Comment: "block because of this comment"}, Body: []Stmt{
						&ExprStmt{Meta: Meta{Doc: []string{"tell the author"}}, X: pCall(id("NotePublished"), "note", id("note"))},
						&ExprStmt{Meta: Meta{Blank: true}, X: pCall(id("Audit"), "", id("note"))},
					}},
				},
				Guidance: &Annotation{Meta: Meta{Doc: []string{"why"}}, Kind: "guidance", Lines: []string{"Posting is final.", "", "Edits create new notes."}},
			},
		},
		Deferred: []*Deferred{
			{Meta: Meta{Doc: []string{"Moderation lives elsewhere."}, Comment: "see: moderation.allium"}, Name: "Moderation.review"},
		},
		OpenQuestions: []*OpenQuestion{
			{Meta: Meta{Doc: []string{"Product"}}, Text: "May notes be deleted?"},
		},
		Trailer: []string{"end"},
	}
}

// provenanceModel is a small model whose constructs carry provenance.
func provenanceModel() *Module {
	prov := func(line int) Meta { return Meta{Prov: &Provenance{File: "app/orders.py", Line: line}} }
	withDoc := prov(10)
	withDoc.Doc = []string{"An order."}
	return &Module{
		Version: 3,
		Entities: []*Entity{
			{Meta: withDoc, Name: "Order", Members: []EntityMember{
				&Field{Meta: prov(11), Name: "status", Type: &Type{Enum: pEnum("placed", "paid")}},
				&Field{Name: "total", Type: pType("Integer")},
			}},
		},
		Rules: []*Rule{
			{Meta: prov(40), Name: "Pay",
				Trigger: &Trigger{Meta: prov(41), Kind: TriggerExternal, Name: "Paid", Params: []TriggerParam{{Name: "order"}}},
				Body: []Stmt{
					&Requires{Meta: prov(42), Cond: bin(OpEq, path("order", "status"), id("placed"))},
					// A statement with provenance cannot share the ensures
					// line: its source comment needs a line of its own.
					&Ensures{Body: []Stmt{&Assign{Meta: prov(43), Target: path("order", "status"), Value: id("paid")}}},
					&Ensures{Body: []Stmt{&ExprStmt{X: pCall(id("Receipt"), "order", id("order"))}}},
				},
			},
		},
	}
}

// sparseModel has only two sections; every other banner must be absent.
func sparseModel() *Module {
	return &Module{
		Version: 3,
		Rules: []*Rule{{Name: "Ping",
			Trigger: &Trigger{Kind: TriggerExternal, Name: "Pinged"},
			Body:    []Stmt{&Ensures{Body: []Stmt{&ExprStmt{X: pCall(id("Ponged"))}}}}}},
		OpenQuestions: []*OpenQuestion{{Text: "Is ping needed?"}},
	}
}

func TestPrintGoldens(t *testing.T) {
	tests := []struct {
		name  string
		model func() *Module
		opt   PrintOptions
	}{
		{"full", fullModel, PrintOptions{}},
		{"wrapping", wrapModel, PrintOptions{}},
		{"comments", commentModel, PrintOptions{}},
		{"provenance", provenanceModel, PrintOptions{Provenance: true}},
		{"provenance-off", provenanceModel, PrintOptions{}},
		{"sparse", sparseModel, PrintOptions{}},
		{"empty", func() *Module { return &Module{} }, PrintOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Print(tt.model(), tt.opt)
			golden := filepath.Join("testdata", "print", tt.name+".golden")
			if *updateGoldens {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Fatalf("Print differs from %s (-want +got):\n%s", golden, diff)
			}
			for i, line := range strings.Split(strings.TrimSuffix(string(got), "\n"), "\n") {
				if strings.TrimRight(line, " ") != line {
					t.Errorf("line %d has trailing spaces: %q", i+1, line)
				}
				// The golden models are built so that the wrapping rule
				// can bring every line within the width.
				if len(line) > LineWidth {
					t.Errorf("line %d is %d columns, past LineWidth: %s", i+1, len(line), line)
				}
			}
		})
	}
}

// TestPrintGoldensParseBack checks that what the printer writes for the
// golden models is read back by the parser into the same model. The models
// are built in canonical shape (Blank only where a blank line can stand, no
// provenance when it is not printed), so nothing may be lost or added.
func TestPrintGoldensParseBack(t *testing.T) {
	tests := []struct {
		name  string
		model func() *Module
		opt   PrintOptions
	}{
		{"full", fullModel, PrintOptions{}},
		{"wrapping", wrapModel, PrintOptions{}},
		{"comments", commentModel, PrintOptions{}},
		{"provenance", provenanceModel, PrintOptions{Provenance: true}},
		{"sparse", sparseModel, PrintOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.model()
			out := Print(want, tt.opt)
			got, diags := Parse(tt.name+".allium", out)
			if len(diags) > 0 {
				t.Fatalf("printed text does not parse: %v\n%s", diags, out)
			}
			normaliseForParse(want)
			if diff := cmp.Diff(want, got, ignorePos); diff != "" {
				t.Errorf("parse(print(model)) differs from the model (-want +got):\n%s\nprinted:\n%s", diff, out)
			}
		})
	}
}

// normaliseForParse turns the few model details that text cannot carry into
// what the parser produces: a Blank on the first item of a block (there is
// no blank line to record), and the order of variants, which the printer
// places after their base entity.
func normaliseForParse(m *Module) {
	m.Variants = variantsInPrintOrder(m)
	for _, e := range m.Entities {
		if len(e.Members) > 0 {
			e.Members[0].Info().Blank = false
		}
	}
	if len(m.Given) > 0 {
		m.Given[0].Blank = false
	}
	for _, c := range m.Contracts {
		if len(c.Signatures) == 0 && len(c.Annotations) > 0 {
			c.Annotations[0].Blank = false
		}
	}
}

func TestPrintProvenanceOptionOnly(t *testing.T) {
	m := provenanceModel()
	with := string(Print(m, PrintOptions{Provenance: true}))
	without := string(Print(m, PrintOptions{}))
	if n := strings.Count(with, "-- source: app/orders.py:"); n != 6 {
		t.Errorf("provenance print has %d source lines, want 6 (entity, field, rule, trigger, requires, assign)", n)
	}
	if strings.Contains(without, "source:") {
		t.Errorf("print without the option writes provenance:\n%s", without)
	}
}

func TestExprStringParens(t *testing.T) {
	tests := []struct {
		e    Expr
		want string
	}{
		{bin(OpSub, id("a"), bin(OpSub, id("b"), id("c"))), "a - (b - c)"},
		{bin(OpSub, bin(OpSub, id("a"), id("b")), id("c")), "a - b - c"},
		{bin(OpMul, bin(OpAdd, id("a"), id("b")), id("c")), "(a + b) * c"},
		{bin(OpAnd, bin(OpOr, id("a"), id("b")), id("c")), "(a or b) and c"},
		{bin(OpOr, bin(OpAnd, id("a"), id("b")), id("c")), "a and b or c"},
		{bin(OpImplies, id("a"), bin(OpImplies, id("b"), id("c"))), "a implies (b implies c)"},
		{pNot(bin(OpAnd, id("a"), id("b"))), "not (a and b)"},
		{pNot(bin(OpEq, id("a"), id("b"))), "not a = b"},
		{bin(OpEq, bin(OpEq, id("a"), id("b")), id("c")), "(a = b) = c"},
		{&Unary{Op: OpNeg, X: bin(OpAdd, id("a"), id("b"))}, "-(a + b)"},
		{bin(OpSub, id("a"), &Unary{Op: OpNeg, X: id("b")}), "a - -b"},
		{pExists(bin(OpAdd, id("a"), id("b"))), "exists (a + b)"},
		{pNot(pExists(path("a", "b"))), "not exists a.b"},
		{mem(pWhere(id("Users"), bin(OpEq, id("role"), id("admin"))), "count"), "(Users where role = admin).count"},
		{&Member{X: id("a"), Name: "b", Optional: true}, "a?.b"},
		{bin(OpCoalesce, id("a"), bin(OpAdd, id("b"), id("c"))), "a ?? b + c"},
		{bin(OpNotIn, id("x"), pSet(id("a"), id("b"))), "x not in {a, b}"},
		{pCall(path("xs", "any"), "", &Lambda{Param: "i", Body: bin(OpGt, path("i", "n"), num("0"))}), "xs.any(i => i.n > 0)"},
		{pCall(id("f"), "k", pWhere(id("a"), id("b"))), "f(k: (a where b))"},
		{&ListLit{Elems: []Expr{num("1"), pStr("two")}}, `[1, "two"]`},
		{pObj("a", num("1"), "b", pWhere(id("x"), id("y"))), "{ a: 1, b: (x where y) }"},
		{&Join{Entity: "Order", Fields: []JoinField{{Name: "customer"}, {Name: "status", Value: id("paid")}}}, "Order{customer, status: paid}"},
		{&Lit{Kind: LitBacktick, Text: "de-CH"}, "`de-CH`"},
		{pStr("a\"b\\c\nd\te"), `"a\"b\\c\nd\te"`},
		{pStr("doc\xff\x80ts"), "\"doc\xff\x80ts\""}, // invalid UTF-8 is kept byte for byte
		{pDur("1_000", "hours"), "1_000.hours"},
		{&IfExpr{Branches: []IfExprBranch{{Cond: id("a"), Then: num("1")}, {Cond: id("b"), Then: num("2")}}, Else: num("3")}, "if a: 1 else if b: 2 else: 3"},
		{bin(OpAdd, &IfExpr{Branches: []IfExprBranch{{Cond: id("a"), Then: num("1")}}, Else: num("0")}, num("1")), "(if a: 1 else: 0) + 1"},
		{bin(OpTransitionsTo, path("Order", "status"), id("paid")), "Order.status transitions_to paid"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := ExprString(tt.e)

			if got != tt.want {
				t.Fatalf("ExprString = %q, want %q", got, tt.want)
			}
			// The minimal parentheses must keep the structure.
			back, err := ParseExpr(got)
			if err != nil {
				t.Fatalf("ParseExpr(%q): %v", got, err)
			}
			if diff := cmp.Diff(tt.e, back, ignorePos); diff != "" {
				t.Errorf("ParseExpr(ExprString(e)) differs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTypeString(t *testing.T) {
	tests := []struct {
		t    *Type
		want string
	}{
		{pType("String"), "String"},
		{pOpt("Timestamp"), "Timestamp?"},
		{pGeneric("Set", "User"), "Set<User>"},
		{&Type{Name: "Map", Args: []*Type{pType("String"), pOpt("Integer")}}, "Map<String, Integer?>"},
		{&Type{Name: "List", Args: []*Type{pType("oauth/Session")}, Optional: true}, "List<oauth/Session>?"},
		{&Type{Enum: []EnumValue{{Name: "a"}, {Name: "no-cache", Quoted: true}}}, "a | `no-cache`"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := TypeString(tt.t); got != tt.want {
			t.Errorf("TypeString = %q, want %q", got, tt.want)
		}
	}
}

func TestPrintConstruct(t *testing.T) {
	tests := []struct {
		name string
		n    Node
		want string
	}{
		{"field with when", &Field{Name: "paid_at", Type: pType("Timestamp"), When: &FieldWhen{Field: "status", Values: []string{"paid", "shipped"}}},
			"paid_at: Timestamp when status = paid | shipped"},
		{"empty entity", &Entity{Name: "Tag"}, "entity Tag {}"},
		{"empty enum", &Enum{Name: "Tag"}, "enum Tag {}"},
		{"empty surface", &Surface{Name: "Blank"}, "surface Blank {}"},
		{"trailing comment spacing kept", &Field{Meta: Meta{Comment: " indented  note"}, Name: "n", Type: pType("Integer")}, "n: Integer  --  indented  note"},
		{"external with comment", &Entity{Meta: Meta{Comment: "owned by billing"}, Name: "Invoice", External: true,
			Members: []EntityMember{pFieldNode("total", pType("Integer"))}},
			"external entity Invoice {  -- owned by billing\n    total: Integer\n}"},
		{"inline ensures", &Ensures{Body: []Stmt{&Assign{Target: path("a", "b"), Value: num("1")}}}, "ensures: a.b = 1"},
		{"ensures with two statements", &Ensures{Body: []Stmt{&Assign{Target: path("a", "b"), Value: num("1")}, &ExprStmt{X: pCall(id("Done"))}}},
			"ensures:\n    a.b = 1\n    Done()"},
		{"ensures expression with =", &Ensures{Body: []Stmt{&ExprStmt{X: bin(OpEq, path("a", "b"), num("1"))}}}, "ensures: (a.b = 1)"},
		{"ensures block expression with =", &Ensures{Body: []Stmt{&ExprStmt{X: bin(OpEq, bin(OpGe, id("a"), id("b")), id("c"))}, &ExprStmt{X: pCall(id("Done"))}}},
			"ensures:\n    ((a >= b) = c)\n    Done()"},
		{"invariant assertion with = needs no parentheses", &Invariant{Name: "Eq", Body: []Stmt{&ExprStmt{X: bin(OpEq, path("a", "b"), num("1"))}}}, "invariant Eq {\n    a.b = 1\n}"},
		{"ensures with a let", &Ensures{Body: []Stmt{&Let{Name: "x", Value: num("1")}}}, "ensures:\n    let x = 1"},
		// An empty else block does not parse; the printer leaves it out.
		{"if with empty else", &If{Branches: []IfBranch{{Cond: id("a"), Body: []Stmt{&Assign{Target: id("b"), Value: num("1")}}}}, Else: []Stmt{}},
			"if a:\n    b = 1"},
		{"trigger with discard", &Trigger{Kind: TriggerExternal, Name: "oauth/SessionCreated", Params: []TriggerParam{{Name: "_"}, {Name: "s", Optional: true}}},
			"when: oauth/SessionCreated(_, s?)"},
		{"entity trigger without binding", &Trigger{Kind: TriggerTemporal, Cond: bin(OpLe, path("Order", "due_at"), id("now"))},
			"when: Order.due_at <= now"},
		{"signature", &Signature{Name: "submit", Params: []Param{{Name: "key", Type: pType("String")}, {Name: "tags", Type: pGeneric("Set", "String")}}, Result: pOpt("Receipt")},
			"submit: (key: String, tags: Set<String>) -> Receipt?"},
		{"contract ref", &ContractRef{Name: "Codec"}, "fulfils Codec"},
		{"open question escapes", &OpenQuestion{Text: `Use "soft" delete?`}, `open question "Use \"soft\" delete?"`},
		{"annotation with blank line", &Annotation{Kind: "invariant", Name: "Pure", Lines: []string{"No clock.", ""}}, "@invariant Pure\n    -- No clock.\n    --"},
		{"projection map only", &Projection{Name: "emails", Source: id("users"), Map: "email"}, "emails: users -> email"},
		{"config override", &ConfigOverride{Alias: "core", Settings: []*ConfigSetting{{Name: "n", Value: num("2")}}}, "core/config {\n    n: 2\n}"},
		{"surface for", &SurfaceFor{Var: "x", Coll: id("xs"), Body: []SurfaceEntry{&SurfaceItem{X: path("x", "name"), When: path("x", "visible")}}},
			"for x in xs:\n    x.name when x.visible"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PrintConstruct(tt.n); got != tt.want {
				t.Errorf("PrintConstruct:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestPrintWrapBoundary pins LineWidth: a line of exactly LineWidth columns
// stays whole, one more column wraps.
func TestPrintWrapBoundary(t *testing.T) {
	// "requires: f(" + arg + ")" at indent 0; pick arg lengths around the limit.
	for _, tt := range []struct {
		extra   int
		wrapped bool
	}{{0, false}, {1, true}} {
		argLen := LineWidth - len("requires: f()") + tt.extra
		arg := "a" + strings.Repeat("b", argLen-1)
		out := PrintConstruct(&Requires{Cond: pCall(id("f"), "", id(arg))})
		lines := strings.Split(out, "\n")
		if got := len(lines) > 1; got != tt.wrapped {
			t.Errorf("line of %d columns: wrapped = %v, want %v:\n%s", LineWidth+tt.extra, got, tt.wrapped, out)
		}
		if !tt.wrapped && len(lines[0]) != LineWidth {
			t.Errorf("unwrapped line is %d columns, want %d", len(lines[0]), LineWidth)
		}
		if tt.wrapped {
			want := "requires: f(\n    " + arg + "\n)"
			if out != want {
				t.Errorf("wrapped form:\n%s\nwant:\n%s", out, want)
			}
		}
	}
}

// TestPrintMultilineComments checks that a comment holding line breaks (a
// producer copying a docstring) still prints as comments only: doc, header
// and annotation lines split into several comment lines, a trailing comment
// is joined onto its line.
func TestPrintMultilineComments(t *testing.T) {
	m := &Module{
		Version: 3,
		Header:  []string{"spec\nfrom a docstring"},
		Entities: []*Entity{{
			Meta: Meta{Doc: []string{"First line.\r\nSecond line."}, Comment: "trailing\nacross lines"},
			Name: "Note",
		}},
		Contracts: []*Contract{{Name: "Store", Annotations: []*Annotation{{Kind: "guidance", Lines: []string{"one\ntwo"}}}}},
	}
	out := string(Print(m, PrintOptions{}))
	for _, want := range []string{
		"-- allium: 3\n-- spec\n-- from a docstring\n",
		"-- First line.\n-- Second line.\nentity Note {}  -- trailing across lines\n",
		"    @guidance\n        -- one\n        -- two\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	got, diags := Parse("multiline.allium", []byte(out))
	if len(diags) > 0 {
		t.Fatalf("output does not parse: %v\n%s", diags, out)
	}
	if doc := got.Entities[0].Doc; !cmp.Equal(doc, []string{"First line.", "Second line."}) {
		t.Errorf("doc read back as %q", doc)
	}
}
