"""Load persona YAML files safely into `Persona`.

A persona file is untrusted text (instructors upload them through the browser), so the loader
refuses, whole and with `path:line: message` problems, anything that is not a plain YAML
document of the expected shape:

- files over `MAX_BYTES`, files that are not UTF-8, empty files, several documents in one file;
- YAML syntax errors (with the line of the PyYAML mark);
- anchors and aliases (`&name`, `*name`), which also rules out "billion laughs" alias bombs;
- tags other than YAML's plain ones (`!!python/object…` and friends are never constructed);
- nesting deeper than `MAX_DEPTH` levels, more than `MAX_NODES` nodes, duplicate keys;
- a top level that is not a mapping.

Limits are checked on the event stream before any node tree is built, then the node tree (which
carries line marks) is turned into plain Python data by this module, validated with
`Persona.model_validate`, and every validation error is mapped back to the line it came from.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from mi_sim.engine.persona import Parameters, Persona
from mi_sim.engine.plain_text import problem as text_problem

MAX_BYTES = 512 * 1024
MAX_DEPTH = 20
MAX_NODES = 20_000

Severity = Literal["error", "warning"]
LocPath = tuple[str | int, ...]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
# Tags a persona file may carry (implicitly resolved or written as `!!str` and so on).
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_KEY_TAGS = _SCALAR_TAGS | {_TAG + "merge", _TAG + "value"}
_SEQ_TAG = _TAG + "seq"
_MAP_TAG = _TAG + "map"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a persona file, at a 1-based line."""

    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ScenarioError(Exception):
    """A persona file (or a catalog of them) could not be loaded; `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class Locator:
    """Maps a data path such as `("banks", "evoke", 3, "text")` to the 1-based line it is on.

    Mapping entries are located at their key, sequence items where the item starts. A path that
    does not exist (a missing field, a pydantic-only element such as `[key]`) is located at its
    nearest existing ancestor.
    """

    def __init__(self, lines: Mapping[LocPath, int]) -> None:
        self._lines = dict(lines)

    def line(self, loc: tuple[Any, ...]) -> int:
        path = tuple(loc)
        while path:
            found = self._lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self._lines.get((), 1)

    def has(self, loc: tuple[Any, ...]) -> bool:
        return tuple(loc) in self._lines

    @classmethod
    def from_node(cls, root: yaml.Node) -> Locator:
        lines: dict[LocPath, int] = {(): root.start_mark.line + 1}
        stack: list[tuple[yaml.Node, LocPath]] = [(root, ())]
        while stack:
            node, path = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    child = (*path, _key_text(key_node))
                    lines.setdefault(child, key_node.start_mark.line + 1)
                    stack.append((value_node, child))
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    child = (*path, index)
                    lines[child] = item.start_mark.line + 1
                    stack.append((item, child))
        return cls(lines)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def default_scenarios_dir() -> Path:
    """`$MI_SIM_SCENARIOS_DIR`, or the repository's `scenarios/` folder beside the package."""
    override = os.environ.get("MI_SIM_SCENARIOS_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "scenarios"


def format_loc(loc: tuple[Any, ...]) -> str:
    """`("banks", "evoke", 3, "talk")` → `banks.evoke[3].talk`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            out += " (as a key)"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


# --- reading -------------------------------------------------------------------------------


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        if len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise _Refused(1, _too_big(len(data.encode("utf-8", "surrogatepass"))))
        return data
    if len(data) > MAX_BYTES:
        raise _Refused(1, _too_big(len(data)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Refused(
            line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8") from None
    return text.removeprefix("\ufeff")


def _too_big(size: int) -> str:
    return (f"the file is {size} bytes; persona files are limited to 512 KiB "
            f"({MAX_BYTES} bytes)")


def _yaml_error_line(exc: yaml.YAMLError, text: str) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        if _Loader is not yaml.SafeLoader:  # libyaml counts bytes, PyYAML characters
            return text.encode("utf-8", "surrogatepass")[:position].count(b"\n") + 1
        return text.count("\n", 0, position) + 1
    return 1


def _yaml_error_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        detail = ": ".join(parts) if parts else "invalid YAML"
    elif isinstance(exc, yaml.reader.ReaderError):
        detail = f"unacceptable character #x{exc.character:04x}: {exc.reason}"
    else:
        detail = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
    return f"YAML syntax error: {detail}"


def _check_events(text: str) -> None:
    """Walk the event stream once: anchors, aliases, tags, depth, node count, documents."""
    depth = 0
    nodes = 0
    documents = 0
    events: Iterator[yaml.Event] = yaml.parse(text, Loader=_Loader)
    for event in events:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(line, "a persona file holds exactly one YAML document "
                               "(remove the second '---')")
            continue
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, "anchors and aliases are not allowed in persona files "
                           f"(found alias '*{event.anchor}')")
        if isinstance(event, yaml.NodeEvent):
            if event.anchor is not None:
                raise _Refused(line, "anchors and aliases are not allowed in persona files "
                               f"(found anchor '&{event.anchor}')")
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!" and not _allowed_tag(tag):
                raise _Refused(line, f"the tag '{_short_tag(tag)}' is not allowed in persona "
                               "files; write plain text, numbers, lists and mappings")
            nodes += 1
            if nodes > MAX_NODES:
                raise _Refused(line, f"the file has more than {MAX_NODES} YAML nodes; "
                               "split the persona or shorten it")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(line, f"nesting is deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _allowed_tag(tag: str) -> bool:
    return tag in _KEY_TAGS or tag in (_SEQ_TAG, _MAP_TAG)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _key_text(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else "<complex key>"


_constructor = yaml.SafeLoader("")
_SCALARS: dict[str, Any] = {
    _TAG + "str": _constructor.construct_yaml_str,
    _TAG + "int": _constructor.construct_yaml_int,
    _TAG + "float": _constructor.construct_yaml_float,
    _TAG + "bool": _constructor.construct_yaml_bool,
    _TAG + "null": _constructor.construct_yaml_null,
}


def _construct(node: yaml.Node) -> Any:
    """Plain Python data from a checked node tree (no aliases, only plain tags)."""
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _KEY_TAGS:
                raise _Refused(line, "mapping keys must be plain words")
            key = str(key_node.value)
            if key in out:
                raise _Refused(line, f"duplicate key '{key}' (first at line {first_line[key]}); "
                               "the earlier one would be silently lost")
            first_line[key] = line
            out[key] = _construct(value_node)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item) for item in node.value]
    line = node.start_mark.line + 1
    if node.tag not in _SCALAR_TAGS:
        raise _Refused(line, f"the tag '{_short_tag(node.tag)}' is not allowed here")
    if node.tag == _TAG + "timestamp":
        return str(node.value)  # a date in a fact stays text
    value = _SCALARS[node.tag](node)
    if isinstance(value, str) and (found := text_problem(value)) is not None:
        raise _Refused(line, f"this text {found} (a YAML escape such as \\0 or \\x07 "
                       "writes one)")
    return value


def _compose(text: str) -> yaml.Node:
    if len(text) > MAX_BYTES:  # characters ≤ bytes; guards str input too
        raise _Refused(1, _too_big(len(text.encode("utf-8", "surrogatepass"))))
    try:
        _check_events(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        line = _yaml_error_line(exc, text)
        message = _yaml_error_message(exc)
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            message += " (this line has a tab; indent YAML with spaces only)"
        raise _Refused(line, message) from None
    if root is None:
        raise _Refused(1, "the file is empty; a persona file is a YAML mapping "
                       "(schema_version, slug, title, …)")
    if not isinstance(root, yaml.MappingNode):
        raise _Refused(root.start_mark.line + 1, "the top level of a persona file must be a "
                       "mapping of fields (schema_version: 1, slug: …, title: …)")
    return root


# --- validating ----------------------------------------------------------------------------

_MODEL_MESSAGES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r"schema_version must be"), lambda m: ("schema_version",)),
    (re.compile(r"levels must include '(\w+)'"), lambda m: ("levels",)),
    (re.compile(r"default_level '"), lambda m: ("default_level",)),
    (re.compile(r"level '(\w+)' sets unknown parameter '([^']*)'"),
     lambda m: ("levels", m.group(1), m.group(2))),
    (re.compile(r"banks must include a non-empty '(\w+)'"), lambda m: ("banks", m.group(1))),
)


def _message(error: Mapping[str, Any]) -> tuple[tuple[Any, ...], str]:
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    msg = str(error.get("msg", "invalid value"))
    if kind == "extra_forbidden" and loc:
        name = loc[-1]
        return loc, (f"{format_loc(loc)}: unknown field '{name}' (fields not in the format are "
                     "not allowed; check the spelling)")
    if kind == "missing" and loc:
        where = f"{format_loc(loc[:-1])}: " if len(loc) > 1 else ""
        return loc, f"{where}required field '{loc[-1]}' is missing"
    msg = msg.removeprefix("Value error, ")
    if isinstance(error.get("input"), bool):
        msg += (" (YAML reads unquoted yes/no/on/off/true/false as true or false; put the word "
                "in quotes)")
    if not loc:
        for pattern, where in _MODEL_MESSAGES:
            match = pattern.search(msg)
            if match:
                return where(match), msg
        return loc, msg
    return loc, f"{format_loc(loc)}: {msg}"


def _level_problems(data: Mapping[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Level overrides checked one by one, so each error points at its own key."""
    levels = data.get("levels")
    if not isinstance(levels, dict):
        return []
    base = data.get("parameters")
    if not isinstance(base, dict):
        base = {}
    else:
        try:
            Parameters.model_validate(base)
        except ValidationError:
            base = {}  # the base parameters' own errors are reported on their lines
    out: list[tuple[tuple[Any, ...], str]] = []
    known = Parameters.model_fields
    for level, overrides in levels.items():
        if not isinstance(overrides, dict):
            continue
        for key, value in overrides.items():
            loc = ("levels", level, key)
            if key not in known:
                out.append((loc, f"{format_loc(loc)}: level '{level}' sets unknown parameter "
                            f"'{key}'"))
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue  # the type error is reported by the schema itself
            try:
                Parameters.model_validate({**base, key: value})
            except ValidationError as exc:
                for err in exc.errors():
                    out.append((loc, f"{format_loc(loc)}: {err['msg']} "
                                f"(the parameter's bounds apply to every level)"))
    return out


def _validate(data: Any, path: str, locator: Locator) -> Persona:
    found: list[tuple[tuple[Any, ...], str]] = []
    level_found = _level_problems(data) if isinstance(data, dict) else []
    try:
        persona = Persona.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error.get("loc", ()))
            if (loc and loc[0] not in Persona.model_fields
                    and error.get("type") != "extra_forbidden"):
                # A level's parameters, validated inside Persona's model validator: the
                # located copies from `_level_problems` say the same at the right line.
                if not level_found:
                    found.append((("levels",), f"levels: {error.get('msg', 'invalid value')}"))
                continue
            loc, message = _message(error)
            if level_found and loc[:1] == ("levels",) and "unknown parameter" in message:
                continue
            found.append((loc, message))
    else:
        if not level_found:
            return persona
    found.extend(level_found)
    problems: list[Problem] = []
    seen: set[tuple[int, str]] = set()
    for loc, message in found:
        line = locator.line(loc)
        if (line, message) in seen:
            continue
        seen.add((line, message))
        problems.append(Problem(path, line, message))
    problems.sort(key=lambda p: p.line)
    raise ScenarioError(problems)


