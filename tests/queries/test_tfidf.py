"""queries.tfidf gives scikit-learn's TF-IDF numbers, with a background counted apart."""

from __future__ import annotations

import numpy as np
import pytest

from zhize.queries.tfidf import Frequencies, Tfidf

DOCS = [["秸秆", "禁烧", "管理", "管理"], ["秸秆", "露天", "焚烧", "管理"], ["托育", "机构", "管理"]]
BACKGROUND = [["管理", "工作"], ["托育", "服务"], ["殡葬", "用品", "管理"], ["工作"]]
PARTS = [["秸秆", "禁烧"], ["秸秆", "露天", "焚烧", "焚烧"], ["托育", "机构"], ["管理"], []]


def _identity(x):
    return x


@pytest.mark.parametrize("max_df", [1.0, 0.5, 0.2])
def test_weights_equal_scikit_learn_fitted_on_documents_and_background(max_df):
    from sklearn.feature_extraction.text import TfidfVectorizer

    reference = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2", smooth_idf=False, max_df=max_df)
    reference.fit(DOCS + BACKGROUND)
    ours = Tfidf(DOCS, Frequencies.of(BACKGROUND), max_df=max_df)
    assert set(ours.vocabulary) == set(reference.vocabulary_)
    order = [reference.vocabulary_[f] for f in sorted(ours.vocabulary, key=ours.vocabulary.get)]
    expected = reference.transform(PARTS).toarray()[:, order]
    assert np.allclose(ours.transform(PARTS).toarray(), expected)


def test_a_feature_in_too_many_documents_is_left_out():
    ours = Tfidf(DOCS, Frequencies.of(BACKGROUND), max_df=0.5)
    assert "管理" not in ours.vocabulary and "秸秆" in ours.vocabulary
    assert ours.transform([["管理"]]).nnz == 0
