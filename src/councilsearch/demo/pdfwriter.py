"""A small, dependency-free, deterministic PDF writer.

Used by the tests to build hard layouts and by the demo generator to write many
papers quickly. Same input gives the same bytes: no timestamps, no random ids.

Coordinates are PDF points with y measured from the TOP of the page (the PDF
itself measures from the bottom; the writer converts). Text uses the standard 14
fonts with WinAnsiEncoding, so it is encoded as cp1252 ("£", "–", "’", "€" work;
anything else becomes "?"). Widths come from pdfminer's copy of the Adobe metrics.

Optionally the file is encrypted with the standard security handler (RC4,
40-bit, revision 2) under a user password: enough for tests of the
"encrypted" extraction error.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from pathlib import Path

from pdfminer.fontmetrics import FONT_METRICS

STANDARD_FONTS = (
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic",
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Symbol", "ZapfDingbats",
)

# Padding string of the PDF standard security handler (PDF 1.7, 7.6.3.3).
_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
# Permissions: everything allowed (bits 3-6 set, reserved high bits set).
_PERMISSIONS = -4


def _check_font(font: str) -> None:
    if font not in STANDARD_FONTS:
        raise ValueError(f"unknown font {font!r}; use one of the standard 14: {', '.join(STANDARD_FONTS)}")


@functools.lru_cache(maxsize=None)
def _width_table(font: str) -> tuple[int, ...]:
    """Advance widths (1/1000 em) of the 256 cp1252 codes, as the PDF will draw them."""
    _check_font(font)
    widths = FONT_METRICS[font][1]
    default = widths.get("n", 500)
    table = []
    for code in range(256):
        ch = bytes([code]).decode("cp1252", errors="replace")
        table.append(widths.get(ch, default))
    return tuple(table)


def _encode(s: str) -> bytes:
    return s.encode("cp1252", errors="replace")


def _escape_string(data: bytes) -> bytes:
    """A PDF literal string body: backslash, parentheses and CR escaped."""
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r")


def _num(v: float) -> str:
    """Compact, deterministic number formatting."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray(len(data))
    i = j = 0
    for n, byte in enumerate(data):
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out[n] = byte ^ s[(s[i] + s[j]) & 0xFF]
    return bytes(out)


def _pad_password(password: str) -> bytes:
    return (_encode(password) + _PASSWORD_PAD)[:32]


