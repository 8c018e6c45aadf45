"""Text features that describe the *kind* of a text rather than its topic.

Two families, both pure functions of the text (nothing is learned here, so a classifier's
config fully describes them together with ``FEATURES_VERSION``):

* :func:`style_features` - a small dense vector of rates: imperative sentence starts, numbered
  steps, code and equation characters, second/first/third person, definitional "X is a",
  dates and numbers, past tense, dialogue quotes, opinion and news markers, ...
* :func:`shape_text` - the text rewritten as a sequence of closed-class words (pronouns,
  auxiliaries, modals, determiners, common imperative verbs, sequencing words) and word
  *shapes* (``Xx``, ``x``, ``x~ed``, ``9``, punctuation). Hashed n-grams of this sequence
  capture syntax such as "you should x the x ." or "Xx is a x of" independent of topic, which
  generalises from generated templates to human-written text better than topical words.

The fast backend adds hashed n-grams of the lower-cased words (:func:`word_matrix`). Everything
is computed a batch at a time: one word tokenization (:class:`WordBatch`) feeds the style
rates and the word n-grams, word properties come from a bounded table, and n-grams are hashed
with numpy over the whole batch; only a few regex scans per text run in Python.
"""

from __future__ import annotations

import re
import zlib
from itertools import chain, repeat
from operator import methodcaller
from typing import Sequence

import numpy as np

FEATURES_VERSION = 2  # 2: word n-grams hashed by curate over WordBatch words (1: sklearn HashingVectorizer)

_IMPERATIVES = """
add adjust allow apply arrange ask attach avoid bake be beat begin boil break bring brush build
buy calculate call change check choose chop clean clear click close collect combine compare
compile compute configure connect consider continue convert cook copy count cover create cut
decide define delete determine divide do download drag drain draw drill drink drop dry edit
enable enter estimate evaluate expand explain export fill filter find finish fix fold follow
format gather generate get give go grab heat help hold import imagine increase insert install
keep knead label lay leave let lift list load locate look loosen lower make mark measure melt merge
mix modify move multiply note notice number open order paint paste pay peel pick place plug
pour prepare press print put raise read record reduce refer remember remove repeat replace
restart return rinse roll rotate run save scroll season select send separate serve set shake
simplify slice solve sort specify spread square start stir stop store subtract substitute
switch take tap test tie tighten try turn type unplug unscrew update upload use verify wait wash watch
wipe wrap write
""".split()
IMPERATIVE_VERBS = frozenset(_IMPERATIVES)

_IRREGULAR_PAST = frozenset("""
was were had did said went came took made saw got gave found thought told became left felt
brought began kept held stood heard let meant set met ran paid sat spoke lay led grew lost fell
sent built understood drew broke spent fought threw wore knew rose drove wrote ate forgot hid
""".split())

SECOND_PERSON = frozenset("you your yours yourself yourselves".split())
FIRST_SING = frozenset("i me my mine myself".split())
FIRST_PLUR = frozenset("we us our ours ourselves".split())
THIRD_PERSON = frozenset("he she him her his hers they them their theirs himself herself".split())
MODALS = frozenset("should must can could will would may might need shall".split())
SEQUENCE = frozenset("first then next finally after once afterwards second third lastly until before".split())
OPINION = frozenset("""think believe feel love hate best worst honestly really amazing terrible opinion
seems prefer favorite favourite awesome awful great boring guess hope wish""".split())
NEWS = frozenset("""according reported announced officials official spokesperson spokesman yesterday
monday tuesday wednesday thursday friday saturday sunday percent police government minister
president election""".split())
REASONING = frozenset("""therefore thus hence substitute substituting solve solving calculate compute
result answer gives yields equals multiply divide subtract sum total formula equation""".split())
DEFINITION_WORDS = frozenset("""refers defined definition known called consists denotes means
term type kind form species class genus category""".split())
REPORTING = frozenset("said asked replied shouted whispered answered cried laughed muttered exclaimed".split())
CODE_WORDS = frozenset("""def return import elif println printf console const var let self null none
true false lambda void int str bool float function class print range len args kwargs std include
public static""".split())
MONTHS = frozenset("""january february march april june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec""".split())
UNITS = frozenset("km kg cm mm mg ml g m s ms kb mb gb hz kw mph ft lb lbs oz".split())

