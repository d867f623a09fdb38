"""E-mail digests through a real local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from summarizer.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "al-qaim-2017"
FEED = ROOT / "samples" / "feeds" / "bbc-world-2017-01-20.rss"


class Handler:
    """Accepts, refuses (5xx) or fails temporarily (4xx) the first ``fail`` messages."""

    def __init__(self, reply: str | None = None, fail: int = 0) -> None:
        self.reply = reply
        self.fail = fail
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        if self.reply and self.fail:
            self.fail -= 1
            return self.reply
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Handler, int]]:
    handler = Handler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture
def fast_retries(tmp_path: Path) -> Path:
    config = tmp_path / "mail.toml"
    config.write_text("[mail]\nretries = 2\nretry_delay = 0.0\ntimeout = 5.0\n")
    return config


def _args(port: int, *extra: str) -> list[str]:
    return [
        "--to",
        "desk@example.org",
        "--from",
        "Briefings <bot@example.org>",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(port),
        "--no-tls",
        *extra,
    ]


def test_digest_arrives_with_both_parts_headers_and_inline_styles(
    smtp: tuple[Handler, int], tmp_path: Path, capsys
) -> None:
    handler, port = smtp
    assert main(["email", str(SAMPLE), *_args(port)]) == 0
    assert "sent " in capsys.readouterr().out
    (message,) = handler.messages
    assert handler.envelopes == [("bot@example.org", ["desk@example.org"])]
    assert message["Subject"].endswith("· 2017-11-03")
    assert message["Date"] and message["Message-ID"].endswith("@example.org>")
    assert message["From"] == "Briefings <bot@example.org>"
    assert message.get_content_type() == "multipart/alternative"
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    assert text_part.get_content_charset() == html_part.get_content_charset() == "utf-8"
    text, html = text_part.get_content(), html_part.get_content()
    assert "pushed from Qaim on Friday" in text and "pushed from Qaim on Friday" in html
    assert "<style" not in html and 'style="' in html  # CSS inlined for mail clients
    assert "<img" not in html and "<script" not in html and "<link" not in html
    assert "http" not in html.split("<body", 1)[1]  # no external resources


def test_article_markup_arrives_as_text(smtp: tuple[Handler, int], tmp_path: Path) -> None:
    handler, port = smtp
    (tmp_path / "hostile.txt").write_text(
        "Iraqi statement\n\nThe Joint Operations Command said <script>alert(1)</script> "
        "troops captured Akashat on Saturday after hours of fighting near the border.\n"
    )
    assert main(["email", str(tmp_path), *_args(port)]) == 0
    (message,) = handler.messages
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "<script>alert(1)</script>" in text  # plain text shows it as written


def test_daily_digest(smtp: tuple[Handler, int], capsys) -> None:
    handler, port = smtp
    assert main(["email", str(FEED), "--daily", "--subject", "World desk", *_args(port)]) == 0
    (message,) = handler.messages
    assert message["Subject"] == "World desk · 2017-01-20"
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Rigopiano avalanche" in html and "Gambia crisis" in html


def test_temporary_failure_is_retried(smtp: tuple[Handler, int], fast_retries, capsys) -> None:
    handler, port = smtp
    handler.reply, handler.fail = "451 4.3.0 Try again later", 1
    assert main(["email", str(FEED), "--daily", *_args(port), "--config", str(fast_retries)]) == 0
    assert "after 2 attempts" in capsys.readouterr().out
    assert len(handler.messages) == 1


def test_refusal_is_a_clear_error(smtp: tuple[Handler, int], fast_retries, capsys) -> None:
    handler, port = smtp
    handler.reply, handler.fail = "550 5.7.1 Message rejected as spam", 99
    assert main(["email", str(FEED), "--daily", *_args(port), "--config", str(fast_retries)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        f"summarizer: error: 127.0.0.1:{port} refused the message: 550 5.7.1 Message "
        "rejected as spam"
    )
    assert handler.messages == [] and handler.fail == 98  # no retry after a refusal


def test_server_going_away_is_retried_then_reported(fast_retries, capsys) -> None:
    port = _free_port()
    server = socket.socket()
    server.bind(("127.0.0.1", port))
    server.listen()
    accepted: list[int] = []

    def hang_up() -> None:  # accept and close at once, three times
        for _ in range(3):
            conn, _ = server.accept()
            accepted.append(1)
            conn.close()

    thread = threading.Thread(target=hang_up, daemon=True)
    thread.start()
    try:
        code = main(["email", str(FEED), "--daily", *_args(port), "--config", str(fast_retries)])
    finally:
        thread.join(timeout=5)
        server.close()
    assert code == 1 and len(accepted) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith(
        f"summarizer: error: could not deliver to 127.0.0.1:{port} after 3 "
        "attempts: SMTPServerDisconnected"
    )


def test_nobody_listening(fast_retries, capsys) -> None:
    port = _free_port()
    assert main(["email", str(FEED), "--daily", *_args(port), "--config", str(fast_retries)]) == 1
    assert "ConnectionRefusedError" in capsys.readouterr().err


def test_credentials_from_environment_are_used_and_never_printed(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    seen: list[tuple[str, str]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        assert isinstance(auth_data, LoginPassword)
        seen.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)

    handler = Handler()
    port = _free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        auth_require_tls=False,
    )
    controller.start()
    monkeypatch.setenv("SUMMARIZER_SMTP_USER", "digest-bot")
    monkeypatch.setenv("SUMMARIZER_SMTP_PASSWORD", "s3cret-pass")
    try:
        assert main(["-v", "email", str(FEED), "--daily", *_args(port)]) == 0
    finally:
        controller.stop()
    assert seen == [("digest-bot", "s3cret-pass")]
    out, err = capsys.readouterr()
    assert "s3cret-pass" not in out + err
    assert len(handler.messages) == 1


def test_eml_file_instead_of_sending(tmp_path: Path, capsys) -> None:
    target = tmp_path / "digest.eml"
    assert (
        main(
            [
                "email",
                str(SAMPLE),
                "--to",
                "a@example.org",
                "--from",
                "b@example.org",
                "--eml",
                str(target),
            ]
        )
        == 0
    )
    message = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digest.eml"]


def test_no_half_written_eml_when_the_run_fails(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    target = tmp_path / "digest.eml"
    assert (
        main(
            [
                "email",
                str(empty),
                "--to",
                "a@example.org",
                "--from",
                "b@example.org",
                "--eml",
                str(target),
            ]
        )
        == 2
    )
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_sender_is_required(capsys) -> None:
    assert main(["email", str(FEED), "--to", "a@example.org", "--eml", "/tmp/x.eml"]) == 2
    assert "no sender: give --from ADDR" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["desk@example.org\r\nBcc: evil@example.org", "a@b.org\x00"])
def test_an_address_with_a_line_break_is_refused(tmp_path: Path, bad: str, capsys) -> None:
    argv = ["email", str(SAMPLE), "--to", bad, "--from", "bot@example.org"]
    assert main([*argv, "--eml", str(tmp_path / "x.eml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("summarizer: error: address ") and "line break" in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "x.eml").exists()
