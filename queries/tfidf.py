"""TF-IDF weights on scipy.sparse, with a background corpus whose document frequencies are counted once.

The numbers are those of scikit-learn's ``TfidfVectorizer(analyzer=<identity>, sublinear_tf=True,
smooth_idf=False, norm="l2", max_df=…)`` fitted on the documents plus the background
(tests/queries/test_tfidf.py checks them against scikit-learn): idf = ln(n / df) + 1, tf = 1 + ln(count),
rows l2-normalised, features in more than `max_df` of the documents left out. It is written on
scipy.sparse instead of calling scikit-learn because importing scikit-learn costs about 0.7 s of CPU,
more than a whole county's check, and a check fits one vocabulary per jurisdiction on top of the same
background (the matter vocabulary), whose counts need not be redone each time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Frequencies:
    """Document frequencies of a corpus: how many documents hold each feature, and how many there are."""

    df: Counter
    documents: int

    @classmethod
    def of(cls, documents: Iterable[Iterable[str]]) -> Frequencies:
        df: Counter = Counter()
        n = 0
        for doc in documents:
            df.update(set(doc))
            n += 1
        return cls(df, n)


class Tfidf:
    """A fitted vocabulary with its idf; `transform` turns feature lists into l2-normalised rows."""

    def __init__(self, documents: Sequence[Sequence[str]], background: Frequencies | None = None,
                 max_df: float = 1.0):
        own = Frequencies.of(documents)
        df = dict(background.df) if background else {}
        get = df.get
        for f, c in own.df.items():
            df[f] = get(f, 0) + c
        n = own.documents + (background.documents if background else 0)
        limit = max_df * n
        kept = sorted(f for f, c in df.items() if c <= limit)
        self.vocabulary = {f: i for i, f in enumerate(kept)}
        # idf depends on the count alone: one logarithm per distinct count
        weight = {c: math.log(n / c) + 1.0 for c in set(df.values())} if n else {}
        self.idf = [weight[df[f]] for f in kept] if n else []

    def transform(self, documents: Iterable[Sequence[str]]):
        """One sparse row per document (CSR, float64). Each distinct document is counted once per
        process (`_encoded`); the weighting is numpy over all rows at once."""
        import numpy as np
        from scipy.sparse import csr_matrix

        encoded = [_encoded(tuple(doc)) for doc in documents]
        n = len(encoded)
        local = self._local_ids()
        if encoded:
            ids = np.concatenate([e[0] for e in encoded])
            counts = np.concatenate([e[1] for e in encoded])
            rows = np.repeat(np.arange(n), [len(e[0]) for e in encoded])
        else:
            ids = counts = rows = np.zeros(0, dtype=np.int64)
        cols = local[ids]
        keep = cols >= 0
        rows, cols, counts = rows[keep], cols[keep], counts[keep]
        weights = (1.0 + np.log(counts)) * self._idf_array()[cols]
        norms = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=n))
        weights = weights / norms[rows]
        # CSR straight away, columns sorted within each row (what the COO route gives after
        # `sum_duplicates`; a document names each feature once, so there is nothing to sum)
        order = np.lexsort((cols, rows))
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        found = csr_matrix((weights[order], cols[order], indptr), shape=(n, len(self.vocabulary)))
        found.has_sorted_indices = True
        return found

    def _idf_array(self):
        import numpy as np

        found = getattr(self, "_idf", None)
        if found is None:
            found = self._idf = np.array(self.idf, dtype=np.float64)
        return found

    def _local_ids(self):
        """Per process-wide feature id, its column here (or -1); extended for features numbered since."""
        import numpy as np

        found = getattr(self, "_local", None)
        if found is None:
            found = np.zeros(0, dtype=np.int64)
        if len(found) < len(_NAMES):
            vocabulary = self.vocabulary
            more = [vocabulary.get(f, -1) for f in _NAMES[len(found):]]
            found = self._local = np.concatenate([found, np.array(more, dtype=np.int64)])
        return found


_IDS: dict[str, int] = {}  # every feature seen in this process, numbered
_NAMES: list[str] = []  # and by number


@lru_cache(maxsize=1 << 17)
def _encoded(doc: tuple[str, ...]):
    """(feature ids, counts) of a document, ids process-wide."""
    import numpy as np

    counts = Counter(doc)
    ids = []
    for f in counts:
        g = _IDS.get(f)
        if g is None:
            g = _IDS[f] = len(_NAMES)
            _NAMES.append(f)
        ids.append(g)
    return np.array(ids, dtype=np.int64), np.array(list(counts.values()), dtype=np.float64)
