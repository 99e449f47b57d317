"""The built documentation, read as a browser would: rendering bugs that ``sphinx -W`` does not catch.

The docs are built once into a temporary folder. Each page's text, outside
code blocks, must be free of reST that was not rendered (``:class:`...```,
stray double backquotes), every table must sit in a box that scrolls
sideways instead of being cut off, and code blocks must scroll too.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RAW_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|mod|doc|ref|exc|data|obj|term|envvar|option):`")
CODE = re.compile(r"<pre.*?</pre>|<div class=\"highlight.*?</div>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    built = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    return out


def pages(site: Path) -> list[Path]:
    """The documentation pages (not the highlighted source of modules, not search or index pages)."""
    return [page for page in sorted(site.glob("*.html")) if page.name not in ("genindex.html", "search.html")]


def text_outside_code(page: Path) -> str:
    """What a reader sees of a page's main content, without code blocks."""
    content = page.read_text(encoding="utf-8")
    main = content.split('role="main"', 1)[-1]
    return html.unescape(TAGS.sub(" ", CODE.sub(" ", main)))


def test_every_page_is_checked(site: Path) -> None:
    names = {page.name for page in pages(site)}
    assert {"index.html", "common_tasks.html", "cli.html", "testing.html", "performance.html"} <= names


def test_no_role_or_literal_is_left_unrendered(site: Path) -> None:
    found = []
    for page in pages(site):
        text = text_outside_code(page)
        for match in RAW_ROLE.finditer(text):
            found.append(f"{page.name}: ...{text[max(0, match.start() - 60) : match.end() + 40]}...")
        for match in re.finditer(r"``", text):
            found.append(f"{page.name}: ...{text[max(0, match.start() - 60) : match.end() + 40]}...")
    assert not found, "\n".join(found)


def test_route_names_renders_as_prose(site: Path) -> None:
    text = text_outside_code(site / "testing.html")
    assert "They are the v2 operation ids" in " ".join(text.split())


def test_no_table_cell_is_an_empty_bullet_list(site: Path) -> None:
    for page in pages(site):
        content = page.read_text(encoding="utf-8")
        assert not re.search(r"<td>\s*<ul class=\"simple\">\s*<li>\s*(<p>\s*</p>)?\s*</li>", content), page.name


def test_every_table_scrolls_instead_of_being_cut(site: Path) -> None:
    css = (site / "_static" / "custom.css").read_text(encoding="utf-8")
    assert re.search(r"\.table-wrapper[^{]*\{[^}]*overflow-x:\s*auto", css)
    assert re.search(r"pre[^{]*\{[^}]*overflow-x:\s*auto", css)
    tables = 0
    for page in pages(site):
        content = page.read_text(encoding="utf-8")
        assert "_static/custom.css" in content, page.name
        for match in re.finditer(r"<table class=\"docutils", content):
            tables += 1
            before = content[max(0, match.start() - 200) : match.start()]
            assert 'class="table-wrapper' in before, f"{page.name}: a table outside a scrolling box"
    assert tables >= 10  # the v2 operation table, the benchmark table, the errors table, ...


def test_the_pictures_are_in_the_site(site: Path) -> None:
    content = (site / "concepts.html").read_text(encoding="utf-8")
    for name in ("objects.svg", "fake_clock.svg"):
        assert name in content
        svg = next(site.rglob(name)).read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "</svg>" in svg


def test_the_landing_page_starts_with_what_people_want(site: Path) -> None:
    text = " ".join(text_outside_code(site / "index.html").split())
    wants = text.index("I want to")
    assert text.index("Common tasks", wants) < text.index("Install", wants)


def methods_of(page: Path) -> dict[str, str]:
    """Each documented method of a page (by its anchor) and the HTML of its entry.

    An entry runs to the next documented object or section (its field lists
    are ``<dl>`` too, so the closing tag cannot tell where it ends).
    """
    content = page.read_text(encoding="utf-8")
    found = {}
    for entry in content.split('<dl class="py method">')[1:]:
        anchor = re.search(r'<dt class="sig sig-object py" id="([^"]+)"', entry)
        if anchor:
            found[anchor.group(1)] = re.split(r'<dl class="py |<section|</section>', entry, maxsplit=1)[0]
    return found


def endpoint_lines(entry: str) -> list[str]:
    """The HTML of each ``Endpoint:`` line of a method's entry."""
    return [line for line in entry.split("<p>") if "Endpoint:" in html.unescape(TAGS.sub(" ", line))]


def api_pages(site: Path) -> list[Path]:
    """The pages that document methods: the top-level ones and the v2 tag pages."""
    return pages(site) + sorted((site / "api_v2").glob("*.html"))


def test_each_method_shows_one_endpoint_line(site: Path) -> None:
    twice = []
    for page in api_pages(site):
        twice += [f"{page.name}: {name}" for name, entry in methods_of(page).items() if len(endpoint_lines(entry)) > 1]
    assert not twice, "\n".join(twice)


def test_paginated_methods_link_their_own_clients_iterate(site: Path) -> None:
    v2_pages = sorted((site / "api_v2").glob("*.html"))
    clients = (([site / "api_v3.html"], "circleci.v3.ApiV3", 122), (v2_pages, "circleci.v2.ApiV2", 100))
    for group, client, count in clients:
        lines = [line for page in group for entry in methods_of(page).values() for line in endpoint_lines(entry)]
        assert len(lines) >= count, client
        paginated = [line for line in lines if "paginated: works with" in line]
        assert len(paginated) >= 20, client
        assert all(f'#{client}.iterate"' in line for line in paginated), client
