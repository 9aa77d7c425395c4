"""Settings read from the environment."""
import pytest

from spasm_coach.config import Settings


@pytest.mark.parametrize("environ, level", [
    ({}, "WARNING"),
    ({"LOG_LEVEL": "info"}, "INFO"),
    ({"AWS_LAMBDA_LOG_LEVEL": "DEBUG"}, "DEBUG"),
    ({"LOG_LEVEL": "ERROR", "AWS_LAMBDA_LOG_LEVEL": "DEBUG"}, "ERROR"),
    ({"LOG_LEVEL": "chatty"}, "WARNING"),
    ({"LOG_LEVEL": "nonsense", "AWS_LAMBDA_LOG_LEVEL": "info"}, "INFO"),
])
def test_log_level_from_the_environment(environ, level):
    assert Settings.from_env(environ).log_level == level
