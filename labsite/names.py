"""Names and titles as they compare: who in the group wrote what, which spellings look like the same
person, and when two titles are the same paper's."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

import icu
from anyascii import anyascii

_LOOK_ALIKES = str.maketrans(
    # Cyrillic and Greek letters drawn like Latin ones: 'Jiа' with a Cyrillic 'а' reads as 'Jia'
    "АВЕКМНОРСТУХІЈЅҺԚԜӀаеорсухіјѕһԁԛԝӏΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορυχ",
    "ABEKMHOPCTYXIJSHQWIaeopcyxijshdqwlABEZHIKMNOPTYXaikvopux",
)
_APOSTROPHES = frozenset("'\u2019\u02bc`")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A spelling-insensitive key: every way of writing one name that reads the same gets one key.

    Compatibility forms (fullwidth letters, ligatures), case, accents, invisible characters, spacing
    and punctuation (but hyphens) do not matter, nor do Cyrillic or Greek letters drawn like Latin ones: the key
    decides who wrote a paper, so two spellings a visitor cannot tell apart must not be two people.
    Letters with a stroke or slash (ø, đ, ł) stay as they are: those spellings only warn.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
    text = text.translate(_LOOK_ALIKES).casefold()
    text = "".join(_punctuation(ch) for ch in text)
    return " ".join(text.split())


def _punctuation(ch: str) -> str:
    """Apostrophes vanish (O'Brien, O’Brien, OBrien), dashes are one hyphen (Mohd‑Yusof), other
    punctuation and symbols separate words (a trailing '*' or '†' of an author list is no letter)."""
    if ch in _APOSTROPHES:
        return ""
    kind = unicodedata.category(ch)
    if kind == "Pd":
        return "-"
    return " " if kind[0] in "PS" else ch


@lru_cache(maxsize=1)
def _spoof_checker() -> icu.SpoofChecker:
    return icu.SpoofChecker()


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """The name's confusable skeleton (Unicode UTS #39, section 4, as ICU's SpoofChecker computes it
    from Unicode's confusables.txt): two spellings a reader cannot tell apart ('Ada QuiII' with capital
    I's, 'Bo Tem' and 'Bo Tern', a Turkish dotless ı) share it. Case matters, as in the standard."""
    return _spoof_checker().getSkeleton(0, name)


def ascii_fold(text: str) -> str:
    """The text in plain ASCII letters, transliterated (Søren → Soren, Đặng → Dang, 王 → Wang).

    Used wherever a name must become an identifier (page ids, BibTeX keys) or be compared with a
    spelling typed without its accents; one maintained table instead of hand-written replacements.
    """
    return anyascii(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=65536)
def folded_key(name: str) -> str:
    """The name key once transliterated to ASCII: 'Søren Ødegård' and 'Soren Odegard' share it."""
    return name_key(ascii_fold(name_key(name)))


def surname_initial(name: str) -> tuple[str, str]:
    parts = name_key(name).split()
    return (parts[-1], parts[0][:1]) if parts else ("", "")


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added, removed, or two neighbours swapped ('Olairo' / 'Oliaro')."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return len(diff) == 1 or swapped
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def look_alike(a: str, b: str) -> bool:
    """Two spellings probably of one person: one letter or one swap apart, equal once folded to
    ASCII (ø/o, đ/d, ł/l), or equal but for middle names."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return False
    if _one_edit_apart(ka, kb) or folded_key(a) == folded_key(b):
        return True
    pa, pb = ka.split(), kb.split()
    # "George Chen" / "George H. Chen": same first and last name, a middle name more or less
    return len(pa) >= 2 and len(pb) >= 2 and pa[0] == pb[0] and pa[-1] == pb[-1]


def _groups(name: str) -> list[tuple[str, str]]:
    """The groups a name is compared within: its folded first and last names, and its letters
    (a one-word name with two letters swapped keeps its letters)."""
    parts = folded_key(name).split()
    if len(parts) >= 2:
        return [("last", parts[-1]), ("first", parts[0])]
    return [("letters", "".join(sorted(parts[0])))] if parts else []


def _match_keys(name: str) -> set[tuple[str, ...]]:
    """Keys that two names share whenever `look_alike` may accept them: the name key and each of
    its one-letter deletions (two keys one change, insertion or swap apart share one), the folded
    key, and the first and last name."""
    key = name_key(name)
    keys: set[tuple[str, ...]] = {("edit", key), ("folded", folded_key(name))}
    keys.update(("edit", key[:i] + key[i + 1 :]) for i in range(len(key)))
    words = key.split()
    if len(words) >= 2:
        keys.add(("ends", words[0], words[-1]))
    return keys


MAX_BUCKET = 64
"""Names sharing one match key that are compared pair by pair. No real author list has more; a
larger bucket (hundreds of names one letter apart, as a generated or hostile list has) compares
each name with its `NEIGHBOURS` next ones only, so the check grows with the names, not their square."""
NEIGHBOURS = 16


def _index(names: Iterable[str], keys: dict[str, set[tuple[str, ...]]]) -> dict[tuple[str, ...], list[str]]:
    """The names under each of their match keys, in the order given."""
    index: dict[tuple[str, ...], list[str]] = {}
    for name in names:
        for key in keys[name]:
            index.setdefault(key, []).append(name)
    return index


def _pairs_within(bucket: list[str]) -> Iterator[tuple[str, str]]:
    """The pairs of a bucket worth comparing: all of them, or in an oversized bucket each name
    with its next `NEIGHBOURS` (each name still meets some of the names it looks like)."""
    reach = len(bucket) if len(bucket) <= MAX_BUCKET else NEIGHBOURS
    for i, a in enumerate(bucket):
        for b in bucket[i + 1 : i + 1 + reach]:
            yield a, b


def near_duplicates(names: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs of distinct author spellings that look like the same person, sorted.

    Names are compared only within a group sharing a (folded) surname or first name, and within a
    group only when they share a match key: many authors share a first name, and comparing every
    pair of them made the check grow with the square of the authors. A bucket past `MAX_BUCKET`
    is compared by neighbours, so a list of thousands of names one letter apart stays linear too.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    unique = sorted(set(names))
    keys = {name: _match_keys(name) for name in unique}
    for name in unique:
        for group in _groups(name):
            groups.setdefault(group, []).append(name)
    pairs: set[tuple[str, str]] = set()
    compared: set[tuple[str, str]] = set()
    for members in groups.values():
        for bucket in _index(members, keys).values():
            for a, b in _pairs_within(bucket):
                if (a, b) not in compared:
                    compared.add((a, b))
                    if look_alike(a, b):
                        pairs.add((a, b))
    return sorted(pairs)


def resembling(names: Iterable[str], members: Iterable[str]) -> list[tuple[str, str]]:
    """(name, member spelling) pairs where a name looks like one of the members' spellings.

    Each name meets at most `MAX_BUCKET` member spellings per match key, however many members
    are written alike."""
    by_group: dict[tuple[str, str], list[str]] = {}
    unique_members = sorted(set(members))
    for member in unique_members:
        for group in _groups(member):
            by_group.setdefault(group, []).append(member)
    member_keys = {m: _match_keys(m) for m in unique_members}
    indexes = {group: _index(group_members, member_keys) for group, group_members in by_group.items()}
    pairs: set[tuple[str, str]] = set()
    for name in set(names):
        keys = _match_keys(name)
        for group in _groups(name):
            index = indexes.get(group, {})
            candidates = {m for key in keys for m in index.get(key, ())[:MAX_BUCKET]}
            pairs.update((name, m) for m in candidates if look_alike(name, m))
    return sorted(pairs)


def title_key(title: str) -> str:
    """A paper's title as it compares: without BibTeX braces, accents, case and punctuation, so the
    same paper from a .bib file, DBLP, Crossref or arXiv, or typed by hand, is recognised as one."""
    text = unicodedata.normalize("NFKD", title.replace("{", "").replace("}", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())
