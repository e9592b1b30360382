"""The spaCy pipeline for duty clauses: department names, role and matters on one `Doc`.

This is the production path: `extract.default_annotator` reads every duty clause of a document
with `annotate` (one ``nlp.pipe`` over the clauses); `annotate_plain` computes the same without
spaCy and is kept only as a check of the components. Rules are data: the role verbs
(ingest/data/role_verbs.tsv) and the department gazetteer travel with the pipeline on
``nlp.to_disk``; the matter vocabulary is graph/data/matters.tsv, shared with the queries.

``spacy.blank("zh")`` with its tokenizer replaced by `RjiebaTokenizer` (rjieba, the Rust port of
jieba, registered as ``zhize.rjieba_tokenizer.v1``) and three components:

- ``zhize_departments``: department names as ``doc.ents`` labelled ``ORG`` (shape rules in
  `ingest.names_pattern` plus a gazetteer given in the config or added with ``add_names``), and
  the exact character spans in ``doc._.departments``;
- ``zhize_role``: ``doc._.role`` from `ingest.roles.role_of`;
- ``zhize_matters``: ``doc._.matters`` from `ingest.matters.matters_of`.

Nothing is imported from spaCy or rjieba when this module is imported: `build_pipeline` (cached)
registers the tokenizer and the factories on first use. A pipeline saved with ``nlp.to_disk`` is
read back with `load_pipeline`, or with ``spacy.load`` once `register` has run.
"""

from __future__ import annotations

import json
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from zhize.graph.records import MatterRef, Role
from zhize.ingest.matters import matters_of
from zhize.ingest.names_pattern import find_department_names
from zhize.ingest.roles import default_verbs_text, read_role_patterns, role_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

TOKENIZER = "zhize.rjieba_tokenizer.v1"
COMPONENTS = ("zhize_departments", "zhize_role", "zhize_matters")
ORG = "ORG"
BATCH_SIZE = 256
# ``Doc.text`` joins every token again on each call; the components read the text three times, so
# the tokenizer keeps the input here and `text_of` reads it back.
TEXT_KEY = "zhize.text"
# The extensions doc._.departments/role/matters keep their values under these user_data keys; the
# components read and write the keys directly, because each ``doc._`` access builds an accessor.
DEPARTMENTS_KEY, ROLE_KEY, MATTERS_KEY = "zhize.departments", "zhize.role", "zhize.matters"
EXTENSIONS = {
    "departments": (DEPARTMENTS_KEY, None),
    "role": (ROLE_KEY, Role.UNSPECIFIED),
    "matters": (MATTERS_KEY, ()),
}

_lock = threading.RLock()  # build_pipeline holds it while register takes it again
_registered = False
_pipeline: Language | None = None


class DepartmentMention(NamedTuple):
    """A department name found in a text: ``text[start:end] == name``."""

    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Annotation:
    """What the pipeline reads from one duty clause."""

    role: Role
    matters: tuple[MatterRef, ...]
    departments: tuple[DepartmentMention, ...]


