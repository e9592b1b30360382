"""Issue dates: read from the 印发 line, the foot, the 施行 clause; none is ever made up."""

from __future__ import annotations

from datetime import date

import pytest

from zhize.ingest.dates import Dated, find_issue_date, infer_from_cited
from zhize.ingest.extract import extract_text

TITLE = "青禾县水利局职能配置、内设机构和人员编制规定\n"


@pytest.mark.parametrize("text, day, source", [
    (TITLE + "（2021年3月5日中共青禾县委办公室、青禾县人民政府办公室印发）\n第一条 ……", "2021-03-05", "印发"),
    ("国家机构改革方案（示例）\n（2023年3月10日第九届全国代表大会第一次会议批准）\n一、……", "2023-03-10", "印发"),
    (TITLE + "第一条 ……\n第九条 本规定自2021年4月1日起施行。", "2021-04-01", "施行"),
    (TITLE + "第一条 ……\n\n　　中共青禾县委办公室\n　　二〇二一年三月五日", "2021-03-05", "落款"),
    (TITLE + "青办字〔2021〕12号 2021年3月5日\n第一条 ……", "2021-03-05", "印发"),
    (TITLE + "成文日期：2021年3月2日\n发布日期：2021年3月9日\n第一条 ……", "2021-03-02", "成文日期"),
    # the 印发 line wins over a 施行 date further down
    (TITLE + "（2021年3月5日印发）\n第九条 本规定自2021年4月1日起施行。", "2021-03-05", "印发"),
])
def test_the_issue_date_and_where_it_comes_from(text, day, source):
    found = find_issue_date(text)
    assert (found.day, found.source) == (date.fromisoformat(day), source)


@pytest.mark.parametrize("text", [
    "首页 > 机构职能\n青禾县机构改革方案\n发布时间：2021-03-09 10:12　来源：县委编办　浏览次数：88\n（一）组建县水务局。",
    TITLE + "第一条 到2021年6月30日前完成人员转隶。",
    TITLE + "第九条 2015年4月20日印发的《青禾县水利局主要职责规定》同时废止。",
])
def test_web_metadata_deadlines_and_other_documents_dates_are_no_issue_date(text):
    assert find_issue_date(text).day is None


def test_the_document_number_gives_the_year_and_the_plan_cited_is_kept():
    found = find_issue_date("青办发〔2019〕8号\n" + TITLE + "第一条 根据《青禾县机构改革方案》，制定本规定。")
    assert (found.day, found.year, found.cites) == (None, 2019, ("青禾县机构改革方案",))


def test_a_三定_is_dated_by_the_latest_plan_it_cites():
    plans = [Dated("青禾县机构改革方案", date(2019, 3, 1)), Dated("其他方案", date(2020, 1, 1))]
    assert infer_from_cited(["青禾县机构改革方案"], plans) == plans[0]
    assert infer_from_cited(["云州市机构改革方案"], plans) is None


def test_an_undated_document_is_stored_undated_and_warned_of():
    text = "青禾县机构改革方案\n（一）组建县水务局。"
    extract = extract_text(text, sha256="0" * 64).extract
    assert extract.document.issue_date is None
    [warning] = [w for w in extract.warnings if w.code == "document.no_date"]
    assert "未注明日期" in warning.message and "documents set" in warning.message


def test_a_date_the_user_gives_wins_and_a_different_one_in_the_text_is_noted():
    text = "青禾县机构改革方案\n（2021年2月26日）\n（一）组建县水务局。"
    extract = extract_text(text, sha256="0" * 64, issue_date=date(2021, 3, 1)).extract
    assert (extract.document.issue_date, extract.document.date_source) == (date(2021, 3, 1), "用户指定")
    assert [w.code for w in extract.warnings if w.code.startswith("document.date")] == ["document.date_given"]


def test_the_signing_bodies_and_the_date_on_one_line_are_the_foot():
    text = "中共青禾县委办公室\n关于印发《青禾县机构改革方案》的通知\n……\n中共青禾县委　青禾县人民政府　2021年3月5日\n\n青禾县机构改革方案"
    assert (find_issue_date(text).day, find_issue_date(text).source) == (date(2021, 3, 5), "落款")
