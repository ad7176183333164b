"""The shell around the rules: NLU, dialogue, storage, and the channels (CLI, web, Telegram)."""