_FUNCTION_WORDS = frozenset("""
a an the this that these those some any no every each all both either neither
i me my mine we us our you your yours he him his she her it its they them their
is are was were be been being am has have had do does did done will would shall should can
could may might must need ought
and or but nor so yet if then else when while because although though since unless until
of in on at by for with from to into onto over under about above below between through during
after before without within against among per via as than like
not n't 's 're 've 'll 'd 'm
what which who whom whose where why how
there here now just also very too only even still again
first second third next finally last step steps example note
yes no oh well okay ok please thanks
""".split())
_PRESENT_COPULA = frozenset(("is", "are"))
_PAST_COPULA = frozenset(("was", "were"))
_CATEGORIES = (
    _IRREGULAR_PAST, SECOND_PERSON, FIRST_SING, FIRST_PLUR, THIRD_PERSON, MODALS, SEQUENCE, OPINION, NEWS,
    REASONING, DEFINITION_WORDS, REPORTING, CODE_WORDS, MONTHS, UNITS, _PRESENT_COPULA, _PAST_COPULA,
)
_CAT_INDEX = {id(c): i for i, c in enumerate(_CATEGORIES)}
_WORD_CATS: dict[str, tuple[int, ...]] = {}
for _i, _cat in enumerate(_CATEGORIES):
    for _w in _cat:
        _WORD_CATS[_w] = _WORD_CATS.get(_w, ()) + (_i,)

SHAPE_VOCAB = _FUNCTION_WORDS | IMPERATIVE_VERBS | REPORTING | DEFINITION_WORDS | REASONING | MODALS

_WORD = re.compile(r"[a-z][a-z']*|\d+(?:[.,:]\d+)*")  # applied to lower-cased text
_SHAPE_TOKEN = re.compile(r"[A-Za-z]+|n't|'[a-z]{1,2}\b|\d+(?:[.,]\d+)*|\n(?:\s*\n)*|[^\sA-Za-z\d]")
_COPULAS = frozenset(("is", "are", "was", "were"))
_DEF_OBJECTS = frozenset(("a", "an", "the", "one"))
_DEF_BIGRAMS = frozenset((
    ("refers", "to"), ("refer", "to"), ("defined", "as"), ("known", "as"), ("consists", "of"),
    ("consist", "of"), ("is", "called"), ("are", "called"), ("also", "called"), ("type", "of"), ("kind", "of"),
))
_DEF_PAIRS = tuple((a, b) for a in _COPULAS for b in _DEF_OBJECTS)
_CONTRACTION_ENDS = ("n't", "'re", "'m", "'ve", "'ll", "'d")
_CODE_STRINGS = ("{", "}", ";", "[", "]", "==", "->", "=>", "::", "()", ">>>")
_FIRST_DEF = re.compile(r"^[A-Z0-9][^.!?\n]{0,80}?\b(?:is|are|was|were|refers to)\s+(?:a|an|the|one)\b")
STYLE_NAMES = (
    "log_chars", "log_words", "word_len", "sent_len", "line_len",
    "numbered_lines", "bullet_lines", "indented_lines", "colon_lines", "short_lines",
    "imperative_starts", "imperative_first", "second_person", "first_sing", "first_plur", "third_person",
    "past_tense", "present_copula", "past_copula", "modal", "sequence", "opinion", "news", "reasoning",
    "definition_words", "definitional", "definitional2", "first_sentence_definition",
    "digits", "numbers", "years", "months", "units", "math_chars", "equation_lines",
    "code_chars", "code_words", "calls", "quotes", "dialogue_lines", "reporting_verbs",
    "questions", "exclamations", "contractions", "parentheses", "uppercase", "commas",
    "how_to", "ing_words", "ly_words",
)
N_STYLE = len(STYLE_NAMES)


# --------------------------------------------------------------------------------------------
# style rates, computed a batch at a time: per text only a few regex scans run in Python; word
# statistics come from one sparse product with a table of per-word properties, character
# counts from one numpy pass over the batch's code points.

