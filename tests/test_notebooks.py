"""Jupyter notebooks: snapshots, idempotence, byte-exact JSON, masked IPython syntax, bad input,
per-cell diffs and findings with cell numbers in every output format.

Regenerate the snapshots after an intended change with
``pytest tests/test_notebooks.py --snapshot-update`` and review the diff of ``samples/``.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrate.discover import discover
from migrate.notebooks import migrate_text, parse, script
from migrate.runner import migrate_source
from migrate.session import Mode, _prefilter, process_file
from tests.cli_inprocess import invoke

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CASES = sorted(p.parent.name for p in SAMPLES.glob("notebook_*/before.ipynb"))

CLIENT = (
    "client = AzureOpenAI(\n"
    '    azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],\n'
    '    api_key=os.environ["AZURE_OPENAI_API_KEY"],\n'
    '    api_version="2024-10-21",\n'
    ")"
)


def cell(source, cell_type="code", as_string=False, **extra):
    lines = source.split("\n")
    listed = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    body = {"cell_type": cell_type, "metadata": {}, "source": source if as_string else listed, **extra}
    if cell_type == "code":
        body = {"execution_count": None, "outputs": [], **body}
    return body


def notebook(*cells, indent=1, ensure_ascii=False, sort_keys=True, newline=True, metadata=None) -> str:
    data = {"cells": list(cells), "metadata": metadata or {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=indent, ensure_ascii=ensure_ascii, sort_keys=sort_keys) + ("\n" if newline else "")


def migrate_source_text(text: str):
    outcome = migrate_source(text)
    assert outcome.error is None, outcome.error
    return outcome.code, outcome.findings


def migrated(text: str):
    outcome = migrate_text("nb.ipynb", text)
    assert outcome.error is None, outcome.error
    return outcome


def render_findings(findings) -> str:
    return "".join(f"cell {f.cell}:{f.line}:{f.column} {f.rule}{' [fixed]' if f.fixed else ''} {f.message}\n" for f in findings)


def sources(text: str) -> list:
    return [c["source"] for c in json.loads(text)["cells"]]


# --------------------------------------------------------------------------- samples


def test_there_are_notebook_samples_of_each_style():
    assert {"notebook_magics_import_earlier", "notebook_entra_escaped_indent2", "notebook_unicode_indent4"} <= set(CASES)
    assert any("noop" in case for case in CASES)
    raws = {case: (SAMPLES / case / "before.ipynb").read_bytes() for case in CASES}
    assert raws["notebook_magics_import_earlier"].startswith(b'{\n "cells": [\n') and b"\r\n" not in raws["notebook_magics_import_earlier"]
    assert rb"\u00e9" in raws["notebook_entra_escaped_indent2"] and raws["notebook_entra_escaped_indent2"].isascii()
    assert "東京".encode() in raws["notebook_unicode_indent4"]
    for raw in raws.values():
        data = json.loads(raw)
        assert any(c.get("outputs") for c in data["cells"]) and data["metadata"]["kernelspec"]


@pytest.mark.parametrize("case", CASES)
def test_notebook_sample_migrates_to_its_snapshot(case, snapshot):
    before = (SAMPLES / case / "before.ipynb").read_bytes()
    outcome = migrated(before.decode("utf-8"))
    snapshot.snapshot_dir = SAMPLES / case
    snapshot.assert_match(outcome.code.encode("utf-8"), "after.ipynb")
    snapshot.assert_match(render_findings(outcome.findings), "findings.txt")


@pytest.mark.parametrize("case", CASES)
def test_notebook_second_run_changes_nothing(case):
    after = (SAMPLES / case / "after.ipynb").read_text(encoding="utf-8")
    outcome = migrated(after)
    assert outcome.code == after
    assert not [f for f in outcome.findings if f.fixed]


@pytest.mark.parametrize("case", [c for c in CASES if "noop" not in c])
def test_migrated_notebook_differs_only_in_code_cell_sources(case):
    before = (SAMPLES / case / "before.ipynb").read_text(encoding="utf-8")
    after = (SAMPLES / case / "after.ipynb").read_text(encoding="utf-8")
    assert after != before and "/openai/v1/" in after
    old, new = json.loads(before), json.loads(after)
    assert len(old["cells"]) == len(new["cells"])
    for a, b in zip(old["cells"], new["cells"]):
        assert {k: v for k, v in a.items() if k != "source"} == {k: v for k, v in b.items() if k != "source"}
        if a["cell_type"] != "code":
            assert a["source"] == b["source"]
        assert type(a["source"]) is type(b["source"])
    assert {k: v for k, v in old.items() if k != "cells"} == {k: v for k, v in new.items() if k != "cells"}
    # Every line that is not in a changed source element is byte-identical.
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed and all(line.lstrip().startswith('"') for line in changed)


def test_noop_notebook_is_byte_identical_and_never_written(tmp_path):
    raw = (SAMPLES / "notebook_noop_plain_openai" / "before.ipynb").read_bytes()
    assert b"AzureOpenAI" in raw  # it passes the pre-filter: it really is parsed
    path = tmp_path / "nb.ipynb"
    path.write_bytes(raw)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = process_file(path, Mode.APPLY)
    assert result.error is None and not result.changed and result.findings == ()
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == 1_000_000_000


# --------------------------------------------------------------------------- context and layout


def test_import_in_an_earlier_cell_serves_the_client_in_a_later_cell():
    text = notebook(cell("import os\nfrom openai import AzureOpenAI"), cell("x = 1", "markdown"), cell(CLIENT))
    outcome = migrated(text)
    new = sources(outcome.code)
    assert new[0] == ["import os\n", "from openai import OpenAI"]
    assert new[1] == ["x = 1"]
    assert "".join(new[2]).startswith("client = OpenAI(\n")
    assert [(f.cell, f.line, f.rule) for f in outcome.findings] == [(3, 1, "AOAI001")]


def test_an_added_import_and_helper_land_in_the_first_cell_with_code_not_the_pip_cell():
    provider = (
        "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\n"
        "from openai import AsyncAzureOpenAI"
    )
    client = (
        'provider = get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default")\n'
        'client = AsyncAzureOpenAI(azure_endpoint="https://res.openai.azure.com/", azure_ad_token_provider=provider, api_version="2024-10-21")'
    )
    text = notebook(cell("%pip install openai"), cell(provider), cell(client))
    outcome = migrated(text)
    new = ["".join(s) for s in sources(outcome.code)]
    assert new[0] == "%pip install openai"
    assert "import inspect" in new[1] and "def " in new[1]  # the generated helper, after the imports
    assert new[2].startswith("provider = ") and "AsyncOpenAI(" in new[2]
    compile(script(outcome.code), "nb", "exec")


def test_cell_count_ids_outputs_and_metadata_survive():
    text = notebook(
        cell("from openai import AzureOpenAI\nimport os", id="aa", execution_count=3, outputs=[{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}]),
        cell("raw text", "raw", id="bb"),
        cell(CLIENT, id="cc", metadata={"tags": ["x"]}),
    )
    outcome = migrated(text)
    old, new = json.loads(text), json.loads(outcome.code)
    assert [c["id"] for c in new["cells"]] == ["aa", "bb", "cc"]
    assert new["cells"][0]["outputs"] == old["cells"][0]["outputs"] and new["cells"][2]["metadata"] == {"tags": ["x"]}


STYLE = st.fixed_dictionaries(
    {
        "indent": st.sampled_from([None, 1, 2, 4]),
        "ensure_ascii": st.booleans(),
        "sort_keys": st.booleans(),
        "newline": st.booleans(),
        "as_string": st.booleans(),
        "text": st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8),
    }
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STYLE)
def test_every_formatting_variant_is_kept_byte_for_byte(style):
    words = style["text"]
    text = notebook(
        cell(f"# {words}\n\nNotes about AzureOpenAI", "markdown"),
        cell(f"import os\nfrom openai import AzureOpenAI\n# {words}", as_string=style["as_string"]),
        cell(f'{CLIENT}\nprint({words!r})', as_string=style["as_string"]),
        cell(f"print({words!r})", as_string=style["as_string"]),
        indent=style["indent"], ensure_ascii=style["ensure_ascii"], sort_keys=style["sort_keys"], newline=style["newline"],
    )
    outcome = migrated(text)
    assert outcome.code != text
    # The new file is exactly what the same writer would have written for the new notebook...
    dumped = json.dumps(json.loads(outcome.code), indent=style["indent"], ensure_ascii=style["ensure_ascii"], sort_keys=style["sort_keys"])
    assert outcome.code == dumped + ("\n" if style["newline"] else "")
    # ...and only the two changed cells differ.
    old, new = sources(text), sources(outcome.code)
    assert [a == b for a, b in zip(old, new)] == [True, False, False, True]
    again = migrated(outcome.code)
    assert again.code == outcome.code


def test_an_unreproducible_single_string_source_is_refused_not_reformatted():
    text = notebook(cell("from openai import AzureOpenAI\nimport os\n" + CLIENT, as_string=True), ensure_ascii=False)
    text = text.replace("import os", "import \\u006fs")  # legal JSON, but no writer spells it so
    outcome = migrate_text("nb.ipynb", text)
    assert outcome.code == text
    assert outcome.error is not None and "cell 1" in outcome.error and "by hand" in outcome.error


def test_crlf_inside_sources_and_a_bom_survive(tmp_path):
    text = notebook(cell("from openai import AzureOpenAI\r\nimport os\r\n" + CLIENT.replace("\n", "\r\n")))
    path = tmp_path / "nb.ipynb"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = process_file(path, Mode.APPLY)
    assert result.error is None and result.changed
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    new = "".join(json.loads(raw[3:])["cells"][0]["source"])
    assert "from openai import OpenAI\r\n" in new and "client = OpenAI(\r\n" in new


# --------------------------------------------------------------------------- IPython syntax


MAGICS = (
    "%pip install openai\n"
    "%matplotlib inline\n"
    "!ls -la \\\n"
    "    /tmp\n"
    "files = !ls\n"
    "x, y = %sx echo 1\n"
    "?os.environ\n"  # a help line naming AzureOpenAI holds the migration back (AOAI207)
    "os.environ??\n"
    "for f in files:\n"
    "    !echo {f}\n"
    "total = (1\n"
    "         % 2)\n"
    'prompt = """\n'
    "!not a shell escape\n"
    '"""\n'
)


