#!/usr/bin/env bash
# A local three-silo cluster on loopback: Debian's redis-server (membership and grain storage), three silos with
# Redis clustering and the web app as their client.
#   bash deploy/cluster.sh start    build (Release) if needed, start everything, wait until ready, print the URLs
#   bash deploy/cluster.sh status   what runs, and each part's /readyz
#   bash deploy/cluster.sh stop     SIGTERM (graceful: web, then silos, then Redis), SIGKILL only after a deadline
# SILOS=n starts n silos instead of 3 (1 to 9). Ports (override by environment): WEB_PORT 5100, REDIS_PORT 6390,
# silo i: SILO_PORT_BASE+i (11120+i), GATEWAY_PORT_BASE+i (30010+i), HEALTH_PORT_BASE+i (8180+i).
# State, logs and pid files live in deploy/run/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
run="$root/deploy/run"

web_port=${WEB_PORT:-5100}
redis_port=${REDIS_PORT:-6390}
silo_port_base=${SILO_PORT_BASE:-11120}
gateway_port_base=${GATEWAY_PORT_BASE:-30010}
health_port_base=${HEALTH_PORT_BASE:-8180}
silo_count=${SILOS:-3}
[[ "$silo_count" =~ ^[1-9]$ ]] || { echo "SILOS must be 1 to 9, not '$silo_count'" >&2; exit 2; }
silos=($(seq 1 "$silo_count"))
all_silos=(silo1 silo2 silo3 silo4 silo5 silo6 silo7 silo8 silo9)
redis_server=${REDIS_SERVER:-/usr/bin/redis-server}
silo_dll="$root/silo/bin/Release/net10.0/MathCluster.Silo.dll"
web_dll="$root/web/bin/Release/net10.0/MathCluster.Web.dll"
stop_deadline=40   # seconds; the silo host allows 30 s for a graceful shutdown

running() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }

ready_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true; }

# Builds when an output is missing or any source of the silo, web app or grains is newer than it.
build_if_needed() {
  local stale=0 dll
  for dll in "$silo_dll" "$web_dll"; do
    if [ ! -f "$dll" ] || [ -n "$(find silo web grains Directory.Packages.props Directory.Build.props \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.json' -o -name '*.props' -o -path '*/wwwroot/*' \) \
        -not -path '*/bin/*' -not -path '*/obj/*' -newer "$dll" -print -quit)" ]; then stale=1; fi
  done
  if [ $stale = 1 ]; then
    echo "Building silo and web app (Release)…"
    dotnet build silo -c Release -nologo -v quiet -clp:NoSummary
    dotnet build web -c Release -nologo -v quiet -clp:NoSummary
  fi
}

# start_process NAME COMMAND...: runs it in the background with its log and pid file under deploy/run.
start_process() {
  local name=$1; shift
  nohup "$@" > "$run/logs/$name.log" 2>&1 &
  echo $! > "$run/$name.pid"
}

