"""Command line: ``aoai-migrate diff|apply|check|rules|explain``. Wiring only; exit codes live here.

Exit codes (``diff``, ``apply``, ``check``): 0 nothing left to migrate and no open follow-up;
1 something would change (``diff``/``check``), a manual follow-up remains, or a reviewer declined
a change (``apply --interactive``); 2 a file could not be processed, or the command line or the
configuration was wrong; 130 interrupted (Ctrl-C or SIGTERM).

Start-up stays cheap: neither rich nor LibCST is imported here; a run over files with nothing to
migrate imports neither (unless rules are selected, which needs the rule registry).
"""

from __future__ import annotations

import collections
import dataclasses
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import click

EXIT_CLEAN, EXIT_PENDING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
FORMATS = ("text", "json", "github", "sarif")


class ConfigProblem(click.ClickException):
    """A configuration error: ``Error: <file>: [tool.aoai-migrate] ...``, exit 2."""

    exit_code = EXIT_ERROR


@dataclasses.dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None
    config: Path | None = None
    jobs: int | None = None
    max_file_size: float | None = None
    fmt: str = "text"
    output: Path | None = None
    show_secrets: bool = False
    stdin_filename: Path | None = None
    interactive: bool = False


def _rules() -> dict[str, Any]:
    from transforms.pipeline import RULES

    return RULES


def _selection(config: Any, options: Options) -> frozenset[str] | None:
    """The rules to run for one configuration with the command line on top."""
    from migrate.config import ConfigError, rule_ids

    config = config.override(
        select=options.select or None, ignore=options.ignore or None, unsafe_fixes=options.unsafe_fixes
    )
    if config.select is None and not config.ignore:
        return None  # every rule; the registry (and LibCST) is not needed to say so
    rules = _rules()
    for flag, values in (("--select", options.select), ("--ignore", options.ignore)):
        try:
            rule_ids(values, rules)
        except ConfigError as error:
            raise click.BadParameter(str(error), param_hint=flag) from None
    try:
        chosen = config.selection(rules)
    except ConfigError as error:  # a value from pyproject.toml: the message names the file
        raise ConfigProblem(str(error)) from None
    if chosen is not None and not chosen:  # a run of no rule passes whatever the code: never what was meant
        problem = "selects no rule, so every file would pass; name at least one rule (or leave select out for all)"
        if options.select or options.ignore:  # (an unset variable in `--select "$RULES"`, say)
            raise click.BadParameter(problem, param_hint="--select" if options.select else "--ignore")
        raise ConfigProblem(f"{config.path}: [tool.aoai-migrate] {problem}")
    return chosen


def _as_paths(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[Path, ...]:
    """The PATH arguments; an empty one is refused (``Path("")`` is the current directory, so an
    unset variable in ``apply "$FILE"`` would otherwise run over the whole tree)."""
    if any(value == "" for value in values):
        raise click.BadParameter("an empty path names no file (an unset variable?); give '.' for the current directory", ctx, param)
    return tuple(Path(value) for value in values)


_paths = click.argument("paths", nargs=-1, type=click.Path(), callback=_as_paths)
_OPTIONS = (
    click.option("--select", multiple=True, metavar="RULE[,RULE]", help="Only these rule ids (replaces the configured select)."),
    click.option("--ignore", multiple=True, metavar="RULE[,RULE]", help="Skip these rule ids (replaces the configured ignore)."),
    click.option("--include", multiple=True, metavar="GLOB", help="Only files matching these gitignore-style globs."),
    click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files matching these gitignore-style globs."),
    click.option(
        "--unsafe-fixes/--no-unsafe-fixes", default=None, help="Allow rewrites marked unsafe (default: the configuration, else no)."
    ),
    click.option(
        "--config",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Read [tool.aoai-migrate] from this pyproject.toml instead of searching upwards from the paths.",
    ),
    click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of CPUs)."),
    click.option(
        "--max-file-size",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        metavar="MB",
        help="Skip (as failed) a file over this size that could need migration (default: 10 MB).",
    ),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="Findings as text, JSON, GitHub workflow annotations or SARIF 2.1.0 (stdout; for diff: stderr or --output).",
    ),
    click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the --format report to this file."),
    click.option("--show-secrets", is_flag=True, help="Do not mask key literals in what is printed (a piped diff then applies)."),
    click.option(
        "--stdin-filename",
        type=click.Path(path_type=Path),
        default=None,
        help="With '-': the name of the file read from stdin (for the diff header and the configuration).",
    ),
)


def _run_options(function):  # noqa: ANN001, ANN202
    for option in reversed(_OPTIONS):
        function = option(function)
    return _paths(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="aoai-migrate")
