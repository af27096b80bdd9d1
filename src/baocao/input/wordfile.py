"""Word documents (.docx) sized up before they are parsed: no zip bomb reaches the parser.

A .docx is a zip whose XML parts python-docx and lxml parse whole. A few hundred KB can
unpack to gigabytes of XML or millions of paragraphs, which would take minutes and all
the memory to parse. The sizes the zip declares are checked first (reading a part never
yields more than its declared size: the zip reader stops there), then the main part's
paragraphs and tags are counted in its bytes, before any XML parser sees them.
"""

from __future__ import annotations

import re
import zipfile

from baocao.core.vietnamese import format_number
from baocao.messages import Say

__all__ = ["MAX_PARAGRAPHS", "MAX_PART_BYTES", "MAX_TAGS", "MAX_UNZIPPED_BYTES", "too_big"]

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""All parts unpacked, pictures included: a real template or plan is a few MB."""
MAX_PART_BYTES = 32 * 1024 * 1024
"""One XML part unpacked: a 100-page plan's text is about 2 MB of XML."""
MAX_PARAGRAPHS = 50_000
"""Paragraphs of the main part: a plan or a template has hundreds."""
MAX_TAGS = 2_000_000
"""XML tags of the main part (opening and closing): about 40 per paragraph in practice."""

_PARAGRAPH = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")
_MB = 1024 * 1024


def _mb(size: int) -> str:
    return format_number(round(size / _MB, 1))


def too_big(archive: zipfile.ZipFile) -> Say | None:
    """Why the Word package ``archive`` is too big to parse, or None.

    Only the main part (word/document.xml, itself within the limit) is unpacked.
    """
    entries = archive.infolist()
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNZIPPED_BYTES:
        return Say(
            f"nội dung giải nén {_mb(total)} MB, tối đa {_mb(MAX_UNZIPPED_BYTES)} MB",
            f"it unpacks to {_mb(total)} MB, at most {_mb(MAX_UNZIPPED_BYTES)} MB",
        )
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")) and entry.file_size > MAX_PART_BYTES:
            return Say(
                f"phần {entry.filename} giải nén {_mb(entry.file_size)} MB, "
                f"tối đa {_mb(MAX_PART_BYTES)} MB",
                f"part {entry.filename} unpacks to {_mb(entry.file_size)} MB, "
                f"at most {_mb(MAX_PART_BYTES)} MB",
            )
    try:
        body = archive.read("word/document.xml")
    except KeyError:
        return None  # not a Word document: the caller says so
    paragraphs = len(_PARAGRAPH.findall(body))
    if paragraphs > MAX_PARAGRAPHS:
        return Say(
            f"{format_number(paragraphs)} đoạn văn, tối đa {format_number(MAX_PARAGRAPHS)}",
            f"{paragraphs:,} paragraphs, at most {MAX_PARAGRAPHS:,}",
        )
    tags = body.count(b"<")
    if tags > MAX_TAGS:
        return Say(
            f"{format_number(tags)} thẻ XML, tối đa {format_number(MAX_TAGS)}",
            f"{tags:,} XML tags, at most {MAX_TAGS:,}",
        )
    return None
