"""The error taxonomy of the toolkit.

Every failure a user can cause or fix raises a `CrispError` subclass whose
message says what was wrong and what to do. The CLI turns these into one line
on stderr and a non-zero exit; nothing else in the code prints errors.
"""


class CrispError(Exception):
    """Base of every user-facing error. `exit_code` is what the CLI exits with."""

    exit_code = 1


class ConfigError(CrispError):
    """Bad settings, flags or config files."""

    exit_code = 2


class InputError(CrispError):
    """Bad input data: a file that cannot be read, a record that does not validate."""

    exit_code = 2


class ModelSpecError(ConfigError):
    """A model spec string that names no known backend."""


class ModelNotInstalledError(CrispError):
    """A model whose weights or backend packages are not installed."""

    exit_code = 3


class ModelFileError(CrispError):
    """A model file that is missing, truncated or corrupted."""

    exit_code = 3


class BackendUnavailableError(CrispError):
    """An endpoint that cannot be reached, or a backend that failed after its retries."""

    exit_code = 4


class CapabilityError(CrispError):
    """A backend asked for something it cannot do (e.g. streaming)."""

    exit_code = 2


class StructuredOutputError(CrispError):
    """A model reply that does not fit the requested schema, even after one repair attempt.

    `raw_text` keeps what the model said, so nothing is lost.
    """

    exit_code = 5

    def __init__(self, message: str, raw_text: str = "", *, schema: str = "", field: str = "") -> None:
        super().__init__(message)
        self.raw_text = raw_text
        self.schema = schema  # the output model that was asked for
        self.field = field  # the field it broke on ("$": the reply as a whole)
