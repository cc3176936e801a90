import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider, formatDate, translate, type Lang } from "../i18n";
import type { MessageKey } from "../i18n/vi";
import { FullText } from "../pages/documents/FullText";
import {
  citedProvision,
  dayBefore,
  footnoteText,
  isIsoDate,
  numberFootnotes,
  versionOn,
  type Note,
  type Source,
  type VersionNode,
} from "../pointInTime";

afterEach(cleanup);

const SOURCES: Record<string, Source> = {
  "7": { id: 7, number: "15/2025/QĐ-UBND", type: "Quyết định", title: "Sửa đổi…", issued_on: "2025-07-10", effective_from: "2025-07-20" },
};

function note(fields: Partial<Note> = {}): Note {
  return {
    applies_on: "2025-07-20",
    source: "7",
    source_eid: "dieu-1/khoan-3",
    source_label: "Khoản 3 Điều 1",
    seq: 1,
    kind: "replace",
    target_eid: "dieu-5/khoan-2",
    instruction: "3. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:",
    ends_on: null,
    occurrences: null,
    corrected_by: [],
    ...fields,
  };
}

function node(kind: string, eid: string, fields: Partial<VersionNode> = {}): VersionNode {
  const number = eid.split("-").pop() ?? "";
  return {
    kind,
    number,
    label: eid,
    title: "",
    text: "",
    anchor: eid.replaceAll("/", "-"),
    eid,
    status: "in_force",
    notes: [],
    future: [],
    children: [],
    ...fields,
  };
}

const words = (lang: Lang, unitKind: string, each: Note) =>
  footnoteText(unitKind, each, SOURCES, (key: MessageKey, values) => translate(lang, key, values), (iso) => formatDate(lang, iso));

