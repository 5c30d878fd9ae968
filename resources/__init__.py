"""The app's images, installed as `desktop_app.resources` (pyproject.toml maps this folder there) and read
with importlib.resources, never from the working directory: `icons/` is the interface's icon set (Lucide,
ISC licence, `icons/LICENSE`), `app/` the application icon (SVG, and PNGs at the freedesktop hicolor sizes,
drawn from the SVG by packaging/render_app_icon.py)."""
