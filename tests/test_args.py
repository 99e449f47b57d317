"""Argument checks and path encoding in :mod:`circleci._args`."""

from __future__ import annotations

from typing import Any

import pytest

from circleci import _args
from circleci.error import InvalidArgumentError


@pytest.mark.parametrize("value", ["x", 0, 7, "0"])
def test_required_returns_the_value(value: Any) -> None:
    assert _args.required(value) is value


@pytest.mark.parametrize("value", [None, "", True, False])
def test_required_refuses_empty_and_booleans(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="name must be a non-empty string"):
        _args.required(value, "name")


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("release/1.0", "release%2F1.0"),
        ("a/../b", "a%2F..%2Fb"),
        ("a b?c#d&e=f", "a%20b%3Fc%23d%26e%3Df"),
        ("aa:bb", "aa%3Abb"),
        ("...", "..."),
        ("naïve", "na%C3%AFve"),
        (42, "42"),
    ],
)
def test_segment_encodes_one_segment(value: Any, encoded: str) -> None:
    assert _args.segment(value) == encoded


@pytest.mark.parametrize("value", [".", "..", "", None])
def test_segment_refuses_dot_segments_and_empty(value: Any) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        _args.segment(value, "branch")

    assert "branch" in str(raised.value)


@pytest.mark.parametrize("vcs_type", ["github", "bitbucket", "gh", "bb"])
def test_vcs_accepts_v1_1_types(vcs_type: str) -> None:
    assert _args.vcs(vcs_type) == vcs_type


@pytest.mark.parametrize("vcs_type", ["gitlab", "GitHub", "", None, "github/../x"])
def test_vcs_refuses_others(vcs_type: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="vcs_type must be one of"):
        _args.vcs(vcs_type)


@pytest.mark.parametrize(("value", "text"), [(1, "1"), (12345, "12345"), ("42", "42"), ("007", "7")])
def test_build_number_accepts_positive_integers(value: Any, text: str) -> None:
    assert _args.build_number(value) == text


@pytest.mark.parametrize("value", [0, -1, 1.0, "", "0", "4a", "-1", "1/2", "²", True, None])
def test_build_number_refuses_the_rest(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="build_num"):
        _args.build_number(value)


@pytest.mark.parametrize(("value", "number"), [(1, 1), (30, 30), (100, 100), ("5", 5), ("100", 100)])
def test_limit_in_range(value: Any, number: int) -> None:
    assert _args.limit(value) == number


@pytest.mark.parametrize("value", [0, 101, -5, "0", "101", "3a", " 3", "\uff13", 30.0, True, None])
def test_limit_out_of_range(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="limit must be an integer from 1 to 100"):
        _args.limit(value)


@pytest.mark.parametrize(("value", "number"), [(0, 0), (1, 1), (10_000, 10_000), ("0", 0), ("25", 25)])
def test_offset_zero_or_more(value: Any, number: int) -> None:
    assert _args.offset(value) == number


@pytest.mark.parametrize("value", [-1, "-1", "1.5", "", 1.5, False, None])
def test_offset_refused(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="offset must be an integer of 0 or more"):
        _args.offset(value)


def test_project_path_joins_encoded_parts() -> None:
    assert _args.project_path("github", "my org", "re/po") == "project/github/my%20org/re%2Fpo"
    assert _args.project_path("bb", "o", "r", "tree", "x%2Fy") == "project/bb/o/r/tree/x%2Fy"


@pytest.mark.parametrize(("username", "project"), [("", "r"), ("o", ""), ("..", "r"), ("o", ".")])
def test_project_path_refuses_bad_names(username: str, project: str) -> None:
    with pytest.raises(InvalidArgumentError):
        _args.project_path("github", username, project)


