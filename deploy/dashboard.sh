#!/usr/bin/env bash
# Starts the standalone Aspire trace dashboard on loopback and the app (web + embedded silo) pointed at it.
#   UI: http://127.0.0.1:${DASHBOARD_PORT:-18888}   OTLP/gRPC: ${OTLP_PORT:-4317}   OTLP/HTTP: ${OTLP_HTTP_PORT:-4318}
#   App: http://127.0.0.1:${APP_PORT:-5000}
# Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

dashboard_port=${DASHBOARD_PORT:-18888}
otlp_port=${OTLP_PORT:-4317}
otlp_http_port=${OTLP_HTTP_PORT:-4318}
app_port=${APP_PORT:-5000}

# The dashboard comes from NuGet like every other package (deploy/dashboard/Dashboard.csproj).
dotnet build deploy/dashboard -c Release -nologo -v quiet
tools=$(cat deploy/dashboard/bin/Release/net10.0/dashboard-path.txt)

ASPNETCORE_URLS="http://127.0.0.1:$dashboard_port" \
ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_port" \
ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$otlp_http_port" \
ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true \
  "$tools/Aspire.Dashboard" > /tmp/mathcluster-dashboard.log 2>&1 &
dashboard=$!

OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$otlp_port" \
  dotnet run --project web --urls "http://127.0.0.1:$app_port" &
app=$!
trap 'kill $app $dashboard 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$app_port/readyz" >/dev/null 2>&1 && break
  sleep 1
done
echo
echo "Trace dashboard: http://127.0.0.1:$dashboard_port   (log: /tmp/mathcluster-dashboard.log)"
echo "App:             http://127.0.0.1:$app_port"
wait $app
