"""Small real PDFs made on the fly for the demo's and the bench's documents (a quote, an
invoice, a proof of payment): one A4 page of text in Helvetica, written by hand in a few
hundred bytes, since rendering each through WeasyPrint would cost the demo seconds."""

from django.core.files.uploadedfile import SimpleUploadedFile


def _text(value: str) -> bytes:
    """A PDF string literal in WinAnsi (Latin-1 and the euro sign), escaped."""
    raw = value.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    body = [b"BT /F1 16 Tf 56 780 Td " + _text(title) + b" Tj /F1 11 Tf"]
    for line in lines:
        body.append(b"0 -18 Td " + _text(line) + b" Tj")
    body.append(b"ET")
    content = b"\n".join(body)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_upload(name: str, title: str, lines: list[str]) -> SimpleUploadedFile:
    """An uploaded PDF, as a browser would send it, for the services' `file` arguments."""
    return SimpleUploadedFile(name, pdf_bytes(title, lines), content_type="application/pdf")
