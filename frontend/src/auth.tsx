import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, csrfToken, setOnUnauthorized, type Schema } from "./api";

/** What a user may do: the API's own rule (backend/accounts/permissions.py NEEDS), sent by /auth/me/. */
export type Capability = Schema<"CanEnum">;

/** The signed-in user as /auth/me/ answers. */
export type Me = Schema<"Me">;

interface Auth {
  me: Me | null;
  ready: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

// Signed in by Django's session cookie, which every tab and window of the browser shares: a task opened in a new
// tab is signed in already. Signing out deletes the session on the server, so the other tabs' next request is
// refused (401) and they forget the user too (docs/decisions/0007-browser-sessions.md).
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    setOnUnauthorized(() => setMe(null));
    return () => setOnUnauthorized(null);
  }, []);

  useEffect(() => {
    // Who is signed in (or nobody); the answer also sets the csrftoken cookie the sign-in form needs.
    api<Schema<"SessionAnswer">>("/auth/session/").then(
      ({ user }) => {
        setMe(user);
        setReady(true);
      },
      () => setReady(true),
    );
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    if (!csrfToken()) await api<Schema<"SessionAnswer">>("/auth/session/"); // the cookie was cleared meanwhile
    const { user } = await api<{ user: Me }>("/auth/session/", {
      method: "POST",
      body: JSON.stringify({ username, password }),
    });
    setMe(user);
    return user;
  }, []);

  const logout = useCallback(async () => {
    // End the session on the server (every tab); sign out here whatever the answer.
    try {
      await api<null>("/auth/session/", { method: "DELETE" });
    } catch {
      /* offline, or already ended: the session expires by itself */
    }
    setMe(null);
  }, []);

  const value = useMemo(() => ({ me, ready, login, logout }), [me, ready, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside AuthProvider");
  return value;
}

/** Whether the signed-in user may use a tool (as the API decides; never a second copy of its rules). */
export function can(me: Me | null, capability: Capability): boolean {
  return !!me?.can?.includes(capability);
}