def test_magics_and_shell_escapes_are_masked_and_restored_byte_for_byte():
    text = notebook(cell("import os\nfrom openai import AzureOpenAI"), cell(MAGICS + CLIENT), cell("%%time\n" + CLIENT.replace("client", "other")))
    outcome = migrated(text)
    new = ["".join(s) for s in sources(outcome.code)]
    assert new[1].startswith(MAGICS) and "client = OpenAI(" in new[1]
    assert new[2].startswith("%%time\nother = OpenAI(")
    # findings point at the cell line as the user sees it (the magics count as lines)
    assert [(f.cell, f.line) for f in outcome.findings if f.fixed] == [(2, MAGICS.count("\n") + 1), (3, 2)]


def test_a_whole_cell_magic_masks_the_body():
    text = notebook(cell("import os"), cell("%%bash\necho AzureOpenAI(\n"), cell("%%writefile notes.txt\nAzureOpenAI()\n"))
    outcome = migrated(text)
    assert outcome.code == text and outcome.findings == ()


def test_a_notebook_of_magics_only_is_unchanged_not_an_internal_error():
    text = notebook(cell("%pip install openai"), cell("# setup"), cell("%%bash\necho openai\n"))
    outcome = migrated(text)
    assert outcome.code == text and outcome.findings == ()


