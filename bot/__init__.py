"""The shell around the rules: NLU, dialogue, storage, and the channels (CLI, web, Telegram)."""
from . import speech as _speech  # noqa: F401  (gives the rules' errors their words: bot.speech)
