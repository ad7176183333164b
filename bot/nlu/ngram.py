"""A second scorer, independent of the keyword classifier: a linear model over character n-grams.

Trained at build time (``python scripts/train_ngram.py``) by multinomial logistic regression on the
example messages of ``phrasings.yaml`` and ``training.yaml``; its weights ship as package data
(``ngram.json``), so nothing is trained or downloaded at run time. The file records a fingerprint
of the examples it was trained on: a test fails when the examples change and the weights do not.

The keyword classifier decides; this model says how much the wording of the whole message agrees
with that decision (``pipeline``): a topic that only a keyword or two point at, while the wording
points elsewhere, is not answered with confidence.
"""
from __future__ import annotations

import hashlib
import json
import math
from functools import lru_cache
from importlib import resources

import yaml

from .normalize import compact, normalize

MODEL_FILE = "ngram.json"
SIZES = (2, 3)  # character n-gram lengths over the compact text, with boundary marks


def features(text: str) -> list[str]:
    """The n-grams of a message (normalised, spaces removed, ^ and $ marking its ends)."""
    squeezed = f"^{compact(normalize(text))}$"
    return [squeezed[i:i + n] for n in SIZES for i in range(len(squeezed) - n + 1)]


def examples() -> list[tuple[str, str]]:
    """(message, intent) for training, in a fixed order."""
    out: list[tuple[str, str]] = []
    for name in ("phrasings.yaml", "training.yaml"):
        data = yaml.safe_load(resources.files(__package__).joinpath(name).read_text(encoding="utf-8")) or {}
        for intent, spec in (data.get("intents") or {}).items():
            messages = spec.get("phrasings") if isinstance(spec, dict) else spec
            out += [(str(m), intent) for m in messages or ()]
    return out


def fingerprint(pairs: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256()
    for text, intent in pairs:
        digest.update(f"{intent}\t{text}\n".encode())
    digest.update(repr(SIZES).encode())
    return digest.hexdigest()


class NgramModel:
    def __init__(self, data: dict) -> None:
        self.fingerprint: str = data["fingerprint"]
        self.intents: tuple[str, ...] = tuple(data["intents"])
        self.bias: tuple[float, ...] = tuple(data["bias"])
        # feature → ((intent index, weight), …): only the weights that matter are shipped
        self.weights: dict[str, tuple[tuple[int, float], ...]] = {
            f: tuple((int(i), float(w)) for i, w in pairs) for f, pairs in data["weights"].items()
        }

    def probabilities(self, text: str) -> dict[str, float]:
        """P(intent | message) over every intent (softmax of the linear scores)."""
        scores = list(self.bias)
        for feature in set(features(text)):
            for index, weight in self.weights.get(feature, ()):
                scores[index] += weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {intent: e / total for intent, e in zip(self.intents, exps)}


@lru_cache(maxsize=1)
def model() -> NgramModel | None:
    """The shipped model, or None when the package has none (the pipeline then skips it)."""
    path = resources.files(__package__).joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return NgramModel(json.loads(path.read_text(encoding="utf-8")))
