"""Search: the query language, filters, facets, snippets, suggestions and related papers.

One function, :func:`search`, returns a plain dict that the HTML page, the JSON
API, the Atom feed and the CLI all render. :func:`build_filter` turns the
filters dict (shared with the answer engine) into a Whoosh query.

Query language (see :data:`QUERY_HELP`):

- ``budget savings``            every word must match (stemmed); when nothing matches
                                 all words, papers with any of them are shown, labelled;
- ``"joint procurement"``       a phrase;
- ``parking OR transport``      either word; ``( )`` group;
- ``NOT parking``, ``-parking`` exclude a word;
- ``procure*``                  a prefix (at least two letters before the star);
- ``title:budget``              a word in the title;
- ``section:financial``         papers with a section heading matching "financial"
                                 (snippets then come from that section);
- ``committee:cabinet``, ``type:minutes``, ``author:smith``, ``portfolio:jones``
  (or ``holder:``), ``classification:``, ``folder:`` -- case-insensitive, matching
                                 any indexed value that contains the text;
- ``year:2024``; ``date:2024-01-01..2024-12-31`` (either end may be left open,
  ``date:2024`` and ``date:2024-03`` mean the whole year/month); ``from:2024-01-01``
  and ``to:2024-06-30``.

Local-government acronyms and their long forms (``data/synonyms.txt``) expand
each other: ``MTFP`` also finds "Medium Term Financial Plan".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date as _date
from itertools import islice

from whoosh import query as Q

# The facets shown on the results page, in display order. Each is a sortable column.
FACET_FIELDS = ("committee", "portfolio_holder", "year", "doc_type", "classification", "source_folder")

# Filters dict keys whose values are lists of exact indexed values (OR within a key).
LIST_FILTER_KEYS = ("committee", "portfolio_holder", "doc_type", "year", "classification", "source_folder")

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


# --- Filters ------------------------------------------------------------------------


def normalise_date(text, end: bool = False) -> str | None:
    """An ISO day from "2024", "2024-03" or "2024-03-05"; the last day when `end`.

    None for anything else, so a malformed date drops the bound rather than failing.
    """
    if not isinstance(text, str):
        return None
    match = _ISO_DATE.match(text.strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            return _date(int(year), int(month), int(day)).isoformat()
        if month:
            first = _date(int(year), int(month), 1)
            if not end:
                return first.isoformat()
            next_month = _date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return _date.fromordinal(next_month.toordinal() - 1).isoformat()
        return f"{year}-12-31" if end else f"{year}-01-01"
    except ValueError:  # month 13, 30 February
        return None


def _as_list(value) -> list[str]:
    """Filter values as a list of non-empty strings (a bare string is one value)."""
    if value is None:
        return []
    if isinstance(value, (str, int)):
        value = [value]
    out = []
    for item in value:
        if isinstance(item, (str, int)) and str(item).strip():
            out.append(str(item).strip())
    return out


def date_range_query(date_from=None, date_to=None):
    """Papers dated within [date_from, date_to]; papers without a date never match a range."""
    start = normalise_date(date_from) if date_from else None
    end = normalise_date(date_to, end=True) if date_to else None
    if not start and not end:
        return None
    # Unknown dates are indexed as "": starting at "0" keeps them out of open ranges.
    return Q.TermRange("date", start or "0", end or "9999-12-31")


def build_filter(filters: dict | None):
    """A Whoosh query for a filters dict, or None when it filters nothing.

    Keys: committee, portfolio_holder, doc_type, year, classification,
    source_folder (lists of exact values: OR within a key, AND across keys) and
    date_from, date_to (ISO strings; "2024" or "2024-03" allowed). Unknown keys
    and malformed values are ignored rather than raising.
    """
    if not filters:
        return None
    parts = []
    for key in LIST_FILTER_KEYS:
        values = _as_list(filters.get(key))
        if values:
            terms = [Q.Term(key, v) for v in dict.fromkeys(values)]
            parts.append(terms[0] if len(terms) == 1 else Q.Or(terms))
    dates = date_range_query(filters.get("date_from"), filters.get("date_to"))
    if dates is not None:
        parts.append(dates)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


# --- Query language -----------------------------------------------------------------

QUERY_HELP = (
    'All words must match. "quoted phrase", OR, NOT or -word, prefix*, title:, section:, '
    "committee:, type:, author:, portfolio:, year:2024, date:2024-01-01..2024-12-31, from:, to:"
)

MAX_QUERY_CHARS = 500

# Field names a user may type, mapped to what they mean.
FACET_ALIASES = {
    "committee": "committee",
    "type": "doc_type",
    "doctype": "doc_type",
    "doc_type": "doc_type",
    "author": "author",
    "portfolio": "portfolio_holder",
    "holder": "portfolio_holder",
    "portfolio_holder": "portfolio_holder",
    "classification": "classification",
    "folder": "source_folder",
    "source_folder": "source_folder",
    "council": "council",
}
DATE_ALIASES = {"date", "from", "to", "year"}
SECTION_ALIASES = {"section", "heading"}
TEXT_ALIASES = {"title"}

# A field:value token (value may be quoted), a phrase (closing quote optional),
# a parenthesis, or any other run of characters.
_TOKEN = re.compile(
    r'(?P<neg>-)?(?P<field>[A-Za-z_]+):(?P<value>"[^"]*"?|[^\s()"]*)'
    r'|(?P<pneg>-)?(?P<phrase>"[^"]*"?)'
    r"|(?P<paren>[()])"
    r'|(?P<word>[^\s()"]+)'
)
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


class ParsedQuery:
    """What a query string says: free text for Whoosh plus structured constraints."""

    def __init__(self):
        self.original = ""  # the query as typed (cleaned)
        self.text = ""  # rewritten query text (synonyms expanded), for Whoosh's parser
        self.words: list[str] = []  # plain words typed, for suggestions
        self.constraints: list = []  # Whoosh queries every paper must satisfy
        self.section_queries: list = []  # heading queries (section:)
        self.has_operators = False  # OR / NOT / - / parentheses used
        self.messages: list[str] = []

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())


def clean_query(text) -> str:
    """The query as safe text: a string, no control characters, bounded length."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return text[:MAX_QUERY_CHARS].strip()


