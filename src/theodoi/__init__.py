"""theodoi: read Vietnamese plans, keep their register, follow their implementation."""

from theodoi.extraction import extract

__all__ = ["__version__", "extract"]
__version__ = "0.1.0"
