"""The one settings object: environment variables prefixed THEODOI_, then an optional file.

Every setting has a default and help text (`theodoi settings` prints them); the README's
table is checked against this class by a test so the two never drift.
"""

from __future__ import annotations

import os
from ipaddress import ip_network
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET: dict[str, Any] = {"secret": True}  # `theodoi settings` shows whether it is set only


def is_secret(name: str) -> bool:
    """Whether a setting holds a password or token (never printed)."""
    extra = Settings.model_fields[name].json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("secret"))


def default_data_dir() -> Path:
    """A per-user data folder: $XDG_DATA_HOME/theodoi or ~/.local/share/theodoi."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "theodoi"


class Settings(BaseSettings):
    """Effective configuration of one theodoi process."""

    model_config = SettingsConfigDict(env_prefix="THEODOI_", env_file=os.environ.get(
        "THEODOI_SETTINGS_FILE"), extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir,
                           description="Folder for the embedded database and stored files.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default an SQLite file in data_dir. "
                    "PostgreSQL: postgresql+psycopg://user@host/db")
    max_upload_mb: int = Field(default=50, ge=1,
                               description="Largest document accepted, in MB.")
    max_evidence_mb: int = Field(
        default=10, ge=1, description="Largest evidence file attached to a reported value, "
                                      "in MB.")
    workers: int = Field(default=0, ge=0,
                         description="Processes for batch extraction; 0 means one per core.")
    web_active_requests: int = Field(
        default=4, ge=1, le=15,  # storage.db.POOL_CONNECTIONS
        description="Web requests one server process works on at once; the others wait "
                    "their turn (at most 15, the database connections of a process).")
    lock_timeout_ms: int = Field(
        default=10000, ge=0,
        description="How long a save waits for data another request is changing, in ms, "
                    "before it is refused as a conflict (409): PostgreSQL's lock_timeout, "
                    "SQLite's busy timeout; 0 waits for ever on PostgreSQL.")
    statement_timeout_ms: int = Field(
        default=60000, ge=0,
        description="PostgreSQL: the longest one statement may run, in ms, before it is "
                    "cancelled and its transaction rolled back; 0 for no limit.")
    session_idle_minutes: int = Field(
        default=120, ge=1, description="A web sign-in ends after this many idle minutes.")
    session_max_hours: int = Field(
        default=12, ge=1, description="A web sign-in ends this many hours after it began.")
    trusted_proxies: str = Field(
        default="", description="Comma-separated addresses or networks (CIDR) of the reverse "
                                "proxies in front of theodoi whose X-Forwarded-For is "
                                "believed; empty: the header is ignored and the peer's "
                                "address is the client's.")
    cookie_secure: bool = Field(
        default=False, description="Send the session cookie only over HTTPS (always so when "
                                   "the request itself came over HTTPS).")
    log_format: Literal["text", "json"] = Field(
        default="text", description="Log lines as 'text' (for a terminal) or 'json' (one "
                                    "object per line, for journald and log shippers).")
    job_threads: int = Field(
        default=1, ge=0, le=8,
        description="Jobs (reading uploaded plans) run at once by the job process "
                    "`theodoi serve` starts beside its web processes; 0 leaves them to a "
                    "separate `theodoi worker`.")
    job_stale_seconds: int = Field(
        default=120, ge=10,
        description="A running job whose worker has not shown a sign of life for this long "
                    "is taken to be dead and is run again (or failed).")
    job_max_attempts: int = Field(
        default=3, ge=1, description="Times a job is started before it is failed for good.")
    job_memory_mb: int = Field(
        default=2048, ge=256,
        description="Memory cap of the child process that reads one document, in MB.")
    public_url: str = Field(
        default="http://localhost:8000",
        description="The address people open theodoi at; links in reminder emails and "
                    "messages start with it.")
    timezone: str = Field(
        default="Asia/Ho_Chi_Minh",
        description="Time zone of the reminders' day, hour and quiet hours.")
    remind_hour: int = Field(
        default=7, ge=0, le=23,
        description="Hour of the day (local) from which `theodoi serve` makes the daily "
                    "reminder digests (its job process does; with THEODOI_JOB_THREADS=0, "
                    "run `theodoi remind` from cron instead).")
    remind_send_timeout_seconds: int = Field(
        default=120, ge=1,
        description="Longest one reminder delivery may take; a message a dead sender had "
                    "taken is sent again after this.")
    smtp_host: str = Field(default="", description="SMTP server for reminder emails; "
                                                  "empty: no email is sent.")
    smtp_port: int = Field(default=587, ge=1, le=65535, description="SMTP server port.")
    smtp_starttls: bool = Field(default=True,
                                description="Switch the SMTP connection to TLS (STARTTLS).")
    smtp_ca_file: str = Field(
        default="", description="CA certificates (PEM file) that the SMTP server's TLS "
                                "certificate is checked against; empty: the system's.")
    smtp_username: str = Field(default="", description="SMTP sign-in name; empty: none.")
    smtp_password: str = Field(default="", description="SMTP sign-in password.",
                               json_schema_extra=SECRET)
    smtp_from: str = Field(default="theodoi@localhost",
                           description="Sender address of reminder emails.")
    zalo_url: str = Field(default="", description="Zalo OA/ZNS gateway endpoint (HTTP POST "
                                                  "of JSON); empty: Zalo is not used.")
    zalo_token: str = Field(default="", description="Access token sent to the Zalo gateway.",
                            json_schema_extra=SECRET)
    zalo_template: str = Field(default="", description="Zalo ZNS template id.")
    sms_url: str = Field(default="", description="SMS gateway endpoint (HTTP POST of JSON); "
                                                 "empty: SMS is not used.")
    sms_token: str = Field(default="", description="Access token sent to the SMS gateway.",
                           json_schema_extra=SECRET)
    sms_template: str = Field(default="", description="SMS gateway template id.")

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        """A time zone the machine knows, said in Vietnamese at start-up otherwise."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"THEODOI_TIMEZONE: không biết múi giờ '{value}' (ví dụ "
                             "Asia/Ho_Chi_Minh).") from None
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        """Every entry an address or a network, said in Vietnamese at start-up otherwise."""
        for part in (p.strip() for p in value.split(",")):
            try:
                if part:
                    ip_network(part, strict=False)
            except ValueError:
                raise ValueError(f"THEODOI_TRUSTED_PROXIES: '{part}' không phải địa chỉ IP "
                                 "hay dải địa chỉ (ví dụ 127.0.0.1 hoặc 10.0.0.0/8).") from None
        return value

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'theodoi.db'}"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def max_evidence_bytes(self) -> int:
        return self.max_evidence_mb * 1024 * 1024


def load() -> Settings:
    """Read the settings from the environment (and THEODOI_SETTINGS_FILE when set)."""
    return Settings()