LEGACY_CONFIG = (
    "import openai\n"
    'openai.api_type = "azure"\n'
    'openai.api_base = "https://r.openai.azure.com/"\n'
    'openai.api_version = "2023-05-15"\n'
    'openai.api_key = "k"\n'
)


@pytest.mark.parametrize("magic", ["!echo {openai.version.VERSION}", "openai.version?", "x = %time openai.version.VERSION"])
def test_an_import_a_masked_ipython_line_uses_is_kept(magic: str) -> None:
    text = notebook(cell(LEGACY_CONFIG), cell("r = openai.Embedding.create(engine='e', input='x')\n" + magic))
    outcome = migrated(text)
    new = ["".join(s) for s in sources(outcome.code)]
    assert new[0].startswith("import openai\nfrom openai import OpenAI\n"), new[0]
    assert new[1].endswith(magic)


@pytest.mark.parametrize("magic", ["%time r = openai.Embedding.create(engine='e', input='y')", "!echo {openai.api_key}", "if True:\n    %timeit openai.ChatCompletion.create(engine='g', messages=[])"])
def test_legacy_api_inside_a_masked_line_holds_the_legacy_migration_back(magic: str) -> None:
    text = notebook(cell(LEGACY_CONFIG), cell("r = openai.Embedding.create(engine='e', input='x')\n" + magic))
    outcome = migrated(text)
    assert outcome.code == text
    hidden = [f for f in outcome.findings if f.rule == "AOAI608"]
    last = magic.split("\n")[-1]
    assert [(f.cell, f.line, f.column) for f in hidden] == [(2, 1 + magic.count("\n") + 1, len(last) - len(last.lstrip()) + 1)]
    assert "not rewrite inside a magic" in hidden[0].message
    assert not any(f.fixed for f in outcome.findings)


AZURE_IMPORT = "import os\nfrom openai import AzureOpenAI\n"


