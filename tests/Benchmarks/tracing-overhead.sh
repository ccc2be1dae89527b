#!/usr/bin/env bash
# What tracing costs: the serving benchmark (--url) against the app with every trace recorded
# (Telemetry:TraceSampleRatio=1, the default) and with none (0), interleaved ROUNDS times so drift on a shared
# machine hits both alike; prints each run and the means. Build first: dotnet build Cluster.sln -c Release
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
SECONDS_EACH=${SECONDS_EACH:-10}
PORT=${PORT:-5200}
app=web/bin/Release/net10.0/MathCluster.Web.dll
bench=tests/Benchmarks/bin/Release/net10.0/MathCluster.Benchmarks.dll
[[ -f $app && -f $bench ]] || { echo "Build first: dotnet build Cluster.sln -c Release" >&2; exit 2; }
results=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  for ratio in 1 0; do
    state=$(mktemp -d)
    dotnet "$app" --urls "http://127.0.0.1:$PORT" --Telemetry:TraceSampleRatio "$ratio" --Storage:Directory "$state" \
      --Cluster:SiloPort 21311 --Cluster:GatewayPort 21312 --Cluster:PrimarySiloPort 21311 --Logging:LogLevel:Default Warning >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done
    dotnet "$bench" --url "http://127.0.0.1:$PORT" --label "ratio $ratio" --seconds "$SECONDS_EACH" | grep '^|' | tee -a "$results"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$state"
  done
done
# Columns: | label | binary glyphs/s | JSON glyphs/s | p50 / p99 ms (N req/s) |
awk -F'|' '{ gsub(/[^0-9.]/, "", $3); gsub(/[^0-9.]/, "", $4); split($5, r, "("); gsub(/[^0-9.]/, "", r[2]);
             k = ($2 ~ /ratio 1/) ? "on" : "off"; b[k] += $3; j[k] += $4; q[k] += r[2]; n[k]++ }
     END { printf "\nmeans over %d runs each   tracing on   tracing off   cost\n", n["on"];
           printf "/v2 binary glyphs/s      %10.0f   %11.0f   %+5.1f %%\n", b["on"]/n["on"], b["off"]/n["off"], 100*(1-(b["on"]/n["on"])/(b["off"]/n["off"]));
           printf "/v2 JSON glyphs/s        %10.0f   %11.0f   %+5.1f %%\n", j["on"]/n["on"], j["off"]/n["off"], 100*(1-(j["on"]/n["on"])/(j["off"]/n["off"]));
           printf "/api/recognize req/s     %10.1f   %11.1f   %+5.1f %%\n", q["on"]/n["on"], q["off"]/n["off"], 100*(1-(q["on"]/n["on"])/(q["off"]/n["off"])) }' "$results"
rm -f "$results"
