"""Page through query results."""
from dataclasses import dataclass

from app.config import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int


def paginate(query, args) -> Page:
    page = max(int(args.get("page", 1)), 1)
    per_page = min(int(args.get("per_page", DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE)
    total = query.count()
    items = query.offset((page - 1) * per_page).limit(per_page).all()
    return Page(items=items, page=page, per_page=per_page, total=total)
