package prisma

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/facts"
)

// TestFacts pins the class shapes a schema becomes: what each field's
// value says, and which fields are left to their relation.
func TestFacts(t *testing.T) {
	src := `enum Role {
  USER
  ADMIN
}
model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  role      Role     @default(USER)
  bio       String?
  createdAt DateTime @default(now())
  tokens    Token[]
}
model Token {
  id     String @id @default(uuid())
  user   User?  @relation(fields: [userId], references: [id])
  userId Int?
}`
	got := schemaFacts(t, src)
	for k, want := range map[string]string{
		"Role":           "enum",
		"Role.USER":      `"USER" : `,
		"User":           "@prisma.model",
		"User.id":        "prisma.field(nullable=false, default=prisma.autoincrement(), primary_key=true) : Int",
		"User.email":     "prisma.field(nullable=false, unique=true) : String",
		"User.role":      "prisma.field(nullable=false, default=Role.USER) : Role",
		"User.bio":       "prisma.field(nullable=true) : String | None",
		"User.createdAt": "prisma.field(nullable=false, default=prisma.now()) : DateTime",
		"User.tokens":    "prisma.related(Token) : Array[Token]",
		"Token.user":     "prisma.relation(User, nullable=true, fields=[userId], references=[id]) : User | None",
	} {
		if got[k] != want {
			t.Errorf("%s = %q, want %q", k, got[k], want)
		}
	}
	if _, ok := got["Token.userId"]; ok {
		t.Error("Token.userId, the key column of Token.user, is a field of its own")
	}
}

// schemaFacts renders the classes src becomes: each class as its kind and
// first decorator, each field as its value and annotation.
func schemaFacts(t *testing.T, src string) map[string]string {
	t.Helper()
	s, errs := Parse("prisma/schema.prisma", src)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f := Facts("prisma/schema.prisma", "typescript", "prisma.schema", s)
	got := map[string]string{}
	for _, c := range f.Classes {
		got[c.Name] = string(c.Kind)
		if len(c.Decorators) > 0 {
			got[c.Name] += "@" + c.Decorators[0].Resolved()
		}
		for _, a := range c.Fields {
			got[c.Name+"."+a.Name] = render(a.Value) + " : " + render(a.Annotation)
		}
	}
	return got
}

func render(e *facts.Expr) string {
	if e == nil {
		return ""
	}
	switch e.Kind {
	case facts.ExprString:
		return `"` + e.Value() + `"`
	case facts.ExprBool, facts.ExprInt, facts.ExprFloat:
		return e.Value()
	case facts.ExprNone:
		return "None"
	case facts.ExprBinary:
		return render(e.X) + " " + e.Op() + " " + render(e.Y)
	case facts.ExprSubscript:
		return render(e.X) + "[" + render(e.Y) + "]"
	case facts.ExprList:
		var parts []string
		for i := range e.Args() {
			parts = append(parts, render(&e.Args()[i]))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case facts.ExprCall:
		var parts []string
		for i := range e.Args() {
			parts = append(parts, render(&e.Args()[i]))
		}
		for _, k := range e.Keywords() {
			parts = append(parts, k.Name+"="+render(&k.Value))
		}
		return e.X.Resolved() + "(" + strings.Join(parts, ", ") + ")"
	}
	return e.Raw()
}

// TestImpliedRelations pins which scalar fields are read as a relation no
// @relation declares: those named after a model and its @id field, typed
// as that key (hoppscotch's TeamMember.userUid holds a User's uid), and
// those named after a role and a key field name only one model's @id has
// (hoppscotch's TeamInvitation.creatorUid: the User who invited).
func TestImpliedRelations(t *testing.T) {
	src := `model User {
  uid   String @id @default(cuid())
  email String
}
model Team {
  id String @id @default(cuid())
}
model TeamMember {
  id         String  @id @default(uuid())
  userUid    String
  teamID     String?
  creatorUid String
  team2ID    String
  ownerId    String
  auditCode  String
  reviewCode String
}
model Audit {
  code String @id
}
model Ledger {
  code String @id
}
model Invite {
  id      String @id
  userUid Int
}
model Grant {
  id      String @id
  userUid String
  user    String
}
model Seat {
  id      String @id
  userUid String
  owner   User   @relation(fields: [userUid], references: [uid])
}`
	got := schemaFacts(t, src)
	for _, tc := range []struct {
		field, want string
	}{
		{"TeamMember.user", "prisma.relation(User, nullable=false, fields=[userUid]) : User"},
		{"TeamMember.team", "prisma.relation(Team, nullable=true, fields=[teamID]) : Team | None"},
		{"TeamMember.userUid", ""},
		{"TeamMember.teamID", ""},
		// no model Creator, but uid is User's key alone: the creator
		{"TeamMember.creator", "prisma.relation(User, nullable=false, fields=[creatorUid]) : User"},
		{"TeamMember.creatorUid", ""},
		// team2ID is no key of Team's name; id is every model's key; code
		// is the key of two models (auditCode is Audit's only by its name)
		{"TeamMember.team2ID", "prisma.field(nullable=false) : String"},
		{"TeamMember.ownerId", "prisma.field(nullable=false) : String"},
		{"TeamMember.audit", "prisma.relation(Audit, nullable=false, fields=[auditCode]) : Audit"},
		{"TeamMember.reviewCode", "prisma.field(nullable=false) : String"},
		// typed otherwise than User's key
		{"Invite.userUid", "prisma.field(nullable=false) : Int"},
		// the relation's name is a field of the model already
		{"Grant.userUid", "prisma.field(nullable=false) : String"},
		// an @relation names it: the relation's key, as declared
		{"Seat.owner", "prisma.relation(User, nullable=false, fields=[userUid], references=[uid]) : User"},
		{"Seat.user", ""},
	} {
		if got[tc.field] != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, got[tc.field], tc.want)
		}
	}
}

// TestNamedRelations: two relations between the same models are told apart
// by their names; the side that holds no key names, as foreign_keys, the
// field of the other model that holds the key of the same named relation
// (umami's User.websites runs over Website.user, User.createdBy over
// Website.createUser). An unnamed relation, or a name no key side
// carries, names none.
func TestNamedRelations(t *testing.T) {
	src := `model User {
  id        String    @id
  websites  Website[] @relation("user")
  createdBy Website[] @relation(name: "createUser")
  posts     Post[]
  orphans   Website[] @relation("nobody")
}
model Website {
  id         String  @id
  userId     String?
  createdBy  String?
  user       User?   @relation("user", fields: [userId], references: [id])
  createUser User?   @relation("createUser", fields: [createdBy], references: [id])
}
model Post {
  id       String @id
  authorId String
  author   User   @relation(fields: [authorId], references: [id])
}`
	got := schemaFacts(t, src)
	for _, tc := range []struct{ field, want string }{
		{"User.websites", "prisma.related(Website, foreign_keys=Website.user) : Array[Website]"},
		{"User.createdBy", "prisma.related(Website, foreign_keys=Website.createUser) : Array[Website]"},
		{"User.posts", "prisma.related(Post) : Array[Post]"},
		{"User.orphans", "prisma.related(Website) : Array[Website]"},
	} {
		if got[tc.field] != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, got[tc.field], tc.want)
		}
	}
}
