"""Generate the hostile and broken files of issue 14 on disk (never committed as blobs).

`raw_xlsx` writes a workbook package by hand, streaming each sheet's XML into the zip, so a
test can make a million-row sheet, a sheet a thousand columns wide or a zip bomb in a
second or two without building them in openpyxl.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

SheetRows = Callable[[], Iterable[Iterable[object]]]

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def raw_xlsx(path: Path, sheets: dict[str, SheetRows], padding: int = 0) -> Path:
    """Write an .xlsx whose sheets hold the given rows (inline strings and numbers).

    `padding` bytes of spaces go into the first sheet's XML before its data: an honest zip
    bomb (it compresses to almost nothing).
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        names = list(sheets)
        types = "".join(_SHEET_TYPE.format(n=i + 1) for i in range(len(names)))
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        listed = "".join(
            f'<sheet name="{escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
            for i, name in enumerate(names)
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" '
            f'xmlns:r="{_REL}"><sheets>{listed}</sheets></workbook>',
        )
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(names))
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships '
            f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
            "</Relationships>",
        )
        for i, name in enumerate(names):
            with archive.open(f"xl/worksheets/sheet{i + 1}.xml", "w") as out:
                for piece in _sheet_xml(sheets[name](), padding if i == 0 else 0):
                    out.write(piece)
    return path


def _sheet_xml(rows: Iterable[Iterable[object]], padding: int) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
    block = b" " * (1024 * 1024)
    while padding > 0:
        yield block[:padding]
        padding -= len(block)
    yield b"<sheetData>"
    batch: list[bytes] = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(_cell(number, col, value) for col, value in enumerate(row, start=1))
        batch.append(f'<row r="{number}">{cells}</row>'.encode())
        if len(batch) == 10_000:
            yield b"".join(batch)
            batch.clear()
    yield b"".join(batch)
    yield b"</sheetData></worksheet>"


def _cell(row: int, col: int, value: object) -> str:
    ref = f"{get_column_letter(col)}{row}"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def roster() -> list[list[object]]:
    """A small valid Workers sheet."""
    return [
        ["worker_id", "name", "role", "fte", "team"],
        ["W1", "Sam Lee", "SW", 1, "North"],
        ["W2", "Ann Bo", "SW", 1, "North"],
    ]


def many_new_cases(count: int) -> Iterator[list[object]]:
    """A Cases sheet of `count` valid new children, each its own family."""
    yield ["child_id", "family_id", "stage"]
    for number in range(count):
        yield [f"C{number}", f"F{number}", "CIN"]


def million_row_workbook(path: Path, rows: int) -> Path:
    """The valid roster and a Cases sheet of `rows` new children (issue 14's million-row file)."""
    return raw_xlsx(path, {"Workers": roster, "Cases": lambda: many_new_cases(rows)})


def wide_workbook(path: Path, columns: int) -> Path:
    """A Cases sheet whose header is `columns` cells wide."""

    def cases() -> list[list[object]]:
        header: list[object] = ["child_id", "family_id", "stage"]
        header += [f"extra{n}" for n in range(columns - 3)]
        return [header, ["C1", "F1", "CIN"]]

    return raw_xlsx(path, {"Workers": roster, "Cases": cases})


def zip_bomb(path: Path, unpacked_bytes: int) -> Path:
    """A small valid-looking workbook whose Workers sheet unpacks to `unpacked_bytes`."""
    return raw_xlsx(
        path, {"Workers": roster, "Cases": lambda: many_new_cases(2)}, padding=unpacked_bytes
    )


def lying_sizes(path: Path) -> Path:
    """A workbook whose zip directory claims a sheet unpacks to fewer bytes than it does."""
    zip_bomb(path, 2 * 1024 * 1024)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    entry = data.find(b"PK\x01\x02")
    while entry != -1:  # each central directory entry: the uncompressed size is at offset 24
        name_length = int.from_bytes(data[entry + 28 : entry + 30], "little")
        if bytes(data[entry + 46 : entry + 46 + name_length]) == name:
            data[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    path.write_bytes(bytes(data))
    return path
