"""What every knowledge model shares: strictness (an unknown key fails, models are frozen) and the
clause of a source document a fact or a rule rests on."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """The clause a fact rests on: ``{clause: "9. 라.", title: "수수료 환불", quote: "…"}``."""

    clause: str = Field(min_length=1)
    title: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    doc: Literal["notice", "cert_guide"] = "notice"
