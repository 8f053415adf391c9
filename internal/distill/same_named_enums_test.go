package distill

import (
	"strings"
	"testing"
)

// TestSameNamedEnums: two enums of one name in two modules are one type
// when their members are the same (polar's Processor, models/
// transaction.py:35 and models/processor_transaction.py:16, before it
// grew a member), declared once; with other members the second takes its
// module's name before its own. Both declared under one name, the checker
// dropped the second (E020).
func TestSameNamedEnums(t *testing.T) {
	tests := []struct {
		name, second  string
		want, notWant []string
	}{
		{
			name:    "the same members: one enum",
			second:  "    stripe = \"stripe\"\n",
			want:    []string{"processor: Processor", "enum Processor { stripe }"},
			notWant: []string{"TransactionProcessor"},
		},
		{
			name:   "other members: the second named by its module",
			second: "    stripe = \"stripe\"\n    manual = \"manual\"\n",
			want:   []string{"enum Processor { stripe }", "enum TransactionProcessor { stripe | manual }", "processor: TransactionProcessor"},
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models/payment.py": `
from enum import StrEnum
from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from app.models.base import Base


class Processor(StrEnum):
    stripe = "stripe"


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    processor: Mapped[Processor] = mapped_column(String)
`,
				"app/models/transaction.py": `
from enum import StrEnum
from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from app.models.base import Base


class Processor(StrEnum):
` + tt.second + `

class Transaction(Base):
    __tablename__ = "transactions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    processor: Mapped[Processor] = mapped_column(String)
`,
				"app/models/base.py": "from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n",
			})
			spec := construct(out.Module, "Processor") + "\n" + construct(out.Module, "TransactionProcessor") + "\n" + construct(out.Module, "Transaction")
			for _, w := range tt.want {
				if !strings.Contains(spec, w) {
					t.Errorf("lacks %q:\n%s", w, spec)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(spec, w) {
					t.Errorf("has %q:\n%s", w, spec)
				}
			}
			for _, n := range out.Notes {
				if strings.Contains(n, "E020") {
					t.Errorf("note %q", n)
				}
			}
		})
	}
}
