"""Keys written as string literals: the AOAI301 finding, and masking in everything printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from migrate.secrets import Masker, looks_like_secret, mask, secret_literals
from tests.helpers import migrate, rules_of

ROOT = Path(__file__).resolve().parent.parent

AZURE_KEY = "8f14e45fceea167a5a36dedd4bea2543"  # 32 hex digits, the shape of an Azure OpenAI key
OPENAI_KEY = "sk-Zq3vXw9LmN2pR7tY5uB8cD1eF4gH6jK0"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
LONG_AZURE_KEY = "5XhT2bQm9KcR4vWz8NpL3sYd7FgJ6aHe1UoI0tCxVbMnQwErTyUiOp8BCACYeBjFXJ3w3AAABACOGabcd"

KEYED = f'import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(azure_endpoint=os.environ["E"], api_key="{AZURE_KEY}", api_version="2024-10-21")\n'.encode()



def single_process(args: tuple[str, ...]) -> tuple[str, ...]:
    """One worker: a subprocess per test is enough parallelism (the default pool is tested in test_cli)."""
    return (args[0], "-j", "1", *args[1:]) if args and args[0] in ("diff", "apply", "check") else args

def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "migrate", *single_process(args)], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120
    )


# --------------------------------------------------------------------------- what counts as a secret


@pytest.mark.parametrize("value", [AZURE_KEY, AZURE_KEY.upper(), OPENAI_KEY, JWT, LONG_AZURE_KEY, "sk-proj-" + "Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9b"])
def test_real_looking_keys_are_secrets(value):
    assert looks_like_secret(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "k",
        "key",
        "<your-key>",
        "YOUR_API_KEY",
        "AZURE_OPENAI_API_KEY",
        "xxx",
        "x" * 32,
        "0" * 32,
        "deadbeefdeadbeefdeadbeefdeadbeef",
        "${AZURE_OPENAI_API_KEY}",
        "{api_key}",
        "your-api-key-goes-here-please",
        "replace-with-your-key-0123456789",
        "sk-...",
        "https://contoso.openai.azure.com/",
        "2024-10-21",
        "gpt-4o-2024-08-06-deployment",
        "my_deployment_name_2024_v1",
        "openai.lib.azure.AzureOpenAI",
        "test-key-1234567890abcdef",
        # camelCase names in generated code (a round-2 trial on promptflow's msrest maps)
        "dataTransferV2CloudSetting",
        "userAssignedIdentity2ClientId",
    ],
)
def test_placeholders_and_ordinary_strings_are_not_secrets(value):
    assert not looks_like_secret(value)


def test_mask_keeps_four_characters_and_hides_the_rest():
    assert mask(AZURE_KEY) == "8f14********"
    assert AZURE_KEY[4:] not in mask(AZURE_KEY)


# --------------------------------------------------------------------------- the AOAI301 finding


def test_api_key_literal_in_the_constructor_is_migrated_and_reported_masked():
    outcome = migrate(KEYED.decode())
    assert f'api_key="{AZURE_KEY}"' in outcome.code  # the key itself is not moved: report only
    assert rules_of(outcome, fixed=False) == ["AOAI301"]
    finding = next(f for f in outcome.findings if f.rule == "AOAI301")
    assert (finding.line, finding.column) == (4, 62)
    assert AZURE_KEY not in finding.message
    assert "8f14********" in finding.message
    assert "environment" in finding.message and "Entra ID" in finding.message


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (f'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, azure_ad_token="{JWT}", api_version=V)\n', ["AOAI301"]),
        (f'import openai as oa\nfrom openai import AzureOpenAI\nc = oa.OpenAI(api_key="{OPENAI_KEY}")\n', ["AOAI301"]),
        (f'from openai import AzureOpenAI\nAZURE_OPENAI_API_KEY = "{AZURE_KEY}"\n', ["AOAI301"]),
        (f'from openai import AzureOpenAI\nAZURE_OPENAI_KEY: str = "{LONG_AZURE_KEY}"\n', ["AOAI301"]),
        (f'import os\nfrom openai import AzureOpenAI\nos.environ["AZURE_OPENAI_API_KEY"] = "{AZURE_KEY}"\n', ["AOAI301"]),
        (f'from openai import AzureOpenAI\nclass S:\n    def __init__(self):\n        self.api_key = "{AZURE_KEY}"\n', ["AOAI301"]),
        (f'from openai import AzureOpenAI\nAZURE_OPENAI_API_KEY = ("{AZURE_KEY[:16]}"\n    "{AZURE_KEY[16:]}")\n', ["AOAI301"]),
    ],
    ids=["azure_ad_token", "openai-client-alias", "settings-constant", "annotated", "environ", "attribute", "concatenated"],
)
def test_key_literals_are_reported_wherever_a_client_or_a_key_name_receives_them(code, expected):
    assert rules_of(migrate(code), fixed=False) == expected


@pytest.mark.parametrize(
    "code",
    [
        'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key="<your-key>", api_version=V)\n',
        'from openai import AzureOpenAI\nc = AzureOpenAI(azure_endpoint=E, api_key="k", api_version=V)\n',
        'from openai import AzureOpenAI\nAZURE_OPENAI_API_KEY = "YOUR_API_KEY"\n',
        f'from openai import AzureOpenAI\nCHECKSUM = "{AZURE_KEY}"\n',  # not a key name
        f'from openai import AzureOpenAI\nsomething_else(api_key="{AZURE_KEY}")\n',  # not an OpenAI client
        f'from openai import AzureOpenAI\nAZURE_OPENAI_API_KEY = "{AZURE_KEY}"  # aoai-migrate: ignore[AOAI301]\n',
    ],
    ids=["placeholder", "short", "env-name", "checksum", "other-call", "suppressed"],
)
def test_placeholders_other_names_and_suppressed_lines_are_not_reported(code):
    assert "AOAI301" not in rules_of(migrate(code))


def test_ignoring_the_rule_drops_the_finding():
    from migrate.runner import migrate_source
    from transforms.pipeline import RULES

    outcome = migrate_source(KEYED.decode(), frozenset(RULES) - {"AOAI301"})
    assert "AOAI301" not in rules_of(outcome)


def test_a_file_that_never_mentions_the_azure_classes_is_not_read(tmp_path):
    """The documented limit of the pre-filter: the rule runs on files that need migrating."""
    (tmp_path / "settings.py").write_text(f'AZURE_OPENAI_API_KEY = "{AZURE_KEY}"\n')
    assert run("check", ".", cwd=tmp_path).returncode == 0


# --------------------------------------------------------------------------- lexical finding for masking


def test_secret_literals_are_found_as_spelled_for_every_binding_shape():
    source = textwrap.dedent(
        f"""\
        import os
        API_KEY: str = "{AZURE_KEY}"
        c = AzureOpenAI(api_key='{OPENAI_KEY}', other="{AZURE_KEY[::-1]}")
        os.environ["AZURE_OPENAI_API_KEY"] = "{LONG_AZURE_KEY}"
        settings = {{"azure_ad_token": "{JWT}"}}
        CHECKSUM = "{AZURE_KEY.upper()}"
        """
    )
    assert secret_literals(source) == {AZURE_KEY, OPENAI_KEY, LONG_AZURE_KEY, JWT}


def test_secret_literals_survive_a_file_that_does_not_tokenize():
    assert secret_literals(f'API_KEY = "{AZURE_KEY}"\ndef broken(:\n    """unterminated\n') == {AZURE_KEY}


