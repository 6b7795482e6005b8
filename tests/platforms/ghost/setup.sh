#!/usr/bin/env bash
# setup.sh DIR PORT — a real Ghost for tests/platforms/ghost.test.ts, on 127.0.0.1:PORT only, state in DIR.
#   Install (once, ~3 min on 2 cores, kept in $GHOST_HOME, default /opt/inkind-ghost/ghost-$GHOST_VERSION):
#     Ghost 5.130.6 (the last 5.x; Ghost 6 needs Node 22) from the npm registry: npm pack, untar, drop the
#     devDependencies (one is a GitHub tarball), npm install --omit=dev with npm_config_nodedir=/usr so that
#     sqlite3 and re2, whose prebuilt binaries live on GitHub, are built by node-gyp against /usr/include/node
#     (g++, make, python3 from apt).
#   Run: `node index.js` (no ghost-cli, no systemd), SQLite in DIR, config through environment variables,
#     a copy of the content folder (with the Casper and Source themes) in DIR. The test sets up the owner,
#     the posts and the code injection through Ghost's Admin API.
# Stop with stop.sh DIR.
HERE=$(dirname "$(readlink -f "$0")"); . "$HERE/../lib.sh"
DIR=$(mkdir -p "${1:?usage: setup.sh DIR PORT}" && cd "$1" && pwd)
PORT=${2:?usage: setup.sh DIR PORT}
GHOST_VERSION=${GHOST_VERSION:-5.130.6}
GHOST_HOME=${GHOST_HOME:-/opt/inkind-ghost/ghost-$GHOST_VERSION}
G=$DIR/ghost; mkdir -p "$G"
declare -A T; T0=$(now_ms); t=$T0
lap() { local n; n=$(now_ms); T[$1]=$((n - t)); t=$n; }

ensure_pkgs curl
if [ ! -f "$GHOST_HOME/.installed" ]; then
  ensure_pkgs g++ make python3
  [ -f /usr/include/node/node_api.h ] || { log "node headers missing in /usr/include/node (node-gyp would download them)"; exit 1; }
  rm -rf "$GHOST_HOME.tmp"; mkdir -p "$GHOST_HOME.tmp"; cd "$GHOST_HOME.tmp"
  npm pack "ghost@$GHOST_VERSION" --silent >/dev/null
  tar xzf "ghost-$GHOST_VERSION.tgz" --strip-components=1 && rm -f "ghost-$GHOST_VERSION.tgz" yarn.lock
  node -e "const f='package.json',p=require('./'+f); delete p.devDependencies; require('fs').writeFileSync(f, JSON.stringify(p,null,2))"
  log "npm install ghost@$GHOST_VERSION (building sqlite3 and re2)"
  npm_config_nodedir=/usr npm install --omit=dev --legacy-peer-deps --no-audit --no-fund --foreground-scripts \
    > "$G/npm-install.log" 2>&1 || { tail -30 "$G/npm-install.log"; exit 1; }
  [ -f node_modules/sqlite3/build/Release/node_sqlite3.node ] || { log "sqlite3 native module missing"; exit 1; }
  touch .installed; cd /; rm -rf "$GHOST_HOME"; mv "$GHOST_HOME.tmp" "$GHOST_HOME"
fi
lap install

if ! { [ -s "$G/ghost.pid" ] && kill -0 "$(cat "$G/ghost.pid")" 2>/dev/null; }; then
  require_port_free "$PORT"
  [ -d "$G/content" ] || cp -r "$GHOST_HOME/content" "$G/content"
  URL=http://127.0.0.1:$PORT
  cd "$GHOST_HOME"   # Ghost finds its code from the working directory; node itself is the pid we keep
  NODE_ENV=development url=$URL server__host=127.0.0.1 server__port=$PORT \
    database__client=sqlite3 database__connection__filename="$G/ghost.db" database__useNullAsDefault=true \
    paths__contentPath="$G/content" logging__transports='["stdout"]' logging__level=warn mail__transport=Direct \
    privacy__useUpdateCheck=false privacy__useGravatar=false privacy__useRpcPing=false \
    security__staffDeviceVerification=false \
    setsid node index.js >"$G/ghost.log" 2>&1 </dev/null &
  echo $! > "$G/ghost.pid"; cd /
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/")" = 200 ]; do
    kill -0 "$(cat "$G/ghost.pid")" 2>/dev/null || { tail -20 "$G/ghost.log"; exit 1; }
    [ $(( $(now_ms) - t )) -gt 120000 ] && { log "ghost not ready after 120 s"; exit 1; }
    sleep 0.1
  done
fi
lap boot
log "Ghost $GHOST_VERSION on http://127.0.0.1:$PORT; timings(ms): install=${T[install]} boot=${T[boot]} total=$(( $(now_ms) - T0 ))"
