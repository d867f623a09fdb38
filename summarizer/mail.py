"""E-mail digests: a MIME multipart/alternative message (plain text and HTML with its CSS
inlined by css-inline, so Gmail and Outlook keep the styling), sent over SMTP with the
standard library, with a timeout and a bounded retry on temporary failures."""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from email.message import EmailMessage
from email.utils import format_datetime

from .config import MailConfig
from .errors import ConfigError, MailError

__all__ = ["build_message", "inline_css", "send_message"]

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def inline_css(html: str) -> str:
    """Move the stylesheet into ``style`` attributes; no remote stylesheets are fetched.

    Examples
    --------
    >>> inline_css("<html><head><style>p{color:red}</style></head><body><p>x</p></body></html>")
    '<html><head></head><body><p style="color: red;">x</p></body></html>'
    """
    import css_inline

    inliner = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
    return str(inliner.inline(html))


def build_message(
    *,
    text: str,
    html: str,
    subject: str,
    sender: str,
    to: Sequence[str],
    date: dt.datetime,
    message_id: str,
) -> EmailMessage:
    """A UTF-8 multipart/alternative message: the plain text, then the inlined HTML.

    The subject is put on one line (a title may carry CR, LF or U+2028); an address with
    a line break or control character is refused with ConfigError.
    """
    for address in (sender, *to):
        if _CONTROL.search(address):
            raise ConfigError(f"address {address!r} contains a line break or control character")
    message = EmailMessage()
    message["Subject"] = " ".join(_CONTROL.sub(" ", subject).split())
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["MIME-Version"] = "1.0"
    message.set_content(text, charset="utf-8")
    message.add_alternative(inline_css(html), subtype="html", charset="utf-8")
    return message


def _transient(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def _describe(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{rcpt}: {code} {msg.decode(errors='replace')}"
            for rcpt, (code, msg) in sorted(exc.recipients.items())
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error
        text = detail.decode(errors="replace") if isinstance(detail, bytes) else str(detail)
        return f"{exc.smtp_code} {text}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def send_message(
    message: EmailMessage,
    config: MailConfig,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Deliver ``message``; return the number of attempts it took.

    Temporary failures (a 4xx reply, a dropped or refused connection, a timeout) are
    retried ``config.retries`` times; a permanent refusal or a failed login raises
    MailError at once. The password is never logged.
    """
    port = config.smtp_port or {"ssl": 465, "starttls": 587, "none": 25}[config.security]
    where = f"{config.smtp_host}:{port}"
    delay = config.retry_delay
    for attempt in range(1, config.retries + 2):
        try:
            _deliver(message, config, port)
            return attempt
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(f"{where} refused the login: {_describe(exc)}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            if not _transient(exc):
                raise MailError(f"{where} refused the message: {_describe(exc)}") from exc
            if attempt > config.retries:
                raise MailError(
                    f"could not deliver to {where} after {attempt} attempts: {_describe(exc)}"
                ) from exc
            logger.info(
                "temporary failure at %s (%s); retrying in %.1f s", where, _describe(exc), delay
            )
            sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _deliver(message: EmailMessage, config: MailConfig, port: int) -> None:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if config.security == "ssl":
        smtp = smtplib.SMTP_SSL(config.smtp_host, port, timeout=config.timeout, context=context)
    else:
        smtp = smtplib.SMTP(config.smtp_host, port, timeout=config.timeout)
    with smtp:
        if config.security == "starttls":
            smtp.starttls(context=context)
        if config.username:
            smtp.login(config.username, config.password or "")
        smtp.send_message(message)
