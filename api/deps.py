"""FastAPI dependencies: the running resources and who is asking.

They are `async` on purpose: they do no I/O, and a plain `def` dependency would cost every request a
hop through the thread pool."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from zhize.api.auth import Principal
from zhize.api.resources import Resources
from zhize.api.settings import Role


async def resources(request: Request) -> Resources:
    return request.app.state.resources


async def reader(request: Request) -> Principal:
    return request.app.state.resources.gate.require(request, Role.VIEWER)


async def reviewer(request: Request) -> Principal:
    return request.app.state.resources.gate.require(request, Role.REVIEWER)


async def admin(request: Request) -> Principal:
    return request.app.state.resources.gate.require(request, Role.ADMIN)


Res = Annotated[Resources, Depends(resources)]
Reader = Annotated[Principal, Depends(reader)]
Reviewer = Annotated[Principal, Depends(reviewer)]
Admin = Annotated[Principal, Depends(admin)]
