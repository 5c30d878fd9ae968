#!/usr/bin/env bash
# Install Desktop AI Workbench for this user: the app into ~/.local/lib/desktop-app, the `desktop-app` command
# into ~/.local/bin, and its launcher entry, icon and AppStream data into ~/.local/share, where the desktop's
# menu finds them. Nothing needs root. Another place: PREFIX=/some/where ./install.sh
# To remove it: ~/.local/lib/desktop-app/uninstall.sh (your history, settings and models stay).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
APP_DIR=$PREFIX/lib/desktop-app
MANIFEST=$APP_DIR/.installed-files
APP_ID=$(cd "$HERE/share/applications" && ls *.desktop | sed 's/\.desktop$//')

if [ -f "$MANIFEST" ]; then  # an earlier version: replaced, not mixed
  "$APP_DIR/uninstall.sh" --quiet || true
fi
mkdir -p "$PREFIX/bin" "$PREFIX/lib" "$PREFIX/share"
rm -rf "$APP_DIR"
cp -a "$HERE/lib/desktop-app" "$APP_DIR"
cp "$HERE/uninstall.sh" "$APP_DIR/uninstall.sh"
ln -sfn "$APP_DIR/desktop-app" "$PREFIX/bin/desktop-app"
installed=("bin/desktop-app")
while IFS= read -r -d '' file; do
  relative=${file#"$HERE/"}
  mkdir -p "$PREFIX/$(dirname "$relative")"
  cp "$file" "$PREFIX/$relative"
  installed+=("$relative")
done < <(find "$HERE/share" -type f -print0)
# The menu entry runs the installed command by its full path: ~/.local/bin is not on every desktop's PATH.
sed -i -e "s|^Exec=desktop-app|Exec=$PREFIX/bin/desktop-app|" -e "s|^TryExec=desktop-app|TryExec=$PREFIX/bin/desktop-app|" \
  "$PREFIX/share/applications/$APP_ID.desktop"
printf '%s\n' "${installed[@]}" > "$MANIFEST"

command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -f -t "$PREFIX/share/icons/hicolor" || true

echo "Installed Desktop AI Workbench in $APP_DIR."
echo "Start it from your desktop's menu, or run: $PREFIX/bin/desktop-app"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "(Add $PREFIX/bin to your PATH to type just: desktop-app)";; esac
if command -v ldconfig >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q 'libportaudio\.so\.2'; then
  echo "Recording from a microphone needs PortAudio, which is not installed: sudo apt install libportaudio2"
fi
