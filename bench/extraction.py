"""Reading an uploaded decision: the whole extraction against the bare parse every reader must do anyway.

Command (from the repository root; no database or services needed):

    .venv/bin/python bench/extraction.py [--articles 300] [--rounds 5]

What it measures, for a generated decision in the real layout (tests/catalogue/decision_files.py) with
--articles articles of three clauses each, as .docx and as .pdf:

- `bare`: the baseline, the least any reader does: python-docx opens the file and joins its paragraphs'
  text (.docx), or pypdf extracts every page's text (.pdf);
- `extract`: what `POST /documents/extract/` does before it touches the database: the safety checks (every zip
  member inflated once, counted), reading paragraphs and tables in order, finding the fields, the bases and the
  relations (`backend/catalogue/extraction`), and parsing the article structure.

Each is timed --rounds times (best and median); the figure is extract / bare on the median. There is no
target in the issue; the figure shows what the safety checks and field rules cost over a bare read.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import docx
import pypdf

from backend.catalogue.extraction.fields import extract_fields, fold_aligned
from backend.catalogue.extraction.files import read_upload
from legal.provisions import parse_structure
from tests.catalogue.decision_files import Decision, decision_docx, decision_pdf


def big_decision(articles: int) -> Decision:
    body = tuple(
        (
            f"Điều {n}. Trách nhiệm của cơ quan thứ {n}",
            tuple(
                f"{k}. Cơ quan thứ {n} chịu trách nhiệm rà soát, hệ thống hóa văn bản quy phạm pháp luật thuộc"
                f" lĩnh vực được giao quản lý, kiến nghị sửa đổi, bổ sung, thay thế, bãi bỏ kịp thời."
                for k in (1, 2, 3)
            ),
        )
        for n in range(1, articles + 1)
    )
    return Decision(articles=Decision().articles + body)


def bare_docx(data: bytes) -> int:
    document = docx.Document(io.BytesIO(data))
    return len("\n".join(p.text for p in document.paragraphs))


def bare_pdf(data: bytes) -> int:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len("\n".join(page.extract_text() for page in reader.pages))


def full(data: bytes) -> int:
    fold_aligned.cache_clear()  # each upload is new text: no round may reuse the last one's folding
    source = read_upload(data)
    found = extract_fields(source.lines, wrapped=source.kind == "pdf")
    tree = parse_structure(found.text)
    assert found.number == "15/2025/QĐ-UBND" and tree, "the extraction must succeed to be timed"
    return len(found.text)


def timed(fn: Callable[[bytes], int], data: bytes, rounds: int) -> list[float]:
    fn(data)  # warm-up: imports, regex compilation
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    decision = big_decision(args.articles)
    files = {"docx": (decision_docx(decision), bare_docx), "pdf": (decision_pdf(decision), bare_pdf)}
    print(f"{'file':6} {'size':>9} {'bare med':>9} {'extract med':>12} {'best':>8} {'ratio':>6}")
    for kind, (data, bare) in files.items():
        base = timed(bare, data, args.rounds)
        ours = timed(full, data, args.rounds)
        ratio = statistics.median(ours) / statistics.median(base)
        print(
            f"{kind:6} {len(data) / 1024:8.0f}K {statistics.median(base) * 1000:8.1f}ms"
            f" {statistics.median(ours) * 1000:11.1f}ms {min(ours) * 1000:7.1f}ms {ratio:5.2f}x"
        )


if __name__ == "__main__":
    main()
