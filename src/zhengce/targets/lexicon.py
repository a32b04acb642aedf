"""The target vocabulary (``data/*.toml``) and the patterns compiled from it, built once.

Grammar lives here as named, compiled patterns; the words they alternate over
come from the data files, never from the code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import regex

from .._re import _WHITE_SPACE as _WHITE_SPACE  # the spaces of \s, for the tests
from .._re import compile_re

__all__ = ["Lexicon", "compile_re", "lexicon", "load_data"]


def load_data(name: str) -> dict[str, object]:
    """Parse ``zhengce/data/NAME`` (a TOML file)."""
    text = resources.files("zhengce").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _alternation(words: object) -> str:
    """A regex alternation, longest word first so that 个百分点 beats 个."""
    assert isinstance(words, (list, tuple, dict, set, frozenset))
    return "|".join(regex.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _trie(words: list[str], guards: dict[str, str]) -> str:
    """``w1|w2|…`` (each word followed by its guard lookahead, if any), factored by
    leading characters: ``万吨|万元|个`` becomes ``(?=[万个])(?:万(?:吨|元)|个)``.

    The same matches in the same order of trial: words with different first
    characters cannot both match at one position, so grouping them by first
    character changes nothing but the work, as long as the order inside each group
    is kept and a word ending inside a group (the empty rest) is tried last, which
    a longest-first order of ``words`` ensures. The lookahead lets a position where
    no word starts fail at once, instead of after one test per word.
    """
    firsts = sorted({w[0] for w in words})
    return f"(?=[{''.join(regex.escape(c) for c in firsts)}])(?:{_factored(words, 0, guards)})"


def _factored(words: list[str], depth: int, guards: dict[str, str]) -> str:
    """The alternation of ``words``, which share their first ``depth`` characters."""
    if len(words) == 1:
        word = words[0]
        return regex.escape(word[depth:]) + (f"(?!{guards[word]})" if word in guards else "")
    groups: dict[str, list[str]] = {}
    for w in words:
        assert len(w) > depth or w is words[-1], "longest words first: a word ends a group"
        groups.setdefault(w[depth : depth + 1], []).append(w)
    out = []
    for key, group in groups.items():
        if key == "" or len(group) == 1:
            out.append(_factored(group, depth, guards))
        else:
            out.append(f"{regex.escape(key)}(?:{_factored(group, depth + 1, guards)})")
    return "|".join(out)


# ---- numerals -----------------------------------------------------------------------------
# An Arabic number: both widths, thousands separators (1,000 / 1，000), a decimal part.
AR = r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
MAG = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万)"
# 150亿, 1.2万亿, 3万4000
AR_NUM = rf"{AR}(?:{MAG}(?:{AR}(?![0-9０-９]))?)?"
_D = "[一二两三四五六七八九]"
# One positional section below 万: 两千五百, 一百零五, 十二, 五. (Written with the
# leading digit factored out of 千…, 百…, 十… and the digit alone, tried in that order.)
_SEC = (
    rf"(?:{_D}(?:千(?:零?{_D}百)?(?:零?{_D}十)?(?:零?{_D})?"
    rf"|百(?:零?{_D}十)?(?:零?{_D})?"
    rf"|十{_D}?"
    rf"|)"
    rf"|十{_D}?)"
)
# 一万五千亿, 二十万亿, 十二点五, 五百万. Not after characters that make 一/十 a word.
CN_CORE = rf"(?:{_SEC}(?:点[零〇一二三四五六七八九]+)?(?:(?:万亿|亿|万){_SEC}?)*)"
CN_NUM = rf"(?<![第统唯之同单其逐进某任周星初每万]){CN_CORE}"
# A bare magnitude is a number only after a comparator: 达到万家, 超百亿. One
# fixed-width lookbehind per word, so that the stdlib ``re`` compiles it too.
BARE = (
    r"(?:(?<=达到)|(?<=超过)|(?<=超)|(?<=逾)|(?<=近)|(?<=突破)|(?<=上))"
    r"(?:万亿|千亿|百亿|亿|千|万|百)"
)
NUM = rf"(?:{AR_NUM}|{CN_NUM}|{BARE})"
RANGE_SEP = r"(?:[-－—–~～〜]{1,2}|至|到)"
# The characters a shorter reading of an Arabic number stops before.
_AFTER_NUMBER_NEVER = frozenset("0123456789０１２３４５６７８９,，.．")


@dataclass(frozen=True)
class Lexicon:
    """The target vocabulary, and the patterns built from it.

    Each pattern is compiled when it is first asked for, then kept: a run over one
    short document compiles only the patterns its text leads the reader to.
    """

    units: dict[str, str]  # unit -> kind
    unit_guards: dict[str, str]  # unit -> what must not follow it
    pre_comparators: dict[str, str]
    post_comparators: dict[str, str]
    infix_comparators: dict[str, str]
    verb_comparators: dict[str, str]
    sign_comparators: dict[str, str]
    periods: dict[str, tuple[int, int]]
    words: dict[str, frozenset[str]]

    @cached_property
    def quantity(self) -> re.Pattern[str]:
        units, infix = self.units, self.infix_comparators
        unit_alt = _trie(sorted(units, key=lambda w: (-len(w), w)), self.unit_guards)
        # The unit, optionally per another unit (万吨/年, 人/万人, TFLOPS/w); ASCII units
        # must not run on into a word (5G is not 5 G).
        per = rf"(?:/(?:万|千|百|亿)?(?:{unit_alt}|年|日|天|月|人口))?"
        unit = rf"(?:{unit_alt}){per}(?![A-Za-z0-9])"
        # The one pattern run over every whole text: it uses nothing beyond what the
        # stdlib ``re`` supports (no \p classes, fixed-width lookbehinds), and ``re``
        # scans a text for it several times faster than ``regex`` (same matches).
        # Written for less backtracking than the plain AR_NUM and NUM, with the same
        # matches: an Arabic number is an atomic group, since a shorter reading of it
        # ends before a digit, a separator or a decimal point, and nothing that may
        # follow a number here (a magnitude, a unit, a range, 余/多/来, a space) begins
        # with one; a bare magnitude is looked for only at a magnitude character.
        assert not any(w[0] in _AFTER_NUMBER_NEVER for w in [*units, *infix]), "see the note above"
        ar = f"(?>{AR})"
        ar_num = rf"{ar}(?:{MAG}(?:{ar}(?![0-9０-９]))?)?"
        num = rf"(?:{ar_num}|{CN_NUM}|(?=[万千百亿]){BARE})"
        return re.compile(
            rf"""
            (?=[0-9０-９一二两三四五六七八九十百千万亿翻])  # the first character, checked first
            (?<![0-9０-９.．A-Za-z第/“"])
            (?:
                (?P<pct>(?P<pct_kind>百分之|千分之)(?P<pct_num>{ar}|{CN_CORE}))
              | (?P<half>一半)
              | (?P<fan>翻(?P<fan_n>[一两二三四])番)
              | (?P<cheng>(?P<cheng_n>[一二三四五六七八九])成)(?=以上|以下|左右|[，。；、,]|$)
              | (?P<num>{num})
                (?:(?P<unit1>[%％])?[ \u3000]?{RANGE_SEP}[ \u3000]?(?P<num2>{ar_num}|{CN_NUM}))?
                (?P<infix>{_alternation(infix)})?
                [ \u3000]?
                (?P<unit>{unit})
            )
            """,
            re.VERBOSE,
        )

    @cached_property
    def pre_comparator_at_end(self) -> re.Pattern[str]:
        return compile_re(rf"(?P<word>{_alternation(self.pre_comparators)})\s*$")

    @cached_property
    def post_comparator_at_start(self) -> re.Pattern[str]:
        return compile_re(rf"\s*(?P<word>{_alternation(self.post_comparators)})")

    @cached_property
    def growth_at_end(self) -> re.Pattern[str]:
        return compile_re(rf"(?P<word>{_alternation(self.words['growth'])})了?\s*$")

    @cached_property
    def reduction_at_end(self) -> re.Pattern[str]:
        return compile_re(rf"(?P<word>{_alternation(self.words['reduction'])})了?\s*$")

    @cached_property
    def verb_at_start(self) -> re.Pattern[str]:
        return _at_start(self.words["verbs"])

    @cached_property
    def verb_at_end(self) -> re.Pattern[str]:
        return _at_end(self.words["verbs"])

    @cached_property
    def lead_at_start(self) -> re.Pattern[str]:
        # 使用外资, 一般公共预算收入: a lead word that begins a longer word stays
        lead = self.words["scope"] | self.words["aspirational"]
        return compile_re(
            rf"(?:\s|[、，,：:]|(?!{_alternation(self.words['scope_compounds'])})(?:{_alternation(lead)}))+"
        )

    @cached_property
    def past(self) -> regex.Pattern[str]:  # \p{Han}: compiled with regex
        # 已批复的创新中心: a past word inside an attribute (…的) states no fact.
        return regex.compile(rf"(?:{_alternation(self.words['past'])})(?!\p{{Han}}{{1,3}}的)")

    @cached_property
    def subsidy(self) -> re.Pattern[str]:
        return _anywhere(self.words["subsidy"])

    @cached_property
    def grant(self) -> re.Pattern[str]:
        return _anywhere(self.words["grant"])

    @cached_property
    def modal(self) -> re.Pattern[str]:
        return _anywhere(self.words["modal"])

    @cached_property
    def eligibility_at_start(self) -> re.Pattern[str]:
        return compile_re(
            rf"\s*(?:{_alternation(self.words['eligibility'])}|对(?![标照接外口话比]))"
        )

    @cached_property
    def meta_noun_at_start(self) -> re.Pattern[str]:
        # 6个一级指标: a grade word may stand between the count and the noun
        return compile_re(
            rf"\s*(?:[一二三四五六七八九]级)?(?:{_alternation(self.words['meta_nouns'])})"
        )

    @cached_property
    def linking_verb(self) -> re.Pattern[str]:
        return compile_re(
            rf"(?!{_alternation(self.words['scope_compounds'])})"
            r"(?:实现|使得|使|推动|促进|确保|力争|争取|带动|推进)"
        )

    @cached_property
    def aspirational(self) -> re.Pattern[str]:
        return _anywhere(self.words["aspirational"])

    @cached_property
    def increment(self) -> re.Pattern[str]:
        return _anywhere(self.words["increment"])

    @cached_property
    def share_word(self) -> re.Pattern[str]:
        return _anywhere(self.words["share"])

    @cached_property
    def _strong_increment_words(self) -> frozenset[str]:
        # 新增城镇就业: only the words that say "new" or "in all" open an increment name
        return frozenset(
            w
            for w in self.words["increment"]
            if (w.startswith("新") and len(w) > 1) or w.startswith("累计")
        )

    @cached_property
    def increment_at_start(self) -> re.Pattern[str]:
        return compile_re(rf"(?:{_alternation(self._strong_increment_words)})")

    @cached_property
    def strong_increment(self) -> re.Pattern[str]:
        return _anywhere(self._strong_increment_words)

    @cached_property
    def target_heading(self) -> re.Pattern[str]:
        return _anywhere(self.words["target_headings"])

    @cached_property
    def past_heading(self) -> re.Pattern[str]:
        return _anywhere(self.words["past_headings"])

    @cached_property
    def pivot_at_start(self) -> re.Pattern[str]:
        return _at_start(self.words["pivot_verbs"])

    @cached_property
    def verb_anywhere(self) -> re.Pattern[str]:
        return _anywhere(self.words["verbs"])

    @cached_property
    def head_noun_at_end(self) -> re.Pattern[str]:
        return compile_re(rf"(?:{_alternation(self.words['head_nouns'])})(?:等)?\s*$")

    @cached_property
    def plan_name(self) -> re.Pattern[str]:
        return compile_re(_alternation(self.periods))

    @cached_property
    def norm(self) -> re.Pattern[str]:
        return _anywhere(self.words["norms"])

    @cached_property
    def application(self) -> re.Pattern[str]:
        return _anywhere(self.words["application"])

    @cached_property
    def quota(self) -> re.Pattern[str]:
        return _anywhere(frozenset(w for w in self.words["application"] if w.startswith("限")))

    @cached_property
    def classifying(self) -> re.Pattern[str]:
        # 将三级指标归纳为: a structure noun, a few characters, then the dividing verb
        return compile_re(
            rf"(?:{_alternation(self.words['meta_nouns'])})[^，,。；;]{{0,8}}?"
            rf"(?:{_alternation(self.words['classifying'])})"
        )

    @cached_property
    def evidence(self) -> re.Pattern[str]:
        # Any word a reading of a clause can take as evidence of a commitment (a verb,
        # a comparator before the number, growth, reduction, an adding word): a clause
        # without one, with no deadline and no modal or aspiration, states no target.
        words = self.words
        return _anywhere(
            words["verbs"]
            | frozenset(self.pre_comparators)
            | words["growth"]
            | words["reduction"]
            | words["increment"]
        )


def _at_end(ws: frozenset[str] | dict[str, str]) -> re.Pattern[str]:
    return compile_re(rf"(?:{_alternation(ws)})\s*$")


def _at_start(ws: frozenset[str] | dict[str, str]) -> re.Pattern[str]:
    return compile_re(rf"\s*(?:{_alternation(ws)})")


def _anywhere(ws: frozenset[str]) -> re.Pattern[str]:
    return compile_re(_alternation(ws))


@cache
def lexicon() -> Lexicon:
    """Load every vocabulary file once; the patterns are compiled on first use."""
    units_data = load_data("units.toml")
    units: dict[str, str] = {}
    guards = {str(k): str(v) for k, v in dict(units_data.pop("guards", {})).items()}  # type: ignore[call-overload]
    for kind, table in units_data.items():
        assert isinstance(table, dict)
        for unit in table["units"]:
            units[unit] = kind
    comparators = load_data("comparators.toml")
    pre = {str(k): str(v) for k, v in dict(comparators["pre"]).items()}  # type: ignore[call-overload]
    post = {str(k): str(v) for k, v in dict(comparators["post"]).items()}  # type: ignore[call-overload]
    infix = {str(k): str(v) for k, v in dict(comparators["infix"]).items()}  # type: ignore[call-overload]
    as_verb = {str(k): str(v) for k, v in dict(comparators["as_verb"]).items()}  # type: ignore[call-overload]
    signs = {str(k): str(v) for k, v in dict(comparators["signs"]).items()}  # type: ignore[call-overload]
    periods_table = load_data("periods.toml")["periods"]
    assert isinstance(periods_table, dict)
    periods = {str(k): (int(v[0]), int(v[1])) for k, v in periods_table.items()}
    vocab = load_data("vocabulary.toml")
    words = {
        name: frozenset(str(w) for w in table["words"])  # type: ignore[index]
        for name, table in vocab.items()
    }
    return Lexicon(
        units=units,
        unit_guards=guards,
        pre_comparators=pre,
        post_comparators=post,
        infix_comparators=infix,
        verb_comparators=as_verb,
        sign_comparators=signs,
        periods=periods,
        words=words,
    )
