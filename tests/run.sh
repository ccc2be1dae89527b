#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need (Debian's chromium for the
# browser tests, redis-server for the multi-process cluster tests, which start it themselves), restores, builds
# and runs every test project, then prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/bin/redis-server ] || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need[*]}…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing ${need[*]}: install with apt-get (the browser and cluster tests skip without them)." >&2
  fi
fi

if [ ! -d ../shared/data ]; then
  echo "Note: ../shared/data not found; tests that need the handwriting data will be skipped." >&2
fi

# The page's JavaScript modules (strokes, scheduler, formatting), under node's built-in test runner.
js_status=0
if command -v node >/dev/null 2>&1; then
  node --test tests/js/ || js_status=$?
else
  echo "node not found: the page's JavaScript tests are skipped." >&2
fi

dotnet restore Cluster.sln
dotnet build Cluster.sln --no-restore -c Release

results=$(mktemp -d)
status=0
dotnet test Cluster.sln --no-build -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

# One plain summary line over all projects, read from the TRX files.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
[ "$js_status" = 0 ] || echo "The page's JavaScript tests failed (node --test tests/js/)." >&2
[ "$status" = 0 ] && status=$js_status
exit $status
