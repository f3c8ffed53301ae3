"""Read a like log (CSV with header user,post,ts, or Parquet with those columns) into a LikeTable."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from nook.engine.rings.table import LikeTable

COLUMNS = ("user", "post", "ts")


def load_likes(path: str | Path) -> LikeTable:
    """Load likes; ids may be integers or strings, `ts` must be Unix seconds."""
    source = Path(path)
    if source.suffix.lower() in {".parquet", ".pq"}:
        table = pq.read_table(source, columns=list(COLUMNS))
    else:
        table = pacsv.read_csv(source, convert_options=pacsv.ConvertOptions(include_columns=list(COLUMNS)))
    return table_from_arrow(table)


def table_from_arrow(table: pa.Table) -> LikeTable:
    missing = [name for name in COLUMNS if name not in table.column_names]
    if missing:
        raise ValueError(f"like log lacks columns: {', '.join(missing)} (need header user,post,ts)")
    ts = table.column("ts").combine_chunks().cast(pa.int64()).to_numpy()
    return LikeTable.from_arrays(table.column("user").combine_chunks(), table.column("post").combine_chunks(), ts)
