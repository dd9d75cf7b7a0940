"""Screenshots of the main pages at phone and desktop widths, light and dark, for a human to look at.

    .venv/bin/python scripts/screenshots.py [SITE_DIR] [OUT_DIR]

Builds nothing: point it at a built site (default `site/`, from `make build`). Uses Debian's
Chromium (CHROMIUM_PATH overrides /usr/bin/chromium); writes PNGs to `screenshots/` (not committed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_static import serving

PAGES = ["", "news/", "publications/", "projects/", "teaching/", "group/", "cv/"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def main(site: Path, out: Path, extra: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for label, (width, height) in WIDTHS.items():
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                page = context.new_page()
                for path in PAGES + extra:
                    page.goto(base + path, wait_until="networkidle")
                    name = (path.strip("/").replace("/", "-") or "home") + f"-{label}-{scheme}.png"
                    # Finish Material's entrance transitions (the tabs fade in) so no shot catches them halfway.
                    page.screenshot(path=str(out / name), full_page=True, animations="disabled")
                context.close()
        browser.close()
    print(f"wrote {len(list(out.glob('*.png')))} screenshots to {out}/")


if __name__ == "__main__":
    args = sys.argv[1:]
    site_dir = Path(args[0]) if args else Path("site")
    out_dir = Path(args[1]) if len(args) > 1 else Path("screenshots")
    main(site_dir, out_dir, args[2:])