@pytest.mark.parametrize(
    ("magic", "at"),
    [
        ("%time " + CLIENT.replace("client", "client2", 1).replace("\n", " "), (1, 17)),
        ("AzureOpenAI?", (1, 1)),
        ("x = 1\nif x:\n    !python -c 'import openai; print(openai.AsyncAzureOpenAI)'", (3, 45)),
        ("%%timeit\nAzureOpenAI(api_version='2024-10-21')", (2, 1)),
    ],
    ids=["time", "help", "shell-in-block", "cell-magic-body"],
)
def test_an_ipython_line_naming_the_azure_class_holds_the_class_rewrites_back(magic: str, at: tuple) -> None:
    text = notebook(cell(AZURE_IMPORT + "def ask(c: AzureOpenAI) -> str: ...\n" + CLIENT), cell(magic))
    outcome = migrated(text)
    assert outcome.code == text  # renaming the import would leave the masked line with a NameError
    assert not any(f.fixed for f in outcome.findings)
    (named,) = [f for f in outcome.findings if f.rule == "AOAI207"]
    assert (named.cell, named.line, named.column) == (2, *at)
    assert "does not rewrite inside a magic or shell line" in named.message
    assert "take the code out of the magic" in named.message and "re-run" in named.message


def test_a_client_built_only_inside_a_magic_fails_check(tmp_path):
    (tmp_path / "nb.ipynb").write_text(
        notebook(cell("from openai import AzureOpenAI"), cell('%time client = AzureOpenAI(api_version="2024-10-21")')), encoding="utf-8"
    )
    ran = invoke("check", "nb.ipynb", cwd=tmp_path)
    assert ran.returncode == 1
    assert b"nb.ipynb:cell 2:1:16: AOAI207 this IPython line names AzureOpenAI" in ran.stderr


def test_a_longer_name_in_a_magic_is_not_the_azure_class():
    text = notebook(cell(AZURE_IMPORT + CLIENT), cell("!echo AzureOpenAIEmbeddings MyAzureOpenAI"))
    outcome = migrated(text)
    assert "from openai import OpenAI\n" in sources(outcome.code)[0]
    assert not [f for f in outcome.findings if f.rule == "AOAI207"]


def test_an_import_no_masked_line_uses_becomes_the_client_import():
    text = notebook(cell(LEGACY_CONFIG), cell("r = openai.Embedding.create(engine='e', input='x')\n%time print(r)"))
    new = ["".join(s) for s in sources(migrated(text).code)]
    assert new[0].startswith("from openai import OpenAI\n"), new[0]


ENTRA = (
    "import os\nfrom azure.identity import DefaultAzureCredential, get_bearer_token_provider\nfrom openai import AzureOpenAI\n"
    'client = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="2024-10-21", '
    'azure_ad_token_provider=get_bearer_token_provider(DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"))\n'
)


@pytest.mark.parametrize(
    ("magic", "at", "says"),
    [
        ("%pip install openai==1.30.0 azure-identity", (1, 14), "openai==1.30.0 is installed by this %pip line, which aoai-migrate does not rewrite: change it to openai==1.108.1"),
        ('!pip install -q "openai>=1.0.0,<2.0.0"', (1, 18), "change it to openai>=1.108.1,<2.0.0"),
        ("!python -m pip install -U 'openai<1.100'", (1, 28), "openai<1.100 excludes openai 1.108.1"),
        ("%pip install -r requirements.txt \\\n    openai==0.28.1", (2, 5), "pins the 0.x series"),
    ],
    ids=["pin", "range", "cap-with-upgrade", "continued-old-major"],
)
def test_a_pip_line_that_installs_an_openai_older_than_the_floor_is_reported(magic: str, at: tuple, says: str) -> None:
    text = notebook(cell(magic), cell(ENTRA))
    outcome = migrated(text)
    assert "api_key=get_bearer_token_provider(" in "".join(sources(outcome.code)[1])
    assert "".join(sources(outcome.code)[0]) == magic  # reported, never rewritten
    (pin,) = [f for f in outcome.findings if f.rule == "AOAI402"]
    assert (pin.cell, pin.line, pin.column) == (1, *at) and not pin.fixed
    assert says in pin.message and "callable api_key" in pin.message
    again = migrated(outcome.code)  # migrated already: check still fails while the pin stays
    assert [f.rule for f in again.findings] == ["AOAI402"]


@pytest.mark.parametrize(
    "magic",
    ["%pip install openai", "%pip install --upgrade 'openai>=1.0'", "!pip install openai>=1.108.1", "%pip install -r openai==1.0.txt langchain", "!echo openai==1.30.0"],
    ids=["bare", "range-with-upgrade", "at-the-floor", "option-value", "not-pip"],
)
def test_a_pip_line_that_gets_a_new_enough_openai_is_not_reported(magic: str) -> None:
    outcome = migrated(notebook(cell(magic), cell(ENTRA)))
    assert not [f for f in outcome.findings if f.rule == "AOAI402"]


def test_a_pip_pin_in_a_notebook_without_azure_code_is_not_reported():
    text = notebook(cell("%pip install openai==1.30.0"), cell("from openai import OpenAI\nclient = OpenAI()  # openai.com, AzureOpenAI-free"))
    assert migrated(text).findings == ()


