#!/usr/bin/env bash
# Development server: migrate, load the demo district if the database is empty,
# then serve on 127.0.0.1:$PORT with the background worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-true}"
export PORT="${PORT:-8000}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
PY=.venv/bin/python
mkdir -p var
$PY manage.py migrate --no-input -v0
$PY manage.py seed_demo --if-empty
$PY manage.py start_scheduler
$PY manage.py db_worker --queue-name default &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_logins
echo "Serving on $SITE_URL (Ctrl+C stops the server and the worker)"
$PY manage.py runserver "127.0.0.1:$PORT"
