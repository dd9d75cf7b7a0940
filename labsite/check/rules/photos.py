"""A photo named in the data is an image that exists in `docs/` and is light enough to serve."""

from __future__ import annotations

from collections.abc import Iterator

from labsite.check.context import Context, Finding
from labsite.read import files
from labsite.read.load import SiteData


def photos_exist_and_are_light(ctx: Context) -> Iterator[Finding]:
    """Refuses the professor's or a member's photo that is missing from `docs/`, or that is not an
    image fit to publish (another type, too large, not decodable): a page would show a broken image."""
    data = ctx.data
    if data.profile.photo:
        yield from _photo("profile.yml", data.profile.photo, data)
    for person_id, person in data.people.items():
        if person.photo:
            yield from _photo(f"people/{person_id}.yml", person.photo, data)


def _photo(file: str, photo: str, data: SiteData) -> Iterator[Finding]:
    path = data.root / files.DOCS_DIR / photo
    if files.linked(data.root, f"{files.DOCS_DIR}/{photo}") or (
        photo.startswith(f"{files.PHOTO_DIR}/") and path.is_file()
    ):
        return  # files.problems reports the link, or what is wrong with a file in the photo folder
    if not path.is_file():
        yield Finding(
            file, ("photo",), f"expected a file at docs/{photo} — it does not exist", "add the image or remove 'photo'"
        )
    elif problem := files.photo_problem(path, f"{files.DOCS_DIR}/{photo}"):
        yield Finding(file, ("photo",), *problem)
