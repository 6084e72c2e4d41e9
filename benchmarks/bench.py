"""Speed of aoai-migrate against baselines measured in the same run (machines are noisy).

    python benchmarks/bench.py [--runs 5] [--files 1000] [--copies 3] [--keep DIR] [--many N]

Builds its corpus locally: a copy of the running interpreter's standard library (the no-hit
tree), N generated files that all need migration and N generated legacy ones. Prints medians
over ``--runs`` runs and the peak resident memory of each run (``wait4``'s ``ru_maxrss``,
workers included). Each figure is timed in rounds with its baseline, the two run in turn:

1. ``check`` over the no-hit tree vs ``grep -rlE 'AzureOpenAI|api_version'`` (target <= 2x),
   and the same over ``--copies`` copies of it side by side (how both grow with the tree);
2. ``check`` vs parsing every file with LibCST in one process (target >= 50x faster);
3. ``apply`` over the generated files vs bare LibCST parse + codegen of them in one process
   (target <= 1.3x with one job; faster than it with two);
4. the same for N generated legacy ``openai<1.0`` files, whose migration adds and drops imports
   and builds a client, and for N/4 larger files (the first workload's client code among some 300
   lines with nothing to migrate); no targets: they show what the first workload does not;
5. where the time of one generated file goes, in one process (:func:`floor_of`): what a rewrite
   on LibCST's statements must pay whatever its analysis (the parse, the print of the changed
   statements, the output's parse check, the atomic write), against the bare parse and print;
6. with ``--many N``: ``check`` over N small files (every 100th one to migrate) and over N/10,
   with the peak memory of each (it must not grow with the tree).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = textwrap.dedent(
    '''\
    """Service {n}: summarises tickets with Azure OpenAI."""

    from __future__ import annotations

    import logging
    import os
    from typing import Optional

    from openai import AzureOpenAI

    log = logging.getLogger(__name__)
    DEPLOYMENT = os.getenv("DEPLOYMENT_{n}", "gpt-4o-mini")


    class Summariser{n}:
        client: Optional[AzureOpenAI] = None

        def __init__(self, endpoint: str, key: str) -> None:
            self.client = AzureOpenAI(
                azure_endpoint=endpoint,  # from settings
                api_key=key,
                api_version="2024-10-21",
                max_retries=3,
            )

        def summarise(self, text: str) -> str:
            assert self.client is not None
            response = self.client.chat.completions.create(
                model=DEPLOYMENT,
                messages=[{{"role": "user", "content": f"Summarise: {{text}}"}}],
            )
            log.info("summarised %d chars", len(text))
            return response.choices[0].message.content or ""


    def make_client() -> AzureOpenAI:
        return AzureOpenAI(
            azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"],
            api_key=os.environ["AZURE_OPENAI_API_KEY"],
            api_version=os.environ.get("OPENAI_API_VERSION", "2024-10-21"),
        )
    '''
)

#: A second workload: legacy openai<1.0 code, whose migration adds and drops imports and builds a
#: client (the first workload's only renames them). No target; how it compares with the first.
LEGACY_TEMPLATE = textwrap.dedent(
    '''\
    """Job {n}: written for openai 0.28 against Azure OpenAI."""

    import os

    import openai

    openai.api_type = "azure"
    openai.api_base = os.getenv("AZURE_OPENAI_ENDPOINT")
    openai.api_version = "2023-05-15"
    openai.api_key = os.getenv("AZURE_OPENAI_API_KEY")

    DEPLOYMENT = "gpt-35-turbo-{n}"


    def answer(question):
        response = openai.ChatCompletion.create(
            engine=DEPLOYMENT,
            messages=[{{"role": "user", "content": question}}],
            temperature=0.2,
        )
        return response["choices"][0]["message"]["content"]


    def embed(text):
        result = openai.Embedding.create(engine="embeddings-{n}", input=[text])
        return result["data"][0]["embedding"]
    '''
)

#: A third workload: the first one's client code in a larger module (about 300 lines) of code
#: that has nothing to migrate, as most files that hold a client are. No target: it shows what
#: the migration costs beyond the parse where most of a file is left alone.
FILLER = textwrap.dedent(
    '''\


    def report_{n}_{k}(rows: list[dict], limit: int = 10) -> list[str]:
        """Formats the first rows of table {k} for the weekly report."""
        lines = []
        for row in rows[:limit]:
            name = row.get("name", "?")
            lines.append(f"{{name}}: {{row.get('value', 0):>8}}")
        return lines
    '''
)
FILLERS = 32


def large_file(n: int) -> str:
    return TEMPLATE.format(n=n) + "".join(FILLER.format(n=n, k=k) for k in range(FILLERS))


LIBCST_ROUND_TRIP = textwrap.dedent(
    """\
    import sys
    from pathlib import Path
    import libcst
    for path in sorted(Path(sys.argv[1]).rglob("*.py")):
        data = path.read_bytes()
        try:
            module = libcst.parse_module(data)
        except Exception:
            continue
        if sys.argv[2] == "codegen":
            module.bytes
    """
)


def floor_of(texts: list[str], runs: int, scratch: Path) -> dict[str, float]:
    """Where one migrated file's time goes, in this process: milliseconds per file (medians of
    ``runs`` rounds over all of ``texts``, each round timing every step in turn) of a bare LibCST
    parse and print, of the tool's whole migration of the text (``migrate_source``), and of the
    parts of it that any rewrite built on LibCST's statements has to pay: the parse, the print of what changed (the tool's print, its
    check that the statements as read print back included), the check that the output compiles,
    and the atomic write (into ``scratch``). What is left of the migration is its analysis and
    its transforms.

    Two more figures price another design, one that analyses ``ast`` and hands LibCST only the
    expressions it rewrites: an ``ast`` parse and walk of the text, and that plus a LibCST parse
    and print of each ``AzureOpenAI(...)`` call the walk finds.
    """
    import ast

    import libcst

    from migrate.runner import _assert_parses, migrate_source
    from migrate.sources import write_atomic
    from transforms.pipeline import run_pipeline

    modules = [libcst.parse_module(text) for text in texts]
    results = [run_pipeline(module, code=text) for module, text in zip(modules, texts)]
    outputs = [result.spliced() for result in results]
    if any(output is None or output == text for output, text in zip(outputs, texts)):
        raise SystemExit("floor_of: a file the benchmark generated was not migrated by the partial print")
    scratch.mkdir(parents=True, exist_ok=True)
    paths = [scratch / f"f{n}.py" for n in range(len(texts))]
    for path, text in zip(paths, texts):
        path.write_text(text, encoding="utf-8")
    data = [output.encode() for output in outputs]  # type: ignore[union-attr]
    printer = libcst.Module(body=[])

    def ast_walk(text: str) -> list[ast.AST]:
        return list(ast.walk(ast.parse(text)))

    def ast_then_calls(text: str) -> list[str]:
        calls = [n for n in ast_walk(text) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "AzureOpenAI"]
        return [printer.code_for_node(libcst.parse_expression(ast.get_source_segment(text, call) or "")) for call in calls]

    if not all(call.startswith("AzureOpenAI(") for text in texts for call in ast_then_calls(text) or ["none"]):
        raise SystemExit("floor_of: ast found no AzureOpenAI(...) call to hand to LibCST in a generated file")

    steps: dict[str, Callable[[], object]] = {
        "bare": lambda: [libcst.parse_module(text).code for text in texts],
        "migration": lambda: [migrate_source(text) for text in texts],
        "parse": lambda: [libcst.parse_module(text) for text in texts],
        "print": lambda: [result.spliced() for result in results],
        "check": lambda: [_assert_parses(output, text) for output, text in zip(outputs, texts)],  # type: ignore[arg-type]
        "write": lambda: [write_atomic(path, out) for path, out in zip(paths, data)],
        "ast": lambda: [ast_walk(text) for text in texts],
        "ast_calls": lambda: [ast_then_calls(text) for text in texts],
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):  # each round times every step in turn: a slow stretch slows them all
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) / len(texts) * 1000 for name, found in times.items()}


def measure(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB, the process and its waited-for children) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss


def median_of(runs: int, command: list[str], prepare=None, **kwargs) -> tuple[float, int]:  # noqa: ANN001
    return interleaved(runs, [(command, prepare)], **kwargs)[0]


def interleaved(
    runs: int, commands: list[tuple[list[str], Callable[[], None] | None]], **kwargs: object
) -> list[tuple[float, int]]:
    """(median wall time, peak RSS) of each command (each with what prepares its run), timed in
    ``runs`` rounds that run every command in turn: a figure and its baseline share the machine's
    slow and fast stretches, which a block of runs of one and then of the other does not."""
    times: list[list[float]] = [[] for _ in commands]
    peaks: list[list[int]] = [[] for _ in commands]
    for _ in range(runs):
        for n, (command, prepare) in enumerate(commands):
            if prepare is not None:
                prepare()
            elapsed, peak = measure(command, **kwargs)  # type: ignore[arg-type]
            times[n].append(elapsed)
            peaks[n].append(peak)
    return [(statistics.median(t), max(p)) for t, p in zip(times, peaks)]


def build_corpus(base: Path, files: int, copies: int) -> tuple[Path, Path, Path, Path, Path]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    no_hit = base / "stdlib"
    shutil.copytree(
        stdlib,
        no_hit,
        ignore=shutil.ignore_patterns("site-packages", "dist-packages", "__pycache__", "*.pyc"),
        symlinks=True,
    )
    larger = base / "stdlib-copies"
    for n in range(copies):
        shutil.copytree(no_hit, larger / f"copy{n}", symlinks=True)
    generated = _generate(base / "generated", files, "pkg", "service", lambda n: TEMPLATE.format(n=n))
    legacy = _generate(base / "legacy", files, "jobs", "job", lambda n: LEGACY_TEMPLATE.format(n=n))
    large = _generate(base / "large", max(1, files // 4), "mods", "module", large_file)
    return no_hit, larger, generated, legacy, large


def _generate(root: Path, count: int, package: str, module: str, text: Callable[[int], str]) -> Path:
    """``count`` files ``<package><n // 100>/<module>_<n>.py`` under ``root``, file n holding ``text(n)``."""
    for n in range(count):
        folder = root / f"{package}{n // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{module}_{n}.py").write_text(text(n), encoding="utf-8")
    return root


