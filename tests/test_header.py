"""Header elements on real lines: 发文字号, 成文日期, 主送机关, 标题, 文种, 发文机关.

Each row quotes a real document (``src``: a corpus file, a file of the shared
raw corpus, or the 发文字号 of a document found elsewhere) and says what a
careful reader takes from it. Known misses are strict xfails.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhengce
from zhengce.dates import DATE
from zhengce.errors import SERIAL_ZERO_PADDED, DocNumberError
from zhengce.header import parse_doc_number

# ---------------------------------------------------------------- 发文字号

# (input, text, issuer_code, year, serial, family); src in the id's comment.
DOC_NUMBERS = [
    # 〔〕, the standard bracket
    pytest.param("通政发〔2012〕26号", "通政发", 2012, 26, "standard", id="通政发〔2012〕26号"),  # src: corpus/nantong-2012-26.txt
    pytest.param("国办发〔1996〕2号", "国办发", 1996, 2, "standard", id="国办发〔1996〕2号"),  # src: corpus/011.txt
    pytest.param("新质监办发〔2012〕24号", "新质监办发", 2012, 24, "standard", id="新质监办发〔2012〕24号"),  # src: corpus/085.txt
    # [] ASCII square brackets
    pytest.param("商流通函[2014]790号", "商流通函", 2014, 790, "standard", id="商流通函[2014]790号"),  # src: corpus/046.txt line 2
    pytest.param("国森防发明电[2008]98号", "国森防发明电", 2008, 98, "standard", id="国森防发明电[2008]98号"),  # src: corpus/098.txt line 6
    pytest.param("中发[2014]4号", "中发", 2014, 4, "standard", id="中发[2014]4号"),  # src: raw/047.txt line 3
    # ［］ full-width square brackets
    pytest.param("党组会通［2018］60号", "党组会通", 2018, 60, "standard", id="党组会通［2018］60号"),  # src: a party-group notice number as printed in a document generator
    # 【】
    pytest.param("同政办发【2017】97号", "同政办发", 2017, 97, "standard", id="同政办发【2017】97号"),  # src: 大同市人民政府办公厅, cited in a 预售资金监管协议
    pytest.param("晋建房字【2011】318号", "晋建房字", 2011, 318, "standard", id="晋建房字【2011】318号"),  # src: 山西省住建厅, same citation
    # () and （）
    pytest.param("财税(2011)100号", "财税", 2011, 100, "standard", id="财税(2011)100号"),  # src: 财税〔2011〕100号 as typed with ASCII parentheses
    pytest.param("财税（2011）100号", "财税", 2011, 100, "standard", id="财税（2011）100号"),  # src: the same number with full-width parentheses
    # ﹝﹞
    pytest.param("国发﹝2015﹞40号", "国发", 2015, 40, "standard", id="国发﹝2015﹞40号"),  # src: 国发〔2015〕40号 as web pages print it with ﹝﹞
    # spaces
    pytest.param("桂政办发【2015】78 号", "桂政办发", 2015, 78, "standard", id="桂政办发【2015】78 号"),  # src: a 废标 reason citing 广西 桂政办发〔2015〕78号
    pytest.param("国发〔 2015 〕 40 号", "国发", 2015, 40, "standard", id="国发〔 2015 〕 40 号"),  # src: PDF extraction spacing of 国发〔2015〕40号
    # stray 第
    pytest.param("粤府字〔2012〕第5号", "粤府字", 2012, 5, "standard", id="粤府字〔2012〕第5号"),  # src: 广东省人民政府 numbering with 字/第
    # zero-padded serial
    pytest.param("鲁工信技〔2121〕01号", "鲁工信技", 2121, 1, "standard", id="鲁工信技〔2121〕01号"),  # src: raw/056.txt line 1 (year misprinted 2121 in the source)
    # full-width digits
    pytest.param("黑政调〔２０２０〕６号", "黑政调", 2020, 6, "standard", id="黑政调〔２０２０〕６号"),  # src: 黑龙江省人民政府 document list, fileNumber field
    pytest.param("粤办函〔２０１２〕１０９号", "粤办函", 2012, 109, "standard", id="粤办函〔２０１２〕１０９号"),  # src: 广东省人民政府办公厅 notice body as published
    # 令号
    pytest.param("国务院令第707号", "国务院令", None, 707, "decree", id="国务院令第707号"),  # src: corpus/015.txt (个人所得税法实施条例)
    pytest.param("中华人民共和国国务院令 第374号", "中华人民共和国国务院令", None, 374, "decree", id="中华人民共和国国务院令 第374号"),  # src: 国务院令第374号 with the header's space
    pytest.param("广州市人民政府令第 61 号", "广州市人民政府令", None, 61, "decree", id="广州市人民政府令第 61 号"),  # src: corpus/088.txt line 3
    pytest.param("中华人民共和国国务院令第37号", "中华人民共和国国务院令", None, 37, "decree", id="中华人民共和国国务院令第37号"),  # src: corpus/076.txt line 5
    # 公告号
    pytest.param("国家税务总局公告2021年第5号", "国家税务总局公告", 2021, 5, "announcement", id="国家税务总局公告2021年第5号"),  # src: STA announcement 2021 No. 5
    pytest.param("市场监管总局公告2021年第41号", "市场监管总局公告", 2021, 41, "announcement", id="市场监管总局公告2021年第41号"),  # src: SAMR announcement (特种设备生产单位许可目录)
    pytest.param("2021年第32号", None, 2021, 32, "announcement", id="2021年第32号"),  # src: a 公告 number printed without its issuer
]


@pytest.mark.parametrize(("raw", "code", "year", "serial", "family"), DOC_NUMBERS)
def test_parse_doc_number(raw: str, code: str | None, year: int | None, serial: int, family: str) -> None:
    number = parse_doc_number(raw)
    assert (number.text, number.issuer_code, number.year, number.serial, number.family) == (
        raw, code, year, serial, family,
    )
    assert number.span == (0, len(raw))


NOT_DOC_NUMBERS = [
    pytest.param("2021年", id="2021年 alone"),
    pytest.param("0531-68627672", id="phone 0531-68627672"),  # src: corpus/057.txt (联系电话)
    pytest.param("17553100285", id="mobile 17553100285"),  # src: corpus/057.txt
    pytest.param("0991-2817458 2316124（传真）", id="phone and fax"),  # src: corpus/085.txt line 36
    pytest.param("2019年1月24日", id="a date 2019年1月24日"),  # src: corpus/002.txt
    pytest.param("国发〔2015〕", id="no serial 国发〔2015〕"),
]


@pytest.mark.parametrize("raw", NOT_DOC_NUMBERS)
def test_not_a_doc_number(raw: str) -> None:
    with pytest.raises(DocNumberError):
        parse_doc_number(raw)


ADDRESSEES_011 = "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："

# Small header texts built from real lines: (text, expected doc_number.text or None).
HEADER_NUMBERS = [
    pytest.param("通政发〔2012〕26号 2012年3月19日\n", "通政发〔2012〕26号", id="number and date on one line"),  # src: corpus/nantong-2012-26.txt line 1
    pytest.param("国务院办公厅转发国家地震局\n关于我国地震重点监视防御区的确定和\n加强防震减灾工作意见报告的通知\n国办发〔1996〕2号\n" + ADDRESSEES_011 + "\n",
                 "国办发〔1996〕2号", id="number under a three-line title"),  # src: corpus/011.txt lines 1-5
    pytest.param("嵊州市通源乡人民政府文件\n通政〔2009〕3号\n", "通政〔2009〕3号", id="number under the 机关标志"),  # src: corpus/098.txt lines 2-3
    pytest.param("中华人民共和国国务院令\n第707号\n", "中华人民共和国国务院令\n第707号", id="令 broken after 令"),  # src: corpus/015.txt lines 1-2
    pytest.param("黑政调〔２０２０〕６号\n" + ADDRESSEES_011 + "\n", "黑政调〔２０２０〕６号", id="full-width digits on the number line"),  # src: 黑龙江省人民政府 fileNumber
    # must not match: a citation in the body is not the header's number
    pytest.param("为加快推进智慧物流配送体系建设，根据《国务院关于积极推进“互联网+”行动的指导意见》（国发〔2015〕40号），现提出如下意见。\n",
                 None, id="citation 根据《…》（国发〔2015〕40号） in the body"),  # src: the wording of corpus/046.txt line 2
    pytest.param("贯彻落实《工业和信息化部 山东省人民政府关于印发<山东省新一代人工智能应用先导区融合发展实施方案>的通知》（鲁工信技〔2121〕01号），助力发展。\n",
                 None, id="citation in raw/056 first line"),  # src: raw/056.txt line 1
    pytest.param("山东煤矿安全监察局联系人：晁文鹏，联系电话：17553100285，邮箱：kjzbc@sd.coal.gov.cn\n",
                 None, id="phone number line"),  # src: corpus/057.txt last lines
    pytest.param("到2021年，全省算力规模达到14EFlops。\n", None, id="2021年 in a sentence"),  # src: wording of corpus/075.txt
]


@pytest.mark.parametrize(("text", "expected"), HEADER_NUMBERS)
def test_doc_number_found_in_header(text: str, expected: str | None) -> None:
    number = zhengce.parse(text).header.doc_number
    assert (number.text if number else None) == expected


def test_zero_padded_serial_is_accepted_and_reported() -> None:
    # src: raw/056.txt cites 鲁工信技〔2121〕01号; here it stands on the number line of a header
    text = "鲁工信技〔2121〕01号\n各市工业和信息化局：\n"
    doc = zhengce.parse(text)
    assert doc.header.doc_number is not None
    assert doc.header.doc_number.serial == 1
    [diagnostic] = [d for d in doc.diagnostics if d.code == SERIAL_ZERO_PADDED]
    assert diagnostic.span == doc.header.doc_number.span
    assert text[slice(*diagnostic.span)] == "鲁工信技〔2121〕01号"


def test_unpadded_serial_is_not_reported() -> None:
    doc = zhengce.parse("通政发〔2012〕26号 2012年3月19日\n")  # src: corpus/nantong-2012-26.txt
    assert [d for d in doc.diagnostics if d.code == SERIAL_ZERO_PADDED] == []


# ---------------------------------------------------------------- 成文日期

DATES = [
    pytest.param("国务院办公厅\n一九九六年二月五日\n", "1996-02-05", "一九九六年二月五日", id="一九九六年二月五日"),  # src: corpus/011.txt
    pytest.param("特此批复。\n二OO五年四月二十九日\n", "2005-04-29", "二OO五年四月二十九日", id="二OO五年 with Latin O"),  # src: corpus/090.txt
    pytest.param("希望受表彰的先进单位要珍惜荣誉。\n\n二○一一年二月二十三日\n", "2011-02-23", "二○一一年二月二十三日", id="二○一一年 with ○"),  # src: corpus/093.txt
    pytest.param("国务院办公厅\n二〇〇四年八月十二日\n", "2004-08-12", "二〇〇四年八月十二日", id="二〇〇四年 with 〇"),  # src: corpus/012.txt
    pytest.param("南通市人民政府\n二〇一二年三月十九日\n", "2012-03-19", "二〇一二年三月十九日", id="二〇一二年三月十九日"),  # src: 通政发〔2012〕26号's date in Chinese numerals (ANNOTATION.md)
    pytest.param("国务院\n2019年1月24日\n", "2019-01-24", "2019年1月24日", id="signature then Arabic date"),  # src: corpus/002.txt lines 6-7
    pytest.param("通政发〔2012〕26号 2012年3月19日\n", "2012-03-19", "2012年3月19日", id="date beside the number"),  # src: corpus/nantong-2012-26.txt
    pytest.param("广州市人民政府\n2011 年 12 月 15 日\n", "2011-12-15", "2011 年 12 月 15 日", id="spaced 2011 年 12 月 15 日"),  # src: corpus/088.txt line 3's date, PDF spacing
    # must not be the date
    pytest.param("第三十二条\u3000本办法自2019年1月1日起施行。\n", None, None, id="施行 date in an article"),  # src: corpus/014.txt line 76
    pytest.param("抄送：省委各部门，省人大常委会办公厅，省政协办公厅，省监委。\n山东省人民政府办公厅2020年12月10日印发\n", None, None, id="印发 date of the 版记"),  # src: corpus/053.txt lines 33-34
    pytest.param("2020年2月1日－2020年2月29日我市对2个水土保持方案审批申请作出了审批决定。\n", None, None, id="dates in a body sentence"),  # src: corpus/086.txt
]


@pytest.mark.parametrize(("text", "iso", "raw"), DATES)
def test_date(text: str, iso: str | None, raw: str | None) -> None:
    h = zhengce.parse(text).header
    assert (h.date.isoformat() if h.date else None, h.date_raw) == (iso, raw)
    if raw is not None:
        assert text[slice(*h.date_span)] == raw


def test_printed_date_goes_to_printed_date() -> None:
    # src: corpus/053.txt, the 版记 at its end
    text = "抄送：省委各部门，省人大常委会办公厅，省政协办公厅，省监委。\n山东省人民政府办公厅2020年12月10日印发\n"
    h = zhengce.parse(text).header
    assert h.date is None
    assert h.printed_date == dt.date(2020, 12, 10)
    assert h.printed_by == "山东省人民政府办公厅"
    assert h.cc == ["省委各部门", "省人大常委会办公厅", "省政协办公厅", "省监委"]


def test_signature_date_wins_over_printed_date() -> None:
    # src: corpus/006.txt (signature, date) followed by corpus/053.txt's 版记 line
    text = "国务院\n2018年12月28日\n（此件公开发布）\n山东省人民政府办公厅2020年12月10日印发\n"
    h = zhengce.parse(text).header
    assert h.date == dt.date(2018, 12, 28)
    assert h.printed_date == dt.date(2020, 12, 10)
    assert h.note == "此件公开发布"


# ---------------------------------------------------------------- 主送机关

ADDRESSEES = [
    pytest.param("各县(市)、区人民政府,市经济技术开发区管委会,市各委、办、局,市各直属单位:\n",
                 ["各县(市)、区人民政府", "市经济技术开发区管委会", "市各委、办、局", "市各直属单位"], id="four split at half-width commas"),  # src: corpus/nantong-2012-26.txt line 2
    pytest.param(ADDRESSEES_011 + "\n", ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"], id="、 stays inside"),  # src: corpus/011.txt line 5
    pytest.param("各煤矿安全监察分局，各市煤矿安全监管部门，各矿业集团公司，各煤矿：\n",
                 ["各煤矿安全监察分局", "各市煤矿安全监管部门", "各矿业集团公司", "各煤矿"], id="four at full-width commas"),  # src: corpus/057.txt line 1
    pytest.param("各行政村:\n", ["各行政村"], id="one, half-width colon"),  # src: corpus/098.txt line 5
    pytest.param("县水务局:\n", ["县水务局"], id="one agency 县水务局"),  # src: corpus/090.txt line 2
    pytest.param("辽宁省人民政府：\n", ["辽宁省人民政府"], id="one 辽宁省人民政府"),  # src: corpus/012.txt
    # not addressees
    pytest.param("相关术语：\n1.传感器\n", [], id="相关术语： is a label"),  # src: corpus/028.txt lines 48-49
    pytest.param("为加快推进智慧物流配送体系建设，现提出如下意见：\n", [], id="a sentence ending in a colon"),
    pytest.param("发文机关:山西省人民政府\n发布日期:2018年03月27\n文号 :晋政发〔2018〕13号\n各市、县人民政府,省人民政府各委、办、厅、局:\n",
                 ["各市、县人民政府", "省人民政府各委、办、厅、局"], id="a page's 发文机关: label is not an addressee"),  # src: 晋政发〔2018〕13号 as a law database prints it  # src: wording of corpus/nantong-2012-26.txt line 3
]


@pytest.mark.parametrize(("text", "expected"), ADDRESSEES)
def test_addressees(text: str, expected: list[str]) -> None:
    h = zhengce.parse(text).header
    assert h.addressees == expected
    assert [text[slice(*s)] for s in h.addressees_span] == expected


# ---------------------------------------------------------------- 标题, 文种, 发文机关

TITLES: list[Any] = [
    # (text, title, doc_type, issuer)
    pytest.param("国务院办公厅转发国家地震局\n关于我国地震重点监视防御区的确定和\n加强防震减灾工作意见报告的通知\n国办发〔1996〕2号\n",
                 "国务院办公厅转发国家地震局关于我国地震重点监视防御区的确定和加强防震减灾工作意见报告的通知",
                 "通知", "国务院办公厅", id="three-line title 转发…的通知"),  # src: corpus/011.txt
    pytest.param("国务院关于2018年度\n国家科学技术奖励的决定\n国发〔2018〕44号\n",
                 "国务院关于2018年度国家科学技术奖励的决定", "决定", "国务院", id="two-line title …的决定"),  # src: corpus/006.txt
    pytest.param("关于对2010年度农村公路通达杯竞赛活动进行表彰的决定\n", "关于对2010年度农村公路通达杯竞赛活动进行表彰的决定",
                 "决定", None, id="title without issuer"),  # src: corpus/093.txt line 1
    pytest.param("广州市地下空间开发利用管理办法 \n \n", "广州市地下空间开发利用管理办法", "办法", None, id="办法 with trailing space"),  # src: corpus/088.txt line 1
    pytest.param("关于转发《国家森林防火指挥部关于做好2009年元旦春节期间森林防火工作的紧急通知》\n各行政村:\n",
                 "关于转发《国家森林防火指挥部关于做好2009年元旦春节期间森林防火工作的紧急通知》", "通知", None,
                 id="关于转发《…紧急通知》 without 的通知"),  # src: corpus/098.txt line 4
    pytest.param("国务院办公厅关于加强三级公立医院绩效考核工作的\n意    见\n国办发〔2019〕4号\n",
                 "国务院办公厅关于加强三级公立医院绩效考核工作的意见", "意见", "国务院办公厅", id="spaced kind 意    见 on its own line"),  # src: corpus/003.txt title, kind letter-spaced as printed headers do
    pytest.param("国 务 院 关 于 2018 年 度\n国 家 科 学 技 术 奖 励 的 决 定\n",
                 "国务院关于2018年度国家科学技术奖励的决定", "决定", "国务院", id="fully letter-spaced title"),  # src: corpus/006.txt title, letter-spaced by PDF extraction
    # issuer from the 机关标志 "X文件"
    pytest.param("嵊州市通源乡人民政府文件\n通政〔2009〕3号\n关于转发《国家森林防火指挥部关于做好2009年元旦春节期间森林防火工作的紧急通知》\n",
                 "关于转发《国家森林防火指挥部关于做好2009年元旦春节期间森林防火工作的紧急通知》", "通知", "嵊州市通源乡人民政府",
                 id="issuer from 嵊州市通源乡人民政府文件"),  # src: corpus/098.txt lines 2-4
]


@pytest.mark.parametrize(("text", "title", "doc_type", "issuer"), TITLES)
def test_title_type_issuer(text: str, title: str, doc_type: str, issuer: str | None) -> None:
    h = zhengce.parse(text).header
    assert (h.title, h.doc_type, h.issuer) == (title, doc_type, issuer)
    assert h.title_span is not None and text[slice(*h.title_span)] == h.title_raw


TRADITIONAL = (  # src: 懷政辦發〔2023〕9號, as a site converted to traditional script prints it
    "懷政辦發〔2023〕9號\n懷化市人民政府辦公室\n關于印發《懷化市貫徹落實〈關于打好經濟\n增長主動仗實現經濟運行整體好轉的若干\n"
    "政策措施〉實施方案》的通知\n各縣市區人民政府,市直機關各單位,中央、省在懷各單位:\n"
    "經市人民政府同意,現將《懷化市貫徹落實〈關于打好經濟增長主動仗實現經濟運行整體好轉的若干政策措施〉實施方案》印發給你們,請認真組織實施。\n"
    "懷化市人民政府辦公室\n2023年3月15日\n"
)


def test_traditional_script_header() -> None:
    h = zhengce.parse(TRADITIONAL).header
    assert h.doc_number is not None and (h.doc_number.issuer_code, h.doc_number.year, h.doc_number.serial) == ("懷政辦發", 2023, 9)
    assert h.title == "懷化市人民政府辦公室關于印發《懷化市貫徹落實〈關于打好經濟增長主動仗實現經濟運行整體好轉的若干政策措施〉實施方案》的通知"
    assert (h.doc_type, h.issuer, str(h.date)) == ("通知", "懷化市人民政府辦公室", "2023-03-15")
    assert h.embedded is not None and h.embedded.doc_type == "方案"
    assert h.addressees == ["各縣市區人民政府", "市直機關各單位", "中央、省在懷各單位"]


WEB_PAGE = (  # src: 岳办发〔2017〕2号 as the city's portal prints it (page furniture kept, body abridged)
    "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知(岳办发〔2017〕2号)\n\n"
    "来源:岳阳市政府门户网 日期:2017-01-12 17:08 字号:【\n视力保护色:\n浏览量:\n\n"
    "各县市区委、人民政府,岳阳经济技术开发区、城陵矶新港区、南湖新区、屈原管理区,市直各单位,中央、省驻岳单位:\n\n"
    "《关于全面推进政务公开工作的实施意见》已经市委、市人民政府同意,现印发给你们,请结合实际认真贯彻执行。\n\n"
    "中共岳阳市委办公室\n\n岳阳市人民政府办公室\n\n2017年1月10日\n"
)


def test_web_page_header_with_metadata_block_and_joint_signature() -> None:
    h = zhengce.parse(WEB_PAGE).header
    assert h.doc_number is not None and h.doc_number.text == "岳办发〔2017〕2号"
    assert h.title == "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知"
    assert h.issuers == ["中共岳阳市委办公室", "岳阳市人民政府办公室"]
    assert h.addressees == ["各县市区委、人民政府", "岳阳经济技术开发区、城陵矶新港区、南湖新区、屈原管理区", "市直各单位", "中央、省驻岳单位"]
    assert str(h.date) == "2017-01-10"


def test_metadata_block_does_not_hide_the_title() -> None:
    text = (  # src: a county notice of 2019 as its disclosure page prints it (labels as on the page)
        "索引号: 003129766/201901-00336 组配分类: 规范性文件发布\n信息分类: 通知   发布机构: 太湖县人民政府办公室\n"
        "生成日期: 2019-01-23 文号:\n发文日期: 2019-01-23 生效时间: 2019-01-23\n信息来源: 关键词:\n浏览次数: 590 内容概述:\n\n"
        "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知\n\n各乡、镇人民政府,县政府各部门、各直属机构:\n\n"
        "  《太湖县人民政府工作规则》已经2019年1月4日县政府第三次全体会议通过,现予印发,请遵照执行。\n\n太湖县人民政府\n2019年1月17日\n"
    )
    h = zhengce.parse(text).header
    assert (h.title, h.doc_type, h.issuer) == ("太湖县人民政府关于印发《太湖县人民政府工作规则》的通知", "通知", "太湖县人民政府")
    assert h.addressees == ["各乡、镇人民政府", "县政府各部门、各直属机构"]
    assert h.doc_number is None and str(h.date) == "2019-01-17"


def test_law_database_page_of_a_government_order() -> None:
    text = (  # src: 河北省人民政府 政府令〔2010〕第15号 as a law database prints it (articles abridged)
        "您的位置: 首页 » 法律资料网 » 法律法规 »\n\n河北省人工影响天气管理规定\n\n"
        "作者:法律资料网 时间:2024-07-06 04:34:58  浏览:8616   来源:法律资料网\n下载地址: 点击此处下载\n\n"
        "河北省人工影响天气管理规定\n\n河北省人民政府\n\n\n河北省人工影响天气管理规定\n\n政府令〔2010〕第15号\n\n\n"
        "《河北省人工影响天气管理规定》已经2010年12月14日省政府第76次常务会议通过,现予公布,自2011年2月1日起施行。\n\n"
        "省长\n\n二○一○年十二月二十五日\n\n河北省人工影响天气管理规定\n\n第一章总则\n\n"
        "第一条为加强对人工影响天气工作的管理,防御和减轻气象灾害,制定本规定。\n\n第二条本规定所称人工影响天气,是指为避免或者减轻气象灾害的活动。\n"
    )
    doc = zhengce.parse(text)
    h = doc.header
    assert h.doc_number is not None and (h.doc_number.issuer_code, h.doc_number.year, h.doc_number.serial) == ("政府令", 2010, 15)
    assert (h.title, h.doc_type, h.issuer, str(h.date)) == ("河北省人工影响天气管理规定", "规定", "河北省人民政府", "2010-12-25")
    assert [(s.marker, s.level) for s in doc.walk_sections()] == [("第一章", 1), ("第一条", 2), ("第二条", 2)]


def test_issuing_notice_reports_the_embedded_document() -> None:
    # src: corpus/002.txt lines 1-3
    text = "国务院关于印发国家职业教育改革\n实施方案的通知\n国发〔2019〕4号\n"
    h = zhengce.parse(text).header
    assert (h.title, h.doc_type, h.issuer) == ("国务院关于印发国家职业教育改革实施方案的通知", "通知", "国务院")
    assert h.embedded is not None
    assert (h.embedded.title, h.embedded.doc_type) == ("国家职业教育改革实施方案", "方案")
    assert text[slice(*h.embedded.span)] == h.embedded.raw == "国家职业教育改革\n实施方案"


def test_issuing_notice_with_book_title_marks() -> None:
    # src: title of corpus/066's wrapper wording 关于印发《…行动计划》的通知 (raw/092.txt line 5 cites one)
    text = "关于印发《双台子区林长制工作实施方案》的通知\n"
    h = zhengce.parse(text).header
    assert h.doc_type == "通知"
    assert h.embedded is not None
    assert (h.embedded.title, h.embedded.doc_type) == ("双台子区林长制工作实施方案", "方案")


BODY_TYPES = [
    pytest.param("各县(市)、区人民政府,市经济技术开发区管委会,市各委、办、局,市各直属单位:\n"
                 "科技服务业是新兴产业。为加快发展,现提出如下意见:\n", "意见", id="现提出如下意见 → 意见"),  # src: corpus/nantong-2012-26.txt lines 2-3
    pytest.param("为加快推动制造业数字化、网络化、智能化转型升级和高质量发展，特制定本行动计划。\n", "计划", id="特制定本行动计划 → 计划"),  # src: corpus/066.txt line 1
    pytest.param("县水务局:\n经县政府研究,原则同意。\n特此批复。\n二OO五年四月二十九日\n", "批复", id="特此批复 → 批复"),  # src: corpus/090.txt
    pytest.param("现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n", "通知", id="现将《…》印发给你们 → 通知"),  # src: corpus/002.txt line 5
    pytest.param("为深入贯彻习近平新时代中国特色社会主义思想和党的十九大精神。\n一、总体目标\n", None, id="no kind named"),  # src: corpus/053.txt lines 1-2
]


@pytest.mark.parametrize(("text", "doc_type"), BODY_TYPES)
def test_doc_type_from_the_body(text: str, doc_type: str | None) -> None:
    h = zhengce.parse(text).header
    assert h.title is None
    assert h.doc_type == doc_type
    if doc_type is not None:
        assert text[slice(*h.doc_type_span)] == h.doc_type_raw


ISSUERS = [
    pytest.param("各县(市)、区人民政府,市经济技术开发区管委会,市各委、办、局,市各直属单位:\n现提出如下意见:\n"
                 "一、发展思路和目标\n南通市人民政府\n二〇一二年三月十九日\n", "南通市人民政府", id="signature above the date"),  # src: corpus/nantong-2012-26.txt with its signature
    pytest.param("鉴于通济桥水库灌区五条干渠淤积严重,原则同意。\n特此批复。\n国务院办公厅\n一九九六年二月五日\n",
                 "国务院办公厅", id="signature 国务院办公厅"),  # src: corpus/011.txt signature and date
    pytest.param("希望受表彰的先进单位要珍惜荣誉,戒骄戒躁,再接再厉,再创佳绩。\n\n南阳市人民政府\n\n二○一一年二月二十三日\n",
                 "南阳市人民政府", id="signature separated by blank lines"),  # src: corpus/093.txt closing, with a signature as GB/T 9704 places it
]


@pytest.mark.parametrize(("text", "issuer"), ISSUERS)
def test_issuer_from_signature(text: str, issuer: str) -> None:
    h = zhengce.parse(text).header
    assert h.issuer == issuer
    assert h.issuer_span is not None and text[slice(*h.issuer_span)] == h.issuer_raw


# ---------------------------------------------------------------- what the fast paths rely on

# signing.date_line skips a line holding no 年 or no 日: no DATE may be written without them.
OTHER_DATE_SPELLINGS = ["2012-03-19", "2012.3.19", "2012/3/19", "2012年3月", "3月19日", "二〇一二年三月"]


@pytest.mark.parametrize("text", OTHER_DATE_SPELLINGS)
def test_date_needs_year_and_day_characters(text: str) -> None:
    assert DATE.search(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１２３４５６７８９一二三四五六七八九十〇○年月日号 　-./", max_size=16))
def test_every_date_spells_out_year_and_day(text: str) -> None:
    if DATE.search(text) is not None:
        assert "年" in text and "日" in text