def _unquote(value: str) -> str:
    return value.strip().strip('"').strip()


def _plain_word(word: str) -> str:
    """A word made inert for Whoosh: keep a trailing prefix star (after two or more
    letters), drop other wildcard and syntax characters."""
    star = word.endswith("*")
    core = re.sub(r"[*?~^:\\{}\[\]<>`]", " ", word).strip()
    # An apostrophe inside a word stays ("Leader's" is indexed whole); quotes around go.
    core = " ".join(part.strip("'’") for part in core.split())
    if not core:
        return ""
    if star and " " not in core and len(re.sub(r"\W", "", core)) >= 2:
        return core + "*"
    return core


def parse_query(searcher, text) -> ParsedQuery:
    """Split a query string into Whoosh text and structured constraints. Never raises."""
    parsed = ParsedQuery()
    text = clean_query(text)
    parsed.original = text
    pieces: list[str] = []
    for match in _TOKEN.finditer(text):
        if match.group("field") is not None:
            piece = _field_token(searcher, parsed, match)
            if piece:
                pieces.append(piece)
        elif match.group("phrase") is not None:
            phrase = _unquote(match.group("phrase")).replace("\\", " ")
            if re.search(r"\w", phrase):
                neg = match.group("pneg")
                parsed.has_operators |= bool(neg)
                pieces.append(("NOT " if neg else "") + '"' + phrase + '"')
        elif match.group("paren"):
            parsed.has_operators = True
            pieces.append(match.group("paren"))
        else:
            pieces.extend(_word_token(parsed, match.group("word")))
    parsed.text = " ".join(_balance_parens(_expand_synonyms(pieces)))
    return parsed


def _word_token(parsed: ParsedQuery, word: str) -> list[str]:
    if word in _OPERATORS:
        parsed.has_operators = True
        return [word]
    negated = word.startswith("-") and len(word) > 1
    if negated:
        word = word.lstrip("-")
    plain = _plain_word(word)
    if not plain:
        return []
    out = []
    for part in plain.split():
        if re.search(r"\w", part):
            parsed.words.append(part.rstrip("*"))
            out.append(part)
    if negated and out:
        parsed.has_operators = True
        return ["NOT", "(" + " ".join(out) + ")"] if len(out) > 1 else ["NOT", out[0]]
    return out


def _field_token(searcher, parsed: ParsedQuery, match) -> str:
    """Handle one field:value token; returns text for Whoosh's parser ('' if consumed)."""
    name = match.group("field").lower()
    value = _unquote(match.group("value") or "")
    negated = bool(match.group("neg"))
    if not value:
        return ""
    if name in TEXT_ALIASES:
        words = " ".join(w for w in (_plain_word(x) for x in value.split()) if w)
        if not words:
            return ""
        parsed.words.extend(words.split())
        quoted = match.group("value").startswith('"')
        inner = f'"{words}"' if quoted else (f"({words})" if " " in words else words)
        return ("NOT " if negated else "") + "title:" + inner
    constraint = None
    if name in FACET_ALIASES:
        constraint = _facet_value_query(searcher, FACET_ALIASES[name], value)
    elif name in DATE_ALIASES:
        constraint = _date_token_query(parsed, name, value)
    elif name in SECTION_ALIASES:
        words = [w for w in re.findall(r"\w+", value)]
        if words:
            heading = Q.And([_analyzed_terms(searcher, "heading", w) for w in words])
            parsed.section_queries.append(heading)
        return ""
    else:  # not a field we know: search the words themselves
        words: list[str] = []
        for word in re.findall(r"\w+", f"{name} {value}"):
            words.extend(_word_token(parsed, word))
        return " ".join(words)
    if constraint is not None:
        parsed.constraints.append(Q.Not(constraint) if negated else constraint)
    return ""


def _analyzed_terms(searcher, field: str, word: str):
    """A word as the index stores it in a text field (stemmed), or the word lowercased."""
    analyzer = searcher.schema[field].analyzer
    stems = [t.text for t in analyzer(word)]
    if not stems:
        return Q.Term(field, word.lower())
    return Q.Term(field, stems[0]) if len(stems) == 1 else Q.And([Q.Term(field, s) for s in stems])


def field_values(searcher, field: str) -> list[str]:
    """Every value indexed in a keyword-like field, cached for this searcher."""
    cache = _searcher_cache(searcher).setdefault("lexicon", {})
    if field not in cache:
        values = []
        for raw in searcher.reader().lexicon(field):
            value = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
            if value:
                values.append(value)
        cache[field] = values
    return cache[field]


def _facet_value_query(searcher, field: str, value: str):
    """Papers whose field equals the value (any case) or, failing that, contains it."""
    needle = value.lower()
    values = field_values(searcher, field)
    chosen = [v for v in values if v.lower() == needle] or [v for v in values if needle in v.lower()]
    if not chosen:
        return Q.Term(field, value)  # matches nothing: an honest empty result
    return Q.Or([Q.Term(field, v) for v in chosen])


def _date_token_query(parsed: ParsedQuery, name: str, value: str):
    if name == "year":
        if re.fullmatch(r"\d{4}", value):
            return Q.Term("year", value)
        parsed.messages.append(f"Ignored year:{value} (use four digits, e.g. year:2024).")
        return None
    if name == "from":
        start, end = value, None
    elif name == "to":
        start, end = None, value
    elif ".." in value:
        start, end = value.split("..", 1)
    else:
        start, end = value, value
    bad = [v for v, is_end in ((start, False), (end, True)) if v and not normalise_date(v, is_end)]
    if bad:
        parsed.messages.append(f"Ignored {name}:{value} (dates are YYYY-MM-DD, YYYY-MM or YYYY).")
        return None
    return date_range_query(start or None, end or None)


def _balance_parens(pieces: list[str]) -> list[str]:
    """Drop unmatched parentheses so the parser sees a well-formed group structure."""
    out, depth = [], 0
    for piece in pieces:
        if piece == "(":
            depth += 1
        elif piece == ")":
            if depth == 0:
                continue
            depth -= 1
        out.append(piece)
    return out + [")"] * depth