SPLIT_CALL = 'r = openai.ChatCompletion.create(engine="d", messages=[])\nprint(r["choices"][0]["message"]["content"])'
SPLIT_CLIENT = "client = OpenAI(\n    base_url='https://x.openai.azure.com/openai/v1/',\n    api_key=os.environ['K'],\n)"
SPLIT_CALL_V1 = 'r = client.chat.completions.create(model="d", messages=[])\nprint(r.choices[0].message.content)'
SPLIT_CONFIG = {  # the openai<1.0 configuration split over cells, and those cells migrated
    "two-cells": (
        [
            cell("import os\nimport openai\nopenai.api_type = 'azure'\nopenai.api_base = 'https://x.openai.azure.com/'\n"),
            cell("openai.api_version = '2023-05-15'\nopenai.api_key = os.environ['K']\n"),
            cell(SPLIT_CALL),
        ],
        ["import os\nfrom openai import OpenAI\n", SPLIT_CLIENT + "\n", SPLIT_CALL_V1],
    ),
    "three-cells-and-markdown": (
        [
            cell("import os\nimport openai\nopenai.api_type = 'azure'"),
            cell("## Settings", "markdown"),
            cell("openai.api_base = 'https://x.openai.azure.com/'"),  # every line moves into the client: left empty
            cell("openai.api_version = '2023-05-15'\nopenai.api_key = os.environ['K']"),
            cell(SPLIT_CALL),
        ],
        ["import os\nfrom openai import OpenAI", "## Settings", "", SPLIT_CLIENT, SPLIT_CALL_V1],
    ),
}


def run_notebook_script(text: str, tmp_path: Path, env: dict[str, str]):
    """The notebook's code cells as one script (see :func:`script`), run under the behaviour recorder."""
    from tests.test_behaviour import record, sample_env

    program = tmp_path / "nb.py"
    program.write_text(script(text), encoding="utf-8")
    return record("notebook", "nb.py", program, tmp_path / "nb.json", env={**sample_env("notebook"), **env}, cwd=tmp_path)


@pytest.mark.parametrize("case", sorted(SPLIT_CONFIG))
def test_legacy_configuration_split_over_cells_becomes_one_client_in_the_cell_that_completes_it(case, tmp_path):
    from tests.test_behaviour import assert_ran_and_called_the_api

    cells, expected = SPLIT_CONFIG[case]
    outcome = migrated(notebook(*cells))
    assert ["".join(s) for s in sources(outcome.code)] == expected
    assert [(f.rule, f.fixed) for f in outcome.findings] == [("AOAI601", True)]
    assert all(f.cell is not None for f in outcome.findings)
    assert migrated(outcome.code).code == outcome.code
    rec = run_notebook_script(outcome.code, tmp_path, {"K": "key-from-K"})
    assert_ran_and_called_the_api(rec)
    (request,) = rec.requests
    assert (request["host"], request["path"], request["json"]["model"]) == ("x.openai.azure.com", "/openai/v1/chat/completions", "d")
    assert request["headers"]["authorization"] == "Bearer key-from-K" and "api-key" not in request["headers"]
    assert rec.stdout.strip() == "Recorded reply."


@pytest.mark.parametrize("between", ["load_dotenv()", "K"], ids=["call", "bare-name"])  # a bare name may raise NameError
def test_a_statement_in_a_cell_between_the_configuration_cells_is_still_reported_in_that_cell(between, tmp_path):
    text = notebook(
        cell("import os\nimport openai\nopenai.api_type = 'azure'\nopenai.api_base = 'https://x.openai.azure.com/'"),
        cell("Load the settings:", "markdown"),
        cell(between),
        cell("openai.api_key = os.environ['K']"),
        cell(SPLIT_CALL),
    )
    outcome = migrated(text)
    assert outcome.code == text
    (finding,) = outcome.findings
    assert (finding.cell, finding.line, finding.column, finding.rule) == (3, 1, 1, "AOAI602")
    assert "stands between the openai.api_* assignments" in finding.message
    (tmp_path / "nb.ipynb").write_text(text, encoding="utf-8")
    (reported,) = json.loads(invoke("check", "--format", "json", "nb.ipynb", cwd=tmp_path).stdout)["findings"]
    assert (reported["cell"], reported["line"], reported["rule"]) == (3, 1, "AOAI602")


def test_a_position_on_a_cell_marker_or_past_the_module_is_a_line_of_a_real_cell():
    from migrate.notebooks import _error_in_cells, _in_cell, _module
    from transforms._base import Finding

    module = _module(parse(notebook(cell("a = 1\nb = 2"), cell("# notes", "markdown"), cell(""), cell("c = 3"))))
    lines = module.text.split("\n")
    markers = [n for n, line in enumerate(lines, 1) if line in {m.rstrip("\n") for m in module.markers}]
    assert markers == [3, 4]  # the empty cell 3 holds no line: its marker is followed by cell 4's
    at = [(f.cell, f.line, f.column) for f in (_in_cell(Finding(n, 5, "AOAI602", "m"), module) for n in (*markers, 99, 2))]
    assert at == [(3, 1, 1), (4, 1, 1), (4, 1, 1), (1, 2, 5)]
    assert _error_in_cells("syntax error at line 4, column 2: x", module) == "syntax error at cell 4, line 1: x"


