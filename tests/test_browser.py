"""What a person sees, in headless Chromium: the article view, the report and its pictures.

Each page is loaded by Chromium from the server on 127.0.0.1 (or, for the report, from a file),
its DOM read back and a screenshot taken; Chromium's network log says which requests the page
made, and none may leave 127.0.0.1 (a file: none at all). Set TRADEKG_SCREENSHOTS to a folder
to keep the screenshots."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.queries import run_saved
from kg.resources import sample_dir
from kg.serve import make_server
from kg.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTICLE = "https://w3id.org/tradekg/id/article/11f0a1b12fa8bf03"
# the text of a link that shows a minted IRI's path instead of a name
RAW_PATH = re.compile(r"(^|/|:)(article|actor|issue|agreement|place|post|graph|link)/[\w%-]+")


@dataclass
class Page:
    dom: str
    requests: list[str]  # every URL the page asked for
    screenshot: Path


class Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.svgs = 0
        self._in_link = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mark":
            self.marks.append(dict(attrs))
        if tag == "svg":
            self.svgs += 1
        if tag == "a":
            self._in_link, self._text = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._in_link:
            self.links.append("".join(self._text).strip())
            self._in_link = False

    def handle_data(self, data: str) -> None:
        if self._in_link:
            self._text.append(data)


def dom_of(markup: str) -> Dom:
    dom = Dom()
    dom.feed(markup)
    return dom


def chromium(url: str, tmp_path: Path, name: str, size: tuple[int, int] = (1400, 1800)) -> Page:
    """Load ``url`` twice in headless Chromium: once for its DOM, once for a screenshot, both
    with a network log of every request."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed: apt-get install -y chromium (CI installs it)")
    base = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        # nothing leaves this machine, whatever asks: only 127.0.0.1 resolves
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        f"--window-size={size[0]},{size[1]}",
    ]
    requests: list[str] = []
    outputs = []
    shot = tmp_path / f"{name}.png"
    for n, action in enumerate(("--dump-dom", f"--screenshot={shot}")):
        log = tmp_path / f"{name}-{n}.netlog.json"
        done = subprocess.run(
            [*base, f"--user-data-dir={tmp_path / f'chromium-{name}-{n}'}",
             f"--log-net-log={log}", action, url],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout)
        requests += _requested(log)
    keep = os.environ.get("TRADEKG_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
    return Page(outputs[0], requests, shot)


def _requested(log: Path) -> list[str]:
    """The URLs of the URL requests in a Chromium network log (its last event may be cut)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return sorted(set(re.findall(r'"url":\s*"([^"]+)"', text)))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# Chromium's own services (clock, updates), which it asks whatever the page: not the page's
CHROMIUM_SERVICES = (".google.com", ".googleapis.com", ".gstatic.com", ".gvt1.com")


def only_local(requests: list[str]) -> list[str]:
    """The page's requests that went anywhere but 127.0.0.1 (data: and file: URLs stay here;
    Chromium's own service requests are not the page's)."""
    return [
        url
        for url in requests
        if not url.startswith(("data:", "file:", "chrome:", "about:"))
        and urlsplit(url).hostname != "127.0.0.1"
        and not (urlsplit(url).hostname or "").endswith(CHROMIUM_SERVICES)
    ]


@dataclass
class Running:
    url: str
    store: Store


@pytest.fixture(scope="module")
def served(make_store: object) -> Iterator[Running]:
    store = make_store(sample_dir(), name="browsed")  # type: ignore[operator]
    server = make_server(store, port=0, timeout=30, max_rows=10000, workers=2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Running(server.url, store)
    server.shutdown()
    thread.join()
    server.close()


def test_article_view_in_the_browser(served: Running, tmp_path: Path) -> None:
    page = chromium(served.url + "/id/article/11f0a1b12fa8bf03", tmp_path, "article-view")
    dom = dom_of(page.dom)
    audit = run_saved(served.store, "article-audit", {"article": ARTICLE})
    start, end = audit.variables.index("start"), audit.variables.index("end")
    spans = {f"span-{r[start]}-{r[end]}" for r in audit.rows}
    marked = Counter(m["id"] for m in dom.marks if m.get("id"))
    assert set(marked) == spans and set(marked.values()) == {1}  # each span once
    assert [text for text in dom.links if RAW_PATH.search(text)] == []
    assert only_local(page.requests) == []
    assert any(urlsplit(url).hostname == "127.0.0.1" for url in page.requests)
    assert "google" not in page.dom  # the page itself names no outside host
    assert png_size(page.screenshot) == (1400, 1800)


@pytest.mark.parametrize("picture", ["timeline", "positions", "network"])
def test_pictures_in_the_browser(served: Running, tmp_path: Path, picture: str) -> None:
    query = urlencode({"about": "NAFTA talks make little headway after fifth round"})
    page = chromium(f"{served.url}/pictures/{picture}.svg?{query}", tmp_path, picture,
                    size=(1000, 800))  # fmt: skip
    assert "<svg" in page.dom
    titles = re.findall(r"<title>([^<]*)</title>", page.dom)
    assert titles[0].startswith(
        {"timeline": "Timeline", "positions": "Positions", "network": "Who stands with whom"}[
            picture
        ]
    )
    assert only_local(page.requests) == []
    assert png_size(page.screenshot) == (1000, 800)


def test_report_opens_from_a_file_offline(sample_store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli,
        ["--store", str(sample_store_dir), "report",
         "NAFTA talks make little headway after fifth round", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    page = chromium(out.as_uri(), tmp_path, "report")
    dom = dom_of(page.dom)
    assert dom.svgs == 3
    assert only_local(page.requests) == []
    assert [url for url in page.requests if urlsplit(url).hostname == "127.0.0.1"] == []
    assert [text for text in dom.links if RAW_PATH.search(text)] == []


def test_home_page_examples_are_named(served: Running, tmp_path: Path) -> None:
    page = chromium(served.url + "/", tmp_path, "home")
    text = re.sub(r"<[^>]+>", " ", page.dom)
    for name in ("Robert Lighthizer (a person)",
                 "NAFTA talks make little headway after fifth round (an article)"):  # fmt: skip
        assert name in re.sub(r"\s+", " ", text)
    assert json.dumps(only_local(page.requests)) == "[]"
