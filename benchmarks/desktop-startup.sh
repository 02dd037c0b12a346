#!/usr/bin/env bash
# Measures how long the desktop app takes from launch to its window being shown.
#
# Usage: benchmarks/desktop-startup.sh [-n RUNS] [VARIANT...]
#   -n RUNS   launches of each variant (default 10)
#   VARIANT   what to launch (default: installed):
#     installed         the launcher of the .deb in installer/desktop/target/jpackage/package,
#                       unpacked with dpkg-deb -x into a temporary root, as DebPackageIT does
#     installed-no-cds  the same with -Xshare:off, so that no class data sharing archive is used
#     installed:OPTIONS the same with the JVM options OPTIONS, which override the launcher's, such
#                       as "installed:-XX:TieredStopAtLevel=4" (both JIT compilers)
#     app-image         installer/desktop/target/jpackage/image/GoodTalk/bin/GoodTalk
#     jar               java -jar desktop-app/target/goodtalk-desktop.jar (the JDK on the PATH)
#     jar-no-cds        the same with -Xshare:off
#     NAME=COMMAND      any other command, split at spaces, such as
#                       "c1=java -XX:TieredStopAtLevel=1 -jar desktop-app/target/goodtalk-desktop.jar"
#
# It starts one Xvfb on a free display and launches the variants in turn, RUNS rounds of one
# launch each, so that a change in the machine's load affects all of them alike. Each launch gets
# -Dgoodtalk.startupMarker=FILE through JAVA_TOOL_OPTIONS (the app writes the time its window
# was shown there), the variant's JVM options through _JAVA_OPTIONS (which the JVM reads after
# the launcher's options, so they take precedence), and an empty --config-dir and --data-dir,
# so the user's settings and license
# are neither read nor changed. Each launch is stopped by its process id once the marker
# appears, or after 30 s, which fails the run. It prints the machine, the load average (and CPU
# pressure) before and after, each time, and each variant's median, minimum and maximum in
# milliseconds.
#
# Build first: ./mvnw -B -Pinstaller -DskipTests package (the .deb, the app-image and the jar).
set -euo pipefail

runs=10
if [ "${1:-}" = -n ]; then
    runs=$2
    shift 2
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "RUNS must be a positive whole number, not '$runs'." >&2
    exit 64
fi
if [ "$#" -eq 0 ]; then
    set -- installed
fi

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
xvfb_pid=
app_pid=
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

installed_launcher() {
    if [ ! -x "$work/root/opt/goodtalk/bin/GoodTalk" ]; then
        local debs=("$root"/installer/desktop/target/jpackage/package/*.deb)
        if [ ! -f "${debs[0]}" ]; then
            echo "No .deb in installer/desktop/target/jpackage/package. Build it: ./mvnw -B -Pinstaller -DskipTests package" >&2
            exit 66
        fi
        dpkg-deb -x "${debs[0]}" "$work/root"
    fi
    echo "$work/root/opt/goodtalk/bin/GoodTalk"
}

# Fills the arrays names, commands (one string each, split at spaces) and options (JVM options).
names=()
commands=()
options=()
for variant in "$@"; do
    case "$variant" in
        installed) command=$(installed_launcher); option= ;;
        installed-no-cds) command=$(installed_launcher); option=-Xshare:off ;;
        installed:*) command=$(installed_launcher); option=${variant#installed:} ;;
        app-image) command=$root/installer/desktop/target/jpackage/image/GoodTalk/bin/GoodTalk; option= ;;
        jar) command="java -jar $root/desktop-app/target/goodtalk-desktop.jar"; option= ;;
        jar-no-cds) command="java -jar $root/desktop-app/target/goodtalk-desktop.jar"; option=-Xshare:off ;;
        *=*) command=${variant#*=}; variant=${variant%%=*}; option= ;;
        *)
            echo "Unknown variant '$variant'. Use installed, installed-no-cds, installed:OPTIONS, app-image, jar, jar-no-cds or NAME=COMMAND." >&2
            exit 64
            ;;
    esac
    program=${command%% *}
    if ! command -v "$program" >/dev/null; then
        echo "The variant $variant runs '$program', which is not an executable file. Build it first." >&2
        exit 66
    fi
    names+=("$variant")
    commands+=("$command")
    options+=("$option")
done

# -displayfd 3: Xvfb picks a free display number and writes it once it accepts clients.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
    [ -s "$work/display" ] && break
    sleep 0.1
done
if [ ! -s "$work/display" ]; then
    echo "Xvfb did not start; it printed:" >&2
    cat "$work/xvfb.log" >&2
    exit 69
fi
display=:$(head -n 1 "$work/display")

echo "machine: $(nproc) CPUs, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
# The CPU pressure (Linux 4.20 and later) is the share of time that runnable tasks waited for a
# CPU, which says more about a 2-CPU machine shared with other work than the load average.
cpu_pressure() {
    if [ -r /proc/pressure/cpu ]; then
        echo ", CPU pressure: $(head -n 1 /proc/pressure/cpu | cut -d ' ' -f 2-4)"
    fi
}
echo "load average before: $(cut -d ' ' -f 1-3 /proc/loadavg)$(cpu_pressure)"

declare -A times
for run in $(seq 1 "$runs"); do
    for index in "${!names[@]}"; do
        name=${names[$index]}
        # File names use the variant's index, since a name may contain spaces.
        marker="$work/shown-$index-$run"
        read -r -a command <<<"${commands[$index]}"
        start=$(date +%s%3N)
        DISPLAY=$display JAVA_TOOL_OPTIONS="-Dgoodtalk.startupMarker=$marker" _JAVA_OPTIONS="${options[$index]}" \
            "${command[@]}" \
            --config-dir "$work/config-$index-$run" --data-dir "$work/data-$index-$run" \
            >"$work/app-$index-$run.log" 2>&1 &
        app_pid=$!
        for _ in $(seq 1 300); do
            [ -s "$marker" ] && break
            kill -0 "$app_pid" 2>/dev/null || break
            sleep 0.05
        done
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
        app_pid=
        if [ ! -s "$marker" ]; then
            echo "$name run $run: the window was not shown within 30 s; the app printed:" >&2
            cat "$work/app-$index-$run.log" >&2
            exit 1
        fi
        elapsed=$(( $(head -n 1 "$marker") - start ))
        times[$name]="${times[$name]:-} $elapsed"
        echo "$name run $run: ${elapsed} ms"
    done
done

echo "load average after: $(cut -d ' ' -f 1-3 /proc/loadavg)$(cpu_pressure)"
for name in "${names[@]}"; do
    sorted=($(printf '%s\n' ${times[$name]} | sort -n))
    count=${#sorted[@]}
    if [ $((count % 2)) -eq 1 ]; then
        median=${sorted[$((count / 2))]}
    else
        median=$(( (sorted[count / 2 - 1] + sorted[count / 2]) / 2 ))
    fi
    echo "$name: runs $count, median ${median} ms, min ${sorted[0]} ms, max ${sorted[$((count - 1))]} ms"
done
