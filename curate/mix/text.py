"""Per-document measurements for mixing: token counts, MinHash band keys, cluster term counts, n-gram samples.

Everything here turns one text into a few numbers, so that a recipe pass over millions of
documents keeps no text in memory.

- Token counters: ``regex`` (words and punctuation marks, as the world corpus counts them),
  ``whitespace``, or a local Hugging Face tokenizer (``tokenizer.json`` or its folder).
- Words: datatrove's :func:`~datatrove.utils.text.simplify_text` normalisation (lower case, no
  punctuation, numbers as ``0``, no diacritics; same output, faster route), then one 64-bit hash
  per word, for a whole batch of documents at once with numpy (a polynomial hash over the UTF-8
  bytes with an odd, hence invertible, multiplier, so that one prefix sum gives every word's hash).
- Shingles: hashes of word n-grams, combined from word hashes.
- MinHash: datatrove's ``MinhashConfig`` and the permutations of its
  :class:`~datatrove.pipeline.dedup.minhash.MinhashDedupSignature` (``get_signature``'s
  arithmetic), grouped into LSH bands; each band becomes one 64-bit key. Running datatrove's
  four-stage pipeline in-process was measured at ~1.3 ms a document for its signature stage
  alone (a Python-level hash call per n-gram string; English also needs spaCy, and its default
  xxhash needs ``xxhash<4`` while this environment has 4.x), ~10x this module's cost.
- Term counts: scikit-learn ``HashingVectorizer`` counts of a document's (at most 48) most
  frequent content words, ~300 bytes; at the end, sub-linear TF-IDF and a 64-dimensional LSA
  projection (``TruncatedSVD``) of them is what k-means clusters (:func:`kmeans_terms`). (A random projection of the
  same vectors, which would need no second look, halves cluster purity on the world corpus.)
- N-gram samples: the word 3-grams whose hash falls below 2^64/16, kept per document, so that
  distinct-3-gram ratios of any selection can be estimated without the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from datatrove.utils.text import NUMBERS_PATTERN, PUNCTUATION, PUNCTUATION_TRANS, TextNormConfig

from curate.mix.recipe import DedupSpec, RecipeError
from curate.mix.spill import Ragged, take_rows

__all__ = [
    "NGRAM_N",
    "NGRAM_SAMPLE_SHIFT",
    "MinHasher",
    "TermCounter",
    "WordHasher",
    "batch_shingles",
    "count_regex_tokens",
    "TermSpace",
    "kmeans_terms",
    "make_token_counter",
    "mix64",
    "shingles",
]

NGRAM_N = 3
NGRAM_SAMPLE_SHIFT = 60  # keep 3-gram hashes < 2^60: one in 16

_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_S30, _S27, _S31, _S61 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(61)
_MERSENNE = np.uint64((1 << 61) - 1)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads every input bit over the whole 64-bit output (wrapping arithmetic)."""
    x = x ^ (x >> _S30)
    x = x * _M1
    x = x ^ (x >> _S27)
    x = x * _M2
    return x ^ (x >> _S31)


# ---------------------------------------------------------------------------------------------
# Token counting

_REGEX_TOKEN = re.compile(r"\w+|[^\w\s]")


_ASCII_WORD = np.zeros(256, dtype=bool)
_ASCII_WORD[[c for c in range(128) if re.fullmatch(r"\w", chr(c))]] = True
_ASCII_SPACE = np.zeros(256, dtype=bool)
_ASCII_SPACE[[c for c in range(128) if re.fullmatch(r"\s", chr(c))]] = True


def count_regex_tokens(texts: Sequence[str]) -> list[int]:
    """``len(re.findall(r"\\w+|[^\\w\\s]", text))`` for each text.

    ASCII texts are counted together with numpy (word runs plus other non-space characters, the
    same count); others go through the regular expression.
    """
    counts = [0] * len(texts)
    ascii_idx = []
    findall = _REGEX_TOKEN.findall
    for i, t in enumerate(texts):
        if t.isascii():
            ascii_idx.append(i)
        else:
            counts[i] = len(findall(t))
    if ascii_idx:
        parts = [texts[i].encode("ascii") for i in ascii_idx]
        b = np.frombuffer(b" ".join(parts), dtype=np.uint8)  # a space ends a word run and counts as nothing
        word = _ASCII_WORD[b]
        token = word.copy()
        token[1:] &= ~word[:-1]  # first character of each word run
        token |= ~word & ~_ASCII_SPACE[b]  # each other non-space character
        csum = np.concatenate(([0], np.cumsum(token, dtype=np.int64)))
        ends = np.cumsum([len(p) + 1 for p in parts]) - 1
        starts = ends - np.array([len(p) for p in parts])
        for i, n in zip(ascii_idx, (csum[ends] - csum[starts]).tolist()):
            counts[i] = n
    return counts


