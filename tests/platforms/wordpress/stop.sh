#!/usr/bin/env bash
# stop.sh DIR — stops what setup.sh DIR started (PHP's server and its workers, mariadbd: a clean
# InnoDB shutdown) and removes /etc/wordpress/config-inkind-PORT.php. Delete DIR yourself.
HERE=$(dirname "$(readlink -f "$0")"); . "$HERE/../lib.sh"
DIR=${1:?usage: stop.sh DIR}
stop_pidfile "$DIR/wp/php-server.pid" "php -S"
stop_pidfile "$DIR/mysql/mariadbd.pid" mariadbd
[ -s "$DIR/wp.port" ] && rm -f "/etc/wordpress/config-inkind-$(cat "$DIR/wp.port").php"
exit 0