# --- Synonyms -------------------------------------------------------------------------


def _synonym_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def load_synonyms() -> dict[str, list[str]]:
    """Map each member (normalised) of every synonym group to the whole group."""
    cached = getattr(load_synonyms, "_cache", None)
    if cached is not None:
        return cached
    from importlib.resources import files

    groups: dict[str, list[str]] = {}
    text = (files("councilsearch.data") / "synonyms.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        members = [m.strip() for m in line.split("|") if m.strip()]
        for member in members:
            groups.setdefault(_synonym_key(member), [])
            for other in members:
                if other not in groups[_synonym_key(member)]:
                    groups[_synonym_key(member)].append(other)
    load_synonyms._cache = groups
    return groups


def _group_text(members: list[str]) -> str:
    parts = []
    for member in members:
        words = re.findall(r"\w+", member)
        part = words[0] if len(words) == 1 else '"' + " ".join(words) + '"'
        if part.lower() not in (p.lower() for p in parts):  # "medium-term" = "medium term"
            parts.append(part)
    return "(" + " OR ".join(parts) + ")"


def _expand_synonyms(pieces: list[str]) -> list[str]:
    """Replace runs of plain words that name a synonym group with an OR of the group."""
    groups = load_synonyms()
    longest = max((len(k.split()) for k in groups), default=1)
    out: list[str] = []
    i = 0
    while i < len(pieces):
        replaced = False
        for n in range(min(longest, len(pieces) - i), 0, -1):
            run = pieces[i : i + n]
            if not all(re.fullmatch(r"\w[\w'-]*", p) and p not in _OPERATORS for p in run):
                continue
            key = _synonym_key(" ".join(run))
            if key in groups and (n > 1 or len(groups[key]) > 1):
                out.append(_group_text(groups[key]))
                i += n
                replaced = True
                break
        if not replaced:
            out.append(pieces[i])
            i += 1
    return out


# --- Whoosh queries -------------------------------------------------------------------


def _parser(schema, fields, any_word: bool):
    from whoosh.qparser import AndGroup, MultifieldParser, OrGroup

    group = OrGroup.factory(0.9) if any_word else AndGroup
    return MultifieldParser(list(fields), schema, group=group)


def plain_terms_query(searcher, text: str, fields=("title", "body"), any_word=False):
    """The safe fallback: every analysed word in any of the fields, no syntax at all."""
    analyzer = searcher.schema["body"].analyzer
    stems = list(dict.fromkeys(t.text for t in analyzer(" ".join(re.findall(r"\w+", text)))))
    if not stems:
        return None
    clauses = [Q.Or([Q.Term(f, s) for f in fields]) for s in stems]
    if len(clauses) == 1:
        return clauses[0]
    return Q.Or(clauses) if any_word else Q.And(clauses)


def text_query(searcher, parsed: ParsedQuery, fields=("title", "body"), any_word=False):
    """The Whoosh query for the free text, or None when there is none.

    Whoosh's parser can still raise on strange input; then the words alone are used.
    """
    if not parsed.has_text:
        return None
    try:
        q = _parser(searcher.schema, fields, any_word).parse(parsed.text)
        q = q.normalize()
    except Exception:  # noqa: BLE001 - any parser failure falls back to plain words
        return plain_terms_query(searcher, parsed.text, fields, any_word)
    if q is Q.NullQuery or isinstance(q, Q.NullQuery.__class__):
        return None
    return q


def _and(parts):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _searcher_cache(searcher) -> dict:
    """Per-searcher memo (columns, lexicons): a refreshed searcher starts afresh."""
    cache = searcher.__dict__.get("_councilsearch_cache")
    if cache is None:
        cache = {}
        searcher.__dict__["_councilsearch_cache"] = cache
    return cache


# --- Facet counts -----------------------------------------------------------------------


def _column_codes(searcher, field: str):
    """(codes, labels) for a facet column: codes[docnum] indexes labels (a tuple of
    indexes for the multi-valued portfolio_holder). Built once per searcher, since
    reading stored fields or scoring every hit is what makes facets slow."""
    cache = _searcher_cache(searcher).setdefault("columns", {})
    if field in cache:
        return cache[field]
    reader = searcher.reader()
    labels: list[str] = []
    index: dict[str, int] = {}

    def code(value: str) -> int:
        if value not in index:
            index[value] = len(labels)
            labels.append(value)
        return index[value]

    multi = field == "portfolio_holder"
    codes: list = [() if multi else -1] * reader.doc_count_all()
    if reader.has_column(field):
        # Segment by segment, raw bytes: the merged column reader's per-document
        # bisect and translation cost more than the reading itself.
        papers = _paper_docnums(searcher)
        for leaf, offset in _leaf_readers(reader):
            end = offset + leaf.doc_count_all()
            column = leaf.column_reader(field, translate=False)
            for docnum in papers[bisect_left(papers, offset):bisect_left(papers, end)]:
                raw = column[docnum - offset]
                value = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
                if multi:
                    codes[docnum] = tuple(code(v.strip()) for v in value.split(",") if v.strip())
                elif value:
                    codes[docnum] = code(value)
    cache[field] = (codes, labels)
    return cache[field]


def _leaf_readers(reader):
    """(segment reader, docnum offset) pairs; a single-segment reader is its own leaf."""
    return reader.leaf_readers() if not reader.is_atomic() else [(reader, 0)]


def warm(searcher) -> None:
    """Build this searcher's caches (paper docnums, facet columns, facet values) now,
    so the first search on a new index version doesn't pay for them. Call it right
    after opening a searcher; repeated calls cost nothing."""
    _paper_set(searcher)
    for field in (*LIST_FILTER_KEYS, "date"):
        _column_codes(searcher, field)
    load_synonyms()


def paper_count(searcher) -> int:
    """How many papers the index holds (paragraph docs not counted)."""
    return len(_paper_docnums(searcher))


def _paper_docnums(searcher) -> list[int]:
    cache = _searcher_cache(searcher)
    if "papers" not in cache:
        cache["papers"] = list(searcher.docs_for_query(Q.Term("kind", "paper")))
    return cache["papers"]


def _paper_set(searcher) -> frozenset[int]:
    """The paper docnums as a set: searches filter on it instead of joining kind:paper."""
    cache = _searcher_cache(searcher)
    if "paper_set" not in cache:
        cache["paper_set"] = frozenset(_paper_docnums(searcher))
    return cache["paper_set"]


def _count_docs(searcher, field: str, docnums) -> dict[str, int]:
    from collections import Counter

    codes, labels = _column_codes(searcher, field)
    counts: Counter = Counter()
    if field == "portfolio_holder":
        for d in docnums:
            counts.update(codes[d])
    else:
        for d in docnums:
            counts[codes[d]] += 1
    counts.pop(-1, None)
    return {labels[c]: n for c, n in counts.items()}


class FacetSieve:
    """The facet filters (committee, year, ...) applied in Python from the cached
    columns, so one walk over the query's postings yields the filtered hits and every
    facet's counts with its own filter removed, with no further queries."""

    def __init__(self, searcher, filters: dict):
        self.checks = []  # (key, codes, wanted codes, multi-valued)
        for key in LIST_FILTER_KEYS:
            values = set(_as_list(filters.get(key)))
            if not values:
                continue
            codes, labels = _column_codes(searcher, key)
            wanted = {i for i, label in enumerate(labels) if label in values}
            self.checks.append((key, codes, wanted, key == "portfolio_holder"))

    @staticmethod
    def usable(searcher) -> bool:
        reader = searcher.reader()
        return all(reader.has_column(key) for key in LIST_FILTER_KEYS)

    def _fails(self, docnum: int) -> list[str]:
        failed = []
        for key, codes, wanted, multi in self.checks:
            value = codes[docnum]
            if not (wanted.intersection(value) if multi else value in wanted):
                failed.append(key)
        return failed

    def keeps(self, docnum: int) -> bool:
        return not self._fails(docnum)

    def split(self, docnums) -> tuple[list[int], dict[str, list[int]]]:
        """(docs passing every filter, {facet: docs failing only that facet's filter})."""
        if not self.checks:
            return list(docnums), {}
        passing: list[int] = []
        failing_only: dict[str, list[int]] = {key: [] for key, *_ in self.checks}
        for docnum in docnums:
            failed = self._fails(docnum)
            if not failed:
                passing.append(docnum)
            elif len(failed) == 1:
                failing_only[failed[0]].append(docnum)
        return passing, failing_only


def _facet_list(counts: dict[str, int], field: str, selected: set[str]) -> list[dict]:
    for value in selected:
        counts.setdefault(value, 0)
    if field == "year":
        order = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
    else:
        order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower()))
    return [{"value": v, "count": n, "selected": v in selected} for v, n in order]


