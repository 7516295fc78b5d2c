#!/usr/bin/env bash
# Installs Debian's nginx when it is missing (for `npm run bench:scaleout` and its config test).
# Only the binary is wanted: the bench runs nginx as its own child with a generated config in a
# temporary directory and never uses /etc/nginx or the package's service.
set -euo pipefail

if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then exit 0; fi

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		echo "need root for: $*" >&2
		return 1
	fi
}

echo "› installing Debian's nginx for the scale-out bench"
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends nginx >/dev/null
