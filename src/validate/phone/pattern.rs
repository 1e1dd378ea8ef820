//! Interpreter for the compiled metadata patterns (see `js/tools/gen-phone-data.mjs` for the encoding).
//!
//! The patterns use a small regex subset over ASCII digits: digits, `\d`, classes, `(?:...)`, `(...)`,
//! `|`, `?`, `{n}`, `{n,m}` and `$`. Matching is backtracking with JavaScript's priorities (first
//! alternative first, greedy quantifiers), so prefix matches and captures are exactly what `RegExp#exec`
//! returns. The work is bounded: at most [`MAX_STEPS`] steps and [`MAX_DEPTH`] nested choice points per
//! match (the metadata needs about a hundred steps at most); beyond that the match fails.

use super::data::{CLASS_MASKS, PATTERNS};
use std::sync::OnceLock;

/// Reference to a compiled pattern: its offset in the generated `PATTERNS` stream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pat(pub u16);

impl Pat {
    /// No pattern.
    pub const NONE: Pat = Pat(u16::MAX);

    /// Whether this refers to a pattern.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn exists(self) -> bool {
        self != Pat::NONE
    }
}

/// Upper bound on interpreter steps for one match.
pub const MAX_STEPS: u32 = 20_000;
/// Upper bound on nested choice points for one match.
pub const MAX_DEPTH: u32 = 200;
/// Capture slots: groups 0 (unused) to 3, start and end.
const SLOTS: usize = 8;
const UNSET: usize = usize::MAX;

// Opcodes (keep in sync with the generator).
const ANY: u8 = 10;
const OPEN: u8 = 11;
const OPEN_OPT: u8 = 12;
const BAR: u8 = 13;
const CLOSE: u8 = 14;
const SAVE: u8 = 15;
const END: u8 = 16;
const CLASS: u8 = 17;
const REP: u8 = 18;
const OPT1: u8 = 19;
const ANYN: u8 = 18;
const ANYN_FIRST: u8 = 20;
const PATTERN_END: u8 = 39;
const TABLE: u8 = 40;

/// Length of the instruction at `pc` (opcode and operands).
fn insn_len(prog: &[u8], pc: usize) -> usize {
    let atom_len = |at: usize| if prog.get(at) == Some(&CLASS) { 3 } else { 1 };
    match prog.get(pc) {
        Some(&SAVE) => 2,
        Some(&CLASS) => 3,
        Some(&REP) => 3 + atom_len(pc + 3),
        Some(&OPT1) => 1 + atom_len(pc + 1),
        _ => 1,
    }
}

/// The compiled stream indexed once: the jump table (for each group open and `|`, the position of
/// the next `|` or group close of the same group; `u16::MAX` elsewhere) and every pattern's start
/// and capture-group count, in stream order.
struct Index {
    next: Box<[u16]>,
    patterns: Vec<(Pat, u8)>,
}

static INDEX: OnceLock<Option<Index>> = OnceLock::new();

fn index() -> Option<&'static Index> {
    INDEX
        .get_or_init(|| {
            let mut next = vec![u16::MAX; PATTERNS.len()].into_boxed_slice();
            let mut patterns = Vec::new();
            let mut start = 0usize;
            while start < PATTERNS.len() {
                let (end, groups) = index_pattern(PATTERNS, start, &mut next)?;
                patterns.push((Pat(u16::try_from(start).ok()?), groups));
                start = end;
            }
            Some(Index { next, patterns })
        })
        .as_ref()
}

/// Every compiled pattern and its number of capture groups, in the order of the generated stream
/// (the order the territory headers refer to them). `None` if the generated data were malformed.
pub fn patterns() -> Option<&'static [(Pat, u8)]> {
    index().map(|i| i.patterns.as_slice())
}

