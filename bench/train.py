"""Training throughput and model FLOPs utilisation (MFU) of the curate.lm presets on this machine.

MFU = achieved training FLOP/s / peak FLOP/s. Achieved: ``train_flops_per_token`` (6 per weight,
the tied head once, plus causal attention) x tokens per second of ``train_step``, the very step
``train_lm`` runs. Peak: the best dense fp32 matmul (``torch.mm``, 2n^3 FLOPs) measured in the
same process with the same thread count, just before each row, so the denominator is this
machine under this load rather than a datasheet number.

Rows: the ``ablate`` and ``demo`` presets as shipped, one ``train_lm`` run end to end (its own
timer, bookkeeping included), and cheap variants of ``ablate`` (1 thread, twice the batch,
``torch.compile``, bf16 autocast). Best of ``--rounds`` rounds, rounds interleaved so background
load hits every row alike.

    python bench/train.py --steps 30 --out bench/results/train.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[0] = str(REPO)  # import curate from this checkout, and keep bench/ from shadowing modules

import torch  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from curate.lm.model import build_model, train_flops_per_token  # noqa: E402
from curate.lm.presets import Preset, get_preset  # noqa: E402
from curate.lm.tokenizer import train_tokenizer  # noqa: E402
from curate.lm.train import lr_at, make_optimizer, train_lm, train_step  # noqa: E402


@dataclass
class Row:
    name: str
    preset: Preset
    threads: int
    compile: bool = False
    bf16: bool = False
    end_to_end: bool = False  # through train_lm (its timer) instead of timed train_step calls
    results: list[dict] = field(default_factory=list)


def matmul_peak(threads: int, sizes: tuple[int, ...] = (1024, 2048), repeat: int = 5) -> float:
    """Best fp32 ``torch.mm`` GFLOP/s over ``sizes`` with ``threads`` threads."""
    torch.set_num_threads(threads)
    best = 0.0
    for n in sizes:
        a, b = torch.randn(n, n), torch.randn(n, n)
        torch.mm(a, b)
        for _ in range(repeat):
            t = time.perf_counter()
            torch.mm(a, b)
            best = max(best, 2 * n**3 / (time.perf_counter() - t) / 1e9)
    return best


def _texts(n: int) -> list[str]:
    from curate.world import World

    world = World(0)
    return [world.document(i).text for i in range(n)]


def step_throughput(row: Row, tokenizer, steps: int, warmup: int) -> tuple[float, int]:
    """Tokens/s of ``steps`` timed ``train_step`` calls after ``warmup`` untimed ones; and FLOPs per token."""
    torch.set_num_threads(row.threads)
    p = row.preset
    model = build_model(p, tokenizer, seed=0)
    flops = train_flops_per_token(model, p)
    optimizer = make_optimizer(model, p)
    run = torch.compile(model) if row.compile else model
    autocast = torch.autocast("cpu", dtype=torch.bfloat16) if row.bf16 else contextlib.nullcontext()
    gen = torch.Generator().manual_seed(0)
    batch = torch.randint(3, len(tokenizer), (p.batch_size, p.context), generator=gen)
    for step in range(warmup + steps):
        if step == warmup:
            t = time.perf_counter()
        for g in optimizer.param_groups:
            g["lr"] = lr_at(step, p)
        train_step(run, optimizer, batch, p, tokenizer.pad_token_id, autocast)
    return steps * p.tokens_per_step / (time.perf_counter() - t), flops


def end_to_end_throughput(row: Row, texts: list[str], steps: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        report = train_lm(texts, tmp, preset=get_preset(row.preset, steps=steps, warmup=1), progress=False,
                          threads=row.threads)
    return report["tokens_per_s"], report["flops_per_token"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=30, help="timed steps per row")
    ap.add_argument("--warmup", type=int, default=3, help="untimed steps first (torch.compile compiles here)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--no-compile", action="store_true", help="skip the torch.compile row")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "train.json")
    args = ap.parse_args()

    ablate, demo, th = get_preset("ablate"), get_preset("demo"), args.threads
    rows = [
        Row("ablate", ablate, th),
        Row("ablate, train_lm end to end", ablate, th, end_to_end=True),
        Row("ablate, 1 thread", ablate, 1),
        Row(f"ablate, batch {2 * ablate.batch_size}", get_preset(ablate, batch_size=2 * ablate.batch_size), th),
        Row(f"ablate, batch {4 * ablate.batch_size}", get_preset(ablate, batch_size=4 * ablate.batch_size), th),
        Row("ablate, bf16 autocast", ablate, th, bf16=True),
        Row("demo", demo, th),
        Row(f"demo, batch {4 * demo.batch_size}", get_preset(demo, batch_size=4 * demo.batch_size), th),
    ]
    if not args.no_compile:
        rows.insert(5, Row("ablate, torch.compile", ablate, th, compile=True))
    texts = _texts(2000)
    tokenizer = train_tokenizer(texts, ablate.vocab_size)
    assert demo.vocab_size == ablate.vocab_size  # one tokenizer serves both presets

    for _ in range(args.rounds):
        for row in rows:
            peak = matmul_peak(row.threads)
            try:
                if row.end_to_end:
                    tps, flops = end_to_end_throughput(row, texts, args.steps)
                else:
                    tps, flops = step_throughput(row, tokenizer, args.steps, args.warmup + 5 * row.compile)
            except Exception as err:  # noqa: BLE001 - a variant that fails here is reported, not fatal
                row.results.append({"error": f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"})
                continue
            row.results.append({"tokens_per_s": tps, "gflops": flops * tps / 1e9, "peak_gflops": peak,
                                "mfu": flops * tps / 1e9 / peak, "flops_per_token": flops})

    table = Table(title=f"training throughput, {args.threads} threads, best of {args.rounds}", title_justify="left")
    for col in ("run", "threads", "tokens/step", "tokens/s", "GFLOP/s", "peak GFLOP/s", "MFU"):
        table.add_column(col, justify="left" if col == "run" else "right")
    out_rows = []
    for row in rows:
        ok = [r for r in row.results if "error" not in r]
        best = max(ok, key=lambda r: r["mfu"]) if ok else row.results[-1]
        out_rows.append({"run": row.name, "preset": row.preset.to_dict(), "threads": row.threads,
                         "compile": row.compile, "bf16": row.bf16, "end_to_end": row.end_to_end, **best,
                         "rounds": row.results})
        if "error" in best:
            table.add_row(row.name, str(row.threads), str(row.preset.tokens_per_step), best["error"], "", "", "")
        else:
            table.add_row(row.name, str(row.threads), str(row.preset.tokens_per_step), f"{best['tokens_per_s']:,.0f}",
                          f"{best['gflops']:.1f}", f"{best['peak_gflops']:.1f}", f"{best['mfu']:.1%}")
    Console().print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"python": platform.python_version(), "torch": torch.__version__,
                                    "machine": platform.machine(), "steps": args.steps, "rounds": args.rounds,
                                    "rows": out_rows}, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
