"""Path parameters with limits, one type per kind of identifier, shared by every route.

An identifier that no row can have (a control character such as NUL, which PostgreSQL refuses to
compare, or more characters than any name may hold) is answered 422 by the API and 404 by pages,
the same on both backends, before any query runs.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import Field

from nook.social import limits as L

#: Largest id accepted anywhere: ids are 32-bit integers on PostgreSQL, so larger input can match nothing.
MAX_ID = 2**31 - 1
DbId = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]

_PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
#: A member's username, a circle's slug, a hashtag, a school's name, a board's name.
PathName = Annotated[str, Path(min_length=1, max_length=L.PATH_NAME_MAX, pattern=_PRINTABLE)]
#: A year of enrolment in a campus address.
EnrollYear = Annotated[int, Path(ge=1950, le=2100)]
