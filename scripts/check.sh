#!/bin/sh
# Runs every test against the build in $1 and ends with one line
# "N passed, N failed" adding up the unit and integration suites.
set -u
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
LOGDIR="$BUILD/test-logs"
mkdir -p "$LOGDIR"

unit_pass=0; unit_fail=0
if meson test -C "$BUILD" --no-rebuild --print-errorlogs --num-processes 2 >"$LOGDIR/unit.txt" 2>&1; then :; fi
cat "$LOGDIR/unit.txt" | tail -n 25
unit_pass=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$LOGDIR/unit.txt" | tail -n 1)
unit_fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$LOGDIR/unit.txt" | tail -n 1)
unit_to=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$LOGDIR/unit.txt" | tail -n 1)
unit_pass=${unit_pass:-0}; unit_fail=$(( ${unit_fail:-0} + ${unit_to:-0} ))
if ! grep -q '^Ok:' "$LOGDIR/unit.txt"; then
    echo "check: meson test produced no summary" >&2
    unit_fail=$((unit_fail + 1))
fi

export VIREO_BUILD="$BUILD" VIREO_ROOT="$ROOT"
# --confcutdir: a conftest.py left in a directory above the checkout (say,
# /tmp) must not be loaded into this run.
/usr/bin/python3 -m pytest -p no:cacheprovider -q -rfE "$ROOT/tests/integration" \
    --confcutdir="$ROOT/tests/integration" \
    --junitxml="$LOGDIR/integration.xml" >"$LOGDIR/integration.txt" 2>&1
rc=$?
tail -n 40 "$LOGDIR/integration.txt"
counts=$(/usr/bin/python3 - "$LOGDIR/integration.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    print(0, 1); sys.exit()
suites = [root] if root.tag == "testsuite" else list(root)
t = sum(int(s.get("tests", 0)) for s in suites)
f = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
sk = sum(int(s.get("skipped", 0)) for s in suites)
print(t - f - sk, f + sk)
PY
)
int_pass=${counts% *}; int_fail=${counts#* }
# pytest exit 5 means no test was collected: that is a failure here.
if [ "$rc" -ne 0 ] && [ "$int_fail" -eq 0 ]; then int_fail=1; fi

passed=$((unit_pass + int_pass)); failed=$((unit_fail + int_fail))
echo "unit: $unit_pass passed, $unit_fail failed; integration: $int_pass passed, $int_fail failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
