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
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

import numpy as np

FEATURES_VERSION = 1

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
# the first word of each sentence or line, after any list marker ("1.", "Step 2:", "-", "a)")
_SENT_START = re.compile(
    r"(?:^|(?<=[^\d\s][.!?])[ \t]+|(?<=\n))[ \t]*[\"'\u201c(]?"
    r"(?:(?:[Ss]tep[ \t]*)?\d+[.):][ \t]*|[-*\u2022][ \t]*|[a-z][.)][ \t]+)?([A-Za-z]+)"
)
_NUMBERED = re.compile(r"^\s*(?:\d+[.)]|step\s+\d+\b|\(\d+\))", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-*\u2022+]\s")
_INDENT = re.compile(r"^(?: {4}|\t)\S")
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
_MATH = re.compile(r"[=+\u00d7\u00f7^\u221a\u2211\u222b\u00b1<>\u2264\u2265\u2248]")
_DIALOGUE_LINE = re.compile("^\\s*[\"\u201c\u2018'\u2014-]\\s*[A-Z]")
_UPPER = re.compile(r"[A-Z]")
_DIGIT = re.compile(r"\d")

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


def _rate(count: float, total: float) -> float:
    return count / total if total > 0 else 0.0


def style_vector(text: str, max_chars: int = 6000) -> np.ndarray:
    """The :data:`STYLE_NAMES` rates of one text (its first ``max_chars`` characters)."""
    t = text[:max_chars]
    words = _WORD.findall(t.lower())
    n_words = max(len(words), 1)
    n_chars = max(len(t), 1)
    lines = [ln for ln in t.split("\n") if ln.strip()]
    n_lines = max(len(lines), 1)
    first_words = [w.lower() for w in _SENT_START.findall(t)]
    n_sents = max(len(first_words), 1)

    cats = [0] * len(_CATEGORIES)
    past = ing = ly = years = contractions = n_alpha = letters = 0
    for w, c in Counter(words).items():
        if w[0].isdigit():
            if len(w) == 4 and (w[0] == "1" or w[:2] == "20"):
                years += c
            continue
        n_alpha += c
        n = len(w)
        letters += n * c
        hit = _WORD_CATS.get(w)
        if hit is not None:
            for k in hit:
                cats[k] += c
        if n > 4:
            if w.endswith("ed"):
                past += c
            elif w.endswith("ly"):
                ly += c
            elif n > 5 and w.endswith("ing"):
                ing += c
        if "'" in w and w.endswith(_CONTRACTION_ENDS):
            contractions += c
    bigrams = Counter(zip(words, words[1:]))
    defin = sum(bigrams.get(b, 0) for b in _DEF_PAIRS)
    defin2 = sum(bigrams.get(b, 0) for b in _DEF_BIGRAMS)
    alpha_words = max(n_alpha, 1)

    def count(vocab: frozenset) -> int:
        return cats[_CAT_INDEX[id(vocab)]]

    imperative = sum(1 for w in first_words if w in IMPERATIVE_VERBS)
    past += count(_IRREGULAR_PAST)
    head = t[:300].lower()
    code_chars = sum(t.count(c) for c in _CODE_STRINGS) + sum(1 for ln in lines if ln.startswith("$ "))
    mean_sent = len(words) / n_sents

    v = [
        math.log1p(len(text)) / 10.0,
        math.log1p(len(words)) / 10.0,
        (letters / alpha_words) / 10.0,
        min(mean_sent, 80.0) / 40.0,
        min(n_chars / n_lines, 400.0) / 200.0,
        _rate(sum(1 for ln in lines if _NUMBERED.match(ln)), n_lines),
        _rate(sum(1 for ln in lines if _BULLET.match(ln)), n_lines),
        _rate(sum(1 for ln in lines if _INDENT.match(ln)), n_lines),
        _rate(sum(1 for ln in lines if ln.rstrip().endswith(":")), n_lines),
        _rate(sum(1 for ln in lines if len(ln) < 40 and not ln.rstrip().endswith((".", "!", "?", '"'))), n_lines),
        _rate(imperative, n_sents),
        1.0 if first_words and first_words[0] in IMPERATIVE_VERBS else 0.0,
        _rate(count(SECOND_PERSON), alpha_words),
        _rate(count(FIRST_SING), alpha_words),
        _rate(count(FIRST_PLUR), alpha_words),
        _rate(count(THIRD_PERSON), alpha_words),
        _rate(past, alpha_words),
        _rate(count(_PRESENT_COPULA), alpha_words),
        _rate(count(_PAST_COPULA), alpha_words),
        _rate(count(MODALS), alpha_words),
        _rate(count(SEQUENCE), alpha_words),
        _rate(count(OPINION), alpha_words),
        _rate(count(NEWS), alpha_words),
        _rate(count(REASONING), alpha_words),
        _rate(count(DEFINITION_WORDS), alpha_words),
        _rate(defin, n_sents),
        _rate(defin2, n_sents),
        1.0 if _FIRST_DEF.match(t.lstrip()) else 0.0,
        _rate(len(_DIGIT.findall(t)), n_chars),
        _rate(len(words) - n_alpha, n_words),
        _rate(years, n_words),
        _rate(count(MONTHS), alpha_words),
        _rate(count(UNITS) + t.count("%") + t.count("\u00b0"), n_words),
        _rate(len(_MATH.findall(t)), n_chars) * 10.0,
        _rate(sum(1 for ln in lines if "=" in ln), n_lines),
        _rate(code_chars, n_chars) * 10.0,
        _rate(count(CODE_WORDS), alpha_words),
        _rate(t.count("(") - t.count(" (") - t.count("\n("), n_sents),  # calls: "(" right after a word
        _rate(t.count('"') + t.count("\u201c") + t.count("\u201d"), n_words),
        _rate(sum(1 for ln in lines if _DIALOGUE_LINE.match(ln)), n_lines),
        _rate(count(REPORTING), alpha_words),
        _rate(t.count("?"), n_sents),
        _rate(t.count("!"), n_sents),
        _rate(contractions, alpha_words),
        _rate(t.count("(") + t.count(")"), n_words),
        _rate(len(_UPPER.findall(t)), n_chars),
        _rate(t.count(","), n_words),
        1.0 if ("how to" in head or "step 1" in head or "tutorial" in head) else 0.0,
        _rate(ing, alpha_words),
        _rate(ly, alpha_words),
    ]
    return np.asarray(v, dtype=np.float32)


