"""Where the app's graph lives: an on-disk store folder or a SPARQL endpoint (Streamlit side).

Which store folders and endpoints a browser session may open is the choice of whoever starts
the server, through environment variables or Streamlit's secrets file that map names (what the
visitor sees) to folders or URLs (which the visitor never sees):

``CLOUDATLAS_STORES``
    ``name=folder`` entries separated by commas, e.g. ``team=/srv/atlas,lab=/data/lab``.
``CLOUDATLAS_ENDPOINTS``
    ``name=query URL`` entries separated by commas, e.g. ``fuseki=http://host:3030/ds/query``.
``CLOUDATLAS_ENDPOINT``
    One more query URL, offered under its own URL with any credentials masked (``***``).
``CLOUDATLAS_ALLOW_PATHS``
    ``1`` (or ``true``, ``yes``, ``on``) adds free-text fields for any folder or URL, for a
    single-user desktop run: the server then opens what the visitor types. Off by default.
``[cloudatlas.stores]`` and ``[cloudatlas.endpoints]`` in ``.streamlit/secrets.toml``
    ``name = "folder"`` and ``name = "query URL"`` entries, offered beside those of the
    environment; a name in both takes the environment's value. No secrets file: none.

Every store is opened read-only and as it is: nothing is created, built, synced or saved in
its folder, and a folder that holds no store is refused. Messages name the store or endpoint
by its name (or by what the visitor typed, credentials masked) and are shown as plain text.
The sidebar section is absent when nothing is configured and free text is off.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from graph.errors import InputError
from ui import state
from ui.text import md_escape

__all__ = [
    "STORE_ENV",
    "STORES_ENV",
    "ENDPOINT_ENV",
    "ENDPOINTS_ENV",
    "ALLOW_PATHS_ENV",
    "SECRETS_SECTION",
    "configured",
    "configured_secrets",
    "configured_stores",
    "configured_endpoints",
    "allow_paths",
    "mask_url",
    "open_named_store",
    "open_store_folder",
    "open_named_endpoint",
    "open_endpoint",
    "sidebar",
]

STORE_ENV = state.STORE_ENV
STORES_ENV = "CLOUDATLAS_STORES"
ENDPOINT_ENV = "CLOUDATLAS_ENDPOINT"
ENDPOINTS_ENV = "CLOUDATLAS_ENDPOINTS"
ALLOW_PATHS_ENV = "CLOUDATLAS_ALLOW_PATHS"
SECRETS_SECTION = "cloudatlas"  # [cloudatlas.stores], [cloudatlas.endpoints] in .streamlit/secrets.toml
UNCHANGED = "The current graph is unchanged."
_ON = {"1", "true", "yes", "on"}
_STORE_KIND, _ENDPOINT_KIND = "On-disk store", "SPARQL endpoint"


def configured(variable: str) -> dict[str, str]:
    """The ``name=value`` entries (comma-separated) of the environment variable ``variable``, in order.

    Entries without a name or a value are skipped; a name given twice keeps its last value.

    >>> os.environ["CA_DOCTEST"] = "team=/srv/atlas, lab = /data/lab,broken"
    >>> configured("CA_DOCTEST")
    {'team': '/srv/atlas', 'lab': '/data/lab'}
    >>> del os.environ["CA_DOCTEST"]
    """
    found: dict[str, str] = {}
    for entry in os.environ.get(variable, "").split(","):
        name, _, value = entry.partition("=")
        if name.strip() and value.strip():
            found[name.strip()] = value.strip()
    return found


def mask_url(url: str) -> str:
    """``url`` with its user name and password replaced by ``***``.

    >>> mask_url("https://admin:s3cret@db.example.org:8182/sparql")
    'https://***@db.example.org:8182/sparql'
    >>> mask_url("http://host:3030/ds/query")
    'http://host:3030/ds/query'
    """
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)(.*)", url.strip(), re.DOTALL)
    if not match:
        return url.strip()
    scheme, authority, rest = match.groups()
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    return scheme + authority + rest


def configured_secrets(table: str) -> dict[str, str]:
    """The ``name = "value"`` entries of ``[cloudatlas.<table>]`` in Streamlit's secrets, in order.

    No secrets file, one that does not parse, or no such table: none. Entries whose value is not
    a non-empty string are skipped.
    """
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        section = st.secrets.get(SECRETS_SECTION)
        entries = section.get(table) if isinstance(section, Mapping) else None
    except Exception:  # a secrets file that cannot be read offers nothing, and takes no page down
        return {}
    if not isinstance(entries, Mapping):
        return {}
    return {
        str(name).strip(): value.strip()
        for name, value in entries.items()
        if str(name).strip() and isinstance(value, str) and value.strip()
    }


def configured_stores() -> dict[str, str]:
    """Store names → folders: ``[cloudatlas.stores]`` of the secrets, then ``$CLOUDATLAS_STORES`` (which wins)."""
    return {**configured_secrets("stores"), **configured(STORES_ENV)}


def configured_endpoints() -> dict[str, str]:
    """Endpoint names → query URLs, from the secrets and the environment.

    ``[cloudatlas.endpoints]`` of the secrets, then ``$CLOUDATLAS_ENDPOINTS`` (which wins for a
    name in both), and ``$CLOUDATLAS_ENDPOINT`` under its masked URL.
    """
    found = {**configured_secrets("endpoints"), **configured(ENDPOINTS_ENV)}
    single = os.environ.get(ENDPOINT_ENV, "").strip()
    if single and single not in found.values():
        found[mask_url(single)] = single
    return found


def allow_paths() -> bool:
    """Whether the visitor may type any folder or endpoint URL (``$CLOUDATLAS_ALLOW_PATHS``)."""
    return os.environ.get(ALLOW_PATHS_ENV, "").strip().lower() in _ON


def _use(loaded: state.Loaded) -> None:
    st.session_state[state.GRAPH] = loaded
    state.reset_view()
    state.collapse_all()
    state.select(None)


@st.cache_resource(show_spinner="Opening the store…", max_entries=8)
def _read_only(folder: str, source: str) -> state.Loaded:
    from graph.rdf.incremental import open_store

    return state.loaded_read_only(open_store(folder, read_only=True), source)


def _open_folder(folder: Path, shown: str) -> tuple[bool, str]:
    """Open the store in ``folder`` read-only; messages name it ``shown`` and no other path."""
    if not folder.exists():
        return False, f"{shown}: no such folder. {UNCHANGED}"
    if not folder.is_dir():
        return False, f"{shown}: not a folder (a store on disk is a folder). {UNCHANGED}"
    if not (folder / "CURRENT").is_file():
        return False, f"{shown}: no store in this folder (build one with python -m graph build --store). {UNCHANGED}"
    try:
        loaded = _read_only(str(folder), f"store: {shown}")
    except InputError as err:
        return False, f"{shown}: {_hide(err.problem, folder, shown)}. {UNCHANGED}"
    except Exception as err:  # a damaged store must not take the page down
        return False, f"{shown}: cannot open the store ({_hide(_first_line(err), folder, shown)}). {UNCHANGED}"
    _use(loaded)
    return True, f"Store {shown}: {loaded.triples:,} triples (read-only)."


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return f"{type(err).__name__}: {text[0]}" if text else type(err).__name__


def _hide(text: str, folder: Path, shown: str) -> str:
    """``text`` with the server's path of ``folder`` replaced by ``shown``."""
    return text.replace(str(folder), shown)


