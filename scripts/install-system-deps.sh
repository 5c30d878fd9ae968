#!/usr/bin/env bash
# Debian/Ubuntu packages the app and its tests need. Installs only what is missing; safe to run often.
set -euo pipefail
PACKAGES=(
  libportaudio2                                         # sounddevice
  pulseaudio pulseaudio-utils libasound2-plugins        # virtual microphone for the speech tests
  xvfb xauth libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1
  libfontconfig1 libdbus-1-3 fonts-dejavu-core          # Qt under X
  espeak-ng                                             # speech test clips
  asterisk-core-sounds-en-wav                           # real human speech (hello-world.wav) for the tests
  imagemagick                                           # screenshots
)
if ! command -v dpkg >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian-like system; install the equivalents of: ${PACKAGES[*]}" >&2
  exit 0
fi
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-system-deps: missing ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
