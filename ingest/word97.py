"""The text of an old binary Word document (.doc, Word 97–2003; WPS saves the same format).

Many 三定 on office intranets are .doc files from the 2000s; asking a user to re-save each one as
.docx is the kind of chore that makes a tool go unused. olefile opens the compound file; this
module reads only what the text needs, after Microsoft's published [MS-DOC] layout:

- the FIB at the start of the WordDocument stream: magic 0xA5EC, the flags (encrypted, which
  table stream), ccpText (how many characters the main document has) and fcClx/lcbClx (where the
  piece table is in the table stream);
- the piece table (Clx → PlcPcd): each piece is a run of characters, stored either as UTF-16LE or
  "compressed" as one byte per character (cp1252);
- Word's control characters: paragraph and cell ends become line breaks, as the .docx reader puts
  every paragraph and table cell on a line of its own; a field's instructions (\\x13 … \\x14) are
  dropped and its shown result (\\x14 … \\x15) kept; object anchors are dropped.

Only the main document is read (the first ccpText characters): headers, footers, footnotes and
comments are not part of a 三定's clauses. Anything that does not fit raises `InputError` in
Chinese naming the file.
"""

from __future__ import annotations

import io
import struct

from zhize.graph.errors import InputError

__all__ = ["word97_text"]

_MAGIC = 0xA5EC
_FIRST_WORD97_NFIB = 0x00C1  # Word 97; earlier versions (Word 6/95) store text differently
_ENCRYPTED, _WHICH_TABLE, _OBFUSCATED = 0x0100, 0x0200, 0x8000
_FC_CLX_INDEX = 33  # fcClx/lcbClx is the 34th pair of FibRgFcLcb97
_COMPRESSED = 0x40000000
# Word's control characters in the text stream → what the plain text keeps.
_CONTROLS = str.maketrans({
    "\r": "\n",      # paragraph end
    "\x07": "\n",    # table cell and row end: one cell per line, as in the .docx reader
    "\x0b": "\n",    # manual line break
    "\x0c": "\n",    # page or section break
    "\x0e": "\n",    # column break
    "\x1e": "-",     # non-breaking hyphen
    "\x1f": None,    # optional hyphen
    "\x01": None, "\x02": None, "\x03": None, "\x04": None, "\x05": None, "\x08": None,  # anchors
    "\xa0": " ",
})
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"


def word97_text(data: bytes, file: str) -> str:
    """The main document's text of a Word 97–2003 binary file, paragraphs on lines of their own."""
    import olefile  # deferred: only .doc files need it

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as err:  # olefile raises OSError and its own errors on damaged containers
        raise InputError("不是有效的 Word（.doc）文件，可能已损坏", file=file) from err
    with ole:
        if not ole.exists("WordDocument"):
            raise InputError("文件里没有 Word 文档内容（可能是 Excel 或其他格式），请另存为 .docx 再读取",
                             file=file)
        word = ole.openstream("WordDocument").read()
        fib = _fib(word, file)
        table_name = "1Table" if fib.flags & _WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise InputError("Word（.doc）文件缺少表格流，可能已损坏", file=file)
        table = ole.openstream(table_name).read()
    pieces = _pieces(table, fib, file)
    return _plain(_characters(word, pieces, fib.ccp_text, file))


class _Fib:
    __slots__ = ("ccp_text", "fc_clx", "flags", "lcb_clx")

    def __init__(self, flags: int, ccp_text: int, fc_clx: int, lcb_clx: int):
        self.flags, self.ccp_text, self.fc_clx, self.lcb_clx = flags, ccp_text, fc_clx, lcb_clx


