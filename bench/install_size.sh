#!/usr/bin/env sh
# The size of a fresh runtime install of kg (no test or optional extras), as pip leaves it and
# after tools/strip_debug.sh, which `make setup` runs. Usage: bench/install_size.sh [PYTHON]
set -eu
py=${1:-python3}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$py" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --upgrade pip 2>/dev/null
"$tmp/venv/bin/pip" install --quiet "$here" 2>/dev/null
echo "pip install kg:          $(du -sm "$tmp/venv" | cut -f1) MB"
"$here/tools/strip_debug.sh" "$tmp/venv" >/dev/null
echo "after strip_debug:       $(du -sm "$tmp/venv" | cut -f1) MB"
echo "of which pip+setuptools: $(du -cms "$tmp"/venv/lib/python3*/site-packages/pip "$tmp"/venv/lib/python3*/site-packages/setuptools 2>/dev/null | tail -1 | cut -f1) MB"
echo "largest packages (MB):"
du -sm "$tmp"/venv/lib/python3*/site-packages/* | sort -rn | head -8 | sed "s|$tmp/venv/lib/python3[^/]*/site-packages/|  |"
"$tmp/venv/bin/kg" ingest "$here/seeds" --store "$tmp/store" -q
"$tmp/venv/bin/kg" query who-visited --param place=Pyongyang --store "$tmp/store" --format csv | head -2
