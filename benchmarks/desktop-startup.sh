#!/usr/bin/env bash
# Measures how long the desktop app takes from launch to its window being shown.
#
# Usage: benchmarks/desktop-startup.sh [RUNS] [LAUNCHER...]
#   RUNS      how many launches (default 10)
#   LAUNCHER  the command that starts the app (default: java -jar desktop-app/target/goodtalk-desktop.jar)
#
# It starts one Xvfb on a free display, launches the app RUNS times with
# -Dgoodtalk.startupMarker=FILE (the app writes the time its window was shown there), stops each
# launch by its process id once the marker appears (or after 30 s), and prints each time and the
# median and maximum in milliseconds. Each launch gets an empty --config-dir, so the user's
# settings are neither read nor changed. Build the jar first: ./mvnw -q -pl desktop-app -am package
set -euo pipefail

runs=${1:-10}
shift || true
if [ "$#" -gt 0 ]; then
    launcher=("$@")
else
    launcher=(java -jar "$(dirname "$0")/../desktop-app/target/goodtalk-desktop.jar")
fi

work=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1

times=()
for run in $(seq 1 "$runs"); do
    marker="$work/shown-$run"
    start=$(date +%s%3N)
    if [ "${launcher[0]}" = java ]; then
        DISPLAY=$display "${launcher[0]}" "-Dgoodtalk.startupMarker=$marker" "${launcher[@]:1}" \
            --config-dir "$work/config-$run" >"$work/app-$run.log" 2>&1 &
    else
        DISPLAY=$display JAVA_TOOL_OPTIONS="-Dgoodtalk.startupMarker=$marker" "${launcher[@]}" \
            --config-dir "$work/config-$run" >"$work/app-$run.log" 2>&1 &
    fi
    app_pid=$!
    for _ in $(seq 1 300); do
        [ -s "$marker" ] && break
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    if [ ! -s "$marker" ]; then
        echo "run $run: the window was not shown; the app printed:" >&2
        cat "$work/app-$run.log" >&2
        exit 1
    fi
    elapsed=$(( $(head -n 1 "$marker") - start ))
    times+=("$elapsed")
    echo "run $run: ${elapsed} ms"
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
count=${#sorted[@]}
if [ $((count % 2)) -eq 1 ]; then
    median=${sorted[$((count / 2))]}
else
    median=$(( (sorted[count / 2 - 1] + sorted[count / 2]) / 2 ))
fi
echo "runs: $count, median: ${median} ms, max: ${sorted[$((count - 1))]} ms"
