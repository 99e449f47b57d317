"""Tests against circleci.com, run only when a token and a test project are set."""
