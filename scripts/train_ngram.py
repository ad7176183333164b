"""Train the n-gram intent model (bot/nlu/ngram.py) and write bot/nlu/ngram.json.

    python scripts/train_ngram.py            # needs numpy (pip install numpy); deterministic

Multinomial logistic regression, full-batch gradient descent with L2; weights under PRUNE are
dropped so the shipped file stays small. Run it after editing phrasings.yaml or training.yaml
(tests/nlu/test_nlu_ngram.py fails until the weights match the examples).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.nlu import ngram  # noqa: E402

EPOCHS = 300
RATE = 2.0
L2 = 1e-4
MIN_COUNT = 2  # a feature seen once says more about that sentence than about its topic
PRUNE = 0.02


def main() -> int:
    pairs = ngram.examples()
    intents = sorted({intent for _, intent in pairs})
    counts = Counter(f for text, _ in pairs for f in set(ngram.features(text)))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(pairs), len(vocab)), dtype=np.float32)
    for row, (text, _) in enumerate(pairs):
        for f in set(ngram.features(text)):
            if f in index:
                x[row, index[f]] = 1.0
    y = np.zeros((len(pairs), len(intents)), dtype=np.float32)
    for row, (_, intent) in enumerate(pairs):
        y[row, intents.index(intent)] = 1.0
    w = np.zeros((len(vocab), len(intents)), dtype=np.float64)
    b = np.zeros(len(intents), dtype=np.float64)
    for _ in range(EPOCHS):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y) / len(pairs)
        w -= RATE * (x.T @ grad + L2 * w)
        b -= RATE * grad.sum(axis=0)
    accuracy = float((np.argmax(x @ w + b, axis=1) == np.argmax(y, axis=1)).mean())
    weights = {}
    for f, i in index.items():
        kept = [[int(j), round(float(v), 3)] for j, v in enumerate(w[i]) if abs(v) >= PRUNE]
        if kept:
            weights[f] = kept
    out = {
        "fingerprint": ngram.fingerprint(pairs),
        "intents": intents,
        "bias": [round(float(v), 3) for v in b],
        "weights": weights,
    }
    target = ROOT / "bot" / "nlu" / ngram.MODEL_FILE
    target.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"{len(pairs)} examples, {len(intents)} intents, {len(vocab)} features, "
          f"{sum(len(v) for v in weights.values())} weights kept; training accuracy {accuracy:.3f}; "
          f"{target.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
