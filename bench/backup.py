"""Time `mi-sim export --all` and `mi-sim import` on a programme-sized database.

    .venv/bin/python bench/backup.py [--sessions 1000] [--turns 30000] [--postgresql URL]

Seeds a SQLite database with `bench/seed_db.py` (`--sessions` sessions with `--turns` turns in
all, plus users, cohorts, personas, feedback and reviews), then times, through
`services.backup`:

- export from SQLite to a file (plain and gzip), and import into a new SQLite database;
- with `--postgresql URL` (or MI_SIM_TEST_DATABASE_URL): import into a new PostgreSQL schema
  (dropped afterwards) and export from it;

beside a baseline measured in the same run: a plain Core copy of every table from the source
into another new database of the same kind (`SELECT` all rows, `INSERT` executemany, one
transaction, no file, no checks). The ratio says what the file format, the checks and the
all-or-nothing batches cost over the least a copy must do. Prints each figure, the file sizes,
and the peak Python memory (tracemalloc) of one more export and import of the same file: it
should not grow with the database (compare `--sessions 1000` with `--sessions 3000`).
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seed_db import seed

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.storage import migrate
from mi_sim.storage.db import make_engine
from mi_sim.storage.models import Base
from mi_sim.storage.scratch import scratch_schema


def timed(label: str, action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    took = time.perf_counter() - began
    print(f"  {label:<44} {took:7.2f} s")
    return took


@contextmanager
def services_for(url: str) -> Iterator[Services]:
    built = Services.from_settings(Settings(database_url=url))
    try:
        yield built
    finally:
        built.close()


def plain_copy(source_url: str, target_url: str) -> None:
    """The baseline: every table copied row for row with Core, in one transaction."""
    source, target = make_engine(source_url), make_engine(target_url)
    try:
        with source.connect() as reading, target.begin() as writing:
            for table in Base.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in reading.execute(select(table))]
                if rows:
                    writing.execute(insert(table), rows)
    finally:
        source.dispose()
        target.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1000, help="sessions (1..100000)")
    parser.add_argument("--turns", type=int, default=30_000,
                        help="turns in all: 20 to 400 per session on average")
    parser.add_argument("--postgresql", default=os.environ.get("MI_SIM_TEST_DATABASE_URL", ""),
                        help="PostgreSQL URL to also import into and export from")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 100_000 or not 20 * args.sessions <= args.turns <= (
            400 * args.sessions):
        parser.error("--sessions must be 1..100000 and --turns 20 to 400 times --sessions "
                     "(the seeder gives each session 20 to 400 turns)")
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        source_url = f"sqlite:///{folder / 'source.db'}"
        began = time.perf_counter()
        counts = seed(source_url, args.sessions, args.turns, 1)
        print(f"seeded SQLite in {time.perf_counter() - began:.1f} s: "
              + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
        plain, packed = folder / "export.jsonl", folder / "export.jsonl.gz"

        print("SQLite")
        with services_for(source_url) as source:
            def export_plain() -> None:
                with plain.open("wb") as out:
                    source.backup.export_all(out)

            def export_packed() -> None:
                with gzip.open(packed, "wb", compresslevel=6) as out:
                    source.backup.export_all(out)

            export_time = timed("export --all to a file", export_plain)
            timed("export --all to a .gz file", export_packed)
        rows = sum(1 for _ in plain.open("rb")) - 2
        print(f"  {rows:,} rows; file {plain.stat().st_size / 1e6:.1f} MB, "
              f"gzip {packed.stat().st_size / 1e6:.1f} MB")

        target_url = f"sqlite:///{folder / 'target.db'}"
        migrate.upgrade(target_url)
        with services_for(target_url) as target:
            def load() -> None:
                with plain.open("rb") as source_file:
                    target.backup.import_all(source_file)
            import_time = timed("import into a new SQLite database", load)
        baseline_url = f"sqlite:///{folder / 'baseline.db'}"
        migrate.upgrade(baseline_url)
        baseline = timed("baseline: plain Core copy SQLite → SQLite",
                         lambda: plain_copy(source_url, baseline_url))
        print(f"  export + import = {export_time + import_time:.2f} s = "
              f"{(export_time + import_time) / baseline:.1f}× the plain copy")

        if args.postgresql:
            print("PostgreSQL")
            with scratch_schema(args.postgresql, "mi_sim_bench") as pg_url, \
                    scratch_schema(args.postgresql, "mi_sim_bench") as pg_baseline:
                migrate.upgrade(pg_url)
                migrate.upgrade(pg_baseline)
                with services_for(pg_url) as target:
                    def load_pg() -> None:
                        with plain.open("rb") as source_file:
                            target.backup.import_all(source_file)
                    pg_import = timed("import into a new PostgreSQL schema", load_pg)

                    def export_pg() -> None:
                        with (folder / "pg.jsonl").open("wb") as out:
                            target.backup.export_all(out)
                    pg_export = timed("export --all from PostgreSQL", export_pg)
                same = ([line for line in (folder / "pg.jsonl").open("rb")][1:]
                        == [line for line in plain.open("rb")][1:])
                print(f"  the PostgreSQL export equals the SQLite one (but exported_at): {same}")
                pg_base = timed("baseline: plain Core copy SQLite → PostgreSQL",
                                lambda: plain_copy(source_url, pg_baseline))
                print(f"  export + import = {pg_export + pg_import:.2f} s = "
                      f"{(pg_export + pg_import) / pg_base:.1f}× the plain copy")

        print("Peak Python memory (tracemalloc), SQLite")
        with services_for(source_url) as source:
            print(f"  export --all: {traced(lambda: export_to(source, os.devnull)):.1f} MB")
        memory_url = f"sqlite:///{folder / 'memory.db'}"
        migrate.upgrade(memory_url)
        with services_for(memory_url) as target:
            print(f"  import: {traced(lambda: import_from(target, plain)):.1f} MB")
        print(f"  (the file is {plain.stat().st_size / 1e6:.1f} MB)")


def export_to(services: Services, path: str) -> None:
    with open(path, "wb") as out:
        services.backup.export_all(out)


def import_from(services: Services, path: Path) -> None:
    with path.open("rb") as source:
        services.backup.import_all(source)


def traced(action: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


if __name__ == "__main__":
    main()
