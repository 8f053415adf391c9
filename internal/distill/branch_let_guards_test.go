package distill

import "testing"

// TestGuardUnderBranchLet: a guard nested under a branch whose condition
// reads a let of that branch (polar's resolve_member looks the owner up
// only when no member was named, and creates one only when there is
// none, refusing a customer without an email, benefit/grant/scope.py:
// 125-133, member/service.py:337) is stated with the let spelled as its
// lookup: the rule-level requires cannot read the let, bound in the
// ensures' if, and the checker dropped it.
func TestGuardUnderBranchLet(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from uuid import UUID
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[UUID] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)

class Member(Base):
    __tablename__ = "members"
    id: Mapped[UUID] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[UUID] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship()
`,
		"app/endpoints.py": `
from uuid import UUID
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from app.models import Customer, Member

router = APIRouter()

class GrantIn(BaseModel):
    customer_id: UUID
    member_id: UUID | None = None

def create_owner(session, customer):
    if customer.email is None:
        raise HTTPException(422)
    owner = Member(customer_id=customer.id, email=customer.email, role="owner")
    session.add(owner)
    return owner

@router.post("/grants")
async def grant(body: GrantIn, session=Depends(get_db_session)):
    customer = await session.get(Customer, body.customer_id)
    if customer is None:
        raise HTTPException(404)
    if body.member_id is None:
        result = await session.execute(select(Member).where(Member.customer_id == customer.id, Member.role == "owner"))
        found_member = result.scalar_one_or_none()
        if found_member is None:
            create_owner(session, customer)
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	wantConstruct(t, out, "Grant", []string{
		`requires: member_id != null or exists Member{customer, role: "owner"} or customer.email != null`,
		`Member.created(customer: customer, email: customer.email, role: "owner")`,
	}, nil)
	if out.Stats.DroppedByChecker != 0 {
		t.Errorf("dropped by checker %d, want 0: %v", out.Stats.DroppedByChecker, out.Notes)
	}
}
