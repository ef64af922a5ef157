#!/usr/bin/env python3
"""Extracts every deadline cell of the seed documents into bench/phrases/seeds.txt.

The seeds are text copies of tables in two layouts: one cell per line, each cell starting with a
tab and continued on untabbed lines (seeds 000, 001), or one row per line with tab-separated cells
(seeds 002-004). The deadline is the third column in all five. The conventions of the output are
in bench/phrases/README.md. Usage: extract_seeds.py SEEDS_DIR OUT_DIR
"""
import pathlib
import re
import sys

NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")


def clean_cell(lines):
    """Trailing spaces of every line and blank lines at the cell's edges go; nothing else."""
    lines = [line.rstrip(" \u00a0") for line in lines]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def block_layout(text):
    """Rows of a table whose cells each start on a tabbed line; yields (line, item, deadline)."""
    records, numbers = [], []
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.startswith("\t"):
            cell = line[1:]
            # Item numbers end with a dot here ("1.", "4.11."); a bare "2019" is a deadline.
            if NUMBER.match(cell.strip()) and cell.strip().endswith("."):
                records.append([[cell.strip()]])
                numbers.append(lineno)
            elif records:
                records[-1].append([cell])
        elif records:
            records[-1][-1].append(line)
    previous = None
    for cells, lineno in zip(records, numbers):
        if len(cells) < 3:
            continue  # section titles and the column-number row "1 2 3 4"
        deadline = clean_cell(cells[2])
        if not deadline:
            # A deadline cell merged vertically over several rows (seed 000, items 1.1-1.3) is
            # written out in every row it covers, as plans/README.md does.
            deadline = previous
        previous = deadline
        yield lineno, cells[0][0].rstrip("."), deadline


def row_layout(text):
    """Rows of a table with one row a line and tab-separated cells; yields (line, item, deadline)."""
    for lineno, line in enumerate(text.split("\n"), 1):
        fields = line.split("\t")
        if len(fields) < 4 or not NUMBER.match(fields[0].strip()):
            continue
        if all(f.strip() == str(i + 1) for i, f in enumerate(fields)):
            continue  # the column-number row "1 2 3 4 5"
        deadline = clean_cell([fields[2]])
        if deadline:
            yield lineno, fields[0].strip().rstrip("."), deadline


def escape(phrase):
    return phrase.replace("\\", "\\\\").replace("\n", "\\n")


def main():
    seeds_dir, out_dir = map(pathlib.Path, sys.argv[1:3])
    phrases, sources = [], []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        rows = list(block_layout(text) if "\t1.1.\n" in text or "\t1.\n" in text
                    else row_layout(text))
        for lineno, item, deadline in rows:
            phrases.append(escape(deadline))
            sources.append(f"{path.name}\t{lineno}\t{item}\t{escape(deadline)}")
    (out_dir / "seeds.txt").write_text("\n".join(phrases) + "\n", encoding="utf-8")
    (out_dir / "seeds-sources.tsv").write_text(
        "seed\tline\titem\tphrase\n" + "\n".join(sources) + "\n", encoding="utf-8")
    print(f"{len(phrases)} deadline cells, {len(set(phrases))} distinct")


if __name__ == "__main__":
    main()