# sentences start at the start of the text, after a newline, or after [.!?] that follows a
# non-digit, non-space character and precedes a space; the first word after any list marker
# ("1.", "Step 2:", "-", "a)") is the sentence's first word. _SENT_TAIL reads it at the start
# of the text, then one findall reads the rest: a match is a boundary followed by that word,
# and the next match starts after its word. (Starting the pattern with the boundary's
# character set lets the regex engine skip to candidate positions.)
_TAIL = r"[ \t]*[\"'\u201c(]?(?:(?:[Ss]tep[ \t]*)?\d+[.):][ \t]*|[-*\u2022][ \t]*|[a-z][.)][ \t]+)?([A-Za-z]+)"
_SENT_TAIL = re.compile(_TAIL)
_SENT_FIRST_WORDS = re.compile(r"[\n.!?](?:(?<=\n)|(?<=[^\d\s][.!?])(?=[ \t]))" + _TAIL)
# per-line tests at the start of every non-blank line, as optional lookaheads of one pattern:
# one match per line, group k is None where test k fails (lines ending with a colon, lines
# with "=" and short lines are told by string methods, which need no scan to the line's end)
_LINE_TESTS = (
    r"(?i:\s*(?:\d+[.)]|step\s+\d+\b|\(\d+\)))",  # numbered
    r"\s*[-*\u2022+]\s",                            # bullet
    r"(?: {4}|\t)\S",                                # indented
    "\\s*[\"\u201c\u2018'\u2014-]\\s*[A-Z]",         # dialogue
    r"\$ ",                                          # shell prompt
)
_LINE_PATTERN = re.compile("".join(f"(?:(?=({test})))?" for test in _LINE_TESTS))
_SHORT_LINE = 39  # a short line has at most this many characters and no final [.!?"]
_DIGIT = re.compile(r"\d")
_MATCH_GROUPS = methodcaller("groups")
_COUNTED_STRINGS = ("==", "->", "=>", "::", "()", ">>>", " (", "\n(")
_CHAR_CLASSES = ("0123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                 "=+\u00d7\u00f7^\u221a\u2211\u222b\u00b1<>\u2264\u2265\u2248",
                 '"', "\u201c", "\u201d", "?", "!", ",", "(", ")", "%", "\u00b0", "{", "}", ";", "[", "]")
_CHAR_LUT = np.zeros(0x2267, dtype=np.int64)  # code point -> class (0: none); larger code points clip to 0x2266
for _k, _chars in enumerate(_CHAR_CLASSES, 1):
    for _c in _chars:
        _CHAR_LUT[ord(_c)] = _k
(_DIGITS, _UPPERS, _MATHS, _DQ, _LDQ, _RDQ, _QM, _EXCL, _COMMA, _LPAR, _RPAR, _PCT, _DEG,
 _LBRACE, _RBRACE, _SEMI, _LBRACK, _RBRACK) = range(1, len(_CHAR_CLASSES) + 1)

# per-word properties: columns of _WordTable.props
(_ALPHA, _LETTERS, _YEAR, _PAST, _LY, _ING, _CONTRACTION) = range(7)
_CAT0 = 7
_N_PROPS = _CAT0 + len(_CATEGORIES)
_FIRST_CODES = {w: i for i, w in enumerate(sorted(_COPULAS | {a for a, _ in _DEF_BIGRAMS}), 1)}
_SECOND_CODES = {w: i for i, w in enumerate(sorted(_DEF_OBJECTS | {b for _, b in _DEF_BIGRAMS}), 1)}
_PAIR_TABLES = np.zeros((2, len(_FIRST_CODES) + 1, len(_SECOND_CODES) + 1), dtype=bool)
for _a, _b in _DEF_PAIRS:
    _PAIR_TABLES[0, _FIRST_CODES[_a], _SECOND_CODES[_b]] = True
for _a, _b in _DEF_BIGRAMS:
    _PAIR_TABLES[1, _FIRST_CODES[_a], _SECOND_CODES[_b]] = True


def _word_props(w: str) -> list[float]:
    v = [0.0] * _N_PROPS
    if w[0].isdigit():
        v[_YEAR] = float(len(w) == 4 and (w[0] == "1" or w[:2] == "20"))
        return v
    n = len(w)
    v[_ALPHA], v[_LETTERS] = 1.0, float(n)
    for k in _WORD_CATS.get(w, ()):
        v[_CAT0 + k] = 1.0
    if n > 4:
        if w.endswith("ed"):
            v[_PAST] = 1.0
        elif w.endswith("ly"):
            v[_LY] = 1.0
        elif n > 5 and w.endswith("ing"):
            v[_ING] = 1.0
    v[_PAST] += v[_CAT0 + _CAT_INDEX[id(_IRREGULAR_PAST)]]
    v[_CONTRACTION] = float("'" in w and w.endswith(_CONTRACTION_ENDS))
    return v


