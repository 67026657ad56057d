#!/usr/bin/env bash
# Makes serve/screenshot.png, the README's picture of the workbench: the
# comparison of 调解成功率 across the sample reports, as headless Chromium
# draws it. Needs Go and Chromium (apt-get install chromium
# fonts-wqy-zenhei). Run from the repository: bash serve/screenshot.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2> /dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/baogao" ./cmd/baogao
"$tmp/baogao" ingest --index "$tmp/index" testdata/reports > /dev/null
addr=127.0.0.1:18089
"$tmp/baogao" serve --index "$tmp/index" --addr "$addr" 2> "$tmp/serve.log" &
server=$!
# Wait until the workbench answers (it says so on stderr).
for _ in $(seq 100); do
  grep -q serving "$tmp/serve.log" && break
  sleep 0.1
done
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
"$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
  --window-size=1200,860 --virtual-time-budget=5000 --screenshot="$tmp/shot.png" \
  "http://$addr/compare?term=%E8%B0%83%E8%A7%A3%E6%88%90%E5%8A%9F%E7%8E%87" 2> /dev/null
cp "$tmp/shot.png" serve/screenshot.png
ls -l serve/screenshot.png