def make_token_counter(spec: str) -> tuple[Callable[[Sequence[str]], list[int]], dict]:
    """A batch token counter for a recipe's ``tokenizer`` and its description for the manifest."""
    if spec == "regex":
        return count_regex_tokens, {"name": "regex", "pattern": _REGEX_TOKEN.pattern}
    if spec == "whitespace":
        return (lambda texts: [len(t.split()) for t in texts]), {"name": "whitespace"}
    return _hf_counter(Path(spec))


def _hf_counter(path: Path) -> tuple[Callable[[Sequence[str]], list[int]], dict]:
    import hashlib

    file = path / "tokenizer.json" if path.is_dir() else path
    try:
        if file.is_file():
            from tokenizers import Tokenizer

            tok = Tokenizer.from_file(str(file))
            digest = hashlib.sha256(file.read_bytes()).hexdigest()

            def count(texts: Sequence[str]) -> list[int]:
                return [len(e.ids) for e in tok.encode_batch(list(texts), add_special_tokens=False)]

            return count, {"name": str(path), "file": str(file), "sha256": digest}
        from transformers import AutoTokenizer

        hf = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    except RecipeError:
        raise
    except Exception as err:  # noqa: BLE001 - any loading failure is a bad tokenizer setting
        detail = str(err).replace("\n", " ")[:200]
        raise RecipeError(f"tokenizer: cannot load a Hugging Face tokenizer from {path} ({detail})") from None

    def count_hf(texts: Sequence[str]) -> list[int]:
        return [len(ids) for ids in hf(list(texts), add_special_tokens=False)["input_ids"]]

    return count_hf, {"name": str(path), "class": type(hf).__name__}


# ---------------------------------------------------------------------------------------------
# Word hashes and shingles

# datatrove's punctuation as spaces, plus the four ASCII separators that str.split() takes for
# whitespace and bytes.split() does not
_ASCII_PUNCT = bytes.maketrans(
    bytes(c for c in range(128) if chr(c) in PUNCTUATION or 0x1C <= c <= 0x1F),
    b" " * sum(1 for c in range(128) if chr(c) in PUNCTUATION or 0x1C <= c <= 0x1F),
)



class _DropMarks(dict):
    """A ``str.translate`` table deleting characters of Unicode category Mn, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = value
        return value


_DROP_MARKS = _DropMarks()

_P = 0x100000001B3  # odd, hence invertible modulo 2^64
_Q = pow(_P, -1, 1 << 64)


class WordHasher:
    """Normalised words of a text as 64-bit hashes, computed with numpy for all words at once."""

    def __init__(self, normalize_numbers: bool = True) -> None:
        self.config = TextNormConfig(norm_numbers=normalize_numbers)
        self._ppow = np.ones(1, dtype=np.uint64)
        self._qpow = np.ones(1, dtype=np.uint64)

    def _powers(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if len(self._ppow) < n:
            size = max(n, 2 * len(self._ppow), 4096)
            self._ppow = np.ones(size, dtype=np.uint64)
            self._qpow = np.ones(size, dtype=np.uint64)
            np.cumprod(np.full(size - 1, _P, dtype=np.uint64), out=self._ppow[1:])  # wraps modulo 2^64
            np.cumprod(np.full(size - 1, _Q, dtype=np.uint64), out=self._qpow[1:])
        return self._ppow, self._qpow

    def normalize(self, text: str) -> bytes:
        """``simplify_text(text)`` as UTF-8 bytes, by faster routes with the same result.

        ASCII text is translated as bytes; other text has its diacritics (category Mn) deleted
        from the NFD form by ``str.translate`` instead of a Python loop over its characters.
        """
        text = text.lower()
        if self.config.norm_numbers:
            text = NUMBERS_PATTERN.sub("0", text)
        if text.isascii():
            return b" ".join(text.encode("ascii").translate(_ASCII_PUNCT).split())
        text = " ".join(text.translate(PUNCTUATION_TRANS).split())
        return unicodedata.normalize("NFD", text).translate(_DROP_MARKS).strip().encode("utf-8")

    def words(self, text: str) -> np.ndarray:
        """Hashes of the normalised words of ``text`` (uint64, in order)."""
        return self._hash_words(self.normalize(text))

    def batch(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Word hashes of several texts, concatenated, and where each text's words start (``len(texts) + 1``)."""
        datas = [self.normalize(t) for t in texts]
        counts = np.array([d.count(b" ") + 1 if d else 0 for d in datas], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(counts)))
        # word hashes do not depend on where a word lies, so all texts are hashed in one buffer
        return self._hash_words(b" ".join(d for d in datas if d)), offsets

    def _hash_words(self, data: bytes) -> np.ndarray:
        if not data:
            return np.empty(0, dtype=np.uint64)
        b = np.frombuffer(data, dtype=np.uint8)
        n = len(b)
        ppow, qpow = self._powers(n + 1)
        spaces = np.flatnonzero(b == 32)
        starts = np.empty(len(spaces) + 1, dtype=np.intp)
        starts[0] = 0
        starts[1:] = spaces + 1
        ends = np.empty_like(starts)
        ends[:-1] = spaces
        ends[-1] = n
        # G[i] = sum_{j<i} c_j Q^j, so sum_{s<=j<e} c_j P^(e-1-j) = (G[e] - G[s]) P^(e-1)
        g = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum((b.astype(np.uint64) + np.uint64(1)) * qpow[:n], out=g[1:])
        h = (g[ends] - g[starts]) * ppow[ends - 1]
        return mix64(h)


