"""Talking to the user's CalDAV/CardDAV server: discovery, the two collections, PUT/DELETE.

One ``DavSession`` per publish. It is the ``caldav`` package's ``DAVClient`` (its HTTP
session, authentication and CalDAV calls: the principal, the calendar home, MKCALENDAR);
address books, which ``caldav`` does not cover and no maintained CardDAV client does,
are plain WebDAV requests through the same client (PROPFIND, extended MKCOL, PUT and
DELETE with ``If-Match``/``If-None-Match``). Nothing here reads the book: it moves bytes
that services/phone.py made.

``caldav`` (and with it its HTTP library) is imported when a session starts, never
when the command line or the window start: only a user who set up phone publishing
pays for it.

Every failure becomes a ``DavError`` with a ``kind`` (``unreachable``, ``timeout``,
``auth``, ``quota``, ``server``) and one line a user can act on.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

DAV = "{DAV:}"
CARDDAV = "{urn:ietf:params:xml:ns:carddav}"
CALDAV = "{urn:ietf:params:xml:ns:caldav}"
DISPLAY_NAME = "Rapport"
TIMEOUT_SECONDS = 20

_PRINCIPAL_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop>'
    "<D:current-user-principal/></D:prop></D:propfind>"
)
_HOMES_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" '
    'xmlns:A="urn:ietf:params:xml:ns:carddav" xmlns:C="urn:ietf:params:xml:ns:caldav">'
    "<D:prop><A:addressbook-home-set/><C:calendar-home-set/></D:prop></D:propfind>"
)
_LIST_BODY = (
    '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop>'
    "<D:resourcetype/><D:getetag/><D:displayname/></D:prop></D:propfind>"
)
_MKCOL_ADDRESSBOOK = (
    '<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" '
    'xmlns:A="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/>'
    "<A:addressbook/></D:resourcetype><D:displayname>{name}</D:displayname>"
    "<A:addressbook-description>{description}</A:addressbook-description>"
    "</D:prop></D:set></D:mkcol>"
)
DESCRIPTION = "Published by Rapport, one way: changes made here are replaced on the next publish."


class DavError(Exception):
    """A request that failed, said for a user; ``kind`` says what to do about it."""

    def __init__(self, kind: str, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


@dataclass(frozen=True, slots=True)
class Homes:
    principal: str
    addressbooks: str
    calendars: str


@dataclass(frozen=True, slots=True)
class Collections:
    addressbook: str
    calendar: str


def _message(status: int, what: str) -> DavError:
    if status in (401, 403):
        return DavError("auth", f"the server refused the user name or password ({status})", status)
    if status == 507:
        return DavError("quota", "the server is out of space for this account (507)", status)
    return DavError("server", f"the server answered {status} to {what}", status)


def _refused_status(exc: Exception) -> int:
    """The status of a refusal: the one caldav read from the answer (401 or 403), else 401.
    Not a search of its message, which holds the URL: a test server on port 54031 made a
    wrong password read "403"."""
    status = getattr(exc, "status", None)
    return status if status in (401, 403) else 401


class DavSession:
    """A connection to the user's server (``url``, ``user``, ``password``)."""

    def __init__(self, url: str, user: str, password: str, timeout: int | None = None):
        # caldav's package resolves its names lazily (typed as object): the class from
        # its own module
        from caldav.davclient import DAVClient

        timeout = TIMEOUT_SECONDS if timeout is None else timeout
        self.url = url if url.endswith("/") else url + "/"
        self.client: Any = DAVClient(
            url=self.url, username=user, password=password, timeout=timeout
        )

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a dead connection: not worth a word
            self.client.close()

    def __enter__(self) -> DavSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests, with failures named ------------------------------------------------------
    def request(
        self, method: str, url: str, body: str = "", headers: dict[str, str] | None = None
    ) -> Any:
        from caldav.lib import error
        from caldav.lib.http_sync import requests

        try:
            response = self.client.request(url, method, body, headers or {})
        except error.AuthorizationError as exc:
            raise _message(_refused_status(exc), method) from None
        except requests.exceptions.Timeout:
            raise DavError(
                "timeout", f"the server at {_host(url)} did not answer in time"
            ) from None
        except requests.exceptions.RequestException as exc:
            raise DavError("unreachable", f"cannot reach the server at {_host(url)}") from exc
        except error.DAVError as exc:
            raise DavError("server", f"the server refused {method}: {exc}") from None
        return response

    def _multistatus(self, url: str, body: str, depth: int) -> ET.Element:
        response = self.request(
            "PROPFIND",
            url,
            body,
            {"Depth": str(depth), "Content-Type": 'application/xml; charset="utf-8"'},
        )
        if response.status != 207:
            raise _message(response.status, "PROPFIND")
        try:
            return ET.fromstring(response.raw)
        except ET.ParseError:
            raise DavError(
                "server", f"the server at {_host(url)} sent an unreadable answer"
            ) from None

    # -- discovery (RFC 6764) ----------------------------------------------------------------
    def discover(self) -> Homes:
        """The principal of the user and its address-book and calendar homes.

        A bare server address (``https://dav.example.com``) is looked up at its well-known
        URLs first (``/.well-known/carddav``, ``/.well-known/caldav``), then as given.
        """
        candidates = []
        if urlsplit(self.url).path in ("", "/"):
            candidates += [
                urljoin(self.url, "/.well-known/carddav"),
                urljoin(self.url, "/.well-known/caldav"),
            ]
        candidates.append(self.url)
        principal = None
        last: DavError | None = None
        for candidate in candidates:
            try:
                tree = self._multistatus(candidate, _PRINCIPAL_BODY, 0)
            except DavError as exc:
                if exc.kind != "server":
                    raise
                last = exc
                continue
            href = tree.find(f".//{DAV}current-user-principal/{DAV}href")
            if href is not None and href.text:
                principal = urljoin(candidate, href.text.strip())
                break
        if principal is None:
            raise last or DavError(
                "server", f"{self.url} does not say whose calendars these are (no principal)"
            )
        tree = self._multistatus(principal, _HOMES_BODY, 0)
        book = tree.find(f".//{CARDDAV}addressbook-home-set/{DAV}href")
        cal = tree.find(f".//{CALDAV}calendar-home-set/{DAV}href")
        if book is None or not book.text:
            raise DavError("server", "the server offers no address books (CardDAV) to this user")
        if cal is None or not cal.text:
            raise DavError("server", "the server offers no calendars (CalDAV) to this user")
        return Homes(
            principal, urljoin(principal, book.text.strip()), urljoin(principal, cal.text.strip())
        )

    def ensure_collections(self, homes: Homes, slug: str) -> Collections:
        """The "Rapport" address book and calendar (``slug``-contacts and ``slug``-calendar:
        their paths, apart also where both homes are one folder), made when missing. Only
        collections of those exact paths are used; no other is read or changed."""
        book_url = urljoin(homes.addressbooks, slug + "-contacts/")
        cal_url = urljoin(homes.calendars, slug + "-calendar/")
        existing = self._children(homes.addressbooks)
        if unquote(urlsplit(book_url).path) not in existing:
            body = _MKCOL_ADDRESSBOOK.format(name=DISPLAY_NAME, description=DESCRIPTION)
            response = self.request("MKCOL", book_url, body, {"Content-Type": "application/xml"})
            if response.status not in (200, 201):
                raise _message(response.status, "making the address book")
        existing = self._children(homes.calendars)
        if unquote(urlsplit(cal_url).path) not in existing:
            from caldav.collection import CalendarSet

            try:
                CalendarSet(self.client, url=homes.calendars).make_calendar(
                    name=DISPLAY_NAME,
                    cal_id=slug + "-calendar",
                    supported_calendar_component_set=["VEVENT"],
                )
            except DavError:
                raise
            except Exception as exc:
                status = getattr(exc, "status", None)
                if isinstance(status, int) or str(status or "").isdigit():
                    raise _message(int(status or 0), "making the calendar") from None
                raise DavError("server", f"could not make the calendar: {exc}") from None
        return Collections(book_url, cal_url)

    def _children(self, url: str) -> dict[str, str]:
        """{path: etag} of the members of the collection ``url`` (one PROPFIND)."""
        tree = self._multistatus(url, _LIST_BODY, 1)
        own = unquote(urlsplit(url).path)
        found: dict[str, str] = {}
        for response in tree.findall(f"{DAV}response"):
            href = response.findtext(f"{DAV}href")
            if not href:
                continue
            path = unquote(urlsplit(urljoin(url, href.strip())).path)
            if path.rstrip("/") == own.rstrip("/"):
                continue
            etag = ""
            for propstat in response.findall(f"{DAV}propstat"):
                status = propstat.findtext(f"{DAV}status") or ""
                if " 200 " in status + " ":
                    etag = propstat.findtext(f"{DAV}prop/{DAV}getetag") or etag
            found[path] = etag.strip()
        return found

    def list(self, collection: str) -> dict[str, str]:
        """{path: etag} of what the collection holds now."""
        return self._children(collection)

    # -- writing -----------------------------------------------------------------------------
    def put(
        self, url: str, body: bytes, content_type: str, if_match: str | None, create: bool
    ) -> tuple[int, str]:
        """PUT ``body`` at ``url``: (status, new etag or ""). 412 is returned, not raised
        (the caller decides: one way, the book wins)."""
        headers = {"Content-Type": content_type}
        if if_match:
            headers["If-Match"] = if_match
        elif create:
            headers["If-None-Match"] = "*"
        response = self.request("PUT", url, body.decode("utf-8"), headers)
        if response.status == 412:
            return 412, ""
        if response.status not in (200, 201, 204):
            raise _message(response.status, "PUT")
        return response.status, str(response.headers.get("ETag") or "")

    def delete(self, url: str, if_match: str | None) -> int:
        headers = {"If-Match": if_match} if if_match else {}
        response = self.request("DELETE", url, "", headers)
        if response.status in (412, 404):
            return int(response.status)
        if response.status not in (200, 204):
            raise _message(response.status, "DELETE")
        return int(response.status)


def _host(url: str) -> str:
    return urlsplit(url).netloc or url
