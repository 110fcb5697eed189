#!/usr/bin/env bash
# Render a docx to PNG pages to check the layout by eye: docx -> PDF (LibreOffice) -> PNG (pdftoppm, 80 dpi).
#   bench/render_docx.sh report.docx [OUTDIR]
# Without arguments it first exports the demo summary (HĐND thành phố Móng Cái, 2022-H1) with export_summary.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
OUT=${2:-/tmp/summary-render}
mkdir -p "$OUT"
DOCX=${1:-}
if [ -z "$DOCX" ]; then
  DOCX="$OUT/bao-cao-194-2022-H1.docx"
  "$PY" manage.py export_summary --council 194 --period 2022-H1 --format docx --output "$DOCX"
fi
# A private LibreOffice profile, so a running instance or a read-only HOME does not interfere.
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
libreoffice --headless "-env:UserInstallation=file://$PROFILE" --convert-to pdf --outdir "$OUT" "$DOCX" >/dev/null
PDF="$OUT/$(basename "${DOCX%.*}").pdf"
rm -f "$OUT"/page-*.png
pdftoppm -png -r 80 "$PDF" "$OUT/page"
ls -1 "$OUT"/page-*.png
