#!/usr/bin/env bash
# Helpers of tests/deploy/proxy.test.ts (npm run test:deploy):
#   setup.sh packages        apt-get install what is missing: Debian's caddy (2.6) and nginx (1.22),
#                            certutil (libnss3-tools), openssl, curl, systemd-analyze (systemd) (idempotent;
#                            no daemon is started)
#   setup.sh ca DIR          a throw-away CA and a certificate for localhost/127.0.0.1/::1 signed by it:
#                            DIR/ca.crt, DIR/server.crt (leaf + CA), DIR/server.key
#   setup.sh trust CA HOME   an NSS database in HOME/.pki/nssdb that trusts CA: Chromium started with
#                            HOME=HOME trusts what CA signed, and nothing else is changed on the machine
HERE=$(dirname "$(readlink -f "$0")"); . "$HERE/../platforms/lib.sh"

case "${1:-}" in
packages)
  ensure_pkgs caddy nginx libnss3-tools openssl curl systemd
  ;;
ca)
  DIR=$(mkdir -p "${2:?usage: setup.sh ca DIR}" && cd "$2" && pwd); cd "$DIR"
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout ca.key -out ca.crt -days 2 \
    -subj "/CN=Inkind test CA $(date +%s%N)" -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
  printf '%s\n' 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature' 'extendedKeyUsage=serverAuth' \
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1' > server.ext
  openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.leaf.crt -days 2 -extfile server.ext 2>/dev/null
  cat server.leaf.crt ca.crt > server.crt
  chmod 600 ca.key server.key
  ;;
trust)
  CA=${2:?usage: setup.sh trust CA HOME}; H=${3:?usage: setup.sh trust CA HOME}
  mkdir -p "$H/.pki/nssdb"
  [ -f "$H/.pki/nssdb/cert9.db" ] || certutil -d "sql:$H/.pki/nssdb" -N --empty-password
  certutil -d "sql:$H/.pki/nssdb" -A -t "C,," -n "inkind-test-ca-$(date +%s%N)" -i "$CA"
  ;;
*)
  echo "usage: setup.sh packages | ca DIR | trust CA HOME" >&2; exit 2
  ;;
esac
