#!/usr/bin/env bash
# Build the double-clickable Second Opinion bundle: dist/secondopinion-desktop/ (one folder).
#
#   bash packaging/build.sh              build from the last commit (git archive HEAD)
#   bash packaging/build.sh --worktree   build the working tree as it is (uncommitted edits too)
#
# It makes a fresh venv outside the checkout (SO_BUILD_VENV, default
# ${TMPDIR:-/tmp}/secondopinion-build-venv), installs the project with its `packaging` extra
# there (PyInstaller, from the package registry), and runs packaging/secondopinion.spec. The
# bundle takes only the project's files and its declared dependencies; untracked files in the
# checkout never reach it (unless --worktree). Output: dist/secondopinion-desktop/, a tarball
# dist/secondopinion-desktop-VERSION-linux-ARCH.tar.gz on Linux, and the bundle's size.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
VENV="${SO_BUILD_VENV:-${TMPDIR:-/tmp}/secondopinion-build-venv}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/secondopinion-build.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

source_mode="head"
for arg in "$@"; do
  case "$arg" in
    --worktree) source_mode="worktree" ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

# 1. The source: a clean export of the last commit, or the working tree.
if [ "$source_mode" = "head" ] && git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
  SRC="$WORK/src"
  mkdir -p "$SRC"
  git -C "$ROOT" archive --format=tar HEAD | tar -x -C "$SRC"
  echo "Building from commit $(git -C "$ROOT" rev-parse --short HEAD)"
else
  SRC="$ROOT"
  echo "Building the working tree at $ROOT"
fi

# 2. A clean venv outside the checkout, with the app (not editable) and PyInstaller.
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "$SRC[packaging]"

# 3. Freeze. Work files stay in $WORK; only dist/ is written in the checkout.
rm -rf "$ROOT/dist/secondopinion-desktop" "$ROOT/dist/Second Opinion.app"
(cd "$SRC" && "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --workpath "$WORK/pyinstaller" --distpath "$ROOT/dist" packaging/secondopinion.spec)

BUNDLE="$ROOT/dist/secondopinion-desktop"
case "$(uname -s)" in
  Linux)
    # The person's installer travels with the bundle.
    cp "$SRC/packaging/install-linux.sh" "$BUNDLE/install-linux.sh"
    chmod 755 "$BUNDLE/install-linux.sh"
    VERSION="$("$BUNDLE/secondopinion-desktop" --version | awk '{print $NF}')"
    TARBALL="$ROOT/dist/secondopinion-desktop-$VERSION-linux-$(uname -m).tar.gz"
    tar -C "$ROOT/dist" -czf "$TARBALL" secondopinion-desktop
    ;;
esac

# 4. Prove it starts, and say how big it is.
QT_QPA_PLATFORM=offscreen "$BUNDLE/secondopinion-desktop" --version
echo "Bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files)"
if [ -n "${TARBALL:-}" ]; then
  echo "Tarball: $TARBALL ($(du -sh "$TARBALL" | cut -f1))"
fi