class _WordTable:
    """Row numbers for words, with per-row properties, bigram codes and n-gram hash ids.

    Grows with the words seen (arrays double when full) and starts afresh past ``limit`` words,
    so memory stays bounded on any corpus; arrays handed out stay valid for the rows given with them.
    """

    def __init__(self, limit: int = 1 << 16) -> None:
        self.limit = limit
        self._reset()

    def _reset(self) -> None:
        self.index: dict[str, int] = {}
        self._props = np.zeros((1024, _N_PROPS))
        self._codes = np.zeros((2, 1024), dtype=np.int64)
        self._hashes = np.zeros(1024, dtype=np.uint64)

    def rows(self, words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Rows of ``words`` and the (props, codes, hashes) arrays they index."""
        if len(self.index) > self.limit:
            self._reset()
        index = self.index
        new = sorted(set(words).difference(index))
        if new:
            start, end = len(index), len(index) + len(new)
            if end > len(self._hashes):
                size = max(end, 2 * len(self._hashes))
                self._props = np.resize(self._props, (size, _N_PROPS))
                self._codes = np.stack([np.resize(c, size) for c in self._codes])
                self._hashes = np.resize(self._hashes, size)
            index.update(zip(new, range(start, end)))
            self._props[start:end] = np.array([_word_props(w) for w in new]).reshape(-1, _N_PROPS)
            self._codes[:, start:end] = [[_FIRST_CODES.get(w, 0) for w in new], [_SECOND_CODES.get(w, 0) for w in new]]
            self._hashes[start:end] = [_token_id(w) for w in new]
        rows = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
        n = len(index)
        return rows, self._props[:n], self._codes[:, :n], self._hashes[:n]


_WORDS = _WordTable()


class WordBatch:
    """The lower-cased words (``[a-z][a-z']*`` or numbers) of a batch of texts, as table rows.

    Built once per batch and shared by the style rates and the hashed word n-grams.
    """

    def __init__(self, texts: Sequence[str]) -> None:
        per_text = [_WORD.findall(t.lower()) for t in texts]
        self.lengths = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
        self.rows, self.props, self.codes, self.hashes = _WORDS.rows(list(chain.from_iterable(per_text)))


def _char_counts(texts: Sequence[str]) -> np.ndarray:
    """``(n, 1 + len(_CHAR_CLASSES))`` counts of each character class per text."""
    n = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    cls = _CHAR_LUT[np.minimum(codes, len(_CHAR_LUT) - 1)]
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    hit = cls > 0
    width = len(_CHAR_CLASSES) + 1
    return np.bincount(doc[hit] * width + cls[hit], minlength=n * width).reshape(n, width).astype(np.float64)


def _text_counts(t: str) -> tuple:
    """The per-text counts that need a regex or substring scan (see style_features)."""
    m = _SENT_TAIL.match(t)
    first_words = list(map(str.lower, ([m.group(1)] if m else []) + _SENT_FIRST_WORDS.findall(t, m.end() if m else 0)))
    lines = list(filter(str.strip, t.split("\n")))
    numbered, bullet, indented, dialogue, shell = (
        (len(lines) - hits.count(None) for hits in zip(*map(_MATCH_GROUPS, map(_LINE_PATTERN.match, lines))))
        if lines else [0] * len(_LINE_TESTS))
    head = t[:300].lower()
    return (
        len(first_words),
        sum(map(IMPERATIVE_VERBS.__contains__, first_words)),
        float(bool(first_words) and first_words[0] in IMPERATIVE_VERBS),
        len(lines),
        numbered, bullet, indented,
        sum(map(str.endswith, map(str.rstrip, lines), repeat(":"))),  # ends with a colon
        sum(1 for ln in lines if len(ln) <= _SHORT_LINE and ln.rstrip()[-1] not in '.!?"'),  # short
        sum(map(str.__contains__, lines, repeat("="))),  # equation
        dialogue, shell,
        float(_FIRST_DEF.match(t.lstrip()) is not None),
        *map(t.count, _COUNTED_STRINGS),
        float("how to" in head or "step 1" in head or "tutorial" in head),
    )


def style_features(texts: Sequence[str], max_chars: int = 6000, words: WordBatch | None = None) -> np.ndarray:
    """``(n, N_STYLE)`` float32 rates (:data:`STYLE_NAMES`) of the first ``max_chars`` characters.

    ``words`` is the :class:`WordBatch` of the same cut texts when the caller already has it.
    """
    n = len(texts)
    if n == 0:
        return np.zeros((0, N_STYLE), dtype=np.float32)
    from scipy import sparse

    cut = [t[:max_chars] for t in texts]
    words = words if words is not None else WordBatch(cut)
    n_words_raw = words.lengths.astype(np.float64)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(words.lengths, out=indptr[1:])
    hits = sparse.csr_matrix((np.ones(len(words.rows)), words.rows, indptr), shape=(n, len(words.props)))
    wc = np.asarray(hits @ words.props)
    # definitional bigrams, over consecutive words of the same text
    doc = np.repeat(np.arange(n), words.lengths)
    same = doc[:-1] == doc[1:]
    first, second = words.codes[0][words.rows[:-1]], words.codes[1][words.rows[1:]]
    defin = [np.bincount(doc[:-1][same & table[first, second]], minlength=n) for table in _PAIR_TABLES]
    cc = _char_counts(cut)
    for i, t in enumerate(cut):  # \d beyond ASCII: any Unicode decimal digit
        if not t.isascii():
            cc[i, _DIGITS] = len(_DIGIT.findall(t))
    tc = np.array([_text_counts(t) for t in cut], dtype=np.float64)
    (n_sents, imperative, imperative_first, n_lines, numbered, bullet, indented, colon, short, equation,
     dialogue, shell, first_def, eqeq, arrow, fat_arrow, scope, call_parens, prompt, space_paren, nl_paren,
     how_to) = tc.T

    full_chars = np.fromiter(map(len, texts), dtype=np.float64, count=n)
    n_chars = np.maximum(np.fromiter(map(len, cut), dtype=np.float64, count=n), 1)
    n_words = np.maximum(n_words_raw, 1)
    n_lines = np.maximum(n_lines, 1)
    n_sents = np.maximum(n_sents, 1)
    alpha = np.maximum(wc[:, _ALPHA], 1)

    def cat(vocab: frozenset) -> np.ndarray:
        return wc[:, _CAT0 + _CAT_INDEX[id(vocab)]]

    code_chars = (cc[:, _LBRACE] + cc[:, _RBRACE] + cc[:, _SEMI] + cc[:, _LBRACK] + cc[:, _RBRACK]
                  + eqeq + arrow + fat_arrow + scope + call_parens + prompt + shell)
    columns = [
        np.log1p(full_chars) / 10.0,
        np.log1p(n_words_raw) / 10.0,
        wc[:, _LETTERS] / alpha / 10.0,
        np.minimum(n_words_raw / n_sents, 80.0) / 40.0,
        np.minimum(n_chars / n_lines, 400.0) / 200.0,
        numbered / n_lines, bullet / n_lines, indented / n_lines, colon / n_lines, short / n_lines,
        imperative / n_sents,
        imperative_first,
        cat(SECOND_PERSON) / alpha, cat(FIRST_SING) / alpha, cat(FIRST_PLUR) / alpha, cat(THIRD_PERSON) / alpha,
        wc[:, _PAST] / alpha,
        cat(_PRESENT_COPULA) / alpha, cat(_PAST_COPULA) / alpha, cat(MODALS) / alpha, cat(SEQUENCE) / alpha,
        cat(OPINION) / alpha, cat(NEWS) / alpha, cat(REASONING) / alpha, cat(DEFINITION_WORDS) / alpha,
        defin[0] / n_sents, defin[1] / n_sents,
        first_def,
        cc[:, _DIGITS] / n_chars,
        (n_words_raw - wc[:, _ALPHA]) / n_words,
        wc[:, _YEAR] / n_words,
        cat(MONTHS) / alpha,
        (cat(UNITS) + cc[:, _PCT] + cc[:, _DEG]) / n_words,
        cc[:, _MATHS] / n_chars * 10.0,
        equation / n_lines,
        code_chars / n_chars * 10.0,
        cat(CODE_WORDS) / alpha,
        (cc[:, _LPAR] - space_paren - nl_paren) / n_sents,  # calls: "(" right after a word
        (cc[:, _DQ] + cc[:, _LDQ] + cc[:, _RDQ]) / n_words,
        dialogue / n_lines,
        cat(REPORTING) / alpha,
        cc[:, _QM] / n_sents,
        cc[:, _EXCL] / n_sents,
        wc[:, _CONTRACTION] / alpha,
        (cc[:, _LPAR] + cc[:, _RPAR]) / n_words,
        cc[:, _UPPERS] / n_chars,
        cc[:, _COMMA] / n_words,
        how_to,
        wc[:, _ING] / alpha,
        wc[:, _LY] / alpha,
    ]
    return np.stack(columns, axis=1).astype(np.float32)


def _shape(tok: str) -> str:
    low = tok.lower()
    if low in SHAPE_VOCAB:
        return low
    c = tok[0]
    if c.isalpha():
        if tok.isupper() and len(tok) > 1:
            base = "X"
        elif c.isupper():
            base = "Xx"
        else:
            base = "x"
        if len(low) > 4:
            if low.endswith("ed"):
                return base + "~ed"
            if low.endswith("ing"):
                return base + "~ing"
            if low.endswith("ly"):
                return base + "~ly"
            if low.endswith("s") and not low.endswith("ss"):
                return base + "~s"
        return base
    if c.isdigit():
        return "9"
    if tok[0] == "\n":
        return "NL"
    return tok


def shape_text(text: str, max_chars: int = 6000) -> str:
    """The text as space-separated closed-class words and word shapes (see module docstring)."""
    return " ".join(_shape(tok) for tok in _SHAPE_TOKEN.findall(text[:max_chars]))


# --------------------------------------------------------------------------------------------
# hashed n-grams (numpy over a whole batch; stable across processes and platforms)

_ID_CACHE: dict[str, int] = {}
_SHAPE_IDS: dict[str, int] = {}  # raw token -> id of its shape
_K = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


def _token_id(tok: str) -> int:
    v = _ID_CACHE.get(tok)
    if v is None:
        v = zlib.crc32(tok.encode("utf-8", "surrogatepass")) + 1
        if len(_ID_CACHE) < 100_000:
            _ID_CACHE[tok] = v
    return v


def ngram_matrix(ids: np.ndarray, lengths: np.ndarray, ngram_range: tuple[int, int], n_features: int):
    """``(len(lengths), n_features)`` CSR of L2-normalised counts of hashed id n-grams.

    ``ids`` are the token ids of all texts back to back, ``lengths`` the tokens per text; an
    n-gram never spans two texts. The hash of an n-gram depends only on its ids.
    """
    from scipy import sparse

    lo, hi = ngram_range
    n = len(lengths)
    ids = np.asarray(ids, dtype=np.uint64)
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    left = starts[1:][doc] - np.arange(len(ids))  # tokens from each position to the end of its text
    rows, cols = [], []
    with np.errstate(over="ignore"):
        h = np.zeros(len(ids), dtype=np.uint64)
        for k in range(1, hi + 1):
            if len(ids) < k:
                break
            seg = ids[k - 1 :] * _K[(k - 1) % 3] + np.uint64(k)
            h = (h[: len(seg)] ^ seg) * _K[k % 3]
            if k >= lo:
                ok = left[: len(h)] >= k
                rows.append(doc[: len(h)][ok])
                cols.append(((h[ok] ^ (h[ok] >> np.uint64(29))) % np.uint64(n_features)).astype(np.int64))
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    m = sparse.csr_matrix((np.ones(len(r), dtype=np.float32), (r, c)), shape=(n, n_features))
    m.sum_duplicates()
    _normalize_rows(m)
    return m


def _normalize_rows(m) -> None:
    """Scale each row of the CSR ``m`` to unit L2 norm, in place; empty rows stay empty.

    The arithmetic of scikit-learn's ``normalize`` (float64 sums of squares taken in row
    order), so features are the same bits, without importing scikit-learn: that import
    costs every tagging process 2-3 s, as long as the fast backend takes for ~7,000 documents.
    """
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    norms = np.sqrt(np.bincount(rows, weights=m.data * m.data, minlength=m.shape[0]))
    norms[norms == 0.0] = 1.0
    np.divide(m.data, norms[rows], out=m.data, casting="same_kind")


def shape_matrix(texts: Sequence[str], ngram_max: int = 3, n_features: int = 2**18, max_chars: int = 6000):
    """``(n, n_features)`` CSR of L2-normalised counts of hashed 1..``ngram_max``-grams of :func:`shape_text`."""
    per_text = [_SHAPE_TOKEN.findall(t[:max_chars]) for t in texts]
    lengths = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
    tokens = list(chain.from_iterable(per_text))
    if len(_SHAPE_IDS) > 1 << 16:  # bounded: start afresh
        _SHAPE_IDS.clear()
    for tok in set(tokens).difference(_SHAPE_IDS):
        _SHAPE_IDS[tok] = _token_id(_shape(tok))
    ids = np.fromiter(map(_SHAPE_IDS.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    return ngram_matrix(ids, lengths, (1, ngram_max), n_features)


def word_matrix(words: WordBatch, ngram_range: tuple[int, int], n_features: int):
    """``(n, n_features)`` CSR of L2-normalised counts of hashed word n-grams of a :class:`WordBatch`."""
    return ngram_matrix(words.hashes[words.rows], words.lengths, ngram_range, n_features)
