"""FastAPI application."""
import logging
import os
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware

from app.errors import validation_error_handler
from app.jobs import scheduler
from app.middleware import RequestLogMiddleware
from app.routers import admin, auth, health, invitations
from app.settings import settings

logging.basicConfig(level=settings.log_level)


@asynccontextmanager
async def lifespan(_: FastAPI):
    run_jobs = os.environ.get("SCHEDULER_ENABLED", "false") == "true"
    if run_jobs:
        scheduler.start()
    yield
    if run_jobs:
        scheduler.shutdown(wait=False)


app = FastAPI(title="accounts", version="2.3.0", lifespan=lifespan)
app.add_middleware(RequestLogMiddleware)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_methods=["*"],
    allow_headers=["*"],
)
app.add_exception_handler(RequestValidationError, validation_error_handler)
app.include_router(health.router)
app.include_router(auth.router)
app.include_router(invitations.router)
app.include_router(admin.router)
