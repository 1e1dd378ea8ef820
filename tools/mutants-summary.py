#!/usr/bin/env python3
"""Caught / missed / unviable / timeout counts of cargo-mutants runs, per module and per file.

    python3 tools/mutants-summary.py target/mutants/out/<module> [...]   (scripts/mutants.sh does it)
    python3 tools/mutants-summary.py --missed target/mutants/out/phone   also list every survivor

Each argument is a cargo-mutants --output directory (its mutants.out/outcomes.json). The score is
(caught + timeout) / (caught + missed + timeout): a mutant that makes the tests hang is detected (the
run does not pass; each timeout is listed with --missed to be looked at), and unviable mutants (they
do not compile) are not counted. A module passes at >= 90 %.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

GOAL = 0.90
KINDS = {"CaughtMutant": "caught", "MissedMutant": "missed", "Unviable": "unviable", "Timeout": "timeout"}


def outcomes(out_dir):
    p = Path(out_dir) / "mutants.out" / "outcomes.json"
    if not p.exists():
        p = Path(out_dir) / "outcomes.json"
    data = json.loads(p.read_text())
    for o in data.get("outcomes", []):
        scenario = o.get("scenario")
        if not isinstance(scenario, dict) or "Mutant" not in scenario:
            if o.get("summary") not in ("Success", None):
                print(f"{out_dir}: baseline {o.get('summary')}: the tests fail without any mutation")
            continue
        m = scenario["Mutant"]
        span = m.get("span", {}).get("start", {})
        name = f"{m.get('file')}:{span.get('line')}:{span.get('column')}: {m.get('genre', '')} {m.get('function', {}).get('function_name', '') if isinstance(m.get('function'), dict) else ''}: {m.get('replacement', '')}"
        yield m.get("file"), KINDS.get(o.get("summary"), o.get("summary")), name


def planned(out_dir):
    """How many mutants the run was to test (its mutants.json), or None."""
    p = Path(out_dir) / "mutants.out" / "mutants.json"
    try:
        return len(json.loads(p.read_text()))
    except (FileNotFoundError, ValueError):
        return None


def row(label, c, of=None):
    scored = c["caught"] + c["missed"] + c["timeout"]
    pct = 100.0 * (c["caught"] + c["timeout"]) / scored if scored else 100.0
    mark = "ok" if pct >= GOAL * 100 else "BELOW 90%"
    done = c["caught"] + c["missed"] + c["timeout"] + c["unviable"]
    tested = f"{done} of {of}" if of else f"{done}"
    return f"| {label} | {tested} | {c['caught']} | {c['missed']} | {c['unviable']} | {c['timeout']} | {pct:.1f} % | {mark} |", pct


def main(args):
    show_missed = "--missed" in args
    dirs = [a for a in args if a != "--missed"]
    print("| module / file | tested | caught | missed | unviable | timeout | detected of viable | ≥ 90 % |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    below = []
    missed = []
    # `<module>-rerun*` directories (survivors run again after new tests) override the outcome of
    # the same mutants in `<module>`; `<module>-shard*` directories (more round-robin sample shards,
    # `MUTANTS_NAME=<module>-shardN`) add to it
    modules = defaultdict(list)
    for d in dirs:
        modules[Path(d).name.split("-rerun")[0].split("-shard")[0]].append(d)
    for module, group in modules.items():
        per_file = defaultdict(lambda: defaultdict(int))
        total = defaultdict(int)
        merged = {}
        for d in sorted(group, key=lambda x: "-rerun" in x):
            try:
                for f, kind, name in outcomes(d):
                    merged[name] = (f, kind, name)
            except FileNotFoundError:
                pass
        if not merged:
            print(f"| {module} | (no outcomes.json: not run) | | | | | | |")
            continue
        for f, kind, name in merged.values():
            per_file[f][kind] += 1
            total[kind] += 1
            if kind in ("missed", "timeout"):
                missed.append(f"{module}: {kind}: {name}")
        runs = [planned(d) for d in group if "-rerun" not in d]
        of = sum(runs) if runs and None not in runs else None
        line, pct = row(f"**{module}**", total, of)
        print(line)
        if pct < GOAL * 100:
            below.append(module)
        if len(per_file) > 1:
            for f in sorted(per_file):
                print(row(f"  {f}", per_file[f])[0])
    if show_missed:
        print("\nsurvivors:")
        print("\n".join(missed) or "(none)")
    if below:
        print(f"\nbelow 90 %: {', '.join(below)}")


if __name__ == "__main__":
    main(sys.argv[1:])