SET_IN_FUNCTION = 'def ask(prompt):\n    openai.api_key = "k"\n    return openai.Completion.create(engine="d", prompt=prompt)["choices"][0]["text"]\n'


def test_a_line_named_in_a_message_is_a_line_of_a_cell():
    text = notebook(cell(LEGACY_CONFIG.replace('openai.api_key = "k"\n', "")), cell("x = 1"), cell(SET_IN_FUNCTION))
    (set_late,) = [f for f in migrated(text).findings if f.rule == "AOAI602"]
    assert (set_late.cell, set_late.line) == (3, 2)
    assert "inside function ask() (cell 3, line 2):" in set_late.message, set_late.message


def test_a_line_named_in_a_message_about_a_written_file_counts_the_magic_line():
    body = LEGACY_CONFIG.replace('openai.api_key = "k"\n', "") + SET_IN_FUNCTION
    text = notebook(cell("# app", "markdown"), cell("%%writefile app.py\n" + body))
    (set_late,) = [f for f in migrated(text).findings if f.rule == "AOAI602"]
    assert (set_late.cell, set_late.line) == (2, 7)
    assert "(cell 2, line 7):" in set_late.message, set_late.message


def test_only_the_line_references_the_transforms_write_are_mapped():
    from migrate.notebooks import _lines_in_message

    where = {3: (1, 3), 9: (3, 1), 10: (3, 2)}.__getitem__
    assert _lines_in_message("set at line 9 (line 10)", where) == "set at cell 3, line 1 (cell 3, line 2)"
    assert _lines_in_message("openai.api_key (lines 9, 10)", where) == "openai.api_key (cell 3, lines 1, 2)"
    assert _lines_in_message("the suppressed AOAI602 at line(s) 3, 9 still", where) == (
        "the suppressed AOAI602 at cell 1, line(s) 3 and cell 3, line(s) 1 still"
    )
    assert _lines_in_message("`print('line 9')` at line 9; baseline 9", where) == "`print('line 9')` at cell 3, line 1; baseline 9"


WRITTEN = "import os\nfrom openai import AzureOpenAI\n\n" + CLIENT + "\n"


def test_the_python_file_a_writefile_cell_writes_is_migrated_on_its_own():
    text = notebook(cell("import os"), cell("%%writefile app.py\n" + WRITTEN), cell("%%bash\necho AzureOpenAI(\n"))
    outcome = migrated(text)
    new = ["".join(s) for s in sources(outcome.code)]
    expected, _ = migrate_source_text(WRITTEN)
    assert new[0] == "import os" and new[2] == "%%bash\necho AzureOpenAI(\n"
    assert new[1] == "%%writefile app.py\n" + expected
    assert "client = OpenAI(" in new[1] and "from openai import OpenAI" in new[1]
    # the magic line is line 1 of the cell: the client call is on line 5
    assert [(f.cell, f.line, f.rule) for f in outcome.findings if f.fixed] == [(2, 5, "AOAI001")]
    assert json.loads(outcome.code)["cells"][1]["outputs"] == []


def test_a_writefile_body_does_not_see_the_notebooks_imports():
    body = CLIENT + "\n"  # AzureOpenAI and os come from cell 1 in the notebook, not in app.py
    text = notebook(cell("import os\nfrom openai import AzureOpenAI\n" + CLIENT), cell("%%writefile app.py\n" + body))
    outcome = migrated(text)
    new = ["".join(s) for s in sources(outcome.code)]
    assert "client = OpenAI(" in new[0]
    assert new[1] == "%%writefile app.py\n" + body


@pytest.mark.parametrize("magic", ["%%writefile app.txt", "%%writefile 'app"])
def test_non_python_writefile_bodies_are_left_alone(magic: str) -> None:
    text = notebook(cell(magic + "\n" + WRITTEN))
    outcome = migrated(text)
    assert outcome.code == text and outcome.findings == ()


@pytest.mark.parametrize("magic", ["%%writefile -a app.py", "%%writefile --append app.py"])
def test_an_appended_writefile_body_with_azure_code_is_left_alone_but_reported(magic: str) -> None:
    text = notebook(cell("x = 1"), cell("\n" + magic + "\n" + WRITTEN))
    outcome = migrated(text)
    assert outcome.code == text
    (appended,) = outcome.findings
    assert (appended.cell, appended.line, appended.column, appended.rule, appended.fixed) == (2, 2, 1, "AOAI207", False)
    assert "appends to app.py" in appended.message and "AOAI001" in appended.message
    assert "migrate app.py itself" in appended.message


