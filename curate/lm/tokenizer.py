"""A byte-level BPE tokenizer trained on the corpus itself.

Digits are always split into single digits (``Digits(individual_digits=True)``), so
numbers are spelled digit by digit and arithmetic stays learnable for tiny models.
The tokenizer adds ``<|bos|>`` in front of every encoded text (like Llama's), and
training appends ``<|eos|>`` after each document. It is wrapped as a
``transformers.PreTrainedTokenizerFast``, so ``save_pretrained`` and
``AutoTokenizer.from_pretrained`` work as for any Hugging Face tokenizer.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import PreTrainedTokenizerFast

BOS, EOS, PAD = "<|bos|>", "<|eos|>", "<|pad|>"
SPECIAL_TOKENS = [BOS, EOS, PAD]  # ids 0, 1, 2


def train_tokenizer(
    texts: Iterable[str], vocab_size: int, *, max_docs: int | None = 100_000
) -> PreTrainedTokenizerFast:
    """Train a byte-level BPE of ``vocab_size`` tokens on (the first ``max_docs`` of) ``texts``.

    The result depends only on the texts and the vocabulary size.
    """
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
        ]
    )
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    docs = itertools.islice(texts, max_docs) if max_docs else texts
    tok.train_from_iterator(docs, trainer=trainer)
    bos_id = tok.token_to_id(BOS)
    tok.post_processor = processors.Sequence(
        [
            processors.ByteLevel(trim_offsets=False),
            processors.TemplateProcessing(
                single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B", special_tokens=[(BOS, bos_id)]
            ),
        ]
    )
    return wrap_tokenizer(tok)


def wrap_tokenizer(tok: Tokenizer) -> PreTrainedTokenizerFast:
    """Wrap a raw ``tokenizers.Tokenizer`` with the special tokens transformers needs."""
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token=BOS,
        eos_token=EOS,
        pad_token=PAD,
        clean_up_tokenization_spaces=False,
        model_max_length=1_000_000,
    )
