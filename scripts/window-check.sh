#!/usr/bin/env bash
# Opens the real window under Xvfb (software GL), ships nothing, takes a screenshot and checks it
# is not blank: the window must draw its Ship screen. Leaves target/window-check.png to look at
# (in $CARGO_TARGET_DIR when that is set).
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
binary=${1:-$target_dir/debug/shipdesk}
shot=$target_dir/window-check.png
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
xvfb-run -a -s "-screen 0 1280x900x24" bash -c "
    '$binary' --data-dir '$data' >'$data/window.log' 2>&1 &
    app=\$!
    for _ in \$(seq 1 100); do
        sleep 0.1
        xwininfo -root -tree 2>/dev/null | grep -q 'shipdesk' && break
    done
    sleep 2
    import -window root '$shot'
    kill \$app
"
colours=$(identify -format '%k' "$shot")
size=$(identify -format '%wx%h' "$shot")
if [ "$colours" -lt 8 ]; then
    echo "window check: FAILED, the screenshot is blank ($colours colours); log:" >&2
    cat "$data/window.log" >&2
    exit 1
fi
echo "window check: ok, $size screenshot with $colours colours ($shot)"
