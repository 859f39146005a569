#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-GB2312.otf: the Simplified Chinese face of Noto Sans CJK
# (SIL Open Font License 1.1, Debian package fonts-noto-cjk), cut to GB2312's 6,763 hanzi, CJK
# punctuation and full-width forms, so Chinese renders everywhere without a system font.
# Needs: apt-get install fonts-noto-cjk; pip install fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
chars=$(mktemp)
/usr/bin/env python3 - > "$chars" <<'PY'
import sys
out = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            out.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
out.update(chr(c) for c in range(0x3000, 0x3040))   # CJK punctuation
out.update(chr(c) for c in range(0xFF00, 0xFFF0))   # full-width forms
sys.stdout.write("".join(sorted(out)))
PY
pyftsubset "$src" --font-number=2 --text-file="$chars" --layout-features='*' \
    --output-file=assets/fonts/NotoSansSC-GB2312.otf
rm -f "$chars"
ls -l assets/fonts/NotoSansSC-GB2312.otf