def open_named_store(name: str) -> tuple[bool, str]:
    """Open the store the server configured as ``name`` (``$CLOUDATLAS_STORES``), read-only and as it is."""
    folder = configured_stores().get(name)
    if folder is None:
        return False, "Pick one of the stores offered."
    return _open_folder(Path(folder).expanduser().resolve(), name)


def open_store_folder(folder: str) -> tuple[bool, str]:
    """Open the store in a typed ``folder``, read-only; only with ``$CLOUDATLAS_ALLOW_PATHS`` set.

    A folder that does not exist is an error (it is never created); one that holds no store is refused.
    """
    if not allow_paths():
        return False, "Typed folders are off on this server: pick one of the stores offered."
    typed = folder.strip()
    if not typed:
        return False, "Give the folder of the on-disk store."
    try:
        path = Path(typed).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        return False, f"{typed}: not a folder name. {UNCHANGED}"
    return _open_folder(path, typed)


def _read_endpoint(url: str, shown: str) -> tuple[bool, str]:
    """Read the graph from the endpoint at ``url``; messages name it ``shown``, never its credentials."""
    from graph.rdf.remote import RemoteStore

    if not url.lower().startswith(("http://", "https://")):
        return False, f"{shown}: give the endpoint's http:// or https:// query URL."

    def hide(text: str) -> str:
        for secret in sorted({url, mask_url(url), store_url}, key=len, reverse=True):
            if secret:
                text = text.replace(secret, shown)
        return text

    store_url = ""
    try:
        with st.spinner("Reading the graph from the endpoint…"):
            remote = RemoteStore(url)
            store_url = remote.endpoint
            loaded = state.loaded_from_store(remote, f"endpoint: {shown}")
    except InputError as err:
        return False, f"{shown}: {hide(err.problem)}. {UNCHANGED}"
    except Exception as err:  # a bad URL or reply must not take the page down
        return False, f"{shown}: cannot read the endpoint ({hide(_first_line(err))}). {UNCHANGED}"
    _use(loaded)
    return True, f"Endpoint {shown}: {loaded.triples:,} triples."