def annotate(texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> list[Annotation]:
    """Annotate duty clauses in one `nlp.pipe` pass (the cached pipeline)."""
    nlp = build_pipeline()
    return [annotation_of(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]


def annotate_plain(texts: Iterable[str], known: Iterable[str] = ()) -> list[Annotation]:
    """The same annotations as `annotate` (with `known` as the gazetteer), computed without spaCy:
    no tokens, no ``doc.ents``, about three times faster, for bulk runs that need nothing else."""
    known = tuple(known)
    out = []
    for text in texts:
        found = tuple(DepartmentMention(*span) for span in find_department_names(text, known))
        out.append(Annotation(role_of(text, found), tuple(matters_of(text, names=found)), found))
    return out


def annotation_of(doc: Doc) -> Annotation:
    data = doc.user_data
    return Annotation(
        role=data.get(ROLE_KEY, Role.UNSPECIFIED),
        matters=tuple(data.get(MATTERS_KEY, ())),
        departments=tuple(data.get(DEPARTMENTS_KEY) or ()),
    )


def build_pipeline(names: Iterable[str] = ()) -> Language:
    """The pipeline, built on first use and cached; `names` (a gazetteer) only count on first use,
    later ones are added with ``nlp.get_pipe("zhize_departments").add_names``."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            _pipeline = new_pipeline(names)
        return _pipeline


def new_pipeline(names: Iterable[str] = ()) -> Language:
    """A fresh, uncached pipeline."""
    register()
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.add_pipe("zhize_departments", config={"names": sorted(set(names))})
    nlp.add_pipe("zhize_role")
    nlp.add_pipe("zhize_matters")
    return nlp


def load_pipeline(path: str | Path) -> Language:
    """Read a pipeline written by ``nlp.to_disk(path)``."""
    register()
    import spacy

    return spacy.load(path)


def register() -> None:
    """Register the tokenizer, the three factories and the ``Doc`` extensions with spaCy (once)."""
    global _registered
    with _lock:
        if _registered:
            return
        import spacy
        from spacy.language import Language
        from spacy.tokens import Doc

        spacy.registry.tokenizers(TOKENIZER)(create_rjieba_tokenizer)
        Language.factory("zhize_departments", default_config={"names": []})(make_departments)
        Language.factory("zhize_role")(make_role)
        Language.factory("zhize_matters")(make_matters)
        for name, (key, default) in EXTENSIONS.items():
            if not Doc.has_extension(name):
                Doc.set_extension(name, getter=_getter(key, default), setter=_setter(key))
        _registered = True


def _getter(key: str, default: Any) -> Any:
    return lambda doc: doc.user_data.get(key, default)


def _setter(key: str) -> Any:
    def set_value(doc: Doc, value: Any) -> None:
        doc.user_data[key] = value

    return set_value


# ── tokenizer ───────────────────────────────────────────────────────────────────────────────


def create_rjieba_tokenizer(hmm: bool = True, words: list[str] | None = None) -> Any:
    """Registered as ``zhize.rjieba_tokenizer.v1``; `words` are added to its jieba dictionary."""

    def make(nlp: Language) -> RjiebaTokenizer:
        return RjiebaTokenizer(nlp.vocab, hmm=hmm, words=words or [])

    return make


class RjiebaTokenizer:
    """Segments with rjieba; ``doc.text`` is exactly the input (whitespace kept, one space after a
    word becomes that token's trailing space as spaCy expects)."""

    def __init__(self, vocab: Vocab, hmm: bool = True, words: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self.hmm = hmm
        self.words = list(words)
        self._jieba: Any = None

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        tokens = self._segmenter().cut(text, self.hmm)
        if " " in text:
            words, spaces = words_and_spaces(tokens)
        else:  # the usual case: no ASCII space, so no token has a trailing one
            words, spaces = tokens, [False] * len(tokens)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def add_words(self, words: Iterable[str]) -> None:
        new = [w for w in words if w and w not in self.words]
        self.words += new
        if self._jieba is not None:
            for word in new:
                self._jieba.add_word(word, None, None)

    def _segmenter(self) -> Any:
        if self._jieba is None:
            import rjieba

            jieba = rjieba.Jieba()
            for word in self.words:
                jieba.add_word(word, None, None)
            self._jieba = jieba
        return self._jieba

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps({"hmm": self.hmm, "words": self.words}, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RjiebaTokenizer:
        settings = json.loads(data.decode("utf-8"))
        self.hmm = settings["hmm"]
        self.words, self._jieba = [], None
        self.add_words(settings["words"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RjiebaTokenizer:
        return self.from_bytes(Path(path).read_bytes())


def text_of(doc: Doc) -> str:
    """``doc.text``, without rebuilding it from the tokens when the tokenizer kept it."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def words_and_spaces(tokens: Iterable[str]) -> tuple[list[str], list[bool]]:
    """spaCy's (words, spaces) for jieba tokens, which carry whitespace as tokens of their own."""
    words: list[str] = []
    spaces: list[bool] = []
    for token in tokens:
        if token[0] == " " and words and not spaces[-1] and not words[-1].isspace():
            spaces[-1] = True
            token = token[1:]
            if not token:
                continue
        words.append(token)
        spaces.append(False)
    return words, spaces


# ── components ──────────────────────────────────────────────────────────────────────────────


def make_departments(nlp: Language, name: str, names: list[str]) -> DepartmentsComponent:
    return DepartmentsComponent(names)


def make_role(nlp: Language, name: str) -> RoleComponent:
    return RoleComponent()  # its verb table: ingest/data/role_verbs.tsv, or the one saved with the pipeline


def make_matters(nlp: Language, name: str) -> MattersComponent:
    return MattersComponent()


class DepartmentsComponent:
    """Marks department names as ``doc.ents`` (label ORG) and keeps their exact spans in
    ``doc._.departments``. A name whose edges fall inside a token splits that token first, so an
    entity is always exactly the name."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: tuple[str, ...] = tuple(sorted(set(names)))

    def add_names(self, names: Iterable[str]) -> None:
        self.names = tuple(sorted(set(self.names) | {n.strip() for n in names if n.strip()}))

    def __call__(self, doc: Doc) -> Doc:
        found = [DepartmentMention(*span) for span in find_department_names(text_of(doc), self.names)]
        doc.user_data[DEPARTMENTS_KEY] = tuple(found)
        if found:
            _align_tokens(doc, [(m.start, m.end) for m in found])
            spans = (doc.char_span(m.start, m.end, label=ORG) for m in found)
            doc.ents = [span for span in spans if span is not None]  # None only for a name with spaces
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps({"names": list(self.names)}, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> DepartmentsComponent:
        self.names = tuple(json.loads(data.decode("utf-8"))["names"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "names.json").write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DepartmentsComponent:
        return self.from_bytes((Path(path) / "names.json").read_bytes())


class RoleComponent:
    """Sets ``doc._.role``, reusing the names ``zhize_departments`` found (None when it did not run).
    Its rules are data: a verb table in the format of ingest/data/role_verbs.tsv, written next to
    the pipeline by ``nlp.to_disk`` and read back by ``spacy.load``."""

    FILE = "role_verbs.tsv"

    def __init__(self, verbs: str | None = None) -> None:
        self.set_verbs(verbs if verbs is not None else default_verbs_text())

    def set_verbs(self, verbs: str) -> None:
        self.verbs = verbs
        self.patterns = read_role_patterns(verbs)

    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data
        data[ROLE_KEY] = role_of(text_of(doc), data.get(DEPARTMENTS_KEY), self.patterns)
        return doc

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.verbs.encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> RoleComponent:
        self.set_verbs(data.decode("utf-8"))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / self.FILE).write_text(self.verbs, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RoleComponent:
        self.set_verbs((Path(path) / self.FILE).read_text(encoding="utf-8"))
        return self


class MattersComponent:
    """Sets ``doc._.matters``, reusing the names ``zhize_departments`` found when it ran first
    (``doc._.departments`` is None when it did not)."""

    def __call__(self, doc: Doc) -> Doc:
        data = doc.user_data
        data[MATTERS_KEY] = tuple(matters_of(text_of(doc), names=data.get(DEPARTMENTS_KEY)))
        return doc


def _align_tokens(doc: Doc, spans: list[tuple[int, int]]) -> None:
    """Split tokens so that every span starts and ends on a token boundary."""
    if all(doc.char_span(start, end) is not None for start, end in spans):
        return
    starts = [token.idx for token in doc]
    pending: dict[int, list[int]] = {}
    for cut in sorted({c for span in spans for c in span}):
        i = bisect_right(starts, cut) - 1
        if i >= 0 and starts[i] < cut < starts[i] + len(doc[i].text):
            pending.setdefault(i, []).append(cut - starts[i])
    with doc.retokenize() as retokenizer:
        for i, offsets in pending.items():
            token = doc[i]
            pieces = [token.text[a:b] for a, b in zip([0, *offsets], [*offsets, len(token.text)], strict=True)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))
