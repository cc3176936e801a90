"""Building every version of a document's text (legal.consolidate, issue #14) against parsing it once.

Command (from the repository root; no database or services needed; a few seconds):

    .venv/bin/python bench/consolidate_speed.py [--articles 300] [--sources 20] [--rounds 7]

It generates a decision of --articles articles (ten chapters, three clauses of two points each) and --sources
amending acts a month apart with five operations each (replace a clause with its points, insert a clause after
another, repeal a point, substitute words in one article or, for every fourth act, the whole document, rename an
article), then times, best and median of --rounds after a warm-up:
- `parse`: the baseline, `parse_structure` of the same text (what reading the original once costs);
- `consolidate`: every version, with notes and each unit's future;
- `json`: all versions as JSON bytes (what a cache of one row per version would write), and the size.

No target in the issue; decision 0018 guessed 20 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from legal.consolidate import consolidate
from legal.operations import Operation
from legal.provisions import parse_structure

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def decision_text(articles: int) -> str:
    lines = ["QUYẾT ĐỊNH", "Căn cứ Luật Tổ chức chính quyền địa phương;"]
    per_chapter = max(1, articles // 10)
    for number in range(1, articles + 1):
        if (number - 1) % per_chapter == 0:
            lines += [f"Chương {ROMAN[min((number - 1) // per_chapter, len(ROMAN) - 1)]}", "QUY ĐỊNH"]
        lines.append(f"Điều {number}. Tên điều {number}")
        for clause in range(1, 4):
            lines.append(f"{clause}. Sở Tư pháp thực hiện nhiệm vụ số {clause} của điều {number} trong mười ngày.")
            lines += [f"{letter}) hồ sơ gồm đơn đề nghị và bản sao giấy tờ {letter};" for letter in "ab"]
    return "\n".join(lines)


def operations(articles: int, sources: int, seed: int = 14) -> list[Operation]:
    rng = random.Random(seed)
    result = []
    for index in range(sources):
        on, source = date(2025, 1, 1) + timedelta(days=30 * index), f"S{index:02d}"
        a = [rng.randint(1, articles) for _ in range(5)]
        scope = () if index % 4 == 0 else (f"dieu-{a[3]}",)
        result += [
            Operation("replace", f"dieu-{a[0]}/khoan-2", on, source, 0,
                      new_text=f"2. Nội dung mới {index}.\na) một;\nb) hai."),
            Operation("insert_after", f"dieu-{a[1]}/khoan-{4 + index}", on, source, 1,
                      anchor_eid=f"dieu-{a[1]}/khoan-3", new_text=f"{4 + index}. Khoản mới."),
            Operation("repeal", f"dieu-{a[2]}/khoan-1/diem-b", on, source, 2),
            Operation("substitute_words", "", on, source, 3, old_words=f"nhiệm vụ số 3 của điều {a[3]} ",
                      new_words=f"nhiệm vụ thứ ba của điều {a[3]} ", scope_eids=scope),
            Operation("rename", f"dieu-{a[4]}", on, source, 4, new_text=f"Điều {a[4]}. Tên mới {index}"),
        ]  # fmt: skip
    return result


def timed(action: Callable[[], Any], rounds: int) -> tuple[float, float]:
    action()  # warm-up
    runs = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return min(runs), statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    text = decision_text(args.articles)
    tree = parse_structure(text)
    ops = operations(args.articles, args.sources)
    result = consolidate(tree, ops, base_from=date(2024, 1, 1))
    body = json.dumps(result.as_json(), ensure_ascii=False).encode()
    applied = sum(len(version.changes) for version in result.versions)
    print(f"{args.articles} articles, {len(ops)} operations from {args.sources} sources: {applied} applied, "
          f"{len(result.held)} held, {len(result.versions)} versions, {len(body) / 1e6:.1f} MB of JSON")  # fmt: skip
    for name, action in (
        ("parse", lambda: parse_structure(text)),
        ("consolidate", lambda: consolidate(tree, ops, base_from=date(2024, 1, 1))),
        ("json", lambda: json.dumps(result.as_json(), ensure_ascii=False).encode()),
    ):
        best, median = timed(action, args.rounds)
        print(f"{name:12} best {best:7.1f} ms   median {median:7.1f} ms")


if __name__ == "__main__":
    main()