def test_query_leaves_out_none() -> None:
    assert _args.query(a=1, b=None, c="", d=False, e=0) == {"a": 1, "c": "", "d": False, "e": 0}
    assert _args.query() == {}


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("gh/org/repo", "gh/org/repo"),
        ("circleci/0a1b-2c/3d4e", "circleci/0a1b-2c/3d4e"),
        ("gh/my org/re?po", "gh/my%20org/re%3Fpo"),
    ],
)
def test_slug_keeps_separators(value: str, encoded: str) -> None:
    assert _args.slug(value) == encoded


@pytest.mark.parametrize("value", ["gh/org/..", "gh//repo", "", None, "./org/repo"])
def test_slug_refuses_empty_and_dot_parts(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="project_slug"):
        _args.slug(value)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://output.example/0/tmp/artifacts/report.html", "report.html"),
        ("https://output.example/0/a/report%20final.txt?sig=abc#x", "report final.txt"),
        ("https://output.example/0/..%2F..%2Fx", "x"),
        ("https://output.example/0/..%5C..%5Cevil.txt", "evil.txt"),
        ("https://output.example/0/a/..", "artifact"),
        ("https://output.example/0/%2E%2E", "artifact"),
        ("https://output.example/0/dir/", "artifact"),
        ("https://output.example", "artifact"),
    ],
)
def test_artifact_filename_is_a_safe_base_name(url: str, name: str) -> None:
    assert _args.artifact_filename(url) == name


@pytest.mark.parametrize("value", [b"org", bytearray(b"org"), ["org"], ("org",), 1.5, {"a"}, object(), True])
def test_segment_refuses_what_is_not_text_or_a_number(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="name must be a non-empty string"):
        _args.segment(value, "name")


@pytest.mark.parametrize("value", ["org\udcff", "\ud800", "a\udfffb"])
def test_segment_refuses_a_lone_surrogate(value: str) -> None:
    with pytest.raises(InvalidArgumentError, match="cannot be sent"):
        _args.segment(value, "username")


@pytest.mark.parametrize("vcs_type", [["github"], {"github": 1}, b"github"])
def test_vcs_refuses_unhashable_and_bytes_values(vcs_type: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="vcs_type"):
        _args.vcs(vcs_type)


@pytest.mark.parametrize(
    "value", ["gh/org/repo/envvar", "gh/org/repo/envvar/SECRET", "gh/org", "gh", "gh/org/repo/", b"gh/org/repo", 5]
)
def test_a_project_slug_has_exactly_three_parts(value: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="project_slug"):
        _args.slug(value)


@pytest.mark.parametrize(
    ("value", "encoded"), [("gh/org", "gh/org"), ("5f2a", "5f2a"), ("circleci/9e1b", "circleci/9e1b")]
)
def test_an_org_slug_has_one_or_two_parts(value: str, encoded: str) -> None:
    assert _args.slug(value, "org_slug") == encoded
    with pytest.raises(InvalidArgumentError, match="org_slug"):
        _args.slug(f"{value}/x/y", "org_slug")


@pytest.mark.parametrize("name", ["C:evil.exe", "c:", "Z:/x", "C:\\x", "a\x00b", "dir/\x00", b"x", 5, None])
def test_local_filename_refuses_drives_nul_and_non_text(name: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="filename"):
        _args.local_filename(name)


@pytest.mark.parametrize("name", ["logs/C:x", "ab:c", "build.log"])
def test_local_filename_accepts_colons_that_are_not_drives(name: str) -> None:
    assert _args.local_filename(name) == name


@pytest.mark.parametrize(
    ("url", "name"),
    [("https://h/0/C:evil.exe", "C_evil.exe"), ("https://h/0/x%5Cd%3Ay", "d_y"), ("https://h/0/ab%3Ac", "ab:c")],
)
def test_artifact_filename_never_gives_a_drive(url: str, name: str) -> None:
    assert _args.artifact_filename(url) == name


def test_artifact_filename_refuses_nul() -> None:
    with pytest.raises(InvalidArgumentError, match="NUL"):
        _args.artifact_filename("https://h/0/a%00.txt")
