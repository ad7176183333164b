"""The Telegram channel (python-telegram-bot v22): webhook or long polling over the shared engine.

``TelegramChannel`` (channel.py) owns the PTB ``Application``; ``webhook.add_routes`` adds
``POST /telegram/webhook`` to the aiohttp app; render.py turns a Turn into HTML messages with
inline keyboards; ledger.py remembers handled update_ids; ordering.py keeps each chat in order.
"""
