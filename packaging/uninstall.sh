#!/usr/bin/env bash
# Remove what install.sh installed, and nothing else: your history, settings, recordings and downloaded models
# stay (the app's data, config and cache folders; delete them yourself to remove them too).
set -euo pipefail
QUIET=${1:-}
APP_DIR=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$APP_DIR/.installed-files" ]; then  # run from the unpacked archive: the installed copy knows what it put where
  PREFIX=${PREFIX:-$HOME/.local}
  APP_DIR=$PREFIX/lib/desktop-app
  [ -f "$APP_DIR/.installed-files" ] || { echo "Desktop AI Workbench is not installed in $PREFIX."; exit 0; }
fi
PREFIX=$(cd "$APP_DIR/../.." && pwd)
while IFS= read -r relative; do
  [ -n "$relative" ] && rm -f "$PREFIX/$relative"
done < "$APP_DIR/.installed-files"
rm -rf "$APP_DIR"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -f -t "$PREFIX/share/icons/hicolor" || true
if [ "$QUIET" != "--quiet" ]; then
  echo "Removed Desktop AI Workbench from $PREFIX."
  echo "Your history, settings and models are kept in ~/.local/share/desktop-app, ~/.config/desktop-app and ~/.cache/desktop-app."
fi
