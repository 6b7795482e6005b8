#!/usr/bin/env bash
# stop.sh DIR — stops the Ghost that setup.sh DIR started (and its process group). Delete DIR yourself.
HERE=$(dirname "$(readlink -f "$0")"); . "$HERE/../lib.sh"
stop_pidfile "${1:?usage: stop.sh DIR}/ghost/ghost.pid" ghost
