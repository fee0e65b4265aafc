#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then start it once to prove it runs:
#
#   packaging/build.sh            -> dist/rapport/rapport (and "shown in N ms")
#
# Needs the packaging extra: .venv/bin/pip install -e '.[package]'.
# DISTPATH and WORKPATH move the output (the test suite builds in a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
DISTPATH="${DISTPATH:-dist}"
WORKPATH="${WORKPATH:-build/pyinstaller}"

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
  echo "build.sh: PyInstaller is missing; run: $PYTHON -m pip install -e '.[package]'" >&2
  exit 1
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DISTPATH" --workpath "$WORKPATH" packaging/rapport.spec
echo "built $DISTPATH/rapport in $(( $(date +%s) - start )) s ($(du -sh "$DISTPATH/rapport" | cut -f1))"

# Start the bundle on an empty book without a screen: it must open and paint its window.
check_dir="$(mktemp -d)"
trap 'rm -rf "$check_dir"' EXIT
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" RAPPORT_DATA_DIR="$check_dir/book" \
  "$DISTPATH/rapport/rapport" --startup-check
