"""The Telegram channel (python-telegram-bot v22's Bot and types) over the shared engine.

channel.py owns the lifecycle and takes updates in (webhook.py adds ``POST /telegram/webhook``;
polling.py long-polls); inbound.py reads an update and renders replies (render.py: HTML, keyboards);
the replies wait in the store's outbox (bot/outbox.py) until sender.py has delivered them, judging
each failure with delivery.py.
"""
