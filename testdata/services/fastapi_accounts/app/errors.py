"""Uniform error bodies."""
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


def flatten(detail, prefix: str = "") -> dict[str, str]:
    """Turn nested validation details into {"body.field.sub": "message"}."""
    out: dict[str, str] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            out.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict) and "loc" in value:
                path = ".".join(str(part) for part in value["loc"])
                out[path] = value.get("msg", "invalid")
            else:
                out.update(flatten(value, f"{prefix}[{index}]"))
    else:
        out[prefix or "error"] = str(detail)
    return out


async def validation_error_handler(request: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse(status_code=422, content={"errors": flatten(exc.errors())})
