"""What the persona editor shows from scenarios/FORMAT.md: the format reference as HTML and
the starter text of a new persona.

    reference_html()                      # FORMAT.md, rendered once per process
    starter_text()                        # its complete example, with a slug to change
    SCHEMA_URL                            # the format as a JSON Schema, for text editors

The preview beside the editor is `mi_sim.scenarios.preview`, played by `services.library`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mi_sim.web.paths import ROOT

FORMAT_PATH = ROOT / "scenarios" / "FORMAT.md"
SCHEMA_URL = "/schema/persona.json"
"""Where the persona JSON Schema is served (routes/library.py), for editors that check files."""
REFERENCE_PREFIX = "ref-"
STARTER_SLUG = "new-persona"

_FIRST_YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.M | re.S)
_SLUG_LINE = re.compile(r"^slug:.*$", re.M)
_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]+")


def _anchor(text: str) -> str:
    """GitHub-style heading anchor: "YAML in five rules" -> "yaml-in-five-rules"."""
    return _NOT_IN_ANCHOR.sub("", text.strip().lower()).replace(" ", "-")


def render_reference(markdown: str) -> str:
    """Markdown to HTML with raw HTML escaped, tables on, every heading given an id and every
    in-page link (`#the-linter`) pointed at it, both prefixed with `ref-` so they cannot clash
    with the ids of the page around them."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens: list[Token] = md.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            token.attrSet("id", REFERENCE_PREFIX + _anchor(tokens[index + 1].content))
        for child in token.children or ():
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str) and href.startswith("#"):
                child.attrSet("href", "#" + REFERENCE_PREFIX + href[1:])
    html: str = md.renderer.render(tokens, md.options, {})
    return html


@lru_cache(maxsize=1)
def reference_html() -> str:
    """scenarios/FORMAT.md as HTML (read once per process)."""
    return render_reference(FORMAT_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def starter_text() -> str:
    """The text a new persona starts from: FORMAT.md's complete example (tested to load and
    lint clean), with a slug the instructor is asked to change."""
    found = _FIRST_YAML_BLOCK.search(FORMAT_PATH.read_text(encoding="utf-8"))
    example = found.group(1) if found else "schema_version: 2\nslug: example\n"
    return _SLUG_LINE.sub(f"slug: {STARTER_SLUG}                 # change this: lower case, "
                          "digits and dashes; it cannot change once saved", example, count=1)
