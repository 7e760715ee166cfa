"""The group figures of a dashboard as CSV or XLSX: exactly what the page shows (the same ``Report``),
hidden groups included as hidden, never a figure the page does not show."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from openpyxl import Workbook

from core.spreadsheets import protect_formula
from core.spreadsheets.writing import BOM
from dashboards.report import Report
from reflections.figures import one_decimal


def hidden_cell(reason: str) -> str:
    return f"hidden: {reason}"


def report_rows(report: Report) -> Iterator[list]:
    """Header then one row per figure: section, item, people, ideal %, current %, gap / value."""
    yield ["Group", "Period", "Section", "Item", "People", "Ideal %", "Current %", "Gap (current − ideal)"]
    quarter = report.quarter
    where = [report.title, f"{quarter.label} ({quarter.start.isoformat()} to {quarter.end.isoformat()})"]
    if report.hidden:
        yield [*where, "All figures", hidden_cell(report.reason), "", "", "", ""]
        return
    for figure in report.task_types:
        yield [
            *where,
            "Time per task type",
            figure.task_type.name,
            report.people,
            one_decimal(figure.ideal),
            one_decimal(figure.current),
            one_decimal(figure.gap),
        ]
    yield [
        *where,
        "Direct and indirect student services (ASCA: at least 80%)",
        "Everyone in this group",
        report.people,
        one_decimal(report.services_ideal),
        one_decimal(report.services_current),
        "",
    ]
    for role in report.roles:
        if role.hidden:
            yield [*where, "Direct and indirect student services by role", role.name, hidden_cell(role.reason)]
        else:
            yield [
                *where,
                "Direct and indirect student services by role",
                role.name,
                role.people,
                one_decimal(role.services_ideal),
                one_decimal(role.services_current),
                "",
            ]
    for point in report.trend:
        if point.hidden:
            yield [*where, "Trend: non-counseling duties", point.label, "hidden"]
        else:
            yield [
                *where,
                "Trend: non-counseling duties",
                point.label,
                point.people,
                one_decimal(point.non_counseling_ideal),
                one_decimal(point.non_counseling_current),
                "",
            ]
    for label, count in report.barriers:
        yield [*where, "Barriers named (people)", label, count, "", "", ""]


def _cell(value: object) -> object:
    if value is None:
        return ""
    return protect_formula(value) if isinstance(value, str) else value


def csv_text(rows: Iterator[list]) -> str:
    """The rows as CSV text, after a byte order mark so that Excel reads it as UTF-8."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def xlsx_bytes(rows: Iterator[list]) -> bytes:
    """A one-sheet workbook ("Group figures"); numbers stay numbers, text can never run as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Group figures")
    for row in rows:
        sheet.append([float(v) if hasattr(v, "as_tuple") else _cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