def small_file(n: int) -> str:
    """A file of ``--many``'s trees: every 100th one the first workload's, the others with nothing to migrate."""
    return TEMPLATE.format(n=n) if n % 100 == 0 else f"import os\n\nVALUE_{n} = os.getcwd()\n"


def tree_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*.py") if p.is_file() and not p.is_symlink()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=3, help="copies of the no-hit tree for the larger check")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument(
        "--many", type=int, metavar="N", help="also time check over N small files and over N/10 (peak memory must not grow)"
    )
    args = parser.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="aoai-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    no_hit, larger, generated, legacy, large = build_corpus(base, args.files, args.copies)
    # Bytecode as an installed package has it: written once, by a warm-up run, not compiled again
    # on every timed run because the caller's environment says not to write it.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tool = [sys.executable, "-m", "migrate"]
    warm = base / "warm-up"
    shutil.copytree(generated / "pkg0", warm)
    measure([*tool, "apply", str(warm)], env=env)
    measure([*tool, "check", str(no_hit)], env=env)
    n_files, n_bytes = tree_size(no_hit)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} runs per figure (median)")
    print(f"no-hit tree: stdlib copy, {n_files} .py files, {n_bytes / 1e6:.1f} MB; generated: {args.files} files\n")

    grep = ["grep", "-rlE", "AzureOpenAI|api_version"]
    (grep_t, grep_m), (check_t, check_m), (check1_t, check1_m) = interleaved(
        args.runs, [([*grep, str(no_hit)], None), ([*tool, "check", str(no_hit)], None), ([*tool, "check", "--jobs", "1", str(no_hit)], None)], env=env
    )
    (grepn_t, grepn_m), (checkn_t, checkn_m) = interleaved(
        args.runs, [([*grep, str(larger)], None), ([*tool, "check", str(larger)], None)], env=env
    )
    parse_t, parse_m = median_of(max(1, args.runs // 2), [sys.executable, "-c", LIBCST_ROUND_TRIP, str(no_hit), "parse"], env=env)

    work = base / "work"

    def fresh_copy(source: Path) -> Callable[[], None]:
        def prepare() -> None:
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(source, work)

        return prepare

    def bare(source: Path) -> tuple[list[str], None]:
        return [sys.executable, "-c", LIBCST_ROUND_TRIP, str(source), "codegen"], None

    def apply(source: Path, jobs: int) -> tuple[list[str], Callable[[], None]]:
        return [*tool, "apply", "--jobs", str(jobs), str(work)], fresh_copy(source)

    (bare_t, bare_m), (apply1_t, apply1_m), (apply2_t, apply2_m) = interleaved(
        args.runs, [bare(generated), apply(generated, 1), apply(generated, 2)], env=env
    )
    (legacy_bare_t, legacy_bare_m), (legacy_t, legacy_m) = interleaved(args.runs, [bare(legacy), apply(legacy, 1)], env=env)
    (large_bare_t, large_bare_m), (large_t, large_m) = interleaved(args.runs, [bare(large), apply(large, 1)], env=env)
    n_large, large_bytes = tree_size(large)
    sys.path.insert(0, str(ROOT))
    floor_texts = [TEMPLATE.format(n=n) for n in range(min(args.files, 200))]
    floor = floor_of(floor_texts, args.runs, base / "floor")

    rows = [
        ("grep -rlE over the no-hit tree", grep_t, grep_m, ""),
        ("aoai-migrate check (default jobs)", check_t, check_m, f"{check_t / grep_t:.2f}x grep (target <= 2x)"),
        ("aoai-migrate check --jobs 1", check1_t, check1_m, f"{check1_t / grep_t:.2f}x grep"),
        (f"grep -rlE over {args.copies} copies of it", grepn_t, grepn_m, ""),
        (f"aoai-migrate check over {args.copies} copies", checkn_t, checkn_m, f"{checkn_t / grepn_t:.2f}x grep"),
        ("LibCST parse of every file, 1 process", parse_t, parse_m, f"check is {parse_t / check_t:.0f}x faster (target >= 50x)"),
        (f"LibCST parse + codegen, {args.files} generated", bare_t, bare_m, ""),
        ("aoai-migrate apply --jobs 1", apply1_t, apply1_m, f"{apply1_t / bare_t:.2f}x bare (target <= 1.3x)"),
        ("aoai-migrate apply --jobs 2", apply2_t, apply2_m, f"{apply2_t / bare_t:.2f}x bare (target < 1x)"),
        (f"LibCST parse + codegen, {args.files} legacy", legacy_bare_t, legacy_bare_m, ""),
        ("aoai-migrate apply --jobs 1, legacy", legacy_t, legacy_m, f"{legacy_t / legacy_bare_t:.2f}x bare (no target)"),
        (f"LibCST parse + codegen, {n_large} larger files ({large_bytes / n_large / 1000:.1f} kB)", large_bare_t, large_bare_m, ""),
        ("aoai-migrate apply --jobs 1, larger files", large_t, large_m, f"{large_t / large_bare_t:.2f}x bare (no target)"),
    ]
    if args.many:
        for count in (args.many // 10, args.many):
            folder = _generate(base / f"many-{count}", count, "pkg", "m", small_file)
            check_many_t, check_many_m = median_of(args.runs, [*tool, "check", str(folder)], env=env)
            rows.append((f"aoai-migrate check, {count:,} small files (1% to migrate)", check_many_t, check_many_m, ""))
            shutil.rmtree(folder, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'median s':>9}  {'peak MiB':>9}  ratio")
    for label, seconds, peak, ratio in rows:
        print(f"{label:<{width}}  {seconds:>9.3f}  {peak / 1024:>9.1f}  {ratio}")
    bare_ms = floor["bare"]
    fixed = floor["parse"] + floor["print"] + floor["check"] + floor["write"]
    print(f"\nOne generated file in one process (ms, medians of {args.runs} rounds over {len(floor_texts)} files):")
    parts = [
        ("bare LibCST parse + codegen", bare_ms),
        ("aoai-migrate's migration of the text", floor["migration"]),
        ("  its LibCST parse", floor["parse"]),
        ("  its print of the changed statements, with the print-back check", floor["print"]),
        ("  the check that the output compiles", floor["check"]),
        ("the atomic write of the output (not in the migration)", floor["write"]),
        ("what the rewrite must do (parse + print + check + write)", fixed),
        ("the analysis and transforms (the migration less parse, print, check)", floor["migration"] - floor["parse"] - floor["print"] - floor["check"]),
        ("another design's floor: an ast parse and walk of the text", floor["ast"]),
        ("  that, plus LibCST parse + print of only the AzureOpenAI(...) calls", floor["ast_calls"]),
    ]
    width = max(len(label) for label, _ in parts)
    for label, ms in parts:
        print(f"{label:<{width}}  {ms:>7.3f}  {ms / bare_ms:>5.2f}x bare")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
