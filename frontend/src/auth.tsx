import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, setOnTokenRefused, setToken } from "./api";

export interface Me {
  username: string;
  name: string;
  role: "public" | "reviewer" | "legal_officer" | "admin";
  is_staff: boolean;
}

interface Auth {
  me: Me | null;
  ready: boolean;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

// The API token lives for the browser tab (sessionStorage): closing the tab signs the officer out.
const STORAGE_KEY = "hieuluc.token";
const AuthContext = createContext<Auth | null>(null);

function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  setToken(token);
  try {
    if (token) window.sessionStorage.setItem(STORAGE_KEY, token);
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: the token lasts for this page only */
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    // An expired or revoked token: forget it; the officers' pages then send the user to sign in.
    setOnTokenRefused(() => {
      writeToken(null);
      setMe(null);
    });
    return () => setOnTokenRefused(null);
  }, []);

  useEffect(() => {
    const token = readToken();
    if (!token) {
      setReady(true);
      return;
    }
    setToken(token);
    api<Me>("/auth/me/").then(
      (user) => {
        setMe(user);
        setReady(true);
      },
      () => {
        writeToken(null); // expired or revoked
        setReady(true);
      },
    );
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const { token } = await api<{ token: string }>("/auth/token/", {
      method: "POST",
      body: JSON.stringify({ username, password }),
    });
    writeToken(token);
    const user = await api<Me>("/auth/me/");
    setMe(user);
    return user;
  }, []);

  const logout = useCallback(async () => {
    // Revoke the token on the server, so a copy of it is worthless; sign out here whatever the answer.
    try {
      await api<null>("/auth/token/", { method: "DELETE" });
    } catch {
      /* already expired, or offline: the token dies by itself within its lifetime */
    }
    writeToken(null);
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

export function isOfficer(me: Me | null): boolean {
  return me?.role === "legal_officer" || me?.role === "admin";
}
