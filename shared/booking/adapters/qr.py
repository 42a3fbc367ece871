"""Render pass tokens as QR codes (SVG text for web clients, PNG bytes for apps and e-mail).

Error correction level M is the default: a phone screen gives a clean image, so the extra
redundancy of Q/H would only make the symbol denser for a ~130-character token. ``boost_error``
is left on, so segno raises the level for free when the chosen version has room to spare.
"""

from __future__ import annotations

import io

import segno

DEFAULT_ERROR_LEVEL = "m"
DEFAULT_BORDER = 4  # the quiet zone the QR specification asks for


def make_qr(data: str, *, error: str = DEFAULT_ERROR_LEVEL) -> segno.QRCode:
    """Build the QR symbol for ``data`` (never a Micro QR: door scanners expect regular codes)."""
    return segno.make(data, error=error, micro=False)


def render_svg(
    data: str,
    *,
    scale: int = 4,
    border: int = DEFAULT_BORDER,
    error: str = DEFAULT_ERROR_LEVEL,
) -> str:
    """Return an inline SVG document (no XML declaration) showing ``data`` as a QR code."""
    return make_qr(data, error=error).svg_inline(scale=scale, border=border)


def render_png(
    data: str,
    *,
    scale: int = 8,
    border: int = DEFAULT_BORDER,
    error: str = DEFAULT_ERROR_LEVEL,
) -> bytes:
    """Return PNG bytes showing ``data`` as a QR code."""
    buffer = io.BytesIO()
    make_qr(data, error=error).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()
