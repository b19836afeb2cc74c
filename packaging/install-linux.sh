#!/usr/bin/env bash
# Install Second Opinion for the current user on Linux: the program, a menu entry with its icon,
# and an icon on the desktop to double-click. No root needed; nothing outside your home folder.
#
#   ./install-linux.sh                   install (or update) from the bundle beside this script,
#                                        or from dist/secondopinion-desktop in a checkout
#   ./install-linux.sh --bundle DIR      install the bundle in DIR
#   ./install-linux.sh --exec COMMAND    only add the menu entry and icons, starting COMMAND
#                                        (e.g. a pip-installed "$(command -v secondopinion-desktop)")
#   ./install-linux.sh --no-desktop-icon do not put an icon on the desktop
#   ./install-linux.sh --uninstall       remove all of the above again, and the start-at-login
#                                        entry the app makes to keep its reminders
#
# Your cases and documents (~/.local/share/SecondOpinion) are never touched, not even by
# --uninstall.
set -euo pipefail

APP_ID="secondopinion-desktop"
METAINFO="io.github.secondopinion.SecondOpinion.metainfo.xml"
ICON_SIZES="16 24 32 48 64 128 256 512"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA_HOME="${XDG_DATA_HOME:-$HOME/.local/share}"
CONFIG_HOME="${XDG_CONFIG_HOME:-$HOME/.config}"
case "$CONFIG_HOME" in /*) ;; *) CONFIG_HOME="$HOME/.config" ;; esac
# written by the app when "Keep reminding me when Second Opinion is closed" is on
AUTOSTART_ENTRY="$CONFIG_HOME/autostart/$APP_ID.desktop"
PROGRAM_DIR="$HOME/.local/lib/$APP_ID"
BIN_LINK="$HOME/.local/bin/$APP_ID"
APPS_DIR="$DATA_HOME/applications"
ICONS_DIR="$DATA_HOME/icons/hicolor"
METAINFO_DIR="$DATA_HOME/metainfo"
USER_DATA="$DATA_HOME/SecondOpinion"

say() { printf '%s\n' "$*"; }
die() { printf 'install-linux.sh: %s\n' "$*" >&2; exit 2; }

desktop_folder() {
  local folder=""
  if command -v xdg-user-dir >/dev/null 2>&1; then
    folder="$(xdg-user-dir DESKTOP 2>/dev/null || true)"
  fi
  [ -n "$folder" ] || folder="$HOME/Desktop"
  # xdg-user-dir answers $HOME when no desktop folder is set up: never litter the home folder
  if [ "$folder" != "$HOME" ] && [ -d "$folder" ]; then
    printf '%s\n' "$folder"
  fi
}

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$APPS_DIR" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$ICONS_DIR/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$ICONS_DIR" 2>/dev/null || true
  fi
  touch "$ICONS_DIR" 2>/dev/null || true
}

uninstall() {
  local removed=0 path desk
  for path in "$APPS_DIR/$APP_ID.desktop" "$METAINFO_DIR/$METAINFO" \
    "$ICONS_DIR/scalable/apps/$APP_ID.svg" "$AUTOSTART_ENTRY"; do
    [ -e "$path" ] && rm -f "$path" && removed=1
  done
  for size in $ICON_SIZES; do
    path="$ICONS_DIR/${size}x${size}/apps/$APP_ID.png"
    [ -e "$path" ] && rm -f "$path" && removed=1
  done
  desk="$(desktop_folder)"
  if [ -n "$desk" ] && [ -e "$desk/$APP_ID.desktop" ]; then
    rm -f "$desk/$APP_ID.desktop"
    removed=1
  fi
  # the command link only if it is ours (points into our program folder)
  if [ -L "$BIN_LINK" ] && [ "$(readlink "$BIN_LINK")" = "$PROGRAM_DIR/$APP_ID" ]; then
    rm -f "$BIN_LINK"
    removed=1
  fi
  if [ -d "$PROGRAM_DIR" ]; then
    rm -rf "$PROGRAM_DIR"
    removed=1
  fi
  # folders left empty by the above (never ones that still hold anything)
  for size in $ICON_SIZES scalable; do
    case "$size" in scalable) path="$ICONS_DIR/scalable" ;; *) path="$ICONS_DIR/${size}x${size}" ;; esac
    rmdir "$path/apps" "$path" 2>/dev/null || true
  done
  rmdir "$METAINFO_DIR" 2>/dev/null || true
  refresh_caches
  if [ "$removed" = 1 ]; then
    say "Second Opinion has been removed."
  else
    say "Second Opinion was not installed for this user; nothing to remove."
  fi
  if [ -d "$USER_DATA" ]; then
    say "Your cases and documents are kept in $USER_DATA."
  fi
}

# Quote a path for the Exec key of a .desktop file when it holds spaces. Characters that would
# need the spec's double escaping are refused rather than risked.
exec_quote() {
  case "$1" in
    *[\"\`\$\\]*) die "please install from a folder whose path has no \" \` \$ or \\ in it: $1" ;;
    *[[:space:]]*) printf '"%s"' "$1" ;;
    *) printf '%s' "$1" ;;
  esac
}

write_launcher() {
  # $1 source .desktop, $2 target, $3 the command to start
  local exec_value
  exec_value="$(exec_quote "$3")"
  mkdir -p "$(dirname "$2")"
  awk -v exec_line="Exec=$exec_value" -v try_line="TryExec=$3" '
    /^Exec=/ { print exec_line; next }
    /^TryExec=/ { print try_line; next }
    { print }
  ' "$1" >"$2.tmp"
  chmod 755 "$2.tmp"
  mv "$2.tmp" "$2"
}

install() {
  local bundle="$1" command="$2" desktop_icon="$3" resources=""

  if [ -z "$command" ]; then
    if [ -z "$bundle" ]; then
      if [ -x "$HERE/$APP_ID" ]; then
        bundle="$HERE"
      elif [ -x "$HERE/../dist/$APP_ID/$APP_ID" ]; then
        bundle="$(cd "$HERE/../dist/$APP_ID" && pwd)"
      else
        die "no bundle found. Build one with packaging/build.sh, or use --bundle DIR or --exec COMMAND."
      fi
    fi
    [ -x "$bundle/$APP_ID" ] || die "$bundle does not hold the program $APP_ID."
    bundle="$(cd "$bundle" && pwd)"
    resources="$bundle/_internal/secondopinion_desktop/resources"
  else
    [ -x "$command" ] || command="$(command -v "$command" 2>/dev/null || true)"
    [ -n "$command" ] && [ -x "$command" ] || die "the command to start ($2) was not found."
  fi
  [ -d "$resources" ] || resources="$HERE/../resources"
  [ -f "$resources/$APP_ID.desktop" ] || die "the launcher file $APP_ID.desktop was not found."

  # 1. The program itself, copied so that the download folder can be deleted afterwards.
  if [ -z "$command" ]; then
    if [ "$bundle" != "$PROGRAM_DIR" ]; then
      rm -rf "$PROGRAM_DIR.new"
      mkdir -p "$(dirname "$PROGRAM_DIR")"
      cp -a "$bundle" "$PROGRAM_DIR.new"
      rm -rf "$PROGRAM_DIR"
      mv "$PROGRAM_DIR.new" "$PROGRAM_DIR"
    fi
    command="$PROGRAM_DIR/$APP_ID"
    mkdir -p "$(dirname "$BIN_LINK")"
    if [ ! -e "$BIN_LINK" ] || [ -L "$BIN_LINK" ]; then
      ln -sfn "$command" "$BIN_LINK"
    fi
  fi

  # 2. Icons in the hicolor theme, under the name the launcher asks for.
  for size in $ICON_SIZES; do
    if [ -f "$resources/icons/secondopinion-$size.png" ]; then
      mkdir -p "$ICONS_DIR/${size}x${size}/apps"
      cp "$resources/icons/secondopinion-$size.png" "$ICONS_DIR/${size}x${size}/apps/$APP_ID.png"
    fi
  done
  mkdir -p "$ICONS_DIR/scalable/apps"
  cp "$resources/icons/secondopinion.svg" "$ICONS_DIR/scalable/apps/$APP_ID.svg"

  # 3. The menu entry, and the software centre's description.
  write_launcher "$resources/$APP_ID.desktop" "$APPS_DIR/$APP_ID.desktop" "$command"
  if [ -f "$resources/$METAINFO" ]; then
    mkdir -p "$METAINFO_DIR"
    cp "$resources/$METAINFO" "$METAINFO_DIR/$METAINFO"
  fi

  # 4. An icon on the desktop to double-click.
  local desk=""
  if [ "$desktop_icon" = 1 ]; then
    desk="$(desktop_folder)"
    if [ -n "$desk" ]; then
      write_launcher "$resources/$APP_ID.desktop" "$desk/$APP_ID.desktop" "$command"
      # GNOME asks before starting a desktop file it does not trust; this one we made.
      if command -v gio >/dev/null 2>&1; then
        gio set "$desk/$APP_ID.desktop" metadata::trusted true 2>/dev/null || true
      fi
    fi
  fi

  refresh_caches
  say "Second Opinion is installed."
  say "  Start it from your applications menu (\"Second Opinion\")${desk:+ or the icon on your desktop}."
  say "  Program: $command"
  say "  To remove it: $0 --uninstall"
}

main() {
  local mode="install" bundle="" command="" desktop_icon=1
  while [ $# -gt 0 ]; do
    case "$1" in
      --uninstall) mode="uninstall" ;;
      --bundle) [ $# -ge 2 ] || die "--bundle needs a folder"; bundle="$2"; shift ;;
      --exec) [ $# -ge 2 ] || die "--exec needs a command"; command="$2"; shift ;;
      --no-desktop-icon) desktop_icon=0 ;;
      -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
      *) die "unknown option $1 (see --help)" ;;
    esac
    shift
  done
  if [ "$mode" = "uninstall" ]; then
    uninstall
  else
    install "$bundle" "$command" "$desktop_icon"
  fi
}

main "$@"