class PdfWriter:
    def __init__(self, width: float = 595.0, height: float = 842.0, info: dict | None = None,
                 encrypt_user_password: str | None = None):
        self.width = float(width)
        self.height = float(height)
        self.info = dict(info or {})
        self.encrypt_user_password = encrypt_user_password
        self._pages: list[list[str]] = []
        self._fonts: dict[str, str] = {}  # font name -> resource name ("F1")

    # -- drawing ---------------------------------------------------------------
    def add_page(self) -> None:
        self._pages.append([])

    def _ops(self) -> list[str]:
        if not self._pages:
            self.add_page()
        return self._pages[-1]

    def _font_resource(self, font: str) -> str:
        _check_font(font)
        if font not in self._fonts:
            self._fonts[font] = f"F{len(self._fonts) + 1}"
        return self._fonts[font]

    def text(self, x: float, y: float, s: str, font: str = "Helvetica", size: float = 10.0, angle: int = 0) -> None:
        """Draw s with its baseline at y (distance from the page top).

        angle (degrees anticlockwise: 0, 90 or 270) turns the text about (x, y),
        for sideways tables in tests.
        """
        res = self._font_resource(font)
        body = _escape_string(_encode(s)).decode("latin-1")
        ty = _num(self.height - y)
        if angle == 0:
            place = f"{_num(x)} {ty} Td"
        elif angle in (90, 270):
            sin = 1 if angle == 90 else -1
            place = f"0 {sin} {-sin} 0 {_num(x)} {ty} Tm"
        else:
            raise ValueError("angle must be 0, 90 or 270")
        self._ops().append(f"BT /{res} {_num(size)} Tf {place} ({body}) Tj ET")

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> None:
        self._ops().append(
            f"{_num(width)} w {_num(x0)} {_num(self.height - y0)} m {_num(x1)} {_num(self.height - y1)} l S"
        )

    def rect(self, x: float, y: float, w: float, h: float, width: float = 0.5) -> None:
        """Stroke a rectangle whose top edge is y from the page top."""
        self._ops().append(f"{_num(width)} w {_num(x)} {_num(self.height - y - h)} {_num(w)} {_num(h)} re S")

    # -- measuring and wrapping ------------------------------------------------
    @staticmethod
    def text_width(s: str, font: str = "Helvetica", size: float = 10.0) -> float:
        table = _width_table(font)
        return sum(table[b] for b in _encode(s)) * size / 1000.0

    @staticmethod
    def wrap(s: str, width: float, font: str = "Helvetica", size: float = 10.0) -> list[str]:
        """Greedy word wrap to lines no wider than width (a single overlong word stays whole)."""
        lines: list[str] = []
        space = PdfWriter.text_width(" ", font, size)
        for para in s.split("\n"):
            current, current_width = "", 0.0
            for word in para.split():
                word_width = PdfWriter.text_width(word, font, size)
                if current and current_width + space + word_width > width:
                    lines.append(current)
                    current, current_width = word, word_width
                elif current:
                    current, current_width = f"{current} {word}", current_width + space + word_width
                else:
                    current, current_width = word, word_width
            lines.append(current)
        return lines

    def paragraph(self, x: float, y: float, width: float, s: str, font="Helvetica", size=10.0,
                  leading=None, justify=False) -> float:
        """Draw s wrapped to width, first baseline at y; returns the baseline after the last line.

        justify=True spreads the words of every line but the last to fill the width,
        drawing each word separately (the hard case for extractors).
        """
        leading = leading if leading is not None else size * 1.2
        lines = self.wrap(s, width, font, size)
        for i, text in enumerate(lines):
            words = text.split()
            last = i == len(lines) - 1
            if justify and not last and len(words) > 1:
                natural = sum(self.text_width(w, font, size) for w in words)
                gap = (width - natural) / (len(words) - 1)
                cursor = x
                for word in words:
                    self.text(cursor, y, word, font, size)
                    cursor += self.text_width(word, font, size) + gap
            elif text:
                self.text(x, y, text, font, size)
            y += leading
        return y

    # -- output ----------------------------------------------------------------
    def to_bytes(self) -> bytes:
        pages = self._pages or [[]]
        fonts = list(self._fonts.items())
        # Object numbers: 1 catalog, 2 pages, 3 font dict objects..., then page/content pairs, then info.
        font_ids = {font: 3 + i for i, (font, _) in enumerate(fonts)}
        first_page_id = 3 + len(fonts)
        page_ids = [first_page_id + 2 * i for i in range(len(pages))]
        info_id = first_page_id + 2 * len(pages)
        encrypt_id = info_id + 1 if self.encrypt_user_password is not None else None

        contents = [zlib.compress("\n".join(ops).encode("latin-1"), 9) for ops in pages]
        file_id = hashlib.md5(b"".join(contents) + repr(sorted(self.info.items())).encode("utf-8")).digest()

        key = None
        encrypt_dict = None
        if encrypt_id is not None:
            key, encrypt_dict = self._security(file_id)

        def enc(obj_id: int, data: bytes) -> bytes:
            if key is None:
                return data
            obj_key = hashlib.md5(key + obj_id.to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[: len(key) + 5]
            return _rc4(obj_key, data)

        objects: dict[int, bytes] = {}
        objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
        font_refs = " ".join(f"/{res} {font_ids[font]} 0 R" for font, res in fonts)
        kids = " ".join(f"{pid} 0 R" for pid in page_ids)
        objects[2] = (
            f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} "
            f"/MediaBox [0 0 {_num(self.width)} {_num(self.height)}] /Resources << /Font << {font_refs} >> >> >>"
        ).encode("latin-1")
        for font, _res in fonts:
            encoding = "" if font in ("Symbol", "ZapfDingbats") else " /Encoding /WinAnsiEncoding"
            objects[font_ids[font]] = f"<< /Type /Font /Subtype /Type1 /BaseFont /{font}{encoding} >>".encode("latin-1")
        for pid, content in zip(page_ids, contents):
            objects[pid] = f"<< /Type /Page /Parent 2 0 R /Contents {pid + 1} 0 R >>".encode("latin-1")
            data = enc(pid + 1, content)
            objects[pid + 1] = (
                f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode("latin-1") + data + b"\nendstream"
            )
        info_items = []
        for k, v in self.info.items():
            value = b"\xfe\xff" + str(v).encode("utf-16-be")
            info_items.append(f"/{k} <{enc(info_id, value).hex()}>")
        objects[info_id] = ("<< " + " ".join(info_items) + " >>").encode("latin-1")
        if encrypt_id is not None:
            objects[encrypt_id] = encrypt_dict

        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = {}
        for obj_id in sorted(objects):
            offsets[obj_id] = len(out)
            out += f"{obj_id} 0 obj\n".encode("latin-1") + objects[obj_id] + b"\nendobj\n"
        xref_at = len(out)
        size = max(objects) + 1
        out += f"xref\n0 {size}\n0000000000 65535 f \n".encode("latin-1")
        for obj_id in range(1, size):
            out += f"{offsets[obj_id]:010d} 00000 n \n".encode("latin-1")
        trailer = f"<< /Size {size} /Root 1 0 R /Info {info_id} 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
        if encrypt_id is not None:
            trailer += f" /Encrypt {encrypt_id} 0 R"
        out += f"trailer\n{trailer} >>\nstartxref\n{xref_at}\n%%EOF\n".encode("latin-1")
        return bytes(out)

    def _security(self, file_id: bytes) -> tuple[bytes, bytes]:
        """Key and /Encrypt dictionary for RC4 40-bit, revision 2 (PDF 1.7 algorithms 2-4).

        The owner password equals the user password: only reading matters here.
        """
        user = _pad_password(self.encrypt_user_password or "")
        owner_key = hashlib.md5(user).digest()[:5]
        o_value = _rc4(owner_key, user)
        key = hashlib.md5(user + o_value + _PERMISSIONS.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
        u_value = _rc4(key, _PASSWORD_PAD)
        encrypt = f"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <{o_value.hex()}> /U <{u_value.hex()}> /P {_PERMISSIONS} >>"
        return key, encrypt.encode("latin-1")

    def save(self, path) -> None:
        Path(path).write_bytes(self.to_bytes())
