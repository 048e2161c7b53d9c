"""Where a run's start URLs come from: the sources file, a URLs file, the ``start_urls`` argument.

Sources file format (TOML), one table per source::

    [[source]]
    name = "demo"                          # short name: output goes to data/<name>/
    start_urls = ["http://127.0.0.1:8750/"]  # journal, listing or article pages
    follow = true                          # false: parse the start URLs as article pages only

Every source is read defensively: a line, entry or URL that cannot be used (no scheme, no host,
unparsable, not UTF-8), or a file that cannot be read at all, becomes one ``BadInput`` naming the
file and line, and reading goes on with the rest. The spider writes each as a ``rejected`` line
with reason ``bad_start_url`` or ``bad_source``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

#: Schemes a start URL may have.
SCHEMES = ("http", "https", "file")


@dataclass(frozen=True)
class Source:
    """One site to harvest."""

    name: str
    start_urls: tuple[str, ...]
    follow: bool = True


@dataclass(frozen=True)
class BadInput:
    """A start URL, sources entry or file that could not be used, and where it was."""

    text: str
    """The offending text (a URL as written, or the file's path)."""
    where: str
    """``<file> line <n>``, ``<file>``, or ``start_urls argument``."""
    problem: str
    """What is wrong with it, in words."""
    reason: str = "bad_start_url"
    """The reject reason code: ``bad_start_url`` or ``bad_source`` (a file or sources entry)."""

    @property
    def url(self) -> str:
        """What the reject line names: the text when there is some, else the place."""
        return self.text or self.where

    @property
    def detail(self) -> str:
        """The reject detail: where and what."""
        return f"{self.where}: {self.problem}" + (f" ({self.text!r})" if self.text else "")


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a start URL, None when it can.

    >>> url_problem("https://journal.example/issue/1") is None, url_problem("file:///tmp/a.html") is None
    (True, True)
    >>> url_problem("journal.example/issue/1"), url_problem("http://[::1/x"), url_problem("http:///x")
    ('no scheme (http, https or file)', 'unparsable: Invalid IPv6 URL', 'no host')
    """
    if any(c.isspace() or ord(c) < 32 for c in url):
        return "contains white space or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as error:
        return f"unparsable: {error}"
    if not parts.scheme or "://" not in url:
        return f"no scheme ({', '.join(SCHEMES[:-1])} or {SCHEMES[-1]})"
    if parts.scheme.lower() not in SCHEMES:
        return f"scheme {parts.scheme!r} is not one of {', '.join(SCHEMES)}"
    if parts.scheme.lower() != "file" and not parts.hostname:
        return "no host"
    if parts.scheme.lower() == "file" and not parts.path:
        return "no path"
    return None


def check_urls(urls, where: str) -> tuple[list[str], list[BadInput]]:
    """The usable URLs of ``urls`` (``(text, place)`` pairs or plain strings) and one ``BadInput`` per other."""
    good, bad = [], []
    for number, url in enumerate(urls, start=1):
        text, place = url if isinstance(url, tuple) else (url, f"{where} item {number}")
        problem = url_problem(text)
        if problem:
            bad.append(BadInput(text, place, problem))
        else:
            good.append(text)
    return good, bad


def read_start_urls(path: str | Path) -> tuple[list[str], list[BadInput]]:
    """URLs listed one per line (blank lines and ``#`` comments ignored) and the lines or file that failed."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return [], [BadInput(str(path), str(path), f"cannot read the URLs file: {error.strerror or error}",
                             "bad_source")]
    good, bad = [], []
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith(b"#"):
            continue
        try:
            line = raw.decode("utf-8-sig").strip()  # a byte-order mark (first line, or files joined) is no text
        except UnicodeDecodeError as error:
            bad.append(BadInput(raw.decode("utf-8", "replace").strip(), f"{path} line {number}",
                                f"not UTF-8 ({error.reason} at byte {error.start})"))
            continue
        if line and not line.startswith("#"):
            usable, unusable = check_urls([(line, f"{path} line {number}")], str(path))
            good += usable
            bad += unusable
    return good, bad


def read_urls_file(path: str | Path) -> list[str]:
    """The usable URLs of a URLs file (see ``read_start_urls`` for what was left out)."""
    return read_start_urls(path)[0]


def read_sources(path: str | Path) -> tuple[list[Source], list[BadInput]]:
    """Sources listed in a TOML sources file, and the file, entries or URLs that could not be used."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return [], [BadInput(str(path), str(path), f"cannot read the sources file: {error}", "bad_source")]
    entries = data.get("source", [])
    if not isinstance(entries, list):
        return [], [BadInput("", str(path), "'source' must be an array of tables ([[source]])", "bad_source")]
    lines = _table_lines(text)
    sources, bad = [], []
    for number, entry in enumerate(entries, start=1):
        where = f"{path} line {lines[number - 1]}" if number <= len(lines) else f"{path} source #{number}"
        source, problems = _source(entry, where)
        bad += problems
        if source:
            sources.append(source)
    return sources, bad


def _source(entry, where: str) -> tuple[Source | None, list[BadInput]]:
    """One ``[[source]]`` table: the source (None when unusable) and its problems."""
    if not isinstance(entry, dict):
        return None, [BadInput("", where, "a source must be a table", "bad_source")]
    name, urls = entry.get("name"), entry.get("start_urls")
    if not isinstance(name, str) or not name.strip():
        return None, [BadInput("", where, "the source needs a name", "bad_source")]
    if not isinstance(urls, list) or not urls:
        return None, [BadInput("", where, f"source {name!r} needs a non-empty start_urls list", "bad_source")]
    texts = [(u, f"{where} (source {name!r}, start_urls item {i})") if isinstance(u, str) else (repr(u), "")
             for i, u in enumerate(urls, start=1)]
    good, bad = check_urls([t for t in texts if t[1]], where)
    bad += [BadInput(t, f"{where} (source {name!r})", "a start URL must be a string") for t, w in texts if not w]
    follow = entry.get("follow", True)
    if not isinstance(follow, bool):
        bad.append(BadInput("", where, f"source {name!r}: follow must be true or false, not {follow!r}; "
                                       "read as true", "bad_source"))
        follow = True
    return (Source(name.strip(), tuple(good), follow) if good else None), bad


def load_sources(path: str | Path) -> list[Source]:
    """The usable sources of a sources file (see ``read_sources`` for what was left out)."""
    return read_sources(path)[0]


def _table_lines(text: str) -> list[int]:
    """Line numbers of the ``[[source]]`` headers, in order."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.strip().startswith("[[source]]")]
