#!/usr/bin/env bash
# Development server: migrate, load the demo district if the database is empty,
# then serve on 127.0.0.1:$PORT with the background worker beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-8000}"
mkdir -p var
# The development settings this checkout remembers: `python manage.py …` (as the README and docs
# show commands) reads them when SECRET_KEY is not set (topoflicense/env.py). Never used in production.
cat > var/development.env <<ENV
# Written by \`make run\`: development settings for commands run in this checkout.
# manage.py reads this file only when SECRET_KEY is not set; gunicorn never reads it.
DEBUG=true
SITE_URL=http://127.0.0.1:$PORT
ENV
export DEBUG="${DEBUG:-true}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
PY=.venv/bin/python
$PY manage.py migrate --no-input -v0
$PY manage.py seed_demo --if-empty
$PY manage.py run_worker --queue-name default &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
$PY manage.py demo_logins
echo "Serving on $SITE_URL (Ctrl+C stops the server and the worker)"
$PY manage.py runserver "127.0.0.1:$PORT"
