#!/usr/bin/env python3
"""Recreates the openpyxl fixtures of XLSXTests (pip install openpyxl; tested with 3.1.5).

    python3 make.py            # writes the openpyxl files next to this script

The LibreOffice fixtures (lo-*.xlsx) are made from files this script also writes
into lo-src/ (not committed); see README.md beside this script for the commands.
The tests read only the committed .xlsx files: neither openpyxl nor LibreOffice
is needed to run them.
"""
import csv
import datetime
import os
import sys

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Border, Side
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "../../../.."))


def save(wb, name):
    wb.save(os.path.join(HERE, name))


def plain():
    """The CSV `period,unit,community,criteria` as a plain sheet: numbers are numbers."""
    wb = Workbook()
    ws = wb.active
    ws.append(["period", "unit", "community", "criteria"])
    ws.append(["2018-h1", "shuiwu", 93.5, 91])
    ws.append(["2018-h1", "gonglu", 90.5, 88])
    save(wb, "plain.xlsx")


def staff():
    """As staff keep it: a merged title, a note row, 序号/备注, Chinese headers, a number
    stored as text, full-width digits, a 合计 row and bordered empty rows below."""
    wb = Workbook()
    ws = wb.active
    ws.title = "考核成绩"
    ws["A1"] = "2018年度文明单位考核成绩汇总表"
    ws.merge_cells("A1:F1")
    ws["A2"] = "填报单位：市文明办　　填报日期：2018年7月2日"
    ws.append(["序号", "期次", "单位", "帮包社区", "考核细则", "备注"])
    ws.append([1, "2018-h1", "shuiwu", 93.5, "91", "已复核"])       # "91": a number stored as text
    ws.append([2, "2018-h1", "gonglu", 90.5, "８８", None])          # full-width digits
    ws.append(["合 计", None, None, 184, 179, None])
    ws.merge_cells("A6:C6")
    thin = Side(style="thin")
    for row in range(7, 11):                                          # empty rows with borders: cells without values
        for column in "ABCDEF":
            ws[f"{column}{row}"].border = Border(top=thin, bottom=thin, left=thin, right=thin)
        ws[f"A{row}"] = row - 4                                       # numbered in advance, nothing else
    save(wb, "staff.xlsx")


def merged():
    """A two-row header: 期次/单位 merged down, 得分 merged across over the component names;
    the period written once, merged down over its units."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "2018年年中考核"
    ws.merge_cells("A1:E1")
    ws["A2"], ws["B2"], ws["C2"], ws["D2"] = "序号", "期次", "单位", "得分"
    ws["D3"], ws["E3"] = "帮包社区", "考核细则"
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:E2"):
        ws.merge_cells(cells)
    ws["A4"], ws["B4"], ws["C4"], ws["D4"], ws["E4"] = 1, "2018-h1", "shuiwu", 93.5, 91
    ws["A5"], ws["C5"], ws["D5"], ws["E5"] = 2, "gonglu", 90.5, 88
    ws.merge_cells("B4:B5")
    save(wb, "merged.xlsx")


def rich():
    """Rich text runs in a header and in cells (openpyxl writes them as inline strings)."""
    wb = Workbook()
    ws = wb.active
    bold = InlineFont(b=True)
    red = InlineFont(color="FFFF0000")
    ws.append([CellRichText([TextBlock(bold, "per"), "iod"]), "unit", "community", "criteria"])
    ws.append([CellRichText(["2018-", TextBlock(red, "h1")]), CellRichText([TextBlock(bold, "shui"), "wu"]), 93.5, 91])
    ws.append(["2018-h1", "gonglu", 90.5, 88])
    save(wb, "rich.xlsx")


def duty(epoch1904):
    """duty: dates as serial numbers with a date format (custom and built-in 14), and as text."""
    wb = Workbook()
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["date", "unit", "event", "note"])
    ws.append([datetime.date(2018, 3, 5), "shuiwu", "diligent", "主动清理小广告"])
    ws["A2"].number_format = "yyyy-mm-dd"
    ws.append([datetime.date(2018, 7, 12), "gonglu", "late", None])
    ws["A3"].number_format = "mm-dd-yy"                               # built-in 14
    ws.append(["2018-09-01", "gonglu", "absent", "日期是文本"])
    ws.append([datetime.date(2018, 11, 30), "shuiwu", "careless", None])
    ws["A5"].number_format = 'yyyy"年"m"月"d"日"'
    save(wb, "duty-1904.xlsx" if epoch1904 else "duty-1900.xlsx")


def errors():
    """Problems at known cells: a title row, so data starts at row 4."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = "考核成绩"
    ws.append([])
    ws.append(["期次", "单位", "帮包社区", "考核细则"])                # row 3
    ws.append(["2018-h1", "shuiwu", 93.5, 91])
    ws.append(["2018-h1", "gonglu", 90.5, 88])
    ws.append(["2018-h9", "gonglu", 90.5, "八十八"])                   # row 6: B? A6 unknown period, D6 not a number
    ws.append(["2018-h2", "shuiwu", 92, 101])                          # row 7: D7 out of range
    save(wb, "errors.xlsx")


