"""Version floors: does a version specifier admit a version below a floor, and how to raise it minimally.

Pure text-in/text-out helpers shared by every requirement format of :mod:`transforms.dependency_floor`.
Decisions are made by ``packaging`` itself: a specifier admits a version below the floor when
it contains one of a finite set of candidate versions (every version the specifier names, the
versions just above and just below each of them, the floor, the next major and minor releases),
which covers every interval a specifier can describe. Pre-releases are left out (``pip`` does not
pick them unless asked), so ``>=1.108.1rc1`` counts as satisfied.

``api_break`` is the release that removed the API of every older version (openai 1.0 removed the
0.x module API): a requirement that states a lower bound below it, or admits only older versions,
is reported rather than raised, since raising it would install a new major version under code
that may still be written for the old one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

_CLAUSE = re.compile(r"(?P<lead>\s*)(?P<op>~=|===|==|!=|<=|>=|<|>)(?P<mid>\s*)(?P<version>[^,\s]+)(?P<trail>\s*)")


@dataclasses.dataclass(frozen=True)
class Verdict:
    """``new``: the raised specifier text; ``problem``: why it must be raised by hand (a finding)."""

    new: str | None = None
    problem: str | None = None


OK = Verdict()


def _release(text: str) -> tuple[int, ...]:
    return Version(text).release


def _version(release: Iterable[int]) -> Version:
    return Version(".".join(str(n) for n in release))


def candidates(versions: Iterable[Version], floor: Version) -> list[Version]:
    """Final releases around every named version and the floor: one in each interval a specifier makes."""
    points: set[Version] = {Version("0"), Version("0.0.0.0.0.1"), Version("999999")}
    for version in (*versions, floor):
        if not version.is_prerelease and version.local is None:
            points.add(version)
        release = version.release
        for i in range(len(release)):
            bumped = (*release[:i], release[i] + 1)
            points.add(_version(bumped))
            points.add(_version((*release[:i], release[i], 999999)))
        points.add(_version((*release, 0, 0, 0, 0, 1)))  # just above
        nonzero = [i for i, n in enumerate(release) if n]
        if nonzero:
            last = nonzero[-1]
            points.add(_version((*release[:last], release[last] - 1, 999999)))  # just below
            points.add(_version((*release[:last], release[last] - 1, 999999, 999999)))
    return sorted(points)


def spec_versions(spec: SpecifierSet) -> list[Version]:
    found = []
    for clause in spec:
        text = clause.version.removesuffix(".*")
        try:
            found.append(Version(text))
        except InvalidVersion:  # "===" arbitrary strings
            continue
    return found


def witness_below(spec: SpecifierSet, floor: Version) -> Version | None:
    """A final release below ``floor`` that ``spec`` admits, or None when it admits none."""
    for version in candidates(spec_versions(spec), floor):
        if version < floor and spec.contains(version, prereleases=True):
            return version
    return None


def witness_at_or_above(spec: SpecifierSet, floor: Version) -> Version | None:
    for version in candidates(spec_versions(spec), floor):
        if version >= floor and spec.contains(version, prereleases=True):
            return version
    return None


def _same_above(old: SpecifierSet, new: SpecifierSet, floor: Version) -> bool:
    """``new`` admits no version below ``floor`` and the same versions as ``old`` from it on."""
    points = candidates([*spec_versions(old), *spec_versions(new)], floor)
    if any(v < floor and new.contains(v, prereleases=True) for v in points):
        return False
    return all(old.contains(v, prereleases=True) == new.contains(v, prereleases=True) for v in points if v >= floor)


def _upper_of_compatible(version: str) -> str:
    """``~=1.30`` allows ``<2``; ``~=1.30.0`` allows ``<1.31``."""
    release = _release(version)
    prefix = release[:-1]
    return ".".join(str(n) for n in (*prefix[:-1], prefix[-1] + 1))


def _upper_of_wildcard(version: str) -> str:
    """``==1.*`` allows ``<2``; ``==1.4.*`` allows ``<1.5``."""
    release = _release(version[:-2])
    return ".".join(str(n) for n in (*release[:-1], release[-1] + 1))


_LOWER_BOUNDS = (">=", ">", "~=", "==", "===")


def old_api_problem(
    shown: str, package: str, floor: Version, api_break: Version, target: str, *, only: bool = False
) -> str:
    """The finding for a requirement that admits versions older than ``api_break`` (openai 0.x);
    ``only``: it admits nothing else."""
    major = api_break.release[0]
    old = f"{package}<{major}"
    examples = f" ({package}.ChatCompletion, {package}.api_base, ...)" if package == "openai" else ""
    return (
        f"{shown} admits {'only ' if only else ''}{old}, whose API{examples} {package} {major}.0 removed: raising "
        f"it would install {package}>={floor} under any code still written for that API, so it is left as it is; "
        f"move the {old} code to the {major}.x API first (aoai-migrate's AOAI601 migrates the Azure code it can "
        f"prove, AOAI602-AOAI608 name the rest), then change it to {target}"
    )


def raise_specifier(
    text: str, floor: Version, *, package: str, shown: str | None = None, api_break: Version | None = None
) -> Verdict:
    """Raise a PEP 440 specifier text (``>=1.0,<2``; may be empty) so it admits nothing below ``floor``.

    Only the clauses that allowed older versions change; every other byte stays. ``==V`` stays an
    exact pin (``==<floor>``) when ``V`` has the floor's major version; anything else that admits
    no version from the floor on is a problem for a person, and so is a lower bound below
    ``api_break`` (see the module docstring).
    """
    try:
        spec = SpecifierSet(text.strip())
    except InvalidSpecifier as error:
        return Verdict(problem=f"cannot read the version specifier {text.strip()!r} ({error})")
    if witness_below(spec, floor) is None:
        return OK
    shown = shown or f"{package}{text.strip()}"
    reaches = witness_at_or_above(spec, floor) is not None
    pins = [c for c in spec if c.operator in ("==", "===") and not c.version.endswith(".*")]
    if not reaches and len(pins) == 1 and len(spec) == 1:
        if pins[0].operator == "===":
            return Verdict(problem=f"{shown} pins a version below {floor}: change it to {package}=={floor}")
        pinned = Version(pins[0].version)
        if pinned.release[:1] == floor.release[:1]:
            return _replace_exact_pin(text, floor)
        major = f"{pinned.release[0]}.x"
        return Verdict(
            problem=f"{shown} pins the {major} series, and the floor for migrated code, {package}>={floor}, is a "
            f"new major version: pin {package}=={floor} once no code depends on the {major} API"
        )
    if api_break is not None and witness_below(spec, api_break) is not None:
        only = witness_at_or_above(spec, api_break) is None
        if only or any(clause.operator in _LOWER_BOUNDS for clause in spec):
            raised = _raise_range(text, spec, floor, shown=shown) if reaches else None
            if raised is not None and raised.new is not None:
                target = package + re.sub(r"\s+", "", raised.new)
            else:
                target = f"{package}>={floor}" + ("" if reaches else " (with an upper bound above it, if you keep one)")
            return Verdict(problem=old_api_problem(shown, package, floor, api_break, target, only=only))
    if not reaches:
        return Verdict(
            problem=f"{shown} excludes {package} {floor}, the floor for migrated code: "
            f"allow it (for example {package}>={floor} with an upper bound above it, if you keep one)"
        )
    return _raise_range(text, spec, floor, shown=shown)


def _replace_exact_pin(text: str, floor: Version) -> Verdict:
    match = _CLAUSE.fullmatch(text)
    if match is None:
        return Verdict(problem=f"cannot rewrite the pin {text.strip()!r} in place: change it to =={floor}")
    new = text[: match.start("version")] + str(floor) + text[match.end("version") :]
    return Verdict(new=new)


def _raise_range(text: str, spec: SpecifierSet, floor: Version, *, shown: str) -> Verdict:
    """Replace the lower bound(s) with ``>=floor``; ``~=V``/``==V.*`` keep their upper bound."""
    refused = Verdict(problem=f"cannot rewrite {shown} in place: make it require >={floor}")
    if not text.strip():
        new = f">={floor}"
    else:
        pieces = text.split(",")
        matches = [_CLAUSE.fullmatch(piece) for piece in pieces]
        if not all(matches):
            return refused
        space = " " if re.search(r",\s", text) else ""
        out: list[str] = []
        raised = False
        for piece, match in zip(pieces, matches):
            assert match is not None
            op, version = match.group("op"), match.group("version")
            head, mid, tail = match.group("lead"), match.group("mid"), match.group("trail")
            if op in (">=", ">"):
                if not raised:
                    out.append(f"{head}>={mid}{floor}{tail}")
                    raised = True
                continue  # a second lower bound below the floor is now redundant
            upper = None
            if op == "~=":
                upper = _upper_of_compatible(version)
            elif op == "==" and version.endswith(".*"):
                upper = _upper_of_wildcard(version)
            if upper is None:
                out.append(piece)
            elif raised:
                out.append(f"{head}<{mid}{upper}{tail}")
            else:
                out.append(f"{head}>={mid}{floor},{space}<{mid}{upper}{tail}")
                raised = True
        if raised:
            new = ",".join(out)
        else:
            lead = re.match(r"\s*", out[0]).group()  # type: ignore[union-attr]
            new = f"{lead}>={floor},{space}" + ",".join([out[0][len(lead):], *out[1:]])
    try:
        raised_spec = SpecifierSet(new.strip())
    except InvalidSpecifier:
        return refused
    if not _same_above(spec, raised_spec, floor):
        return refused
    return Verdict(new=new)


# --------------------------------------------------------------------------- Poetry constraints

_POETRY_VERSION = re.compile(r"v?\d+(\.\d+)*")


def _caret_upper(release: tuple[int, ...]) -> tuple[int, ...]:
    """Poetry's ``^``: ``^1.2.3`` < 2, ``^0.2.3`` < 0.3, ``^0.0.3`` < 0.0.4, ``^0`` < 1."""
    first = next((i for i, n in enumerate(release) if n), len(release) - 1)
    return (*release[:first], release[first] + 1)