/// Walks the pattern starting at `start`, fills its entries of the jump table `next` and returns the
/// position after its end and its number of capture groups. `None` if malformed.
pub fn index_pattern(prog: &[u8], start: usize, next: &mut [u16]) -> Option<(usize, u8)> {
    let mut stack = [0usize; 32];
    let mut depth = 0usize;
    let mut groups = 0u8;
    let mut pc = start;
    loop {
        match *prog.get(pc)? {
            PATTERN_END => {
                return (depth == 0).then_some((pc + 1, groups));
            }
            OPEN | OPEN_OPT => {
                *stack.get_mut(depth)? = pc;
                depth += 1;
            }
            op @ (BAR | CLOSE) => {
                depth = depth.checked_sub(1)?;
                let open = *stack.get(depth)?;
                *next.get_mut(open)? = u16::try_from(pc).ok()?;
                if op == BAR {
                    *stack.get_mut(depth)? = pc;
                    depth += 1;
                }
            }
            SAVE => {
                let slot = *prog.get(pc + 1)?;
                if usize::from(slot) >= SLOTS {
                    return None;
                }
                groups = groups.max(slot / 2);
            }
            _ => {}
        }
        pc += insn_len(prog, pc);
    }
}

/// Result of a prefix match.
#[derive(Clone, Copy, Debug)]
pub struct Match {
    /// Length of the match.
    pub end: usize,
    caps: [usize; SLOTS],
}

impl Match {
    /// Byte range of capture group `g` (1-based), if it participated.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn group(&self, g: usize) -> Option<(usize, usize)> {
        let start = *self.caps.get(2 * g)?;
        let end = *self.caps.get(2 * g + 1)?;
        (start != UNSET && end != UNSET && start <= end).then_some((start, end))
    }
}

/// `new RegExp('^(?:' + pattern + ')$').test(s)`, for `s` made of ASCII digits.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn full_match(pat: Pat, s: &[u8]) -> bool {
    run(pat, s, true).is_some()
}

/// `new RegExp('^(?:' + pattern + ')').exec(s)`, for `s` made of ASCII digits.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn prefix_match(pat: Pat, s: &[u8]) -> Option<Match> {
    run(pat, s, false)
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn run(pat: Pat, s: &[u8], full: bool) -> Option<Match> {
    if !pat.exists() {
        return None;
    }
    let mut vm = Vm {
        prog: PATTERNS,
        next: &index()?.next,
        s,
        full,
        steps: 0,
        caps: [UNSET; SLOTS],
        end: 0,
    };
    if vm.run(usize::from(pat.0), 0, 0) {
        Some(Match {
            end: vm.end,
            caps: vm.caps,
        })
    } else {
        None
    }
}

struct Vm<'a> {
    prog: &'a [u8],
    next: &'a [u16],
    s: &'a [u8],
    full: bool,
    steps: u32,
    caps: [usize; SLOTS],
    end: usize,
}

