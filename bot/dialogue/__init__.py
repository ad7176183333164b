"""The channel-agnostic dialogue: session state, slot-filling flows, templates, the state machine."""
from __future__ import annotations

from .manager import Dialogue, Outcome
from .state import State

__all__ = ["Dialogue", "Outcome", "State"]