def _tilde_upper(release: tuple[int, ...]) -> tuple[int, ...]:
    """Poetry's ``~``: ``~1.2.3`` and ``~1.2`` < 1.3, ``~1`` < 2."""
    return (release[0], release[1] + 1) if len(release) >= 2 else (release[0] + 1,)


def _dotted(release: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in release)


def poetry_specifier(value: str) -> SpecifierSet | None:
    """The PEP 440 form of a Poetry version constraint, or None when it has none (``||``, unknown syntax)."""
    text = value.strip()
    try:
        if text in ("", "*"):
            return SpecifierSet()
        for sigil, upper_of in (("^", _caret_upper), ("~", _tilde_upper)):
            if text.startswith(sigil) and not text.startswith("~=") and _POETRY_VERSION.fullmatch(text[1:].strip()):
                lower = Version(text[1:].strip())
                return SpecifierSet(f">={lower},<{_dotted(upper_of(lower.release))}")
        if _POETRY_VERSION.fullmatch(text) or re.fullmatch(r"\d+(\.\d+)*\.\*", text):
            return SpecifierSet(f"=={text}")
        if "|" not in text and all(_CLAUSE.fullmatch(piece) for piece in value.split(",")):
            return SpecifierSet(text)
    except (InvalidSpecifier, InvalidVersion):
        return None
    return None


