#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then start it once to prove it runs:
#
#   packaging/build.sh            -> dist/rapport/rapport (and "shown in N ms")
#
# The bundle is built from the pinned, hashed versions of requirements/build.lock, in a
# virtual environment of its own (BUILD_VENV, by default build/venv), made with PYTHON
# (by default python3; the lock is for CPython 3.11 on Linux). README.md, "Building an
# installable app", says how to refresh the lock.
# DISTPATH and WORKPATH move the output (the test suite builds in a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DISTPATH="${DISTPATH:-dist}"
WORKPATH="${WORKPATH:-build/pyinstaller}"
BUILD_VENV="${BUILD_VENV:-build/venv}"

if [ ! -x "$BUILD_VENV/bin/python" ]; then
  "$PYTHON" -m venv "$BUILD_VENV"
fi
# Every package at the locked version with its hash checked, then Rapport itself (its
# build backend, setuptools, comes from the lock too: no unhashed download).
"$BUILD_VENV/bin/python" -m pip install -q --require-hashes --no-deps -r requirements/build.lock
"$BUILD_VENV/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
PYTHON="$BUILD_VENV/bin/python"

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DISTPATH" --workpath "$WORKPATH" packaging/rapport.spec
echo "built $DISTPATH/rapport in $(( $(date +%s) - start )) s ($(du -sh "$DISTPATH/rapport" | cut -f1))"

# Start the bundle on an empty book without a screen: it must open and paint its window.
check_dir="$(mktemp -d)"
trap 'rm -rf "$check_dir"' EXIT
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" RAPPORT_DATA_DIR="$check_dir/book" \
  "$DISTPATH/rapport/rapport" --startup-check
