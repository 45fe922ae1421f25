"""How far apart two spellings of a name are: the one measure both the article's actor
resolution and the event layer's person folding use, so they agree on what a misspelling is."""
from __future__ import annotations


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: edits, with a swap of two neighbours counting one
    ('marlowe' and 'mralowe' are 1 apart)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]
