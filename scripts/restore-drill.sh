#!/usr/bin/env bash
# Restore drill: restores the newest dump in $BACKUP_DIR (default ./backups) into a fresh
# database on the same server, then compares the row count of every table with DATABASE_URL.
# Exits non-zero when the restore fails or any count differs. The drill database is dropped
# afterwards unless KEEP_DRILL_DATABASE=1.
# Run it right after scripts/backup.sh, or against a quiet copy: rows written to the source
# after the dump count as a mismatch.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the database the dump was taken from}"
backup_dir="${BACKUP_DIR:-./backups}"

newest="$(ls -1 "$backup_dir"/*.dump 2>/dev/null | sort | tail -n 1 || true)"
if [[ -z "$newest" ]]; then
	echo "no dump in $backup_dir (run scripts/backup.sh first)" >&2
	exit 2
fi

drill_name="lancar_drill_$(date -u +%Y%m%d%H%M%S)_$$"
drill_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.href)' "$DATABASE_URL" "$drill_name")"

cleanup() {
	if [[ "${KEEP_DRILL_DATABASE:-0}" != "1" ]]; then
		psql "$DATABASE_URL" -q -c "drop database if exists \"$drill_name\"" >/dev/null
	fi
}
trap cleanup EXIT

echo "restoring $newest into $drill_name"
psql "$DATABASE_URL" -q -c "create database \"$drill_name\""
pg_restore --no-owner --no-acl --exit-on-error --dbname="$drill_url" "$newest"

# Every table of the app's schema plus drizzle's migration ledger.
tables_query="select quote_ident(table_schema) || '.' || quote_ident(table_name)
  from information_schema.tables
  where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle')
  order by 1"

row_counts() {
	local url="$1"
	psql "$url" -At -c "$tables_query" | while read -r table; do
		echo "$table $(psql "$url" -At -c "select count(*) from $table")"
	done
}

source_counts="$(row_counts "$DATABASE_URL")"
restored_counts="$(row_counts "$drill_url")"

if [[ -z "$source_counts" ]]; then
	echo "the source database has no tables" >&2
	exit 1
fi
if [[ "$source_counts" != "$restored_counts" ]]; then
	echo "MISMATCH between source and restored row counts:" >&2
	diff <(echo "$source_counts") <(echo "$restored_counts") >&2 || true
	exit 1
fi
echo "$source_counts" | awk '{ printf "  %-40s %s\n", $1, $2 }'
echo "restore drill passed: $(echo "$source_counts" | wc -l) tables, row counts match"
