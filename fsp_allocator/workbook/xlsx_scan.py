"""Scan an .xlsx package before it is parsed: sizes, rows, merged cells and unsaved formulas.

The file is untrusted. Every zip member is decompressed as a stream (never held whole),
counting the bytes it really gives against its declared size and against the budgets
below, so a zip bomb is refused after at most `MAX_UNCOMPRESSED_BYTES` of work whatever its
headers claim. Worksheets are scanned on the way with a few byte patterns (no XML tree is
built): how many rows hold a value, which cells are merged, and which formulas have no
saved value (a file written by a program, never opened in Excel, has none: openpyxl would
read them as blank).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.cell import range_boundaries

MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024  # all members together, as really decompressed
MAX_SHARED_STRINGS_BYTES = 40 * 1024 * 1024  # openpyxl holds the whole string table in memory
MAX_OTHER_XML_BYTES = 20 * 1024 * 1024  # styles, workbook, relationships: parsed whole
MAX_LISTED = 20  # merged ranges or unsaved formulas listed per sheet

CHUNK = 1024 * 1024
OVERLAP = 64 * 1024  # longer than any tag or formula the patterns below must see whole

_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_TOKENS = re.compile(rb"<" + _PREFIX + rb"(row|v|is|mergeCell)\b([^>]*)>")
_UNSAVED_FORMULA = re.compile(
    rb"<"
    + _PREFIX
    + rb"c\b([^>]*)>\s*<"
    + _PREFIX
    + rb"f\b[^>]*(?:/>|>[^<]*</"
    + _PREFIX
    + rb"f>)\s*(?:<"
    + _PREFIX
    + rb"v\s*/>\s*)?</"
    + _PREFIX
    + rb"c>"
)
_REF = re.compile(rb'\b(?:r|ref)\s*=\s*"([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)"')


class PackageRefused(Exception):
    """The package breaks a limit or is damaged; the message is one sentence for the manager."""


@dataclass
class SheetScan:
    """What the scan found in one worksheet's XML."""

    value_rows: int = 0  # rows holding at least one value (the header included)
    merged: list[str] = field(default_factory=list)  # ranges such as 'B5:B7'
    unsaved_formulas: list[str] = field(default_factory=list)  # cells such as 'C4'
    unsaved_count: int = 0

    def merged_data_ranges(self, width: int) -> list[str]:
        """Merged ranges that cover data cells (below the header, inside its width)."""
        found = []
        for ref in self.merged:
            try:
                min_col, _, _, max_row = range_boundaries(ref)
            except (ValueError, TypeError):
                continue
            if max_row is not None and max_row >= 2 and (min_col or 1) <= width:
                found.append(ref)
        return found


def scan_package(path: Path) -> dict[str, SheetScan]:
    """Each worksheet member's scan by its path in the package (e.g. `xl/worksheets/sheet1.xml`).

    Raises `PackageRefused` when a budget is broken or the zip is damaged.
    """
    scans: dict[str, SheetScan] = {}
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                limit = _member_limit(info.filename)
                if info.file_size > limit or total + info.file_size > MAX_UNCOMPRESSED_BYTES:
                    raise PackageRefused(_too_big(path, info.filename, limit))
                is_sheet = _is_worksheet(info.filename)
                scan = SheetScan() if is_sheet else None
                total += _stream(archive, info, limit, total, scan, path)
                if scan is not None:
                    scans[info.filename] = scan
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise PackageRefused(
            f"{path.name} is damaged and cannot be read as an Excel workbook"
        ) from None
    except RuntimeError:  # an encrypted zip member
        raise PackageRefused(
            f"{path.name} is password-protected; remove the password and try again"
        ) from None
    return scans


def _is_worksheet(name: str) -> bool:
    return name.startswith("xl/worksheets/") and name.endswith(".xml")


def _member_limit(name: str) -> int:
    if _is_worksheet(name):
        return MAX_UNCOMPRESSED_BYTES
    if name.lower().endswith("sharedstrings.xml"):
        return MAX_SHARED_STRINGS_BYTES
    if name.lower().endswith((".xml", ".rels")):
        return MAX_OTHER_XML_BYTES
    return MAX_UNCOMPRESSED_BYTES


def _too_big(path: Path, member: str, limit: int) -> str:
    budget = min(limit, MAX_UNCOMPRESSED_BYTES) // (1024 * 1024)
    return (
        f"{path.name} unpacks to more than {budget} MB (in {member}); a team workbook is far "
        "smaller, so it was not opened"
    )


def _stream(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limit: int,
    before: int,
    scan: SheetScan | None,
    path: Path,
) -> int:
    """Decompress one member chunk by chunk, scanning worksheets; returns its real size."""
    size = 0
    tail = b""
    tail_start = 0  # offset in the member of `tail`'s first byte
    scanned_to = 0  # offsets before this have been matched already
    in_row_with_value = [False]
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > info.file_size or size > limit or before + size > MAX_UNCOMPRESSED_BYTES:
                raise PackageRefused(_too_big(path, info.filename, limit))
            if scan is None:
                continue
            buffer = tail + chunk
            scanned_to = _scan_chunk(buffer, tail_start, scanned_to, scan, in_row_with_value)
            keep = min(len(buffer), OVERLAP)
            tail_start += len(buffer) - keep
            tail = buffer[-keep:]
    if scan is not None and in_row_with_value[0]:
        scan.value_rows += 1
    return size


def _scan_chunk(
    buffer: bytes, start: int, scanned_to: int, scan: SheetScan, in_row: list[bool]
) -> int:
    """Match the patterns in `buffer` (member offset `start`), skipping what was seen."""
    furthest = scanned_to
    for match in _TOKENS.finditer(buffer):
        at = start + match.start()
        if at < scanned_to:
            continue
        furthest = max(furthest, start + match.end())
        tag, attributes = match.group(1), match.group(2)
        if tag == b"row":
            if in_row[0]:
                scan.value_rows += 1
            in_row[0] = False
        elif tag == b"mergeCell":
            ref = _REF.search(attributes)
            if ref and len(scan.merged) < 10 * MAX_LISTED:
                scan.merged.append(ref.group(1).decode("ascii").upper())
        elif not attributes.rstrip().endswith(b"/"):  # <v>, <is> holding something
            in_row[0] = True
    for match in _UNSAVED_FORMULA.finditer(buffer):
        at = start + match.start()
        if at < scanned_to:
            continue
        furthest = max(furthest, start + match.end())
        scan.unsaved_count += 1
        ref = _REF.search(match.group(1))
        if ref and len(scan.unsaved_formulas) < MAX_LISTED:
            scan.unsaved_formulas.append(ref.group(1).decode("ascii").upper())
    return max(furthest, start + len(buffer) - OVERLAP)