def main() -> None:
    """Migrate AzureOpenAI/AsyncAzureOpenAI clients to OpenAI/AsyncOpenAI on Azure's /openai/v1/ endpoint.

    Exit codes: 0 nothing to migrate and no follow-up, 1 something would change or a manual
    follow-up remains, 2 a file could not be processed or a usage error.

    Settings can live in [tool.aoai-migrate] of the project's pyproject.toml; flags override them.
    """


@main.command()
@_run_options
def diff(paths: tuple[Path, ...], **options: Any) -> None:
    """Dry run: print a unified diff (git apply-able) of what apply would do. Writes nothing.

    'aoai-migrate diff -' reads one file from stdin.
    """
    _run("diff", paths, Options(**options))


@main.command()
@_run_options
@click.option("-i", "--interactive", is_flag=True, help="Show each file's diff and ask before writing it (needs a terminal).")
def apply(paths: tuple[Path, ...], **options: Any) -> None:
    """Rewrite files in place (atomically), then list the manual follow-ups.

    'aoai-migrate apply -' reads one file from stdin and writes the migrated file to stdout.
    """
    _run("apply", paths, Options(**options))


@main.command()
@_run_options
def check(paths: tuple[Path, ...], **options: Any) -> None:
    """CI guard: list each file that would change and each follow-up. Writes nothing."""
    _run("check", paths, Options(**options))


@main.command()
def rules() -> None:
    """List the rules with their stable ids."""
    from migrate.report import Reporter

    Reporter().rules(_rules().values())


@main.command()
@click.argument("rule")
@click.option("--show-secrets", is_flag=True, help="Do not mask key literals in the examples.")
def explain(rule: str, show_secrets: bool) -> None:
    """The catalogue entry of RULE (an id such as AOAI102, or a name such as pinned-deployment)."""
    from migrate.config import ConfigError, rule_ids
    from migrate.report import Reporter
    from migrate.secrets import Masker
    from transforms.pipeline import CATALOGUE, RULES, transform_of

    try:
        (code,) = rule_ids([rule], RULES)
    except (ConfigError, ValueError) as error:
        raise click.BadParameter(str(error), param_hint="RULE") from None
    module = transform_of(code)
    transform = next(t for m, t in CATALOGUE if m is module)
    Reporter(masker=Masker(enabled=not show_secrets)).explain(RULES[code], module, transform)


# --------------------------------------------------------------------------- one run


def _run(mode_name: str, paths: tuple[Path, ...], options: Options) -> None:
    from migrate.config import ConfigError, configs_for
    from migrate.report import LONG_RUN, Reporter, Tally, machine_report
    from migrate.secrets import Masker
    from migrate.session import Mode

    mode = Mode(mode_name)
    stdin = any(str(p) == "-" for p in paths)
    _check_usage(mode, paths, stdin, options)
    started = time.monotonic()
    try:
        targets = [options.stdin_filename or Path("-")] if stdin else list(paths or (Path("."),))
        groups = configs_for(targets, options.config)
    except ConfigError as error:
        raise ConfigProblem(str(error)) from None
    plans = [(config, _selection(config, options), members) for config, members in groups]
    if options.output is not None and not stdin:
        _check_output(options.output, targets)

    out, closing = _report_stream(mode, options)
    masker = Masker(enabled=not options.show_secrets)
    report = machine_report(options.fmt, mode.value, out, masker) if options.fmt != "text" else None
    reporter = Reporter(masker=masker, quiet=report is not None)
    report_on_stderr = report is not None and out is sys.stderr
    tally = Tally()
    signal.signal(signal.SIGTERM, _interrupt)
    shown_progress = False
    try:
        try:
            if stdin:
                config, selection, _ = plans[0]
                _stdin(mode, config, selection, options, reporter, report, tally)
            else:
                for config, selection, members in plans:
                    shown_progress |= _loop(mode, config, selection, members, options, reporter, report, tally)
        except KeyboardInterrupt:
            reporter.interrupted(wrote=mode is Mode.APPLY)  # (a trial: diff and check said "fully migrated")
            sys.exit(EXIT_INTERRUPTED)
        except _Quit:
            pass
        elapsed = time.monotonic() - started
        if report is not None:
            report.write(tally, elapsed)
            if closing:
                out.close()
    except BrokenPipeError:  # ``check --format json . | head -c1``: what was read is not the whole run
        _output_closed()
    verb = {Mode.DIFF: "would change", Mode.CHECK: "would change", Mode.APPLY: "changed"}[mode]
    if tally.scanned == 0 and not stdin and not report_on_stderr:
        reporter.nothing_found()
    if not report_on_stderr:
        if reporter.color_err and not stdin and (shown_progress or elapsed > LONG_RUN):
            reporter.table(tally, verb, elapsed)
        reporter.summary(tally, verb)
    if tally.failed:
        sys.exit(EXIT_ERROR)
    pending = tally.follow_ups or tally.declined or (mode is not Mode.APPLY and tally.changed)
    sys.exit(EXIT_PENDING if pending else EXIT_CLEAN)


