#!/usr/bin/env bash
# Debian/Ubuntu packages, in four groups: `app` (what the window needs to run; `make run`), `package` (what
# building and checking the bundle adds; `make package`), `test` (all of it, plus a virtual display and
# microphone, speech clips and screenshots; `make test`) and `bench` (the tests' packages, and what building
# llama.cpp for the generation bench needs; `make bench`).
# Installs only what is missing; safe to run often. Usage: install-system-deps.sh [app|package|test|bench]
set -euo pipefail
APP_PACKAGES=(
  libportaudio2                                         # sounddevice: the microphone and playback
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1
  libfontconfig1 libdbus-1-3 fonts-dejavu-core          # Qt under X
  fonts-noto-cjk                                        # Chinese, Japanese and Korean text, not boxes
  wordnet-base                                          # WordNet (/usr/share/wordnet): synonyms for augmentation
)
TEST_PACKAGES=(
  xvfb xauth                                            # a real X server for the real-window tests
  xdotool                                               # a real drag between two X clients
  pulseaudio pulseaudio-utils libasound2-plugins        # virtual microphone for the speech tests
  espeak-ng                                             # speech test clips
  asterisk-core-sounds-en-wav                           # real human speech (en_US_f_Allison/hello-world.wav)
  imagemagick                                           # screenshots
  base-files                                            # /usr/share/common-licenses/GPL-3: English prose to
                                                        # distil on (essential: always there, named for clarity)
  dbus-daemon at-spi2-core python3-minimal python3-pyatspi  # a screen reader's view: dbus-run-session, the
                                                        # AT-SPI bus, and pyatspi for the system's python3
  gnome-keyring                                         # a real Secret Service (gnome-keyring-daemon) for the
                                                        # servers' API keys, on the tests' own D-Bus
)
PACKAGE_PACKAGES=(
  binutils                                              # objdump: PyInstaller reads the bundled libraries with it
  desktop-file-utils appstream                          # desktop-file-validate, appstreamcli: the launcher files
)
BENCH_PACKAGES=(
  cmake g++ make                                        # building llama-cpp-python in build/bench-env
)
case "${1:-test}" in
  app) PACKAGES=("${APP_PACKAGES[@]}") ;;
  package) PACKAGES=("${APP_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}") ;;
  test) PACKAGES=("${APP_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  bench) PACKAGES=("${APP_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${BENCH_PACKAGES[@]}") ;;
  *) echo "usage: $0 [app|package|test|bench]" >&2; exit 2 ;;
esac
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