def style_features(texts: Sequence[str], max_chars: int = 6000) -> np.ndarray:
    """``(n, N_STYLE)`` float32 matrix of :func:`style_vector` rows."""
    if len(texts) == 0:
        return np.zeros((0, N_STYLE), dtype=np.float32)
    return np.stack([style_vector(t, max_chars) for t in texts])


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
# hashed n-grams of the shape sequence (numpy; stable across processes and platforms)

_ID_CACHE: dict[str, int] = {}
_RAW_CACHE: dict[str, int] = {}
_K = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))


def _token_id(tok: str) -> int:
    v = _ID_CACHE.get(tok)
    if v is None:
        import zlib

        v = zlib.crc32(tok.encode("utf-8")) + 1
        if len(_ID_CACHE) < 100_000:
            _ID_CACHE[tok] = v
    return v


def shape_ngram_indices(text: str, ngram_max: int, n_features: int, max_chars: int = 6000) -> np.ndarray:
    """Hashed column indices of the 1..``ngram_max``-grams of :func:`shape_text` (with repeats)."""
    toks = _SHAPE_TOKEN.findall(text[:max_chars])
    if not toks:
        return np.zeros(0, dtype=np.int64)
    cache = _RAW_CACHE
    if len(cache) > 200_000:
        cache.clear()
    ids_list = []
    for tok in toks:
        v = cache.get(tok)
        if v is None:
            v = cache[tok] = _token_id(_shape(tok))
        ids_list.append(v)
    ids = np.array(ids_list, dtype=np.uint64)
    parts = []
    with np.errstate(over="ignore"):
        h = np.zeros(len(ids), dtype=np.uint64)
        for n in range(1, ngram_max + 1):
            if len(ids) < n:
                break
            seg = ids[n - 1 :] * _K[(n - 1) % 3] + np.uint64(n)
            h = (h[: len(seg)] ^ seg) * _K[n % 3]
            parts.append((h ^ (h >> np.uint64(29))) % np.uint64(n_features))
    return np.concatenate(parts).astype(np.int64)


def shape_matrix(texts: Sequence[str], ngram_max: int = 3, n_features: int = 2**18, max_chars: int = 6000):
    """``(n, n_features)`` CSR matrix of L2-normalised shape n-gram counts."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    cols = [shape_ngram_indices(t, ngram_max, n_features, max_chars) for t in texts]
    indptr = np.zeros(len(cols) + 1, dtype=np.int64)
    np.cumsum([len(c) for c in cols], out=indptr[1:])
    indices = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    data = np.ones(len(indices), dtype=np.float32)
    m = sparse.csr_matrix((data, indices, indptr), shape=(len(texts), n_features))
    m.sum_duplicates()
    return normalize(m, norm="l2", copy=False)