def test_the_lexical_masker_covers_every_literal_the_rule_reports():
    from transforms.literal_secrets import LiteralSecrets

    for example in LiteralSecrets.EXAMPLES:
        masked = Masker().for_source(example.before)(example.before)
        assert AZURE_KEY not in masked


def test_message_masking_hides_quoted_secrets_and_keeps_other_quotes():
    masker = Masker()
    text = f'azure_deployment="gpt-4o-prod" next to api_key="{AZURE_KEY}"'
    assert masker.message(text) == 'azure_deployment="gpt-4o-prod" next to api_key="8f14********"'
    assert Masker(enabled=False).message(text) == text


# --------------------------------------------------------------------------- everything printed


def test_check_never_prints_the_key_in_any_format(tmp_path):
    (tmp_path / "app.py").write_bytes(KEYED)
    for fmt in ("text", "json", "github", "sarif"):
        result = run("check", "--format", fmt, ".", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert AZURE_KEY.encode() not in result.stdout + result.stderr, fmt
        assert b"8f14********" in result.stdout + result.stderr, fmt
    document = json.loads(run("check", "--format", "json", ".", cwd=tmp_path).stdout)
    assert [f["rule"] for f in document["findings"] if not f["fixable"]] == ["AOAI301"]


def test_piped_diff_masks_the_key_says_the_patch_will_not_apply_and_git_agrees(tmp_path):
    (tmp_path / "app.py").write_bytes(KEYED)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = run("diff", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert AZURE_KEY.encode() not in result.stdout + result.stderr
    assert b'api_key="8f14********"' in result.stdout
    assert b"app.py: note: a secret literal is masked in this patch, so it will not apply" in result.stderr
    assert b"--show-secrets" in result.stderr
    applied = subprocess.run(["git", "apply", "--check", "-"], cwd=tmp_path, input=result.stdout, capture_output=True)
    assert applied.returncode != 0


def test_show_secrets_gives_the_byte_exact_patch_that_applies(tmp_path):
    (tmp_path / "via_diff").mkdir()
    (tmp_path / "via_apply").mkdir()
    for tree in ("via_diff", "via_apply"):
        (tmp_path / tree / "app.py").write_bytes(KEYED)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path / "via_diff", check=True)
    result = run("diff", "--show-secrets", ".", cwd=tmp_path / "via_diff")
    assert AZURE_KEY.encode() in result.stdout
    assert b"note:" not in result.stderr
    applied = subprocess.run(["git", "apply", "-"], cwd=tmp_path / "via_diff", input=result.stdout, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    run("apply", ".", cwd=tmp_path / "via_apply")
    assert (tmp_path / "via_diff" / "app.py").read_bytes() == (tmp_path / "via_apply" / "app.py").read_bytes()


def test_a_key_outside_the_hunks_does_not_trigger_the_note(tmp_path):
    far = f'API_KEY = "{AZURE_KEY}"\n' + "\n" * 10 + KEYED.decode().replace(f'"{AZURE_KEY}"', "API_KEY")
    (tmp_path / "app.py").write_text(far)
    result = run("diff", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert b"note:" not in result.stderr
    applied = subprocess.run(["git", "apply", "--check", "-"], cwd=tmp_path, input=result.stdout, capture_output=True)
    assert applied.returncode == 0, applied.stderr


def test_apply_from_stdin_writes_the_real_key_back(tmp_path):
    """``apply -`` prints the file itself (an editor replaces its buffer with it): never masked."""
    result = run("apply", "-", cwd=tmp_path, stdin=KEYED)
    assert AZURE_KEY.encode() in result.stdout
    assert AZURE_KEY.encode() not in result.stderr


def test_explain_masks_the_key_in_its_examples_unless_asked(tmp_path):
    masked = run("explain", "AOAI301", cwd=tmp_path)
    assert masked.returncode == 0
    assert AZURE_KEY.encode() not in masked.stdout and b"8f14********" in masked.stdout
    shown = run("explain", "--show-secrets", "AOAI301", cwd=tmp_path)
    assert AZURE_KEY.encode() in shown.stdout


def test_random_tokens_are_not_taken_for_camel_case_names():
    import base64
    import os

    from migrate.secrets import _identifier_like

    tokens = [base64.b64encode(os.urandom(24)).decode().rstrip("=").replace("+", "").replace("/", "") for _ in range(5000)]
    assert sum(_identifier_like(t) for t in tokens) <= 5
    assert sum(looks_like_secret(t) for t in tokens) >= 4900
