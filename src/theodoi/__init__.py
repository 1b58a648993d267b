"""theodoi: read Vietnamese plans, keep their register, follow their implementation."""

from theodoi.extraction import extract

__all__ = ["extract", "__version__"]
__version__ = "0.1.0"