def _output_closed() -> None:
    """The reader of stdout went away before the run ended: say so and exit 2 (the run is not
    whole, so it cannot be called clean); files are written whole or not at all, as on Ctrl-C."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush must not fail again
    sys.stderr.write("aoai-migrate: the output was closed before the run ended (a pipe into head?); stopped\n")
    sys.exit(EXIT_ERROR)


def _check_usage(mode: Any, paths: tuple[Path, ...], stdin: bool, options: Options) -> None:
    if stdin and len(paths) > 1:
        raise click.UsageError("'-' (read from stdin) cannot be combined with other paths")
    if options.stdin_filename is not None and not stdin:
        raise click.UsageError("--stdin-filename goes with '-' (read from stdin)")
    if options.output is not None and options.fmt == "text":
        raise click.UsageError("--output needs --format json, github or sarif")
    if options.interactive:
        if stdin:
            raise click.UsageError("--interactive cannot read the source from stdin: stdin is where the answers come from")
        if options.fmt != "text":
            raise click.UsageError("--interactive shows diffs to a person: it goes with --format text")
        if not sys.stdin.isatty():
            raise click.UsageError("--interactive needs a terminal on stdin to ask before each file; run apply without it")


def _check_output(output: Path, targets: list[Path]) -> None:
    """Refuse an ``--output`` that would overwrite a file of the run: one of the paths given, or a
    file under one of them that the run reads and that is not a report of an earlier run (JSON or
    SARIF naming the tool, GitHub annotation lines, or empty). The report file itself is never read
    by the run (:func:`_filtered`)."""
    from migrate.session import wanted

    where = os.path.abspath(output)
    if not os.path.isfile(where):
        return
    for target in targets:
        root = os.path.abspath(target)
        if where == root or (os.path.exists(root) and os.path.samefile(where, root)):
            raise click.BadParameter(f"{output} is also a path to process; the report would overwrite it", param_hint="--output")
        if where.startswith(root.rstrip(os.sep) + os.sep) and wanted(where.replace(os.sep, "/")) and not _a_report(where):
            raise click.BadParameter(
                f"{output} is a file under {target} that the run reads, not a report of an earlier run; the report "
                "would overwrite it: write the report somewhere else",
                param_hint="--output",
            )


def _a_report(path: str) -> bool:
    """Whether the file at ``path`` looks like a report this tool wrote (or is empty)."""
    try:
        with open(path, "rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    text = head.lstrip()
    return not text or text.startswith(b"::") or (text.startswith(b"{") and b"aoai-migrate" in head)


def _report_stream(mode: Any, options: Options) -> tuple[Any, bool]:
    """Where a --format report goes: --output, else stdout (for diff, stderr: stdout is the patch)."""
    if options.fmt == "text":
        return None, False
    if options.output is not None:
        try:
            return open(options.output, "w", encoding="utf-8", newline="\n"), True
        except OSError as error:
            raise click.BadParameter(f"cannot write {options.output}: {error.strerror}", param_hint="--output") from None
    from migrate.session import Mode

    return (sys.stderr if mode is Mode.DIFF else sys.stdout), False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: temp files are removed, no file is half-written


class _Quit(Exception):
    """The reviewer answered q: stop here, leave the rest untouched."""


def _loop(mode, config, selection, paths, options, reporter, report, tally) -> bool:  # noqa: ANN001
    """Process one group of paths (those sharing a configuration); True if a progress bar was shown."""
    from migrate.session import DEFAULT_MAX_FILE_SIZE, FileResult, Mode, default_jobs, run

    errors: collections.deque[FileResult] = collections.deque()
    feed = _filtered(paths, config, options, errors) if _filters(config, options) or options.output is not None else paths
    run_mode = Mode.DIFF if options.interactive else mode
    review = _Review() if options.interactive else None
    progress = reporter.progress()
    if options.interactive or (mode is Mode.DIFF and reporter.color_out) or (report is not None and report.out is sys.stderr):
        progress.reporter = None  # a bar would fight with the diffs, the questions or the report
    with progress:
        limit = DEFAULT_MAX_FILE_SIZE if options.max_file_size is None else int(options.max_file_size * 1_000_000)
        for result in run(feed, run_mode, selection, jobs=options.jobs or default_jobs(), max_file_size=limit):
            while errors:
                _emit(mode, errors.popleft(), reporter, report, tally)
            declined = shown = False
            if review is not None and result.changed:
                result, declined, shown = review.decide(result, reporter, tally)
            _emit(mode, result, reporter, report, tally, declined=declined, findings=not shown)
            progress.update(tally)
        while errors:
            _emit(mode, errors.popleft(), reporter, report, tally)
    return progress.shown


def _filters(config: Any, options: Options) -> bool:
    return bool(options.include or options.exclude or config.include or config.exclude)


def _filtered(paths, config, options, errors):  # noqa: ANN001, ANN202
    """Discovery with the configured include/exclude on top; problems go to ``errors``."""
    from migrate.discover import DiscoveryError, discover
    from migrate.session import FileResult, wanted

    config = config.override(include=options.include or None, exclude=options.exclude or None)
    report = os.path.abspath(options.output) if options.output is not None else None
    given = {os.path.abspath(path) for path in paths}
    for item in discover(paths, report_symlinks=True, wanted=wanted):
        path = item.path if isinstance(item, DiscoveryError) else item
        if report is not None and os.path.abspath(path) == report:
            continue  # the report this run writes
        if isinstance(item, DiscoveryError):
            # a problem of a path the walk met is not one when the configuration excludes it (a
            # symlink out of the tree); a path given on the command line is reported whatever
            if os.path.abspath(path) in given or config.accepts(path):
                errors.append(FileResult(item.path, error=item.reason))
        elif config.accepts(item):
            yield item


def _emit(mode, result, reporter, report, tally, *, declined: bool = False, findings: bool = True) -> None:  # noqa: ANN001
    tally.add(result, declined=declined)
    if report is not None:
        report.add(result, declined=declined)
    if result.error is None and not result.findings and not result.changed:
        return  # most files of a tree: nothing to show
    from migrate.session import Mode

    if result.error is not None:
        reporter.failure(result)
        return
    if mode is Mode.DIFF and result.changed:
        reporter.diff(result)
    if mode is Mode.CHECK and result.changed:
        reporter.would_change(result)
    for finding in result.findings if findings else ():
        reporter.finding(result, finding, show_fixed=mode is Mode.CHECK)


class _Review:
    """``apply --interactive``: each changed file's diff, then y(es) / n(o) / a(ll) / q(uit)."""

    QUESTION = "Apply this change? [y]es, [n]o, [a]ll remaining, [q]uit: "

    def __init__(self) -> None:
        self.all = False
        self.position = 0

    def decide(self, result, reporter, tally):  # noqa: ANN001, ANN201
        """(the result to report, declined, its findings were shown): write the file if the reviewer says so."""
        self.position += 1
        if self.all:
            return _write_reviewed(result), False, False
        reporter.review(result, self.position)
        answer = self._ask()
        if answer == "q":
            tally.declined += 1
            raise _Quit
        if answer == "a":
            self.all = True
        if answer == "n":
            return result, True, True
        written = _write_reviewed(result)
        return written, False, written.error is None

    def _ask(self) -> str:
        while True:
            click.echo(self.QUESTION, err=True, nl=False)
            line = sys.stdin.readline()
            if not line:  # end of input (Ctrl-D): stop like q
                click.echo("", err=True)
                return "q"
            answer = line.strip().lower()
            if answer in ("y", "yes", "n", "no", "a", "all", "q", "quit"):
                return answer[0]
            click.echo("Answer y, n, a or q.", err=True)


