"""Hostile spreadsheets for the upload tests: zip bombs, lying workbooks, CSV floods."""

from __future__ import annotations

import io
import os
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
    f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
    '<sheet name="Staff" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
    f'Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def workbook(sheet_xml: bytes | None = None, *, cells: int = 0, cell: bytes = b"<c><v>1</v></c>", dimension="A1"):
    """An XLSX of one sheet "Staff": ``sheet_xml`` as given, or one row of ``cells`` copies of ``cell``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            if sheet_xml is not None:
                sheet.write(sheet_xml)
            else:
                sheet.write(
                    f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
                    '<sheetData><row r="1">'.encode()
                )
                block = 10_000
                for start in range(0, cells, block):
                    sheet.write(cell * min(block, cells - start))
                sheet.write(b"</row></sheetData></worksheet>")
    return buffer.getvalue()


def five_million_cells() -> bytes:
    """The issue's bomb: a workbook of a few hundred kilobytes holding one row of 5 million cells."""
    return workbook(cells=5_000_000)


def noisy_row(cells: int = 200_000) -> bytes:
    """One row of many different cells that does not compress well: it passes the zip's checks, and
    must be stopped while it is read."""
    random_cells = (f"<c><v>{int.from_bytes(os.urandom(6), 'big')}</v></c>".encode() for _ in range(cells))
    return workbook(
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData><row r="1">'.encode()
        + b"".join(random_cells)
        + b"</row></sheetData></worksheet>"
    )


def million_row_csv() -> bytes:
    """A 10 MB CSV of a million rows."""
    return b"Name,Email,Role,School,FTE\n" + b"a,b,c,d,1\n" * 1_000_000


def huge_field_csv() -> bytes:
    """A CSV whose one quoted field is 9 MB long."""
    return b'Name,Email,Role,School,FTE\n"' + b"x" * 9_000_000 + b'",a@b.org,Teacher,,\n'
