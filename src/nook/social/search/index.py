"""Each post's words in the search index, written in the same transaction as the post.

Same transaction, not the outbox: a post is findable the moment its author sees it saved, an edit
never leaves its old words findable, and a deleted post's row goes with it (a foreign-key cascade).
Cutting a post into words takes well under a millisecond, so the write path can afford it.
"""

from __future__ import annotations

from sqlalchemy import Integer, Select, SQLColumnExpression, cast, column, func, select, table
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session

from nook.engine.segment import search_terms
from nook.store.models import Post, PostSearch
from nook.store.models.search import SEARCH_FTS

#: SQLite's FTS5 table (made by the migration); its own name is the column a MATCH goes against.
_FTS = table(SEARCH_FTS, column("rowid", Integer), column(SEARCH_FTS))


def index_post(session: Session, post: Post) -> None:
    """Write (or rewrite) the post's words; SQLite's FTS5 table follows through triggers."""
    terms = " ".join(search_terms(f"{post.title}\n{post.body}" if post.title else post.body))  # a 日志's title too
    row = session.get(PostSearch, post.id)
    if row is None:
        session.add(PostSearch(post_id=post.id, terms=terms))
    elif row.terms != terms:
        row.terms = terms


def matching_posts(session: Session, terms: list[str]) -> tuple[Select[Post], SQLColumnExpression[int]]:
    """Posts whose words include every one of `terms` (each made only of letters, digits and CJK), and the
    id column to order them newest first by: the index's own, so the index can hand them over in that order
    and the read stops after one page (a frequent word is in a tenth of all posts)."""
    if session.get_bind().dialect.name == "postgresql":
        # Lexemes verbatim, as the GIN index stores them; quoting keeps the query a plain AND of words.
        query = " & ".join(f"'{t}'" for t in terms)
        words = func.array_to_tsvector(func.string_to_array(PostSearch.terms, " "))
        stmt = select(Post).join(PostSearch, PostSearch.post_id == Post.id).where(words.op("@@")(cast(query, TSQUERY)))
        return stmt, PostSearch.post_id
    match = " ".join(f'"{t}"' for t in terms)
    stmt = select(Post).join(_FTS, _FTS.c.rowid == Post.id).where(_FTS.c.post_search_fts.op("MATCH")(match))
    return stmt, _FTS.c.rowid
