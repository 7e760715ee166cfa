#!/usr/bin/env bash
# The deploy of docs/deploy.md, for real, on a clean copy of this checkout (`make deploy-check`):
# the blocks marked "deploy-check" run exactly as written (install, demo), gunicorn and the worker
# start from the systemd units' ExecStart lines with DEBUG off, and every page each demo persona
# can reach is requested through a pretend TLS proxy (scripts/crawl.py). Any server error, a
# traceback in the logs, or an email the worker does not deliver fails it.
#
# DEPLOY_CHECK_DATABASE_URL: an empty database to deploy into (default: SQLite in the copy).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.venv/bin/python"  # the development environment: crawler and SMTP sink only
work=$(mktemp -d "${TMPDIR:-/tmp}/tol-deploy-check.XXXXXX")
app="$work/app"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
started=$(date +%s)
step() { echo "--- $* ($(( $(date +%s) - started )) s)"; }

free_port() { "$tools" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The lines of the fenced block that follows "<!-- deploy-check: NAME -->" in docs/deploy.md.
block() {
  awk -v marker="<!-- deploy-check: $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }
  ' "$app/docs/deploy.md"
}

step "A clean checkout: the files git tracks or would track, in $app"
mkdir -p "$app"
git -C "$root" ls-files -z --cached --others --exclude-standard \
  | "$tools" -c 'import os, sys; names = sys.stdin.buffer.read().split(b"\0"); sys.stdout.buffer.write(b"\0".join(n for n in names if n and os.path.isfile(n)))' \
  | tar -C "$root" --null -T - -cf - | tar -C "$app" -xf -
test ! -e "$app/.venv" && test ! -e "$app/var"

step "The production environment of docs/deploy.md, for this machine"
port=$(free_port)
smtp_port=$(free_port)
export SECRET_KEY=$("$tools" -c 'import secrets; print(secrets.token_urlsafe(50))')
export ALLOWED_HOSTS=127.0.0.1 CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$port" SITE_URL="https://127.0.0.1:$port"
export BEHIND_PROXY=true SSL_REDIRECT=true HSTS_SECONDS=31536000
export DATABASE_URL="${DEPLOY_CHECK_DATABASE_URL:-sqlite:///$app/var/db.sqlite3}"
export EMAIL_HOST=127.0.0.1 EMAIL_PORT="$smtp_port" EMAIL_USE_TLS=false
export DEFAULT_FROM_EMAIL="Student Services <student-services@example.org>"
unset DEBUG PYTHONPATH VIRTUAL_ENV DJANGO_SETTINGS_MODULE
mkdir -p "$app/var"

cd "$app"
step "Install (docs/deploy.md, as written)"
block install | tee "$work/install.sh" | sed 's/^/    /'
if ! bash -euo pipefail "$work/install.sh" > "$work/install.log" 2>&1; then
  tail -50 "$work/install.log"
  echo "The documented install failed."
  exit 1
fi
grep -E "System check|WARNINGS|ERRORS|issues" "$work/install.log" || true

step "The demo district"
block demo > "$work/demo.sh"
bash -euo pipefail "$work/demo.sh"

step "An SMTP server on 127.0.0.1:$smtp_port, gunicorn on 127.0.0.1:$port and the worker (their ExecStart lines)"
"$tools" -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Debugging > "$work/smtp.log" 2>&1 &
pids+=($!)
for unit in web worker; do
  line=$(block "$unit" | sed -n 's/^ExecStart=//p')
  test -n "$line"
  command=${line//\/srv\/topoflicense/$app}
  command=${command//127.0.0.1:8000/127.0.0.1:$port}
  echo "    $command"
  # shellcheck disable=SC2086 # the unit's command line, split as systemd splits it
  $command > "$work/$unit.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port/accounts/login/" || true)
  [ "$code" = 200 ] && break
  sleep 1
done
[ "$code" = 200 ] || { cat "$work/web.log"; echo "gunicorn did not answer"; exit 1; }

step "Every page of every demo persona"
# The demo logins and their password, from the table in docs/demo-logins.md.
mapfile -t logins < <("$tools" - docs/demo-logins.md <<'PY'
import sys
for line in open(sys.argv[1]):
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    if len(cells) >= 3 and "@" in cells[1]:
        print(cells[1], cells[2])
PY
)
test "${#logins[@]}" -ge 8
password=${logins[0]#* }
emails=()
for row in "${logins[@]}"; do emails+=(--login "${row%% *}"); done
"$tools" "$root/scripts/crawl.py" "http://127.0.0.1:$port" --password "$password" "${emails[@]}" \
  --visited "$work/visited.txt"
# Which URL patterns the links reached, for the record (pages reached only through a form or a POST
# are not linked; tests/test_bad_parameters.py requests every pattern).
(cd "$root" && DJANGO_SETTINGS_MODULE=topoflicense.settings_test "$tools" - "$work/visited.txt" <<'PY'
import sys

import django

django.setup()
from django.urls import Resolver404, resolve

from tests.test_access_matrix import RULES

reached = set()
for path in open(sys.argv[1]).read().split():
    try:
        reached.add(resolve(path).view_name)
    except Resolver404:
        pass
missing = sorted(set(RULES) - reached)
print(f"{len(set(RULES) & reached)} of {len(RULES)} URL patterns reached by links; not linked: {', '.join(missing)}")
PY
)

step "The worker delivers email: a password reset reaches the SMTP server"
"$tools" - "$port" <<'PY'
import re, sys, urllib.parse, urllib.request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
headers = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{port}", "Referer": f"https://127.0.0.1:{port}/accounts/password/reset/"}
with urllib.request.urlopen(urllib.request.Request(base + "/accounts/password/reset/", headers=headers)) as page:
    cookie = page.headers["Set-Cookie"].split(";")[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "email": "director@lakeview.example.org"}).encode()
request = urllib.request.Request(base + "/accounts/password/reset/", data=data, headers={**headers, "Cookie": cookie})
class Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None
try:
    urllib.request.build_opener(Stay).open(request)
except urllib.error.HTTPError as answer:
    assert answer.code == 302, answer.code
PY
for _ in $(seq 1 60); do
  grep -q "director@lakeview.example.org" "$work/smtp.log" && break
  sleep 1
done
grep -q "director@lakeview.example.org" "$work/smtp.log" || { cat "$work/worker.log"; echo "no email reached the SMTP server"; exit 1; }

step "No server error in the web log, no error or traceback in the worker's"
# (The web log also holds WARNING lines with tracebacks for 403 and 404 answers: not errors.)
if grep -qE "Internal Server Error| ERROR " "$work/web.log" || grep -qE "Traceback| ERROR " "$work/worker.log"; then
  grep -nE -B2 -A30 "Internal Server Error| ERROR " "$work/web.log" | head -150
  grep -nE -B2 -A30 "Traceback| ERROR " "$work/worker.log" | head -150
  exit 1
fi
echo "Deploy check passed in $(( $(date +%s) - started )) s."
