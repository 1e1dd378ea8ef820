#!/usr/bin/env python3
"""Module dependency gate (run by `make test`, lint stage).

Reads every `.rs` file of the crate (`src/`) and of the emulator (`emulator/src/`), resolves the
`crate::…`, `super::…` and `self::…` paths each one uses to the FILE that defines the module, and
fails when
  * two files import each other, directly or through a cycle of files; or
  * a lower layer of the crate imports a higher one. Layers, low to high:
      text, secret, ids           (helpers)
      model, http                 (wire model, plain HTTP data)
      input                       (the input vocabulary: Value, Issue, field readers)
      validate, webhook           (validators, webhook verification)
      api, error                  (operations: build requests, parse responses; their errors)
      client                      (the client's decisions)
      wasm                        (JS bindings)
    A file may import its own layer or lower ones (within a layer, the cycle rule still holds).
Exit status 1 with one line per violation. `--graph` prints the file graph.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LAYERS = [
    {"text", "secret", "ids"},
    {"model", "http"},
    {"input"},
    {"validate", "webhook"},
    {"api", "error"},
    {"client"},
    {"wasm"},
]


def layer_of(top):
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    return None


def module_files(src):
    """Maps module paths (tuples) to files, e.g. ('validate', 'phone') -> src/validate/phone/mod.rs."""
    out = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            path = os.path.join(dirpath, f)
            rel = os.path.relpath(path, src)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib", "main"):
                rel = rel[:-1]
            if rel and rel[0] == "bin":
                continue
            out[tuple(rel)] = path
    return out


USE_RE = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//", 1)[0] for line in text.split("\n"))


def strip_tests(text):
    """Drops `#[cfg(test)] mod tests { … }` blocks (tests may reach anywhere)."""
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def resolve(mods, here, kind, segs):
    """The file a path points into: the longest module prefix that exists."""
    if kind == "crate":
        base = ()
    else:
        base = here
        if kind == "super":
            base = here[:-1]
    # expand leading super::super
    while segs and segs[0] == "super":
        base = base[:-1]
        segs = segs[1:]
    full = base + tuple(segs)
    for n in range(len(full), -1, -1):
        if full[:n] in mods:
            return full[:n]
    return None


def graph(src):
    mods = module_files(src)
    edges = {}
    for mod, path in mods.items():
        text = strip_tests(strip_comments(open(path, encoding="utf-8").read()))
        # `use crate::a::{b, c::d}` groups (one level of braces): each item appended to the prefix
        deps = set()
        for m in re.finditer(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^{}]*)\}", text):
            prefix = [s for s in m.group(2).split("::") if s]
            for part in m.group(3).split(","):
                part = part.strip().split(" as ")[0]
                if not part:
                    continue
                segs = prefix + ([] if part == "self" else [s for s in part.split("::") if s])
                target = resolve(mods, mod, m.group(1), segs)
                if target is not None:
                    deps.add(target)
        for m in USE_RE.finditer(text):
            segs = [s for s in m.group(2).split("::") if s]
            target = resolve(mods, mod, m.group(1), segs)
            if target is not None:
                deps.add(target)
        # (a parent's `mod child;` declarations are not imports; any `use` between a module file and
        # its parent or children counts like any other edge, the crate root included)
        deps.discard(mod)
        edges[mod] = deps
    return mods, edges


def cycles(edges):
    """Strongly connected components with more than one file (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def name(src, mod):
    return os.path.relpath(module_files(src)[mod], ROOT) if mod in module_files(src) else "::".join(mod)


def main():
    problems = []
    show = "--graph" in sys.argv
    for src, layered in ((os.path.join(ROOT, "src"), True), (os.path.join(ROOT, "emulator", "src"), False)):
        mods, edges = graph(src)
        files = {m: os.path.relpath(p, ROOT) for m, p in mods.items()}
        if show:
            for m in sorted(edges):
                print(files[m], "->", ", ".join(sorted(files[d] for d in edges[m])))
        for comp in cycles(edges):
            problems.append("import cycle: " + " <-> ".join(files[m] for m in comp))
        if layered:
            for m, deps in edges.items():
                lm = layer_of(m[0]) if m else None
                for d in deps:
                    ld = layer_of(d[0]) if d else None
                    if lm is not None and ld is not None and ld > lm:
                        problems.append(f"layering: {files[m]} ({m[0]}) imports {files[d]} ({d[0]}), a higher layer")
    for p in sorted(set(problems)):
        print(p)
    if problems:
        print(f"check-layers: {len(set(problems))} problem(s)", file=sys.stderr)
        return 1
    print("check-layers: no import cycles, no upward imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
