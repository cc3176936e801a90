import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, setOnTokenRefused, setToken } from "../api";

// An expired or revoked token answers 401: the app must forget it (and so ask for a sign-in), but a 401 to a
// request sent without a token (a wrong password, a public page) must not sign anyone out.

function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setToken(null);
  setOnTokenRefused(null);
});

describe("token refused by the API", () => {
  it("a 401 to a request signed with the token tells the app once", async () => {
    const refused = vi.fn();
    setOnTokenRefused(refused);
    setToken("abc");
    const fetchMock = vi.fn().mockResolvedValue(answer(401, { code: "authentication_failed", message: "Invalid token." }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(api("/auth/me/")).rejects.toBeInstanceOf(ApiError);
    expect(refused).toHaveBeenCalledTimes(1);
    expect((fetchMock.mock.calls[0][1] as RequestInit).headers).toBeInstanceOf(Headers);
    expect(((fetchMock.mock.calls[0][1] as RequestInit).headers as Headers).get("Authorization")).toBe("Token abc");
  });

  it("a 401 without a token, or a 429 lockout, signs nobody out", async () => {
    const refused = vi.fn();
    setOnTokenRefused(refused);
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(answer(401, { code: "not_authenticated" })));
    await expect(api("/auth/me/")).rejects.toBeInstanceOf(ApiError);
    setToken("abc");
    const locked = { code: "login_locked", message: "Đăng nhập sai quá nhiều lần." };
    vi.stubGlobal("fetch", vi.fn().mockResolvedValue(answer(429, locked)));
    const error = (await api("/auth/token/", { method: "POST", body: "{}" }).catch((caught: unknown) => caught)) as ApiError;
    expect([error.status, error.code, error.message]).toEqual([429, "login_locked", "Đăng nhập sai quá nhiều lần."]);
    expect(refused).not.toHaveBeenCalled();
  });
});