# --- public API ----------------------------------------------------------------------------


def load_located(data: bytes | str, path: str = "<string>") -> tuple[Persona, Locator]:
    """Load a persona and a `Locator` for its lines; raises `ScenarioError`."""
    try:
        text = _decode(data)
        root = _compose(text)
        plain = _construct(root)
    except _Refused as refused:
        raise ScenarioError([Problem(path, refused.line, refused.message)]) from None
    locator = Locator.from_node(root)
    return _validate(plain, path, locator), locator


def unreadable(data: bytes | str, path: str = "<string>") -> Problem | None:
    """Why the text is not a readable, plain YAML document (its size or encoding, a syntax
    error, anchors and aliases, tags, nesting, duplicate keys…), or None when it is one —
    whether or not it is a valid persona. Builds nothing from the text."""
    try:
        _construct(_compose(_decode(data)))
    except _Refused as refused:
        return Problem(path, refused.line, refused.message)
    return None


def load_persona_text(data: bytes | str, path: str = "<string>") -> Persona:
    """Load a persona from the text (or bytes) of a YAML file; raises `ScenarioError`."""
    return load_located(data, path)[0]


def read_limited(path: Path | str) -> bytes:
    """The bytes of a file, refusing (with a `ScenarioError`) one over `MAX_BYTES`."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                handle.seek(0, os.SEEK_END)
                raise ScenarioError([Problem(name, 1, _too_big(handle.tell()))])
    except OSError as exc:
        raise ScenarioError([Problem(name, 1, f"cannot read the file: {exc.strerror}")]) from None
    return data


def load_persona_file(path: Path | str) -> Persona:
    """Load one persona file; raises `ScenarioError`."""
    return load_persona_text(read_limited(path), str(path))


@functools.lru_cache(maxsize=8)
def _catalog(directory: str) -> dict[str, Persona]:
    root = Path(directory)
    if not root.is_dir():
        raise ScenarioError([Problem(directory, 1, "no such scenarios directory")])
    problems: list[Problem] = []
    found: dict[str, tuple[Persona, str]] = {}
    for file in sorted(root.glob("*.yaml")):
        try:
            persona = load_persona_file(file)
        except ScenarioError as exc:
            problems.extend(exc.problems)
            continue
        if persona.slug in found:
            problems.append(Problem(str(file), 1, f"duplicate slug '{persona.slug}' "
                                    f"(also in {found[persona.slug][1]})"))
            continue
        found[persona.slug] = (persona, str(file))
    if problems:
        raise ScenarioError(problems)
    return {slug: found[slug][0] for slug in sorted(found)}


def load_catalog(directory: Path | str | None = None) -> dict[str, Persona]:
    """Every `*.yaml` persona in `directory` (default: `default_scenarios_dir()`) by slug.

    Loaded once per process and directory; `clear_catalog_cache()` forgets. Any broken file or a
    duplicate slug raises `ScenarioError` with every problem found.
    """
    where = Path(directory) if directory is not None else default_scenarios_dir()
    return dict(_catalog(str(where.resolve())))


def clear_catalog_cache() -> None:
    """Forget loaded catalogs (for tests, or after personas changed on disk)."""
    _catalog.cache_clear()
