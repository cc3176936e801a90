import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider, type Lang } from "../i18n";
import { ConfirmPage } from "../pages/watching/ConfirmPage";
import { FollowPanel, type FollowChoice } from "../pages/watching/FollowPanel";
import { UnsubscribePage } from "../pages/watching/UnsubscribePage";
import { feedPath } from "../watching";
import { savedSearch, searchFollowChoices } from "../pages/search/followSearch";
import { readState } from "../pages/searchParams";
import { translate } from "../i18n";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

type Call = { method: string; url: string; body: Record<string, string> | undefined };

/** A fake API answering every call with `answer(call)`; returns the calls it received. */
function serve(answer: (call: Call) => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const call = { method: init.method ?? "GET", url, body: init.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      return answer(call);
    }),
  );
  return calls;
}

const ACCEPTED = { detail: "Nếu địa chỉ hợp lệ, thư xác nhận đã được gửi. / If the address is valid, a confirmation e-mail was sent." };
const choices: FollowChoice[] = [
  { kind: "document", target: "12", label: "Văn bản này (12/2024/QĐ-UBND)" },
  { kind: "issuer", target: "UBND-AG", label: "Văn bản mới của UBND tỉnh An Giang" },
  { kind: "field", target: "tai-chinh", label: "Văn bản mới thuộc lĩnh vực Tài chính" },
];

function wrap(children: ReactNode, lang: Lang = "vi", path = "/") {
  return (
    <I18nProvider initial={lang}>
      <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
    </I18nProvider>
  );
}

function openForm(lang: Lang = "vi") {
  render(wrap(<FollowPanel choices={choices} toggleLabel={lang === "vi" ? "Theo dõi văn bản" : "Follow this document"} feedHint="nguồn tin" />, lang));
  const toggle = screen.getByRole("button", { name: lang === "vi" ? "Theo dõi văn bản" : "Follow this document" });
  expect(toggle.getAttribute("aria-expanded")).toBe("false");
  fireEvent.click(toggle);
  expect(toggle.getAttribute("aria-expanded")).toBe("true");
}

function send(address: string) {
  fireEvent.change(screen.getByLabelText("Địa chỉ e-mail"), { target: { value: address } });
  fireEvent.click(screen.getByRole("button", { name: "Đăng ký theo dõi" }));
}

