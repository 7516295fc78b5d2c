#!/usr/bin/env bash
# Writes a custom-format pg_dump of DATABASE_URL to $BACKUP_DIR/<UTC timestamp>.dump
# (default ./backups). Custom format restores with pg_restore, table by table, in parallel.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
backup_dir="${BACKUP_DIR:-./backups}"
mkdir -p "$backup_dir"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$backup_dir/$stamp.dump"
partial="$target.partial"

# Written under another name first, so a failed dump is never taken for the newest backup.
pg_dump --format=custom --no-owner --no-acl --file="$partial" "$DATABASE_URL"
mv "$partial" "$target"
echo "$target"
