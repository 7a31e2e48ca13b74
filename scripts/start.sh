#!/usr/bin/env bash
# Start the demo portal: frontend on :3000, backend on :7007, SQLite files
# under .data/sqlite, the demo catalog loaded from catalog-info.yaml.
# Extra arguments are passed to `backstage-cli repo start` (e.g. --config).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_dependencies
mkdir -p .data/sqlite

APP_URL="http://localhost:3000"
(
  # Tell the user where to go once the frontend answers.
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$APP_URL" 2>/dev/null &&
       curl -fsS -o /dev/null http://localhost:7007/.backstage/health/v1/readiness 2>/dev/null; then
      printf '\n\033[1;32mModelOps Portal is up: open %s\033[0m (choose which demo user to be on the sign-in page)\n\n' "$APP_URL"
      exit 0
    fi
    sleep 1
  done
) &

log "Starting the portal (frontend $APP_URL, backend http://localhost:7007)"
if [ "$#" -gt 0 ]; then
  exec yarn backstage-cli repo start "$@"
fi
exec yarn backstage-cli repo start
