"""Engine, session factory and the declarative base.

The declarative base shares SQLModel's metadata so that the SQLModel tables and
the SQLAlchemy 2.0 models can reference each other with foreign keys and are
created by the same migration run.
"""
from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlmodel import SQLModel

from app.settings import settings

engine = create_engine(settings.database_url, echo=settings.sql_echo, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)


class Base(DeclarativeBase):
    metadata = SQLModel.metadata


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
