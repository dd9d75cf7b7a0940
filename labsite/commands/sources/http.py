"""One polite HTTP client for every service: identified, patient, cached and rate-limited.

- A User-Agent `labsite/<version> (mailto:<contact>)`: Crossref's and OpenAlex's "polite pool"
  and DBLP's and arXiv's terms ask clients to say who they are and how to reach them.
- Timeouts on every request, and retries with exponential backoff on 429 and 5xx that honour the
  server's `Retry-After` (urllib3's `Retry`).
- An on-disk cache (`.cache/labsite-http`, requests-cache), so a rerun the same day fetches
  nothing again; only successful answers are kept.
- A minimum interval between live requests to the same service (arXiv asks for 3 s).
- Every failure becomes a `FetchError` with one line a person can act on, never a traceback.

Base URLs, timeout and retries come from the environment so that tests and mirrors can point the
client elsewhere (see README, "Import and sync").
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import requests
import requests_cache
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


@dataclass(frozen=True)
class Service:
    name: str
    env: str
    default_url: str
    min_interval: float
    """Seconds between two live (uncached) requests."""


CROSSREF = Service("Crossref", "LABSITE_CROSSREF_URL", "https://api.crossref.org", 0.1)
ARXIV = Service("arXiv", "LABSITE_ARXIV_URL", "https://export.arxiv.org/api", 3.0)
DBLP = Service("DBLP", "LABSITE_DBLP_URL", "https://dblp.org", 1.0)
ORCID = Service("ORCID", "LABSITE_ORCID_URL", "https://pub.orcid.org/v3.0", 0.1)
OPENALEX = Service("OpenAlex", "LABSITE_OPENALEX_URL", "https://api.openalex.org", 0.1)


class FetchError(Exception):
    """A service could not give us what we asked for; the message is one line for a person."""


def _version() -> str:
    try:
        return version("labsite")
    except PackageNotFoundError:  # run from a checkout, not installed: read the project's own file
        import tomllib

        pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
        try:
            return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "0"


class Client:
    def __init__(
        self,
        root: Path,
        contact: str | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self._clock, self._sleep = clock, sleep
        self.timeout = float(os.environ.get("LABSITE_HTTP_TIMEOUT", "30"))
        self.retries = int(os.environ.get("LABSITE_HTTP_RETRIES", "4"))
        backoff = float(os.environ.get("LABSITE_HTTP_BACKOFF", "1"))
        self.contact = contact
        self.session = requests_cache.CachedSession(
            str(root / ".cache" / "labsite-http"),
            backend="filesystem",
            expire_after=timedelta(hours=20),
            allowable_codes=(200,),
        )
        retry = Retry(
            total=self.retries,
            connect=self.retries,
            read=self.retries,
            status=self.retries,
            backoff_factor=backoff,
            backoff_max=120,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=("GET",),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        agent = f"labsite/{_version()}" + (f" (mailto:{contact})" if contact else "")
        self.session.headers["User-Agent"] = agent
        self._last: dict[str, float] = {}
        spacing = os.environ.get("LABSITE_HTTP_MIN_INTERVAL")
        self.min_interval = None if spacing is None else float(spacing)
        """Seconds between two live requests to any one service, instead of each service's own: for a
        local mirror, and for tests, whose recorded services ask for no spacing."""

    @staticmethod
    def base(service: Service) -> str:
        return os.environ.get(service.env, service.default_url).rstrip("/")

    def get(
        self, service: Service, path: str, what: str, params: dict[str, Any] | None = None, accept: str = ""
    ) -> requests.Response | None:
        """GET base+path; None when the service says the thing does not exist (404 / 410).

        `what` names the thing asked for ('doi:10.…') in error messages.
        """
        url = self.base(service) + path
        interval = service.min_interval if self.min_interval is None else self.min_interval
        wait = self._last.get(service.name, 0) + interval - self._clock()
        if wait > 0:
            self._sleep(wait)
        headers = {"Accept": accept} if accept else {}
        try:
            response = self.session.get(url, params=params, headers=headers, timeout=self.timeout)
        except requests.exceptions.Timeout:
            raise FetchError(
                f"{service.name} did not answer within {self.timeout:g} s for {what} ({self.retries} retries)"
            ) from None
        except requests.exceptions.RetryError:
            raise FetchError(f"{service.name} kept failing for {what} after {self.retries} retries") from None
        except requests.exceptions.ConnectionError as error:
            if "timed out" in str(error).lower() or "timeout" in type(error.__context__).__name__.lower():
                raise FetchError(
                    f"{service.name} did not answer within {self.timeout:g} s for {what} ({self.retries} retries)"
                ) from None
            raise FetchError(f"could not reach {service.name} at {self.base(service)} for {what}") from None
        except requests.exceptions.RequestException as error:
            raise FetchError(f"{service.name} request for {what} failed: {type(error).__name__}") from None
        if not getattr(response, "from_cache", False):
            self._last[service.name] = self._clock()
        if response.status_code in (404, 410):
            return None
        if response.status_code == 429:
            raise FetchError(
                f"{service.name} is rate-limiting us (429 Too Many Requests) for {what}, "
                f"still after {self.retries} retries; try again later"
            )
        if response.status_code >= 400:
            raise FetchError(
                f"{service.name} answered {response.status_code} {response.reason or ''}".rstrip()
                + f" for {what}"
                + (f" after {self.retries} retries" if response.status_code >= 500 else "")
            )
        return response

    def json(self, service: Service, path: str, what: str, **kwargs: Any) -> Any | None:
        response = self.get(service, path, what, **kwargs)
        if response is None:
            return None
        try:
            data = response.json()
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise FetchError(f"{service.name} sent something that is not a JSON object for {what}")
        return data

    def text(self, service: Service, path: str, what: str, **kwargs: Any) -> str | None:
        response = self.get(service, path, what, **kwargs)
        if response is None:
            return None
        response.encoding = response.encoding or "utf-8"
        return response.text
