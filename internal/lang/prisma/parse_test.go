package prisma

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      *Schema
		errs      []string
	}{
		{
			name: "model fields, optional, list, attributes",
			src: `datasource db {
  provider = "postgresql" // comment
}
model User {
  id    String  @id @default(cuid())
  email String? @unique @db.VarChar(255) // the login
  posts Post[]
  n     Int     @default(-1)
  @@index([email])
}`,
			want: &Schema{Models: []Model{{Name: "User", Line: 4, EndLine: 10, Fields: []Field{
				{Name: "id", Type: "String", Line: 5, Attrs: []Attr{{Name: "id", Line: 5}, {Name: "default", Line: 5, Args: []Arg{{Value: Value{Kind: ValueCall, Text: "cuid"}}}}}},
				{Name: "email", Type: "String", Optional: true, Line: 6, Attrs: []Attr{{Name: "unique", Line: 6}, {Name: "db.VarChar", Line: 6, Args: []Arg{{Value: Value{Kind: ValueNumber, Text: "255"}}}}}},
				{Name: "posts", Type: "Post", List: true, Line: 7},
				{Name: "n", Type: "Int", Line: 8, Attrs: []Attr{{Name: "default", Line: 8, Args: []Arg{{Value: Value{Kind: ValueNumber, Text: "-1"}}}}}},
			}}}},
		},
		{
			name: "@@unique is kept, other block attributes are not",
			src:  "model M {\n  a String\n  b String\n  @@unique([a, b], name: \"ab\")\n  @@index([a])\n}\n",
			want: &Schema{Models: []Model{{Name: "M", Line: 1, EndLine: 6,
				Fields: []Field{{Name: "a", Type: "String", Line: 2}, {Name: "b", Type: "String", Line: 3}},
				Attrs: []Attr{{Name: "unique", Line: 4, Args: []Arg{
					{Value: Value{Kind: ValueList, Items: []Value{{Kind: ValueIdent, Text: "a"}, {Kind: ValueIdent, Text: "b"}}}},
					{Name: "name", Value: Value{Kind: ValueString, Text: "ab"}},
				}}},
			}}},
		},
		{
			name: "relation with named list arguments, enum default, string with escapes",
			src:  "enum Role {\n  USER\n  ADMIN\n  @@map(\"roles\")\n}\nmodel T {\n  user User @relation(\"owner\", fields: [userId], references: [id], onDelete: Cascade)\n  role Role @default(USER)\n  s String @default(\"a \\\"b\\\" // c\")\n}\n",
			want: &Schema{
				Enums: []Enum{{Name: "Role", Line: 1, EndLine: 5, Values: []EnumValue{{Name: "USER", Line: 2}, {Name: "ADMIN", Line: 3}}}},
				Models: []Model{{Name: "T", Line: 6, EndLine: 10, Fields: []Field{
					{Name: "user", Type: "User", Line: 7, Attrs: []Attr{{Name: "relation", Line: 7, Args: []Arg{
						{Value: Value{Kind: ValueString, Text: "owner"}},
						{Name: "fields", Value: Value{Kind: ValueList, Items: []Value{{Kind: ValueIdent, Text: "userId"}}}},
						{Name: "references", Value: Value{Kind: ValueList, Items: []Value{{Kind: ValueIdent, Text: "id"}}}},
						{Name: "onDelete", Value: Value{Kind: ValueIdent, Text: "Cascade"}},
					}}}},
					{Name: "role", Type: "Role", Line: 8, Attrs: []Attr{{Name: "default", Line: 8, Args: []Arg{{Value: Value{Kind: ValueIdent, Text: "USER"}}}}}},
					{Name: "s", Type: "String", Line: 9, Attrs: []Attr{{Name: "default", Line: 9, Args: []Arg{{Value: Value{Kind: ValueString, Text: `a "b" // c`}}}}}},
				}}},
			},
		},
		{
			name: "errors name the line and keep the rest",
			src:  "model A {\n  x String @default(\n  y Int @@\n  z Boolean @default(true)\n}\nbogus\nmodel B {\n  w String\n",
			want: &Schema{Models: []Model{
				{Name: "A", Line: 1, EndLine: 5, Fields: []Field{{Name: "z", Type: "Boolean", Line: 4, Attrs: []Attr{{Name: "default", Line: 4, Args: []Arg{{Value: Value{Kind: ValueBool, Text: "true"}}}}}}}},
				{Name: "B", Line: 7, EndLine: 9, Fields: []Field{{Name: "w", Type: "String", Line: 8}}},
			}},
			errs: []string{
				"s.prisma:2: field x: @default: expected a value, found the end of the line",
				"s.prisma:3: field y: expected an attribute name after @, found \"@\"",
				"s.prisma:6: expected a block (model, enum, datasource ...) and its name, found \"bogus\"",
				"s.prisma:9: block not closed by }",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := Parse("s.prisma", tc.src)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("schema (-want +got):\n%s", diff)
			}
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if diff := cmp.Diff(tc.errs, msgs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParse checks that any input parses without a panic, and that every
// error names a line of the input.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"",
		"model U {\n id Int @id @default(autoincrement())\n e String? @unique\n p P[]\n}\n",
		"enum R {\n A\n B\n}\n",
		"model T {\n u U @relation(fields: [a, b], references: [x, y])\n d DateTime @default(now())\n}\n",
		"model X {\n a String @default(\"\\\"\n b Unsupported(\"c\")?\n @@id([a])\n",
		"model { } enum {\n[[[(((",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		s, errs := Parse("f.prisma", src)
		if s == nil {
			t.Fatal("nil schema")
		}
		n := strings.Count(src, "\n") + 1
		for _, err := range errs {
			e, ok := err.(*Error)
			if !ok || e.Line < 1 || e.Line > n {
				t.Fatalf("error %v names no line of the input (%d lines)", err, n)
			}
		}
		_ = Facts("f.prisma", "typescript", "f", s)
	})
}
