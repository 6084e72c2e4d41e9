"""Command line: ``aoai-migrate diff|apply|check|rules``. Wiring only; exit codes live here.

Exit codes (``diff``, ``apply``, ``check``): 0 nothing left to migrate and no open follow-up;
1 something would change (``diff``/``check``) or a manual follow-up remains; 2 a file could not
be processed, or the command line was wrong; 130 interrupted (Ctrl-C or SIGTERM).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

EXIT_CLEAN, EXIT_PENDING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def _rule_ids(values: tuple[str, ...]) -> set[str]:
    from transforms.pipeline import RULES

    ids = {v.strip().upper() for value in values for v in value.split(",") if v.strip()}
    unknown = sorted(ids - set(RULES))
    if unknown:
        raise click.BadParameter(f"unknown rule id {', '.join(unknown)}; valid ids: {', '.join(sorted(RULES))}")
    return ids


def _selection(select: tuple[str, ...], ignore: tuple[str, ...]) -> frozenset[str] | None:
    from transforms.pipeline import RULES

    if not select and not ignore:
        return None
    chosen = _rule_ids(select) if select else set(RULES)
    return frozenset(chosen - _rule_ids(ignore))


_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
_select = click.option("--select", multiple=True, metavar="RULE[,RULE]", help="Only these rule ids.")
_ignore = click.option("--ignore", multiple=True, metavar="RULE[,RULE]", help="Skip these rule ids.")
_jobs = click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of CPUs)."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="aoai-migrate")
def main() -> None:
    """Migrate AzureOpenAI/AsyncAzureOpenAI clients to OpenAI/AsyncOpenAI on Azure's /openai/v1/ endpoint.

    Exit codes: 0 nothing to migrate and no follow-up, 1 something would change or a manual
    follow-up remains, 2 a file could not be processed or a usage error.
    """


def _run(
    mode_name: str, paths: tuple[Path, ...], select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None
) -> None:
    from migrate.report import Reporter, Tally
    from migrate.session import Mode

    mode = Mode(mode_name)
    selection = _selection(select, ignore)
    reporter = Reporter()
    tally = Tally()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        _loop(mode, paths, selection, jobs, reporter, tally)
    except KeyboardInterrupt:
        reporter.interrupted()
        sys.exit(EXIT_INTERRUPTED)
    verb = {Mode.DIFF: "would change", Mode.CHECK: "would change", Mode.APPLY: "changed"}[mode]
    reporter.summary(tally, verb)
    if tally.failed:
        sys.exit(EXIT_ERROR)
    pending = tally.follow_ups or (mode is not Mode.APPLY and tally.changed)
    sys.exit(EXIT_PENDING if pending else EXIT_CLEAN)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: temp files are removed, no file is half-written


def _loop(mode, paths, selection, jobs, reporter, tally) -> None:  # noqa: ANN001
    from migrate.session import Mode, default_jobs, run

    for result in run(paths or (Path("."),), mode, selection, jobs=jobs or default_jobs()):
        tally.add(result)
        if result.error is not None:
            reporter.failure(result)
            continue
        if mode is Mode.DIFF and result.changed:
            reporter.diff(result)
        if mode is Mode.CHECK and result.changed:
            reporter.would_change(result)
        for finding in result.findings:
            reporter.finding(result, finding, show_fixed=mode is Mode.CHECK)


@main.command()
@_paths
@_select
@_ignore
@_jobs
def diff(paths: tuple[Path, ...], select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None) -> None:
    """Dry run: print a unified diff (git apply-able) of what apply would do. Writes nothing."""
    _run("diff", paths, select, ignore, jobs)


@main.command()
@_paths
@_select
@_ignore
@_jobs
def apply(paths: tuple[Path, ...], select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None) -> None:
    """Rewrite files in place (atomically), then list the manual follow-ups."""
    _run("apply", paths, select, ignore, jobs)


@main.command()
@_paths
@_select
@_ignore
@_jobs
def check(paths: tuple[Path, ...], select: tuple[str, ...], ignore: tuple[str, ...], jobs: int | None) -> None:
    """CI guard: list each file that would change and each follow-up. Writes nothing."""
    _run("check", paths, select, ignore, jobs)


@main.command()
def rules() -> None:
    """List the rules with their stable ids."""
    from migrate.report import Reporter
    from transforms.pipeline import RULES

    Reporter().rules(RULES.values())
