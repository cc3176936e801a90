"""Typed parsers for the environment variables that configure Hiệu Lực.

Every setting that can change between machines is read here, once, so a typo in a
deployment fails loudly at start-up instead of silently falling back.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigError(ValueError):
    """An environment variable holds a value we cannot use."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def get_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def get_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def get_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


def get_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def default_data_dir() -> Path:
    """Per-user data folder for the embedded default (XDG on Linux, ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hieuluc"


def get_data_dir() -> Path:
    raw = get_str("HIEULUC_DATA_DIR")
    return Path(raw).expanduser() if raw else default_data_dir()


# Signs sessions, CSRF and password-reset links: public, so good only where nothing is worth forging.
INSECURE_DEVELOPMENT_KEY = "hieuluc-insecure-development-key-change-me"


def get_secret_key(*, production: bool) -> str:
    """SECRET_KEY (or HIEULUC_SECRET_KEY). In production it must be set, and not to the public development key;
    elsewhere (the embedded default, HIEULUC_DEBUG) the development key stands in, so the quick start needs none."""
    key = get_str("SECRET_KEY") or get_str("HIEULUC_SECRET_KEY")
    if production and (not key or key == INSECURE_DEVELOPMENT_KEY):
        raise ConfigError(
            "SECRET_KEY is not set. In production (DATABASE_URL set, HIEULUC_DEBUG off) Hiệu Lực refuses to start "
            "on the public development key. Set SECRET_KEY to a long random value, e.g. "
            "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    return key or INSECURE_DEVELOPMENT_KEY
