package distill

import (
	"strings"
	"testing"
)

const unionDumpModels = `
from sqlalchemy import String, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class Organization(Base):
    __tablename__ = "organizations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))

class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(String(64), nullable=True)
    recurring_interval: Mapped[str | None] = mapped_column(String(16), nullable=True)
    trial_days: Mapped[int | None] = mapped_column(nullable=True)
    is_archived: Mapped[bool] = mapped_column(default=False)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    organization: Mapped[Organization] = relationship()
`

// unionDumpFiles builds polar's product create (product/service.py:
// 216-232, product/schemas.py:547-660): the body a discriminated union of
// two schemas sharing a base, dumped and spread into the model beside an
// explicit keyword; exclude is the dump's exclude set.
func unionDumpFiles(exclude string) map[string]string {
	return map[string]string{
		"app/models.py": unionDumpModels,
		"app/schemas.py": `
from typing import Annotated, Any
from pydantic import BaseModel, Discriminator, Tag, model_validator

class ProductCreateBase(BaseModel):
    name: str
    description: str | None = None
    prices: list[int]
    organization_id: int | None = None

class ProductCreateRecurring(ProductCreateBase):
    recurring_interval: str
    trial_days: int | None = None

    @model_validator(mode="after")
    def fill_trial(self):
        if self.trial_days is None:
            self.trial_days = 0
        return self

class ProductCreateOneTime(ProductCreateBase):
    recurring_interval: None = None

def _disc(v: Any) -> str:
    return "recurring" if v.get("recurring_interval") is not None else "one_time"

ProductCreate = Annotated[
    Annotated[ProductCreateRecurring, Tag("recurring")]
    | Annotated[ProductCreateOneTime, Tag("one_time")],
    Discriminator(_disc),
]
`,
		"app/endpoints.py": `
from fastapi import APIRouter, Depends, HTTPException
from app.models import Organization, Product
from app.schemas import ProductCreate

router = APIRouter()

async def get_payload_organization(session, model):
    organization = await session.get(Organization, model.organization_id)
    if organization is None:
        raise HTTPException(404)
    return organization

async def create_product(session, create_schema: ProductCreate):
    organization = await get_payload_organization(session, create_schema)
    product = Product(
        organization=organization,
        **create_schema.model_dump(exclude={` + exclude + `}),
    )
    session.add(product)
    await session.flush()
    return product

@router.post("/products")
async def create(product_create: ProductCreate, session=Depends(get_db_session)):
    return await create_product(session, product_create)
`,
	}
}

// TestUnionBodyDumpSpread: a body typed as a discriminated union of
// schemas (polar's ProductCreate, product/schemas.py:655) dumped and
// spread into a model gives the fields every variant declares (the
// base's, and recurring_interval, which both declare), beside the
// explicit keyword; a field only one variant declares (trial_days, which
// that variant's validator also fills) is left out with a note, and the
// row's defaults are not stated for it. Excluded from the dump, the
// spread is read whole and the defaults stand.
func TestUnionBodyDumpSpread(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, exclude string
		want, notWant []string
		note          bool
	}{
		{
			name:    "variant field left out",
			exclude: `"organization_id", "prices"`,
			want:    []string{"organization: organization", "recurring_interval: recurring_interval", "name: name", "description: description"},
			notWant: []string{"trial_days", "is_archived", "prices"},
			note:    true,
		},
		{
			name:    "variant field excluded",
			exclude: `"organization_id", "prices", "trial_days"`,
			want:    []string{"organization: organization", "recurring_interval: recurring_interval", "name: name", "is_archived: false"},
			notWant: []string{"trial_days"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, unionDumpFiles(tt.exclude))
			wantConstruct(t, out, "Create", tt.want, tt.notWant)
			noted := false
			for _, n := range out.Notes {
				noted = noted || strings.Contains(n, "the value of Product.trial_days, declared only by ProductCreateRecurring of the request's variants")
			}
			if noted != tt.note {
				t.Errorf("note of trial_days: %v, want %v: %v", noted, tt.note, out.Notes)
			}
		})
	}
}
