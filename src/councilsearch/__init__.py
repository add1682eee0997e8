"""councilsearch: search and question answering over local council papers."""

__version__ = "0.1.0"