def overlap(first: SpecifierSet, second: SpecifierSet, floor: Version) -> bool:
    """Whether one final release satisfies both specifiers (checked at every candidate version)."""
    points = candidates([*spec_versions(first), *spec_versions(second)], floor)
    return any(first.contains(v, prereleases=True) and second.contains(v, prereleases=True) for v in points)


def raise_poetry(value: str, floor: Version, *, package: str, api_break: Version | None = None) -> Verdict:
    """Raise a Poetry version constraint (``^1.30``, ``~1``, ``1.30.0``, ``*``, ``>=1.0,<2``)."""
    shown = f'{package} = "{value}"'
    text = value.strip()
    lead, trail = value[: len(value) - len(value.lstrip())], value[len(value.rstrip()) :]
    if "|" in text:
        return Verdict(problem=f"{shown} is an 'or' constraint, not rewritten automatically: make it require >={floor}")
    if text in ("", "*"):
        return Verdict(new=f"{lead}>={floor}{trail}")
    for sigil, upper_of in (("^", _caret_upper), ("~", _tilde_upper)):
        if text.startswith(sigil) and not text.startswith("~=") and _POETRY_VERSION.fullmatch(text[1:].strip()):
            lower = Version(text[1:].strip())
            upper = upper_of(lower.release)
            written = f">={lower},<{_dotted(upper)}"
            spec = SpecifierSet(written)
            if witness_below(spec, floor) is None:
                return OK
            if witness_at_or_above(spec, floor) is None:
                return Verdict(
                    problem=f"{shown} allows only versions below {floor}, the floor for migrated code (it means "
                    f"{written}): change it to \"^{floor}\" once nothing depends on the older series"
                )
            if sigil == "^" and _caret_upper(floor.release) == upper:
                return Verdict(new=f"{lead}^{floor}{trail}")
            return Verdict(new=f"{lead}>={floor},<{_dotted(upper)}{trail}")
    if _POETRY_VERSION.fullmatch(text):  # a bare version is an exact pin in Poetry
        verdict = raise_specifier(f"=={text}", floor, package=package, shown=shown, api_break=api_break)
        if verdict.new is not None:
            return Verdict(new=f"{lead}{verdict.new[2:]}{trail}")
        return verdict
    if re.fullmatch(r"\d+(\.\d+)*\.\*", text):
        verdict = raise_specifier(f"=={text}", floor, package=package, shown=shown, api_break=api_break)
        return Verdict(new=f"{lead}{verdict.new}{trail}") if verdict.new is not None else verdict
    if all(_CLAUSE.fullmatch(piece) for piece in value.split(",")):
        return raise_specifier(value, floor, package=package, shown=shown, api_break=api_break)
    return Verdict(problem=f"{shown} is not rewritten automatically: make it require >={floor}")


__all__ = [
    "OK",
    "Verdict",
    "candidates",
    "old_api_problem",
    "overlap",
    "poetry_specifier",
    "raise_poetry",
    "raise_specifier",
    "witness_at_or_above",
    "witness_below",
]
