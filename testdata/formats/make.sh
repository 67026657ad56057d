#!/usr/bin/env bash
# Builds the same report in every format baogao reads, from report.txt, for
# the corpus and CLI tests. The results are committed: the tests need none
# of these tools. To build them again (Debian):
#
#   apt-get install -y --no-install-recommends libreoffice-writer-nogui chromium fonts-wqy-zenhei poppler-utils
#   bash make.sh
#
#   gen.go            report.fodt, the three web pages, report.ofd
#   LibreOffice       report.fodt -> report.docx, report.doc, report.odt, report.pdf
#   report.wps        report.doc under the name Kingsoft WPS gives it: WPS writes
#                     the same Word 97 binary format (no tool here writes .wps)
#   Chromium          report-utf8.html printed to report-chromium.pdf, with the
#                     browser's own header and footer (date, title, address, page x/y)
#   scan.pdf          page 1 of report.pdf rendered to a grey image (pdftoppm) and
#                     printed by Chromium as a page holding only that image: a scan
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

go run gen.go

soffice() {
  command soffice -env:UserInstallation=file://"$out"/profile --headless "$@" >/dev/null
}
soffice --convert-to docx:"MS Word 2007 XML" --outdir "$out" report.fodt
soffice --convert-to doc:"MS Word 97" --outdir "$out" report.fodt
soffice --convert-to odt --outdir "$out" report.fodt
soffice --convert-to pdf:writer_pdf_Export --outdir "$out" report.fodt
cp "$out"/report.docx "$out"/report.doc "$out"/report.odt "$out"/report.pdf .
cp report.doc report.wps

chrome() {
  chromium --headless --no-sandbox --disable-gpu --user-data-dir="$out"/chrome "$@" 2>/dev/null
}
chrome --print-to-pdf="$PWD/report-chromium.pdf" "file://$PWD/report-utf8.html"

pdftoppm -r 40 -gray -png -f 1 -l 1 report.pdf "$out"/scan
printf '<html><body style="margin:0"><img style="width:100%%" src="data:image/png;base64,%s"></body></html>' \
  "$(base64 -w0 "$out"/scan-1.png)" > "$out"/scan.html
chrome --no-pdf-header-footer --print-to-pdf="$PWD/scan.pdf" "file://$out/scan.html"

ls -l report.* report-* scan.pdf
