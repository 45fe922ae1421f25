"""Where kg finds its files: ontology/, shapes/, queries/ (in the checkout or the installed package) and the data files
(kg/data/, extended by the user's $KG_DATA). Kept free of heavy imports: every stage reads it."""
from __future__ import annotations

import json
import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA_DIR = PACKAGE / "data"


def _root() -> Path:
    """Where ontology/, shapes/ and queries/ are: inside the package when kg is installed from a
    wheel (pyproject.toml maps them in as kg/ontology, ...), else the checkout they live in."""
    return PACKAGE if (PACKAGE / "ontology").is_dir() else PACKAGE.parent


ROOT = _root()


def data_files(name: str) -> list[Path]:
    """Our data file, then the user's extension in $KG_DATA, when there is one."""
    files = [DATA_DIR / name]
    user = os.environ.get("KG_DATA")
    if user and (Path(user) / name).is_file():
        files.append(Path(user) / name)
    return files


def read_json(path) -> dict:
    """A data file's JSON object; a file that cannot be read, is no JSON or holds no object is a
    one-line error naming it (a user's $KG_DATA file most likely), never a traceback."""
    from . import errors
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise errors.bad_data_file(path, str(e)) from None
    if not isinstance(data, dict):
        raise errors.bad_data_file(path, "it must hold a JSON object")
    return data