describe("following a document", () => {
  it("shows the document's Atom feed beside the button, closed until asked", () => {
    render(wrap(<FollowPanel choices={choices} toggleLabel="Theo dõi văn bản" feedHint="nguồn tin thay đổi" />));
    const feed = screen.getByRole("link", { name: "Atom — nguồn tin thay đổi" });
    expect(feed.getAttribute("href")).toBe("/feeds/documents/12.atom");
    expect(feed.getAttribute("type")).toBe("application/atom+xml");
    expect(screen.queryByLabelText("Địa chỉ e-mail")).toBeNull();
    // Closed, the panel leaves no status region in the page (the document page has its own).
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("sends the chosen thing and the address, then says to check the mailbox", async () => {
    const calls = serve(() => json(202, ACCEPTED));
    openForm();
    fireEvent.click(screen.getByLabelText("Văn bản mới của UBND tỉnh An Giang"));
    // The feed offered in the form follows the choice.
    expect(screen.getByRole("link", { name: "Atom — Văn bản mới của UBND tỉnh An Giang" }).getAttribute("href")).toBe(
      "/feeds/issuers/UBND-AG.atom",
    );
    send("  dan@example.vn ");
    const status = await screen.findByText(/^Kiểm tra hộp thư để xác nhận/);
    expect(status.getAttribute("role")).toBe("status");
    expect(status.textContent).toContain("dan@example.vn");
    expect(calls).toEqual([
      { method: "POST", url: "/api/v1/watching/subscriptions/", body: { kind: "issuer", target: "UBND-AG", email: "dan@example.vn" } },
    ]);
    expect(screen.queryByLabelText("Địa chỉ e-mail")).toBeNull();
    // The form went away under the focus: the message has it now.
    await waitFor(() => expect(document.activeElement).toBe(status));
  });

  it("closing the form gives the focus back to its button", () => {
    openForm();
    fireEvent.click(screen.getByRole("button", { name: "Đóng" }));
    expect(screen.queryByLabelText("Địa chỉ e-mail")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Theo dõi văn bản" }));
  });

  it("the document itself is the default choice", async () => {
    const calls = serve(() => json(202, ACCEPTED));
    openForm();
    expect((screen.getByLabelText("Văn bản này (12/2024/QĐ-UBND)") as HTMLInputElement).checked).toBe(true);
    send("dan@example.vn");
    await screen.findByText(/^Kiểm tra hộp thư/);
    expect(calls[0].body).toEqual({ kind: "document", target: "12", email: "dan@example.vn" });
  });

  it("shows a 400's messages under the e-mail field, and the target's above the button; the form stays", async () => {
    serve(() =>
      json(400, {
        code: "invalid",
        message: "Dữ liệu gửi lên không hợp lệ.",
        errors: {
          email: ["Địa chỉ e-mail không hợp lệ. / Enter a valid e-mail address."],
          target: ["Văn bản không có hoặc chưa công khai. / No such public document."],
        },
      }),
    );
    openForm();
    send("not-an-address");
    const message = await screen.findByText("Địa chỉ e-mail không hợp lệ. / Enter a valid e-mail address.");
    expect(message.closest("[role=alert]")).toBeTruthy();
    expect(screen.getByText("Văn bản không có hoặc chưa công khai. / No such public document.")).toBeTruthy();
    const field = screen.getByLabelText("Địa chỉ e-mail");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect((field as HTMLInputElement).value).toBe("not-an-address");
    expect(screen.queryByText(/^Kiểm tra hộp thư/)).toBeNull();
  });

  it("asks to try later on a 429", async () => {
    serve(() =>
      json(429, { code: "throttled", message: "Quá nhiều yêu cầu. Vui lòng thử lại sau 60 giây.", retry_after: 60 }),
    );
    openForm();
    send("dan@example.vn");
    expect((await screen.findByRole("alert")).textContent).toBe("Bạn đã gửi quá nhiều yêu cầu theo dõi. Vui lòng thử lại sau.");
    expect(screen.queryByText(/^Kiểm tra hộp thư/)).toBeNull();
  });

  it("speaks English on request", async () => {
    serve(() => json(202, ACCEPTED));
    openForm("en");
    fireEvent.change(screen.getByLabelText("E-mail address"), { target: { value: "dan@example.vn" } });
    fireEvent.click(screen.getByRole("button", { name: "Follow" }));
    expect((await screen.findByText(/^Check your mailbox to confirm/)).getAttribute("role")).toBe("status");
  });

  it("feeds exist for documents, issuers and fields, not for saved searches", () => {
    expect(feedPath("field", "tai chinh")).toBe("/feeds/fields/tai%20chinh.atom");
    expect(feedPath("search", "q=phí")).toBeNull();
  });
});

function page(path: string, lang: Lang = "vi") {
  render(
    wrap(
      <Routes>
        <Route path="/theo-doi/xac-nhan" element={<ConfirmPage />} />
        <Route path="/theo-doi/huy" element={<UnsubscribePage />} />
      </Routes>,
      lang,
      path,
    ),
  );
}

const WATCHED = { kind: "document", target: "12", label: "Quyết định 12/2024/QĐ-UBND về phí" };
const BAD_TOKEN = {
  code: "invalid",
  message: "Dữ liệu gửi lên không hợp lệ.",
  errors: { token: ["Liên kết đã hết hạn. / The link has expired."] },
};

describe("following a search", () => {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate("vi", key, values);
  const names = { type: { "quyet-dinh": "Quyết định" }, issuer: { "UBND-AG": "UBND tỉnh An Giang" }, field: { "tai-chinh": "Tài chính" } };

  it("keeps the search as the document list's parameters, years as issue dates, the status date left out", () => {
    const state = readState(new URLSearchParams("q=phí thẩm định&issuer=UBND-AG&status=in_force&year=2020&year=2022&on=2024-01-01&page=3"));
    expect(savedSearch(state)).toEqual({
      q: "phí thẩm định",
      issuer: "UBND-AG",
      status: ["in_force"],
      issued_from: "2020-01-01",
      issued_to: "2022-12-31",
    });
    expect(savedSearch(readState(new URLSearchParams("")))).toBeNull();
    expect(savedSearch(readState(new URLSearchParams("on=2024-01-01")))).toBeNull();
  });

  it("offers the search, its one issuer and its one field; two issuers are no saved search", () => {
    const choices = searchFollowChoices(readState(new URLSearchParams("q=chợ&issuer=UBND-AG&field=tai-chinh")), names, t);
    expect(choices.map((choice) => [choice.kind, choice.label])).toEqual([
      ["search", "Văn bản mới phù hợp với tìm kiếm: “chợ”; UBND tỉnh An Giang; Tài chính"],
      ["issuer", "Văn bản mới của UBND tỉnh An Giang"],
      ["field", "Văn bản mới thuộc lĩnh vực Tài chính"],
    ]);
    expect(JSON.parse(choices[0].target)).toEqual({ q: "chợ", issuer: "UBND-AG", field: "tai-chinh" });
    expect(choices[0].hint).toContain("trích yếu");
    const two = searchFollowChoices(readState(new URLSearchParams("issuer=UBND-AG&issuer=HDND-AG&field=tai-chinh")), names, t);
    expect(two.map((choice) => choice.kind)).toEqual(["field"]);
  });
});

describe("the confirmation page", () => {
  it("confirms once and names what is followed, with a link to it", async () => {
    const calls = serve(() => json(200, WATCHED));
    page("/theo-doi/xac-nhan?token=abc.def");
    expect((await screen.findByRole("status")).textContent).toBe("Đã xác nhận theo dõi: Quyết định 12/2024/QĐ-UBND về phí");
    expect(screen.getByRole("link", { name: "Xem Quyết định 12/2024/QĐ-UBND về phí" }).getAttribute("href")).toBe("/van-ban/12");
    expect(calls).toEqual([{ method: "POST", url: "/api/v1/watching/confirm/", body: { token: "abc.def" } }]);
  });

  it("a followed thing that is gone is confirmed without a name or a link", async () => {
    serve(() => json(200, { ...WATCHED, label: "" }));
    page("/theo-doi/xac-nhan?token=gone");
    expect((await screen.findByRole("status")).textContent).toBe("Đã xác nhận theo dõi.");
    expect(screen.getAllByRole("link").map((link) => link.textContent)).toEqual(["Về trang tra cứu"]);
  });

  it("says why a bad or expired link did not confirm", async () => {
    serve(() => json(400, BAD_TOKEN));
    page("/theo-doi/xac-nhan?token=expired");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Liên kết đã hết hạn. / The link has expired.");
    expect(alert.textContent).toContain("Hãy đăng ký theo dõi lại từ trang văn bản.");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("asks nothing of the API without a token", () => {
    const calls = serve(() => json(200, WATCHED));
    page("/theo-doi/xac-nhan");
    expect(screen.getByRole("alert").textContent).toBe("Liên kết thiếu mã xác nhận. Hãy mở đúng liên kết trong thư.");
    expect(calls).toEqual([]);
  });
});

describe("the unsubscribe page", () => {
  it("changes nothing on opening; the button unsubscribes, then the page says it is done", async () => {
    const calls = serve(() => json(200, WATCHED));
    page("/theo-doi/huy?token=tok");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Huỷ theo dõi");
    expect(calls.filter((call) => call.method !== "GET")).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Huỷ theo dõi" }));
    expect((await screen.findByRole("status")).textContent).toBe("Đã huỷ theo dõi: Quyết định 12/2024/QĐ-UBND về phí");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Đã huỷ theo dõi");
    expect(calls.filter((call) => call.method === "POST")).toEqual([
      { method: "POST", url: "/api/v1/watching/unsubscribe/", body: { token: "tok" } },
    ]);
  });

  it("says a bad link is bad, and keeps the button", async () => {
    serve((call) => (call.method === "POST" ? json(400, BAD_TOKEN) : json(405, {})));
    page("/theo-doi/huy?token=bad");
    fireEvent.click(screen.getByRole("button", { name: "Huỷ theo dõi" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Liên kết huỷ theo dõi không hợp lệ."));
    expect(screen.getByRole("button", { name: "Huỷ theo dõi" })).toBeTruthy();
  });

  it("names what it will stop when the API says, else speaks in general words", async () => {
    serve(() => json(200, WATCHED));
    page("/theo-doi/huy?token=tok");
    expect((await screen.findByTestId("unsubscribe-what")).textContent).toBe(
      "Bạn sẽ không nhận thư thông báo về: Quyết định 12/2024/QĐ-UBND về phí",
    );
    cleanup();
    const calls = serve((call) => (call.method === "GET" ? json(405, { code: "method_not_allowed", message: "" }) : json(200, WATCHED)));
    page("/theo-doi/huy?token=tok");
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].url).toBe("/api/v1/watching/unsubscribe/?token=tok");
    expect(screen.getByText("Bạn sẽ không nhận thư thông báo của mục theo dõi trong thư này nữa.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("a link the preview finds bad offers no button", async () => {
    serve(() => json(400, BAD_TOKEN));
    page("/theo-doi/huy?token=bad");
    expect((await screen.findByRole("alert")).textContent).toContain("Liên kết đã hết hạn. / The link has expired.");
    expect(screen.queryByRole("button", { name: "Huỷ theo dõi" })).toBeNull();
  });

  it("in English", async () => {
    serve(() => json(200, WATCHED));
    page("/theo-doi/huy?token=tok", "en");
    fireEvent.click(screen.getByRole("button", { name: "Unsubscribe" }));
    expect((await screen.findByRole("status")).textContent).toBe("Unsubscribed: Quyết định 12/2024/QĐ-UBND về phí");
  });
});
