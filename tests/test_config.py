import pytest

from ungraph.config import SETTINGS, Settings, SettingsError


def test_defaults_match_the_settings_table() -> None:
    s = Settings()
    for setting in SETTINGS:
        assert getattr(s, setting.name) == setting.default, setting.name


def test_environment_variables_override_defaults() -> None:
    s = Settings.from_env({"UNGRAPH_QUERY_TIMEOUT": "2.5", "UNGRAPH_VALIDATE": "no", "UNGRAPH_BASE": "https://x.org/"})
    assert (s.query_timeout, s.validate, s.base) == (2.5, False, "https://x.org/")


def test_explicit_overrides_beat_environment_and_none_is_ignored() -> None:
    s = Settings.from_env({"UNGRAPH_PORT": "9000"}, port=9100, host=None)
    assert (s.port, s.host) == (9100, "127.0.0.1")


@pytest.mark.parametrize("env, message", [
    ({"UNGRAPH_PORT": "eighty"}, "expected an integer"),
    ({"UNGRAPH_PORT": "70000"}, "between 1 and 65535"),
    ({"UNGRAPH_BASE": "http://x.org"}, "ending with '/'"),
    ({"UNGRAPH_VALIDATE": "maybe"}, "expected a boolean"),
    ({"UNGRAPH_MAX_ROWS": "0"}, "at least 1"),
    ({"UNGRAPH_SHACL": "jena"}, "UNGRAPH_SHACL: one of auto, pyshacl, rust"),
])
def test_bad_values_are_rejected_with_the_variable_name(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_server_processes_default_to_the_usable_cores_and_threads_must_be_positive() -> None:
    """Issue 14: ``UNGRAPH_WORKERS`` 0 (the default) is one server process per usable core; set, it wins."""
    import os

    from ungraph.config import usable_cores

    assert Settings.from_env({}).workers == 0
    assert Settings.from_env({}).server_workers() == usable_cores() == len(os.sched_getaffinity(0))
    assert Settings.from_env({"UNGRAPH_WORKERS": "3"}).server_workers() == 3
    assert Settings.from_env({"UNGRAPH_THREADS": "2"}).threads == 2
    for bad in ({"UNGRAPH_WORKERS": "-1"}, {"UNGRAPH_THREADS": "0"}):
        with pytest.raises(SettingsError):
            Settings.from_env(bad)
