"""A team book's administration: ``rapport team setup`` and ``rapport team add ROLE``.

Both run as the database's owner, on the book ``RAPPORT_DATABASE_URL`` names (the rules
themselves are ``store/postgres.py``'s). psycopg is loaded by this module's callers only.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from rapport.paths import DATABASE_URL_VARIABLE
from rapport.services.errors import ValidationError
from rapport.store import postgres


@dataclass(frozen=True, slots=True)
class TeamSetup:
    where: str  # the server and database, without a password
    schema_version: int
    group: str  # the role whose members make the team


def _url() -> str:
    url = os.environ.get(DATABASE_URL_VARIABLE, "")
    if not postgres.is_url(url):
        raise ValidationError(
            "name the team book with --database-url postgresql://OWNER@HOST/DB "
            f"(or {DATABASE_URL_VARIABLE})"
        )
    return url


def setup() -> TeamSetup:
    """Create or migrate the team book and its rules, as its owner (idempotent)."""
    url = _url()
    database = postgres.connect(url)
    try:
        version = postgres.setup(database)
        return TeamSetup(postgres.where(url), version, postgres.group_role(database))
    finally:
        database.close()


def add_member(role: str) -> TeamSetup:
    """Let the login role ``role`` into the team (the book set up first if need be)."""
    url = _url()
    database = postgres.connect(url)
    try:
        version = postgres.setup(database)
        group = postgres.add_member(database, role)
        return TeamSetup(postgres.where(url), version, group)
    finally:
        database.close()
