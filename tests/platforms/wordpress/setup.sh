#!/usr/bin/env bash
# setup.sh DIR PORT — a real WordPress for tests/platforms/wordpress.test.ts, from Debian's packages,
# everything under DIR, on 127.0.0.1:PORT only, no systemd:
#   1. apt-get install what is missing (idempotent): wordpress 6.1, two bundled themes (block and
#      classic), mariadb-server, php-cli and its extensions
#   2. mariadbd on a unix socket in DIR/mysql (--skip-networking)
#   3. /etc/wordpress/config-inkind-PORT.php (Debian's wp-config.php reads only /etc/wordpress), which
#      requires DIR/wp/wp-config.php: WP_CONTENT_DIR in DIR, no calls to the internet, no cron
#   4. wp-setup.php: wp_install() (no web installer, no WP-CLI in Debian), pretty permalinks,
#      two posts with open comments, theme twentytwentythree
#   5. PHP's built-in server (router.php gives pretty permalinks)
# The plugin is not installed here: the test uploads its zip in wp-admin, as an owner would.
# Stop with stop.sh DIR.
HERE=$(dirname "$(readlink -f "$0")"); . "$HERE/../lib.sh"
DIR=$(mkdir -p "${1:?usage: setup.sh DIR PORT}" && cd "$1" && pwd)
PORT=${2:?usage: setup.sh DIR PORT}
URL=http://127.0.0.1:$PORT
CFG_NAME=inkind-$PORT; ETC_CFG=/etc/wordpress/config-$CFG_NAME.php
M=$DIR/mysql; W=$DIR/wp; mkdir -p "$M" "$W"
echo "$PORT" > "$DIR/wp.port"
declare -A T; T0=$(now_ms); t=$T0
lap() { local n; n=$(now_ms); T[$1]=$((n - t)); t=$n; }

ensure_pkgs curl mariadb-server php-cli php-mysql php-gd php-curl php-xml php-mbstring php-zip php-intl \
  wordpress wordpress-theme-twentytwentythree wordpress-theme-twentytwentyone; lap apt

# ---- MariaDB ---------------------------------------------------------------------------------
if [ ! -d "$M/data/mysql" ]; then
  mariadb-install-db --no-defaults --user=root --datadir="$M/data" --auth-root-authentication-method=socket \
    --skip-test-db --innodb-log-file-size=16M >"$M/install-db.log" 2>&1 || { cat "$M/install-db.log"; exit 1; }
fi
if ! { [ -s "$M/mariadbd.pid" ] && kill -0 "$(cat "$M/mariadbd.pid")" 2>/dev/null; }; then
  setsid mariadbd --no-defaults --user=root --datadir="$M/data" --socket="$M/mysqld.sock" --pid-file="$M/mariadbd.pid" \
    --log-error="$M/error.log" --skip-networking --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >"$M/stdout.log" 2>&1 </dev/null &
  echo $! > "$M/mariadbd.pid"
fi
SQL=(mariadb --no-defaults --socket="$M/mysqld.sock" -uroot)
for _ in $(seq 600); do mariadb-admin --no-defaults --socket="$M/mysqld.sock" -uroot ping >/dev/null 2>&1 && break; sleep 0.05; done
"${SQL[@]}" -e "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4;
  CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY 'wordpress';
  GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';" || { tail "$M/error.log"; exit 1; }
lap mariadb

# ---- WordPress files and config ---------------------------------------------------------------
mkdir -p "$W/docroot" "$W/wp-content/themes" "$W/wp-content/plugins" "$W/wp-content/uploads"
for f in /usr/share/wordpress/*; do
  [ "$(basename "$f")" = wp-content ] || ln -sfn "$f" "$W/docroot/$(basename "$f")"
done
ln -sfn "$W/wp-content" "$W/docroot/wp-content"
for th in /usr/share/wordpress/wp-content/themes/*/; do ln -sfn "${th%/}" "$W/wp-content/themes/$(basename "$th")"; done
salt() { head -c 48 /dev/urandom | base64 | tr -d '\n/+='; }
cat > "$W/wp-config.php" <<PHP
<?php
// Loaded by Debian's /usr/share/wordpress/wp-config.php through $ETC_CFG (written by tests/platforms/wordpress/setup.sh)
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_HOST', 'localhost:$M/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
define('WP_HOME', '$URL');
define('WP_SITEURL', '$URL');
define('WP_CONTENT_DIR', '$W/wp-content');
define('WP_CONTENT_URL', '$URL/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '$W/debug.log');
define('WP_DEBUG_DISPLAY', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);   // no internet: no calls to wordpress.org
define('WP_ACCESSIBLE_HOSTS', 'localhost,127.0.0.1');
define('FS_METHOD', 'direct');            // the plugin upload writes into WP_CONTENT_DIR directly
PHP
for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
  echo "define('$k', '$(salt)');" >> "$W/wp-config.php"
done
mkdir -p /etc/wordpress
printf "<?php\n// written by tests/platforms/wordpress/setup.sh, removed by stop.sh\nrequire '%s';\n" "$W/wp-config.php" > "$ETC_CFG"
WORDPRESS_CONFIG=$CFG_NAME WP_HOSTPORT=127.0.0.1:$PORT WP_THEME=twentytwentythree \
  php "$HERE/wp-setup.php" > "$W/setup.json" 2>"$W/setup.err" || { cat "$W/setup.err" "$W/setup.json"; exit 1; }
lap wordpress_install

# ---- PHP's built-in server ----------------------------------------------------------------------
if ! { [ -s "$W/php-server.pid" ] && kill -0 "$(cat "$W/php-server.pid")" 2>/dev/null; }; then
  require_port_free "$PORT"
  WORDPRESS_CONFIG=$CFG_NAME PHP_CLI_SERVER_WORKERS=4 \
    setsid php -S "127.0.0.1:$PORT" -t "$W/docroot" "$HERE/router.php" >"$W/php-server.log" 2>&1 </dev/null &
  echo $! > "$W/php-server.pid"
fi
wait_http "$URL/wp-includes/js/wp-embed.min.js" 30 || { tail "$W/php-server.log"; exit 1; }
curl -s -o /dev/null "$URL/"   # the first PHP request warms the opcache
lap web_server
log "WordPress $(php -r 'include "/usr/share/wordpress/wp-includes/version.php"; echo $wp_version;') on $URL (admin: admin / admin)"
timings="timings(ms):"; for k in apt mariadb wordpress_install web_server; do timings+=" $k=${T[$k]}"; done
log "$timings total=$(( $(now_ms) - T0 ))"
