#!/usr/bin/env bash
# Makes a fresh Debian machine ready for `npm test`: Chromium for Playwright, PostgreSQL on
# 127.0.0.1:5432, Redis on 127.0.0.1:6379 and the nginx binary (the scale-out config test).
# Each step is skipped when already in place.
set -euo pipefail

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		echo "need root for: $*" >&2
		return 1
	fi
}

if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
	echo "› installing Debian's chromium for the browser tests"
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

pg_host="${PGHOST_FOR_TESTS:-127.0.0.1}"
if ! pg_isready -q -h "$pg_host" -p 5432 2>/dev/null; then
	if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
		echo "› starting PostgreSQL"
		as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
	else
		echo "› installing PostgreSQL"
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
		as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
	fi
	for _ in $(seq 1 30); do pg_isready -q -h "$pg_host" -p 5432 && break; sleep 1; done
fi

if ! (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1); then
	if ! command -v redis-server >/dev/null; then
		echo "› installing Redis"
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
	fi
	if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
		echo "› starting Redis"
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
		for _ in $(seq 1 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.2; done
	fi
fi
bash "$(dirname "$0")/ensure-nginx.sh"
echo "› test services ready: chromium, postgres 127.0.0.1:5432, redis 127.0.0.1:6379, nginx"