def facet_counts(searcher, base_query, filters: dict | None, matching=None) -> dict[str, list[dict]]:
    """Counts per facet value over the papers matching base_query and the filters,
    each facet counted with its own filter removed (so ticking one committee still
    shows how many papers the others have). Selected values are always listed.

    `matching` is every docnum matching base_query and the date range but not yet
    the facet filters (search() records it while scoring); without it the postings
    are walked once here."""
    filters = filters or {}
    if not FacetSieve.usable(searcher):
        return _facet_counts_by_queries(searcher, base_query, filters)
    if matching is None:
        dates = date_range_query(filters.get("date_from"), filters.get("date_to"))
        matching = list(searcher.docs_for_query(_and([base_query, dates])))
    passing, failing_only = FacetSieve(searcher, filters).split(matching)
    results = {}
    for field in FACET_FIELDS:
        docs = passing + failing_only.get(field, [])
        selected = set(_as_list(filters.get(field)))
        results[field] = _facet_list(_count_docs(searcher, field, docs), field, selected)
    return results


def _facet_counts_by_queries(searcher, base_query, filters: dict) -> dict[str, list[dict]]:
    """The slow way, for an index without facet columns: one query per active facet."""
    results = {}
    for field in FACET_FIELDS:
        others = {k: v for k, v in filters.items() if k != field}
        docs = list(searcher.docs_for_query(_and([base_query, build_filter(others)])))
        counts = _count_docs(searcher, field, docs) if searcher.reader().has_column(field) else {}
        results[field] = _facet_list(counts, field, set(_as_list(filters.get(field))))
    return results


# --- Snippets ---------------------------------------------------------------------------


# Fields whose words are marked in snippets.
MARK_FIELDS = ("title", "body", "heading")


class HighlightTerms(set):
    """The stems to mark wherever they occur, plus `phrases` (tuples of stems) to
    mark only where their words stand together. A plain set of stems still works."""

    def __init__(self, words=(), phrases=()):
        super().__init__(words)
        self.phrases = frozenset(phrases)


def query_terms(searcher, q) -> HighlightTerms:
    """What a query matches in the text fields, for highlighting: its plain words
    (indexed stems, prefixes expanded) and its phrases. Excluded words are left out."""
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    if q is None:
        return HighlightTerms()
    try:
        _collect_marks(q, searcher.reader(), words, phrases)
    except Exception:  # noqa: BLE001 - highlighting is decoration; never fail a search
        return HighlightTerms()
    return HighlightTerms(words, phrases)


def _collect_marks(node, reader, words: set, phrases: set) -> None:
    if isinstance(node, Q.Not):
        return  # an excluded word never belongs to a match
    if isinstance(node, Q.AndNot):
        _collect_marks(node.a, reader, words, phrases)
        return
    if isinstance(node, Q.Phrase):
        if node.fieldname in MARK_FIELDS:
            stems = tuple(node.words)
            if len(stems) > 1:
                phrases.add(stems)
            else:
                words.update(stems)
        return
    if node.is_leaf():
        for field, text in node.existing_terms(reader, phrases=False, expand=True):
            if field in MARK_FIELDS:
                words.add(text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text))
        return
    for child in node.children():
        _collect_marks(child, reader, words, phrases)


