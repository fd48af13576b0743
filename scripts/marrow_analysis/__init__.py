"""marrow_analysis: post-hoc analysis of Marrow's HDF5 output (docs/analysis.md).
Put the scripts/ folder on sys.path (or PYTHONPATH) and `from marrow_analysis import load`."""
from .formats import FormatError, NewerFormatWarning, SUPPORTED_MAJOR, SUPPORTED_MINOR, check_version
from .loader import IncompleteRunError, Results, load, open_run

__all__ = ["FormatError", "NewerFormatWarning", "IncompleteRunError", "Results", "load", "open_run", "check_version",
           "SUPPORTED_MAJOR", "SUPPORTED_MINOR"]
