import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError, query } from "../api";
import { FieldErrors } from "../components/FieldErrors";
import { boardColumn, type Recommendation } from "../pages/workspace/reviewTypes";

afterEach(cleanup);

// A kind the app does not know (a newer server's) is cast in: the board must still place the card.
const step = (kind: string) => ({ kind: kind as Recommendation["steps"][number]["kind"], reference: "", on: "2026-01-01", note: "" });

describe("officers' workspace helpers", () => {
  it("a recommendation sits in the column of its furthest drafting step", () => {
    expect(boardColumn({ steps: [] })).toBe("not_started");
    expect(boardColumn({ steps: [step("registration")] })).toBe("registration");
    // Steps may be recorded out of order (a late registration): the furthest one counts.
    expect(boardColumn({ steps: [step("appraisal"), step("registration")] })).toBe("appraisal");
    expect(boardColumn({ steps: [step("unknown")] })).toBe("not_started");
  });

  it("field errors from the API show under their field as an alert", () => {
    render(<FieldErrors messages={["Cần chọn kết quả rà soát.", "Outcome is required."]} />);
    expect(screen.getByRole("alert").textContent).toContain("Cần chọn kết quả rà soát.");
    cleanup();
    const { container } = render(<FieldErrors messages={[]} />);
    expect(container.innerHTML).toBe("");
  });

  it("query strings skip empty values and repeat lists", () => {
    expect(query({ q: "ngân sách", state: ["assigned", "returned"], mine: undefined, page: 2, x: "" })).toBe(
      "?q=ng%C3%A2n+s%C3%A1ch&state=assigned&state=returned&page=2",
    );
    expect(query({})).toBe("");
  });

  it("ApiError keeps the status, the code and the field messages", () => {
    const error = new ApiError(400, "invalid", "Dữ liệu không hợp lệ", { outcome: ["Bắt buộc"] });
    expect([error.status, error.code, error.message, error.fields.outcome]).toEqual([400, "invalid", "Dữ liệu không hợp lệ", ["Bắt buộc"]]);
  });
});
