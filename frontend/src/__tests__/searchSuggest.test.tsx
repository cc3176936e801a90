import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router-dom";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SUGGEST_DELAY_MS, SearchSuggest } from "../components/SearchSuggest";
import { I18nProvider } from "../i18n";

const pending = new Map<string, (body: unknown) => void>();
const asked: string[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  pending.clear();
  asked.length = 0;
  vi.stubGlobal("fetch", (url: string) => {
    asked.push(decodeURIComponent(url));
    return new Promise<Response>((resolve) => {
      pending.set(decodeURIComponent(url), (body) => resolve(new Response(JSON.stringify(body), { status: 200 })));
    });
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const results = (...numbers: string[]) => ({
  results: numbers.map((number, index) => ({ id: index + 1, number, title: `Trích yếu ${number}` })),
});

async function answer(q: string, body: unknown) {
  await act(async () => {
    pending.get(`/api/v1/search/suggest/?q=${q}`)!(body);
    await vi.runAllTimersAsync();
  });
}

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

function Box() {
  const [value, setValue] = useState("");
  return (
    <I18nProvider initial="vi">
      <MemoryRouter>
        <label htmlFor="q">Tìm</label>
        <SearchSuggest id="q" value={value} onChange={setValue} />
        <Routes>
          <Route path="*" element={<Where />} />
        </Routes>
      </MemoryRouter>
    </I18nProvider>
  );
}

const type = async (text: string) => {
  fireEvent.change(screen.getByRole("combobox"), { target: { value: text } });
};

describe("search suggestions", () => {
  it("asks once the typing pauses, then lists suggestions as a listbox", async () => {
    render(<Box />);
    await type("n");
    await type("ng");
    await type("ngan");
    expect(asked).toEqual([]); // debounced
    await act(() => vi.advanceTimersByTimeAsync(SUGGEST_DELAY_MS));
    expect(asked).toEqual(["/api/v1/search/suggest/?q=ngan"]);
    await answer("ngan", results("08/2021/NQ-HĐND", "03/2025/NQ-HĐND"));
    const box = screen.getByRole("combobox");
    expect(box.getAttribute("aria-expanded")).toBe("true");
    const list = screen.getByRole("listbox", { name: "Gợi ý văn bản" });
    expect(box.getAttribute("aria-controls")).toBe(list.id);
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "08/2021/NQ-HĐNDTrích yếu 08/2021/NQ-HĐND",
      "03/2025/NQ-HĐNDTrích yếu 03/2025/NQ-HĐND",
    ]);
  });

  it("arrow keys move through the suggestions and Enter opens the chosen document", async () => {
    render(<Box />);
    await type("ngan");
    await act(() => vi.advanceTimersByTimeAsync(SUGGEST_DELAY_MS));
    await answer("ngan", results("08/2021/NQ-HĐND", "03/2025/NQ-HĐND"));
    const box = screen.getByRole("combobox");
    fireEvent.keyDown(box, { key: "ArrowDown" });
    fireEvent.keyDown(box, { key: "ArrowDown" });
    const second = screen.getAllByRole("option")[1];
    expect(box.getAttribute("aria-activedescendant")).toBe(second.id);
    expect(second.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box, { key: "ArrowDown" }); // back to the text
    expect(box.getAttribute("aria-activedescendant")).toBeNull();
    fireEvent.keyDown(box, { key: "ArrowUp" }); // round to the last
    expect(box.getAttribute("aria-activedescendant")).toBe(second.id);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(screen.getByTestId("where").textContent).toBe("/van-ban/2");
    expect(box.getAttribute("aria-expanded")).toBe("false");
  });

  it("Escape closes the list; a click on a suggestion opens it", async () => {
    render(<Box />);
    await type("ngan");
    await act(() => vi.advanceTimersByTimeAsync(SUGGEST_DELAY_MS));
    await answer("ngan", results("08/2021/NQ-HĐND"));
    const box = screen.getByRole("combobox");
    fireEvent.keyDown(box, { key: "Escape" });
    expect(box.getAttribute("aria-expanded")).toBe("false");
    fireEvent.keyDown(box, { key: "ArrowDown" }); // opens it again
    expect(box.getAttribute("aria-expanded")).toBe("true");
    fireEvent.mouseDown(screen.getByRole("option"));
    expect(screen.getByTestId("where").textContent).toBe("/van-ban/1");
  });

  it("drops an answer that comes after the text moved on", async () => {
    render(<Box />);
    await type("ngan");
    await act(() => vi.advanceTimersByTimeAsync(SUGGEST_DELAY_MS));
    await type("ngan sach");
    await act(() => vi.advanceTimersByTimeAsync(SUGGEST_DELAY_MS));
    await answer("ngan+sach", results("NEW"));
    await answer("ngan", results("OLD"));
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["NEWTrích yếu NEW"]);
  });
});