def _match_spans(searcher, text: str, terms) -> list[tuple[int, int, frozenset]]:
    """(start, end, what matched) of each match in text, in order, overlaps merged.

    A plain word matches wherever its stem occurs; a phrase only where its stems
    are consecutive tokens (stopwords are not tokens, as in the index), so a lone
    "joint" is not marked for "joint procurement"."""
    if not terms and not getattr(terms, "phrases", None):
        return []
    tokens = [(t.text, t.startchar, t.endchar)
              for t in searcher.schema["body"].analyzer(text, chars=True)]
    by_first: dict[str, list[tuple]] = {}
    for phrase in getattr(terms, "phrases", ()):
        by_first.setdefault(phrase[0], []).append(phrase)
    found = []
    for i, (stem, start, end) in enumerate(tokens):
        if stem in terms:
            found.append((start, end, stem))
        for phrase in by_first.get(stem, ()):
            run = tokens[i:i + len(phrase)]
            if tuple(t[0] for t in run) == phrase:
                found.append((start, run[-1][2], phrase))
    return _merge_spans(sorted(found, key=lambda f: (f[0], -f[1])))


def _merge_spans(found) -> list[tuple[int, int, frozenset]]:
    """Overlapping matches as one mark ("procurement" inside "joint procurement")."""
    merged: list[list] = []
    for start, end, key in found:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].add(key)
        else:
            merged.append([start, end, {key}])
    return [(start, end, frozenset(keys)) for start, end, keys in merged]


