"""pyproject.toml says everything but one thing: the repository's top-level `resources/` folder is installed
as the `desktop_app.resources` package (read with importlib.resources), which a static package list beside
`packages.find` cannot say."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["desktop_app", "desktop_app.*"]), "desktop_app.resources"],
    package_dir={"desktop_app.resources": "resources"},
    include_package_data=False,  # the data is exactly `package_data`: the icon folders are not packages
    package_data={
        "desktop_app.resources": ["icons/*.svg", "icons/LICENSE", "icons/README.md", "app/*.svg", "app/hicolor/*/apps/*.png", "translations/*.qm", "eval/*.json", "eval/*/*"]
    },
)
