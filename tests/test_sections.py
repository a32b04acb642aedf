"""Heading lines → the section tree, on real lines.

Each row is a small text made of real lines (``src`` names the document) and
the tree a careful reader draws from it, flattened in document order as
``(marker, level, heading)``. Known misses are strict xfails.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

import zhengce
from _corpus import corpus_names, corpus_text
from zhengce import sections
from zhengce.models import Section
from zhengce.source import split_lines


def flat(sections: list[Section]) -> list[tuple[str, int, str | None]]:
    out: list[tuple[str, int, str | None]] = []
    for s in sections:
        out.append((s.marker, s.level, s.heading))
        out.extend(flat(s.children))
    return out


def tree(text: str) -> list[tuple[str, int, str | None]]:
    doc = zhengce.parse(text)
    for s in doc.walk_sections():
        assert text[slice(*s.marker_span)] == s.marker
        if s.heading is not None:
            assert text[slice(*s.heading_span)] == s.heading  # type: ignore[misc]
    return flat(doc.sections)


# ---------------------------------------------------------------- each marker kind

MARKER_KINDS: list[Any] = [
    pytest.param(
        "一、发展思路和目标\n(一)发展思路。抢抓现代服务业整体推进的机遇。\n(二)发展目标。建立完善科技服务体系。\n二、发展重点\n",
        [("一、", 1, "发展思路和目标"), ("(一)", 2, "发展思路"), ("(二)", 2, "发展目标"), ("二、", 1, "发展重点")],
        id="一、 and ASCII (一)",  # src: corpus/nantong-2012-26.txt lines 4-7
    ),
    pytest.param(
        "一、总体目标\n坚持企业主体、多方协同。\n二、重点任务\n（一）加快数字基础设施建设。\n1.完善网络基础设施。加快企业内网升级改造。\n",
        [("一、", 1, "总体目标"), ("二、", 1, "重点任务"), ("（一）", 2, "加快数字基础设施建设"),
         ("1.", 3, "完善网络基础设施")],
        id="一、 （一） 1.",  # src: corpus/053.txt lines 2-6
    ),
    pytest.param(
        "（一）提升设计、制造、封测能力\n\n1﹒推进智能传感器芯片设计。加强对智能传感器核心技术的研发。\n\n2﹒推进智能传感器芯片制造。在符合国家集成电路政策的前提下。\n",
        [("（一）", 1, "提升设计、制造、封测能力"), ("1﹒", 2, "推进智能传感器芯片设计"), ("2﹒", 2, "推进智能传感器芯片制造")],
        id="1﹒ small full stop",  # src: corpus/061.txt lines 53-57
    ),
    pytest.param(
        "1．（联合体成员）特此正式授权。\n2．联合体将严格执行本项目的各项要求。\n",
        [("1．", 1, "（联合体成员）特此正式授权"), ("2．", 1, "联合体将严格执行本项目的各项要求")],
        id="1． full-width full stop",  # src: raw/035.txt lines 345-346
    ),
    pytest.param(
        "1.4　工作原则\n（1）统一领导、分级负责。在国务院统一领导下。\n（2）科学监测、预防为主。要提高防范突发事件的意识。\n",
        [("（1）", 1, "统一领导、分级负责"), ("（2）", 1, "科学监测、预防为主")],
        id="（1） after a 1.4 heading that is not a marker",  # src: raw/020.txt lines 49-51
    ),
    pytest.param(
        "第一章 总 则 \n第一条 为加强城市地下空间开发利用管理，制定本办法。\n第二条 本办法适用于本市地下空间的开发利用管理。 \n",
        [("第一章", 1, "总 则"), ("第一条", 2, None), ("第二条", 2, None)],
        id="第一章 总 则 and 第一条",  # src: corpus/088.txt lines 10-16
    ),
    pytest.param(
        "第一条【立法目的】为了惩罚犯罪，保护人民，根据宪法，制定本法。\n\n第二条【本法任务】中华人民共和国刑法的任务，是用刑罚同一切犯罪行为作斗争。\n",
        [("第一条", 1, "立法目的"), ("第二条", 1, "本法任务")],
        id="第一条【立法目的】 caption",  # src: 中华人民共和国刑法, edition with 条旨 captions
    ),
    pytest.param(
        "第一条　根据《中华人民共和国个人所得税法》（以下简称个人所得税法），制定本条例。\n"
        "第二条　个人所得税法所称在中国境内有住所，是指因户籍、家庭、经济利益关系而在中国境内习惯性居住。\n"
        "第三条　除国务院财政、税务主管部门另有规定外，下列所得，不论支付地点是否在中国境内，均为来源于中国境内的所得：\n"
        "（一）因任职、受雇、履约等在中国境内提供劳务取得的所得；\n（二）将财产出租给承租人在中国境内使用而取得的所得；\n"
        "第四条　在中国境内无住所的个人，免予缴纳个人所得税。\n",
        [("第一条", 1, None), ("第二条", 1, None), ("第三条", 1, None),
         ("（一）", 2, "因任职、受雇、履约等在中国境内提供劳务取得的所得"),
         ("（二）", 2, "将财产出租给承租人在中国境内使用而取得的所得"), ("第四条", 1, None)],
        id="（一） items of an article",  # src: corpus/015.txt lines 8-14 (第二条, 第四条 abridged)
    ),
    pytest.param(
        "第一章　总 则\n一、第十届全国人民代表大会第一次会议产生的新一届中央人民政府，根据《中华人民共和国宪法》和《中华人民共和国国务院组织法》，制定本规则。\n",
        [("第一章", 1, "总 则"), ("一、", 2, None)],
        id="第一章 over 一、",  # src: corpus/021.txt lines 11-12 (heading over 50 characters → null)
    ),
]


@pytest.mark.parametrize(("text", "expected"), MARKER_KINDS)
def test_marker_kinds(text: str, expected: list[Any]) -> None:
    assert tree(text) == expected


# ---------------------------------------------------------------- levels chosen per document

LEVELS: list[Any] = [
    pytest.param(
        "(一)发展思路。抢抓现代服务业整体推进的机遇。\n(二)发展目标。建立完善科技服务体系。\n",
        [("(一)", 1, "发展思路"), ("(二)", 1, "发展目标")],
        id="（一） at level 1 when outermost",  # src: corpus/nantong-2012-26.txt lines 5-6
    ),
    pytest.param(
        "一、完善国家职业教育制度体系\n（一）健全国家职业教育制度框架。\n（二）提高中等职业教育发展水平。\n"
        "（三）推进高等职业教育高质量发展。\n（四）完善高层次应用型人才培养体系。\n二、构建职业教育国家标准\n（五）完善教育教学相关标准。\n",
        [("一、", 1, "完善国家职业教育制度体系"), ("（一）", 2, "健全国家职业教育制度框架"),
         ("（二）", 2, "提高中等职业教育发展水平"), ("（三）", 2, "推进高等职业教育高质量发展"),
         ("（四）", 2, "完善高层次应用型人才培养体系"),
         ("二、", 1, "构建职业教育国家标准"), ("（五）", 2, "完善教育教学相关标准")],
        id="（五） under 二、 continues （四）",  # src: corpus/002.txt lines 13-24 (paragraphs left out)
    ),
    pytest.param(
        "一、总体要求\n（一）目标任务。选择北京、天津、上海、重庆和沈阳。\n（二）总体思路。按照国家组织、联盟采购、平台操作的总体思路。\n"
        "二、集中采购范围及形式\n（一）参加企业。经国家药品监督管理部门批准。\n",
        [("一、", 1, "总体要求"), ("（一）", 2, "目标任务"), ("（二）", 2, "总体思路"),
         ("二、", 1, "集中采购范围及形式"), ("（一）", 2, "参加企业")],
        id="（一） restarts under 二、",  # src: corpus/005.txt lines 13-17
    ),
]


# ---------------------------------------------------------------- boxes and lost first headings

BOXES_AND_GAPS: list[Any] = [
    pytest.param(
        "（一）培育数字化转型典型场景和解决方案\n1.培育数字化转型典型场景。支持行业协会。\n"
        "2.加强数字化转型解决方案研发。依托龙头企业。\n专栏1数字化解决方案研发推广工程\n"
        "1.家用电器行业：个性化定制平台、智能排产系统。\n2.家具行业：家具数字化设计平台。\n"
        "3.五金制品行业：研发推广自动上下料系统。\n（二）深入开展数字化转型改造\n3.梯次推进企业“智改数转网联”。分类制定改造方案。\n",
        [("（一）", 1, "培育数字化转型典型场景和解决方案"), ("1.", 2, "培育数字化转型典型场景"),
         ("2.", 2, "加强数字化转型解决方案研发"), ("（二）", 1, "深入开展数字化转型改造"),
         ("3.", 2, "梯次推进企业“智改数转网联”")],
        id="the numbered list of a 专栏 box is not part of the tree",  # src: corpus/029.txt lines 40-79 (abridged)
    ),
    pytest.param(
        "一、总体要求\n二、主要目标\n三、重点任务\n1.培育人工智能领军企业。\n2.引进孵化人工智能创新企业。\n3.推动人工智能产业链发展。\n"
        "（二）实施场景赋能千企千景工程\n4.加快重点产品研发及规模化发展。\n四、保障措施\n加强组织协调。\n（二）加大政策支持。引导资金投入。\n",
        [("一、", 1, "总体要求"), ("二、", 1, "主要目标"), ("三、", 1, "重点任务"), ("1.", 2, "培育人工智能领军企业"), ("2.", 2, "引进孵化人工智能创新企业"),
         ("3.", 2, "推动人工智能产业链发展"), ("（二）", 2, "实施场景赋能千企千景工程"),
         ("4.", 3, "加快重点产品研发及规模化发展"), ("四、", 1, "保障措施"), ("（二）", 2, "加大政策支持")],
        id="（二） whose （一） lost its marker",  # src: corpus/056.txt lines 1, 7, 17-23, 34-36 (abridged)
    ),
]


BOXES_AND_GAPS.append(
    pytest.param(
        "第一章　總則\n第一條　為了規範管理，制定本辦法。\n第二條　本辦法適用於全市。\n第二章　附則\n第三條　本辦法自發布之日起施行。\n",
        [("第一章", 1, "總則"), ("第一條", 2, None), ("第二條", 2, None), ("第二章", 1, "附則"), ("第三條", 2, None)],
        id="第一條 and 第一章 in traditional script",  # src: the article layout of corpus/078.txt in traditional script
    )
)


@pytest.mark.parametrize(("text", "expected"), BOXES_AND_GAPS)
def test_boxes_and_lost_first_headings(text: str, expected: list[Any]) -> None:
    assert tree(text) == expected


@pytest.mark.parametrize(("text", "expected"), LEVELS)
def test_levels_per_document(text: str, expected: list[Any]) -> None:
    assert tree(text) == expected


# ---------------------------------------------------------------- run-in markers

RUN_IN: list[Any] = [
    pytest.param(
        "（2023 版）》。一、总体要求\n二、建设思路\n（一）有色金属行业智能制造标准体系结构\n"
        "典、生产过程优化等13个部分。三、建设内容\n（一）基础综合标准（CIA）\n",
        [("一、", 1, "总体要求"), ("二、", 1, "建设思路"), ("（一）", 2, "有色金属行业智能制造标准体系结构"),
         ("三、", 1, "建设内容"), ("（一）", 2, "基础综合标准（CIA）")],
        id="。一、 and 。三、 run in after lost line breaks",  # src: raw/032.txt lines 13, 50-51, 82-83
    ),
    pytest.param(
        "（2023 版）》。一、总体要求\n二、建设思路\n三、建设内容\n（一）基础综合标准（CIA）\n"
        "基础综合标准是适用于有色金属行业的通用型标准，保障兼容性。（二）装备与系统标准（CIB）\n",
        [("一、", 1, "总体要求"), ("二、", 1, "建设思路"), ("三、", 1, "建设内容"),
         ("（一）", 2, "基础综合标准（CIA）"), ("（二）", 2, "装备与系统标准（CIB）")],
        id="。（二） run in",  # src: raw/032.txt lines 13, 50, 83-94 (paragraphs abridged)
    ),
    pytest.param(
        "（1）有专职工作人员；（2）有独立、固定的办公住所；（3）全国性社会团体和跨省（自治区、直辖市）法人社会团体应有10万元以上资金，"
        "地方性法人社会团体应有5万元以上资金，基金会基金数额不少于210万元人民币。\n",
        [("（1）", 1, "有专职工作人员"), ("（2）", 1, "有独立、固定的办公住所"), ("（3）", 1, None)],
        id="；（2）；（3） run in on one line",  # src: corpus/023.txt line 42
    ),
]


@pytest.mark.parametrize(("text", "expected"), RUN_IN)
def test_run_in_markers(text: str, expected: list[Any]) -> None:
    assert tree(text) == expected


# ---------------------------------------------------------------- must not match

NOT_SECTIONS: list[Any] = [
    pytest.param(
        "第一条 为了规范个人所得税专项附加扣除行为，制定本办法。\n第二条规定的子女教育支出，按照每个子女每月1000元的标准定额扣除。\n"
        "第二条第二款所称学历教育，包括义务教育。\n第二条 本办法所称个人所得税专项附加扣除，包括子女教育支出。\n",
        [("第一条", 1, None), ("第二条", 1, None)],
        id="第二条规定 and 第二条第二款 at a line start are citations",  # src: wording of corpus/014.txt articles
    ),
    pytest.param(
        "一、工作目标\n2021.12 完成全部煤矿智能化改造。\n二、工作要求\n",
        [("一、", 1, "工作目标"), ("二、", 1, "工作要求")],
        id="2021. at line start",  # src: corpus/057.txt headings, with a dated line
    ),
    pytest.param(
        "一、工作目标\n到2020年年底，生产能力120万吨/年以上大型煤矿必须实现智能化开采，力争1.5万吨以上。\n",
        [("一、", 1, "工作目标")],
        id="1. inside a sentence",  # src: corpus/057.txt lines 3-5
    ),
    pytest.param(
        "一、加强组织领导\n　　附件：1.自治区质监局各单位信息宣传联络员登记表\n\n"
        "　　2.自治区质监局各单位（部门）申请宣传申报单\n\n　　3.自治区质监局协助宣传报道通知单\n",
        [("一、", 1, "加强组织领导")],
        id="numbered 附件 list after 附件：",  # src: corpus/085.txt lines 38-42
    ),
    pytest.param(
        "（一）目标任务。选择北京、天津、上海、重庆和沈阳。\n（二）总体思路。按照国家组织、联盟采购、平台操作的总体思路。\n"
        "（三）基本原则。一是坚持以人民为中心，保障临床用药需求。二是坚持市场机制和政府作用相结合。\n",
        [("（一）", 1, "目标任务"), ("（二）", 1, "总体思路"), ("（三）", 1, "基本原则")],
        id="一是/二是 are not sections",  # src: corpus/005.txt lines 14-16 (abridged)
    ),
    pytest.param(
        "一、总体要求\n一、二、三级公立医院要落实绩效考核。\n二、考核内容\n",
        [("一、", 1, "总体要求"), ("二、", 1, "考核内容")],
        id="一、二、三级 is a list of numerals",  # src: wording of corpus/003.txt (三级公立医院)
    ),
    pytest.param(
        "《行动计划》中的主要任务包括：一是突破关键技术，推动产业化发展。\n",
        [],
        id="一是 after a colon",  # src: corpus/041.txt line 4
    ),
    pytest.param(
        "　　联系电话：0991-2817458 2316124（传真）\n",
        [],
        id="phone numbers",  # src: corpus/085.txt line 36
    ),
]


@pytest.mark.parametrize(("text", "expected"), NOT_SECTIONS)
def test_not_sections(text: str, expected: list[Any]) -> None:
    assert tree(text) == expected


def test_numbering_gap_is_a_diagnostic() -> None:
    # src: corpus/nantong-2012-26.txt headings with 二、 missing
    text = "一、发展思路和目标\n三、保障措施\n"
    doc = zhengce.parse(text)
    assert [s.marker for s in doc.sections] == ["一、", "三、"]
    [gap] = [d for d in doc.diagnostics if d.code == "numbering_gap"]
    assert text[slice(*gap.span)] == "三、"


def test_section_spans_cover_their_children() -> None:
    # src: corpus/nantong-2012-26.txt lines 4-7
    text = "一、发展思路和目标\n(一)发展思路。抢抓机遇。\n(二)发展目标。建立体系。\n二、发展重点\n"
    doc = zhengce.parse(text)
    first, second = doc.sections
    assert text[slice(*first.text_span)] == "一、发展思路和目标\n"
    assert text[slice(*first.span)].endswith("建立体系。\n")
    assert first.span[1] == second.span[0]
    assert text[slice(*second.span)] == "二、发展重点"


# ---------------------------------------------------------------- fast paths equal the patterns they stand for

# Characters of markers and of what surrounds them, so generated lines hit every kind;
# 々〆〇⺀ sit at the edges of the Han script, ㄅ and é just outside it.
MARKER_ALPHABET = (
    "第一二三四五六七八九十百零〇两编編章节節条條款项之的中所规定規"
    "0123456789０１２３４５６７８９.．﹒、（）()【】[]［］①②⑳ 　\t#%％。，；：:;"
    "总体要求附件专栏々〆⺀ㄅéA\n\r"
)
marker_text = st.text(alphabet=MARKER_ALPHABET, max_size=40)

EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))  # lone surrogates too

# The marker table as the ``regex`` module reads it, with ``\p{Han}``.
REGEX_MARKER = regex.compile(sections._MARKER.pattern.replace(sections._HAN, r"\p{Han}"))


def _marker_runs(text: str) -> list[tuple[list[Any], list[Any]]]:
    """For each line of ``text`` and each start column: the regex table's finditer, then _markers."""
    starts = sections._marker_starts(text)
    runs = []
    for line in split_lines(text):
        lo, hi = bisect_left(starts, line.start), bisect_left(starts, line.end)
        prefix = sections._LINE_PREFIX.match(line.text)
        assert prefix is not None
        for first in sorted({0, prefix.end(), len(line.text) // 2}):
            expected = [(m.span(), m.lastgroup, m.groups()) for m in REGEX_MARKER.finditer(line.text, first)]
            got = [(m.span(), m.lastgroup, m.groups()) for m in sections._markers(line.text, first, starts, lo, hi, line.start)]
            runs.append((expected, got))
    return runs


@pytest.mark.parametrize("name", corpus_names())
def test_markers_tried_at_scanned_starts_are_all_markers_on_corpus(name: str) -> None:
    for expected, got in _marker_runs(corpus_text(name)):
        assert got == expected


@settings(max_examples=500, deadline=None)
@given(marker_text)
def test_markers_tried_at_scanned_starts_are_all_markers(text: str) -> None:
    for expected, got in _marker_runs(text):
        assert got == expected


def test_regex_space_is_the_regex_modules_whitespace() -> None:
    """_REGEX_SPACE is exactly what ``\\s`` matches in ``regex``, over every code point."""
    found = {m.group() for m in regex.finditer(r"\s", EVERY_CHARACTER)}
    assert found == set(sections._REGEX_SPACE)


def test_han_class_is_the_regex_modules_han() -> None:
    """_HAN matches exactly what ``\\p{Han}`` matches in ``regex``, over every code point."""
    spelled = [m.start() for m in re.finditer(sections._HAN, EVERY_CHARACTER)]
    assert spelled == [m.start() for m in regex.finditer(r"\p{Han}", EVERY_CHARACTER)]


# Patterns the stdlib ``re`` runs, each beside the same pattern read by ``regex``.
STDLIB_PATTERNS = [
    pytest.param(sections._MARKER, REGEX_MARKER, id="_MARKER"),
    *(
        pytest.param(pattern, regex.compile(pattern.pattern), id=name)
        for name, pattern in [
            ("_FALSE_FOLLOW", sections._FALSE_FOLLOW),
            ("_NUMERAL_CHAR", sections._NUMERAL_CHAR),
            ("_HEADING_END", sections._HEADING_END),
            ("_CAPTION", sections._CAPTION),
        ]
    ),
]


@pytest.mark.parametrize(("pattern", "twin"), STDLIB_PATTERNS)
@settings(max_examples=300, deadline=None)
@given(text=marker_text)
def test_stdlib_patterns_match_as_regex_does(pattern: Any, twin: Any, text: str) -> None:
    for pos in range(len(text) + 1):
        found, expected = pattern.match(text, pos), twin.match(text, pos)
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups())
        ), pos
