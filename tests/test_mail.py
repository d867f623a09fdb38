"""E-mail digests through a real local SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
import time
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
    err = capsys.readouterr().err.strip().splitlines()
    where = f"127.0.0.1:{port}"
    assert err[0] == (
        f"summarizer: warning: temporary failure at {where} (SMTPServerDisconnected: "
        "Connection unexpectedly closed); retrying in 0.0 s (attempt 2 of 3)"
    )
    assert err[1].endswith("retrying in 0.0 s (attempt 3 of 3)")
    assert err[2].startswith(
        f"summarizer: error: could not deliver to {where} after 3 attempts: SMTPServerDisconnected"
    )
    assert len(err) == 3


def test_retries_are_said_on_stderr(smtp: tuple[Handler, int], fast_retries, capsys) -> None:
    handler, port = smtp
    handler.reply, handler.fail = "451 4.3.0 Try again later", 1
    assert main(["email", str(FEED), "--daily", *_args(port), "--config", str(fast_retries)]) == 0
    assert capsys.readouterr().err == (
        f"summarizer: warning: temporary failure at 127.0.0.1:{port} (451 4.3.0 Try again "
        "later); retrying in 0.0 s (attempt 2 of 3)\n"
    )


def test_nobody_listening_is_not_retried(tmp_path: Path, capsys) -> None:
    config = tmp_path / "mail.toml"
    config.write_text("[mail]\nretries = 2\nretry_delay = 3.0\n")
    port = _free_port()
    start = time.perf_counter()
    assert main(["email", str(FEED), "--daily", *_args(port), "--config", str(config)]) == 1
    assert time.perf_counter() - start < 3  # no retry, no waiting
    assert capsys.readouterr().err == (
        f"summarizer: error: cannot reach 127.0.0.1:{port}: connection refused (is an SMTP "
        "server listening there?)\n"
    )


def test_an_unknown_host_is_not_retried(tmp_path: Path, capsys) -> None:
    config = tmp_path / "mail.toml"
    config.write_text("[mail]\nretries = 2\nretry_delay = 3.0\n")
    argv = ["email", str(FEED), "--daily", "--to", "a@example.org", "--from", "b@example.org"]
    start = time.perf_counter()
    code = main([*argv, "--smtp-host", "no-such-host.invalid", "--config", str(config)])
    assert code == 1 and time.perf_counter() - start < 3
    err = capsys.readouterr().err
    assert err.startswith("summarizer: error: cannot reach no-such-host.invalid:587: host name")
    assert len(err.splitlines()) == 1


def test_a_server_dripping_one_byte_at_a_time_meets_the_deadline(tmp_path: Path, capsys) -> None:
    config = tmp_path / "mail.toml"
    config.write_text("[mail]\nretries = 1\nretry_delay = 0.0\ntimeout = 1.5\n")
    port = _free_port()
    server = socket.socket()
    server.bind(("127.0.0.1", port))
    server.listen()
    stop = threading.Event()

    def drip() -> None:  # "220 ..." one byte every 0.3 s, never a whole line
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                while not stop.is_set():
                    try:
                        conn.sendall(b"2")
                    except OSError:
                        break
                    stop.wait(0.3)

    threading.Thread(target=drip, daemon=True).start()
    codes: list[int] = []
    argv = ["email", str(FEED), "--daily", *_args(port), "--config", str(config)]
    runner = threading.Thread(target=lambda: codes.append(main(argv)), daemon=True)
    start = time.perf_counter()
    runner.start()
    runner.join(timeout=30)
    elapsed = time.perf_counter() - start
    stop.set()
    server.close()
    assert not runner.is_alive() and codes == [1]
    assert elapsed < 15
    err = capsys.readouterr().err.splitlines()
    assert "no complete answer within 1.5 s ([mail] timeout)" in err[0]
    assert err[-1].startswith(
        f"summarizer: error: could not deliver to 127.0.0.1:{port} after 2 attempts: "
        "TimeoutError: no complete answer within 1.5 s"
    )


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
        assert main(["email", str(FEED), "--daily", *_args(port)]) == 2  # refused: clear text
        assert capsys.readouterr().err == (
            f"summarizer: error: refusing to send the SMTP login to 127.0.0.1:{port} in clear "
            "text (--no-tls); use --starttls or --ssl, or --allow-plain-auth for a relay you "
            "trust\n"
        )
        assert seen == [] and handler.messages == []
        argv = ["-v", "email", str(FEED), "--daily", *_args(port), "--allow-plain-auth"]
        assert main(argv) == 0
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


@pytest.mark.parametrize("port", ["99999", "0", "65536", "-1", "x"])
def test_a_port_out_of_range_is_a_usage_error(port: str, capsys) -> None:
    argv = ["email", str(SAMPLE), "--to", "a@example.org", "--from", "b@example.org"]
    assert main([*argv, "--smtp-port", port]) == 2
    assert "must be a port number from 1 to 65535" in capsys.readouterr().err


def test_a_port_out_of_range_in_the_config_is_a_config_error(tmp_path: Path, capsys) -> None:
    config = tmp_path / "mail.toml"
    config.write_text("[mail]\nsmtp_port = 99999\n")
    argv = ["email", str(SAMPLE), "--to", "a@example.org", "--from", "b@example.org"]
    assert main([*argv, "--config", str(config)]) == 2
    assert "'smtp_port' parameter of MailConfig must be a port number" in capsys.readouterr().err
