"""The arms of an ablation: mixtures to train on, and the held-out sample none of them sees.

An arm is a recipe (mixed here with :func:`curate.mix.mix`) or a folder that already holds a
mixture. Every arm's training documents, the held-out documents and the shared tokenizer are
fixed before any model trains, so the runs differ in their data and seed only.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from curate.errors import CurateUserError
from curate.io import iter_documents

RECIPE_SUFFIXES = (".yaml", ".yml")
HELDOUT_BUCKETS = 50  # a reserved slice holds the input documents whose id hashes to bucket 0 (2%)


@dataclass(frozen=True)
class Arm:
    """One side of the comparison: a name, where it came from, and its mixture folder."""

    name: str
    source: str  # recipe file name or mixture folder name, for the report
    data: Path
    recipe_sha256: str | None = None
    recipe_inputs: tuple[str, ...] = ()


def resolve_arms(
    items: Sequence[str | os.PathLike],
    mix_dir: Path,
    *,
    inputs: Sequence[str | os.PathLike] | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> list[Arm]:
    """Recipes are mixed into ``mix_dir/NAME`` (an up-to-date mixture there is reused); folders are used as they are."""
    from curate.mix import load_recipe

    arms = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            arms.append(Arm(name=path.name, source=path.name, data=path))
        elif path.suffix in RECIPE_SUFFIXES:
            rec = load_recipe(path, inputs=inputs)
            data = mix_dir / rec.name
            _mixed(path, data, inputs, log)
            arms.append(Arm(name=rec.name, source=path.name, data=data, recipe_sha256=rec.sha256,
                            recipe_inputs=rec.inputs))
        else:
            raise CurateUserError(f"{item}: not a recipe file ({', '.join(RECIPE_SUFFIXES)}) nor a mixture folder")
    if not arms:
        raise CurateUserError("name at least one recipe or mixture folder to compare")
    names = [a.name for a in arms]
    if len(set(names)) != len(names):
        raise CurateUserError(f"two arms share a name ({', '.join(sorted({n for n in names if names.count(n) > 1}))}); "
                              "rename a recipe or a folder")
    return arms


def _mixed(recipe: Path, out: Path, inputs: Sequence[str | os.PathLike] | None, log: Callable[[str], None]) -> None:
    """Mix ``recipe`` into ``out`` unless ``out`` already holds this recipe's mixture of these very inputs."""
    from curate.mix import load_recipe, mix
    from curate.mix.select import hash_inputs

    manifest = out / "manifest.json"
    if manifest.is_file():
        old = json.loads(manifest.read_text())
        same_recipe = old["recipe"]["resolved"] == load_recipe(recipe, inputs=inputs).to_dict()
        if same_recipe and old["inputs"] == hash_inputs([Path(i["path"]) for i in old["inputs"]]):
            return
    log(f"mixing {recipe.name} into {out}")
    mix(recipe, out, inputs=inputs)


def text_key(text: str) -> bytes:
    return hashlib.sha1(text.encode()).digest()


def reserved(doc_id: str) -> bool:
    """Whether a document belongs to the reserved held-out slice: a pure function of its id."""
    return int.from_bytes(hashlib.sha256(f"curate-heldout:{doc_id}".encode()).digest()[:8], "big") % HELDOUT_BUCKETS == 0


def heldout_texts(arms: Sequence[Arm], heldout: str | os.PathLike | None) -> tuple[list[str], str]:
    """The held-out documents and a description of where they come from.

    With ``heldout`` given: every document of that corpus. Otherwise the reserved slice
    (:func:`reserved`) of the recipes' inputs, the natural corpus the mixtures draw from;
    mixture folders alone have no common input, so they need ``heldout``.
    """
    if heldout is not None:
        texts = [d.text for d in iter_documents(heldout)]
        where = f"all documents of {Path(heldout).name}"
    else:
        inputs = list(dict.fromkeys(i for a in arms for i in a.recipe_inputs))
        if not inputs or any(a.recipe_sha256 is None for a in arms):
            raise CurateUserError("mixture folders need --heldout CORPUS: a natural sample that no mixture holds")
        texts = [d.text for d in iter_documents(inputs) if reserved(d.id)]
        where = f"reserved slice (1/{HELDOUT_BUCKETS} of ids by hash) of {', '.join(Path(i).name for i in inputs)}"
    if not texts:
        raise CurateUserError(f"held-out sample is empty ({where})")
    return texts, where


def training_texts(arm: Arm, excluded: set[bytes]) -> tuple[list[str], int]:
    """The arm's documents in mixture order, without held-out ones; and how many were dropped."""
    texts, dropped = [], 0
    for doc in iter_documents(arm.data, unique_ids=False):
        if text_key(doc.text) in excluded:
            dropped += 1
        else:
            texts.append(doc.text)
    if not texts:
        raise CurateUserError(f"{arm.data}: the mixture holds no documents to train on")
    return texts, dropped
