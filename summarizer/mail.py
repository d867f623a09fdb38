"""E-mail digests: a MIME multipart/alternative message (plain text and HTML with its CSS
inlined by css-inline, so Gmail and Outlook keep the styling), sent over SMTP with the
standard library. Each attempt has a deadline (``timeout`` seconds from connecting to the
end of the conversation, however slowly the server answers); temporary failures are
retried a bounded number of times, each retry logged as a warning."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import smtplib
import socket
import ssl
import threading
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
    """A 4xx reply, a dropped connection or a timeout may pass; a refused connection or
    an unknown host name will not (retrying them only delays the error)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, ConnectionRefusedError | socket.gaierror):
        return False
    return isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError)


def _unreachable(exc: Exception) -> str | None:
    """Why the server could not be reached at all, or None."""
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is an SMTP server listening there?)"
    if isinstance(exc, socket.gaierror):
        return f"host name not found ({exc.strerror or exc})"
    return None


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

    Temporary failures (a 4xx reply, a dropped connection, a timeout, an attempt past
    its deadline of ``config.timeout`` seconds) are retried ``config.retries`` times, each
    retry logged as a warning; a refused connection, an unknown host, a permanent refusal
    or a failed login raise MailError at once. A login over a connection without TLS is
    refused (ConfigError) unless ``config.allow_plain_auth``. The password is never
    logged.
    """
    port = config.smtp_port or {"ssl": 465, "starttls": 587, "none": 25}[config.security]
    where = f"{config.smtp_host}:{port}"
    if config.username and config.security == "none" and not config.allow_plain_auth:
        raise ConfigError(
            f"refusing to send the SMTP login to {where} in clear text (--no-tls); use "
            "--starttls or --ssl, or --allow-plain-auth for a relay you trust"
        )
    delay = config.retry_delay
    attempts = config.retries + 1
    for attempt in range(1, attempts + 1):
        try:
            _deliver(message, config, port)
            return attempt
        except smtplib.SMTPAuthenticationError as exc:
            raise MailError(f"{where} refused the login: {_describe(exc)}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            unreachable = _unreachable(exc)
            if unreachable:
                raise MailError(f"cannot reach {where}: {unreachable}") from exc
            if not _transient(exc):
                raise MailError(f"{where} refused the message: {_describe(exc)}") from exc
            if attempt == attempts:
                raise MailError(
                    f"could not deliver to {where} after {attempt} attempts: {_describe(exc)}"
                ) from exc
            logger.warning(
                "temporary failure at %s (%s); retrying in %.1f s (attempt %d of %d)",
                where,
                _describe(exc),
                delay,
                attempt + 1,
                attempts,
            )
            sleep(delay)
            delay *= 2
    raise AssertionError("unreachable")  # pragma: no cover


def _deliver(message: EmailMessage, config: MailConfig, port: int) -> None:
    """One attempt, cut off ``config.timeout`` seconds after it starts: a server that
    answers one byte at a time never trips the socket's own timeout."""
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if config.security == "ssl":
        smtp = smtplib.SMTP_SSL(timeout=config.timeout, context=context)
    else:
        smtp = smtplib.SMTP(timeout=config.timeout)
    done, expired = threading.Event(), threading.Event()

    def watchdog() -> None:
        if done.wait(config.timeout):
            return
        expired.set()
        while not done.is_set():  # the socket may not exist yet: keep cutting
            sock = smtp.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            done.wait(0.05)

    guard = threading.Thread(target=watchdog, name="smtp-deadline", daemon=True)
    guard.start()
    try:
        smtp.connect(config.smtp_host, port)
        if config.security == "starttls":
            smtp.starttls(context=context)
        if config.username:
            smtp.login(config.username, config.password or "")
        smtp.send_message(message)
        # Accepted: a failure to say goodbye must not send it twice.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.quit()
    except (smtplib.SMTPException, OSError) as exc:
        if expired.is_set():
            raise TimeoutError(
                f"no complete answer within {config.timeout:g} s ([mail] timeout)"
            ) from exc
        raise
    finally:
        done.set()
        smtp.close()
        guard.join()