def open_named_endpoint(name: str) -> tuple[bool, str]:
    """Read the graph from the endpoint the server configured as ``name``."""
    url = configured_endpoints().get(name)
    if url is None:
        return False, "Pick one of the endpoints offered."
    return _read_endpoint(url, name)


def open_endpoint(query_url: str) -> tuple[bool, str]:
    """Read the graph from a typed endpoint URL; only with ``$CLOUDATLAS_ALLOW_PATHS`` set."""
    if not allow_paths():
        return False, "Typed endpoint URLs are off on this server: pick one of the endpoints offered."
    typed = query_url.strip()
    if not typed:
        return False, "Give the endpoint's http:// or https:// query URL."
    return _read_endpoint(typed, mask_url(typed))


def sidebar() -> None:
    """The sidebar section that opens a configured (or, if allowed, typed) store or endpoint.

    Absent when the server configured none and typed ones are off; reruns the page when one opened.
    """
    stores, endpoints, free = configured_stores(), configured_endpoints(), allow_paths()
    kinds = [k for k, on in ((_STORE_KIND, stores or free), (_ENDPOINT_KIND, endpoints or free)) if on]
    if not kinds:
        return
    # Once used, the section stays open: the message about what was opened shows after the rerun.
    with st.sidebar.expander("Store: on disk or SPARQL endpoint", expanded=bool(st.session_state.get("source.used"))):
        kind = st.radio("Graph from", kinds, key="source.kind", horizontal=True) if len(kinds) > 1 else kinds[0]
        result = None
        if kind == _STORE_KIND:
            if stores:
                name = st.selectbox("Store", list(stores), index=None, key="source.store", placeholder="Pick a store")
                if st.button("Open store", key="source.open_named_store", disabled=name is None):
                    result = open_named_store(name or "")
            if free:
                folder = st.text_input("Store folder", key="source.folder")
                if st.button("Open folder", key="source.open_store"):
                    result = open_store_folder(folder)
            st.caption("Opened read-only, as it is.")
        else:
            if endpoints:
                name = st.selectbox(
                    "Endpoint", list(endpoints), index=None, key="source.endpoint", placeholder="Pick an endpoint"
                )
                if st.button("Read endpoint", key="source.open_named_endpoint", disabled=name is None):
                    result = open_named_endpoint(name or "")
            if free:
                url = st.text_input("Query endpoint URL", key="source.url")
                if st.button("Read URL", key="source.open_endpoint"):
                    result = open_endpoint(url)
            st.caption("Neptune, Fuseki, GraphDB or Oxigraph; load it first with python -m graph build --endpoint.")
        if result:
            st.session_state["source.used"] = True
        if result and result[0]:
            st.session_state["source.result"] = result
            st.rerun()
        shown = result or st.session_state.pop("source.result", None)
        if shown:
            (st.success if shown[0] else st.error)(md_escape(shown[1]))
