"""What a channel's commands send to the dialogue engine.

Telegram's /start, /help, /cancel and the web widget's first opening are not questions; each maps to
the text of the engine's own talk intents (their button labels in ``bot.nlu.intents.TALK``), so every
channel gets the same greeting, help and reset as someone typing those words.
"""
from __future__ import annotations

from bot.nlu.intents import TALK

HELP_TEXT = TALK["help"]  # "도움말": how to ask + the topic menu
CANCEL_TEXT = TALK["cancel"]  # "처음으로": forget the current flow, show the topic menu

COMMAND_TEXT = {
    "start": HELP_TEXT,
    "help": HELP_TEXT,
    "cancel": CANCEL_TEXT,
}
