"""The interface's translations, kept as Qt Linguist `.ts` files in resources/translations/ and compiled to `.qm`.

    python packaging/translations.py update   # extract every tr() string from desktop_app/ into the .ts files
    python packaging/translations.py build    # compile the .ts files to .qm (make does this; the wheel too)
    python packaging/translations.py check    # fail when a string has no translation

`desktop_app_zh_CN.ts` is translated by people (open it in Linguist). `desktop_app_en.ts` holds only the
strings with a count (`%n`), with English's singular and plural, which `update` writes from the source's
"(s)": the source says "%n file(s)", an English user reads "1 file" and "2 files".
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ElementTree
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "resources" / "translations"
PEOPLE = ("zh_CN",)  # translated by hand
PLURALS_ONLY = "en"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the Python that runs this (the virtualenv's)."""
    found = Path(sysconfig.get_path("scripts")) / f"pyside6-{name}"
    return str(found) if found.exists() else f"pyside6-{name}"


def ts_file(language: str) -> Path:
    return FOLDER / f"desktop_app_{language}.ts"


def sources() -> list[str]:
    return sorted(str(path) for path in (REPO / "desktop_app").rglob("*.py"))


def update() -> None:
    common = ["-no-obsolete", "-locations", "none", "-source-language", "en"]
    for language in PEOPLE:
        run([tool("lupdate"), *sources(), "-ts", str(ts_file(language)), "-target-language", language, *common])
    english = ts_file(PLURALS_ONLY)
    run([tool("lupdate"), *sources(), "-ts", str(english), "-target-language", "en", "-pluralonly", *common])
    tree = ElementTree.parse(english)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        for form in list(translation):
            translation.remove(form)
        for text in (source.replace("(s)", ""), source.replace("(s)", "s")):
            ElementTree.SubElement(translation, "numerusform").text = text
    tree.write(english, encoding="utf-8", xml_declaration=True)


def build() -> None:
    for ts in sorted(FOLDER.glob("*.ts")):
        run([tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))])


def unfinished() -> dict[str, list[str]]:
    """The strings each .ts still lacks a translation for."""
    missing: dict[str, list[str]] = {}
    for ts in sorted(FOLDER.glob("*.ts")):
        for message in ElementTree.parse(ts).iter("message"):
            translation = message.find("translation")
            texts = [translation.text or ""] if translation is not None and len(translation) == 0 else []
            texts += [form.text or "" for form in translation or ()]
            if translation is None or translation.get("type") == "unfinished" or not all(texts):
                missing.setdefault(ts.name, []).append(message.findtext("source") or "")
    return missing


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str]) -> int:
    action = argv[1] if len(argv) > 1 else ""
    if action == "update":
        update()
    elif action == "build":
        build()
    elif action == "check":
        missing = unfinished()
        for name, texts in missing.items():
            print(f"{name}: {len(texts)} untranslated, e.g. {texts[:3]}")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
