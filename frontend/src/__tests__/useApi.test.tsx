import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider, useI18n } from "../i18n";
import { useApi } from "../useApi";

// fetch held back per URL: each test says when which answer arrives.
const pending = new Map<string, (body: unknown) => void>();

beforeEach(() => {
  pending.clear();
  vi.stubGlobal(
    "fetch",
    (url: string) =>
      new Promise<Response>((resolve) => {
        pending.set(url, (body) => resolve(new Response(JSON.stringify(body), { status: 200 })));
      }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function answer(path: string, body: unknown) {
  await act(async () => {
    pending.get(`/api/v1${path}`)!(body);
    await Promise.resolve();
  });
}

function Status({ path, keep = false }: { path: string | null; keep?: boolean }) {
  const { data, loading } = useApi<{ status: string }>(path, { keepPrevious: keep });
  return <p data-testid="out">{`${data?.status ?? "none"}${loading ? " (loading)" : ""}`}</p>;
}

const view = (path: string | null, keep = false) => (
  <I18nProvider initial="vi">
    <Status path={path} keep={keep} />
  </I18nProvider>
);

describe("useApi", () => {
  it("never answers for the next path with the previous path's data", async () => {
    const { rerender } = render(view("/documents/10/status/"));
    await answer("/documents/10/status/", { status: "expired" });
    expect(screen.getByTestId("out").textContent).toBe("expired");

    rerender(view("/documents/20/status/"));
    // The second document's answer is held back: nothing of the first one may show meanwhile.
    expect(screen.getByTestId("out").textContent).toBe("none (loading)");
    await answer("/documents/20/status/", { status: "in_force" });
    expect(screen.getByTestId("out").textContent).toBe("in_force");
  });

  it("drops an answer that comes after the path moved on", async () => {
    const { rerender } = render(view("/a/"));
    rerender(view("/b/"));
    await answer("/a/", { status: "late" });
    expect(screen.getByTestId("out").textContent).toBe("none (loading)");
    await answer("/b/", { status: "b" });
    expect(screen.getByTestId("out").textContent).toBe("b");
  });

  it("keeps the last list in place only when asked to (search results)", async () => {
    const { rerender } = render(view("/search/?q=a", true));
    await answer("/search/?q=a", { status: "first" });
    rerender(view("/search/?q=b", true));
    expect(screen.getByTestId("out").textContent).toBe("first (loading)");
    rerender(view(null, true));
    expect(screen.getByTestId("out").textContent).toBe("none");
  });
});

describe("the language of requests", () => {
  function Switcher() {
    const { setLang } = useI18n();
    return (
      <button type="button" onClick={() => setLang("en")}>
        en
      </button>
    );
  }

  it("goes out in the new language from the first request after a switch", async () => {
    const languages: string[] = [];
    vi.stubGlobal("fetch", (_url: string, init: RequestInit) => {
      languages.push(new Headers(init.headers).get("Accept-Language") ?? "");
      return Promise.resolve(new Response(JSON.stringify({ status: "ok" }), { status: 200 }));
    });
    render(
      <I18nProvider initial="vi">
        <Switcher />
        <Status path="/documents/1/" />
      </I18nProvider>,
    );
    await act(async () => Promise.resolve());
    await act(async () => screen.getByRole("button", { name: "en" }).click());
    expect(languages).toEqual(["vi", "en"]);
  });
});
