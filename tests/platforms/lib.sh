# shellcheck shell=bash
# Helpers of the platform tests' setup scripts (WordPress, Ghost). Source it: . "$(dirname "$0")/../lib.sh"
set -euo pipefail

now_ms() { date +%s%3N; }
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ensure_pkgs PKG...  — apt-get install only what is missing (idempotent).
# Package postinst scripts must NOT start daemons (nginx on :80, mariadb, php-fpm...):
# if /usr/sbin/policy-rc.d is absent we drop a temporary "exit 101" one.
ensure_pkgs() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && { log "packages present: $*"; return 0; }
  log "apt-get install ${missing[*]}"
  local made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
  fi
  # apt lists may be missing on a fresh machine
  if ! apt-cache policy "${missing[0]}" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
  fi
  local t0; t0=$(now_ms)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "apt-get install took $(( $(now_ms) - t0 )) ms"
  [ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d
  return 0
}

# wait_http URL TIMEOUT_S [curl args...] — poll until curl gets any HTTP response.
wait_http() {
  local url=$1 timeout=$2; shift 2
  local deadline=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if curl -s -o /dev/null --max-time 2 "$@" "$url"; then return 0; fi
    sleep 0.05
  done
  log "timeout waiting for $url"; return 1
}

# require_port_free PORT — fail if something already listens on 127.0.0.1:PORT (else a test may
# silently talk to a leftover server from an earlier run).
require_port_free() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    log "port 127.0.0.1:$1 is already in use:"; ss -ltnp "sport = :$1" >&2 || true; return 1
  fi
}

# stop_pidfile FILE [NAME] — TERM the pid in FILE and wait (10 s, then KILL). If it leads its own process
# group (we start daemons with setsid), the rest of the group is then TERMed too: php -S with
# PHP_CLI_SERVER_WORKERS leaves its workers running when only the parent is signalled.
stop_pidfile() {
  local f=$1 name=${2:-$1} pid leader=no
  [ -s "$f" ] || { log "$name: no pid file $f"; return 0; }
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ] && leader=yes
    kill -TERM "$pid" || true
    for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -0 "$pid" 2>/dev/null && { log "$name: KILL $pid"; kill -KILL "$pid" || true; }
    if [ $leader = yes ] && kill -0 -- "-$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || true
      for _ in $(seq 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.05; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    log "$name: stopped pid $pid"
  else
    log "$name: pid $pid not running"
  fi
  rm -f "$f"
}