def _excerpt_anchor(spans, width: int) -> int:
    """Where to centre a cut excerpt: the match whose window shows the most of the
    query (distinct words, a phrase counting its length; ties go to the earliest),
    so a phrase later in a long paragraph wins over one lone word near its start.

    One pass with a sliding window (spans are in order and do not overlap), so a
    paragraph with thousands of matches costs no more than its matches."""
    from collections import Counter

    def weight(key) -> int:
        return len(key) if isinstance(key, tuple) else 1

    shown: Counter = Counter()  # keys of the matches inside the window, with their counts
    score, first, last = 0, 0, 0  # the window holds spans[first:last]
    best, best_score = spans[0][0], -1
    for anchor, _end, _keys in spans:
        low = max(0, anchor - width // 4)
        while last < len(spans) and spans[last][1] <= low + width:
            for key in spans[last][2]:
                score += weight(key) if shown[key] == 0 else 0
                shown[key] += 1
            last += 1
        while first < last and spans[first][0] < low:
            for key in spans[first][2]:
                shown[key] -= 1
                score -= weight(key) if shown[key] == 0 else 0
            first += 1
        if score > best_score:
            best, best_score = anchor, score
    return best


def highlight(searcher, text: str, terms, width: int | None = 280) -> str:
    """An HTML-safe excerpt of text around the best matches, matches in <mark>.

    `terms` comes from query_terms (a plain set of stems also works). The text is
    escaped piece by piece and only our own <mark> tags are added, so nothing from
    a document can inject markup.
    """
    from html import escape

    text = text or ""
    width = width or max(len(text), 1)
    spans = _match_spans(searcher, text, terms)
    start = 0
    if spans and len(text) > width:
        start = max(0, _excerpt_anchor(spans, width) - width // 4)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    end = min(len(text), start + width)
    while end < len(text) and not text[end - 1].isspace() and end - start < width + 30:
        end += 1
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for s, e, _keys in spans:
        if s < start or e > end:
            continue
        pieces.append(escape(text[cursor:s]))
        pieces.append("<mark>" + escape(text[s:e]) + "</mark>")
        cursor = e
    pieces.append(escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return "".join(pieces)


def paragraph_matches(searcher, parsed: ParsedQuery, paper_ids: list[str], per_paper: int = 3):
    """The best matching paragraphs of each paper: {paper_id: [match dicts]}.

    Only the page's papers' paragraphs are scored (skipping straight to them in
    the postings), and stored fields are read only for the paragraphs shown."""
    if not paper_ids:
        return {}, set()
    para_text = text_query(searcher, parsed, fields=("body", "heading"), any_word=True)
    section = _and(parsed.section_queries)
    if para_text is None and section is None:
        return {}, set()
    paper_of = _paragraph_docnums(searcher, paper_ids)
    scored = score_docnums(searcher, _and([para_text, section]), sorted(paper_of))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))  # best first; ties in index order
    terms = query_terms(searcher, para_text)
    found: dict[str, list[dict]] = {}
    for _score, docnum in scored:
        shown = found.setdefault(paper_of[docnum], [])
        if len(shown) >= per_paper:
            continue
        fields = searcher.stored_fields(docnum)
        shown.append({
            "paragraph": fields.get("number") or None,
            "page": fields.get("page"),
            "heading": fields.get("heading") or None,
            "text": highlight(searcher, fields.get("body", ""), terms),
            "anchor": fields.get("anchor"),
        })
    return {pid: shown for pid, shown in found.items() if shown}, terms


def _paragraph_docnums(searcher, paper_ids) -> dict[int, str]:
    """{docnum: paper id} of every paragraph doc of these papers (a few postings each)."""
    papers = _paper_set(searcher)
    paper_of: dict[int, str] = {}
    for pid in dict.fromkeys(paper_ids):
        for docnum in searcher.docs_for_query(Q.Term("paper_id", pid)):
            if docnum not in papers:
                paper_of[docnum] = pid
    return paper_of


def score_docnums(searcher, q, docnums: list[int]) -> list[tuple[float, int]]:
    """(score, docnum) for each of the sorted docnums that q matches.

    The matcher skips from one candidate to the next, so a common word costs a few
    block reads instead of a walk over all its postings; segments holding no
    candidate are never opened."""
    if q is None or not docnums:
        return []
    context = searcher.context()
    out: list[tuple[float, int]] = []
    for sub, offset in searcher.leaf_searchers():
        end = offset + sub.doc_count_all()
        local = [d - offset for d in docnums if offset <= d < end]
        if not local:
            continue
        matcher = q.matcher(sub, context)
        for docnum in local:
            if not matcher.is_active():
                break
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    break
            if matcher.id() == docnum:
                out.append((matcher.score(), offset + docnum))
    return out


# --- Suggestions -------------------------------------------------------------------------


# A query finding this few papers may hold a misspelling worth a "Did you mean"
# (say "parking OR libary"); the correction must then find more.
FEW_RESULTS = 3
# Bounds on the work: each unknown word costs 5-35 ms, and the edit automaton and
# the one-edit variants grow with its length (a pasted 500-letter "word" took 2.6 s).
MAX_CORRECTIONS = 4
MAX_WORD_CHARS = 25


def _surface_form(searcher, stem: str, typed: str = "") -> str | None:
    """A word as written in the papers whose stem is `stem` (the index keeps stems
    only): of those seen, the closest to what was typed ("parkng" -> "parking",
    not "park"), then the most frequent."""
    from collections import Counter

    from whoosh.support.levenshtein import damerau_levenshtein

    analyzer = searcher.schema["body"].analyzer
    # The first few paragraphs, unscored and lazily: ranking (or joining kind:para
    # over) every posting of a common word ("council") cost 60-80 ms.
    papers = _paper_set(searcher)
    docnums = islice((d for d in searcher.docs_for_query(Q.Term("body", stem)) if d not in papers), 5)
    seen: Counter = Counter()
    for docnum in docnums:
        for word in re.findall(r"[A-Za-z][\w'-]*", searcher.stored_fields(docnum).get("body", "")):
            if [t.text for t in analyzer(word)] == [stem]:
                seen[word.lower()] += 1
    if not seen:
        return None
    typed = typed.lower()
    return min(seen, key=lambda w: (damerau_levenshtein(w, typed), -seen[w], w))


def terms_within(reader, stem: str, maxdist: int, prefix: int) -> set[str]:
    """Body terms within maxdist edits of stem sharing its first `prefix` letters.

    Asked of each segment: a segment walks its term list with a Levenshtein
    automaton, while a multi-segment reader computes a distance for every term."""
    found: set[str] = set()
    for leaf, _offset in _leaf_readers(reader):
        found.update(leaf.terms_within("body", stem, maxdist, prefix=prefix))
    found.discard(stem)
    return found


def _one_edit_words(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion (a-z) from word."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in letters}
            | {a + c + b for a, b in splits for c in letters})


def _stems_one_edit_from_word(searcher, word: str) -> list[str]:
    """Index stems of the words one edit from the typed word, commonest first.

    For typos the stemmer then mangles: "procuremnt" keeps its "mnt" and is four
    edits from the stem "procur", but one from the word "procurement"."""
    analyzer, reader = searcher.schema["body"].analyzer, searcher.reader()
    docs: dict[str, int] = {}
    for variant in _one_edit_words(word.lower()):
        stems = [t.text for t in analyzer(variant)]
        if len(stems) == 1 and stems[0] not in docs:
            docs[stems[0]] = reader.doc_frequency("body", stems[0])
    return sorted((t for t, n in docs.items() if n), key=lambda t: (-docs[t], t))


def _correction_stems(searcher, word: str, stem: str) -> list[str]:
    """Index stems a misspelt word (with this stem) may have meant, best first.

    One edit to the stem anywhere comes first, the first letter included
    ("brocurement", "geritage"): measured on the 21,700-term corpus index that
    costs about what two edits after a fixed first letter do (5-15 ms), and finds
    the closer word (two edits after a fixed "b" offered "brochure" for
    "brocurement"), while two edits anywhere cost 75-180 ms and mostly turn up
    unrelated words. Then one edit to the word as typed, then two edits to the
    stem keeping its first letter. Ties go to the commoner word."""
    reader = searcher.reader()

    def near_stems(maxdist: int, prefix: int) -> list[str]:
        found = [t for t in terms_within(reader, stem, maxdist, prefix)
                 if not re.search(r"\d", t) or re.search(r"\d", stem)]  # "wnd" is not "2nd"
        return sorted(found, key=lambda t: (-reader.doc_frequency("body", t), t))

    # A 3-letter word with a new first letter, or a 5-letter one with two letters
    # changed, is just another word ("epgiv" is not "engine").
    return (near_stems(1, 0 if len(stem) >= 4 else 1)
            or _stems_one_edit_from_word(searcher, word)
            or (near_stems(2, 1) if len(stem) >= 6 else []))


def _unknown_words(searcher, words) -> list[str]:
    """The distinct typed words none of whose stems the index holds.

    Words the index holds are never corrected, however rare: tried on the corpus,
    rare real words ("mouth", "directory") were "corrected" as often as typos."""
    analyzer, reader = searcher.schema["body"].analyzer, searcher.reader()
    unknown = []
    for word in dict.fromkeys(words):
        stems = [t.text for t in analyzer(word)]
        if stems and not any(reader.doc_frequency("body", s) or reader.doc_frequency("title", s)
                             for s in stems):
            unknown.append(word)
    return unknown


def _correct_word(searcher, word: str) -> str | None:
    """A word from the index, as written there, for a typed word the index lacks."""
    stem = next(iter(searcher.schema["body"].analyzer(word))).text
    for candidate in _correction_stems(searcher, word, stem)[:3]:
        surface = _surface_form(searcher, candidate, word)
        if surface and surface != word.lower():
            return surface
    return None


def _count_papers_up_to(searcher, text: str, parsed: ParsedQuery, filters, most: int) -> int:
    """Papers the query text (with parsed's constraints) finds, counted up to `most`."""
    trial = ParsedQuery()
    trial.text = text
    q = _and([Q.Term("kind", "paper"), text_query(searcher, trial), *parsed.constraints,
              _section_paper_filter(searcher, parsed)])
    return searcher.search(q, filter=build_filter(filters), limit=most).scored_length()


def suggest(searcher, parsed: ParsedQuery, filters: dict | None = None,
            typed_total: int = 0) -> str | None:
    """A corrected query built from the index's own words, offered only if it finds
    more papers than the query as typed (`typed_total`, all words matching)."""
    unknown = _unknown_words(searcher, parsed.words)
    if len(unknown) > MAX_CORRECTIONS:
        return None  # pasted text or another language, not a misspelling
    corrected_words: dict[str, str] = {}
    for word in unknown:
        fixed = _correct_word(searcher, word) if len(word) <= MAX_WORD_CHARS else None
        if fixed:
            corrected_words[word] = fixed
    if not corrected_words:
        return None
    text = parsed.text
    for word, fixed in corrected_words.items():
        text = re.sub(r"(?<![\w*])" + re.escape(word) + r"(?![\w*])", fixed, text)
    if _count_papers_up_to(searcher, text, parsed, filters, typed_total + 1) <= typed_total:
        return None
    display = parsed.original
    for word, fixed in corrected_words.items():
        display = re.sub(r"(?<!\w)" + re.escape(word) + r"(?!\w)", fixed, display)
    return display


# --- Related papers -------------------------------------------------------------------------


def related_papers(searcher, paper_id: str, limit: int = 5) -> list[dict]:
    """Papers sharing the key terms of this one (more like this), most similar first."""
    docnum = None
    for d in searcher.document_numbers(id=paper_id):
        if searcher.stored_fields(d).get("kind") == "paper":
            docnum = d
            break
    if docnum is None:
        return []
    text = searcher.stored_fields(docnum).get("body") or ""
    if not text.strip():
        return []
    try:
        hits = searcher.more_like(docnum, "body", text=text[:20000], top=limit, numterms=12,
                                  filter=Q.Term("kind", "paper"))
    except Exception:  # noqa: BLE001 - recommendations are optional decoration
        return []
    return [_paper_summary(hit, score=hit.score) for hit in hits]


# --- Search ----------------------------------------------------------------------------------


SORTS = ("relevance", "newest", "oldest")


def _paper_summary(hit, score=None) -> dict:
    holders = [h for h in (hit.get("portfolio_holder") or "").split(",") if h]
    return {
        "id": hit.get("id"),
        "source": hit.get("source"),
        "title": hit.get("title") or hit.get("source"),
        "committee": hit.get("committee") or None,
        "date": hit.get("date") or None,
        "doc_type": hit.get("doc_type") or None,
        "portfolio_holder": "; ".join(holders) or None,
        "score": round(float(score), 4) if score is not None else None,
    }


def _int(value, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return max(low, min(high, number))


def _every_paper_collector(child, papers, keep=None):
    """`child` (a top-N or sorting collector) fed with every matching paper doc.

    Whoosh's top-N collector skips postings blocks and prunes query branches that
    cannot reach its top N, so it never sees every match; the total and the facet
    counts need every one. This walks all matches instead, keeps only the paper docs
    in `papers` (a set lookup; it also carries the date range), records them, and
    ranks only those passing the facet filters (`keep`)."""

    class EveryPaper(type(child)):
        def __init__(self):  # adopt the configured child's state
            self.__dict__.update(child.__dict__)
            self.replace = 0  # no matcher replacement: it drops low-scoring matches
            self.usequality = False
            self.docnums = []

        def collect_matches(self):
            matcher, offset, record, collect = self.matcher, self.offset, self.docnums.append, self.collect
            while matcher.is_active():
                sub_docnum = matcher.id()
                if offset + sub_docnum in papers:
                    record(offset + sub_docnum)
                    if keep is None or keep(offset + sub_docnum):
                        collect(sub_docnum)
                matcher.next()

    return EveryPaper()


def _paper_join_pays(q) -> bool:
    """Whether intersecting with the kind:paper postings beats filtering by docnum.

    Measured at 10,000 papers: for a phrase, or several words that must all match,
    skipping over paragraph docs saves position checks and intersection steps (about
    1.3-1.6x); for a single word or an OR, the join costs more than it saves."""
    if q is None:
        return False
    if isinstance(q, (Q.Phrase, Q.And)):
        return True
    return any(_paper_join_pays(child) for child in (q.children() if not q.is_leaf() else ()))


def _run(searcher, q, sort: str, page: int, per_page: int, keep=None, join=False, papers=None):
    """(top hits among paper docs that `keep`, every paper docnum matching q).

    `papers` is the set of paper docnums allowed (default: all papers); `join` also
    intersects q with kind:paper (see _paper_join_pays)."""
    if join and q is not None:
        q = Q.And([Q.Term("kind", "paper"), q])
    kwargs = {}
    if sort in ("newest", "oldest"):
        kwargs = {"sortedby": "date", "reverse": sort == "newest"}
    collector = _every_paper_collector(searcher.collector(limit=page * per_page, **kwargs),
                                       _paper_set(searcher) if papers is None else papers, keep)
    searcher.search_with_collector(q or Q.Term("kind", "paper"), collector)
    return collector.results(), collector.docnums


def search(searcher, query: str = "", filters: dict | None = None, sort: str = "relevance",
           page: int = 1, per_page: int = 10, facets: bool = True, matches_per_paper: int = 3) -> dict:
    """Search papers: the plain dict every front end renders (see the module docstring)."""
    filters = filters or {}
    sort = sort if sort in SORTS else "relevance"
    page = _int(page, 1, 1, 1000)
    per_page = _int(per_page, 10, 1, 100)
    parsed = parse_query(searcher, query)
    words_query = text_query(searcher, parsed)
    if parsed.has_text and words_query is None:
        parsed.messages.append("Every word searched for is too common to search on "
                               "(such as 'the' or 'of'); showing all papers instead.")
    for key, label, is_end in (("date_from", "from", False), ("date_to", "to", True)):
        value = filters.get(key)
        if value and not normalise_date(value, is_end):
            parsed.messages.append(f"Ignored the {label} date {str(value)[:20]!r}: use YYYY-MM-DD.")
    if words_query is None and sort == "relevance":
        sort = "newest"  # nothing to rank by: newest first reads best

    section_papers, section_set = None, None
    if parsed.section_queries and _columns_usable(searcher):
        section_set = _section_paper_docnums(searcher, parsed)
    else:
        section_papers = _section_paper_filter(searcher, parsed)
    constraints, date_bounds = _split_date_ranges(searcher, parsed.constraints)
    matching = _and([words_query, *constraints, section_papers])
    hits, passing, recorded, base, fallback = _search_with_fallback(
        searcher, parsed, matching, constraints, date_bounds, section_papers, filters, sort,
        page, per_page, section_set)
    total = len(passing)

    # Index, don't list(): list() asks len(), which re-walks every posting to count.
    page_hits = [hits[i] for i in range((page - 1) * per_page, min(page * per_page, hits.scored_length()))]
    ids = [hit["id"] for hit in page_hits]
    matches, terms = paragraph_matches(searcher, parsed, ids, matches_per_paper)
    results = []
    for hit in page_hits:
        item = _paper_summary(hit, score=hit.score if sort == "relevance" else None)
        item["matches"] = matches.get(hit["id"], [])
        item["snippet"] = (item["matches"][0]["text"] if item["matches"]
                           else highlight(searcher, hit.get("body", "")[:2000], terms))
        results.append(item)

    suggestion = None
    if parsed.words and (total <= FEW_RESULTS or fallback):
        # After a fallback the query as typed (all words) found nothing.
        suggestion = suggest(searcher, parsed, filters, 0 if fallback else total)
    return {
        "query": parsed.original,
        "total": total,
        "results": results,
        "facets": facet_counts(searcher, base, filters, recorded) if facets else {},
        "suggestion": suggestion,
        "fallback": fallback,
        "page": page,
        "pages": max(1, -(-total // per_page)),
        "per_page": per_page,
        "sort": sort,
        "filters": {k: v for k, v in filters.items() if v},
        "messages": parsed.messages,
    }


def _search_with_fallback(searcher, parsed, matching, constraints, date_bounds, section_papers,
                          filters, sort, page, per_page, section_set=None):
    """Run the all-words query; when nothing matches, the any-word query (labelled).

    `matching` is the query without the kind:paper restriction (the collector keeps
    paper docs) and without date ranges (`date_bounds`, checked from the cached date
    column). Returns (hits, docs passing every filter, docs matching before facet
    filters, the paper query used, whether it was the fallback)."""
    if _columns_usable(searcher):
        sieve = FacetSieve(searcher, filters)
        keep, extra = (sieve.keeps if sieve.checks else None), None
        bounds = list(date_bounds)
        dates = date_range_query(filters.get("date_from"), filters.get("date_to"))
        if dates is not None:
            bounds.append((dates.start, dates.end))
        papers = _papers_dated(searcher, bounds)
        if section_set is not None:
            papers = papers & section_set
    else:  # no columns: filter in the query, and facets are counted by queries later
        sieve, keep, extra, papers = None, None, build_filter(filters), None

    def attempt(q):
        q = _and([q, extra])
        hits, recorded = _run(searcher, q, sort, page, per_page, keep, _paper_join_pays(q), papers)
        passing = sieve.split(recorded)[0] if sieve else recorded
        return hits, passing, (recorded if sieve else None)

    hits, passing, recorded = attempt(matching)
    if not passing and len(parsed.words) > 1 and not parsed.has_operators:
        any_q = _and([text_query(searcher, parsed, any_word=True), *constraints, section_papers])
        any_hits, any_passing, any_recorded = attempt(any_q)
        if any_passing:
            return any_hits, any_passing, any_recorded, _paper_query(any_q), True
    return hits, passing, recorded, _paper_query(matching), False


def _columns_usable(searcher) -> bool:
    """Facet filters and date ranges can be checked from cached columns."""
    return FacetSieve.usable(searcher) and searcher.reader().has_column("date")


def _split_date_ranges(searcher, constraints: list):
    """(other constraints, [(start, end)] of the date ranges among them).

    A date range as a Whoosh query expands to one term per distinct date in the
    index, thousands at 10,000 papers (seconds per search), so ranges are checked
    against the cached date column instead, when the index has one."""
    if not _columns_usable(searcher):
        return list(constraints), []
    others, bounds = [], []
    for c in constraints:
        if isinstance(c, Q.TermRange) and c.fieldname == "date" and not (c.startexcl or c.endexcl):
            bounds.append((c.start, c.end))
        else:
            others.append(c)
    return others, bounds


def _papers_dated(searcher, bounds: list[tuple[str, str]]) -> frozenset[int]:
    """Paper docnums whose date lies within every (start, end) (inclusive; undated
    papers never do). Cached per searcher for the last few distinct ranges."""
    if not bounds:
        return _paper_set(searcher)
    cache = _searcher_cache(searcher).setdefault("dated", {})
    key = tuple(bounds)
    if key not in cache:
        codes, labels = _column_codes(searcher, "date")
        allowed = {code for code, label in enumerate(labels)
                   if all(start <= label <= end for start, end in bounds)}
        if len(cache) >= 32:
            cache.pop(next(iter(cache)))  # oldest first
        cache[key] = frozenset(d for d in _paper_docnums(searcher) if codes[d] in allowed)
    return cache[key]


def _paper_query(q):
    """q restricted to paper docs, for counting facets by queries."""
    return _and([Q.Term("kind", "paper"), q])


def _section_paper_docnums(searcher, parsed: ParsedQuery) -> frozenset[int]:
    """section:X as a set of paper docnums: papers with a paragraph under a matching
    heading. store.paper_documents writes each paper's doc and then its paragraphs
    in one writer, and Whoosh keeps that order within a segment (merges too), so a
    paragraph's paper is the nearest paper doc before it: no stored fields to read
    (reading them for thousands of paragraphs took over a second at 10,000 papers)."""
    papers, paper_set = _paper_docnums(searcher), _paper_set(searcher)
    owners = set()
    # Only paragraph docs have headings: joining kind:para would walk 90% of the index.
    for docnum in searcher.docs_for_query(_and(parsed.section_queries)):
        index = bisect_right(papers, docnum) - 1
        if index >= 0 and docnum not in paper_set:
            owners.add(papers[index])
    return frozenset(owners)


def _section_paper_filter(searcher, parsed: ParsedQuery):
    """section:X as a paper constraint: papers with a paragraph under a matching heading."""
    if not parsed.section_queries:
        return None
    q = _and([Q.Term("kind", "para"), *parsed.section_queries])
    reader = searcher.reader()
    ids = {reader.stored_fields(d).get("paper_id") for d in searcher.docs_for_query(q)}
    ids.discard(None)
    if not ids:
        return Q.NullQuery
    return Q.Or([Q.Term("id", pid) for pid in sorted(ids)])
