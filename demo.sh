#!/usr/bin/env bash
# Builds GoodTalk, starts a demo license server on a free loopback port, opens the desktop
# app connected to it, and stops the server when the window closes.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building (tests skipped; run ./mvnw verify for them)..." >&2
./mvnw -q -B -DskipTests package

workdir=$(mktemp -d "${TMPDIR:-/tmp}/goodtalk-demo.XXXXXX")
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT INT TERM

# The server writes its public key set before it listens; the desktop app pins it for protocol v2.
java -jar license-server/target/license-server.jar --port 0 --data-dir "$workdir/data" \
    --jwks-out "$workdir/server-keys.jwks" >"$workdir/server.out" 2>"$workdir/server.log" &
server_pid=$!

# The server prints one line, "listening on http://HOST:PORT", once it accepts connections.
server_url=""
for _ in $(seq 1 100); do
    if line=$(grep -m1 '^listening on ' "$workdir/server.out" 2>/dev/null); then
        server_url=${line#listening on }
        break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "The demo server exited before it was ready. Its log:" >&2
        cat "$workdir/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z "$server_url" ]]; then
    echo "The demo server did not report its address within 10 s. Its log:" >&2
    cat "$workdir/server.log" >&2
    exit 1
fi

echo "Demo server at $server_url; it stops when you close the window. Demo keys:" >&2
echo "  APENL-4N9L1-2KA9D-3JX0-44LSK" >&2
echo "  SDFK9-J4HUL-1JK9I9-923J-0069K" >&2
echo "  F423J-JS0AW-345JD-AA05K-NMF09" >&2
# The demo server's data and signing key last one run, so the app stores the license certificate
# it receives in the same temporary directory. In the user's data directory it would fail the key
# check at the next run, and the window would open on "Not licensed: check key_id failed".
java -jar desktop-app/target/goodtalk-desktop.jar --server "$server_url" --trusted-keys "$workdir/server-keys.jwks" \
    --data-dir "$workdir/license"