describe("footnotes as a văn bản hợp nhất prints them", () => {
  it("cite the provision and number of the amending act and the date the change applies", () => {
    expect(words("vi", "clause", note())).toBe(
      "Khoản này được sửa đổi, bổ sung theo quy định tại khoản 3 Điều 1 của Quyết định số 15/2025/QĐ-UBND, có hiệu lực kể từ ngày 20/07/2025.",
    );
    expect(words("en", "clause", note())).toBe(
      "This clause was amended by khoản 3 Điều 1 of Quyết định 15/2025/QĐ-UBND, in force from 20/07/2025.",
    );
    expect(words("vi", "article", note({ kind: "repeal", source_label: "Điều 2" }))).toBe(
      "Điều này được bãi bỏ theo quy định tại Điều 2 của Quyết định số 15/2025/QĐ-UBND, có hiệu lực kể từ ngày 20/07/2025.",
    );
    expect(words("vi", "article", note({ kind: "insert_after", source_label: "" }))).toBe(
      "Điều này được bổ sung theo quy định tại Quyết định số 15/2025/QĐ-UBND, có hiệu lực kể từ ngày 20/07/2025.",
    );
    expect(words("vi", "point", note({ kind: "suspend", ends_on: "2026-01-01", source_label: "Điểm a Khoản 1 Điều 1" }))).toBe(
      "Điểm này bị ngưng hiệu lực theo quy định tại điểm a khoản 1 Điều 1 của Quyết định số 15/2025/QĐ-UBND, kể từ ngày 20/07/2025 đến ngày 01/01/2026.",
    );
    expect(words("vi", "clause", note({ source: "99" }))).toBe(
      "Khoản này được sửa đổi, bổ sung theo quy định tại văn bản sửa đổi, có hiệu lực kể từ ngày 20/07/2025.",
    );
  });

  it("word a correction (đính chính) with the correcting document's date and the corrected document's own date", () => {
    const sources: Record<string, Source> = {
      ...SOURCES,
      "9": { id: 9, number: "30/2024/QĐ-UBND", type: "Quyết định", title: "Đính chính…", issued_on: "2024-06-10", effective_from: "2024-06-10" },
    };
    const correction = note({ kind: "correct_words", source: "9", source_label: "Khoản 1 Điều 1", applies_on: "2024-03-01" });
    const say = (lang: Lang, each: Note) =>
      footnoteText("clause", each, sources, (key: MessageKey, values) => translate(lang, key, values), (iso) => formatDate(lang, iso));
    expect(say("vi", correction)).toBe(
      "Cụm từ tại khoản này được đính chính theo quy định tại khoản 1 Điều 1 của Quyết định số 30/2024/QĐ-UBND ngày 10/06/2024, áp dụng kể từ ngày 01/03/2024 là ngày có hiệu lực của văn bản được đính chính.",
    );
    expect(say("en", correction)).toBe(
      "Words in this clause were corrected by khoản 1 Điều 1 of Quyết định 30/2024/QĐ-UBND of 10/06/2024, applying from 01/03/2024, the corrected document's own date.",
    );
    // An amendment whose own act was corrected says so after its usual words.
    expect(say("vi", note({ corrected_by: ["9"] }))).toBe(
      "Khoản này được sửa đổi, bổ sung theo quy định tại khoản 3 Điều 1 của Quyết định số 15/2025/QĐ-UBND, có hiệu lực kể từ ngày 20/07/2025. Nội dung sửa đổi, bổ sung này đã được đính chính theo Quyết định số 30/2024/QĐ-UBND ngày 10/06/2024.",
    );
  });

  it("are numbered in reading order, a provision's own notes before its clauses'", () => {
    const tree = [
      node("article", "dieu-5", {
        notes: [note({ kind: "rename" })],
        children: [node("clause", "dieu-5/khoan-1"), node("clause", "dieu-5/khoan-2", { notes: [note(), note({ seq: 2 })] })],
      }),
      node("article", "dieu-9", { status: "repealed", notes: [note({ kind: "repeal" })] }),
    ];
    const { list, byEid } = numberFootnotes(tree);
    expect(list.map((footnote) => [footnote.n, footnote.eid, footnote.unitKind])).toEqual([
      [1, "dieu-5", "article"],
      [2, "dieu-5/khoan-2", "clause"],
      [3, "dieu-5/khoan-2", "clause"],
      [4, "dieu-9", "article"],
    ]);
    expect(byEid.get("dieu-5/khoan-2")).toEqual([2, 3]);
    expect(byEid.has("dieu-5/khoan-1")).toBe(false);
  });

  it("print a repealed provision as “Điều 9. (được bãi bỏ)” with its marker", () => {
    const tree = [
      node("article", "dieu-9", { label: "Điều 9", number: "9", status: "repealed", notes: [note({ kind: "repeal" })] }),
      node("article", "dieu-10", {
        label: "Điều 10",
        number: "10",
        title: "Hiệu lực",
        children: [node("clause", "dieu-10/khoan-2", { number: "2", status: "repealed", notes: [note({ kind: "repeal" })] })],
      }),
    ];
    const { byEid } = numberFootnotes(tree);
    render(
      <I18nProvider initial="vi">
        <FullText tree={tree} annotations={{ footnotes: byEid }} />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading", { name: /^Điều 9\. \(được bãi bỏ\)/ })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Chú thích 1" }).getAttribute("href")).toBe("#fn-1");
    expect(screen.getByRole("link", { name: "Chú thích 2" }).closest("p")?.textContent).toBe("2. (được bãi bỏ)2");
  });
});

describe("dates of versions", () => {
  it("finds the version in force on a date, a version ending the day before its successor starts", () => {
    const versions = [
      { valid_from: "2024-03-15", valid_until: "2025-07-20" },
      { valid_from: "2025-07-20", valid_until: null },
    ];
    expect(versionOn(versions, "2025-07-19")?.valid_from).toBe("2024-03-15");
    expect(versionOn(versions, "2025-07-20")?.valid_from).toBe("2025-07-20");
    expect(versionOn(versions, "2024-01-01")).toBeNull();
    expect(dayBefore("2025-07-20")).toBe("2025-07-19");
    expect(dayBefore("2024-03-01")).toBe("2024-02-29");
    expect(dayBefore("2025-01-01")).toBe("2024-12-31");
  });

  it("takes only real ISO dates from the address, and cites khoản and điểm in small letters", () => {
    expect([isIsoDate("2025-08-01"), isIsoDate("01/08/2025"), isIsoDate(null), isIsoDate("2025-8-1")]).toEqual([true, false, false, false]);
    expect(citedProvision("Khoản 3 Điều 1")).toBe("khoản 3 Điều 1");
    expect(citedProvision("Điều 2")).toBe("Điều 2");
    expect(citedProvision("Điểm a Khoản 1 Điều 1")).toBe("điểm a khoản 1 Điều 1");
  });
});