def _write_reviewed(result):  # noqa: ANN001, ANN202
    """Write an accepted change, refusing a file that changed since it was read."""
    from migrate.session import FileResult, decoder_of, kind_of
    from migrate.sources import SourceError, encode_source, read_source, write_atomic

    try:
        current = read_source(result.path, decode=decoder_of(kind_of(result.path), result.path))
        if current.text != result.old_text or current.encoding != result.encoding:
            raise SourceError("modified since it was read; not overwritten", result.path)
        write_atomic(result.path, encode_source(result.new_text, result.encoding), expected=current)
    except SourceError as error:
        return FileResult(result.path, findings=result.findings, error=error.reason, kind=result.kind)
    return result


def _stdin(mode, config, selection, options, reporter, report, tally) -> None:  # noqa: ANN001
    """``-``: one source from stdin; ``apply -`` writes the migrated source to stdout."""
    from migrate.session import FileResult, Mode
    from migrate.stdin import migrate_stdin, output_of

    data = sys.stdin.buffer.read()
    name = options.stdin_filename or Path("-")
    config = config.override(include=options.include or None, exclude=options.exclude or None)
    if options.stdin_filename is not None and not config.accepts(name):
        result = FileResult(name)
    else:
        result = migrate_stdin(data, name, selection)
    if mode is Mode.APPLY:
        sys.stdout.buffer.write(output_of(data, result))  # the file itself: never masked
        sys.stdout.buffer.flush()
    _emit(mode, result, reporter, report, tally)
