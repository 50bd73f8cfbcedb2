#!/usr/bin/env python3
"""Writes the python-docx fixtures for `gongshi import` (see README.md).

    pip install --break-system-packages python-docx
    python3 make.py          # in this folder

The tests read the committed .docx files; they never run this script.
"""
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt


def centered(doc, text, size, bold=False):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    return p


def body(doc, *runs):
    """A body paragraph; runs are text or (text, 'b') for bold."""
    p = doc.add_paragraph()
    for run in runs:
        if isinstance(run, tuple):
            r = p.add_run(run[0])
            r.bold = True
        else:
            r = p.add_run(run)
        r.font.size = Pt(16)
    return p


def tongbao():
    """A 通报 laid out as GB/T 9704 asks: header, 文号, title, 主送, text, signature, date, 抄送."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(16)
    centered(doc, "聊城市精神文明建设委员会办公室文件", 26, bold=True)
    doc.add_paragraph()
    centered(doc, "聊文明办〔2018〕12号", 16)
    centered(doc, "关于2018年上半年帮包社区工作情况的通报", 22, bold=True)
    body(doc, "各县（市、区）文明办，市直各单位：")
    body(doc, "　　2018年上半年，各单位按照", ("“帮包社区”", "b"), "工作要求，", "认真开展创建活动。现将有关情况通报如下：")
    doc.add_heading("一、总体情况", level=1)
    body(doc, "各单位普遍重视，", ("成效明显。", "b"), "具体做法有：")
    doc.add_paragraph("建立帮包台账", style="List Bullet")
    doc.add_paragraph("定期走访社区", style="List Bullet")
    doc.add_heading("二、存在问题", level=2)
    doc.add_paragraph("个别单位台账不全", style="List Number")
    doc.add_paragraph("部分单位*走访*次数偏少", style="List Number")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["单位", "走访次数", "备注"], ["市税务局", "12", "A|B"], ["市财政局", "8", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    p = doc.add_paragraph()
    p.add_run().add_picture("photo.png")
    p = body(doc, "第一行")
    p.add_run().add_break()
    p.add_run("第二行")
    doc.add_paragraph()
    centered(doc, "聊城市精神文明建设委员会办公室", 16)
    centered(doc, "2018年8月20日", 16)
    body(doc, "抄送：省文明办，市委办公室、市政府办公室。")
    doc.save("tongbao-python-docx.docx")


def report():
    """An activity report: a title heading, a dated first paragraph, a picture."""
    doc = Document()
    doc.add_heading("市税务局开展志愿服务进社区活动", level=1)
    doc.add_paragraph("２０１８年６月１２日，市税务局组织青年志愿者到帮包社区开展志愿服务。")
    doc.add_paragraph("活动内容包括：")
    doc.add_paragraph("清理楼道小广告", style="List Bullet")
    doc.add_paragraph("宣传文明出行", style="List Bullet")
    doc.add_picture("photo.png")
    doc.save("report-python-docx.docx")


def bare():
    """No 文号, no date, no signature: what cannot be recognised is said so."""
    doc = Document()
    doc.add_paragraph("这是一段没有标题的文字。")
    doc.save("bare-python-docx.docx")


if __name__ == "__main__":
    tongbao()
    report()
    bare()
