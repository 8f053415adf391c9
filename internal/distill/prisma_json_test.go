package distill

import "testing"

// TestPrismaJSONColumns pins Prisma's Json columns (catalog typescript
// types): a document the spec has no type for, kept as its text, so that
// the field and the rules that write it are stated (umami's
// Share.parameters, taxonomy's Post.content).
func TestPrismaJSONColumns(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, schema, want string
	}{
		{
			name:   "a required Json column",
			schema: "model Share {\n  id         String @id\n  name       String\n  parameters Json\n}\n",
			want:   "entity Share {\n    name: String\n    parameters: String\n}",
		},
		{
			name:   "an optional Json column",
			schema: "model Share {\n  id         String @id\n  name       String\n  parameters Json?\n}\n",
			want:   "entity Share {\n    name: String\n    parameters: String?\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"prisma/schema.prisma": tt.schema})
			if got := construct(out.Module, "Share"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