wait_ready() {
  local name=$1 url=$2 deadline=$((SECONDS + 180))
  until [ "$(ready_code "$url")" = 200 ]; do
    if ! running "$name"; then
      echo "$name exited before it was ready; last lines of $run/logs/$name.log:" >&2
      tail -n 20 "$run/logs/$name.log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "$name was not ready at $url within 180 s; see $run/logs/$name.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

start() {
  local name
  for name in web redis "${all_silos[@]}"; do
    if running "$name"; then
      echo "The cluster is already (partly) running; 'bash deploy/cluster.sh stop' first." >&2
      exit 1
    fi
  done
  if [ ! -x "$redis_server" ]; then
    echo "$redis_server is missing: apt-get install -y redis-server" >&2
    exit 1
  fi
  build_if_needed
  mkdir -p "$run/logs" "$run/redis"

  # A fresh cluster id per start: entries of silos from an earlier run never need to be voted dead. The service
  # id stays, so the model registry that Redis keeps (grain storage) survives restarts.
  local cluster_id="local-$(date +%s)"
  local token=${ADMIN_TOKEN:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
  echo "$token" > "$run/admin-token"
  chmod 600 "$run/admin-token"
  local redis="127.0.0.1:$redis_port"
  local common=(--Cluster:Clustering Redis --ConnectionStrings:Redis "$redis" --Cluster:ClusterId "$cluster_id")

  start_process redis "$redis_server" --port "$redis_port" --bind 127.0.0.1 --dir "$run/redis" \
    --save 60 1 --appendonly no --daemonize no
  local deadline=$((SECONDS + 20))
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "redis-server did not answer on $redis_port" >&2; tail -n 20 "$run/logs/redis.log" >&2; exit 1; }
    sleep 0.2
  done

  local i
  for i in "${silos[@]}"; do
    start_process "silo$i" dotnet "$silo_dll" "${common[@]}" \
      --Cluster:SiloPort $((silo_port_base + i)) --Cluster:GatewayPort $((gateway_port_base + i)) \
      --Cluster:HealthPort $((health_port_base + i))
  done
  for i in "${silos[@]}"; do wait_ready "silo$i" "http://127.0.0.1:$((health_port_base + i))/readyz"; done

  start_process web env Admin__Token="$token" dotnet "$web_dll" --urls "http://127.0.0.1:$web_port" \
    --Cluster:Mode Client "${common[@]}"
  wait_ready web "http://127.0.0.1:$web_port/readyz"

  cat <<EOF

Cluster $cluster_id is ready: redis-server on 127.0.0.1:$redis_port, ${#silos[@]} silo(s), the web app as their client.
  Drawing page:      http://127.0.0.1:$web_port/
  API reference:     http://127.0.0.1:$web_port/scalar
  Orleans dashboard: http://127.0.0.1:$web_port/dashboard/?token=$token
  Admin token:       $token   (also in deploy/run/admin-token)
  Silo health:       $(for i in "${silos[@]}"; do printf 'http://127.0.0.1:%s/readyz ' $((health_port_base + i)); done)
  Logs:              deploy/run/logs/
Stop it with: bash deploy/cluster.sh stop
EOF
}

# stop_processes NAME...: SIGTERM all, wait for all up to the deadline, then SIGKILL what is left.
stop_processes() {
  local name pids=() deadline=$((SECONDS + stop_deadline))
  for name in "$@"; do
    if running "$name"; then kill -TERM "$(cat "$run/$name.pid")"; pids+=("$name"); fi
  done
  for name in "${pids[@]}"; do
    while running "$name" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    if running "$name"; then
      echo "$name did not stop within $stop_deadline s; killing it" >&2
      kill -KILL "$(cat "$run/$name.pid")" 2>/dev/null || true
    fi
  done
  for name in "$@"; do rm -f "$run/$name.pid"; done
}

stop() {
  # The web app first (no new work), then the silos (each finishes what it holds), then their membership store.
  stop_processes web
  stop_processes "${all_silos[@]}"
  stop_processes redis
  echo "Cluster stopped."
}

status() {
  local name url
  for name in redis "${all_silos[@]}" web; do
    # Silos beyond SILOS are listed only when a run left their pid file.
    if [[ $name == silo* ]] && [ "${name#silo}" -gt "$silo_count" ] && [ ! -f "$run/$name.pid" ]; then continue; fi
    case $name in
      redis) url="" ;;
      web) url="http://127.0.0.1:$web_port/readyz" ;;
      *) url="http://127.0.0.1:$((health_port_base + ${name#silo}))/readyz" ;;
    esac
    if running "$name"; then
      printf '%-6s running (pid %s)%s\n' "$name" "$(cat "$run/$name.pid")" "${url:+, $url → $(ready_code "$url")}"
    else
      printf '%-6s stopped\n' "$name"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: bash deploy/cluster.sh start|stop|status" >&2; exit 2 ;;
esac
