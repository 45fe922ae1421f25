"""Where kg finds its files: the checkout (ontology/, shapes/, queries/) and the data files
(kg/data/, extended by the user's $KG_DATA). Kept free of heavy imports: every stage reads it."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent   # the checkout: ontology/, shapes/, queries/
DATA_DIR = Path(__file__).resolve().parent / "data"


def data_files(name: str) -> list[Path]:
    """Our data file, then the user's extension in $KG_DATA, when there is one."""
    files = [DATA_DIR / name]
    user = os.environ.get("KG_DATA")
    if user and (Path(user) / name).is_file():
        files.append(Path(user) / name)
    return files
