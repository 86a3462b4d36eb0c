"""The exception hierarchy: every error the library raises on purpose is an ``EventwireError``."""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose; the CLI turns it into one line and exit code 1."""


class ConfigError(EventwireError):
    """A setting, a model name or a pipeline definition is wrong; the message says how to fix it."""


class PipelineOrderError(ConfigError):
    """A stage needs something that no earlier stage assigns."""


class ReadError(EventwireError):
    """An input could not be read as an article (empty, binary, malformed header, bad JSON line...)."""

    def __init__(self, reason: str, *, path: str | None = None, line: int | None = None,
                 offset: int | None = None) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        self.offset = offset  # byte offset of the item within its file (a WARC record), when it has one
        where = path or "<input>"
        if line is not None:
            where += f":{line}"
        elif offset is not None:
            where += f"@{offset}"
        super().__init__(f"{where}: {reason}")

    @classmethod
    def from_os_error(cls, exc: OSError, path: str) -> ReadError:
        """The one wording of an input that cannot be opened or read."""
        return cls(f"cannot read: {exc.strerror or exc}", path=path)

    @property
    def skipped(self) -> bool:
        """A deliberate skip ("skipped: same URL as line 3"), not a failure."""
        return self.reason.startswith("skipped:")


class ProcessingError(EventwireError):
    """A stage failed on an article (the message names the stage, the article and the reason)."""


class KnowledgeError(EventwireError):
    """A knowledge file is invalid; ``problems`` lists line-numbered messages."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))


class StoreError(EventwireError):
    """The store cannot be opened, migrated or written."""