def two_sheets():
    """Data on a second worksheet (only the first is read: a warning), and an empty third one."""
    wb = Workbook()
    ws = wb.active
    ws.title = "上半年"
    ws.append(["period", "unit", "community", "criteria"])
    ws.append(["2018-h1", "shuiwu", 93.5, 91])
    ws.append(["2018-h1", "gonglu", 90.5, 88])
    second = wb.create_sheet("下半年")
    second.append(["period", "unit", "community", "criteria"])
    second.append(["2018-h2", "shuiwu", 94, 92])
    wb.create_sheet("Sheet3")
    save(wb, "two-sheets.xlsx")


def no_cached_value():
    """A formula saved by a program that does not calculate: no cached value."""
    wb = Workbook()
    ws = wb.active
    ws.append(["period", "unit", "community", "criteria"])
    ws.append(["2018-h1", "shuiwu", 93.5, "=90+1"])
    save(wb, "no-cached-value.xlsx")


def example_site():
    """content/data/*.csv of the example site as workbooks, numbers and dates as Excel keeps them."""
    os.makedirs(os.path.join(HERE, "example"), exist_ok=True)
    for name in ("assessments", "duty", "volunteer", "deductions"):
        wb = Workbook()
        ws = wb.active
        with open(os.path.join(REPO, "content/data", name + ".csv"), encoding="utf-8") as f:
            for r, row in enumerate(csv.reader(f), start=1):
                for c, text in enumerate(row, start=1):
                    cell = ws.cell(row=r, column=c)
                    if r > 1 and name == "duty" and c == 1:
                        cell.value = datetime.date.fromisoformat(text)
                        cell.number_format = "yyyy-mm-dd"
                    elif r > 1 and text.replace(".", "", 1).isdigit():
                        cell.value = float(text) if "." in text else int(text)
                        if "." in text:
                            cell.number_format = "0." + "0" * len(text.split(".")[1])
                    else:
                        cell.value = text
        wb.save(os.path.join(HERE, "example", name + ".xlsx"))


def libreoffice_sources():
    """Inputs for the LibreOffice fixtures (see README.md)."""
    src = os.path.join(HERE, "lo-src")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(src, "lo-plain.csv"), "w", encoding="utf-8") as f:
        f.write("period,unit,community,criteria\n2018-h1,shuiwu,93.5,91\n2018-h1,gonglu,90.5,88\n")
    wb = Workbook()
    ws = wb.active
    ws.append(["period", "unit", "community", "criteria"])
    ws.append(["2018-h1", "shuiwu", "=93+0.5", "=SUM(90,1)"])          # formulas; LibreOffice saves their values
    ws.append(["2018-h1", '="gong"&"lu"', 90.5, "=C3-2.5"])            # a text result: t="str"
    wb.save(os.path.join(src, "lo-formula.xlsx"))


if __name__ == "__main__":
    plain(); staff(); merged(); rich(); duty(False); duty(True); errors(); two_sheets(); no_cached_value(); example_site()
    libreoffice_sources()
    print("written to", HERE, file=sys.stderr)