impl Vm<'_> {
    #[inline(always)]
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn op(&self, pc: usize) -> Option<u8> {
        self.prog.get(pc).copied()
    }

    /// Mask of the single-digit atom at `pc` and its length.
    #[inline(always)]
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn atom(&self, pc: usize) -> Option<(u16, usize)> {
        let op = self.op(pc)?;
        match op {
            0..=9 => Some((1 << op, 1)),
            ANY => Some((0x3ff, 1)),
            CLASS => {
                let lo = self.op(pc + 1)? as u16;
                let hi = self.op(pc + 2)? as u16;
                Some((lo | (hi << 8), 3))
            }
            TABLE..=u8::MAX => Some((*CLASS_MASKS.get((op - TABLE) as usize)?, 1)),
            _ => None,
        }
    }

    /// Whether the alternative at `pc` starts with a single-digit atom that the digit at `pos` does not
    /// match (a quick rejection that saves a recursive call; most alternatives fail on their first digit).
    #[inline(always)]
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn first_atom_fails(&self, pc: usize, pos: usize) -> bool {
        match self.op(pc) {
            Some(0..=ANY | CLASS | TABLE..=u8::MAX) => match self.atom(pc) {
                Some((mask, _)) => !self.digit_in(mask, pos),
                None => false,
            },
            _ => false,
        }
    }

    #[inline(always)]
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn digit_in(&self, mask: u16, pos: usize) -> bool {
        match self.s.get(pos) {
            Some(&b) if b.is_ascii_digit() => mask & (1 << (b - b'0')) != 0,
            _ => false,
        }
    }

    #[inline(always)]
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn next_of(&self, pc: usize) -> Option<usize> {
        match self.next.get(pc) {
            Some(&n) if n != u16::MAX => Some(n as usize),
            _ => None,
        }
    }

    /// Position of the close of the group whose open or `|` is at `pc`.
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn close_of(&self, mut pc: usize) -> Option<usize> {
        // Each hop moves forward, so this ends within the program length.
        for _ in 0..=self.prog.len() {
            if self.op(pc)? == CLOSE {
                return Some(pc);
            }
            let n = self.next_of(pc)?;
            if n <= pc {
                return None;
            }
            pc = n;
        }
        None
    }

    /// Runs from `pc` at input position `pos` to the end of the program (MATCH).
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn run(&mut self, mut pc: usize, mut pos: usize, depth: u32) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        loop {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return false;
            }
            let Some(op) = self.op(pc) else {
                return false;
            };
            match op {
                PATTERN_END => {
                    if self.full && pos != self.s.len() {
                        return false;
                    }
                    self.end = pos;
                    return true;
                }
                0..=ANY | CLASS | TABLE..=u8::MAX => {
                    let Some((mask, len)) = self.atom(pc) else {
                        return false;
                    };
                    if !self.digit_in(mask, pos) {
                        return false;
                    }
                    pc += len;
                    pos += 1;
                }
                ANYN_FIRST..PATTERN_END => {
                    let n = (op - ANYN) as usize;
                    if !(pos..pos + n).all(|p| self.digit_in(0x3ff, p)) {
                        return false;
                    }
                    pc += 1;
                    pos += n;
                }
                REP | OPT1 => {
                    let (min, max, atom_at) = if op == REP {
                        let (Some(min), Some(max)) = (self.op(pc + 1), self.op(pc + 2)) else {
                            return false;
                        };
                        (min as usize, max as usize, pc + 3)
                    } else {
                        (0, 1, pc + 1)
                    };
                    let Some((mask, len)) = self.atom(atom_at) else {
                        return false;
                    };
                    let after = atom_at + len;
                    let mut k = 0;
                    while k < max && self.digit_in(mask, pos + k) {
                        k += 1;
                    }
                    // Greedy: the longest repetition first.
                    while k >= min {
                        if self.run(after, pos + k, depth + 1) {
                            return true;
                        }
                        if k == 0 {
                            break;
                        }
                        k -= 1;
                    }
                    return false;
                }
                OPEN => {
                    // Every alternative but the last with backtracking; fall into the last one.
                    let mut start = pc + 1;
                    let Some(mut sep) = self.next_of(pc) else {
                        return false;
                    };
                    while self.op(sep) == Some(BAR) {
                        if !self.first_atom_fails(start, pos) && self.run(start, pos, depth + 1) {
                            return true;
                        }
                        start = sep + 1;
                        let Some(n) = self.next_of(sep) else {
                            return false;
                        };
                        sep = n;
                    }
                    pc = start;
                }
                OPEN_OPT => {
                    // Greedy optional group: every alternative, then the group skipped.
                    let mut start = pc + 1;
                    let Some(mut sep) = self.next_of(pc) else {
                        return false;
                    };
                    loop {
                        if !self.first_atom_fails(start, pos) && self.run(start, pos, depth + 1) {
                            return true;
                        }
                        if self.op(sep) != Some(BAR) {
                            break;
                        }
                        start = sep + 1;
                        let Some(n) = self.next_of(sep) else {
                            return false;
                        };
                        sep = n;
                    }
                    // `sep` is the group close.
                    pc = sep + 1;
                }
                BAR => {
                    // End of an alternative: continue after the group.
                    let Some(close) = self.close_of(pc) else {
                        return false;
                    };
                    pc = close + 1;
                }
                CLOSE => pc += 1,
                SAVE => {
                    let Some(slot) = self.op(pc + 1).map(usize::from) else {
                        return false;
                    };
                    let Some(&old) = self.caps.get(slot) else {
                        return false;
                    };
                    if let Some(c) = self.caps.get_mut(slot) {
                        *c = pos;
                    }
                    if self.run(pc + 2, pos, depth + 1) {
                        return true;
                    }
                    if let Some(c) = self.caps.get_mut(slot) {
                        *c = old;
                    }
                    return false;
                }
                END => {
                    if pos != self.s.len() {
                        return false;
                    }
                    pc += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::phone::tables::{db, Territory};

    fn territory(c: &str) -> &'static Territory {
        db().and_then(|d| d.territory_by_country(c))
            .expect("territory")
    }

    fn all_patterns() -> Vec<Pat> {
        let mut out = Vec::new();
        for t in &db().expect("db").territories {
            out.extend([t.idd, t.npfp, t.leading_digits, t.national_pattern]);
            out.extend(t.types);
        }
        out.retain(|p| p.exists());
        out
    }

    /// A machine over a hand-written program and jump table (for the single-instruction tests).
    fn machine<'a>(prog: &'a [u8], next: &'a [u16], s: &'a [u8]) -> Vm<'a> {
        Vm {
            prog,
            next,
            s,
            full: true,
            steps: 0,
            caps: [UNSET; SLOTS],
            end: 0,
        }
    }

    #[test]
    fn instruction_lengths_follow_the_encoding() {
        // SAVE slot; CLASS lo hi; REP min max atom; OPT1 atom; an atom is a digit, ANY, a table
        // class (one byte) or CLASS lo hi (three).
        assert_eq!(insn_len(&[SAVE, 2], 0), 2);
        assert_eq!(insn_len(&[CLASS, 0x20, 0], 0), 3);
        assert_eq!(insn_len(&[REP, 1, 3, 7], 0), 4);
        assert_eq!(insn_len(&[REP, 1, 3, CLASS, 0x20, 0], 0), 6);
        assert_eq!(insn_len(&[OPT1, 7], 0), 2);
        assert_eq!(insn_len(&[OPT1, TABLE], 0), 2);
        assert_eq!(insn_len(&[OPT1, CLASS, 0x20, 0], 0), 4);
        assert_eq!(insn_len(&[9, OPT1, ANY], 1), 2);
        for op in [
            0,
            9,
            ANY,
            OPEN,
            OPEN_OPT,
            BAR,
            CLOSE,
            END,
            ANYN_FIRST,
            PATTERN_END,
            TABLE,
        ] {
            assert_eq!(insn_len(&[op], 0), 1, "opcode {op}");
        }
    }

    #[test]
    fn first_atom_rejects_only_a_digit_it_does_not_match() {
        // 3, [5], \d, a table class, a group open.
        let table = CLASS_MASKS.first().copied().expect("a class table");
        let inside = (0..10u8)
            .find(|d| table & (1 << d) != 0)
            .expect("a digit in the class");
        let prog = [3, CLASS, 0x20, 0, ANY, TABLE, OPEN, PATTERN_END];
        let next = [u16::MAX; 8];
        let five = machine(&prog, &next, b"5");
        assert!(five.first_atom_fails(0, 0));
        assert!(!five.first_atom_fails(1, 0));
        assert!(!five.first_atom_fails(4, 0));
        assert!(five.first_atom_fails(4, 1), "past the end of the input");
        assert!(
            !five.first_atom_fails(6, 0),
            "not an atom: no quick verdict"
        );
        let s = [b'0' + inside];
        let d = machine(&prog, &next, &s);
        assert!(!d.first_atom_fails(5, 0));
        assert!(d.first_atom_fails(1, 0));
    }

    #[test]
    fn jump_table_gaps_have_no_target() {
        // (?:1|2): the open and the `|` jump to the next `|` or close; nothing else jumps.
        let prog = [OPEN, 1, BAR, 2, CLOSE, PATTERN_END];
        let mut next = [u16::MAX; 6];
        assert_eq!(index_pattern(&prog, 0, &mut next), Some((6, 0)));
        let vm = machine(&prog, &next, b"2");
        assert_eq!(vm.next_of(0), Some(2));
        assert_eq!(vm.next_of(2), Some(4));
        for pc in [1, 3, 4, 5, 6, 99] {
            assert_eq!(vm.next_of(pc), None, "pc {pc}");
        }
        assert_eq!(vm.close_of(0), Some(4));
    }

    #[test]
    fn us_national_pattern() {
        let us = territory("US");
        assert!(full_match(us.national_pattern, b"2125551234"));
        assert!(full_match(us.national_pattern, b"3101234"));
        assert!(!full_match(us.national_pattern, b"1125551234"));
        assert!(!full_match(us.national_pattern, b"21255512345"));
        assert!(!full_match(us.national_pattern, b""));
        assert!(!full_match(Pat::NONE, b"1"));
    }

    #[test]
    fn idd_prefix_length_follows_js_priorities() {
        let us = territory("US");
        let m = prefix_match(us.idd, b"011442079460958").expect("match");
        assert_eq!(m.end, 3);
        assert!(prefix_match(us.idd, b"2125551234").is_none());
    }

    #[test]
    fn national_prefix_captures() {
        // AG: `([457]\d{6})$|1`, transform `268$1`.
        let ag = territory("AG");
        assert_eq!(ag.npfp_groups, 1);
        let m = prefix_match(ag.npfp, b"4641234").expect("match");
        assert_eq!(m.group(1), Some((0, 7)));
        let m = prefix_match(ag.npfp, b"12684641234").expect("match");
        assert_eq!(m.end, 1);
        assert_eq!(m.group(1), None);
        // AR: `0?(?:(11|...)15)?`, group 1 is the area code before the mobile `15`.
        let ar = territory("AR");
        let m = prefix_match(ar.npfp, b"0111523456789").expect("match");
        assert_eq!(m.end, 5);
        assert_eq!(m.group(1), Some((1, 3)));
        // BR: `(?:0|90)(?:(1[245]|...|99)(\d{10,11}))?`, transform `$2`: two groups, the carrier
        // code and the national number (the one territory with more than one).
        let br = territory("BR");
        assert_eq!(br.npfp_groups, 2);
        let m = prefix_match(br.npfp, b"01511987654321").expect("match");
        assert_eq!(
            (m.end, m.group(1), m.group(2)),
            (14, Some((1, 3)), Some((3, 14)))
        );
        // The count is the highest group saved.
        let prog = [
            SAVE,
            2,
            1,
            SAVE,
            3,
            SAVE,
            4,
            2,
            SAVE,
            5,
            SAVE,
            6,
            3,
            SAVE,
            7,
            PATTERN_END,
        ];
        let mut next = [u16::MAX; 16];
        assert_eq!(index_pattern(&prog, 0, &mut next), Some((16, 3)));
    }

    #[test]
    fn a_group_participated_only_with_both_ends() {
        // Slots: group 1 opened only, group 2 0..3, group 3 closed only.
        let m = Match {
            end: 3,
            caps: [UNSET, UNSET, 1, UNSET, 0, 3, UNSET, 2],
        };
        assert_eq!(m.group(1), None);
        assert_eq!(m.group(2), Some((0, 3)));
        assert_eq!(m.group(3), None);
        assert_eq!(m.group(4), None);
        let reversed = Match {
            end: 3,
            caps: [UNSET, UNSET, 3, 1, UNSET, UNSET, UNSET, UNSET],
        };
        assert_eq!(reversed.group(1), None);
        assert_eq!(reversed.group(2), None);
    }

    #[test]
    fn bounded_on_long_and_odd_inputs() {
        let long = [b'1'; 5000];
        let zeros = [b'0'; 300];
        for p in all_patterns() {
            let _ = full_match(p, &long);
            let _ = prefix_match(p, &long);
            let _ = prefix_match(p, &zeros);
            let _ = full_match(p, b"12a4");
        }
    }

    /// A hand-written program's match of `s` from the start: the end, with `RegExp` semantics
    /// (`full`: anchored at both ends).
    fn run_program(prog: &[u8], s: &[u8], full: bool) -> Option<usize> {
        let mut next = vec![u16::MAX; prog.len()];
        index_pattern(prog, 0, &mut next).expect("well formed");
        let mut vm = machine(prog, &next, s);
        vm.full = full;
        vm.run(0, 0, 0).then_some(vm.end)
    }

    #[test]
    fn optional_group_with_alternatives() {
        // The generator writes `(?:a|b)?` (and the last copy of `(?:a|b){1,2}`) as one optional
        // group holding the alternatives (none in the shipped metadata yet).
        // (?:1|2)?3
        let p = [OPEN_OPT, 1, BAR, 2, CLOSE, 3, PATTERN_END];
        for (s, ok) in [
            ("3", true),
            ("13", true),
            ("23", true),
            ("33", false),
            ("123", false),
        ] {
            assert_eq!(run_program(&p, s.as_bytes(), true).is_some(), ok, "{s}");
        }
        // (?:1|12|5)?2: alternatives in order, backtracking into the later ones.
        let p = [OPEN_OPT, 1, BAR, 1, 2, BAR, 5, CLOSE, 2, PATTERN_END];
        assert_eq!(run_program(&p, b"122", false), Some(2));
        assert_eq!(run_program(&p, b"122", true), Some(3));
        assert_eq!(run_program(&p, b"52", true), Some(2));
        assert_eq!(run_program(&p, b"2", true), Some(1));
        assert_eq!(run_program(&p, b"62", false), None);
    }

    #[test]
    fn the_step_and_depth_bounds_are_exact() {
        let us = territory("US");
        let next = &index().expect("index").next;
        let run_with = |steps: u32, depth: u32| {
            let mut vm = machine(PATTERNS, next, b"2125551234");
            vm.steps = steps;
            let ok = vm.run(usize::from(us.national_pattern.0), 0, depth);
            (ok, vm.steps - steps)
        };
        let (ok, used) = run_with(0, 0);
        assert!(ok && used > 0, "{used} steps");
        // With exactly the steps it needs left the match succeeds; with one fewer it fails.
        assert!(run_with(MAX_STEPS - used, 0).0);
        assert!(!run_with(MAX_STEPS - used + 1, 0).0);
        // A program without choice points runs at the depth limit, not beyond it.
        let prog = [2, PATTERN_END];
        let next = [u16::MAX; 2];
        let mut vm = machine(&prog, &next, b"2");
        assert!(vm.run(0, 0, MAX_DEPTH));
        assert!(!vm.run(0, 0, MAX_DEPTH + 1));
        // Each capture save is a nested call: 200 saves fit, 201 do not.
        let saves = |n: usize| [[SAVE, 2].repeat(n), vec![PATTERN_END]].concat();
        assert_eq!(run_program(&saves(200), b"", true), Some(0));
        assert_eq!(run_program(&saves(201), b"", true), None);
        // So is each repetition's choice point: 200 optional digits fit, 201 do not.
        let optionals = |n: usize| [[OPT1, 1].repeat(n), vec![PATTERN_END]].concat();
        assert_eq!(run_program(&optionals(200), b"", true), Some(0));
        assert_eq!(run_program(&optionals(201), b"", true), None);
        // And each alternative tried before a group's last one: 200 groups `(?:1|2)` (or
        // `(?:1|2)?`) matched by their first alternatives fit, 201 do not.
        let groups =
            |open: u8, n: usize| [[open, 1, BAR, 2, CLOSE].repeat(n), vec![PATTERN_END]].concat();
        for open in [OPEN, OPEN_OPT] {
            assert_eq!(
                run_program(&groups(open, 200), &[b'1'; 200], true),
                Some(200),
                "{open}"
            );
            assert_eq!(
                run_program(&groups(open, 201), &[b'1'; 201], true),
                None,
                "{open}"
            );
        }
    }

    #[test]
    fn steps_stay_far_below_the_bound() {
        // Every pattern against digit strings of every length up to 20: the work stays small.
        let mut worst = 0;
        for p in all_patterns() {
            for len in 0..=20 {
                for d in [b'0', b'1', b'5', b'9'] {
                    let s = vec![d; len];
                    let mut vm = Vm {
                        prog: PATTERNS,
                        next: &index().expect("index").next,
                        s: &s,
                        full: true,
                        steps: 0,
                        caps: [UNSET; SLOTS],
                        end: 0,
                    };
                    vm.run(usize::from(p.0), 0, 0);
                    worst = worst.max(vm.steps);
                }
            }
        }
        assert!(worst < MAX_STEPS / 10, "worst case {worst} steps");
    }
}
