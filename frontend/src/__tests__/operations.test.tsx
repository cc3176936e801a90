import { cleanup, render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import type { DocumentBrief, Relation } from "../api";
import { I18nProvider, formatDate, translate, type Lang } from "../i18n";
import type { MessageKey } from "../i18n/vi";
import { FIELDS_BY_KIND, INPUT_KINDS, confirmAll, countByState, describeOperation, foldText, groupByTarget, type Operation } from "../operations";
import { RelationList } from "../pages/documents/RelationList";

afterEach(cleanup);

const brief = (id: number, number: string): DocumentBrief => ({
  id,
  number,
  issuer: "UBND-AG",
  title: `Quyết định ${number}`,
  issued_on: "2024-03-01",
  status: "in_force",
});

const BASE = brief(1, "20/2024/QĐ-UBND");
const OTHER = brief(2, "07/2023/QĐ-UBND");
const SOURCE = brief(9, "15/2025/QĐ-UBND");

let nextId = 1;
function op(fields: Partial<Operation>): Operation {
  const id = nextId++;
  return {
    id,
    source: SOURCE,
    target: BASE,
    seq: id,
    source_eid: "dieu-1/khoan-1",
    instruction: "",
    kind: "replace",
    target_eid: "",
    target_label: "",
    anchor_eid: "",
    anchor_label: "",
    new_text: "",
    old_words: "",
    new_words: "",
    except_words: [],
    scope_eids: [],
    scope_labels: [],
    applies_on: "2025-07-20",
    ends_on: null,
    state: "proposed",
    reasons: [],
    precedence: 0,
    origin: "reader",
    decided_by: null,
    decided_at: null,
    version: 1,
    ...fields,
  };
}

function words(lang: Lang, operation: Operation): string {
  return describeOperation(operation, (key: MessageKey, values) => translate(lang, key, values), (iso) => formatDate(lang, iso));
}

describe("what an operation does, in words", () => {
  it("names the provision as the API labels it, in the wording of an amending act", () => {
    const cases: [Partial<Operation>, string, string][] = [
      [{ kind: "replace", target_label: "Khoản 2 Điều 5" }, "Sửa đổi, bổ sung Khoản 2 Điều 5", "Amends Khoản 2 Điều 5"],
      [
        { kind: "insert_after", target_label: "Điều 15a", anchor_label: "Điều 15" },
        "Bổ sung Điều 15a sau Điều 15",
        "Inserts Điều 15a after Điều 15",
      ],
      [{ kind: "insert_before", target_label: "Điều 2a", anchor_label: "Điều 3" }, "Bổ sung Điều 2a trước Điều 3", "Inserts Điều 2a before Điều 3"],
      [{ kind: "insert_after", target_label: "Điều 15a" }, "Bổ sung Điều 15a", "Inserts Điều 15a"],
      [{ kind: "repeal", target_label: "Điều 9" }, "Bãi bỏ Điều 9", "Repeals Điều 9"],
      [{ kind: "rename", target_label: "Điều 9" }, "Sửa đổi tên Điều 9", "Renames Điều 9"],
      [{ kind: "replace_annex", target_label: "Mẫu số 01" }, "Thay thế Mẫu số 01", "Replaces Mẫu số 01"],
      [{ kind: "repeal_document" }, "Bãi bỏ toàn bộ văn bản", "Repeals the whole document"],
      [
        { kind: "suspend", target_label: "Điều 4", ends_on: "2026-01-01" },
        "Ngưng hiệu lực Điều 4 đến ngày 01/01/2026",
        "Suspends Điều 4 until 01/01/2026",
      ],
      [{ kind: "unknown" }, "Chưa xác định được thao tác", "Operation not identified"],
      [{ kind: "repeal" }, "Bãi bỏ (chưa xác định điều khoản)", "Repeals (provision not identified)"],
    ];
    for (const [fields, vi, en] of cases) {
      expect(words("vi", op(fields))).toBe(vi);
      expect(words("en", op(fields))).toBe(en);
    }
  });

  it("words a change of words with where it applies and its exceptions", () => {
    const substitute = op({
      kind: "substitute_words",
      old_words: "Sở Lao động - Thương binh và Xã hội",
      new_words: "Sở Nội vụ",
      scope_labels: ["Khoản 1 Điều 3", "Điều 4"],
    });
    expect(words("vi", substitute)).toBe("Thay cụm từ “Sở Lao động - Thương binh và Xã hội” bằng “Sở Nội vụ” tại Khoản 1 Điều 3, Điều 4");
    const everywhere = op({ kind: "delete_words", old_words: "có xác nhận", except_words: ["Điều 2", "Phụ lục"] });
    expect(words("vi", everywhere)).toBe("Bãi bỏ cụm từ “có xác nhận” trong toàn văn bản (trừ “Điều 2”, “Phụ lục”)");
    expect(words("en", everywhere)).toBe("Deletes the words “có xác nhận” throughout the document (except “Điều 2”, “Phụ lục”)");
  });

  it("words a correction (đính chính) and offers it with its words and scope", () => {
    const correction = op({ kind: "correct_words", old_words: "15 ngày", new_words: "10 ngày", scope_labels: ["Khoản 2 Điều 5"] });
    expect(words("vi", correction)).toBe("Đính chính cụm từ “15 ngày” thành “10 ngày” tại Khoản 2 Điều 5");
    expect(words("en", correction)).toBe("Corrects the words “15 ngày” to “10 ngày” in Khoản 2 Điều 5");
    expect(INPUT_KINDS).toContain("correct_words");
    expect(FIELDS_BY_KIND.correct_words).toEqual(["old_words", "new_words", "scope_eids"]);
  });
});

describe("the panel's grouping and counting", () => {
  it("groups by amended document in the amending document's order, and counts each group by state", () => {
    const ops = [
      op({ seq: 3, target: OTHER, state: "confirmed" }),
      op({ seq: 1, state: "proposed" }),
      op({ seq: 2, state: "listed", target: null }),
      op({ seq: 4, state: "rejected" }),
    ];
    const groups = groupByTarget(ops);
    expect(groups.map((group) => [group.target?.number ?? null, group.ops.map((each) => each.seq)])).toEqual([
      ["20/2024/QĐ-UBND", [1, 4]],
      [null, [2]],
      ["07/2023/QĐ-UBND", [3]],
    ]);
    expect(groups[0].counts).toEqual({ proposed: 1, listed: 0, confirmed: 0, rejected: 1 });
    expect(countByState(ops)).toEqual({ proposed: 1, listed: 1, confirmed: 1, rejected: 1 });
    expect(groups.map((group) => group.heading)).toEqual(["ops.target", "ops.target", "ops.target"]);
  });

  it("names a document only corrected as the corrected one, not the amended one", () => {
    const corrected = brief(30, "65/2026/QĐ-UBND");
    const groups = groupByTarget([
      op({ seq: 1, target: corrected, kind: "correct_words" }),
      op({ seq: 2, target: corrected, kind: "correct_words" }),
      op({ seq: 3, kind: "correct_words" }),
      op({ seq: 4, kind: "replace" }),
    ]);
    expect(groups.map((group) => group.heading)).toEqual(["ops.targetCorrected", "ops.target"]);
  });

  it("confirms every proposed operation in order and stops at the first refusal", async () => {
    const ops = [op({ seq: 3 }), op({ seq: 1 }), op({ seq: 2, state: "listed" }), op({ seq: 5 }), op({ seq: 4 })];
    const tried: number[] = [];
    const result = await confirmAll<string>(ops, async (each) => {
      tried.push(each.seq);
      if (each.seq === 4) throw "refused";
    });
    expect(tried).toEqual([1, 3, 4]);
    expect(result.confirmed.map((each) => each.seq)).toEqual([1, 3]);
    expect(result.failed?.op.seq).toBe(4);
    expect(result.failed?.error).toBe("refused");
    const clean = await confirmAll(ops, async () => undefined);
    expect(clean.failed).toBeNull();
    expect(clean.confirmed).toHaveLength(4);
  });

  it("folds a long instruction at a word, and leaves a short one whole", () => {
    expect(foldText("Bãi bỏ Điều 9.")).toEqual({ short: "Bãi bỏ Điều 9.", folded: false });
    const long = "Sửa đổi, bổ sung khoản 2 Điều 5 như sau: ".repeat(20);
    const { short, folded } = foldText(long, 100);
    expect(folded).toBe(true);
    expect(short.length).toBeLessThanOrEqual(101);
    expect(short.endsWith("…")).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
  });
});

describe("derived relations", () => {
  it("say where they come from and offer no edit or delete control", () => {
    const rest = { ends_on: null, note: "", version: 1, created_at: "2025-07-20T00:00:00Z", effective_on: "2025-07-20" };
    const relations: Relation[] = [
      { id: 1, source: SOURCE, target: BASE, kind: "amends", provisions: ["Khoản 2 Điều 5"], derived: true, ...rest },
      { id: 2, source: SOURCE, target: OTHER, kind: "repeals", provisions: [], derived: false, ...rest },
    ];
    render(
      <I18nProvider initial="vi">
        <MemoryRouter>
          <RelationList documentId={SOURCE.id} relations={relations} editable onChanged={() => undefined} />
        </MemoryRouter>
      </I18nProvider>,
    );
    expect(screen.getByText(/suy ra từ thao tác sửa đổi/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Sửa quan hệ với 20/2024/QĐ-UBND" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Xóa quan hệ với 20/2024/QĐ-UBND" })).toBeNull();
    expect(screen.getByRole("button", { name: "Sửa quan hệ với 07/2023/QĐ-UBND" })).toBeTruthy();
  });
});
