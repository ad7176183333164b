"""The NLU reads a message the same way in every process: nothing it decides may depend on the
order in which a set happens to iterate (a different order under every PYTHONHASHSEED). Before the
word lists got one order, "너 뭐 할 수 있어" was help (0.85) under one seed and unsure under others."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
READ = """
import json, sys
from datetime import date
from bot.nlu.pipeline import understand
out = []
for text in json.load(sys.stdin):
    u = understand(text, year=2023, today=date(2023, 3, 15))
    out.append([u.intent, round(u.confidence, 4), sorted(u.slots.situations), u.text])
print(json.dumps(out, ensure_ascii=False))
"""


def _messages() -> list[str]:
    texts = ["너 뭐 할 수 있어", "뭐 물어볼 수 있어요?"]
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        texts += [c["text"] for c in (yaml.safe_load(path.read_text(encoding="utf-8")).get("cases") or [])]
    return texts


def _read_under(seed: str, texts: list[str]) -> list:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", READ], input=json.dumps(texts), capture_output=True, text=True, env=env,
        cwd=ROOT, check=True, timeout=300,
    )
    return json.loads(done.stdout)


def test_every_corpus_message_reads_alike_under_different_hash_seeds():
    texts = _messages()
    first, second = _read_under("0", texts), _read_under("1", texts)
    differ = [(t, a, b) for t, a, b in zip(texts, first, second) if a != b]
    assert not differ, differ[:5]
    assert first[0][0] == "help"