def _fib(word: bytes, file: str) -> _Fib:
    """The few FIB fields the text needs, located through the FIB's own counts (csw, cslw)."""
    if len(word) < 0x22 or _u16(word, 0) != _MAGIC:
        raise InputError("不是有效的 Word（.doc）文件，可能已损坏", file=file)
    if _u16(word, 2) < _FIRST_WORD97_NFIB:
        raise InputError("这是 Word 95 或更早版本的文档，请先用 Word 或 WPS 另存为 .docx 再读取", file=file)
    flags = _u16(word, 0x0A)
    if flags & (_ENCRYPTED | _OBFUSCATED):
        raise InputError("Word 文档已加密，请先解除密码保护", file=file)
    try:
        csw = _u16(word, 0x20)
        lw = 0x22 + csw * 2 + 2  # FibRgLw97 follows FibRgW97 and its count cslw
        ccp_text = _u32(word, lw + 12)
        fc_lcb = lw + _u16(word, lw - 2) * 4 + 2  # FibRgFcLcb follows FibRgLw97 and its count
        fc_clx = _u32(word, fc_lcb + _FC_CLX_INDEX * 8)
        lcb_clx = _u32(word, fc_lcb + _FC_CLX_INDEX * 8 + 4)
    except struct.error as err:
        raise InputError("Word（.doc）文件头不完整，可能已损坏", file=file) from err
    return _Fib(flags, ccp_text, fc_clx, lcb_clx)


def _pieces(table: bytes, fib: _Fib, file: str) -> list[tuple[int, int, int]]:
    """(first cp, end cp, fc) of every piece, in document order, from the Clx in the table stream."""
    clx = table[fib.fc_clx:fib.fc_clx + fib.lcb_clx]
    pos = 0
    try:
        while pos < len(clx) and clx[pos] == 0x01:  # Prc: formatting, skipped
            pos += 3 + struct.unpack_from("<h", clx, pos + 1)[0]
        if pos >= len(clx) or clx[pos] != 0x02:
            raise InputError("Word（.doc）文件的文字索引（piece table）无法识别，可能已损坏", file=file)
        size = _u32(clx, pos + 1)
        plc = clx[pos + 5:pos + 5 + size]
        count = (size - 4) // 12
        if count <= 0 or len(plc) < size:
            raise InputError("Word（.doc）文件的文字索引（piece table）不完整，可能已损坏", file=file)
        cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
        fcs = [_u32(plc, (count + 1) * 4 + i * 8 + 2) for i in range(count)]
    except struct.error as err:
        raise InputError("Word（.doc）文件的文字索引（piece table）不完整，可能已损坏", file=file) from err
    return [(cps[i], cps[i + 1], fcs[i]) for i in range(count)]


def _characters(word: bytes, pieces: list[tuple[int, int, int]], ccp_text: int, file: str) -> str:
    """The main document's characters (cp < ccpText), piece by piece."""
    parts: list[str] = []
    for first, end, fc in pieces:
        end = min(end, ccp_text)
        if end <= first:
            continue
        n = end - first
        if fc & _COMPRESSED:
            start = (fc & ~_COMPRESSED) // 2
            raw, text = word[start:start + n], word[start:start + n].decode("cp1252", errors="replace")
        else:
            raw = word[fc:fc + 2 * n]
            text = raw.decode("utf-16-le", errors="replace")
        if len(raw) < (n if fc & _COMPRESSED else 2 * n):
            raise InputError("Word（.doc）文件的文字超出了文件末尾，可能已损坏", file=file)
        parts.append(text)
    return "".join(parts)


def _plain(text: str) -> str:
    """Fields reduced to their shown result, control characters to line breaks or nothing."""
    if _FIELD_BEGIN not in text:  # most 三定 have no fields: skip the character walk
        return text.translate(_CONTROLS)
    out: list[str] = []
    hidden = []  # per open field: whether its characters are still the hidden instructions
    for ch in text:
        if ch == _FIELD_BEGIN:
            hidden.append(True)
        elif ch == _FIELD_SEPARATOR and hidden:
            hidden[-1] = False
        elif ch == _FIELD_END and hidden:
            hidden.pop()
        elif not any(hidden):
            out.append(ch)
    return "".join(out).translate(_CONTROLS)


def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]
