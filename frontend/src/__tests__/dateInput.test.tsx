import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { DateInput, parseDate, refuseWrongDates } from "../components/DateInput";
import { I18nProvider, type Lang } from "../i18n";

afterEach(cleanup);

function Field({ initial = "", lang = "vi" as Lang }) {
  const [value, setValue] = useState(initial);
  return (
    <I18nProvider initial={lang}>
      <label htmlFor="d">Ngày ban hành</label>
      <DateInput id="d" value={value} onChange={setValue} />
      <output data-testid="iso">{value}</output>
    </I18nProvider>
  );
}

describe("DateInput (dd/mm/yyyy)", () => {
  it("reads what Vietnamese readers type and hands ISO to the form", () => {
    render(<Field />);
    const input = screen.getByLabelText("Ngày ban hành") as HTMLInputElement;
    expect(input.type).toBe("text");
    fireEvent.change(input, { target: { value: "15/03/2026" } });
    expect(screen.getByTestId("iso").textContent).toBe("2026-03-15");
    fireEvent.change(input, { target: { value: "5/3/2026" } });
    fireEvent.blur(input);
    expect(screen.getByTestId("iso").textContent).toBe("2026-03-05");
    expect(input.value).toBe("05/03/2026");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a stored date as dd/mm/yyyy, in English too", () => {
    render(<Field initial="2026-06-10" />);
    expect((screen.getByLabelText("Ngày ban hành") as HTMLInputElement).value).toBe("10/06/2026");
    cleanup();
    render(<Field initial="2026-06-10" lang="en" />);
    expect((screen.getByLabelText("Ngày ban hành") as HTMLInputElement).value).toBe("10/06/2026");
  });

  it("an impossible date gets a message, and no date reaches the form", () => {
    render(<Field initial="2026-01-01" />);
    const input = screen.getByLabelText("Ngày ban hành") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "31/02/2026" } });
    expect(screen.getByRole("alert").textContent).toBe("Không có ngày 31/02/2026 trong lịch: hãy kiểm tra ngày và tháng.");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("iso").textContent).toBe("");
    expect(input.validationMessage).toContain("31/02/2026");
    // The text the reader typed stays, to be corrected.
    expect(input.value).toBe("31/02/2026");
  });

  it("a half-typed date is told when the reader leaves the field", () => {
    render(<Field />);
    const input = screen.getByLabelText("Ngày ban hành");
    fireEvent.change(input, { target: { value: "15/03" } });
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.blur(input);
    expect(screen.getByRole("alert").textContent).toContain("ngày/tháng/năm");
  });

  it("knows the calendar", () => {
    expect(parseDate("29/02/2024")).toEqual({ kind: "ok", iso: "2024-02-29" });
    expect(parseDate("29/02/2025")).toEqual({ kind: "impossible" });
    expect(parseDate("31/04/2026")).toEqual({ kind: "impossible" });
    expect(parseDate("00/01/2026")).toEqual({ kind: "impossible" });
    expect(parseDate("2026-03-15")).toEqual({ kind: "ok", iso: "2026-03-15" });
    expect(parseDate("15.03.2026")).toEqual({ kind: "ok", iso: "2026-03-15" });
    expect(parseDate("03/15/2026")).toEqual({ kind: "impossible" });
    expect(parseDate("abc")).toEqual({ kind: "format" });
    expect(parseDate(" ")).toEqual({ kind: "empty" });
  });
});

describe("a form with a date it could not read", () => {
  function Form({ onSend }: { onSend: (iso: string) => void }) {
    const [value, setValue] = useState("2026-12-31");
    return (
      <I18nProvider initial="vi">
        {/* The app's forms are noValidate: the browser would send anything. */}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (refuseWrongDates(event.currentTarget)) return;
            onSend(value);
          }}
        >
          <label htmlFor="deadline">Hạn xử lý</label>
          <DateInput id="deadline" value={value} onChange={setValue} />
          <button type="submit">Lưu</button>
        </form>
      </I18nProvider>
    );
  }

  it("is not sent (a stored deadline is not erased), and the field says why", () => {
    const sent: string[] = [];
    render(<Form onSend={(iso) => sent.push(iso)} />);
    const input = screen.getByLabelText("Hạn xử lý") as HTMLInputElement;
    fireEvent.change(input, { target: { value: "31/02/2026" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu" }));
    expect(sent).toEqual([]);
    expect(screen.getByRole("alert").textContent).toContain("31/02/2026");
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: "15/03/2027" } });
    fireEvent.click(screen.getByRole("button", { name: "Lưu" }));
    expect(sent).toEqual(["2027-03-15"]);
  });
});
