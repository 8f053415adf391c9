package distill

import "testing"

// sessionRowRepository is a generic repository in polar's shape
// (server/polar/kit/repository/base.py:61-160): it holds its session
// untyped and persists the row it is handed with self.session.add.
const sessionRowRepository = `
from typing import Self


class RepositoryBase[M]:
    model: type[M]

    def __init__(self, session) -> None:
        self.session = session

    async def create(self, object: M, *, flush: bool = False) -> M:
        self.session.add(object)
        if flush:
            await self.session.flush()
        return object

    @classmethod
    def from_session(cls, session) -> Self:
        return cls(session)


class MemberRepository(RepositoryBase):
    model = Member
`

// sessionRowMetrics is the one class of the service with a method named
// add (polar's observability/otel_prometheus.py:55): the repository's
// self.session.add(object) is not it.
const sessionRowMetrics = `
class UpDownCounter:
    def __init__(self, name):
        self._name = name

    def add(self, amount, attributes=None):
        labels = self._extract_labels(attributes)
        self._gauge.labels(**labels).inc(amount)

    def _extract_labels(self, attributes):
        return {"service": "unknown"}
`

// TestSessionRowCalls pins the session's add of a row in a repository
// that holds its session untyped (catalog session_row_calls), and a list
// a loop the walk does not read fills, which is not the empty literal it
// started as.
func TestSessionRowCalls(t *testing.T) {
	tests := []struct {
		name, endpoint, rule string
		want, notWant        []string
	}{
		{
			// polar's repository.create(Product(...), flush=True)
			// (product/service.py:217-234): the session's add, not the
			// metrics counter's, persists the row.
			name: "a row handed to the repository's create: created",
			endpoint: `
class MemberService:
    async def create(self, session, email: str, name: str):
        repository = MemberRepository.from_session(session)
        return await repository.create(Member(email=email, name=name), flush=True)


member_service = MemberService()


@router.post("/members")
async def create_member(email: str, name: str, session: AsyncSession = Depends(get_db_session)):
    return await member_service.create(session, email, name)
`,
			rule:    "CreateMember",
			want:    []string{"Member.created(email: email, name: name)"},
			notWant: []string{"_extract_labels"},
		},
		{
			// polar's get_validated_prices (product/service.py:583-694):
			// the list a loop fills is not the empty literal it started as.
			name: "a list a loop the walk does not read fills: not the empty literal",
			endpoint: `
@router.post("/members/bulk")
async def create_members(emails: list[str], session: AsyncSession = Depends(get_db_session)):
    repository = MemberRepository.from_session(session)
    accepted = []
    for index, email in enumerate(emails):
        if "@" in email:
            accepted.append(email)
    if len(accepted) < 1:
        raise HTTPException(status_code=422)
    await repository.create(Member(email="batch", name="batch"), flush=True)
`,
			rule:    "CreateMembers",
			want:    []string{`Member.created(email: "batch", name: "batch")`},
			notWant: []string{"length({})"},
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			endpoints := `
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession
from app.models import Member
from app.repository import MemberRepository
from app.db import get_db_session

router = APIRouter()
` + tt.endpoint
			out := distilText(t, d, map[string]string{
				"app/models.py":     polarModels,
				"app/repository.py": "from app.models import Member\n" + sessionRowRepository,
				"app/metrics.py":    sessionRowMetrics,
				"app/db.py":         "async def get_db_session():\n    yield None\n",
				"app/endpoints.py":  endpoints,
			})
			wantConstruct(t, out, tt.rule, tt.want, tt.notWant)
		})
	}
}