def test_an_appended_fragment_that_does_not_parse_is_reported_by_the_azure_names_it_spells():
    text = notebook(cell('%%writefile -a app.py\n    return openai.AzureOpenAI(api_version="2024-10-21")\n'))
    (appended,) = migrated(text).findings
    assert appended.rule == "AOAI207" and "(AzureOpenAI) and does not parse on its own" in appended.message


@pytest.mark.parametrize(
    "body",
    ['"""Talks to openai.com, not AzureOpenAI."""\nfrom openai import OpenAI\n', "    from openai.types import Completion\n", "import os\n"],
    ids=["nothing-a-rule-acts-on", "fragment-without-azure-names", "no-trigger"],
)
def test_an_appended_writefile_body_with_nothing_to_migrate_is_not_reported(body: str) -> None:
    text = notebook(cell("%%writefile -a app.py\n" + body))
    outcome = migrated(text)
    assert outcome.code == text and outcome.findings == ()


def test_a_percent_continuing_an_expression_is_python_not_a_magic():
    text = notebook(cell("from openai import AzureOpenAI\nimport os\nx = (3\n     % 2)\n" + CLIENT))
    outcome = migrated(text)
    assert "".join(sources(outcome.code)[0]).startswith("from openai import OpenAI\nimport os\nx = (3\n     % 2)\n")


def test_script_drops_magics_but_keeps_blocks_valid():
    text = notebook(cell("%pip install x"), cell("for i in range(2):\n    !echo {i}\nprint(1)"), cell("%%bash\nls"))
    code = script(text)
    assert "!" not in code and "%" not in code
    compile(code, "nb", "exec")


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"cells": [{"cell_type": "code", "source": "AzureOpenAI"', "invalid JSON"),
        (b'["AzureOpenAI"]', "not an object"),
        (b'{"metadata": {"AzureOpenAI": 1}}', 'no "cells" list'),
        (b'{"cells": [{"source": "AzureOpenAI"}]}', "cell 1"),
        (b'{"cells": [{"cell_type": "code", "source": 3}], "x": "AzureOpenAI"}', "cell 1"),
        (b'{"nbformat": 3, "worksheets": [{"cells": [{"input": "AzureOpenAI"}]}]}', "nbformat 3"),
    ],
    ids=["invalid-json", "not-an-object", "no-cells", "cell-without-type", "source-not-text", "nbformat-3"],
)
def test_a_broken_notebook_is_an_error_exit_2_and_untouched(tmp_path, raw, message):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(raw)
    ran = invoke("apply", "nb.ipynb", cwd=tmp_path)
    assert ran.returncode == 2
    assert message.encode() in ran.stderr and b"nb.ipynb" in ran.stderr
    assert b"Traceback" not in ran.stderr
    assert path.read_bytes() == raw


def test_a_syntax_error_in_a_cell_is_an_error_naming_the_cell():
    text = notebook(cell("from openai import AzureOpenAI"), cell("x = (1,\n"), cell(CLIENT))
    outcome = migrate_text("nb.ipynb", text)
    assert outcome.code == text
    assert outcome.error is not None and outcome.error.startswith("syntax error at cell 2, line 1, column 5: ")


def test_a_notebook_of_another_language_is_left_alone():
    text = notebook(cell("library(AzureOpenAI)"), metadata={"language_info": {"name": "R"}})
    outcome = migrate_text("nb.ipynb", text)
    assert outcome.error is None and outcome.code == text and outcome.findings == ()


