#!/usr/bin/env bash
# Nightly backup of Council Records: database + uploaded files into BACKUP_DIR/<date-time>,
# keeping KEEP_DAYS days. Reads the production environment from ENV_FILE (docs/DEPLOY.md §5).
#
#   scripts/backup.sh                         # /var/backups/council, 30 days, /etc/council-records.env
#   BACKUP_DIR=/mnt/nas/council KEEP_DAYS=90 scripts/backup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ENV_FILE="${ENV_FILE:-/etc/council-records.env}"
BACKUP_DIR="${BACKUP_DIR:-/var/backups/council}"
KEEP_DAYS="${KEEP_DAYS:-30}"
PYTHON="${PYTHON:-.venv/bin/python}"

if [[ -r "$ENV_FILE" ]]; then
  set -a; . "$ENV_FILE"; set +a
fi

umask 077   # backups hold personal data: readable by their owner only
target="$BACKUP_DIR/$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR"
"$PYTHON" manage.py backup_data --output "$target"

# Remove backups older than KEEP_DAYS (only folders that backup_data made: they hold a manifest).
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -mtime "+$KEEP_DAYS" \
  -exec test -f '{}/manifest.json' ';' -print0 | xargs -0 -r rm -rf --
echo "$target"
