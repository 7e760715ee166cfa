#!/usr/bin/env bash
# The production server on this machine (`make serve`): DEBUG off, static files collected and served
# by WhiteNoise, gunicorn and the worker, as docs/deploy.md runs them, with the demo district on
# http://127.0.0.1:$PORT. Plain http, so cookies are not marked secure; email goes to the console
# unless EMAIL_DELIVERY_BACKEND or EMAIL_HOST say otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-8000}"
mkdir -p var
if [ ! -s var/serve-secret-key ]; then
  (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/serve-secret-key)
fi
export SECRET_KEY="${SECRET_KEY:-$(cat var/serve-secret-key)}"
export DEBUG=false
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
export SECURE_COOKIES="${SECURE_COOKIES:-false}"
if [ -z "${EMAIL_HOST:-}" ]; then
  export EMAIL_DELIVERY_BACKEND="${EMAIL_DELIVERY_BACKEND:-django.core.mail.backends.console.EmailBackend}"
fi
PY=.venv/bin/python
$PY manage.py migrate --no-input -v0
$PY manage.py collectstatic --no-input -v0
$PY manage.py seed_demo --if-empty
$PY manage.py run_worker --queue-name default --no-reload &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_logins
echo "Serving the production setup on $SITE_URL with gunicorn (Ctrl+C stops it and the worker)"
.venv/bin/gunicorn topoflicense.wsgi --bind "127.0.0.1:$PORT" --workers "${WEB_WORKERS:-2}"
