"""Jupyter notebooks (``.ipynb``): every code cell migrated in the context of the whole notebook.

A file kind (see :data:`migrate.session.FILE_KINDS`): :func:`handles` says which names are
notebooks, :data:`TRIGGERS` is the byte pre-filter, :func:`migrate_text` is the whole job.

How a notebook is migrated, and why each step is safe:

1. The text is parsed with :mod:`json` and must be nbformat 4 shaped (a ``"cells"`` list of
   objects with a ``"cell_type"`` and a ``"source"`` string or list of strings); anything else is
   an error (the file is never rewritten). A notebook whose kernel language is not Python is
   left alone. A small scanner records where each cell's ``"source"`` value sits in the text.
2. IPython syntax is *masked*: a line magic, shell escape or help line (``%pip install x``,
   ``!ls``, ``x = !cmd``, ``?obj``, ``obj??``, continued with ``\\``) becomes
   ``<indent>pass  # <tag>`` (same line count, valid Python, never touched by a rule); a cell
   magic (``%%bash``, ``%%writefile f``...) masks the whole cell, except ``%%time`` and
   ``%%capture`` whose body is Python run in the notebook's namespace (only the magic line is
   masked). The body of ``%%writefile app.py`` is the module the cell writes: it is migrated on
   its own, as that ``.py`` file would be (:func:`_written_files`). A candidate line that the
   tokenizer shows to be inside a string or a bracket is not a magic and is put back before
   migration.
3. The code cells are joined into one module, a marker statement between consecutive cells:
   ``pass  # __aoai_migrate_cell_<nonce>_<n>__``, a statement no rule touches that runs nothing,
   so a rule asking whether the code between two statements could change what they read (the
   openai<1.0 configuration split over cells) sees through a cell boundary, while a bare name the
   user wrote stays code that can raise ``NameError``. Leading code cells that hold no Python statement (only magics,
   comments) are left out, so an import the rewrite adds lands in the first cell with code (the
   rules put new imports after the leading imports, ``import os`` before the first import).
   :func:`migrate.runner.migrate_source` migrates that module, so an import in cell 1 serves a
   client built in cell 3.
4. The result is split at the markers (each must come back exactly once, in order), the masked
   lines are restored byte for byte (each placeholder exactly once, in its own cell), and only
   the changed cells' ``"source"`` values are spliced into the original text: unchanged list
   elements keep their exact JSON spelling, new ones are written in the file's style (raw or
   ``\\uXXXX``-escaped non-ASCII, the separators of that list). Outputs, metadata, ids, key order,
   indentation and the final newline are bytes that are never rewritten. The spliced text is
   proven by :func:`json.loads`: it must equal the original notebook with exactly those sources
   replaced. A cell whose every line the rewrite took away (configuration moved into the client
   another cell now makes) is left empty.

Cells are numbered as Jupyter users count them: all cells (markdown and raw too), from 1.
Findings carry ``cell`` and their line and column within that cell's source (one on a marker
line, which no rule makes, would point at the first line of the cell the marker opens).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable

from transforms import TRIGGERS as _PYTHON_TRIGGERS

KIND = "notebook"

#: An Azure name in a code cell is in the file's bytes too: JSON escapes only quotes, backslashes,
#: control characters and (optionally) non-ASCII, none of which the triggers contain.
TRIGGERS: tuple[bytes, ...] = _PYTHON_TRIGGERS

_PYTHON_CELL_MAGICS = frozenset({"time", "capture"})  # the body is Python run in the user namespace
_NAME = r"[A-Za-z_][\w.]*"
_ESCAPED_LINE = re.compile(rf"[ \t]*(?:[!%?]|{_NAME}(?:[ \t]*,[ \t]*{_NAME})*[ \t]*=[ \t]*[!%])")
_HELP_LINE = re.compile(rf"[ \t]*{_NAME}\?\??[ \t]*$")
_CELL_MAGIC = re.compile(r"%%([A-Za-z_]\w*)")
_WS = re.compile(r"[ \t\n\r]*")
_LINE_IN_ERROR = re.compile(r"\bline (\d+)(, column \d+)?")
_LIBCST_POSITION = re.compile(r"(parser error: )?error at \d+:\d+: ")


class NotebookError(Exception):
    """A notebook that cannot be migrated; the message is one sentence fragment for the user."""


def handles(name: str) -> bool:
    return name.lower().endswith(".ipynb")


@dataclasses.dataclass
class Cell:
    index: int  # 0-based position in "cells"
    cell_type: str
    source: str  # the joined source
    span: tuple[int, int]  # where the "source" value is spelled in the text
    elements: list[tuple[int, int]] | None  # spans of the list elements; None for a single string

    @property
    def number(self) -> int:
        return self.index + 1


@dataclasses.dataclass
class Notebook:
    text: str
    data: dict
    cells: list[Cell]

    @property
    def is_python(self) -> bool:
        metadata = self.data.get("metadata")
        if not isinstance(metadata, dict):
            return True
        for key, field in (("language_info", "name"), ("kernelspec", "language")):
            value = metadata.get(key)
            if isinstance(value, dict) and isinstance(value.get(field), str):
                return value[field].lower() == "python"
        return True


# --------------------------------------------------------------------------- reading


def parse(text: str) -> Notebook:
    """The notebook in ``text``; :class:`NotebookError` if it is not nbformat 4 JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not a valid notebook: invalid JSON ({error})") from None
    except RecursionError:
        raise NotebookError("not a valid notebook: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise NotebookError("not a valid notebook: the JSON is not an object")
    if "worksheets" in data or (isinstance(data.get("nbformat"), int) and data["nbformat"] < 4):
        raise NotebookError(
            "nbformat 3 notebooks (worksheets) are not supported; convert it with "
            "'jupyter nbconvert --to notebook --nbformat 4' first"
        )
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise NotebookError('not a valid notebook: no "cells" list')
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise NotebookError(f'not a valid notebook: cell {number} is not an object with a "cell_type"')
        source = cell.get("source")
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
            raise NotebookError(f'not a valid notebook: the "source" of cell {number} is not a string or a list of strings')
    spans = _source_spans(text)
    if len(spans) != len(cells):  # pragma: no cover - the scanner reads what json.loads read
        raise NotebookError("internal error: the notebook's cells could not be located in the text; left unchanged")
    result = []
    for index, (cell, (span, elements)) in enumerate(zip(cells, spans)):
        source = cell["source"]
        joined = source if isinstance(source, str) else "".join(source)
        result.append(Cell(index, cell["cell_type"], joined, span, elements))
    return Notebook(text, data, result)


def _skip_ws(text: str, position: int) -> int:
    return _WS.match(text, position).end()  # type: ignore[union-attr]


_DECODER = json.JSONDecoder()


def _value_end(text: str, position: int) -> int:
    return _DECODER.raw_decode(text, position)[1]


def _object(text: str, position: int) -> tuple[dict[str, tuple[int, int]], int]:
    """The members of the object at ``position`` as key -> value span (the last one wins, as in
    :func:`json.loads`), and the position after it."""
    assert text[position] == "{"
    members: dict[str, tuple[int, int]] = {}
    position = _skip_ws(text, position + 1)
    if text[position] == "}":
        return members, position + 1
    while True:
        key, position = json.decoder.scanstring(text, position + 1)
        position = _skip_ws(text, _skip_ws(text, position) + 1)  # past ':'
        end = _value_end(text, position)
        members[key] = (position, end)
        position = _skip_ws(text, end)
        if text[position] == "}":
            return members, position + 1
        position = _skip_ws(text, position + 1)  # past ','


def _array(text: str, position: int) -> list[tuple[int, int]]:
    assert text[position] == "["
    elements: list[tuple[int, int]] = []
    position = _skip_ws(text, position + 1)
    if text[position] == "]":
        return elements
    while True:
        end = _value_end(text, position)
        elements.append((position, end))
        position = _skip_ws(text, end)
        if text[position] == "]":
            return elements
        position = _skip_ws(text, position + 1)


def _source_spans(text: str) -> list[tuple[tuple[int, int], list[tuple[int, int]] | None]]:
    top, _ = _object(text, _skip_ws(text, 0))
    spans = []
    for start, _end in _array(text, top["cells"][0]):
        members, _ = _object(text, start)
        span = members["source"]
        spans.append((span, _array(text, span[0]) if text[span[0]] == "[" else None))
    return spans


# --------------------------------------------------------------------------- masking IPython syntax


def _lines(text: str) -> list[str]:
    """Lines with their endings, split on ``\\n`` only."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _ending(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""


@dataclasses.dataclass
class _Masked:
    text: str
    originals: dict[str, str]  # placeholder line -> the original line
    has_code: bool


def _first_line(lines: list[str]) -> int | None:
    """The index of a cell's first line that is not blank, where IPython looks for a cell magic."""
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def _mask(source: str, tag: str, counter: list[int]) -> _Masked:
    lines = _lines(source)
    masked: dict[int, str] = {}  # line index -> indentation for the placeholder
    first = _first_line(lines)
    magic = _CELL_MAGIC.match(lines[first]) if first is not None else None
    if magic is not None and magic.group(1) not in _PYTHON_CELL_MAGICS:
        masked = {i: "" for i in range(len(lines))}
    else:
        if magic is not None:
            masked[first] = ""  # type: ignore[index]
        depth, quote, continued = 0, None, False
        i = 0
        while i < len(lines):
            line = lines[i].rstrip("\r\n")
            at_start = depth == 0 and quote is None and not continued
            if i not in masked and at_start and (_ESCAPED_LINE.match(line) or _HELP_LINE.match(line)):
                indent = line[: len(line) - len(line.lstrip(" \t"))]
                masked[i] = indent
                while line.endswith("\\") and i + 1 < len(lines):  # continued on the next line
                    i += 1
                    masked[i] = indent
                    line = lines[i].rstrip("\r\n")
            elif i not in masked:
                depth, quote, continued = _lex(line, depth, quote)
            i += 1
    originals: dict[str, str] = {}
    out = list(lines)
    for i, indent in sorted(masked.items()):
        counter[0] += 1
        placeholder = f"{indent}pass  # {tag}{counter[0]}{_ending(lines[i])}"
        originals[placeholder if placeholder.endswith("\n") else placeholder + "\n"] = lines[i]
        out[i] = placeholder
    has_code = any(
        line.strip() and not line.lstrip().startswith("#") for i, line in enumerate(lines) if i not in masked
    )
    return _Masked("".join(out), originals, has_code)


def _lex(line: str, depth: int, quote: str | None) -> tuple[int, str | None, bool]:
    """Bracket depth, open string quote and explicit line joining after ``line`` (no line ending).

    Just enough of Python's lexer to tell whether the next line starts a statement, which is
    where IPython looks for its syntax: a ``%`` continuing an expression in brackets, or a line
    of a triple-quoted prompt starting with ``!``, is not a magic.
    """
    i, n = 0, len(line)
    while i < n:
        if quote is not None:
            while i < n and not line.startswith(quote, i):
                i += 2 if line[i] == "\\" else 1
            if i >= n:
                break
            i += len(quote)
            quote = None
            continue
        char = line[i]
        if char == "#":
            return depth, None, False
        if char in "\"'":
            quote = line[i : i + 3] if line[i : i + 3] in ('"""', "'''") else char
            i += len(quote)
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        i += 1
    joined = line.endswith("\\")
    if quote is not None and len(quote) == 1 and not joined:
        quote = None  # an unterminated string: the parser will say where
    return depth, quote, joined and quote is None


# --------------------------------------------------------------------------- the module of a notebook


@dataclasses.dataclass
class _Module:
    text: str
    cells: list[Cell]  # the code cells in the module, in order
    markers: list[str]  # the marker line before cells[1:]
    added_newline: list[bool]
    line_map: list[tuple[int, int] | None]  # module line - 1 -> (cell number, line in cell); None: marker
    originals: dict[str, str]
    tag: str


def _nonce(text: str) -> str:
    import secrets  # here, not at import: a run that meets no notebook never needs it

    while True:
        nonce = secrets.token_hex(4)
        if nonce not in text:
            return nonce


def _module(notebook: Notebook) -> _Module:
    nonce = _nonce(notebook.text)
    tag = f"aoai-migrate-masked-{nonce}-"
    counter = [0]
    parts: list[str] = []
    cells: list[Cell] = []
    markers: list[str] = []
    added: list[bool] = []
    line_map: list[tuple[int, int] | None] = []
    originals: dict[str, str] = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        masked = _mask(cell.source, tag, counter)
        if not cells and not masked.has_code:
            continue  # only magics and comments before any code: nothing to analyse, nowhere to add imports
        if cells:
            marker = f"pass  # __aoai_migrate_cell_{nonce}_{len(cells)}__\n"
            markers.append(marker)
            parts.append(marker)
            line_map.append(None)
        cells.append(cell)
        text = masked.text
        added.append(bool(text) and not text.endswith("\n"))
        if added[-1]:
            text += "\n"
        parts.append(text)
        line_map.extend((cell.number, n) for n in range(1, len(_lines(text)) + 1))
        originals.update(masked.originals)
    return _Module("".join(parts), cells, markers, added, line_map, originals, tag)


def _split(module: _Module, code: str) -> list[str]:
    """The masked source of each of ``module.cells`` in ``code``; ValueError if the boundaries moved."""
    if not module.cells:  # a notebook of magics and comments only (a ``%pip install openai`` cell)
        if code:
            raise ValueError("code appeared in a notebook without any")
        return []
    lines = _lines(code)
    positions = []
    for marker in module.markers:
        found = [i for i, line in enumerate(lines) if line == marker]
        if len(found) != 1 or code.count(marker.rstrip("\n")) != 1:
            raise ValueError("a cell boundary was not kept")
        positions.append(found[0])
    if positions != sorted(positions):
        raise ValueError("the cells came back out of order")
    bounds = [-1, *positions, len(lines)]
    sources = []
    for n, (start, end) in enumerate(zip(bounds, bounds[1:])):
        text = "".join(lines[start + 1 : end])
        if module.added_newline[n] and text:  # "": the rewrite took every line of the cell away
            if not text.endswith("\n"):
                raise ValueError("a cell lost its last line break")
            text = text[:-1]
        sources.append(text)
    return sources


def _unmask(module: _Module, sources: list[str]) -> list[str]:
    """Put the masked lines back; ValueError unless every placeholder is there once, in its cell."""
    if sum(source.count(module.tag) for source in sources) != len(module.originals):
        raise ValueError("a masked IPython line was touched")
    restored = []
    for source in sources:
        lines = _lines(source)
        for i, line in enumerate(lines):
            if module.tag in line:
                key = line if line.endswith("\n") else line + "\n"
                if key not in module.originals:
                    raise ValueError("a masked IPython line was touched")
                lines[i] = module.originals[key]
        restored.append("".join(lines))
    return restored


def check_round_trip(notebook: Notebook) -> _Module:
    """The module of ``notebook``, proven to split back into exactly its cells."""
    module = _module(notebook)
    back = _unmask(module, _split(module, module.text))
    if back != [cell.source for cell in module.cells]:  # pragma: no cover - a bug in the masking
        raise ValueError("the notebook's cells do not survive being joined and split")
    return module


# --------------------------------------------------------------------------- migrating


def migrate_text(name: str, text: str, select: frozenset[str] | None = None):  # noqa: ANN201 - migrate.runner.Outcome
    """Migrate the notebook ``text``; an :class:`~migrate.runner.Outcome` whose ``code`` is the new file text."""
    from migrate.runner import Outcome, migrate_source

    try:
        notebook = parse(text)
    except NotebookError as error:
        return Outcome(text, error=str(error))
    if not notebook.is_python:
        return Outcome(text)
    try:
        module = check_round_trip(notebook)
    except ValueError as error:  # pragma: no cover - a bug in the masking
        return Outcome(text, error=f"internal error: {error}; notebook left unchanged")
    written_sources, written_findings = _written_files(notebook, select)
    findings: tuple = ()
    new_sources: dict[int, str] = {}
    named, renames = _azure_in_magics(notebook, module.tag) if select is None or "AOAI207" in select else ([], set())
    if module.cells:
        hidden = _legacy_in_magics(module)
        held_back = {"AOAI601"} if hidden else set()  # the legacy rewrite would take the configuration those lines rely on away
        held_back |= renames  # renaming the Azure class would leave those lines without the name they use
        if held_back:
            from transforms.pipeline import RULES

            select = (frozenset(RULES) if select is None else select) - held_back
        outcome = migrate_source(module.text, select, _names_in(module.originals.values()))
        if outcome.error is not None:
            return Outcome(text, error=_cell_syntax_error(module) or _error_in_cells(outcome.error, module))
        findings = (*(_in_cell(finding, module) for finding in outcome.findings), *hidden)
        if outcome.code != module.text:
            try:
                sources = _unmask(module, _split(module, outcome.code))
            except ValueError as error:
                return Outcome(text, error=f"{error}; notebook left unchanged")
            new_sources = {cell.index: new for cell, new in zip(module.cells, sources) if new != cell.source}
    findings = (*findings, *named, *written_findings)
    if (select is None or "AOAI402" in select) and (findings or _calls_v1(notebook)):
        findings += tuple(_old_pip_pins(notebook, module.tag))  # the migrated code needs a newer openai
    findings = tuple(sorted(findings, key=lambda f: (f.cell or 0, f.line, f.column, f.rule)))
    new_sources.update(written_sources)  # written-file cells are masked whole above: never both
    locations = _locations(notebook, {f.cell for f in findings if f.cell is not None})
    if not new_sources:
        return Outcome(text, findings, locations=locations)
    try:
        new_text = _splice(notebook, new_sources)
    except (ValueError, NotebookError) as error:
        return Outcome(text, error=f"{error}; notebook left unchanged")
    return Outcome(new_text, findings, locations=locations)


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_LEGACY_API = re.compile(
    r"\bopenai\s*\.\s*(?P<name>api_\w+|ChatCompletion|Completion|Embedding|Image|File|Deployment|Edit|Moderation|Model|FineTune|error)\b"
)


def _legacy_in_magics(module: _Module) -> list:
    """An AOAI608 finding for each masked IPython line that uses the openai<1.0 module API.

    The analysis sees ``pass`` there, so it would migrate the module's configuration into a client
    and leave ``%time openai.ChatCompletion.create(...)`` calling an API openai>=1 does not have.
    """
    from transforms._base import Finding

    found = []
    lines = [line.rstrip("\r\n") for line in _lines(module.text)]
    for placeholder, original in module.originals.items():
        match = _LEGACY_API.search(original)
        if match is None:
            continue
        at = lines.index(placeholder.rstrip("\r\n"))
        where = module.line_map[at]
        assert where is not None
        found.append(
            Finding(
                where[1],
                len(original) - len(original.lstrip(" \t")) + 1,
                "AOAI608",
                f"this IPython line uses the openai<1.0 API (openai.{match.group('name')}), which aoai-migrate does "
                "not rewrite inside a magic or shell escape; rewrite it for the 1.x client by hand (or take it out of "
                "the magic) and re-run; nothing of this notebook's openai<1.0 code is migrated until then",
                cell=where[0],
            )
        )
    return found


_AZURE_CLASS = re.compile(r"\b(?:Async)?AzureOpenAI\b")
#: LangChain's Azure classes, in a notebook that names langchain: AOAI501 renames them.
_LANGCHAIN_CLASS = re.compile(r"\b(?:AzureChatOpenAI|AzureOpenAIEmbeddings)\b")
#: Cell magics whose body never runs in the notebook's namespace (a shell, another interpreter, a
#: display, a file): a name in their body is not the notebook's name (``%%bash`` ``echo AzureOpenAI``).
_OUTSIDE_CELL_MAGICS = frozenset({
    "bash", "sh", "script", "sx", "system", "python", "python2", "python3", "pypy", "perl", "ruby",
    "html", "javascript", "js", "svg", "latex", "markdown", "writefile", "file",
})  # fmt: skip
#: The rewrites that rename the Azure classes (constructors, annotations, the deployments moved to
#: ``model=`` with them): held back while an IPython line names a class they would rename.
_AZURE_CLASS_FIXES = frozenset({"AOAI001", "AOAI002", "AOAI003"})


def _masked_lines(notebook: Notebook, tag: str) -> Iterable[tuple[Cell, int, str, str | None]]:
    """(cell, 1-based line, the line, the cell magic or None) of every line of a code cell that is
    masked from the analysis: line magics, shell escapes, help lines and the body of a cell magic."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        lines = _lines(cell.source)
        first = _first_line(lines)
        magic = _CELL_MAGIC.match(lines[first]) if first is not None else None
        whole = magic.group(1) if magic is not None and magic.group(1) not in _PYTHON_CELL_MAGICS else None
        for number, (line, masked) in enumerate(zip(lines, _lines(_mask(cell.source, tag, [0]).text)), 1):
            if tag in masked:
                yield cell, number, line.rstrip("\r\n"), whole


def _azure_in_magics(notebook: Notebook, tag: str) -> tuple[list, set[str]]:
    """An AOAI207 finding for each masked IPython line that names ``AzureOpenAI``/``AsyncAzureOpenAI``
    (or, in a notebook that names langchain, ``AzureChatOpenAI``/``AzureOpenAIEmbeddings``), and the
    rules that would rename what those lines name.

    The analysis sees ``pass`` there, so it would rename the class where it is imported and leave
    ``%time client = AzureOpenAI(...)`` or ``AzureOpenAI?`` with a name that no longer exists. The
    notebook's class rewrites are held back instead (:data:`_AZURE_CLASS_FIXES`). The body of a
    cell magic that runs elsewhere (``%%bash``, :data:`_OUTSIDE_CELL_MAGICS`) is not looked at: it
    cannot lose a name of the notebook (``%%writefile`` bodies: :func:`_written_files`); the body of
    any other cell magic (``%%timeit``) is.
    """
    from transforms._base import Finding

    if "AzureOpenAI" not in notebook.text and "AzureChatOpenAI" not in notebook.text:
        return [], set()
    langchain = "langchain" in notebook.text
    found = []
    renames: set[str] = set()
    for cell, line, original, whole in _masked_lines(notebook, tag):
        if whole in _OUTSIDE_CELL_MAGICS:
            continue
        match = _AZURE_CLASS.search(original)
        if match is not None:
            renames |= _AZURE_CLASS_FIXES
        elif langchain and (match := _LANGCHAIN_CLASS.search(original)) is not None:
            renames.add("AOAI501")  # (a trial: ``%time llm = AzureChatOpenAI(...)`` would lose its import too)
        else:
            continue
        name = match.group()
        where = f"this line of a %%{whole} cell" if whole else "this IPython line"
        found.append(
            Finding(
                line,
                match.start() + 1,
                "AOAI207",
                f"{where} names {name}, and aoai-migrate does not rewrite inside a magic or shell line: take the code "
                f"out of the magic, or rewrite it for {name.replace('Azure', '')} on the /openai/v1/ endpoint by hand, "
                f"and re-run; until then this notebook's Azure clients, imports and annotations are left as they are, "
                "so that nothing this line uses is renamed",
                cell=cell.number,
            )
        )
    return found, renames


def _names_in(lines: Iterable[str]) -> frozenset[str]:
    """Every identifier the masked IPython lines spell (``%time r = openai.X()``, ``!echo {openai}``):
    the analysis sees ``pass`` there, so an import they use must not look unused."""
    return frozenset(name for line in lines for name in _IDENTIFIER.findall(line))


_PIP = re.compile(r"(?:.*/)?pip(?:3(?:\.\d+)?)?")
#: pip install options that take a value as the next argument (``-r requirements.txt``).
_PIP_VALUE_OPTIONS = frozenset({
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
    "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src", "--upgrade-strategy", "--platform",
    "--python-version", "--implementation", "--abi", "--no-binary", "--only-binary", "--progress-bar",
    "--trusted-host", "--cache-dir", "--log", "--proxy", "--timeout", "--retries", "--exists-action",
    "-C", "--config-settings", "--global-option", "--report", "--python", "--cert", "--client-cert",
})  # fmt: skip


def _calls_v1(notebook: Notebook) -> bool:
    """Whether a code cell spells the v1 endpoint (a notebook migrated already)."""
    return any(cell.cell_type == "code" and "/openai/v1" in cell.source for cell in notebook.cells)


def _old_pip_pins(notebook: Notebook, tag: str) -> list:
    """An AOAI402 finding for each ``%pip install``/``!pip install`` requirement that pins or bounds
    ``openai`` (``langchain-openai``) so that it admits a version below the floor the migrated code
    needs, judged as :mod:`transforms.dependency_floor` judges a requirements file. A magic line is
    never rewritten, so this is a report. A bare ``openai`` is not reported (it installs the newest
    version unless one is installed already), nor a range with ``-U`` (pip takes the newest it allows).
    """
    import shlex

    from packaging.requirements import InvalidRequirement, Requirement

    from transforms._base import Finding
    from transforms._floors import witness_at_or_above
    from transforms.dependency_floor import _check_pep508, _hits

    if "pip" not in notebook.text:
        return []
    statements: list[tuple[Cell, list[tuple[int, str]]]] = []  # a magic with its continuation lines
    for cell, line, original, whole in _masked_lines(notebook, tag):
        if whole is not None:
            continue
        last = statements[-1] if statements else None
        if last is not None and last[0] is cell and last[1][-1][0] == line - 1 and last[1][-1][1].endswith("\\"):
            last[1].append((line, original))
        else:
            statements.append((cell, [(line, original)]))
    found = []
    for cell, lines in statements:
        command = " ".join(text.removesuffix("\\") for _, text in lines).lstrip(" \t")
        if not command.startswith(("!", "%")):
            continue  # ``x = !cmd``, help lines
        try:
            tokens = shlex.split(command[1:])
        except ValueError:
            continue
        at = next((i for i in range(len(tokens) - 1) if _PIP.fullmatch(tokens[i]) and tokens[i + 1] == "install"), None)
        if at is None:
            continue
        options = [t for t in tokens if t.startswith("-")]
        upgrade = any(t in ("-U", "--upgrade") or (not t.startswith("--") and "U" in t[1:]) for t in options)
        magic = "%pip" if command.startswith("%") else "!pip"
        skip = False
        for token in tokens[at + 2 :]:
            if skip or token.startswith("-") or "{" in token or "$" in token:
                skip = not skip and token in _PIP_VALUE_OPTIONS
                continue
            check = _check_pep508(token)
            if check is None:
                continue
            try:
                spec = Requirement(token).specifier
            except InvalidRequirement:
                spec = None
            if spec is not None and (not str(spec) or (upgrade and witness_at_or_above(spec, check.floor.version))):
                continue
            hits = _hits(check, 0, editable=False, why_not=f"is installed by this {magic} line, which aoai-migrate does not rewrite")
            if not hits:
                continue
            line, column = next(
                ((n, text.find(token) + 1) for n, text in lines if token in text), (lines[0][0], len(lines[0][1]) - len(lines[0][1].lstrip()) + 1)
            )
            found.append(Finding(line, column, "AOAI402", f"{hits[0].message}; {check.floor.reason}", cell=cell.number))
    return found


_WRITEFILE = re.compile(r"%%(?:writefile|file)[ \t]+(?P<args>[^\r\n]*)")


def _written_files(notebook: Notebook, select: frozenset[str] | None) -> tuple[dict[int, str], list]:
    """``%%writefile app.py`` cells: the body is the Python module the cell writes, migrated as one.

    It is a program of its own (it runs where the file is imported or run, not in the notebook's
    namespace), so it is migrated alone, like any ``.py`` file, and only the body changes; the
    magic line stays. ``-a`` (append) bodies are fragments of a file and names that do not end in
    ``.py`` need not be Python: both are left as they are (an appended body with something to
    migrate is reported, :func:`_appended`). A body that does not parse is left too
    (the file it writes is not this tool's to judge). Returns the new sources by cell index and the
    findings, numbered in the cell (the magic line is line 1).
    """
    import shlex

    from migrate.runner import migrate_source

    sources: dict[int, str] = {}
    findings: list = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        lines = _lines(cell.source)
        first = _first_line(lines)
        match = _WRITEFILE.match(lines[first]) if first is not None else None
        if match is None:
            continue
        try:
            args = shlex.split(match.group("args"))
        except ValueError:
            continue
        if not args or not args[-1].endswith(".py"):
            continue
        head, body = "".join(lines[: first + 1]), "".join(lines[first + 1 :])
        outcome = migrate_source(body, select)  # a body without a trigger comes back at once
        if any(a in ("-a", "--append") for a in args):
            if select is None or "AOAI207" in select:
                findings.extend(_appended(cell, first + 1, args[-1], body, outcome))
            continue
        if outcome.error is not None:
            continue
        findings.extend(
            dataclasses.replace(
                f,
                line=f.line + first + 1,
                cell=cell.number,
                message=_lines_in_message(f.message, lambda n, c=cell.number, at=first + 1: (c, n + at)),
            )
            for f in outcome.findings
        )
        if outcome.code != body:
            sources[cell.index] = head + outcome.code
    return sources, findings


_AZURE_WORDS = re.compile(
    r"\b(?:Async)?Azure(?:Chat)?OpenAI(?:Embeddings)?\b|\bopenai\.(?:api_type|api_base|ChatCompletion|Completion|Embedding)\b"
    r"|openai/deployments/|\bapi-version\b"
)


def _appended(cell: Cell, line: int, name: str, body: str, outcome) -> list:  # noqa: ANN001 - migrate.runner.Outcome
    """An AOAI207 finding on the magic line of a ``%%writefile -a`` cell whose body holds code a rule
    acts on: it is left alone (a fragment of a file the notebook assembles), but not silently.
    A body that parses counts when migrating it on its own changes or reports anything; one that
    does not parse (an indented fragment) when it names Azure OpenAI code."""
    from transforms import might_need_migration
    from transforms._base import Finding

    if not might_need_migration(body):
        return []
    if outcome.error is None:
        codes = sorted({f.rule for f in outcome.findings})
        if outcome.code == body and not codes:
            return []
        holds = f"holds code that {', '.join(codes)} would migrate or report" if codes else "holds code to migrate"
    else:
        word = _AZURE_WORDS.search(body)
        if word is None:
            return []
        holds = f"names Azure OpenAI code ({word.group()}) and does not parse on its own"
    return [
        Finding(
            line,
            1,
            "AOAI207",
            f"this cell appends to {name}, a file aoai-migrate cannot assemble from the notebook, and its body "
            f"{holds}; it is left as it is: migrate {name} itself once it is written (aoai-migrate apply {name}), "
            "or rewrite this body by hand, and re-run",
            cell=cell.number,
        )
    ]


def _cell_position(module: _Module, line: int, column: int) -> tuple[int, int, int]:
    """(cell number, line, column) in a cell's source for a position in the joined module. Never a
    position in the joined module: a marker line (between two cells) is the first line of the cell
    it opens, and a line outside the module the nearest line of a cell."""
    index = min(max(line, 1), len(module.line_map)) - 1
    if index != line - 1:
        column = 1
    where = module.line_map[index]
    if where is not None:
        return where[0], where[1], column
    marker = module.line_map[: index + 1].count(None) - 1
    return module.cells[marker + 1].number, 1, 1  # the markers stand before cells[1:]


def _in_cell(finding, module: _Module):  # noqa: ANN001, ANN202 - transforms._base.Finding
    cell, line, column = _cell_position(module, finding.line, finding.column)
    message = _lines_in_message(finding.message, lambda n: _cell_position(module, n, 1)[:2])
    return dataclasses.replace(finding, line=line, column=column, cell=cell, message=message)


#: How the transforms' messages name other lines of the file: ``at line 9``, ``(line 9)``,
#: ``lines 3, 9`` (AOAI602), ``line(s) 3, 9`` (AOAI601). Code quoted in backticks is not a message.
_LINES_IN_MESSAGE = re.compile(r"\b(?:(?P<one>line) (?P<n>\d+)|(?P<many>lines|line\(s\)) (?P<ns>\d+(?:, \d+)*))\b")
_QUOTED = re.compile(r"(`[^`]*`)")


def _lines_in_message(message: str, where) -> str:  # noqa: ANN001 - line -> (cell number, line in cell)
    """A finding's message with each line of the joined program it names as ``cell 3, line 1``."""

    def replace(match: re.Match[str]) -> str:
        numbers = [int(match.group("n"))] if match.group("one") else [int(n) for n in match.group("ns").split(", ")]
        groups: dict[int, list[int]] = {}
        for number in numbers:
            cell, line = where(number)
            groups.setdefault(cell, []).append(line)
        word = match.group("one") or match.group("many")
        parts = []
        for cell, lines in groups.items():
            plural = "line(s)" if word == "line(s)" else "lines" if len(lines) > 1 else "line"
            parts.append(f"cell {cell}, {plural} {', '.join(map(str, lines))}")
        return " and ".join(parts)

    pieces = _QUOTED.split(message)
    return "".join(piece if n % 2 else _LINES_IN_MESSAGE.sub(replace, piece) for n, piece in enumerate(pieces))


def _cell_syntax_error(module: _Module) -> str | None:
    """The first cell that does not parse on its own (an unclosed bracket at the end of cell 2 is
    reported there, not where the joined module gives up)."""
    import ast

    sources = _split(module, module.text)
    for cell, source in zip(module.cells, sources):
        try:
            ast.parse(source)
        except SyntaxError as error:
            return f"syntax error at cell {cell.number}, line {error.lineno}, column {error.offset}: {error.msg}"
        except (ValueError, MemoryError, RecursionError):  # pragma: no cover - let the runner's message stand
            return None
    return None


def _error_in_cells(message: str, module: _Module) -> str:
    """``syntax error at line 7, column 3`` of the joined module -> ``... at cell 3, line 2, column 3``."""

    def replace(match: re.Match[str]) -> str:
        line = int(match.group(1))
        where = module.line_map[line - 1] if 0 < line <= len(module.line_map) else None
        if where is None:  # a marker line, or past the end: the nearest line of a cell, without a column
            cell, at, _ = _cell_position(module, line, 1)
            return f"cell {cell}, line {at}"
        return f"cell {where[0]}, line {where[1]}{match.group(2) or ''}"

    return _LINE_IN_ERROR.sub(replace, _LIBCST_POSITION.sub("", message))


def _locations(notebook: Notebook, numbers: set[int]) -> dict[int, tuple[int, ...]]:
    """For each cell in ``numbers``: the line of the file that holds each of its source lines."""
    text = notebook.text
    result: dict[int, tuple[int, ...]] = {}
    for number in sorted(numbers):
        cell = notebook.cells[number - 1]
        count = max(1, len(_lines(cell.source)))
        if cell.elements is not None and len(cell.elements) == count:
            result[number] = tuple(text.count("\n", 0, start) + 1 for start, _ in cell.elements)
        else:
            result[number] = (text.count("\n", 0, cell.span[0]) + 1,) * count
    return result


# --------------------------------------------------------------------------- writing


def _ensure_ascii(text: str) -> bool:
    """An ASCII-only file spells non-ASCII characters as ``\\uXXXX``; otherwise they are written raw."""
    return text.isascii()


def _split_like(original: list[str], source: str) -> list[str]:
    """Split ``source`` into list elements the way ``original`` was split (nbformat: keepends)."""
    joined = "".join(original)
    if original and joined.splitlines(True) == original and _lines(joined) != original:
        return source.splitlines(True)
    return _lines(source)


def _splice(notebook: Notebook, new_sources: dict[int, str]) -> str:
    """The notebook text with the "source" of the cells in ``new_sources`` replaced, nothing else."""
    import difflib

    text = notebook.text
    ascii_only = _ensure_ascii(text)
    pieces: list[str] = []
    position = 0
    expected = json.loads(text)
    for index in sorted(new_sources):
        cell = notebook.cells[index]
        new = new_sources[index]
        start, end = cell.span
        if cell.elements is None:
            if json.dumps(cell.source, ensure_ascii=ascii_only) != text[start:end]:
                raise NotebookError(
                    f"cell {cell.number}: its source is spelled with JSON escapes this tool does not reproduce, "
                    "so it cannot be rewritten without touching other lines; migrate it by hand"
                )
            value = json.dumps(new, ensure_ascii=ascii_only)
            expected["cells"][index]["source"] = new
        else:
            old_raw = [text[s:e] for s, e in cell.elements]
            old_values = expected["cells"][index]["source"]
            new_values = _split_like(old_values, new)
            opening, separator, closing = _list_layout(text, cell)
            raw: list[str] = []
            matcher = difflib.SequenceMatcher(None, old_values, new_values, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    raw.extend(old_raw[i1:i2])
                else:
                    raw.extend(json.dumps(v, ensure_ascii=ascii_only) for v in new_values[j1:j2])
            value = "[" + opening + separator.join(raw) + closing + "]" if raw else "[]"
            expected["cells"][index]["source"] = new_values
        pieces += [text[position:start], value]
        position = end
    pieces.append(text[position:])
    result = "".join(pieces)
    if json.loads(result) != expected:  # pragma: no cover - a bug in the splicing
        raise ValueError("internal error: the rewritten notebook does not read back as intended")
    return result


def _list_layout(text: str, cell: Cell) -> tuple[str, str, str]:
    """(after '[', between elements, before ']') of a source list, as the file spells them."""
    start, end = cell.span
    elements = cell.elements or []
    if len(elements) >= 2:
        separators = {text[a[1] : b[0]] for a, b in zip(elements, elements[1:])}
        if len(separators) != 1:
            raise NotebookError(
                f"cell {cell.number}: the lines of its source are laid out irregularly, so it cannot be "
                "rewritten without touching other lines; migrate it by hand"
            )
        (separator,) = separators
        return text[start + 1 : elements[0][0]], separator, text[elements[-1][1] : end - 1]
    if elements:
        opening = text[start + 1 : elements[0][0]]
        return opening, "," + opening, text[elements[-1][1] : end - 1]
    # An empty list: indent one step deeper than the line holding "source".
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start : line_start + len(text[line_start:]) - len(text[line_start:].lstrip(" \t"))]
    if "\n" not in text.strip():
        return "", ", " if '", "' in text else ",", ""
    step = re.match(r"\{\r?\n([ \t]*)", text.lstrip())
    unit = step.group(1) if step and step.group(1) else " "
    newline = "\r\n" if "\r\n" in text else "\n"
    return newline + indent + unit, "," + newline + indent + unit, newline + indent


# --------------------------------------------------------------------------- showing


def diff_parts(old_text: str, new_text: str) -> list[tuple[str, str, str]]:
    """``(label, old source, new source)`` of each cell that differs: what a diff shows."""
    old, new = parse(old_text), parse(new_text)
    parts = []
    for before, after in zip(old.cells, new.cells):
        if before.source != after.source:
            parts.append((f"cell {before.number}", before.source, after.source))
    return parts


def code_sources(text: str) -> list[str]:
    """The sources of the code cells (for finding secret literals to mask); [] if not a notebook."""
    try:
        return [cell.source for cell in parse(text).cells if cell.cell_type == "code"]
    except NotebookError:
        return []


def script(text: str) -> str:
    """The code cells as one Python script with the IPython lines masked out (``pass`` in their
    place, so blocks stay valid): to run a notebook's Python outside Jupyter (the behaviour tests)."""
    notebook = parse(text)
    module = _module(notebook)
    sources = _split(module, module.text)
    out = []
    for source in sources:
        lines = [re.sub(r"pass  # " + re.escape(module.tag) + r"\d+", "pass", line) for line in _lines(source)]
        out.append("".join(lines) + ("" if not lines or lines[-1].endswith("\n") else "\n"))
    return "".join(out)
