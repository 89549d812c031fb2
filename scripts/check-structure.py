#!/usr/bin/env python3
"""Checks the workspace's structure; exits 1 and prints every offence found.

(a) No circle of files inside a crate. Each target root (src/lib.rs, src/main.rs, src/bin/*.rs) is walked through
    its `mod` declarations; a file depends on another when it names an item there through a `crate::`, `self::` or
    `super::` path (in a `use` or in code), following `pub use` re-exports to the file that defines the item. A
    module naming its own submodules is containment, not a dependency, so a crate root or a `mod.rs` that mounts
    its children never closes a circle by itself.
(b) No module under crates/http/src/routes names another route module: shared response types live outside routes/.
(c) Crates depend only on what their layer allows (read from each Cargo.toml's [dependencies] and
    [build-dependencies]): the domain on no workspace crate, an adapter on the domain only, the crates that wire
    or exercise everything (app, eval, tests) on any.

Python 3.11 standard library only.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Workspace crates allowed to depend on any other workspace crate.
WIRING = {"marquee-app", "marquee-eval", "marquee-tests"}
DOMAIN = "marquee-domain"

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"
TOKEN = re.compile(
    r"""
      (?P<comment>//[^\n]*|/\*.*?\*/)
    | (?P<raw>b?r(?P<hashes>\#*)".*?"(?P=hashes))
    | (?P<str>b?"(?:\\.|[^"\\])*")
    | (?P<char>b?'(?:\\.|[^'\\])')
    """,
    re.VERBOSE | re.DOTALL,
)


def strip(source: str) -> str:
    """The source with comments, strings and character literals blanked (newlines kept)."""

    def blank(m: re.Match[str]) -> str:
        text = m.group(0)
        return "\n" * text.count("\n") if m.group("comment") is not None else '""'

    return TOKEN.sub(blank, source)


@dataclass
class Module:
    path: tuple[str, ...]  # module path from the crate root, e.g. ("routes", "media")
    file: Path
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)  # declared `mod x;` → module path
    exports: dict[str, str] = field(default_factory=dict)  # name re-exported with `pub use` → full path


@dataclass
class Reference:
    source: Path
    module: tuple[str, ...]  # the (possibly inline) module the reference sits in
    path: list[str]  # as written, e.g. ["crate", "routes", "media", "MediaKindName"]


MOD_DECL = re.compile(rf"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+({IDENT})\s*;", re.MULTILINE)
INLINE_MOD = re.compile(rf"(?:pub(?:\([^)]*\))?\s+)?mod\s+({IDENT})\s*\{{")
# Unit tests exercise their module from inside; what they name is not part of the structure.
CFG_TEST = re.compile(r"#\[cfg\(test\)\]\s*$")
USE = re.compile(r"(?P<pub>pub(?:\([^)]*\))?\s+)?use\s+(?P<tree>[^;]+);", re.DOTALL)
PATH = re.compile(rf"(?<![A-Za-z0-9_:])(?:crate|self|super)(?:\s*::\s*{IDENT})+")


def expand(tree: str) -> list[tuple[list[str], str | None]]:
    """A use tree → (path, name bound) pairs; `a::{b, c::d as e}` → ([a, b], b), ([a, c, d], e)."""
    tree = re.sub(r"\s+", " ", tree).strip()
    out: list[tuple[list[str], str | None]] = []

    def walk(prefix: list[str], text: str) -> None:
        text = text.strip()
        if not text:
            return
        if "{" in text and (text.find("{") < text.find(" as ") or " as " not in text):
            head, _, rest = text.partition("{")
            body = rest[: rest.rfind("}")]
            base = prefix + [s for s in head.replace(" ", "").split("::") if s]
            depth, start = 0, 0
            for i, ch in enumerate(body):
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                elif ch == "," and depth == 0:
                    walk(base, body[start:i])
                    start = i + 1
            walk(base, body[start:])
            return
        alias = None
        if " as " in text:
            text, _, alias = text.partition(" as ")
            alias = alias.strip()
        segs = prefix + [s for s in text.replace(" ", "").split("::") if s]
        if segs and segs[-1] == "self":
            segs = segs[:-1]
        if segs:
            out.append((segs, alias if alias is not None else (None if segs[-1] == "*" else segs[-1])))

    walk([], tree)
    return out


class Crate:
    def __init__(self, name: str, directory: Path):
        self.name = name
        self.dir = directory
        self.modules: dict[tuple[tuple[str, ...], Path], Module] = {}
        self.references: list[Reference] = []

    def load(self, root: Path) -> dict[tuple[str, ...], Module]:
        """Walks one target's module tree from its root file."""
        tree: dict[tuple[str, ...], Module] = {}
        self._load(tree, (), root, root.parent)
        return tree

    def _load(self, tree: dict[tuple[str, ...], Module], path: tuple[str, ...], file: Path, child_dir: Path) -> None:
        text = strip(file.read_text(encoding="utf-8"))
        module = Module(path, file)
        tree[path] = module
        # Inline modules: (name, depth at which its body opened, unit tests?), so `super::` inside them resolves.
        inline: list[tuple[str, int, bool]] = []
        depth = 0
        pos = 0
        events = sorted(
            [(m.start(), "mod", m) for m in INLINE_MOD.finditer(text)]
            + [(m.start(), "use", m) for m in USE.finditer(text)]
            + [(m.start(), "path", m) for m in PATH.finditer(text)]
        )
        use_spans: list[tuple[int, int]] = []
        for start, kind, m in events:
            for ch in text[pos:start]:
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    while inline and inline[-1][1] > depth:
                        inline.pop()
            pos = max(pos, start)
            here = path + tuple(name for name, _, _ in inline)
            if kind == "mod":
                inline.append((m.group(1), depth + 1, bool(CFG_TEST.search(text[:start]))))
            elif any(test for _, _, test in inline):
                continue
            elif kind == "use":
                use_spans.append((m.start(), m.end()))
                for segs, bound in expand(m.group("tree")):
                    self.references.append(Reference(file, here, segs))
                    if m.group("pub") and not inline and bound:
                        module.exports[bound] = "::".join(segs)
            elif not any(a <= start < b for a, b in use_spans):
                segs = [s.strip() for s in m.group(0).split("::")]
                self.references.append(Reference(file, here, segs))
        for decl in MOD_DECL.finditer(text):
            name = decl.group(1)
            if CFG_TEST.search(text[: decl.start()]):
                continue
            candidates = [child_dir / f"{name}.rs", child_dir / name / "mod.rs"]
            found = next((c for c in candidates if c.exists()), None)
            if found is None:
                continue
            module.children[name] = path + (name,)
            self._load(tree, path + (name,), found, child_dir / name)

    def resolve(self, tree: dict[tuple[str, ...], Module], ref: Reference) -> tuple[Path, str] | None:
        """The file a path names an item in, and the item's name; None when the path leaves the crate."""
        segs = list(ref.path)
        head = segs[0]
        if head == "crate":
            base: tuple[str, ...] = ()
            segs = segs[1:]
        elif head in ("self", "super"):
            base = ref.module
            while segs and segs[0] in ("self", "super"):
                if segs.pop(0) == "super":
                    base = base[:-1]
        else:
            own = tree.get(ref.module)
            if own is None or head not in own.children:
                return None
            base = ref.module
        # Inline modules have no file: name the file of the nearest enclosing file module.
        current = base
        while current not in tree:
            current = current[:-1]
        seen = 0
        while segs and seen < 16:
            seen += 1
            module = tree[current]
            name = segs[0]
            if name in module.children:
                current = module.children[name]
                segs.pop(0)
                continue
            if name in module.exports:
                target = module.exports[name].split("::")
                if target[0] in ("crate", "self", "super") or target[0] in module.children:
                    again = self.resolve(tree, Reference(module.file, current, target + segs[1:]))
                    return again
                return None
            break
        return tree[current].file, (segs[0] if segs else "*")

    def targets(self) -> list[Path]:
        roots = [self.dir / "src" / "lib.rs", self.dir / "src" / "main.rs"]
        roots += sorted((self.dir / "src" / "bin").glob("*.rs"))
        return [r for r in roots if r.exists()]


def cycles(graph: dict[Path, set[Path]]) -> list[list[Path]]:
    """Strongly connected components with more than one file (Tarjan)."""
    index: dict[Path, int] = {}
    low: dict[Path, int] = {}
    stack: list[Path] = []
    on: set[Path] = set()
    out: list[list[Path]] = []
    counter = 0

    def visit(v: Path) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def rel(p: Path) -> str:
    return str(p.relative_to(ROOT))


def check_files(crate: Crate, problems: list[str]) -> None:
    routes = ROOT / "crates" / "http" / "src" / "routes"
    for root in crate.targets():
        crate.references = []
        tree = crate.load(root)
        owner = {m.file: m.path for m in tree.values()}
        graph: dict[Path, set[Path]] = {m.file: set() for m in tree.values()}
        names: dict[tuple[Path, Path], set[str]] = {}
        for ref in crate.references:
            hit = crate.resolve(tree, ref)
            if hit is None:
                continue
            target, item = hit
            if target == ref.source:
                continue
            # A module naming its own submodules is containment.
            if owner[target][: len(owner[ref.source])] == owner[ref.source]:
                continue
            graph[ref.source].add(target)
            names.setdefault((ref.source, target), set()).add(item)
        for component in cycles(graph):
            inside = set(component)
            lines = [f"{crate.name}: a circle of files ({root.name} target):"]
            for a in component:
                for b in sorted(graph[a] & inside):
                    lines.append(f"    {rel(a)} -> {rel(b)}: {', '.join(sorted(names[(a, b)]))}")
            problems.append("\n".join(lines))
        for (a, b), items in sorted(names.items()):
            if (
                a.parent == routes
                and a.name != "mod.rs"
                and (b.parent == routes or routes in b.parents)
                and b.name != "mod.rs"
            ):
                problems.append(
                    f"{crate.name}: route module {rel(a)} imports route module {rel(b)}: {', '.join(sorted(items))}"
                )


def check_dependencies(manifests: dict[str, dict], problems: list[str]) -> None:
    for name, manifest in sorted(manifests.items()):
        internal = set()
        for table in ("dependencies", "build-dependencies"):
            internal |= {dep for dep in manifest.get(table, {}) if dep in manifests}
        if name in WIRING:
            continue
        allowed = set() if name == DOMAIN else {DOMAIN}
        for dep in sorted(internal - allowed):
            layer = "the domain" if name == DOMAIN else "an adapter"
            problems.append(f"{name} ({layer}) depends on {dep}; allowed: {', '.join(sorted(allowed)) or 'nothing internal'}")


def main() -> int:
    workspace = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))["workspace"]
    dirs: list[Path] = []
    for member in workspace["members"]:
        dirs += sorted(p for p in ROOT.glob(member) if (p / "Cargo.toml").exists())
    manifests: dict[str, dict] = {}
    crates: list[Crate] = []
    for d in dirs:
        manifest = tomllib.loads((d / "Cargo.toml").read_text(encoding="utf-8"))
        name = manifest["package"]["name"]
        manifests[name] = manifest
        crates.append(Crate(name, d))
    problems: list[str] = []
    for crate in crates:
        check_files(crate, problems)
    check_dependencies(manifests, problems)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} structure problem(s)", file=sys.stderr)
        return 1
    print(f"structure: {len(crates)} crates, no circle of files, routes stand alone, dependencies by layer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