def test_a_notebook_without_a_trigger_is_dropped_by_the_byte_prefilter(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(b"not even json")
    result = _prefilter(path, None)
    assert result is not None and result.error is None and not result.changed


# --------------------------------------------------------------------------- discovery, apply, stdin


def test_walks_yield_notebooks_but_not_checkpoints(tmp_path):
    for name in ("a.ipynb", ".ipynb_checkpoints/a-checkpoint.ipynb", "b.py", "c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    assert sorted(p.name for p in discover([tmp_path])) == ["a.ipynb", "b.py"]


def test_apply_writes_atomically_and_keeps_the_mode(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text(notebook(cell("import os\nfrom openai import AzureOpenAI\n" + CLIENT)), encoding="utf-8")
    path.chmod(0o640)
    ran = invoke("apply", "nb.ipynb", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "from openai import OpenAI" in "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".aoai-migrate-")]


def test_stdin_with_a_notebook_filename_is_read_as_a_notebook(tmp_path):
    from migrate.stdin import migrate_stdin, output_of

    raw = notebook(cell("import os\nfrom openai import AzureOpenAI\n" + CLIENT)).encode()
    result = migrate_stdin(raw, Path("nb.ipynb"), None)
    assert result.error is None and result.changed and result.kind == "notebook"
    assert json.loads(output_of(raw, result))["cells"][0]["source"][1] == "from openai import OpenAI\n"
    as_python = migrate_stdin(raw, Path("-"), None)  # '-' alone means Python source (a JSON object parses as one)
    assert as_python.error is None and as_python.kind == "python" and not as_python.changed


# --------------------------------------------------------------------------- output


@pytest.fixture
def tree(tmp_path):
    nb = notebook(cell("# Notebook", "markdown"), cell("import os\nfrom openai import AzureOpenAI"), cell('x = 1\n' + CLIENT.replace('api_key=os.environ["AZURE_OPENAI_API_KEY"]', 'api_key="0123456789abcdef0123456789abcdef"')))
    (tmp_path / "nb.ipynb").write_text(nb, encoding="utf-8")
    return tmp_path


def test_diff_shows_each_changed_cell_under_a_header_naming_it(tree):
    ran = invoke("diff", "nb.ipynb", cwd=tree)
    assert ran.returncode == 1
    out = ran.stdout.decode()
    assert "--- a/nb.ipynb:cell 2\n+++ b/nb.ipynb:cell 2\n" in out
    assert "--- a/nb.ipynb:cell 3\n+++ b/nb.ipynb:cell 3\n" in out
    assert "-from openai import AzureOpenAI\n+from openai import OpenAI\n" in out
    assert "cell 1" not in out and '"source"' not in out  # cell sources, not JSON
    assert "No newline at end of file" not in out
    assert b"git apply cannot apply" in ran.stderr


def test_secrets_are_masked_in_a_notebook_diff(tree):
    masked = invoke("diff", "nb.ipynb", cwd=tree).stdout
    assert b"0123456789abcdef0123456789abcdef" not in masked and b"0123********" in masked
    shown = invoke("diff", "--show-secrets", "nb.ipynb", cwd=tree).stdout
    assert b"0123456789abcdef0123456789abcdef" in shown


def test_text_findings_carry_the_cell_and_the_line_within_it(tree):
    ran = invoke("check", "nb.ipynb", cwd=tree)
    assert ran.returncode == 1
    assert b"nb.ipynb:cell 3:2:10: AOAI001 [*] " in ran.stderr
    assert b"nb.ipynb:cell 3:4:" in ran.stderr  # the key literal (AOAI301), on line 4 of cell 3


def test_json_findings_have_a_cell_key(tree):
    ran = invoke("check", "--format", "json", "nb.ipynb", cwd=tree)
    document = json.loads(ran.stdout)
    client = next(f for f in document["findings"] if f["rule"] == "AOAI001")
    assert (client["cell"], client["line"], client["column"]) == (3, 2, 10)
    assert "file_line" not in client


def test_sarif_and_github_point_at_the_notebook_line_holding_the_source_line(tree):
    text = (tree / "nb.ipynb").read_text(encoding="utf-8")
    file_line = text.splitlines().index('    "client = AzureOpenAI(\\n",') + 1
    sarif = json.loads(invoke("check", "--format", "sarif", "nb.ipynb", cwd=tree).stdout)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "AOAI001")
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": file_line}
    assert result["properties"]["cell"] == 3 and result["properties"]["cellLine"] == 2
    assert result["message"]["text"].startswith("cell 3, line 2, column 10: ")
    github = invoke("check", "--format", "github", "nb.ipynb", cwd=tree).stdout.decode()
    assert f"file=nb.ipynb,line={file_line},title=AOAI001" in github and "::cell 3, line 2, column 10: " in github


def test_parse_locates_every_source_even_with_duplicate_keys():
    text = '{"cells": [{"cell_type": "code", "source": "a", "source": ["b\\n", "c"]}], "nbformat": 4}'
    (only,) = parse(text).cells
    assert only.source == "b\nc" and only.elements is not None and len(only.elements) == 2


def test_an_ipython_line_naming_a_langchain_azure_class_holds_its_rename_back():
    # (noticed in the notebook trial: AOAI501 would rename the import a %time line still uses)
    setup = "from langchain_openai import AzureChatOpenAI\nllm = AzureChatOpenAI(azure_deployment='d', api_version='2024-10-21')\n"
    text = notebook(cell(setup), cell("%time llm2 = AzureChatOpenAI(azure_deployment='d', api_version='2024-10-21')"))
    outcome = migrated(text)
    assert outcome.code == text
    (named,) = [f for f in outcome.findings if f.rule == "AOAI207"]
    assert (named.cell, named.line) == (2, 1) and "names AzureChatOpenAI" in named.message
    assert "rewrite it for ChatOpenAI" in named.message
