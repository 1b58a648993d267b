"""The channels outside the app, behind one interface: `send(message)` delivers or raises
DeliveryError with a reason a quan_tri understands. Email goes over SMTP (STARTTLS and
sign-in when set); Zalo OA/ZNS and SMS go to an HTTP gateway (endpoint, token and template
id from the settings). A channel that is not configured is never built, so never called."""

from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
import urllib.request
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from theodoi.settings import Settings
from theodoi.storage.models import OutboxMessage


class DeliveryError(Exception):
    """A message could not be delivered this time (the sender retries later)."""


class Channel(Protocol):
    def send(self, message: OutboxMessage) -> None: ...


class Email:
    """SMTP: one connection per message (a digest a day per person is few messages)."""

    def __init__(self, settings: Settings) -> None:
        self.s = settings

    def build(self, m: OutboxMessage) -> EmailMessage:
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = self.s.smtp_from, m.address, m.subject
        # the key in the Message-ID lets a mail server or a person see a repeated attempt
        mail["Message-ID"] = make_msgid(idstring=m.key.replace("/", "."), domain="theodoi")
        mail["X-Theodoi-Key"] = m.key
        mail.set_content(m.body_text)
        if m.body_html:
            mail.add_alternative(m.body_html, subtype="html")
        return mail

    def send(self, message: OutboxMessage) -> None:
        s = self.s
        try:
            with smtplib.SMTP(s.smtp_host, s.smtp_port,
                              timeout=s.remind_send_timeout_seconds) as smtp:
                if s.smtp_starttls:
                    smtp.starttls(context=ssl.create_default_context(
                        cafile=s.smtp_ca_file or None))
                if s.smtp_username:
                    smtp.login(s.smtp_username, s.smtp_password)
                smtp.send_message(self.build(message))
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"máy chủ thư {s.smtp_host}:{s.smtp_port}: {exc}") from exc


class Gateway:
    """An HTTP gateway (Zalo OA/ZNS or SMS): a JSON POST with the token as a bearer."""

    def __init__(self, url: str, token: str, template: str, timeout: int) -> None:
        self.url, self.token, self.template, self.timeout = url, token, template, timeout

    def send(self, message: OutboxMessage) -> None:
        body = json.dumps({"to": message.address, "template_id": self.template,
                           "subject": message.subject, "text": message.body_text,
                           "key": message.key}, ensure_ascii=False).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"Bearer {self.token}", "Idempotency-Key": message.key})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                if answer.status >= 300:
                    raise DeliveryError(f"cổng {self.url} trả lời {answer.status}")
        except urllib.error.HTTPError as exc:
            raise DeliveryError(f"cổng {self.url} trả lời {exc.code}") from exc
        except (OSError, ValueError) as exc:
            raise DeliveryError(f"cổng {self.url}: {exc}") from exc


def available(settings: Settings) -> dict[str, Channel]:
    """The configured channels by name."""
    found: dict[str, Channel] = {}
    timeout = settings.remind_send_timeout_seconds
    if settings.smtp_host:
        found["email"] = Email(settings)
    if settings.zalo_url and settings.zalo_token:
        found["zalo"] = Gateway(settings.zalo_url, settings.zalo_token,
                                settings.zalo_template, timeout)
    if settings.sms_url and settings.sms_token:
        found["sms"] = Gateway(settings.sms_url, settings.sms_token, settings.sms_template,
                               timeout)
    return found