_COMBINE = mix64(np.arange(1, 65, dtype=np.uint64) * _GOLDEN) | np.uint64(1)


def shingles(words: np.ndarray, n: int) -> np.ndarray:
    """64-bit hashes of the word n-grams of a document (empty when it has fewer than ``n`` words)."""
    m = len(words) - n + 1
    if m <= 0:
        return np.empty(0, dtype=np.uint64)
    acc = words[:m] * _COMBINE[0]
    for t in range(1, n):
        acc = acc + words[t : t + m] * _COMBINE[t]
    return mix64(acc)


def batch_shingles(words: np.ndarray, offsets: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`shingles` of several documents (words concatenated, ``offsets`` as from :meth:`WordHasher.batch`)."""
    counts = np.diff(offsets)
    per_doc = np.maximum(counts - n + 1, 0)
    sh_offsets = np.concatenate(([0], np.cumsum(per_doc)))
    m = len(words) - n + 1
    if m <= 0 or sh_offsets[-1] == 0:
        return np.empty(0, dtype=np.uint64), sh_offsets
    acc = words[:m] * _COMBINE[0]
    for t in range(1, n):
        acc = acc + words[t : t + m] * _COMBINE[t]
    doc = np.repeat(np.arange(len(counts)), counts)
    inside = doc[:m] == doc[n - 1 :]  # n-grams that do not straddle two documents
    return mix64(acc[inside]), sh_offsets


# ---------------------------------------------------------------------------------------------
# MinHash


class MinHasher:
    """LSH band keys of a document's MinHash signature, with datatrove's MinHash permutations."""

    def __init__(self, spec: DedupSpec, seed: int = 1) -> None:
        from datatrove.pipeline.dedup.minhash import MinhashConfig, MinhashDedupSignature
        from datatrove.utils.hashing import HashConfig
        from datatrove.utils.word_tokenizers import WordTokenizer

        class _Words(WordTokenizer):  # text is already normalised; spares datatrove's spaCy tokenizer
            def word_tokenize(self, text: str) -> list[str]:
                return text.split()

            def sent_tokenize(self, text: str) -> list[str]:
                return [text]

            def span_tokenize(self, text: str) -> list[tuple[int, int]]:
                return [(0, len(text))]

        self.spec = spec
        self.config = MinhashConfig(
            n_grams=spec.ngram, num_buckets=spec.bands, hashes_per_bucket=spec.rows, seed=seed,
            norm_config=TextNormConfig(norm_numbers=spec.normalize_numbers),
            hash_config=HashConfig(precision=64, hash_fc="sha1"),
        )
        # the output folder is never written: only the signature arithmetic is used
        self.step = MinhashDedupSignature("/nonexistent/curate-mix", config=self.config, language=_Words())
        self._a, self._b = self.step.parameters  # datatrove's permutations (a x + b) mod (2^61 - 1)
        self._combine = _COMBINE[: spec.rows]
        self._salt = mix64(np.arange(spec.bands, dtype=np.uint64) + np.uint64(7))

    def signature(self, shingle_hashes: np.ndarray) -> np.ndarray:
        """``MinhashDedupSignature.get_signature`` as a (bands, rows) array.

        The same arithmetic, with the reduction modulo the Mersenne prime done by shifts and
        masks rather than integer division (several times faster, identical values).
        """
        return self._permute(shingle_hashes).min(axis=0).reshape(self.spec.bands, self.spec.rows)

    def _permute(self, shingle_hashes: np.ndarray) -> np.ndarray:
        """(a x + b) mod (2^61 - 1) for every shingle x and permutation (a, b): a (shingles, hashes) array."""
        phv = shingle_hashes.reshape(-1, 1) * self._a  # wraps modulo 2^64, as in datatrove
        phv += self._b
        high = phv >> _S61
        phv &= _MERSENNE
        phv += high  # congruent modulo 2^61 - 1, and at most 2^61 + 6
        np.subtract(phv, _MERSENNE, out=high)  # wraps to a huge value where phv < 2^61 - 1
        return np.minimum(phv, high, out=phv)

    def batch_band_keys(self, sh: np.ndarray, sh_offsets: np.ndarray, docs: Sequence[int],
                        chunk: int = 512) -> tuple[list[int], np.ndarray]:
        """Band keys of ``docs`` (indices into a :func:`batch_shingles` result) that have shingles.

        Signatures of many documents come from one matrix of permuted shingle hashes, reduced per
        document with ``np.minimum.reduceat``, in chunks of about ``chunk`` shingles (small enough
        for the temporaries to stay in cache).
        """
        lens = np.diff(sh_offsets)
        docs = [d for d in docs if lens[d] > 0]
        keys: list[np.ndarray] = []
        i = 0
        while i < len(docs):
            j, total = i, 0
            while j < len(docs) and (j == i or total + lens[docs[j]] <= chunk):
                total += int(lens[docs[j]])
                j += 1
            part = docs[i:j]
            idx = np.concatenate([np.arange(sh_offsets[d], sh_offsets[d + 1]) for d in part])
            phv = self._permute(sh[idx])
            starts = np.concatenate(([0], np.cumsum(lens[part])[:-1]))
            sig = np.minimum.reduceat(phv, starts, axis=0).reshape(len(part), self.spec.bands, self.spec.rows)
            keys.append(mix64((sig * self._combine).sum(axis=2, dtype=np.uint64) ^ self._salt))
            i = j
        out = np.concatenate(keys) if keys else np.empty((0, self.spec.bands), dtype=np.uint64)
        return docs, out

    def band_keys(self, words: np.ndarray) -> np.ndarray | None:
        """One uint64 per band, or None for a document shorter than one shingle (never a duplicate)."""
        sh = shingles(words, self.spec.ngram)
        if sh.size == 0:
            return None
        sig = self.signature(sh)
        return mix64((sig * self._combine).sum(axis=1, dtype=np.uint64) ^ self._salt)


# ---------------------------------------------------------------------------------------------
# Cluster features


class TermCounter:
    """Each document's most frequent content words as hashed term counts (at most ``max_terms`` a document).

    scikit-learn's ``HashingVectorizer`` (2^18 features, English stop words and numbers dropped);
    a document is kept as up to 48 (feature, count) pairs, about 300 bytes, from which
    :func:`kmeans_terms` builds TF-IDF vectors and their LSA projection for k-means.
    """

    N_FEATURES = 2**18

    def __init__(self, max_terms: int = 48) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.max_terms = max_terms
        self.vectorizer = HashingVectorizer(
            n_features=self.N_FEATURES, alternate_sign=False, norm=None, stop_words="english",
            token_pattern=r"(?u)\b[^\W\d_]{2,}\b", dtype=np.float32,
        )

    def counts(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr lengths, feature indices uint32, counts uint16) of a batch, rows truncated to the top terms."""
        x = self.vectorizer.transform(texts)
        x.sort_indices()
        lengths = np.diff(x.indptr)
        if lengths.max(initial=0) <= self.max_terms:
            return lengths, x.indices.astype(np.uint32), np.minimum(x.data, 65535).astype(np.uint16)
        idx_parts, cnt_parts = [], []
        for r in range(x.shape[0]):
            lo, hi = x.indptr[r], x.indptr[r + 1]
            ind, cnt = x.indices[lo:hi], x.data[lo:hi]
            if hi - lo > self.max_terms:
                top = np.lexsort((ind, -cnt))[: self.max_terms]  # most frequent, ties by feature
                top.sort()
                ind, cnt = ind[top], cnt[top]
                lengths[r] = self.max_terms
            idx_parts.append(ind)
            cnt_parts.append(cnt)
        return (lengths, np.concatenate(idx_parts).astype(np.uint32),
                np.minimum(np.concatenate(cnt_parts), 65535).astype(np.uint16))


class TermSpace:
    """Sub-linear TF-IDF rows over the term counts of a label's documents.

    Only features seen in two documents or more can relate documents: those are renumbered
    and the rest dropped, so the columns are few and the LSA fit cheap.
    """

    def __init__(self, n: int, df: np.ndarray) -> None:
        self.n = n
        self.used = df >= 2
        self.column = (np.cumsum(self.used) - 1).astype(np.int32)
        self.idf = (np.log((1.0 + n) / (1.0 + df[self.used])) + 1.0).astype(np.float32)
        self.n_cols = max(int(self.used.sum()), 1)

    def matrix(self, lengths: np.ndarray, indices: np.ndarray, counts: np.ndarray):
        """Unit-length TF-IDF rows of consecutive term-count rows as a CSR matrix."""
        import scipy.sparse as sp

        keep = self.used[indices]
        row = np.repeat(np.arange(len(lengths)), lengths)[keep]
        col = self.column[indices[keep]]
        data = (1.0 + np.log(counts[keep].astype(np.float32))) * self.idf[col]
        norms = np.sqrt(np.bincount(row, weights=data.astype(np.float64) ** 2, minlength=len(lengths)))
        norms[norms == 0] = 1.0
        data = (data / norms[row]).astype(np.float32)
        return sp.csr_matrix((data, (row, col)), shape=(len(lengths), self.n_cols))


def kmeans_terms(rows: Ragged, k: int, seed: int, dims: int = 64, fit_max: int = 50_000,
                 chunk: int = 65_536) -> np.ndarray:
    """k-means clusters of documents from their term counts: TF-IDF, LSA (TruncatedSVD), unit rows, KMeans.

    ``rows`` holds each document's (feature, count) pairs on disk. Three passes over them, a chunk
    at a time: document frequencies; the projection and centroids fit on at most ``fit_max``
    documents (a seeded sample); then every document's cluster. Memory does not grow with the
    corpus. Deterministic for a seed (run it under one thread).
    """
    import scipy.sparse as sp
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD

    n = rows.rows
    df = np.zeros(TermCounter.N_FEATURES, dtype=np.int64)
    for _, indices, _ in rows.chunks(chunk):
        df += np.bincount(indices, minlength=TermCounter.N_FEATURES)
    space = TermSpace(n, df)
    fit_rows = np.arange(n) if n <= fit_max else np.sort(np.random.default_rng(seed).choice(n, fit_max, replace=False))
    parts, start = [], 0
    for lengths, indices, counts in rows.chunks(chunk):
        mine = fit_rows[(fit_rows >= start) & (fit_rows < start + len(lengths))] - start
        parts.append(space.matrix(*take_rows(lengths, (indices, counts), mine)))
        start += len(lengths)
    x_fit = sp.vstack(parts, format="csr")
    width = min(dims, len(fit_rows) - 1, space.n_cols - 1)
    svd = TruncatedSVD(n_components=width, random_state=seed).fit(x_fit) if width >= 2 else None

    def embed(x) -> np.ndarray:
        if svd is None:
            return np.zeros((x.shape[0], 1), dtype=np.float32)
        z = svd.transform(x)
        zn = np.linalg.norm(z, axis=1, keepdims=True)
        zn[zn == 0] = 1.0
        return (z / zn).astype(np.float32)

    km = KMeans(n_clusters=k, random_state=seed, n_init=3).fit(embed(x_fit))
    del x_fit, parts
    return np.concatenate([km.predict(embed(space.matrix(*part))) for part in rows.chunks(chunk)])
