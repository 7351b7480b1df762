#!/usr/bin/env bash
# Render the offline HTML report in headless Chromium to a PNG, as a reader would see it.
#
#   scripts/screenshot_report.sh [report.html] [out.png] [width,height]
#
# Defaults: the sample's report in warehouse/exports/51.02/2023/ (run `make run` or
# `.venv/bin/lkjip run --raw-dir raw --warehouse-dir warehouse` first) and docs/laporan_51.02_2023.png.
# Chromium (Debian): apt-get install -y chromium. No network is used: the report is self-contained.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
html="${1:-$repo/warehouse/exports/51.02/2023/lkjip_51.02_2023.html}"
png="${2:-$repo/docs/laporan_51.02_2023.png}"
size="${3:-1280,2400}"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"

[ -f "$html" ] || { echo "no report at $html (run lkjip run first)" >&2; exit 1; }
mkdir -p "$(dirname "$png")"
html="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
png="$(cd "$(dirname "$png")" && pwd)/$(basename "$png")"

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --no-first-run --hide-scrollbars --screenshot="$png" --window-size="$size" "file://$html" 2>/dev/null
echo "$png"
