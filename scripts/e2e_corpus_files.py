"""Write the real amending pair of the browser tests as .docx files in their real layout (issue #14's "done
when"): 07/2023/TT-BLĐTBXH and 10/2024/TT-BLĐTBXH, from ../shared/corpus/amendments, which is on the developers'
machine and CI only. Without it nothing is written and the browser test that needs the files skips.

    .venv/bin/python scripts/e2e_corpus_files.py OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLDER = ROOT.parent / "shared" / "corpus" / "amendments"
FILES = ("thong-tu_07-2023-TT-BLDTBXH", "thong-tu_10-2024-TT-BLDTBXH")


def main() -> int:
    out = Path(sys.argv[1])
    if not FOLDER.is_dir():
        print(f"No corpus at {FOLDER}: the real-document browser test will skip.", file=sys.stderr)
        return 0
    from tests.catalogue.decision_files import corpus_decision, decision_docx

    out.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        (out / f"{name}.docx").write_bytes(decision_docx(corpus_decision(FOLDER / f"{name}.txt")))
    print(f"Wrote {len(FILES)} real documents as .docx to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
