"""Language analysis: NLTK sentences and Snowball stems, wrapped as Whoosh analyzers.

Nothing here downloads: the stopword list and the abbreviation list ship in
councilsearch/data, and the Punkt parameters are trained from shipped text.
"""

from __future__ import annotations

from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

# Words, numbers with inner punctuation (4.5, 1,530.9, 24/00108) and money (£15,000).
TOKEN_PATTERN = r"£?\w+(?:[.,/'’-]\w+)*"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from importlib.resources import files

    text = (files("councilsearch.data") / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.split() if w.strip() and not w.startswith("#"))


_snowball = SnowballStemmer("english")


def stem(word: str) -> str:
    return _snowball.stem(word)


def stemming_analyzer():
    """Tokenise, lowercase, drop stopwords, Snowball-stem ("planning" -> "plan")."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords(), minsize=1)
        | StemFilter(stemfn=stem, cachesize=50000)
    )
