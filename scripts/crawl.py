"""Request every page each persona can reach, as a browser behind the TLS proxy would, and report
any server error. Used by scripts/deploy-check.sh against the production server (gunicorn,
DEBUG off); only the standard library, so it runs with any Python 3.11.

    python scripts/crawl.py http://127.0.0.1:8123 --password PW --login a@x.org --login b@y.org

Every link of every page reached from the home page is followed (same site, GET only), except that
at most ``--per-shape`` addresses of one shape (the path with its numbers and ids taken out, and the
names of its query parameters) are requested: the 40th action item's page adds nothing the first
two did not. Exits 1 when any request answered 5xx or a page lacks the security headers.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from html.parser import HTMLParser
from http.cookies import SimpleCookie

SKIP = ("/accounts/logout/",)
# Where a persona starts: the home page and (for operators) the operator admin.
START = ("/", "/operator/admin/")
SHAPE_NUMBER = re.compile(
    r"/(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})(?=/|$|\.)"
)
HTML_HEADERS = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.csrf = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
        elif tag == "script" and found.get("src"):
            self.assets.append(found["src"])
        elif tag == "link" and found.get("href") and "stylesheet" in found.get("rel", ""):
            self.assets.append(found["href"])
        elif tag == "input" and found.get("name") == "csrfmiddlewaretoken":
            self.csrf = found.get("value", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


class Browser:
    """Cookies and the headers a TLS proxy adds; redirects are followed by hand (same site only)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.netloc = urllib.parse.urlsplit(self.base).netloc
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes, str]:
        url = self.base + path
        headers = {
            "X-Forwarded-Proto": "https",
            "User-Agent": "deploy-check crawler",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Origin"] = f"https://{self.netloc}"
            headers["Referer"] = f"https://{self.netloc}{path}"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 — http to the app only
        try:
            with self.opener.open(request, timeout=120) as response:
                status, raw_headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, raw_headers, content = error.code, error.headers, error.read()
        for value in raw_headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        location = raw_headers.get("Location", "")
        return status, dict(raw_headers.items()), content, location

    def local(self, href: str, page: str) -> str | None:
        """The path and query of ``href`` when it stays on this site, else None."""
        absolute = urllib.parse.urljoin(f"https://{self.netloc}{page}", href)
        parts = urllib.parse.urlsplit(absolute)
        if parts.netloc != self.netloc or parts.scheme not in ("http", "https"):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")


def shape(path: str) -> str:
    """``/actions/items/12/?status=open&page=2`` → ``/actions/items/{}/?page&status``."""
    parts = urllib.parse.urlsplit(path)
    keys = sorted({key for key, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
    return SHAPE_NUMBER.sub("/{}", parts.path) + ("?" + "&".join(keys) if keys else "")


def log_in(browser: Browser, email: str, password: str) -> None:
    status, _, content, _ = browser.request("/accounts/login/")
    parser = Links()
    parser.feed(content.decode(errors="replace"))
    status, _, _, location = browser.request(
        "/accounts/login/", {"csrfmiddlewaretoken": parser.csrf, "username": email, "password": password}
    )
    if status != 302:
        raise SystemExit(f"Could not log in as {email}: {status}")


def crawl(
    base: str, email: str, password: str, per_shape: int, limit: int, visited: set[str]
) -> tuple[int, list[str], set[str]]:
    browser = Browser(base)
    log_in(browser, email, password)
    queue: deque[str] = deque(START)
    seen: set[str] = set(START)
    shapes: dict[str, int] = {}
    problems: list[str] = []
    refused: list[str] = []  # links the persona is shown but may not open: worth a look, not a failure
    assets: set[str] = set()
    requests = 0
    while queue and requests < limit:
        path = queue.popleft()
        status, headers, content, location = browser.request(path)
        requests += 1
        visited.add(urllib.parse.urlsplit(path).path)
        if status >= 500:
            problems.append(f"{status} {path}")
            continue
        if status in (403, 404):
            refused.append(f"{status} {path}")
        if status in (301, 302, 303, 307, 308) and location:
            target = browser.local(location, path)
            if target and target not in seen and not target.startswith(SKIP):
                seen.add(target)
                queue.append(target)
            continue
        kind = headers.get("Content-Type", "")
        if status != 200 or not kind.startswith("text/html"):
            continue
        missing = [name for name in HTML_HEADERS if name not in headers]
        if missing:
            problems.append(f"{path} lacks {', '.join(missing)}")
        parser = Links()
        parser.feed(content.decode(errors="replace"))
        assets.update(a for a in (browser.local(asset, path) for asset in parser.assets) if a)
        for href in parser.links:
            target = browser.local(href, path)
            if target is None or target in seen or target.startswith(SKIP):
                continue
            key = shape(target)
            if shapes.get(key, 0) >= per_shape:
                continue
            shapes[key] = shapes.get(key, 0) + 1
            seen.add(target)
            queue.append(target)
    for asset in sorted(assets):
        status, _, _, _ = browser.request(asset)
        requests += 1
        if status != 200:
            problems.append(f"{status} {asset} (static file)")
    if refused:
        print(f"  {email}: {len(refused)} linked pages answered 403/404, e.g. {', '.join(refused[:5])}")
    return requests, problems, set(shapes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--login", action="append", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--per-shape", type=int, default=2)
    parser.add_argument("--limit", type=int, default=3000, help="most requests per persona")
    parser.add_argument("--visited", help="write the paths requested to this file, one a line")
    options = parser.parse_args()
    failed = False
    visited: set[str] = set()
    for email in options.login:
        started = time.monotonic()
        requests, problems, shapes = crawl(
            options.base, email, options.password, options.per_shape, options.limit, visited
        )
        seconds = time.monotonic() - started
        print(f"{email}: {requests} requests, {len(shapes)} kinds of page, {seconds:.0f} s, {len(problems)} problems")
        for problem in problems:
            print(f"  {problem}")
        failed = failed or bool(problems) or requests >= options.limit
    if options.visited:
        with open(options.visited, "w") as out:
            out.write("\n".join(sorted(visited)) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
