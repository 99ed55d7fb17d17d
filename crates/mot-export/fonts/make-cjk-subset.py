#!/usr/bin/env python3
"""Rebuilds DroidSansFallback-GB2312L1.ttf, the CJK fallback of the PDF export.

Needs fontTools (`pip install fonttools`) and Debian's fonts-droid-fallback
(`apt-get download fonts-droid-fallback && dpkg-deb -x fonts-droid-fallback_*.deb x`).
Keeps GB2312 level-1 hanzi (the 3,755 most used simplified characters), the
GB2312 symbol rows (kana, CJK punctuation…) that DejaVu Sans lacks, CJK
symbols and punctuation (U+3000–303F) and half/full-width forms (U+FF00–FFEF).

    python3 make-cjk-subset.py x/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf
"""
import subprocess
import sys

from fontTools.ttLib import TTFont

src = sys.argv[1]
dejavu = TTFont("DejaVuSans.ttf").getBestCmap()
chars = set()
for row in range(0xA1, 0xD8):  # symbol rows A1–A9, level-1 hanzi B0–D7
    for cell in range(0xA1, 0xFF):
        try:
            chars.add(bytes([row, cell]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
chars.update(chr(c) for c in range(0x3000, 0x3040))
chars.update(chr(c) for c in range(0xFF00, 0xFFF0))
chars = sorted(c for c in chars if ord(c) not in dejavu)
with open("/tmp/cjk-subset.txt", "w", encoding="utf-8") as f:
    f.write("".join(chars))
subprocess.run(
    [
        "pyftsubset", src,
        "--text-file=/tmp/cjk-subset.txt",
        "--output-file=DroidSansFallback-GB2312L1.ttf",
        "--no-hinting", "--name-IDs=*", "--name-legacy", "--notdef-outline",
    ],
    check=True,
)
print(len(chars), "characters kept")
