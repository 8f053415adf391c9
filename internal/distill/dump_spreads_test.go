package distill

import (
	"strings"
	"testing"
)

// TestDumpSpreadIntoModel: a local holding a dump of the request's schema,
// edited, spread into a model's constructor beside a keyword (polar's
// OrganizationService.create, organization/service.py:384-402) gives the
// row each entry the dict always holds; a field the request may leave
// out of an exclude_unset dump is left out with a note. The unique slug
// the code looked up and refused first is required once, not again for
// the IntegrityError it catches.
func TestDumpSpreadIntoModel(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str | None] = mapped_column(String(64), nullable=True)
    plan: Mapped[str] = mapped_column(String(16))
    invoice_prefix: Mapped[str] = mapped_column(String(16))
`,
		"app/endpoints.py": `
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from app.models import Organization

router = APIRouter()

class OrganizationCreate(BaseModel):
    name: str
    slug: str
    email: str | None = None

@router.post("/organizations")
async def create(create_schema: OrganizationCreate, session=Depends(get_db_session)):
    result = await session.execute(select(Organization).where(Organization.slug == create_schema.slug))
    existing = result.scalar_one_or_none()
    if existing is not None:
        raise HTTPException(409)
    create_data = create_schema.model_dump(exclude_unset=True, exclude_none=True)
    create_data["plan"] = "free"
    try:
        organization = Organization(**create_data, invoice_prefix=create_schema.slug.upper())
        session.add(organization)
        await session.flush()
    except IntegrityError:
        raise HTTPException(409)
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	wantConstruct(t, out, "Create", []string{
		`Organization.created(name: name, slug: slug, plan: "free", invoice_prefix: uppercase(slug))`,
		"let existing = Organization{slug}",
		"requires: not exists existing",
	}, []string{"email", "not exists Organization{slug}"})
	noted := false
	for _, n := range out.Notes {
		noted = noted || strings.Contains(n, "the value of email, in create_data only under a condition")
	}
	if !noted {
		t.Errorf("no note of email left out: %v", out.Notes)
	}
}
