import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { format, formatDate, translate } from "../i18n";
import { vi } from "../i18n/vi";

describe("i18n", () => {
  it("English has every Vietnamese key and no other", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of Object.entries(en)) expect(value, key).not.toBe("");
  });

  it("fills placeholders and leaves unknown ones", () => {
    expect(format("Trang {page} / {pages}", { page: 2, pages: 5 })).toBe("Trang 2 / 5");
    expect(format("{missing} x")).toBe("{missing} x");
    expect(translate("vi", "search.count", { count: 3 })).toBe("3 văn bản");
    expect(translate("en", "status.partially_expired")).toBe("Partly expired");
  });

  it("writes dates the Vietnamese way by default", () => {
    expect(formatDate("vi", "2025-07-01")).toBe("01/07/2025");
    expect(formatDate("en", "2025-07-01")).toBe("01/07/2025");
    expect(formatDate("vi", null)).toBe("—");
  });
});
