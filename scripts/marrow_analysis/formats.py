"""Which versions of Marrow's output format (docs/output-format.md) this package reads, and the
check that says clearly when a file is newer or older than that."""
import warnings

SUPPORTED_MAJOR = 1  # the layout this package was written for: format_version "1.x"
SUPPORTED_MINOR = 0  # the newest minor version it knows every dataset of


class FormatError(Exception):
    """The file is not a Marrow run file, or its format is one this package cannot read."""


class NewerFormatWarning(UserWarning):
    """The file has a newer minor version: readable, but it may hold datasets this package ignores."""


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def file_version(attrs, path="file"):
    """(major, minor) from a file's root attributes; FormatError if it has none."""
    if "format_version" not in attrs:
        raise FormatError(f"{path}: no 'format_version' attribute: not a Marrow run file, or one written "
                          f"before format 1.0 (older than this analysis package understands)")
    text = _text(attrs["format_version"])
    try:
        major = int(attrs["format_version_major"]) if "format_version_major" in attrs else int(text.split(".")[0])
        minor = int(attrs["format_version_minor"]) if "format_version_minor" in attrs else int(text.split(".")[1])
    except (ValueError, IndexError) as e:
        raise FormatError(f"{path}: unreadable format_version '{text}'") from e
    return major, minor


def check_version(attrs, path="file"):
    """Raises FormatError for a major version other than SUPPORTED_MAJOR (newer: update this package;
    older: convert or use the marrow release that wrote it); warns for a newer minor version.
    Returns (major, minor)."""
    major, minor = file_version(attrs, path)
    here = f"{SUPPORTED_MAJOR}.{SUPPORTED_MINOR}"
    if major > SUPPORTED_MAJOR:
        raise FormatError(f"{path}: output format {major}.{minor} is newer than this analysis package "
                          f"understands (it reads {SUPPORTED_MAJOR}.x up to {here}); use the scripts/marrow_analysis "
                          f"of the marrow version that wrote the file")
    if major < SUPPORTED_MAJOR:
        raise FormatError(f"{path}: output format {major}.{minor} is older than this analysis package "
                          f"understands (it reads {SUPPORTED_MAJOR}.x); use the analysis scripts of that marrow release")
    if minor > SUPPORTED_MINOR:
        warnings.warn(f"{path}: output format {major}.{minor} is newer than {here}, the newest this analysis "
                      f"package knows; it reads what format {here} defines and ignores the rest",
                      NewerFormatWarning, stacklevel=3)
    return major, minor
