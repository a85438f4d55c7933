"""Spreadsheet exports, written one way for every app: cells typed for the reader's
spreadsheet, a CSV in the reader's conventions (in French `;` between cells and decimal
commas, so that a French or Belgian Excel opens it in columns with numbers it can add up; in
English `,` and dots), with a byte-order mark that tells Excel it is UTF-8, and a workbook
(openpyxl) with a bold header, frozen first row, dates as dates and numbers as numbers.

Text that starts like a formula is defused in the CSV and stored as text in the workbook:
a spreadsheet never runs what a user typed (CSV injection)."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import get_language
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "DD/MM/YYYY"


def french() -> bool:
    """Whether the reader's conventions are French (the default language)."""
    return (get_language() or "fr")[:2] == "fr"


def defused(value):
    """Text that a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_cell(value, *, decimal_comma: bool):
    """A value as a CSV cell: empty for None, every digit of a number (with a decimal comma
    in French), a date in ISO form (every spreadsheet reads 2026-03-31 as a date)."""
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)  # every digit stored, nothing rounded away
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, Decimal):
        text = f"{value:f}"
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, date | datetime):
        return value.isoformat()
    return defused(value)


class _Echo:
    """csv.writer writes into this; each row comes back as a string to stream."""

    def write(self, value):
        return value


def attachment(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_response(
    *, columns: Sequence[str], rows: Iterable[Sequence], filename: str
) -> StreamingHttpResponse:
    """The rows streamed as a CSV in the reader's conventions, under `filename`."""
    decimal_comma = french()
    writer = csv.writer(_Echo(), delimiter=";" if decimal_comma else ",")

    def stream():
        # A byte-order mark tells Excel the file is UTF-8 (accents in names).
        yield "\ufeff" + writer.writerow(list(columns))
        for cells in rows:
            yield writer.writerow([csv_cell(v, decimal_comma=decimal_comma) for v in cells])

    return StreamingHttpResponse(
        stream(), content_type=CSV, headers={"Content-Disposition": attachment(filename)}
    )


def xlsx_response(
    *,
    sheet_title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence],
    filename: str,
    widths: Mapping[int, float] | None = None,
    float_format: str = "0.0",
    decimal_format: str = MONEY_FORMAT,
) -> HttpResponse:
    """The rows as a workbook of one sheet: a bold, frozen header; text that is never a
    formula; dates (`date_format`) and numbers (`float_format` for floats, `decimal_format`
    for Decimals) as such. `widths`: characters per column, by column number from 1."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])  # Excel's limit on a sheet's name
    sheet.freeze_panes = "A2"
    for index, width in (widths or {}).items():
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = []
    for title in columns:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for values in rows:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            elif isinstance(value, float):
                cell.number_format = float_format
            elif isinstance(value, Decimal):
                cell.number_format = decimal_format
            elif isinstance(value, date | datetime):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return HttpResponse(
        buffer.getvalue(), content_type=XLSX, headers={"Content-Disposition": attachment(filename)}
    )
