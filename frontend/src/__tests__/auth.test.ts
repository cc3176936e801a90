import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, setOnUnauthorized } from "../api";

// The web app is signed in by Django's session cookie. Unsafe requests must carry the csrftoken cookie's value in
// X-CSRFToken; a 401 (the session ended in another tab, expired) makes the app forget the user.

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function sentHeaders(fetchMock: ReturnType<typeof vi.fn>): Headers {
  return (fetchMock.mock.calls[0][1] as RequestInit).headers as Headers;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setOnUnauthorized(null);
  document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
});

describe("session and CSRF", () => {
  it("sends the csrftoken cookie as X-CSRFToken on unsafe methods only, and no token header", async () => {
    document.cookie = "csrftoken=abc123; path=/";
    const post = vi.fn().mockResolvedValue(answer(200, {}));
    vi.stubGlobal("fetch", post);
    await api("/relations/", { method: "POST", body: "{}" });
    expect(sentHeaders(post).get("X-CSRFToken")).toBe("abc123");
    expect(sentHeaders(post).get("Authorization")).toBeNull();
    expect((post.mock.calls[0][1] as RequestInit).credentials).toBe("same-origin");
    const get = vi.fn().mockResolvedValue(answer(200, {}));
    vi.stubGlobal("fetch", get);
    await api("/documents/");
    expect(sentHeaders(get).get("X-CSRFToken")).toBeNull();
  });

  it("a 401 tells the app the session ended", async () => {
    const ended = vi.fn();
    setOnUnauthorized(ended);
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(answer(401, { code: "not_authenticated", message: "…" })));
    await expect(api("/reviews/")).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("a wrong password (400) or a 429 lockout signs nobody out", async () => {
    const ended = vi.fn();
    setOnUnauthorized(ended);
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(answer(400, { code: "invalid_credentials", message: "Sai" })));
    await expect(api("/auth/session/", { method: "POST", body: "{}" })).rejects.toBeInstanceOf(ApiError);
    const locked = { code: "login_locked", message: "Đăng nhập sai quá nhiều lần." };
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(answer(429, locked)));
    const error = (await api("/auth/session/", { method: "POST", body: "{}" }).catch((caught: unknown) => caught)) as ApiError;
    expect([error.status, error.code, error.message]).toEqual([429, "login_locked", "Đăng nhập sai quá nhiều lần."]);
    expect(ended).not.toHaveBeenCalled();
  });
});
