#!/usr/bin/env sh
# Strip DWARF debug sections from the compiled extensions in a virtualenv.
# Why: spaCy, thinc, blis and their helpers ship unstripped wheels, 179 MB of the install is
# debug info no user steps through. Only files that carry .debug_* sections are touched, and never
# the auditwheel-vendored libraries in *.libs/ folders (stripping those breaks their loading).
# Usage: tools/strip_debug.sh VENV      (needs binutils' strip and readelf; skips without them)
set -eu
venv=${1:?usage: tools/strip_debug.sh VENV}
if ! command -v strip >/dev/null || ! command -v readelf >/dev/null; then
    echo "strip_debug: binutils not found; the install keeps its debug info" >&2
    exit 0
fi
before=$(du -sk "$venv" | cut -f1)
find "$venv/lib" -name '*.so' -not -path '*.libs/*' | while read -r lib; do
    if readelf -S "$lib" 2>/dev/null | grep -q '\.debug_'; then strip --strip-debug "$lib"; fi
done
after=$(du -sk "$venv" | cut -f1)
echo "strip_debug: $venv $((before / 1024)) MB -> $((after / 1024)) MB"
