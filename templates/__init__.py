"""Jinja2 answer templates (Korean). Package so that the .j2 files install with `pip install .`."""
