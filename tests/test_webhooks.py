"""circleci.webhooks against hostile headers, several secrets and text bodies (CircleCI's vectors from API-FACTS)."""

from __future__ import annotations

import pytest

from circleci.webhooks import signature, verify_signature

HELLO = "734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a"
FOO = "773ba44693c7553d6ee20f61ea5d2757a9a4f4a44d2841ae4e95b52e4cd62db4"


def test_the_published_vectors() -> None:
    assert signature(b"hello world", "secret") == HELLO
    assert signature("foo", b"secret") == FOO
    assert verify_signature("secret", b"foo", f"v1={FOO}")
    assert verify_signature("secret", "foo", f"v1={FOO.upper()}")


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "v1=zz\u00e9",
        "v1=\udcff",
        f"v0={FOO}",
        "v1=",
        "garbage",
        f"v1={FOO[:-1]}",
        "v1=" + "\u0663" * 64,
    ],
)
def test_a_hostile_or_wrong_header_is_false_never_an_exception(header: object) -> None:
    assert verify_signature("secret", b"foo", header) is False  # type: ignore[arg-type]


@pytest.mark.parametrize("secrets", [["old", "secret"], ("old", "secret"), [b"old", b"secret"]])
def test_any_of_several_secrets(secrets: object) -> None:
    assert verify_signature(secrets, b"foo", f"v2=abc,v1=deadbeef,v1={FOO}")  # type: ignore[arg-type]
    assert not verify_signature(secrets, b"bar", f"v1={FOO}")  # type: ignore[arg-type]
